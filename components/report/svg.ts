/**
 * The VPC as an SVG diagram: gateways on top, one column per zone, each subnet a box (name, kind, IPv4
 * and IPv6 blocks, DNS64, routes with their targets), the zone's NAT gateway marked in the subnet that
 * hosts it. Pure: plan in, SVG text out; every text is escaped.
 */
import type { NetworkPlan, SubnetPlan } from "../core/types";
import { ipv6Label, routeLabel } from "./table";

const COL_W = 330;
const GAP = 24;
const PAD = 24;
const LINE = 16;
const HEAD = 168;

const COLORS: Record<string, { fill: string; stroke: string }> = {
  Utility: { fill: "#e3f2fd", stroke: "#1e88e5" },
  Public: { fill: "#e3f2fd", stroke: "#1e88e5" },
  DualStack: { fill: "#f3e5f5", stroke: "#8e24aa" },
  Private: { fill: "#e8f5e9", stroke: "#43a047" },
  PrivateIPv4: { fill: "#fff8e1", stroke: "#f9a825" },
};

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function text(x: number, y: number, s: string, attrs = ""): string {
  return `<text x="${x}" y="${y}"${attrs ? " " + attrs : ""}>${escapeXml(s)}</text>`;
}

/** Keeps a line inside a box: long route lists are cut with an ellipsis (the full list is in the plan). */
function fit(s: string, max = 46): string {
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

function subnetLines(s: SubnetPlan, plan: NetworkPlan): string[] {
  const kind = s.type === "Private" && s.ipv6Native ? "Private, IPv6-only" : s.type;
  const lines = [`IPv4 ${s.cidrBlock ?? (s.id ? "(existing)" : "none")}`, `IPv6 ${ipv6Label(s, plan)}`];
  if (s.dns64) lines.push("DNS64 on");
  if (s.id) lines.push(`adopted ${s.id}`);
  else if (s.routes.length === 0) lines.push(s.egress === "External" ? "routes: external" : "routes: local only");
  else for (const r of s.routes) lines.push(routeLabel(r).replace(" -> ", " → "));
  return [kind, ...lines];
}

export function renderSvg(plan: NetworkPlan, stack: string): string {
  const cols = plan.zones.length;
  const width = PAD * 2 + cols * COL_W + (cols - 1) * GAP;
  const parts: string[] = [];
  let maxY = HEAD;

  plan.zones.forEach((zone, i) => {
    const x = PAD + i * (COL_W + GAP);
    let y = HEAD + 8;
    parts.push(text(x + COL_W / 2, y, zone, 'class="zone" text-anchor="middle"'));
    y += 14;
    for (const s of plan.subnets.filter((x) => x.zone === zone)) {
      const lines = subnetLines(s, plan);
      const nat = plan.natGateways.find((n) => n.subnet === s.name);
      const h = 30 + lines.length * LINE + (nat ? 26 : 0);
      const c = COLORS[s.type] ?? COLORS.Private;
      parts.push(`<g class="subnet" data-subnet="${escapeXml(s.name)}">`);
      parts.push(`<rect x="${x}" y="${y}" width="${COL_W}" height="${h}" rx="8" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"${s.id ? ' stroke-dasharray="6 4"' : ""}/>`);
      parts.push(text(x + 12, y + 20, s.name, 'class="name"'));
      lines.forEach((l, k) => parts.push(text(x + 12, y + 38 + k * LINE, fit(l), k === 0 ? 'class="kind"' : 'class="line"')));
      if (nat) {
        const ny = y + 30 + lines.length * LINE;
        parts.push(`<rect x="${x + 12}" y="${ny}" width="${COL_W - 24}" height="20" rx="4" fill="#ffffff" stroke="#e65100"/>`);
        parts.push(text(x + 20, ny + 14, fit(`NAT gateway ${nat.name} (EIP ${nat.allocationId ?? "new"})`, 44), 'class="nat"'));
      }
      parts.push("</g>");
      y += h + 12;
    }
    maxY = Math.max(maxY, y);
  });

  const height = maxY + PAD + 24;
  const v6 = plan.vpc.ipv6;
  const vpcTitle = `VPC ${plan.vpc.id ?? "(new)"} · IPv4 ${plan.vpc.cidrBlock} · IPv6 ${!v6 ? "none" : v6.cidrBlock ?? `/${v6.prefixLength} from ${v6.source === "ipam" ? "IPAM" : "AWS"}`}`;
  const k = plan.kubernetes;
  const gw = [
    `internet gateway ${plan.vpc.internetGatewayId ?? "igw (new)"}`,
    v6 ? `egress-only gateway ${v6.egressOnlyInternetGatewayId ?? "eigw (new)"}` : undefined,
    `NAT: ${plan.natMode}, ${plan.natGateways.length} gateway${plan.natGateways.length === 1 ? "" : "s"}`,
    plan.edge.apiLoadBalancer ? `API LB ${plan.edge.apiLoadBalancer.scheme} ${plan.edge.apiLoadBalancer.ipAddressType} → ${plan.edge.apiLoadBalancer.targetGroupIpType} targets` : undefined,
  ].filter((x): x is string => x !== undefined);

  const head = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<style>.title{font-size:18px;font-weight:bold}.zone{font-size:15px;font-weight:bold;fill:#37474f}.name{font-size:14px;font-weight:bold}.kind{font-size:12px;font-style:italic;fill:#455a64}.line{font-size:12px;font-family:Menlo,Consolas,monospace}.nat{font-size:12px;fill:#e65100}.gw{font-size:13px}.legend{font-size:12px;fill:#455a64}</style>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    text(PAD, 30, `${plan.project} · stack ${stack} · ${plan.region}`, 'class="title"'),
    text(PAD, 52, vpcTitle, 'class="gw"'),
    text(PAD, 72, `Kubernetes ${k.ipFamilies.join(" + ")} · pods ${k.podCIDRs.join(", ")} · services ${k.serviceCIDRs.join(", ")} · DNS ${k.dnsServiceIP}`, 'class="gw"'),
    `<rect x="${PAD}" y="86" width="${width - 2 * PAD}" height="34" rx="6" fill="#eceff1" stroke="#90a4ae"/>`,
    text(PAD + 12, 108, gw.join("   ·   "), 'class="gw"'),
    text(PAD, 138, "blue: Utility/Public · purple: DualStack · green: Private (IPv6-only) · amber: PrivateIPv4 · dashed: adopted", 'class="legend"'),
    `<rect x="${PAD / 2}" y="${HEAD - 22}" width="${width - PAD}" height="${maxY - HEAD + 34}" rx="10" fill="none" stroke="#607d8b" stroke-dasharray="4 3"/>`,
    text(PAD, HEAD - 8, "VPC", 'class="legend"'),
  ];
  return [...head, ...parts, "</svg>"].join("\n") + "\n";
}
