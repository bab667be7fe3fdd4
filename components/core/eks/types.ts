/**
 * An Amazon EKS cluster with the IPv6 family as plain data: what the EksCluster component declares and the
 * reports show. Planned by components/core/eks/index.ts from `kubernetes.eks`.
 */
import type { EksCapacityType, EksCniCredentials } from "../enums";
import type { IamPolicyDocument } from "./iam";

/** An EKS managed add-on as planned. */
export interface EksAddonPlan {
  /** The add-on's EKS name. */
  name: "eks-pod-identity-agent" | "vpc-cni" | "kube-proxy" | "coredns";
  /** Its version; undefined: EKS installs its default version for the cluster's Kubernetes version. */
  version?: string;
  /** Where the version comes from: the pinned table, the config, or EKS' default. */
  versionSource: "pinned" | "config" | "eks-default";
  /** The add-on's configuration values (JSON, as `aws eks describe-addon-configuration` describes them). */
  configurationValues?: string;
  /** OVERWRITE on create and update: the settings here win over anything changed in the cluster. */
  resolveConflicts: "OVERWRITE";
  /** The service account bound to the CNI role, when the add-on is the vpc-cni with a role of its own. */
  serviceAccount?: string;
  /**
   * Whether the node groups go before it: false for the host-network DaemonSets a node needs to become Ready (the
   * agent, the CNI, kube-proxy), true for CoreDNS, a Deployment that stays DEGRADED without nodes.
   */
  afterNodeGroups: boolean;
}

/** One managed node group as planned. */
export interface EksNodeGroupPlan {
  /** Its name (`kubernetes.eks.nodeGroups[].name`): the resources are `<network>-<name>` and `<network>-<name>-lt`. */
  name: string;
  /** EC2 instance types (Nitro). */
  instanceTypes: string[];
  /** Scaling: fewest, most and desired nodes. */
  scaling: { minSize: number; maxSize: number; desiredSize: number };
  /** Names of the subnets the nodes go in (dual-stack). */
  subnets: string[];
  /** On-Demand or Spot. */
  capacityType: EksCapacityType;
  /** The EKS AMI type. */
  amiType: string;
  /** Root volume size in GiB (set in the launch template). */
  diskSize: number;
  /**
   * The device the launch template sizes: the root volume (/dev/xvda) of the Amazon Linux AMIs, the data volume
   * (/dev/xvdb) of Bottlerocket's, whose /dev/xvda is its small OS volume.
   */
  volumeDevice: "/dev/xvda" | "/dev/xvdb";
  /**
   * The launch template's instance metadata settings: IMDSv2 only, one hop (pods on the node network cannot reach
   * the node role's credentials), and the IPv6 metadata endpoint off, which EKS does not support (Amazon EKS User
   * Guide, cni-ipv6.adoc: "Use of the Amazon EC2 Instance Metadata Service IPv6 endpoint is not supported").
   */
  metadata: { httpTokens: "required"; httpPutResponseHopLimit: 1; httpProtocolIpv6: "disabled" };
}

/** The IAM of the cluster: its roles' managed policies and where the IPv6 CNI policy goes. */
export interface EksIamPlan {
  /** Managed policies of the cluster role (trusted by eks.amazonaws.com). */
  clusterRolePolicies: string[];
  /** Managed policies of the node role (trusted by ec2.amazonaws.com). */
  nodeRolePolicies: string[];
  /** Managed policies of the Fargate pod execution role (trusted by eks-fargate-pods.amazonaws.com). */
  fargateRolePolicies: string[];
  /** The IPv6 CNI policy document (no AWS-managed policy covers IPv6). */
  cniPolicy: IamPolicyDocument;
  /** Where the CNI policy is attached: a CNI role (Pod Identity or IRSA) or the node role. */
  cniCredentials: EksCniCredentials;
}

/** The Amazon EKS cluster of the network. */
export interface EksPlan {
  /** Kubernetes version (`kubernetes.eks.version`, else EKS_DEFAULT_VERSION). */
  version: string;
  /** The cluster's name (`kubernetes.eks.name`); undefined: Pulumi names it after the network. */
  name?: string;
  /** Always ipv6: this project builds IPv6 EKS clusters. Set at creation only: changing it replaces the cluster. */
  ipFamily: "ipv6";
  /** Who can reach the API endpoint. */
  endpoint: { privateAccess: boolean; publicAccess: boolean; publicAccessCidrs: string[] };
  /** API: access entries only (no aws-auth ConfigMap); the creator gets no implicit admin. */
  authenticationMode: "API";
  /** The IAM principal given AmazonEKSClusterAdminPolicy, cluster-wide, by an access entry. */
  adminPrincipalArn: string;
  /** Subnets of the cluster's network interfaces (`nodes.controlPlaneSubnets`, else per zone a DualStack one). */
  clusterSubnets: string[];
  /** The managed add-ons, in install order. */
  addons: EksAddonPlan[];
  /** Roles and the CNI policy. */
  iam: EksIamPlan;
  /** Managed node groups. */
  nodeGroups: EksNodeGroupPlan[];
  /** A Fargate profile for these namespaces, in the cluster's subnets; undefined: none. */
  fargate?: { namespaces: string[]; subnets: string[] };
}
