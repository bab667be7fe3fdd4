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

export function planKubernetes(
  config: StackConfig,
  network: readonly NetworkBlock[],
  vpcHasIpv6: boolean,
): { plan: KubernetesPlan; findings: Finding[] } {
  const findings: Finding[] = [];
  const k = config.kubernetes ?? {};
  const defaultFamily: Family = vpcHasIpv6 ? "ipv6" : "ipv4";
  const podStrings = k.podCIDRs ?? [DEFAULT_CIDRS[defaultFamily].pods];
  const svcStrings = k.serviceCIDRs ?? podStrings.map((p) => DEFAULT_CIDRS[p.includes(":") ? "ipv6" : "ipv4"].services);

  const parseList = (key: "podCIDRs" | "serviceCIDRs", list: string[]): (Block | undefined)[] => {
    if (list.length < 1 || list.length > 2) {
      findings.push(
        error(
          "K8S_CIDR_COUNT",
          at("kubernetes", key),
          list,
          `Kubernetes takes one CIDR (single-stack) or two (dual-stack), not ${list.length}`,
          "give one CIDR, or one IPv4 and one IPv6 CIDR with the primary family first",
        ),
      );
    }
    const blocks = list.slice(0, 2).map((c, i) => {
      const p = parseCidr(c);
      if (!p.ok) return void findings.push(cidrFinding(rangePath(k, key, i), c, p.reason, p.suggestion));
      return p.block;
    });
    if (blocks.length === 2 && blocks[0] && blocks[1] && blocks[0].family === blocks[1].family) {
      findings.push(
        error(
          "K8S_CIDR_SAME_FAMILY",
          rangePath(k, key, 1),
          list[1],
          `both ${key} are ${label(blocks[0].family)}; dual-stack needs one of each family`,
          "make one entry IPv4 and the other IPv6",
        ),
      );
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
      findings.push(
        error(
          "K8S_FAMILY_MISMATCH",
          at("kubernetes", "serviceCIDRs"),
          svcStrings,
          `${pf.length} pod CIDR(s) but ${sf.length} service CIDR(s)`,
          "give the same number of pod and service CIDRs, one per family",
        ),
      );
    } else if (pf.every(Boolean) && sf.every(Boolean) && pf.some((f, i) => f !== sf[i])) {
      findings.push(
        error(
          "K8S_FAMILY_MISMATCH",
          at("kubernetes", "serviceCIDRs"),
          svcStrings,
          `pod CIDRs are ${pf.map((f) => label(f!)).join(", ")} but service CIDRs are ${sf.map((f) => label(f!)).join(", ")}`,
          "list the service CIDRs in the same families and order as the pod CIDRs (the first entry is the primary family)",
        ),
      );
    }
  }

  const families = pods.map((b, i) => b?.family ?? (podStrings[i].includes(":") ? "ipv6" : "ipv4")) as Family[];
  if (families.includes("ipv6") && !vpcHasIpv6) {
    findings.push(
      error(
        "K8S_IPV6_WITHOUT_VPC_IPV6",
        at("kubernetes", "podCIDRs"),
        podStrings,
        "IPv6 pods need nodes with IPv6 addresses, but the VPC has no IPv6 block",
        "add vpc.ipv6 ({} for an Amazon-provided /56), or use IPv4 pod and service CIDRs",
      ),
    );
  }

  svcs.forEach((b, i) => {
    if (b && familyBits(b.family) - b.len > MAX_SERVICE_BITS) {
      const max = familyBits(b.family) - MAX_SERVICE_BITS;
      findings.push(
        error(
          "K8S_SERVICE_CIDR_TOO_LARGE",
          rangePath(k, "serviceCIDRs", i),
          svcStrings[i],
          `kube-apiserver refuses ${label(b.family)} service ranges larger than /${max}`,
          `use a /${max} or longer prefix, e.g. ${formatBlock({ ...b, len: max })}`,
        ),
      );
    }
  });

  // kubeadm refuses every service subnet with fewer than 10 addresses, the secondary one included
  // (kubernetes cmd/kubeadm/app/apis/kubeadm/validation/validation.go, ValidateIPNetFromString: "subnet
  // with %d address(es) is too small, the minimum is %d", MinimumAddressesInServiceSubnet = 10), and puts
  // the cluster DNS service at the 10th address of the primary one. Sizes are powers of two: both rules
  // mean at least 16 addresses (/124, IPv4 /28).
  svcs.forEach((b, i) => {
    if (!b || size(b) >= BigInt(MIN_SERVICE_ADDRESSES)) return;
    const max = familyBits(b.family) - 4;
    const why =
      i === 0
        ? "kubeadm needs at least 10 addresses in every service range, and puts the cluster DNS service at the 10th address of the primary one"
        : "kubeadm needs at least 10 addresses in every service range, the secondary one included";
    findings.push(
      error(
        "K8S_SERVICE_CIDR_TOO_SMALL",
        rangePath(k, "serviceCIDRs", i),
        svcStrings[i],
        `${svcStrings[i]} has ${size(b)} addresses; ${why}`,
        `use a /${max} or shorter prefix, e.g. ${formatBlock({ ...b, len: max })}`,
      ),
    );
  });

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
      findings.push(
        error(
          "K8S_NODE_MASK_TOO_SHORT",
          path,
          mask.value,
          `the per-node mask must be longer than the ${label(b.family)} pod prefix /${b.len}`,
          `use a value between ${b.len + 1} and ${Math.min(bits, b.len + MAX_NODE_MASK_BITS)}`,
        ),
      );
    } else if (mask.value - b.len > MAX_NODE_MASK_BITS || mask.value > bits) {
      findings.push(
        error(
          "K8S_NODE_MASK_TOO_LONG",
          path,
          mask.value,
          `kube-controller-manager refuses a node mask more than ${MAX_NODE_MASK_BITS} bits longer than the pod prefix /${b.len}`,
          `use a value between ${b.len + 1} and ${Math.min(bits, b.len + MAX_NODE_MASK_BITS)}`,
        ),
      );
    } else {
      // maxNodes is at most 2^16 (MAX_NODE_MASK_BITS), exact as a number; addresses per node reach 2^64 and
      // beyond, so they are counted as a bigint and kept as exact decimal text.
      perFamily.push({
        family: b.family,
        podCIDR: podStrings[i],
        nodeMaskSize: mask.value,
        maxNodes: 2 ** (mask.value - b.len),
        podAddressesPerNode: (1n << BigInt(bits - mask.value)).toString(),
        podAddressBits: bits - mask.value,
      });
    }
    svcs.forEach((s, j) => {
      if (s && overlaps(s, b))
        findings.push(
          error(
            "K8S_POD_SERVICE_OVERLAP",
            rangePath(k, "serviceCIDRs", j),
            svcStrings[j],
            `service CIDR overlaps pod CIDR ${podStrings[i]}`,
            "use separate ranges for pods and services",
          ),
        );
    });
  });

  // Cluster ranges must be clear of the network, in both families. kOps refuses a subnet whose cidr or
  // ipv6CIDR overlaps the service range (pkg/apis/kops/validation/validation.go: "must not overlap
  // serviceClusterIPRange"); a pod range inside the VPC is as wrong: a pod address that is also a node's
  // or a subnet's is routed to the wrong place.
  const ranges = [
    ...pods.map((b, i) => ({
      b,
      key: "podCIDRs" as const,
      i,
      text: podStrings[i],
      what: "pod CIDR",
      code: "K8S_POD_CIDR_OVERLAPS_VPC",
    })),
    ...svcs.map((b, i) => ({
      b,
      key: "serviceCIDRs" as const,
      i,
      text: svcStrings[i],
      what: "service CIDR",
      code: "K8S_SERVICE_CIDR_OVERLAPS_VPC",
    })),
  ];
  for (const r of ranges) {
    if (!r.b) continue;
    const hit = network.find((n) => n.vpc && overlaps(n.block, r.b!)) ?? network.find((n) => overlaps(n.block, r.b!));
    if (!hit) continue;
    const subnet = network.find((n) => !n.vpc && overlaps(n.block, r.b!));
    const also = subnet && subnet !== hit ? ` and ${subnet.what} (${subnet.path}, ${formatBlock(subnet.block)})` : "";
    const fallback = DEFAULT_CIDRS[r.b.family][r.key === "podCIDRs" ? "pods" : "services"];
    const free = parseCidr(fallback);
    const suggestion =
      free.ok && !network.some((n) => overlaps(n.block, free.block)) && fallback !== r.text ? `, e.g. ${fallback}` : "";
    findings.push(
      error(
        r.code,
        rangePath(k, r.key, r.i),
        r.text,
        `${r.what} ${r.text} overlaps ${hit.what} ${formatBlock(hit.block)} (${hit.path})${also}: cluster and network addresses would be ambiguous`,
        `use a range outside ${formatBlock(hit.block)}${suggestion}`,
      ),
    );
  }

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
    podAddressesPerNode: primary?.podAddressesPerNode ?? "0",
    dnsServiceIP: primarySvc ? nthAddress(primarySvc, DNS_SERVICE_OFFSET) : "",
    cni: k.cni ?? "none",
    cloudControllerManager: k.cloudControllerManager ?? false,
    hasKubeconfig: k.kubeconfig !== undefined && k.kubeconfig !== "",
  };
  return { plan, findings };
}
