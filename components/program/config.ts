/**
 * Turning Pulumi's flat config (`{"ipv6-cluster-network:vpc": "<json>"}`) into the namespace's raw values,
 * without loading the Pulumi SDK: the program, the offline plan and the config check share it.
 */
import { PROJECT } from "../core/parse";

export interface RawConfig {
  /** Values of the project's namespace by key (`vpc`, `subnets`, ...), parsed from JSON where they are JSON. */
  values: Record<string, unknown>;
  /** AWS region (`aws:region`), when set. */
  region?: string;
}

export function parseValue(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/**
 * A value as a stack file may hold it: structured YAML, or (written by `pulumi config set` or the
 * Automation API without --path) text: an object or list as JSON, `true` or a number as a quoted
 * string (the CLI stores a top-level value verbatim). The program JSON-parses every top-level value
 * (rawFromAllConfig), so the offline readers do the same and agree with it.
 */
export function fileValue(v: unknown): unknown {
  return typeof v === "string" ? parseValue(v) : v;
}

/** From `pulumi.runtime.allConfig()`: every value is a string, objects and lists as JSON. */
export function rawFromAllConfig(all: Record<string, string>): RawConfig {
  const values: Record<string, unknown> = {};
  let region: string | undefined;
  for (const [key, value] of Object.entries(all)) {
    if (key === "aws:region") region = value;
    else if (key.startsWith(`${PROJECT}:`)) values[key.slice(PROJECT.length + 1)] = parseValue(value);
  }
  return { values, region };
}
