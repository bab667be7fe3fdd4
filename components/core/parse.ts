/**
 * Shape checking: raw config (as read from a stack file or `pulumi.Config`) -> typed StackConfig, with
 * zod's issues turned into findings that carry a key path, the value found and a fix.
 */
import type { z } from "zod";
import { at, error, type Finding } from "./findings";
import { stackConfigSchema, type StackConfig } from "./schema";

export const PROJECT = "ipv6-cluster-network";

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = raw;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** Levenshtein distance, for "did you mean" on misspelt keys. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dd = distance(word, c);
    if (dd < bestD) [best, bestD] = [c, dd];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Known keys of the (strict) object schema at `path`, for suggestions. */
function knownKeysAt(path: readonly (string | number)[]): string[] {
  let s: unknown = stackConfigSchema;
  for (const k of path) {
    if (typeof k === "number") s = (s as { element?: unknown }).element ?? s;
    else s = (s as { shape?: Record<string, unknown> }).shape?.[k];
    while (s && typeof s === "object" && "unwrap" in s && typeof (s as { unwrap: unknown }).unwrap === "function") {
      s = (s as { unwrap(): unknown }).unwrap();
    }
  }
  const shape = (s as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function issueToFindings(raw: unknown, issue: z.core.$ZodIssue): Finding[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(path);
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      return error(
        "CONFIG_UNKNOWN_KEY",
        at(...path, key),
        valueAt(raw, [...path, key]),
        `unknown key "${key}"`,
        guess ? `did you mean "${guess}"? Known keys here: ${known.join(", ")}` : `remove it; known keys here: ${known.join(", ")}`,
      );
    });
  }
  const value = valueAt(raw, path);
  const where = at(...path) || "(config)";
  if (value === undefined) {
    return [error("CONFIG_REQUIRED", where, value, `required key is missing (${issue.message})`, `set ${where}; see the config reference in README.md`)];
  }
  if (issue.code === "invalid_value" && "values" in issue) {
    const options = issue.values.map(String);
    const guess = typeof value === "string" ? closest(value, options) : undefined;
    return [error("CONFIG_INVALID_VALUE", where, value, `must be one of ${options.join(" | ")}`, guess ? `did you mean "${guess}"?` : `use one of ${options.join(", ")}`)];
  }
  return [error("CONFIG_INVALID_TYPE", where, value, issue.message, "see the config reference in README.md for this key's type and an example")];
}

export type ParseOutcome =
  | { ok: true; config: StackConfig }
  | {
      ok: false;
      findings: Finding[];
      /**
       * The config without its unknown keys, when those are its only shape problems. A misspelt key is the
       * most common mistake; with this the planner still checks the rest, so the user sees every problem in
       * one run instead of one round per fix.
       */
      withoutUnknownKeys?: StackConfig;
    };

/** A copy of `raw` without the keys zod reported as unknown (they sit in plain objects and arrays). */
function dropKeys(raw: Record<string, unknown>, issues: readonly z.core.$ZodIssue[]): Record<string, unknown> {
  const copy = structuredClone(raw);
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const holder = valueAt(copy, issue.path);
    if (holder && typeof holder === "object") for (const key of issue.keys) delete (holder as Record<string, unknown>)[key];
  }
  return copy;
}

/** Checks the shape of the config namespace's values (keys without the `ipv6-cluster-network:` prefix). */
export function parseStackConfig(raw: Record<string, unknown>): ParseOutcome {
  const result = stackConfigSchema.safeParse(raw);
  if (result.success) return { ok: true, config: result.data };
  const issues = result.error.issues;
  const findings = issues.flatMap((i) => issueToFindings(raw, i));
  if (!issues.every((i) => i.code === "unrecognized_keys")) return { ok: false, findings };
  const retry = stackConfigSchema.safeParse(dropKeys(raw, issues));
  return retry.success ? { ok: false, findings, withoutUnknownKeys: retry.data } : { ok: false, findings };
}
