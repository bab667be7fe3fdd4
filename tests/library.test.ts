/**
 * The library from a TypeScript program (issue 14): Ipv6ClusterNetwork in a program of its own, two instances in
 * one stack, a refusal before any child, the outputs, and the pure entry that loads no Pulumi.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Facts } from "../components/core/types";
import { runOffline, type OfflineRun } from "../components/offline/mock-runtime";
import { parseStackFile } from "../components/offline/stack-file";
import { parse } from "yaml";
import {
  EksCniCredentials,
  Ipv6ClusterNetwork,
  NatGatewayMode,
  SubnetType,
  type Ipv6ClusterNetworkArgs,
} from "../index";

const ROOT = join(__dirname, "..", "..");
const ZONES = ["us-east-1a", "us-east-1b"];
const FACTS: Facts = { region: "us-east-1", standardZones: ["us-east-1a", "us-east-1b", "us-east-1c"] };
/** A stack with no project config at all: everything the component needs is in its args. */
const EMPTY_STACK = parseStackFile("config:\n  aws:region: us-east-1\n", "lib", "config/Pulumi.lib.yaml");

const DEV: Ipv6ClusterNetworkArgs = {
  vpc: { cidrBlock: "10.0.0.0/16", ipv6: {} },
  zones: ZONES,
  natGateways: NatGatewayMode.single,
  kubernetes: { podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"], serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"] },
};

/** Runs a program that declares networks and awaits them (as a program should, to fail fast). */
async function run(declare: () => Ipv6ClusterNetwork[]): Promise<OfflineRun> {
  return runOffline(EMPTY_STACK, async () => {
    const networks = declare();
    await Promise.all(networks.map((n) => n.ready()));
    return Object.fromEntries(networks.map((n, i) => [`vpc${i}`, n.vpcId]));
  });
}

