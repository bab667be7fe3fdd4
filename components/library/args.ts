/**
 * The public, typed args of the `Ipv6ClusterNetwork` component: the stack config contract
 * (components/core/schema.ts, docs/configuration.md) written as Pulumi's multi-language component analyzer
 * (`@pulumi/pulumi/provider/experimental`) reads types, so that it can generate the Python, Go, .NET, Java
 * and YAML SDKs from them. Hence the shapes: interfaces (one per nested object), no union types (closed sets
 * of strings are `as const` objects with a same-named type, the analyzer's enum pattern), plain values
 * except the kubeconfig secret, and every doc comment's text (no JSDoc tags: the analyzer keeps only the text)
 * becomes the SDK documentation in every language. Nested objects are `...Spec`, not `...Args`: the schema
 * names a type after its interface, and the SDK generators add `Args` to input types (Python's `VpcSpecArgs`,
 * where `VpcArgs` would become `VpcArgsArgs`).
 *
 * tests/library-args.test.ts keeps these types and the zod schema in step: at compile time (same keys and
 * optional keys at every level, each side assignable to the other, the same enum values) and at run time
 * (the enum objects hold the zod options, every property is documented).
 */
import type * as pulumi from "@pulumi/pulumi";

export {
  NatGatewayMode,
  SubnetType,
  Cni,
  CalicoEncapsulation,
  CiliumRoutingMode,
  LoadBalancerScheme,
  TargetType,
  IpFamily,
  EksCniCredentials,
  EksCapacityType,
  Installer,
} from "../core/enums";
import type {
  NatGatewayMode,
  SubnetType,
  Cni,
  CalicoEncapsulation,
  CiliumRoutingMode,
  LoadBalancerScheme,
  TargetType,
  EksCniCredentials,
  EksCapacityType,
  Installer,
} from "../core/enums";

/** A VPC IPAM pool to allocate the VPC's IPv6 block from. */
export interface IpamPoolSpec {
  /** VPC IPAM pool id (ipam-pool-...). Required. */
  id: string;
  /** Prefix length of the VPC block taken from the pool; 44..60 in steps of 4. Default: 56. */
  netmaskLength?: number;
}

/**
 * IPv6 for the VPC. `{}` = Amazon-provided /56. Absent = IPv4-only VPC. Pick one source of the block:
 * Amazon-provided, a bring-your-own pool (poolId + cidrBlock) or a VPC IPAM pool (ipamPool).
 */
export interface VpcIpv6Spec {
  /**
   * Bring-your-own EC2 IPv6 pool id; requires cidrBlock (both are required together). Not combinable with
   * ipamPool. Default: none (Amazon-provided block).
   */
  poolId?: string;
  /**
   * IPv6 block: the /56 to take from poolId, or, with vpc.id, the existing VPC's IPv6 block (checked against
   * the lookup). Not combinable with ipamPool. Default: none (Amazon-provided block).
   */
  cidrBlock?: string;
  /**
   * Allocate the VPC IPv6 block from a VPC IPAM pool. Not combinable with poolId or cidrBlock.
   * Default: none (Amazon-provided block).
   */
  ipamPool?: IpamPoolSpec;
  /**
   * With vpc.id: the VPC's egress-only internet gateway (eigw-...) to reuse, or `create` for a new one when the
   * VPC has none. Required with vpc.id as soon as a managed subnet routes IPv6 through it
   * (EXISTING_VPC_EGRESS_GATEWAY_UNKNOWN): the provider has no data source to look one up, and a second one is
   * never created silently. Default: none (a new VPC gets its own egress-only internet gateway).
   */
  egressOnlyInternetGatewayId?: string;
  /**
   * The VPC was deployed IPv4-only and gains IPv6 in place: Private subnets keep their IPv4 block and gain a /64
   * (dual-stack) instead of becoming IPv6-only, which AWS cannot do in place; the default layout, pod and service
   * ranges and the API load balancer's targets stay IPv4. Default false (docs/migrating-to-dual-stack.md).
   */
  migratedFromIpv4?: boolean;
}

