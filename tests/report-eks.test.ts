/**
 * The plan of an EKS stack in every format (`npm run plan -- --stack eks`, `--format markdown|json`, `--svg`):
 * the Kubernetes part says how EKS addresses pods and services, the EKS section shows the cluster, its add-ons
 * with their versions and the VPC CNI's parsed settings, its IAM, node groups and Fargate profile, and nothing of
 * a self-managed cluster (pod and service ranges, capacity, DNS address, security groups, the API load balancer,
 * control-plane flags) is shown. The self-managed formats are covered by report-formats and report-svg.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { EKS_ADDON_VERSIONS } from "../components/core/eks/versions";
import type { NetworkPlan } from "../components/core/network-plan";
import { configurationSettings, eksReport } from "../components/report/eks";
import { renderMarkdown } from "../components/report/markdown";
import { publicIpv4Summary } from "../components/report/public-ipv4";
import { renderSvg } from "../components/report/svg";
import { eksLines, renderTable } from "../components/report/table";
import { DUAL_STACK_K8S, planOk, VPC_AMAZON } from "./support/core-fixtures";
import { planInProcess } from "./support/plan-in-process";

const dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-report-eks-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The versions config/Pulumi.eks.yaml gets: it sets version 1.32 and no addonVersions. */
const PINNED = EKS_ADDON_VERSIONS["1.32"]!;
const ADMIN = "arn:aws:iam::123456789012:role/platform-admin";

