/**
 * The plain data the planning stages share: the facts looked up, and the VPC, subnet, route and
 * Kubernetes records. A leaf: it imports no other stage, so every stage can use it without a cycle (the
 * whole plan, which gathers every stage's output, is network-plan.ts).
 */
import type { Family } from "./ip";
import type { Cni, SubnetType } from "./enums";

/** Facts about the account and region that the program looks up (or the offline plan assumes). */
export interface Facts {
  /**
   * AWS region, e.g. us-east-1: `aws:region`, else what the provider would use (AWS_REGION,
   * AWS_DEFAULT_REGION, the profile). Undefined when none is set: the plan is refused (REGION_MISSING).
   */
  region?: string;
  /** The region's standard (non opt-in) availability zones in region order; `zones` defaults to the first three. */
  standardZones: readonly string[];
  /** Zone type by name where known: availability-zone | local-zone | wavelength-zone. */
  zoneTypes?: Readonly<Record<string, string>>;
  /** Parent Availability Zone of each Local or Wavelength Zone, where looked up (`parentZoneName`). */
  zoneParents?: Readonly<Record<string, string>>;
  /** What `aws.ec2.getInstanceType` said of each `nodes.instanceTypes` entry. */
  instanceTypes?: Readonly<Record<string, InstanceTypeFact>>;
  /**
   * What `aws.ec2.getVpc` returned for `vpc.id`, and the internet gateway attached to it
   * (`aws.ec2.getInternetGateway`): its id, null when none is attached, undefined when not looked up (offline).
   */
  existingVpc?: { id: string; cidrBlock: string; ipv6CidrBlock?: string; internetGatewayId?: string | null };
  /** Why `vpc.id` could not be looked up (the provider's answer), when it could not: EXISTING_VPC_NOT_FOUND. */
  existingVpcError?: string;
}

/** Why an instance type was not checked offline: the one wording of the offline facts and the mocked lookup. */
export const NOT_CHECKED_OFFLINE = "the offline plan cannot ask AWS; pulumi preview checks it";

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
  /**
   * Where the internet gateway comes from: created by this stack, given in config (`vpc.internetGatewayId`),
   * the one attached to the existing VPC (looked up), or to be looked up at deployment (offline plan).
   */
  internetGateway: "create" | "given" | "attached" | "lookup";
  /** Whether a carrier gateway is created: a public subnet in a Wavelength Zone routes to it (one per VPC). */
  carrierGateway: boolean;
}

export type RouteTarget =
  | { kind: "internetGateway" }
  | { kind: "egressOnlyInternetGateway" }
  /** A NAT gateway this stack creates, by its plan name; crossZone when it is in another zone. */
  | { kind: "natGateway"; nat: string; crossZone: boolean }
  /** An existing NAT gateway (`egress: nat-...`). */
  | { kind: "existingNatGateway"; id: string }
  | { kind: "transitGateway"; id: string }
  /** The VPC's carrier gateway (Wavelength Zones): created by this stack when a route needs it. */
  | { kind: "carrierGateway" };

export interface RoutePlan {
  /** Stable resource-name suffix: ipv4-default | ipv6-default | nat64. */
  name: "ipv4-default" | "ipv6-default" | "nat64";
  family: Family;
  destination: string;
  target: RouteTarget;
}

/**
 * What every stage knows of a subnet, whatever else it adds: its name, zone, kind and address families.
 * The planner's draft (subnets.ts), the edge's view (edge/) and the plan record all have this shape.
 */
export interface SubnetKind {
  name: string;
  zone: string;
  type: SubnetType;
  hasIpv4: boolean;
  hasIpv6: boolean;
  /** IPv6-only (AWS: `ipv6Native`): a Private subnet in a VPC with IPv6. */
  ipv6Only: boolean;
  /** A public kind (Utility, Public): routes to the internet gateway. */
  public: boolean;
}

export interface SubnetPlan extends SubnetKind {
  /** Existing subnet adopted by id: not created, its routes are not managed. */
  id?: string;
  /** IPv4 CIDR, or undefined for IPv6-only subnets. */
  cidrBlock?: string;
  /** IPv6 block: `cidrBlock` when the VPC block is known, else only prefix length and index in the VPC block. */
  ipv6?: { prefixLength: number; index: number; cidrBlock?: string };
  /** True when the CIDR was allocated automatically (stable: depends on zone, kind and name only). */
  autoCidr: { ipv4: boolean; ipv6: boolean };
  /** Hostnames given on launch (absent: AWS' default, IP-based names); A/AAAA say which records answer. */
  hostnames?: { type: "resource-name"; aRecord: boolean; aaaaRecord: boolean };
  dns64: boolean;
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
  /** Nodes the family's pod range holds: at most 2^16 (the node mask is at most 16 bits longer), exact. */
  maxNodes: number;
  /** Pod addresses per node, exact decimal text (an IPv6 /64 per node is 2^64, past a number's precision). */
  podAddressesPerNode: string;
  /** The same as a power of two: podAddressesPerNode = 2^podAddressBits. */
  podAddressBits: number;
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
  /** Pod addresses per node of the primary family, exact decimal text. */
  podAddressesPerNode: string;
  /** The 10th address of the primary service range, as kubeadm picks it. */
  dnsServiceIP: string;
  cni: Cni;
  cloudControllerManager: boolean;
  /** Whether a kubeconfig was given: add-ons are only installed with one. */
  hasKubeconfig: boolean;
}
