/**
 * EksCluster: an Amazon EKS cluster with the IPv6 family, declared from a validated EksPlan (a NetworkPlan's
 * `eks`, planned by components/core/eks) with plain @pulumi/aws resources: @pulumi/eks is a multi-language
 * component whose children do not exist under mocks, so nothing of it could be tested here
 * (../shared/reference/eks-ipv6.md §10). Every setting, version, policy and name comes from the plan; this file
 * maps plan records to resources and orders them (what waits for what is said where it is declared).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { stringify } from "yaml";
import { ADMIN_ACCESS_POLICY, CNI_SERVICE_ACCOUNT, inPartition, TRUSTED_SERVICES } from "../core/eks/iam";
import type { EksAddonPlan, EksNodeGroupPlan, EksPlan } from "../core/eks/types";
import { ChildNames, type PreviousNames } from "./naming";

/**
 * The args of EksCluster: the cluster's plan and the ids of the subnets it names (a DualStackVpc's `subnets`),
 * with what makes each subnet's routing complete (its `routesReady`), which the node groups wait for.
 */
export interface EksClusterArgs {
  /** The validated EKS plan (a NetworkPlan's `eks`). */
  plan: EksPlan;
  /** Subnet ids by planned subnet name: every subnet the plan names (cluster, node groups, Fargate). */
  subnetIds: Record<string, pulumi.Input<string>>;
  /**
   * Per subnet name, the resources that complete its routing (a DualStackVpc's `routesReady`): a node group
   * waits for its subnets' ones. Absent or empty for a subnet: nothing to wait for (routes managed elsewhere).
   */
  routesReady?: Record<string, pulumi.Resource[]>;
  /** The region the cluster is in (the kubeconfig's `aws eks get-token --region`). */
  region: string;
  /** Tags for every resource that takes tags (the config's `tags`). */
  tags: Record<string, string>;
  /** Prefix of the Name tags (the project name). */
  namePrefix: string;
  /** Where this component stood in a stack deployed by 0.1 (none had EKS: for symmetry with the others). */
  previous?: PreviousNames;
}

/** What every child shares: its parent, names, tags and the partition of the account's ARNs. */
interface Scope {
  parent: pulumi.Resource;
  names: ChildNames;
  args: EksClusterArgs;
  /** `aws`, `aws-cn`, `aws-us-gov`: the partition of the AWS-managed policies' ARNs. */
  partition: pulumi.Output<string>;
  tags: (stable: string) => Record<string, string>;
}

/** A role and its managed-policy attachments (what must exist before the role is used, and outlive its users). */
interface RoleParts {
  role: aws.iam.Role;
  attachments: aws.iam.RolePolicyAttachment[];
}

/** The CNI's own role, when the IPv6 CNI policy is not on the node role. */
interface CniRole extends RoleParts {
  /** How the vpc-cni add-on is bound to it. */
  credentials: "podIdentity" | "irsa";
}

/** A trust policy that lets an AWS service assume the role. */
function serviceTrust(service: string, actions: string[] = ["sts:AssumeRole"]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: actions }],
  });
}

/** `arn:<partition>:iam::aws:policy/<name>`: an AWS-managed policy in the account's partition. */
const managedPolicy = (sc: Scope, name: string) => pulumi.interpolate`arn:${sc.partition}:iam::aws:policy/${name}`;

/** A role trusted by `trust`, with the AWS-managed `policies` attached, each attachment `<stable>-<policy>`. */
function role(sc: Scope, stable: string, trust: pulumi.Input<string>, policies: readonly string[]): RoleParts {
  const { names, parent } = sc;
  const r = new aws.iam.Role(
    names.name(stable),
    { assumeRolePolicy: trust, tags: sc.tags(stable) },
    names.opts(stable, { parent }),
  );
  const attachments = policies.map(
    (p) =>
      new aws.iam.RolePolicyAttachment(
        names.name(`${stable}-${p}`),
        { role: r.name, policyArn: managedPolicy(sc, p) },
        names.opts(`${stable}-${p}`, { parent }),
      ),
  );
  return { role: r, attachments };
}

