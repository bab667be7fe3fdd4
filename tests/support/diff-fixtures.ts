/**
 * Fixtures of the diff tests (tests/diff-*.test.ts): a two-zone base stack, its declaration by the program under
 * mocks (as `npm run plan -- --against` declares both sides), the diff as sorted sets of `name:Type` labels, and
 * a `pulumi stack export` document made from a mock run.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import YAML from "yaml";
import type { Action, GraphDiff } from "../../components/diff/diff";
import type { GraphResource } from "../../components/diff/graph";
import { parseStackFile } from "../../components/offline/stack-file";
import { declareStack } from "../../scripts/diff";

export type Config = Record<string, any>;

export const sn = (name: string, zone: string, type: string, extra: Config = {}) => ({ name, zone, type, ...extra });

/** Two zones, per zone a Utility, a control-plane DualStack (pinned /64s) and an IPv6-only Private subnet. */
export const BASE: Config = {
  vpc: { cidrBlock: "10.0.0.0/16", ipv6: {} },
  zones: ["us-east-1a", "us-east-1b"],
  subnets: [
    sn("utility-a", "us-east-1a", "Utility"),
    sn("utility-b", "us-east-1b", "Utility"),
    sn("cp-a", "us-east-1a", "DualStack", { ipv6CIDR: "/64#40" }),
    sn("cp-b", "us-east-1b", "DualStack", { ipv6CIDR: "/64#41" }),
    sn("nodes-a", "us-east-1a", "Private"),
    sn("nodes-b", "us-east-1b", "Private"),
  ],
  natGateways: "perZone",
  apiLoadBalancer: { scheme: "internet-facing" },
  nodes: { controlPlaneSubnets: ["cp-a", "cp-b"] },
};

/** A stack file of `config` (keys in the program's namespace). */
export function stackText(config: Config, region = "us-east-1"): string {
  const all: Config = { "aws:region": region };
  for (const [k, v] of Object.entries(config)) all[`ipv6-cluster-network:${k}`] = v;
  return YAML.stringify({ config: all });
}

/** The resources the program declares for `config`. */
export async function declared(config: Config, stack = "edits"): Promise<GraphResource[]> {
  const r = await declareStack(parseStackFile(stackText(config), stack, `config/Pulumi.${stack}.yaml`));
  assert.ok(r.resources, JSON.stringify(r.findings.map((f) => `${f.code} ${f.path}`)));
  return r.resources;
}

export const label = (name: string, type: string) =>
  `${name.replace(/^network-/, "")}:${type.slice(type.lastIndexOf(":") + 1)}`;

/** The diff as sorted labels per action (empty actions left out), and the protect changes. */
export function sets(d: GraphDiff): Partial<Record<Action | "protect", string[]>> {
  const out: Partial<Record<Action | "protect", string[]>> = {};
  for (const c of d.changes) (out[c.action] ??= []).push(label(c.name, c.type));
  if (d.protect.length) out.protect = d.protect.map((p) => label(p.name, p.type));
  for (const k of Object.keys(out) as (keyof typeof out)[]) out[k]!.sort();
  return out;
}

/** AWS-shaped ids for the mocks' ones (`subnet-network-nodes-a` -> `subnet-0` + 16 hex digits). */
export function realId(mockId: string): string {
  const prefix = mockId.split("-")[0];
  return `${prefix}-0${createHash("sha256").update(mockId).digest("hex").slice(0, 16)}`;
}

function swapIds(v: unknown, ids: Map<string, string>): unknown {
  if (typeof v === "string") return ids.get(v) ?? v;
  if (Array.isArray(v)) return v.map((x) => swapIds(x, ids));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swapIds(x, ids)]));
  return v;
}

const SECRET = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };

/**
 * A `pulumi stack export` document of what `resources` would be once deployed: AWS' ids, the security groups'
 * generated names recorded as provider defaults, the VPC's tags encrypted, the engine's own records (the
 * stack, a default provider, a resource pending deletion), and `edit` applied to each resource's inputs.
 */
export function exportOf(resources: GraphResource[], edit: (r: any) => void = () => {}): unknown {
  const ids = new Map(resources.filter((r) => r.id).map((r) => [r.id!, realId(r.id!)]));
  const records: any[] = resources.map((r) => {
    const inputs = swapIds(r.inputs, ids) as Record<string, unknown>;
    if (r.type === "aws:ec2/securityGroup:SecurityGroup")
      Object.assign(inputs, { name: `${r.urn.split("::").pop()}-1a2b3c4`, __defaults: ["name"] });
    if (r.type === "aws:ec2/vpc:Vpc") inputs.tags = SECRET;
    const rec = {
      urn: r.urn,
      custom: r.custom,
      type: r.type,
      ...(r.custom ? { id: ids.get(r.id!) } : {}),
      inputs,
      outputs: swapIds(r.outputs ?? {}, ids),
      protect: r.protect,
      aliases: [],
    };
    edit(rec);
    return rec;
  });
  const stackUrn = resources[0].urn.replace(/::[^:]+\$?.*$/, "");
  records.push(
    { urn: `${stackUrn}::pulumi:providers:aws::default_7_48_0`, custom: true, type: "pulumi:providers:aws", id: "x" },
    { urn: `${stackUrn}::aws:ec2/subnet:Subnet::old`, custom: true, type: "aws:ec2/subnet:Subnet", delete: true },
  );
  return { version: 3, deployment: { manifest: { time: "2026-12-01T00:00:00Z" }, resources: records } };
}
