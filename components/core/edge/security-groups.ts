/**
 * Security groups with inline rules, without reference cycles: declared nodes, api-lb, control-plane, the
 * control plane's rules referencing the other two. The groups come out in the order they must be declared
 * (a group's rules reference only groups before it),
 * and every rule says its address family, so the component only maps them.
 */
import { cniTraffic, podAddressesBetweenNodes } from "../addons";
import { familyOf } from "../ip";
import type {
  ApiLoadBalancerPlan,
  EdgeInput,
  EdgeSubnet,
  RulePeer,
  SecurityGroupPlan,
  SecurityGroupRule,
} from "./types";

const LINK_LOCAL_V6 = "fe80::/10";
/** ICMPv6 neighbour discovery (RFC 4861): router and neighbour solicitation/advertisement, redirect. */
const NEIGHBOUR_DISCOVERY: readonly [number, string][] = [
  [133, "router solicitation"],
  [134, "router advertisement"],
  [135, "neighbour solicitation"],
  [136, "neighbour advertisement"],
  [137, "redirect"],
];

type Family = SecurityGroupRule["family"];
const rule = (
  description: string,
  protocol: SecurityGroupRule["protocol"],
  ports: [number, number],
  family: Family,
  peers: RulePeer[],
): SecurityGroupRule => ({
  description,
  protocol,
  fromPort: ports[0],
  toPort: ports[1],
  family,
  peers,
});
const ALL: [number, number] = [0, 0];
const API: [number, number] = [6443, 6443];
const cidr = (c: string): RulePeer => ({ kind: "cidr", cidr: c });

/** The VPC's blocks as rule peers (its IPv6 block resolved at deployment when AWS assigns it). */
function vpcPeers(input: EdgeInput): { v4: RulePeer; v6: RulePeer } {
  const v6 = input.vpc.ipv6?.cidrBlock;
  return { v4: cidr(input.vpc.cidrBlock), v6: v6 ? cidr(v6) : { kind: "vpcIpv6" } };
}

/** ICMP that IPv6 (and IPv4) cannot work without (RFC 4890 4.4.1: traffic addressed to the node, never filtered). */
function icmpRules(input: EdgeInput, hostV4: boolean): SecurityGroupRule[] {
  const vpc = vpcPeers(input);
  const out: SecurityGroupRule[] = [];
  if (input.vpc.ipv6 !== undefined) {
    for (const [type, what] of NEIGHBOUR_DISCOVERY) {
      out.push(
        rule(`ICMPv6 ${what} (neighbour discovery, RFC 4861)`, "icmpv6", [type, -1], "ipv6", [
          cidr(LINK_LOCAL_V6),
          vpc.v6,
        ]),
      );
    }
    // A packet-too-big can come from any router on the path: IPv6 routers never fragment (RFC 8201), so
    // dropping it stalls every connection whose path MTU is smaller than the node's. The one ::/0 source
    // that is not a listener, and only for this ICMP error.
    out.push(rule("ICMPv6 packet too big (path MTU discovery, RFC 8201)", "icmpv6", [2, -1], "ipv6", [cidr("::/0")]));
    out.push(rule("ICMPv6 echo request from the VPC", "icmpv6", [128, -1], "ipv6", [vpc.v6]));
  }
  if (hostV4) {
    const pmtu = "ICMP fragmentation needed (IPv4 path MTU discovery, RFC 1191)";
    out.push(rule(pmtu, "icmp", [3, 4], "ipv4", [cidr("0.0.0.0/0")]));
    out.push(rule("ICMP echo request from the VPC", "icmp", [8, -1], "ipv4", [vpc.v4]));
  }
  return out;
}

function egressAll(v6: boolean): SecurityGroupRule[] {
  const v4Rule = rule("all IPv4 egress", "-1", ALL, "ipv4", [cidr("0.0.0.0/0")]);
  return v6 ? [v4Rule, rule("all IPv6 egress", "-1", ALL, "ipv6", [cidr("::/0")])] : [v4Rule];
}