/** The VPC: a new one, or an existing one (id) whose subnets and gateways are managed or adopted. */
export interface VpcSpec {
  /** IPv4 CIDR of the VPC, e.g. 10.0.0.0/16 (/16 to /28). Required: AWS requires one on every VPC. */
  cidrBlock: string;
  /** IPv6 for the VPC: `{}` = Amazon-provided /56. Default: absent, an IPv4-only VPC. */
  ipv6?: VpcIpv6Spec;
  /**
   * Use this existing VPC instead of creating one (looked up with aws.ec2.getVpc); nothing is created for the
   * VPC itself. Default: a new VPC.
   */
  id?: string;
  /**
   * With vpc.id: reuse this internet gateway. Default: with vpc.id, the one attached to the VPC, looked up
   * (a new one only when none is attached: AWS attaches at most one per VPC); a new VPC gets a new one. A given
   * id that is not the attached one is refused (EXISTING_VPC_MISMATCH).
   */
  internetGatewayId?: string;
}

/** One subnet: its name, zone and kind, and optionally its blocks, egress and the existing subnet to adopt. */
export interface SubnetSpec {
  /**
   * Unique subnet name; every resource of the subnet (subnet, route table, routes) is named after it. Letters,
   * digits, '.', '_' and '-' (max 63 characters), starting with a letter or digit. Required.
   */
  name: string;
  /** Availability zone; must be one of zones. Required. */
  zone: string;
  /** The subnet's kind: Public, Utility, Private, DualStack or PrivateIPv4. Required. */
  type: SubnetType;
  /**
   * IPv4 CIDR inside vpc.cidrBlock. Default: allocated automatically for kinds with IPv4, from the subnet's own
   * zone, kind and name only (adding, removing or reordering other subnets never moves it). Must be set in
   * Local and Wavelength Zones.
   */
  cidr?: string;
  /**
   * IPv6 CIDR inside the VPC block, or kOps' `/LEN#N`: the N-th (hex) block of length LEN in the VPC block
   * (with VPC 2001:db8::/56, `/64#a` is 2001:db8:0:a::/64). Subnets are /64; IPAM-backed VPCs also allow
   * /44../64 in steps of 4. A full CIDR needs a VPC block known before deployment (BYOIP or existing VPC); with
   * an Amazon-provided or IPAM block use `/LEN#N`. Default: allocated automatically, from the subnet's own zone,
   * kind and name only (adding, removing or reordering other subnets never moves it).
   */
  ipv6CIDR?: string;
  /**
   * Private kinds only: nat-... (reuse that NAT gateway), eipalloc-... (a new NAT gateway on that Elastic IP),
   * tgw-... (transit gateway) or External (routes managed elsewhere: the subnet gets its own, empty route
   * table). Default: the zone's NAT gateway (see natGateways).
   */
  egress?: string;
  /** DNS64 on the subnet. Default: on exactly for IPv6-only subnets (off with egress: External). */
  dns64?: boolean;
  /**
   * Public kinds only: map a public IPv4 address to instances on launch. Default: false (AWS charges for every
   * public IPv4 address, and a public subnet can be IPv6-first).
   */
  publicIPv4?: boolean;
  /**
   * Adopt this existing subnet instead of creating one (type is still required), e.g. in a Local Zone. It is
   * looked up, not modified, and its routes are not managed; the kind's rules still apply. Default: a new
   * subnet.
   */
  id?: string;
  /**
   * Wavelength Zone subnets only: the parent Availability Zone (AWS' ParentZoneName), whose NAT gateway carries
   * this subnet's IPv4 egress (no NAT gateway can be placed in a Wavelength Zone). Required for a private subnet
   * there that needs one. Default: none.
   */
  parentZone?: string;
  /**
   * Public kinds only: place the zone's NAT gateway (or, with natGateways single, the one NAT gateway) in this
   * subnet. Default: the zone's first-listed Utility or Public subnet (with natGateways single, the first-listed
   * Utility or Public subnet of the list).
   */
  natGateway?: boolean;
}

