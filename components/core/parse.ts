/**
 * Shape checking: raw config (as read from a stack file or `pulumi.Config`) -> typed StackConfig, with
 * zod's issues turned into findings that carry a key path, the value found and a fix.
 */
import type { z } from "zod";
import { at, error, type Finding } from "./findings";
import { RESOURCE_NAME_PATTERN, secretSchema, stackConfigSchema, type StackConfig } from "./schema";

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

/** The schema at `path` (optional and nullable wrappers removed), undefined where the schema has none. */
function schemaAt(path: readonly (string | number)[]): unknown {
  const unwrap = (s: unknown): unknown => {
    while (s && typeof s === "object" && "unwrap" in s && typeof (s as { unwrap: unknown }).unwrap === "function")
      s = (s as { unwrap(): unknown }).unwrap();
    return s;
  };
  let s: unknown = stackConfigSchema;
  for (const k of path) {
    if (typeof k === "number") s = (s as { element?: unknown }).element ?? s;
    else s = (s as { shape?: Record<string, unknown> }).shape?.[k];
    s = unwrap(s);
  }
  return s;
}

/** Known keys of the (strict) object schema at `path`, for suggestions. */
function knownKeysAt(path: readonly (string | number)[]): string[] {
  const shape = (schemaAt(path) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** A value in words, for "expected X, got Y". */
function describe(v: unknown): string {
  if (v === null) return "an empty value (null)";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `the text ${JSON.stringify(v)}`;
  if (typeof v === "number") return Number.isFinite(v) ? `the number ${v}` : String(v);
  if (typeof v === "object") return "a map";
  return String(v);
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a map (key: value lines)",
  record: "a map (key: value lines)",
  array: "a list",
};

/** How the key's own line would read in the stack file: `cidrBlock: 10.0.0.0/16`, or `- us-east-1a` in a list. */
function line(path: readonly (string | number)[], text: string): string {
  const last = path[path.length - 1];
  return typeof last === "number" ? `- ${text}` : `${String(last ?? "value")}: ${text}`;
}

/** Examples for the keys a config must have. */
const REQUIRED: Record<string, string> = {
  vpc: "e.g. vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} } (an IPv4 block AWS requires, and an Amazon-provided IPv6 /56)",
  "vpc.cidrBlock": "the VPC's IPv4 block, which AWS requires on every VPC, e.g. cidrBlock: 10.0.0.0/16",
  "vpc.ipv6.ipamPool.id": "the IPAM pool's id, e.g. id: ipam-pool-0123456789abcdef0",
  name: "every subnet needs name, zone and type, e.g. { name: private-us-east-1a, zone: us-east-1a, type: Private }",
  zone: "every subnet needs name, zone and type, e.g. { name: private-us-east-1a, zone: us-east-1a, type: Private }",
  type: "every subnet needs name, zone and type, e.g. { name: private-us-east-1a, zone: us-east-1a, type: Private }",
};

const REFERENCE = "see docs/configuration.md for this key's type and an example";

/** zod's own wording ("Invalid input: expected string, received number"): never shown to a user. */
const ZOD_WORDING = /^(Invalid|Too (small|big)|Unrecognized|Expected|Required)\b/;

const BOOLEAN_WORDS = /^(yes|no|y|n|on|off)$/i;

/** A top-level value that was text meant as JSON but does not parse (`vpc: '{cidrBlock: 10.0.0.0/16}'`). */
function brokenJson(path: readonly (string | number)[], value: unknown): string | undefined {
  if (path.length !== 1 || typeof value !== "string" || !/^[ \t\n\r]*[[{]/.test(value)) return undefined;
  try {
    JSON.parse(value);
    return undefined;
  } catch (e) {
    return String((e as Error).message).replace(/^JSON\.parse: /, "");
  }
}

/** Message and fix for a value of the wrong type (`expected` as zod names it). */
function wrongType(
  path: readonly (string | number)[],
  where: string,
  expected: string,
  value: unknown,
): [string, string] {
  const message = `expected ${EXPECTED[expected] ?? expected}, got ${describe(value)}`;
  const setPath = `'${PROJECT}:${where}'`;
  if (value === null) {
    if (where === "vpc.ipv6")
      return [
        message,
        "write ipv6: {} for an Amazon-provided /56 (an empty ipv6: is null, not an empty map), or leave ipv6 out for an IPv4-only VPC",
      ];
    return [message, "give it a value, or leave the key out"];
  }
  const json = brokenJson(path, value);
  if (json !== undefined) {
    return [
      `expected ${EXPECTED[expected] ?? expected}, got text that is not valid JSON (${json})`,
      "write the value as YAML (lines under the key, no quotes around the whole), or as valid JSON text with every key and text value in double quotes",
    ];
  }
  switch (expected) {
    case "string":
      if (typeof value === "number" || typeof value === "boolean") {
        return [
          message,
          `quote it in the stack file (${line(path, JSON.stringify(String(value)))}): unquoted, YAML reads ${value} as a ${typeof value}; or set it as text: pulumi config set --path --type string ${setPath} ${value}`,
        ];
      }
      return [message, `write a single text value here; ${REFERENCE}`];
    case "number":
    case "int":
      if (typeof value === "string" && /^[ \t]*-?[0-9]+(\.[0-9]+)?[ \t]*$/.test(value)) {
        return [
          message,
          `write it without quotes (${line(path, value.trim())}): quoted, it is text; pulumi config set --path stores an integer as a number`,
        ];
      }
      if (typeof value === "number")
        return [message, `use a whole number (a prefix length), e.g. ${line(path, String(Math.round(value)))}`];
      return [message, `write a whole number without quotes; ${REFERENCE}`];
    case "boolean":
      if (value === "true" || value === "false")
        return [message, `write it without quotes (${line(path, value)}): quoted, it is text`];
      if (typeof value === "string" && BOOLEAN_WORDS.test(value))
        return [message, `write true or false: Pulumi, like YAML 1.2, reads ${value} as text, not as a boolean`];
      return [message, `write true or false (${line(path, "true")})`];
    case "object":
    case "record":
      if (where === "vpc.ipv6") {
        if (value === true)
          return [
            message,
            "write ipv6: {} for an Amazon-provided /56 (or ipv6: { ipamPool: { id: ... } } for an IPAM pool, { poolId: ..., cidrBlock: ... } for your own block)",
          ];
        if (value === false)
          return [message, "leave ipv6 out for an IPv4-only VPC (ipv6: {} gives it an Amazon-provided /56)"];
        if (typeof value === "string")
          return [
            message,
            `write ipv6: { cidrBlock: ${value} } together with poolId (your own block) or vpc.id (an existing VPC's block), or ipv6: {} for an Amazon-provided /56`,
          ];
      }
      if (Array.isArray(value))
        return [
          message,
          `write a map (key: value lines under ${String(path[path.length - 1])}:), not a list; ${REFERENCE}`,
        ];
      return [
        message,
        `write a map (key: value lines under ${String(path[path.length - 1] ?? "the key")}:); ${REFERENCE}`,
      ];
    case "array":
      if (typeof value === "string") {
        const items = value
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean);
        return [
          message,
          `write a list, e.g. ${line(path, `[${items.join(", ")}]`)} (or one "- item" line per element)`,
        ];
      }
      return [message, `write a list: one "- item" line per element, or [a, b]; ${REFERENCE}`];
    default:
      return [message, REFERENCE];
  }
}

/** natGateways counts nothing: a number there is most likely meant as a mode. */
function natGatewaysGuess(value: unknown): string | undefined {
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^[0-9]+$/.test(value.trim())
        ? Number(value)
        : undefined;
  if (n === undefined) return undefined;
  return n === 0 ? "none" : n === 1 ? "single" : "perZone";
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
        guess
          ? `did you mean "${guess}"? Known keys here: ${known.join(", ")}`
          : `remove it; known keys here: ${known.join(", ")}`,
      );
    });
  }
  const value = valueAt(raw, path);
  const where = at(...path) || "(config)";
  const last = String(path[path.length - 1] ?? "");
  if (value === undefined) {
    const example = REQUIRED[where] ?? REQUIRED[last];
    return [
      error(
        "CONFIG_REQUIRED",
        where,
        value,
        "required key is missing",
        `set ${where}${example ? `: ${example}` : "; see docs/configuration.md"}`,
      ),
    ];
  }
  switch (issue.code) {
    case "invalid_value": {
      const options = issue.values.map(String);
      const mode = where === "natGateways" ? natGatewaysGuess(value) : undefined;
      if (mode) {
        return [
          error(
            "CONFIG_INVALID_VALUE",
            where,
            value,
            `natGateways is a mode, not a count: must be one of ${options.join(" | ")}`,
            `did you mean "${mode}"? (perZone: a NAT gateway in each zone; single: one for all zones; none: no NAT gateway)`,
          ),
        ];
      }
      const guess = typeof value === "string" ? closest(value, options) : undefined;
      const got = typeof value === "string" ? "" : `, not ${describe(value)}`;
      return [
        error(
          "CONFIG_INVALID_VALUE",
          where,
          value,
          `must be one of ${options.join(" | ")}${got}`,
          guess ? `did you mean "${guess}"?` : `use one of ${options.join(", ")}`,
        ),
      ];
    }
    case "invalid_type": {
      const [message, fix] = wrongType(path, where, issue.expected, value);
      return [error("CONFIG_INVALID_TYPE", where, value, message, fix)];
    }
    case "too_small":
    case "too_big": {
      const list = issue.origin === "array";
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      if (issue.code === "too_small" && Number(bound) === 1) {
        if (list && where === "zones")
          return [
            error(
              "CONFIG_INVALID_TYPE",
              where,
              value,
              "is an empty list",
              "list at least one zone, or leave zones out for the region's first three standard zones",
            ),
          ];
        const fix = list
          ? "list at least one element, or leave the key out"
          : typeof path[path.length - 1] === "number"
            ? "write a value, or remove the empty element"
            : "write a value, or leave the key out";
        return [error("CONFIG_INVALID_TYPE", where, value, list ? "is an empty list" : "is empty", fix)];
      }
      const unit = list ? "elements" : issue.origin === "string" ? "characters" : "";
      const message = `must be ${issue.code === "too_small" ? "at least" : "at most"} ${String(bound)}${unit ? ` ${unit}` : ""}`;
      return [error("CONFIG_INVALID_TYPE", where, value, message, REFERENCE)];
    }
    case "invalid_format": {
      if (issue.format === "regex" && issue.pattern === String(RESOURCE_NAME_PATTERN) && typeof value === "string") {
        const suggestion = value
          .replace(/[^A-Za-z0-9._-]+/g, "-")
          .replace(/^[^A-Za-z0-9]+/, "")
          .slice(0, 63);
        return [
          error(
            "CONFIG_INVALID_TYPE",
            where,
            value,
            `cannot name AWS resources: ${issue.message}`,
            suggestion ? `rename it, e.g. "${suggestion}" (every resource of the subnet is named after it)` : REFERENCE,
          ),
        ];
      }
      const message = ZOD_WORDING.test(issue.message) ? "does not have the form this key takes" : issue.message;
      return [error("CONFIG_INVALID_TYPE", where, value, message, REFERENCE)];
    }
    case "invalid_union": {
      if (schemaAt(path) === secretSchema) {
        return [
          error(
            "CONFIG_INVALID_TYPE",
            where,
            value,
            `expected text or an encrypted secret ({ secure: ... }), got ${describe(value)}`,
            `set it as a secret: pulumi config set --secret --path '${PROJECT}:${where}' "$(cat ${last || "file"})"`,
          ),
        ];
      }
      return [
        error(
          "CONFIG_INVALID_TYPE",
          where,
          value,
          `got ${describe(value)}, which is none of the forms this key takes`,
          REFERENCE,
        ),
      ];
    }
    default: {
      const message = ZOD_WORDING.test(issue.message)
        ? `${describe(value)} is not a value this key takes`
        : issue.message;
      return [error("CONFIG_INVALID_TYPE", where, value, message, REFERENCE)];
    }
  }
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
    if (holder && typeof holder === "object")
      for (const key of issue.keys) delete (holder as Record<string, unknown>)[key];
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
