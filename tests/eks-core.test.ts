/**
 * The EKS plan in the pure core (`kubernetes.eks`, issue 15): planNetwork and checkStackConfig, plain data in
 * and out, no Pulumi. The layout EKS gets by default, its routes, the cluster and node-group subnets, the pinned
 * versions and add-ons, the vpc-cni settings and the IPv6 CNI policy (against the documented lists in
 * ../shared/reference/eks-ipv6.md, not against the planner's own constants, so a change of the data shows), the
 * endpoint rules, one finding per mistake, the self-managed plan left as it was, and, as a property, that
 * appending subnets or zones never moves the subnets EKS was given.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import fc from "fast-check";
import { checkStackConfig } from "../core";
import { EKS_ADDON_VERSIONS, EKS_DEFAULT_VERSION, EKS_NODE_GROUP_DEFAULTS } from "../components/core/eks/versions";
import { CNI_IPV6_POLICY, inPartition } from "../components/core/eks/iam";
import type { EksPlan } from "../components/core/eks/types";
import type { NetworkPlan } from "../components/core/network-plan";
import { planNetwork } from "../components/core/plan";
import type { Facts, SubnetPlan } from "../components/core/types";
import { offlineFacts, readStackFile } from "../components/offline/stack-file";
import {
  DUAL_STACK_K8S,
  EKS_ADMIN,
  eksConfig,
  FACTS,
  FACTS_EKS,
  NITRO_IPV6,
  planOk,
  refused,
  sn,
  subnetOf,
  VPC_AMAZON,
  VPC_IPV4_ONLY,
  type Raw,
} from "./support/core-fixtures";

const A = "us-east-1a";
const B = "us-east-1b";
const C = "us-east-1c";
const CONFIG_DIR = join(__dirname, "..", "..", "config");

/** The EKS plan of a valid config (facts: the default node type looked up, Nitro with IPv6). */
function eksPlan(raw: Raw, facts: Facts = FACTS_EKS): { plan: NetworkPlan; eks: EksPlan } {
  const plan = planOk(raw, facts);
  assert.ok(plan.eks, "an EKS config has plan.eks");
  return { plan, eks: plan.eks };
}
const eksOf = (raw: Raw, facts: Facts = FACTS_EKS) => eksPlan(raw, facts).eks;
/** `code path` of each error of a refused config, sorted. */
const errors = (raw: Raw, facts: Facts = FACTS_EKS) =>
  refused(raw, facts)
    .map((f) => `${f.code} ${f.path}`)
    .sort();
const warnings = (plan: NetworkPlan) => plan.warnings.map((f) => `${f.code} ${f.path}`);
/** A route as one line: `destination -> target`. */
function route(r: SubnetPlan["routes"][number]): string {
  const t = r.target;
  const target = t.kind === "natGateway" ? `nat ${t.nat}${t.crossZone ? " (cross-zone)" : ""}` : t.kind;
  return `${r.destination} -> ${target}`;
}
const routes = (s: SubnetPlan) => s.routes.map(route);

