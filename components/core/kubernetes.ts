/**
 * Kubernetes cluster addressing: families, pod and service CIDRs, node CIDR masks, capacity and the DNS
 * service address, with the rules kube-apiserver and kube-controller-manager enforce at start-up.
 */
import { at, finding, type Finding } from "./findings";
import {
  familyBits,
  familyOf,
  formatBlock,
  nthAddress,
  overlaps,
  parseCidr,
  size,
  type Block,
  type Family,
} from "./ip";
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
/** kubeadm's MinimumAddressesInServiceSubnet, applied to every service range. */
const MIN_SERVICE_ADDRESSES = 10;

const label = (f: Family) => (f === "ipv4" ? "IPv4" : "IPv6");

/** A block of the network that cluster ranges must stay clear of, with the key that sets it. */
export interface NetworkBlock {
  /** Config key path, e.g. `vpc.cidrBlock` or `subnets[2].ipv6CIDR` (`zones[0]` for a default-layout subnet). */
  path: string;
  /** What it is, for messages: "the VPC block", "subnet nodes-a". */
  what: string;
  block: Block;
  /** The VPC's own blocks; subnet blocks lie inside them. */
  vpc: boolean;
}

/**
 * The path of one cluster range: `kubernetes.podCIDRs[1]` when the list is in the config, the list's key
 * itself when the range is a default (there is no element to point at; setting the key is the fix).
 */
export function rangePath(k: StackConfig["kubernetes"], key: "podCIDRs" | "serviceCIDRs", i: number): string {
  return k?.[key] !== undefined ? at("kubernetes", key, i) : at("kubernetes", key);
}

type RangeKey = "podCIDRs" | "serviceCIDRs";
type Kubernetes = StackConfig["kubernetes"];

/** One list of cluster ranges parsed: one CIDR or two of different families. */
function parseRanges(
  k: Kubernetes,
  key: RangeKey,
  list: readonly string[],
  findings: Finding[],
): (Block | undefined)[] {
  if (list.length < 1 || list.length > 2)
    findings.push(finding("K8S_CIDR_COUNT", at("kubernetes", key), list, { count: list.length }));
  const blocks = list.slice(0, 2).map((c, i) => {
    const p = parseCidr(c);
    if (!p.ok) return void findings.push(cidrFinding(rangePath(k, key, i), c, p.reason, p.suggestion));
    return p.block;
  });
  if (blocks.length === 2 && blocks[0] && blocks[1] && blocks[0].family === blocks[1].family) {
    findings.push(
      finding("K8S_CIDR_SAME_FAMILY", rangePath(k, key, 1), list[1], { key, family: label(blocks[0].family) }),
    );
  }
  return blocks;
}

/** Pod and service ranges agree in number and family order (only judged when both counts are valid). */
function familyFindings(pods: (Block | undefined)[], svcs: (Block | undefined)[], svcStrings: string[]): Finding[] {
  const pf = pods.map((b) => b?.family);
  const sf = svcs.map((b) => b?.family);
  const path = at("kubernetes", "serviceCIDRs");
  if (pf.length !== sf.length) {
    return [
      finding("K8S_FAMILY_MISMATCH", path, svcStrings, {
        pods: String(pf.length),
        services: String(sf.length),
        counts: true,
      }),
    ];
  }
  if (pf.every(Boolean) && sf.every(Boolean) && pf.some((f, i) => f !== sf[i])) {
    const names = (fs: (Family | undefined)[]) => fs.map((f) => label(f!)).join(", ");
    return [finding("K8S_FAMILY_MISMATCH", path, svcStrings, { pods: names(pf), services: names(sf), counts: false })];
  }
  return [];
}

