/**
 * The stack config contract: every key a platform engineer may set under the `ipv6-cluster-network:`
 * namespace. The zod schema checks shapes only (types, enums, unknown keys); rules that relate values to
 * each other live in the validators, which report with codes, paths and fixes.
 *
 * Objects are strict: a misspelt key is an error, not silently ignored. Defaults that need nothing but
 * the key itself are applied here, by the parse (`.default`), and shown in the JSON Schema.
 */
import { z } from "zod";
import {
  CalicoEncapsulation,
  CiliumRoutingMode,
  Cni,
  EksCapacityType,
  EksCniCredentials,
  Installer,
  LoadBalancerScheme,
  NatGatewayMode,
  SubnetType,
  TargetType,
} from "./enums";

/** A secret as it appears in a stack file: plain (decrypted by Pulumi) or `{ secure: ... }` (encrypted). */
export const secretSchema = z.union([z.string(), z.strictObject({ secure: z.string() })]);

/** What may name AWS resources here: subnet names (every resource of a subnet is named after it). */
export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

const resourceName = z
  .string()
  .regex(
    RESOURCE_NAME_PATTERN,
    "use letters, digits, '.', '_' and '-' (max 63 characters), starting with a letter or digit",
  );

export const ipamPoolSchema = z.strictObject({
  id: z.string().min(1).describe("VPC IPAM pool id (ipam-pool-...)."),
  netmaskLength: z
    .number()
    .int()
    .optional()
    .describe("Prefix length of the VPC block taken from the pool; 44..60 in steps of 4. Default 56."),
});

export const vpcIpv6Schema = z
  .strictObject({
    poolId: z.string().min(1).optional().describe("Bring-your-own EC2 IPv6 pool id; requires cidrBlock."),
    cidrBlock: z
      .string()
      .optional()
      .describe("IPv6 block: the /56 to take from poolId, or the block of an existing VPC (vpc.id)."),
    ipamPool: ipamPoolSchema.optional().describe("Allocate the VPC IPv6 block from a VPC IPAM pool."),
    egressOnlyInternetGatewayId: z
      .string()
      .optional()
      .describe(
        "With vpc.id: the VPC's egress-only internet gateway (eigw-...) to reuse, or `create` for a new one " +
          "when the VPC has none. Required with vpc.id when a managed subnet routes IPv6 through it.",
      ),
    migratedFromIpv4: z
      .boolean()
      .optional()
      .describe(
        "The VPC was deployed IPv4-only and gains IPv6 in place: Private subnets keep their IPv4 block and " +
          "gain a /64 (dual-stack) instead of becoming IPv6-only, which AWS cannot do in place; the default " +
          "layout, pod and service ranges and API targets stay IPv4 (docs/migrating-to-dual-stack.md).",
      ),
  })
  .describe("IPv6 for the VPC. {} = Amazon-provided /56. Absent = IPv4-only VPC.");

export const vpcSchema = z.strictObject({
  cidrBlock: z.string().describe("IPv4 CIDR of the VPC (AWS requires one on every VPC), e.g. 10.0.0.0/16."),
  ipv6: vpcIpv6Schema.optional(),
  id: z.string().optional().describe("Use this existing VPC instead of creating one."),
  internetGatewayId: z
    .string()
    .optional()
    .describe(
      "With vpc.id: reuse this internet gateway (default: the one attached to the VPC, looked up; " +
        "a new one only when none is attached).",
    ),
});

