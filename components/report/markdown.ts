/**
 * The plan as markdown, for pull requests that change a stack file: per zone a table of subnets with
 * kinds, blocks and routes, then Kubernetes capacity, the API load balancer, public IPv4 and its cost,
 * add-ons, security groups and control-plane flags (folded), prerequisites, resource counts and
 * warnings. Pure: plan in, text out.
 */
import type { NetworkPlan } from "../core/network-plan";
import type { PublicIpv4Summary } from "./public-ipv4";
import { addonLines } from "./addons";
import { ruleLabel } from "./edge";
import { countLabel, gatewaysLabel, ipv6Label, routesLabel } from "./table";

/** A table cell: pipes and newlines would break the table. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const row = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;

export function renderMarkdown(
  plan: NetworkPlan,
  stack: string,
  counts: Record<string, number>,
  ipv4: PublicIpv4Summary,
): string {
  const out: string[] = [];
  const v6 = plan.vpc.ipv6;
  out.push(`### Plan of stack \`${stack}\` (${plan.region})`, "");
  out.push(
    `VPC ${plan.vpc.id ? `\`${plan.vpc.id}\`` : "(new)"}: IPv4 \`${plan.vpc.cidrBlock}\`, IPv6 ${!v6 ? "none" : v6.cidrBlock ? `\`${v6.cidrBlock}\`` : `/${v6.prefixLength} from ${v6.source === "ipam" ? "IPAM" : "AWS"}`}. NAT gateways: \`${plan.natMode}\`.${plan.protect ? " Protected." : ""}`,
    "",
    `Gateways: ${gatewaysLabel(plan)}.`,
  );
  for (const zone of plan.zones) {
    out.push(
      "",
      `#### ${zone}`,
      "",
      row(["subnet", "kind", "IPv4", "IPv6", "DNS64", "routes"]),
      row(["---", "---", "---", "---", "---", "---"]),
    );
    for (const s of plan.subnets.filter((x) => x.zone === zone)) {
      out.push(
        row([
          `\`${s.name}\``,
          s.type === "Private" && s.ipv6Only ? "Private (IPv6-only)" : s.type,
          s.cidrBlock ?? "-",
          ipv6Label(s, plan),
          s.dns64 ? "on" : "off",
          routesLabel(s),
        ]),
      );
    }
    for (const n of plan.natGateways.filter((x) => x.zone === zone))
      out.push("", `NAT gateway \`${n.name}\` in \`${n.subnet}\` (Elastic IP ${n.allocationId ?? "new"}).`);
  }
  const k = plan.kubernetes;
  out.push(
    "",
    "#### Kubernetes",
    "",
    row(["family", "pods", "node mask", "nodes", "pod addresses per node"]),
    row(["---", "---", "---", "---", "---"]),
  );
  for (const c of k.perFamily)
    out.push(
      row([
        c.family,
        c.podCIDR,
        `/${c.nodeMaskSize}`,
        countLabel(c.maxNodes),
        countLabel(c.podAddressesPerNode, c.podAddressBits),
      ]),
    );
  out.push("", `Services \`${k.serviceCIDRs.join(", ")}\`, cluster DNS \`${k.dnsServiceIP}\`, CNI ${k.cni}.`);
  const lb = plan.edge.apiLoadBalancer;
  out.push(
    "",
    `API load balancer: ${lb ? `${lb.scheme} ${lb.ipAddressType} NLB on TCP ${lb.port}, ${lb.targetGroupIpType} targets (type ${lb.targetType}) in ${plan.edge.controlPlaneSubnets.map((s) => `\`${s}\``).join(", ")}; load balancer subnets ${lb.subnets.map((s) => `\`${s}\``).join(", ")}` : "none"}.`,
  );
  out.push(
    "",
    "#### Public IPv4",
    "",
    `AWS charges $${ipv4.usdPerAddressHour} per public IPv4 address-hour ($${ipv4.usdPerAddressMonth.toFixed(2)} per month).`,
    "",
  );
  out.push(row(["layout", "addresses", "USD per month", "held by"]), row(["---", "---:", "---:", "---"]));
  out.push(
    row([
      "this stack",
      String(ipv4.stackTotal),
      ipv4.stackUsdPerMonth.toFixed(2),
      ipv4.stack.map((l) => `${l.count} ${l.what}`).join("; ") || "-",
    ]),
  );
  out.push(
    row([
      "IPv4-only, same size",
      String(ipv4.ipv4OnlyTotal),
      ipv4.ipv4OnlyUsdPerMonth.toFixed(2),
      ipv4.ipv4Only.map((l) => `${l.count} ${l.what}`).join("; ") || "-",
    ]),
  );
  if (ipv4.perInstanceSubnets.length)
    out.push(
      "",
      `Plus one address per instance in ${ipv4.perInstanceSubnets.map((s) => `\`${s}\``).join(", ")} (publicIPv4: true).`,
    );
  const addons = addonLines(plan.addons);
  if (addons.length) out.push("", `#### ${addons[1]}`, "", ...addons.slice(2).map((l) => `- ${l.trim()}`));
  const sgs = plan.edge.securityGroups;
  if (sgs.length) {
    out.push("", "<details><summary>Security groups</summary>", "");
    for (const g of sgs) {
      out.push(`**\`${g.name}\`** on ${cell(g.attachTo)}`, "", row(["direction", "rule"]), row(["---", "---"]));
      for (const r of g.ingress) out.push(row(["in", ruleLabel(r)]));
      for (const r of g.egress) out.push(row(["out", ruleLabel(r, "to")]));
      out.push("");
    }
    out.push("</details>");
  }
  if (plan.edge.prerequisites.length) {
    out.push("", "#### Prerequisites", "", row(["status", "check", "detail"]), row(["---", "---", "---"]));
    for (const c of plan.edge.prerequisites) out.push(row([c.status, c.what, c.detail]));
  }
  const c = plan.controlPlane;
  const flags = (f: Record<string, string>) =>
    Object.entries(f)
      .map(([k, v]) => `\`--${k}=${v}\``)
      .join(" ");
  out.push(
    "",
    "<details><summary>Control-plane settings</summary>",
    "",
    row(["component", "flags"]),
    row(["---", "---"]),
  );
  out.push(
    row(["kube-apiserver", flags(c.kubeApiServer)]),
    row(["kube-controller-manager", flags(c.kubeControllerManager)]),
    row(["kubelet", flags(c.kubelet)]),
    row(["kube-proxy", flags(c.kubeProxy)]),
  );
  out.push("", "</details>");
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  out.push("", `#### Resources (${total})`, "", row(["type", "count"]), row(["---", "---:"]));
  for (const [t, n] of Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)))
    out.push(row([`\`${t}\``, String(n)]));
  if (plan.warnings.length) {
    out.push("", "#### Warnings", "");
    for (const w of plan.warnings) out.push(`- **${w.code}** \`${w.path}\`: ${cell(w.message)}. Fix: ${cell(w.fix)}`);
  }
  return out.join("\n") + "\n";
}
