/**
 * The API-server network load balancer: its subnets, IP address type and target IP type, with only the
 * combinations that work (Cluster API AWS' table of IPv6 load balancers, and the ELB API's own limits).
 */
import { at, finding, type Finding } from "../findings";
import type { SubnetType } from "../enums";
import { firstPerZone, namedSubnets } from "./default-subnets";
import type { ApiLoadBalancerPlan, EdgeInput, EdgeSubnet, LbIpAddressType } from "./types";

const LB_IP_TYPES: readonly LbIpAddressType[] = ["ipv4", "dualstack"];
const IP_TYPE_PATH = "apiLoadBalancer.ipAddressType";
const TG_PATH = "apiLoadBalancer.targetGroupIpType";

type LbConfig = NonNullable<EdgeInput["config"]["apiLoadBalancer"]>;
type Scheme = ApiLoadBalancerPlan["scheme"];

/** The load balancer's subnets: configured, else one per zone (AWS allows no more) of a kind that can hold it. */
function lbSubnets(input: EdgeInput, lb: LbConfig, scheme: Scheme, findings: Finding[]): EdgeSubnet[] {
  if (lb.subnets) return namedSubnets(input, lb.subnets, ["apiLoadBalancer", "subnets"], "LB_UNKNOWN_SUBNET", findings);
  // Public kinds for internet-facing, the private kinds with IPv4 (an NLB needs an IPv4 address per subnet)
  // for internal. The default layout lists Utility first, so kOps' preference for Utility subnets holds there.
  const kinds: SubnetType[] = scheme === "internet-facing" ? ["Utility", "Public"] : ["DualStack", "PrivateIPv4"];
  const subnets = firstPerZone(input, kinds, "LB_SUBNET_BY_ORDER", findings);
  if (subnets.length === 0) findings.push(finding("LB_NO_SUBNETS", "apiLoadBalancer.subnets", undefined, { scheme }));
  return subnets;
}

/** Subnets that cannot hold it: IPv6-only ones, private ones when internet-facing, two in one zone. */
function subnetFindings(subnets: readonly EdgeSubnet[], scheme: Scheme, pathOf: (s: EdgeSubnet) => string): Finding[] {
  const out: Finding[] = [];
  // Cluster API AWS: "Load Balancers cannot use IPv6-only subnets" (an NLB needs an IPv4 address in each).
  for (const s of subnets) {
    if (s.ipv6Only) out.push(finding("LB_ON_IPV6_ONLY_SUBNET", pathOf(s), s.name, { subnet: s.name }));
    if (scheme === "internet-facing" && !s.public) {
      out.push(finding("LB_INTERNET_FACING_PRIVATE_SUBNET", pathOf(s), s.name, { subnet: s.name, type: s.type }));
    }
  }
  // AWS: a load balancer takes at most one subnet per Availability Zone.
  const zones = new Map<string, string>();
  for (const s of subnets) {
    const other = zones.get(s.zone);
    if (other) out.push(finding("LB_TWO_SUBNETS_ONE_ZONE", pathOf(s), s.name, { subnet: s.name, other, zone: s.zone }));
    zones.set(s.zone, s.name);
  }
  return out;
}

/** The IP address type: configured, else dual-stack wherever every one of its subnets has IPv6. */
function ipAddressType(
  lb: LbConfig,
  subnets: readonly EdgeSubnet[],
  vpcIpv6: boolean,
  findings: Finding[],
): LbIpAddressType {
  const fallback: LbIpAddressType = vpcIpv6 && subnets.every((s) => s.hasIpv6) ? "dualstack" : "ipv4";
  const given = lb.ipAddressType;
  if (given === undefined) return fallback;
  // Cluster API AWS: "ipv6 is not a valid load balancer IP type".
  if (given === "ipv6") findings.push(finding("LB_IP_TYPE_IPV6", IP_TYPE_PATH, "ipv6"));
  // ELBv2 CreateLoadBalancer: Network Load Balancers take ipv4 or dualstack only. The API server needs a
  // network load balancer: TCP passthrough, since kube-apiserver terminates TLS and checks client certificates.
  else if (given === "dualstack-without-public-ipv4")
    findings.push(finding("LB_WITHOUT_PUBLIC_IPV4_NOT_NLB", IP_TYPE_PATH, given));
  else if (!(LB_IP_TYPES as readonly string[]).includes(given)) {
    findings.push(finding("LB_IP_TYPE_UNKNOWN", IP_TYPE_PATH, given, { types: LB_IP_TYPES.join(", ") }));
  } else return given as LbIpAddressType;
  return fallback;
}

