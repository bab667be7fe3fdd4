/**
 * The plan as markdown, for pull requests that change a stack file: per zone a table of subnets with
 * kinds, blocks and routes, then Kubernetes capacity, the API load balancer, public IPv4 and its cost,
 * add-ons, security groups and control-plane flags (folded), prerequisites, resource counts and
 * warnings. On EKS, as the text report: the EKS cluster instead of capacity, load balancer, security groups and
 * control-plane flags. Pure: plan in, text out.
 */
import type { NetworkPlan } from "../core/network-plan";
import type { PublicIpv4Summary } from "./public-ipv4";
import { addonLines } from "./addons";
import { ruleLabel } from "./edge";
import { eksReport } from "./eks";
import { endpointDetailLines, endpointsCostLine } from "./endpoints";
import { countLabel, gatewaysLabel, ipv6Label, routesLabel } from "./table";

/** A table cell: pipes and newlines would break the table. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const row = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
/** Names as inline code, comma-separated. */
const codeList = (names: string[]) => names.map((s) => `\`${s}\``).join(", ");

/** The VPC's IPv6 block in words: the block when known, else its size and where it comes from. */
function vpcIpv6Text(plan: NetworkPlan): string {
  const v6 = plan.vpc.ipv6;
  if (!v6) return "none";
  return v6.cidrBlock ? `\`${v6.cidrBlock}\`` : `/${v6.prefixLength} from ${v6.source === "ipam" ? "IPAM" : "AWS"}`;
}

/** The heading, the VPC with its blocks and NAT mode, and the gateways. */
function headerSection(plan: NetworkPlan, stack: string): string[] {
  const vpc =
    `VPC ${plan.vpc.id ? `\`${plan.vpc.id}\`` : "(new)"}: IPv4 \`${plan.vpc.cidrBlock}\`, IPv6 ${vpcIpv6Text(plan)}.` +
    ` NAT gateways: \`${plan.natMode}\`.${plan.protect ? " Protected." : ""}`;
  return [`### Plan of stack \`${stack}\` (${plan.region})`, "", vpc, "", `Gateways: ${gatewaysLabel(plan)}.`];
}

/** One zone: the table of its subnets, then its NAT gateways. */
function zoneSection(plan: NetworkPlan, zone: string): string[] {
  const out = [
    "",
    `#### ${zone}`,
    "",
    row(["subnet", "kind", "IPv4", "IPv6", "DNS64", "routes"]),
    row(["---", "---", "---", "---", "---", "---"]),
  ];
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
  return out;
}

/** Kubernetes capacity per family, then the services block, cluster DNS and CNI; on EKS, how EKS addresses them. */
function kubernetesSection(plan: NetworkPlan): string[] {
  if (plan.eks) return ["", "#### Kubernetes (Amazon EKS)", "", ...eksReport(plan.eks).kubernetes.map((t) => `- ${t}`)];
  const k = plan.kubernetes;
  const out = [
    "",
    "#### Kubernetes",
    "",
    row(["family", "pods", "node mask", "nodes", "pod addresses per node"]),
    row(["---", "---", "---", "---", "---"]),
  ];
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
  return out;
}

/** The EKS cluster: a table of its settings and IAM, its add-ons, node groups and Fargate profile. */
function eksSection(plan: NetworkPlan): string[] {
  if (!plan.eks) return [];
  const r = eksReport(plan.eks, (s) => `\`${s}\``);
  const conflicts = [...new Set(plan.eks.addons.map((a) => a.resolveConflicts))].join(", ");
  const rows = [...r.cluster, ...r.iam, ["Fargate profile", r.fargate ?? "none (set fargateNamespaces for one)"]];
  const header = ["node group", "instance types", "nodes", "capacity", "AMI type", "disk", "subnets", "metadata"];
  const groups = r.nodeGroups.map((g) =>
    row([`\`${g.name}\``, g.instanceTypes, g.scaling, g.capacityType, g.amiType, g.disk, g.subnets, g.metadata]),
  );
  return [
    "",
    "#### Amazon EKS (`kubernetes.eks`)",
    "",
    row(["setting", "value"]),
    row(["---", "---"]),
    ...rows.map(([k, v]) => row([k, v])),
    "",
    `Add-ons, in install order (conflicts: ${conflicts}):`,
    "",
    row(["add-on", "version", "settings"]),
    row(["---", "---", "---"]),
    ...r.addons.map((a) => row([`\`${a.name}\``, a.version, a.settings])),
    "",
    "Node groups:",
    "",
    ...(groups.length ? [row(header), row(header.map(() => "---")), ...groups] : ["none"]),
  ];
}

/** The API load balancer in one sentence, or none; nothing on EKS, which serves the API endpoint itself. */
function apiLoadBalancerSection(plan: NetworkPlan): string[] {
  if (plan.eks) return [];
  const lb = plan.edge.apiLoadBalancer;
  const text = lb
    ? `${lb.scheme} ${lb.ipAddressType} NLB on TCP ${lb.port}, ${lb.targetGroupIpType} targets` +
      ` (type ${lb.targetType}) in ${codeList(plan.edge.controlPlaneSubnets)};` +
      ` load balancer subnets ${codeList(lb.subnets)}`
    : "none";
  return ["", `API load balancer: ${text}.`];
}

