/**
 * Every validation rule of the stack config (issue 2, section 3, and every code in README's "Validation
 * rules" table), called through the pure planner: each case is a config fragment and the finding it must
 * produce, with its stable code, key path, value, message and fix. Each case also pins the complete list
 * of error codes, so a rule that starts firing twice, or drags unrelated findings along, fails here.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";
import { CATALOGUE, GROUPS } from "../components/core/catalogue";
import { withRuleTables } from "../components/core/catalogue/docs";
import * as ENUMS from "../components/core/enums";
import { formatFindings, type Finding } from "../components/core/findings";
import { planNetwork } from "../components/core/plan";
import type { Facts } from "../components/core/types";
import {
  DUAL_STACK_K8S,
  eksConfig,
  EXISTING_VPC_ID,
  FACTS,
  FACTS_EKS,
  FACTS_EXISTING,
  NITRO_IPV6,
  planOk,
  refused,
  sn,
  VPC_AMAZON,
  VPC_BYOIP,
  VPC_EXISTING,
  VPC_IPV4_ONLY,
  vpcIpam,
  type Raw,
} from "./support/core-fixtures";

const A = "us-east-1a";
const B = "us-east-1b";
const C = "us-east-1c";
const TWO_ZONES = [A, B];
/** A Local Zone and a Wavelength Zone of us-east-1, with their types as the program looks them up. */
const LZ = "us-east-1-nyc-1a";
const WZ = "us-east-1-wl1-bos-wlz-1";
const FACTS_EDGE: Facts = {
  ...FACTS,
  zoneTypes: { [A]: "availability-zone", [B]: "availability-zone", [LZ]: "local-zone", [WZ]: "wavelength-zone" },
};

/** A valid two-zone config with the given VPC; `extra` replaces or adds top-level keys. */
function cfg(vpc: Raw, extra: Raw = {}): Raw {
  return { vpc, zones: TWO_ZONES, ...extra };
}
/** Utility subnets in both zones (NAT gateway hosts) followed by `more`. */
function withSubnets(vpc: Raw, more: Raw[], extra: Raw = {}): Raw {
  return cfg(vpc, { subnets: [sn("Utility", A), sn("Utility", B), ...more], ...extra });
}
const k8s = (kubernetes: Raw, vpc: Raw = VPC_AMAZON, extra: Raw = {}) => cfg(vpc, { kubernetes, ...extra });
/** A valid EKS config whose `kubernetes` also has the self-managed keys `k`. */
const eksK8s = (k: Raw) => {
  const c = eksConfig();
  return { ...c, kubernetes: { ...(c.kubernetes as Raw), ...k } };
};
/** An instance type with IPv6 on the Xen hypervisor (not Nitro), as the program looks it up. */
const XEN_IPV6 = { status: "ok", ipv6Supported: true, hypervisor: "xen" } as const;

interface Case {
  /** What the rule is, as the test title. */
  rule: string;
  config: Raw;
  facts?: Facts;
  code: string;
  path: string;
  /** Asserted with deepEqual when the key is present (use `value: undefined` for a missing key). */
  value?: unknown;
  message: string | RegExp;
  fix: string | RegExp;
  /** Other error codes the same config must report (default: none). */
  also?: string[];
  /** Warnings do not refuse the config; they are in plan.warnings. */
  warning?: true;
}

