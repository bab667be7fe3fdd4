/**
 * The VPC as an SVG diagram: the gateways and the API load balancer on top, one column per zone, each
 * subnet a box (name, kind, IPv4 and IPv6 blocks, DNS64, routes with their targets) coloured by kind,
 * the NAT gateways inside the subnet that hosts them. Route targets share the colour of their gateway, a
 * cross-zone NAT route is red. On EKS the cluster is a box on top, its subnets say so and each subnet holds a mark
 * per node group placed in it. Pure: plan in, SVG text out; every text is escaped.
 *
 * Nothing is clipped or cut: the layout measures its text. There are no font metrics here, so all text
 * is monospace (FONT_FAMILY) and a character is taken as CHAR_EM of the font size wide, a little more
 * than the fonts listed really take. The zone columns are as wide as their widest box line (between
 * MIN_COL and MAX_COL; longer text wraps), the canvas as wide as the columns, the title (up to
 * TITLE_MAX) and the header lines (up to HEADER_MAX; longer ones wrap); every other text wraps to the
 * box that holds it.
 */
import type { RoutePlan, SubnetPlan } from "../core/types";
import type { NetworkPlan } from "../core/network-plan";
import type { EksPlan } from "../core/eks/types";
import { publicIpv4Summary } from "./public-ipv4";
import { ipv6Label, targetLabel } from "./table";

/**
 * Monospace first: DejaVu Sans Mono (Linux, headless Chromium), Menlo (macOS), Consolas (Windows),
 * Liberation Mono, then the browser's own monospace font.
 */
export const FONT_FAMILY = `"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace`;
/**
 * Advance of one character cell as a fraction of the font size, bold and italic alike. DejaVu Sans Mono
 * and Menlo (its derivative) take 0.602, Liberation Mono and Courier New 0.600, Consolas 0.550: 0.62 is
 * a little more than any of them, so an estimate is never short.
 */
export const CHAR_EM = 0.62;

/** Font size (px) of each text class, as the style sheet below sets it. */
const SIZE = {
  title: 18,
  sub: 13,
  zone: 15,
  name: 14,
  kind: 12,
  line: 12,
  note: 12,
  nat: 12,
  chip: 13,
  chipd: 12,
  legend: 12,
} as const;
type Cls = keyof typeof SIZE;

const GAP = 20;
const PAD = 24;
const LINE = 16;
/** Inset of the text in a subnet box (each side), and of a NAT gateway or load-balancer mark's text. */
const BOX_IN = 12;
const MARK_IN = 18;
/** Bounds of a zone column's width (px): text wider than MAX_COL wraps. */
const MIN_COL = 260;
const MAX_COL = 480;
/** How far the title and the header lines may widen the canvas (px of text) before they wrap. */
const TITLE_MAX = 1400;
const HEADER_MAX = 720;

const KINDS: Record<string, { fill: string; stroke: string; label: string }> = {
  Utility: { fill: "#e3f2fd", stroke: "#1e88e5", label: "Utility / Public" },
  Public: { fill: "#e3f2fd", stroke: "#1e88e5", label: "Utility / Public" },
  DualStack: { fill: "#f3e5f5", stroke: "#8e24aa", label: "DualStack" },
  Private: { fill: "#e8f5e9", stroke: "#43a047", label: "Private (IPv6-only)" },
  PrivateIPv4: { fill: "#fff8e1", stroke: "#f9a825", label: "PrivateIPv4" },
};

/** Colours of route targets, shared with the gateway boxes on top. */
const TARGET = {
  igw: "#1565c0",
  eigw: "#6a1b9a",
  nat: "#e65100",
  other: "#455a64",
  crossZone: "#c62828",
  lb: "#00695c",
  eks: "#ad1457",
};

