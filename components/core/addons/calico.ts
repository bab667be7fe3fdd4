/**
 * Calico for an IPv6 or dual-stack cluster, installed through the Tigera operator: the IP pools (one per
 * pod CIDR), encapsulation, BGP and node address autodetection as an operator `Installation` spec, and the
 * calico-node environment the operator derives from it. Refuses, with Calico's own words, what Calico
 * itself would reject at install time (where it would only show up as a degraded operator status).
 */
import { at, error, type Finding } from "../findings";
import { overlaps, parseCidr, type Family } from "../ip";
import type { CalicoEncapsulation, StackConfig } from "../schema";
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
  name: string;
  cidr: string;
  blockSize: number;
  encapsulation: CalicoEncapsulation;
  natOutgoing: "Enabled" | "Disabled";
  nodeSelector: string;
}

/** The operator.tigera.io/v1 Installation spec this project sends (the chart renders it as the `default` Installation). */
export interface CalicoInstallationSpec {
  cni: { type: "Calico"; ipam: { type: "Calico" } };
  calicoNetwork: {
    bgp: "Enabled" | "Disabled";
    ipPools: CalicoInstallationPool[];
    nodeAddressAutodetectionV4?: CalicoAutodetection;
    nodeAddressAutodetectionV6?: CalicoAutodetection;
  };
}

export interface CalicoPool extends CalicoInstallationPool {
  family: Family;
}

export interface CalicoPlan {
  chart: ChartSource;
  /** Helm release name. */
  releaseName: string;
  encapsulation: CalicoEncapsulation;
  /** Whether calico-node runs BGP (BIRD) between nodes: TCP 179 must then be open between them. */
  bgp: boolean;
  /** One pool per pod CIDR, primary family first. */
  pools: CalicoPool[];
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

const calicoSays = (reason: string) => `Calico refuses it: "${reason}"`;

/** Checks the Calico settings against the pools they produce; every rule is one Calico enforces itself. */
function validate(
  k: NonNullable<StackConfig["kubernetes"]>,
  plan: KubernetesPlan,
  encapsulation: CalicoEncapsulation,
  bgp: boolean,
): Finding[] {
  const findings: Finding[] = [];
  const c = k.calico ?? {};
  const encPath = at("kubernetes", "calico", "encapsulation");
  const hasIpv6 = plan.ipFamilies.includes("ipv6");

  if (encapsulation.startsWith("IPIP") && hasIpv6) {
    const cidr = plan.podCIDRs.find((p) => p.includes(":"));
    findings.push(
      error(
        "CALICO_IPIP_ON_IPV6_POOL",
        encPath,
        encapsulation,
        `${calicoSays(`IPIP encapsulation is not supported by IPv6 pools, but it is set for ${cidr}`)}; IP-in-IP only carries IPv4 packets`,
        "use encapsulation VXLAN (the default), or None with bgp: true",
      ),
    );
  }
  if (!bgp && (encapsulation === "None" || encapsulation.startsWith("IPIP"))) {
    const reason =
      encapsulation === "None"
        ? "Unencapsulated IP pools require that BGP is enabled"
        : "IPIP encapsulation requires that BGP is enabled";
    findings.push(
      error(
        "CALICO_ENCAPSULATION_NEEDS_BGP",
        encPath,
        encapsulation,
        `${calicoSays(reason)}; without BGP no node learns the other nodes' pod routes`,
        "set kubernetes.calico.bgp: true (and allow TCP 179 between nodes), or use encapsulation VXLAN",
      ),
    );
  }

  for (const family of ["ipv6", "ipv4"] as const) {
    const rule = CALICO_BLOCK[family];
    const set = c[rule.key];
    const size = set ?? rule.default;
    const sizePath = at("kubernetes", "calico", rule.key);
    if (set !== undefined && (set < rule.min || set > rule.max)) {
      findings.push(
        error(
          "CALICO_BLOCK_SIZE_OUT_OF_RANGE",
          sizePath,
          set,
          calicoSays(`ipPool.blockSize must be greater than ${rule.min - 1} and less than or equal to ${rule.max}`),
          `use a block size from ${rule.min} to ${rule.max} (default ${rule.default})`,
        ),
      );
      continue;
    }
    plan.podCIDRs.forEach((cidr, i) => {
      const parsed = parseCidr(cidr);
      if (!parsed.ok || parsed.block.family !== family) return;
      const poolPath = rangePath(k, "podCIDRs", i);
      if (parsed.block.len > size) {
        findings.push(
          error(
            "CALICO_POOL_SMALLER_THAN_BLOCK",
            set !== undefined ? sizePath : poolPath,
            set ?? cidr,
            `${calicoSays("IP pool size is too small. It must be equal to or greater than the block size.")} (pool ${cidr}, block /${size})`,
            `use a block size of at least ${parsed.block.len}, or a pod CIDR of /${size} or shorter`,
          ),
        );
      }
      const linkLocal = parseCidr(LINK_LOCAL[family]);
      if (linkLocal.ok && overlaps(linkLocal.block, parsed.block)) {
        findings.push(
          error(
            "CALICO_POOL_LINK_LOCAL",
            poolPath,
            cidr,
            calicoSays(
              `IP pool range overlaps with ${family === "ipv6" ? "IPv6" : "IPv4"} Link Local range ${LINK_LOCAL[family]}`,
            ),
            family === "ipv6"
              ? "use a unique-local (fd00::/8) or global pod range, e.g. fd00:10:244::/56"
              : "use a private pod range, e.g. 10.244.0.0/16",
          ),
        );
      }
    });
  }
  return findings;
}

/**
 * Calico's settings from the cluster plan. When the AWS cloud-controller-manager is installed it reports
 * the nodes' addresses per family, and calico-node takes the node's InternalIP of each family; otherwise
 * the first address found on the host.
 */
export function planCalico(config: StackConfig, plan: KubernetesPlan): { plan: CalicoPlan; findings: Finding[] } {
  const k = config.kubernetes ?? {};
  const c = k.calico ?? {};
  const encapsulation = c.encapsulation ?? "VXLAN";
  const bgp = c.bgp ?? false;
  const findings = validate(k, plan, encapsulation, bgp);

  const pools: CalicoPool[] = plan.podCIDRs.map((cidr) => {
    const family: Family = cidr.includes(":") ? "ipv6" : "ipv4";
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
  const detect: CalicoAutodetection = plan.cloudControllerManager
    ? { kubernetes: "NodeInternalIP" }
    : { firstFound: true };
  const families = new Set(pools.map((p) => p.family));
  const installation: CalicoInstallationSpec = {
    cni: { type: "Calico", ipam: { type: "Calico" } },
    calicoNetwork: {
      bgp: bgp ? "Enabled" : "Disabled",
      ipPools: pools.map(({ family: _family, ...pool }) => pool),
      // Leaving a family's autodetection out is what turns it off (IP=none) in an IPv6-only cluster.
      ...(families.has("ipv4") ? { nodeAddressAutodetectionV4: detect } : {}),
      ...(families.has("ipv6") ? { nodeAddressAutodetectionV6: detect } : {}),
    },
  };
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
