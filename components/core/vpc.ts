/**
 * The VPC's address sources: its IPv4 block and where its IPv6 block comes from (Amazon-provided /56,
 * bring-your-own EC2 pool, VPC IPAM pool, or an existing VPC), checked against AWS' rules.
 */
import { error, type Finding } from "./findings";
import { formatBlock, parseCidr, type Block } from "./ip";
import type { StackConfig } from "./schema";
import type { Facts, VpcPlan } from "./types";

/** Prefix lengths AWS accepts for a VPC IPv6 block taken from IPAM: /44 to /60 in steps of 4. */
export const IPAM_NETMASKS = [44, 48, 52, 56, 60];
const AMAZON_IPV6_PREFIX = 56;

export interface VpcAddressing {
  plan: VpcPlan;
  /** VPC IPv4 block (undefined only when the configured one is malformed). */
  ipv4?: Block;
  /** VPC IPv6 prefix length and, when known before deployment, the block. */
  ipv6?: { len: number; block?: Block; fromIpam: boolean };
  findings: Finding[];
}

export function cidrFinding(path: string, value: unknown, reason: string, suggestion?: string): Finding {
  return suggestion
    ? error("CIDR_NOT_CANONICAL", path, value, reason, `did you mean ${suggestion}?`)
    : error("CIDR_MALFORMED", path, value, reason, "write a CIDR such as 10.0.0.0/16 (IPv4) or 2001:db8::/56 (IPv6)");
}