/** Extra paint of each text class, after its font size (SIZE): the style sheet of every diagram. */
const STYLE: Record<Cls, string> = {
  title: "font-weight:bold",
  sub: "fill:#263238",
  zone: "font-weight:bold;fill:#37474f",
  name: "font-weight:bold",
  kind: "font-style:italic;fill:#455a64",
  line: "",
  note: "font-style:italic;fill:#546e7a",
  nat: "font-weight:bold",
  chip: "font-weight:bold",
  chipd: "fill:#263238",
  legend: "fill:#455a64",
};
const CSS = (Object.entries(STYLE) as [Cls, string][])
  .map(([c, rest]) => `.${c}{font-size:${SIZE[c]}px${rest ? `;${rest}` : ""}}`)
  .join("");

/** Text made safe for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/**
 * Character cells of one character (a code point): Latin, the arrows and punctuation the diagram uses
 * take one cell in the fonts above; combining marks none; anything else two (a fallback font may draw
 * it, CJK is a full em wide).
 */
function cellsOf(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c >= 0x300 && c <= 0x36f) return 0;
  if (c <= 0x24f || (c >= 0x2010 && c <= 0x2027) || c === 0x2192) return 1;
  return 2;
}

/** Character cells of a text. */
export function cells(s: string): number {
  let n = 0;
  for (const ch of s) n += cellsOf(ch);
  return n;
}

/** Estimated width (px) of a text at a font size: never less than the fonts of FONT_FAMILY draw. */
export function textWidth(s: string, fontSize: number): number {
  return cells(s) * CHAR_EM * fontSize;
}

/** Character cells that fit in `px` at the size of class `cls`. */
function fit(px: number, cls: Cls): number {
  return Math.max(1, Math.floor(px / (CHAR_EM * SIZE[cls])));
}

/** Splits text into lines of at most `max` character cells, at spaces or after separators where possible. */
export function wrap(s: string, max: number): string[] {
  const out: string[] = [];
  let rest = Array.from(s);
  while (rest.reduce((n, ch) => n + cellsOf(ch), 0) > max) {
    // n: the most characters that fit. A line ends at a space (dropped) in the second half of them, else
    // at the last space or after the last , - : in their last two thirds, else after all n.
    let n = 0;
    for (let used = 0; n < rest.length && used + cellsOf(rest[n]) <= max; n++) used += cellsOf(rest[n]);
    n = Math.max(n, 1);
    const last = (from: number, ok: (i: number) => boolean) => {
      for (let i = n; i > from; i--) if (ok(i)) return i;
      return undefined;
    };
    const cut =
      last(n / 2, (i) => rest[i] === " ") ?? last(n / 3, (i) => rest[i] === " " || ",-:".includes(rest[i - 1])) ?? n;
    out.push(rest.slice(0, cut).join("").trimEnd());
    rest = rest.slice(cut);
    while (rest[0] === " ") rest = rest.slice(1);
  }
  out.push(rest.join(""));
  return out;
}

/** One line of text; `spans` colour parts of it. */
interface Line {
  spans: { text: string; fill?: string }[];
  cls: Cls;
}

const plain = (text: string, cls: Cls = "line"): Line => ({ spans: [{ text }], cls });
const lineText = (l: Line) => l.spans.map((s) => s.text).join("");
const lineWidth = (l: Line) => textWidth(lineText(l), SIZE[l.cls]);
/** `text` wrapped to `px`, one Line each. */
const wrapped = (text: string, px: number, cls: Cls = "line", fill?: string): Line[] =>
  wrap(text, fit(px, cls)).map((t) => ({ spans: [{ text: t, fill }], cls }));

/** A text element at (x, y) in the line's class, its coloured spans as tspans. */
function textEl(x: number, y: number, line: Line, anchor?: string): string {
  const body = line.spans
    .map((s) => (s.fill ? `<tspan fill="${s.fill}">${escapeXml(s.text)}</tspan>` : escapeXml(s.text)))
    .join("");
  return `<text x="${x}" y="${y}" class="${line.cls}"${anchor ? ` text-anchor="${anchor}"` : ""}>${body}</text>`;
}