/** The plan command's output, run in process (tests/cli.test.ts runs the built CLI as a process). */
async function plan(args: string[]): Promise<string> {
  const r = await planInProcess(args);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** A valid EKS plan of the default layout in three zones, `eks` merged into the minimal EKS config. */
function eksPlan(eks: Record<string, unknown> = {}): NetworkPlan {
  return planOk({ vpc: VPC_AMAZON, kubernetes: { eks: { adminPrincipalArn: ADMIN, ...eks } } });
}

/** Self-managed parts that must not appear in an EKS plan's text or markdown. */
const SELF_MANAGED = [/Security groups/, /API load balancer/, /Control-plane settings/, /kubeadm/, /node mask/];

describe("npm run plan -- --stack eks (text)", () => {
  let text = "";
  before(async () => (text = await plan(["--stack", "eks"])));

  it("the Kubernetes part says how EKS addresses pods and services, and that the family is fixed", () => {
    assert.ok(
      text.includes(
        "\nKubernetes (Amazon EKS)\n" +
          "  family ipv6 (EKS): pods and services IPv6 only\n" +
          "  pods: /80 prefixes of the node subnets' IPv6 blocks (the VPC CNI's prefix delegation), no pod range\n" +
          "  services: a range EKS chooses at creation from fc00::/7 (shown after deployment, as an output)\n" +
          "  IP family fixed at creation: changing it replaces the cluster\n",
      ),
      text,
    );
  });

  it("shows the cluster: name, version, endpoint with its CIDRs, access mode and admin, subnets", () => {
    assert.match(
      text,
      /\nAmazon EKS \(kubernetes\.eks\)\n {2}cluster {3}named by Pulumi, Kubernetes 1\.32, IP family ipv6,/,
    );
    assert.match(text, /\n {2}endpoint {2}private on, public on, open to 203\.0\.113\.0\/24\n/);
    assert.ok(text.includes(`  access    authentication mode API (access entries); admin ${ADMIN} (`));
    assert.match(text, /\n {2}subnets {3}dualstack-us-east-1a, dualstack-us-east-1b, dualstack-us-east-1c\n/);
  });

  it("lists the add-ons in install order with their pinned versions and the VPC CNI's IPv6 settings", () => {
    const lines = text.split("\n");
    const start = lines.indexOf("  Add-ons, in install order (conflicts: OVERWRITE)");
    assert.ok(start > 0, "the add-ons heading");
    const rows = lines.slice(start + 1, start + 5).map((l) => l.trim().split(/ {2,}/));
    assert.deepEqual(rows, [
      ["eks-pod-identity-agent", "EKS default for Kubernetes 1.32", "-"],
      [
        "vpc-cni",
        `${PINNED.vpcCni} (pinned)`,
        "aws-node ENABLE_IPv6=true ENABLE_PREFIX_DELEGATION=true ENABLE_IPv4=false;" +
          " aws-vpc-cni-init ENABLE_IPv6=true; service account kube-system/aws-node",
      ],
      ["kube-proxy", `${PINNED.kubeProxy} (pinned)`, "-"],
      ["coredns", `${PINNED.coreDns} (pinned)`, "-"],
    ]);
  });

  it("shows the IAM: both roles with their policies, the CNI policy on a Pod Identity role, action by action", () => {
    assert.match(text, /\n {4}cluster role {7}AmazonEKSClusterPolicy \(trusted by eks\.amazonaws\.com\)\n/);
    assert.match(
      text,
      /\n {4}node role {10}AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryReadOnly \(trusted by ec2\.amazonaws\.com\)\n/,
    );
    assert.match(
      text,
      /\n {4}IPv6 CNI policy {4}on a role of its own for kube-system\/aws-node, assumed through EKS Pod Identity/,
    );
    assert.match(
      text,
      /\n {4}CNI policy allows {2}ec2:AssignIpv6Addresses, [^\n]*ec2:DescribeSubnets on \*; ec2:CreateTags on arn:aws:ec2:\*:\*:network-interface\/\*\n/,
    );
  });

  it("shows the node group with its sizes, subnets and instance metadata settings, and the Fargate profile", () => {
    assert.ok(
      text.includes(
        "\n  Node groups\n" +
          "    general: m6i.large, m7i.large; min 2 desired 3 max 6; ON_DEMAND; AL2023_x86_64_STANDARD; 20 GiB\n" +
          "      subnets dualstack-us-east-1a, dualstack-us-east-1b, dualstack-us-east-1c\n" +
          "      instance metadata IMDSv2 only, hop limit 1, IPv6 metadata endpoint off\n" +
          "  Fargate profile: namespaces batch, in dualstack-us-east-1a, dualstack-us-east-1b, dualstack-us-east-1c\n",
      ),
    );
  });

  it("keeps the prerequisites (the node group's instance types) and shows nothing of a self-managed cluster", () => {
    assert.match(text, /\nPrerequisites\n[\s\S]*not checked {2}instance type m7i\.large: /);
    for (const absent of [...SELF_MANAGED, /\n {2}pods /, /DNS /, /families /]) assert.doesNotMatch(text, absent);
  });
});

describe("npm run plan -- --stack eks --format markdown", () => {
  let md = "";
  before(async () => (md = await plan(["--stack", "eks", "--format", "markdown"])));

  it("mirrors the text: the Kubernetes part, then the EKS section's table", () => {
    assert.ok(md.includes("#### Kubernetes (Amazon EKS)\n\n- family ipv6 (EKS): pods and services IPv6 only\n"));
    assert.ok(md.includes("- IP family fixed at creation: changing it replaces the cluster\n"));
    assert.ok(md.includes("#### Amazon EKS (`kubernetes.eks`)\n\n| setting | value |\n| --- | --- |\n| cluster |"));
    assert.ok(md.includes("| endpoint | private on, public on, open to `203.0.113.0/24` |\n"));
    assert.ok(
      md.includes("| IPv6 CNI policy | on a role of its own for `kube-system/aws-node`, assumed through EKS Pod"),
    );
    assert.ok(md.includes("| Fargate profile | namespaces `batch`, in `dualstack-us-east-1a`, "));
  });

  it("has the add-ons with their versions and settings, and the node group", () => {
    assert.ok(md.includes("| `eks-pod-identity-agent` | EKS default for Kubernetes 1.32 | - |\n"));
    assert.ok(
      md.includes(
        `| \`vpc-cni\` | \`${PINNED.vpcCni}\` (pinned) | aws-node \`ENABLE_IPv6=true\`` +
          " `ENABLE_PREFIX_DELEGATION=true` `ENABLE_IPv4=false`; aws-vpc-cni-init `ENABLE_IPv6=true`;",
      ),
    );
    assert.ok(md.includes(`| \`coredns\` | \`${PINNED.coreDns}\` (pinned) | - |\n`));
    assert.match(
      md,
      /\| `general` \| `m6i\.large`, `m7i\.large` \| min 2 desired 3 max 6 \| ON_DEMAND \| AL2023_x86_64_STANDARD \| 20 GiB \| `dualstack-us-east-1a`, [^|]+ \| IMDSv2 only, hop limit 1, IPv6 metadata endpoint off \|/,
    );
  });

  it("has no self-managed section, and every table row has as many cells as its header", () => {
    for (const absent of [...SELF_MANAGED, /\| family \| pods \|/, /cluster DNS/]) assert.doesNotMatch(md, absent);
    assert.match(md, /#### Prerequisites\n[\s\S]*\| not checked \| instance type m7i\.large \|/);
    let width = 0;
    for (const [i, line] of md.split("\n").entries()) {
      if (!line.startsWith("|")) {
        width = 0;
        continue;
      }
      const cells = line.split(/(?<!\\)\|/).length - 2;
      if (width === 0) width = cells;
      assert.equal(cells, width, `line ${i + 1}: ${line}`);
    }
  });
});

describe("npm run plan -- --stack eks --format json", () => {
  it("carries plan.eks, and an edge without security groups, load balancer or control-plane flags", async () => {
    const doc = JSON.parse(await plan(["--stack", "eks", "--format", "json"]));
    assert.deepEqual(Object.keys(doc), ["version", "stack", "ok", "findings", "plan", "resourceCounts", "publicIpv4"]);
    const p = doc.plan as NetworkPlan;
    assert.equal(p.eks?.version, "1.32");
    assert.deepEqual(
      p.eks?.addons.map((a) => [a.name, a.version]),
      [
        ["eks-pod-identity-agent", undefined],
        ["vpc-cni", PINNED.vpcCni],
        ["kube-proxy", PINNED.kubeProxy],
        ["coredns", PINNED.coreDns],
      ],
    );
    const cni = JSON.parse(p.eks!.addons[1].configurationValues!);
    assert.deepEqual(cni.env, { ENABLE_IPv6: "true", ENABLE_PREFIX_DELEGATION: "true", ENABLE_IPv4: "false" });
    assert.deepEqual(
      p.eks?.nodeGroups.map((g) => g.name),
      ["general"],
    );
    assert.deepEqual([p.edge.securityGroups, p.edge.apiLoadBalancer, p.nodeCloudInit], [[], undefined, ""]);
    assert.deepEqual(p.controlPlane, { kubeApiServer: {}, kubeControllerManager: {}, kubelet: {}, kubeProxy: {} });
    assert.deepEqual(p.kubernetes.podCIDRs, []);
  });
});

/** Every text of the SVG inside each subnet's group, joined, by subnet name. */
function subnetTexts(svg: string): Map<string, string> {
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => ["g", "text", "tspan"].includes(n) }).parse(svg);
  const textOf = (t: unknown): string => {
    if (typeof t === "string" || typeof t === "number") return String(t);
    const o = t as Record<string, unknown>;
    return [o["#text"] ?? "", ...((o.tspan as unknown[]) ?? []).map(textOf)].join("");
  };
  return new Map(
    (doc.svg.g as Record<string, unknown>[]).map((g) => [
      String(g["@_data-subnet"]),
      ((g.text as unknown[]) ?? []).map(textOf).join("\n"),
    ]),
  );
}

