/** Rules of the cluster's ranges: what kube-apiserver, kube-controller-manager and kubeadm refuse (kubernetes.ts). */
import { group, rule } from "./rule";

type Range = {
  what: "pod CIDR" | "service CIDR";
  range: string;
  hit: string;
  also: string;
  outside: string;
  example: string;
};

export const KUBERNETES = group("Kubernetes ranges", {
  K8S_CIDR_COUNT: rule<{ count: number }>({
    severity: "error",
    when: "a pod or service CIDR list with other than one (single-stack) or two (dual-stack) entries",
    message: (p) => `Kubernetes takes one CIDR (single-stack) or two (dual-stack), not ${p.count}`,
    fix: () => "give one CIDR, or one IPv4 and one IPv6 CIDR with the primary family first",
  }),
  K8S_CIDR_SAME_FAMILY: rule<{ key: string; family: string }>({
    severity: "error",
    when: "two pod (or service) CIDRs of one family: dual-stack needs one of each",
    message: (p) => `both ${p.key} are ${p.family}; dual-stack needs one of each family`,
    fix: () => "make one entry IPv4 and the other IPv6",
  }),
  K8S_FAMILY_MISMATCH: rule<{ pods: string; services: string; counts: boolean }>({
    severity: "error",
    when: "pod and service CIDRs that differ in number or in family order",
    message: (p) =>
      p.counts
        ? `${p.pods} pod CIDR(s) but ${p.services} service CIDR(s)`
        : `pod CIDRs are ${p.pods} but service CIDRs are ${p.services}`,
    fix: (p) =>
      p.counts
        ? "give the same number of pod and service CIDRs, one per family"
        : "list the service CIDRs in the same families and order as the pod CIDRs " +
          "(the first entry is the primary family)",
  }),
  K8S_IPV6_WITHOUT_VPC_IPV6: rule({
    severity: "error",
    when: "IPv6 pods in a VPC without IPv6",
    message: () => "IPv6 pods need nodes with IPv6 addresses, but the VPC has no IPv6 block",
    fix: () => "add vpc.ipv6 ({} for an Amazon-provided /56), or use IPv4 pod and service CIDRs",
  }),
  K8S_SERVICE_CIDR_TOO_LARGE: rule<{ family: string; max: number; example: string }>({
    severity: "error",
    when: "an IPv6 service range larger than /108 (IPv4: /12); kube-apiserver refuses it",
    message: (p) => `kube-apiserver refuses ${p.family} service ranges larger than /${p.max}`,
    fix: (p) => `use a /${p.max} or longer prefix, e.g. ${p.example}`,
  }),
  K8S_SERVICE_CIDR_TOO_SMALL: rule<{ range: string; size: bigint; primary: boolean; max: number; example: string }>({
    severity: "error",
    when:
      "a service range with fewer than 10 addresses (longer than /124, IPv4 /28), the secondary one included: " +
      "kubeadm refuses every such service subnet, and puts the cluster DNS service at the 10th address of the " +
      "primary one",
    message: (p) =>
      `${p.range} has ${p.size} addresses; kubeadm needs at least 10 addresses in every service range` +
      (p.primary
        ? ", and puts the cluster DNS service at the 10th address of the primary one"
        : ", the secondary one included"),
    fix: (p) => `use a /${p.max} or shorter prefix, e.g. ${p.example}`,
  }),
  K8S_NODE_MASK_TOO_SHORT: rule<{ family: string; len: number; range: string }>({
    severity: "error",
    when: "a node mask not longer than the pod prefix",
    message: (p) => `the per-node mask must be longer than the ${p.family} pod prefix /${p.len}`,
    fix: (p) => `use a value between ${p.range}`,
  }),
  K8S_NODE_MASK_TOO_LONG: rule<{ bits: number; len: number; range: string }>({
    severity: "error",
    when: "a node mask more than 16 bits longer than the pod prefix (kube-controller-manager refuses it)",
    message: (p) =>
      `kube-controller-manager refuses a node mask more than ${p.bits} bits longer than the pod prefix /${p.len}`,
    fix: (p) => `use a value between ${p.range}`,
  }),
  K8S_POD_SERVICE_OVERLAP: rule<{ pods: string }>({
    severity: "error",
    when: "a service range overlapping a pod range",
    message: (p) => `service CIDR overlaps pod CIDR ${p.pods}`,
    fix: () => "use separate ranges for pods and services",
  }),
  K8S_POD_CIDR_OVERLAPS_VPC: rule<Range>({
    severity: "error",
    when:
      "a pod range overlapping the VPC's IPv4 or IPv6 block or any subnet (both keys named): a pod address that " +
      "is also a node's or a subnet's is routed to the wrong place",
    message: overlapMessage,
    fix: overlapFix,
  }),
  K8S_SERVICE_CIDR_OVERLAPS_VPC: rule<Range>({
    severity: "error",
    when:
      "a service range overlapping the VPC's IPv4 or IPv6 block or any subnet (both keys named; kOps: " +
      '"must not overlap serviceClusterIPRange")',
    message: overlapMessage,
    fix: overlapFix,
  }),
});

function overlapMessage(p: Range): string {
  return `${p.what} ${p.range} overlaps ${p.hit}${p.also}: cluster and network addresses would be ambiguous`;
}

function overlapFix(p: Range): string {
  return `use a range outside ${p.outside}${p.example ? `, e.g. ${p.example}` : ""}`;
}