/** The start of a rect element: position, size and corner radius (the caller adds the paint and closes it). */
function rectAt(x: number, y: number, w: number, h: number, rx: number): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${rx}"`;
}

/** The colour of a route's target: its gateway's, red for a NAT gateway in another zone. */
function targetColour(r: RoutePlan): string {
  switch (r.target.kind) {
    case "internetGateway":
      return TARGET.igw;
    case "egressOnlyInternetGateway":
      return TARGET.eigw;
    case "natGateway":
      return r.target.crossZone ? TARGET.crossZone : TARGET.nat;
    default:
      return TARGET.other;
  }
}

/** A route as one line, or destination and target on lines of their own when they do not fit in `px`. */
function routeLines(r: RoutePlan, px: number): Line[] {
  const target = targetLabel(r.target);
  const fill = targetColour(r);
  const one: Line = { spans: [{ text: `${r.destination} → ` }, { text: target, fill }], cls: "line" };
  if (lineWidth(one) <= px) return [one];
  return [
    ...wrapped(`${r.destination} →`, px),
    ...wrap(target, fit(px, "line") - 2).map((t) => ({
      spans: [{ text: "  " }, { text: t, fill }],
      cls: "line" as const,
    })),
  ];
}

/** The lines of a subnet box below its name, wrapped to `px` (Infinity: one line each, to measure). */
function subnetLines(s: SubnetPlan, plan: NetworkPlan, px: number): Line[] {
  const kind = [
    s.type === "Private" && s.ipv6Only ? "Private, IPv6-only" : s.type,
    s.mapPublicIpOnLaunch ? "public IPv4 per instance" : undefined,
    plan.edge.controlPlaneSubnets.includes(s.name)
      ? plan.eks
        ? "EKS cluster interfaces"
        : "control plane"
      : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
  const lines: Line[] = [...wrapped(kind, px, "kind")];
  lines.push(...wrapped(`IPv4 ${s.cidrBlock ?? (s.id ? "(existing)" : "none")}`, px));
  lines.push(...wrapped(`IPv6 ${s.ipv6 || s.id ? ipv6Label(s, plan) : "none"}`, px));
  if (s.dns64) lines.push(plain("DNS64 on"));
  if (s.id) lines.push(...wrapped(`adopted ${s.id}`, px, "note"), ...wrapped("routes not managed here", px, "note"));
  else if (s.routes.length === 0)
    lines.push(
      ...wrapped(s.egress === "External" ? "routes: managed elsewhere (External)" : "routes: local only", px, "note"),
    );
  else for (const r of s.routes) lines.push(...routeLines(r, px));
  return lines;
}

/** The NAT gateway and load-balancer marks of a subnet, as text with their colour. */
function subnetMarks(s: SubnetPlan, plan: NetworkPlan): { colour: string; text: string }[] {
  const lb = plan.edge.apiLoadBalancer;
  return [
    ...plan.natGateways
      .filter((n) => n.subnet === s.name)
      .map((n) => ({
        colour: TARGET.nat,
        text: `NAT gateway ${n.name} (${n.allocationId ? `EIP ${n.allocationId}` : "new EIP"})`,
      })),
    ...(lb?.subnets.includes(s.name) ? [{ colour: TARGET.lb, text: `API load balancer node (${lb.scheme})` }] : []),
    ...(plan.eks?.nodeGroups ?? [])
      .filter((g) => g.subnets.includes(s.name))
      .map((g) => ({ colour: TARGET.eks, text: `EKS node group ${g.name} (${g.instanceTypes.join(", ")})` })),
  ];
}

/** Width a subnet box needs to hold each of its texts on one line. */
function subnetNaturalWidth(s: SubnetPlan, plan: NetworkPlan): number {
  return Math.max(
    2 * BOX_IN + textWidth(s.name, SIZE.name),
    ...subnetLines(s, plan, Infinity).map((l) => 2 * BOX_IN + lineWidth(l)),
    ...subnetMarks(s, plan).map((m) => 2 * MARK_IN + textWidth(m.text, SIZE.nat)),
  );
}

/** A box on top of the diagram: a gateway or the load balancer, its title in the colour of its routes. */
interface Chip {
  title: string;
  detail: string;
  colour: string;
}

/** Boxes in a row (gateways, load balancer), onto more rows when wider than `width`; their text wraps. */
function chips(x0: number, y0: number, width: number, items: Chip[]): { svg: string[]; height: number } {
  const svg: string[] = [];
  let x = x0;
  let y = y0;
  let rowH = 0;
  for (const it of items) {
    const w = Math.ceil(
      Math.min(width, 2 * BOX_IN + Math.max(textWidth(it.title, SIZE.chip), textWidth(it.detail, SIZE.chipd))),
    );
    const title = wrapped(it.title, w - 2 * BOX_IN, "chip", it.colour);
    const detail = wrapped(it.detail, w - 2 * BOX_IN, "chipd");
    const h = 18 + (title.length - 1) * LINE + detail.length * LINE + 1 + 9;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += rowH + 10;
      rowH = 0;
    }
    svg.push(`${rectAt(x, y, w, h, 6)} fill="#ffffff" stroke="${it.colour}" stroke-width="2"/>`);
    title.forEach((l, j) => svg.push(textEl(x + BOX_IN, y + 18 + j * LINE, l)));
    detail.forEach((l, j) => svg.push(textEl(x + BOX_IN, y + 18 + title.length * LINE + 1 + j * LINE, l)));
    x += w + 12;
    rowH = Math.max(rowH, h);
  }
  return { svg, height: y + rowH - y0 };
}

