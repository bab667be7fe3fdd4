/**
 * The SVG diagram never clips: every text, at the width its monospace font draws it, lies inside the box
 * that holds it and inside the canvas; the canvas is as wide as the title and the zone columns; long
 * subnet and stack names wrap instead of running out of their box. For 1, 2, 3 and 6 zones, the example
 * stacks, and 60-character names. (The PNGs were checked by eye in headless Chromium; the tests do not
 * need a browser.)
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { planNetwork } from "../components/core/plan";
import type { NetworkPlan } from "../components/core/network-plan";
import { offlineFacts, readStackFile } from "../components/offline/stack-file";
import { CHAR_EM as RENDER_CHAR_EM, renderSvg, textWidth, wrap } from "../components/report/svg";
import { DUAL_STACK_K8S, planOk, sn, VPC_AMAZON, VPC_BYOIP, vpcIpam } from "./support/core-fixtures";

const CONFIG = join(__dirname, "..", "..", "config");
/**
 * The advance of one character of DejaVu Sans Mono (and Menlo, made from it), bold and italic alike:
 * 1233/2048 of the font size. Liberation Mono and Courier New take 0.600, Consolas 0.550.
 */
const CHAR_EM = 1233 / 2048;
/** Glyph extent above and below the baseline, as a fraction of the font size (DejaVu: 0.76 and 0.24). */
const ASCENT = 0.8;
const DESCENT = 0.25;
/** Text keeps this far (px) from the edge of its box, clear of the stroke. */
const INSET = 1.5;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface Text extends Box {
  text: string;
  cls: string;
  size: number;
  x: number;
  y: number;
}

type Node = Record<string, unknown> & { ":@"?: Record<string, string> };

/** The rects and texts of an SVG, each text with its estimated extent (text-anchor respected). */
function layout(svg: string) {
  const doc = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    trimValues: false,
    parseTagValue: false,
  }).parse(svg) as Node[];
  const root = doc.find((n) => "svg" in n)!;
  const a = root[":@"]!;
  const size: Record<string, number> = {};
  const rects: Box[] = [];
  const texts: Text[] = [];
  const tag = (n: Node) => Object.keys(n).find((k) => k !== ":@")!;
  const content = (nodes: Node[]): string =>
    nodes.map((n) => (tag(n) === "#text" ? String(n["#text"]) : content(n[tag(n)] as Node[]))).join("");
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      const t = tag(n);
      const at = n[":@"] ?? {};
      if (t === "style")
        for (const m of content(n.style as Node[]).matchAll(/\.([\w-]+)\{[^}]*font-size:([\d.]+)px/g))
          size[m[1]] = Number(m[2]);
      else if (t === "rect") {
        const [x, y, w, h] = ["@_x", "@_y", "@_width", "@_height"].map((k) => Number(at[k]));
        rects.push({ x0: x, y0: y, x1: x + w, y1: y + h });
      } else if (t === "text") {
        const text = content(n.text as Node[]);
        const cls = at["@_class"];
        const px = size[cls];
        assert.ok(px, `text "${text}" has class ${cls} without a font size`);
        const w = [...text].length * CHAR_EM * px;
        const x = Number(at["@_x"]);
        const y = Number(at["@_y"]);
        const x0 = at["@_text-anchor"] === "middle" ? x - w / 2 : at["@_text-anchor"] === "end" ? x - w : x;
        texts.push({ text, cls, size: px, x, y, x0, x1: x0 + w, y0: y - ASCENT * px, y1: y + DESCENT * px });
      } else if (t !== "#text" && t !== "title") walk(n[t] as Node[]);
    }
  };
  walk(root.svg as Node[]);
  return {
    width: Number(a["@_width"]),
    height: Number(a["@_height"]),
    viewBox: a["@_viewBox"],
    fontFamily: a["@_font-family"],
    rects,
    texts,
  };
}

const inside = (b: Box, r: Box, m = 0) => b.x0 >= r.x0 + m && b.x1 <= r.x1 - m && b.y0 >= r.y0 + m && b.y1 <= r.y1 - m;
const overlap = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const area = (r: Box) => (r.x1 - r.x0) * (r.y1 - r.y0);
const show = (b: Box) => `[${b.x0.toFixed(1)}..${b.x1.toFixed(1)} × ${b.y0.toFixed(1)}..${b.y1.toFixed(1)}]`;