/** Calico settings; only with cni: calico. */
export interface CalicoSpec {
  /**
   * Calico's encapsulation. Default: VXLAN. None needs bgp: true; IPIP and IPIPCrossSubnet are for IPv4 pools
   * only (refused on IPv6 pools).
   */
  encapsulation?: CalicoEncapsulation;
  /**
   * Run Calico's BGP daemon (BIRD) between nodes (TCP 179). Default: false. Required by encapsulation None and
   * IPIP.
   */
  bgp?: boolean;
  /** IPv6 IPAM block prefix length, 116..128. Default: 122. */
  blockSize?: number;
  /** IPv4 IPAM block prefix length, 20..32. Default: 26. */
  blockSizeIPv4?: number;
}

/** Cilium settings; only with cni: cilium. */
export interface CiliumSpec {
  /**
   * How Cilium carries pod traffic between nodes: tunnel (VXLAN on UDP 8472) or native (the VPC must route the
   * pod CIDRs). Default: tunnel.
   */
  routingMode?: CiliumRoutingMode;
}

/** One EKS managed node group (docs/eks.md). */
export interface EksNodeGroupSpec {
  /** Node group name; its resources (node group, launch template) are named after it. Required. */
  name: string;
  /** EC2 instance types; Nitro-based (EKS' IPv6 needs Nitro), checked at preview. Default: [m6i.large]. */
  instanceTypes?: string[];
  /** Fewest nodes. Default: 1. */
  minSize?: number;
  /** Most nodes. Default: 3. */
  maxSize?: number;
  /** Nodes to start with, between minSize and maxSize. Default: 2. */
  desiredSize?: number;
  /** Names of the subnets the nodes go in: DualStack, or Public/Utility. Default: the cluster's subnets. */
  subnets?: string[];
  /** On-Demand or Spot instances. Default: ON_DEMAND. */
  capacityType?: EksCapacityType;
  /** The EKS AMI type. Default: AL2023_x86_64_STANDARD. */
  amiType?: string;
  /** Root volume size in GiB. Default: 20. */
  diskSize?: number;
}

/** Versions of the EKS managed add-ons, when the ones pinned for the Kubernetes version are not wanted. */
export interface EksAddonVersionsSpec {
  /** vpc-cni version, e.g. v1.20.1-eksbuild.3 (IPv6 needs v1.10.1 or later). Default: the pinned one. */
  vpcCni?: string;
  /** coredns version. Default: the pinned one. */
  coreDns?: string;
  /** kube-proxy version. Default: the pinned one. */
  kubeProxy?: string;
  /** eks-pod-identity-agent version. Default: EKS' default for the Kubernetes version. */
  podIdentityAgent?: string;
}

/**
 * An Amazon EKS cluster with the IPv6 family on this network (docs/eks.md): the cluster, its IAM roles, the
 * vpc-cni, coredns and kube-proxy add-ons, managed node groups and optionally a Fargate profile.
 */
export interface EksSpec {
  /** Kubernetes version, e.g. "1.32" (at least 1.21 for IPv6). Default: the pinned one (docs/eks.md). */
  version?: string;
  /** The cluster's name (at most 100 characters). Default: named by Pulumi after the network. */
  name?: string;
  /** Whether the API endpoint is reachable from inside the VPC. Default: true. */
  endpointPrivateAccess?: boolean;
  /** Whether the API endpoint is reachable from the internet (then publicAccessCidrs). Default: false. */
  endpointPublicAccess?: boolean;
  /** CIDRs the public endpoint is open to; required with endpointPublicAccess. Default: none. */
  publicAccessCidrs?: string[];
  /** IAM role or user ARN given cluster-admin through an access entry. Required. Default: none. */
  adminPrincipalArn?: string;
  /** Where the IPv6 CNI policy is attached: podIdentity, irsa or nodeRole. Default: podIdentity. */
  cniCredentials?: EksCniCredentials;
  /** Add-on versions instead of the pinned ones. Default: the versions pinned for the Kubernetes version. */
  addonVersions?: EksAddonVersionsSpec;
  /** Managed node groups. Default: one group named default. */
  nodeGroups?: EksNodeGroupSpec[];
  /** Namespaces whose pods run on Fargate (one Fargate profile in the cluster's subnets). Default: none. */
  fargateNamespaces?: string[];
}

