/**
 * The VPC as an SVG diagram: the gateways and the API load balancer on top, one column per zone, each
 * subnet a box (name, kind, IPv4 and IPv6 blocks, DNS64, routes with their targets) coloured by kind,
 * the NAT gateways inside the subnet that hosts them. Route targets share the colour of their gateway, a
 * cross-zone NAT route is red. Pure: plan in, SVG text out; every text is escaped, long text wraps
 * (nothing is cut: the diagram holds every block and route of the plan).
 */
import type { NetworkPlan, RoutePlan, SubnetPlan } from "../core/types";
import { publicIpv4Summary } from "./public-ipv4";
import { ipv6Label, targetLabel } from "./table";

const COL_W = 340;
const GAP = 20;
const PAD = 24;
const LINE = 16;
/** Characters per line inside a subnet box: 12px monospace is ~7.3px a character, the box has 316px. */
const BOX_CHARS = 42;
/** The same for the bold 14px subnet name (~8.6px a character). */
const NAME_CHARS = 36;
/** And for the bold 12px proportional text of a NAT gateway or load-balancer mark (~7px, 300px). */
const MARK_CHARS = 43;

const KINDS: Record<string, { fill: string; stroke: string; label: string }> = {
  Utility: { fill: "#e3f2fd", stroke: "#1e88e5", label: "Utility / Public" },
  Public: { fill: "#e3f2fd", stroke: "#1e88e5", label: "Utility / Public" },
  DualStack: { fill: "#f3e5f5", stroke: "#8e24aa", label: "DualStack" },
  Private: { fill: "#e8f5e9", stroke: "#43a047", label: "Private (IPv6-only)" },
  PrivateIPv4: { fill: "#fff8e1", stroke: "#f9a825", label: "PrivateIPv4" },
};

/** Colours of route targets, shared with the gateway boxes on top. */
const TARGET = { igw: "#1565c0", eigw: "#6a1b9a", nat: "#e65100", other: "#455a64", crossZone: "#c62828", lb: "#00695c" };

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Splits text into lines of at most `max` characters, at spaces or after separators where possible. */
export function wrap(s: string, max: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const cut = Math.max(window.lastIndexOf(" "), window.lastIndexOf(",") + 1, window.lastIndexOf("-") + 1, window.lastIndexOf(":") + 1);
    const at = cut > max / 3 ? cut : max;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  out.push(rest);
  return out;
}

/** One line of text; `spans` colour parts of it. */
interface Line {
  spans: { text: string; fill?: string }[];
  cls: string;
}

const plain = (text: string, cls = "line"): Line => ({ spans: [{ text }], cls });

function textEl(x: number, y: number, line: Line, anchor?: string): string {
  const body = line.spans.map((s) => (s.fill ? `<tspan fill="${s.fill}">${escapeXml(s.text)}</tspan>` : escapeXml(s.text))).join("");
  return `<text x="${x}" y="${y}" class="${line.cls}"${anchor ? ` text-anchor="${anchor}"` : ""}>${body}</text>`;
}

function targetColour(r: RoutePlan): string {
  switch (r.target.kind) {
    case "internetGateway": return TARGET.igw;
    case "egressOnlyInternetGateway": return TARGET.eigw;
    case "natGateway": return r.target.crossZone ? TARGET.crossZone : TARGET.nat;
    default: return TARGET.other;
  }
}

/** A route as one line, or two when destination and target do not fit together. */
function routeLines(r: RoutePlan): Line[] {
  const target = targetLabel(r.target);
  const fill = targetColour(r);
  if (r.destination.length + 3 + target.length <= BOX_CHARS) return [{ spans: [{ text: `${r.destination} → ` }, { text: target, fill }], cls: "line" }];
  return [plain(`${r.destination} →`), ...wrap(target, BOX_CHARS - 2).map((t) => ({ spans: [{ text: `  ` }, { text: t, fill }], cls: "line" }))];
}

function subnetLines(s: SubnetPlan, plan: NetworkPlan): Line[] {
  const kind = [
    s.type === "Private" && s.ipv6Native ? "Private, IPv6-only" : s.type,
    s.mapPublicIpOnLaunch ? "public IPv4 per instance" : undefined,
    plan.edge.controlPlaneSubnets.includes(s.name) ? "control plane" : undefined,
  ].filter(Boolean).join(" · ");
  const lines: Line[] = [plain(kind, "kind")];
  lines.push(...wrap(`IPv4 ${s.cidrBlock ?? (s.id ? "(existing)" : "none")}`, BOX_CHARS).map((t) => plain(t)));
  lines.push(...wrap(`IPv6 ${s.ipv6 || s.id ? ipv6Label(s, plan) : "none"}`, BOX_CHARS).map((t) => plain(t)));
  if (s.dns64) lines.push(plain("DNS64 on"));
  if (s.id) lines.push(...wrap(`adopted ${s.id}`, BOX_CHARS).map((t) => plain(t, "note")), plain("routes not managed here", "note"));
  else if (s.routes.length === 0) lines.push(plain(s.egress === "External" ? "routes: managed elsewhere (External)" : "routes: local only", "note"));
  else for (const r of s.routes) lines.push(...routeLines(r));
  return lines;
}

