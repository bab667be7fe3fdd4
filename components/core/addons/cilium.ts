/**
 * Cilium's Helm values from the cluster plan: the families it serves, IPv6 masquerading off, cluster-pool
 * IPAM over the cluster's own pod CIDRs and node masks, and tunnel (VXLAN) or native routing.
 */
import type { Finding } from "../findings";
import type { CiliumRoutingMode } from "../enums";
import type { StackConfig } from "../schema";
import type { KubernetesPlan } from "../types";
import { CILIUM_CHART, type ChartSource } from "./versions";

/** The subset of the cilium chart's values.yaml this project sets (names as the chart spells them). */
export interface CiliumValues {
  /** Whether Cilium serves IPv4: the cluster has an IPv4 pod range. */
  ipv4: { enabled: boolean };
  /** Whether Cilium serves IPv6: the cluster has an IPv6 pod range. */
  ipv6: { enabled: boolean };
  /** Pods' IPv4 sources are private and are masqueraded to the node's address. */
  enableIPv4Masquerade: boolean;
  /** CNIs must not masquerade IPv6 (kOps): always false. */
  enableIPv6Masquerade: false;
  /** Cluster-pool IPAM over the cluster's own pod ranges, with each family's per-node prefix length. */
  ipam: {
    mode: "cluster-pool";
    operator: {
      clusterPoolIPv6PodCIDRList?: string[];
      clusterPoolIPv6MaskSize?: number;
      clusterPoolIPv4PodCIDRList?: string[];
      clusterPoolIPv4MaskSize?: number;
    };
  };
  /** How pod traffic between nodes is carried: tunnel (VXLAN) or native (pod addresses routed as they are). */
  routingMode: CiliumRoutingMode;
  /** Tunnel mode only. */
  tunnelProtocol?: "vxlan";
  /** Tunnel mode only: the family of the node addresses the tunnel runs over (IPv6 for IPv6-primary nodes). */
  underlayProtocol?: "ipv4" | "ipv6";
  /** Native mode only: traffic to these ranges is not masqueraded (the pod CIDRs). */
  ipv6NativeRoutingCIDR?: string;
  /** Native mode only: IPv4 traffic to this range (the IPv4 pod range) is not masqueraded. */
  ipv4NativeRoutingCIDR?: string;
}

/** Cilium as planned from the cluster's pod ranges and `kubernetes.cilium`: the chart and its values. */
export interface CiliumPlan {
  /** The pinned cilium chart (in kube-system). */
  chart: ChartSource;
  /** Helm release name. */
  releaseName: string;
  /** How pod traffic between nodes is carried (`cilium.routingMode`, default tunnel). */
  routingMode: CiliumRoutingMode;
  /** The chart's values. */
  values: CiliumValues;
}

export function planCilium(config: StackConfig, plan: KubernetesPlan): { plan: CiliumPlan; findings: Finding[] } {
  const routingMode = config.kubernetes?.cilium?.routingMode ?? "tunnel";
  const v6 = plan.perFamily.find((c) => c.family === "ipv6");
  const v4 = plan.perFamily.find((c) => c.family === "ipv4");
  const values: CiliumValues = {
    ipv4: { enabled: v4 !== undefined },
    ipv6: { enabled: v6 !== undefined },
    enableIPv4Masquerade: v4 !== undefined,
    enableIPv6Masquerade: false,
    ipam: {
      mode: "cluster-pool",
      operator: {
        ...(v6 ? { clusterPoolIPv6PodCIDRList: [v6.podCIDR], clusterPoolIPv6MaskSize: v6.nodeMaskSize } : {}),
        ...(v4 ? { clusterPoolIPv4PodCIDRList: [v4.podCIDR], clusterPoolIPv4MaskSize: v4.nodeMaskSize } : {}),
      },
    },
    routingMode,
    ...(routingMode === "tunnel"
      ? { tunnelProtocol: "vxlan" as const, underlayProtocol: plan.ipFamilies[0] }
      : { ...(v6 ? { ipv6NativeRoutingCIDR: v6.podCIDR } : {}), ...(v4 ? { ipv4NativeRoutingCIDR: v4.podCIDR } : {}) }),
  };
  return { plan: { chart: CILIUM_CHART, releaseName: "cilium", routingMode, values }, findings: [] };
}