/** The cluster's address ranges and the add-ons installed into it (docs/addons.md). */
export interface KubernetesSpec {
  /**
   * 1 or 2 pod CIDRs; the first one's family is the primary family; one IPv6 entry = IPv6 single-stack.
   * Default: IPv6 VPC fd00:10:244::/56, IPv4 VPC 10.244.0.0/16.
   */
  podCIDRs?: string[];
  /**
   * 1 or 2 service CIDRs, same families and order as podCIDRs. Default: IPv6 VPC fd00:10:96::/112, IPv4 VPC
   * 10.96.0.0/12.
   */
  serviceCIDRs?: string[];
  /**
   * IPv6 per-node pod prefix length. Must be longer than the pod prefix and at most 16 bits longer. Default: 64.
   */
  nodeCIDRMaskSize?: number;
  /** IPv4 per-node pod prefix length. Default: 24. */
  nodeCIDRMaskSizeIPv4?: number;
  /** The CNI installed: calico, cilium or none. Default: none. */
  cni?: Cni;
  /** Install the AWS cloud-controller-manager. Default: false. */
  cloudControllerManager?: boolean;
  /**
   * Secret: kubeconfig of the cluster the add-ons go into. Default: none, and then nothing is installed: only
   * the network is deployed (the plan warns ADDONS_SKIPPED_NO_KUBECONFIG).
   */
  kubeconfig?: pulumi.Input<string>;
  /** Calico settings; only with cni: calico. Default: Calico's defaults (each setting's default). */
  calico?: CalicoSpec;
  /** Cilium settings; only with cni: cilium. Default: Cilium's defaults (each setting's default). */
  cilium?: CiliumSpec;
  /** Manage CoreDNS's Corefile (kube-system/coredns) from the plan. Implied by dns64: true. Default: false. */
  coreDNS?: boolean;
  /**
   * IPv6 single-stack clusters only: CoreDNS's dns64 plugin synthesizes AAAA records in 64:ff9b::/96 for
   * IPv4-only names. Default: false.
   */
  dns64?: boolean;
  /** Run the cluster on Amazon EKS with the IPv6 family (docs/eks.md). Default: absent, a self-managed cluster. */
  eks?: EksSpec;
  /**
   * The installers whose spec of a cluster on this network the component outputs (`installerSpecs`, YAML with the
   * deployed ids): kops, capi, k0s, kubeadm; each is checked against what it would refuse, before anything is
   * deployed (docs/installers.md). Not with eks. Default: none.
   */
  installers?: Installer[];
}

/**
 * The API-server load balancer: a network load balancer with a TCP 6443 listener and target group
 * (docs/cluster-edge.md).
 */
export interface ApiLoadBalancerSpec {
  /** internet-facing or internal. Default: internet-facing. */
  scheme?: LoadBalancerScheme;
  /**
   * The load balancer's IP address type: ipv4 or dualstack. Default: dualstack where every load balancer subnet
   * has IPv6. Refused with the reason: ipv6 (no such load balancer type) and dualstack-without-public-ipv4 (ALB
   * only).
   */
  ipAddressType?: string;
  /**
   * The target group's IP address type: ipv4 or ipv6. Default: ipv6 when the control-plane subnets have IPv6
   * and the load balancer is dual-stack.
   */
  targetGroupIpType?: string;
  /**
   * Names of the subnets the load balancer goes in, one per zone. Default: per zone the first-listed Utility or
   * Public subnet; internal: the first-listed DualStack or PrivateIPv4 one.
   */
  subnets?: string[];
  /** Target type of the 6443 target group: ip or instance. Default: ip. */
  targetType?: TargetType;
}

