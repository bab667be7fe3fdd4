/**
 * EKS mode under mocks (issue 15): the real program on config/Pulumi.eks.yaml and inline variants of it, and the
 * resource graph a user gets: the IPv6 cluster, its add-ons with the IPv6 vpc-cni settings (parsed, not matched
 * as text), the roles' trust policies and the CNI policy (action by action), where the CNI policy goes for each
 * `cniCredentials`, the node groups in dual-stack subnets, the access entry, parents, and what waits for what.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parse, stringify } from "yaml";
import { ADMIN_ACCESS_POLICY, CNI_IPV6_POLICY, TRUSTED_SERVICES } from "../components/core/eks/iam";
import { EKS_ADDON_VERSIONS } from "../components/core/eks/versions";
import { runOffline, type RecordedResource } from "../components/offline/mock-runtime";
import { readStackFile } from "../components/offline/stack-file";
import { Graph, runStack, runText, stableName, T, waitsFor, waitsForAll } from "./support/recorded-graph";

const ROOT = join(__dirname, "..", "..");
const program = require("../program") as () => Promise<Record<string, any>>;

const E = {
  cluster: "aws:eks/cluster:Cluster",
  addon: "aws:eks/addon:Addon",
  nodeGroup: "aws:eks/nodeGroup:NodeGroup",
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  role: "aws:iam/role:Role",
  policy: "aws:iam/policy:Policy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  entry: "aws:eks/accessEntry:AccessEntry",
  association: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
  fargate: "aws:eks/fargateProfile:FargateProfile",
  component: "ipv6-cluster-network:network:EksCluster",
  network: "ipv6-cluster-network:index:Ipv6ClusterNetwork",
} as const;

/**
 * The IPv6 CNI policy as ../shared/reference/eks-ipv6.md §4 gives it (the EKS User Guide's
 * AmazonEKS_CNI_IPv6_Policy.json plus the two Describe actions of the CNI's docs/iam-policy.md), written out here
 * so that a change to components/core/eks/iam.ts is caught, not followed.
 */
const REFERENCE_CNI_ACTIONS = [
  "ec2:AssignIpv6Addresses",
  "ec2:DescribeInstances",
  "ec2:DescribeTags",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSubnets",
];
const REFERENCE_CNI_TAGGING = { action: "ec2:CreateTags", resource: "arn:aws:ec2:*:*:network-interface/*" };

/** config/Pulumi.eks.yaml with its `kubernetes.eks` changed by `edit`, as stack file text. */
function eksVariant(edit: (eks: Record<string, any>) => void): string {
  const doc = parse(readFileSync(join(ROOT, "config", "Pulumi.eks.yaml"), "utf8"));
  edit(doc.config["ipv6-cluster-network:kubernetes"].eks);
  return stringify(doc);
}

const arnOf = (r: RecordedResource, kind: "role" | "policy") => `arn:aws:iam::123456789012:${kind}/${r.name}`;
const json = (text: string) => JSON.parse(text) as any;

/** The trust policy's one statement. */
function trustOf(role: RecordedResource): any {
  const doc = json(role.inputs.assumeRolePolicy);
  assert.equal(doc.Version, "2012-10-17");
  assert.equal(doc.Statement.length, 1, role.name);
  assert.equal(doc.Statement[0].Effect, "Allow");
  return doc.Statement[0];
}

/** The policy ARNs attached to a role (attachments name the role by its name, which the mocks make its own). */
const attachedTo = (g: Graph, role: RecordedResource) =>
  g
    .all(E.attachment)
    .filter((a) => a.inputs.role === role.name)
    .map((a) => a.inputs.policyArn)
    .sort();

const managed = (name: string) => `arn:aws:iam::aws:policy/${name}`;

