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
  /** Zone id of each zone by name where looked up (e.g. use1-az1): ids, unlike names, are the same in every account. */
  zoneIds?: Readonly<Record<string, string>>;
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
  /**
   * What `aws.ec2.getVpcEndpointService` (describe-vpc-endpoint-services) said of each service `endpoints` names,
   * by `<service>/<kind>` (e.g. `sts/interface`, `s3/gateway`); absent when not looked up (offline).
   */
  endpointServices?: Readonly<Record<string, EndpointServiceFact>>;
}

/** What AWS said of one endpoint service in the region: found (its name and IP address types), absent, or not asked. */
export type EndpointServiceFact =
  /** Found: the service name to create the endpoint with, and the IP address types its endpoints take. */
  | { status: "ok"; serviceName: string; ipAddressTypes: readonly string[] }
  /** AWS has no such endpoint service (of that kind) in the region. */
  | { status: "missing"; reason: string }
  /** Not looked up (e.g. the offline plan has no AWS to ask). */
  | { status: "unknown"; reason: string };

/** Why an instance type was not checked offline: the one wording of the offline facts and the mocked lookup. */
export const NOT_CHECKED_OFFLINE = "the offline plan cannot ask AWS; pulumi preview checks it";

/**
 * What AWS said of one instance type: found (with its IPv6 support and hypervisor), unknown to AWS, or not looked
 * up.
 */
export type InstanceTypeFact =
  /** Found: whether it supports IPv6, and its hypervisor (`nitro` or `xen`; empty when AWS reports none). */
  | { status: "ok"; ipv6Supported: boolean; hypervisor: string }
  /** AWS does not know the type (in this region). */
  | { status: "missing"; reason: string }
  /** Not looked up (e.g. the offline plan has no AWS to ask). */
  | { status: "unknown"; reason: string };

/**
 * Where the VPC's IPv6 block comes from: Amazon-provided (a /56), a bring-your-own EC2 pool (`vpc.ipv6.poolId`), a
 * VPC IPAM pool (`vpc.ipv6.ipamPool`), or the existing VPC (`vpc.id`).
 */
export type Ipv6Source = "amazon" | "byoip" | "ipam" | "existing";

/**
 * The VPC as planned: created from `vpc.cidrBlock` or the existing one (`vpc.id`), with where its IPv6 block and
 * its gateways come from.
 */
export interface VpcPlan {
  /** Existing VPC id (`vpc.id`), or undefined when the VPC is created. */
  id?: string;
  /** The VPC's IPv4 block (`vpc.cidrBlock`). */
  cidrBlock: string;
  /** The VPC's IPv6 block and where it comes from; absent without `vpc.ipv6`. */
  ipv6?: {
    /** Where the block comes from. */
    source: Ipv6Source;
    /** Prefix length of the VPC IPv6 block. */
    prefixLength: number;
    /** The block itself when known before deployment (BYOIP, existing VPC); else assigned by AWS. */
    cidrBlock?: string;
    /** Bring-your-own IPv6: the EC2 pool the block is taken from (`vpc.ipv6.poolId`). */
    poolId?: string;
    /** IPAM: the pool the block is allocated from (`vpc.ipv6.ipamPool.id`). */
    ipamPoolId?: string;
    /** Existing VPC: its egress-only internet gateway, when given. */
    egressOnlyInternetGatewayId?: string;
    /**
     * Where the egress-only internet gateway comes from: `given` (`egressOnlyInternetGatewayId`), `create` (a new
     * VPC, or `vpc.ipv6.egressOnlyInternetGatewayId: create`), or `none` (an existing VPC that names none and asks
     * for none: no managed subnet routes to one, EXISTING_VPC_EGRESS_GATEWAY_UNKNOWN says so otherwise, and a
     * second gateway is never created silently).
     */
    egressOnlyGateway: "given" | "create" | "none";
  };
  /**
   * The internet gateway's id when it is not created: given (`vpc.internetGatewayId`) or the one attached to the
   * existing VPC.
   */
  internetGatewayId?: string;
  /**
   * Where the internet gateway comes from: created by this stack, given in config (`vpc.internetGatewayId`),
   * the one attached to the existing VPC (looked up), or to be looked up at deployment (offline plan).
   */
  internetGateway: "create" | "given" | "attached" | "lookup";
  /** Whether a carrier gateway is created: a public subnet in a Wavelength Zone routes to it (one per VPC). */
  carrierGateway: boolean;
}

/**
 * Where a route sends its traffic: a gateway of the VPC, or the subnet's egress (`egress`, or the NAT gateway
 * placed for it).
 */
export type RouteTarget =
  | { kind: "internetGateway" }
  | { kind: "egressOnlyInternetGateway" }
  /** A NAT gateway this stack creates, by its plan name; crossZone when it is in another zone. */
  | { kind: "natGateway"; nat: string; crossZone: boolean }
  /** An existing NAT gateway (`egress: nat-...`). */
  | { kind: "existingNatGateway"; id: string }
  /** A transit gateway (`egress: tgw-...`). */
  | { kind: "transitGateway"; id: string }
  /** The VPC's carrier gateway (Wavelength Zones): created by this stack when a route needs it. */
  | { kind: "carrierGateway" };

/** One route of a created subnet's route table (adopted subnets keep theirs: none is planned). */
export interface RoutePlan {
  /** Stable resource-name suffix: ipv4-default | ipv6-default | nat64. */
  name: "ipv4-default" | "ipv6-default" | "nat64";
  /** The destination's address family. */
  family: Family;
  /** The destination block: `0.0.0.0/0`, `::/0`, or NAT64's `64:ff9b::/96`. */
  destination: string;
  /** Where the route sends the traffic. */
  target: RouteTarget;
}

