/**
 * The VPC's address sources: its IPv4 block and where its IPv6 block comes from (Amazon-provided /56,
 * bring-your-own EC2 pool, VPC IPAM pool, or an existing VPC), and where its internet gateway comes from,
 * checked against AWS' rules and, for an existing VPC, against what the lookup found.
 */
import { finding, type Finding } from "./findings";
import { formatBlock, parseCidr, type Block } from "./ip";
import type { StackConfig } from "./schema";
import type { Facts, VpcPlan } from "./types";

/** `vpc.ipv6.egressOnlyInternetGatewayId: create`: an existing VPC without one gets a new egress-only gateway. */
export const EIGW_CREATE = "create";

/** Prefix lengths AWS accepts for a VPC IPv6 block taken from IPAM: /44 to /60 in steps of 4. */
export const IPAM_NETMASKS = [44, 48, 52, 56, 60];
const AMAZON_IPV6_PREFIX = 56;
/** AWS: a VPC IPv6 block is between /44 and /60 (VPC User Guide, "VPC CIDR blocks", IPv6 VPC CIDR blocks). */
const validVpcIpv6Length = (len: number) => len >= 44 && len <= 60;

/** The VPC's IPv6 prefix length and, when known before deployment, the block. */
export interface VpcIpv6Addressing {
  len: number;
  block?: Block;
  fromIpam: boolean;
  /**
   * False when the configured (or looked-up) block or size was refused: subnets then get no IPv6 block
   * computed from it, so a refused value never reaches the arithmetic (a /64 VPC block leaves no bits).
   */
  usable: boolean;
  /** The config key the block comes from, for findings about ranges that overlap it. */
  path: string;
}

export interface VpcAddressing {
  plan: VpcPlan;
  /** VPC IPv4 block (undefined only when the configured one is malformed). */
  ipv4?: Block;
  ipv6?: VpcIpv6Addressing;
  findings: Finding[];
}

type Vpc = StackConfig["vpc"];
type Ipv6Config = NonNullable<Vpc["ipv6"]>;

/** The finding for a CIDR that does not parse, or parses to a non-canonical spelling. */
export function cidrFinding(path: string, value: unknown, reason: string, suggestion?: string): Finding {
  return suggestion
    ? finding("CIDR_NOT_CANONICAL", path, value, { reason, suggestion })
    : finding("CIDR_MALFORMED", path, value, { reason });
}

/** The VPC's IPv4 block: parsed, within AWS' sizes, and the existing VPC's when there is one. */
function vpcIpv4(vpc: Vpc, facts: Facts, findings: Finding[]): Block | undefined {
  const p4 = parseCidr(vpc.cidrBlock, "ipv4");
  if (!p4.ok) return void findings.push(cidrFinding("vpc.cidrBlock", vpc.cidrBlock, p4.reason, p4.suggestion));
  // AWS: a VPC IPv4 block is between /16 and /28.
  if (p4.block.len < 16 || p4.block.len > 28)
    return void findings.push(finding("VPC_CIDR_SIZE", "vpc.cidrBlock", vpc.cidrBlock));
  const found = facts.existingVpc?.cidrBlock;
  if (vpc.id !== undefined && found !== undefined && found !== formatBlock(p4.block)) {
    findings.push(
      finding("EXISTING_VPC_MISMATCH", "vpc.cidrBlock", vpc.cidrBlock, { key: "cidrBlock", vpc: vpc.id, found }),
    );
  }
  return p4.block;
}

/**
 * Where the internet gateway comes from. AWS attaches at most one internet gateway to a VPC (EC2 User Guide,
 * "Internet gateways": "You can attach only one internet gateway to a VPC"; AttachInternetGateway fails with
 * Resource.AlreadyAssociated), so an existing VPC's attached one is reused: looked up by the program
 * (aws.ec2.getInternetGateway, filter attachment.vpc-id); offline nothing can be asked, so the plan says so.
 */
