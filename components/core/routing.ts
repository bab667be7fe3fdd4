/**
 * Where each subnet's traffic goes: NAT gateway placement, every route (IPv4 default, IPv6 default, the
 * NAT64 route 64:ff9b::/96) and DNS64. This is the one place these are decided; the components only
 * declare what this returns.
 *
 *   Public/Utility  0.0.0.0/0 -> IGW, ::/0 -> IGW; in an IPv6 single-stack cluster also 64:ff9b::/96 ->
 *                   the zone's NAT gateway (kOps does this: pods there have only IPv6 addresses and get
 *                   NAT64 answers from CoreDNS' DNS64 whatever subnet their node is in).
 *   Private (v6)    ::/0 -> egress-only IGW; 64:ff9b::/96 -> egress.
 *   DualStack       0.0.0.0/0 -> egress; ::/0 -> egress-only IGW; 64:ff9b::/96 -> egress.
 *   PrivateIPv4 (and Private in an IPv4-only VPC)  0.0.0.0/0 -> egress.
 *
 * egress: default the zone's NAT gateway (per natGateways); `nat-...` an existing NAT gateway; `tgw-...`
 * a transit gateway; `eipalloc-...` a new NAT gateway on that Elastic IP; `External` no routes (the
 * subnet's own route table is left for whoever manages its egress).
 */
import { error, warning, type Finding } from "./findings";
import type { NatMode } from "./schema";
import type { SubnetDraft } from "./subnets";
import type { NatGatewayPlan, RoutePlan, RouteTarget } from "./types";

export const NAT64_PREFIX = "64:ff9b::/96";

export interface RoutingInput {
  drafts: readonly SubnetDraft[];
  zones: readonly string[];
  natMode: NatMode;
  vpcHasIpv6: boolean;
  singleStackIPv6: boolean;
}

export interface SubnetRouting {
  routes: RoutePlan[];
  dns64: boolean;
}

export interface RoutingPlan {
  natGateways: NatGatewayPlan[];
  /** By subnet name. */
  subnets: Map<string, SubnetRouting>;
  findings: Finding[];
}

type Need = { ipv4: boolean; nat64: boolean };

/** Which egress-bound routes a subnet has, before its egress is resolved. */
function egressNeed(d: SubnetDraft, input: RoutingInput): Need {
  if (d.public) return { ipv4: false, nat64: input.singleStackIPv6 && d.hasIpv6 };
  return { ipv4: d.hasIpv4, nat64: d.hasIpv6 };
}

/** The zone's NAT host: its first-listed Utility subnet, else its first-listed Public subnet. */
function natHost(drafts: readonly SubnetDraft[], zone: string): SubnetDraft | undefined {
  const inZone = drafts.filter((d) => d.config.zone === zone);
  return inZone.find((d) => d.config.type === "Utility") ?? inZone.find((d) => d.config.type === "Public");
}

