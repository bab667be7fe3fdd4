/**
 * The plan's formats as a user gets them from the CLI (`--format json|markdown`, `--svg FILE`), and the
 * pure pieces behind them: the public IPv4 count and cost, the SVG's escaping.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { NetworkPlan } from "../components/core/types";
import { HOURS_PER_MONTH, PUBLIC_IPV4_USD_PER_HOUR, publicIpv4Summary } from "../components/report/public-ipv4";
import { escapeXml, renderSvg } from "../components/report/svg";
import { DUAL_STACK_K8S, planOk, sn, VPC_AMAZON } from "./support/core-fixtures";

const ROOT = join(__dirname, "..", "..");
const PLAN = join(ROOT, "dist", "scripts", "plan.js");
const dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-report-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function plan(args: string[]) {
  const r = spawnSync(process.execPath, [PLAN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

describe("npm run plan -- --format json", () => {
  it("prints one JSON document with the plan, findings, resource counts and public IPv4", () => {
    const r = plan(["--stack", "prod", "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(doc), ["version", "stack", "ok", "findings", "plan", "resourceCounts", "publicIpv4"]);
    assert.equal(doc.version, 1);
    assert.equal(doc.ok, true);
    const p = doc.plan as NetworkPlan;
    assert.equal(p.subnets.length, 9);
    assert.deepEqual(p.subnets.find((s) => s.name === "nodes-eu-west-1a")!.routes.map((x) => x.destination), ["::/0", "64:ff9b::/96"]);
    assert.equal(p.edge.apiLoadBalancer?.targetGroupIpType, "ipv6");
    assert.equal(doc.resourceCounts["aws:ec2/subnet:Subnet"], 9);
    assert.equal(doc.resourceCounts["aws:lb/loadBalancer:LoadBalancer"], 1);
    assert.equal(doc.publicIpv4.stackTotal, 6);
    assert.ok(doc.findings.some((f: { code: string }) => f.code === "ADDONS_SKIPPED_NO_KUBECONFIG"));
  });

  it("an invalid stack is also one JSON document, with ok false and the findings, exit 1", () => {
    const text = readFileSync(join(ROOT, "config", "Pulumi.dev.yaml"), "utf8").replace("cidrBlock: 10.0.0.0/16", "cidrBlock: 10.0.0.1/16");
    writeFileSync(join(dir, "Pulumi.bad.yaml"), text);
    const r = plan(["--stack", "bad", "--config-dir", dir, "--format", "json"]);
    assert.equal(r.status, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.ok, false);
    const errors = doc.findings.filter((f: { severity: string }) => f.severity === "error");
    assert.deepEqual(errors.map((f: { code: string; path: string }) => `${f.code} ${f.path}`), ["CIDR_NOT_CANONICAL vpc.cidrBlock"]);
    assert.equal(errors[0].fix, "did you mean 10.0.0.0/16?");
    assert.equal(doc.plan, undefined);
  });

  it("refuses an unknown format with exit 2", () => {
    const r = plan(["--stack", "dev", "--format", "yaml"]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown --format yaml/);
  });
});

describe("npm run plan -- --format markdown", () => {
  it("has a table per zone with every subnet, Kubernetes capacity, public IPv4, resources and warnings", () => {
    const r = plan(["--stack", "ipam", "--format", "markdown"]);
    assert.equal(r.status, 0, r.stderr);
    const md = r.stdout;
    for (const z of ["us-east-2a", "us-east-2b", "us-east-2c"]) {
      assert.ok(md.includes(`#### ${z}\n\n| subnet | kind | IPv4 | IPv6 | DNS64 | routes |`), z);
      for (const k of ["utility", "dualstack", "private"]) assert.ok(md.includes(`| \`${k}-${z}\` |`), `${k}-${z}`);
    }
    assert.match(md, /\| ipv6 \| fd00:10:244::\/56 \| \/64 \| 256 \| 2\^64 \|/);
    assert.match(md, /\| this stack \| 1 \| 3\.60 \|/);
    assert.match(md, /- \*\*NAT_CROSS_ZONE\*\*/);
    // Every table row has as many cells as its header.
    for (const line of md.split("\n").filter((l) => l.startsWith("| `") && l.includes("-us-east-2"))) assert.equal(line.split(/(?<!\\)\|/).length - 2, 6, line);
  });
});