function internetGateway(
  vpc: Vpc,
  facts: Facts,
  findings: Finding[],
): Pick<VpcPlan, "internetGateway" | "internetGatewayId"> {
  const given = vpc.internetGatewayId;
  if (vpc.id === undefined) {
    if (given !== undefined)
      findings.push(finding("GATEWAY_REUSE_NEEDS_VPC_ID", "vpc.internetGatewayId", given, { gateway: "internet" }));
    return { internetGateway: given !== undefined ? "given" : "create", internetGatewayId: given };
  }
  const attached = facts.existingVpc?.internetGatewayId;
  if (given === undefined) {
    if (typeof attached === "string") return { internetGateway: "attached", internetGatewayId: attached };
    return { internetGateway: attached === null ? "create" : "lookup" };
  }
  if (attached !== undefined && attached !== given) {
    const p = { key: "internetGatewayId" as const, vpc: vpc.id, found: attached };
    findings.push(finding("EXISTING_VPC_MISMATCH", "vpc.internetGatewayId", given, p));
  }
  return { internetGateway: "given", internetGatewayId: given };
}

/** IPv6 settings that name two sources at once, or a gateway to reuse without an existing VPC. */
function ipv6ConfigFindings(v6: Ipv6Config, existing: boolean): Finding[] {
  const out: Finding[] = [];
  const eigw = v6.egressOnlyInternetGatewayId;
  if (!existing && eigw !== undefined) {
    out.push(
      finding("GATEWAY_REUSE_NEEDS_VPC_ID", "vpc.ipv6.egressOnlyInternetGatewayId", eigw, { gateway: "egress-only" }),
    );
  }
  if (v6.ipamPool && v6.poolId !== undefined) {
    out.push(finding("IPV6_SOURCE_CONFLICT", "vpc.ipv6.poolId", v6.poolId, { conflict: "pool-and-ipam" }));
  }
  if (v6.ipamPool && v6.cidrBlock !== undefined) {
    out.push(finding("IPV6_SOURCE_CONFLICT", "vpc.ipv6.cidrBlock", v6.cidrBlock, { conflict: "ipam-block" }));
  }
  if (existing && (v6.poolId !== undefined || v6.ipamPool)) {
    const path = v6.poolId !== undefined ? "vpc.ipv6.poolId" : "vpc.ipv6.ipamPool";
    out.push(finding("IPV6_SOURCE_CONFLICT", path, v6.poolId ?? v6.ipamPool, { conflict: "existing-pool" }));
  }
  return out;
}

/** `vpc.ipv6.cidrBlock` parsed and within AWS' sizes; `usable: false` once it was refused. */
function configuredIpv6Block(v6: Ipv6Config, findings: Finding[]): { block?: Block; usable: boolean } {
  if (v6.cidrBlock === undefined) return { usable: true };
  const p6 = parseCidr(v6.cidrBlock, "ipv6");
  if (!p6.ok) {
    findings.push(cidrFinding("vpc.ipv6.cidrBlock", v6.cidrBlock, p6.reason, p6.suggestion));
    return { usable: false };
  }
  if (!validVpcIpv6Length(p6.block.len)) {
    findings.push(finding("VPC_IPV6_CIDR_SIZE", "vpc.ipv6.cidrBlock", v6.cidrBlock, { len: p6.block.len }));
    return { usable: false };
  }
  return { block: p6.block, usable: true };
}

/** An existing VPC's IPv6 block: the configured one checked against the lookup, else the looked-up one. */
function existingIpv6(vpc: Vpc & { id: string }, v6: Ipv6Config, facts: Facts, findings: Finding[]): VpcIpv6Addressing {
  let { block, usable } = configuredIpv6Block(v6, findings);
  let path = "vpc.ipv6.cidrBlock";
  const found = facts.existingVpc?.ipv6CidrBlock;
  if (block && found && formatBlock(block) !== found) {
    const p = { key: "ipv6CidrBlock" as const, vpc: vpc.id, found };
    findings.push(finding("EXISTING_VPC_MISMATCH", "vpc.ipv6.cidrBlock", v6.cidrBlock, p));
  }
  if (!block && usable && found) {
    // The looked-up block passes the same checks as a configured one before anything is placed in it.
    const p = parseCidr(found, "ipv6");
    if (p.ok && validVpcIpv6Length(p.block.len)) [block, path] = [p.block, "vpc.id"];
    else {
      usable = false;
      findings.push(finding("VPC_IPV6_CIDR_SIZE", "vpc.id", vpc.id, { vpc: vpc.id, found }));
    }
  }
  if (!block && usable && v6.cidrBlock === undefined) {
    usable = false;
    const p = { vpc: vpc.id, lookedUp: facts.existingVpc !== undefined };
    findings.push(finding("EXISTING_VPC_NO_IPV6", "vpc.ipv6.cidrBlock", undefined, p));
  }
  return { len: block?.len ?? AMAZON_IPV6_PREFIX, block, fromIpam: false, usable, path };
}