/** The title and the lines under it: the VPC, the Kubernetes addressing, public IPv4 and its cost. */
interface Header {
  title: string;
  lines: string[];
}

/** The VPC's IPv6 block in words: the block when known, else its size and where it comes from. */
function vpcIpv6Text(plan: NetworkPlan): string {
  const v6 = plan.vpc.ipv6;
  if (!v6) return "none (IPv4-only VPC)";
  return v6.cidrBlock ?? `/${v6.prefixLength} from ${v6.source === "ipam" ? `IPAM pool ${v6.ipamPoolId}` : "AWS"}`;
}

/** The texts of the header: title, VPC line, Kubernetes line and public IPv4 line. */
function headerTexts(plan: NetworkPlan, stack: string): Header {
  const k = plan.kubernetes;
  const ipv4 = publicIpv4Summary(plan);
  const usd = (n: number) => `US$${n.toFixed(2)}/month`;
  const vpcLine =
    `VPC ${plan.vpc.id ?? "(new)"} · IPv4 ${plan.vpc.cidrBlock} · IPv6 ${vpcIpv6Text(plan)}` +
    (plan.protect ? " · protected" : "");
  const k8sLine = plan.eks
    ? `Kubernetes on Amazon EKS ${plan.eks.version} · ipv6 · pods /80 prefixes of the node subnets` +
      " · services chosen by EKS from fc00::/7"
    : `Kubernetes ${k.ipFamilies.join(" + ")} · pods ${k.podCIDRs.join(", ")}` +
      ` · services ${k.serviceCIDRs.join(", ")} · DNS ${k.dnsServiceIP} · CNI ${k.cni}`;
  const costLine =
    `Public IPv4: ${ipv4.stackTotal} (${usd(ipv4.stackUsdPerMonth)})` +
    ` · IPv4-only layout: ${ipv4.ipv4OnlyTotal} (${usd(ipv4.ipv4OnlyUsdPerMonth)})` +
    (ipv4.perInstanceSubnets.length ? " · plus one per instance in publicIPv4 subnets" : "");
  return { title: `${plan.project} · stack ${stack} · ${plan.region}`, lines: [vpcLine, k8sLine, costLine] };
}

