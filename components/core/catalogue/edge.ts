/**
 * Rules of the cluster edge (components/core/edge/): the API load balancer after Cluster API AWS' table of
 * what works, the control-plane subnets, and the prerequisites (instance types, zones).
 */
import { group, rule } from "./rule";

type Named = { subnet: string };
const ORDER_WHEN =
  "with explicit `subnets`, it sits in a subnet chosen by list order among several candidates of its zone: " +
  "appending is safe, inserting before it, reordering or changing its kind would move it";

/** The message of the two "chosen by list order" warnings. */
function byOrder(what: string, kinds: string, list: string, replaces: boolean): string {
  return (
    `the ${what} goes in the first-listed ${kinds} subnet of each zone: ${list}; inserting such a subnet ` +
    `before it, reordering, or changing its kind would move the ${what}` +
    (replaces ? " (removing a subnet from a load balancer replaces it)" : "")
  );
}

export const LOAD_BALANCER = group("API load balancer", {
  LB_UNKNOWN_SUBNET: rule<{ name: string; subnets: string }>({
    severity: "error",
    when: "`apiLoadBalancer.subnets` names a subnet that does not exist",
    message: (p) => `no subnet is named ${p.name}`,
    fix: (p) => `use one of: ${p.subnets}`,
  }),
  LB_NO_SUBNETS: rule<{ scheme: string }>({
    severity: "error",
    when:
      "no subnet of a kind that can hold the load balancer exists " +
      "(Utility or Public; internal: DualStack or PrivateIPv4)",
    message: (p) =>
      `no ${p.scheme === "internet-facing" ? "Utility or Public" : "DualStack or PrivateIPv4"} subnet exists ` +
      `for the ${p.scheme} load balancer`,
    fix: () => "list the load balancer's subnets in apiLoadBalancer.subnets",
  }),
  LB_ON_IPV6_ONLY_SUBNET: rule<Named>({
    severity: "error",
    when: "a load balancer subnet is IPv6-only (Cluster API AWS: an NLB needs an IPv4 address in each subnet)",
    message: (p) => `${p.subnet} is IPv6-only: AWS load balancers need an IPv4 address in every subnet they use`,
    fix: () => "put the load balancer in Utility, Public or DualStack subnets",
  }),
  LB_INTERNET_FACING_PRIVATE_SUBNET: rule<Named & { type: string }>({
    severity: "error",
    when: "an internet-facing load balancer in a private subnet",
    message: (p) =>
      `${p.subnet} is a ${p.type} subnet: an internet-facing load balancer needs subnets that route to the ` +
      "internet gateway",
    fix: () => "use Utility or Public subnets, or scheme: internal",
  }),
  LB_TWO_SUBNETS_ONE_ZONE: rule<Named & { other: string; zone: string }>({
    severity: "error",
    when: "two load balancer subnets in one zone (AWS takes one per zone)",
    message: (p) => `${p.subnet} and ${p.other} are both in ${p.zone}: a load balancer takes one subnet per zone`,
    fix: (p) => `keep one subnet of ${p.zone}`,
  }),
  LB_IP_TYPE_IPV6: rule({
    severity: "error",
    when: "`ipAddressType: ipv6`, which is not a load balancer IP type (Cluster API AWS)",
    message: () =>
      "ipv6 is not a valid load balancer IP type (Cluster API AWS): a load balancer always has an IPv4 address " +
      "in each of its subnets, and dualstack is how it also serves IPv6 clients",
    fix: () => "use dualstack (IPv4 and IPv6 clients), with subnets that have IPv6",
  }),
  LB_WITHOUT_PUBLIC_IPV4_NOT_NLB: rule({
    severity: "error",
    when:
      "`dualstack-without-public-ipv4`, which AWS offers for Application Load Balancers only (the API server's " +
      "is a network load balancer: TCP passthrough, kube-apiserver terminates TLS)",
    message: () =>
      "AWS offers dualstack-without-public-ipv4 for Application Load Balancers only; the API server's load " +
      "balancer is a Network Load Balancer (TCP passthrough, so that kube-apiserver terminates TLS and sees " +
      "client certificates), which takes ipv4 or dualstack",
    fix: () =>
      "use dualstack (its public IPv4 addresses are charged per zone; the plan's public IPv4 section counts " +
      "them), or scheme: internal",
  }),
  LB_IP_TYPE_UNKNOWN: rule<{ types: string }>({
    severity: "error",
    when: "an `ipAddressType` that is not a load balancer IP type",
    message: () => "unknown load balancer IP type",
    fix: (p) => `use one of: ${p.types}`,
  }),
  LB_DUALSTACK_WITHOUT_IPV6: rule<Named & { type: string; vpcIpv6: boolean }>({
    severity: "error",
    when: "a dual-stack load balancer on a subnet without IPv6",
    message: (p) =>
      `a ${p.type} load balancer needs IPv6 in every subnet, and ${p.subnet} has none` +
      (p.vpcIpv6 ? "" : " (the VPC has no IPv6 block)"),
    fix: (p) =>
      p.vpcIpv6
        ? "use subnets with IPv6, or ipAddressType: ipv4"
        : "use ipAddressType: ipv4, or give the VPC an IPv6 block (vpc.ipv6)",
    resourceFix: (p) =>
      p.vpcIpv6
        ? "give the load balancer subnets with an IPv6 block, or set its ipAddressType: ipv4"
        : "set the load balancer's ipAddressType: ipv4, or give the VPC and its subnets IPv6 blocks",
  }),
  LB_TARGET_IP_TYPE_UNKNOWN: rule({
    severity: "error",
    when: "a `targetGroupIpType` other than ipv4 or ipv6",
    message: () => "unknown target group IP type",
    fix: () => "use ipv4 or ipv6",
  }),
  LB_IPV6_TARGETS_WITHOUT_IPV6: rule<{ vpcIpv6: boolean; without: string }>({
    severity: "error",
    when: "IPv6 targets without IPv6: the VPC has no IPv6 block, or the control-plane subnets have none",
    message: (p) =>
      p.vpcIpv6
        ? `the control plane has no IPv6 addresses: ${p.without}`
        : "IPv6 targets need IPv6 addresses, and the VPC has no IPv6 block",
    fix: (p) =>
      p.vpcIpv6
        ? "use targetGroupIpType: ipv4, or put the control plane in IPv6-capable subnets (nodes.controlPlaneSubnets)"
        : "use targetGroupIpType: ipv4, or give the VPC an IPv6 block (vpc.ipv6)",
    resourceFix: (p) =>
      p.vpcIpv6
        ? "set the target group's ipAddressType: ipv4, or give its targets IPv6 addresses"
        : "set the target group's ipAddressType: ipv4, or give the VPC an IPv6 block",
  }),
  LB_IPV6_TARGETS_NEED_DUALSTACK: rule({
    severity: "error",
    when: "IPv6 targets behind an ipv4 load balancer (AWS: IPv6 target groups need a dualstack one)",
    message: () => "an ipv4 load balancer cannot forward to IPv6 targets",
    fix: () => "use ipAddressType: dualstack, or targetGroupIpType: ipv4",
  }),
  LB_IPV4_TARGETS_ON_IPV6_ONLY: rule<{ subnets: string }>({
    severity: "error",
    when: "IPv4 targets while the control plane runs in IPv6-only subnets",
    message: (p) =>
      `the control plane runs in IPv6-only subnets (${p.subnets}): its machines have no IPv4 address to target`,
    fix: () => "use targetGroupIpType: ipv6 (with a dualstack load balancer)",
  }),
  LB_SUBNET_BY_ORDER: rule<{ kinds: string; list: string; pinned: string }>({
    severity: "warning",
    when: `the API load balancer: ${ORDER_WHEN} (and a load balancer that loses a subnet is replaced)`,
    message: (p) => byOrder("API load balancer", p.kinds, p.list, true),
    fix: (p) => `pin the subnets: apiLoadBalancer.subnets: [${p.pinned}]`,
  }),
});