/**
 * An Amazon EKS cluster with the IPv6 family, as planned: its IAM (cluster and node roles, the IPv6 CNI policy on
 * a role of the CNI's own or on the node role), the cluster (IPv6, no service range: EKS chooses it; access entries
 * only; no self-managed add-ons), an access entry for the admin principal, the managed add-ons, one managed node
 * group per plan with its launch template, and an optional Fargate profile.
 *
 * Children are named `<name>-<stable name>`: `<name>-eks` (the cluster; its AWS name is the plan's, else Pulumi's
 * auto-name), `<name>-eks-cluster`, `<name>-eks-node`, `<name>-eks-cni`, `<name>-eks-fargate` (roles, with their
 * attachments `<role>-<policy>`), `<name>-eks-oidc`, `<name>-eks-admin`, `<name>-eks-<add-on>`, `<name>-<group>`
 * and `<name>-<group>-lt` per node group.
 */
export class EksCluster extends pulumi.ComponentResource {
  /** The Pulumi type token. */
  static readonly TYPE = "ipv6-cluster-network:network:EksCluster";
  /** The cluster's name (the plan's, else the one Pulumi generated). */
  readonly clusterName: pulumi.Output<string>;
  /** The API server's endpoint (https URL). */
  readonly endpoint: pulumi.Output<string>;
  /** The service range EKS chose at creation (from fc00::/7): `kubernetesNetworkConfig.serviceIpv6Cidr`. */
  readonly serviceIpv6Cidr: pulumi.Output<string>;
  /** The security group EKS created and attaches to the control plane's interfaces and the managed nodes. */
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  /** The cluster's OIDC issuer URL (for IAM roles for service accounts). */
  readonly oidcIssuer: pulumi.Output<string>;
  /** The cluster's certificate authority, base64-encoded PEM (a kubeconfig's certificate-authority-data). */
  readonly certificateAuthorityData: pulumi.Output<string>;
  /** A kubeconfig (YAML) whose user runs `aws eks get-token`; a secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** The managed node groups' names, in plan order. */
  readonly nodeGroupNames: pulumi.Output<string[]>;
  /** The cluster role's ARN. */
  readonly clusterRoleArn: pulumi.Output<string>;
  /** The node role's ARN (every managed node group's). */
  readonly nodeRoleArn: pulumi.Output<string>;
  /** The VPC CNI's own role (Pod Identity or IRSA); undefined when the CNI policy is on the node role. */
  readonly cniRoleArn: pulumi.Output<string> | undefined;
  /** The Fargate pod execution role; undefined without a Fargate profile. */
  readonly fargateRoleArn: pulumi.Output<string> | undefined;

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const type = EksCluster.TYPE;
    super(type, name, {}, ChildNames.componentOptions(type, opts, args.previous));
    const sc: Scope = {
      parent: this,
      names: new ChildNames(name, type, args.previous),
      args,
      partition: aws.getPartitionOutput({}, { parent: this }).partition,
      tags: (stable) => ({ ...args.tags, Name: `${args.namePrefix}-${stable}` }),
    };
    const { plan } = args;
    const clusterRole = role(sc, "eks-cluster", serviceTrust(TRUSTED_SERVICES.cluster), plan.iam.clusterRolePolicies);
    const nodeRole = role(sc, "eks-node", serviceTrust(TRUSTED_SERVICES.node), plan.iam.nodeRolePolicies);
    const cluster = declareCluster(sc, clusterRole);
    const issuer = cluster.identities.apply((ids) => ids[0]?.oidcs?.[0]?.issuer ?? "");
    const cni = declareCniPolicy(sc, nodeRole, issuer);
    declareAdmin(sc, cluster);
    const nodeGroups = declareComputeAndAddons(sc, cluster, nodeRole, cni);
    const fargateRole = plan.fargate ? declareFargate(sc, cluster, plan.fargate) : undefined;

    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;
    this.serviceIpv6Cidr = cluster.kubernetesNetworkConfig.apply((c) => c.serviceIpv6Cidr);
    this.clusterSecurityGroupId = cluster.vpcConfig.apply((c) => c.clusterSecurityGroupId);
    this.oidcIssuer = issuer;
    this.certificateAuthorityData = cluster.certificateAuthority.apply((c) => c.data);
    // A secret, as issue 15 asks: it holds no credential, but says where the API is and which CA it trusts.
    this.kubeconfig = pulumi.secret(
      pulumi
        .all([cluster.name, cluster.endpoint, this.certificateAuthorityData])
        .apply(([n, endpoint, ca]) => renderEksKubeconfig({ name: n, endpoint, ca, region: args.region })),
    );
    this.nodeGroupNames = pulumi.all(nodeGroups.map((g) => g.nodeGroupName));
    this.clusterRoleArn = clusterRole.role.arn;
    this.nodeRoleArn = nodeRole.role.arn;
    this.cniRoleArn = cni?.role.arn;
    this.fargateRoleArn = fargateRole?.arn;
    this.registerOutputs({
      clusterName: this.clusterName,
      endpoint: this.endpoint,
      serviceIpv6Cidr: this.serviceIpv6Cidr,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      oidcIssuer: this.oidcIssuer,
      certificateAuthorityData: this.certificateAuthorityData,
      kubeconfig: this.kubeconfig,
      nodeGroupNames: this.nodeGroupNames,
      clusterRoleArn: this.clusterRoleArn,
      nodeRoleArn: this.nodeRoleArn,
      cniRoleArn: this.cniRoleArn,
      fargateRoleArn: this.fargateRoleArn,
    });
  }
}

