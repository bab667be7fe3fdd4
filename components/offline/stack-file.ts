/**
 * Reading `config/Pulumi.<stack>.yaml` without Pulumi: for the offline plan and `config:check`. Secrets
 * stored encrypted (`{ secure: ... }`) cannot be read offline; they count as set.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, type ErrorCode, type YAMLError } from "yaml";
import { finding, type Finding } from "../core/findings";
import { PROJECT } from "../core/parse";
import { fileValue, type RawConfig } from "../program/config";
import { NOT_CHECKED_OFFLINE, type Facts } from "../core/types";
import { EKS_NODE_GROUP_DEFAULTS } from "../core/eks/versions";

/** The instance types an EKS cluster's node groups use (the default group's included), as the program looks up. */
function eksInstanceTypes(kubernetes: unknown): unknown[] {
  const eks = (kubernetes as { eks?: { nodeGroups?: unknown } } | undefined)?.eks;
  if (!eks || typeof eks !== "object") return [];
  const groups = Array.isArray(eks.nodeGroups) ? (eks.nodeGroups as { instanceTypes?: unknown }[]) : [{}];
  return groups.flatMap((g) =>
    Array.isArray(g?.instanceTypes) ? g.instanceTypes : [...EKS_NODE_GROUP_DEFAULTS.instanceTypes],
  );
}

/** The raw values a stack file holds, as the program reads them (for `ipv6-cluster-network/core`). */
export type { RawConfig };

/**
 * A stack file as read: the raw config the program would get, every key as written, which keys hold secrets, and
 * what kept the file from being read.
 */
export interface StackFile extends RawConfig {
  /** The stack's name. */
  stack: string;
  /** The file's path: `<dir>/Pulumi.<stack>.yaml`. */
  path: string;
  /** Every key of the file's `config:` map as written, values as YAML gave them (for the mock runtime). */
  all: Record<string, unknown>;
  /** Keys whose value is an encrypted secret, or holds one. */
  secretKeys: string[];
  /** Why the file could not be read (missing, not YAML, not a map); empty when it was read. */
  findings: Finding[];
}

export function stackFilePath(stack: string, dir = "config"): string {
  return join(dir, `Pulumi.${stack}.yaml`);
}

/** `{ secure: ... }`: a value Pulumi stored encrypted. */
function isSecure(v: unknown): boolean {
  return !!v && typeof v === "object" && !Array.isArray(v) && "secure" in v && Object.keys(v).length === 1;
}

function holdsSecret(v: unknown): boolean {
  if (v && typeof v === "object") return isSecure(v) || Object.values(v).some(holdsSecret);
  return false;
}

/**
 * Facts the yaml library's message leaves out, read from the text at the error's position, by its error
 * code: the key given twice (the catalogue's CONFIG_YAML names it).
 */
const DUPLICATE_KEY_AT: Partial<Record<ErrorCode, (at: string) => string | undefined>> = {
  DUPLICATE_KEY: (at) => /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(at)?.[1],
};

/**
 * One finding per YAML syntax error, at `file:line:column`. Errors the yaml library reports on a line it
 * already reported are one mistake tripping several of its checks (a tab as indentation is also a bad
 * implicit key): the first one stands for them.
 */
function yamlFindings(text: string, path: string, errors: readonly YAMLError[]): Finding[] {
  const lines = text.split(/\r?\n/);
  const seen = new Set<number | undefined>();
  const out: Finding[] = [];
  for (const e of errors) {
    const pos = e.linePos?.[0];
    const where = pos ? `${path}:${pos.line}:${pos.col}` : path;
    if (seen.has(pos?.line)) continue;
    seen.add(pos?.line);
    // The library's first line, without its own "at line L, column C:" (the path carries the position).
    const detail = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    const key = DUPLICATE_KEY_AT[e.code]?.(pos ? (lines[pos.line - 1] ?? "").slice(pos.col - 1) : "");
    out.push(finding("CONFIG_YAML", where, undefined, { kind: "syntax", error: e.code, detail, duplicateKey: key }));
  }
  return out;
}

/**
 * Parses stack file text. Keys without a namespace belong to the project, as Pulumi reads them. Values
 * of the namespace are read as the program reads what the engine passes it (components/program/config.ts).
 */
