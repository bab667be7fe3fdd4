/**
 * The subnets the control plane and the API load balancer go in when the config names none: per zone
 * the first-listed subnet of the kinds that can hold them. Appending a subnet never changes a zone's
 * choice (removing a subnet from a load balancer replaces it); where list order decides between several
 * candidates of a zone, a warning says what an insertion or a reordering would move, and how to pin it.
 */
import { at, finding, type Finding } from "../findings";
import type { SubnetType } from "../enums";
import type { EdgeInput, EdgeSubnet } from "./types";

/** Where the control plane goes by default: a private kind (the default layout's DualStack subnet). */
const CONTROL_PLANE_KINDS: readonly SubnetType[] = ["DualStack", "Private", "PrivateIPv4"];

type OrderCode = "LB_SUBNET_BY_ORDER" | "CONTROL_PLANE_SUBNET_BY_ORDER";

/** Per zone the first-listed subnet of `kinds`, warning (`code`) where list order decides (explicit subnets only). */
export function firstPerZone(
  input: EdgeInput,
  kinds: readonly SubnetType[],
  code: OrderCode,
  findings: Finding[],
): EdgeSubnet[] {
  const chosen = new Map<string, EdgeSubnet>();
  const rivals = new Map<string, string[]>();
  for (const s of input.subnets) {
    if (!kinds.includes(s.type)) continue;
    if (!chosen.has(s.zone)) chosen.set(s.zone, s);
    else rivals.set(s.zone, [...(rivals.get(s.zone) ?? []), s.name]);
  }
  if (rivals.size && input.config.subnets) {
    const list = [...rivals]
      .map(([z, r]) => `${chosen.get(z)!.name} in ${z} (listed before ${r.join(", ")})`)
      .join("; ");
    const pinned = [...chosen.values()].map((s) => s.name).join(", ");
    const path = code === "LB_SUBNET_BY_ORDER" ? "apiLoadBalancer.subnets" : "nodes.controlPlaneSubnets";
    findings.push(finding(code, path, undefined, { kinds: kinds.join(", "), list, pinned }));
  }
  return [...chosen.values()];
}

/**
 * Subnets named in a list of the config (`apiLoadBalancer.subnets`, `nodes.controlPlaneSubnets`),
 * reporting unknown names.
 */
export function namedSubnets(
  input: EdgeInput,
  names: readonly string[],
  key: readonly [string, string],
  code: "LB_UNKNOWN_SUBNET" | "NODES_UNKNOWN_SUBNET",
  findings: Finding[],
): EdgeSubnet[] {
  const known = input.subnets.map((x) => x.name).join(", ");
  return names.flatMap((name, i) => {
    const s = input.subnets.find((x) => x.name === name);
    if (!s) findings.push(finding(code, at(...key, i), name, { name, subnets: known }));
    return s ? [s] : [];
  });
}

/** The control-plane subnets: configured, else per zone the first-listed DualStack, Private or PrivateIPv4 subnet. */
export function controlPlaneSubnets(input: EdgeInput, findings: Finding[]): EdgeSubnet[] {
  const names = input.config.nodes?.controlPlaneSubnets;
  if (names) return namedSubnets(input, names, ["nodes", "controlPlaneSubnets"], "NODES_UNKNOWN_SUBNET", findings);
  return firstPerZone(input, CONTROL_PLANE_KINDS, "CONTROL_PLANE_SUBNET_BY_ORDER", findings);
}