/**
 * The cluster. It waits for its subnets (through their ids) and its role's policy attachments only: never for
 * a NAT gateway or a route (issue 15, item 5), since creating it only puts EKS' interfaces in the subnets.
 * The attachments are explicit dependencies: EKS checks the role's permissions at creation, and on deletion the
 * policy must outlive the cluster.
 */
function declareCluster(sc: Scope, clusterRole: RoleParts): aws.eks.Cluster {
  const { plan, subnetIds } = sc.args;
  const e = plan.endpoint;
  return new aws.eks.Cluster(
    sc.names.name("eks"),
    {
      name: plan.name,
      roleArn: clusterRole.role.arn,
      version: plan.version,
      vpcConfig: {
        subnetIds: plan.clusterSubnets.map((s) => subnetIds[s]!),
        endpointPrivateAccess: e.privateAccess,
        endpointPublicAccess: e.publicAccess,
        publicAccessCidrs: e.publicAccess ? e.publicAccessCidrs : undefined,
      },
      // No serviceIpv6Cidr: EKS assigns the service range from fc00::/7 and reports it back (API reference,
      // KubernetesNetworkConfigRequest), and serviceIpv4Cidr must not be given with ipv6.
      kubernetesNetworkConfig: { ipFamily: plan.ipFamily },
      // Access entries only, and no implicit admin for whoever runs `pulumi up`: the admin is the plan's principal.
      accessConfig: { authenticationMode: plan.authenticationMode, bootstrapClusterCreatorAdminPermissions: false },
      // EKS would otherwise install its own unmanaged vpc-cni, kube-proxy and CoreDNS (vpc-cni in its default,
      // IPv6-unaware settings); the managed add-ons below replace them, each with its version and settings.
      bootstrapSelfManagedAddons: false,
      tags: sc.tags("eks"),
    },
    sc.names.opts("eks", { parent: sc.parent, dependsOn: clusterRole.attachments }),
  );
}

/**
 * The IPv6 CNI policy (no AWS-managed policy covers IPv6) and where it goes (`iam.cniCredentials`): a role of the
 * CNI's own, assumed through EKS Pod Identity or IRSA, or the node role. Returns the CNI's role, if any.
 */
