/**
 * The three baselines of `npm run plan -- --against REF` and the move of an IPv4 stack to dual-stack:
 * a state written by `pulumi stack export` (constructed here from a mock run, with AWS-shaped ids, provider
 * defaults, a secret and the records a real export holds besides the stack's resources), read and diffed;
 * then the IPv4 example stack gaining IPv6. The command itself (git, file, formats) is tests/diff-cli.test.ts.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diffGraphs } from "../components/diff/diff";
import type { GraphResource } from "../components/diff/graph";
import { deployedValues, graphFromState } from "../components/diff/state";
import { checkValues } from "../components/offline/check";
import { parseStackFile, readStackFile } from "../components/offline/stack-file";
import { hintOf } from "../components/report/diff";
import { declareStack, diffAgainst } from "../scripts/diff";
import { BASE, declared, exportOf, sets, stackText } from "./support/diff-fixtures";

const ROOT = join(__dirname, "..", "..");

describe("plan --against a pulumi stack export", function () {
  this.timeout(60_000);
  let now: GraphResource[];
  before(async () => {
    now = await declared(BASE);
  });

  it("a state of the same config, with AWS' ids and provider defaults, changes nothing", () => {
    const read = graphFromState(exportOf(now), "edits", "ipv6-cluster-network");
    assert.ok(read.resources, JSON.stringify(read.findings));
    const d = diffGraphs(read.resources, now);
    assert.deepEqual(sets(d), {});
    // Only the VPC's tags could not be compared: the export holds them encrypted.
    assert.deepEqual(
      d.hiddenSecrets.map((s) => `${s.urn.split("::").pop()}.${s.input}`),
      ["network-vpc.tags"],
    );
  });

  it("the stack as it is now gets the IPv6 block AWS gave the deployed VPC, so no /64 looks moved", async () => {
    const file = parseStackFile(stackText(BASE), "edits", "config/Pulumi.edits.yaml");
    const real = "2600:1f18:4c1:a200::/56";
    const deployed = await declareStack(file, { assignedIpv6Block: () => real });
    const state = graphFromState(exportOf(deployed.resources!), "edits", "ipv6-cluster-network");
    const vpc = deployedValues(state.resources!)("aws:ec2/vpc:Vpc", "network-vpc");
    assert.equal(vpc?.outputs?.ipv6CidrBlock, real);
    const outcome = await diffAgainst(file, { kind: "state", label: "state", resources: state.resources! }, "state");
    assert.ok(outcome.ok);
    assert.deepEqual(sets(outcome.diff), {});
    // With the mocks' documentation block instead, every IPv6 subnet would look replaced.
    const naive = diffGraphs(state.resources!, now);
    assert.ok(sets(naive).replace!.includes("nodes-a:Subnet"), JSON.stringify(sets(naive)));
  });

  it("EKS with IRSA: the deployed cluster's OIDC issuer is used, so its provider and trust policies stay", async () => {
    const text = readFileSync(join(ROOT, "config", "Pulumi.eks.yaml"), "utf8").replace(
      "    eks:\n",
      "    eks:\n      cniCredentials: irsa\n",
    );
    const file = parseStackFile(text, "eks", "config/Pulumi.eks.yaml");
    const issuer = "https://oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF";
    const aws = (type: string) =>
      type === "aws:eks/cluster:Cluster" ? { outputs: { identities: [{ oidcs: [{ issuer }] }] } } : undefined;
    const deployed = await declareStack(file, { deployed: aws });
    assert.ok(JSON.stringify(deployed.resources).includes(issuer.slice(8)), "the IRSA stack uses the issuer");
    const state = graphFromState(exportOf(deployed.resources!), "eks", "ipv6-cluster-network");
    const outcome = await diffAgainst(file, { kind: "state", label: "state", resources: state.resources! }, "state");
    assert.ok(outcome.ok);
    assert.deepEqual(sets(outcome.diff), {});
    // With the mocks' stand-in issuer, the OIDC provider (its url cannot change) would look replaced.
    const naive = diffGraphs(state.resources!, (await declareStack(file)).resources!);
    assert.ok(
      sets(naive).replace?.some((l) => l.endsWith(":OpenIdConnectProvider")),
      JSON.stringify(sets(naive)),
    );
  });

  it("an edit against the state is judged on the inputs the state recorded", async () => {
    const edited = structuredClone(BASE);
    edited.subnets[2].type = "Private";
    const read = graphFromState(exportOf(now), "edits", "ipv6-cluster-network");
    const d = diffGraphs(read.resources!, await declared(edited));
    assert.deepEqual(sets(d), {
      replace: ["cp-a:RouteTableAssociation", "cp-a:Subnet"],
      delete: ["cp-a-ipv4-default:Route"],
    });
  });

  it("refuses what is not an export, or another stack's", () => {
    const codes = (doc: unknown) => graphFromState(doc, "edits", "ipv6-cluster-network").findings.map((f) => f.code);
    assert.deepEqual(codes({ resources: [] }), ["BASELINE_STATE_INVALID"]);
    assert.deepEqual(codes({ version: 2, deployment: {} }), ["BASELINE_STATE_INVALID"]);
    assert.deepEqual(codes(exportOf(now)), []);
    assert.deepEqual(
      graphFromState(exportOf(now), "prod", "ipv6-cluster-network").findings.map((f) => f.code),
      ["BASELINE_OTHER_STACK"],
    );
  });

  it("EKS: a cluster whose state says ipFamily ipv4 is replaced, and everything hung on it", async () => {
    const eks = await declareStack(readStackFile("eks", join(ROOT, "config")));
    assert.ok(eks.resources);
    const state = exportOf(eks.resources, (r) => {
      if (r.type === "aws:eks/cluster:Cluster") r.inputs.kubernetesNetworkConfig = { ipFamily: "ipv4" };
    });
    const read = graphFromState(state, "eks", "ipv6-cluster-network");
    const d = diffGraphs(read.resources!, eks.resources);
    const s = sets(d);
    const cluster = d.changes.find((c) => c.type === "aws:eks/cluster:Cluster")!;
    assert.equal(cluster.action, "replace");
    assert.deepEqual(
      cluster.changes.filter((c) => c.replaces).map((c) => c.input),
      ["kubernetesNetworkConfig.ipFamily"],
    );
    // Everything that names the cluster goes with it; the VPC, IAM roles and launch templates stay.
    assert.deepEqual(s, {
      replace: [
        "eks-admin:AccessEntry",
        "eks-admin:AccessPolicyAssociation",
        "eks-coredns:Addon",
        "eks-fargate:FargateProfile",
        "eks-kube-proxy:Addon",
        "eks-pod-identity-agent:Addon",
        "eks-vpc-cni:Addon",
        "eks:Cluster",
        "general:NodeGroup",
      ],
    });
  });
});

describe("IPv4 -> dual-stack in place (vpc.ipv6 with migratedFromIpv4)", function () {
  this.timeout(60_000);
  const legacy = readFileSync(join(ROOT, "config", "Pulumi.legacy-ipv4.yaml"), "utf8");
  const withIpv6 = (ipv6: string) =>
    legacy.replace("cidrBlock: 10.30.0.0/16", `cidrBlock: 10.30.0.0/16\n    ipv6: ${ipv6}`);
  const run = async (text: string) => {
    const r = await declareStack(parseStackFile(text, "legacy-ipv4", "config/Pulumi.legacy-ipv4.yaml"));
    assert.ok(r.resources, JSON.stringify(r.findings));
    return r.resources;
  };
  let ipv4: GraphResource[];
  before(async () => {
    ipv4 = await run(legacy);
  });

  it("replaces and deletes nothing: blocks, routes and the egress-only gateway added, the rest updated", async () => {
    const d = diffGraphs(ipv4, await run(withIpv6("{ migratedFromIpv4: true }")));
    assert.deepEqual(sets(d), {
      create: [
        "eigw:EgressOnlyInternetGateway",
        "nodes-us-west-2a-ipv6-default:Route",
        "nodes-us-west-2a-nat64:Route",
        "nodes-us-west-2b-ipv6-default:Route",
        "nodes-us-west-2b-nat64:Route",
        "utility-us-west-2a-ipv6-default:Route",
        "utility-us-west-2b-ipv6-default:Route",
      ],
      update: [
        "api-lb-sg:SecurityGroup",
        "api-lb:LoadBalancer",
        "control-plane-sg:SecurityGroup",
        "nodes-sg:SecurityGroup",
        "nodes-us-west-2a:Subnet",
        "nodes-us-west-2b:Subnet",
        "utility-us-west-2a:Subnet",
        "utility-us-west-2b:Subnet",
        "vpc:Vpc",
      ],
    });
    // Each existing subnet gets its /64 set explicitly (never left to the provider), IPv4 block unchanged.
    for (const c of d.changes.filter((x) => x.type === "aws:ec2/subnet:Subnet")) {
      const block = c.changes.find((x) => x.input === "ipv6CidrBlock");
      assert.match(String(block?.after), /^2001:db8:1234:56[0-9a-f]{2}::\/64$/, c.name);
      assert.equal(
        c.changes.find((x) => x.input === "cidrBlock" || x.input === "ipv6Native"),
        undefined,
      );
    }
  });

  it("says what happens to each Private subnet (MIGRATION_PRIVATE_STAYS_IPV4)", () => {
    const file = parseStackFile(withIpv6("{ migratedFromIpv4: true }"), "legacy-ipv4", "x");
    const { result } = checkValues(file.values, file.region);
    assert.ok(result.ok);
    const moved = result.findings.filter((f) => f.code === "MIGRATION_PRIVATE_STAYS_IPV4");
    assert.deepEqual(
      moved.map((f) => f.path),
      ["subnets[2].type", "subnets[3].type"],
    );
    assert.match(moved[0].message, /nodes-us-west-2a keeps 10\.30\.160\.0\/23 and gains \/64#a0 in place/);
  });

  it("pinning what the flag decided, then dropping it, changes nothing (docs/migrating-to-dual-stack.md)", async () => {
    const migrated = await run(withIpv6("{ migratedFromIpv4: true }"));
    const pinned = withIpv6("{}")
      .replace("us-west-2a, type: Private }", 'us-west-2a, type: DualStack, cidr: 10.30.160.0/23, ipv6CIDR: "/64#a0" }')
      .replace("us-west-2b, type: Private }", 'us-west-2b, type: DualStack, cidr: 10.30.162.0/23, ipv6CIDR: "/64#91" }')
      .replace("scheme: internet-facing", "scheme: internet-facing\n    targetGroupIpType: ipv4");
    const d = diffGraphs(migrated, await run(pinned));
    assert.deepEqual(sets(d), {});
    assert.equal(d.unchanged, migrated.filter((r) => r.custom).length);
  });

  it("without it, adding vpc.ipv6 replaces the Private subnets (the diff says so and how to avoid it)", async () => {
    const d = diffGraphs(ipv4, await run(withIpv6("{}")));
    assert.deepEqual(sets(d).replace, [
      "api-lb:TargetGroup",
      "nodes-us-west-2a:RouteTableAssociation",
      "nodes-us-west-2a:Subnet",
      "nodes-us-west-2b:RouteTableAssociation",
      "nodes-us-west-2b:Subnet",
    ]);
    const subnet = d.changes.find((c) => c.action === "replace" && c.type === "aws:ec2/subnet:Subnet")!;
    assert.match(hintOf(subnet)!, /vpc\.ipv6\.migratedFromIpv4: true/);
  });
});