export const subnetSchema = z.strictObject({
  name: resourceName.describe("Unique subnet name; every resource of the subnet is named after it."),
  zone: z.string().min(1).describe("Availability zone; must be listed in zones."),
  type: z.enum(SubnetType).describe("Public | Utility | Private (IPv6-only in an IPv6 VPC) | DualStack | PrivateIPv4."),
  cidr: z.string().optional().describe("IPv4 CIDR inside vpc.cidrBlock. Allocated automatically when absent."),
  ipv6CIDR: z
    .string()
    .optional()
    .describe("IPv6 CIDR inside the VPC block, or /LEN#N (N in hex). Allocated automatically when absent."),
  egress: z.string().optional().describe("Private kinds only: nat-... | eipalloc-... | tgw-... | External."),
  dns64: z.boolean().optional().describe("DNS64 on the subnet; default on exactly for IPv6-only subnets."),
  publicIPv4: z
    .boolean()
    .optional()
    .describe("Public kinds only: map a public IPv4 address on launch. Default off (AWS charges per address)."),
  id: z.string().optional().describe("Adopt this existing subnet instead of creating one."),
  parentZone: z
    .string()
    .optional()
    .describe(
      "Wavelength Zone subnets only: the parent Availability Zone, whose NAT gateway carries this subnet's " +
        "IPv4 egress (no NAT gateway can be placed in a Wavelength Zone). " +
        "Required for a private subnet there that needs one.",
    ),
  natGateway: z
    .boolean()
    .optional()
    .describe(
      "Public kinds only: place the zone's NAT gateway (or, with natGateways single, the one NAT gateway) " +
        "in this subnet. Default: the zone's first-listed Utility or Public subnet.",
    ),
});
export type SubnetConfig = z.infer<typeof subnetSchema>;

/**
 * Calico settings. The encapsulations are named as the Tigera operator's Installation API names them; the
 * IP-in-IP kinds are accepted so that the planner can refuse them on IPv6 pools with Calico's own reason.
 */
export const calicoSchema = z
  .strictObject({
    encapsulation: z
      .enum(CalicoEncapsulation)
      .optional()
      .describe(
        "VXLAN (default) | VXLANCrossSubnet | None (needs bgp: true) | IPIP | IPIPCrossSubnet (IPv4 pools only).",
      ),
    bgp: z
      .boolean()
      .optional()
      .describe(
        "Run Calico's BGP daemon (BIRD) between nodes (TCP 179). " +
          "Default false; required by encapsulation None and IPIP.",
      ),
    blockSize: z.number().int().optional().describe("IPv6 IPAM block prefix length, 116..128 (default 122)."),
    blockSizeIPv4: z.number().int().optional().describe("IPv4 IPAM block prefix length, 20..32 (default 26)."),
  })
  .describe("Calico settings; only with cni: calico.");

export const ciliumSchema = z
  .strictObject({
    routingMode: z
      .enum(CiliumRoutingMode)
      .optional()
      .describe("tunnel (default, VXLAN on UDP 8472) | native (the VPC must route pod CIDRs)."),
  })
  .describe("Cilium settings; only with cni: cilium.");

/** One EKS managed node group. Defaults that depend on the cluster (its subnets) are the planner's. */
export const eksNodeGroupSchema = z.strictObject({
  name: resourceName.describe("Node group name; its resources are named after it."),
  instanceTypes: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe("EC2 instance types, Nitro-based (default m6i.large); checked at preview."),
  minSize: z.number().int().optional().describe("Fewest nodes (default 1)."),
  maxSize: z.number().int().optional().describe("Most nodes (default 3)."),
  desiredSize: z.number().int().optional().describe("Nodes to start with (default 2)."),
  subnets: z
    .array(z.string())
    .min(1)
    .optional()
    .describe("Names of the subnets the nodes go in (default: the cluster's subnets)."),
  capacityType: z.enum(EksCapacityType).default("ON_DEMAND").describe("ON_DEMAND (default) | SPOT."),
  amiType: z.string().optional().describe("EKS AMI type (default AL2023_x86_64_STANDARD)."),
  diskSize: z.number().int().optional().describe("Root volume size in GiB (default 20)."),
});
export type EksNodeGroupConfig = z.output<typeof eksNodeGroupSchema>;

/** Versions of the EKS managed add-ons, where the pinned ones (components/core/eks/versions.ts) are not wanted. */
export const eksAddonVersionsSchema = z.strictObject({
  vpcCni: z.string().optional().describe("vpc-cni version, e.g. v1.20.1-eksbuild.3 (at least v1.10.1 for IPv6)."),
  coreDns: z.string().optional().describe("coredns version."),
  kubeProxy: z.string().optional().describe("kube-proxy version."),
  podIdentityAgent: z.string().optional().describe("eks-pod-identity-agent version (default: EKS' default)."),
});

