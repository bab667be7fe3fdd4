/** Rules of NAT gateway placement, routes and DNS64 (components/core/nat-gateways.ts, routes.ts, nat64-dns64.ts). */
import { group, rule } from "./rule";

const NAT64 = "64:ff9b::/96";

export const ROUTING = group("NAT gateways, routes and DNS64", {
  NAT_NO_PUBLIC_SUBNET: rule<{ subnet: string; zone: string }>({
    severity: "error",
    when: "a zone needs a NAT gateway but has no Utility or Public subnet to place it in",
    message: (p) =>
      `subnet ${p.subnet} needs a NAT gateway in ${p.zone}, ` +
      `but ${p.zone} has no Utility or Public subnet to place it in`,
    fix: (p) =>
      `add a Utility subnet in ${p.zone}, or set egress on the private subnets of ${p.zone} ` +
      "(nat-..., tgw-... or External)",
  }),
  NAT_GATEWAY_PINNED_TWICE: rule<{ first: string; single: boolean; zone: string }>({
    severity: "error",
    when: "`natGateway: true` on two subnets of one zone (of the whole list with `natGateways: single`)",
    message: (p) =>
      `${p.first} is already pinned to hold ` +
      (p.single ? "the one NAT gateway (natGateways: single)" : `${p.zone}'s NAT gateway`),
    fix: () => "set natGateway: true on one subnet only",
  }),
  EIP_ALLOCATION_REUSED: rule<{ owner: string; zone: string }>({
    severity: "error",
    when: "one `eipalloc-...` given as the egress of subnets in two zones: one Elastic IP serves one NAT gateway",
    message: (p) =>
      `subnet ${p.owner} in ${p.zone} already puts a NAT gateway on this Elastic IP; ` +
      "one allocation serves one NAT gateway",
    fix: () => "use a different eipalloc-... per zone",
  }),
  WAVELENGTH_PARENT_ZONE_REQUIRED: rule<{ subnet: string; zone: string }>({
    severity: "error",
    when:
      "a private Wavelength Zone subnet needs a NAT gateway and has no `parentZone`: none can be placed in a " +
      "Wavelength Zone, so its IPv4 egress uses the parent zone's (as in Cluster API)",
    message: (p) =>
      `${p.subnet} is in Wavelength Zone ${p.zone}, where no NAT gateway can be placed: its IPv4 egress goes ` +
      "through the NAT gateway of the parent Availability Zone, which is not set",
    fix: (p) =>
      "set parentZone to the zone's parent Availability Zone (aws ec2 describe-availability-zones --zone-names " +
      `${p.zone} shows ParentZoneName), or set egress (nat-..., tgw-... or External)`,
  }),
  DNS64_ON_DUAL_STACK: rule<{ subnet: string }>({
    severity: "error",
    when: "`dns64` on a subnet that is not IPv6-only (adopted subnets included)",
    message: (p) =>
      `subnet ${p.subnet} is not IPv6-only; DNS64 there would send traffic for IPv4-only names through NAT64 ` +
      "instead of IPv4",
    fix: () => "remove dns64 (it is on by default exactly for IPv6-only subnets)",
  }),
  DNS64_WITHOUT_NAT64: rule<{ subnet: string; ipv6Only?: boolean }>({
    severity: "error",
    when: `DNS64 on a subnet without a route for ${NAT64}: every IPv4-only name would be unreachable`,
    message: (p) =>
      `${p.ipv6Only === false ? "subnet" : "IPv6-only subnet"} ${p.subnet} would get DNS64 but no route for ` +
      `${NAT64}, so every IPv4-only name would be unreachable`,
    fix: () =>
      "give it a NAT64 route (natGateways perZone or single, or egress: nat-.../tgw-.../eipalloc-...), " +
      "or set subnets[...].dns64: false",
    resourceFix: () =>
      `add a route for ${NAT64} to a NAT gateway (or a transit gateway that translates) to the subnet's route ` +
      "table, or set enableDns64: false on the subnet",
  }),
  NO_IPV4_EGRESS: rule<{ subnet: string }>({
    severity: "warning",
    when: "a subnet with IPv4 has no IPv4 route to the internet (`natGateways: none` and no `egress`)",
    message: (p) => `subnet ${p.subnet} has no IPv4 route to the internet (natGateways: none)`,
    fix: () => "set natGateways, or egress on the subnet, if its hosts need IPv4 egress",
  }),
  NAT_CROSS_ZONE: rule<{ subnet: string; zone: string; nat: string }>({
    severity: "warning",
    when: "a subnet reaches a NAT gateway in another zone (`natGateways: single`)",
    message: (p) =>
      `subnet ${p.subnet} in ${p.zone} reaches NAT gateway ${p.nat} in another zone: cross-zone data charges, ` +
      "and that zone's outage cuts its egress",
    fix: () => "use natGateways: perZone for zone-independent egress",
  }),
  NAT_PLACED_BY_ORDER: rule<{ nat: string; subnet: string; scope: string; rivals: string; zone?: string }>({
    severity: "warning",
    when:
      "a NAT gateway sits in a subnet chosen by list order among several candidates (with explicit `subnets`; " +
      "or, with the default layout and `natGateways: single`, by the order of `zones`): appending is safe, " +
      "inserting before it, reordering or changing its kind would move (replace) it",
    message: (p) =>
      p.zone
        ? `NAT gateway ${p.nat} goes in ${p.subnet} because ${p.zone} is listed first in zones (also candidates: ` +
          `${p.rivals}); reordering zones or inserting one before it would move the NAT gateway, which replaces ` +
          "it and cuts egress for minutes"
        : `NAT gateway ${p.nat} goes in ${p.subnet} because it is the first-listed Utility or Public subnet of ` +
          `${p.scope} (also candidates: ${p.rivals}); inserting a Utility or Public subnet before it, reordering, ` +
          "or changing its kind would move the NAT gateway, which replaces it and cuts egress for minutes",
    fix: (p) =>
      p.zone
        ? `keep ${p.zone} first in zones (add zones at the end), or list subnets and pin it: natGateway: true on ` +
          p.subnet
        : `pin it: natGateway: true on ${p.subnet}`,
  }),
});