const cases: Case[] = [
  // ---- shape (zod) --------------------------------------------------------------------------------
  {
    rule: "a misspelt top-level key gets a suggestion",
    config: { ...cfg(VPC_AMAZON), subnet: [] },
    code: "CONFIG_UNKNOWN_KEY",
    path: "subnet",
    value: [],
    message: 'unknown key "subnet"',
    fix: 'did you mean "subnets"?',
  },
  {
    rule: "a misspelt key inside vpc gets a suggestion (case-insensitive)",
    config: cfg({ ...VPC_AMAZON, cidrblock: "10.0.0.0/16" }),
    code: "CONFIG_UNKNOWN_KEY",
    path: "vpc.cidrblock",
    value: "10.0.0.0/16",
    message: 'unknown key "cidrblock"',
    fix: 'did you mean "cidrBlock"? Known keys here: cidrBlock, ipv6, id, internetGatewayId',
  },
  {
    rule: "a misspelt key inside a list element gets a suggestion",
    config: withSubnets(VPC_AMAZON, [{ ...sn("Private", A), ipv6Cidr: "/64#a" }]),
    code: "CONFIG_UNKNOWN_KEY",
    path: "subnets[2].ipv6Cidr",
    value: "/64#a",
    message: 'unknown key "ipv6Cidr"',
    fix: 'did you mean "ipv6CIDR"?',
  },
  {
    rule: "a misspelt key nested in vpc.ipv6 gets a suggestion",
    config: cfg({ cidrBlock: "10.0.0.0/16", ipv6: { ipamPol: { id: "ipam-pool-1" } } }),
    code: "CONFIG_UNKNOWN_KEY",
    path: "vpc.ipv6.ipamPol",
    value: { id: "ipam-pool-1" },
    message: 'unknown key "ipamPol"',
    fix: 'did you mean "ipamPool"?',
  },
  {
    rule: "an unknown key with no close match is to be removed",
    config: cfg({ ...VPC_AMAZON, enableFlowLogs: true }),
    code: "CONFIG_UNKNOWN_KEY",
    path: "vpc.enableFlowLogs",
    value: true,
    message: 'unknown key "enableFlowLogs"',
    fix: "remove it; known keys here: cidrBlock, ipv6, id, internetGatewayId",
  },
  {
    rule: "vpc is required",
    config: { zones: TWO_ZONES },
    code: "CONFIG_REQUIRED",
    path: "vpc",
    value: undefined,
    message: "required key is missing",
    fix: "set vpc",
  },
  {
    rule: "a subnet needs a zone",
    config: withSubnets(VPC_AMAZON, [{ name: "nodes", type: "Private" }]),
    code: "CONFIG_REQUIRED",
    path: "subnets[2].zone",
    value: undefined,
    message: "required key is missing",
    fix: "set subnets[2].zone",
  },
  {
    rule: "a misspelt subnet type gets a suggestion",
    config: withSubnets(VPC_AMAZON, [{ name: "nodes", zone: A, type: "Privat" }]),
    code: "CONFIG_INVALID_VALUE",
    path: "subnets[2].type",
    value: "Privat",
    message: "must be one of Public | Utility | Private | DualStack | PrivateIPv4",
    fix: 'did you mean "Private"?',
  },
  {
    rule: "a misspelt natGateways mode gets a suggestion",
    config: cfg(VPC_AMAZON, { natGateways: "perzone" }),
    code: "CONFIG_INVALID_VALUE",
    path: "natGateways",
    value: "perzone",
    message: "must be one of perZone | single | none",
    fix: 'did you mean "perZone"?',
  },
  {
    rule: "a value of the wrong type",
    config: cfg(VPC_AMAZON, { protect: "yes" }),
    code: "CONFIG_INVALID_TYPE",
    path: "protect",
    value: "yes",
    message: 'expected true or false, got the text "yes"',
    fix: "write true or false: Pulumi, like YAML 1.2, reads yes as text",
  },
  {
    rule: "a subnet name that cannot name AWS resources",
    config: withSubnets(VPC_AMAZON, [{ name: "nodes a", zone: A, type: "Private" }]),
    code: "CONFIG_INVALID_TYPE",
    path: "subnets[2].name",
    value: "nodes a",
    message: "use letters, digits",
    fix: 'rename it, e.g. "nodes-a"',
  },

  // ---- CIDR syntax --------------------------------------------------------------------------------
  {
    rule: "an IPv4 CIDR with host bits set: did you mean 10.0.0.0/16?",
    config: cfg({ cidrBlock: "10.0.0.1/16", ipv6: {} }),
    code: "CIDR_NOT_CANONICAL",
    path: "vpc.cidrBlock",
    value: "10.0.0.1/16",
    message: "10.0.0.1/16 has host bits set",
    fix: "did you mean 10.0.0.0/16?",
  },
  {
    rule: "an IPv6 CIDR in upper case is not RFC 5952 canonical",
    config: cfg({ ...VPC_BYOIP, ipv6: { ...VPC_BYOIP.ipv6, cidrBlock: "2001:DB8::/56" } }),
    code: "CIDR_NOT_CANONICAL",
    path: "vpc.ipv6.cidrBlock",
    value: "2001:DB8::/56",
    message: "is not in canonical form",
    fix: "did you mean 2001:db8::/56?",
  },
  {
    rule: "an IPv6 CIDR with uncompressed zeros is not RFC 5952 canonical",
    config: withSubnets(VPC_BYOIP, [sn("Private", A, { ipv6CIDR: "2001:db8:0:a:0::/64" })]),
    code: "CIDR_NOT_CANONICAL",
    path: "subnets[2].ipv6CIDR",
    value: "2001:db8:0:a:0::/64",
    message: "is not in canonical form",
    fix: "did you mean 2001:db8:0:a::/64?",
  },
  {
    rule: "an IPv6 subnet CIDR with host bits set",
    config: withSubnets(VPC_BYOIP, [sn("Private", A, { ipv6CIDR: "2001:db8:0:a::1/64" })]),
    code: "CIDR_NOT_CANONICAL",
    path: "subnets[2].ipv6CIDR",
    value: "2001:db8:0:a::1/64",
    message: "has host bits set",
    fix: "did you mean 2001:db8:0:a::/64?",
  },
  {
    rule: "a shortened IPv4 address is malformed",
    config: cfg({ cidrBlock: "10.0/16", ipv6: {} }),
    code: "CIDR_MALFORMED",
    path: "vpc.cidrBlock",
    value: "10.0/16",
    message: "not a valid IPv4 CIDR",
    fix: "write a CIDR such as 10.0.0.0/16",
  },
  {
    rule: "an IPv4 address with leading zeros is malformed",
    config: withSubnets(VPC_AMAZON, [sn("PrivateIPv4", A, { cidr: "010.0.200.0/24" })]),
    code: "CIDR_MALFORMED",
    path: "subnets[2].cidr",
    value: "010.0.200.0/24",
    message: "leading zeroes",
    fix: "write a CIDR",
  },
  {
    rule: "a CIDR without a prefix length is malformed",
    config: withSubnets(VPC_AMAZON, [sn("PrivateIPv4", A, { cidr: "10.0.200.0" })]),
    code: "CIDR_MALFORMED",
    path: "subnets[2].cidr",
    value: "10.0.200.0",
    message: "needs a prefix length",
    fix: "write a CIDR",
  },
  {
    rule: "an IPv6 block where an IPv4 one belongs is malformed",
    config: cfg({ cidrBlock: "2001:db8::/56" }),
    code: "CIDR_MALFORMED",
    path: "vpc.cidrBlock",
    value: "2001:db8::/56",
    message: "expected an IPv4 CIDR, got an IPv6 one",
    fix: "write a CIDR",
  },
  {
    rule: "a prefix length beyond the address size is malformed",
    config: k8s({ podCIDRs: ["fd00::/129"], serviceCIDRs: ["fd01::/112"] }),
    code: "CIDR_MALFORMED",
    path: "kubernetes.podCIDRs[0]",
    value: "fd00::/129",
    message: "prefix length /129 is longer than 128 bits",
    fix: "write a CIDR",
  },
  {
    rule: "a /LEN#N whose N is not hexadecimal is malformed, and says so",
    config: withSubnets(VPC_AMAZON, [sn("Private", A, { ipv6CIDR: "/64#g" })]),
    code: "CIDR_MALFORMED",
    path: "subnets[2].ipv6CIDR",
    value: "/64#g",
    message: "/LEN#N",
    fix: "/64#a",
  },
  {
    rule: "a /LEN#N without N is malformed",
    config: withSubnets(VPC_AMAZON, [sn("Private", A, { ipv6CIDR: "/64#" })]),
    code: "CIDR_MALFORMED",
    path: "subnets[2].ipv6CIDR",
    value: "/64#",
    message: "hexadecimal",
    fix: "/64#a",
  },

  // ---- sizes ---------------------------------------------------------------------------------------
  {
    rule: "a VPC IPv4 block larger than /16",
    config: cfg({ cidrBlock: "10.0.0.0/8", ipv6: {} }),
    code: "VPC_CIDR_SIZE",
    path: "vpc.cidrBlock",
    value: "10.0.0.0/8",
    message: "AWS allows VPC IPv4 blocks from /16 to /28",
    fix: "between 16 and 28",
  },
  {
    rule: "a VPC IPv6 block that is not /44../60",
    config: cfg({ ...VPC_BYOIP, ipv6: { ...VPC_BYOIP.ipv6, cidrBlock: "2001:db8::/64" } }),
    code: "VPC_IPV6_CIDR_SIZE",
    path: "vpc.ipv6.cidrBlock",
    value: "2001:db8::/64",
    message: "between /44 and /60",
    fix: "/56",
  },
  {
    rule: "a subnet IPv4 block smaller than /28",
    config: withSubnets(VPC_AMAZON, [sn("PrivateIPv4", A, { cidr: "10.0.200.0/29" })]),
    code: "SUBNET_CIDR_SIZE",
    path: "subnets[2].cidr",
    value: "10.0.200.0/29",
    message: "/16 to /28",
    fix: "between 16 and 28",
  },
  {
    rule: "automatic IPv4 blocks in a VPC too small for them",
    config: cfg({ cidrBlock: "10.0.0.0/24" }, { zones: [A], subnets: [sn("Utility", A)] }),
    code: "AUTO_CIDR_VPC_TOO_SMALL",
    path: "subnets[0].cidr",
    value: undefined,
    message: "would give a /32, smaller than the /28",
    fix: "set cidr on this subnet, or use a larger vpc.cidrBlock",
  },

  // ---- IPv6 sources --------------------------------------------------------------------------------
  {
    rule: "ipamPool together with poolId",
    config: cfg({ cidrBlock: "10.0.0.0/16", ipv6: { poolId: "ipv6pool-ec2-1", ipamPool: { id: "ipam-pool-1" } } }),
    code: "IPV6_SOURCE_CONFLICT",
    path: "vpc.ipv6.poolId",
    value: "ipv6pool-ec2-1",
    message: "two different IPv6 sources",
    fix: "keep one of vpc.ipv6.poolId and vpc.ipv6.ipamPool",
  },
  {
    rule: "ipamPool together with cidrBlock",
    config: cfg({ cidrBlock: "10.0.0.0/16", ipv6: { cidrBlock: "2001:db8::/56", ipamPool: { id: "ipam-pool-1" } } }),
    code: "IPV6_SOURCE_CONFLICT",
    path: "vpc.ipv6.cidrBlock",
    value: "2001:db8::/56",
    message: "allocated by IPAM and cannot be named",
    fix: "remove vpc.ipv6.cidrBlock",
  },
  {
    rule: "a pool with an existing VPC",
    config: cfg({ ...VPC_EXISTING, ipv6: { ...VPC_EXISTING.ipv6, poolId: "ipv6pool-ec2-1" } }),
    facts: FACTS_EXISTING,
    code: "IPV6_SOURCE_CONFLICT",
    path: "vpc.ipv6.poolId",
    value: "ipv6pool-ec2-1",
    message: "keeps the IPv6 block it has",
    fix: "remove the pool",
  },
  {
    rule: "a BYOIP pool without its block",
    config: cfg({ cidrBlock: "10.0.0.0/16", ipv6: { poolId: "ipv6pool-ec2-1" } }),
    code: "BYOIP_POOL_INCOMPLETE",
    path: "vpc.ipv6.cidrBlock",
    value: undefined,
    message: "needs both poolId and cidrBlock",
    fix: "set vpc.ipv6.cidrBlock",
  },
  {
    rule: "a BYOIP block without its pool",
    config: cfg({ cidrBlock: "10.0.0.0/16", ipv6: { cidrBlock: "2001:db8::/56" } }),
    code: "BYOIP_POOL_INCOMPLETE",
    path: "vpc.ipv6.poolId",
    value: undefined,
    message: "needs both poolId and cidrBlock",
    fix: "set vpc.ipv6.poolId",
  },
  ...[40, 50, 64].map((n): Case => ({
    rule: `an IPAM netmaskLength of ${n} (AWS allows 44..60 in steps of 4)`,
    config: cfg(vpcIpam(n)),
    code: "IPAM_NETMASK_INVALID",
    path: "vpc.ipv6.ipamPool.netmaskLength",
    value: n,
    message: "/44 to /60 in steps of 4",
    fix: "use one of 44, 48, 52, 56, 60 (default 56)",
  })),

  // ---- existing VPC --------------------------------------------------------------------------------
  {
    rule: "an internet gateway to reuse without vpc.id",
    config: cfg({ ...VPC_AMAZON, internetGatewayId: "igw-1" }),
    code: "GATEWAY_REUSE_NEEDS_VPC_ID",
    path: "vpc.internetGatewayId",
    value: "igw-1",
    message: "only be reused with an existing VPC",
    fix: "set vpc.id",
  },
  {
    rule: "an egress-only internet gateway to reuse without vpc.id",
    config: cfg({ cidrBlock: "10.0.0.0/16", ipv6: { egressOnlyInternetGatewayId: "eigw-1" } }),
    code: "GATEWAY_REUSE_NEEDS_VPC_ID",
    path: "vpc.ipv6.egressOnlyInternetGatewayId",
    value: "eigw-1",
    message: "only be reused with an existing VPC",
    fix: "set vpc.id",
  },
  {
    rule: "a vpc.id the provider cannot find: a finding at the key, not a provider error",
    config: cfg(VPC_EXISTING),
    facts: { ...FACTS, existingVpcError: "no matching EC2 VPC found" },
    code: "EXISTING_VPC_NOT_FOUND",
    path: "vpc.id",
    value: EXISTING_VPC_ID,
    message: `VPC ${EXISTING_VPC_ID} could not be looked up: no matching EC2 VPC found`,
    fix: "check vpc.id and the stack's region",
  },
  {
    rule: "an internet gateway id that is not the one attached to the existing VPC",
    config: cfg({ ...VPC_EXISTING, internetGatewayId: "igw-0000000000000000a" }),
    facts: {
      ...FACTS_EXISTING,
      existingVpc: { ...FACTS_EXISTING.existingVpc!, internetGatewayId: "igw-0123456789abcdef0" },
    },
    code: "EXISTING_VPC_MISMATCH",
    path: "vpc.internetGatewayId",
    value: "igw-0000000000000000a",
    message: "has internet gateway igw-0123456789abcdef0 attached",
    fix: "set vpc.internetGatewayId to igw-0123456789abcdef0",
  },
  {
    rule: "an existing VPC whose IPv4 block differs from the config",
    config: cfg({ ...VPC_EXISTING, cidrBlock: "10.51.0.0/16" }),
    facts: FACTS_EXISTING,
    code: "EXISTING_VPC_MISMATCH",
    path: "vpc.cidrBlock",
    value: "10.51.0.0/16",
    message: `VPC ${EXISTING_VPC_ID} has IPv4 block 10.50.0.0/16`,
    fix: "set vpc.cidrBlock to 10.50.0.0/16",
  },
  {
    rule: "an existing VPC's egress-only gateway must be named (no data source can find it; never a second one)",
    config: cfg({ ...VPC_EXISTING, ipv6: { cidrBlock: "2001:db8:5000::/56" } }),
    facts: FACTS_EXISTING,
    code: "EXISTING_VPC_EGRESS_GATEWAY_UNKNOWN",
    path: "vpc.ipv6.egressOnlyInternetGatewayId",
    value: undefined,
    message: "route IPv6 to the egress-only internet gateway",
    fix: "or to create if the VPC has none",
  },
  {
    rule: "an existing VPC whose looked-up IPv6 block is a /64 is refused, not planned in (no RangeError)",
    config: cfg({ ...VPC_EXISTING, ipv6: { egressOnlyInternetGatewayId: "eigw-0123456789abcdef0" } }),
    facts: {
      ...FACTS,
      existingVpc: { id: EXISTING_VPC_ID, cidrBlock: "10.50.0.0/16", ipv6CidrBlock: "2001:db8:5000::/64" },
    },
    code: "VPC_IPV6_CIDR_SIZE",
    path: "vpc.id",
    value: EXISTING_VPC_ID,
    message: "has IPv6 block 2001:db8:5000::/64",
    fix: "/44 to /60",
  },
  {
    rule: "an existing VPC whose IPv6 block differs from the config",
    config: cfg({ ...VPC_EXISTING, ipv6: { ...VPC_EXISTING.ipv6, cidrBlock: "2001:db8:6000::/56" } }),
    facts: FACTS_EXISTING,
    code: "EXISTING_VPC_MISMATCH",
    path: "vpc.ipv6.cidrBlock",
    value: "2001:db8:6000::/56",
    message: "has IPv6 block 2001:db8:5000::/56",
    fix: "set vpc.ipv6.cidrBlock to 2001:db8:5000::/56",
  },
  {
    rule: "IPv6 asked of an existing VPC that has none",
    config: cfg({ id: EXISTING_VPC_ID, cidrBlock: "10.50.0.0/16", ipv6: {} }),
    facts: { ...FACTS, existingVpc: { id: EXISTING_VPC_ID, cidrBlock: "10.50.0.0/16" } },
    code: "EXISTING_VPC_NO_IPV6",
    path: "vpc.ipv6.cidrBlock",
    value: undefined,
    message: `VPC ${EXISTING_VPC_ID} has no IPv6 block`,
    fix: "associate an IPv6 block",
  },

  // ---- subnet blocks: containment, overlap, automatic collisions -----------------------------------
  {
    rule: "an IPv4 subnet block outside the VPC",
    config: withSubnets(VPC_AMAZON, [sn("PrivateIPv4", A, { cidr: "10.1.0.0/24" })]),
    code: "SUBNET_OUTSIDE_VPC",
    path: "subnets[2].cidr",
    value: "10.1.0.0/24",
    message: "not inside the VPC block 10.0.0.0/16",
    fix: "use a block inside 10.0.0.0/16",
  },
  {
    rule: "an IPv6 subnet block outside the VPC",
    config: withSubnets(VPC_BYOIP, [sn("Private", A, { ipv6CIDR: "2001:db8:1::/64" })]),
    code: "SUBNET_OUTSIDE_VPC",
    path: "subnets[2].ipv6CIDR",
    value: "2001:db8:1::/64",
    message: "not inside the VPC IPv6 block 2001:db8::/56",
    fix: "use a block inside 2001:db8::/56, or /64#N",
  },
  {
    rule: "two IPv4 subnet blocks that overlap",
    config: withSubnets(VPC_AMAZON, [
      sn("PrivateIPv4", A, { cidr: "10.0.200.0/23" }),
      sn("PrivateIPv4", B, { cidr: "10.0.201.0/24" }),
    ]),
    code: "SUBNET_OVERLAP",
    path: "subnets[3].cidr",
    value: "10.0.201.0/24",
    message: "10.0.201.0/24 overlaps subnet privateipv4-us-east-1a (10.0.200.0/23)",
    fix: "give privateipv4-us-east-1b a cidr that does not overlap privateipv4-us-east-1a",
  },
  {
    rule: "a full IPv6 CIDR and a /LEN#N naming the same block overlap",
    config: withSubnets(VPC_BYOIP, [
      sn("Private", A, { ipv6CIDR: "/64#a" }),
      sn("Private", B, { ipv6CIDR: "2001:db8:0:a::/64" }),
    ]),
    code: "SUBNET_OVERLAP",
    path: "subnets[3].ipv6CIDR",
    value: "2001:db8:0:a::/64",
    message: "overlaps subnet private-us-east-1a (2001:db8:0:a::/64)",
    fix: 'ipv6CIDR: "/64#ff"',
  },
  {
    rule: "IPv6 blocks of different lengths overlap (IPAM)",
    config: withSubnets(vpcIpam(52), [
      sn("Private", A, { ipv6CIDR: "/60#8" }),
      sn("Private", B, { ipv6CIDR: "/64#81" }),
    ]),
    code: "SUBNET_OVERLAP",
    path: "subnets[3].ipv6CIDR",
    value: "/64#81",
    message: "/64#81 overlaps subnet private-us-east-1a (/60#8)",
    fix: "pin private-us-east-1b to a free block",
  },
  {
    rule: "two automatic IPv4 blocks that land on one block name the automatic one",
    config: withSubnets(VPC_AMAZON, [
      { name: "legacy-a", zone: A, type: "PrivateIPv4" },
      { name: "batch-a", zone: A, type: "PrivateIPv4" },
    ]),
    code: "AUTO_CIDR_COLLISION",
    path: "subnets[3].cidr",
    value: "10.0.224.0/23",
    message: "automatic blocks depend on zone, kind and name only",
    fix: "give batch-a a cidr that does not overlap legacy-a",
  },
  {
    rule: "two automatic IPv6 blocks that land on one /64 get a free /64#N to pin",
    config: withSubnets(VPC_AMAZON, [
      { name: "workers-a", zone: A, type: "Private" },
      { name: "batch-a", zone: A, type: "Private" },
    ]),
    code: "AUTO_CIDR_COLLISION",
    path: "subnets[3].ipv6CIDR",
    value: "/64#90",
    message: "/64#90 overlaps subnet workers-a (/64#90)",
    fix: 'pin batch-a to a free block, e.g. ipv6CIDR: "/64#ff"',
  },

  // ---- /LEN#N and IPv6 prefix lengths --------------------------------------------------------------
  {
    rule: "/LEN#N with LEN shorter than the VPC prefix",
    config: withSubnets(VPC_AMAZON, [sn("Private", A, { ipv6CIDR: "/48#0" })]),
    code: "IPV6_PREFIX_TOO_SHORT",
    path: "subnets[2].ipv6CIDR",
    value: "/48#0",
    message: "/48 is shorter than the VPC's /56 block",
    fix: "use /64 (e.g. /64#0)",
  },
  {
    rule: "a full IPv6 CIDR shorter than the VPC prefix",
    config: withSubnets(VPC_BYOIP, [sn("Private", A, { ipv6CIDR: "2001:db8::/52" })]),
    code: "IPV6_PREFIX_TOO_SHORT",
    path: "subnets[2].ipv6CIDR",
    value: "2001:db8::/52",
    message: "/52 is shorter than the VPC's /56 block",
    fix: "use /64",
  },
  {
    rule: "/LEN#N with LEN longer than 64",
    config: withSubnets(VPC_AMAZON, [sn("Private", A, { ipv6CIDR: "/80#0" })]),
    code: "IPV6_PREFIX_TOO_LONG",
    path: "subnets[2].ipv6CIDR",
    value: "/80#0",
    message: "/80 is longer than /64; AWS subnets are /64",
    fix: "use /64",
  },
  {
    rule: "a full IPv6 CIDR longer than 64",
    config: withSubnets(VPC_BYOIP, [sn("Private", A, { ipv6CIDR: "2001:db8:0:a::/80" })]),
    code: "IPV6_PREFIX_TOO_LONG",
    path: "subnets[2].ipv6CIDR",
    value: "2001:db8:0:a::/80",
    message: "longer than /64",
    fix: "use /64",
  },
  {
    rule: "a /LEN#N other than /64 without IPAM",
    config: withSubnets(VPC_AMAZON, [sn("Private", A, { ipv6CIDR: "/60#1" })]),
    code: "IPV6_PREFIX_NOT_64",
    path: "subnets[2].ipv6CIDR",
    value: "/60#1",
    message: "not backed by IPAM are /64, not /60",
    fix: "use /64",
  },
  {
    rule: "a full IPv6 CIDR other than /64 without IPAM",
    config: withSubnets(VPC_BYOIP, [sn("Private", A, { ipv6CIDR: "2001:db8:0:10::/60" })]),
    code: "IPV6_PREFIX_NOT_64",
    path: "subnets[2].ipv6CIDR",
    value: "2001:db8:0:10::/60",
    message: "not /60",
    fix: "use /64",
  },
  {
    rule: "an IPAM-backed subnet block off the steps of 4",
    config: withSubnets(vpcIpam(52), [sn("Private", A, { ipv6CIDR: "/58#1" })]),
    code: "IPV6_PREFIX_STEP",
    path: "subnets[2].ipv6CIDR",
    value: "/58#1",
    message: "IPAM allows /44 to /64 in steps of 4",
    fix: "use /60 or /64",
  },
  {
    rule: "N too large for LEN (kOps only finds it at deploy time)",
    config: withSubnets(VPC_AMAZON, [sn("Private", A, { ipv6CIDR: "/64#100" })]),
    code: "IPV6_INDEX_OUT_OF_RANGE",
    path: "subnets[2].ipv6CIDR",
    value: "/64#100",
    message: "a /56 VPC block holds 256 /64 blocks (#0 to #ff); #100 is past the end",
    fix: "use an index from 0 to ff (hexadecimal)",
  },
  {
    rule: "N too large for a larger LEN in an IPAM block",
    config: withSubnets(vpcIpam(52), [sn("Private", A, { ipv6CIDR: "/56#10" })]),
    code: "IPV6_INDEX_OUT_OF_RANGE",
    path: "subnets[2].ipv6CIDR",
    value: "/56#10",
    message: "a /52 VPC block holds 16 /56 blocks (#0 to #f)",
    fix: "from 0 to f",
  },
  {
    rule: "a full IPv6 CIDR when AWS assigns the VPC block at deployment",
    config: withSubnets(VPC_AMAZON, [sn("Private", A, { ipv6CIDR: "2001:db8:0:a::/64" })]),
    code: "IPV6_CIDR_NEEDS_VPC_BLOCK",
    path: "subnets[2].ipv6CIDR",
    value: "2001:db8:0:a::/64",
    message: "assigned by AWS at deployment",
    fix: "use kOps' /LEN#N form instead, e.g. /64#0",
  },

  // ---- names and zones -----------------------------------------------------------------------------
  {
    rule: "duplicate subnet names",
    config: withSubnets(VPC_AMAZON, [
      { name: "nodes", zone: A, type: "Private", ipv6CIDR: "/64#a0" },
      { name: "nodes", zone: B, type: "Private", ipv6CIDR: "/64#a1" },
    ]),
    code: "DUPLICATE_SUBNET_NAME",
    path: "subnets[3].name",
    value: "nodes",
    message: "subnets[2] already uses this name",
    fix: "give each subnet a unique name",
  },
  {
    rule: "a subnet in a zone not listed in zones",
    config: withSubnets(VPC_AMAZON, [sn("Utility", "us-east-1d")]),
    code: "ZONE_NOT_LISTED",
    path: "subnets[2].zone",
    value: "us-east-1d",
    message: "zone is not in zones (us-east-1a, us-east-1b)",
    fix: "add us-east-1d to zones",
  },
  {
    rule: "a zone listed twice",
    config: { vpc: VPC_AMAZON, zones: [A, B, A], subnets: [sn("Utility", A), sn("Utility", B)] },
    code: "DUPLICATE_ZONE",
    path: "zones[2]",
    value: A,
    message: "zone is listed twice",
    fix: "list each zone once",
  },
  {
    rule: "no zones given and none known for the region",
    config: { vpc: VPC_AMAZON },
    facts: { region: "xx-test-1", standardZones: [] },
    code: "ZONES_UNKNOWN",
    path: "zones",
    value: undefined,
    message: "no standard availability zones are known for region xx-test-1",
    fix: "list the zones explicitly",
  },
  {
    rule: "no region: the provider needs one, and the offline plan must not assume one",
    config: cfg(VPC_AMAZON),
    facts: { region: undefined, standardZones: [] },
    code: "REGION_MISSING",
    path: "aws:region",
    value: undefined,
    message: "the stack sets no AWS region (aws:region)",
    fix: "pulumi config set aws:region",
  },
  {
    rule: "no region and no zones: one finding, not a second one about the zones",
    config: { vpc: VPC_AMAZON },
    facts: { region: undefined, standardZones: [] },
    code: "REGION_MISSING",
    path: "aws:region",
    value: undefined,
    message: "none comes from the environment",
    fix: "the region this stack deploys to",
  },
  {
    rule: "a zone of another region",
    config: { vpc: VPC_AMAZON, zones: [A, "us-west-2b"] },
    code: "ZONE_NOT_IN_REGION",
    path: "zones[1]",
    value: "us-west-2b",
    message: "us-west-2b is a zone of us-west-2, and this stack deploys to us-east-1 (aws:region)",
    fix: "use a zone of us-east-1 (e.g. us-east-1b), or set aws:region to us-west-2",
  },
  {
    rule: "a Local Zone of another region",
    config: {
      vpc: VPC_IPV4_ONLY,
      zones: [A, "us-west-2-lax-1a"],
      subnets: [
        sn("Utility", A),
        sn("PrivateIPv4", A),
        sn("PrivateIPv4", "us-west-2-lax-1a", { cidr: "10.0.200.0/24" }),
      ],
    },
    code: "ZONE_NOT_IN_REGION",
    path: "zones[1]",
    value: "us-west-2-lax-1a",
    message: "us-west-2-lax-1a is a zone of us-west-2",
    fix: "e.g. us-east-1a",
    also: ["NAT_NO_PUBLIC_SUBNET"],
  },
  {
    rule: "a zone name without a region",
    config: { vpc: VPC_AMAZON, zones: [A, "zone-b"] },
    code: "ZONE_NOT_IN_REGION",
    path: "zones[1]",
    value: "zone-b",
    message: "zone-b is not the name of a zone of us-east-1",
    fix: "e.g. us-east-1a",
  },

  // ---- kinds and families --------------------------------------------------------------------------
  {
    rule: "a DualStack subnet in an IPv4-only VPC",
    config: withSubnets(VPC_IPV4_ONLY, [sn("DualStack", A)]),
    code: "IPV6_SUBNET_IN_IPV4_VPC",
    path: "subnets[2].type",
    value: "DualStack",
    message: "needs IPv6, but the VPC has none",
    fix: "add vpc.ipv6",
  },
  {
    rule: "an IPv6 block on a subnet of an IPv4-only VPC",
    config: withSubnets(VPC_IPV4_ONLY, [sn("Private", A, { ipv6CIDR: "/64#a" })]),
    code: "IPV6_SUBNET_IN_IPV4_VPC",
    path: "subnets[2].ipv6CIDR",
    value: "/64#a",
    message: "the VPC has no IPv6 block",
    fix: "add vpc.ipv6, or remove ipv6CIDR",
  },
  {
    rule: "an IPv6 block on a PrivateIPv4 subnet",
    config: withSubnets(VPC_AMAZON, [sn("PrivateIPv4", A, { ipv6CIDR: "/64#a" })]),
    code: "SUBNET_FAMILY_MISMATCH",
    path: "subnets[2].ipv6CIDR",
    value: "/64#a",
    message: "a PrivateIPv4 subnet has no IPv6 block",
    fix: "use type DualStack",
  },
  {
    rule: "an IPv4 block on an IPv6-only Private subnet",
    config: withSubnets(VPC_AMAZON, [sn("Private", A, { cidr: "10.0.200.0/24" })]),
    code: "SUBNET_FAMILY_MISMATCH",
    path: "subnets[2].cidr",
    value: "10.0.200.0/24",
    message: "IPv6-only and has no IPv4 block",
    fix: "use type DualStack",
  },

  // ---- egress and public addresses -----------------------------------------------------------------
  {
    rule: "egress on a public kind",
    config: cfg(VPC_AMAZON, { subnets: [sn("Utility", A, { egress: "nat-0123456789abcdef0" }), sn("Utility", B)] }),
    code: "EGRESS_ON_PUBLIC_SUBNET",
    path: "subnets[0].egress",
    value: "nat-0123456789abcdef0",
    message: "Utility subnets route to the internet gateway",
    fix: "remove egress",
  },
  ...["igw-0123456789abcdef0", "nat-", "external"].map((egress): Case => ({
    rule: `egress with an unknown prefix (${egress})`,
    config: withSubnets(VPC_AMAZON, [sn("DualStack", A, { egress })]),
    code: "EGRESS_UNKNOWN",
    path: "subnets[2].egress",
    value: egress,
    message: "egress must be nat-..., eipalloc-..., tgw-... or External",
    fix: "a transit gateway id, or External",
  })),
  {
    rule: "publicIPv4 on a private kind",
    config: withSubnets(VPC_AMAZON, [sn("DualStack", A, { publicIPv4: true })]),
    code: "PUBLIC_IPV4_ON_PRIVATE_SUBNET",
    path: "subnets[2].publicIPv4",
    value: true,
    message: "DualStack subnets are private",
    fix: "remove publicIPv4",
  },
  {
    rule: "one Elastic IP allocation for NAT gateways in two zones",
    config: withSubnets(VPC_AMAZON, [
      sn("DualStack", A, { egress: "eipalloc-0123456789abcdef0" }),
      sn("DualStack", B, { egress: "eipalloc-0123456789abcdef0" }),
    ]),
    code: "EIP_ALLOCATION_REUSED",
    path: "subnets[3].egress",
    value: "eipalloc-0123456789abcdef0",
    message: "dualstack-us-east-1a in us-east-1a already puts a NAT gateway on this Elastic IP",
    fix: "a different eipalloc-... per zone",
  },

  // ---- NAT placement and DNS64 ---------------------------------------------------------------------
  {
    rule: "automatic blocks in a Local Zone (its name ends in the same letter as an Availability Zone's)",
    config: {
      vpc: VPC_IPV4_ONLY,
      zones: [A, LZ],
      subnets: [sn("Utility", A), sn("PrivateIPv4", A), sn("PrivateIPv4", LZ, { egress: "tgw-0123456789abcdef0" })],
    },
    facts: FACTS_EDGE,
    code: "AUTO_CIDR_IN_EDGE_ZONE",
    path: "subnets[2].cidr",
    value: undefined,
    message: "us-east-1-nyc-1a is a Local Zone: automatic blocks are numbered by the zone name's last letter",
    fix: "pin that to keep a deployed subnet where it is",
  },
  {
    rule: "a private Wavelength Zone subnet needing a NAT gateway without its parent zone",
    config: {
      vpc: VPC_IPV4_ONLY,
      zones: [A, WZ],
      subnets: [sn("Utility", A), sn("Private", WZ, { cidr: "10.0.200.0/24" })],
    },
    facts: FACTS_EDGE,
    code: "WAVELENGTH_PARENT_ZONE_REQUIRED",
    path: "subnets[1].parentZone",
    value: undefined,
    message: "where no NAT gateway can be placed",
    fix: "set parentZone",
  },
  {
    rule: "parentZone on a subnet outside a Wavelength Zone",
    config: { vpc: VPC_IPV4_ONLY, zones: [A], subnets: [sn("Utility", A), sn("Private", A, { parentZone: A })] },
    facts: FACTS_EDGE,
    code: "PARENT_ZONE_OUTSIDE_WAVELENGTH",
    path: "subnets[1].parentZone",
    value: A,
    message: "us-east-1a is not a Wavelength Zone",
    fix: "remove parentZone",
  },
  {
    rule: "a parentZone that is not the Wavelength Zone's parent",
    config: {
      vpc: VPC_IPV4_ONLY,
      zones: [A, B, WZ],
      subnets: [sn("Utility", A), sn("Utility", B), sn("Private", WZ, { cidr: "10.0.200.0/24", parentZone: B })],
    },
    facts: { ...FACTS_EDGE, zoneParents: { [WZ]: A } },
    code: "PARENT_ZONE_MISMATCH",
    path: "subnets[2].parentZone",
    value: B,
    message: "the parent zone of us-east-1-wl1-bos-wlz-1 is us-east-1a",
    fix: "set parentZone to us-east-1a",
  },
  {
    rule: "an explicit subnets list that leaves a listed zone without subnets",
    config: cfg(VPC_AMAZON, { subnets: [sn("Utility", A), sn("DualStack", A)] }),
    code: "ZONE_WITHOUT_SUBNETS",
    path: "zones[1]",
    value: B,
    message: "us-east-1b has no subnet in subnets: an explicit subnets list replaces the default layout",
    fix: "or remove us-east-1b from zones",
  },
  {
    rule: "an explicit subnets list that leaves a default zone without subnets",
    config: { vpc: VPC_AMAZON, subnets: [sn("Utility", A), sn("DualStack", A)] },
    code: "ZONE_WITHOUT_SUBNETS",
    path: "zones",
    value: undefined,
    message: "zones defaults to us-east-1a, us-east-1b, us-east-1c",
    fix: "list only the zones you use in zones",
    also: ["ZONE_WITHOUT_SUBNETS"],
  },
  {
    rule: "natGateway on a private subnet",
    config: withSubnets(VPC_AMAZON, [sn("DualStack", A, { natGateway: true })]),
    code: "NAT_GATEWAY_ON_PRIVATE_SUBNET",
    path: "subnets[2].natGateway",
    value: true,
    message: "DualStack subnets do not",
    fix: "Utility or Public subnet",
  },
  {
    rule: "natGateway on an adopted subnet",
    config: withSubnets(VPC_AMAZON, [sn("Public", A, { natGateway: true, id: "subnet-0123456789abcdef0" })]),
    code: "NAT_GATEWAY_ON_ADOPTED_SUBNET",
    path: "subnets[2].natGateway",
    value: true,
    message: "routes are not managed here",
    fix: "a Utility or Public subnet this stack manages",
  },
  {
    rule: "two NAT gateway pins in one zone",
    config: withSubnets(VPC_AMAZON, [
      sn("Public", A, { natGateway: true }),
      { name: "lb-a", zone: A, type: "Utility", natGateway: true },
    ]),
    code: "NAT_GATEWAY_PINNED_TWICE",
    path: "subnets[3].natGateway",
    value: true,
    message: "public-us-east-1a is already pinned to hold us-east-1a's NAT gateway",
    fix: "on one subnet only",
  },
  {
    rule: "two NAT gateway pins with natGateways: single",
    config: cfg(VPC_AMAZON, {
      natGateways: "single",
      subnets: [sn("Utility", A, { natGateway: true }), sn("Utility", B, { natGateway: true })],
    }),
    code: "NAT_GATEWAY_PINNED_TWICE",
    path: "subnets[1].natGateway",
    value: true,
    message: "the one NAT gateway (natGateways: single)",
    fix: "on one subnet only",
  },
  {
    rule: "warns when a NAT gateway's subnet is chosen by list order",
    config: cfg(VPC_AMAZON, { zones: [A], subnets: [sn("Public", A), sn("Utility", A), sn("DualStack", A)] }),
    warning: true,
    code: "NAT_PLACED_BY_ORDER",
    path: "subnets[0].natGateway",
    value: undefined,
    message:
      "goes in public-us-east-1a because it is the first-listed Utility or Public subnet of us-east-1a " +
      "(also candidates: utility-us-east-1a)",
    fix: "natGateway: true on public-us-east-1a",
  },
  {
    rule: "warns when the API load balancer's subnets are chosen by list order",
    config: cfg(VPC_AMAZON, {
      zones: [A],
      subnets: [sn("Utility", A), sn("Public", A, { natGateway: true }), sn("DualStack", A)],
      apiLoadBalancer: {},
    }),
    warning: true,
    code: "LB_SUBNET_BY_ORDER",
    path: "apiLoadBalancer.subnets",
    value: undefined,
    message: "utility-us-east-1a in us-east-1a (listed before public-us-east-1a)",
    fix: "apiLoadBalancer.subnets: [utility-us-east-1a]",
  },
  {
    rule: "warns when the control-plane subnets are chosen by list order",
    config: cfg(VPC_AMAZON, { zones: [A], subnets: [sn("Utility", A), sn("DualStack", A), sn("Private", A)] }),
    warning: true,
    code: "CONTROL_PLANE_SUBNET_BY_ORDER",
    path: "nodes.controlPlaneSubnets",
    value: undefined,
    message: "dualstack-us-east-1a in us-east-1a (listed before private-us-east-1a)",
    fix: "nodes.controlPlaneSubnets: [dualstack-us-east-1a]",
  },
  {
    rule: "a private subnet needing a NAT gateway in a zone without a public subnet",
    config: cfg(VPC_AMAZON, { subnets: [sn("Utility", A), sn("Private", B)] }),
    code: "NAT_NO_PUBLIC_SUBNET",
    path: "subnets[1].egress",
    value: undefined,
    message: "needs a NAT gateway in us-east-1b, but us-east-1b has no Utility or Public subnet",
    fix: "add a Utility subnet in us-east-1b",
  },
  {
    rule: "a single NAT gateway with no public subnet anywhere",
    config: cfg(VPC_AMAZON, { zones: [A], natGateways: "single", subnets: [sn("DualStack", A)] }),
    code: "NAT_NO_PUBLIC_SUBNET",
    path: "subnets[0].egress",
    value: undefined,
    message: "us-east-1a has no Utility or Public subnet",
    fix: "add a Utility subnet",
  },
  {
    rule: "DNS64 on a dual-stack subnet",
    config: withSubnets(VPC_AMAZON, [sn("DualStack", A, { dns64: true })]),
    code: "DNS64_ON_DUAL_STACK",
    path: "subnets[2].dns64",
    value: true,
    message: "is not IPv6-only; DNS64 there would send traffic for IPv4-only names through NAT64",
    fix: "remove dns64",
  },
  {
    rule: "DNS64 on a public subnet",
    config: cfg(VPC_AMAZON, { subnets: [sn("Utility", A, { dns64: true }), sn("Utility", B)] }),
    code: "DNS64_ON_DUAL_STACK",
    path: "subnets[0].dns64",
    value: true,
    message: "utility-us-east-1a is not IPv6-only",
    fix: "remove dns64",
  },
  {
    rule: "DNS64 (on by default) on an IPv6-only subnet without a NAT64 route",
    config: withSubnets(VPC_AMAZON, [sn("Private", A)], { natGateways: "none" }),
    code: "DNS64_WITHOUT_NAT64",
    path: "subnets[2].dns64",
    value: undefined,
    message: "would get DNS64 but no route for 64:ff9b::/96",
    fix: "or set subnets[...].dns64: false",
  },
  {
    rule: "DNS64 without NAT64 in the default layout points at the zone",
    config: cfg(VPC_AMAZON, { zones: [A], natGateways: "none" }),
    code: "DNS64_WITHOUT_NAT64",
    path: "zones[0]",
    value: undefined,
    message: "IPv6-only subnet private-us-east-1a would get DNS64",
    fix: "give it a NAT64 route",
  },

  // ---- Kubernetes addressing ----------------------------------------------------------------------
  {
    rule: "more than two pod CIDRs",
    config: k8s({
      podCIDRs: ["fd00::/56", "10.244.0.0/16", "fd01::/56"],
      serviceCIDRs: ["fd02::/112", "10.96.0.0/16"],
    }),
    code: "K8S_CIDR_COUNT",
    path: "kubernetes.podCIDRs",
    value: ["fd00::/56", "10.244.0.0/16", "fd01::/56"],
    message: "one CIDR (single-stack) or two (dual-stack), not 3",
    fix: "primary family first",
  },
  {
    rule: "no service CIDRs",
    config: k8s({ podCIDRs: ["fd00::/56"], serviceCIDRs: [] }),
    code: "K8S_CIDR_COUNT",
    path: "kubernetes.serviceCIDRs",
    value: [],
    message: "not 0",
    fix: "give one CIDR",
  },
  {
    rule: "two pod CIDRs of one family",
    config: k8s({ podCIDRs: ["fd00::/56", "fd01::/56"], serviceCIDRs: ["fd02::/112", "10.96.0.0/16"] }),
    code: "K8S_CIDR_SAME_FAMILY",
    path: "kubernetes.podCIDRs[1]",
    value: "fd01::/56",
    message: "both podCIDRs are IPv6; dual-stack needs one of each family",
    fix: "make one entry IPv4 and the other IPv6",
    also: ["K8S_FAMILY_MISMATCH"],
  },
  {
    rule: "pod and service CIDRs of different families",
    config: k8s({ podCIDRs: ["fd00::/56"], serviceCIDRs: ["10.96.0.0/16"] }),
    code: "K8S_FAMILY_MISMATCH",
    path: "kubernetes.serviceCIDRs",
    value: ["10.96.0.0/16"],
    message: "pod CIDRs are IPv6 but service CIDRs are IPv4",
    fix: "same families and order",
  },
  {
    rule: "pod and service CIDRs whose primary families differ",
    config: k8s({ podCIDRs: ["fd00::/56", "10.244.0.0/16"], serviceCIDRs: ["10.96.0.0/16", "fd02::/112"] }),
    code: "K8S_FAMILY_MISMATCH",
    path: "kubernetes.serviceCIDRs",
    value: ["10.96.0.0/16", "fd02::/112"],
    message: "pod CIDRs are IPv6, IPv4 but service CIDRs are IPv4, IPv6",
    fix: "the first entry is the primary family",
  },
  {
    rule: "dual-stack pods with single-stack services",
    config: k8s({ podCIDRs: ["fd00::/56", "10.244.0.0/16"], serviceCIDRs: ["fd02::/112"] }),
    code: "K8S_FAMILY_MISMATCH",
    path: "kubernetes.serviceCIDRs",
    value: ["fd02::/112"],
    message: "2 pod CIDR(s) but 1 service CIDR(s)",
    fix: "one per family",
  },
  {
    rule: "IPv6 pods in an IPv4-only VPC",
    config: k8s({ podCIDRs: ["fd00::/56"], serviceCIDRs: ["fd02::/112"] }, VPC_IPV4_ONLY),
    code: "K8S_IPV6_WITHOUT_VPC_IPV6",
    path: "kubernetes.podCIDRs",
    value: ["fd00::/56"],
    message: "the VPC has no IPv6 block",
    fix: "add vpc.ipv6",
  },
  {
    rule: "an IPv6 service range larger than /108",
    config: k8s({ podCIDRs: ["fd00::/56"], serviceCIDRs: ["fd02::/107"] }),
    code: "K8S_SERVICE_CIDR_TOO_LARGE",
    path: "kubernetes.serviceCIDRs[0]",
    value: "fd02::/107",
    message: "kube-apiserver refuses IPv6 service ranges larger than /108",
    fix: "use a /108 or longer prefix, e.g. fd02::/108",
  },
  {
    rule: "an IPv4 service range larger than /12",
    config: k8s({ podCIDRs: ["10.244.0.0/16"], serviceCIDRs: ["10.96.0.0/11"] }, VPC_IPV4_ONLY),
    code: "K8S_SERVICE_CIDR_TOO_LARGE",
    path: "kubernetes.serviceCIDRs[0]",
    value: "10.96.0.0/11",
    message: "IPv4 service ranges larger than /12",
    fix: "e.g. 10.96.0.0/12",
  },
  {
    rule: "a primary service range too small to hold the cluster DNS address",
    config: k8s({ podCIDRs: ["fd00::/56"], serviceCIDRs: ["fd02::/125"] }),
    code: "K8S_SERVICE_CIDR_TOO_SMALL",
    path: "kubernetes.serviceCIDRs[0]",
    value: "fd02::/125",
    message: "fd02::/125 has 8 addresses",
    fix: "use a /124 or shorter prefix",
  },
  {
    rule: "a node mask equal to the pod prefix",
    config: k8s({ podCIDRs: ["fd00::/108"], serviceCIDRs: ["fd02::/112"], nodeCIDRMaskSize: 108 }),
    code: "K8S_NODE_MASK_TOO_SHORT",
    path: "kubernetes.nodeCIDRMaskSize",
    value: 108,
    message: "must be longer than the IPv6 pod prefix /108",
    fix: "use a value between 109 and 124",
  },
  {
    rule: "a node mask shorter than the pod prefix",
    config: k8s(
      { podCIDRs: ["10.244.0.0/16"], serviceCIDRs: ["10.96.0.0/12"], nodeCIDRMaskSizeIPv4: 12 },
      VPC_IPV4_ONLY,
    ),
    code: "K8S_NODE_MASK_TOO_SHORT",
    path: "kubernetes.nodeCIDRMaskSizeIPv4",
    value: 12,
    message: "longer than the IPv4 pod prefix /16",
    fix: "between 17 and 32",
  },
  {
    rule: "a node mask more than 16 bits longer than the pod prefix",
    config: k8s({ podCIDRs: ["fd00::/108"], serviceCIDRs: ["fd02::/112"], nodeCIDRMaskSize: 125 }),
    code: "K8S_NODE_MASK_TOO_LONG",
    path: "kubernetes.nodeCIDRMaskSize",
    value: 125,
    message: "more than 16 bits longer than the pod prefix /108",
    fix: "use a value between 109 and 124",
  },
  {
    rule: "an IPv4 node mask more than 16 bits longer than the pod prefix",
    config: k8s({
      podCIDRs: ["fd00::/56", "10.244.0.0/14"],
      serviceCIDRs: ["fd02::/112", "10.96.0.0/16"],
      nodeCIDRMaskSizeIPv4: 31,
    }),
    code: "K8S_NODE_MASK_TOO_LONG",
    path: "kubernetes.nodeCIDRMaskSizeIPv4",
    value: 31,
    message: "pod prefix /14",
    fix: "between 15 and 30",
  },
  {
    rule: "a pod CIDR overlapping the VPC",
    config: k8s({ podCIDRs: ["10.0.0.0/16"], serviceCIDRs: ["10.96.0.0/12"] }, VPC_IPV4_ONLY),
    code: "K8S_POD_CIDR_OVERLAPS_VPC",
    path: "kubernetes.podCIDRs[0]",
    value: "10.0.0.0/16",
    message: "pod CIDR 10.0.0.0/16 overlaps the VPC block 10.0.0.0/16 (vpc.cidrBlock)",
    fix: "use a range outside 10.0.0.0/16, e.g. 10.244.0.0/16",
  },
  {
    rule: "an IPv6 pod CIDR inside the VPC's own IPv6 block (BYOIP)",
    config: k8s({ podCIDRs: ["2001:db8::/60"], serviceCIDRs: ["fd02::/112"] }, VPC_BYOIP),
    code: "K8S_POD_CIDR_OVERLAPS_VPC",
    path: "kubernetes.podCIDRs[0]",
    value: "2001:db8::/60",
    message: "overlaps the VPC IPv6 block 2001:db8::/56 (vpc.ipv6.cidrBlock) and subnet",
    fix: "e.g. fd00:10:244::/56",
  },
  {
    rule: "a service CIDR overlapping a subnet and the VPC",
    config: k8s({ podCIDRs: ["10.244.0.0/16"], serviceCIDRs: ["10.0.0.0/24"] }, VPC_IPV4_ONLY),
    code: "K8S_SERVICE_CIDR_OVERLAPS_VPC",
    path: "kubernetes.serviceCIDRs[0]",
    value: "10.0.0.0/24",
    message:
      "service CIDR 10.0.0.0/24 overlaps the VPC block 10.0.0.0/16 (vpc.cidrBlock) " +
      "and subnet utility-us-east-1a (zones[0], 10.0.0.0/24)",
    fix: "e.g. 10.96.0.0/12",
  },
  {
    rule: "a secondary service range with fewer than 10 addresses",
    config: k8s({ podCIDRs: ["fd00::/56", "10.244.0.0/16"], serviceCIDRs: ["fd02::/112", "10.96.0.0/29"] }),
    code: "K8S_SERVICE_CIDR_TOO_SMALL",
    path: "kubernetes.serviceCIDRs[1]",
    value: "10.96.0.0/29",
    message:
      "10.96.0.0/29 has 8 addresses; kubeadm needs at least 10 addresses in every service range, " +
      "the secondary one included",
    fix: "use a /28 or shorter prefix",
  },
  {
    rule: "pod and service CIDRs that overlap",
    config: k8s({ podCIDRs: ["fd00::/48"], serviceCIDRs: ["fd00::/112"] }),
    code: "K8S_POD_SERVICE_OVERLAP",
    path: "kubernetes.serviceCIDRs[0]",
    value: "fd00::/112",
    message: "service CIDR overlaps pod CIDR fd00::/48",
    fix: "use separate ranges",
  },

  // ---- add-ons (tested in depth in addons-core.test.ts) -------------------------------------------
  {
    rule: "Calico IP-in-IP on an IPv6 pool",
    config: k8s({
      podCIDRs: ["fd01::/48"],
      serviceCIDRs: ["fd02::/112"],
      cni: "calico",
      calico: { encapsulation: "IPIP", bgp: true },
    }),
    code: "CALICO_IPIP_ON_IPV6_POOL",
    path: "kubernetes.calico.encapsulation",
    value: "IPIP",
    message: "IPIP encapsulation is not supported by IPv6 pools",
    fix: "VXLAN",
  },
  {
    rule: "a Calico block size out of range",
    config: k8s({ podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd02::/112"], cni: "calico", calico: { blockSize: 112 } }),
    code: "CALICO_BLOCK_SIZE_OUT_OF_RANGE",
    path: "kubernetes.calico.blockSize",
    value: 112,
    message: "greater than 115 and less than or equal to 128",
    fix: /116/,
  },
  {
    rule: "a Calico pool smaller than its block",
    config: k8s({ podCIDRs: ["fd01::/123"], serviceCIDRs: ["fd02::/112"], nodeCIDRMaskSize: 124, cni: "calico" }),
    code: "CALICO_POOL_SMALLER_THAN_BLOCK",
    path: "kubernetes.podCIDRs[0]",
    value: "fd01::/123",
    message: "IP pool size is too small",
    fix: /./,
  },
  {
    rule: "a Calico pool in link-local space",
    config: k8s({ podCIDRs: ["fe80::/64"], serviceCIDRs: ["fd02::/112"], nodeCIDRMaskSize: 80, cni: "calico" }),
    code: "CALICO_POOL_LINK_LOCAL",
    path: "kubernetes.podCIDRs[0]",
    value: "fe80::/64",
    message: "overlaps with IPv6 Link Local range fe80::/10",
    fix: /./,
  },
  {
    rule: "Calico without encapsulation or BGP",
    config: k8s({
      podCIDRs: ["fd01::/48"],
      serviceCIDRs: ["fd02::/112"],
      cni: "calico",
      calico: { encapsulation: "None" },
    }),
    code: "CALICO_ENCAPSULATION_NEEDS_BGP",
    path: "kubernetes.calico.encapsulation",
    value: "None",
    message: "Unencapsulated IP pools require that BGP is enabled",
    fix: /bgp/,
  },
  {
    rule: "settings of a CNI that is not chosen",
    config: k8s({ ...DUAL_STACK_K8S, cni: "cilium", calico: { bgp: true } }),
    code: "ADDON_CONFIG_UNUSED",
    path: "kubernetes.calico",
    value: { bgp: true },
    message: "kubernetes.calico is set but kubernetes.cni is cilium",
    fix: "set kubernetes.cni: calico",
  },
  {
    rule: "CoreDNS dns64 in a dual-stack cluster",
    config: k8s({ ...DUAL_STACK_K8S, dns64: true }),
    code: "COREDNS_DNS64_NOT_IPV6_ONLY",
    path: "kubernetes.dns64",
    value: true,
    message: "reach IPv4-only names directly",
    fix: "single IPv6 pod CIDR",
  },
  {
    rule: "CoreDNS dns64 with coreDNS off",
    config: k8s({ podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd02::/112"], dns64: true, coreDNS: false }),
    code: "COREDNS_DNS64_CONFLICT",
    path: "kubernetes.dns64",
    value: true,
    message: "dns64 is a CoreDNS plugin",
    fix: "set kubernetes.coreDNS: true",
  },

  // ---- warnings ------------------------------------------------------------------------------------
  {
    rule: "an IPv4 VPC moved to dual-stack keeps each Private subnet's IPv4 block (no IPv6-only in place)",
    config: withSubnets({ cidrBlock: "10.0.0.0/16", ipv6: { migratedFromIpv4: true } }, [sn("Private", A)]),
    warning: true,
    code: "MIGRATION_PRIVATE_STAYS_IPV4",
    path: "subnets[2].type",
    value: "Private",
    message: /keeps 10\.0\.\d+\.0\/\d+ and gains \/64#[0-9a-f]+ in place: dual-stack/,
    fix: /an IPv4 subnet cannot become IPv6-only\), and .* pin \S+ with type: DualStack, cidr: 10\.0\./,
  },
  {
    rule: "warns that the default layout's single NAT gateway is placed by the order of zones",
    config: cfg(VPC_AMAZON, { natGateways: "single" }),
    warning: true,
    code: "NAT_PLACED_BY_ORDER",
    path: "zones[0]",
    value: "us-east-1a",
    message: "because us-east-1a is listed first in zones (also candidates: utility-us-east-1b)",
    fix: "keep us-east-1a first in zones (add zones at the end), or list subnets and pin it",
  },
  {
    rule: "warns when a NAT gateway serves another zone",
    config: cfg(VPC_AMAZON, { natGateways: "single" }),
    warning: true,
    code: "NAT_CROSS_ZONE",
    path: "zones[1]",
    value: "us-east-1b",
    message: "reaches NAT gateway us-east-1a-nat in another zone",
    fix: "natGateways: perZone",
  },
  {
    rule: "warns when a private subnet has no IPv4 egress",
    config: withSubnets(VPC_AMAZON, [sn("DualStack", A)], { natGateways: "none" }),
    warning: true,
    code: "NO_IPV4_EGRESS",
    path: "subnets[2]",
    value: "dualstack-us-east-1a",
    message: "has no IPv4 route to the internet (natGateways: none)",
    fix: "set natGateways",
  },
  {
    rule: "warns when add-ons are configured without a kubeconfig",
    config: k8s({ ...DUAL_STACK_K8S, cloudControllerManager: true }),
    warning: true,
    code: "ADDONS_SKIPPED_NO_KUBECONFIG",
    path: "kubernetes.kubeconfig",
    value: undefined,
    message: "cloud-controller-manager planned but not installed",
    fix: "kubernetes.kubeconfig",
  },
  {
    rule: "warns that unique-local pod addresses are not routed outside the cluster",
    config: k8s({ ...DUAL_STACK_K8S, cni: "cilium", kubeconfig: "apiVersion: v1" }),
    warning: true,
    code: "ADDONS_POD_IPV6_NOT_ROUTABLE",
    path: "kubernetes.podCIDRs[0]",
    value: "fd00:10:244::/56",
    message: "unique-local",
    fix: "addresses the VPC routes",
  },
  {
    rule: "warns that native routing needs routes this stack does not manage",
    config: k8s({
      ...DUAL_STACK_K8S,
      podCIDRs: ["2600:1f18::/56", "10.244.0.0/16"],
      cni: "cilium",
      cilium: { routingMode: "native" },
      kubeconfig: "apiVersion: v1",
    }),
    warning: true,
    code: "ADDONS_NATIVE_ROUTING",
    path: "kubernetes.cilium.routingMode",
    value: "native",
    message: /source\/destination check/,
    fix: "routingMode tunnel",
  },
  // ---- cluster edge: API load balancer (Cluster API AWS' table), control-plane subnets, prerequisites ----
  {
    rule: "ipv6 is not a load balancer IP type",
    config: cfg(VPC_AMAZON, { apiLoadBalancer: { ipAddressType: "ipv6" } }),
    code: "LB_IP_TYPE_IPV6",
    path: "apiLoadBalancer.ipAddressType",
    value: "ipv6",
    message: "ipv6 is not a valid load balancer IP type (Cluster API AWS)",
    fix: "use dualstack",
  },
  {
    rule: "an unknown load balancer IP type",
    config: cfg(VPC_AMAZON, { apiLoadBalancer: { ipAddressType: "dual" } }),
    code: "LB_IP_TYPE_UNKNOWN",
    path: "apiLoadBalancer.ipAddressType",
    value: "dual",
    message: "unknown load balancer IP type",
    fix: "use one of: ipv4, dualstack",
  },
  {
    rule: "load balancer subnets must exist",
    config: cfg(VPC_AMAZON, { apiLoadBalancer: { subnets: ["utility-us-east-1a", "lb-b"] } }),
    code: "LB_UNKNOWN_SUBNET",
    path: "apiLoadBalancer.subnets[1]",
    value: "lb-b",
    message: "no subnet is named lb-b",
    fix: /use one of: /,
  },
  {
    rule: "no load balancer on IPv6-only subnets",
    config: cfg(VPC_AMAZON, { apiLoadBalancer: { scheme: "internal", subnets: ["private-us-east-1a"] } }),
    code: "LB_ON_IPV6_ONLY_SUBNET",
    path: "apiLoadBalancer.subnets[0]",
    value: "private-us-east-1a",
    message: /IPv6-only: AWS load balancers need an IPv4 address/,
    fix: "Utility, Public or DualStack",
  },
  {
    rule: "an internet-facing load balancer needs public subnets",
    config: cfg(VPC_AMAZON, { apiLoadBalancer: { subnets: ["dualstack-us-east-1a"] } }),
    code: "LB_INTERNET_FACING_PRIVATE_SUBNET",
    path: "apiLoadBalancer.subnets[0]",
    value: "dualstack-us-east-1a",
    message: /route to the internet gateway/,
    fix: "scheme: internal",
  },
  {
    rule: "one load balancer subnet per zone",
    config: withSubnets(VPC_AMAZON, [sn("Public", A)], {
      apiLoadBalancer: { subnets: ["utility-us-east-1a", "public-us-east-1a"] },
    }),
    code: "LB_TWO_SUBNETS_ONE_ZONE",
    path: "apiLoadBalancer.subnets[1]",
    value: "public-us-east-1a",
    message: "one subnet per zone",
    fix: "keep one subnet of us-east-1a",
  },
  {
    rule: "no default subnets for the load balancer",
    config: cfg(VPC_AMAZON, { zones: [A], subnets: [sn("Private", A, { egress: "External" })], apiLoadBalancer: {} }),
    code: "LB_NO_SUBNETS",
    path: "apiLoadBalancer.subnets",
    value: undefined,
    message: "no Utility or Public subnet exists",
    fix: "apiLoadBalancer.subnets",
  },
  {
    rule: "a dual-stack load balancer needs IPv6 subnets",
    config: cfg(VPC_IPV4_ONLY, { apiLoadBalancer: { ipAddressType: "dualstack" } }),
    code: "LB_DUALSTACK_WITHOUT_IPV6",
    path: "apiLoadBalancer.ipAddressType",
    value: "dualstack",
    message: /needs IPv6 in every subnet, and utility-us-east-1a has none \(the VPC has no IPv6 block\)/,
    fix: "ipAddressType: ipv4",
    also: ["LB_DUALSTACK_WITHOUT_IPV6"],
  },
  {
    rule: "dualstack-without-public-ipv4 does not exist for network load balancers",
    config: cfg(VPC_AMAZON, { apiLoadBalancer: { ipAddressType: "dualstack-without-public-ipv4" } }),
    code: "LB_WITHOUT_PUBLIC_IPV4_NOT_NLB",
    path: "apiLoadBalancer.ipAddressType",
    value: "dualstack-without-public-ipv4",
    message: "for Application Load Balancers only; the API server's load balancer is a Network Load Balancer",
    fix: "use dualstack",
  },
  {
    rule: "an unknown target group IP type",
    config: cfg(VPC_AMAZON, { apiLoadBalancer: { targetGroupIpType: "ipv5" } }),
    code: "LB_TARGET_IP_TYPE_UNKNOWN",
    path: "apiLoadBalancer.targetGroupIpType",
    value: "ipv5",
    message: "unknown target group IP type",
    fix: "ipv4 or ipv6",
  },
  {
    rule: "IPv6 targets when the control plane has no IPv6 addresses",
    config: cfg(VPC_AMAZON, {
      subnets: [sn("Utility", A), sn("Utility", B), sn("PrivateIPv4", A), sn("PrivateIPv4", B)],
      apiLoadBalancer: { targetGroupIpType: "ipv6" },
    }),
    code: "LB_IPV6_TARGETS_WITHOUT_IPV6",
    path: "apiLoadBalancer.targetGroupIpType",
    value: "ipv6",
    message:
      "the control plane has no IPv6 addresses: privateipv4-us-east-1a, privateipv4-us-east-1b have no IPv6 block",
    fix: "nodes.controlPlaneSubnets",
  },
  {
    rule: "IPv6 targets in an IPv4-only VPC",
    config: cfg(VPC_IPV4_ONLY, { apiLoadBalancer: { targetGroupIpType: "ipv6" } }),
    code: "LB_IPV6_TARGETS_WITHOUT_IPV6",
    path: "apiLoadBalancer.targetGroupIpType",
    value: "ipv6",
    message: "the VPC has no IPv6 block",
    fix: "targetGroupIpType: ipv4",
    also: ["LB_IPV6_TARGETS_NEED_DUALSTACK"],
  },
  {
    rule: "IPv6 targets need a dual-stack load balancer",
    config: cfg(VPC_AMAZON, { apiLoadBalancer: { ipAddressType: "ipv4", targetGroupIpType: "ipv6" } }),
    code: "LB_IPV6_TARGETS_NEED_DUALSTACK",
    path: "apiLoadBalancer.targetGroupIpType",
    value: "ipv6",
    message: "an ipv4 load balancer cannot forward to IPv6 targets",
    fix: "ipAddressType: dualstack",
  },
  {
    rule: "IPv4 targets for a control plane in IPv6-only subnets",
    config: cfg(VPC_AMAZON, {
      nodes: { controlPlaneSubnets: ["private-us-east-1a", "private-us-east-1b"] },
      apiLoadBalancer: { targetGroupIpType: "ipv4" },
    }),
    code: "LB_IPV4_TARGETS_ON_IPV6_ONLY",
    path: "apiLoadBalancer.targetGroupIpType",
    value: "ipv4",
    message: "no IPv4 address to target",
    fix: "targetGroupIpType: ipv6",
  },
  {
    rule: "control-plane subnets must exist",
    config: cfg(VPC_AMAZON, { nodes: { controlPlaneSubnets: ["masters-a"] } }),
    code: "NODES_UNKNOWN_SUBNET",
    path: "nodes.controlPlaneSubnets[0]",
    value: "masters-a",
    message: "no subnet is named masters-a",
    fix: /use one of: utility-us-east-1a, /,
  },
  {
    rule: "instance types the plan could not check are said to be unchecked",
    config: cfg(VPC_AMAZON, { nodes: { instanceTypes: ["m6i.large"] } }),
    warning: true,
    facts: {
      ...FACTS,
      instanceTypes: { "m6i.large": { status: "unknown", reason: "the offline plan cannot ask AWS" } },
    },
    code: "NODES_INSTANCE_TYPE_NOT_CHECKED",
    path: "nodes.instanceTypes[0]",
    value: "m6i.large",
    message: "not checked: the offline plan cannot ask AWS",
    fix: "pulumi preview",
  },
  {
    rule: "an instance type AWS does not know",
    config: cfg(VPC_AMAZON, { nodes: { instanceTypes: ["m6i.lrge"] } }),
    facts: { ...FACTS, instanceTypes: { "m6i.lrge": { status: "missing", reason: "InvalidInstanceType" } } },
    code: "NODES_INSTANCE_TYPE_UNKNOWN",
    path: "nodes.instanceTypes[0]",
    value: "m6i.lrge",
    message: "AWS does not know instance type m6i.lrge in us-east-1: InvalidInstanceType",
    fix: "check the spelling",
  },
  {
    rule: "an instance type without IPv6 (and, here, not Nitro either)",
    config: cfg(VPC_AMAZON, { nodes: { instanceTypes: ["m1.small"] } }),
    facts: { ...FACTS, instanceTypes: { "m1.small": { status: "ok", ipv6Supported: false, hypervisor: "xen" } } },
    code: "NODES_INSTANCE_TYPE_NO_IPV6",
    path: "nodes.instanceTypes[0]",
    value: "m1.small",
    message: "m1.small does not support IPv6",
    fix: "network-info.ipv6-supported",
    also: ["NODES_INSTANCE_TYPE_NOT_NITRO"],
  },
  {
    rule: "a non-Nitro instance type when an IPv6-only subnet exists",
    config: cfg(VPC_AMAZON, { nodes: { instanceTypes: ["m4.large"] } }),
    facts: { ...FACTS, instanceTypes: { "m4.large": { status: "ok", ipv6Supported: true, hypervisor: "xen" } } },
    code: "NODES_INSTANCE_TYPE_NOT_NITRO",
    path: "nodes.instanceTypes[0]",
    value: "m4.large",
    message:
      /not Nitro-based \(hypervisor xen\); AWS launches only Nitro instances into IPv6-only subnets \(private-us-east-1a, private-us-east-1b\)/,
    fix: "Nitro-based type",
  },
  {
    rule: "no IPv6 subnet created in a Local Zone",
    config: {
      vpc: VPC_AMAZON,
      zones: [A, "us-east-1-nyc-1a"],
      subnets: [sn("Utility", A), sn("Private", "us-east-1-nyc-1a", { egress: "tgw-0123456789abcdef0" })],
    },
    facts: { ...FACTS, zoneTypes: { [A]: "availability-zone", "us-east-1-nyc-1a": "local-zone" } },
    code: "ZONE_IPV6_UNSUPPORTED",
    path: "subnets[1]",
    value: "private-us-east-1-nyc-1a",
    message: "us-east-1-nyc-1a is a Local Zone",
    fix: "adopt an existing subnet of that zone by id",
  },

  // ---- Amazon EKS (kubernetes.eks; the plan itself in eks-core.test.ts) -----------------------------
  {
    rule: "an EKS cluster needs a VPC with IPv6",
    config: eksConfig({}, { vpc: VPC_IPV4_ONLY }),
    code: "EKS_VPC_WITHOUT_IPV6",
    path: "vpc.ipv6",
    value: undefined,
    message: "an IPv6 EKS cluster needs a VPC with an IPv6 block",
    fix: "add vpc.ipv6: {}",
  },
  {
    rule: "a VPC without IPv6 is said once: not again for the cluster subnets it leaves without IPv6 or zones",
    config: eksConfig({}, { vpc: VPC_IPV4_ONLY, zones: [A], nodes: { controlPlaneSubnets: ["private-us-east-1a"] } }),
    facts: FACTS_EKS,
    code: "EKS_VPC_WITHOUT_IPV6",
    path: "vpc.ipv6",
    value: undefined,
    message: "pods take their addresses from the subnets' IPv6 blocks",
    fix: "an Amazon-provided /56",
  },
  {
    rule: "an EKS version with a patch number",
    config: eksConfig({ version: "1.32.1" }),
    code: "EKS_KUBERNETES_VERSION_INVALID",
    path: "kubernetes.eks.version",
    value: "1.32.1",
    message: "1.32.1 is not a Kubernetes minor version",
    fix: 'version: "1.32"',
  },
  {
    rule: "an EKS version with a v prefix",
    config: eksConfig({ version: "v1.32" }),
    code: "EKS_KUBERNETES_VERSION_INVALID",
    path: "kubernetes.eks.version",
    value: "v1.32",
    message: "v1.32 is not a Kubernetes minor version",
    fix: "write the minor version in quotes",
  },
  {
    rule: "an EKS version older than 1.21 (the IPv6 family needs 1.21)",
    config: eksConfig({
      version: "1.20",
      addonVersions: { vpcCni: "v1.20.1-eksbuild.3", coreDns: "v1.8.3-eksbuild.1", kubeProxy: "v1.20.15-eksbuild.2" },
    }),
    code: "EKS_KUBERNETES_VERSION_TOO_OLD",
    path: "kubernetes.eks.version",
    value: "1.20",
    message: "EKS' IPv6 family needs Kubernetes 1.21 or later; 1.20 is older",
    fix: "use a version from 1.21 on",
  },
  {
    rule: "a Kubernetes version with no pinned add-on versions",
    config: eksConfig({ version: "1.33" }),
    code: "EKS_ADDON_VERSIONS_UNKNOWN",
    path: "kubernetes.eks.addonVersions",
    value: undefined,
    message:
      "no add-on versions are pinned for Kubernetes 1.33 (pinned: 1.32, 1.31, 1.30), and addonVersions does not " +
      "give vpcCni, coreDns, kubeProxy",
    fix: "set kubernetes.eks.addonVersions.vpcCni (aws eks describe-addon-versions --kubernetes-version 1.33",
  },
  {
    rule: "addonVersions that give only some add-ons of an unpinned version",
    config: eksConfig({ version: "1.33", addonVersions: { vpcCni: "v1.20.1-eksbuild.3" } }),
    code: "EKS_ADDON_VERSIONS_UNKNOWN",
    path: "kubernetes.eks.addonVersions",
    value: { vpcCni: "v1.20.1-eksbuild.3" },
    message: "does not give coreDns, kubeProxy",
    fix: "set kubernetes.eks.addonVersions.coreDns",
  },
  {
    rule: "a vpc-cni older than v1.10.1 (the first with IPv6)",
    config: eksConfig({ addonVersions: { vpcCni: "v1.10.0-eksbuild.1" } }),
    code: "EKS_VPC_CNI_VERSION_TOO_OLD",
    path: "kubernetes.eks.addonVersions.vpcCni",
    value: "v1.10.0-eksbuild.1",
    message: "vpc-cni v1.10.0-eksbuild.1 cannot run an IPv6 cluster: IPv6 needs v1.10.1 or later",
    fix: "use vpc-cni v1.10.1 or later",
  },
  {
    rule: "a vpc-cni version that is not vX.Y.Z",
    config: eksConfig({ addonVersions: { vpcCni: "latest" } }),
    code: "EKS_VPC_CNI_VERSION_TOO_OLD",
    path: "kubernetes.eks.addonVersions.vpcCni",
    value: "latest",
    message: "vpc-cni latest cannot run an IPv6 cluster",
    fix: "e.g. v1.20.1-eksbuild.3",
  },
  {
    rule: "pod CIDRs with EKS (pods take /80 prefixes of the node subnets)",
    config: eksK8s({ podCIDRs: ["fd00:10:244::/56"] }),
    code: "EKS_SETTING_CHOSEN_BY_EKS",
    path: "kubernetes.podCIDRs",
    value: ["fd00:10:244::/56"],
    message: "kubernetes.podCIDRs does not apply to an EKS cluster: pods take /80 prefixes",
    fix: "remove kubernetes.podCIDRs",
  },
  {
    rule: "service CIDRs with EKS (EKS assigns them from fc00::/7)",
    config: eksK8s({ serviceCIDRs: ["fd00:10:96::/112"] }),
    code: "EKS_SETTING_CHOSEN_BY_EKS",
    path: "kubernetes.serviceCIDRs",
    value: ["fd00:10:96::/112"],
    message: "EKS assigns the service range itself, from fc00::/7",
    fix: "remove kubernetes.serviceCIDRs",
  },
  {
    rule: "a node mask with EKS",
    config: eksK8s({ nodeCIDRMaskSize: 64 }),
    code: "EKS_SETTING_CHOSEN_BY_EKS",
    path: "kubernetes.nodeCIDRMaskSize",
    value: 64,
    message: "delegates /80 prefixes per network interface",
    fix: "remove kubernetes.nodeCIDRMaskSize",
  },
  {
    rule: "an IPv4 node mask with EKS (no dual-stack pods)",
    config: eksK8s({ nodeCIDRMaskSizeIPv4: 24 }),
    code: "EKS_SETTING_CHOSEN_BY_EKS",
    path: "kubernetes.nodeCIDRMaskSizeIPv4",
    value: 24,
    message: "pods have no IPv4 addresses in an IPv6 EKS cluster",
    fix: "remove kubernetes.nodeCIDRMaskSizeIPv4",
  },
  {
    rule: "a self-managed CNI with EKS",
    config: eksK8s({ cni: "cilium" }),
    code: "EKS_SELF_MANAGED_SETTING",
    path: "kubernetes.cni",
    value: "cilium",
    message: "kubernetes.cni is for self-managed clusters: EKS runs the VPC CNI",
    fix: "remove kubernetes.cni",
  },
  {
    rule: "Calico settings with EKS",
    config: eksK8s({ calico: { bgp: true } }),
    code: "EKS_SELF_MANAGED_SETTING",
    path: "kubernetes.calico",
    value: { bgp: true },
    message: "kubernetes.calico is for self-managed clusters",
    fix: "remove kubernetes.calico",
  },
  {
    rule: "the cloud-controller-manager with EKS",
    config: eksK8s({ cloudControllerManager: true }),
    code: "EKS_SELF_MANAGED_SETTING",
    path: "kubernetes.cloudControllerManager",
    value: true,
    message: "EKS runs the cloud controller itself",
    fix: "remove kubernetes.cloudControllerManager",
  },
  {
    rule: "managing CoreDNS with EKS",
    config: eksK8s({ coreDNS: true }),
    code: "EKS_SELF_MANAGED_SETTING",
    path: "kubernetes.coreDNS",
    value: true,
    message: "EKS installs CoreDNS as the coredns add-on",
    fix: "remove kubernetes.coreDNS",
  },
  {
    rule: "DNS64 with EKS (pods reach IPv4 through their node's address)",
    config: eksK8s({ dns64: true }),
    code: "EKS_SELF_MANAGED_SETTING",
    path: "kubernetes.dns64",
    value: true,
    message: "DNS64 is not needed",
    fix: "remove kubernetes.dns64",
  },
  {
    rule: "a kubeconfig with EKS",
    config: eksK8s({ kubeconfig: "apiVersion: v1" }),
    code: "EKS_SELF_MANAGED_SETTING",
    path: "kubernetes.kubeconfig",
    value: "apiVersion: v1",
    message: "this program makes the cluster's kubeconfig",
    fix: "remove kubernetes.kubeconfig",
  },
  {
    rule: "the API load balancer with EKS",
    config: eksConfig({}, { apiLoadBalancer: {} }),
    code: "EKS_API_LOAD_BALANCER",
    path: "apiLoadBalancer",
    value: { scheme: "internet-facing", targetType: "ip" },
    message: "an EKS cluster's API endpoint is EKS' own",
    fix: "remove apiLoadBalancer",
  },
  {
    rule: "an IPv6-only cluster subnet",
    config: eksConfig(
      {},
      {
        subnets: [sn("Utility", A), sn("Utility", B), sn("DualStack", A), sn("Private", B)],
        nodes: { controlPlaneSubnets: ["dualstack-us-east-1a", "private-us-east-1b"] },
      },
    ),
    code: "EKS_SUBNET_IPV6_ONLY",
    path: "nodes.controlPlaneSubnets[1]",
    value: "private-us-east-1b",
    message:
      "private-us-east-1b is IPv6-only: EKS puts the cluster's network interfaces only in subnets with both an " +
      "IPv4 and an IPv6 block",
    fix: "use DualStack subnets",
  },
  {
    rule: "an IPv6-only node group subnet",
    config: eksConfig(
      { nodeGroups: [{ name: "general", subnets: ["dualstack-us-east-1a", "private-us-east-1b"] }] },
      { subnets: [sn("Utility", A), sn("Utility", B), sn("DualStack", A), sn("DualStack", B), sn("Private", B)] },
    ),
    code: "EKS_SUBNET_IPV6_ONLY",
    path: "kubernetes.eks.nodeGroups[0].subnets[1]",
    value: "private-us-east-1b",
    message: "EKS puts node group general only in subnets with both an IPv4 and an IPv6 block",
    fix: "Public/Utility ones for public nodes",
  },
  {
    rule: "a cluster subnet without IPv6",
    config: eksConfig(
      {},
      {
        subnets: [sn("Utility", A), sn("Utility", B), sn("DualStack", A), sn("PrivateIPv4", B)],
        nodes: { controlPlaneSubnets: ["dualstack-us-east-1a", "privateipv4-us-east-1b"] },
      },
    ),
    code: "EKS_SUBNET_WITHOUT_IPV6",
    path: "nodes.controlPlaneSubnets[1]",
    value: "privateipv4-us-east-1b",
    message:
      "privateipv4-us-east-1b has no IPv6 block: in an IPv6 EKS cluster, the subnets of the cluster's network " +
      "interfaces need both families",
    fix: "use DualStack subnets",
  },
  {
    rule: "a node group subnet without IPv6",
    config: eksConfig(
      { nodeGroups: [{ name: "general", subnets: ["privateipv4-us-east-1a"] }] },
      { subnets: [sn("Utility", A), sn("Utility", B), sn("DualStack", A), sn("DualStack", B), sn("PrivateIPv4", A)] },
    ),
    code: "EKS_SUBNET_WITHOUT_IPV6",
    path: "kubernetes.eks.nodeGroups[0].subnets[0]",
    value: "privateipv4-us-east-1a",
    message: "privateipv4-us-east-1a has no IPv6 block: in an IPv6 EKS cluster, the subnets of node group general",
    fix: "use DualStack subnets",
  },
  {
    rule: "a cluster subnet in a Wavelength Zone (an adopted one: created, it would be refused for IPv6 first)",
    config: eksConfig(
      {},
      {
        zones: [A, B, WZ],
        subnets: [
          sn("Utility", A),
          sn("Utility", B),
          sn("DualStack", A),
          sn("DualStack", B),
          sn("DualStack", WZ, { id: "subnet-0123456789abcdef0" }),
        ],
      },
    ),
    facts: FACTS_EDGE,
    code: "EKS_SUBNET_WAVELENGTH",
    path: "subnets[4]",
    value: "dualstack-us-east-1-wl1-bos-wlz-1",
    message:
      "dualstack-us-east-1-wl1-bos-wlz-1 is in the Wavelength Zone us-east-1-wl1-bos-wlz-1: EKS puts no cluster " +
      "interface there",
    fix: "nodes.controlPlaneSubnets",
  },
  {
    rule: "EKS cluster subnets in one zone (the default layout of one zone)",
    config: eksConfig({}, { zones: [A] }),
    code: "EKS_CLUSTER_ZONES",
    path: "nodes.controlPlaneSubnets",
    value: undefined,
    message: "EKS needs its cluster subnets in at least two zones; they are in 1 (us-east-1a)",
    fix: "add a DualStack subnet in a second zone",
  },
  {
    rule: "named EKS cluster subnets in one zone",
    config: eksConfig({}, { nodes: { controlPlaneSubnets: ["dualstack-us-east-1a", "utility-us-east-1a"] } }),
    code: "EKS_CLUSTER_ZONES",
    path: "nodes.controlPlaneSubnets",
    value: ["dualstack-us-east-1a", "utility-us-east-1a"],
    message: "they are in 1 (us-east-1a)",
    fix: "list subnets of two zones in nodes.controlPlaneSubnets",
  },
  {
    rule: "an EKS cluster subnet in a zone id EKS does not support",
    config: eksConfig({}, { zones: [A, B, C] }),
    facts: { ...FACTS, zoneIds: { [A]: "use1-az1", [B]: "use1-az2", [C]: "use1-az3" } },
    code: "EKS_ZONE_ID_UNSUPPORTED",
    path: "zones[2]",
    value: "dualstack-us-east-1c",
    message: "dualstack-us-east-1c is in us-east-1c, zone id use1-az3, where EKS creates no cluster",
    fix: "aws ec2 describe-availability-zones",
  },
  {
    rule: "an EKS endpoint with neither private nor public access",
    config: eksConfig({ endpointPrivateAccess: false }),
    code: "EKS_ENDPOINT_UNREACHABLE",
    path: "kubernetes.eks.endpointPrivateAccess",
    value: false,
    message: "nothing can reach the cluster's API endpoint",
    fix: "keep endpointPrivateAccess: true",
  },
  {
    rule: "a public EKS endpoint without publicAccessCidrs",
    config: eksConfig({ endpointPublicAccess: true }),
    code: "EKS_PUBLIC_ACCESS_CIDRS_REQUIRED",
    path: "kubernetes.eks.publicAccessCidrs",
    value: undefined,
    message: "open to the whole internet (AWS' default)",
    fix: "write 0.0.0.0/0 if everyone is meant",
  },
  {
    rule: "warns of publicAccessCidrs without a public endpoint",
    config: eksConfig({ publicAccessCidrs: ["203.0.113.0/24"] }),
    warning: true,
    code: "EKS_PUBLIC_ACCESS_CIDRS_UNUSED",
    path: "kubernetes.eks.publicAccessCidrs",
    value: ["203.0.113.0/24"],
    message: "publicAccessCidrs has no effect: the public endpoint is off",
    fix: "or set endpointPublicAccess: true",
  },
  {
    rule: "a publicAccessCidrs entry that is not a CIDR",
    config: eksConfig({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/33"] }),
    code: "EKS_PUBLIC_ACCESS_CIDR_INVALID",
    path: "kubernetes.eks.publicAccessCidrs[0]",
    value: "203.0.113.0/33",
    message: "not a CIDR: prefix length /33 is longer than 32 bits",
    fix: "write a CIDR such as 203.0.113.0/24",
  },
  {
    rule: "a publicAccessCidrs entry with host bits set",
    config: eksConfig({ endpointPublicAccess: true, publicAccessCidrs: ["2001:db8::/32", "203.0.113.1/24"] }),
    code: "EKS_PUBLIC_ACCESS_CIDR_INVALID",
    path: "kubernetes.eks.publicAccessCidrs[1]",
    value: "203.0.113.1/24",
    message: "not a CIDR: 203.0.113.1/24 has host bits set",
    fix: "203.0.113.0/24",
  },
  {
    rule: "warns of a public endpoint open to all of IPv4",
    config: eksConfig({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] }),
    warning: true,
    code: "EKS_PUBLIC_ENDPOINT_WORLD_OPEN",
    path: "kubernetes.eks.publicAccessCidrs[0]",
    value: "0.0.0.0/0",
    message: "the cluster's API endpoint is reachable from anywhere (0.0.0.0/0)",
    fix: "narrow publicAccessCidrs",
  },
  {
    rule: "warns of a public endpoint open to all of IPv6",
    config: eksConfig({ endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24", "::/0"] }),
    warning: true,
    code: "EKS_PUBLIC_ENDPOINT_WORLD_OPEN",
    path: "kubernetes.eks.publicAccessCidrs[1]",
    value: "::/0",
    message: "reachable from anywhere (::/0)",
    fix: "or turn the public endpoint off",
  },
  {
    rule: "an EKS cluster without an admin principal",
    config: { vpc: VPC_AMAZON, zones: TWO_ZONES, kubernetes: { eks: {} } },
    code: "EKS_ADMIN_PRINCIPAL_REQUIRED",
    path: "kubernetes.eks.adminPrincipalArn",
    value: undefined,
    message: "gives its creator no implicit admin",
    fix: "set kubernetes.eks.adminPrincipalArn",
  },
  {
    rule: "an admin principal that is an IAM group",
    config: eksConfig({ adminPrincipalArn: "arn:aws:iam::123456789012:group/admins" }),
    code: "EKS_ADMIN_PRINCIPAL_INVALID",
    path: "kubernetes.eks.adminPrincipalArn",
    value: "arn:aws:iam::123456789012:group/admins",
    message: "an access entry's principal is an IAM role or user ARN",
    fix: "arn:aws:iam::<account>:role/<name>",
  },
  {
    rule: "an EKS cluster name starting with a hyphen",
    config: eksConfig({ name: "-prod" }),
    code: "EKS_CLUSTER_NAME_INVALID",
    path: "kubernetes.eks.name",
    value: "-prod",
    message: "starting with a letter or digit",
    fix: "leave name out",
  },
  {
    rule: "an EKS cluster name longer than 100 characters",
    config: eksConfig({ name: "c".repeat(101) }),
    code: "EKS_CLUSTER_NAME_INVALID",
    path: "kubernetes.eks.name",
    value: "c".repeat(101),
    message: "1 to 100 letters",
    fix: "shorten or rename it",
  },
  {
    rule: "two EKS node groups with one name",
    config: eksConfig({ nodeGroups: [{ name: "general" }, { name: "general" }] }),
    code: "EKS_NODE_GROUP_DUPLICATE",
    path: "kubernetes.eks.nodeGroups[1].name",
    value: "general",
    message: "two node groups are named general",
    fix: "give each node group its own name",
  },
  {
    rule: "a node group whose minSize exceeds the default desiredSize",
    config: eksConfig({ nodeGroups: [{ name: "general", minSize: 3 }] }),
    code: "EKS_NODE_GROUP_SCALING",
    path: "kubernetes.eks.nodeGroups[0]",
    value: { name: "general", minSize: 3, capacityType: "ON_DEMAND" },
    message: "node group general: minSize 3, desiredSize 2, maxSize 3 are not in order",
    fix: "set 0 <= minSize <= desiredSize <= maxSize",
  },
  {
    rule: "a node group of at most 0 nodes",
    config: eksConfig({ nodeGroups: [{ name: "idle", minSize: 0, desiredSize: 0, maxSize: 0 }] }),
    code: "EKS_NODE_GROUP_SCALING",
    path: "kubernetes.eks.nodeGroups[0]",
    message: "node group idle: minSize 0, desiredSize 0, maxSize 0 are not in order",
    fix: "maxSize at least 1",
  },
  {
    rule: "a node group subnet that does not exist",
    config: eksConfig({ nodeGroups: [{ name: "general", subnets: ["dualstack-us-east-1a", "nodes-b"] }] }),
    code: "EKS_NODE_GROUP_UNKNOWN_SUBNET",
    path: "kubernetes.eks.nodeGroups[0].subnets[1]",
    value: "nodes-b",
    message: "no subnet is named nodes-b",
    fix: "use one of: utility-us-east-1a, dualstack-us-east-1a, utility-us-east-1b, dualstack-us-east-1b",
  },
  {
    rule: "a node group instance type that is not Nitro-based",
    config: eksConfig({ nodeGroups: [{ name: "general", instanceTypes: ["m6i.large", "m4.large"] }] }),
    facts: { ...FACTS_EKS, instanceTypes: { "m6i.large": NITRO_IPV6, "m4.large": XEN_IPV6 } },
    code: "EKS_INSTANCE_TYPE_NOT_NITRO",
    path: "kubernetes.eks.nodeGroups[0].instanceTypes[1]",
    value: "m4.large",
    message: "m4.large is not Nitro-based (hypervisor xen): EKS runs IPv6 pods on Nitro only",
    fix: "choose a Nitro-based type",
  },
  {
    rule: "the default node group's instance type, not Nitro-based, is reported at the key that would set it",
    config: eksConfig(),
    facts: { ...FACTS, instanceTypes: { "m6i.large": XEN_IPV6 } },
    code: "EKS_INSTANCE_TYPE_NOT_NITRO",
    path: "kubernetes.eks.nodeGroups",
    value: "m6i.large",
    message: "m6i.large is not Nitro-based (hypervisor xen)",
    fix: "e.g. m6i.large, c7g.large",
  },
  {
    rule: "a Fargate profile in a public cluster subnet",
    config: eksConfig(
      { fargateNamespaces: ["batch"] },
      { nodes: { controlPlaneSubnets: ["utility-us-east-1a", "dualstack-us-east-1b"] } },
    ),
    facts: FACTS_EKS,
    code: "EKS_FARGATE_PUBLIC_SUBNET",
    path: "kubernetes.eks.fargateNamespaces",
    value: ["batch"],
    message: "utility-us-east-1a route to the internet gateway: a Fargate profile takes private subnets only",
    fix: "keep the cluster's subnets private (DualStack)",
  },
  {
    rule: "a cluster subnet listed twice",
    config: eksConfig(
      {},
      { nodes: { controlPlaneSubnets: ["dualstack-us-east-1a", "dualstack-us-east-1b", "dualstack-us-east-1a"] } },
    ),
    facts: FACTS_EKS,
    code: "EKS_SUBNET_LISTED_TWICE",
    path: "nodes.controlPlaneSubnets[2]",
    value: "dualstack-us-east-1a",
    message: "dualstack-us-east-1a is listed twice",
    fix: "list each subnet once",
  },
  {
    rule: "a node group subnet listed twice",
    config: eksConfig({ nodeGroups: [{ name: "general", subnets: ["dualstack-us-east-1b", "dualstack-us-east-1b"] }] }),
    facts: FACTS_EKS,
    code: "EKS_SUBNET_LISTED_TWICE",
    path: "kubernetes.eks.nodeGroups[0].subnets[1]",
    value: "dualstack-us-east-1b",
    message: "dualstack-us-east-1b is listed twice",
    fix: "list each subnet once",
  },
  {
    rule: "a /28 cluster subnet: fewer free addresses than EKS recommends",
    config: eksConfig(
      {},
      {
        subnets: [
          sn("Utility", A),
          sn("Utility", B),
          { ...sn("DualStack", A), cidr: "10.0.64.0/28" },
          sn("DualStack", B),
        ],
      },
    ),
    facts: FACTS_EKS,
    warning: true,
    code: "EKS_SUBNET_FEW_ADDRESSES",
    path: "subnets[2]",
    value: "dualstack-us-east-1a",
    message: "dualstack-us-east-1a (10.0.64.0/28) has fewer than the 16 free addresses EKS recommends",
    fix: "give the cluster subnets /27 or larger IPv4 blocks",
  },
  {
    rule: "no node group and no Fargate profile for kube-system",
    config: eksConfig({ nodeGroups: [], fargateNamespaces: ["batch"] }),
    facts: FACTS_EKS,
    warning: true,
    code: "EKS_NO_NODES",
    path: "kubernetes.eks.nodeGroups",
    value: [],
    message: "no node group and no Fargate profile for kube-system",
    fix: "add a node group, or kube-system to fargateNamespaces",
  },
  {
    rule: "nodes.instanceTypes with EKS (node groups have their own)",
    config: eksConfig({}, { nodes: { instanceTypes: ["m6i.large"] } }),
    facts: FACTS_EKS,
    code: "EKS_SELF_MANAGED_SETTING",
    path: "nodes.instanceTypes",
    value: ["m6i.large"],
    message: "nodes.instanceTypes is for self-managed clusters: EKS node groups take theirs from",
    fix: "remove nodes.instanceTypes",
  },
  // The rules EKS shares with self-managed clusters, at EKS' keys.
  {
    rule: "an EKS node group type the plan could not check is said to be unchecked, at its key",
    config: eksConfig({ nodeGroups: [{ name: "general", instanceTypes: ["m6i.large", "m7i.large"] }] }),
    warning: true,
    facts: {
      ...FACTS_EKS,
      instanceTypes: { "m6i.large": NITRO_IPV6, "m7i.large": { status: "unknown", reason: "the offline plan" } },
    },
    code: "NODES_INSTANCE_TYPE_NOT_CHECKED",
    path: "kubernetes.eks.nodeGroups[0].instanceTypes[1]",
    value: "m7i.large",
    message: "IPv6 and Nitro support of m7i.large not checked: the offline plan",
    fix: "pulumi preview",
  },
  {
    rule: "the default EKS node group's type, not looked up, is said to be unchecked at kubernetes.eks.nodeGroups",
    config: eksConfig(),
    warning: true,
    code: "NODES_INSTANCE_TYPE_NOT_CHECKED",
    path: "kubernetes.eks.nodeGroups",
    value: "m6i.large",
    message: "m6i.large not checked: not looked up",
    fix: "pulumi preview",
  },
  {
    rule: "a node group without types of its own: its default type is reported at the group",
    config: eksConfig({ nodeGroups: [{ name: "general", instanceTypes: ["m6i.large"] }, { name: "batch" }] }),
    facts: { ...FACTS, instanceTypes: { "m6i.large": { status: "missing", reason: "InvalidInstanceType" } } },
    code: "NODES_INSTANCE_TYPE_UNKNOWN",
    path: "kubernetes.eks.nodeGroups[1]",
    value: "m6i.large",
    message: "AWS does not know instance type m6i.large in us-east-1",
    fix: "check the spelling",
    also: ["NODES_INSTANCE_TYPE_UNKNOWN"],
  },
  {
    rule: "an EKS node group type AWS does not know",
    config: eksConfig({ nodeGroups: [{ name: "general", instanceTypes: ["m6i.large", "m6i.lrge"] }] }),
    facts: { ...FACTS_EKS, instanceTypes: { "m6i.large": NITRO_IPV6, "m6i.lrge": { status: "missing", reason: "x" } } },
    code: "NODES_INSTANCE_TYPE_UNKNOWN",
    path: "kubernetes.eks.nodeGroups[0].instanceTypes[1]",
    value: "m6i.lrge",
    message: "AWS does not know instance type m6i.lrge in us-east-1: x",
    fix: "check the spelling",
  },
  {
    rule: "an EKS node group type without IPv6 (and, here, not Nitro either)",
    config: eksConfig({ nodeGroups: [{ name: "general", instanceTypes: ["m6i.large", "m1.small"] }] }),
    facts: {
      ...FACTS_EKS,
      instanceTypes: { "m6i.large": NITRO_IPV6, "m1.small": { status: "ok", ipv6Supported: false, hypervisor: "xen" } },
    },
    code: "NODES_INSTANCE_TYPE_NO_IPV6",
    path: "kubernetes.eks.nodeGroups[0].instanceTypes[1]",
    value: "m1.small",
    message: "m1.small does not support IPv6",
    fix: "network-info.ipv6-supported",
    also: ["EKS_INSTANCE_TYPE_NOT_NITRO"],
  },
  {
    rule: "EKS cluster subnets must exist",
    config: eksConfig(
      {},
      {
        zones: [A, B, C],
        nodes: { controlPlaneSubnets: ["dualstack-us-east-1a", "dualstack-us-east-1b", "masters-c"] },
      },
    ),
    facts: FACTS_EKS,
    code: "NODES_UNKNOWN_SUBNET",
    path: "nodes.controlPlaneSubnets[2]",
    value: "masters-c",
    message: "no subnet is named masters-c",
    fix: /use one of: utility-us-east-1a, dualstack-us-east-1a, /,
  },
  {
    rule: "warns when list order decides an EKS cluster subnet",
    config: eksConfig(
      {},
      {
        subnets: [
          sn("Utility", A),
          sn("Utility", B),
          sn("DualStack", A),
          sn("DualStack", B),
          { name: "nodes-a", zone: A, type: "DualStack" },
        ],
      },
    ),
    warning: true,
    facts: FACTS_EKS,
    code: "CONTROL_PLANE_SUBNET_BY_ORDER",
    path: "nodes.controlPlaneSubnets",
    value: undefined,
    message: "first-listed DualStack subnet of each zone: dualstack-us-east-1a in us-east-1a (listed before nodes-a)",
    fix: "nodes.controlPlaneSubnets: [dualstack-us-east-1a, dualstack-us-east-1b]",
  },
  // ---- cluster installers (components/core/installers) --------------------------------------------
  {
    rule: "an installer listed twice",
    config: k8s({ installers: ["kubeadm", "capi", "kubeadm"] }),
    code: "INSTALLER_LISTED_TWICE",
    path: "kubernetes.installers[2]",
    value: "kubeadm",
    message: "kubeadm is already listed at kubernetes.installers[0]",
    fix: "list each installer once",
  },
  {
    rule: "an installer with EKS (EKS builds the control plane itself)",
    config: eksK8s({ installers: ["capi"] }),
    code: "INSTALLER_WITH_EKS",
    path: "kubernetes.installers[0]",
    value: "capi",
    message: "Cluster API builds a cluster of its own, but with kubernetes.eks the cluster is Amazon EKS",
    fix: "remove kubernetes.installers, or remove kubernetes.eks",
  },
  {
    rule: "warns that kOps gives pods /80 prefixes of their subnets, not kubernetes.podCIDRs",
    config: kopsCfg({ podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd02::/112"] }),
    warning: true,
    code: "INSTALLER_SETTING_NOT_USED",
    path: "kubernetes.podCIDRs",
    value: ["fd01::/48"],
    message: "kOps does not use kubernetes.podCIDRs: each node's pods take a /80 of its subnet's IPv6 block",
    fix: "remove kubernetes.podCIDRs if no other installer is listed",
  },
  {
    rule: "warns that kOps runs Calico without encapsulation on IPv6, not kubernetes.calico's",
    config: kopsCfg({ cni: "calico", calico: { encapsulation: "VXLAN" } }),
    warning: true,
    code: "INSTALLER_SETTING_NOT_USED",
    path: "kubernetes.calico",
    value: { encapsulation: "VXLAN" },
    message: "kOps runs Calico without encapsulation on IPv6 (encapsulationMode none, awsSrcDstCheck DoNothing)",
    fix: "remove kubernetes.calico",
  },
  {
    rule: "warns that Cluster API creates its own API load balancer",
    config: k8s({ installers: ["capi"] }, VPC_AMAZON, { apiLoadBalancer: {} }),
    warning: true,
    code: "INSTALLER_OWN_API_LOAD_BALANCER",
    path: "apiLoadBalancer",
    value: { scheme: "internet-facing", targetType: "ip" },
    message: "Cluster API creates its own API load balancer (spec.controlPlaneLoadBalancer in its spec",
    fix: "remove apiLoadBalancer, unless kubeadm or k0s use it",
  },
  {
    rule: "kOps in a VPC without IPv6 (kOps adds no IPv6 block to a shared VPC)",
    config: kopsCfg({}, VPC_IPV4_ONLY),
    code: "KOPS_VPC_WITHOUT_IPV6",
    path: "vpc.ipv6",
    value: undefined,
    message: "kOps builds IPv6 clusters only in a shared VPC that already has an IPv6 block",
    fix: "add vpc.ipv6: {}",
    also: ["KOPS_POD_FAMILIES"],
  },
  {
    rule: "kOps with dual-stack pods (kOps' IPv6 pods are IPv6-only)",
    config: kopsCfg(DUAL_STACK_K8S),
    code: "KOPS_POD_FAMILIES",
    path: "kubernetes.podCIDRs",
    value: DUAL_STACK_K8S.podCIDRs,
    message:
      "kOps runs IPv6 clusters with IPv6-only pods on dual-stack nodes; pods of IPv6 and IPv4 cannot be expressed",
    fix: "give one IPv6 pod CIDR and one IPv6 service CIDR",
  },
  {
    rule: "kOps with two control-plane subnets (an even number of etcd members)",
    config: k8s({ installers: ["kops"] }),
    code: "KOPS_EVEN_CONTROL_PLANE",
    path: "nodes.controlPlaneSubnets",
    value: undefined,
    message: "gives 2 (dualstack-us-east-1a, dualstack-us-east-1b)",
    fix: "list an odd number of DualStack or Private subnets in nodes.controlPlaneSubnets",
  },
  {
    rule: "kOps with this stack's CNI installed too (a kubeconfig and cni: cilium)",
    config: kopsCfg({ cni: "cilium", kubeconfig: "apiVersion: v1" }),
    code: "KOPS_ADDON_INSTALLED_TWICE",
    path: "kubernetes.cni",
    value: "cilium",
    message: "kOps installs Cilium itself; this stack would install a second one into the cluster",
    fix: "set kubernetes.cni: none and kubernetes.cloudControllerManager: false",
  },
  {
    rule: "kOps with the cloud-controller-manager installed too",
    config: kopsCfg({ cloudControllerManager: true, kubeconfig: "apiVersion: v1" }),
    code: "KOPS_ADDON_INSTALLED_TWICE",
    path: "kubernetes.cloudControllerManager",
    value: true,
    message: "kOps installs the AWS cloud-controller-manager itself",
    fix: "or remove kubernetes.kubeconfig",
  },
  {
    rule: "warns that kOps leaves a PrivateIPv4 subnet out of its spec",
    config: {
      vpc: VPC_AMAZON,
      zones: [A],
      subnets: [sn("Utility", A), sn("DualStack", A), sn("Private", A), sn("PrivateIPv4", A)],
      kubernetes: { installers: ["kops"] },
    },
    warning: true,
    code: "KOPS_SUBNET_LEFT_OUT",
    path: "subnets[3].type",
    value: "PrivateIPv4",
    message: "privateipv4-us-east-1a has no IPv6 block, and a kOps IPv6 cluster's nodes need one",
    fix: "else make it DualStack",
  },
  {
    rule: "Cluster API with an existing IPv6 VPC whose egress-only gateway is not named",
    config: {
      vpc: { ...VPC_EXISTING, ipv6: { cidrBlock: VPC_EXISTING.ipv6.cidrBlock } },
      zones: TWO_ZONES,
      subnets: [sn("Utility", A), sn("Utility", B)],
      kubernetes: { installers: ["capi"] },
    },
    facts: FACTS_EXISTING,
    code: "CAPI_EGRESS_ONLY_GATEWAY_UNKNOWN",
    path: "vpc.ipv6.egressOnlyInternetGatewayId",
    value: undefined,
    message: `takes ${EXISTING_VPC_ID} as a bring-your-own IPv6 VPC, which must name its egress-only internet gateway`,
    fix: "set vpc.ipv6.egressOnlyInternetGatewayId to the VPC's egress-only gateway (eigw-...), or to create",
  },
  {
    rule: "k0s with an IPv6 single-stack service range of /112 (k0s needs exactly a /108)",
    config: k8s({ podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd02::/112"], cni: "calico", installers: ["k0s"] }),
    code: "K0S_SERVICE_CIDR_NOT_108",
    path: "kubernetes.serviceCIDRs[0]",
    value: "fd02::/112",
    message: "k0s refuses an IPv6 single-stack service range longer than /108 and kube-apiserver one shorter than /108",
    fix: "use a /108 in kubernetes.serviceCIDRs, e.g. fd02::/108",
  },
  {
    rule: "k0s with the default IPv6 service range (/112), named by its key",
    config: k8s({ cni: "calico", installers: ["k0s"] }),
    code: "K0S_SERVICE_CIDR_NOT_108",
    path: "kubernetes.serviceCIDRs",
    value: "fd00:10:96::/112",
    message: "fd00:10:96::/112 is not a /108",
    fix: "e.g. fd00:10:96::/108",
  },
  {
    rule: "warns that k0s' default CNI, kube-router, does not pass conformance on IPv6",
    config: k8s({ serviceCIDRs: ["fd00:10:96::/108"], installers: ["k0s"] }),
    warning: true,
    code: "K0S_KUBE_ROUTER_IPV6",
    path: "kubernetes.cni",
    value: "none",
    message:
      "k0s runs its default CNI, kube-router, which does not pass the Kubernetes network conformance tests on IPv6",
    fix: "set kubernetes.cni: calico",
  },

  // ---- VPC endpoints (issue 17) -------------------------------------------------------------------
  {
    rule: "a service listed twice in endpoints.interface",
    config: cfg(VPC_AMAZON, { endpoints: { interface: ["sts", "sts"] } }),
    code: "ENDPOINT_DUPLICATE",
    path: "endpoints.interface[1]",
    value: "sts",
    message: "sts is already listed at endpoints.interface[0]: a service gets one endpoint",
    fix: "list it once",
  },
  {
    rule: "a service listed as both an interface and a gateway endpoint",
    config: cfg(VPC_AMAZON, { endpoints: { interface: ["s3"], gateway: ["s3"] } }),
    code: "ENDPOINT_DUPLICATE",
    path: "endpoints.gateway[0]",
    value: "s3",
    message: "s3 is already listed at endpoints.interface[0]",
    fix: "in endpoints.interface or endpoints.gateway",
  },
  {
    rule: "a gateway endpoint for a service that only has interface endpoints",
    config: cfg(VPC_AMAZON, { endpoints: { gateway: ["sts"] } }),
    code: "ENDPOINT_NO_GATEWAY",
    path: "endpoints.gateway[0]",
    value: "sts",
    message: "sts has no gateway endpoint: only s3 and dynamodb do",
    fix: "move sts to endpoints.interface",
  },
  {
    rule: "warns when S3 or DynamoDB is asked for as an interface endpoint: its gateway endpoint is free",
    config: cfg(VPC_IPV4_ONLY, { endpoints: { interface: ["dynamodb"] } }),
    warning: true,
    code: "ENDPOINT_GATEWAY_AVAILABLE",
    path: "endpoints.interface[0]",
    value: "dynamodb",
    message: "dynamodb has a gateway endpoint, at no charge",
    fix: "move dynamodb to endpoints.gateway",
  },
  {
    rule: "a service AWS does not offer in the region (looked up at preview)",
    config: cfg(VPC_AMAZON, { endpoints: { interface: ["sts", "ecr.apii"] } }),
    facts: {
      ...FACTS,
      endpointServices: {
        "ecr.apii/interface": { status: "missing", reason: "no matching VPC Endpoint Service found" },
      },
    },
    code: "ENDPOINT_SERVICE_NOT_IN_REGION",
    path: "endpoints.interface[1]",
    value: "ecr.apii",
    message: "AWS has no interface endpoint for ecr.apii in us-east-1: no matching VPC Endpoint Service found",
    fix: "--service-names com.amazonaws.us-east-1.ecr.apii --region us-east-1), or remove it",
  },
  {
    rule: "a dualstack-only service (STS) in IPv6-only subnets: the fix names the dual-stack ones",
    config: cfg(VPC_AMAZON, {
      endpoints: { interface: ["sts"], subnets: ["private-us-east-1a", "private-us-east-1b"] },
    }),
    code: "ENDPOINT_SERVICE_NO_IPV6",
    path: "endpoints.interface[0]",
    value: "sts",
    message: /^sts's endpoints take ipv4 or dualstack, not ipv6, .*IAM User Guide, "Dual-stack endpoint support"/,
    fix: "endpoints.subnets: [dualstack-us-east-1a, dualstack-us-east-1b]",
  },
  {
    rule: "a service whose endpoints AWS says take IPv4 only, in dual-stack subnets",
    config: cfg(VPC_AMAZON, { endpoints: { interface: ["ec2"] } }),
    facts: {
      ...FACTS,
      endpointServices: {
        "ec2/interface": { status: "ok", serviceName: "com.amazonaws.us-east-1.ec2", ipAddressTypes: ["ipv4"] },
      },
    },
    code: "ENDPOINT_SERVICE_NO_IPV6",
    path: "endpoints.interface[0]",
    value: "ec2",
    message: "ec2's endpoints take ipv4, not dualstack, which the endpoint subnets need (AWS, describe-vpc-endpoint",
    fix: "remove ec2 from endpoints.interface (its traffic keeps going through NAT",
  },
  {
    rule: "warns when a service's IPv6 support is neither documented nor looked up",
    config: cfg(VPC_AMAZON, { endpoints: { interface: ["logs"] } }),
    warning: true,
    code: "ENDPOINT_IPV6_NOT_CHECKED",
    path: "endpoints.interface[0]",
    value: "logs",
    message: "dualstack endpoints for logs not checked",
    fix: "--service-names com.amazonaws.us-east-1.logs --query 'ServiceDetails[].SupportedIpAddressTypes'",
  },
  {
    rule: "no private subnet for the interface endpoints",
    config: cfg(VPC_AMAZON, { subnets: [sn("Utility", A), sn("Utility", B)], endpoints: { interface: ["sts"] } }),
    code: "ENDPOINT_NO_PRIVATE_SUBNET",
    path: "endpoints.interface",
    value: undefined,
    message: "no private subnet in us-east-1a, us-east-1b for the interface endpoints",
    fix: "add a DualStack or Private subnet",
  },
  {
    rule: "no private route table for a gateway endpoint",
    config: cfg(VPC_AMAZON, { subnets: [sn("Utility", A), sn("Utility", B)], endpoints: { gateway: ["s3"] } }),
    code: "ENDPOINT_NO_PRIVATE_SUBNET",
    path: "endpoints.gateway",
    value: undefined,
    message: "no private subnet whose route table this stack manages",
    fix: "add a private subnet this stack creates",
  },
  {
    rule: "endpoints.subnets names a subnet that does not exist",
    config: cfg(VPC_AMAZON, { endpoints: { interface: ["sts"], subnets: ["dualstack-us-east-1a", "nope"] } }),
    code: "ENDPOINT_UNKNOWN_SUBNET",
    path: "endpoints.subnets[1]",
    value: "nope",
    message: "no subnet is named nope",
    fix: /use one of: utility-us-east-1a, dualstack-us-east-1a, /,
  },
  {
    rule: "two endpoint subnets in one zone",
    config: cfg(VPC_AMAZON, {
      endpoints: { interface: ["sts"], subnets: ["dualstack-us-east-1a", "private-us-east-1a"] },
    }),
    code: "ENDPOINT_TWO_SUBNETS_ONE_ZONE",
    path: "endpoints.subnets[1]",
    value: "private-us-east-1a",
    message: "private-us-east-1a and dualstack-us-east-1a are both in us-east-1a: an interface endpoint takes one",
    fix: "keep one subnet of us-east-1a",
  },
  {
    rule: "endpoint subnets of two families: no IP address type fits them all",
    config: cfg(VPC_AMAZON, {
      endpoints: { interface: ["sts"], subnets: ["dualstack-us-east-1a", "private-us-east-1b"] },
    }),
    code: "ENDPOINT_SUBNET_FAMILIES_MIXED",
    path: "endpoints.subnets",
    value: ["dualstack-us-east-1a", "private-us-east-1b"],
    message: "(dualstack-us-east-1a dualstack, private-us-east-1b ipv6)",
    fix: "endpoints.subnets: [dualstack-us-east-1a, dualstack-us-east-1b]",
  },
];

/** A three-zone IPv6 stack (one control-plane subnet per zone: kOps needs an odd number) for kOps. */
function kopsCfg(kubernetes: Raw, vpc: Raw = VPC_AMAZON): Raw {
  return { vpc, zones: [A, B, C], kubernetes: { ...kubernetes, installers: ["kops"] } };
}

function matches(text: string, expected: string | RegExp): boolean {
  return typeof expected === "string" ? text.includes(expected) : expected.test(text);
}
function describeFindings(fs: readonly Finding[]): string {
  return (
    fs
      .map((f) => `  ${f.severity} ${f.code} ${f.path} = ${JSON.stringify(f.value)}: ${f.message} | fix: ${f.fix}`)
      .join("\n") || "  (none)"
  );
}

describe("validation: every rule, with its code, path, value, message and fix", () => {
  for (const c of cases) {
    it(`${c.code}: ${c.rule}`, () => {
      const r = planNetwork(c.config, c.facts ?? FACTS);
      let pool: readonly Finding[];
      if (c.warning) {
        if (!r.ok) assert.fail(`a warning must not refuse the config; got:\n${describeFindings(r.findings)}`);
        pool = r.plan.warnings;
        assert.ok(pool.every((f) => f.severity === "warning"));
      } else {
        assert.equal(r.ok, false, "expected the config to be refused");
        pool = r.findings.filter((f) => f.severity === "error");
        assert.deepEqual(
          pool.map((f) => f.code).sort(),
          [c.code, ...(c.also ?? [])].sort(),
          `error codes:\n${describeFindings(r.findings)}`,
        );
      }
      const hit = pool.find((f) => f.code === c.code && f.path === c.path);
      assert.ok(hit, `no ${c.code} at ${c.path}; got:\n${describeFindings(r.findings)}`);
      if ("value" in c) assert.deepEqual(hit.value, c.value);
      assert.ok(matches(hit.message, c.message), `message ${JSON.stringify(hit.message)} should contain ${c.message}`);
      assert.ok(matches(hit.fix, c.fix), `fix ${JSON.stringify(hit.fix)} should contain ${c.fix}`);
    });
  }
});

describe("validation: boundaries that must be accepted", () => {
  it("accepts every IPAM netmaskLength from 44 to 60 in steps of 4, and defaults to 56", () => {
    for (const n of [44, 48, 52, 56, 60]) assert.equal(planOk(cfg(vpcIpam(n))).vpc.ipv6?.prefixLength, n);
    assert.equal(planOk(cfg(vpcIpam())).vpc.ipv6?.prefixLength, 56);
  });

  it("accepts IPAM subnet blocks from the VPC prefix to /64 in steps of 4", () => {
    const p = planOk(
      withSubnets(vpcIpam(52), [sn("Private", A, { ipv6CIDR: "/56#1" }), sn("Private", B, { ipv6CIDR: "/60#20" })]),
    );
    assert.deepEqual(
      p.subnets.filter((s) => s.type === "Private").map((s) => [s.ipv6?.prefixLength, s.ipv6?.index]),
      [
        [56, 1],
        [60, 0x20],
      ],
    );
  });

  it("accepts the last /64 of the VPC block (#ff of a /56)", () => {
    assert.equal(
      subnetIpv6(planOk(withSubnets(VPC_BYOIP, [sn("Private", A, { ipv6CIDR: "/64#ff" })])), "private-us-east-1a"),
      "2001:db8:0:ff::/64",
    );
  });

  it("accepts an IPv6 service range of exactly /108, and a node mask exactly 16 bits longer than the pods", () => {
    const p = planOk(k8s({ podCIDRs: ["fd00::/108"], serviceCIDRs: ["fd02::/108"], nodeCIDRMaskSize: 124 }));
    assert.equal(p.kubernetes.maxNodes, 65536);
  });

  it("accepts egress External, nat-, tgw- and eipalloc- on private kinds", () => {
    const p = planOk(
      withSubnets(VPC_AMAZON, [
        sn("Private", A, { egress: "External" }),
        sn("DualStack", A, { egress: "nat-0123456789abcdef0" }),
        sn("Private", B, { egress: "tgw-0123456789abcdef0" }),
        sn("DualStack", B, { egress: "eipalloc-0123456789abcdef0" }),
      ]),
    );
    assert.deepEqual(
      p.subnets.slice(2).map((s) => s.egress),
      ["External", "nat-0123456789abcdef0", "tgw-0123456789abcdef0", "eipalloc-0123456789abcdef0"],
    );
  });
});

function subnetIpv6(plan: ReturnType<typeof planOk>, name: string): string | undefined {
  return plan.subnets.find((s) => s.name === name)?.ipv6?.cidrBlock;
}

describe("validation: every problem is reported at once", () => {
  const broken: Raw = {
    vpc: { cidrBlock: "10.0.0.1/16", ipv6: {} },
    zones: [A, B],
    subnets: [
      sn("Utility", A, { egress: "nat-0123456789abcdef0" }),
      sn("Private", A, { ipv6CIDR: "/64#100" }),
      { name: "private-us-east-1a", zone: "us-east-1d", type: "Private" },
      sn("Private", B),
      sn("DualStack", A, { dns64: true }),
    ],
    kubernetes: { podCIDRs: ["fd00::/108"], serviceCIDRs: ["10.96.0.0/12"], nodeCIDRMaskSize: 125 },
  };

  it("one result lists the problems of the VPC, the subnets, routing and Kubernetes together", () => {
    const fs = refused(broken);
    const got = fs.map((f) => `${f.code} ${f.path}`);
    for (const expected of [
      "CIDR_NOT_CANONICAL vpc.cidrBlock",
      "EGRESS_ON_PUBLIC_SUBNET subnets[0].egress",
      "IPV6_INDEX_OUT_OF_RANGE subnets[1].ipv6CIDR",
      "DUPLICATE_SUBNET_NAME subnets[2].name",
      "ZONE_NOT_LISTED subnets[2].zone",
      "NAT_NO_PUBLIC_SUBNET subnets[3].egress",
      "DNS64_ON_DUAL_STACK subnets[4].dns64",
      "K8S_FAMILY_MISMATCH kubernetes.serviceCIDRs",
      "K8S_NODE_MASK_TOO_LONG kubernetes.nodeCIDRMaskSize",
    ])
      assert.ok(got.includes(expected), `missing ${expected}; got:\n${got.join("\n")}`);
  });

  it("the message names the count and every problem with its code, path, value and fix", () => {
    const fs = refused(broken);
    const text = formatFindings(fs, "Invalid stack config config/Pulumi.dev.yaml");
    assert.ok(text.startsWith(`Invalid stack config config/Pulumi.dev.yaml: ${fs.length} problems\n`), text);
    assert.ok(
      text.includes(
        '  [CIDR_NOT_CANONICAL] vpc.cidrBlock = "10.0.0.1/16": 10.0.0.1/16 has host bits set\n' +
          "      fix: did you mean 10.0.0.0/16?",
      ),
      text,
    );
    assert.ok(
      text.includes(
        '  [IPV6_INDEX_OUT_OF_RANGE] subnets[1].ipv6CIDR = "/64#100": ' +
          "a /56 VPC block holds 256 /64 blocks (#0 to #ff); #100 is past the end\n" +
          "      fix: use an index from 0 to ff (hexadecimal)",
      ),
      text,
    );
    // Findings without a value (a key that is not set) leave out "= value".
    for (const f of fs)
      assert.ok(
        text.includes(`[${f.code}] ${f.path}${f.value === undefined ? ":" : " = "}`),
        `${f.code} missing from the message`,
      );
  });

  it("a misspelt key does not hide the other problems of the config", () => {
    const fs = refused({ ...broken, vpc: { ...(broken.vpc as Raw), cidrblock: "10.0.0.0/16" } });
    const codes = new Set(fs.map((f) => f.code));
    assert.ok(codes.has("CONFIG_UNKNOWN_KEY"));
    for (const code of ["CIDR_NOT_CANONICAL", "IPV6_INDEX_OUT_OF_RANGE", "K8S_NODE_MASK_TOO_LONG"])
      assert.ok(codes.has(code), `missing ${code}`);
  });
});

/**
 * Every string literal shaped like a finding code (`"NAT_CROSS_ZONE"`) in the code of a TypeScript file,
 * wherever it stands: `error("A_B", ...)`, `code: zonal ? "A_B" : "C_D"`, a table of codes. Comments
 * are not code, and property names (`{ TAB_AS_INDENT: ... }`) are not literals.
 */
function codeLiterals(file: string, text = readFileSync(file, "utf8")): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && FINDING_CODE.test(n.text)) out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false));
  return out;
}
const FINDING_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/**
 * The values of the contract's enums (components/core/enums.ts), e.g. EksCapacityType's ON_DEMAND: shaped like
 * codes, but config values, so the scans leave them out (a test below checks that none is a catalogue code).
 */
const ENUM_VALUES = new Set(
  Object.values(ENUMS).flatMap((e: unknown) =>
    e && typeof e === "object" ? Object.values(e).filter((v): v is string => typeof v === "string") : [],
  ),
);

describe("validation: docs/validation-rules.md and the tests cover every finding code", () => {
  const root = join(__dirname, "..", "..");
  const page = readFileSync(join(root, "docs", "validation-rules.md"), "utf8");
  const documented = new Set([...page.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`/g)].map((m) => m[1]));

  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") && !p.endsWith(".d.ts") ? [p] : [];
    });
  }
  /** Code -> the source files (relative to the root) that name it. */
  function scan(dirs: string[]): Map<string, string[]> {
    const found = new Map<string, string[]>();
    for (const file of dirs.flatMap((d) => sources(join(root, d)))) {
      for (const code of new Set(codeLiterals(file)))
        if (!ENUM_VALUES.has(code)) found.set(code, [...(found.get(code) ?? []), relative(root, file)]);
    }
    return found;
  }
  /**
   * Every module that can report a finding:
   * the pure core, the offline readers, the program, the reports, the commands, the policy pack.
   */
  const emitted = scan(["components", "policy", "scripts"]);
  /**
   * Codes exercised by a test other than this file's cases
   * (STACK_NOT_FOUND by the CLI tests, CONFIG_YAML by the stack readers).
   */
  const thisFile = relative(root, join(root, "tests", "core-validation.test.ts"));
  const elsewhere = new Set(
    [...scan(["tests"])].filter(([, files]) => files.some((f) => f !== thisFile)).map(([code]) => code),
  );
  const inCases = new Set(cases.flatMap((c) => [c.code, ...(c.also ?? [])]));
  const coreCodes = [...emitted]
    .filter(([, files]) => files.some((f) => f.startsWith(join("components", "core"))))
    .map(([code]) => code);

  it("finds the codes it checks (the scan itself works)", () => {
    assert.ok(documented.size > 40, `only ${documented.size} codes found in docs/validation-rules.md`);
    for (const code of ["SUBNET_OUTSIDE_VPC", "NAT_CROSS_ZONE", "CONFIG_UNKNOWN_KEY", "CONFIG_YAML", "STACK_NOT_FOUND"])
      assert.ok(emitted.has(code), `${code} not found`);
    // Codes chosen by a condition, in a table or in an object literal count; comments and property names do not.
    const snippet =
      'error(zonal ? "ZONE_A_B" : "REGION_C_D", p, v, m, f); ' +
      'const t = { code: `TABLE_E` , other: ["LIST_F_G"] };\n// "COMMENT_H_I"\nconst k = { PROPERTY_J_K: 1 };';
    assert.deepEqual(codeLiterals("snippet.ts", snippet).sort(), ["LIST_F_G", "REGION_C_D", "TABLE_E", "ZONE_A_B"]);
    // Config values shaped like codes are left out, and leaving them out hides no finding code.
    assert.ok(ENUM_VALUES.has("ON_DEMAND") && !emitted.has("ON_DEMAND"), "EksCapacityType.ON_DEMAND taken for a code");
    assert.deepEqual(
      Object.keys(CATALOGUE).filter((c) => ENUM_VALUES.has(c)),
      [],
    );
  });

  it("docs/validation-rules.md's rule tables are what npm run docs generates from the catalogue (not stale)", () => {
    assert.equal(withRuleTables(page), page, "docs/validation-rules.md is stale: run npm run docs");
    const r = spawnSync(process.execPath, [join(root, "dist", "scripts", "gen-docs.js"), "--check"], {
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
  });

  it("every code is in one catalogue group only (a code in two would silently take one wording)", () => {
    const codes = GROUPS.flatMap((g) => Object.keys(g.rules));
    assert.deepEqual(
      codes.filter((c, i) => codes.indexOf(c) !== i),
      [],
    );
    assert.deepEqual(new Set(codes), new Set(Object.keys(CATALOGUE)));
    for (const c of codes) assert.match(c, FINDING_CODE);
  });

  it("every code any module emits is documented in docs/validation-rules.md", () => {
    const missing = [...emitted]
      .filter(([code]) => !documented.has(code))
      .map(([code, files]) => `${code} (${files.join(", ")})`);
    assert.deepEqual(missing.sort(), []);
  });

  it("every code docs/validation-rules.md documents is emitted somewhere (no stale rows)", () => {
    assert.deepEqual([...documented].filter((c) => !emitted.has(c)).sort(), []);
  });

  it("every code the pure core emits has a case in this file", () => {
    assert.deepEqual(coreCodes.filter((c) => !inCases.has(c)).sort(), []);
  });

  it("every code emitted outside the core is exercised by a test", () => {
    assert.deepEqual([...emitted.keys()].filter((c) => !inCases.has(c) && !elsewhere.has(c)).sort(), []);
  });
});
