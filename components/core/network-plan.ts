/**
 * The whole plan of a stack: what every stage decided, gathered for the components that declare it, the
 * reports that show it and the tests. Only plan.ts builds one.
 */
import type { AddonsPlan } from "./addons";
import type { EdgePlan } from "./edge/types";
import type { EksPlan } from "./eks/types";
import type { EndpointsPlan } from "./vpc-endpoints";
import type { Finding } from "./findings";
import type { ControlPlaneSettings } from "./kubeadm";
import type { Installer, NatGatewayMode } from "./enums";
import type { KubernetesPlan, NatGatewayPlan, SubnetPlan, VpcPlan } from "./types";

/**
 * The validated plan of a whole stack, what `planNetwork` and `checkStackConfig` return when the config has no
 * errors: every decision (blocks, routes, NAT placement, security groups, add-ons) as plain data. The building
 * blocks declare their parts of it; the reports render it.
 */
export interface NetworkPlan {
  /**
   * The project's name (PROJECT): the Name tag of the VPC and its gateways, and the prefix of the security groups'
   * and the load balancer's Name tags.
   */
  project: string;
  /** The AWS region the stack deploys to (the facts' region: a plan is refused without one). */
  region: string;
  /** The VPC: its blocks, and where its IPv6 block and internet gateway come from. */
  vpc: VpcPlan;
  /** The stack's zones: `zones`, else the region's first three standard zones; each once. */
  zones: string[];
  /** The config's `natGateways`: a NAT gateway per zone, a single one, or none. */
  natMode: NatGatewayMode;
  /** Every subnet, in config order (the default layout's when `subnets` is not given). */
  subnets: SubnetPlan[];
  /** The NAT gateways to create, each in the public subnet chosen for it. */
  natGateways: NatGatewayPlan[];
  /** The cluster's addressing: families, pod and service ranges, per-node prefix lengths, capacity. */
  kubernetes: KubernetesPlan;
  /**
   * Cluster add-ons (CNI, cloud-controller-manager, CoreDNS) derived from `kubernetes`;
   * created only with a kubeconfig.
   */
  addons: AddonsPlan;
  /** The config's `tags`, on every AWS resource that takes tags. */
  tags: Record<string, string>;
  /** The config's `protect`: Pulumi's protect on the VPC, its IPv6 block, the subnets, gateways and Elastic IPs. */
  protect: boolean;
  /** Security groups, the API-server load balancer and the prerequisite checks. */
  edge: EdgePlan;
  /**
   * kube-apiserver, controller-manager, kubelet and kube-proxy settings
   * (the kubeadm configuration is rendered from `kubernetes`).
   */
  controlPlane: ControlPlaneSettings;
  /** cloud-init for every node: the IPv6 host settings a Kubernetes node needs. */
  nodeCloudInit: string;
  /**
   * The Amazon EKS cluster (`kubernetes.eks`), when the cluster runs on EKS: then `kubernetes` is EKS' IPv6
   * single-stack addressing without ranges of its own, `addons` is empty, and the edge has no security groups or
   * API load balancer (EKS has its own), its control-plane subnets being the cluster's.
   */
  eks?: EksPlan;
  /**
   * The installers whose specs the stack outputs (`kubernetes.installers`, each once; none when not given), each
   * checked against what it refuses: components/core/installers.
   */
  installers: Installer[];
  /**
   * The VPC endpoints (`endpoints`): interface endpoints with private DNS in one subnet per zone, gateway endpoints
   * on the private route tables, and the NAT traffic they take over; absent without `endpoints`.
   */
  endpoints?: EndpointsPlan;
  /** Non-fatal findings worth showing (e.g. a NAT gateway serving other zones). */
  warnings: Finding[];
}
