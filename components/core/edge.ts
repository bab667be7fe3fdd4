/**
 * The cluster edge, as plain data: security-group rules, the API-server load balancer (only the IP-type
 * combinations that work, after Cluster API AWS' table), and the prerequisite checks on instance types
 * and zones. Pure: the facts the checks need are looked up by the program (components/program/facts.ts).
 */
import { cniTraffic, podAddressesBetweenNodes, type AddonsPlan } from "./addons";
import { at, error, warning, type Finding } from "./findings";
import type { StackConfig, SubnetType } from "./schema";
import type { Facts, KubernetesPlan, VpcPlan } from "./types";

/** What the edge checks need to know about a subnet. */
export interface EdgeSubnet {
  name: string;
  zone: string;
  type: SubnetType;
  hasIpv4: boolean;
  hasIpv6: boolean;
  ipv6Only: boolean;
  public: boolean;
  /** Adopted by id (not created here). */
  adopted: boolean;
  /** Config path for findings. */
  path: string;
}

export type SecurityGroupName = "nodes" | "control-plane" | "api-lb";

/** Where a rule's traffic comes from (ingress) or goes to (egress). */
export type RulePeer =
  | { kind: "self" }
  | { kind: "group"; group: SecurityGroupName }
  | { kind: "cidr"; cidr: string }
  /** The VPC's IPv6 block, resolved at deployment when AWS assigns it. */
  | { kind: "vpcIpv6" };

export interface SecurityGroupRule {
  description: string;
  /** `-1` = all protocols. ICMP rules carry the type in fromPort and the code (or -1) in toPort, as AWS does. */
  protocol: "-1" | "tcp" | "udp" | "icmp" | "icmpv6";
  fromPort: number;
  toPort: number;
  /** Address family the rule admits: both for group references, which match members' addresses of either. */
  family: "ipv4" | "ipv6" | "both";
  peers: RulePeer[];
}