/**
 * Service ranges kube-apiserver and kubeadm accept: at most 2^20 addresses, and at least 10. kubeadm refuses
 * every service subnet with fewer than 10 addresses, the secondary one included (kubernetes
 * cmd/kubeadm/app/apis/kubeadm/validation/validation.go, ValidateIPNetFromString: "subnet with %d
 * address(es) is too small, the minimum is %d", MinimumAddressesInServiceSubnet = 10), and puts the cluster
 * DNS service at the 10th address of the primary one. Sizes are powers of two: both rules mean at least 16
 * addresses (/124, IPv4 /28).
 */
function serviceSizeFindings(k: Kubernetes, svcs: (Block | undefined)[], svcStrings: string[]): Finding[] {
  return svcs.flatMap((b, i) => {
    if (!b) return [];
    const path = rangePath(k, "serviceCIDRs", i);
    const bits = familyBits(b.family);
    if (bits - b.len > MAX_SERVICE_BITS) {
      const max = bits - MAX_SERVICE_BITS;
      const p = { family: label(b.family), max, example: formatBlock({ ...b, len: max }) };
      return [finding("K8S_SERVICE_CIDR_TOO_LARGE", path, svcStrings[i], p)];
    }
    if (size(b) >= BigInt(MIN_SERVICE_ADDRESSES)) return [];
    const max = bits - 4;
    const p = { range: svcStrings[i], size: size(b), primary: i === 0, max, example: formatBlock({ ...b, len: max }) };
    return [finding("K8S_SERVICE_CIDR_TOO_SMALL", path, svcStrings[i], p)];
  });
}

/** A pod range's per-node mask and what it holds, or the finding why kube-controller-manager would refuse it. */
function capacity(
  b: Block,
  podCIDR: string,
  mask: { key: string; value: number },
  findings: Finding[],
): FamilyCapacity | undefined {
  const path = at("kubernetes", mask.key);
  const bits = familyBits(b.family);
  const range = `${b.len + 1} and ${Math.min(bits, b.len + MAX_NODE_MASK_BITS)}`;
  if (mask.value <= b.len) {
    return void findings.push(
      finding("K8S_NODE_MASK_TOO_SHORT", path, mask.value, { family: label(b.family), len: b.len, range }),
    );
  }
  if (mask.value - b.len > MAX_NODE_MASK_BITS || mask.value > bits) {
    return void findings.push(
      finding("K8S_NODE_MASK_TOO_LONG", path, mask.value, { bits: MAX_NODE_MASK_BITS, len: b.len, range }),
    );
  }
  // maxNodes is at most 2^16 (MAX_NODE_MASK_BITS), exact as a number; addresses per node reach 2^64 and
  // beyond, so they are counted as a bigint and kept as exact decimal text.
  const podAddressBits = bits - mask.value;
  const podAddressesPerNode = (1n << BigInt(podAddressBits)).toString();
  return {
    family: b.family,
    podCIDR,
    nodeMaskSize: mask.value,
    maxNodes: 2 ** (mask.value - b.len),
    podAddressesPerNode,
    podAddressBits,
  };
}

/**
 * Cluster ranges must be clear of the network, in both families. kOps refuses a subnet whose cidr or
 * ipv6CIDR overlaps the service range (pkg/apis/kops/validation/validation.go: "must not overlap
 * serviceClusterIPRange"); a pod range inside the VPC is as wrong: a pod address that is also a node's or
 * a subnet's is routed to the wrong place.
 */