export const NODES = group("Control plane and nodes", {
  NODES_UNKNOWN_SUBNET: rule<{ name: string; subnets: string }>({
    severity: "error",
    when: "`nodes.controlPlaneSubnets` names a subnet that does not exist",
    message: (p) => `no subnet is named ${p.name}`,
    fix: (p) => `use one of: ${p.subnets}`,
  }),
  CONTROL_PLANE_SUBNET_BY_ORDER: rule<{ kinds: string; list: string; pinned: string }>({
    severity: "warning",
    when: `the control plane: ${ORDER_WHEN}`,
    message: (p) => byOrder("control plane", p.kinds, p.list, false),
    fix: (p) => `pin the subnets: nodes.controlPlaneSubnets: [${p.pinned}]`,
  }),
  NODES_INSTANCE_TYPE_NOT_CHECKED: rule<{ type: string; reason: string }>({
    severity: "warning",
    when: "instance types not looked up: the offline plan cannot ask AWS; `pulumi preview` does",
    message: (p) => `IPv6 and Nitro support of ${p.type} not checked: ${p.reason}`,
    fix: () => "run pulumi preview (it looks the type up through the AWS provider)",
  }),
  NODES_INSTANCE_TYPE_UNKNOWN: rule<{ type: string; region: string; reason: string }>({
    severity: "error",
    when: "an instance type AWS does not know in the region",
    message: (p) => `AWS does not know instance type ${p.type} in ${p.region}: ${p.reason}`,
    fix: () => "check the spelling, e.g. m6i.large",
  }),
  NODES_INSTANCE_TYPE_NO_IPV6: rule<{ type: string }>({
    severity: "error",
    when: "an instance type without IPv6 support while the VPC has IPv6 (Cluster API AWS prerequisite)",
    message: (p) =>
      `${p.type} does not support IPv6 (describe-instance-types: NetworkInfo.Ipv6Supported = false), so its ` +
      "nodes get no IPv6 address",
    fix: () =>
      "choose an IPv6-capable type, e.g. m6i.large " +
      "(aws ec2 describe-instance-types --filters Name=network-info.ipv6-supported,Values=true)",
  }),
  NODES_INSTANCE_TYPE_NOT_NITRO: rule<{ type: string; hypervisor: string; subnets: string }>({
    severity: "error",
    when: "an instance type that is not Nitro-based while an IPv6-only subnet exists (AWS launches only Nitro there)",
    message: (p) =>
      `${p.type} is not Nitro-based (hypervisor ${p.hypervisor}); AWS launches only Nitro instances into ` +
      `IPv6-only subnets (${p.subnets})`,
    fix: () => "choose a Nitro-based type (e.g. m5, m6i, c6g families), or give the nodes DualStack subnets",
  }),
  ZONE_IPV6_UNSUPPORTED: rule<Named & { zone: string; kind: string; type: string }>({
    severity: "error",
    when: "an IPv6 subnet created in a Local Zone or Wavelength Zone (adopt one by `id` instead)",
    message: (p) =>
      `${p.zone} is a ${p.kind}: AWS support for IPv6 subnets there is missing or limited, so ${p.subnet} ` +
      `(${p.type}) cannot be created with IPv6`,
    fix: () => "adopt an existing subnet of that zone by id (subnets[].id), or use a PrivateIPv4 subnet there",
  }),
});