export interface SecurityGroupPlan {
  name: SecurityGroupName;
  description: string;
  /** Which machines carry it. */
  attachTo: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

/** The IP address types of a network load balancer (AWS: `dualstack-without-public-ipv4` is for Application Load Balancers only). */
export type LbIpAddressType = "ipv4" | "dualstack";

export interface ApiLoadBalancerPlan {
  scheme: "internet-facing" | "internal";
  ipAddressType: LbIpAddressType;
  targetGroupIpType: "ipv4" | "ipv6";
  targetType: "ip" | "instance";
  /** Subnet names, one per zone. */
  subnets: string[];
  port: 6443;
}

export interface PrerequisiteCheck {
  what: string;
  status: "ok" | "failed" | "not checked";
  detail: string;
}

export interface EdgePlan {
  securityGroups: SecurityGroupPlan[];
  apiLoadBalancer?: ApiLoadBalancerPlan;
  /** Subnets the control-plane machines run in (targets of the load balancer). */
  controlPlaneSubnets: string[];
  prerequisites: PrerequisiteCheck[];
}

const LB_IP_TYPES: readonly LbIpAddressType[] = ["ipv4", "dualstack"];
const LINK_LOCAL_V6 = "fe80::/10";
/** ICMPv6 neighbour discovery (RFC 4861): router solicitation/advertisement, neighbour solicitation/advertisement, redirect. */
const NEIGHBOUR_DISCOVERY: readonly [number, string][] = [[133, "router solicitation"], [134, "router advertisement"], [135, "neighbour solicitation"], [136, "neighbour advertisement"], [137, "redirect"]];

export interface EdgeInput {
  config: StackConfig;
  vpc: VpcPlan;
  subnets: readonly EdgeSubnet[];
  kubernetes: KubernetesPlan;
  addons: AddonsPlan;
  facts: Facts;
}

const PRIVATE_KINDS: readonly SubnetType[] = ["DualStack", "Private", "PrivateIPv4"];

/**
 * One subnet per zone, the first listed of the given kinds: appending a subnet never changes the choice
 * of a zone that had one. A warning (explicit subnets only) names the zones where the choice rests on list
 * order between several candidates, and what an insertion or reordering would move.
 */
function firstPerZone(input: EdgeInput, kinds: readonly SubnetType[], what: "API load balancer" | "control plane", pin: string, findings: Finding[]): EdgeSubnet[] {
  const chosen = new Map<string, EdgeSubnet>();
  const rivals = new Map<string, string[]>();
  for (const s of input.subnets) {
    if (!kinds.includes(s.type)) continue;
    if (!chosen.has(s.zone)) chosen.set(s.zone, s);
    else rivals.set(s.zone, [...(rivals.get(s.zone) ?? []), s.name]);
  }
  if (rivals.size && input.config.subnets) {
    const list = [...rivals].map(([z, r]) => `${chosen.get(z)!.name} in ${z} (listed before ${r.join(", ")})`).join("; ");
    findings.push(warning(what === "API load balancer" ? "LB_SUBNET_BY_ORDER" : "CONTROL_PLANE_SUBNET_BY_ORDER", pin, undefined,
      `the ${what} goes in the first-listed ${kinds.join(", ")} subnet of each zone: ${list}; inserting such a subnet before it, reordering, or changing its kind would move the ${what}${what === "API load balancer" ? " (removing a subnet from a load balancer replaces it)" : ""}`,
      `pin the subnets: ${pin}: [${[...chosen.values()].map((s) => s.name).join(", ")}]`));
  }
  return [...chosen.values()];
}

/** The control-plane subnets: configured, else per zone the first-listed DualStack, Private or PrivateIPv4 subnet. */
function controlPlaneSubnets(input: EdgeInput, findings: Finding[]): EdgeSubnet[] {
  const names = input.config.nodes?.controlPlaneSubnets;
  if (names) {
    const out: EdgeSubnet[] = [];
    names.forEach((n, i) => {
      const s = input.subnets.find((x) => x.name === n);
      if (!s) findings.push(error("NODES_UNKNOWN_SUBNET", at("nodes", "controlPlaneSubnets", i), n, `no subnet is named ${n}`, `use one of: ${input.subnets.map((x) => x.name).join(", ")}`));
      else out.push(s);
    });
    return out;
  }
  return firstPerZone(input, PRIVATE_KINDS, "control plane", "nodes.controlPlaneSubnets", findings);
}

function planLoadBalancer(input: EdgeInput, cp: EdgeSubnet[], findings: Finding[]): ApiLoadBalancerPlan | undefined {
  const lb = input.config.apiLoadBalancer;
  if (!lb) return undefined;
  const vpcIpv6 = input.vpc.ipv6 !== undefined;
  const scheme = lb.scheme ?? "internet-facing";
  const errorCount = () => findings.filter((f) => f.severity === "error").length;
  const errorsBefore = errorCount();

  // Subnets: configured, else the Utility subnets (internet-facing) or the DualStack/PrivateIPv4 ones (internal).
  let subnets: EdgeSubnet[] = [];
  if (lb.subnets) {
    lb.subnets.forEach((n, i) => {
      const s = input.subnets.find((x) => x.name === n);
      if (!s) findings.push(error("LB_UNKNOWN_SUBNET", at("apiLoadBalancer", "subnets", i), n, `no subnet is named ${n}`, `use one of: ${input.subnets.map((x) => x.name).join(", ")}`));
      else subnets.push(s);
    });
  } else {
    // One subnet per zone (AWS allows no more), the first listed of a kind that can hold it: public kinds
    // for internet-facing, the private kinds with IPv4 (an NLB needs an IPv4 address per subnet) for internal.
    // The default layout lists Utility first, so kOps' preference for Utility subnets holds there.
    const kinds: SubnetType[] = scheme === "internet-facing" ? ["Utility", "Public"] : ["DualStack", "PrivateIPv4"];
    subnets = firstPerZone(input, kinds, "API load balancer", "apiLoadBalancer.subnets", findings);
    if (subnets.length === 0) {
      findings.push(error("LB_NO_SUBNETS", "apiLoadBalancer.subnets", undefined,
        `no ${scheme === "internet-facing" ? "Utility or Public" : "DualStack or PrivateIPv4"} subnet exists for the ${scheme} load balancer`,
        "list the load balancer's subnets in apiLoadBalancer.subnets"));
    }
  }
  // Findings about one subnet point at its entry (apiLoadBalancer.subnets[i]), or at the key when defaulted.
  const subnetPath = (s: EdgeSubnet) => (lb.subnets ? at("apiLoadBalancer", "subnets", lb.subnets.indexOf(s.name)) : "apiLoadBalancer.subnets");
  // Nothing else can be judged without subnets (and would only repeat the same problem).
  if (subnets.length === 0) return undefined;

  // Cluster API AWS: "Load Balancers cannot use IPv6-only subnets" (an NLB needs an IPv4 address in each).
  for (const s of subnets) {
    if (s.ipv6Only) findings.push(error("LB_ON_IPV6_ONLY_SUBNET", subnetPath(s), s.name, `${s.name} is IPv6-only: AWS load balancers need an IPv4 address in every subnet they use`, "put the load balancer in Utility, Public or DualStack subnets"));
    if (scheme === "internet-facing" && !s.public) findings.push(error("LB_INTERNET_FACING_PRIVATE_SUBNET", subnetPath(s), s.name, `${s.name} is a ${s.type} subnet: an internet-facing load balancer needs subnets that route to the internet gateway`, "use Utility or Public subnets, or scheme: internal"));
  }
  // AWS: a load balancer takes at most one subnet per Availability Zone.
  const zones = new Map<string, string>();
  for (const s of subnets) {
    const other = zones.get(s.zone);
    if (other) findings.push(error("LB_TWO_SUBNETS_ONE_ZONE", subnetPath(s), s.name, `${s.name} and ${other} are both in ${s.zone}: a load balancer takes one subnet per zone`, `keep one subnet of ${s.zone}`));
    zones.set(s.zone, s.name);
  }

  // IP address type. Cluster API AWS: "ipv6 is not a valid load balancer IP type".
  // Default: dual-stack wherever every one of its subnets has IPv6.
  let ipAddressType: LbIpAddressType = vpcIpv6 && subnets.length > 0 && subnets.every((s) => s.hasIpv6) ? "dualstack" : "ipv4";
  const ipTypePath = "apiLoadBalancer.ipAddressType";
  if (lb.ipAddressType !== undefined) {
    if (lb.ipAddressType === "ipv6") {
      findings.push(error("LB_IP_TYPE_IPV6", ipTypePath, "ipv6", "ipv6 is not a valid load balancer IP type (Cluster API AWS): a load balancer always has an IPv4 address in each of its subnets, and dualstack is how it also serves IPv6 clients", "use dualstack (IPv4 and IPv6 clients), with subnets that have IPv6"));
    } else if (lb.ipAddressType === "dualstack-without-public-ipv4") {
      // ELBv2 CreateLoadBalancer: Network Load Balancers take ipv4 or dualstack only. The API server needs
      // a network load balancer: TCP passthrough, since kube-apiserver terminates TLS and checks client certificates.
      findings.push(error("LB_WITHOUT_PUBLIC_IPV4_NOT_NLB", ipTypePath, lb.ipAddressType, "AWS offers dualstack-without-public-ipv4 for Application Load Balancers only; the API server's load balancer is a Network Load Balancer (TCP passthrough, so that kube-apiserver terminates TLS and sees client certificates), which takes ipv4 or dualstack", "use dualstack (its public IPv4 addresses are charged per zone; the plan's public IPv4 section counts them), or scheme: internal"));
    } else if (!(LB_IP_TYPES as readonly string[]).includes(lb.ipAddressType)) {
      findings.push(error("LB_IP_TYPE_UNKNOWN", ipTypePath, lb.ipAddressType, `unknown load balancer IP type`, `use one of: ${LB_IP_TYPES.join(", ")}`));
    } else {
      ipAddressType = lb.ipAddressType as LbIpAddressType;
    }
  }
  if (ipAddressType === "dualstack") {
    // A dual-stack load balancer needs an IPv6 block in every one of its subnets.
    for (const s of subnets) {
      if (!s.hasIpv6) findings.push(error("LB_DUALSTACK_WITHOUT_IPV6", lb.ipAddressType ? ipTypePath : subnetPath(s), lb.ipAddressType ?? s.name, `a ${ipAddressType} load balancer needs IPv6 in every subnet, and ${s.name} has none${vpcIpv6 ? "" : " (the VPC has no IPv6 block)"}`, vpcIpv6 ? "use subnets with IPv6, or ipAddressType: ipv4" : "use ipAddressType: ipv4, or give the VPC an IPv6 block (vpc.ipv6)"));
    }
  }

  // Target IP type. Cluster API AWS: "Cannot use IPv6 targets when control plane has no IPv6 addresses".
  const cpHasIpv6 = cp.length > 0 && cp.every((s) => s.hasIpv6);
  const cpIpv6Only = cp.length > 0 && cp.every((s) => s.ipv6Only);
  // Default: IPv6 targets when the control plane has IPv6 and the load balancer can forward to them.
  let targetGroupIpType: "ipv4" | "ipv6" = vpcIpv6 && cpHasIpv6 && ipAddressType !== "ipv4" ? "ipv6" : "ipv4";
  const tgPath = "apiLoadBalancer.targetGroupIpType";
  if (lb.targetGroupIpType !== undefined) {
    if (lb.targetGroupIpType !== "ipv4" && lb.targetGroupIpType !== "ipv6") {
      findings.push(error("LB_TARGET_IP_TYPE_UNKNOWN", tgPath, lb.targetGroupIpType, "unknown target group IP type", "use ipv4 or ipv6"));
    } else {
      targetGroupIpType = lb.targetGroupIpType;
    }
  }
  if (targetGroupIpType === "ipv6") {
    if (!vpcIpv6) findings.push(error("LB_IPV6_TARGETS_WITHOUT_IPV6", tgPath, "ipv6", "IPv6 targets need IPv6 addresses, and the VPC has no IPv6 block", "use targetGroupIpType: ipv4, or give the VPC an IPv6 block (vpc.ipv6)"));
    else if (!cpHasIpv6) findings.push(error("LB_IPV6_TARGETS_WITHOUT_IPV6", tgPath, "ipv6", `the control plane has no IPv6 addresses: ${cp.filter((s) => !s.hasIpv6).map((s) => s.name).join(", ") || "no control-plane subnets"} ${cp.length ? "have no IPv6 block" : ""}`.trim(), "use targetGroupIpType: ipv4, or put the control plane in IPv6-capable subnets (nodes.controlPlaneSubnets)"));
    // AWS: IPv6 target groups can only be used by dualstack load balancers.
    if (ipAddressType === "ipv4") findings.push(error("LB_IPV6_TARGETS_NEED_DUALSTACK", tgPath, "ipv6", "an ipv4 load balancer cannot forward to IPv6 targets", "use ipAddressType: dualstack, or targetGroupIpType: ipv4"));
  } else if (cpIpv6Only) {
    findings.push(error("LB_IPV4_TARGETS_ON_IPV6_ONLY", tgPath, "ipv4", `the control plane runs in IPv6-only subnets (${cp.map((s) => s.name).join(", ")}): its machines have no IPv4 address to target`, "use targetGroupIpType: ipv6 (with a dualstack load balancer)"));
  }

  if (errorCount() > errorsBefore) return undefined;
  return { scheme, ipAddressType, targetGroupIpType, targetType: lb.targetType ?? "ip", subnets: subnets.map((s) => s.name), port: 6443 };
}

/** Security groups with inline rules, in a chain without cycles: nodes <- control-plane <- api-lb. */
function planSecurityGroups(input: EdgeInput, lb: ApiLoadBalancerPlan | undefined, cp: readonly EdgeSubnet[]): SecurityGroupPlan[] {
  const v6 = input.vpc.ipv6 !== undefined;
  const families = input.kubernetes.ipFamilies;
  // Machines have IPv4 when the cluster uses it, or when they sit in subnets with IPv4 (e.g. an IPv6
  // single-stack cluster's control plane in DualStack subnets still talks IPv4 to the world through NAT).
  const hostV4 = !v6 || families.includes("ipv4") || cp.some((s) => s.hasIpv4);
  const vpcV4: RulePeer = { kind: "cidr", cidr: input.vpc.cidrBlock };
  const vpcV6: RulePeer = input.vpc.ipv6?.cidrBlock ? { kind: "cidr", cidr: input.vpc.ipv6.cidrBlock } : { kind: "vpcIpv6" };

  // ICMP that IPv6 (and IPv4) cannot work without (RFC 4890 4.4.1, traffic addressed to the node: never filter these).
  const icmp: SecurityGroupRule[] = [];
  if (v6) {
    for (const [type, what] of NEIGHBOUR_DISCOVERY) {
      icmp.push({ description: `ICMPv6 ${what} (neighbour discovery, RFC 4861)`, protocol: "icmpv6", fromPort: type, toPort: -1, family: "ipv6", peers: [{ kind: "cidr", cidr: LINK_LOCAL_V6 }, vpcV6] });
    }
    // A packet-too-big can come from any router on the path: IPv6 routers never fragment (RFC 8201), so
    // dropping it stalls every connection whose path MTU is smaller than the node's. The one ::/0 source
    // that is not a listener, and only for this ICMP error.
    icmp.push({ description: "ICMPv6 packet too big (path MTU discovery, RFC 8201)", protocol: "icmpv6", fromPort: 2, toPort: -1, family: "ipv6", peers: [{ kind: "cidr", cidr: "::/0" }] });
    icmp.push({ description: "ICMPv6 echo request from the VPC", protocol: "icmpv6", fromPort: 128, toPort: -1, family: "ipv6", peers: [vpcV6] });
  }
  if (hostV4) {
    icmp.push({ description: "ICMP fragmentation needed (IPv4 path MTU discovery, RFC 1191)", protocol: "icmp", fromPort: 3, toPort: 4, family: "ipv4", peers: [{ kind: "cidr", cidr: "0.0.0.0/0" }] });
    icmp.push({ description: "ICMP echo request from the VPC", protocol: "icmp", fromPort: 8, toPort: -1, family: "ipv4", peers: [vpcV4] });
  }
  const egressAll: SecurityGroupRule[] = [
    { description: "all IPv4 egress", protocol: "-1", fromPort: 0, toPort: 0, family: "ipv4", peers: [{ kind: "cidr", cidr: "0.0.0.0/0" }] },
    ...(v6 ? [{ description: "all IPv6 egress", protocol: "-1" as const, fromPort: 0, toPort: 0, family: "ipv6" as const, peers: [{ kind: "cidr" as const, cidr: "::/0" }] }] : []),
  ];

  // Without encapsulation, packets between nodes carry pod source addresses, which a self-reference does
  // not match (it admits the members' own addresses only): admit the pod ranges as well.
  const podRanges: SecurityGroupRule[] = podAddressesBetweenNodes(input.addons)
    ? input.kubernetes.podCIDRs.map((cidr) => ({ description: "pod to pod between nodes without encapsulation, all traffic", protocol: "-1" as const, fromPort: 0, toPort: 0, family: cidr.includes(":") ? "ipv6" as const : "ipv4" as const, peers: [{ kind: "cidr" as const, cidr }] }))
    : [];

  const nodes: SecurityGroupPlan = {
    name: "nodes",
    description: "Every cluster machine (workers and control plane): node-to-node traffic, kubelet, CNI, ICMP",
    attachTo: "every node, control-plane machines included",
    ingress: [
      { description: "node to node, all traffic (both families)", protocol: "-1", fromPort: 0, toPort: 0, family: "both", peers: [{ kind: "self" }] },
      // Control-plane machines carry this group too, so "from self" is "from the control plane" here;
      // referencing the control-plane group instead would make the two groups depend on each other.
      { description: "kubelet API from the control plane", protocol: "tcp", fromPort: 10250, toPort: 10250, family: "both", peers: [{ kind: "self" }] },
      ...cniTraffic(input.addons).map((c): SecurityGroupRule => ({ description: `${c.description} between nodes`, protocol: c.protocol, fromPort: c.port, toPort: c.port, family: "both", peers: [{ kind: "self" }] })),
      ...podRanges,
      ...icmp,
    ],
    egress: egressAll,
  };

  const cpIngress: SecurityGroupRule[] = [
    { description: "kube-apiserver from nodes", protocol: "tcp", fromPort: 6443, toPort: 6443, family: "both", peers: [{ kind: "group", group: "nodes" }] },
    { description: "etcd peers and clients between control-plane machines", protocol: "tcp", fromPort: 2379, toPort: 2380, family: "both", peers: [{ kind: "self" }] },
  ];
  if (lb) cpIngress.push({ description: "kube-apiserver from the API load balancer (listener and health checks)", protocol: "tcp", fromPort: 6443, toPort: 6443, family: "both", peers: [{ kind: "group", group: "api-lb" }] });
  const groups: SecurityGroupPlan[] = [nodes, { name: "control-plane", description: "Control-plane machines: kube-apiserver and etcd", attachTo: "control-plane machines (with the nodes group)", ingress: cpIngress, egress: egressAll }];

  if (lb) {
    // Only an internet-facing listener is open to the world; an internal one to the VPC.
    const peersV4: RulePeer[] = lb.scheme === "internet-facing" ? [{ kind: "cidr", cidr: "0.0.0.0/0" }] : [vpcV4];
    const peersV6: RulePeer[] = lb.scheme === "internet-facing" ? [{ kind: "cidr", cidr: "::/0" }] : [vpcV6];
    const ingress: SecurityGroupRule[] = [];
    ingress.push({ description: `kube-apiserver listener, IPv4 clients (${lb.scheme})`, protocol: "tcp", fromPort: 6443, toPort: 6443, family: "ipv4", peers: peersV4 });
    if (lb.ipAddressType !== "ipv4") ingress.push({ description: `kube-apiserver listener, IPv6 clients (${lb.scheme})`, protocol: "tcp", fromPort: 6443, toPort: 6443, family: "ipv6", peers: peersV6 });
    const toTargets: SecurityGroupRule = lb.targetGroupIpType === "ipv6"
      ? { description: "to the control plane's kube-apiserver (IPv6 targets)", protocol: "tcp", fromPort: 6443, toPort: 6443, family: "ipv6", peers: [vpcV6] }
      : { description: "to the control plane's kube-apiserver (IPv4 targets)", protocol: "tcp", fromPort: 6443, toPort: 6443, family: "ipv4", peers: [vpcV4] };
    groups.push({ name: "api-lb", description: "The API-server network load balancer", attachTo: "the API load balancer", ingress, egress: [toTargets] });
  }
  return groups;
}

function prerequisites(input: EdgeInput, findings: Finding[]): PrerequisiteCheck[] {
  const checks: PrerequisiteCheck[] = [];
  const ipv6OnlySubnets = input.subnets.filter((s) => s.ipv6Only && !s.adopted).map((s) => s.name);
  const anyIpv6 = input.subnets.some((s) => s.hasIpv6);
  (input.config.nodes?.instanceTypes ?? []).forEach((type, i) => {
    const path = at("nodes", "instanceTypes", i);
    const fact = input.facts.instanceTypes?.[type];
    if (!fact || fact.status === "unknown") {
      checks.push({ what: `instance type ${type}`, status: "not checked", detail: fact?.reason ?? "not looked up" });
      findings.push(warning("NODES_INSTANCE_TYPE_NOT_CHECKED", path, type, `IPv6 and Nitro support of ${type} not checked: ${fact?.reason ?? "not looked up"}`, "run pulumi preview (it looks the type up through the AWS provider)"));
      return;
    }
    if (fact.status === "missing") {
      checks.push({ what: `instance type ${type}`, status: "failed", detail: fact.reason });
      findings.push(error("NODES_INSTANCE_TYPE_UNKNOWN", path, type, `AWS does not know instance type ${type} in ${input.facts.region}: ${fact.reason}`, "check the spelling, e.g. m6i.large"));
      return;
    }
    const problems: string[] = [];
    // Cluster API AWS prerequisites: instance types must support IPv6; IPv6-only subnets launch Nitro only.
    if (anyIpv6 && !fact.ipv6Supported) {
      problems.push("no IPv6");
      findings.push(error("NODES_INSTANCE_TYPE_NO_IPV6", path, type, `${type} does not support IPv6 (describe-instance-types: NetworkInfo.Ipv6Supported = false), so its nodes get no IPv6 address`, "choose an IPv6-capable type, e.g. m6i.large (aws ec2 describe-instance-types --filters Name=network-info.ipv6-supported,Values=true)"));
    }
    if (ipv6OnlySubnets.length > 0 && fact.hypervisor !== "nitro") {
      problems.push(`hypervisor ${fact.hypervisor || "none"}, not Nitro`);
      findings.push(error("NODES_INSTANCE_TYPE_NOT_NITRO", path, type, `${type} is not Nitro-based (hypervisor ${fact.hypervisor || "none"}); AWS launches only Nitro instances into IPv6-only subnets (${ipv6OnlySubnets.join(", ")})`, "choose a Nitro-based type (e.g. m5, m6i, c6g families), or give the nodes DualStack subnets"));
    }
    checks.push({ what: `instance type ${type}`, status: problems.length ? "failed" : "ok", detail: problems.length ? problems.join("; ") : `IPv6${ipv6OnlySubnets.length ? ", Nitro" : ""}` });
  });

  // Local Zones and Wavelength Zones: IPv6 subnets are missing or limited there; adopting one by id is fine.
  const zoneTypes = input.facts.zoneTypes ?? {};
  const zoneNames = [...new Set(input.subnets.map((s) => s.zone))];
  for (const zone of zoneNames) {
    const type = zoneTypes[zone];
    if (type === undefined) continue;
    const special = type === "local-zone" || type === "wavelength-zone";
    const created = input.subnets.filter((s) => s.zone === zone && !s.adopted && s.hasIpv6);
    if (special && created.length > 0) {
      for (const s of created) {
        findings.push(error("ZONE_IPV6_UNSUPPORTED", s.path, s.name, `${zone} is a ${type === "local-zone" ? "Local Zone" : "Wavelength Zone"}: AWS support for IPv6 subnets there is missing or limited, so ${s.name} (${s.type}) cannot be created with IPv6`, "adopt an existing subnet of that zone by id (subnets[].id), or use a PrivateIPv4 subnet there"));
      }
      checks.push({ what: `zone ${zone}`, status: "failed", detail: `${type}: IPv6 subnets refused` });
    } else {
      checks.push({ what: `zone ${zone}`, status: "ok", detail: special ? `${type}: adopted or IPv4-only subnets only` : type });
    }
  }
  return checks;
}

export function planEdge(input: EdgeInput): { plan: EdgePlan; findings: Finding[] } {
  const findings: Finding[] = [];
  const cp = controlPlaneSubnets(input, findings);
  const lb = planLoadBalancer(input, cp, findings);
  const checks = prerequisites(input, findings);
  return { plan: { securityGroups: planSecurityGroups(input, lb, cp), apiLoadBalancer: lb, controlPlaneSubnets: cp.map((s) => s.name), prerequisites: checks }, findings };
}
