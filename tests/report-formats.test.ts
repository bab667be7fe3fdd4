/**
 * The plan's formats as a user gets them from the command (`--format json|markdown`, `--svg FILE`; its `main`,
 * in process: tests/cli.test.ts runs the built CLI as a process), and the
 * pure pieces behind them: the SVG renderer (well-formed, every subnet with its blocks and routes, text
 * escaped) and the argument parsing.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { NetworkPlan } from "../components/core/network-plan";
import { escapeXml, renderSvg, wrap } from "../components/report/svg";
import { targetLabel } from "../components/report/table";
import { parseArgs } from "../scripts/plan";
import { planInProcess } from "./support/plan-in-process";
import { DUAL_STACK_K8S, planOk, sn, VPC_AMAZON, VPC_BYOIP } from "./support/core-fixtures";

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-report-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The plan command, in process (tests/cli.test.ts runs the built CLI as a process). */
const plan = planInProcess;

const SIX_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];
const SIX_FACTS = { region: "us-east-1", standardZones: SIX_ZONES };

describe("npm run plan (text)", () => {
  it("shows public IPv4 with its cost next to the IPv4-only layout, and warnings with their fix", async () => {
    const r = await plan(["--stack", "ipam"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout,
      /\nPublic IPv4 \(AWS charges \$0\.005 per address-hour, \$3\.60 per month\)\n {2}this stack: 1 address, \$3\.60\/month: 1 NAT gateway Elastic IP \(us-east-2a-nat\)\n {2}IPv4-only layout of the same size: 1 address, \$3\.60\/month/,
    );
    assert.match(
      r.stdout,
      /\nWarnings\n {2}\[NAT_CROSS_ZONE\] zones\[1\]: subnet dualstack-us-east-2b in us-east-2b reaches NAT gateway us-east-2a-nat in another zone[^\n]*\n {6}fix: use natGateways: perZone/,
    );
    assert.match(r.stdout, /\nResources \(\d+\)\n/);
  });
});

describe("npm run plan -- --format json", () => {
  let prod: Record<string, any>;
  before(async () => {
    const r = await plan(["--stack", "prod", "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");
    prod = JSON.parse(r.stdout); // the whole of stdout is one JSON document
  });

  it("has the documented top-level keys, in order", () => {
    assert.deepEqual(Object.keys(prod), ["version", "stack", "ok", "findings", "plan", "resourceCounts", "publicIpv4"]);
    assert.deepEqual([prod.version, prod.stack, prod.ok], [2, "prod", true]);
  });

  it("carries the whole plan: subnets with routes, the cluster edge and the control-plane settings", () => {
    const p = prod.plan as NetworkPlan;
    assert.equal(p.subnets.length, 9);
    assert.deepEqual(
      p.subnets
        .find((s) => s.name === "nodes-eu-west-1a")!
        .routes.map((x) => `${x.destination} ${targetLabel(x.target)}`),
      ["::/0 eigw", "64:ff9b::/96 eu-west-1a-nat"],
    );
    assert.equal(p.edge.apiLoadBalancer?.targetGroupIpType, "ipv6");
    assert.deepEqual(p.edge.securityGroups.map((g) => g.name).sort(), ["api-lb", "control-plane", "nodes"]);
    assert.equal(p.controlPlane.kubelet["cluster-dns"], "fd02::a");
    assert.equal(p.kubernetes.perFamily[0].maxNodes, 65536);
  });

  it("counts the resources the real program declares, by type", () => {
    assert.equal(prod.resourceCounts["aws:ec2/subnet:Subnet"], 9);
    assert.equal(prod.resourceCounts["aws:ec2/natGateway:NatGateway"], 3);
    assert.equal(prod.resourceCounts["aws:lb/loadBalancer:LoadBalancer"], 1);
    assert.deepEqual(Object.keys(prod.resourceCounts), Object.keys(prod.resourceCounts).sort());
  });

  it("has the public IPv4 summary: 3 NAT Elastic IPs and 3 load-balancer zones, $21.60 a month", () => {
    const v4 = prod.publicIpv4;
    assert.deepEqual(
      v4.stack.map((l: { source: string; count: number }) => [l.source, l.count]),
      [
        ["natGateway", 3],
        ["apiLoadBalancer", 3],
      ],
    );
    assert.deepEqual(
      [v4.stackTotal, v4.stackUsdPerMonth, v4.ipv4OnlyTotal, v4.usdPerAddressHour, v4.usdPerAddressMonth],
      [6, 21.6, 6, 0.005, 3.6],
    );
  });

  it("lists warnings as findings with their severity", () => {
    const codes = prod.findings.map((f: { code: string; severity: string }) => `${f.severity} ${f.code}`);
    assert.ok(codes.includes("warning ADDONS_SKIPPED_NO_KUBECONFIG"), codes.join(", "));
    assert.ok(codes.every((c: string) => c.startsWith("warning ")));
  });

  it("an invalid stack is also one JSON document, with ok false and the findings, exit 1", async () => {
    const text = readFileSync(join(ROOT, "config", "Pulumi.dev.yaml"), "utf8").replace(
      "cidrBlock: 10.0.0.0/16",
      "cidrBlock: 10.0.0.1/16",
    );
    writeFileSync(join(dir, "Pulumi.bad.yaml"), text);
    const r = await plan(["--stack", "bad", "--config-dir", dir, "--format", "json"]);
    assert.equal(r.status, 1);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), ["version", "stack", "ok", "findings"]);
    assert.equal(doc.ok, false);
    const errors = doc.findings.filter((f: { severity: string }) => f.severity === "error");
    assert.deepEqual(
      errors.map((f: { code: string; path: string }) => `${f.code} ${f.path}`),
      ["CIDR_NOT_CANONICAL vpc.cidrBlock"],
    );
    assert.deepEqual(Object.keys(errors[0]).sort(), ["code", "fix", "message", "path", "severity", "value"]);
    assert.equal(errors[0].fix, "did you mean 10.0.0.0/16?");
  });

  it("a stack without a file is a JSON document too", async () => {
    const r = await plan(["--stack", "no-such-stack", "--format", "json"]);
    assert.equal(r.status, 1);
    assert.deepEqual(
      JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code),
      ["STACK_NOT_FOUND"],
    );
  });
});