describe("npm run plan -- --svg FILE", () => {
  const svgFile = join(dir, "dev.svg");
  let svg = "";
  before(() => {
    const r = plan(["--stack", "existing-vpc", "--svg", svgFile]);
    assert.equal(r.status, 0, r.stderr);
    svg = readFileSync(svgFile, "utf8");
  });

  it("writes well-formed SVG", () => {
    assert.equal(XMLValidator.validate(svg), true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(svg);
    assert.equal(doc.svg["@_xmlns"], "http://www.w3.org/2000/svg");
  });

  it("shows every zone as a column and every subnet with its blocks and route targets", () => {
    for (const z of ["us-east-1a", "us-east-1b", "us-east-1-nyc-1a"]) assert.ok(svg.includes(`>${z}</text>`), z);
    for (const name of ["utility-us-east-1a", "utility-us-east-1b", "private-us-east-1a", "private-us-east-1b", "local-nyc"]) {
      assert.ok(svg.includes(`data-subnet="${name}"`), name);
    }
    for (const s of ["10.50.0.0/24", "2001:db8:5000::/64", "2001:db8:5000:81::/64", "64:ff9b::/96 → tgw-0123456789abcdef0", "::/0 → eigw", "NAT gateway us-east-1a-nat"]) {
      assert.ok(svg.includes(escapeXml(s)), s);
    }
  });

  it("escapes text", () => {
    assert.equal(escapeXml(`a<b & "c" 'd'>`), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
    const p = planOk({ vpc: VPC_AMAZON, zones: ["us-east-1a"], tags: { team: "<x>" } });
    assert.equal(XMLValidator.validate(renderSvg(p, `a&b<c>`)), true);
  });
});

describe("public IPv4 count and cost", () => {
  const month = PUBLIC_IPV4_USD_PER_HOUR * HOURS_PER_MONTH;
  it("is $3.60 per address-month ($0.005 an hour, 720 hours)", () => {
    assert.equal(Math.round(month * 100) / 100, 3.6);
  });

  it("counts NAT gateway Elastic IPs and an internet-facing load balancer's zones, against the IPv4-only layout", () => {
    const p = planOk({ vpc: VPC_AMAZON, zones: ["us-east-1a", "us-east-1b"], kubernetes: DUAL_STACK_K8S, apiLoadBalancer: {} });
    const s = publicIpv4Summary(p);
    assert.deepEqual([s.stackTotal, s.ipv4OnlyTotal], [4, 4]);
    assert.equal(s.stackUsdPerMonth, 14.4);
  });

  it("an internal load balancer holds no public IPv4", () => {
    const p = planOk({ vpc: VPC_AMAZON, zones: ["us-east-1a", "us-east-1b"], kubernetes: DUAL_STACK_K8S, apiLoadBalancer: { scheme: "internal" } });
    const s = publicIpv4Summary(p);
    assert.deepEqual([s.stackTotal, s.ipv4OnlyTotal], [2, 2]);
    assert.deepEqual([s.stackUsdPerMonth, s.ipv4OnlyUsdPerMonth], [7.2, 7.2]);
  });

  it("natGateways none: no Elastic IPs; an IPv4-only layout would still need NAT for its private zones", () => {
    const p = planOk({ vpc: VPC_AMAZON, zones: ["us-east-1a"], natGateways: "none", subnets: [sn("Utility", "us-east-1a", { publicIPv4: true }), sn("Private", "us-east-1a", { dns64: false })] });
    const s = publicIpv4Summary(p);
    assert.deepEqual([s.stackTotal, s.ipv4OnlyTotal], [0, 0]);
    assert.deepEqual(s.perInstanceSubnets, ["utility-us-east-1a"]);
    const single = publicIpv4Summary(planOk({ vpc: VPC_AMAZON, zones: ["us-east-1a", "us-east-1b"], natGateways: "single" }));
    assert.deepEqual([single.stackTotal, single.ipv4OnlyTotal], [1, 1]);
  });
});
