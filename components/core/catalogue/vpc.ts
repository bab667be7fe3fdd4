/** Rules of CIDR syntax and of the VPC: its blocks, its IPv6 source, an existing VPC and its gateways (vpc.ts). */
import { group, rule } from "./rule";

const VPC_IPV6_RANGE = "between /44 and /60";

export const CIDRS = group("CIDR syntax", {
  CIDR_MALFORMED: rule<{ reason: string } | { lenHash: string }>({
    severity: "error",
    when: "a CIDR that cannot be parsed (any key that takes one), or a `/LEN#N` that is not kOps' form",
    message: (p) =>
      "lenHash" in p
        ? `${p.lenHash} is not kOps' /LEN#N form (LEN a prefix length, N the block's index in hexadecimal)`
        : p.reason,
    fix: (p) =>
      "lenHash" in p
        ? "write e.g. /64#a (the block at index 0xa), or a full IPv6 CIDR"
        : "write a CIDR such as 10.0.0.0/16 (IPv4) or 2001:db8::/56 (IPv6)",
  }),
  CIDR_NOT_CANONICAL: rule<{ reason: string; suggestion: string }>({
    severity: "error",
    when: 'a CIDR with host bits set or in a non-canonical spelling ("did you mean 10.0.0.0/16?")',
    message: (p) => p.reason,
    fix: (p) => `did you mean ${p.suggestion}?`,
  }),
});

type Mismatch =
  | { key: "cidrBlock"; vpc: string; found: string }
  | { key: "internetGatewayId"; vpc: string; found: string | null }
  | { key: "ipv6CidrBlock"; vpc: string; found: string };

export const VPC = group("The VPC and its IPv6 source", {
  VPC_CIDR_SIZE: rule({
    severity: "error",
    when: "a VPC IPv4 block outside AWS' /16 to /28",
    message: () => "AWS allows VPC IPv4 blocks from /16 to /28",
    fix: () => "use a prefix length between 16 and 28, e.g. 10.0.0.0/16",
  }),
  VPC_IPV6_CIDR_SIZE: rule<{ len: number } | { vpc: string; found: string }>({
    severity: "error",
    when: `a VPC IPv6 block (configured, or an existing VPC's) not ${VPC_IPV6_RANGE}`,
    message: (p) =>
      "vpc" in p
        ? `VPC ${p.vpc} has IPv6 block ${p.found}; a VPC IPv6 block is ${VPC_IPV6_RANGE}`
        : `a VPC IPv6 block is ${VPC_IPV6_RANGE}, not /${p.len}`,
    fix: (p) =>
      "vpc" in p
        ? "use a VPC whose IPv6 block is a /44 to /60 (usually a /56), or remove vpc.ipv6"
        : "use the VPC's real block, usually a /56",
  }),
  IPV6_SOURCE_CONFLICT: rule<{ conflict: "pool-and-ipam" | "ipam-block" | "existing-pool" }>({
    severity: "error",
    when: "two IPv6 sources at once (an EC2 pool and IPAM, a block named with IPAM, a pool for an existing VPC)",
    message: (p) =>
      ({
        "pool-and-ipam": "poolId (bring-your-own EC2 pool) and ipamPool are two different IPv6 sources",
        "ipam-block": "with ipamPool the block is allocated by IPAM and cannot be named",
        "existing-pool": "an existing VPC (vpc.id) keeps the IPv6 block it has; no pool is allocated from",
      })[p.conflict],
    fix: (p) =>
      ({
        "pool-and-ipam": "keep one of vpc.ipv6.poolId and vpc.ipv6.ipamPool",
        "ipam-block": "remove vpc.ipv6.cidrBlock (set vpc.ipv6.ipamPool.netmaskLength for its size)",
        "existing-pool": "remove the pool and set vpc.ipv6.cidrBlock to the VPC's IPv6 block",
      })[p.conflict],
  }),
  IPAM_NETMASK_INVALID: rule<{ netmasks: string }>({
    severity: "error",
    when: "an IPAM netmask AWS does not allocate for a VPC (/44 to /60 in steps of 4)",
    message: () => "AWS allows IPAM VPC IPv6 blocks of /44 to /60 in steps of 4",
    fix: (p) => `use one of ${p.netmasks} (default 56)`,
  }),
  BYOIP_POOL_INCOMPLETE: rule<{ missing: string }>({
    severity: "error",
    when: "a bring-your-own IPv6 pool without its `poolId` or its `cidrBlock`",
    message: () => "a bring-your-own IPv6 pool needs both poolId and cidrBlock",
    fix: (p) =>
      `set ${p.missing} (the pool id and the /56 to take from it), ` +
      "or remove vpc.ipv6.poolId and vpc.ipv6.cidrBlock for an Amazon-provided block",
  }),
});