describe("plan arguments", () => {
  it("parses the flags, with text as the default format", () => {
    assert.deepEqual(parseArgs(["--stack", "dev"]), {
      stack: "dev",
      configDir: "config",
      format: "text",
      svg: undefined,
      against: undefined,
    });
    assert.deepEqual(parseArgs(["--svg", "a.svg", "--format", "markdown", "--stack", "prod", "--config-dir", "x"]), {
      stack: "prod",
      configDir: "x",
      format: "markdown",
      svg: "a.svg",
      against: undefined,
    });
    assert.equal(parseArgs(["--stack", "dev", "--against", "origin/main"]).against, "origin/main");
  });

  for (const [argv, message] of [
    [["--stack", "dev", "--format", "yaml"], /unknown --format yaml/],
    [["--stack", "dev", "--fromat", "json"], /unknown argument --fromat/],
    [["--stack", "dev", "--svg"], /--svg needs a value/],
    [["--stack", "dev", "--against"], /--against needs a value/],
    [["--stack", "--format", "json"], /--stack needs a value/],
    [["--format", "json"], /usage: npm run plan/],
    [["--stack", "dev", "extra"], /unknown argument extra/],
  ] as const) {
    it(`refuses ${argv.join(" ")}`, () => assert.throws(() => parseArgs([...argv]), message));
  }

  it("the CLI exits 2 on bad usage, with the message on stderr", async () => {
    const r = await plan(["--stack", "dev", "--format", "yaml"]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /unknown --format yaml\nusage: npm run plan/);
  });
});