export function planRouting(input: RoutingInput): RoutingPlan {
  const { drafts, zones, natMode } = input;
  const findings: Finding[] = [];
  const nats = new Map<string, NatGatewayPlan>();
  const eipOwner = new Map<string, SubnetDraft>();
  /** Subnets whose NAT gateway could not be placed: their DNS64 finding would only repeat that. */
  const natFailed = new Set<string>();

  // The single NAT gateway lives in the first zone (in `zones` order) that has a public subnet.
  const singleZone = natMode === "single" ? zones.find((z) => natHost(drafts, z)) : undefined;

  const natFor = (d: SubnetDraft, zone: string, allocationId?: string): RouteTarget | undefined => {
    const host = natHost(drafts, zone);
    const name = allocationId ? `${zone}-nat-${allocationId}` : `${zone}-nat`;
    if (!host) {
      natFailed.add(d.config.name);
      findings.push(error("NAT_NO_PUBLIC_SUBNET", `${d.path}${d.path === "zones" ? "" : ".egress"}`, d.config.egress,
        `subnet ${d.config.name} needs a NAT gateway in ${zone}, but ${zone} has no Utility or Public subnet to place it in`,
        `add a Utility subnet in ${zone}, or set egress on the private subnets of ${zone} (nat-..., tgw-... or External)`));
      return undefined;
    }
    if (!nats.has(name)) nats.set(name, { name, zone, subnet: host.config.name, allocationId });
    return { kind: "natGateway", nat: name, crossZone: zone !== d.config.zone };
  };

  const egressTarget = (d: SubnetDraft): RouteTarget | undefined | "external" => {
    const egress = d.config.egress;
    if (egress === "External") return "external";
    if (egress?.startsWith("nat-")) return { kind: "existingNatGateway", id: egress };
    if (egress?.startsWith("tgw-")) return { kind: "transitGateway", id: egress };
    if (egress?.startsWith("eipalloc-")) {
      const owner = eipOwner.get(egress);
      if (owner && owner.config.zone !== d.config.zone) {
        findings.push(error("EIP_ALLOCATION_REUSED", `${d.path}.egress`, egress, `subnet ${owner.config.name} in ${owner.config.zone} already puts a NAT gateway on this Elastic IP; one allocation serves one NAT gateway`, "use a different eipalloc-... per zone"));
        return undefined;
      }
      eipOwner.set(egress, d);
      return natFor(d, d.config.zone, egress);
    }
    if (natMode === "none") return undefined;
    if (natMode === "single") {
      if (!singleZone) return natFor(d, d.config.zone); // reports that no zone can host it
      return natFor(d, singleZone);
    }
    return natFor(d, d.config.zone);
  };

  const subnets = new Map<string, SubnetRouting>();
  for (const d of drafts) {
    // An adopted subnet (id) keeps the route table and attributes it has: nothing is decided for it.
    if (d.config.id !== undefined) {
      subnets.set(d.config.name, { routes: [], dns64: d.config.dns64 ?? false });
      continue;
    }
    const routes: RoutePlan[] = [];
    const need = egressNeed(d, input);
    const target = need.ipv4 || need.nat64 ? (d.public ? (natMode === "none" ? undefined : singleZone ? natFor(d, singleZone) : natFor(d, d.config.zone)) : egressTarget(d)) : undefined;
    const external = target === "external";
    const via = external ? undefined : target;

    if (d.public) {
      if (d.hasIpv4) routes.push({ name: "ipv4-default", family: "ipv4", destination: "0.0.0.0/0", target: { kind: "internetGateway" } });
      if (d.hasIpv6) routes.push({ name: "ipv6-default", family: "ipv6", destination: "::/0", target: { kind: "internetGateway" } });
      if (need.nat64 && via) routes.push({ name: "nat64", family: "ipv6", destination: NAT64_PREFIX, target: via });
    } else if (!external) {
      if (need.ipv4 && via) routes.push({ name: "ipv4-default", family: "ipv4", destination: "0.0.0.0/0", target: via });
      if (d.hasIpv6) routes.push({ name: "ipv6-default", family: "ipv6", destination: "::/0", target: { kind: "egressOnlyInternetGateway" } });
      if (need.nat64 && via) routes.push({ name: "nat64", family: "ipv6", destination: NAT64_PREFIX, target: via });
    }

    // DNS64 only on IPv6-only subnets: on a dual-stack subnet it would send IPv4-only destinations
    // through NAT64. And never without a NAT64 route: DNS64 answers with 64:ff9b::/96 addresses, and a
    // subnet that cannot reach them silently blackholes every IPv4-only name.
    const dns64 = d.config.dns64 ?? (d.ipv6Only && !external);
    const dnsPath = d.path === "zones" ? "zones" : `${d.path}.dns64`;
    if (dns64 && !d.ipv6Only) {
      findings.push(error("DNS64_ON_DUAL_STACK", dnsPath, d.config.dns64, `subnet ${d.config.name} is not IPv6-only; DNS64 there would send traffic for IPv4-only names through NAT64 instead of IPv4`, "remove dns64 (it is on by default exactly for IPv6-only subnets)"));
    } else if (dns64 && !external && !natFailed.has(d.config.name) && !routes.some((r) => r.name === "nat64")) {
      findings.push(error("DNS64_WITHOUT_NAT64", dnsPath, d.config.dns64, `IPv6-only subnet ${d.config.name} would get DNS64 but no route for ${NAT64_PREFIX}, so every IPv4-only name would be unreachable`, `give it a NAT64 route (natGateways perZone or single, or egress: nat-.../tgw-.../eipalloc-...), or set subnets[...].dns64: false`));
    }
    if (!d.public && need.ipv4 && !via && !external && natMode === "none" && d.config.egress === undefined) {
      findings.push(warning("NO_IPV4_EGRESS", d.path, d.config.name, `subnet ${d.config.name} has no IPv4 route to the internet (natGateways: none)`, "set natGateways, or egress on the subnet, if its hosts need IPv4 egress"));
    }
    const cross = routes.find((r) => r.target.kind === "natGateway" && r.target.crossZone);
    if (cross && cross.target.kind === "natGateway") {
      findings.push(warning("NAT_CROSS_ZONE", d.path, d.config.name, `subnet ${d.config.name} in ${d.config.zone} reaches NAT gateway ${cross.target.nat} in another zone: cross-zone data charges, and that zone's outage cuts its egress`, "use natGateways: perZone for zone-independent egress"));
    }
    subnets.set(d.config.name, { routes, dns64 });
  }
  return { natGateways: [...nats.values()], subnets, findings };
}