/**
 * What every stage knows of a subnet, whatever else it adds: its name, zone, kind and address families.
 * The planner's draft (subnets.ts), the edge's view (edge/) and the plan record all have this shape.
 */
export interface SubnetKind {
  /** The subnet's name (`subnets[].name`, or the default layout's, e.g. `private-us-east-1a`): names its resources. */
  name: string;
  /** The subnet's zone (Availability, Local or Wavelength Zone). */
  zone: string;
  /** The subnet's kind. */
  type: SubnetType;
  /** Whether it has an IPv4 block: every kind but Private in a VPC with IPv6. */
  hasIpv4: boolean;
  /** Whether it has an IPv6 block: the VPC has IPv6 and the kind is not PrivateIPv4. */
  hasIpv6: boolean;
  /** IPv6-only (AWS: `ipv6Native`): a Private subnet in a VPC with IPv6. */
  ipv6Only: boolean;
  /** A public kind (Utility, Public): routes to the internet gateway. */
  public: boolean;
}

/**
 * A subnet as planned: its blocks (given or allocated), DNS and public-address settings, egress and routes, and
 * tags.
 */
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
  /**
   * Whether the subnet's resolver synthesizes AAAA records for IPv4-only names (DNS64): `dns64`, else on exactly
   * for created IPv6-only subnets whose routes are managed here.
   */
  dns64: boolean;
  /**
   * Whether instances launched in it get a public IPv4 address: public kinds with `publicIPv4: true` (set on
   * created subnets only: an adopted one is not modified).
   */
  mapPublicIpOnLaunch: boolean;
  /**
   * The config's `egress` (`nat-...`, `eipalloc-...`, `tgw-...` or `External`); absent for the default, the NAT
   * gateway `natGateways` gives the subnet.
   */
  egress?: string;
  /** Routes of its own route table; none for adopted subnets and private ones with `egress: External`. */
  routes: RoutePlan[];
  /** Tags of the subnet itself (config tags, Name, Kubernetes role). */
  tags: Record<string, string>;
}

/** A NAT gateway to create, on a new Elastic IP or a given allocation (`egress: eipalloc-...`). */
export interface NatGatewayPlan {
  /** Resource name: `<zone>-nat`, or `<zone>-nat-<eipalloc>` on a given allocation. */
  name: string;
  /** The zone it is in: its subnet's zone. */
  zone: string;
  /** Name of the public subnet it is placed in. */
  subnet: string;
  /** Elastic IP allocation to use; absent = a new Elastic IP named like the gateway. */
  allocationId?: string;
}

/** What one family's pod range holds: how many nodes, and how many pod addresses per node. */
export interface FamilyCapacity {
  /** The pod range's address family. */
  family: Family;
  /** The family's pod range (one of `kubernetes.podCIDRs`). */
  podCIDR: string;
  /**
   * Prefix length of each node's pod range in this family (`nodeCIDRMaskSize` for IPv6, `nodeCIDRMaskSizeIPv4` for
   * IPv4).
   */
  nodeMaskSize: number;
  /** Nodes the family's pod range holds: at most 2^16 (the node mask is at most 16 bits longer), exact. */
  maxNodes: number;
  /** Pod addresses per node, exact decimal text (an IPv6 /64 per node is 2^64, past a number's precision). */
  podAddressesPerNode: string;
  /** The same as a power of two: podAddressesPerNode = 2^podAddressBits. */
  podAddressBits: number;
}

/**
 * The cluster's addressing as planned from `kubernetes` (defaults applied), with what it holds and the add-ons
 * asked for.
 */
export interface KubernetesPlan {
  /** Primary family first. */
  ipFamilies: Family[];
  /** Whether the cluster is IPv6 single-stack: one pod range, an IPv6 one. */
  singleStackIPv6: boolean;
  /**
   * Pod ranges, primary family first: `kubernetes.podCIDRs`, else fd00:10:244::/56 when the VPC has IPv6,
   * 10.244.0.0/16 when not.
   */
  podCIDRs: string[];
  /**
   * Service ranges, in the pod ranges' family order: `kubernetes.serviceCIDRs`, else fd00:10:96::/112 for IPv6 and
   * 10.96.0.0/12 for IPv4.
   */
  serviceCIDRs: string[];
  /** Prefix length of each node's IPv6 pod range: `kubernetes.nodeCIDRMaskSize`, default 64. */
  nodeCIDRMaskSize: number;
  /** Prefix length of each node's IPv4 pod range: `kubernetes.nodeCIDRMaskSizeIPv4`, default 24. */
  nodeCIDRMaskSizeIPv4: number;
  /** What each family's pod range holds, primary family first. */
  perFamily: FamilyCapacity[];
  /** Nodes the cluster can hold: the smallest over its families. */
  maxNodes: number;
  /** Pod addresses per node of the primary family, exact decimal text. */
  podAddressesPerNode: string;
  /** The 10th address of the primary service range, as kubeadm picks it. */
  dnsServiceIP: string;
  /** The CNI the config asks for (`kubernetes.cni`); installed only with a kubeconfig. */
  cni: Cni;
  /**
   * Whether the config asks for the AWS cloud-controller-manager (`kubernetes.cloudControllerManager`); installed
   * only with a kubeconfig.
   */
  cloudControllerManager: boolean;
  /** Whether a kubeconfig was given: add-ons are only installed with one. */
  hasKubeconfig: boolean;
}
