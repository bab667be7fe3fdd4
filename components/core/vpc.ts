/**
 * The VPC's address sources: its IPv4 block and where its IPv6 block comes from (Amazon-provided /56,
 * bring-your-own EC2 pool, VPC IPAM pool, or an existing VPC), checked against AWS' rules.
 */
import { error, type Finding } from "./findings";
import { formatBlock, parseCidr, type Block } from "./ip";
import type { StackConfig } from "./schema";
import type { Facts, VpcPlan } from "./types";

/** Prefix lengths AWS accepts for a VPC IPv6 block taken from IPAM: /44 to /60 in steps of 4. */
/** `vpc.ipv6.egressOnlyInternetGatewayId: create`: an existing VPC without one gets a new egress-only gateway. */
export const EIGW_CREATE = "create";

export const IPAM_NETMASKS = [44, 48, 52, 56, 60];
const AMAZON_IPV6_PREFIX = 56;
/** AWS: a VPC IPv6 block is between /44 and /60 (VPC User Guide, "VPC CIDR blocks", IPv6 VPC CIDR blocks). */
const VPC_IPV6_MIN = 44;
const VPC_IPV6_MAX = 60;
const validVpcIpv6Length = (len: number) => len >= VPC_IPV6_MIN && len <= VPC_IPV6_MAX;