/** Every cluster machine: node-to-node traffic, the kubelet, the CNI's own traffic, ICMP. */
function nodesGroup(input: EdgeInput, hostV4: boolean): SecurityGroupPlan {
  const self: RulePeer[] = [{ kind: "self" }];
  // Without encapsulation, packets between nodes carry pod source addresses, which a self-reference does
  // not match (it admits the members' own addresses only): admit the pod ranges as well.
  const podRanges = podAddressesBetweenNodes(input.addons)
    ? input.kubernetes.podCIDRs.map((c) =>
        rule("pod to pod between nodes without encapsulation, all traffic", "-1", ALL, familyOf(c), [cidr(c)]),
      )
    : [];
  const cni = cniTraffic(input.addons).map((c) =>
    rule(`${c.description} between nodes`, c.protocol, [c.port, c.port], "both", self),
  );
  return {
    name: "nodes",
    description: "Every cluster machine (workers and control plane): node-to-node traffic, kubelet, CNI, ICMP",
    attachTo: "every node, control-plane machines included",
    ingress: [
      rule("node to node, all traffic (both families)", "-1", ALL, "both", self),
      // Control-plane machines carry this group too, so "from self" is "from the control plane" here;
      // referencing the control-plane group instead would make the two groups depend on each other.
      rule("kubelet API from the control plane", "tcp", [10250, 10250], "both", self),
      ...cni,
      ...podRanges,
      ...icmpRules(input, hostV4),
    ],
    egress: egressAll(input.vpc.ipv6 !== undefined),
  };
}

function controlPlaneGroup(input: EdgeInput, lb: ApiLoadBalancerPlan | undefined): SecurityGroupPlan {
  const ingress = [
    rule("kube-apiserver from nodes", "tcp", API, "both", [{ kind: "group", group: "nodes" }]),
    rule("etcd peers and clients between control-plane machines", "tcp", [2379, 2380], "both", [{ kind: "self" }]),
  ];
  if (lb) {
    const from = "kube-apiserver from the API load balancer (listener and health checks)";
    ingress.push(rule(from, "tcp", API, "both", [{ kind: "group", group: "api-lb" }]));
  }
  return {
    name: "control-plane",
    description: "Control-plane machines: kube-apiserver and etcd",
    attachTo: "control-plane machines (with the nodes group)",
    ingress,
    egress: egressAll(input.vpc.ipv6 !== undefined),
  };
}

/** The load balancer's group: the listener (the world when internet-facing, else the VPC), to the targets. */
function loadBalancerGroup(input: EdgeInput, lb: ApiLoadBalancerPlan): SecurityGroupPlan {
  const vpc = vpcPeers(input);
  const open = lb.scheme === "internet-facing";
  const ingress = [
    rule(`kube-apiserver listener, IPv4 clients (${lb.scheme})`, "tcp", API, "ipv4", [
      open ? cidr("0.0.0.0/0") : vpc.v4,
    ]),
  ];
  if (lb.ipAddressType !== "ipv4") {
    ingress.push(
      rule(`kube-apiserver listener, IPv6 clients (${lb.scheme})`, "tcp", API, "ipv6", [open ? cidr("::/0") : vpc.v6]),
    );
  }
  const v6 = lb.targetGroupIpType === "ipv6";
  const to = rule(
    `to the control plane's kube-apiserver (IPv${v6 ? 6 : 4} targets)`,
    "tcp",
    API,
    v6 ? "ipv6" : "ipv4",
    [v6 ? vpc.v6 : vpc.v4],
  );
  return {
    name: "api-lb",
    description: "The API-server network load balancer",
    attachTo: "the API load balancer",
    ingress,
    egress: [to],
  };
}

/**
 * The groups in declaration order: nodes, then the load balancer's,
 * then the control plane's (which references both).
 */
export function planSecurityGroups(
  input: EdgeInput,
  lb: ApiLoadBalancerPlan | undefined,
  cp: readonly EdgeSubnet[],
): SecurityGroupPlan[] {
  // Machines have IPv4 when the cluster uses it, or when they sit in subnets with IPv4 (e.g. an IPv6
  // single-stack cluster's control plane in DualStack subnets still talks IPv4 to the world through NAT).
  const hostV4 =
    input.vpc.ipv6 === undefined || input.kubernetes.ipFamilies.includes("ipv4") || cp.some((s) => s.hasIpv4);
  return [nodesGroup(input, hostV4), ...(lb ? [loadBalancerGroup(input, lb)] : []), controlPlaneGroup(input, lb)];
}
