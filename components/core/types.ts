/** Plain data produced by the planner and consumed by the components, the plan command and the tests. */
import type { AddonsPlan } from "./addons";
import type { EdgePlan } from "./edge";
import type { ControlPlaneSettings } from "./kubeadm";
import type { Finding } from "./findings";
import type { Family } from "./ip";
import type { Cni, NatMode, SubnetType } from "./schema";

/** Facts about the account and region that the program looks up (or the offline plan assumes). */
export interface Facts {
  /** AWS region, e.g. us-east-1. */
  region: string;
  /** The region's standard (non opt-in) availability zones in region order; `zones` defaults to the first three. */
  standardZones: readonly string[];
  /** Zone type by name where known: availability-zone | local-zone | wavelength-zone. */
  zoneTypes?: Readonly<Record<string, string>>;
  /** What `aws.ec2.getInstanceType` said of each `nodes.instanceTypes` entry. */
  instanceTypes?: Readonly<Record<string, InstanceTypeFact>>;
  /** What `aws.ec2.getVpc` returned for `vpc.id`. */
  existingVpc?: { id: string; cidrBlock: string; ipv6CidrBlock?: string };
}

export type InstanceTypeFact =
  | { status: "ok"; ipv6Supported: boolean; hypervisor: string }
  /** AWS does not know the type (in this region). */
  | { status: "missing"; reason: string }
  /** Not looked up (e.g. the offline plan has no AWS to ask). */
  | { status: "unknown"; reason: string };

export type Ipv6Source = "amazon" | "byoip" | "ipam" | "existing";

export interface VpcPlan {
  /** Existing VPC id (`vpc.id`), or undefined when the VPC is created. */
  id?: string;
  cidrBlock: string;
  ipv6?: {
    source: Ipv6Source;
    /** Prefix length of the VPC IPv6 block. */
    prefixLength: number;
    /** The block itself when known before deployment (BYOIP, existing VPC); else assigned by AWS. */
    cidrBlock?: string;
    poolId?: string;
    ipamPoolId?: string;
    egressOnlyInternetGatewayId?: string;
  };
  internetGatewayId?: string;
}

export type RouteTarget =
  | { kind: "internetGateway" }
  | { kind: "egressOnlyInternetGateway" }
  /** A NAT gateway this stack creates, by its plan name; crossZone when it is in another zone. */
  | { kind: "natGateway"; nat: string; crossZone: boolean }
  /** An existing NAT gateway (`egress: nat-...`). */
  | { kind: "existingNatGateway"; id: string }
  | { kind: "transitGateway"; id: string };

export interface RoutePlan {
  /** Stable resource-name suffix: ipv4-default | ipv6-default | nat64. */
  name: "ipv4-default" | "ipv6-default" | "nat64";
  family: Family;
  destination: string;
  target: RouteTarget;
}

export interface SubnetPlan {
  name: string;
  zone: string;
  type: SubnetType;
  /** Existing subnet adopted by id: not created, its routes are not managed. */
  id?: string;
  /** IPv4 CIDR, or undefined for IPv6-only subnets. */
  cidrBlock?: string;
  /** IPv6 block: `cidrBlock` when the VPC block is known, else only prefix length and index in the VPC block. */
  ipv6?: { prefixLength: number; index: number; cidrBlock?: string };
  /** True when the CIDR was allocated automatically (stable: depends on zone, kind and name only). */
  autoCidr: { ipv4: boolean; ipv6: boolean };
  ipv6Native: boolean;
  dns64: boolean;
  public: boolean;
  mapPublicIpOnLaunch: boolean;
  egress?: string;
  routes: RoutePlan[];
  /** Tags of the subnet itself (config tags, Name, Kubernetes role). */
  tags: Record<string, string>;
}

export interface NatGatewayPlan {
  /** Resource name: `<zone>-nat`, or `<zone>-nat-<eipalloc>` on a given allocation. */
  name: string;
  zone: string;
  /** Name of the public subnet it is placed in. */
  subnet: string;
  /** Elastic IP allocation to use; absent = a new Elastic IP named like the gateway. */
  allocationId?: string;
}

export interface FamilyCapacity {
  family: Family;
  podCIDR: string;
  nodeMaskSize: number;
  maxNodes: number;
  podAddressesPerNode: number;
}

export interface KubernetesPlan {
  /** Primary family first. */
  ipFamilies: Family[];
  singleStackIPv6: boolean;
  podCIDRs: string[];
  serviceCIDRs: string[];
  nodeCIDRMaskSize: number;
  nodeCIDRMaskSizeIPv4: number;
  perFamily: FamilyCapacity[];
  /** Nodes the cluster can hold: the smallest over its families. */
  maxNodes: number;
  /** Pod addresses per node of the primary family. */
  podAddressesPerNode: number;
  /** The 10th address of the primary service range, as kubeadm picks it. */
  dnsServiceIP: string;
  cni: Cni;
  cloudControllerManager: boolean;
  /** Whether a kubeconfig was given: add-ons are only installed with one. */
  hasKubeconfig: boolean;
}

export interface NetworkPlan {
  project: string;
  region: string;
  vpc: VpcPlan;
  zones: string[];
  natMode: NatMode;
  subnets: SubnetPlan[];
  natGateways: NatGatewayPlan[];
  kubernetes: KubernetesPlan;
  /** Cluster add-ons (CNI, cloud-controller-manager, CoreDNS) derived from `kubernetes`; created only with a kubeconfig. */
  addons: AddonsPlan;
  tags: Record<string, string>;
  protect: boolean;
  /** Security groups, the API-server load balancer and the prerequisite checks. */
  edge: EdgePlan;
  /** kube-apiserver, controller-manager, kubelet and kube-proxy settings, and the kubeadm configuration. */
  controlPlane: ControlPlaneSettings;
  /** cloud-init for every node: the IPv6 host settings a Kubernetes node needs. */
  nodeCloudInit: string;
  /** Non-fatal findings worth showing (e.g. a NAT gateway serving other zones). */
  warnings: Finding[];
}
