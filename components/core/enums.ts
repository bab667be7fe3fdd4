/**
 * The closed sets of the stack config contract, each declared once: the zod schema (schema.ts) accepts exactly
 * these values, the planner types its records with them, and the library's args (components/library/args.ts)
 * re-export them. Written in the pattern Pulumi's component analyzer maps to an enum in every SDK (an `as const`
 * object and a same-named type; it refuses string-literal unions), each value with the doc comment that becomes
 * its SDK documentation.
 */

/** How many managed NAT gateways carry the private subnets' IPv4 (and NAT64) egress. */
export const NatGatewayMode = {
  /** One NAT gateway (with a new Elastic IP) in every zone that has a subnet needing one. */
  perZone: "perZone",
  /** One NAT gateway for all zones; the plan warns about the cross-zone dependency and charges. */
  single: "single",
  /** No managed NAT gateways. */
  none: "none",
} as const;
/** How many managed NAT gateways carry the private subnets' IPv4 (and NAT64) egress. */
export type NatGatewayMode = (typeof NatGatewayMode)[keyof typeof NatGatewayMode];

/** The kind of a subnet: which address families it has and how it routes (docs/network.md). */
export const SubnetType = {
  /** Dual-stack public subnet; nodes can run there. */
  Public: "Public",
  /** Dual-stack public subnet for load balancers and NAT gateways, not nodes. */
  Utility: "Utility",
  /** Private subnet: IPv6-only in an IPv6 VPC, else IPv4 private. */
  Private: "Private",
  /** Private subnet with both families. */
  DualStack: "DualStack",
  /** Private subnet with IPv4 only, even in an IPv6 VPC. */
  PrivateIPv4: "PrivateIPv4",
} as const;
/** The kind of a subnet: which address families it has and how it routes (docs/network.md). */
export type SubnetType = (typeof SubnetType)[keyof typeof SubnetType];

/** The CNI installed into the cluster. */
export const Cni = {
  /** Calico, installed the operator way (Tigera operator Helm chart). */
  calico: "calico",
  /** Cilium. */
  cilium: "cilium",
  /** No CNI is installed. */
  none: "none",
} as const;
/** The CNI installed into the cluster. */
export type Cni = (typeof Cni)[keyof typeof Cni];

/** Calico's encapsulation, named as the Tigera operator's Installation API names it. */
export const CalicoEncapsulation = {
  /** VXLAN between all nodes. */
  VXLAN: "VXLAN",
  /** VXLAN only between nodes in different subnets. */
  VXLANCrossSubnet: "VXLANCrossSubnet",
  /** No encapsulation; needs `calico.bgp: true`. */
  None: "None",
  /** IP-in-IP: IPv4 pools only (refused on IPv6 pools, IP-in-IP cannot carry IPv6); needs `calico.bgp: true`. */
  IPIP: "IPIP",
  /** IP-in-IP only between nodes in different subnets: IPv4 pools only (refused on IPv6 pools). */
  IPIPCrossSubnet: "IPIPCrossSubnet",
} as const;
/** Calico's encapsulation, named as the Tigera operator's Installation API names it. */
export type CalicoEncapsulation = (typeof CalicoEncapsulation)[keyof typeof CalicoEncapsulation];

/** How Cilium carries pod traffic between nodes. */
export const CiliumRoutingMode = {
  /** VXLAN tunnel on UDP 8472. */
  tunnel: "tunnel",
  /** Native routing: the VPC must route the pod CIDRs. */
  native: "native",
} as const;
/** How Cilium carries pod traffic between nodes. */
export type CiliumRoutingMode = (typeof CiliumRoutingMode)[keyof typeof CiliumRoutingMode];

/** Whether the API-server load balancer is reachable from the internet. */
export const LoadBalancerScheme = {
  /**
   * Reachable from the internet: TCP 6443 from 0.0.0.0/0 and/or ::/0. Default subnets: per zone the first-listed
   * Utility or Public one.
   */
  internetFacing: "internet-facing",
  /**
   * Not reachable from the internet: TCP 6443 from the VPC's blocks. Default subnets: per zone the first-listed
   * DualStack or PrivateIPv4 one.
   */
  internal: "internal",
} as const;
/** Whether the API-server load balancer is reachable from the internet. */
export type LoadBalancerScheme = (typeof LoadBalancerScheme)[keyof typeof LoadBalancerScheme];

/** How the API-server load balancer's 6443 target group registers its targets. */
export const TargetType = {
  /** Targets registered by IP address. */
  ip: "ip",
  /** Targets registered by EC2 instance id. */
  instance: "instance",
} as const;
/** How the API-server load balancer's 6443 target group registers its targets. */
export type TargetType = (typeof TargetType)[keyof typeof TargetType];

/** An IP family of the cluster (an output: the families follow from the pod ranges). */
export const IpFamily = {
  /** IPv4. */
  ipv4: "ipv4",
  /** IPv6. */
  ipv6: "ipv6",
} as const;
/** An IP family of the cluster (an output: the families follow from the pod ranges). */
export type IpFamily = (typeof IpFamily)[keyof typeof IpFamily];

/**
 * How the VPC CNI (kube-system/aws-node) gets its IAM permissions in an EKS cluster: no AWS-managed policy covers
 * IPv6, so the IPv6 CNI policy is attached to a role of its own (EKS' recommendation) or to the node role.
 */
export const EksCniCredentials = {
  /** A role of its own, assumed through EKS Pod Identity (the eks-pod-identity-agent add-on is installed). */
  podIdentity: "podIdentity",
  /** A role of its own, assumed through IAM roles for service accounts (the cluster's OIDC provider). */
  irsa: "irsa",
  /** The node role: every pod that can reach the instance metadata gets the CNI's permissions. */
  nodeRole: "nodeRole",
} as const;
/**
 * How the VPC CNI (kube-system/aws-node) gets its IAM permissions in an EKS cluster: no AWS-managed policy covers
 * IPv6, so the IPv6 CNI policy is attached to a role of its own (EKS' recommendation) or to the node role.
 */
export type EksCniCredentials = (typeof EksCniCredentials)[keyof typeof EksCniCredentials];

/** How an EKS managed node group buys its instances. */
export const EksCapacityType = {
  /** On-Demand instances. */
  ON_DEMAND: "ON_DEMAND",
  /** Spot instances (may be reclaimed with two minutes' notice). */
  SPOT: "SPOT",
} as const;
/** How an EKS managed node group buys its instances. */
export type EksCapacityType = (typeof EksCapacityType)[keyof typeof EksCapacityType];

/**
 * A cluster installer this stack renders a spec for (`kubernetes.installers`, docs/installers.md): the spec of a
 * cluster on this network, checked against what the installer refuses before anything is deployed.
 */
export const Installer = {
  /** kOps: a Cluster (kops.k8s.io/v1alpha2) on this VPC and its subnets, shared by id, and its instance groups. */
  kops: "kops",
  /** Cluster API on AWS: a Cluster and an AWSCluster with this VPC as a bring-your-own VPC. */
  capi: "capi",
  /** k0s: a k0sctl Cluster with the k0s ClusterConfig of this network embedded. */
  k0s: "k0s",
  /** kubeadm: the v1beta4 configuration of `kubernetes.kubeadmConfig`. */
  kubeadm: "kubeadm",
} as const;
/**
 * A cluster installer this stack renders a spec for (`kubernetes.installers`, docs/installers.md): the spec of a
 * cluster on this network, checked against what the installer refuses before anything is deployed.
 */
export type Installer = (typeof Installer)[keyof typeof Installer];