/** The target IP type: configured, else IPv6 when the control plane has IPv6 and the load balancer can reach it. */
function targetGroupIpType(
  lb: LbConfig,
  type: LbIpAddressType,
  cp: readonly EdgeSubnet[],
  vpcIpv6: boolean,
  findings: Finding[],
  migrated = false,
) {
  const cpHasIpv6 = cp.length > 0 && cp.every((s) => s.hasIpv6);
  // A target group's IP type cannot change in place (TPA target_group.go: ForceNew): a VPC moved from IPv4
  // keeps its IPv4 targets unless IPv6 ones are asked for.
  let target: "ipv4" | "ipv6" = vpcIpv6 && !migrated && cpHasIpv6 && type !== "ipv4" ? "ipv6" : "ipv4";
  const given = lb.targetGroupIpType;
  if (given !== undefined && given !== "ipv4" && given !== "ipv6")
    findings.push(finding("LB_TARGET_IP_TYPE_UNKNOWN", TG_PATH, given));
  else if (given !== undefined) target = given;
  if (target === "ipv6") {
    // Cluster API AWS: "Cannot use IPv6 targets when control plane has no IPv6 addresses".
    if (!vpcIpv6 || !cpHasIpv6) {
      const names =
        cp
          .filter((s) => !s.hasIpv6)
          .map((s) => s.name)
          .join(", ") || "no control-plane subnets";
      const without = `${names} ${cp.length ? "have no IPv6 block" : ""}`.trim();
      findings.push(finding("LB_IPV6_TARGETS_WITHOUT_IPV6", TG_PATH, "ipv6", { vpcIpv6, without }));
    }
    // AWS: IPv6 target groups can only be used by dualstack load balancers.
    if (type === "ipv4") findings.push(finding("LB_IPV6_TARGETS_NEED_DUALSTACK", TG_PATH, "ipv6"));
  } else if (cp.length > 0 && cp.every((s) => s.ipv6Only)) {
    findings.push(
      finding("LB_IPV4_TARGETS_ON_IPV6_ONLY", TG_PATH, "ipv4", { subnets: cp.map((s) => s.name).join(", ") }),
    );
  }
  return target;
}

/** The load balancer plan, or undefined without `apiLoadBalancer` or when any of its checks failed. */
export function planLoadBalancer(
  input: EdgeInput,
  cp: readonly EdgeSubnet[],
  findings: Finding[],
): ApiLoadBalancerPlan | undefined {
  const lb = input.config.apiLoadBalancer;
  if (!lb) return undefined;
  const scheme = lb.scheme;
  const own: Finding[] = [];
  const subnets = lbSubnets(input, lb, scheme, own);
  // Findings about one subnet point at its entry (apiLoadBalancer.subnets[i]), or at the key when defaulted.
  const pathOf = (s: EdgeSubnet) =>
    lb.subnets ? at("apiLoadBalancer", "subnets", lb.subnets.indexOf(s.name)) : "apiLoadBalancer.subnets";
  // Nothing else can be judged without subnets (and would only repeat the same problem).
  if (subnets.length > 0) {
    own.push(...subnetFindings(subnets, scheme, pathOf));
    const vpcIpv6 = input.vpc.ipv6 !== undefined;
    const type = ipAddressType(lb, subnets, vpcIpv6, own);
    // A dual-stack load balancer needs an IPv6 block in every one of its subnets.
    for (const s of type === "dualstack" ? subnets.filter((x) => !x.hasIpv6) : []) {
      const p = { subnet: s.name, type, vpcIpv6 };
      own.push(
        finding(
          "LB_DUALSTACK_WITHOUT_IPV6",
          lb.ipAddressType ? IP_TYPE_PATH : pathOf(s),
          lb.ipAddressType ?? s.name,
          p,
        ),
      );
    }
    const migrated = input.config.vpc.ipv6?.migratedFromIpv4 === true;
    const target = targetGroupIpType(lb, type, cp, vpcIpv6, own, migrated);
    if (!own.some((f) => f.severity === "error")) {
      findings.push(...own);
      const names = subnets.map((s) => s.name);
      return {
        scheme,
        ipAddressType: type,
        targetGroupIpType: target,
        targetType: lb.targetType,
        preserveClientIp: false,
        subnets: names,
        port: 6443,
      };
    }
  }
  findings.push(...own);
  return undefined;
}