function networkOverlap(
  k: Kubernetes,
  key: RangeKey,
  i: number,
  text: string,
  b: Block,
  network: readonly NetworkBlock[],
): Finding[] {
  const hit = network.find((n) => n.vpc && overlaps(n.block, b)) ?? network.find((n) => overlaps(n.block, b));
  if (!hit) return [];
  const subnet = network.find((n) => !n.vpc && overlaps(n.block, b));
  const also = subnet && subnet !== hit ? ` and ${subnet.what} (${subnet.path}, ${formatBlock(subnet.block)})` : "";
  const fallback = DEFAULT_CIDRS[b.family][key === "podCIDRs" ? "pods" : "services"];
  const free = parseCidr(fallback);
  const example = free.ok && !network.some((n) => overlaps(n.block, free.block)) && fallback !== text ? fallback : "";
  const what = key === "podCIDRs" ? ("pod CIDR" as const) : ("service CIDR" as const);
  const p = {
    what,
    range: text,
    hit: `${hit.what} ${formatBlock(hit.block)} (${hit.path})`,
    also,
    outside: formatBlock(hit.block),
    example,
  };
  const code = key === "podCIDRs" ? "K8S_POD_CIDR_OVERLAPS_VPC" : "K8S_SERVICE_CIDR_OVERLAPS_VPC";
  return [finding(code, rangePath(k, key, i), text, p)];
}

export function planKubernetes(
  config: StackConfig,
  network: readonly NetworkBlock[],
  vpcHasIpv6: boolean,
): { plan: KubernetesPlan; findings: Finding[] } {
  const findings: Finding[] = [];
  const k = config.kubernetes;
  // A cluster cannot change its pod family in place: in a VPC moved from IPv4 the default stays IPv4.
  const ipv6Default = vpcHasIpv6 && config.vpc.ipv6?.migratedFromIpv4 !== true;
  const podStrings = k.podCIDRs ?? [DEFAULT_CIDRS[ipv6Default ? "ipv6" : "ipv4"].pods];
  const svcStrings = k.serviceCIDRs ?? podStrings.map((p) => DEFAULT_CIDRS[familyOf(p)].services);
  const pods = parseRanges(k, "podCIDRs", podStrings, findings);
  const svcs = parseRanges(k, "serviceCIDRs", svcStrings, findings);
  // Families are only compared when both lists have a valid count: K8S_CIDR_COUNT already says the rest.
  const countOk = (n: number) => n >= 1 && n <= 2;
  if (countOk(podStrings.length) && countOk(svcStrings.length))
    findings.push(...familyFindings(pods, svcs, svcStrings));
  const families = pods.map((b, i) => b?.family ?? familyOf(podStrings[i]));
  if (families.includes("ipv6") && !vpcHasIpv6) {
    findings.push(finding("K8S_IPV6_WITHOUT_VPC_IPV6", at("kubernetes", "podCIDRs"), podStrings));
  }
  findings.push(...serviceSizeFindings(k, svcs, svcStrings));
  const masks: Record<Family, { key: string; value: number }> = {
    ipv6: { key: "nodeCIDRMaskSize", value: k.nodeCIDRMaskSize ?? DEFAULT_CIDRS.ipv6.mask },
    ipv4: { key: "nodeCIDRMaskSizeIPv4", value: k.nodeCIDRMaskSizeIPv4 ?? DEFAULT_CIDRS.ipv4.mask },
  };
  const perFamily = pods.flatMap((b, i) => {
    if (!b) return [];
    svcs.forEach((s, j) => {
      if (s && overlaps(s, b))
        findings.push(
          finding("K8S_POD_SERVICE_OVERLAP", rangePath(k, "serviceCIDRs", j), svcStrings[j], { pods: podStrings[i] }),
        );
    });
    return capacity(b, podStrings[i], masks[b.family], findings) ?? [];
  });
  pods.forEach((b, i) => b && findings.push(...networkOverlap(k, "podCIDRs", i, podStrings[i], b, network)));
  svcs.forEach((b, i) => b && findings.push(...networkOverlap(k, "serviceCIDRs", i, svcStrings[i], b, network)));
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
    podAddressesPerNode: primary?.podAddressesPerNode ?? "0",
    dnsServiceIP: svcs[0] ? nthAddress(svcs[0], DNS_SERVICE_OFFSET) : "",
    cni: k.cni,
    cloudControllerManager: k.cloudControllerManager,
    hasKubeconfig: k.kubeconfig !== undefined && k.kubeconfig !== "",
  };
  return { plan, findings };
}
