/** Rules of the subnets: kinds against the VPC's families, their keys, and their blocks (subnets.ts). */
import { group, rule } from "./rule";

export const SUBNETS = group("Subnets", {
  DUPLICATE_SUBNET_NAME: rule<{ first: number }>({
    severity: "error",
    when: "two subnets with one name (every resource of a subnet is named after it)",
    message: (p) => `subnets[${p.first}] already uses this name, and resource names derive from it`,
    fix: () => "give each subnet a unique name",
  }),
  IPV6_SUBNET_IN_IPV4_VPC: rule<{ key: "type" | "ipv6CIDR" }>({
    severity: "error",
    when: "a DualStack subnet, or an `ipv6CIDR`, in a VPC without IPv6",
    message: (p) =>
      p.key === "type" ? "a DualStack subnet needs IPv6, but the VPC has none" : "the VPC has no IPv6 block",
    fix: (p) =>
      p.key === "type"
        ? "add vpc.ipv6 ({} for an Amazon-provided /56), or use type Private or PrivateIPv4"
        : "add vpc.ipv6, or remove ipv6CIDR",
  }),
  SUBNET_FAMILY_MISMATCH: rule<{ key: "cidr" | "ipv6CIDR" }>({
    severity: "error",
    when:
      "a block of a family the subnet's kind does not have " +
      "(`ipv6CIDR` on PrivateIPv4, `cidr` on an IPv6-only Private)",
    message: (p) =>
      p.key === "ipv6CIDR"
        ? "a PrivateIPv4 subnet has no IPv6 block"
        : "a Private subnet in an IPv6 VPC is IPv6-only and has no IPv4 block",
    fix: (p) =>
      p.key === "ipv6CIDR"
        ? "remove ipv6CIDR, or use type DualStack"
        : "remove cidr, or use type DualStack for both families",
  }),
  EGRESS_ON_PUBLIC_SUBNET: rule<{ type: string }>({
    severity: "error",
    when: "`egress` on a Utility or Public subnet (they route to the internet gateway)",
    message: (p) => `${p.type} subnets route to the internet gateway; egress applies to private kinds only`,
    fix: () => "remove egress, or change the type to Private, DualStack or PrivateIPv4",
  }),
  EGRESS_UNKNOWN: rule({
    severity: "error",
    when: "an `egress` that is none of `nat-...`, `eipalloc-...`, `tgw-...`, `External`",
    message: () => "egress must be nat-..., eipalloc-..., tgw-... or External",
    fix: () => "use an existing NAT gateway id, an Elastic IP allocation id, a transit gateway id, or External",
  }),
  PUBLIC_IPV4_ON_PRIVATE_SUBNET: rule<{ type: string }>({
    severity: "error",
    when: "`publicIPv4` on a private kind",
    message: (p) => `${p.type} subnets are private and never map public IPv4 addresses`,
    fix: () => "remove publicIPv4",
  }),
  NAT_GATEWAY_ON_PRIVATE_SUBNET: rule<{ type: string }>({
    severity: "error",
    when: "`natGateway: true` on a private kind (a NAT gateway needs a route to the internet gateway)",
    message: (p) => `a NAT gateway needs a subnet that routes to the internet gateway, and ${p.type} subnets do not`,
    fix: () => "set natGateway on a Utility or Public subnet of the zone",
  }),
  NAT_GATEWAY_ON_ADOPTED_SUBNET: rule({
    severity: "error",
    when: "`natGateway: true` on an adopted subnet (its routes are not managed here)",
    message: () =>
      "an adopted subnet's routes are not managed here, so it cannot be checked to reach the internet gateway",
    fix: () => "set natGateway on a Utility or Public subnet this stack manages",
  }),
});