export function parseStackFile(text: string, stack: string, path: string): StackFile {
  const unread = (findings: Finding[]): StackFile => ({ stack, path, values: {}, all: {}, secretKeys: [], findings });
  const doc = parseDocument(text);
  if (doc.errors.length) return unread(yamlFindings(text, path, doc.errors));
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // An alias to an anchor that is not defined, for one.
    const detail = String((e as Error).message ?? e).split("\n")[0];
    return unread([finding("CONFIG_YAML", path, undefined, { kind: "unreadable", detail })]);
  }
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) {
    return unread([finding("CONFIG_YAML", path, data, { kind: "notMap" })]);
  }
  const config = (data as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || Array.isArray(config)) {
    return unread([finding("CONFIG_YAML", `${path}:config`, config, { kind: "configNotMap" })]);
  }
  const values: Record<string, unknown> = {};
  const all: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  let region: string | undefined;
  for (const [k, v] of Object.entries(config as Record<string, unknown>)) {
    const key = k.includes(":") ? k : `${PROJECT}:${k}`;
    all[key] = v;
    const secret = holdsSecret(v);
    if (secret) secretKeys.push(key);
    if (key === "aws:region") region = String(v);
    // A whole key stored encrypted cannot be read offline: it stays `{ secure: ... }`.
    else if (key.startsWith(`${PROJECT}:`))
      values[key.slice(PROJECT.length + 1)] = isSecure(v) ? v : fileValue(key.slice(PROJECT.length + 1), v);
  }
  return { stack, path, values, region, all, secretKeys, findings: [] };
}

/**
 * Reads `<dir>/Pulumi.<stack>.yaml` (dir: `config` by default). A missing file is a STACK_NOT_FOUND finding of the
 * result, not an exception.
 */
export function readStackFile(stack: string, dir = "config"): StackFile {
  const path = stackFilePath(stack, dir);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    // No value: the path names the file (components/offline/stacks.ts adds the stacks that do exist to the message).
    return {
      stack,
      path,
      values: {},
      all: {},
      secretKeys: [],
      findings: [finding("STACK_NOT_FOUND", path, undefined, { file: path, dir })],
    };
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

/**
 * The region as the AWS provider would take it: `aws:region`, else AWS_REGION, else AWS_DEFAULT_REGION
 * (the provider's documented order). None: undefined, and the plan is refused (REGION_MISSING); the
 * offline readers never assume one. (A region only in an AWS profile is not read offline.)
 */
export function offlineRegion(region: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return region || env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/**
 * The facts the offline plan assumes where the program would ask AWS: the region (`aws:region`, else AWS_REGION or
 * AWS_DEFAULT_REGION), six standard zones `<region>a` to `<region>f` when `zones` is not listed, the listed zones'
 * types by their names, every listed instance type and endpoint service as not checked, and an existing VPC as
 * configured.
 */
export function offlineFacts(file: RawConfig): Facts {
  const region = offlineRegion(file.region);
  const vpc = file.values.vpc as { id?: string; cidrBlock?: string; ipv6?: { cidrBlock?: string } } | undefined;
  const zones = Array.isArray(file.values.zones)
    ? file.values.zones.filter((z): z is string => typeof z === "string")
    : [];
  const nodeTypes = (file.values.nodes as { instanceTypes?: unknown } | undefined)?.instanceTypes;
  const types = [...(Array.isArray(nodeTypes) ? nodeTypes : []), ...eksInstanceTypes(file.values.kubernetes)];
  return {
    region,
    // Looked up (offline: assumed) only when `zones` does not list them, as the program does.
    standardZones:
      region && file.values.zones === undefined
        ? [...OFFLINE_ZONE_LETTERS.slice(0, 6)].map((l) => `${region}${l}`)
        : [],
    zoneTypes: Object.fromEntries(
      zones.flatMap((z) => {
        const t = region ? offlineZoneType(z, region) : undefined;
        return t ? [[z, t]] : [];
      }),
    ),
    instanceTypes: Object.fromEntries(
      types
        .filter((t): t is string => typeof t === "string")
        .map((t) => [t, { status: "unknown" as const, reason: NOT_CHECKED_OFFLINE }]),
    ),
    existingVpc: vpc?.id
      ? { id: vpc.id, cidrBlock: String(vpc.cidrBlock ?? ""), ipv6CidrBlock: vpc.ipv6?.cidrBlock }
      : undefined,
    ...offlineEndpointServices(file.values.endpoints),
  };
}

/** Every service `endpoints` lists, as not looked up (the program asks AWS for each at preview). */
function offlineEndpointServices(endpoints: unknown): Pick<Facts, "endpointServices"> {
  if (!endpoints || typeof endpoints !== "object") return {};
  const lists = endpoints as { interface?: unknown; gateway?: unknown };
  const entries = (["interface", "gateway"] as const).flatMap((kind) => {
    const list = lists[kind];
    const names = Array.isArray(list) ? list.filter((s): s is string => typeof s === "string") : [];
    return [...new Set(names)].map((s) => [
      `${s}/${kind}`,
      { status: "unknown" as const, reason: NOT_CHECKED_OFFLINE },
    ]);
  });
  return { endpointServices: Object.fromEntries(entries) };
}
