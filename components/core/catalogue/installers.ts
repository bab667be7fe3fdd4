/**
 * Rules of the cluster installers (`kubernetes.installers`, components/core/installers/): what kOps, Cluster API on
 * AWS, k0s and kubeadm would refuse or break on in a spec for this network, and the settings of this stack that an
 * installer cannot express. The facts and their sources: ../shared/reference/installers-ipv6.md, each checked
 * where the finding is made (the installer's repository, path and commit).
 */
import { group, rule } from "./rule";

/** An installer as the messages name it. */
type Named = { installer: string };

export const INSTALLERS = group("Cluster installers", {
  INSTALLER_LISTED_TWICE: rule<Named & { first: number }>({
    severity: "error",
    when: "an installer listed twice in `kubernetes.installers`",
    message: (p) => `${p.installer} is already listed at kubernetes.installers[${p.first}]`,
    fix: () => "list each installer once",
  }),
  INSTALLER_WITH_EKS: rule<Named>({
    severity: "error",
    when: "an installer listed with `kubernetes.eks` (EKS builds the control plane itself)",
    message: (p) => `${p.installer} builds a cluster of its own, but with kubernetes.eks the cluster is Amazon EKS`,
    fix: () => "remove kubernetes.installers, or remove kubernetes.eks for a self-managed cluster",
  }),
  INSTALLER_SETTING_NOT_USED: rule<Named & { key: string; why: string; fix: string }>({
    severity: "warning",
    when:
      "a setting of this stack that a listed installer cannot express and replaces with its own (e.g. kOps gives " +
      "pods /80 prefixes of their nodes' subnets, not `kubernetes.podCIDRs`)",
    message: (p) => `${p.installer} does not use ${p.key}: ${p.why}`,
    fix: (p) => p.fix,
  }),
  INSTALLER_OWN_API_LOAD_BALANCER: rule<Named & { field: string }>({
    severity: "warning",
    when:
      "`apiLoadBalancer` with kOps or Cluster API, which create the API load balancer themselves and register the " +
      "control-plane machines in it (the spec gives theirs this one's scheme and subnets)",
    message: (p) =>
      `${p.installer} creates its own API load balancer (${p.field} in its spec, with this one's scheme and ` +
      "subnets): the one apiLoadBalancer creates would stand unused, and charged for",
    fix: () => "remove apiLoadBalancer, unless kubeadm or k0s use it",
  }),
  KOPS_VPC_WITHOUT_IPV6: rule({
    severity: "error",
    when:
      "kOps with a VPC without IPv6: kOps' IPv6 clusters need a shared VPC with an IPv6 block, and kOps never " +
      "adds one to a VPC it does not own",
    message: () =>
      "kOps builds IPv6 clusters only in a shared VPC that already has an IPv6 block, and never associates one " +
      "itself; this VPC has no IPv6",
    fix: () => "add vpc.ipv6: {} (this stack associates an Amazon-provided /56 before kOps runs)",
  }),
  KOPS_POD_FAMILIES: rule<{ families: string }>({
    severity: "error",
    when: "kOps with IPv4 or dual-stack pod ranges: a kOps IPv6 cluster (`nonMasqueradeCIDR: ::/0`) has IPv6-only pods",
    message: (p) =>
      `kOps runs IPv6 clusters with IPv6-only pods on dual-stack nodes; pods of ${p.families} cannot be expressed`,
    fix: () => "give one IPv6 pod CIDR and one IPv6 service CIDR (IPv6 single-stack), or use another installer",
  }),
  KOPS_EVEN_CONTROL_PLANE: rule<{ count: number; subnets: string }>({
    severity: "error",
    when:
      "kOps with an even number of control-plane subnets it takes (none included): one etcd member each, and kOps " +
      "refuses an even number of members",
    message: (p) =>
      `kOps refuses an even number of etcd members ("Should be an odd number of control-plane-zones for ` +
      `quorum"); one control-plane instance group per control-plane subnet gives ${p.count} (${p.subnets})`,
    fix: () => "list an odd number of DualStack or Private subnets in nodes.controlPlaneSubnets (1 or 3)",
  }),
  KOPS_ADDON_INSTALLED_TWICE: rule<{ addons: string }>({
    severity: "error",
    when:
      "kOps with `kubernetes.kubeconfig` and this stack's CNI or cloud-controller-manager: kOps installs its own, " +
      "and two would run",
    message: (p) => `kOps installs ${p.addons} itself; this stack would install a second one into the cluster`,
    fix: () =>
      "set kubernetes.cni: none and kubernetes.cloudControllerManager: false (kOps' spec names the CNI), or " +
      "remove kubernetes.kubeconfig",
  }),
  KOPS_SUBNET_LEFT_OUT: rule<{ subnet: string }>({
    severity: "warning",
    when: "kOps with a PrivateIPv4 subnet: a kOps IPv6 cluster has no kind for it, and it is left out of the spec",
    message: (p) =>
      `${p.subnet} has no IPv6 block, and a kOps IPv6 cluster's nodes need one (their pods take /80 prefixes of ` +
      "it): it is left out of the kOps spec",
    fix: () => "nothing, if no kOps machine is meant to run there; else make it DualStack",
  }),
  CAPI_EGRESS_ONLY_GATEWAY_UNKNOWN: rule<{ vpc: string }>({
    severity: "error",
    when:
      "Cluster API with an existing IPv6 VPC whose egress-only internet gateway is not named: a bring-your-own " +
      "IPv6 VPC must name it",
    message: (p) =>
      `Cluster API on AWS takes ${p.vpc} as a bring-your-own IPv6 VPC, which must name its egress-only internet ` +
      "gateway; this config does not say which it is",
    fix: () =>
      "set vpc.ipv6.egressOnlyInternetGatewayId to the VPC's egress-only gateway (eigw-...), or to create for a " +
      "new one",
  }),
  K0S_SERVICE_CIDR_NOT_108: rule<{ range: string; example: string }>({
    severity: "error",
    when:
      "k0s with an IPv6 single-stack service range other than a /108 (k0s refuses a longer prefix, kube-apiserver " +
      "a shorter one)",
    message: (p) =>
      `k0s refuses an IPv6 single-stack service range longer than /108 and kube-apiserver one shorter than /108: ` +
      `${p.range} is not a /108`,
    fix: (p) => `use a /108 in kubernetes.serviceCIDRs, e.g. ${p.example}`,
  }),
  K0S_KUBE_ROUTER_IPV6: rule({
    severity: "warning",
    when: "k0s without a CNI of this stack on IPv6: k0s' default, kube-router, does not pass conformance on IPv6",
    message: () =>
      "with kubernetes.cni none, k0s runs its default CNI, kube-router, which does not pass the Kubernetes " +
      "network conformance tests on IPv6",
    fix: () => "set kubernetes.cni: calico (the k0s spec then says provider: custom, and this stack installs it)",
  }),
});