/** An Amazon EKS cluster with the IPv6 family on this network (docs/eks.md). */
export const eksSchema = z.strictObject({
  version: z.string().optional().describe('Kubernetes version, e.g. "1.32" (default: the pinned one).'),
  name: z.string().optional().describe("Cluster name (default: named by Pulumi after the network)."),
  endpointPrivateAccess: z.boolean().default(true).describe("API endpoint reachable from the VPC (default true)."),
  endpointPublicAccess: z
    .boolean()
    .default(false)
    .describe("API endpoint reachable from the internet (default false)."),
  publicAccessCidrs: z
    .array(z.string())
    .optional()
    .describe("CIDRs the public endpoint is open to; required with endpointPublicAccess."),
  adminPrincipalArn: z
    .string()
    .optional()
    .describe("IAM role or user ARN given cluster-admin through an access entry (required)."),
  cniCredentials: z
    .enum(EksCniCredentials)
    .default("podIdentity")
    .describe("podIdentity (default) | irsa | nodeRole: where the IPv6 CNI policy is attached."),
  addonVersions: eksAddonVersionsSchema.optional(),
  nodeGroups: z
    .array(eksNodeGroupSchema)
    .optional()
    .describe("Managed node groups (default: one group named default)."),
  fargateNamespaces: z
    .array(z.string().min(1))
    .optional()
    .describe("Namespaces whose pods run on Fargate (one Fargate profile)."),
});
export type EksConfig = z.output<typeof eksSchema>;

export const kubernetesSchema = z.strictObject({
  podCIDRs: z.array(z.string()).optional().describe("1 or 2 pod CIDRs; the first one's family is the primary family."),
  serviceCIDRs: z.array(z.string()).optional().describe("1 or 2 service CIDRs, same families and order as podCIDRs."),
  nodeCIDRMaskSize: z.number().int().optional().describe("IPv6 per-node pod prefix length (default 64)."),
  nodeCIDRMaskSizeIPv4: z.number().int().optional().describe("IPv4 per-node pod prefix length (default 24)."),
  cni: z.enum(Cni).default("none").describe("calico | cilium | none (default none)."),
  cloudControllerManager: z.boolean().default(false).describe("Install the AWS cloud-controller-manager."),
  kubeconfig: secretSchema.optional().describe("Secret: kubeconfig of the cluster the add-ons go into."),
  calico: calicoSchema.optional(),
  cilium: ciliumSchema.optional(),
  coreDNS: z
    .boolean()
    .optional()
    .describe("Manage CoreDNS's Corefile (kube-system/coredns) from the plan. Implied by dns64: true."),
  dns64: z
    .boolean()
    .default(false)
    .describe(
      "IPv6 single-stack clusters only: " +
        "CoreDNS's dns64 plugin synthesizes AAAA records in 64:ff9b::/96 for IPv4-only names.",
    ),
  eks: eksSchema.optional().describe("Run the cluster on Amazon EKS, IPv6 family (absent: self-managed)."),
  // The installers whose specs the stack outputs (installerSpecs), each checked against what it refuses.
  installers: z
    .array(z.enum(Installer))
    .optional()
    .describe(
      "kops | capi | k0s | kubeadm: render that installer's spec of a cluster on this network (the installerSpecs " +
        "output) and refuse what it would refuse. Default: none.",
    ),
});
export type KubernetesConfig = z.output<typeof kubernetesSchema>;