/** Public IPv4: the price, this stack's addresses next to an IPv4-only layout's, and per-instance ones. */
function publicIpv4Section(ipv4: PublicIpv4Summary): string[] {
  const month = ipv4.usdPerAddressMonth.toFixed(2);
  const out = [
    "",
    "#### Public IPv4",
    "",
    `AWS charges $${ipv4.usdPerAddressHour} per public IPv4 address-hour ($${month} per month).`,
    "",
    row(["layout", "addresses", "USD per month", "held by"]),
    row(["---", "---:", "---:", "---"]),
    row([
      "this stack",
      String(ipv4.stackTotal),
      ipv4.stackUsdPerMonth.toFixed(2),
      ipv4.stack.map((l) => `${l.count} ${l.what}`).join("; ") || "-",
    ]),
    row([
      "IPv4-only, same size",
      String(ipv4.ipv4OnlyTotal),
      ipv4.ipv4OnlyUsdPerMonth.toFixed(2),
      ipv4.ipv4Only.map((l) => `${l.count} ${l.what}`).join("; ") || "-",
    ]),
  ];
  if (ipv4.perInstanceSubnets.length)
    out.push("", `Plus one address per instance in ${codeList(ipv4.perInstanceSubnets)} (publicIPv4: true).`);
  if (ipv4.endpoints) out.push("", `${endpointsCostLine(ipv4.endpoints)}.`);
  return out;
}

/** The VPC endpoints as a list under their heading, when `endpoints` is set. */
function endpointsSection(plan: NetworkPlan): string[] {
  if (!plan.endpoints) return [];
  const lines = endpointDetailLines(plan.endpoints);
  return [
    "",
    "#### VPC endpoints",
    "",
    ...(lines.length ? lines : ["none"]).map((l) => `${l.startsWith("  ") ? "  " : ""}- ${l.trim()}`),
  ];
}

/** The add-ons as a list under their heading, when any are requested. */
function addonSection(plan: NetworkPlan): string[] {
  const addons = addonLines(plan.addons);
  return addons.length ? ["", `#### ${addons[1]}`, "", ...addons.slice(2).map((l) => `- ${l.trim()}`)] : [];
}

/** The security groups and their rules, folded. */
function securityGroupSection(plan: NetworkPlan): string[] {
  const sgs = plan.edge.securityGroups;
  if (!sgs.length) return [];
  const out = ["", "<details><summary>Security groups</summary>", ""];
  for (const g of sgs) {
    out.push(`**\`${g.name}\`** on ${cell(g.attachTo)}`, "", row(["direction", "rule"]), row(["---", "---"]));
    for (const r of g.ingress) out.push(row(["in", ruleLabel(r)]));
    for (const r of g.egress) out.push(row(["out", ruleLabel(r, "to")]));
    out.push("");
  }
  out.push("</details>");
  return out;
}

/** The prerequisite checks with their status, when there are any. */
function prerequisiteSection(plan: NetworkPlan): string[] {
  if (!plan.edge.prerequisites.length) return [];
  return [
    "",
    "#### Prerequisites",
    "",
    row(["status", "check", "detail"]),
    row(["---", "---", "---"]),
    ...plan.edge.prerequisites.map((c) => row([c.status, c.what, c.detail])),
  ];
}

/** The flags of each control-plane component, folded; nothing on EKS, whose control plane is EKS'. */
function controlPlaneSection(plan: NetworkPlan): string[] {
  if (plan.eks) return [];
  const c = plan.controlPlane;
  const flags = (f: Record<string, string>) =>
    Object.entries(f)
      .map(([k, v]) => `\`--${k}=${v}\``)
      .join(" ");
  return [
    "",
    "<details><summary>Control-plane settings</summary>",
    "",
    row(["component", "flags"]),
    row(["---", "---"]),
    row(["kube-apiserver", flags(c.kubeApiServer)]),
    row(["kube-controller-manager", flags(c.kubeControllerManager)]),
    row(["kubelet", flags(c.kubelet)]),
    row(["kube-proxy", flags(c.kubeProxy)]),
    "",
    "</details>",
  ];
}

/** The resources the program declares, by type, with their total. */
function resourceSection(counts: Record<string, number>): string[] {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return [
    "",
    `#### Resources (${total})`,
    "",
    row(["type", "count"]),
    row(["---", "---:"]),
    ...Object.entries(counts)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([t, n]) => row([`\`${t}\``, String(n)])),
  ];
}

/** The plan's warnings with their fixes, when there are any. */
function warningSection(plan: NetworkPlan): string[] {
  if (!plan.warnings.length) return [];
  return [
    "",
    "#### Warnings",
    "",
    ...plan.warnings.map((w) => `- **${w.code}** \`${w.path}\`: ${cell(w.message)}. Fix: ${cell(w.fix)}`),
  ];
}

/** The whole plan as markdown, section by section. */
export function renderMarkdown(
  plan: NetworkPlan,
  stack: string,
  counts: Record<string, number>,
  ipv4: PublicIpv4Summary,
): string {
  const out = [
    ...headerSection(plan, stack),
    ...plan.zones.flatMap((zone) => zoneSection(plan, zone)),
    ...kubernetesSection(plan),
    ...eksSection(plan),
    ...apiLoadBalancerSection(plan),
    ...publicIpv4Section(ipv4),
    ...endpointsSection(plan),
    ...addonSection(plan),
    ...securityGroupSection(plan),
    ...prerequisiteSection(plan),
    ...controlPlaneSection(plan),
    ...resourceSection(counts),
    ...warningSection(plan),
  ];
  return out.join("\n") + "\n";
}