describe("library: Ipv6ClusterNetwork in a program of its own", () => {
  it("two instances in one stack: no URN collides, each has its own VPC, subnets and gateways", async () => {
    const r = await run(() => [
      new Ipv6ClusterNetwork("blue", DEV, { facts: FACTS }),
      new Ipv6ClusterNetwork("green", { ...DEV, vpc: { cidrBlock: "10.1.0.0/16", ipv6: {} } }, { facts: FACTS }),
    ]);
    const urns = r.resources.map((x) => x.urn);
    assert.equal(new Set(urns).size, urns.length, "every URN is unique");
    for (const color of ["blue", "green"]) {
      const mine = r.resources.filter((x) => x.name.startsWith(`${color}-`) || x.name === color);
      assert.equal(mine.filter((x) => x.type === "aws:ec2/vpc:Vpc").length, 1, color);
      assert.equal(mine.filter((x) => x.type === "aws:ec2/subnet:Subnet").length, 6, color);
      assert.deepEqual(
        mine.filter((x) => x.type === "aws:ec2/natGateway:NatGateway").map((x) => x.name),
        [`${color}-us-east-1a-nat`],
      );
    }
    // A library instance carries no alias: only the program's own network keeps 0.1's URNs.
    assert.deepEqual(
      r.resources.flatMap((x) => x.aliases),
      [],
    );
    assert.deepEqual(r.outputs, { vpc0: "vpc-blue-vpc", vpc1: "vpc-green-vpc" });
  });

  it("every child is the component's (or one of its components')", async () => {
    const r = await run(() => [new Ipv6ClusterNetwork("blue", DEV, { facts: FACTS })]);
    const top = r.resources.find((x) => x.type === "ipv6-cluster-network:index:Ipv6ClusterNetwork")!;
    const components = new Set(r.resources.filter((x) => x.parent === top.urn).map((x) => x.urn));
    for (const x of r.resources) {
      if (x.type === "pulumi:pulumi:Stack" || x === top) continue;
      assert.ok(x.parent === top.urn || components.has(x.parent), `${x.type} ${x.name}`);
    }
  });

  it("outputs what the stack outputs, typed", async () => {
    let net: Ipv6ClusterNetwork | undefined;
    const r = await runOffline(EMPTY_STACK, async () => {
      net = new Ipv6ClusterNetwork("blue", { ...DEV, apiLoadBalancer: {} }, { facts: FACTS });
      await net.ready();
      return {
        subnets: net.subnets,
        endpoint: net.apiServerEndpoint,
        sgs: net.securityGroupIds,
        kubernetes: net.kubernetes,
        eigw: net.egressOnlyInternetGatewayId,
      };
    });
    const o = r.outputs as Record<string, any>;
    assert.equal(o.subnets["private-us-east-1a"].type, "Private");
    assert.equal(o.subnets["private-us-east-1a"].cidrBlock, undefined);
    assert.match(o.endpoint, /^blue-api-lb-.*:6443$/);
    assert.deepEqual(Object.keys(o.sgs).sort(), ["apiLoadBalancer", "controlPlane", "nodes"]);
    assert.equal(o.kubernetes.dnsServiceIP, "fd00:10:96::a");
    assert.match(o.kubernetes.kubeadmConfig, /controlPlaneEndpoint: blue-api-lb-/);
    assert.equal(o.eigw, "egressonlyinternetgateway-blue-eigw");
  });

  it("EKS mode: eks has the cluster, its roles, a kubeconfig (secret); empty when self-managed", async () => {
    const eksArgs: Ipv6ClusterNetworkArgs = {
      vpc: { cidrBlock: "10.0.0.0/16", ipv6: {} },
      zones: ZONES,
      kubernetes: {
        eks: { adminPrincipalArn: "arn:aws:iam::123456789012:role/admin", cniCredentials: EksCniCredentials.irsa },
      },
    };
    let secret: boolean[] = [];
    const r = await runOffline(EMPTY_STACK, async () => {
      const eks = new Ipv6ClusterNetwork("blue", eksArgs, { facts: FACTS });
      const self = new Ipv6ClusterNetwork(
        "green",
        { ...DEV, vpc: { cidrBlock: "10.1.0.0/16", ipv6: {} } },
        { facts: FACTS },
      );
      await Promise.all([eks.ready(), self.ready()]);
      const outputs: pulumi.Output<unknown>[] = [eks.eks, eks.kubeconfig, self.eks, self.kubeconfig];
      secret = await Promise.all(outputs.map((o) => pulumi.isSecret(o)));
      return {
        eks: eks.eks,
        self: self.eks,
        kubeconfig: eks.kubeconfig,
        selfKubeconfig: self.kubeconfig,
        sgs: eks.securityGroupIds,
        kubernetes: eks.kubernetes,
      };
    });
    assert.deepEqual(secret, [false, true, false, false], "only the kubeconfig is a secret: the rest stays readable");
    const o = r.outputs as Record<string, any>;
    assert.equal(o.eks.clusterName, "blue-eks");
    assert.match(o.eks.endpoint, /^https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com$/);
    assert.equal(o.eks.serviceIpv6Cidr, "fd00:1234:5678::/108");
    assert.deepEqual(o.eks.nodeGroupNames, ["default"]);
    assert.equal(o.eks.cniRoleArn, "arn:aws:iam::123456789012:role/blue-eks-cni");
    assert.equal(o.eks.fargateRoleArn, "", "no Fargate profile");
    assert.match(o.eks.oidcIssuer, /^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\//);
    const kubeconfig = parse(o.kubeconfig);
    assert.equal(kubeconfig.clusters[0].cluster.server, o.eks.endpoint);
    assert.deepEqual(kubeconfig.users[0].user.exec.args, [
      "eks",
      "get-token",
      "--cluster-name",
      "blue-eks",
      "--region",
      "us-east-1",
    ]);
    assert.deepEqual(o.sgs, { nodes: o.eks.clusterSecurityGroupId, controlPlane: o.eks.clusterSecurityGroupId });
    assert.deepEqual(o.kubernetes.ipFamilies, ["ipv6"]);
    // Every field is there in a self-managed network, empty: the SDKs of other languages see one shape.
    assert.equal(o.selfKubeconfig, "", "no kubeconfig for a self-managed network");
    assert.deepEqual(o.self, {
      clusterName: "",
      endpoint: "",
      serviceIpv6Cidr: "",
      clusterSecurityGroupId: "",
      oidcIssuer: "",
      certificateAuthorityData: "",
      nodeGroupNames: [],
      clusterRoleArn: "",
      nodeRoleArn: "",
      cniRoleArn: "",
      fargateRoleArn: "",
    });
    const component = r.resources.find((x) => x.type === "ipv6-cluster-network:network:EksCluster")!;
    const top = r.resources.find(
      (x) => x.type === "ipv6-cluster-network:index:Ipv6ClusterNetwork" && x.name === "blue",
    );
    assert.equal(component.parent, top!.urn);
    assert.equal(component.name, "blue");
  });

  it("the building blocks compose under a component of one's own (examples/typescript/building-blocks)", async () => {
    const { MyPlatform } =
      require("../examples/typescript/building-blocks") as typeof import("../examples/typescript/building-blocks");
    const r = await runOffline(EMPTY_STACK, async () => {
      const p = new MyPlatform("plat", { cidrBlock: "10.2.0.0/16", zones: ZONES });
      return { vpcId: p.vpcId, nodes: p.nodeSecurityGroupId };
    });
    const byType = (t: string) => r.resources.filter((x) => x.type === t);
    const [platform] = byType("my-company:platform:MyPlatform");
    const [vpcComponent] = byType("ipv6-cluster-network:network:DualStackVpc");
    const [sgComponent] = byType("ipv6-cluster-network:network:ClusterSecurityGroups");
    assert.equal(vpcComponent!.parent, platform!.urn);
    assert.equal(sgComponent!.parent, platform!.urn);
    assert.equal(byType("aws:ec2/vpc:Vpc")[0]!.parent, vpcComponent!.urn);
    assert.equal(byType("aws:ec2/subnet:Subnet").length, 6);
    assert.deepEqual(byType("aws:lb/loadBalancer:LoadBalancer"), [], "only what the program asked for");
    assert.deepEqual(r.outputs, { vpcId: "vpc-plat-vpc", nodes: "securitygroup-plat-nodes-sg" });
  });

  it("a malformed config is refused in the constructor: a ResourceError with every finding, no child", async () => {
    let thrown: unknown;
    const r = await runOffline(EMPTY_STACK, async () => {
      try {
        new Ipv6ClusterNetwork("bad", {
          vpc: { cidrBlock: "10.0.0.0/16" },
          natGateways: "sometimes" as NatGatewayMode,
          zones: [],
        });
      } catch (e) {
        thrown = e;
      }
      return {};
    });
    assert.ok(pulumi.ResourceError.isInstance(thrown));
    const message = (thrown as Error).message;
    assert.match(message, /^Invalid stack config: 2 problems\n/);
    assert.match(message, /\[CONFIG_INVALID_VALUE\] natGateways = "sometimes"/);
    assert.match(message, /\[CONFIG_INVALID_TYPE\] zones = \[\]/);
    assert.deepEqual(
      r.resources.map((x) => x.type).filter((t) => t !== "pulumi:pulumi:Stack"),
      ["ipv6-cluster-network:index:Ipv6ClusterNetwork"],
    );
  });

  it("a config the planner refuses rejects ready() and the outputs with every finding; no child exists", async () => {
    let refused: unknown;
    let output: unknown;
    const r = await runOffline(EMPTY_STACK, async () => {
      const net = new Ipv6ClusterNetwork(
        "bad",
        {
          vpc: { cidrBlock: "10.0.0.1/16", ipv6: {} },
          zones: ["us-east-1a", "us-west-2b"],
          subnets: [{ name: "a", zone: "us-east-1a", type: SubnetType.Utility }],
        },
        { facts: FACTS },
      );
      await net.ready().catch((e) => (refused = e));
      // (Output.promise() is the SDK's own way to await an output; internal, but stable in 3.x.)
      await (net.vpcId as unknown as { promise(): Promise<unknown> }).promise().catch((e) => (output = e));
      return {};
    });
    assert.ok(pulumi.ResourceError.isInstance(refused), String(refused));
    const message = (refused as Error).message;
    for (const code of ["CIDR_NOT_CANONICAL", "ZONE_NOT_IN_REGION", "ZONE_WITHOUT_SUBNETS"])
      assert.match(message, new RegExp(`\\[${code}\\]`));
    assert.equal(output, refused, "each output rejects with the same refusal (reported once)");
    assert.deepEqual(
      r.resources.map((x) => x.type).filter((t) => t !== "pulumi:pulumi:Stack"),
      ["ipv6-cluster-network:index:Ipv6ClusterNetwork"],
    );
  });

  it("looks facts up itself when none are given (the data sources, answered offline by the mocks)", async () => {
    const r = await run(() => [new Ipv6ClusterNetwork("blue", { ...DEV, region: "us-east-1" })]);
    assert.ok(r.invokes.some((i) => i.token === "aws:index/getAvailabilityZone:getAvailabilityZone"));
    assert.equal(r.resources.filter((x) => x.type === "aws:ec2/subnet:Subnet").length, 6);
  });
});

describe("library: the pure entry", () => {
  it("ipv6-cluster-network/core plans and checks without loading the Pulumi SDK", () => {
    const script = [
      'const core = require("ipv6-cluster-network/core");',
      'const r = core.checkStackConfig({ vpc: { cidrBlock: "10.0.0.0/16", ipv6: {} } }, { region: "us-east-1" });',
      'const loaded = Object.keys(require.cache).some((k) => k.includes("@pulumi"));',
      "process.stdout.write(`${r.ok} ${r.ok && r.plan.subnets.length} ${loaded}`);",
    ].join("\n");
    const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    assert.equal(r.stdout, "true 9 false", r.stderr);
  });
});
