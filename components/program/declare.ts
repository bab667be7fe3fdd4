/**
 * Declares everything a validated plan describes and returns its outputs: the body of the Ipv6ClusterNetwork
 * component (components/library), which the program, the Automation API's inline program and library users
 * all go through, so each builds the same resources from the same plan.
 */
import * as pulumi from "@pulumi/pulumi";
import { renderKubeadmConfig } from "../core/kubeadm";
import type { IpFamily } from "../core/enums";
import type { EksPlan } from "../core/eks/types";
import type { NetworkPlan } from "../core/network-plan";
import { ApiServerLoadBalancer } from "../network/api-load-balancer";
import { DualStackVpc, type SubnetOutput } from "../network/dual-stack-vpc";
import { EksCluster } from "../network/eks-cluster";
import { ClusterSecurityGroups } from "../network/security-groups";
import { installerSpecs } from "./installers";
import { VpcEndpoints } from "../network/vpc-endpoints";

/** Where the components go: their name (children are `<name>-...`), their parent, their 0.1 names. */
export interface DeclareTarget {
  /** The name every component takes; their children are named `<name>-<stable name>`. */
  name: string;
  /** The parent of every component (the library component). */
  parent?: pulumi.Resource;
  /**
   * Alias every resource to where 0.1's program registered it (components under the stack with fixed names,
   * children with bare names): for the program's own stacks, so that moving them to the library replaces nothing.
   */
  previous?: boolean;
  /** The kubeconfig of the cluster the add-ons go into, when it is not plain text in the plan (an Output). */
  kubeconfig?: pulumi.Input<string>;
}

/** 0.1's name of each network component (a child of the stack then; the add-ons' are in components/addons). */
const PREVIOUS_NAMES = { network: "network", securityGroups: "security-groups", apiServer: "api-server" } as const;

export function declareCluster(plan: NetworkPlan, target: DeclareTarget): ClusterOutputs {
  const { name, parent } = target;
  const previous = (key: keyof typeof PREVIOUS_NAMES) => (target.previous ? { name: PREVIOUS_NAMES[key] } : undefined);
  const network = new DualStackVpc(name, { plan, previous: previous("network") }, { parent });
  declareEndpoints(plan, network, target);
  if (plan.eks) return declareEks(plan, plan.eks, network, target);
  // The edge waits for the VPC only (and the load balancer for its own subnets), never for NAT gateways.
  const sgs = new ClusterSecurityGroups(
    name,
    {
      groups: plan.edge.securityGroups,
      vpcId: network.vpcId,
      vpcIpv6CidrBlock: network.vpcIpv6CidrBlock,
      tags: plan.tags,
      namePrefix: plan.project,
      previous: previous("securityGroups"),
    },
    { parent },
  );
  const lbPlan = plan.edge.apiLoadBalancer;
  const lb = lbPlan
    ? new ApiServerLoadBalancer(
        name,
        {
          plan: lbPlan,
          subnetIds: lbPlan.subnets.map((s) => network.subnets[s].id),
          securityGroupId: sgs.ids["api-lb"]!,
          vpcId: network.vpcId,
          tags: plan.tags,
          namePrefix: plan.project,
          previous: previous("apiServer"),
        },
        { parent },
      )
    : undefined;
  // Add-ons go into an existing cluster (its kubeconfig), so they do not wait for the network.
  // Loaded only when something is installed: @pulumi/kubernetes costs ~40 ms to load, on every plan.
  const addons: string[] =
    plan.addons.install && plan.addons.requested.length > 0
      ? (require("../addons") as typeof import("../addons")).declareAddons(plan, target)
      : [];
  const securityGroupIds = {
    nodes: sgs.ids.nodes!,
    controlPlane: sgs.ids["control-plane"]!,
    ...(sgs.ids["api-lb"] ? { apiLoadBalancer: sgs.ids["api-lb"] } : {}),
  };
  return clusterOutputs(plan, network, { securityGroupIds, lb, addons });
}

/** The VPC endpoints (`endpoints`), in the network's subnets and route tables; none without the key. */
function declareEndpoints(plan: NetworkPlan, network: DualStackVpc, target: DeclareTarget): void {
  if (!plan.endpoints) return;
  const subnets = Object.entries(network.subnets);
  new VpcEndpoints(
    target.name,
    {
      plan: plan.endpoints,
      vpcId: network.vpcId,
      vpcIpv6CidrBlock: network.vpcIpv6CidrBlock,
      subnetIds: Object.fromEntries(subnets.map(([n, s]) => [n, s.id])),
      routeTableIds: Object.fromEntries(subnets.map(([n, s]) => [n, s.routeTableId])),
      tags: plan.tags,
      namePrefix: plan.project,
    },
    { parent: target.parent },
  );
}

/**
 * EKS mode: the network, then the EKS cluster in it. No security groups, load balancer or add-ons of ours: EKS
 * makes the cluster security group (on the control plane's interfaces and the managed nodes), serves the API
 * endpoint and runs its managed add-ons. The cluster waits for its subnets only, its node groups for their
 * subnets' routes too (EksCluster).
 */
