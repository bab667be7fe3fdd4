/**
 * Calico for an IPv6 or dual-stack cluster, installed through the Tigera operator: the IP pools (one per
 * pod CIDR), encapsulation, BGP and node address autodetection as an operator `Installation` spec, and the
 * calico-node environment the operator derives from it. Refuses, with Calico's own words, what Calico
 * itself would reject at install time (where it would only show up as a degraded operator status).
 */
import { at, finding, type Finding } from "../findings";
import { familyOf, overlaps, parseCidr, type Family } from "../ip";
import type { CalicoEncapsulation } from "../enums";
import type { StackConfig } from "../schema";
import type { KubernetesPlan } from "../types";
import { rangePath } from "../kubernetes";
import { TIGERA_OPERATOR_CHART, type ChartSource } from "./versions";

/** Calico IPAM block sizes: defaults and the ranges the operator accepts (operator.tigera.io/v1 validation). */
export const CALICO_BLOCK = {
  ipv6: { key: "blockSize", default: 122, min: 116, max: 128 },
  ipv4: { key: "blockSizeIPv4", default: 26, min: 20, max: 32 },
} as const;

/** Link-local ranges Calico refuses pools in (libcalico-go IPPool validation). */
const LINK_LOCAL: Record<Family, string> = { ipv6: "fe80::/10", ipv4: "169.254.0.0/16" };

/** operator.tigera.io/v1 NodeAddressAutodetection (the one method we use per family). */
export type CalicoAutodetection = { firstFound: true } | { kubernetes: "NodeInternalIP" };

/** operator.tigera.io/v1 IPPool, as the Installation's calicoNetwork.ipPools lists it. */
export interface CalicoInstallationPool {
  /** The pool's name: `default-ipv6-ippool` or `default-ipv4-ippool`. */
  name: string;
  /** The pool's block: one of the cluster's pod ranges. */
  cidr: string;
  /**
   * Prefix length of the IPAM blocks Calico gives nodes from the pool: `calico.blockSize` for IPv6 (default 122),
   * `calico.blockSizeIPv4` for IPv4 (default 26).
   */
  blockSize: number;
  /** How pod traffic between nodes is carried (`calico.encapsulation`, default VXLAN). */
  encapsulation: CalicoEncapsulation;
  /**
   * Masquerading of pod traffic leaving the pool: Disabled for IPv6 (pods keep their own address), Enabled for
   * IPv4.
   */
  natOutgoing: "Enabled" | "Disabled";
  /** The nodes the pool serves: `all()`. */
  nodeSelector: string;
}

/** The operator.tigera.io/v1 Installation spec this project sends (the chart renders it as the `default` one). */
export interface CalicoInstallationSpec {
  /** Calico as the CNI plugin, with Calico's IPAM. */
  cni: { type: "Calico"; ipam: { type: "Calico" } };
  /**
   * The pools, BGP, and node address autodetection for each family the pools have (left out for a family they do
   * not have, which turns it off).
   */
  calicoNetwork: {
    bgp: "Enabled" | "Disabled";
    ipPools: CalicoInstallationPool[];
    nodeAddressAutodetectionV4?: CalicoAutodetection;
    nodeAddressAutodetectionV6?: CalicoAutodetection;
  };
}

/** One IP pool as planned: the Installation's pool and its address family. */
export interface CalicoPool extends CalicoInstallationPool {
  /** The pool's address family. */
  family: Family;
}

/**
 * Calico as planned from the cluster's pod ranges and `kubernetes.calico`: the tigera-operator chart, the
 * operator's Installation and what calico-node gets from it.
 */
export interface CalicoPlan {
  /** The pinned tigera-operator chart. */
  chart: ChartSource;
  /** Helm release name. */
  releaseName: string;
  /** How pod traffic between nodes is carried (`calico.encapsulation`, default VXLAN). */
  encapsulation: CalicoEncapsulation;
  /** Whether calico-node runs BGP (BIRD) between nodes: TCP 179 must then be open between them. */
  bgp: boolean;
  /** One pool per pod CIDR, primary family first. */
  pools: CalicoPool[];
  /** The operator's `default` Installation spec (the chart creates it from `values`). */
  installation: CalicoInstallationSpec;
  /**
   * The calico-node environment the pinned operator renders from `installation` (tigera/operator
   * pkg/render/node.go): the settings Calico's manifest install asks users to set by hand.
   */
  nodeEnvironment: Record<string, string>;
  /** Values for the tigera-operator chart. */
  values: { installation: { enabled: true; kubernetesProvider: "" } & CalicoInstallationSpec };
}