describe("npm run plan -- --stack eks --svg FILE", () => {
  it("draws the cluster on top, marks its subnets and puts the node group in each of its subnets", async () => {
    const file = join(dir, "eks.svg");
    await plan(["--stack", "eks", "--svg", file]);
    const svg = readFileSync(file, "utf8");
    assert.equal(XMLValidator.validate(svg), true);
    assert.ok(svg.includes(">EKS cluster (named by Pulumi), Kubernetes 1.32, IPv6</tspan>"));
    assert.match(svg, />endpoint private \+ public \(203\.0\.113\.0\/24\) · add-ons eks-pod-identity-agent, vpc-cni/);
    assert.ok(svg.includes("Kubernetes on Amazon EKS 1.32 · ipv6 · pods /80 prefixes of the node subnets"));
    assert.doesNotMatch(svg, /API load balancer|control plane|DNS |CNI none/);
    const groups = subnetTexts(svg);
    for (const zone of ["us-east-1a", "us-east-1b", "us-east-1c"]) {
      const cluster = groups.get(`dualstack-${zone}`)!;
      assert.match(cluster, /DualStack · EKS cluster interfaces/);
      assert.match(cluster, /EKS node group general \(m6i\.large, m7i\.large\)/);
      assert.doesNotMatch(groups.get(`utility-${zone}`)!, /EKS/);
    }
  });
});