/** Asserts nothing of the diagram is clipped, and returns its layout. */
function assertUnclipped(svg: string, plan: NetworkPlan, stack: string) {
  const l = layout(svg);
  assert.match(l.fontFamily, /monospace$/, "all text monospace, so that its width can be estimated");
  assert.doesNotMatch(l.fontFamily, /sans-serif|Helvetica|Arial/);
  assert.equal(l.viewBox, `0 0 ${l.width} ${l.height}`);
  const canvas: Box = { x0: 0, y0: 0, x1: l.width, y1: l.height };
  for (const r of l.rects) assert.ok(inside(r, canvas), `rect ${show(r)} outside the ${l.width}×${l.height} canvas`);
  // Boxes nest or stand apart: a subnet box in the VPC, a NAT gateway mark in its subnet, never across.
  for (const [i, r] of l.rects.entries()) {
    for (const q of l.rects.slice(i + 1))
      assert.ok(!overlap(r, q) || inside(r, q) || inside(q, r), `rects ${show(r)} and ${show(q)} cross`);
  }
  for (const t of l.texts) {
    assert.ok(inside(t, canvas, INSET), `"${t.text}" ${show(t)} crosses the edge of the ${l.width}×${l.height} canvas`);
    // The box holding a text is the smallest rect around its anchor point.
    const holders = l.rects.filter((r) => r.x0 <= t.x && t.x <= r.x1 && r.y0 <= t.y && t.y <= r.y1);
    const box = holders.sort((p, q) => area(p) - area(q))[0];
    assert.ok(box, `"${t.text}" in no box`);
    assert.ok(inside(t, box, INSET), `"${t.text}" ${show(t)} runs out of its box ${show(box)}`);
  }
  for (const [i, t] of l.texts.entries()) {
    for (const u of l.texts.slice(i + 1))
      assert.ok(!overlap(t, u), `"${t.text}" ${show(t)} and "${u.text}" ${show(u)} overlap`);
  }
  // The title on one line, the canvas at least as wide as it (with the margin on its left on the right).
  const titles = l.texts.filter((t) => t.cls === "title");
  assert.equal(titles.length, 1, "the title on one line");
  assert.equal(titles[0].text, `${plan.project} · stack ${stack} · ${plan.region}`);
  assert.ok(l.width >= titles[0].x1 + titles[0].x0, `width ${l.width} < title ${titles[0].x1 + titles[0].x0}`);
  // Wrapped, not cut: every name is there in full.
  const all = l.texts
    .map((t) => t.text)
    .join("")
    .replace(/\s/g, "");
  for (const s of plan.subnets) assert.ok(all.includes(s.name), `${s.name} cut`);
  for (const z of plan.zones) assert.ok(all.includes(z), `${z} cut`);
  return l;
}

const long = (s: string) => s.padEnd(60, "-x").slice(0, 60);
const LONG_STACK = long("a-stack-name-that-is-very-long-for-sure-and-keeps-on-going");
const SIX_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];

