/**
 * Shared inputs for the pure-core tests (tests/core-*.test.ts): the facts the planner is given, one VPC
 * of each IPv6 source, and helpers that return a plan or the findings of a refused config.
 */
import { strict as assert } from "node:assert";
import type { Finding } from "../../components/core/findings";
import { planNetwork } from "../../components/core/plan";
import type { Facts } from "../../components/core/types";
import type { NetworkPlan } from "../../components/core/network-plan";

export type Raw = Record<string, unknown>;

export const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
export const FACTS: Facts = { region: "us-east-1", standardZones: ZONES };

export const VPC_IPV4_ONLY = { cidrBlock: "10.0.0.0/16" };
/** Amazon-provided /56: the block is only known after deployment. */
export const VPC_AMAZON = { cidrBlock: "10.0.0.0/16", ipv6: {} };
/** Bring-your-own pool: the block is known, so subnet blocks are real CIDRs in the plan. */
export const VPC_BYOIP = {
  cidrBlock: "10.0.0.0/16",
  ipv6: { poolId: "ipv6pool-ec2-0123456789abcdef0", cidrBlock: "2001:db8::/56" },
};
export function vpcIpam(netmaskLength?: number): Raw {
  return {
    cidrBlock: "10.0.0.0/16",
    ipv6: {
      ipamPool: { id: "ipam-pool-0123456789abcdef0", ...(netmaskLength === undefined ? {} : { netmaskLength }) },
    },
  };
}
export const EXISTING_VPC_ID = "vpc-0123456789abcdef0";
export const VPC_EXISTING = {
  id: EXISTING_VPC_ID,
  cidrBlock: "10.50.0.0/16",
  ipv6: { cidrBlock: "2001:db8:5000::/56", egressOnlyInternetGatewayId: "eigw-0123456789abcdef0" },
};
export const FACTS_EXISTING: Facts = {
  ...FACTS,
  existingVpc: { id: EXISTING_VPC_ID, cidrBlock: "10.50.0.0/16", ipv6CidrBlock: "2001:db8:5000::/56" },
};

export const DUAL_STACK_K8S = {
  podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"],
  serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"],
};

/** The IAM role given cluster-admin in the EKS fixtures. */
export const EKS_ADMIN = "arn:aws:iam::123456789012:role/admin";
/** An instance type AWS describes as Nitro-based with IPv6 (as the program looks it up). */
export const NITRO_IPV6 = { status: "ok", ipv6Supported: true, hypervisor: "nitro" } as const;
/** The facts of an EKS stack whose default node type (m6i.large) was looked up: no "not checked" warning. */
export const FACTS_EKS: Facts = { ...FACTS, instanceTypes: { "m6i.large": NITRO_IPV6 } };

/**
 * A valid EKS config: `kubernetes.eks` with an admin principal plus `eks`, on an Amazon-provided /56 in
 * us-east-1a and us-east-1b (the EKS default layout); `extra` replaces or adds top-level keys.
 */
export function eksConfig(eks: Raw = {}, extra: Raw = {}): Raw {
  return {
    vpc: VPC_AMAZON,
    zones: ["us-east-1a", "us-east-1b"],
    kubernetes: { eks: { adminPrincipalArn: EKS_ADMIN, ...eks } },
    ...extra,
  };
}

/** A subnet entry: `sn("Utility", "us-east-1a")` is `{ name: "utility-us-east-1a", zone, type }`. */
export function sn(type: string, zone: string, extra: Raw = {}): Raw {
  const prefix: Record<string, string> = {
    Utility: "utility",
    Public: "public",
    DualStack: "dualstack",
    Private: "private",
    PrivateIPv4: "privateipv4",
  };
  return { name: `${prefix[type] ?? type.toLowerCase()}-${zone}`, zone, type, ...extra };
}

export function planOk(raw: Raw, facts: Facts = FACTS): NetworkPlan {
  const r = planNetwork(raw, facts);
  if (!r.ok)
    assert.fail(
      `expected a valid plan, got:\n${r.findings.map((f) => `  ${f.code} ${f.path}: ${f.message}`).join("\n")}`,
    );
  return r.plan;
}

/** Error findings of a config that must be refused. */
export function refused(raw: Raw, facts: Facts = FACTS): Finding[] {
  const r = planNetwork(raw, facts);
  assert.equal(r.ok, false, "expected the config to be refused");
  return r.findings.filter((f) => f.severity === "error");
}

export function subnetOf(plan: NetworkPlan, name: string) {
  const s = plan.subnets.find((x) => x.name === name);
  assert.ok(s, `no subnet ${name} in the plan`);
  return s;
}