/** The cluster's machines: what is checked about them and where the control plane runs. */
export interface NodesSpec {
  /**
   * EC2 instance types of the nodes; checked for IPv6 support, and for Nitro when an IPv6-only subnet exists.
   * Default: none (nothing checked).
   */
  instanceTypes?: string[];
  /**
   * Names of the subnets the control plane runs in; with `kubernetes.eks`, the subnets of the EKS cluster's network
   * interfaces (dual-stack, in at least two zones). Default: per zone the first-listed DualStack, Private or
   * PrivateIPv4 subnet; with `kubernetes.eks`, the first-listed DualStack one.
   */
  controlPlaneSubnets?: string[];
}

/**
 * VPC endpoints for AWS services, so that private and IPv6-only subnets reach them without NAT
 * (docs/configuration.md#endpoints).
 */
export interface EndpointsSpec {
  /**
   * Services reached through interface endpoints with private DNS, by the short name of their endpoint service
   * (com.amazonaws.REGION.NAME): ecr.api, ecr.dkr, sts, ec2, elasticloadbalancing, logs, monitoring, ... Each is
   * dual-stack in dual-stack subnets and IPv6 in IPv6-only ones; a service whose endpoints do not take that type
   * is refused. Default: none.
   */
  interface?: string[];
  /** s3 and dynamodb: gateway endpoints on the route tables of the private subnets (no charge). Default: none. */
  gateway?: string[];
  /**
   * Names of the subnets the interface endpoints go in, one per zone, all of one family. Default: per zone the
   * first-listed dual-stack private subnet, else the first with IPv6 (without IPv6 in the VPC, the first-listed
   * private subnet).
   */
  subnets?: string[];
}

/**
 * The args of Ipv6ClusterNetwork: the stack config contract (every key of the `ipv6-cluster-network:` config
 * namespace), plus the region.
 */
export interface Ipv6ClusterNetworkArgs {
  /** The VPC: a new one (cidrBlock, ipv6) or an existing one (id). Required. */
  vpc: VpcSpec;
  /**
   * Availability zones, at least one. Default: the region's first three standard zones (opt-in Local and
   * Wavelength zones are never picked by default).
   */
  zones?: string[];
  /**
   * Subnets. Listing subnets replaces the default layout for every zone: nothing is added to the list, and a
   * zone left without a subnet is refused (ZONE_WITHOUT_SUBNETS). Default per zone: utility-, dualstack- and
   * private-<zone> (in an IPv4-only VPC utility- and private-<zone>).
   */
  subnets?: SubnetSpec[];
  /** How many managed NAT gateways: perZone, single or none. Default: perZone. */
  natGateways?: NatGatewayMode;
  /** The cluster's address ranges and add-ons. Default: {} (each setting's default). */
  kubernetes?: KubernetesSpec;
  /** The API-server load balancer, created only when set (even as {}). Default: none (no load balancer). */
  apiLoadBalancer?: ApiLoadBalancerSpec;
  /** The cluster's machines. Default: {} (each setting's default). */
  nodes?: NodesSpec;
  /** VPC endpoints for AWS services (interface and gateway). Default: none. */
  endpoints?: EndpointsSpec;
  /** Tags applied to every AWS resource. Default: {}. */
  tags?: Record<string, string>;
  /**
   * Protect the VPC, subnets and gateways from deletion (pulumi up refuses to delete or replace them).
   * Default: false.
   */
  protect?: boolean;
  /** AWS region of the network; default: the provider's (aws:region). */
  region?: string;
}