/** A legend entry for a kind of subnet box. */
interface Swatch {
  label: string;
  fill: string;
  stroke: string;
  dash?: string;
}

/** One swatch per kind of box present (in plan order), then one for adopted subnets when there are any. */
function legendSwatches(plan: NetworkPlan): Swatch[] {
  const swatches: Swatch[] = [];
  for (const s of plan.subnets) {
    const c = KINDS[s.type] ?? KINDS.Private;
    if (!swatches.some((w) => w.label === c.label)) swatches.push(c);
  }
  if (plan.subnets.some((s) => s.id))
    swatches.push({ label: "adopted (existing)", fill: "none", stroke: "#607d8b", dash: "3 2" });
  return swatches;
}

/** The route colours, as the last entry of the legend. */
const ROUTE_LEGEND: Line = {
  cls: "legend",
  spans: [
    { text: "routes to: " },
    { text: "igw", fill: TARGET.igw },
    { text: " · " },
    { text: "eigw", fill: TARGET.eigw },
    { text: " · " },
    { text: "NAT", fill: TARGET.nat },
    { text: " · " },
    { text: "NAT in another zone", fill: TARGET.crossZone },
    { text: " · " },
    { text: "other", fill: TARGET.other },
  ],
};

/** Width of a swatch with its label. */
const swatchW = (label: string) => 20 + textWidth(label, SIZE.legend);

/** Width of the zone columns: the widest text of any box or zone name, within MIN_COL..MAX_COL. */
function columnWidth(plan: NetworkPlan): number {
  return Math.ceil(
    Math.min(
      MAX_COL,
      Math.max(
        MIN_COL,
        ...plan.zones.map((z) => textWidth(z, SIZE.zone)),
        ...plan.subnets.map((s) => subnetNaturalWidth(s, plan)),
      ),
    ),
  );
}

/** Width inside the margins: the columns, the title and header lines (up to their caps), the legend. */
function innerWidth(plan: NetworkPlan, colW: number, header: Header, swatches: Swatch[]): number {
  const cols = Math.max(1, plan.zones.length);
  return Math.ceil(
    Math.max(
      cols * colW + (cols - 1) * GAP,
      Math.min(TITLE_MAX, textWidth(header.title, SIZE.title)),
      Math.min(HEADER_MAX, Math.max(...header.lines.map((l) => textWidth(l, SIZE.sub)))),
      lineWidth(ROUTE_LEGEND),
      ...swatches.map((w) => swatchW(w.label)),
    ),
  );
}

/** The title and header lines wrapped to `inner`, from the top; returns them and the y below them. */
function drawHeader(header: Header, inner: number): { svg: string[]; y: number } {
  const svg: string[] = [];
  let y = 30;
  for (const l of wrapped(header.title, inner, "title")) {
    svg.push(textEl(PAD, y, l));
    y += 24;
  }
  y -= 2;
  for (const l of header.lines) {
    for (const t of wrapped(l, inner, "sub")) {
      svg.push(textEl(PAD, y, t));
      y += 19;
    }
  }
  return { svg, y: y + 4 };
}

/** The boxes on top: internet gateway, egress-only gateway (with IPv6), NAT gateways, API load balancer. */
function gatewayChips(plan: NetworkPlan): Chip[] {
  const v6 = plan.vpc.ipv6;
  const lb = plan.edge.apiLoadBalancer;
  const items: Chip[] = [
    {
      title: "internet gateway",
      detail:
        plan.vpc.internetGateway === "lookup"
          ? `the one attached to ${plan.vpc.id} (looked up at preview)`
          : (plan.vpc.internetGatewayId ?? "igw (new)"),
      colour: TARGET.igw,
    },
  ];
  if (v6 && v6.egressOnlyGateway !== "none")
    items.push({
      title: "egress-only internet gateway",
      detail: v6.egressOnlyInternetGatewayId ?? "eigw (new)",
      colour: TARGET.eigw,
    });
  items.push({
    title: `NAT gateways: ${plan.natMode}`,
    detail: plan.natGateways.length
      ? `${plan.natGateways.length}: ${plan.natGateways.map((n) => n.name).join(", ")}`
      : "none created",
    colour: TARGET.nat,
  });
  if (lb) {
    const zones = `${lb.subnets.length} zone${lb.subnets.length === 1 ? "" : "s"}`;
    items.push({
      title: `API load balancer (NLB, TCP ${lb.port})`,
      detail: `${lb.scheme}, ${lb.ipAddressType}, ${lb.targetGroupIpType} targets, in ${zones}`,
      colour: TARGET.lb,
    });
  }
  if (plan.eks) items.push(eksChip(plan.eks));
  return items;
}

