/**
 * The VPC as an SVG diagram: the gateways and the API load balancer on top, one column per zone, each
 * subnet a box (name, kind, IPv4 and IPv6 blocks, DNS64, routes with their targets) coloured by kind,
 * the NAT gateways inside the subnet that hosts them. Route targets share the colour of their gateway, a
 * cross-zone NAT route is red. Pure: plan in, SVG text out; every text is escaped.
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
};

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

function textEl(x: number, y: number, line: Line, anchor?: string): string {
  const body = line.spans
    .map((s) => (s.fill ? `<tspan fill="${s.fill}">${escapeXml(s.text)}</tspan>` : escapeXml(s.text)))
    .join("");
  return `<text x="${x}" y="${y}" class="${line.cls}"${anchor ? ` text-anchor="${anchor}"` : ""}>${body}</text>`;
}

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
    plan.edge.controlPlaneSubnets.includes(s.name) ? "control plane" : undefined,
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

/** Boxes in a row (gateways, load balancer), onto more rows when wider than `width`; their text wraps. */
function chips(
  x0: number,
  y0: number,
  width: number,
  items: { title: string; detail: string; colour: string }[],
): { svg: string[]; height: number } {
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
    svg.push(
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6" fill="#ffffff" stroke="${it.colour}" stroke-width="2"/>`,
    );
    title.forEach((l, j) => svg.push(textEl(x + BOX_IN, y + 18 + j * LINE, l)));
    detail.forEach((l, j) => svg.push(textEl(x + BOX_IN, y + 18 + title.length * LINE + 1 + j * LINE, l)));
    x += w + 12;
    rowH = Math.max(rowH, h);
  }
  return { svg, height: y + rowH - y0 };
}

