/**
 * The cluster edge for the plan's text output: security-group rules, the API load balancer, the
 * prerequisite checks and the control-plane settings; on EKS the prerequisites only (EKS makes the cluster's
 * security group and serves the API endpoint, and its control plane is not configured here). Pure: plan in,
 * lines out.
 */
import type { PrerequisiteCheck, RulePeer, SecurityGroupRule } from "../core/edge/types";
import type { NetworkPlan } from "../core/network-plan";

/** Who a rule lets in or out, in words. */
export function peerLabel(p: RulePeer): string {
  switch (p.kind) {
    case "self":
      return "itself";
    case "group":
      return `sg ${p.group}`;
    case "cidr":
      return p.cidr;
    case "vpcIpv6":
      return "the VPC's IPv6 block";
  }
}

/** A rule in one line: protocol and ports, the peers, its description. */
export function ruleLabel(r: SecurityGroupRule, direction: "from" | "to" = "from"): string {
  const what =
    r.protocol === "-1"
      ? "all"
      : r.protocol === "icmp" || r.protocol === "icmpv6"
        ? `${r.protocol} type ${r.fromPort}${r.toPort >= 0 ? ` code ${r.toPort}` : ""}`
        : `${r.protocol} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`;
  return `${what} ${direction} ${r.peers.map(peerLabel).join(", ")}  (${r.description})`;
}

/** An egress rule, short: protocol and first port, the peers. */
function egressLabel(r: SecurityGroupRule): string {
  return `${r.protocol === "-1" ? "all" : `${r.protocol} ${r.fromPort}`} to ${r.peers.map(peerLabel).join(", ")}`;
}

/** The API load balancer in one line, or how to get one. */
function apiLoadBalancerLine(plan: NetworkPlan): string {
  const e = plan.edge;
  const lb = e.apiLoadBalancer;
  if (!lb) return "  none (set apiLoadBalancer to create one)";
  return (
    `  network LB, ${lb.scheme}, ${lb.ipAddressType}, TCP ${lb.port} -> ${lb.targetGroupIpType} targets` +
    ` (type ${lb.targetType}) in ${e.controlPlaneSubnets.join(", ")}; subnets ${lb.subnets.join(", ")}`
  );
}

/** A prerequisite check's status, padded to one width. */
const STATUS: Record<PrerequisiteCheck["status"], string> = {
  ok: "ok         ",
  failed: "FAILED     ",
  "not checked": "not checked",
};

/** The prerequisite checks with their status, under their heading; none when there are none. */
function prerequisiteLines(plan: NetworkPlan): string[] {
  const checks = plan.edge.prerequisites;
  return checks.length
    ? ["", "Prerequisites", ...checks.map((c) => `  ${STATUS[c.status]}  ${c.what}: ${c.detail}`)]
    : [];
}

/** The edge as text lines: security groups, API load balancer, prerequisites, control-plane flags. */
export function edgeLines(plan: NetworkPlan): string[] {
  if (plan.eks) return prerequisiteLines(plan);
  const e = plan.edge;
  const out: string[] = ["", "Security groups (rules inline: each group owns all its rules)"];
  for (const g of e.securityGroups) {
    out.push(`  ${g.name}: on ${g.attachTo}`);
    for (const r of g.ingress) out.push(`    in   ${ruleLabel(r)}`);
    out.push(`    out  ${g.egress.map(egressLabel).join("; ")}`);
  }
  out.push("", "API load balancer", apiLoadBalancerLine(plan), ...prerequisiteLines(plan));
  const c = plan.controlPlane;
  const flags = (f: Record<string, string>) =>
    Object.entries(f)
      .map(([k, v]) => `--${k}=${v}`)
      .join(" ");
  out.push("", "Control-plane settings (stack output kubernetes, with kubeadm configuration)");
  out.push(`  kube-apiserver           ${flags(c.kubeApiServer)}`);
  out.push(`  kube-controller-manager  ${flags(c.kubeControllerManager)}`);
  out.push(`  kubelet                  ${flags(c.kubelet)}`);
  out.push(`  kube-proxy               ${flags(c.kubeProxy)}`);
  return out;
}
