/**
 * The plan as markdown, for pull requests that change a stack file: per zone a table of subnets with
 * kinds, blocks and routes, then Kubernetes capacity, the API load balancer, public IPv4 and its cost,
 * resource counts and warnings. Pure: plan in, text out.
 */
import type { NetworkPlan } from "../core/types";
import type { PublicIpv4Summary } from "./public-ipv4";
import { countLabel, ipv6Label, routesLabel } from "./table";

/** A table cell: pipes and newlines would break the table. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const row = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;

export function renderMarkdown(plan: NetworkPlan, stack: string, counts: Record<string, number>, ipv4: PublicIpv4Summary): string {
  const out: string[] = [];
  const v6 = plan.vpc.ipv6;
  out.push(`### Plan of stack \`${stack}\` (${plan.region})`, "");
  out.push(`VPC ${plan.vpc.id ? `\`${plan.vpc.id}\`` : "(new)"}: IPv4 \`${plan.vpc.cidrBlock}\`, IPv6 ${!v6 ? "none" : v6.cidrBlock ? `\`${v6.cidrBlock}\`` : `/${v6.prefixLength} from ${v6.source === "ipam" ? "IPAM" : "AWS"}`}. NAT gateways: \`${plan.natMode}\`.${plan.protect ? " Protected." : ""}`);
  for (const zone of plan.zones) {
    out.push("", `#### ${zone}`, "", row(["subnet", "kind", "IPv4", "IPv6", "DNS64", "routes"]), row(["---", "---", "---", "---", "---", "---"]));
    for (const s of plan.subnets.filter((x) => x.zone === zone)) {
      out.push(row([`\`${s.name}\``, s.type === "Private" && s.ipv6Native ? "Private (IPv6-only)" : s.type, s.cidrBlock ?? "-", ipv6Label(s, plan), s.dns64 ? "on" : "off", routesLabel(s)]));
    }
    for (const n of plan.natGateways.filter((x) => x.zone === zone)) out.push("", `NAT gateway \`${n.name}\` in \`${n.subnet}\` (Elastic IP ${n.allocationId ?? "new"}).`);
  }
  const k = plan.kubernetes;
  out.push("", "#### Kubernetes", "", row(["family", "pods", "node mask", "nodes", "pod addresses per node"]), row(["---", "---", "---", "---", "---"]));
  for (const c of k.perFamily) out.push(row([c.family, c.podCIDR, `/${c.nodeMaskSize}`, countLabel(c.maxNodes), countLabel(c.podAddressesPerNode)]));
  out.push("", `Services \`${k.serviceCIDRs.join(", ")}\`, cluster DNS \`${k.dnsServiceIP}\`, CNI ${k.cni}.`);
  const lb = plan.edge.apiLoadBalancer;
  out.push("", `API load balancer: ${lb ? `${lb.scheme} ${lb.ipAddressType} NLB on TCP ${lb.port}, ${lb.targetGroupIpType} targets, subnets ${lb.subnets.map((s) => `\`${s}\``).join(", ")}` : "none"}.`);
  out.push("", "#### Public IPv4", "", row(["layout", "addresses", "USD per month"]), row(["---", "---", "---"]));
  out.push(row(["this stack", String(ipv4.stackTotal), ipv4.stackUsdPerMonth.toFixed(2)]));
  out.push(row(["IPv4-only, same size", String(ipv4.ipv4OnlyTotal), ipv4.ipv4OnlyUsdPerMonth.toFixed(2)]));
  if (ipv4.perInstanceSubnets.length) out.push("", `Plus one address per instance in ${ipv4.perInstanceSubnets.map((s) => `\`${s}\``).join(", ")} (publicIPv4: true).`);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  out.push("", `#### Resources (${total})`, "", row(["type", "count"]), row(["---", "---:"]));
  for (const [t, n] of Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))) out.push(row([`\`${t}\``, String(n)]));
  if (plan.warnings.length) {
    out.push("", "#### Warnings", "");
    for (const w of plan.warnings) out.push(`- **${w.code}** \`${w.path}\`: ${cell(w.message)}. ${cell(w.fix)}`);
  }
  return out.join("\n") + "\n";
}
