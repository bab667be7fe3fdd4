/**
 * Where each subnet's traffic goes: NAT gateway placement, every route (IPv4 default, IPv6 default, the
 * NAT64 route 64:ff9b::/96) and DNS64. This is the one place these are decided; the components only
 * declare what this returns.
 *
 *   Utility         0.0.0.0/0 -> IGW, ::/0 -> IGW, nothing else: Utility subnets hold load balancers and
 *                   NAT gateways, no nodes (kOps routes only these two to the internet gateway there;
 *                   Cluster API does the same for its public subnets).
 *   Public          the same; in an IPv6 single-stack cluster also 64:ff9b::/96 -> the zone's NAT gateway
 *                   (kOps: "managed private and public subnets which have IPv6CIDR assignments route
 *                   64:ff9b::/96 to ... the availability zone's NAT Gateway": nodes can run there, and their
 *                   pods have only IPv6 addresses and get NAT64 answers from CoreDNS' DNS64).
 *   Private (v6)    ::/0 -> egress-only IGW; 64:ff9b::/96 -> egress.
 *   DualStack       0.0.0.0/0 -> egress; ::/0 -> egress-only IGW; 64:ff9b::/96 -> egress.
 *   PrivateIPv4 (and Private in an IPv4-only VPC)  0.0.0.0/0 -> egress.
 *
 * egress: default the zone's NAT gateway (per natGateways); `nat-...` an existing NAT gateway; `tgw-...`
 * a transit gateway; `eipalloc-...` a new NAT gateway on that Elastic IP; `External` no routes (the
 * subnet's own route table is left for whoever manages its egress).
 *
 * NAT gateway placement is stable under appends: a zone's NAT gateway goes in the subnet pinned with
 * `natGateway: true`, else in the zone's first-listed Utility or Public subnet; the single NAT gateway
 * (natGateways: single) in the pinned subnet, else in the first-listed Utility or Public subnet of the
 * whole list. Appending subnets or zones never moves one; where the choice rests on list order between
 * several candidates, a warning says what an insertion or reordering would move.
 */
import { error, warning, type Finding } from "./findings";
import type { NatMode } from "./schema";
import { keyPath, keyValue, type SubnetDraft } from "./subnets";
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
  if (d.public) return { ipv4: false, nat64: d.config.type === "Public" && input.singleStackIPv6 && d.hasIpv6 };
  return { ipv4: d.hasIpv4, nat64: d.hasIpv6 };
}

/**
 * Subnets that can hold a NAT gateway: managed subnets of a public kind, in list order, outside Wavelength
 * Zones (no NAT gateway there: their public subnets reach the internet through the carrier gateway, and
 * Cluster API routes private Wavelength subnets through the parent zone's NAT gateway).
 */
function natCandidates(drafts: readonly SubnetDraft[]): SubnetDraft[] {
  return drafts.filter((d) => d.public && d.config.id === undefined && !d.wavelength);
}

/** The zone whose NAT gateway serves a subnet: its own, or a Wavelength Zone subnet's parent zone. */
function natZone(d: SubnetDraft): string | undefined {
  return d.wavelength ? d.config.parentZone : d.config.zone;
}

/** The zone's NAT host: the subnet pinned with natGateway: true, else the zone's first-listed Utility or Public subnet. */
function natHost(drafts: readonly SubnetDraft[], zone: string): SubnetDraft | undefined {
  const inZone = natCandidates(drafts).filter((d) => d.config.zone === zone);
  return inZone.find((d) => d.config.natGateway === true) ?? inZone[0];
}