export function planVpc(config: StackConfig, facts: Facts): VpcAddressing {
  const findings: Finding[] = [];
  const { vpc } = config;
  const existing = vpc.id !== undefined;

  let ipv4: Block | undefined;
  const p4 = parseCidr(vpc.cidrBlock, "ipv4");
  if (!p4.ok) findings.push(cidrFinding("vpc.cidrBlock", vpc.cidrBlock, p4.reason, p4.suggestion));
  else if (p4.block.len < 16 || p4.block.len > 28) {
    // AWS: a VPC IPv4 block is between /16 and /28.
    findings.push(error("VPC_CIDR_SIZE", "vpc.cidrBlock", vpc.cidrBlock, "AWS allows VPC IPv4 blocks from /16 to /28", "use a prefix length between 16 and 28, e.g. 10.0.0.0/16"));
  } else ipv4 = p4.block;

  if (existing && facts.existingVpc && ipv4 && facts.existingVpc.cidrBlock !== formatBlock(ipv4)) {
    findings.push(error("EXISTING_VPC_MISMATCH", "vpc.cidrBlock", vpc.cidrBlock, `VPC ${vpc.id} has IPv4 block ${facts.existingVpc.cidrBlock}`, `set vpc.cidrBlock to ${facts.existingVpc.cidrBlock}`));
  }
  if (!existing && vpc.internetGatewayId !== undefined) {
    findings.push(error("GATEWAY_REUSE_NEEDS_VPC_ID", "vpc.internetGatewayId", vpc.internetGatewayId, "an existing internet gateway can only be reused with an existing VPC", "remove vpc.internetGatewayId, or set vpc.id to the VPC it is attached to"));
  }

  const plan: VpcPlan = { id: vpc.id, cidrBlock: vpc.cidrBlock, internetGatewayId: vpc.internetGatewayId };
  const v6 = vpc.ipv6;
  if (!v6) return { plan, ipv4, findings };

  if (!existing && v6.egressOnlyInternetGatewayId !== undefined) {
    findings.push(error("GATEWAY_REUSE_NEEDS_VPC_ID", "vpc.ipv6.egressOnlyInternetGatewayId", v6.egressOnlyInternetGatewayId, "an existing egress-only internet gateway can only be reused with an existing VPC", "remove it, or set vpc.id to the VPC it is attached to"));
  }
  if (v6.ipamPool && v6.poolId !== undefined) {
    findings.push(error("IPV6_SOURCE_CONFLICT", "vpc.ipv6.poolId", v6.poolId, "poolId (bring-your-own EC2 pool) and ipamPool are two different IPv6 sources", "keep one of vpc.ipv6.poolId and vpc.ipv6.ipamPool"));
  }
  if (v6.ipamPool && v6.cidrBlock !== undefined) {
    findings.push(error("IPV6_SOURCE_CONFLICT", "vpc.ipv6.cidrBlock", v6.cidrBlock, "with ipamPool the block is allocated by IPAM and cannot be named", "remove vpc.ipv6.cidrBlock (set vpc.ipv6.ipamPool.netmaskLength for its size)"));
  }

  let block: Block | undefined;
  if (v6.cidrBlock !== undefined) {
    const p6 = parseCidr(v6.cidrBlock, "ipv6");
    if (!p6.ok) findings.push(cidrFinding("vpc.ipv6.cidrBlock", v6.cidrBlock, p6.reason, p6.suggestion));
    else if (p6.block.len < 44 || p6.block.len > 60) {
      findings.push(error("VPC_IPV6_CIDR_SIZE", "vpc.ipv6.cidrBlock", v6.cidrBlock, "a VPC IPv6 block is between /44 and /60", "use the VPC's real block, usually a /56"));
    } else block = p6.block;
  }

  if (existing) {
    if (v6.poolId !== undefined || v6.ipamPool) {
      findings.push(error("IPV6_SOURCE_CONFLICT", v6.poolId !== undefined ? "vpc.ipv6.poolId" : "vpc.ipv6.ipamPool", v6.poolId ?? v6.ipamPool, "an existing VPC (vpc.id) keeps the IPv6 block it has; no pool is allocated from", "remove the pool and set vpc.ipv6.cidrBlock to the VPC's IPv6 block"));
    }
    const found = facts.existingVpc?.ipv6CidrBlock;
    if (block && found && formatBlock(block) !== found) {
      findings.push(error("EXISTING_VPC_MISMATCH", "vpc.ipv6.cidrBlock", v6.cidrBlock, `VPC ${vpc.id} has IPv6 block ${found}`, `set vpc.ipv6.cidrBlock to ${found}`));
    }
    if (!block && found) {
      const p = parseCidr(found, "ipv6");
      if (p.ok) block = p.block;
    }
    if (!block && v6.cidrBlock === undefined) {
      findings.push(error("EXISTING_VPC_NO_IPV6", "vpc.ipv6.cidrBlock", undefined, `IPv6 is asked for, but VPC ${vpc.id} has no IPv6 block${facts.existingVpc ? "" : " that could be looked up"}`, "associate an IPv6 block with the VPC and set vpc.ipv6.cidrBlock to it, or remove vpc.ipv6 for an IPv4-only network"));
    }
    plan.ipv6 = { source: "existing", prefixLength: block?.len ?? AMAZON_IPV6_PREFIX, cidrBlock: block ? formatBlock(block) : undefined, egressOnlyInternetGatewayId: v6.egressOnlyInternetGatewayId };
    return { plan, ipv4, ipv6: { len: plan.ipv6.prefixLength, block, fromIpam: false }, findings };
  }

  if (v6.ipamPool) {
    const len = v6.ipamPool.netmaskLength ?? AMAZON_IPV6_PREFIX;
    if (!IPAM_NETMASKS.includes(len)) {
      findings.push(error("IPAM_NETMASK_INVALID", "vpc.ipv6.ipamPool.netmaskLength", len, "AWS allows IPAM VPC IPv6 blocks of /44 to /60 in steps of 4", `use one of ${IPAM_NETMASKS.join(", ")} (default 56)`));
    }
    plan.ipv6 = { source: "ipam", prefixLength: len, ipamPoolId: v6.ipamPool.id };
    return { plan, ipv4, ipv6: { len, fromIpam: true }, findings };
  }

  if (v6.poolId !== undefined || v6.cidrBlock !== undefined) {
    if (v6.poolId === undefined || v6.cidrBlock === undefined) {
      const missing = v6.poolId === undefined ? "vpc.ipv6.poolId" : "vpc.ipv6.cidrBlock";
      findings.push(error("BYOIP_POOL_INCOMPLETE", missing, undefined, "a bring-your-own IPv6 pool needs both poolId and cidrBlock", `set ${missing} (the pool id and the /56 to take from it), or remove vpc.ipv6.poolId and vpc.ipv6.cidrBlock for an Amazon-provided block`));
    }
    plan.ipv6 = { source: "byoip", prefixLength: block?.len ?? AMAZON_IPV6_PREFIX, cidrBlock: block ? formatBlock(block) : undefined, poolId: v6.poolId };
    return { plan, ipv4, ipv6: { len: plan.ipv6.prefixLength, block, fromIpam: false }, findings };
  }

  plan.ipv6 = { source: "amazon", prefixLength: AMAZON_IPV6_PREFIX };
  return { plan, ipv4, ipv6: { len: AMAZON_IPV6_PREFIX, fromIpam: false }, findings };
}