const CASES: [string, string, () => NetworkPlan][] = [
  [
    "1 zone, dual-stack with an API load balancer",
    "one",
    () => planOk({ vpc: VPC_AMAZON, zones: ["us-east-1a"], kubernetes: DUAL_STACK_K8S, apiLoadBalancer: {} }),
  ],
  [
    "2 zones, NAT gateway per zone",
    "two",
    () => planOk({ vpc: VPC_BYOIP, zones: ["us-east-1a", "us-east-1b"], natGateways: "perZone" }),
  ],
  [
    "3 zones, one NAT gateway for all (cross-zone routes)",
    "three",
    () => planOk({ vpc: vpcIpam(), natGateways: "single", kubernetes: DUAL_STACK_K8S, apiLoadBalancer: {} }),
  ],
  [
    "6 zones",
    "six",
    () =>
      planOk(
        { vpc: VPC_AMAZON, zones: SIX_ZONES, kubernetes: DUAL_STACK_K8S, apiLoadBalancer: {} },
        { region: "us-east-1", standardZones: SIX_ZONES },
      ),
  ],
  [
    "1 zone with 60-character subnet names and stack name",
    LONG_STACK,
    () =>
      planOk({
        vpc: VPC_AMAZON,
        zones: ["us-east-1a"],
        subnets: [
          sn("Utility", "us-east-1a", { name: long("utility-subnet-with-a-really-long-name-us-east-1a") }),
          sn("Private", "us-east-1a", { name: long("privatesubnetwithaverylongnamewithoutanybreakpointsatall") }),
        ],
      }),
  ],
  [
    "2 zones with 60-character names",
    LONG_STACK,
    () =>
      planOk({
        vpc: VPC_BYOIP,
        zones: ["us-east-1a", "us-east-1b"],
        natGateways: "single",
        subnets: ["us-east-1a", "us-east-1b"].flatMap((z) => [
          sn("Utility", z, { name: long(`public-${z}-with-a-very-long-name-for-the-load-balancers`) }),
          sn("DualStack", z, { name: long(`dualstack_${z}_with_underscores_only_and_no_breaks_at_all`) }),
        ]),
      }),
  ],
  [
    "EKS, 2 zones, node groups with long names and many instance types",
    "eks",
    () =>
      planOk({
        vpc: VPC_AMAZON,
        zones: ["us-east-1a", "us-east-1b"],
        kubernetes: {
          eks: {
            adminPrincipalArn: "arn:aws:iam::123456789012:role/platform-admin",
            endpointPublicAccess: true,
            publicAccessCidrs: ["203.0.113.0/24", "2001:db8:1234::/48", "198.51.100.0/24"],
            nodeGroups: [
              { name: long("general-purpose-nodes-with-a-long-name"), instanceTypes: ["m6i.large", "m7i.large"] },
              { name: "spot", instanceTypes: ["c6i.xlarge", "c7i.xlarge", "m6i.xlarge", "m7i.xlarge", "r6i.large"] },
            ],
            fargateNamespaces: ["batch", "jobs"],
          },
        },
      }),
  ],
];

describe("renderSvg never clips", () => {
  for (const [what, stack, make] of CASES) {
    it(`${what}: every text inside its box and the canvas`, () => {
      const p = make();
      assertUnclipped(renderSvg(p, stack), p, stack);
    });
  }

  for (const stack of ["dev", "prod", "existing-vpc", "byo-pool", "ipam", "eks"]) {
    it(`the ${stack} example stack`, () => {
      const file = readStackFile(stack, CONFIG);
      const r = planNetwork(file.values, offlineFacts(file));
      assert.ok(r.ok, stack);
      assertUnclipped(renderSvg(r.plan, stack), r.plan, stack);
    });
  }

  it("is as wide as its content: a 1-zone diagram is narrower than a 3-zone one, a long title widens it", () => {
    const [one, three, longName] = [CASES[0], CASES[2], CASES[4]].map(([, stack, make]) =>
      layout(renderSvg(make(), stack)),
    );
    assert.ok(one.width < three.width, `${one.width} < ${three.width}`);
    const title = longName.texts.find((t) => t.cls === "title")!;
    assert.ok(longName.width >= title.x1 + title.x0);
  });

  it("wraps a 60-character subnet name inside its box rather than shrinking the text", () => {
    const [, stack, make] = CASES[4];
    const l = layout(renderSvg(make(), stack));
    const names = l.texts.filter((t) => t.cls === "name");
    assert.ok(names.length > 2, "the long names take more than one line each");
    assert.ok(names.every((t) => t.size === 14));
  });

  it("estimates text no narrower than the font draws it, a wide character as two cells", () => {
    assert.ok(RENDER_CHAR_EM >= CHAR_EM);
    assert.ok(textWidth("0.0.0.0/0 → igw", 12) >= 15 * CHAR_EM * 12);
    assert.equal(textWidth("漢字", 10), textWidth("abcd", 10));
    assert.deepEqual(wrap("ab漢字", 4), ["ab漢", "字"]);
    assert.deepEqual(wrap("Kubernetes ipv6 · services fd00:10:96::/112", 36), [
      "Kubernetes ipv6 · services",
      "fd00:10:96::/112",
    ]);
  });
});
