/**
 * Kubernetes cluster addressing: families, pod and service CIDRs, node CIDR masks, capacity and the DNS
 * service address, with the rules kube-apiserver and kube-controller-manager enforce at start-up.
 */
import { at, error, type Finding } from "./findings";
import { familyBits, formatBlock, nthAddress, overlaps, parseCidr, size, type Block, type Family } from "./ip";
import type { StackConfig } from "./schema";
import type { FamilyCapacity, KubernetesPlan } from "./types";
import { cidrFinding } from "./vpc";

/** kind's defaults (fd00:10:244::/56 pods, fd00:10:96::/112 services) and kubeadm's IPv4 ones. */
export const DEFAULT_CIDRS: Record<Family, { pods: string; services: string; mask: number }> = {
  ipv6: { pods: "fd00:10:244::/56", services: "fd00:10:96::/112", mask: 64 },
  ipv4: { pods: "10.244.0.0/16", services: "10.96.0.0/12", mask: 24 },
};
/** kube-apiserver refuses service ranges of more than 2^20 addresses: /108 for IPv6, /12 for IPv4. */
const MAX_SERVICE_BITS = 20;
/** kube-controller-manager refuses a node mask more than 16 bits longer than the cluster CIDR. */
const MAX_NODE_MASK_BITS = 16;
/** kubeadm puts the cluster DNS service at the 10th address of the primary service range. */
const DNS_SERVICE_OFFSET = 10;

const label = (f: Family) => (f === "ipv4" ? "IPv4" : "IPv6");

