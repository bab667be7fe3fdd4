/**
 * Reading `config/Pulumi.<stack>.yaml` without Pulumi: for the offline plan and `config:check`. Secrets
 * stored encrypted (`{ secure: ... }`) cannot be read offline; they count as set.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "yaml";
import { error, type Finding } from "../core/findings";
import { PROJECT } from "../core/parse";
import { fileValue, type RawConfig } from "../program/config";
import type { Facts } from "../core/types";

export interface StackFile extends RawConfig {
  stack: string;
  path: string;
  /** Every key of the file's `config:` map as written, values as YAML gave them (for the mock runtime). */
  all: Record<string, unknown>;
  /** Keys whose value is an encrypted secret, or holds one. */
  secretKeys: string[];
  findings: Finding[];
}

export function stackFilePath(stack: string, dir = "config"): string {
  return join(dir, `Pulumi.${stack}.yaml`);
}

function holdsSecret(v: unknown): boolean {
  if (v && typeof v === "object") {
    if ("secure" in v && Object.keys(v).length === 1) return true;
    return Object.values(v).some(holdsSecret);
  }
  return false;
}

/** Parses stack file text. Keys without a namespace belong to the project, as Pulumi reads them. */
export function parseStackFile(text: string, stack: string, path: string): StackFile {
  const findings: Finding[] = [];
  const doc = parseDocument(text);
  for (const e of doc.errors) findings.push(error("CONFIG_YAML", path, undefined, e.message.split("\n")[0], "fix the YAML syntax at the position given"));
  const data = (doc.errors.length ? {} : doc.toJS()) ?? {};
  const config = (data as { config?: unknown }).config ?? {};
  const values: Record<string, unknown> = {};
  const all: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  let region: string | undefined;
  if (typeof config !== "object" || Array.isArray(config)) {
    findings.push(error("CONFIG_YAML", `${path}: config`, config, "config must be a map of keys to values", "see the example stacks in config/"));
  } else {
    for (const [k, v] of Object.entries(config as Record<string, unknown>)) {
      const key = k.includes(":") ? k : `${PROJECT}:${k}`;
      all[key] = v;
      if (holdsSecret(v)) secretKeys.push(key);
      if (key === "aws:region") region = String(v);
      else if (key.startsWith(`${PROJECT}:`)) values[key.slice(PROJECT.length + 1)] = fileValue(v);
    }
  }
  return { stack, path, values, region, all, secretKeys, findings };
}

export function readStackFile(stack: string, dir = "config"): StackFile {
  const path = stackFilePath(stack, dir);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { stack, path, values: {}, all: {}, secretKeys: [], findings: [error("STACK_NOT_FOUND", path, stack, `no stack file ${path}`, `create ${path}, or pick one of the stacks in ${dir}/`)] };
  }
  return parseStackFile(text, stack, path);
}

/** What the offline plan assumes where the real program would ask AWS. */
export const OFFLINE_DEFAULT_REGION = "us-east-1";
export const OFFLINE_ZONE_LETTERS = "abcdefghijklmnop";

/**
 * A zone's type from its name, AWS' naming offline: `<region><letter>` is an Availability Zone,
 * `<region>-wl1-<metro>-wlz-<n>` a Wavelength Zone, `<region>-<metro>-<n><letter>` a Local Zone
 * (e.g. us-east-1-nyc-1a). A deployment asks AWS instead (aws.getAvailabilityZone).
 */
export function offlineZoneType(zone: string, region: string): string | undefined {
  if (!zone.startsWith(region)) return undefined;
  const rest = zone.slice(region.length);
  if (/^[a-z]$/.test(rest)) return "availability-zone";
  if (/^-wl\d+-/.test(rest)) return "wavelength-zone";
  if (/^-[a-z]+-\d+[a-z]$/.test(rest)) return "local-zone";
  return undefined;
}

const OFFLINE_INSTANCE_TYPES = "the offline plan cannot ask AWS; pulumi preview checks it";

export function offlineFacts(file: RawConfig): Facts {
  const region = file.region ?? OFFLINE_DEFAULT_REGION;
  const vpc = file.values.vpc as { id?: string; cidrBlock?: string; ipv6?: { cidrBlock?: string } } | undefined;
  const zones = Array.isArray(file.values.zones) ? file.values.zones.filter((z): z is string => typeof z === "string") : [];
  const types = (file.values.nodes as { instanceTypes?: unknown } | undefined)?.instanceTypes;
  return {
    region,
    standardZones: [...OFFLINE_ZONE_LETTERS.slice(0, 6)].map((l) => `${region}${l}`),
    zoneTypes: Object.fromEntries(zones.flatMap((z) => {
      const t = offlineZoneType(z, region);
      return t ? [[z, t]] : [];
    })),
    instanceTypes: Object.fromEntries((Array.isArray(types) ? types : []).filter((t): t is string => typeof t === "string").map((t) => [t, { status: "unknown" as const, reason: OFFLINE_INSTANCE_TYPES }])),
    existingVpc: vpc?.id ? { id: vpc.id, cidrBlock: String(vpc.cidrBlock ?? ""), ipv6CidrBlock: vpc.ipv6?.cidrBlock } : undefined,
  };
}