export function planRouting(input: RoutingInput): RoutingPlan {
  const { drafts, natMode } = input;
  const findings: Finding[] = [];
  const nats = new Map<string, NatGatewayPlan>();
  const eipOwner = new Map<string, SubnetDraft>();
  /** Subnets whose NAT gateway could not be placed: their DNS64 finding would only repeat that. */
  const natFailed = new Set<string>();

  // Two pins in one zone (or, with one NAT gateway, anywhere) cannot both hold it.
  const pinned = natCandidates(drafts).filter((d) => d.config.natGateway === true);
  for (const d of pinned) {
    const first = pinned.find((x) => natMode === "single" || x.config.zone === d.config.zone)!;
    if (first !== d) findings.push(error("NAT_GATEWAY_PINNED_TWICE", keyPath(d, "natGateway"), true, `${first.config.name} is already pinned to hold ${natMode === "single" ? "the one NAT gateway (natGateways: single)" : `${d.config.zone}'s NAT gateway`}`, "set natGateway: true on one subnet only"));
  }
  // The single NAT gateway: in the pinned subnet, else the first-listed public-kind subnet of the whole list
  // (list order, not zones order: appending a subnet to an earlier zone must not move it).
  const singleHost = natMode === "single" ? pinned[0] ?? natCandidates(drafts)[0] : undefined;
  const singleZone = singleHost?.config.zone;

  const natFor = (d: SubnetDraft, zone: string, allocationId?: string): RouteTarget | undefined => {
    const host = !allocationId && singleHost && zone === singleZone ? singleHost : natHost(drafts, zone);
    const name = allocationId ? `${zone}-nat-${allocationId}` : `${zone}-nat`;
    if (!host) {
      natFailed.add(d.config.name);
      findings.push(error("NAT_NO_PUBLIC_SUBNET", keyPath(d, "egress"), d.config.egress,
        `subnet ${d.config.name} needs a NAT gateway in ${zone}, but ${zone} has no Utility or Public subnet to place it in`,
        `add a Utility subnet in ${zone}, or set egress on the private subnets of ${zone} (nat-..., tgw-... or External)`));
      return undefined;
    }
    if (!nats.has(name)) nats.set(name, { name, zone, subnet: host.config.name, allocationId });
    return { kind: "natGateway", nat: name, crossZone: zone !== natZone(d) };
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
      const zone = ownZone(d);
      return zone === undefined ? undefined : natFor(d, zone, egress);
    }
    if (natMode === "none") return undefined;
    if (natMode === "single" && singleZone) return natFor(d, singleZone);
    const zone = ownZone(d); // single without a host: natFor reports that no zone can host it
    return zone === undefined ? undefined : natFor(d, zone);
  };

  /** The zone of the NAT gateway for a subnet, reporting a Wavelength Zone subnet without its parent zone. */
  const ownZone = (d: SubnetDraft): string | undefined => {
    const zone = natZone(d);
    if (zone === undefined) {
      natFailed.add(d.config.name);
      findings.push(error("WAVELENGTH_PARENT_ZONE_REQUIRED", keyPath(d, "parentZone"), undefined,
        `${d.config.name} is in Wavelength Zone ${d.config.zone}, where no NAT gateway can be placed: its IPv4 egress goes through the NAT gateway of the parent Availability Zone, which is not set`,
        `set parentZone to the zone's parent Availability Zone (aws ec2 describe-availability-zones --zone-names ${d.config.zone} shows ParentZoneName), or set egress (nat-..., tgw-... or External)`));
    }
    return zone;
  };

  const subnets = new Map<string, SubnetRouting>();
  for (const d of drafts) {
    // An adopted subnet (id) keeps the route table it has: no route is decided for it. Its kind's rules
    // still hold: DNS64 on a subnet that is not IPv6-only is as wrong adopted as managed.
    if (d.config.id !== undefined) {
      const dns64 = d.config.dns64 ?? false;
      if (dns64 && !d.ipv6Only) findings.push(dns64OnDualStack(d));
      subnets.set(d.config.name, { routes: [], dns64 });
      continue;
    }
    const routes: RoutePlan[] = [];
    const need = egressNeed(d, input);
    const target = need.ipv4 || need.nat64 ? (d.public ? (natMode === "none" ? undefined : singleZone ? natFor(d, singleZone) : natFor(d, d.config.zone)) : egressTarget(d)) : undefined;
    // A public subnet in a Wavelength Zone reaches the internet (and the carrier network) through the
    // VPC's carrier gateway, IPv4 only (AWS Wavelength Developer Guide, "How AWS Wavelength works": "A
    // carrier gateway supports IPv4 traffic"; VPC User Guide, "Subnets in AWS Wavelength": the route
    // target is the carrier gateway, not an internet gateway).
    const internet: RouteTarget = d.wavelength ? { kind: "carrierGateway" } : { kind: "internetGateway" };
    const external = target === "external";
    const via = external ? undefined : target;

    if (d.public) {
      if (d.hasIpv4) routes.push({ name: "ipv4-default", family: "ipv4", destination: "0.0.0.0/0", target: internet });
      if (d.hasIpv6 && !d.wavelength) routes.push({ name: "ipv6-default", family: "ipv6", destination: "::/0", target: internet });
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
    const dnsPath = keyPath(d, "dns64");
    if (dns64 && !d.ipv6Only) {
      findings.push(dns64OnDualStack(d));
    } else if (dns64 && !external && !natFailed.has(d.config.name) && !routes.some((r) => r.name === "nat64")) {
      findings.push(error("DNS64_WITHOUT_NAT64", dnsPath, d.config.dns64, `IPv6-only subnet ${d.config.name} would get DNS64 but no route for ${NAT64_PREFIX}, so every IPv4-only name would be unreachable`, `give it a NAT64 route (natGateways perZone or single, or egress: nat-.../tgw-.../eipalloc-...), or set subnets[...].dns64: false`));
    }
    if (!d.public && need.ipv4 && !via && !external && natMode === "none" && d.config.egress === undefined) {
      findings.push(warning("NO_IPV4_EGRESS", d.path, d.config.name, `subnet ${d.config.name} has no IPv4 route to the internet (natGateways: none)`, "set natGateways, or egress on the subnet, if its hosts need IPv4 egress"));
    }
    const cross = routes.find((r) => r.target.kind === "natGateway" && r.target.crossZone);
    if (cross && cross.target.kind === "natGateway") {
      findings.push(warning("NAT_CROSS_ZONE", d.path, keyValue(d, d.config.name), `subnet ${d.config.name} in ${d.config.zone} reaches NAT gateway ${cross.target.nat} in another zone: cross-zone data charges, and that zone's outage cuts its egress`, "use natGateways: perZone for zone-independent egress"));
    }
    subnets.set(d.config.name, { routes, dns64 });
  }
  findings.push(...orderWarnings(drafts, natMode, nats, singleHost));
  return { natGateways: [...nats.values()], subnets, findings };
}

function dns64OnDualStack(d: SubnetDraft): Finding {
  return error("DNS64_ON_DUAL_STACK", keyPath(d, "dns64"), d.config.dns64, `subnet ${d.config.name} is not IPv6-only; DNS64 there would send traffic for IPv4-only names through NAT64 instead of IPv4`, "remove dns64 (it is on by default exactly for IPv6-only subnets)");
}

/**
 * NAT gateways whose subnet was chosen by list order among several candidates (explicit subnets only:
 * the default layout's order is the program's). Appending is safe; inserting a public-kind subnet before
 * the chosen one, reordering, or changing its kind would move the NAT gateway, which replaces it.
 */
function orderWarnings(drafts: readonly SubnetDraft[], natMode: NatMode, nats: Map<string, NatGatewayPlan>, singleHost: SubnetDraft | undefined): Finding[] {
  const out: Finding[] = [];
  if (drafts.some((d) => d.defaulted)) return out;
  const candidates = natCandidates(drafts);
  for (const n of nats.values()) {
    if (n.allocationId) continue;
    const host = drafts.find((d) => d.config.name === n.subnet)!;
    if (host.config.natGateway === true) continue;
    const rivals = candidates.filter((d) => d !== host && (natMode === "single" && host === singleHost ? true : d.config.zone === n.zone));
    if (!rivals.length) continue;
    const scope = natMode === "single" ? "the whole subnets list" : n.zone;
    out.push(warning("NAT_PLACED_BY_ORDER", keyPath(host, "natGateway"), undefined,
      `NAT gateway ${n.name} goes in ${n.subnet} because it is the first-listed Utility or Public subnet of ${scope} (also candidates: ${rivals.map((r) => r.config.name).join(", ")}); inserting a Utility or Public subnet before it, reordering, or changing its kind would move the NAT gateway, which replaces it and cuts egress for minutes`,
      `pin it: natGateway: true on ${n.subnet}`));
  }
  return out;
}
