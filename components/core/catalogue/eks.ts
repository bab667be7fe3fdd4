/**
 * Rules of an Amazon EKS cluster (`kubernetes.eks`, components/core/eks/): what EKS' IPv6 family requires of the
 * network and the cluster's settings. The facts and their sources: ../shared/reference/eks-ipv6.md (the Amazon EKS
 * User Guide, the EKS API reference, Cluster API AWS' webhook).
 */
import { group, rule } from "./rule";

type Subnet = { subnet: string; role: string };

export const EKS = group("Amazon EKS", {
  EKS_VPC_WITHOUT_IPV6: rule({
    severity: "error",
    when: "`kubernetes.eks` with a VPC without IPv6 (an IPv6 EKS cluster needs a VPC with both families)",
    message: () =>
      "an IPv6 EKS cluster needs a VPC with an IPv6 block (and its IPv4 one): pods take their addresses from the " +
      "subnets' IPv6 blocks",
    fix: () => "add vpc.ipv6: {} (an Amazon-provided /56)",
  }),
  EKS_KUBERNETES_VERSION_INVALID: rule<{ version: string }>({
    severity: "error",
    when: "`kubernetes.eks.version` is not a Kubernetes minor version such as 1.32",
    message: (p) => `${p.version} is not a Kubernetes minor version`,
    fix: () => 'write the minor version in quotes, e.g. version: "1.32"',
  }),
  EKS_KUBERNETES_VERSION_TOO_OLD: rule<{ version: string; minimum: string }>({
    severity: "error",
    when: "a Kubernetes version older than 1.21 (EKS' IPv6 family needs 1.21 or later)",
    message: (p) => `EKS' IPv6 family needs Kubernetes ${p.minimum} or later; ${p.version} is older`,
    fix: (p) => `use a version from ${p.minimum} on that EKS still supports`,
  }),
  EKS_ADDON_VERSIONS_UNKNOWN: rule<{ version: string; missing: string; known: string }>({
    severity: "error",
    when: "a Kubernetes version with no pinned add-on versions, and `addonVersions` does not give them",
    message: (p) =>
      `no add-on versions are pinned for Kubernetes ${p.version} (pinned: ${p.known}), and addonVersions does ` +
      `not give ${p.missing}`,
    fix: (p) =>
      `set kubernetes.eks.addonVersions.${p.missing.split(", ")[0]} (aws eks describe-addon-versions ` +
      `--kubernetes-version ${p.version} lists them), or use a pinned version`,
  }),
  EKS_VPC_CNI_VERSION_TOO_OLD: rule<{ version: string; minimum: string }>({
    severity: "error",
    when: "a vpc-cni version older than v1.10.1, the first with IPv6 (or not a vX.Y.Z version)",
    message: (p) => `vpc-cni ${p.version} cannot run an IPv6 cluster: IPv6 needs ${p.minimum} or later`,
    fix: (p) => `use vpc-cni ${p.minimum} or later, e.g. v1.20.1-eksbuild.3`,
  }),
  EKS_SETTING_CHOSEN_BY_EKS: rule<{ key: string; why: string }>({
    severity: "error",
    when:
      "`podCIDRs`, `serviceCIDRs`, `nodeCIDRMaskSize` or `nodeCIDRMaskSizeIPv4` with `eks` (EKS chooses them: pods " +
      "take /80 prefixes of the node subnets, services an fc00::/7 range EKS assigns)",
    message: (p) => `kubernetes.${p.key} does not apply to an EKS cluster: ${p.why}`,
    fix: (p) => `remove kubernetes.${p.key}`,
  }),
  EKS_SELF_MANAGED_SETTING: rule<{ key: string; instead: string }>({
    severity: "error",
    when:
      "a self-managed cluster's setting with `eks` (`kubernetes.cni`, `calico`, `cilium`, `cloudControllerManager`, " +
      "`coreDNS`, `dns64`, `kubeconfig`; `nodes.instanceTypes`): EKS runs its own, node groups have their types",
    message: (p) => `${p.key} is for self-managed clusters: ${p.instead}`,
    fix: (p) => `remove ${p.key}`,
  }),
  EKS_API_LOAD_BALANCER: rule({
    severity: "error",
    when: "`apiLoadBalancer` with `eks` (EKS serves the API endpoint itself)",
    message: () => "an EKS cluster's API endpoint is EKS' own: the API load balancer is for self-managed clusters",
    fix: () =>
      "remove apiLoadBalancer; kubernetes.eks.endpointPublicAccess and publicAccessCidrs decide who reaches it",
  }),
  EKS_SUBNET_IPV6_ONLY: rule<Subnet>({
    severity: "error",
    when:
      "a cluster or node group subnet is IPv6-only (EKS takes dual-stack subnets for the cluster's interfaces and " +
      "nodes' primary addresses, never IPv6-only ones)",
    message: (p) => `${p.subnet} is IPv6-only: EKS puts ${p.role} only in subnets with both an IPv4 and an IPv6 block`,
    fix: () => "use DualStack subnets (or Public/Utility ones for public nodes)",
  }),
  EKS_SUBNET_WITHOUT_IPV6: rule<Subnet>({
    severity: "error",
    when: "a cluster or node group subnet has no IPv6 block (pods take their addresses from it)",
    message: (p) =>
      `${p.subnet} has no IPv6 block: in an IPv6 EKS cluster, the subnets of ${p.role} need both families`,
    fix: () => "use DualStack subnets",
  }),
  EKS_SUBNET_WAVELENGTH: rule<{ subnet: string; zone: string }>({
    severity: "error",
    when: "a cluster subnet in a Wavelength Zone (EKS puts no cluster interface in Wavelength or Outposts)",
    message: (p) => `${p.subnet} is in the Wavelength Zone ${p.zone}: EKS puts no cluster interface there`,
    fix: () => "choose cluster subnets in Availability Zones (nodes.controlPlaneSubnets)",
  }),
  EKS_SUBNET_LISTED_TWICE: rule<{ name: string }>({
    severity: "error",
    when: "a subnet listed twice in `nodes.controlPlaneSubnets` or a node group's `subnets`",
    message: (p) => `${p.name} is listed twice`,
    fix: () => "list each subnet once",
  }),
  EKS_SUBNET_FEW_ADDRESSES: rule<{ subnet: string; cidr: string }>({
    severity: "warning",
    when: "a cluster subnet of fewer than 16 usable addresses (EKS needs 6 free, recommends 16: /28 has 11)",
    message: (p) =>
      `${p.subnet} (${p.cidr}) has fewer than the 16 free addresses EKS recommends for its cluster interfaces ` +
      "(it needs at least 6; AWS keeps 5 of every subnet)",
    fix: () => "give the cluster subnets /27 or larger IPv4 blocks",
  }),
  EKS_NO_NODES: rule({
    severity: "warning",
    when: "`nodeGroups: []` without a Fargate profile for kube-system (CoreDNS has nowhere to run)",
    message: () => "no node group and no Fargate profile for kube-system: CoreDNS and every pod have nowhere to run",
    fix: () => "add a node group, or kube-system to fargateNamespaces",
  }),
  EKS_CLUSTER_ZONES: rule<{ zones: string; count: number }>({
    severity: "error",
    when: "the cluster's subnets are in fewer than two zones (EKS requires two)",
    message: (p) =>
      `EKS needs its cluster subnets in at least two zones; they are in ${p.count}` + (p.zones ? ` (${p.zones})` : ""),
    fix: () => "add a DualStack subnet in a second zone, or list subnets of two zones in nodes.controlPlaneSubnets",
  }),
  EKS_ZONE_ID_UNSUPPORTED: rule<{ subnet: string; zone: string; zoneId: string }>({
    severity: "error",
    when: "a cluster subnet in a zone whose zone id EKS does not support (use1-az3, usw1-az2, cac1-az3)",
    message: (p) => `${p.subnet} is in ${p.zone}, zone id ${p.zoneId}, where EKS creates no cluster`,
    fix: () =>
      "use cluster subnets in other zones (zone ids differ between accounts: aws ec2 describe-availability-zones)",
  }),
  EKS_ENDPOINT_UNREACHABLE: rule({
    severity: "error",
    when: "`endpointPrivateAccess` and `endpointPublicAccess` both false",
    message: () => "with neither private nor public access, nothing can reach the cluster's API endpoint",
    fix: () => "keep endpointPrivateAccess: true (the default)",
  }),
  EKS_PUBLIC_ACCESS_CIDRS_REQUIRED: rule({
    severity: "error",
    when: "`endpointPublicAccess: true` without `publicAccessCidrs` (AWS would open it to everyone)",
    message: () => "a public API endpoint with no publicAccessCidrs is open to the whole internet (AWS' default)",
    fix: () => "list who may reach it in publicAccessCidrs (write 0.0.0.0/0 if everyone is meant)",
  }),
  EKS_PUBLIC_ACCESS_CIDRS_UNUSED: rule({
    severity: "warning",
    when: "`publicAccessCidrs` without `endpointPublicAccess: true`",
    message: () => "publicAccessCidrs has no effect: the public endpoint is off",
    fix: () => "remove publicAccessCidrs, or set endpointPublicAccess: true",
  }),
  EKS_PUBLIC_ACCESS_CIDR_INVALID: rule<{ reason: string }>({
    severity: "error",
    when: "an entry of `publicAccessCidrs` is not a CIDR",
    message: (p) => `not a CIDR: ${p.reason}`,
    fix: () => "write a CIDR such as 203.0.113.0/24",
  }),
  EKS_PUBLIC_ENDPOINT_WORLD_OPEN: rule<{ cidr: string }>({
    severity: "warning",
    when: "the public endpoint is open to the whole internet (`0.0.0.0/0` or `::/0`)",
    message: (p) =>
      `the cluster's API endpoint is reachable from anywhere (${p.cidr}); only its authentication guards it`,
    fix: () => "narrow publicAccessCidrs to your networks, or turn the public endpoint off",
  }),
  EKS_ADMIN_PRINCIPAL_REQUIRED: rule({
    severity: "error",
    when: "no `adminPrincipalArn` (with access entries only, nobody could administer the cluster)",
    message: () =>
      "the cluster uses access entries only and gives its creator no implicit admin: without an admin principal " +
      "nobody can use it",
    fix: () => "set kubernetes.eks.adminPrincipalArn to the IAM role you administer clusters with",
  }),
  EKS_ADMIN_PRINCIPAL_INVALID: rule({
    severity: "error",
    when: "`adminPrincipalArn` is not an IAM role or user ARN",
    message: () => "an access entry's principal is an IAM role or user ARN",
    fix: () => "write arn:aws:iam::<account>:role/<name> (or :user/<name>)",
  }),
  EKS_CLUSTER_NAME_INVALID: rule({
    severity: "error",
    when: "`kubernetes.eks.name` is longer than 100 characters or has characters EKS refuses",
    message: () => "an EKS cluster name is 1 to 100 letters, digits, '-' and '_', starting with a letter or digit",
    fix: () => "shorten or rename it, or leave name out (Pulumi names the cluster)",
  }),
  EKS_NODE_GROUP_DUPLICATE: rule<{ name: string }>({
    severity: "error",
    when: "two node groups with one name",
    message: (p) => `two node groups are named ${p.name}`,
    fix: () => "give each node group its own name",
  }),
  EKS_NODE_GROUP_SCALING: rule<{ name: string; min: number; desired: number; max: number }>({
    severity: "error",
    when: "a node group's sizes are not 0 <= minSize <= desiredSize <= maxSize with maxSize >= 1",
    message: (p) =>
      `node group ${p.name}: minSize ${p.min}, desiredSize ${p.desired}, maxSize ${p.max} are not in order ` +
      "(0 <= min <= desired <= max, max at least 1)",
    fix: () => "set 0 <= minSize <= desiredSize <= maxSize, maxSize at least 1",
  }),
  EKS_NODE_GROUP_UNKNOWN_SUBNET: rule<{ name: string; subnets: string }>({
    severity: "error",
    when: "a node group names a subnet that does not exist",
    message: (p) => `no subnet is named ${p.name}`,
    fix: (p) => `use one of: ${p.subnets}`,
  }),
  EKS_INSTANCE_TYPE_NOT_NITRO: rule<{ type: string; hypervisor: string }>({
    severity: "error",
    when: "a node group instance type that is not Nitro-based (EKS' IPv6 family runs on Nitro only)",
    message: (p) => `${p.type} is not Nitro-based (hypervisor ${p.hypervisor}): EKS runs IPv6 pods on Nitro only`,
    fix: () => "choose a Nitro-based type, e.g. m6i.large, c7g.large",
  }),
  EKS_FARGATE_PUBLIC_SUBNET: rule<{ subnet: string }>({
    severity: "error",
    when: "the Fargate profile would use a public subnet (Fargate takes private subnets only)",
    message: (p) => `${p.subnet} route to the internet gateway: a Fargate profile takes private subnets only`,
    fix: () => "keep the cluster's subnets private (DualStack) when fargateNamespaces is set",
  }),
});