function declareEks(plan: NetworkPlan, eksPlan: EksPlan, network: DualStackVpc, target: DeclareTarget): ClusterOutputs {
  const eks = new EksCluster(
    target.name,
    {
      plan: eksPlan,
      subnetIds: Object.fromEntries(Object.entries(network.subnets).map(([n, s]) => [n, s.id])),
      routesReady: network.routesReady,
      region: plan.region,
      tags: plan.tags,
      namePrefix: plan.project,
    },
    { parent: target.parent },
  );
  const sg = eks.clusterSecurityGroupId;
  const outputs: EksOutputs = {
    clusterName: eks.clusterName,
    endpoint: eks.endpoint,
    serviceIpv6Cidr: eks.serviceIpv6Cidr,
    clusterSecurityGroupId: sg,
    oidcIssuer: eks.oidcIssuer,
    certificateAuthorityData: eks.certificateAuthorityData,
    kubeconfig: eks.kubeconfig,
    nodeGroupNames: eks.nodeGroupNames,
    clusterRoleArn: eks.clusterRoleArn,
    nodeRoleArn: eks.nodeRoleArn,
    ...(eks.cniRoleArn ? { cniRoleArn: eks.cniRoleArn } : {}),
    ...(eks.fargateRoleArn ? { fargateRoleArn: eks.fargateRoleArn } : {}),
  };
  return clusterOutputs(plan, network, { securityGroupIds: { nodes: sg, controlPlane: sg }, addons: [], eks: outputs });
}

/** What the cluster's side adds to the network's outputs: its security groups, endpoint, add-ons, EKS cluster. */
interface ClusterParts {
  securityGroupIds: ClusterOutputs["securityGroupIds"];
  lb?: ApiServerLoadBalancer;
  addons: string[];
  eks?: EksOutputs;
}

/** The outputs: the stack's (program), the component's (library), by the same names. */
function clusterOutputs(plan: NetworkPlan, network: DualStackVpc, parts: ClusterParts): ClusterOutputs {
  const { securityGroupIds, lb, addons, eks } = parts;
  const k = plan.kubernetes;
  return {
    vpcId: network.vpcId,
    vpcCidrBlock: network.vpcCidrBlock,
    vpcIpv6CidrBlock: network.vpcIpv6CidrBlock,
    subnets: network.subnets,
    internetGatewayId: network.internetGatewayId,
    egressOnlyInternetGatewayId: network.egressOnlyInternetGatewayId,
    natGatewayIds: network.natGatewayIds,
    /** Security group ids: `nodes` (every machine), `controlPlane`, `apiLoadBalancer`. */
    securityGroupIds,
    /** `<dns name>:6443` of the API load balancer; absent without `apiLoadBalancer`. */
    apiServerEndpoint: lb?.endpoint,
    /** The API load balancer's target group: register the control-plane machines here. */
    apiServerTargetGroupArn: lb?.targetGroupArn,
    /** Cluster addressing and the control-plane settings it implies. */
    kubernetes: {
      ipFamilies: k.ipFamilies,
      podCIDRs: k.podCIDRs,
      serviceCIDRs: k.serviceCIDRs,
      nodeCIDRMaskSizes: Object.fromEntries(k.perFamily.map((c) => [c.family, c.nodeMaskSize])),
      maxNodes: k.maxNodes,
      podAddressesPerNode: k.podAddressesPerNode,
      dnsServiceIP: k.dnsServiceIP,
      kubeApiServer: plan.controlPlane.kubeApiServer,
      kubeControllerManager: plan.controlPlane.kubeControllerManager,
      kubelet: plan.controlPlane.kubelet,
      kubeProxy: plan.controlPlane.kubeProxy,
      // Rendered here only: with the load balancer's endpoint, known at deployment (none without one). None
      // for EKS: kubeadm does not make an EKS cluster.
      kubeadmConfig: eks
        ? pulumi.output("")
        : pulumi.output(lb?.endpoint).apply((endpoint) => renderKubeadmConfig(k, endpoint)),
    },
    /** cloud-init for every node: IPv6 forwarding that keeps the router-advertised default route. */
    nodeCloudInit: plan.nodeCloudInit,
    /** Add-ons installed into the cluster (empty without `kubernetes.kubeconfig`). */
    addons,
    /** The specs of `kubernetes.installers`, with the deployed ids (none with EKS: installers are refused). */
    installerSpecs: eks ? pulumi.output({} as Record<string, string>) : installerSpecs(plan, network, lb),
    ...(eks ? { eks } : {}),
  };
}