export const apiLoadBalancerSchema = z.strictObject({
  scheme: z.enum(LoadBalancerScheme).default("internet-facing").describe("Default internet-facing."),
  ipAddressType: z
    .string()
    .optional()
    .describe(
      "ipv4 | dualstack (default where every load balancer subnet has IPv6). " +
        "ipv6 and dualstack-without-public-ipv4 (ALB only) are refused with the reason.",
    ),
  targetGroupIpType: z
    .string()
    .optional()
    .describe("ipv4 | ipv6 (default ipv6 when the control-plane subnets are IPv6-capable)."),
  subnets: z
    .array(z.string())
    .optional()
    .describe(
      "Names of the subnets the load balancer goes in, one per zone " +
        "(default: per zone the first-listed Utility or Public subnet; internal: DualStack or PrivateIPv4).",
    ),
  targetType: z
    .enum(TargetType)
    .default("ip")
    .describe("Target type of the 6443 target group: ip (default) or instance."),
});

export const nodesSchema = z.strictObject({
  instanceTypes: z
    .array(z.string())
    .optional()
    .describe("EC2 instance types of the nodes; checked for IPv6 (and Nitro) support."),
  controlPlaneSubnets: z
    .array(z.string())
    .optional()
    .describe(
      "Names of the subnets the control plane runs in; with eks, of the cluster's network interfaces " +
        "(default: per zone the first-listed DualStack, Private or PrivateIPv4 subnet; with eks, DualStack).",
    ),
});

/** An AWS service's short name in a VPC endpoint service name (`com.amazonaws.<region>.<service>`): ecr.api, s3. */
const endpointService = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{0,62}$/, "use the service's short name in lower case, e.g. ecr.api, sts, s3");

/**
 * VPC endpoints for AWS services (issue 17): interface endpoints with private DNS in one private subnet per zone,
 * gateway endpoints (S3, DynamoDB) on the private subnets' route tables. The planner decides the rest
 * (components/core/vpc-endpoints.ts).
 */
export const endpointsSchema = z
  .strictObject({
    interface: z
      .array(endpointService)
      .optional()
      .describe(
        "Services reached through interface endpoints with private DNS, by short name: ecr.api, ecr.dkr, sts, " +
          "ec2, elasticloadbalancing, logs, monitoring, ... (dual-stack or IPv6 as the subnets are).",
      ),
    gateway: z
      .array(endpointService)
      .optional()
      .describe("s3 | dynamodb: gateway endpoints on the private subnets' route tables (no charge)."),
    subnets: z
      .array(z.string())
      .optional()
      .describe(
        "Names of the subnets the interface endpoints go in, one per zone, all of one family " +
          "(default: per zone the first-listed dual-stack private subnet, else the first with IPv6; " +
          "without IPv6, the first-listed private one).",
      ),
  })
  .describe("VPC endpoints for AWS services, so private subnets reach them without NAT.");

/** The whole config namespace, one property per stack config key. */
export const stackConfigSchema = z.strictObject({
  vpc: vpcSchema,
  zones: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe("Availability zones (default: the region's first three standard zones)."),
  subnets: z
    .array(subnetSchema)
    .optional()
    .describe("Subnets; default per zone: utility-, dualstack- and private-<zone>."),
  natGateways: z.enum(NatGatewayMode).default("perZone").describe("perZone (default) | single | none."),
  // Absent is {}: its defaults apply (prefault parses the default through the schema).
  kubernetes: kubernetesSchema.prefault({}),
  apiLoadBalancer: apiLoadBalancerSchema.optional(),
  nodes: nodesSchema.optional(),
  endpoints: endpointsSchema.optional(),
  tags: z.record(z.string(), z.string()).default({}).describe("Tags applied to every AWS resource."),
  protect: z.boolean().default(false).describe("Protect the VPC, subnets and gateways from deletion."),
});
/**
 * The parsed config: defaults applied (once, here, where the config is parsed), so no stage applies its
 * own. Defaults that depend on other keys (zones, subnets, ranges, the load balancer's types) are the
 * planner's decisions and stay optional.
 */
export type StackConfig = z.output<typeof stackConfigSchema>;
/** The config as a user writes it: every key with a default is optional (the Automation API's input). */
export type StackConfigInput = z.input<typeof stackConfigSchema>;

/** Top-level keys of the namespace, in documentation order. */
export const CONFIG_KEYS = Object.keys(stackConfigSchema.shape) as (keyof StackConfig)[];