function declareCniPolicy(sc: Scope, nodeRole: RoleParts, issuer: pulumi.Output<string>): CniRole | undefined {
  const { names, parent } = sc;
  const { iam } = sc.args.plan;
  const policy = new aws.iam.Policy(
    names.name("eks-cni"),
    {
      policy: sc.partition.apply((partition) => JSON.stringify(inPartition(iam.cniPolicy, partition))),
      description: "IPv6 VPC CNI (kube-system/aws-node)",
      tags: sc.tags("eks-cni"),
    },
    names.opts("eks-cni", { parent }),
  );
  const attach = (r: aws.iam.Role) =>
    new aws.iam.RolePolicyAttachment(
      names.name("eks-cni"),
      { role: r.name, policyArn: policy.arn },
      names.opts("eks-cni", { parent }),
    );
  if (iam.cniCredentials === "nodeRole") {
    nodeRole.attachments.push(attach(nodeRole.role));
    return undefined;
  }
  const trust = iam.cniCredentials === "podIdentity" ? podIdentityTrust() : irsaTrust(sc, issuer);
  const r = new aws.iam.Role(
    names.name("eks-cni"),
    { assumeRolePolicy: trust, tags: sc.tags("eks-cni") },
    names.opts("eks-cni", { parent }),
  );
  return { role: r, attachments: [attach(r)], credentials: iam.cniCredentials };
}

/** EKS Pod Identity assumes a pod's role with sts:AssumeRole and sts:TagSession (EKS User Guide, pod-id-role). */
const podIdentityTrust = () => serviceTrust(TRUSTED_SERVICES.podIdentity, ["sts:AssumeRole", "sts:TagSession"]);

/**
 * IRSA: the cluster's OIDC issuer as an IAM identity provider, and a trust that only kube-system/aws-node's tokens
 * for STS satisfy (Amazon EKS User Guide, associate-service-account-role: the `:sub` and `:aud` conditions on the
 * issuer's host and path).
 */