describe("the EKS report (components/report/eks.ts)", () => {
  it("nodeRole: the CNI policy goes on the node role; no Pod Identity agent, no service account", () => {
    const r = eksReport(eksPlan({ cniCredentials: "nodeRole" }).eks!);
    const iam = Object.fromEntries(r.iam);
    assert.equal(
      iam["node role"],
      "AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryReadOnly, the IPv6 CNI policy" +
        " (trusted by ec2.amazonaws.com)",
    );
    assert.match(iam["IPv6 CNI policy"], /^on the node role: every pod that can reach the instance metadata/);
    assert.deepEqual(
      r.addons.map((a) => a.name),
      ["vpc-cni", "kube-proxy", "coredns"],
    );
    assert.doesNotMatch(r.addons[0].settings, /service account/);
  });

  it("irsa: a role of its own through the cluster's OIDC provider", () => {
    const iam = Object.fromEntries(eksReport(eksPlan({ cniCredentials: "irsa" }).eks!).iam);
    assert.equal(
      iam["IPv6 CNI policy"],
      "on a role of its own for kube-system/aws-node, assumed through IRSA (the cluster's OIDC provider)",
    );
  });

  it("a named cluster, a private endpoint, versions from config, no Fargate profile, the default node group", () => {
    const p = eksPlan({
      name: "platform",
      version: "1.33",
      addonVersions: { vpcCni: "v1.20.4-eksbuild.1", coreDns: "v1.12.1-eksbuild.2", kubeProxy: "v1.33.0-eksbuild.2" },
    });
    const text = eksLines(p).join("\n");
    assert.match(text, /\n {2}cluster {3}platform, Kubernetes 1\.33, IP family ipv6,/);
    assert.match(text, /\n {2}endpoint {2}private on, public off\n/);
    assert.match(text, /\n {4}vpc-cni {2,}v1\.20\.4-eksbuild\.1 \(config\) {2,}aws-node ENABLE_IPv6=true /);
    assert.match(text, /\n {4}eks-pod-identity-agent {2}EKS default for Kubernetes 1\.33 {2}-\n/);
    assert.match(text, /\n {4}default: m6i\.large; min 1 desired 2 max 3; ON_DEMAND; AL2023_x86_64_STANDARD; 20 GiB\n/);
    assert.match(text, /\n {2}Fargate profile: none \(set fargateNamespaces for one\)$/);
  });

  it("no node groups (nodeGroups: []) reads none, in text and markdown", () => {
    const p = eksPlan({ nodeGroups: [], fargateNamespaces: ["batch"] });
    assert.match(eksLines(p).join("\n"), /\n {2}Node groups\n {4}none\n {2}Fargate profile: namespaces batch, /);
    assert.match(renderMarkdown(p, "f", {}, publicIpv4Summary(p)), /\nNode groups:\n\nnone\n/);
  });

  it("reads the VPC CNI's settings from the JSON, per container; shows text that is not JSON as it is", () => {
    assert.deepEqual(configurationSettings('{"env":{"A":"1","B":false},"init":{"env":{"C":"x"}}}'), [
      "aws-node A=1 B=false",
      "aws-vpc-cni-init C=x",
    ]);
    assert.deepEqual(configurationSettings('{"env":{}}'), []);
    assert.deepEqual(configurationSettings("{env"), ["configurationValues (not JSON): {env"]);
  });

  it("a self-managed plan has no EKS section, in text, markdown and SVG", () => {
    const p = planOk({ vpc: VPC_AMAZON, kubernetes: DUAL_STACK_K8S, apiLoadBalancer: {} });
    assert.deepEqual(eksLines(p), []);
    const text = renderTable(p, "dual");
    assert.doesNotMatch(text, /EKS/);
    assert.match(text, /\nKubernetes\n {2}families ipv6, ipv4 \(dual-stack\)\n {2}pods fd00:10:244::\/56/);
    assert.match(text, /\nSecurity groups[\s\S]*\nAPI load balancer\n[\s\S]*\nControl-plane settings/);
    assert.doesNotMatch(renderMarkdown(p, "dual", {}, publicIpv4Summary(p)), /EKS/);
    const svg = renderSvg(p, "dual");
    assert.doesNotMatch(svg, /EKS/);
    assert.match(svg, /control plane/);
  });
});