describe("EKS mode: config/Pulumi.eks.yaml under mocks", function () {
  let g: Graph;
  before(async () => {
    g = await runStack("eks");
  });

  it("declares an IPv6 cluster: no service range, no bootstrapped add-ons, access entries only", () => {
    const [cluster, ...more] = g.all(E.cluster);
    assert.equal(more.length, 0);
    const i = cluster!.inputs;
    assert.deepEqual(i.kubernetesNetworkConfig, { ipFamily: "ipv6" });
    assert.equal(i.bootstrapSelfManagedAddons, false);
    assert.deepEqual(i.accessConfig, { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
    assert.equal(i.version, "1.32");
    assert.equal(i.name, undefined, "no kubernetes.eks.name: Pulumi names it");
    assert.equal(i.roleArn, arnOf(g.get(E.role, "eks-cluster"), "role"));
    // The endpoint as configured: private on (the default), public to the one office range.
    assert.equal(i.vpcConfig.endpointPrivateAccess, true);
    assert.equal(i.vpcConfig.endpointPublicAccess, true);
    assert.deepEqual(i.vpcConfig.publicAccessCidrs, ["203.0.113.0/24"]);
    const subnets = i.vpcConfig.subnetIds.map((id: string) => stableName(g.resolve(id)!.name));
    assert.deepEqual(subnets, ["dualstack-us-east-1a", "dualstack-us-east-1b", "dualstack-us-east-1c"]);
    assert.equal(i.vpcConfig.securityGroupIds, undefined, "EKS makes the cluster security group");
  });

  it("installs pod identity agent, vpc-cni, kube-proxy and coredns with the pinned versions, OVERWRITE", () => {
    const addons = g.all(E.addon);
    assert.deepEqual(addons.map((a) => a.inputs.addonName).sort(), [
      "coredns",
      "eks-pod-identity-agent",
      "kube-proxy",
      "vpc-cni",
    ]);
    const by = (n: string) => addons.find((a) => a.inputs.addonName === n)!.inputs;
    const pinned = EKS_ADDON_VERSIONS["1.32"]!;
    assert.equal(by("vpc-cni").addonVersion, pinned.vpcCni);
    assert.equal(by("kube-proxy").addonVersion, pinned.kubeProxy);
    assert.equal(by("coredns").addonVersion, pinned.coreDns);
    assert.equal(by("eks-pod-identity-agent").addonVersion, undefined, "not pinned: EKS' default");
    for (const a of addons) {
      assert.equal(a.inputs.resolveConflictsOnCreate, "OVERWRITE", a.name);
      assert.equal(a.inputs.resolveConflictsOnUpdate, "OVERWRITE", a.name);
      assert.equal(a.inputs.clusterName, "network-eks", a.name);
      if (a.inputs.addonName !== "vpc-cni") assert.equal(a.inputs.configurationValues, undefined, a.name);
    }
  });

  it("configures the vpc-cni for IPv6 with prefix delegation and no IPv4 pods (parsed, key by key)", () => {
    const cni = g.all(E.addon).find((a) => a.inputs.addonName === "vpc-cni")!;
    const values = json(cni.inputs.configurationValues);
    assert.deepEqual(Object.keys(values).sort(), ["env", "init"]);
    assert.equal(values.env.ENABLE_IPv6, "true");
    assert.equal(values.env.ENABLE_PREFIX_DELEGATION, "true");
    assert.equal(values.env.ENABLE_IPv4, "false");
    assert.equal(values.init.env.ENABLE_IPv6, "true");
    assert.deepEqual(Object.keys(values.env).sort(), ["ENABLE_IPv4", "ENABLE_IPv6", "ENABLE_PREFIX_DELEGATION"]);
  });

  it("trusts each role to the service that assumes it, with the AWS-managed policies attached", () => {
    const cases: [string, string, string[], string[]][] = [
      ["eks-cluster", TRUSTED_SERVICES.cluster, ["sts:AssumeRole"], ["AmazonEKSClusterPolicy"]],
      [
        "eks-node",
        TRUSTED_SERVICES.node,
        ["sts:AssumeRole"],
        ["AmazonEC2ContainerRegistryReadOnly", "AmazonEKSWorkerNodePolicy"],
      ],
      ["eks-cni", "pods.eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"], []],
      ["eks-fargate", "eks-fargate-pods.amazonaws.com", ["sts:AssumeRole"], ["AmazonEKSFargatePodExecutionRolePolicy"]],
    ];
    assert.deepEqual(
      g
        .all(E.role)
        .map((r) => stableName(r.name))
        .sort(),
      cases.map((c) => c[0]).sort(),
    );
    for (const [name, service, actions, policies] of cases) {
      const role = g.get(E.role, name);
      const trust = trustOf(role);
      assert.deepEqual(trust.Principal, { Service: service }, name);
      assert.deepEqual([trust.Action].flat(), actions, name);
      const cni = arnOf(g.get(E.policy, "eks-cni"), "policy");
      const expected = [...policies.map(managed), ...(name === "eks-cni" ? [cni] : [])].sort();
      assert.deepEqual(attachedTo(g, role), expected, name);
    }
  });

  it("the CNI policy is the IPv6 one: core/eks/iam.ts' document, and the reference's actions one by one", () => {
    const doc = json(g.get(E.policy, "eks-cni").inputs.policy);
    assert.deepEqual(doc, CNI_IPV6_POLICY);
    assert.equal(doc.Version, "2012-10-17");
    assert.equal(doc.Statement.length, 2);
    const [describe, tagging] = doc.Statement;
    assert.equal(describe.Effect, "Allow");
    assert.equal(describe.Resource, "*");
    for (const action of REFERENCE_CNI_ACTIONS) assert.ok(describe.Action.includes(action), `missing ${action}`);
    assert.deepEqual([...describe.Action].sort(), [...REFERENCE_CNI_ACTIONS].sort(), "no action beyond the reference");
    assert.equal(tagging.Effect, "Allow");
    assert.deepEqual(tagging.Action, [REFERENCE_CNI_TAGGING.action]);
    assert.deepEqual(tagging.Resource, [REFERENCE_CNI_TAGGING.resource]);
    // AWS' managed AmazonEKS_CNI_Policy covers IPv4 only: it is attached nowhere.
    assert.ok(!g.all(E.attachment).some((a) => String(a.inputs.policyArn).includes("AmazonEKS_CNI_Policy")));
  });

  it("binds the CNI policy to kube-system/aws-node through Pod Identity, not to the node role", () => {
    const cniRole = g.get(E.role, "eks-cni");
    const cni = g.all(E.addon).find((a) => a.inputs.addonName === "vpc-cni")!;
    assert.deepEqual(cni.inputs.podIdentityAssociations, [
      { roleArn: arnOf(cniRole, "role"), serviceAccount: "aws-node" },
    ]);
    assert.equal(cni.inputs.serviceAccountRoleArn, undefined);
    const policy = arnOf(g.get(E.policy, "eks-cni"), "policy");
    assert.ok(!attachedTo(g, g.get(E.role, "eks-node")).includes(policy), "not on the node role");
    assert.deepEqual(g.all(E.oidc), [], "no OIDC provider without IRSA");
  });

  it("puts the node groups in exactly the dual-stack subnets, with their launch template's metadata options", () => {
    const [group, ...more] = g.all(E.nodeGroup);
    assert.equal(more.length, 0);
    const i = group!.inputs;
    assert.equal(i.nodeGroupName, "general");
    assert.equal(i.clusterName, "network-eks");
    assert.equal(i.nodeRoleArn, arnOf(g.get(E.role, "eks-node"), "role"));
    const subnets = i.subnetIds.map((id: string) => g.resolve(id)!);
    const dualStack = g.all(T.subnet).filter((s) => s.name.includes("dualstack-"));
    assert.deepEqual(subnets.map((s: RecordedResource) => s.name).sort(), dualStack.map((s) => s.name).sort());
    for (const s of subnets) {
      assert.ok(s.inputs.cidrBlock && s.inputs.ipv6CidrBlock, `${s.name}: both families`);
      assert.notEqual(s.inputs.ipv6Native, true, `${s.name}: not IPv6-only`);
    }
    assert.deepEqual(i.scalingConfig, { minSize: 2, maxSize: 6, desiredSize: 3 });
    assert.deepEqual(i.instanceTypes, ["m6i.large", "m7i.large"]);
    assert.equal(i.capacityType, "ON_DEMAND");
    assert.equal(i.amiType, "AL2023_x86_64_STANDARD");
    assert.equal(i.diskSize, undefined, "the launch template sets the disk");
    const lt = g.resolve(i.launchTemplate.id)!;
    assert.equal(lt.type, E.lt);
    assert.equal(stableName(lt.name), "general-lt");
    assert.equal(i.launchTemplate.version, "1", "the template's latest version");
    assert.deepEqual(lt.inputs.metadataOptions, {
      httpEndpoint: "enabled",
      httpTokens: "required",
      httpPutResponseHopLimit: 1,
      httpProtocolIpv6: "disabled",
    });
    assert.deepEqual(lt.inputs.blockDeviceMappings, [
      { deviceName: "/dev/xvda", ebs: { volumeSize: 20, volumeType: "gp3" } },
    ]);
    assert.equal(lt.inputs.imageId, undefined, "the group's amiType chooses the image");
  });

  it("gives the admin principal an access entry with the cluster admin policy, cluster-wide", () => {
    const entry = g.get(E.entry, "eks-admin");
    assert.deepEqual(
      { principalArn: entry.inputs.principalArn, type: entry.inputs.type, clusterName: entry.inputs.clusterName },
      { principalArn: "arn:aws:iam::123456789012:role/platform-admin", type: "STANDARD", clusterName: "network-eks" },
    );
    const association = g.get(E.association, "eks-admin");
    assert.equal(association.inputs.principalArn, entry.inputs.principalArn);
    assert.equal(association.inputs.policyArn, `arn:aws:eks::aws:cluster-access-policy/${ADMIN_ACCESS_POLICY}`);
    assert.deepEqual(association.inputs.accessScope, { type: "cluster" });
    assert.ok(association.dependencies.includes(entry.urn), "the association waits for the entry");
  });

  it("declares a Fargate profile for the batch namespace in the cluster's (private) subnets", () => {
    const [profile, ...more] = g.all(E.fargate);
    assert.equal(more.length, 0);
    assert.deepEqual(profile!.inputs.selectors, [{ namespace: "batch" }]);
    assert.equal(profile!.inputs.podExecutionRoleArn, arnOf(g.get(E.role, "eks-fargate"), "role"));
    const subnets = profile!.inputs.subnetIds.map((id: string) => g.resolve(id)!);
    assert.ok(subnets.every((s: RecordedResource) => s.inputs.mapPublicIpOnLaunch === undefined));
    assert.deepEqual(
      subnets.map((s: RecordedResource) => stableName(s.name)),
      ["dualstack-us-east-1a", "dualstack-us-east-1b", "dualstack-us-east-1c"],
    );
  });

  it("parents every EKS resource to EksCluster, and EksCluster to the network component", () => {
    const [component, ...more] = g.all(E.component);
    assert.equal(more.length, 0);
    const network = g.all(E.network)[0]!;
    const vpc = g.all(T.component)[0]!;
    assert.equal(component!.parent, network.urn);
    assert.equal(vpc.parent, network.urn);
    const eksTypes = new Set<string>(Object.values(E).filter((t) => t.startsWith("aws:")));
    const customs = g.resources.filter((r) => r.custom);
    for (const r of customs) {
      const expected = eksTypes.has(r.type) ? component!.urn : vpc.urn;
      assert.equal(r.parent, expected, `${r.type} ${r.name}`);
    }
    assert.equal(customs.filter((r) => r.parent === component!.urn).length, 20);
    // Nothing of a self-managed cluster: no security groups of ours (the VPC's default one is locked), no load
    // balancer, no Kubernetes objects.
    const others = customs.filter((r) => /SecurityGroup$|:lb\/|^kubernetes:/.test(r.type));
    assert.deepEqual(
      others.map((r) => r.type),
      [T.defaultSg],
    );
  });

  it("the cluster waits for its subnets and its role only: no NAT gateway, Elastic IP or route", () => {
    const deps = waitsFor(g);
    const cluster = g.all(E.cluster)[0]!;
    const all = [...waitsForAll(deps, cluster)];
    const types = new Set(all.map((r) => r.type));
    assert.deepEqual([...types].sort(), [E.role, E.attachment, T.subnet, T.vpc].sort());
    for (const t of [T.nat, T.eip, T.route, T.rt, T.igw]) assert.ok(!types.has(t), `the cluster waits for a ${t}`);
    assert.deepEqual(
      all.filter((r) => r.type === T.subnet).map((r) => stableName(r.name)),
      ["dualstack-us-east-1a", "dualstack-us-east-1b", "dualstack-us-east-1c"],
    );
  });

  it("a node group waits for its role's policies, the add-ons nodes need, and its subnets' routes", () => {
    const deps = waitsFor(g);
    const group = g.all(E.nodeGroup)[0]!;
    const direct = new Set(deps(group));
    const node = g.get(E.role, "eks-node");
    for (const a of g.all(E.attachment).filter((x) => x.inputs.role === node.name))
      assert.ok(direct.has(a), `waits for ${a.name}`);
    const addons = [...direct].filter((r) => r.type === E.addon).map((a) => a.inputs.addonName);
    assert.deepEqual(addons.sort(), ["eks-pod-identity-agent", "kube-proxy", "vpc-cni"]);
    for (const subnet of ["dualstack-us-east-1a", "dualstack-us-east-1b", "dualstack-us-east-1c"]) {
      const rt = g.get(T.rt, subnet);
      const rtId = `routetable-${rt.name}`;
      const routes = g.all(T.route).filter((r) => r.inputs.routeTableId === rtId);
      assert.equal(routes.length, 3, subnet);
      for (const r of routes) assert.ok(direct.has(r), `waits for ${r.name}`);
      assert.ok(direct.has(g.get(T.rta, subnet)), `waits for ${subnet}'s route table association`);
    }
    // Not on the utility subnets' routes, which its nodes do not use.
    assert.ok(![...direct].some((r) => r.name.includes("utility-")));
  });

  it("orders the add-ons: agent before vpc-cni (with its role's policy), coredns after the node groups", () => {
    const deps = waitsFor(g);
    const addon = (n: string) => g.all(E.addon).find((a) => a.inputs.addonName === n)!;
    const direct = (n: string) => new Set(deps(addon(n)));
    assert.ok(direct("vpc-cni").has(addon("eks-pod-identity-agent")));
    assert.ok(direct("vpc-cni").has(g.get(E.attachment, "eks-cni")), "the CNI waits for its policy attachment");
    assert.ok(direct("coredns").has(g.all(E.nodeGroup)[0]!), "coredns needs nodes");
    const nothingButTheCluster = [...direct("kube-proxy")].map((r) => r.type);
    assert.deepEqual(nothingButTheCluster, [E.cluster]);
    assert.deepEqual(
      [...direct("eks-pod-identity-agent")].map((r) => r.type),
      [E.cluster],
    );
  });

  it("the Fargate profile waits for its role's policy and its subnets, not for routes or NAT gateways", () => {
    const all = [...waitsForAll(waitsFor(g), g.all(E.fargate)[0]!)];
    assert.ok(all.includes(g.get(E.attachment, "eks-fargate-AmazonEKSFargatePodExecutionRolePolicy")));
    assert.ok(!all.some((r) => [T.nat, T.eip, T.route].includes(r.type as never)));
  });
});

describe("EKS mode: outputs", () => {
  it("outputs the cluster, the service range EKS chose, a kubeconfig (a secret) and the roles", async () => {
    let declared: Record<string, any> = {};
    const file = readStackFile("eks", join(ROOT, "config"));
    const run = await runOffline(file, async () => (declared = await program()));
    const o = run.outputs as Record<string, any>;
    assert.equal(o.eks.clusterName, "network-eks");
    assert.match(o.eks.endpoint, /^https:\/\/[0-9A-F]{32}\.gr7\.us-east-1\.eks\.amazonaws\.com$/);
    assert.equal(o.eks.serviceIpv6Cidr, "fd00:1234:5678::/108");
    assert.match(o.eks.oidcIssuer, /^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    assert.deepEqual(o.eks.nodeGroupNames, ["general"]);
    assert.equal(o.eks.clusterRoleArn, "arn:aws:iam::123456789012:role/network-eks-cluster");
    assert.equal(o.eks.nodeRoleArn, "arn:aws:iam::123456789012:role/network-eks-node");
    assert.equal(o.eks.cniRoleArn, "arn:aws:iam::123456789012:role/network-eks-cni");
    assert.equal(o.eks.fargateRoleArn, "arn:aws:iam::123456789012:role/network-eks-fargate");
    // EKS attaches its cluster security group to the control plane's interfaces and the managed nodes.
    assert.deepEqual(o.securityGroupIds, {
      nodes: o.eks.clusterSecurityGroupId,
      controlPlane: o.eks.clusterSecurityGroupId,
    });
    assert.equal(o.apiServerEndpoint, undefined);
    assert.deepEqual(o.kubernetes.ipFamilies, ["ipv6"]);
    assert.equal(o.kubernetes.kubeadmConfig, "", "no kubeadm with EKS");
    assert.equal(o.nodeCloudInit, "");
    assert.deepEqual(o.addons, []);

    const kubeconfig = parse(o.eks.kubeconfig);
    assert.equal(kubeconfig.clusters[0].cluster.server, o.eks.endpoint);
    assert.equal(kubeconfig.clusters[0].cluster["certificate-authority-data"], o.eks.certificateAuthorityData);
    assert.equal(kubeconfig["current-context"], "network-eks");
    assert.deepEqual(kubeconfig.users[0].user.exec, {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", "network-eks", "--region", "us-east-1"],
    });
    assert.equal(await pulumi.isSecret(declared.eks.kubeconfig), true, "the kubeconfig is a secret");
    assert.equal(await pulumi.isSecret(declared.eks.clusterName), false, "the rest is not");
  });

  it("a self-managed stack has no eks output and no EKS resource", async () => {
    const g = await runStack("dev");
    assert.equal(g.run.outputs.eks, undefined);
    assert.deepEqual(
      g.resources.filter((r) => r.type.startsWith("aws:eks/") || r.type === E.component),
      [],
    );
  });
});

describe("EKS mode: variants", () => {
  it("IRSA: an OIDC provider for the cluster's issuer, a CNI role only aws-node assumes, no agent", async () => {
    const g = await runText(eksVariant((eks) => (eks.cniCredentials = "irsa")));
    const [provider, ...more] = g.all(E.oidc);
    assert.equal(more.length, 0);
    assert.deepEqual(provider!.inputs.clientIdLists, ["sts.amazonaws.com"]);
    assert.match(provider!.inputs.url, /^https:\/\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\/[0-9A-F]{32}$/);
    const host = provider!.inputs.url.replace("https://", "");
    const trust = trustOf(g.get(E.role, "eks-cni"));
    assert.deepEqual(trust.Principal, { Federated: `arn:aws:iam::123456789012:oidc-provider/${host}` });
    assert.deepEqual([trust.Action].flat(), ["sts:AssumeRoleWithWebIdentity"]);
    assert.deepEqual(trust.Condition, {
      StringEquals: {
        [`${host}:sub`]: "system:serviceaccount:kube-system:aws-node",
        [`${host}:aud`]: "sts.amazonaws.com",
      },
    });
    const cni = g.all(E.addon).find((a) => a.inputs.addonName === "vpc-cni")!;
    assert.equal(cni.inputs.serviceAccountRoleArn, arnOf(g.get(E.role, "eks-cni"), "role"));
    assert.equal(cni.inputs.podIdentityAssociations, undefined);
    assert.deepEqual(
      g
        .all(E.addon)
        .map((a) => a.inputs.addonName)
        .sort(),
      ["coredns", "kube-proxy", "vpc-cni"],
    );
    const policy = arnOf(g.get(E.policy, "eks-cni"), "policy");
    assert.deepEqual(attachedTo(g, g.get(E.role, "eks-cni")), [policy]);
    assert.ok(!attachedTo(g, g.get(E.role, "eks-node")).includes(policy), "not on the node role");
    assert.ok(new Set(waitsFor(g)(cni)).has(g.get(E.attachment, "eks-cni")));
  });

  it("nodeRole: the CNI policy on the node role, no CNI role, no agent; node groups wait for it", async () => {
    const g = await runText(eksVariant((eks) => (eks.cniCredentials = "nodeRole")));
    assert.deepEqual(
      g
        .all(E.role)
        .map((r) => stableName(r.name))
        .sort(),
      ["eks-cluster", "eks-fargate", "eks-node"],
    );
    const policy = arnOf(g.get(E.policy, "eks-cni"), "policy");
    assert.ok(attachedTo(g, g.get(E.role, "eks-node")).includes(policy));
    const cni = g.all(E.addon).find((a) => a.inputs.addonName === "vpc-cni")!;
    assert.equal(cni.inputs.serviceAccountRoleArn, undefined);
    assert.equal(cni.inputs.podIdentityAssociations, undefined);
    assert.deepEqual(
      g
        .all(E.addon)
        .map((a) => a.inputs.addonName)
        .sort(),
      ["coredns", "kube-proxy", "vpc-cni"],
    );
    assert.deepEqual(g.all(E.oidc), []);
    const group = g.all(E.nodeGroup)[0]!;
    assert.ok(waitsFor(g)(group).includes(g.get(E.attachment, "eks-cni")), "nodes need the CNI's permissions");
  });

  it("private endpoint only, no Fargate, a name: no public CIDRs, no Fargate role or profile", async () => {
    const g = await runText(
      eksVariant((eks) => {
        eks.endpointPublicAccess = false;
        delete eks.publicAccessCidrs;
        delete eks.fargateNamespaces;
        eks.name = "blue";
      }),
    );
    const cluster = g.all(E.cluster)[0]!.inputs;
    assert.equal(cluster.name, "blue");
    assert.equal(cluster.vpcConfig.endpointPrivateAccess, true);
    assert.equal(cluster.vpcConfig.endpointPublicAccess, false);
    assert.equal(cluster.vpcConfig.publicAccessCidrs, undefined);
    assert.deepEqual(g.all(E.fargate), []);
    assert.equal(g.find(E.role, "eks-fargate"), undefined);
    assert.equal(g.all(E.nodeGroup)[0]!.inputs.clusterName, "blue");
    assert.equal(g.run.outputs.eks.fargateRoleArn, undefined);
    assert.match(g.run.outputs.eks.kubeconfig, /--cluster-name\n\s+- blue\n/);
  });

  it("a node group in one zone waits for that zone's NAT gateway only (through its routes)", async () => {
    const g = await runText(
      eksVariant((eks) => {
        eks.nodeGroups.push({ name: "zonal", subnets: ["dualstack-us-east-1b"], capacityType: "SPOT" });
      }),
    );
    const deps = waitsFor(g);
    const zonal = g.get(E.nodeGroup, "zonal");
    assert.equal(zonal.inputs.capacityType, "SPOT");
    assert.deepEqual(
      zonal.inputs.subnetIds.map((id: string) => stableName(g.resolve(id)!.name)),
      ["dualstack-us-east-1b"],
    );
    const nats = [...waitsForAll(deps, zonal)].filter((r) => r.type === T.nat).map((r) => stableName(r.name));
    assert.deepEqual(nats, ["us-east-1b-nat"]);
    // coredns waits for every node group.
    const coredns = g.all(E.addon).find((a) => a.inputs.addonName === "coredns")!;
    assert.deepEqual(
      deps(coredns)
        .filter((r) => r.type === E.nodeGroup)
        .map((r) => stableName(r.name))
        .sort(),
      ["general", "zonal"],
    );
  });
});