export function renderSvg(plan: NetworkPlan, stack: string): string {
  const cols = Math.max(1, plan.zones.length);
  const v6 = plan.vpc.ipv6;
  const k = plan.kubernetes;
  const lb = plan.edge.apiLoadBalancer;
  const ipv4 = publicIpv4Summary(plan);

  const title = `${plan.project} · stack ${stack} · ${plan.region}`;
  const vpcLine = `VPC ${plan.vpc.id ?? "(new)"} · IPv4 ${plan.vpc.cidrBlock} · IPv6 ${!v6 ? "none (IPv4-only VPC)" : (v6.cidrBlock ?? `/${v6.prefixLength} from ${v6.source === "ipam" ? `IPAM pool ${v6.ipamPoolId}` : "AWS"}`)}${plan.protect ? " · protected" : ""}`;
  const k8sLine = `Kubernetes ${k.ipFamilies.join(" + ")} · pods ${k.podCIDRs.join(", ")} · services ${k.serviceCIDRs.join(", ")} · DNS ${k.dnsServiceIP} · CNI ${k.cni}`;
  const costLine = `Public IPv4: ${ipv4.stackTotal} (US$${ipv4.stackUsdPerMonth.toFixed(2)}/month) · IPv4-only layout: ${ipv4.ipv4OnlyTotal} (US$${ipv4.ipv4OnlyUsdPerMonth.toFixed(2)}/month)${ipv4.perInstanceSubnets.length ? " · plus one per instance in publicIPv4 subnets" : ""}`;

  // Legend: one swatch per kind present (and adopted subnets), then the route colours.
  const swatches: { label: string; fill: string; stroke: string; dash?: string }[] = [];
  for (const s of plan.subnets) {
    const c = KINDS[s.type] ?? KINDS.Private;
    if (!swatches.some((w) => w.label === c.label)) swatches.push(c);
  }
  if (plan.subnets.some((s) => s.id))
    swatches.push({ label: "adopted (existing)", fill: "none", stroke: "#607d8b", dash: "3 2" });
  const routeLegend: Line = {
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
  const swatchW = (label: string) => 20 + textWidth(label, SIZE.legend);

  // The columns: as wide as the widest text of any box or zone name, within MIN_COL..MAX_COL.
  const colW = Math.ceil(
    Math.min(
      MAX_COL,
      Math.max(
        MIN_COL,
        ...plan.zones.map((z) => textWidth(z, SIZE.zone)),
        ...plan.subnets.map((s) => subnetNaturalWidth(s, plan)),
      ),
    ),
  );
  const inner = Math.ceil(
    Math.max(
      cols * colW + (cols - 1) * GAP,
      Math.min(TITLE_MAX, textWidth(title, SIZE.title)),
      Math.min(HEADER_MAX, Math.max(...[vpcLine, k8sLine, costLine].map((l) => textWidth(l, SIZE.sub)))),
      lineWidth(routeLegend),
      ...swatches.map((w) => swatchW(w.label)),
    ),
  );
  const width = inner + 2 * PAD;

  const head: string[] = [];
  let y = 30;
  for (const l of wrapped(title, inner, "title")) {
    head.push(textEl(PAD, y, l));
    y += 24;
  }
  y -= 2;
  for (const l of [vpcLine, k8sLine, costLine]) {
    for (const t of wrapped(l, inner, "sub")) {
      head.push(textEl(PAD, y, t));
      y += 19;
    }
  }
  y += 4;

  const items = [
    {
      title: "internet gateway",
      detail:
        plan.vpc.internetGateway === "lookup"
          ? `the one attached to ${plan.vpc.id} (looked up at preview)`
          : (plan.vpc.internetGatewayId ?? "igw (new)"),
      colour: TARGET.igw,
    },
    ...(v6
      ? [
          {
            title: "egress-only internet gateway",
            detail: v6.egressOnlyInternetGatewayId ?? "eigw (new)",
            colour: TARGET.eigw,
          },
        ]
      : []),
    {
      title: `NAT gateways: ${plan.natMode}`,
      detail: plan.natGateways.length
        ? `${plan.natGateways.length}: ${plan.natGateways.map((n) => n.name).join(", ")}`
        : "none created",
      colour: TARGET.nat,
    },
    ...(lb
      ? [
          {
            title: `API load balancer (NLB, TCP ${lb.port})`,
            detail: `${lb.scheme}, ${lb.ipAddressType}, ${lb.targetGroupIpType} targets, in ${lb.subnets.length} zone${lb.subnets.length === 1 ? "" : "s"}`,
            colour: TARGET.lb,
          },
        ]
      : []),
  ];
  const row = chips(PAD, y, inner, items);
  head.push(...row.svg);
  y += row.height + 22;

  let lx = PAD;
  const place = (w: number) => {
    if (lx > PAD && lx + w > PAD + inner) {
      lx = PAD;
      y += 20;
    }
  };
  for (const w of swatches) {
    place(swatchW(w.label));
    head.push(
      `<rect x="${lx}" y="${y - 11}" width="14" height="14" rx="3" fill="${w.fill}" stroke="${w.stroke}"${w.dash ? ` stroke-dasharray="${w.dash}"` : ""} stroke-width="1.5"/>`,
    );
    head.push(textEl(lx + 20, y, plain(w.label, "legend")));
    lx += swatchW(w.label) + 18;
  }
  place(lineWidth(routeLegend));
  head.push(textEl(lx, y, routeLegend));
  y += 22;

  const vpcTop = y;
  const zonesTop = vpcTop + 30;
  const zoneNames = plan.zones.map((z) => wrap(z, fit(colW, "zone")));
  const zoneH = 12 + (Math.max(1, ...zoneNames.map((z) => z.length)) - 1) * 18;
  const parts: string[] = [];
  let maxY = zonesTop;
  const px = colW - 2 * BOX_IN;
  plan.zones.forEach((zone, i) => {
    const x = PAD + i * (colW + GAP);
    let cy = zonesTop;
    zoneNames[i].forEach((t, j) => parts.push(textEl(x + colW / 2, cy + j * 18, plain(t, "zone"), "middle")));
    cy += zoneH;
    const subnets = plan.subnets.filter((s) => s.zone === zone);
    if (subnets.length === 0) {
      parts.push(textEl(x + colW / 2, cy + 20, plain("(no subnets)", "note"), "middle"));
      cy += 30;
    }
    for (const s of subnets) {
      const names = wrapped(s.name, px, "name");
      const lines = subnetLines(s, plan, px);
      const marks = subnetMarks(s, plan).map((m) => ({
        colour: m.colour,
        lines: wrapped(m.text, colW - 2 * MARK_IN, "nat", m.colour),
      }));
      const top = 8 + names.length * 18;
      const markH = marks.reduce((a, m) => a + m.lines.length * LINE + 10, 0);
      const h = top + lines.length * LINE + 8 + markH + (markH ? 4 : 0);
      const c = KINDS[s.type] ?? KINDS.Private;
      parts.push(`<g class="subnet" data-subnet="${escapeXml(s.name)}">`);
      parts.push(`<title>${escapeXml(`${s.name} (${s.type}, ${zone})`)}</title>`);
      parts.push(
        `<rect x="${x}" y="${cy}" width="${colW}" height="${h}" rx="8" fill="${c.fill}" stroke="${c.stroke}" stroke-width="1.5"${s.id ? ' stroke-dasharray="6 4"' : ""}/>`,
      );
      names.forEach((n, j) => parts.push(textEl(x + BOX_IN, cy + 20 + j * 18, n)));
      lines.forEach((l, j) => parts.push(textEl(x + BOX_IN, cy + top + 12 + j * LINE, l)));
      let ny = cy + top + lines.length * LINE + 8;
      for (const m of marks) {
        const mh = m.lines.length * LINE + 6;
        parts.push(
          `<rect x="${x + 10}" y="${ny}" width="${colW - 20}" height="${mh}" rx="4" fill="#ffffff" stroke="${m.colour}" stroke-width="1.5"/>`,
        );
        m.lines.forEach((l, j) => parts.push(textEl(x + MARK_IN, ny + 15 + j * LINE, l)));
        ny += mh + 4;
      }
      parts.push("</g>");
      cy += h + 12;
    }
    maxY = Math.max(maxY, cy);
  });

  const height = maxY + PAD + 4;
  const css = (
    Object.entries({
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
    }) as [Cls, string][]
  )
    .map(([c, rest]) => `.${c}{font-size:${SIZE[c]}px${rest ? `;${rest}` : ""}}`)
    .join("");
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}">`,
    `<title>${escapeXml(`VPC of stack ${stack} (${plan.region})`)}</title>`,
    `<style>${css}</style>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...head,
    `<rect x="${PAD / 2}" y="${vpcTop}" width="${width - PAD}" height="${maxY - vpcTop + 8}" rx="10" fill="none" stroke="#607d8b" stroke-dasharray="4 3"/>`,
    textEl(PAD / 2 + 8, vpcTop + 14, plain("VPC", "legend")),
    ...parts,
    "</svg>",
  ];
  return svg.join("\n") + "\n";
}