function irsaTrust(sc: Scope, issuer: pulumi.Output<string>): pulumi.Output<string> {
  const provider = new aws.iam.OpenIdConnectProvider(
    sc.names.name("eks-oidc"),
    { url: issuer, clientIdLists: ["sts.amazonaws.com"], tags: sc.tags("eks-oidc") },
    sc.names.opts("eks-oidc", { parent: sc.parent }),
  );
  const sa = `system:serviceaccount:${CNI_SERVICE_ACCOUNT.namespace}:${CNI_SERVICE_ACCOUNT.name}`;
  return pulumi.all([provider.arn, issuer]).apply(([arn, url]) => {
    const host = url.replace(/^https:\/\//, "");
    return JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: arn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${host}:sub`]: sa, [`${host}:aud`]: "sts.amazonaws.com" } },
        },
      ],
    });
  });
}

/** The admin principal's access entry, with the cluster admin access policy cluster-wide. */
function declareAdmin(sc: Scope, cluster: aws.eks.Cluster): void {
  const { names, parent } = sc;
  const principalArn = sc.args.plan.adminPrincipalArn;
  const entry = new aws.eks.AccessEntry(
    names.name("eks-admin"),
    { clusterName: cluster.name, principalArn, type: "STANDARD", tags: sc.tags("eks-admin") },
    names.opts("eks-admin", { parent }),
  );
  // The association names the principal, not the entry: it waits for the entry explicitly (EKS refuses an
  // association for a principal without an access entry).
  new aws.eks.AccessPolicyAssociation(
    names.name("eks-admin"),
    {
      clusterName: cluster.name,
      principalArn,
      policyArn: pulumi.interpolate`arn:${sc.partition}:eks::aws:cluster-access-policy/${ADMIN_ACCESS_POLICY}`,
      accessScope: { type: "cluster" },
    },
    names.opts("eks-admin", { parent, dependsOn: [entry] }),
  );
}

/**
 * The add-ons in plan order and the node groups between them: the ones nodes need first, then the node groups
 * (which wait for them), then the others (which wait for the node groups). An add-on whose role is assumed through
 * Pod Identity (the CNI) waits for the agent. Kube-proxy waits for neither: it needs no credential of its own.
 * Returns the node groups.
 */
function declareComputeAndAddons(
  sc: Scope,
  cluster: aws.eks.Cluster,
  nodeRole: RoleParts,
  cni: CniRole | undefined,
): aws.eks.NodeGroup[] {
  const addons = sc.args.plan.addons;
  const before: aws.eks.Addon[] = [];
  let agent: aws.eks.Addon | undefined;
  // The plan says which add-ons the node groups wait for (EksAddonPlan.afterNodeGroups); the Pod Identity agent is
  // before the CNI in its order, since an add-on's Pod Identity association expects the agent installed (eksctl User
  // Guide, pod-identity-associations, "Prerequisites").
  for (const a of addons.filter((x) => !x.afterNodeGroups)) {
    const viaAgent = a.serviceAccount !== undefined && cni?.credentials === "podIdentity" && agent;
    const addon = declareAddon(sc, cluster, a, cni, viaAgent ? [agent!] : []);
    if (a.name === "eks-pod-identity-agent") agent = addon;
    before.push(addon);
  }
  const groups = sc.args.plan.nodeGroups.map((g) => declareNodeGroup(sc, cluster, g, nodeRole, before));
  for (const a of addons.filter((x) => x.afterNodeGroups)) declareAddon(sc, cluster, a, cni, groups);
  return groups;
}

/**
 * One managed add-on: its version only when the plan gives one (else EKS' default for the Kubernetes version), its
 * configuration, OVERWRITE on create and update (the plan's settings win over edits in the cluster, as Cluster API
 * AWS' `conflictResolution: overwrite`), and for the CNI with a role of its own, that role (a Pod Identity
 * association or IRSA's service account role), whose policy attachment it waits for; and what `after` lists.
 */
function declareAddon(
  sc: Scope,
  cluster: aws.eks.Cluster,
  a: EksAddonPlan,
  cni: CniRole | undefined,
  after: pulumi.Resource[],
): aws.eks.Addon {
  // `<name>-eks-vpc-cni`, `<name>-eks-pod-identity-agent` (not `-eks-eks-`).
  const stable = a.name.startsWith("eks-") ? a.name : `eks-${a.name}`;
  const own = a.serviceAccount !== undefined ? cni : undefined;
  const role = !own
    ? {}
    : own.credentials === "podIdentity"
      ? { podIdentityAssociations: [{ roleArn: own.role.arn, serviceAccount: a.serviceAccount! }] }
      : { serviceAccountRoleArn: own.role.arn };
  return new aws.eks.Addon(
    sc.names.name(stable),
    {
      clusterName: cluster.name,
      addonName: a.name,
      addonVersion: a.version,
      configurationValues: a.configurationValues,
      resolveConflictsOnCreate: a.resolveConflicts,
      resolveConflictsOnUpdate: a.resolveConflicts,
      ...role,
      tags: sc.tags(stable),
    },
    sc.names.opts(stable, { parent: sc.parent, dependsOn: [...(own?.attachments ?? []), ...after] }),
  );
}

/**
 * One managed node group and its launch template. The group waits for the node role's policy attachments (nodes
 * need them to join, and they must outlive the group), for the add-ons nodes need, and for its subnets' routes:
 * a node reaches the API, ECR and STS through them (IPv4 through its zone's NAT gateway, IPv6 through the
 * egress-only gateway) and EKS fails a group whose nodes do not join. Those routes are all it waits for: a NAT
 * gateway only when one of its subnets routes to it.
 */
function declareNodeGroup(
  sc: Scope,
  cluster: aws.eks.Cluster,
  g: EksNodeGroupPlan,
  nodeRole: RoleParts,
  addons: aws.eks.Addon[],
): aws.eks.NodeGroup {
  const { names, parent, args } = sc;
  const lt = declareLaunchTemplate(sc, g);
  const routes = g.subnets.flatMap((s) => args.routesReady?.[s] ?? []);
  return new aws.eks.NodeGroup(
    names.name(g.name),
    {
      clusterName: cluster.name,
      nodeGroupName: g.name,
      nodeRoleArn: nodeRole.role.arn,
      subnetIds: g.subnets.map((s) => args.subnetIds[s]!),
      scalingConfig: g.scaling,
      instanceTypes: g.instanceTypes,
      capacityType: g.capacityType,
      amiType: g.amiType,
      launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) },
      tags: sc.tags(g.name),
    },
    names.opts(g.name, { parent, dependsOn: [...nodeRole.attachments, ...addons, ...routes] }),
  );
}

/**
 * A node group's launch template: the plan's instance metadata settings (IMDSv2, one hop, the IPv6 metadata
 * endpoint off: EKS does not support it), the plan's volume's size (gp3 on its volumeDevice;
 * a group with a launch template takes its disk size from there, not from the group's diskSize), and the Name
 * tag on what it launches. No image and no instance type: the group's amiType and instanceTypes choose them.
 */
function declareLaunchTemplate(sc: Scope, g: EksNodeGroupPlan): aws.ec2.LaunchTemplate {
  const stable = `${g.name}-lt`;
  const tags = sc.tags(g.name);
  return new aws.ec2.LaunchTemplate(
    sc.names.name(stable),
    {
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: g.metadata.httpTokens,
        httpPutResponseHopLimit: g.metadata.httpPutResponseHopLimit,
        httpProtocolIpv6: g.metadata.httpProtocolIpv6,
      },
      blockDeviceMappings: [{ deviceName: g.volumeDevice, ebs: { volumeSize: g.diskSize, volumeType: "gp3" } }],
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags })),
      tags: sc.tags(stable),
    },
    sc.names.opts(stable, { parent: sc.parent }),
  );
}

/**
 * The Fargate profile: one selector per namespace, in the plan's (private) subnets, with a pod execution role
 * (trusted by eks-fargate-pods.amazonaws.com, AmazonEKSFargatePodExecutionRolePolicy: Amazon EKS User Guide,
 * pod-execution-role). Creating the profile launches no pod, so it waits for its role's attachment only.
 */
function declareFargate(sc: Scope, cluster: aws.eks.Cluster, f: NonNullable<EksPlan["fargate"]>): aws.iam.Role {
  const trust = serviceTrust(TRUSTED_SERVICES.fargate);
  const r = role(sc, "eks-fargate", trust, sc.args.plan.iam.fargateRolePolicies);
  new aws.eks.FargateProfile(
    sc.names.name("eks-fargate"),
    {
      clusterName: cluster.name,
      podExecutionRoleArn: r.role.arn,
      selectors: f.namespaces.map((namespace) => ({ namespace })),
      subnetIds: f.subnets.map((s) => sc.args.subnetIds[s]!),
      tags: sc.tags("eks-fargate"),
    },
    sc.names.opts("eks-fargate", { parent: sc.parent, dependsOn: r.attachments }),
  );
  return r.role;
}

/**
 * A kubeconfig for the cluster whose user gets a token from `aws eks get-token` through the exec credential
 * plugin (client.authentication.k8s.io/v1beta1): the kubeconfig holds no credential, whoever runs it needs an
 * access entry (the admin principal has one).
 */
export function renderEksKubeconfig(c: { name: string; endpoint: string; ca: string; region: string }): string {
  return stringify(
    {
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: c.name, cluster: { server: c.endpoint, "certificate-authority-data": c.ca } }],
      contexts: [{ name: c.name, context: { cluster: c.name, user: c.name } }],
      "current-context": c.name,
      users: [
        {
          name: c.name,
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1beta1",
              command: "aws",
              args: ["eks", "get-token", "--cluster-name", c.name, "--region", c.region],
            },
          },
        },
      ],
    },
    { lineWidth: 0 },
  );
}