/** The EKS cluster's outputs (EksCluster's), in EKS mode. */
export interface EksOutputs {
  /** The cluster's name (`kubernetes.eks.name`, else the one Pulumi generated). */
  clusterName: pulumi.Output<string>;
  /** The API server's endpoint (https URL). */
  endpoint: pulumi.Output<string>;
  /** The service range EKS chose at creation (from fc00::/7). */
  serviceIpv6Cidr: pulumi.Output<string>;
  /** The cluster security group EKS created (on the control plane's interfaces and the managed nodes). */
  clusterSecurityGroupId: pulumi.Output<string>;
  /** The cluster's OIDC issuer URL. */
  oidcIssuer: pulumi.Output<string>;
  /** The cluster's certificate authority, base64-encoded PEM. */
  certificateAuthorityData: pulumi.Output<string>;
  /** A kubeconfig (YAML) whose user runs `aws eks get-token`; a secret. */
  kubeconfig: pulumi.Output<string>;
  /** The managed node groups' names, in plan order. */
  nodeGroupNames: pulumi.Output<string[]>;
  /** The cluster role's ARN. */
  clusterRoleArn: pulumi.Output<string>;
  /** The node role's ARN. */
  nodeRoleArn: pulumi.Output<string>;
  /** The VPC CNI's own role (Pod Identity or IRSA); absent when the CNI policy is on the node role. */
  cniRoleArn?: pulumi.Output<string>;
  /** The Fargate pod execution role; absent without a Fargate profile. */
  fargateRoleArn?: pulumi.Output<string>;
}

/** The cluster's addressing and the control-plane settings it implies. */
export interface KubernetesInfo {
  /** The cluster's IP families, primary family first (Kubernetes' ipFamilies order). */
  ipFamilies: IpFamily[];
  /** Pod ranges (kube-controller-manager --cluster-cidr), primary family first. */
  podCIDRs: string[];
  /** Service ranges (kube-apiserver --service-cluster-ip-range), primary family first. */
  serviceCIDRs: string[];
  /** Per-node pod prefix length, by family. */
  nodeCIDRMaskSizes: Record<string, number>;
  /** Nodes the pod ranges hold (the smallest over the families). */
  maxNodes: number;
  /** Pod addresses per node of the primary family, exact decimal text. */
  podAddressesPerNode: string;
  /** The cluster DNS service address (the 10th of the primary service range). */
  dnsServiceIP: string;
  /** kube-apiserver flags (name -> value). */
  kubeApiServer: Record<string, string>;
  /** kube-controller-manager flags. */
  kubeControllerManager: Record<string, string>;
  /** kubelet flags. */
  kubelet: Record<string, string>;
  /** kube-proxy flags. */
  kubeProxy: Record<string, string>;
  /** kubeadm v1beta4 configuration (YAML), with the API load balancer's endpoint; empty with EKS (no kubeadm). */
  kubeadmConfig: string;
}

/**
 * Everything the network outputs, as declared: the program's stack outputs, what Ipv6ClusterNetwork's
 * `outputs()` resolves to (its output properties are the same values, resolved).
 */
export interface ClusterOutputs {
  /** The VPC's id (created, or the existing one). */
  vpcId: pulumi.Output<string>;
  /** The VPC's IPv4 block. */
  vpcCidrBlock: pulumi.Output<string>;
  /** Undefined without IPv6. */
  vpcIpv6CidrBlock: pulumi.Output<string | undefined>;
  /** Every subnet by its name. */
  subnets: Record<string, SubnetOutput>;
  /** The internet gateway's id (created, given, or the one attached to the existing VPC). */
  internetGatewayId: pulumi.Output<string>;
  /** Undefined without IPv6. */
  egressOnlyInternetGatewayId: pulumi.Output<string | undefined>;
  /** NAT gateway ids by zone (a gateway on a given Elastic IP by `<zone>-nat-<eipalloc>`). */
  natGatewayIds: Record<string, pulumi.Output<string>>;
  /**
   * Security group ids: `nodes` (every machine), `controlPlane`, `apiLoadBalancer`. With EKS, `nodes` and
   * `controlPlane` are both the cluster security group EKS made (it attaches it to both).
   */
  securityGroupIds: {
    nodes: pulumi.Output<string>;
    controlPlane: pulumi.Output<string>;
    apiLoadBalancer?: pulumi.Output<string>;
  };
  /** `<dns name>:6443` of the API load balancer; undefined without `apiLoadBalancer`. */
  apiServerEndpoint: pulumi.Output<string> | undefined;
  /** The API load balancer's target group: register the control-plane machines here. */
  apiServerTargetGroupArn: pulumi.Output<string> | undefined;
  /** Cluster addressing and the control-plane settings it implies (the kubeadm configuration once deployed). */
  kubernetes: Omit<KubernetesInfo, "kubeadmConfig"> & { kubeadmConfig: pulumi.Output<string> };
  /** cloud-init for every node: IPv6 forwarding that keeps the router-advertised default route. */
  nodeCloudInit: string;
  /** Add-ons installed into the cluster (empty without `kubernetes.kubeconfig`). */
  addons: string[];
  /**
   * The spec of each installer of `kubernetes.installers` (YAML by installer: kops, capi, k0s, kubeadm) for a cluster
   * on this network, with the deployed ids; empty when none is listed (docs/installers.md).
   */
  installerSpecs: pulumi.Output<Record<string, string>>;
  /** The EKS cluster (`kubernetes.eks`); absent for a self-managed cluster. */
  eks?: EksOutputs;
}