/** The VPC's IPv6 plan and addressing, by source. */
function planIpv6(vpc: Vpc, v6: Ipv6Config, facts: Facts, findings: Finding[]): [VpcPlan["ipv6"], VpcIpv6Addressing] {
  if (vpc.id !== undefined) {
    const a = existingIpv6({ ...vpc, id: vpc.id }, v6, facts, findings);
    const given = v6.egressOnlyInternetGatewayId;
    const eigw = given === EIGW_CREATE ? undefined : given;
    const egressOnlyGateway = given === EIGW_CREATE ? "create" : given !== undefined ? "given" : "none";
    const cidrBlock = a.block ? formatBlock(a.block) : undefined;
    return [
      { source: "existing", prefixLength: a.len, cidrBlock, egressOnlyInternetGatewayId: eigw, egressOnlyGateway },
      a,
    ];
  }
  if (v6.ipamPool) {
    const len = v6.ipamPool.netmaskLength ?? AMAZON_IPV6_PREFIX;
    const usable = IPAM_NETMASKS.includes(len);
    const path = "vpc.ipv6.ipamPool.netmaskLength";
    if (!usable) findings.push(finding("IPAM_NETMASK_INVALID", path, len, { netmasks: IPAM_NETMASKS.join(", ") }));
    return [
      { source: "ipam", prefixLength: len, ipamPoolId: v6.ipamPool.id, egressOnlyGateway: "create" },
      { len, fromIpam: true, usable, path },
    ];
  }
  if (v6.poolId !== undefined || v6.cidrBlock !== undefined) {
    const { block, usable: blockUsable } = configuredIpv6Block(v6, findings);
    const complete = v6.poolId !== undefined && v6.cidrBlock !== undefined;
    if (!complete) {
      const missing = v6.poolId === undefined ? "vpc.ipv6.poolId" : "vpc.ipv6.cidrBlock";
      findings.push(finding("BYOIP_POOL_INCOMPLETE", missing, undefined, { missing }));
    }
    const usable = blockUsable && complete;
    const len = block?.len ?? AMAZON_IPV6_PREFIX;
    const plan = {
      source: "byoip" as const,
      prefixLength: len,
      cidrBlock: block ? formatBlock(block) : undefined,
      poolId: v6.poolId,
      egressOnlyGateway: "create" as const,
    };
    return [plan, { len, block, fromIpam: false, usable, path: "vpc.ipv6.cidrBlock" }];
  }
  const amazon = { len: AMAZON_IPV6_PREFIX, fromIpam: false, usable: true, path: "vpc.ipv6" };
  return [{ source: "amazon", prefixLength: AMAZON_IPV6_PREFIX, egressOnlyGateway: "create" }, amazon];
}

export function planVpc(config: StackConfig, facts: Facts): VpcAddressing {
  const findings: Finding[] = [];
  const { vpc } = config;
  if (vpc.id !== undefined && facts.existingVpcError !== undefined) {
    // Parse, then look up: a VPC the provider cannot find is a finding at its key, not a provider error.
    findings.push(finding("EXISTING_VPC_NOT_FOUND", "vpc.id", vpc.id, { vpc: vpc.id, reason: facts.existingVpcError }));
  }
  const ipv4 = vpcIpv4(vpc, facts, findings);
  const plan: VpcPlan = {
    id: vpc.id,
    cidrBlock: vpc.cidrBlock,
    ...internetGateway(vpc, facts, findings),
    carrierGateway: false,
  };
  if (!vpc.ipv6) return { plan, ipv4, findings };
  findings.push(...ipv6ConfigFindings(vpc.ipv6, vpc.id !== undefined));
  const [ipv6Plan, ipv6] = planIpv6(vpc, vpc.ipv6, facts, findings);
  plan.ipv6 = ipv6Plan;
  return { plan, ipv4, ipv6, findings };
}
