/** The add-on part of the plan as text: what would be installed, with the settings that matter for IPv6. */
import type { AddonsPlan } from "../core/addons";

/** A Cilium cluster pool: its blocks and the mask each node gets. */
const clusterPool = (cidrs: string[] | undefined, mask: number | undefined) =>
  cidrs ? `${cidrs.join(",")} per node /${mask}` : "";

/** The add-ons as text lines: a heading, then one line (or two) per add-on; none when none is requested. */
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
    const op = v.ipam.operator;
    const pools = [
      clusterPool(op.clusterPoolIPv6PodCIDRList, op.clusterPoolIPv6MaskSize),
      clusterPool(op.clusterPoolIPv4PodCIDRList, op.clusterPoolIPv4MaskSize),
    ]
      .filter(Boolean)
      .join("; ");
    const chart = `${a.cilium.chart.chart} ${a.cilium.chart.version}`;
    out.push(`  cilium: ${chart}, ${mode}, IPv6 masquerade off, cluster-pool ${pools}`);
  }
  const ccm = a.cloudControllerManager;
  if (ccm) out.push(`  cloud-controller-manager: ${ccm.image}, NodeIPFamilies ${ccm.nodeIPFamilies.join(", ")}`);
  const dns = a.coreDNS;
  if (dns)
    out.push(
      `  coredns: Corefile for DNS service ${dns.dnsServiceIP}${dns.bind ? `, bind ${dns.bind}` : ""},` +
        ` dns64 ${dns.dns64 ? "on (64:ff9b::/96)" : "off"}`,
    );
  return out;
}
