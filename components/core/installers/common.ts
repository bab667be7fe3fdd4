/**
 * What more than one installer's spec decides the same way, decided once here: where the machines go (the
 * control plane in the plan's control-plane subnets, nodes in the IPv6-only subnets), the egress a private subnet
 * has, and how a spec becomes YAML text.
 */
import { stringify } from "yaml";
import type { Installer } from "../enums";
import type { NetworkPlan } from "../network-plan";
import type { SubnetPlan } from "../types";
import { placeholdersIn, type NetworkValues, type RenderedSpec } from "./types";

/**
 * A spec of one or more objects as YAML text (a `---` line between objects), with the placeholders it holds. The
 * objects are copied as plain data (keys left undefined dropped, nothing shared), so they are what the text says.
 */
export function specOf(installer: Installer, objects: Record<string, unknown>[]): RenderedSpec {
  const documents = JSON.parse(JSON.stringify(objects)) as Record<string, unknown>[];
  const yaml = documents.map((d) => stringify(d, { lineWidth: 0 })).join("---\n");
  return { installer, yaml, documents, placeholders: placeholdersIn(yaml) };
}

/** The plan's control-plane subnets, in plan order. */
export function controlPlaneSubnets(plan: NetworkPlan): SubnetPlan[] {
  const names = new Set(plan.edge.controlPlaneSubnets);
  return plan.subnets.filter((s) => names.has(s.name));
}

/**
 * The subnets the worker nodes go in: the IPv6-only ones (the layout kOps and Cluster API's IPv6 guides describe:
 * nodes in IPv6-only subnets, the control plane in dual-stack ones), else the control plane's.
 */
export function nodeSubnets(plan: NetworkPlan): SubnetPlan[] {
  const ipv6Only = plan.subnets.filter((s) => s.ipv6Only);
  return ipv6Only.length ? ipv6Only : controlPlaneSubnets(plan);
}

/** Groups subnets by zone, in the order the zones first appear. */
export function byZone(subnets: readonly SubnetPlan[]): Map<string, SubnetPlan[]> {
  const out = new Map<string, SubnetPlan[]>();
  for (const s of subnets) out.set(s.zone, [...(out.get(s.zone) ?? []), s]);
  return out;
}

/**
 * A machine group's name per control-plane subnet: `control-plane-<zone>`, or `control-plane-<subnet>` for all
 * when a zone has two (names must be unique).
 */
export function controlPlaneGroupNames(subnets: readonly SubnetPlan[]): Map<string, string> {
  const perZone = subnets.every((s, i) => subnets.findIndex((o) => o.zone === s.zone) === i);
  return new Map(subnets.map((s) => [s.name, `control-plane-${perZone ? s.zone : s.name}`]));
}

/**
 * Where a private subnet's IPv4 (and NAT64) traffic leaves, as kOps' `egress` names it: `External` when routed
 * elsewhere, else the NAT or transit gateway its routes target (the default route first, then NAT64); none for
 * public subnets and subnets without such a route.
 */
export function egressOf(s: SubnetPlan, v: NetworkValues): string | undefined {
  if (s.public) return undefined;
  if (s.egress === "External") return "External";
  const order = ["ipv4-default", "nat64"];
  const routes = [...s.routes].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  for (const r of routes) {
    const t = r.target;
    if (t.kind === "natGateway") return v.natGatewayId(t.nat);
    if (t.kind === "existingNatGateway" || t.kind === "transitGateway") return t.id;
  }
  return undefined;
}