export const BLOCKS = group("Subnet blocks", {
  SUBNET_OUTSIDE_VPC: rule<{ vpcBlock: string; family: "ipv4" | "ipv6" }>({
    severity: "error",
    when: "a subnet block outside the VPC's block (either family)",
    message: (p) => `not inside the VPC ${p.family === "ipv6" ? "IPv6 block" : "block"} ${p.vpcBlock}`,
    fix: (p) =>
      p.family === "ipv6"
        ? `use a block inside ${p.vpcBlock}, or /64#N`
        : `use a block inside ${p.vpcBlock}, or leave cidr unset for automatic allocation`,
  }),
  SUBNET_CIDR_SIZE: rule({
    severity: "error",
    when: "a subnet IPv4 block outside AWS' /16 to /28",
    message: () => "AWS subnet IPv4 blocks are /16 to /28",
    fix: () => "use a prefix length between 16 and 28",
  }),
  SUBNET_OVERLAP: rule<{ block: string; other: string; otherBlock: string; fix: string }>({
    severity: "error",
    when: "two subnets' blocks overlap (either family)",
    message: (p) => `${p.block} overlaps subnet ${p.other} (${p.otherBlock})`,
    fix: (p) => p.fix,
  }),
  AUTO_CIDR_COLLISION: rule<{ block: string; other: string; otherBlock: string; fix: string }>({
    severity: "error",
    when: "an automatic block overlaps another subnet's (automatic blocks depend on zone, kind and name only)",
    message: (p) =>
      `${p.block} overlaps subnet ${p.other} (${p.otherBlock}); automatic blocks depend on zone, kind and name only`,
    fix: (p) => p.fix,
  }),
  AUTO_CIDR_VPC_TOO_SMALL: rule<{ len: number }>({
    severity: "error",
    when: "the VPC's IPv4 block is too small for automatic allocation (it would give a block smaller than /28)",
    message: (p) => `automatic allocation would give a /${p.len}, smaller than the /28 AWS allows`,
    fix: () => "set cidr on this subnet, or use a larger vpc.cidrBlock",
  }),
  IPV6_PREFIX_TOO_SHORT: rule<{ len: number; vpcLen: number }>({
    severity: "error",
    when: "a subnet IPv6 prefix shorter than the VPC's block",
    message: (p) => `/${p.len} is shorter than the VPC's /${p.vpcLen} block`,
    fix: (p) => `use /64 (e.g. /64#0) or a length between ${p.vpcLen} and 64`,
  }),
  IPV6_PREFIX_TOO_LONG: rule<{ len: number }>({
    severity: "error",
    when: "a subnet IPv6 prefix longer than /64",
    message: (p) => `/${p.len} is longer than /64; AWS subnets are /64`,
    fix: () => "use /64",
  }),
  IPV6_PREFIX_STEP: rule<{ len: number }>({
    severity: "error",
    when: "in an IPAM VPC, a subnet IPv6 prefix that is not /44 to /64 in steps of 4",
    message: (p) => `/${p.len} is not a step of 4; IPAM allows /44 to /64 in steps of 4`,
    fix: (p) => `use /${Math.min(64, Math.ceil(p.len / 4) * 4)} or /64`,
  }),
  IPV6_PREFIX_NOT_64: rule<{ len: number }>({
    severity: "error",
    when: "outside IPAM, a subnet IPv6 prefix other than /64 (AWS subnets are /64)",
    message: (p) => `AWS subnets in a VPC not backed by IPAM are /64, not /${p.len}`,
    fix: () => "use /64",
  }),
  IPV6_INDEX_OUT_OF_RANGE: rule<{ vpcLen: number; len: number; count: bigint; index: string }>({
    severity: "error",
    when: "a `/LEN#N` index past the end of the VPC's block (kOps only finds it at deploy time)",
    message: (p) =>
      `a /${p.vpcLen} VPC block holds ${p.count} /${p.len} blocks (#0 to #${(p.count - 1n).toString(16)}); ` +
      `#${p.index} is past the end`,
    fix: (p) => `use an index from 0 to ${(p.count - 1n).toString(16)} (hexadecimal)`,
  }),
  IPV6_CIDR_NEEDS_VPC_BLOCK: rule<{ len: number }>({
    severity: "error",
    when: "a full IPv6 CIDR for a subnet while the VPC's block is assigned by AWS at deployment",
    message: () =>
      "the VPC's IPv6 block is assigned by AWS at deployment, so a full IPv6 CIDR cannot be checked or placed",
    fix: (p) => `use kOps' /LEN#N form instead, e.g. /${p.len}#0`,
  }),
});
