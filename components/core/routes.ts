/**
 * The routes of every subnet, by kind: the one place they are decided (the components only declare them).
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
 *   Wavelength      a public subnet routes 0.0.0.0/0 to the carrier gateway (IPv4 only).
 *
 * egress: default the zone's NAT gateway (placed by nat-gateways.ts); `nat-...` an existing NAT gateway;
 * `tgw-...` a transit gateway; `eipalloc-...` a new NAT gateway on that Elastic IP; `External` no routes
 * (the subnet's own route table is left for whoever manages its egress). DNS64: nat64-dns64.ts.
 */
import { finding, type Finding } from "./findings";
import { natPlacer, type NatPlacer } from "./nat-gateways";
import { adoptedDns64, dns64For, NAT64_PREFIX } from "./nat64-dns64";
import type { NatGatewayMode } from "./enums";
import { keyValue, type SubnetDraft } from "./subnets";
import type { NatGatewayPlan, RoutePlan, RouteTarget } from "./types";

export interface RoutingInput {
  drafts: readonly SubnetDraft[];
  natMode: NatGatewayMode;
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

/** Which egress-bound routes a subnet has, before its egress is resolved. */
function egressNeed(d: SubnetDraft, singleStackIPv6: boolean): { ipv4: boolean; nat64: boolean } {
  if (d.public) return { ipv4: false, nat64: d.config.type === "Public" && singleStackIPv6 && d.hasIpv6 };
  return { ipv4: d.hasIpv4, nat64: d.hasIpv6 };
}

/** Resolves `egress` (and the default NAT gateway) to a route target; "external": routes managed elsewhere. */
function egressResolver(nat: NatPlacer, natMode: NatGatewayMode, findings: Finding[]) {
  const eipOwner = new Map<string, SubnetDraft>();
  const onAllocation = (d: SubnetDraft, egress: string): RouteTarget | undefined => {
    const owner = eipOwner.get(egress);
    if (owner && owner.config.zone !== d.config.zone) {
      const p = { owner: owner.config.name, zone: owner.config.zone };
      findings.push(finding("EIP_ALLOCATION_REUSED", `${d.path}.egress`, egress, p));
      return undefined;
    }
    eipOwner.set(egress, d);
    const zone = nat.ownZone(d);
    return zone === undefined ? undefined : nat.natFor(d, zone, egress);
  };
  return (d: SubnetDraft): RouteTarget | undefined | "external" => {
    const egress = d.config.egress;
    if (egress === "External") return "external";
    if (egress?.startsWith("nat-")) return { kind: "existingNatGateway", id: egress };
    if (egress?.startsWith("tgw-")) return { kind: "transitGateway", id: egress };
    if (egress?.startsWith("eipalloc-")) return onAllocation(d, egress);
    if (natMode === "none") return undefined;
    const zone = nat.defaultZone(d);
    return zone === undefined ? undefined : nat.natFor(d, zone);
  };
}

/** Routes of a Utility or Public subnet; `via` carries a Public subnet's NAT64 route. */
function publicRoutes(d: SubnetDraft, nat64: boolean, via: RouteTarget | undefined): RoutePlan[] {
  // A public subnet in a Wavelength Zone reaches the internet (and the carrier network) through the
  // VPC's carrier gateway, IPv4 only (AWS Wavelength Developer Guide, "How AWS Wavelength works": "A
  // carrier gateway supports IPv4 traffic"; VPC User Guide, "Subnets in AWS Wavelength").
  const internet: RouteTarget = d.wavelength ? { kind: "carrierGateway" } : { kind: "internetGateway" };
  const routes: RoutePlan[] = [];
  if (d.hasIpv4) routes.push({ name: "ipv4-default", family: "ipv4", destination: "0.0.0.0/0", target: internet });
  if (d.hasIpv6 && !d.wavelength) {
    routes.push({ name: "ipv6-default", family: "ipv6", destination: "::/0", target: internet });
  }
  if (nat64 && via) routes.push({ name: "nat64", family: "ipv6", destination: NAT64_PREFIX, target: via });
  return routes;
}

/** Routes of a private subnet through its egress `via` (IPv6 to the egress-only internet gateway). */
function privateRoutes(
  d: SubnetDraft,
  need: { ipv4: boolean; nat64: boolean },
  via: RouteTarget | undefined,
): RoutePlan[] {
  const routes: RoutePlan[] = [];
  if (need.ipv4 && via) routes.push({ name: "ipv4-default", family: "ipv4", destination: "0.0.0.0/0", target: via });
  if (d.hasIpv6) {
    routes.push({
      name: "ipv6-default",
      family: "ipv6",
      destination: "::/0",
      target: { kind: "egressOnlyInternetGateway" },
    });
  }
  if (need.nat64 && via) routes.push({ name: "nat64", family: "ipv6", destination: NAT64_PREFIX, target: via });
  return routes;
}

/** The warnings about a subnet's routes: no IPv4 egress, or egress through another zone. */
function routeWarnings(d: SubnetDraft, routes: readonly RoutePlan[], noIpv4Egress: boolean): Finding[] {
  const out: Finding[] = [];
  if (noIpv4Egress) out.push(finding("NO_IPV4_EGRESS", d.path, d.config.name, { subnet: d.config.name }));
  const cross = routes.find((r) => r.target.kind === "natGateway" && r.target.crossZone);
  if (cross && cross.target.kind === "natGateway") {
    const p = { subnet: d.config.name, zone: d.config.zone, nat: cross.target.nat };
    out.push(finding("NAT_CROSS_ZONE", d.path, keyValue(d, d.config.name), p));
  }
  return out;
}

export function planRouting(input: RoutingInput): RoutingPlan {
  const { drafts, natMode } = input;
  const findings: Finding[] = [];
  const nat = natPlacer(drafts, natMode, findings);
  const egressOf = egressResolver(nat, natMode, findings);
  const subnets = new Map<string, SubnetRouting>();
  for (const d of drafts) {
    // An adopted subnet (id) keeps the route table it has: no route is decided for it.
    if (d.config.id !== undefined) {
      subnets.set(d.config.name, { routes: [], dns64: adoptedDns64(d, findings) });
      continue;
    }
    const need = egressNeed(d, input.singleStackIPv6);
    // No zone (a Wavelength subnet without parentZone, already reported): no NAT gateway to name.
    const publicNat = () => {
      const zone = natMode === "none" ? undefined : nat.defaultZone(d);
      return zone === undefined ? undefined : nat.natFor(d, zone);
    };
    const target = need.ipv4 || need.nat64 ? (d.public ? publicNat() : egressOf(d)) : undefined;
    const external = target === "external";
    const via = external ? undefined : target;
    const routes = d.public ? publicRoutes(d, need.nat64, via) : external ? [] : privateRoutes(d, need, via);
    const dns64 = dns64For(d, routes, external, nat.failed.has(d.config.name), findings);
    const noIpv4Egress =
      !d.public && need.ipv4 && !via && !external && natMode === "none" && d.config.egress === undefined;
    findings.push(...routeWarnings(d, routes, noIpv4Egress));
    subnets.set(d.config.name, { routes, dns64 });
  }
  findings.push(...nat.orderWarnings());
  return { natGateways: nat.gateways(), subnets, findings };
}
