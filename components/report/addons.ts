/** The add-on part of the plan as text: what would be installed, with the settings that matter for IPv6. */
import type { AddonsPlan } from "../core/addons";

export function addonLines(a: AddonsPlan): string[] {
  if (a.requested.length === 0) return [];
  const out = [
    "",
    a.install
      ? "Add-ons (installed into the cluster of kubernetes.kubeconfig)"
      : "Add-ons (planned, NOT installed: no kubernetes.kubeconfig)",
  ];
  if (a.calico) {
    const c = a.calico;
    const pools = c.pools
      .map((p) => `${p.cidr} /${p.blockSize} ${p.encapsulation} natOutgoing ${p.natOutgoing}`)
      .join("; ");
    out.push(`  calico: ${c.chart.chart} ${c.chart.version}, BGP ${c.bgp ? "on" : "off"}, pools ${pools}`);
    out.push(
      `    calico-node: ${Object.entries(c.nodeEnvironment)
        .map(([k, v]) => `${k}=${v}`)
        .join(" ")}`,
    );
  }
  if (a.cilium) {
    const v = a.cilium.values;
    const mode = v.routingMode === "tunnel" ? `tunnel (${v.tunnelProtocol} over ${v.underlayProtocol})` : "native";
    const pools = [
      v.ipam.operator.clusterPoolIPv6PodCIDRList
        ? `${v.ipam.operator.clusterPoolIPv6PodCIDRList.join(",")} per node /${v.ipam.operator.clusterPoolIPv6MaskSize}`
        : "",
      v.ipam.operator.clusterPoolIPv4PodCIDRList
        ? `${v.ipam.operator.clusterPoolIPv4PodCIDRList.join(",")} per node /${v.ipam.operator.clusterPoolIPv4MaskSize}`
        : "",
    ]
      .filter(Boolean)
      .join("; ");
    out.push(
      `  cilium: ${a.cilium.chart.chart} ${a.cilium.chart.version}, ${mode}, IPv6 masquerade off, cluster-pool ${pools}`,
    );
  }
  if (a.cloudControllerManager)
    out.push(
      `  cloud-controller-manager: ${a.cloudControllerManager.image}, NodeIPFamilies ${a.cloudControllerManager.nodeIPFamilies.join(", ")}`,
    );
  if (a.coreDNS)
    out.push(
      `  coredns: Corefile for DNS service ${a.coreDNS.dnsServiceIP}${a.coreDNS.bind ? `, bind ${a.coreDNS.bind}` : ""}, dns64 ${a.coreDNS.dns64 ? "on (64:ff9b::/96)" : "off"}`,
    );
  return out;
}