export function planKubernetes(config: StackConfig, vpcIpv4: Block | undefined, vpcHasIpv6: boolean): { plan: KubernetesPlan; findings: Finding[] } {
  const findings: Finding[] = [];
  const k = config.kubernetes ?? {};
  const defaultFamily: Family = vpcHasIpv6 ? "ipv6" : "ipv4";
  const podStrings = k.podCIDRs ?? [DEFAULT_CIDRS[defaultFamily].pods];
  const svcStrings = k.serviceCIDRs ?? podStrings.map((p) => DEFAULT_CIDRS[p.includes(":") ? "ipv6" : "ipv4"].services);

  const parseList = (key: "podCIDRs" | "serviceCIDRs", list: string[]): (Block | undefined)[] => {
    if (list.length < 1 || list.length > 2) {
      findings.push(error("K8S_CIDR_COUNT", at("kubernetes", key), list, `Kubernetes takes one CIDR (single-stack) or two (dual-stack), not ${list.length}`, "give one CIDR, or one IPv4 and one IPv6 CIDR with the primary family first"));
    }
    const blocks = list.slice(0, 2).map((c, i) => {
      const p = parseCidr(c);
      if (!p.ok) return void findings.push(cidrFinding(at("kubernetes", key, i), c, p.reason, p.suggestion));
      return p.block;
    });
    if (blocks.length === 2 && blocks[0] && blocks[1] && blocks[0].family === blocks[1].family) {
      findings.push(error("K8S_CIDR_SAME_FAMILY", at("kubernetes", key, 1), list[1], `both ${key} are ${label(blocks[0].family)}; dual-stack needs one of each family`, "make one entry IPv4 and the other IPv6"));
    }
    return blocks;
  };
  const pods = parseList("podCIDRs", podStrings);
  const svcs = parseList("serviceCIDRs", svcStrings);

  const famOf = (bs: (Block | undefined)[]) => bs.map((b) => b?.family);
  const pf = famOf(pods);
  const sf = famOf(svcs);
  // Families are only compared when both lists have a valid count: K8S_CIDR_COUNT already says the rest.
  const countOk = (n: number) => n >= 1 && n <= 2;
  if (countOk(podStrings.length) && countOk(svcStrings.length)) {
    if (pf.length !== sf.length) {
      findings.push(error("K8S_FAMILY_MISMATCH", at("kubernetes", "serviceCIDRs"), svcStrings, `${pf.length} pod CIDR(s) but ${sf.length} service CIDR(s)`, "give the same number of pod and service CIDRs, one per family"));
    } else if (pf.every(Boolean) && sf.every(Boolean) && pf.some((f, i) => f !== sf[i])) {
      findings.push(error("K8S_FAMILY_MISMATCH", at("kubernetes", "serviceCIDRs"), svcStrings, `pod CIDRs are ${pf.map((f) => label(f!)).join(", ")} but service CIDRs are ${sf.map((f) => label(f!)).join(", ")}`, "list the service CIDRs in the same families and order as the pod CIDRs (the first entry is the primary family)"));
    }
  }

  const families = pods.map((b, i) => b?.family ?? (podStrings[i].includes(":") ? "ipv6" : "ipv4")) as Family[];
  if (families.includes("ipv6") && !vpcHasIpv6) {
    findings.push(error("K8S_IPV6_WITHOUT_VPC_IPV6", at("kubernetes", "podCIDRs"), podStrings, "IPv6 pods need nodes with IPv6 addresses, but the VPC has no IPv6 block", "add vpc.ipv6 ({} for an Amazon-provided /56), or use IPv4 pod and service CIDRs"));
  }

  svcs.forEach((b, i) => {
    if (b && familyBits(b.family) - b.len > MAX_SERVICE_BITS) {
      const max = familyBits(b.family) - MAX_SERVICE_BITS;
      findings.push(error("K8S_SERVICE_CIDR_TOO_LARGE", at("kubernetes", "serviceCIDRs", i), svcStrings[i], `kube-apiserver refuses ${label(b.family)} service ranges larger than /${max}`, `use a /${max} or longer prefix, e.g. ${formatBlock({ ...b, len: max })}`));
    }
  });

  // kubeadm puts the cluster DNS service at the 10th address of the primary service range and fails when
  // the range has no 10th address (GetDNSIP: "unable to get tenth IP address from service subnet").
  const primaryService = svcs[0];
  if (primaryService && size(primaryService) <= BigInt(DNS_SERVICE_OFFSET)) {
    const max = familyBits(primaryService.family) - 4;
    findings.push(error("K8S_SERVICE_CIDR_TOO_SMALL", at("kubernetes", "serviceCIDRs", 0), svcStrings[0], `${svcStrings[0]} has ${size(primaryService)} addresses; the cluster DNS service takes the 10th address of the primary service range (kubeadm), which must lie inside it`, `use a /${max} or shorter prefix, e.g. ${formatBlock({ ...primaryService, len: max })}`));
  }

  const masks: Record<Family, { key: string; value: number }> = {
    ipv6: { key: "nodeCIDRMaskSize", value: k.nodeCIDRMaskSize ?? DEFAULT_CIDRS.ipv6.mask },
    ipv4: { key: "nodeCIDRMaskSizeIPv4", value: k.nodeCIDRMaskSizeIPv4 ?? DEFAULT_CIDRS.ipv4.mask },
  };
  const perFamily: FamilyCapacity[] = [];
  pods.forEach((b, i) => {
    if (!b) return;
    const mask = masks[b.family];
    const path = at("kubernetes", mask.key);
    const bits = familyBits(b.family);
    if (mask.value <= b.len) {
      findings.push(error("K8S_NODE_MASK_TOO_SHORT", path, mask.value, `the per-node mask must be longer than the ${label(b.family)} pod prefix /${b.len}`, `use a value between ${b.len + 1} and ${Math.min(bits, b.len + MAX_NODE_MASK_BITS)}`));
    } else if (mask.value - b.len > MAX_NODE_MASK_BITS || mask.value > bits) {
      findings.push(error("K8S_NODE_MASK_TOO_LONG", path, mask.value, `kube-controller-manager refuses a node mask more than ${MAX_NODE_MASK_BITS} bits longer than the pod prefix /${b.len}`, `use a value between ${b.len + 1} and ${Math.min(bits, b.len + MAX_NODE_MASK_BITS)}`));
    } else {
      perFamily.push({ family: b.family, podCIDR: podStrings[i], nodeMaskSize: mask.value, maxNodes: 2 ** (mask.value - b.len), podAddressesPerNode: 2 ** (bits - mask.value) });
    }
    if (vpcIpv4 && overlaps(vpcIpv4, b)) {
      findings.push(error("K8S_POD_CIDR_OVERLAPS_VPC", at("kubernetes", "podCIDRs", i), podStrings[i], `pod CIDR overlaps the VPC block ${formatBlock(vpcIpv4)}: pod and node addresses would be ambiguous`, `use a range outside the VPC, e.g. ${DEFAULT_CIDRS.ipv4.pods}`));
    }
    svcs.forEach((s, j) => {
      if (s && overlaps(s, b)) findings.push(error("K8S_POD_SERVICE_OVERLAP", at("kubernetes", "serviceCIDRs", j), svcStrings[j], `service CIDR overlaps pod CIDR ${podStrings[i]}`, "use separate ranges for pods and services"));
    });
  });

  const primarySvc = svcs[0];
  const primary = perFamily.find((c) => c.family === families[0]);
  const plan: KubernetesPlan = {
    ipFamilies: families,
    singleStackIPv6: families.length === 1 && families[0] === "ipv6",
    podCIDRs: podStrings,
    serviceCIDRs: svcStrings,
    nodeCIDRMaskSize: masks.ipv6.value,
    nodeCIDRMaskSizeIPv4: masks.ipv4.value,
    perFamily,
    maxNodes: perFamily.length ? Math.min(...perFamily.map((c) => c.maxNodes)) : 0,
    podAddressesPerNode: primary?.podAddressesPerNode ?? 0,
    dnsServiceIP: primarySvc ? nthAddress(primarySvc, DNS_SERVICE_OFFSET) : "",
    cni: k.cni ?? "none",
    cloudControllerManager: k.cloudControllerManager ?? false,
    hasKubeconfig: k.kubeconfig !== undefined && k.kubeconfig !== "",
  };
  return { plan, findings };
}