export const EXISTING_VPC = group("An existing VPC and its gateways", {
  EXISTING_VPC_NOT_FOUND: rule<{ vpc: string; reason: string }>({
    severity: "error",
    when: "`vpc.id` names a VPC the provider cannot find in the region (the lookup fails at preview)",
    message: (p) => `VPC ${p.vpc} could not be looked up: ${p.reason}`,
    fix: () => "check vpc.id and the stack's region (aws ec2 describe-vpcs --vpc-ids ...), or remove vpc.id",
  }),
  EXISTING_VPC_MISMATCH: rule<Mismatch>({
    severity: "error",
    when: "a block or gateway id in config that is not the existing VPC's (as looked up)",
    message: (p) =>
      p.key === "cidrBlock"
        ? `VPC ${p.vpc} has IPv4 block ${p.found}`
        : p.key === "ipv6CidrBlock"
          ? `VPC ${p.vpc} has IPv6 block ${p.found}`
          : p.found
            ? `VPC ${p.vpc} has internet gateway ${p.found} attached`
            : `VPC ${p.vpc} has no internet gateway attached`,
    fix: (p) =>
      p.key === "cidrBlock"
        ? `set vpc.cidrBlock to ${p.found}`
        : p.key === "ipv6CidrBlock"
          ? `set vpc.ipv6.cidrBlock to ${p.found}`
          : p.found
            ? `set vpc.internetGatewayId to ${p.found}`
            : "remove vpc.internetGatewayId: the VPC gets a new internet gateway",
  }),
  EXISTING_VPC_NO_IPV6: rule<{ vpc: string; lookedUp: boolean }>({
    severity: "error",
    when: "IPv6 asked for in an existing VPC that has no IPv6 block",
    message: (p) =>
      `IPv6 is asked for, but VPC ${p.vpc} has no IPv6 block${p.lookedUp ? "" : " that could be looked up"}`,
    fix: () =>
      "associate an IPv6 block with the VPC and set vpc.ipv6.cidrBlock to it, " +
      "or remove vpc.ipv6 for an IPv4-only network",
  }),
  GATEWAY_REUSE_NEEDS_VPC_ID: rule<{ gateway: "internet" | "egress-only" }>({
    severity: "error",
    when: "a gateway id to reuse without `vpc.id`: gateways are reused only with the VPC they are attached to",
    message: (p) =>
      p.gateway === "internet"
        ? "an existing internet gateway can only be reused with an existing VPC"
        : "an existing egress-only internet gateway can only be reused with an existing VPC",
    fix: (p) =>
      p.gateway === "internet"
        ? "remove vpc.internetGatewayId, or set vpc.id to the VPC it is attached to"
        : "remove it, or set vpc.id to the VPC it is attached to",
  }),
  EXISTING_VPC_EGRESS_GATEWAY_UNKNOWN: rule<{ subnets: string; vpc: string; create: string }>({
    severity: "error",
    when:
      "an existing VPC whose subnets route IPv6 to an egress-only gateway that is not named: set " +
      "`vpc.ipv6.egressOnlyInternetGatewayId` to its `eigw-...`, or `create` when it has none (there is no data " +
      "source to look it up, and a second one is never created silently)",
    message: (p) =>
      `subnets ${p.subnets} route IPv6 to the egress-only internet gateway, and which one VPC ${p.vpc} uses is ` +
      "not set (it cannot be looked up, and a VPC usually has one already)",
    fix: (p) =>
      "set vpc.ipv6.egressOnlyInternetGatewayId to the VPC's eigw-... " +
      `(aws ec2 describe-egress-only-internet-gateways lists each with its VPC), or to ${p.create} if the VPC has none`,
  }),
});