/** A row of boxes (gateways, load balancer), wrapping onto more rows when wider than `width`. */
function chips(x0: number, y0: number, width: number, items: { title: string; detail: string; colour: string }[]): { svg: string[]; height: number } {
  const svg: string[] = [];
  let x = x0;
  let y = y0;
  const h = 44;
  for (const it of items) {
    // Helvetica: ~7.6px a character in the 13px bold title, ~6.4px in the 12px detail.
    const w = Math.min(width, 26 + Math.max(7.6 * it.title.length, 6.4 * it.detail.length));
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += h + 10;
    }
    svg.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="#ffffff" stroke="${it.colour}" stroke-width="2"/>`);
    svg.push(textEl(x + 12, y + 18, { spans: [{ text: it.title, fill: it.colour }], cls: "chip" }));
    svg.push(textEl(x + 12, y + 35, plain(it.detail, "chipd")));
    x += w + 12;
  }
  return { svg, height: y + h - y0 };
}

export function renderSvg(plan: NetworkPlan, stack: string): string {
  const cols = Math.max(1, plan.zones.length);
  const width = Math.max(PAD * 2 + cols * COL_W + (cols - 1) * GAP, 760);
  const inner = width - 2 * PAD;
  const v6 = plan.vpc.ipv6;
  const k = plan.kubernetes;
  const lb = plan.edge.apiLoadBalancer;
  const ipv4 = publicIpv4Summary(plan);
  const head: string[] = [];
  let y = 30;
  head.push(textEl(PAD, y, plain(`${plan.project} · stack ${stack} · ${plan.region}`, "title")));
  y += 22;
  const vpcLine = `VPC ${plan.vpc.id ?? "(new)"} · IPv4 ${plan.vpc.cidrBlock} · IPv6 ${!v6 ? "none (IPv4-only VPC)" : v6.cidrBlock ?? `/${v6.prefixLength} from ${v6.source === "ipam" ? `IPAM pool ${v6.ipamPoolId}` : "AWS"}`}${plan.protect ? " · protected" : ""}`;
  const k8sLine = `Kubernetes ${k.ipFamilies.join(" + ")} · pods ${k.podCIDRs.join(", ")} · services ${k.serviceCIDRs.join(", ")} · DNS ${k.dnsServiceIP} · CNI ${k.cni}`;
  const costLine = `Public IPv4: ${ipv4.stackTotal} (US$${ipv4.stackUsdPerMonth.toFixed(2)}/month) · IPv4-only layout: ${ipv4.ipv4OnlyTotal} (US$${ipv4.ipv4OnlyUsdPerMonth.toFixed(2)}/month)${ipv4.perInstanceSubnets.length ? " · plus one per instance in publicIPv4 subnets" : ""}`;
  for (const l of [vpcLine, k8sLine, costLine]) {
    for (const t of wrap(l, Math.floor(inner / 6.8))) {
      head.push(textEl(PAD, y, plain(t, "sub")));
      y += 19;
    }
  }
  y += 4;

  const items = [
    { title: "internet gateway", detail: plan.vpc.internetGatewayId ?? "igw (new)", colour: TARGET.igw },
    ...(v6 ? [{ title: "egress-only internet gateway", detail: v6.egressOnlyInternetGatewayId ?? "eigw (new)", colour: TARGET.eigw }] : []),
    { title: `NAT gateways: ${plan.natMode}`, detail: plan.natGateways.length ? `${plan.natGateways.length}: ${plan.natGateways.map((n) => n.name).join(", ")}` : "none created", colour: TARGET.nat },
    ...(lb ? [{ title: `API load balancer (NLB, TCP ${lb.port})`, detail: `${lb.scheme}, ${lb.ipAddressType}, ${lb.targetGroupIpType} targets, in ${lb.subnets.length} zone${lb.subnets.length === 1 ? "" : "s"}`, colour: TARGET.lb }] : []),
  ];
  const row = chips(PAD, y, inner, items);
  head.push(...row.svg);
  y += row.height + 22;

  // Legend: one swatch per kind present, and the route colours.
  let lx = PAD;
  const seen = new Set<string>();
  for (const s of plan.subnets) {
    const c = KINDS[s.type] ?? KINDS.Private;
    if (seen.has(c.label)) continue;
    seen.add(c.label);
    head.push(`<rect x="${lx}" y="${y - 11}" width="14" height="14" rx="3" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"/>`);
    head.push(textEl(lx + 20, y, plain(c.label, "legend")));
    lx += 20 + 5.6 * c.label.length + 18;
  }
  if (plan.subnets.some((s) => s.id)) {
    head.push(`<rect x="${lx}" y="${y - 11}" width="14" height="14" rx="3" fill="none" stroke="#607d8b" stroke-dasharray="3 2" stroke-width="1.5"/>`);
    head.push(textEl(lx + 20, y, plain("adopted (existing)", "legend")));
    lx += 20 + 5.6 * 18 + 18;
  }
  // The route colours, on their own line when the kinds leave too little room (~330px).
  if (lx + 330 > width - PAD) {
    lx = PAD;
    y += 20;
  }
  head.push(textEl(lx, y, {
    cls: "legend",
    spans: [{ text: "routes to: " }, { text: "igw", fill: TARGET.igw }, { text: " · " }, { text: "eigw", fill: TARGET.eigw }, { text: " · " }, { text: "NAT", fill: TARGET.nat }, { text: " · " }, { text: "NAT in another zone", fill: TARGET.crossZone }, { text: " · " }, { text: "other", fill: TARGET.other }],
  }));
  y += 22;

  const vpcTop = y;
  const zonesTop = vpcTop + 30;
  const parts: string[] = [];
  let maxY = zonesTop;
  plan.zones.forEach((zone, i) => {
    const x = PAD + i * (COL_W + GAP);
    let cy = zonesTop;
    parts.push(textEl(x + COL_W / 2, cy, plain(zone, "zone"), "middle"));
    cy += 12;
    const subnets = plan.subnets.filter((s) => s.zone === zone);
    if (subnets.length === 0) {
      parts.push(textEl(x + COL_W / 2, cy + 20, plain("(no subnets)", "note"), "middle"));
      cy += 30;
    }
    for (const s of subnets) {
      const names = wrap(s.name, NAME_CHARS);
      const lines = subnetLines(s, plan);
      const hosted = plan.natGateways.filter((n) => n.subnet === s.name);
      const marks = [
        ...hosted.map((n) => ({ colour: TARGET.nat, lines: wrap(`NAT gateway ${n.name} (${n.allocationId ? `EIP ${n.allocationId}` : "new EIP"})`, MARK_CHARS) })),
        ...(lb?.subnets.includes(s.name) ? [{ colour: TARGET.lb, lines: wrap(`API load balancer node (${lb.scheme})`, MARK_CHARS) }] : []),
      ];
      const top = 8 + names.length * 18;
      const markH = marks.reduce((a, m) => a + m.lines.length * LINE + 10, 0);
      const h = top + lines.length * LINE + 8 + markH + (markH ? 4 : 0);
      const c = KINDS[s.type] ?? KINDS.Private;
      parts.push(`<g class="subnet" data-subnet="${escapeXml(s.name)}">`);
      parts.push(`<title>${escapeXml(`${s.name} (${s.type}, ${zone})`)}</title>`);
      parts.push(`<rect x="${x}" y="${cy}" width="${COL_W}" height="${h}" rx="8" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"${s.id ? ' stroke-dasharray="6 4"' : ""}/>`);
      names.forEach((n, j) => parts.push(textEl(x + 12, cy + 20 + j * 18, plain(n, "name"))));
      lines.forEach((l, j) => parts.push(textEl(x + 12, cy + top + 12 + j * LINE, l)));
      let ny = cy + top + lines.length * LINE + 8;
      for (const m of marks) {
        const mh = m.lines.length * LINE + 6;
        parts.push(`<rect x="${x + 10}" y="${ny}" width="${COL_W - 20}" height="${mh}" rx="4" fill="#ffffff" stroke="${m.colour}" stroke-width="1.5"/>`);
        m.lines.forEach((t, j) => parts.push(textEl(x + 18, ny + 15 + j * LINE, { spans: [{ text: t, fill: m.colour }], cls: "nat" })));
        ny += mh + 4;
      }
      parts.push("</g>");
      cy += h + 12;
    }
    maxY = Math.max(maxY, cy);
  });

  const height = maxY + PAD + 4;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(`VPC of stack ${stack} (${plan.region})`)}</title>`,
    `<style>.title{font-size:18px;font-weight:bold}.sub{font-size:13px;fill:#263238}.zone{font-size:15px;font-weight:bold;fill:#37474f}.name{font-size:14px;font-weight:bold}.kind{font-size:12px;font-style:italic;fill:#455a64}.line{font-size:12px;font-family:Menlo,Consolas,"DejaVu Sans Mono",monospace}.note{font-size:12px;font-style:italic;fill:#546e7a}.nat{font-size:12px;font-weight:bold}.chip{font-size:13px;font-weight:bold}.chipd{font-size:12px;fill:#263238}.legend{font-size:12px;fill:#455a64}</style>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...head,
    `<rect x="${PAD / 2}" y="${vpcTop}" width="${width - PAD}" height="${maxY - vpcTop + 8}" rx="10" fill="none" stroke="#607d8b" stroke-dasharray="4 3"/>`,
    textEl(PAD / 2 + 8, vpcTop + 14, plain("VPC", "legend")),
    ...parts,
    "</svg>",
  ];
  return svg.join("\n") + "\n";
}