describe("EKS: the default layout (no IPv6-only subnets: EKS puts neither interfaces nor nodes there)", () => {
  const { plan } = eksPlan(eksConfig({}, { zones: [A, B, C] }));

  it("per zone a utility- (public) and a dualstack- (private) subnet, both with both families; no private-", () => {
    assert.deepEqual(
      plan.subnets.map((s) => `${s.name} ${s.type} ${s.zone} v4=${s.hasIpv4} v6=${s.hasIpv6} public=${s.public}`),
      [A, B, C].flatMap((z) => [
        `utility-${z} Utility ${z} v4=true v6=true public=true`,
        `dualstack-${z} DualStack ${z} v4=true v6=true public=false`,
      ]),
    );
    assert.ok(plan.subnets.every((s) => !s.ipv6Only));
  });

  it("the DualStack subnets route ::/0 to the egress-only gateway and 0.0.0.0/0 to their zone's NAT gateway", () => {
    for (const z of [A, B, C]) {
      assert.deepEqual(routes(subnetOf(plan, `dualstack-${z}`)), [
        `0.0.0.0/0 -> nat ${z}-nat`,
        "::/0 -> egressOnlyInternetGateway",
        // The network's NAT64 route, kept for hosts that are IPv6-only themselves (reference §7).
        `64:ff9b::/96 -> nat ${z}-nat`,
      ]);
      assert.equal(subnetOf(plan, `dualstack-${z}`).dns64, false);
    }
    assert.deepEqual(
      plan.natGateways.map((n) => `${n.name} ${n.subnet}`),
      [A, B, C].map((z) => `${z}-nat utility-${z}`),
    );
  });

  it("the public subnets route both families to the internet gateway, with no NAT64 route", () => {
    for (const z of [A, B, C])
      assert.deepEqual(routes(subnetOf(plan, `utility-${z}`)), [
        "0.0.0.0/0 -> internetGateway",
        "::/0 -> internetGateway",
      ]);
  });

  it("Public subnets get no NAT64 route in EKS mode (pods reach IPv4 through their node), unlike IPv6 pods", () => {
    const subnets = [sn("Public", A), sn("Public", B), sn("DualStack", A), sn("DualStack", B)];
    const eks = planOk(eksConfig({}, { subnets }), FACTS_EKS);
    const ipv6Pods = planOk({
      vpc: VPC_AMAZON,
      zones: [A, B],
      subnets,
      kubernetes: { podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd02::/112"] },
    });
    assert.deepEqual(routes(subnetOf(eks, "public-us-east-1a")), [
      "0.0.0.0/0 -> internetGateway",
      "::/0 -> internetGateway",
    ]);
    assert.ok(routes(subnetOf(ipv6Pods, "public-us-east-1a")).includes("64:ff9b::/96 -> nat us-east-1a-nat"));
  });

  it("is the self-managed (dev) layout without its private- subnets, every other record identical", () => {
    const dev = readStackFile("dev", CONFIG_DIR);
    const self = planOk(dev.values, offlineFacts(dev));
    const onEks = { ...dev.values, kubernetes: { eks: { adminPrincipalArn: EKS_ADMIN } } };
    const { plan: eks } = eksPlan(onEks, { ...offlineFacts(dev), instanceTypes: FACTS_EKS.instanceTypes });
    assert.deepEqual(
      eks.subnets.map((s) => s.name),
      self.subnets.filter((s) => s.type !== "Private").map((s) => s.name),
    );
    assert.ok(
      self.subnets.some((s) => s.type === "Private" && s.ipv6Only),
      "dev has IPv6-only subnets",
    );
    for (const s of eks.subnets) assert.deepEqual(s, subnetOf(self, s.name), `${s.name} differs from dev's`);
    assert.deepEqual(eks.natGateways, self.natGateways);
    assert.deepEqual(eks.vpc, self.vpc);
  });
});

describe("EKS: the cluster's subnets", () => {
  it("default: per zone the first-listed DualStack subnet, never a Private (IPv6-only) one listed before it", () => {
    const subnets = [
      sn("Utility", A),
      sn("Private", A),
      sn("DualStack", A),
      sn("Utility", B),
      sn("PrivateIPv4", B),
      sn("DualStack", B),
    ];
    const { plan, eks } = eksPlan(eksConfig({}, { subnets }));
    assert.deepEqual(eks.clusterSubnets, ["dualstack-us-east-1a", "dualstack-us-east-1b"]);
    assert.deepEqual(plan.edge.controlPlaneSubnets, eks.clusterSubnets);
    assert.deepEqual(warnings(plan), [], "one DualStack subnet per zone: order decides nothing");
  });

  it("named ones: nodes.controlPlaneSubnets, in its order, public ones allowed", () => {
    const eks = eksOf(
      eksConfig({}, { nodes: { controlPlaneSubnets: ["dualstack-us-east-1b", "utility-us-east-1a"] } }),
    );
    assert.deepEqual(eks.clusterSubnets, ["dualstack-us-east-1b", "utility-us-east-1a"]);
    assert.deepEqual(eks.nodeGroups[0].subnets, eks.clusterSubnets, "the default node group goes where the cluster is");
  });

  it("refuses IPv6-only and IPv4-only ones, once per subnet", () => {
    const subnets = [sn("Utility", A), sn("Utility", B), sn("Private", A), sn("PrivateIPv4", B)];
    const names = ["private-us-east-1a", "privateipv4-us-east-1b"];
    assert.deepEqual(errors(eksConfig({}, { subnets, nodes: { controlPlaneSubnets: names } })), [
      "EKS_SUBNET_IPV6_ONLY nodes.controlPlaneSubnets[0]",
      "EKS_SUBNET_WITHOUT_IPV6 nodes.controlPlaneSubnets[1]",
    ]);
  });

  it("in at least two zones: one refused, two accepted", () => {
    assert.deepEqual(errors(eksConfig({}, { zones: [A] })), ["EKS_CLUSTER_ZONES nodes.controlPlaneSubnets"]);
    assert.deepEqual(
      errors(eksConfig({}, { nodes: { controlPlaneSubnets: ["dualstack-us-east-1a", "utility-us-east-1a"] } })),
      ["EKS_CLUSTER_ZONES nodes.controlPlaneSubnets"],
    );
    assert.deepEqual(eksOf(eksConfig({}, { zones: [B, A] })).clusterSubnets, [
      "dualstack-us-east-1b",
      "dualstack-us-east-1a",
    ]);
  });

  it("not in a zone id EKS refuses (use1-az3), whatever the zone's name in the account", () => {
    const facts = (ids: Record<string, string>) => ({ ...FACTS_EKS, zoneIds: ids });
    const raw = eksConfig({}, { zones: [A, B, C] });
    assert.deepEqual(errors(raw, facts({ [A]: "use1-az3", [B]: "use1-az1", [C]: "use1-az2" })), [
      "EKS_ZONE_ID_UNSUPPORTED zones[0]",
    ]);
    eksOf(raw, facts({ [A]: "use1-az4", [B]: "use1-az1", [C]: "use1-az2" }));
  });
});

describe("EKS: versions pinned in one place (components/core/eks/versions.ts)", () => {
  const addon = (eks: EksPlan, name: string) => eks.addons.find((a) => a.name === name);
  const versions = (eks: EksPlan) => eks.addons.map((a) => `${a.name} ${a.version ?? "-"} ${a.versionSource}`);

  it("the default version's add-ons come from the table, in install order, each OVERWRITE", () => {
    const eks = eksOf(eksConfig());
    assert.equal(eks.version, EKS_DEFAULT_VERSION);
    assert.ok(EKS_ADDON_VERSIONS[EKS_DEFAULT_VERSION], "the default version has a row");
    const pinned = EKS_ADDON_VERSIONS[EKS_DEFAULT_VERSION];
    assert.deepEqual(versions(eks), [
      "eks-pod-identity-agent - eks-default",
      `vpc-cni ${pinned.vpcCni} pinned`,
      `kube-proxy ${pinned.kubeProxy} pinned`,
      `coredns ${pinned.coreDns} pinned`,
    ]);
    assert.ok(eks.addons.every((a) => a.resolveConflicts === "OVERWRITE"));
  });

  it("every version in the table picks its own row; kube-proxy follows the Kubernetes version", () => {
    assert.ok(Object.keys(EKS_ADDON_VERSIONS).length >= 2);
    for (const [version, row] of Object.entries(EKS_ADDON_VERSIONS)) {
      const eks = eksOf(eksConfig({ version }));
      assert.equal(eks.version, version);
      assert.equal(addon(eks, "vpc-cni")?.version, row.vpcCni);
      assert.equal(addon(eks, "coredns")?.version, row.coreDns);
      assert.equal(addon(eks, "kube-proxy")?.version, row.kubeProxy);
      assert.ok(row.kubeProxy.startsWith(`v${version}.`), `kube-proxy ${row.kubeProxy} for ${version}`);
    }
  });

  it("addonVersions override the table (versionSource config), one add-on at a time", () => {
    const eks = eksOf(eksConfig({ addonVersions: { coreDns: "v1.11.3-eksbuild.1" } }));
    assert.deepEqual(addon(eks, "coredns"), {
      name: "coredns",
      version: "v1.11.3-eksbuild.1",
      versionSource: "config",
      resolveConflicts: "OVERWRITE",
      afterNodeGroups: true,
    });
    assert.equal(addon(eks, "vpc-cni")?.versionSource, "pinned");
    // A version outside the table, with every add-on given, and the minimums accepted exactly.
    const given = { vpcCni: "v1.10.1-eksbuild.1", coreDns: "v1.8.4-eksbuild.1", kubeProxy: "v1.21.2-eksbuild.2" };
    const old = eksOf(eksConfig({ version: "1.21", addonVersions: given }));
    assert.deepEqual(versions(old).slice(1), [
      "vpc-cni v1.10.1-eksbuild.1 config",
      "kube-proxy v1.21.2-eksbuild.2 config",
      "coredns v1.8.4-eksbuild.1 config",
    ]);
  });

  it("the Pod Identity agent only with cniCredentials podIdentity (the default); unpinned unless given", () => {
    assert.equal(addon(eksOf(eksConfig({ cniCredentials: "irsa" })), "eks-pod-identity-agent"), undefined);
    assert.equal(addon(eksOf(eksConfig({ cniCredentials: "nodeRole" })), "eks-pod-identity-agent"), undefined);
    const given = eksOf(eksConfig({ addonVersions: { podIdentityAgent: "v1.3.4-eksbuild.1" } }));
    assert.deepEqual(given.addons[0], {
      name: "eks-pod-identity-agent",
      version: "v1.3.4-eksbuild.1",
      versionSource: "config",
      resolveConflicts: "OVERWRITE",
      afterNodeGroups: false,
    });
    const unpinned = eksOf(eksConfig({ cniCredentials: "podIdentity" })).addons[0];
    assert.equal(unpinned.name, "eks-pod-identity-agent");
    assert.equal(unpinned.version, undefined);
    assert.equal(unpinned.versionSource, "eks-default");
  });

  it("the vpc-cni runs as aws-node with a role of its own (podIdentity, irsa), else with the node role", () => {
    const cni = (cniCredentials: string) => addon(eksOf(eksConfig({ cniCredentials })), "vpc-cni");
    assert.equal(cni("podIdentity")?.serviceAccount, "aws-node");
    assert.equal(cni("irsa")?.serviceAccount, "aws-node");
    assert.equal(cni("nodeRole")?.serviceAccount, undefined);
    assert.equal(eksOf(eksConfig({ cniCredentials: "irsa" })).iam.cniCredentials, "irsa");
  });
});

describe("EKS: the vpc-cni's IPv6 settings and the IPv6 CNI policy", () => {
  const eks = eksOf(eksConfig());

  it("configurationValues: IPv6 with prefix delegation, no IPv4 pods, and the init container's IPv6 too", () => {
    const cni = eks.addons.find((a) => a.name === "vpc-cni");
    assert.ok(cni?.configurationValues, "the vpc-cni has configuration values");
    const values = JSON.parse(cni.configurationValues);
    assert.deepEqual(Object.keys(values).sort(), ["env", "init"]);
    // Strings, as the add-on's configuration schema (and the aws-node env) takes them.
    assert.equal(values.env.ENABLE_IPv6, "true");
    assert.equal(values.env.ENABLE_PREFIX_DELEGATION, "true");
    assert.equal(values.env.ENABLE_IPv4, "false");
    assert.deepEqual(Object.keys(values.env).sort(), ["ENABLE_IPv4", "ENABLE_IPv6", "ENABLE_PREFIX_DELEGATION"]);
    assert.deepEqual(values.init, { env: { ENABLE_IPv6: "true" } });
    for (const a of eks.addons.filter((x) => x.name !== "vpc-cni")) assert.equal(a.configurationValues, undefined);
  });

  it("the CNI policy is the documented IPv6 policy plus the CNI repository's two actions, action by action", () => {
    // Amazon EKS User Guide, iam_policies/AmazonEKS_CNI_IPv6_Policy.json (reference §4).
    const guide = [
      "ec2:AssignIpv6Addresses",
      "ec2:DescribeInstances",
      "ec2:DescribeTags",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeInstanceTypes",
    ];
    // aws/amazon-vpc-cni-k8s docs/iam-policy.md, "IPv6 mode" (reference §4): the superset is used.
    const cniRepo = ["ec2:DescribeSecurityGroups", "ec2:DescribeSubnets"];
    const policy = eks.iam.cniPolicy;
    assert.equal(policy.Version, "2012-10-17");
    assert.equal(policy.Statement.length, 2);
    const [describe, tag] = policy.Statement;
    assert.deepEqual(describe.Action, [...guide, ...cniRepo]);
    assert.equal(describe.Resource, "*");
    assert.deepEqual(tag.Action, ["ec2:CreateTags"]);
    assert.deepEqual(tag.Resource, ["arn:aws:ec2:*:*:network-interface/*"]);
    assert.ok(policy.Statement.every((s) => s.Effect === "Allow"));
  });

  it("the roles' managed policies: no AmazonEKS_CNI_Policy (IPv4 only) on the node role", () => {
    assert.deepEqual(eks.iam.clusterRolePolicies, ["AmazonEKSClusterPolicy"]);
    assert.deepEqual(eks.iam.nodeRolePolicies, ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"]);
    assert.equal(eks.iam.cniCredentials, "podIdentity");
  });
});

describe("EKS: node groups", () => {
  it("the default group: one named default, m6i.large, 1..3 nodes (2 to start), in the cluster's subnets", () => {
    const eks = eksOf(eksConfig({}, { zones: [A, B, C] }));
    assert.deepEqual(eks.nodeGroups, [
      {
        name: "default",
        instanceTypes: ["m6i.large"],
        scaling: { minSize: 1, maxSize: 3, desiredSize: 2 },
        subnets: ["dualstack-us-east-1a", "dualstack-us-east-1b", "dualstack-us-east-1c"],
        capacityType: "ON_DEMAND",
        amiType: "AL2023_x86_64_STANDARD",
        diskSize: 20,
        volumeDevice: "/dev/xvda",
        metadata: { httpTokens: "required", httpPutResponseHopLimit: 1, httpProtocolIpv6: "disabled" },
      },
    ]);
    assert.equal(eks.nodeGroups[0].name, EKS_NODE_GROUP_DEFAULTS.name);
  });

  it("sizes Bottlerocket's data volume (/dev/xvdb), the Amazon Linux AMIs' root volume (/dev/xvda)", () => {
    const eks = eksOf(
      eksConfig({
        nodeGroups: [
          { name: "br", amiType: "BOTTLEROCKET_x86_64" },
          { name: "al", amiType: "AL2023_ARM_64_STANDARD" },
        ],
      }),
    );
    assert.deepEqual(
      eks.nodeGroups.map((g) => `${g.name} ${g.volumeDevice}`),
      ["br /dev/xvdb", "al /dev/xvda"],
    );
  });

  it("orders the add-ons around the node groups: the node's DaemonSets before them, CoreDNS after", () => {
    const eks = eksOf(eksConfig({}));
    assert.deepEqual(
      eks.addons.map((a) => `${a.name} ${a.afterNodeGroups ? "after" : "before"}`),
      ["eks-pod-identity-agent before", "vpc-cni before", "kube-proxy before", "coredns after"],
    );
  });

  it("a group's own settings, the rest defaulted; its own subnets in its order", () => {
    const eks = eksOf(
      eksConfig({
        nodeGroups: [
          { name: "general", minSize: 0, maxSize: 10 },
          {
            name: "spot",
            instanceTypes: ["m6i.large"],
            capacityType: "SPOT",
            amiType: "AL2023_ARM_64_STANDARD",
            diskSize: 50,
            subnets: ["dualstack-us-east-1b", "utility-us-east-1a"],
          },
        ],
      }),
    );
    const [general, spot] = eks.nodeGroups;
    assert.deepEqual(general.scaling, { minSize: 0, maxSize: 10, desiredSize: 2 });
    assert.deepEqual(general.subnets, eks.clusterSubnets);
    assert.equal(general.capacityType, "ON_DEMAND");
    assert.deepEqual(
      [spot.capacityType, spot.amiType, spot.diskSize, spot.subnets],
      ["SPOT", "AL2023_ARM_64_STANDARD", 50, ["dualstack-us-east-1b", "utility-us-east-1a"]],
    );
  });

  it("scaling: 0 <= minSize <= desiredSize <= maxSize, maxSize at least 1", () => {
    const scaling = (s: Raw) => eksConfig({ nodeGroups: [{ name: "g", ...s }] });
    for (const ok of [
      { minSize: 0, desiredSize: 0, maxSize: 1 },
      { minSize: 5, desiredSize: 5, maxSize: 5 },
      { minSize: 0 },
      { maxSize: 2 },
      { desiredSize: 3 },
    ])
      eksOf(scaling(ok));
    for (const bad of [
      { minSize: -1 },
      { desiredSize: 4 },
      { maxSize: 1 },
      { minSize: 0, desiredSize: 0, maxSize: 0 },
      { minSize: 3, desiredSize: 2, maxSize: 3 },
    ])
      assert.deepEqual(
        errors(scaling(bad)),
        ["EKS_NODE_GROUP_SCALING kubernetes.eks.nodeGroups[0]"],
        JSON.stringify(bad),
      );
  });

  it("instance types are prerequisites of the plan: each type of each group checked, at its key", () => {
    const { plan } = eksPlan(
      eksConfig({ nodeGroups: [{ name: "a" }, { name: "b", instanceTypes: ["m6i.large", "c7g.large"] }] }),
      { ...FACTS, instanceTypes: { "m6i.large": NITRO_IPV6, "c7g.large": NITRO_IPV6 } },
    );
    assert.deepEqual(
      plan.edge.prerequisites.map((c) => `${c.what}: ${c.status} (${c.detail})`),
      ["m6i.large", "m6i.large", "c7g.large"].map((t) => `instance type ${t}: ok (IPv6, Nitro)`),
    );
  });
});

describe("EKS: the API endpoint", () => {
  const endpoint = (e: Raw) => eksOf(eksConfig(e)).endpoint;

  it("private only by default", () => {
    assert.deepEqual(endpoint({}), { privateAccess: true, publicAccess: false, publicAccessCidrs: [] });
  });

  it("public with the CIDRs given, IPv6 ones too, and no warning", () => {
    const cidrs = ["203.0.113.0/24", "2001:db8::/32"];
    const { plan, eks } = eksPlan(eksConfig({ endpointPublicAccess: true, publicAccessCidrs: cidrs }));
    assert.deepEqual(eks.endpoint, { privateAccess: true, publicAccess: true, publicAccessCidrs: cidrs });
    assert.deepEqual(warnings(plan), []);
    assert.deepEqual(endpoint({ endpointPrivateAccess: false, endpointPublicAccess: true, publicAccessCidrs: cidrs }), {
      privateAccess: false,
      publicAccess: true,
      publicAccessCidrs: cidrs,
    });
  });

  it("public needs CIDRs; open to the world is planned with a warning; both off is refused", () => {
    assert.deepEqual(errors(eksConfig({ endpointPublicAccess: true })), [
      "EKS_PUBLIC_ACCESS_CIDRS_REQUIRED kubernetes.eks.publicAccessCidrs",
    ]);
    const { plan, eks } = eksPlan(eksConfig({ endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0", "::/0"] }));
    assert.deepEqual(eks.endpoint.publicAccessCidrs, ["0.0.0.0/0", "::/0"]);
    assert.deepEqual(warnings(plan), [
      "EKS_PUBLIC_ENDPOINT_WORLD_OPEN kubernetes.eks.publicAccessCidrs[0]",
      "EKS_PUBLIC_ENDPOINT_WORLD_OPEN kubernetes.eks.publicAccessCidrs[1]",
    ]);
    assert.deepEqual(errors(eksConfig({ endpointPrivateAccess: false })), [
      "EKS_ENDPOINT_UNREACHABLE kubernetes.eks.endpointPrivateAccess",
    ]);
  });
});

describe("EKS: one finding per mistake", () => {
  it("a VPC without IPv6 gives EKS_VPC_WITHOUT_IPV6 alone, not the subnets, zones or Fargate it implies", () => {
    const v4 = (eks: Raw, extra: Raw = {}) => eksConfig(eks, { vpc: VPC_IPV4_ONLY, ...extra });
    const zoneIds = { ...FACTS_EKS, zoneIds: { [A]: "use1-az3" } };
    for (const [raw, facts] of [
      [v4({}), FACTS_EKS],
      [v4({}, { zones: [A] }), FACTS_EKS],
      [v4({}, { zones: [A, B, C] }), zoneIds],
      [v4({ fargateNamespaces: ["batch"] }), FACTS_EKS],
      [v4({}, { nodes: { controlPlaneSubnets: ["private-us-east-1a", "private-us-east-1b"] } }), FACTS_EKS],
      [v4({}, { nodes: { controlPlaneSubnets: ["utility-us-east-1a"] } }), FACTS_EKS],
    ] as [Raw, Facts][])
      assert.deepEqual(errors(raw, facts), ["EKS_VPC_WITHOUT_IPV6 vpc.ipv6"], JSON.stringify(raw));
  });

  it("independent mistakes in one config: each reported once, nothing else", () => {
    const raw = eksConfig(
      {
        version: "1.33",
        name: "-x",
        endpointPrivateAccess: false,
        nodeGroups: [{ name: "g" }, { name: "g", subnets: ["nope"] }],
      },
      { apiLoadBalancer: {} },
    );
    const withPods = { ...raw, kubernetes: { ...(raw.kubernetes as Raw), podCIDRs: ["fd00::/56"], dns64: true } };
    assert.deepEqual(errors(withPods), [
      "EKS_ADDON_VERSIONS_UNKNOWN kubernetes.eks.addonVersions",
      "EKS_API_LOAD_BALANCER apiLoadBalancer",
      "EKS_CLUSTER_NAME_INVALID kubernetes.eks.name",
      "EKS_ENDPOINT_UNREACHABLE kubernetes.eks.endpointPrivateAccess",
      "EKS_NODE_GROUP_DUPLICATE kubernetes.eks.nodeGroups[1].name",
      "EKS_NODE_GROUP_UNKNOWN_SUBNET kubernetes.eks.nodeGroups[1].subnets[0]",
      "EKS_SELF_MANAGED_SETTING kubernetes.dns64",
      "EKS_SETTING_CHOSEN_BY_EKS kubernetes.podCIDRs",
    ]);
  });

  it("an unparsable version is said once: not again as a version without pinned add-ons", () => {
    assert.deepEqual(errors(eksConfig({ version: "latest" })), [
      "EKS_KUBERNETES_VERSION_INVALID kubernetes.eks.version",
    ]);
  });
});

describe("EKS: the rest of the plan in EKS mode", () => {
  const { plan, eks } = eksPlan(eksConfig({}, { zones: [A, B, C] }));

  it("plan.kubernetes: IPv6 single-stack pods, no ranges to plan (EKS chooses them)", () => {
    assert.deepEqual(plan.kubernetes, {
      ipFamilies: ["ipv6"],
      singleStackIPv6: true,
      podCIDRs: [],
      serviceCIDRs: [],
      nodeCIDRMaskSize: 80,
      nodeCIDRMaskSizeIPv4: 0,
      perFamily: [],
      maxNodes: 0,
      podAddressesPerNode: "0",
      dnsServiceIP: "",
      cni: "none",
      cloudControllerManager: false,
      hasKubeconfig: false,
    });
    assert.deepEqual(plan.addons, { install: false, requested: [] });
  });

  it("plan.edge: no security groups, no load balancer, the control-plane subnets are the cluster's", () => {
    assert.deepEqual(plan.edge.securityGroups, []);
    assert.equal(plan.edge.apiLoadBalancer, undefined);
    assert.deepEqual(plan.edge.controlPlaneSubnets, eks.clusterSubnets);
    assert.deepEqual(eks.clusterSubnets, ["dualstack-us-east-1a", "dualstack-us-east-1b", "dualstack-us-east-1c"]);
  });

  it("no control-plane flags and no node cloud-init: they are EKS' own", () => {
    assert.deepEqual(plan.controlPlane, { kubeApiServer: {}, kubeControllerManager: {}, kubelet: {}, kubeProxy: {} });
    assert.equal(plan.nodeCloudInit, "");
  });

  it("the cluster record: IPv6 family, access entries only, the admin, no Fargate unless asked", () => {
    assert.deepEqual(
      [eks.ipFamily, eks.authenticationMode, eks.adminPrincipalArn, eks.name, "fargate" in eks],
      ["ipv6", "API", EKS_ADMIN, undefined, false],
    );
    const named = eksOf(eksConfig({ name: "prod_1", fargateNamespaces: ["batch", "jobs"] }));
    assert.equal(named.name, "prod_1");
    assert.deepEqual(named.fargate, { namespaces: ["batch", "jobs"], subnets: named.clusterSubnets });
  });

  it("the example stack config/Pulumi.eks.yaml checks clean through checkStackConfig", () => {
    const file = readStackFile("eks", CONFIG_DIR);
    const r = checkStackConfig(file.values, { facts: offlineFacts(file) });
    assert.ok(r.ok, r.findings.map((f) => `${f.code} ${f.path}`).join("\n"));
    assert.ok(r.plan.eks);
    assert.deepEqual(
      r.findings.map((f) => `${f.severity} ${f.code} ${f.path}`),
      [0, 1].map((i) => `warning NODES_INSTANCE_TYPE_NOT_CHECKED kubernetes.eks.nodeGroups[0].instanceTypes[${i}]`),
    );
    assert.deepEqual(r.plan.eks.nodeGroups[0].scaling, { minSize: 2, maxSize: 6, desiredSize: 3 });
    assert.deepEqual(r.plan.eks.fargate?.namespaces, ["batch"]);
  });
});

describe("EKS: a self-managed config is unchanged by the EKS work", () => {
  it("the dev stack: kOps' layout with IPv6-only subnets, security groups, control-plane flags, cloud-init", () => {
    const dev = readStackFile("dev", CONFIG_DIR);
    const p = planOk(dev.values, offlineFacts(dev));
    assert.equal(p.eks, undefined);
    assert.deepEqual(
      p.subnets.map((s) => s.name),
      [A, B, C].flatMap((z) => [`utility-${z}`, `dualstack-${z}`, `private-${z}`]),
    );
    assert.deepEqual(routes(subnetOf(p, "private-us-east-1a")), [
      "::/0 -> egressOnlyInternetGateway",
      "64:ff9b::/96 -> nat us-east-1a-nat",
    ]);
    assert.ok(p.edge.securityGroups.length > 0);
    assert.deepEqual(
      p.edge.controlPlaneSubnets,
      [A, B, C].map((z) => `dualstack-${z}`),
    );
    assert.ok(Object.keys(p.controlPlane.kubeApiServer).length > 0);
    assert.ok(p.nodeCloudInit.length > 0);
    assert.deepEqual(p.kubernetes.podCIDRs, ["fd00:10:244::/56", "10.244.0.0/16"]);
  });

  it("the same subnets self-managed and on EKS give the same subnet, route and NAT records", () => {
    const subnets = [sn("Utility", A), sn("DualStack", A), sn("Utility", B), sn("DualStack", B)];
    const self = planOk({ vpc: VPC_AMAZON, zones: [A, B], subnets, kubernetes: DUAL_STACK_K8S });
    const { plan: eks } = eksPlan(eksConfig({}, { subnets }));
    assert.deepEqual(eks.subnets, self.subnets);
    assert.deepEqual(eks.natGateways, self.natGateways);
    assert.deepEqual(eks.edge.controlPlaneSubnets, self.edge.controlPlaneSubnets);
  });
});

// ---- property: appending never moves what EKS was given ------------------------------------------------

const ZONE_POOL = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];
const POOL_FACTS: Facts = { ...FACTS_EKS, standardZones: ZONE_POOL };
const KINDS = ["Utility", "Public", "DualStack", "Private", "PrivateIPv4"] as const;

/** One extra subnet: a kind in a zone, default-named or custom-named, listed before or appended. */
interface Extra {
  zone: string;
  kind: (typeof KINDS)[number];
  custom: boolean;
  appended: boolean;
}
const extraArb: fc.Arbitrary<Extra> = fc.record({
  zone: fc.constantFrom(...ZONE_POOL),
  kind: fc.constantFrom(...KINDS),
  custom: fc.boolean(),
  appended: fc.boolean(),
});
const scenarioArb = fc.record({
  zones: fc.shuffledSubarray(ZONE_POOL, { minLength: 2, maxLength: 4 }),
  addedZones: fc.nat(2),
  /** Zones whose base layout has no DualStack subnet (an extra may bring one, before or appended). */
  withoutDualStack: fc.subarray(ZONE_POOL, { maxLength: 2 }),
  /** At most one default-named and one custom-named subnet per zone and kind (two would share a block). */
  extras: fc.uniqueArray(extraArb, { selector: (e) => `${e.zone}|${e.kind}|${e.custom}`, maxLength: 8 }),
  /** Sort keys that scramble the list before (list order must not matter to what appending keeps). */
  scramble: fc.array(fc.nat(), { minLength: 24, maxLength: 24 }),
  natGateways: fc.constantFrom("perZone", "perZone", "single"),
  groups: fc.constantFrom("default", "pinned", "fargate"),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * The lists before and after. Before: per zone a Utility subnet and (unless withoutDualStack) a DualStack one,
 * plus the extras not appended, in a scrambled order. After: the same list with the other extras appended, then
 * the appended zones' subnets (a Utility and a DualStack subnet each, and their extras); the zones appended too.
 */
function appendPair(sc: Scenario): { before: Raw; after: Raw } {
  const newZones = ZONE_POOL.filter((z) => !sc.zones.includes(z)).slice(0, sc.addedZones);
  const baseKinds = (z: string) => (sc.withoutDualStack.includes(z) ? ["Utility"] : ["Utility", "DualStack"]);
  // A default-named extra of a kind the base layout has in its zone would be the same subnet twice.
  const extras = sc.extras.filter((e) => e.custom || !baseKinds(e.zone).includes(e.kind));
  const entry = (e: Extra) =>
    e.custom ? { name: `nodes-${e.kind.toLowerCase()}-${e.zone}`, zone: e.zone, type: e.kind } : sn(e.kind, e.zone);
  const base = (z: string) => baseKinds(z).map((k) => sn(k, z));
  const listed = [
    ...sc.zones.flatMap(base),
    ...extras.filter((e) => sc.zones.includes(e.zone) && !e.appended).map(entry),
  ];
  const beforeList = listed
    .map((s, i) => ({ s, k: sc.scramble[i % sc.scramble.length] * 100 + i }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.s);
  const appended = [
    ...extras.filter((e) => sc.zones.includes(e.zone) && e.appended).map(entry),
    ...newZones.flatMap(base),
    ...extras.filter((e) => newZones.includes(e.zone)).map(entry),
  ];
  const pinned = beforeList.find((s) => s.type === "DualStack" || s.type === "Utility")!;
  const eks: Raw =
    sc.groups === "pinned"
      ? { nodeGroups: [{ name: "general" }, { name: "pinned", subnets: [pinned.name] }] }
      : sc.groups === "fargate"
        ? { fargateNamespaces: ["batch"] }
        : {};
  const make = (zones: string[], subnets: Raw[]) => eksConfig(eks, { zones, subnets, natGateways: sc.natGateways });
  return { before: make(sc.zones, beforeList), after: make([...sc.zones, ...newZones], [...beforeList, ...appended]) };
}

/** Zone -> the subnet chosen there, for a list of names (the plan's subnets give the zones). */
function byZone(plan: NetworkPlan, names: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const n of names) {
    const z = subnetOf(plan, n).zone;
    out.set(z, [...(out.get(z) ?? []), n]);
  }
  return out;
}

/** Every zone's choice of the plan before is the plan after's choice in that zone. */
function assertKept(what: string, p1: NetworkPlan, before: readonly string[], p2: NetworkPlan, after: string[]) {
  const a = byZone(p2, after);
  for (const [zone, names] of byZone(p1, before)) assert.deepEqual(a.get(zone), names, `${what} in ${zone} moved`);
}

describe("EKS: appending subnets or zones never changes the subnets chosen for existing zones (property)", () => {
  it("cluster subnets, node-group subnets and the Fargate profile's stay in every zone they were in", () => {
    let valid = 0;
    let grew = 0;
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const { before, after } = appendPair(sc);
        const r1 = planNetwork(before, POOL_FACTS);
        const r2 = planNetwork(after, POOL_FACTS);
        if (!r1.ok || !r2.ok) return;
        valid++;
        const [p1, p2] = [r1.plan, r2.plan];
        const [e1, e2] = [p1.eks!, p2.eks!];
        assertKept("cluster subnet", p1, e1.clusterSubnets, p2, e2.clusterSubnets);
        assertKept("control-plane subnet", p1, p1.edge.controlPlaneSubnets, p2, p2.edge.controlPlaneSubnets);
        e1.nodeGroups.forEach((g, i) =>
          assertKept(`node group ${g.name}`, p1, g.subnets, p2, e2.nodeGroups[i].subnets),
        );
        if (e1.fargate) assertKept("Fargate subnet", p1, e1.fargate.subnets, p2, e2.fargate!.subnets);
        if (e2.clusterSubnets.length > e1.clusterSubnets.length) grew++;
      }),
      { seed: 15, numRuns: 300 },
    );
    assert.ok(valid >= 100, `only ${valid} of 300 pairs were valid before and after`);
    assert.ok(grew >= 30, `only ${grew} pairs gained a cluster subnet (an appended zone or DualStack subnet)`);
  });

  it("the default layout: appending zones keeps every existing zone's cluster and node-group subnet", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(ZONE_POOL, { minLength: 2 }), fc.nat(3), (zones, n) => {
        const cut = Math.max(2, zones.length - n);
        const p1 = planOk(eksConfig({}, { zones: zones.slice(0, cut) }), POOL_FACTS);
        const p2 = planOk(eksConfig({}, { zones }), POOL_FACTS);
        assert.deepEqual(p2.eks!.clusterSubnets.slice(0, cut), p1.eks!.clusterSubnets);
        assert.deepEqual(p2.eks!.nodeGroups[0].subnets.slice(0, cut), p1.eks!.nodeGroups[0].subnets);
        for (const s of p1.subnets) assert.deepEqual(subnetOf(p2, s.name), s, `subnet ${s.name} changed`);
      }),
      { seed: 15, numRuns: 100 },
    );
  });

  it("the scenario itself: an appended DualStack subnet in a zone that had one changes nothing there", () => {
    const before = [sn("Utility", A), sn("DualStack", A), sn("Utility", B), sn("DualStack", B)];
    const extra = { name: "nodes-a", zone: A, type: "DualStack" };
    const p1 = planOk(eksConfig({}, { subnets: before }), FACTS_EKS);
    const p2 = planOk(eksConfig({}, { subnets: [...before, extra] }), FACTS_EKS);
    assert.deepEqual(p2.eks!.clusterSubnets, p1.eks!.clusterSubnets);
    assert.deepEqual(warnings(p2), ["CONTROL_PLANE_SUBNET_BY_ORDER nodes.controlPlaneSubnets"]);
  });
});

describe("EKS: the CNI policy in the account's partition", () => {
  it("puts its arn:aws: resources in the partition, and leaves the plan's document as it is", () => {
    const doc = inPartition(CNI_IPV6_POLICY, "aws-us-gov");
    assert.deepEqual(doc.Statement[1]!.Resource, ["arn:aws-us-gov:ec2:*:*:network-interface/*"]);
    assert.equal(doc.Statement[0]!.Resource, "*");
    assert.deepEqual(doc.Statement[0]!.Action, CNI_IPV6_POLICY.Statement[0]!.Action);
    assert.deepEqual(CNI_IPV6_POLICY.Statement[1]!.Resource, ["arn:aws:ec2:*:*:network-interface/*"]);
    assert.deepEqual(inPartition(CNI_IPV6_POLICY, "aws"), CNI_IPV6_POLICY);
  });
});