const POOL_NAMES: Record<Family, string> = { ipv6: "default-ipv6-ippool", ipv4: "default-ipv4-ippool" };

function methodName(a: CalicoAutodetection): string {
  return "firstFound" in a ? "first-found" : "kubernetes-internal-ip";
}

/** What tigera/operator's node renderer sets for address detection, IPv6 support, router id and backend. */
export function calicoNodeEnvironment(spec: CalicoInstallationSpec): Record<string, string> {
  const net = spec.calicoNetwork;
  const env: Record<string, string> = {};
  const bgp = net.bgp === "Enabled";
  env.CALICO_NETWORKING_BACKEND = bgp
    ? "bird"
    : net.ipPools.some((p) => p.encapsulation.startsWith("VXLAN"))
      ? "vxlan"
      : "none";
  if (net.nodeAddressAutodetectionV4) {
    env.IP = "autodetect";
    env.IP_AUTODETECTION_METHOD = methodName(net.nodeAddressAutodetectionV4);
  } else {
    env.IP = "none";
  }
  if (net.nodeAddressAutodetectionV6) {
    env.IP6 = "autodetect";
    env.IP6_AUTODETECTION_METHOD = methodName(net.nodeAddressAutodetectionV6);
    env.FELIX_IPV6SUPPORT = "true";
    // BGP needs a 32-bit router id, normally the node's IPv4 address; IPv6-only nodes derive it from a
    // hash of the node name. Without BGP no BIRD runs and there is no router id to set.
    if (!net.nodeAddressAutodetectionV4 && bgp) env.CALICO_ROUTER_ID = "hash";
  } else {
    env.IP6 = "none";
    env.FELIX_IPV6SUPPORT = "false";
  }
  return env;
}

type KubernetesConfig = NonNullable<StackConfig["kubernetes"]>;

/** Whether the encapsulation works at all: IP-in-IP carries IPv4 only, and unencapsulated pools need BGP. */
function encapsulationFindings(
  podCIDRs: readonly string[],
  encapsulation: CalicoEncapsulation,
  bgp: boolean,
): Finding[] {
  const findings: Finding[] = [];
  const encPath = at("kubernetes", "calico", "encapsulation");
  const ipv6Pool = podCIDRs.find((cidr) => familyOf(cidr) === "ipv6");
  if (encapsulation.startsWith("IPIP") && ipv6Pool !== undefined)
    findings.push(finding("CALICO_IPIP_ON_IPV6_POOL", encPath, encapsulation, { cidr: ipv6Pool }));
  if (!bgp && (encapsulation === "None" || encapsulation.startsWith("IPIP")))
    findings.push(finding("CALICO_ENCAPSULATION_NEEDS_BGP", encPath, encapsulation, { encapsulation }));
  return findings;
}

/** Whether each pod CIDR of a family holds at least one IPAM block and stays clear of link-local addresses. */
function poolFindings(
  k: KubernetesConfig,
  plan: KubernetesPlan,
  family: Family,
  blockSize: number,
  blockSizeSet: boolean,
): Finding[] {
  const findings: Finding[] = [];
  const sizePath = at("kubernetes", "calico", CALICO_BLOCK[family].key);
  const linkLocal = parseCidr(LINK_LOCAL[family]);
  plan.podCIDRs.forEach((cidr, i) => {
    const parsed = parseCidr(cidr);
    if (!parsed.ok || parsed.block.family !== family) return;
    const poolPath = rangePath(k, "podCIDRs", i);
    if (parsed.block.len > blockSize) {
      const [path, value] = blockSizeSet ? [sizePath, blockSize] : [poolPath, cidr];
      findings.push(
        finding("CALICO_POOL_SMALLER_THAN_BLOCK", path, value, { cidr, poolLen: parsed.block.len, blockSize }),
      );
    }
    if (linkLocal.ok && overlaps(linkLocal.block, parsed.block))
      findings.push(finding("CALICO_POOL_LINK_LOCAL", poolPath, cidr, { family, linkLocal: LINK_LOCAL[family] }));
  });
  return findings;
}