/** The EKS cluster's box: version and family, endpoint, add-ons, node groups, Fargate. */
function eksChip(eks: EksPlan): Chip {
  const e = eks.endpoint;
  const endpoint = [
    e.privateAccess ? "private" : "",
    e.publicAccess ? `public (${e.publicAccessCidrs.join(", ")})` : "",
  ].filter(Boolean);
  const detail = [
    `endpoint ${endpoint.join(" + ") || "none"}`,
    `add-ons ${eks.addons.map((a) => a.name).join(", ")}`,
    `node groups ${eks.nodeGroups.map((g) => g.name).join(", ") || "none"}`,
    ...(eks.fargate ? [`Fargate ${eks.fargate.namespaces.join(", ")}`] : []),
  ];
  return {
    title: `EKS cluster ${eks.name ?? "(named by Pulumi)"}, Kubernetes ${eks.version}, IPv6`,
    detail: detail.join(" · "),
    colour: TARGET.eks,
  };
}

/** The legend from `y0`: the swatches, then the route colours, onto a new row when the next does not fit. */
function drawLegend(swatches: Swatch[], inner: number, y0: number): { svg: string[]; y: number } {
  const svg: string[] = [];
  let lx = PAD;
  let y = y0;
  const place = (w: number) => {
    if (lx > PAD && lx + w > PAD + inner) {
      lx = PAD;
      y += 20;
    }
  };
  for (const w of swatches) {
    place(swatchW(w.label));
    const dash = w.dash ? ` stroke-dasharray="${w.dash}"` : "";
    svg.push(`${rectAt(lx, y - 11, 14, 14, 3)} fill="${w.fill}" stroke="${w.stroke}"${dash} stroke-width="1.5"/>`);
    svg.push(textEl(lx + 20, y, plain(w.label, "legend")));
    lx += swatchW(w.label) + 18;
  }
  place(lineWidth(ROUTE_LEGEND));
  svg.push(textEl(lx, y, ROUTE_LEGEND));
  return { svg, y: y + 22 };
}

/** A NAT gateway or load-balancer mark, its text wrapped to the subnet box. */
interface Mark {
  colour: string;
  lines: Line[];
}

/** The marks of a subnet box, stacked from `y0` inside the box at `x`, `colW` wide. */
function drawMarks(marks: Mark[], x: number, y0: number, colW: number): string[] {
  const svg: string[] = [];
  let ny = y0;
  for (const m of marks) {
    const mh = m.lines.length * LINE + 6;
    svg.push(`${rectAt(x + 10, ny, colW - 20, mh, 4)} fill="#ffffff" stroke="${m.colour}" stroke-width="1.5"/>`);
    m.lines.forEach((l, j) => svg.push(textEl(x + MARK_IN, ny + 15 + j * LINE, l)));
    ny += mh + 4;
  }
  return svg;
}

