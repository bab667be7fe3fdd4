/**
 * Turning Pulumi's flat config (`{"ipv6-cluster-network:vpc": "<json>"}`) into the namespace's raw values,
 * without loading the Pulumi SDK. There is one reading for every reader: the program gets each value as
 * text from the engine; the offline plan and `config:check` first turn a stack-file value into the text
 * the engine would pass (`engineText`), then read it the same way (`fileValue`).
 */
import { PROJECT } from "../core/parse";
import { stackConfigSchema } from "../core/schema";

/**
 * A stack's config as the program reads it, before the shape check: the project namespace's values and the AWS
 * region.
 */
export interface RawConfig {
  /** Values of the project's namespace by key (`vpc`, `subnets`, ...), parsed from JSON where they are JSON. */
  values: Record<string, unknown>;
  /** AWS region (`aws:region`), when set. */
  region?: string;
}

/**
 * What the Pulumi engine passes the program for a value of the stack file: text as written (whatever
 * it holds: `pulumi config set` without --path and the Automation API store a whole key as text,
 * `"true"` and `'{"cidrBlock":...}'` included), anything structured as JSON (`true`, `64`, `{...}`).
 */
export function engineText(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

const shape = stackConfigSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } } | undefined>;

/**
 * One top-level value of the namespace from the text Pulumi passes. A key whose schema takes the text as
 * it is keeps it (`natGateways: single`); any other text is read as JSON where it parses to something
 * other than a string (`true`, `["us-east-1a"]`, `{"cidrBlock":"10.0.0.0/16"}`), the way pulumi.Config's
 * getBoolean and getObject read it; other text stays text, and the shape check says what is wrong with
 * it. (The engine passes `protect: true` and `protect: "true"` alike as `true`: they must read alike.)
 */
export function valueFromText(key: string, text: string): unknown {
  if (shape[key]?.safeParse(text).success) return text;
  try {
    const value: unknown = JSON.parse(text);
    // Pulumi stores text verbatim, never as a JSON string: `'"single"'` is text with quotes in it.
    return typeof value === "string" ? text : value;
  } catch {
    return text;
  }
}

/** A stack-file value (as YAML gave it) read exactly as the program reads what the engine makes of it. */
export function fileValue(key: string, v: unknown): unknown {
  return valueFromText(key, engineText(v));
}

/** From `pulumi.runtime.allConfig()`: every value is a string, objects and lists as JSON. */
export function rawFromAllConfig(all: Record<string, string>): RawConfig {
  const values: Record<string, unknown> = {};
  let region: string | undefined;
  for (const [key, value] of Object.entries(all)) {
    if (key === "aws:region") region = value;
    else if (key.startsWith(`${PROJECT}:`))
      values[key.slice(PROJECT.length + 1)] = valueFromText(key.slice(PROJECT.length + 1), value);
  }
  return { values, region };
}
