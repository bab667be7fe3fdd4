/**
 * The Amazon EKS part of the plan (`plan.eks`), for the text and markdown reports alike: how the cluster addresses
 * pods and services, then the cluster (version, endpoint, access, subnets), its add-ons with their versions and the
 * VPC CNI's settings, its IAM, node groups and Fargate profile. Pure: plan in, texts out; each report lays them out.
 */
import type { EksAddonPlan, EksNodeGroupPlan, EksPlan } from "../core/eks/types";
import type { IamPolicyDocument } from "../core/eks/iam";
import { CNI_SERVICE_ACCOUNT } from "../core/eks/iam";

/** How a report shows a name (a subnet, a version, a policy): as is in text, as inline code in markdown. */
export type Code = (s: string) => string;
const asIs: Code = (s) => s;

/** One add-on as reported: its name, its version with where it comes from, and its settings. */
export interface EksAddonRow {
  name: string;
  version: string;
  settings: string;
}

/** One node group as reported, one text per column. */
export interface EksNodeGroupRow {
  name: string;
  instanceTypes: string;
  scaling: string;
  capacityType: string;
  amiType: string;
  disk: string;
  subnets: string;
  metadata: string;
}

/** The EKS part of a report: sentences for the Kubernetes part, rows for the cluster's section. */
export interface EksReport {
  /** The Kubernetes part: the family, pods, services, the family fixed at creation. */
  kubernetes: string[];
  /** Label and text: the cluster, its endpoint, access, subnets. */
  cluster: [string, string][];
  /** The managed add-ons, in install order. */
  addons: EksAddonRow[];
  /** Label and text: the cluster role, the node role, where the IPv6 CNI policy goes and what it allows. */
  iam: [string, string][];
  nodeGroups: EksNodeGroupRow[];
  /** The Fargate profile in one text; undefined: none. */
  fargate?: string;
}

/**
 * The Kubernetes part in EKS mode: EKS chooses the service range (from fc00::/7, Amazon EKS API reference,
 * KubernetesNetworkConfigRequest) and pods take /80 prefixes of the node subnets (the VPC CNI's prefix delegation);
 * the IP family is set at creation only (CloudFormation: "Update requires: Replacement").
 */
export function eksKubernetesTexts(): string[] {
  return [
    "family ipv6 (EKS): pods and services IPv6 only",
    "pods: /80 prefixes of the node subnets' IPv6 blocks (the VPC CNI's prefix delegation), no pod range",
    "services: a range EKS chooses at creation from fc00::/7 (shown after deployment, as an output)",
    "IP family fixed at creation: changing it replaces the cluster",
  ];
}

/**
 * The settings of a vpc-cni `configurationValues` document, parsed: `env` is the aws-node container's and
 * `init.env` the aws-vpc-cni-init container's (the VPC CNI's charts/aws-vpc-cni/values.yaml), each as the
 * container's name and its `KEY=value` pairs.
 */
export function configurationSettings(json: string, code: Code = asIs): string[] {
  let doc: { env?: Record<string, unknown>; init?: { env?: Record<string, unknown> } };
  try {
    doc = JSON.parse(json) as typeof doc;
  } catch {
    return [`configurationValues (not JSON): ${json}`];
  }
  const container = (name: string, env: Record<string, unknown> | undefined) =>
    env && Object.keys(env).length
      ? [
          `${name} ${Object.entries(env)
            .map(([k, v]) => code(`${k}=${String(v)}`))
            .join(" ")}`,
        ]
      : [];
  return [...container("aws-node", doc.env), ...container("aws-vpc-cni-init", doc.init?.env)];
}

/** An add-on's version with its source, or EKS' default for the cluster's Kubernetes version. */
function addonVersion(a: EksAddonPlan, kubernetes: string, code: Code): string {
  if (!a.version) return `EKS default for Kubernetes ${kubernetes}`;
  return `${code(a.version)} (${a.versionSource === "config" ? "config" : "pinned"})`;
}

/** An add-on in one row: version and source, the VPC CNI's settings and service account. */
function addonRow(a: EksAddonPlan, kubernetes: string, code: Code): EksAddonRow {
  const settings = a.configurationValues ? configurationSettings(a.configurationValues, code).join("; ") : "";
  const account = a.serviceAccount
    ? `service account ${code(`${CNI_SERVICE_ACCOUNT.namespace}/${a.serviceAccount}`)}`
    : "";
  const text = [settings, account].filter(Boolean).join("; ");
  return { name: a.name, version: addonVersion(a, kubernetes, code), settings: text || "-" };
}