/** One subnet box at (x, y), `colW` wide: its name, its lines, then its marks; returns it and its height. */
function drawSubnet(s: SubnetPlan, plan: NetworkPlan, x: number, y: number, colW: number) {
  const px = colW - 2 * BOX_IN;
  const names = wrapped(s.name, px, "name");
  const lines = subnetLines(s, plan, px);
  const marks: Mark[] = subnetMarks(s, plan).map((m) => ({
    colour: m.colour,
    lines: wrapped(m.text, colW - 2 * MARK_IN, "nat", m.colour),
  }));
  const top = 8 + names.length * 18;
  const markH = marks.reduce((a, m) => a + m.lines.length * LINE + 10, 0);
  const h = top + lines.length * LINE + 8 + markH + (markH ? 4 : 0);
  const c = KINDS[s.type] ?? KINDS.Private;
  const dash = s.id ? ' stroke-dasharray="6 4"' : "";
  const svg = [
    `<g class="subnet" data-subnet="${escapeXml(s.name)}">`,
    `<title>${escapeXml(`${s.name} (${s.type}, ${s.zone})`)}</title>`,
    `${rectAt(x, y, colW, h, 8)} fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"${dash}/>`,
  ];
  names.forEach((n, j) => svg.push(textEl(x + BOX_IN, y + 20 + j * 18, n)));
  lines.forEach((l, j) => svg.push(textEl(x + BOX_IN, y + top + 12 + j * LINE, l)));
  svg.push(...drawMarks(marks, x, y + top + lines.length * LINE + 8, colW), "</g>");
  return { svg, height: h };
}

/** The zone columns from `top`: each zone's name, then its subnet boxes; returns them and the lowest y. */
function drawZones(plan: NetworkPlan, colW: number, top: number): { svg: string[]; maxY: number } {
  const zoneNames = plan.zones.map((z) => wrap(z, fit(colW, "zone")));
  const zoneH = 12 + (Math.max(1, ...zoneNames.map((z) => z.length)) - 1) * 18;
  const svg: string[] = [];
  let maxY = top;
  plan.zones.forEach((zone, i) => {
    const x = PAD + i * (colW + GAP);
    let cy = top;
    zoneNames[i].forEach((t, j) => svg.push(textEl(x + colW / 2, cy + j * 18, plain(t, "zone"), "middle")));
    cy += zoneH;
    const subnets = plan.subnets.filter((s) => s.zone === zone);
    if (subnets.length === 0) {
      svg.push(textEl(x + colW / 2, cy + 20, plain("(no subnets)", "note"), "middle"));
      cy += 30;
    }
    for (const s of subnets) {
      const box = drawSubnet(s, plan, x, cy, colW);
      svg.push(...box.svg);
      cy += box.height + 12;
    }
    maxY = Math.max(maxY, cy);
  });
  return { svg, maxY };
}

/** The diagram: header, gateway boxes and legend on top, then the VPC frame around the zone columns. */
export function renderSvg(plan: NetworkPlan, stack: string): string {
  const header = headerTexts(plan, stack);
  const swatches = legendSwatches(plan);
  const colW = columnWidth(plan);
  const inner = innerWidth(plan, colW, header, swatches);
  const width = inner + 2 * PAD;
  const head = drawHeader(header, inner);
  const row = chips(PAD, head.y, inner, gatewayChips(plan));
  const legend = drawLegend(swatches, inner, head.y + row.height + 22);
  const vpcTop = legend.y;
  const zones = drawZones(plan, colW, vpcTop + 30);
  const height = zones.maxY + PAD + 4;
  const vpcFrame = rectAt(PAD / 2, vpcTop, width - PAD, zones.maxY - vpcTop + 8, 10);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"` +
      ` font-family="${escapeXml(FONT_FAMILY)}">`,
    `<title>${escapeXml(`VPC of stack ${stack} (${plan.region})`)}</title>`,
    `<style>${CSS}</style>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...head.svg,
    ...row.svg,
    ...legend.svg,
    `${vpcFrame} fill="none" stroke="#607d8b" stroke-dasharray="4 3"/>`,
    textEl(PAD / 2 + 8, vpcTop + 14, plain("VPC", "legend")),
    ...zones.svg,
    "</svg>",
  ];
  return svg.join("\n") + "\n";
}