export interface VpcAddressing {
  plan: VpcPlan;
  /** VPC IPv4 block (undefined only when the configured one is malformed). */
  ipv4?: Block;
  /**
   * VPC IPv6 prefix length and, when known before deployment, the block. `usable: false` when the
   * configured (or looked-up) block or size was refused: subnets then get no IPv6 block computed from it,
   * so a refused value never reaches the arithmetic (a /64 VPC block would leave no bits for subnets).
   */
  ipv6?: { len: number; block?: Block; fromIpam: boolean; usable: boolean; path: string };
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
    findings.push(
      error(
        "VPC_CIDR_SIZE",
        "vpc.cidrBlock",
        vpc.cidrBlock,
        "AWS allows VPC IPv4 blocks from /16 to /28",
        "use a prefix length between 16 and 28, e.g. 10.0.0.0/16",
      ),
    );
  } else ipv4 = p4.block;

  if (existing && facts.existingVpc && ipv4 && facts.existingVpc.cidrBlock !== formatBlock(ipv4)) {
    findings.push(
      error(
        "EXISTING_VPC_MISMATCH",
        "vpc.cidrBlock",
        vpc.cidrBlock,
        `VPC ${vpc.id} has IPv4 block ${facts.existingVpc.cidrBlock}`,
        `set vpc.cidrBlock to ${facts.existingVpc.cidrBlock}`,
      ),
    );
  }
  if (!existing && vpc.internetGatewayId !== undefined) {
    findings.push(
      error(
        "GATEWAY_REUSE_NEEDS_VPC_ID",
        "vpc.internetGatewayId",
        vpc.internetGatewayId,
        "an existing internet gateway can only be reused with an existing VPC",
        "remove vpc.internetGatewayId, or set vpc.id to the VPC it is attached to",
      ),
    );
  }

  const plan: VpcPlan = {
    id: vpc.id,
    cidrBlock: vpc.cidrBlock,
    internetGatewayId: vpc.internetGatewayId,
    internetGateway: vpc.internetGatewayId !== undefined ? "given" : "create",
    carrierGateway: false,
  };
  if (existing && vpc.internetGatewayId === undefined) {
    // AWS attaches at most one internet gateway to a VPC (EC2 User Guide, "Internet gateways": "You can
    // attach only one internet gateway to a VPC"; AttachInternetGateway fails with Resource.AlreadyAssociated):
    // creating one for a VPC that has one fails at deploy time. The program looks the attached one up
    // (aws.ec2.getInternetGateway, filter attachment.vpc-id); offline nothing can be asked, so the plan says so.
    const attached = facts.existingVpc?.internetGatewayId;
    if (typeof attached === "string") Object.assign(plan, { internetGatewayId: attached, internetGateway: "attached" });
    else if (attached === null) plan.internetGateway = "create";
    else plan.internetGateway = "lookup";
  } else if (
    existing &&
    facts.existingVpc?.internetGatewayId !== undefined &&
    facts.existingVpc.internetGatewayId !== vpc.internetGatewayId
  ) {
    const found = facts.existingVpc.internetGatewayId;
    findings.push(
      error(
        "EXISTING_VPC_MISMATCH",
        "vpc.internetGatewayId",
        vpc.internetGatewayId,
        found
          ? `VPC ${vpc.id} has internet gateway ${found} attached`
          : `VPC ${vpc.id} has no internet gateway attached`,
        found
          ? `set vpc.internetGatewayId to ${found}`
          : "remove vpc.internetGatewayId: the VPC gets a new internet gateway",
      ),
    );
  }
  const v6 = vpc.ipv6;
  if (!v6) return { plan, ipv4, findings };

  if (!existing && v6.egressOnlyInternetGatewayId !== undefined) {
    findings.push(
      error(
        "GATEWAY_REUSE_NEEDS_VPC_ID",
        "vpc.ipv6.egressOnlyInternetGatewayId",
        v6.egressOnlyInternetGatewayId,
        "an existing egress-only internet gateway can only be reused with an existing VPC",
        "remove it, or set vpc.id to the VPC it is attached to",
      ),
    );
  }
  if (v6.ipamPool && v6.poolId !== undefined) {
    findings.push(
      error(
        "IPV6_SOURCE_CONFLICT",
        "vpc.ipv6.poolId",
        v6.poolId,
        "poolId (bring-your-own EC2 pool) and ipamPool are two different IPv6 sources",
        "keep one of vpc.ipv6.poolId and vpc.ipv6.ipamPool",
      ),
    );
  }
  if (v6.ipamPool && v6.cidrBlock !== undefined) {
    findings.push(
      error(
        "IPV6_SOURCE_CONFLICT",
        "vpc.ipv6.cidrBlock",
        v6.cidrBlock,
        "with ipamPool the block is allocated by IPAM and cannot be named",
        "remove vpc.ipv6.cidrBlock (set vpc.ipv6.ipamPool.netmaskLength for its size)",
      ),
    );
  }

  let block: Block | undefined;
  /** False once the configured block was refused: nothing is computed from it. */
  let usable = true;
  if (v6.cidrBlock !== undefined) {
    const p6 = parseCidr(v6.cidrBlock, "ipv6");
    if (!p6.ok) {
      usable = false;
      findings.push(cidrFinding("vpc.ipv6.cidrBlock", v6.cidrBlock, p6.reason, p6.suggestion));
    } else if (!validVpcIpv6Length(p6.block.len)) {
      usable = false;
      findings.push(
        error(
          "VPC_IPV6_CIDR_SIZE",
          "vpc.ipv6.cidrBlock",
          v6.cidrBlock,
          `a VPC IPv6 block is between /${VPC_IPV6_MIN} and /${VPC_IPV6_MAX}, not /${p6.block.len}`,
          "use the VPC's real block, usually a /56",
        ),
      );
    } else block = p6.block;
  }

  if (existing) {
    if (v6.poolId !== undefined || v6.ipamPool) {
      findings.push(
        error(
          "IPV6_SOURCE_CONFLICT",
          v6.poolId !== undefined ? "vpc.ipv6.poolId" : "vpc.ipv6.ipamPool",
          v6.poolId ?? v6.ipamPool,
          "an existing VPC (vpc.id) keeps the IPv6 block it has; no pool is allocated from",
          "remove the pool and set vpc.ipv6.cidrBlock to the VPC's IPv6 block",
        ),
      );
    }
    const found = facts.existingVpc?.ipv6CidrBlock;
    let path = "vpc.ipv6.cidrBlock";
    if (block && found && formatBlock(block) !== found) {
      findings.push(
        error(
          "EXISTING_VPC_MISMATCH",
          "vpc.ipv6.cidrBlock",
          v6.cidrBlock,
          `VPC ${vpc.id} has IPv6 block ${found}`,
          `set vpc.ipv6.cidrBlock to ${found}`,
        ),
      );
    }
    if (!block && usable && found) {
      // The looked-up block passes the same checks as a configured one before anything is placed in it.
      const p = parseCidr(found, "ipv6");
      if (p.ok && validVpcIpv6Length(p.block.len)) {
        block = p.block;
        path = "vpc.id";
      } else {
        usable = false;
        findings.push(
          error(
            "VPC_IPV6_CIDR_SIZE",
            "vpc.id",
            vpc.id,
            `VPC ${vpc.id} has IPv6 block ${found}; a VPC IPv6 block is between /${VPC_IPV6_MIN} and /${VPC_IPV6_MAX}`,
            "use a VPC whose IPv6 block is a /44 to /60 (usually a /56), or remove vpc.ipv6",
          ),
        );
      }
    }
    if (!block && usable && v6.cidrBlock === undefined) {
      usable = false;
      findings.push(
        error(
          "EXISTING_VPC_NO_IPV6",
          "vpc.ipv6.cidrBlock",
          undefined,
          `IPv6 is asked for, but VPC ${vpc.id} has no IPv6 block${facts.existingVpc ? "" : " that could be looked up"}`,
          "associate an IPv6 block with the VPC and set vpc.ipv6.cidrBlock to it, or remove vpc.ipv6 for an IPv4-only network",
        ),
      );
    }
    plan.ipv6 = {
      source: "existing",
      prefixLength: block?.len ?? AMAZON_IPV6_PREFIX,
      cidrBlock: block ? formatBlock(block) : undefined,
      egressOnlyInternetGatewayId:
        v6.egressOnlyInternetGatewayId === EIGW_CREATE ? undefined : v6.egressOnlyInternetGatewayId,
    };
    return { plan, ipv4, ipv6: { len: plan.ipv6.prefixLength, block, fromIpam: false, usable, path }, findings };
  }

  if (v6.ipamPool) {
    const len = v6.ipamPool.netmaskLength ?? AMAZON_IPV6_PREFIX;
    const valid = IPAM_NETMASKS.includes(len);
    if (!valid) {
      findings.push(
        error(
          "IPAM_NETMASK_INVALID",
          "vpc.ipv6.ipamPool.netmaskLength",
          len,
          "AWS allows IPAM VPC IPv6 blocks of /44 to /60 in steps of 4",
          `use one of ${IPAM_NETMASKS.join(", ")} (default 56)`,
        ),
      );
    }
    plan.ipv6 = { source: "ipam", prefixLength: len, ipamPoolId: v6.ipamPool.id };
    return {
      plan,
      ipv4,
      ipv6: { len, fromIpam: true, usable: valid, path: "vpc.ipv6.ipamPool.netmaskLength" },
      findings,
    };
  }

  if (v6.poolId !== undefined || v6.cidrBlock !== undefined) {
    if (v6.poolId === undefined || v6.cidrBlock === undefined) {
      usable = false;
      const missing = v6.poolId === undefined ? "vpc.ipv6.poolId" : "vpc.ipv6.cidrBlock";
      findings.push(
        error(
          "BYOIP_POOL_INCOMPLETE",
          missing,
          undefined,
          "a bring-your-own IPv6 pool needs both poolId and cidrBlock",
          `set ${missing} (the pool id and the /56 to take from it), or remove vpc.ipv6.poolId and vpc.ipv6.cidrBlock for an Amazon-provided block`,
        ),
      );
    }
    plan.ipv6 = {
      source: "byoip",
      prefixLength: block?.len ?? AMAZON_IPV6_PREFIX,
      cidrBlock: block ? formatBlock(block) : undefined,
      poolId: v6.poolId,
    };
    return {
      plan,
      ipv4,
      ipv6: { len: plan.ipv6.prefixLength, block, fromIpam: false, usable, path: "vpc.ipv6.cidrBlock" },
      findings,
    };
  }

  plan.ipv6 = { source: "amazon", prefixLength: AMAZON_IPV6_PREFIX };
  return { plan, ipv4, ipv6: { len: AMAZON_IPV6_PREFIX, fromIpam: false, usable, path: "vpc.ipv6" }, findings };
}