describe("npm run plan -- --format markdown", () => {
  let ipam = "";
  let prod = "";
  before(async () => {
    const a = await plan(["--stack", "ipam", "--format", "markdown"]);
    assert.equal(a.status, 0, a.stderr);
    ipam = a.stdout;
    const b = await plan(["--stack", "prod", "--format", "markdown"]);
    assert.equal(b.status, 0, b.stderr);
    prod = b.stdout;
  });

  it("has a table per zone with every subnet, its blocks and route targets", () => {
    for (const z of ["us-east-2a", "us-east-2b", "us-east-2c"]) {
      assert.ok(
        ipam.includes(
          `#### ${z}\n\n| subnet | kind | IPv4 | IPv6 | DNS64 | routes |\n| --- | --- | --- | --- | --- | --- |\n`,
        ),
        z,
      );
      for (const k of ["utility", "dualstack", "private"]) assert.ok(ipam.includes(`| \`${k}-${z}\` |`), `${k}-${z}`);
    }
    assert.match(
      prod,
      /\| `nodes-eu-west-1b` \| Private \(IPv6-only\) \| - \| \/64#81 of the AWS \/56 \| on \| ::\/0 -> eigw, 64:ff9b::\/96 -> eu-west-1b-nat \|/,
    );
    assert.match(ipam, /-> us-east-2a-nat \(other zone\)/);
  });

  it("has the Kubernetes capacity, public IPv4 with its cost, resources and warnings", () => {
    assert.match(ipam, /\| ipv6 \| fd00:10:244::\/56 \| \/64 \| 256 \| 2\^64 \|/);
    assert.match(ipam, /\| this stack \| 1 \| 3\.60 \| 1 NAT gateway Elastic IP \(us-east-2a-nat\) \|/);
    assert.match(prod, /\| this stack \| 6 \| 21\.60 \|/);
    assert.match(
      prod,
      /#### Resources \(\d+\)\n\n\| type \| count \|\n\| --- \| ---: \|\n\| `aws:ec2\/defaultSecurityGroup:DefaultSecurityGroup` \| 1 \|/,
    );
    assert.match(ipam, /- \*\*NAT_CROSS_ZONE\*\* `zones\[1\]`: .*\. Fix: /);
  });

  it("has the cluster edge: load balancer, security groups, prerequisites and control-plane flags", () => {
    assert.match(prod, /API load balancer: internet-facing dualstack NLB on TCP 6443, ipv6 targets/);
    assert.match(
      prod,
      /<details><summary>Security groups<\/summary>[\s\S]*\*\*`api-lb`\*\* on the API load balancer[\s\S]*\| in \| tcp 6443 from ::\/0 [\s\S]*<\/details>/,
    );
    assert.match(prod, /\| not checked \| instance type m6i\.large \|/);
    assert.match(prod, /\| kubelet \| `--cluster-dns=fd02::a`/);
    assert.match(prod, /#### Add-ons \(planned, NOT installed: no kubernetes\.kubeconfig\)\n\n- cilium: /);
  });

  it("every table row has as many cells as its header", () => {
    for (const md of [ipam, prod]) {
      const lines = md.split("\n");
      let width = 0;
      for (const [i, line] of lines.entries()) {
        if (!line.startsWith("|")) {
          width = 0;
          continue;
        }
        const cells = line.split(/(?<!\\)\|/).length - 2;
        if (width === 0) width = cells;
        assert.equal(cells, width, `line ${i + 1}: ${line}`);
      }
    }
  });
});

/** Every text of the SVG inside the group of subnet `name`, joined (tspans included). */
function subnetTexts(svg: string): Map<string, string> {
  const doc = new XMLParser({
    ignoreAttributes: false,
    isArray: (n) => ["g", "text", "tspan", "rect"].includes(n),
  }).parse(svg);
  const textOf = (t: unknown): string => {
    if (typeof t === "string" || typeof t === "number") return String(t);
    const o = t as Record<string, unknown>;
    // fast-xml-parser puts the element's own text in #text and tspans apart: order does not matter here.
    return [o["#text"] ?? "", ...((o.tspan as unknown[]) ?? []).map(textOf)].join(" ");
  };
  const out = new Map<string, string>();
  for (const g of doc.svg.g as Record<string, unknown>[]) {
    out.set(String(g["@_data-subnet"]), ((g.text as unknown[]) ?? []).map(textOf).join("\n").replace(/&amp;/g, "&"));
  }
  return out;
}

/** Asserts the SVG is well-formed and shows every subnet of `p` with its name, blocks and routes. */
function assertDiagram(svg: string, p: NetworkPlan) {
  assert.equal(XMLValidator.validate(svg), true);
  const groups = subnetTexts(svg);
  assert.deepEqual([...groups.keys()].sort(), p.subnets.map((s) => s.name).sort());
  for (const s of p.subnets) {
    // Whitespace is dropped before searching, so text wrapped over two lines still counts.
    const t = groups.get(s.name)!.replace(/\s/g, "");
    assert.ok(t.includes(s.name.replace(/\s/g, "")), `${s.name}: name`);
    if (s.cidrBlock) assert.ok(t.includes(s.cidrBlock), `${s.name}: ${s.cidrBlock}`);
    if (s.ipv6?.cidrBlock) assert.ok(t.includes(s.ipv6.cidrBlock), `${s.name}: ${s.ipv6.cidrBlock}`);
    else if (s.ipv6) assert.ok(t.includes(`/${s.ipv6.prefixLength}#${s.ipv6.index.toString(16)}`), `${s.name}: /64#`);
    for (const r of s.routes) {
      assert.ok(t.includes(r.destination), `${s.name}: ${r.destination}`);
      assert.ok(t.includes(targetLabel(r.target).replace(/\s/g, "")), `${s.name}: ${targetLabel(r.target)}`);
    }
  }
  for (const z of p.zones) assert.ok(svg.includes(`>${escapeXml(z)}</text>`), z);
  for (const n of p.natGateways) assert.ok(svg.includes(`NAT gateway ${n.name}`), n.name);
}

describe("npm run plan -- --svg FILE", () => {
  for (const stack of ["dev", "prod", "existing-vpc", "byo-pool", "ipam", "eks"]) {
    it(`writes a well-formed diagram of ${stack} with every subnet, its blocks and route targets`, async () => {
      const file = join(dir, `${stack}.svg`);
      const r = await plan(["--stack", stack, "--format", "json", "--svg", file]);
      assert.equal(r.status, 0, r.stderr);
      const svg = readFileSync(file, "utf8");
      const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
      assert.equal(doc.svg["@_xmlns"], "http://www.w3.org/2000/svg");
      assertDiagram(svg, JSON.parse(r.stdout).plan);
    });
  }
});

describe("renderSvg", () => {
  it("draws six zones as six columns, side by side", () => {
    const p = planOk(
      { vpc: VPC_AMAZON, zones: SIX_ZONES, natGateways: "single", kubernetes: DUAL_STACK_K8S, apiLoadBalancer: {} },
      SIX_FACTS,
    );
    const svg = renderSvg(p, "six");
    assertDiagram(svg, p);
    const xs = SIX_ZONES.map((z) =>
      Number(
        new RegExp(`<text x="([\\d.]+)" y="[\\d.]+" class="zone" text-anchor="middle">${z}</text>`).exec(svg)?.[1],
      ),
    );
    assert.deepEqual(
      xs,
      [...xs].sort((a, b) => a - b),
    );
    assert.equal(new Set(xs).size, 6);
    assert.ok(xs.every((x) => Number.isFinite(x)));
    // Cross-zone NAT routes are drawn in red.
    assert.match(svg, /<tspan fill="#c62828">us-east-1a-nat \(other zone\)<\/tspan>/);
  });

  it("escapes every text it writes", () => {
    const p = structuredClone(
      planOk({
        vpc: VPC_BYOIP,
        zones: ["us-east-1a"],
        subnets: [sn("Public", "us-east-1a"), sn("Private", "us-east-1a", { egress: "tgw-0123456789abcdef0" })],
      }),
    );
    p.subnets[0].name = `<script>&"x"'`;
    p.natGateways[0].subnet = p.subnets[0].name;
    p.natGateways[0].name = "nat<&>";
    p.zones[0] = "zone&<>";
    p.subnets.forEach((s) => (s.zone = "zone&<>"));
    p.kubernetes.podCIDRs = ["<pods>"];
    p.vpc.cidrBlock = "10.0.0.0/16 & <b>";
    const svg = renderSvg(p, `a&b<c>"`);
    assert.equal(XMLValidator.validate(svg), true);
    assert.ok(!svg.includes("<script>") && !svg.includes("<pods>") && !svg.includes("<b>"));
    assert.ok(svg.includes(`data-subnet="&lt;script&gt;&amp;&quot;x&quot;&apos;"`));
    assert.equal(escapeXml(`a<b & "c" 'd'>`), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
  });

  it("an IPv4-only VPC: no egress-only gateway, IPv6 none", () => {
    const p = planOk({ vpc: { cidrBlock: "10.0.0.0/16" }, zones: ["us-east-1a", "us-east-1b"] });
    const svg = renderSvg(p, "v4");
    assertDiagram(svg, p);
    assert.ok(!svg.includes("egress-only"));
    assert.match(svg, />IPv6 none</);
  });

  it("wraps long text without losing any of it", () => {
    const s = "64:ff9b::/96 -> ap-southeast-2b-nat-eipalloc-0123456789abcdef0 (other zone)";
    for (const max of [10, 20, 42]) {
      const lines = wrap(s, max);
      assert.ok(
        lines.every((l) => l.length <= max),
        lines.join("|"),
      );
      assert.equal(lines.join("").replace(/ /g, ""), s.replace(/ /g, ""));
    }
    assert.deepEqual(wrap("short", 42), ["short"]);
  });
});
