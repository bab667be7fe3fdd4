/**
 * Shape checking: raw config (as read from a stack file or `pulumi.Config`) -> typed StackConfig, with
 * zod's issues turned into findings that carry a key path, the value found and a fix. This file reads the
 * issue and describes the values (the type expected, the value found, how the key's line would read); the
 * sentences they go into are the catalogue's (components/core/catalogue/shape.ts).
 */
import type { z } from "zod";
import type { ShapeFix, ShapeProblem } from "./catalogue/shape";
import { at, finding, type Finding } from "./findings";
import { RESOURCE_NAME_PATTERN, secretSchema, stackConfigSchema, type StackConfig } from "./schema";

/**
 * The project's name: its config namespace (`ipv6-cluster-network:<key>`), the default project of an inline stack,
 * and the prefix of the Name tags.
 */
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

/**
 * The schema at a key path (optional, default and nullable wrappers removed; a list's element, a map's
 * value), undefined where the contract has no such key.
 */
export function schemaAt(path: readonly (string | number)[]): unknown {
  const unwrap = (s: unknown): unknown => {
    while (s && typeof s === "object" && "unwrap" in s && typeof (s as { unwrap: unknown }).unwrap === "function")
      s = (s as { unwrap(): unknown }).unwrap();
    return s;
  };
  let s: unknown = stackConfigSchema;
  for (const k of path) {
    if (s === undefined) return undefined;
    // (zod 4 arrays unwrap to their element too, so the element may already be there.)
    if (typeof k === "number") s = (s as { element?: unknown }).element ?? s;
    else {
      const shape = (s as { shape?: Record<string, unknown> }).shape;
      const def = (s as { def?: { type?: string; valueType?: unknown } }).def;
      s = shape ? shape[k] : def?.type === "record" ? def.valueType : undefined;
    }
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

/** A type as zod names it, in words: "expected true or false". */
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

/** Where a shape issue sits: the key path, as `pulumi config set --path` spells it, and the value found. */
interface Spot {
  path: readonly (string | number)[];
  where: string;
  value: unknown;
}

/** CONFIG_INVALID_TYPE's parameters: what is wrong, and what to type instead. */
type InvalidShape = { problem: ShapeProblem; fix: ShapeFix };

const REFERENCE: ShapeFix = { kind: "reference" };

/** A value of the wrong type (`expected` as zod names it): what was expected, what was found, and the fix. */
function wrongType(spot: Spot, expected: string): InvalidShape {
  const words = EXPECTED[expected] ?? expected;
  const json = brokenJson(spot.path, spot.value);
  if (json !== undefined)
    return { problem: { kind: "brokenJson", expected: words, error: json }, fix: { kind: "yamlOrJson" } };
  return { problem: { kind: "type", expected: words, got: describe(spot.value) }, fix: typeFix(spot, expected) };
}

/** The fix for a value of the wrong type, by the type expected and the value found. */
function typeFix(spot: Spot, expected: string): ShapeFix {
  if (spot.value === null) return { kind: spot.where === "vpc.ipv6" ? "ipv6Null" : "giveValue" };
  switch (expected) {
    case "string":
      return textFix(spot);
    case "number":
    case "int":
      return numberFix(spot);
    case "boolean":
      return booleanFix(spot);
    case "object":
    case "record":
      return mapFix(spot);
    case "array":
      return listFix(spot);
    default:
      return REFERENCE;
  }
}

/** Text expected: a number or boolean YAML read from an unquoted value gets quoted. */
function textFix({ path, where, value }: Spot): ShapeFix {
  if (typeof value === "number" || typeof value === "boolean")
    return {
      kind: "quoteText",
      line: line(path, JSON.stringify(String(value))),
      value: String(value),
      type: typeof value,
      configKey: `${PROJECT}:${where}`,
    };
  return { kind: "singleText" };
}

/** A whole number expected: a quoted number loses its quotes, a fraction is rounded. */
function numberFix({ path, value }: Spot): ShapeFix {
  if (typeof value === "string" && /^[ \t]*-?[0-9]+(\.[0-9]+)?[ \t]*$/.test(value))
    return { kind: "unquoteNumber", line: line(path, value.trim()) };
  if (typeof value === "number") return { kind: "roundNumber", line: line(path, String(Math.round(value))) };
  return { kind: "wholeNumber" };
}

/** A boolean expected: a quoted true/false loses its quotes; yes/no/on/off are text to Pulumi. */
function booleanFix({ path, value }: Spot): ShapeFix {
  if (value === "true" || value === "false") return { kind: "unquoteBoolean", line: line(path, value) };
  if (typeof value === "string" && BOOLEAN_WORDS.test(value)) return { kind: "booleanWord", value };
  return { kind: "trueOrFalse", line: line(path, "true") };
}

/** A map expected: vpc.ipv6 gets the form its value likely meant; a list or other value, a map. */
function mapFix({ path, where, value }: Spot): ShapeFix {
  if (where === "vpc.ipv6") {
    if (value === true) return { kind: "ipv6True" };
    if (value === false) return { kind: "ipv6False" };
    if (typeof value === "string") return { kind: "ipv6Text", value };
  }
  if (Array.isArray(value)) return { kind: "mapNotList", key: String(path[path.length - 1]) };
  return { kind: "map", key: String(path[path.length - 1] ?? "the key") };
}

/** A list expected: comma-separated text becomes the list it spells. */
function listFix({ path, value }: Spot): ShapeFix {
  if (typeof value !== "string") return { kind: "list" };
  const items = value
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  return { kind: "listFromText", line: line(path, `[${items.join(", ")}]`) };
}

/** An empty value: zones may be left out (the region's zones), an empty list element removed, a key left out. */
function emptyFix(path: readonly (string | number)[], where: string, list: boolean): ShapeFix {
  if (list) return { kind: where === "zones" ? "zonesEmpty" : "emptyList" };
  return { kind: typeof path[path.length - 1] === "number" ? "emptyElement" : "emptyKey" };
}

type SizeIssue = z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig;

/** A list or text too short or too long; a minimum of 1 means it is empty. */
function wrongSize({ path, where }: Spot, issue: SizeIssue): InvalidShape {
  const list = issue.origin === "array";
  const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
  if (issue.code === "too_small" && Number(bound) === 1) {
    return { problem: { kind: "empty", list }, fix: emptyFix(path, where, list) };
  }
  const unit = list ? "elements" : issue.origin === "string" ? "characters" : "";
  return { problem: { kind: "bound", most: issue.code === "too_big", bound: String(bound), unit }, fix: REFERENCE };
}

/** Text of the wrong form: a name AWS resources cannot take gets a suggestion; other forms, the schema's message. */
function wrongFormat({ value }: Spot, issue: z.core.$ZodIssueInvalidStringFormat): InvalidShape {
  if (issue.format === "regex" && issue.pattern === String(RESOURCE_NAME_PATTERN) && typeof value === "string") {
    const suggestion = value
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^[^A-Za-z0-9]+/, "")
      .slice(0, 63);
    return {
      problem: { kind: "resourceName", reason: issue.message },
      fix: suggestion ? { kind: "rename", suggestion } : REFERENCE,
    };
  }
  return { problem: ownWords(issue, { kind: "form" }), fix: REFERENCE };
}

/** The schema's own message, or `instead` where the message is zod's. */
function ownWords(issue: z.core.$ZodIssue, instead: ShapeProblem): ShapeProblem {
  return ZOD_WORDING.test(issue.message) ? instead : { kind: "schema", text: issue.message };
}

/** None of a union's forms: a secret's key says how to set one. */
function noForm({ path, where, value }: Spot): InvalidShape {
  if (schemaAt(path) === secretSchema) {
    const file = String(path[path.length - 1] ?? "") || "file";
    return {
      problem: { kind: "secret", got: describe(value) },
      fix: { kind: "secret", configKey: `${PROJECT}:${where}`, file },
    };
  }
  return { problem: { kind: "noForm", got: describe(value) }, fix: REFERENCE };
}

/** CONFIG_INVALID_TYPE's parameters for an issue about a value that is there. */
function invalidShape(spot: Spot, issue: z.core.$ZodIssue): InvalidShape {
  switch (issue.code) {
    case "invalid_type":
      return wrongType(spot, issue.expected);
    case "too_small":
    case "too_big":
      return wrongSize(spot, issue);
    case "invalid_format":
      return wrongFormat(spot, issue);
    case "invalid_union":
      return noForm(spot);
    default:
      return { problem: ownWords(issue, { kind: "notTaken", got: describe(spot.value) }), fix: REFERENCE };
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

/** A value outside the key's options, with the closest option (or the natGateways mode a count means). */
function invalidValue({ where, value }: Spot, values: readonly unknown[]): Finding {
  const options = values.map(String);
  const natMode = where === "natGateways" ? natGatewaysGuess(value) : undefined;
  if (natMode) return finding("CONFIG_INVALID_VALUE", where, value, { options, natMode });
  const text = typeof value === "string";
  return finding("CONFIG_INVALID_VALUE", where, value, {
    options,
    got: text ? undefined : describe(value),
    guess: text ? closest(value, options) : undefined,
  });
}

/** One CONFIG_UNKNOWN_KEY per key zod did not recognise, with the closest known key. */
function unknownKeys(raw: unknown, path: readonly (string | number)[], keys: readonly string[]): Finding[] {
  const known = knownKeysAt(path);
  return keys.map((key) =>
    finding("CONFIG_UNKNOWN_KEY", at(...path, key), valueAt(raw, [...path, key]), {
      key,
      known,
      guess: closest(key, known),
    }),
  );
}

/** The findings of one zod issue: unknown keys, a missing key, a value outside its options, or a wrong shape. */
function issueToFindings(raw: unknown, issue: z.core.$ZodIssue): Finding[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") return unknownKeys(raw, path, issue.keys);
  const spot: Spot = { path, where: at(...path) || "(config)", value: valueAt(raw, path) };
  if (spot.value === undefined) {
    const name = String(path[path.length - 1] ?? "");
    return [finding("CONFIG_REQUIRED", spot.where, spot.value, { key: spot.where, name })];
  }
  if (issue.code === "invalid_value") return [invalidValue(spot, issue.values)];
  return [finding("CONFIG_INVALID_TYPE", spot.where, spot.value, invalidShape(spot, issue))];
}

/**
 * The shape check's result: the typed config, or every finding (with the config without its unknown keys when those
 * are its only problem).
 */
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