/** Whether each family's block size is one the operator accepts and fits that family's pod CIDRs. */
function blockFindings(k: KubernetesConfig, plan: KubernetesPlan): Finding[] {
  const findings: Finding[] = [];
  for (const family of ["ipv6", "ipv4"] as const) {
    const rule = CALICO_BLOCK[family];
    const set = (k.calico ?? {})[rule.key];
    if (set !== undefined && (set < rule.min || set > rule.max)) {
      const range = { min: rule.min, max: rule.max, default: rule.default };
      findings.push(finding("CALICO_BLOCK_SIZE_OUT_OF_RANGE", at("kubernetes", "calico", rule.key), set, range));
      continue;
    }
    findings.push(...poolFindings(k, plan, family, set ?? rule.default, set !== undefined));
  }
  return findings;
}

/** One pool per pod CIDR, primary family first, with that family's block size and NAT rule. */
function calicoPools(
  plan: KubernetesPlan,
  c: NonNullable<KubernetesConfig["calico"]>,
  encapsulation: CalicoEncapsulation,
): CalicoPool[] {
  return plan.podCIDRs.map((cidr) => {
    const family = familyOf(cidr);
    return {
      family,
      name: POOL_NAMES[family],
      cidr,
      blockSize: c[CALICO_BLOCK[family].key] ?? CALICO_BLOCK[family].default,
      encapsulation,
      // CNIs must not masquerade IPv6 (kOps): pods keep their own IPv6 source address. IPv4 pod ranges
      // are private and leave the cluster through the node's address.
      natOutgoing: family === "ipv6" ? "Disabled" : "Enabled",
      nodeSelector: "all()",
    };
  });
}

/**
 * The Installation spec: pools, BGP, and node address autodetection for the families the pools have. When
 * the AWS cloud-controller-manager is installed it reports the nodes' addresses per family, and calico-node
 * takes the node's InternalIP of each family; otherwise the first address found on the host.
 */
function installationSpec(plan: KubernetesPlan, pools: readonly CalicoPool[], bgp: boolean): CalicoInstallationSpec {
  const detect: CalicoAutodetection = plan.cloudControllerManager
    ? { kubernetes: "NodeInternalIP" }
    : { firstFound: true };
  const families = new Set(pools.map((p) => p.family));
  return {
    cni: { type: "Calico", ipam: { type: "Calico" } },
    calicoNetwork: {
      bgp: bgp ? "Enabled" : "Disabled",
      ipPools: pools.map(({ family: _family, ...pool }) => pool),
      // Leaving a family's autodetection out is what turns it off (IP=none) in an IPv6-only cluster.
      ...(families.has("ipv4") ? { nodeAddressAutodetectionV4: detect } : {}),
      ...(families.has("ipv6") ? { nodeAddressAutodetectionV6: detect } : {}),
    },
  };
}

/** Calico's settings from the cluster plan, and what Calico would refuse in them. */
export function planCalico(config: StackConfig, plan: KubernetesPlan): { plan: CalicoPlan; findings: Finding[] } {
  const k = config.kubernetes;
  const c = k.calico ?? {};
  const encapsulation = c.encapsulation ?? "VXLAN";
  const bgp = c.bgp ?? false;
  // Every rule here is one Calico enforces itself, reported with Calico's own words (components/core/catalogue).
  const findings = [...encapsulationFindings(plan.podCIDRs, encapsulation, bgp), ...blockFindings(k, plan)];
  const pools = calicoPools(plan, c, encapsulation);
  const installation = installationSpec(plan, pools, bgp);
  return {
    plan: {
      chart: TIGERA_OPERATOR_CHART,
      releaseName: "calico",
      encapsulation,
      bgp,
      pools,
      installation,
      nodeEnvironment: calicoNodeEnvironment(installation),
      values: { installation: { enabled: true, kubernetesProvider: "", ...installation } },
    },
    findings,
  };
}