/** What a policy document allows, statement by statement: actions on resources. */
function policyText(doc: IamPolicyDocument, code: Code): string {
  return doc.Statement.map((s) => {
    const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
    return `${s.Action.map(code).join(", ")} on ${resources.map(code).join(", ")}`;
  }).join("; ");
}

/** Where the IPv6 CNI policy is attached, in words (components/core/enums.ts EksCniCredentials). */
function cniPlace(eks: EksPlan, code: Code): string {
  const account = code(`${CNI_SERVICE_ACCOUNT.namespace}/${CNI_SERVICE_ACCOUNT.name}`);
  switch (eks.iam.cniCredentials) {
    case "podIdentity":
      return `a role of its own for ${account}, assumed through EKS Pod Identity (the eks-pod-identity-agent add-on)`;
    case "irsa":
      return `a role of its own for ${account}, assumed through IRSA (the cluster's OIDC provider)`;
    case "nodeRole":
      return "the node role: every pod that can reach the instance metadata gets the CNI's permissions";
  }
}

/** The IAM rows: the roles with their managed policies, the CNI policy's place and what it allows. */
function iamRows(eks: EksPlan, code: Code): [string, string][] {
  const nodeExtra = eks.iam.cniCredentials === "nodeRole" ? ", the IPv6 CNI policy" : "";
  return [
    ["cluster role", `${eks.iam.clusterRolePolicies.map(code).join(", ")} (trusted by eks.amazonaws.com)`],
    ["node role", `${eks.iam.nodeRolePolicies.map(code).join(", ")}${nodeExtra} (trusted by ec2.amazonaws.com)`],
    ["IPv6 CNI policy", `on ${cniPlace(eks, code)}`],
    ["CNI policy allows", policyText(eks.iam.cniPolicy, code)],
  ];
}

/** A node group in one row; its instance metadata settings in words. */
function nodeGroupRow(g: EksNodeGroupPlan, code: Code): EksNodeGroupRow {
  const m = g.metadata;
  const tokens = m.httpTokens === "required" ? "IMDSv2 only" : `tokens ${m.httpTokens}`;
  const v6 = m.httpProtocolIpv6 === "disabled" ? "IPv6 metadata endpoint off" : "IPv6 metadata endpoint on";
  return {
    name: g.name,
    instanceTypes: g.instanceTypes.map(code).join(", "),
    scaling: `min ${g.scaling.minSize} desired ${g.scaling.desiredSize} max ${g.scaling.maxSize}`,
    capacityType: g.capacityType,
    amiType: g.amiType,
    disk: `${g.diskSize} GiB`,
    subnets: g.subnets.map(code).join(", "),
    metadata: `${tokens}, hop limit ${m.httpPutResponseHopLimit}, ${v6}`,
  };
}

/** The cluster's rows: name, version and family; endpoint; access; subnets. */
function clusterRows(eks: EksPlan, code: Code): [string, string][] {
  const e = eks.endpoint;
  const publicText = e.publicAccess ? `public on, open to ${e.publicAccessCidrs.map(code).join(", ")}` : "public off";
  return [
    [
      "cluster",
      `${eks.name ? code(eks.name) : "named by Pulumi"}, Kubernetes ${code(eks.version)}, IP family ${eks.ipFamily},` +
        " security group: the cluster security group EKS creates",
    ],
    ["endpoint", `private ${e.privateAccess ? "on" : "off"}, ${publicText}`],
    [
      "access",
      `authentication mode ${eks.authenticationMode} (access entries);` +
        ` admin ${code(eks.adminPrincipalArn)} (AmazonEKSClusterAdminPolicy, cluster-wide)`,
    ],
    ["subnets", eks.clusterSubnets.map(code).join(", ")],
  ];
}

/** The EKS part of a report, names shown through `code`. */
export function eksReport(eks: EksPlan, code: Code = asIs): EksReport {
  return {
    kubernetes: eksKubernetesTexts(),
    cluster: clusterRows(eks, code),
    addons: eks.addons.map((a) => addonRow(a, eks.version, code)),
    iam: iamRows(eks, code),
    nodeGroups: eks.nodeGroups.map((g) => nodeGroupRow(g, code)),
    fargate: eks.fargate
      ? `namespaces ${eks.fargate.namespaces.map(code).join(", ")}, in ${eks.fargate.subnets.map(code).join(", ")}`
      : undefined,
  };
}
