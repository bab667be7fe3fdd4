/**
 * The cluster edge for the plan's text output: security-group rules, the API load balancer, the
 * prerequisite checks and the control-plane settings. Pure: plan in, lines out.
 */
import type { RulePeer, SecurityGroupRule } from "../core/edge/types";
import type { NetworkPlan } from "../core/network-plan";

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

export function ruleLabel(r: SecurityGroupRule, direction: "from" | "to" = "from"): string {
  const what =
    r.protocol === "-1"
      ? "all"
      : r.protocol === "icmp" || r.protocol === "icmpv6"
        ? `${r.protocol} type ${r.fromPort}${r.toPort >= 0 ? ` code ${r.toPort}` : ""}`
        : `${r.protocol} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`;
  return `${what} ${direction} ${r.peers.map(peerLabel).join(", ")}  (${r.description})`;
}

export function edgeLines(plan: NetworkPlan): string[] {
  const e = plan.edge;
  const out: string[] = ["", "Security groups (rules inline: each group owns all its rules)"];
  for (const g of e.securityGroups) {
    out.push(`  ${g.name}: on ${g.attachTo}`);
    for (const r of g.ingress) out.push(`    in   ${ruleLabel(r)}`);
    out.push(
      `    out  ${g.egress.map((r) => `${r.protocol === "-1" ? "all" : `${r.protocol} ${r.fromPort}`} to ${r.peers.map(peerLabel).join(", ")}`).join("; ")}`,
    );
  }
  out.push("", "API load balancer");
  const lb = e.apiLoadBalancer;
  out.push(
    lb
      ? `  network LB, ${lb.scheme}, ${lb.ipAddressType}, TCP ${lb.port} -> ${lb.targetGroupIpType} targets (type ${lb.targetType}) in ${e.controlPlaneSubnets.join(", ")}; subnets ${lb.subnets.join(", ")}`
      : "  none (set apiLoadBalancer to create one)",
  );
  if (e.prerequisites.length) {
    out.push("", "Prerequisites");
    for (const c of e.prerequisites)
      out.push(
        `  ${c.status === "ok" ? "ok         " : c.status === "failed" ? "FAILED     " : "not checked"}  ${c.what}: ${c.detail}`,
      );
  }
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
