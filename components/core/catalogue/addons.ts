/**
 * Rules of the cluster add-ons (components/core/addons/): what Calico itself refuses, quoted in Calico's own
 * words, add-on settings that would be ignored, DNS64 in CoreDNS, and what installing the add-ons needs.
 */
import type { Family } from "../ip";
import { group, rule } from "./rule";

/** Calico's own error text, quoted verbatim: the words a user sees again in the operator's status. */
const calicoSays = (reason: string) => `Calico refuses it: "${reason}"`;
const CALICO_REFUSES = "Calico itself refuses it, and the message quotes Calico (see [Calico](addons.md#calico))";
const FAMILY_LABEL: Record<Family, string> = { ipv6: "IPv6", ipv4: "IPv4" };

type Cni = "calico" | "cilium";

/** The setting that keeps packets between nodes encapsulated, per CNI. */
const ENCAPSULATED: Record<Cni, string> = {
  calico: "use encapsulation VXLAN (the default)",
  cilium: "use routingMode tunnel (the default)",
};

export const ADDONS = group("Cluster add-ons: Calico, Cilium, CoreDNS", {
  CALICO_IPIP_ON_IPV6_POOL: rule<{ cidr: string }>({
    severity: "error",
    when: `IPIP encapsulation with an IPv6 pod CIDR: ${CALICO_REFUSES}`,
    message: (p) =>
      `${calicoSays(`IPIP encapsulation is not supported by IPv6 pools, but it is set for ${p.cidr}`)}; ` +
      "IP-in-IP only carries IPv4 packets",
    fix: () => "use encapsulation VXLAN (the default), or None with bgp: true",
  }),
  CALICO_BLOCK_SIZE_OUT_OF_RANGE: rule<{ min: number; max: number; default: number }>({
    severity: "error",
    when: `\`blockSize\` (IPv6) or \`blockSizeIPv4\` outside the range the Tigera operator accepts: ${CALICO_REFUSES}`,
    message: (p) => calicoSays(`ipPool.blockSize must be greater than ${p.min - 1} and less than or equal to ${p.max}`),
    fix: (p) => `use a block size from ${p.min} to ${p.max} (default ${p.default})`,
  }),
  CALICO_POOL_SMALLER_THAN_BLOCK: rule<{ cidr: string; poolLen: number; blockSize: number }>({
    severity: "error",
    when: `a pod CIDR smaller than the IPAM block size of its family: ${CALICO_REFUSES}`,
    message: (p) =>
      `${calicoSays("IP pool size is too small. It must be equal to or greater than the block size.")} ` +
      `(pool ${p.cidr}, block /${p.blockSize})`,
    fix: (p) => `use a block size of at least ${p.poolLen}, or a pod CIDR of /${p.blockSize} or shorter`,
  }),
  CALICO_POOL_LINK_LOCAL: rule<{ family: Family; linkLocal: string }>({
    severity: "error",
    when: `a pod CIDR overlapping the link-local range of its family: ${CALICO_REFUSES}`,
    message: (p) => calicoSays(`IP pool range overlaps with ${FAMILY_LABEL[p.family]} Link Local range ${p.linkLocal}`),
    fix: (p) =>
      p.family === "ipv6"
        ? "use a unique-local (fd00::/8) or global pod range, e.g. fd00:10:244::/56"
        : "use a private pod range, e.g. 10.244.0.0/16",
  }),
  CALICO_ENCAPSULATION_NEEDS_BGP: rule<{ encapsulation: string }>({
    severity: "error",
    when: `\`encapsulation: None\` or IPIP without \`bgp: true\`: ${CALICO_REFUSES}`,
    message: (p) =>
      calicoSays(
        p.encapsulation === "None"
          ? "Unencapsulated IP pools require that BGP is enabled"
          : "IPIP encapsulation requires that BGP is enabled",
      ) + "; without BGP no node learns the other nodes' pod routes",
    fix: () => "set kubernetes.calico.bgp: true (and allow TCP 179 between nodes), or use encapsulation VXLAN",
  }),
  ADDON_CONFIG_UNUSED: rule<{ addon: Cni; cni: string }>({
    severity: "error",
    when: "`kubernetes.calico` or `kubernetes.cilium` set while another CNI is chosen",
    message: (p) => `kubernetes.${p.addon} is set but kubernetes.cni is ${p.cni}, so it would be ignored`,
    fix: (p) => `set kubernetes.cni: ${p.addon}, or remove kubernetes.${p.addon}`,
  }),
  COREDNS_DNS64_NOT_IPV6_ONLY: rule<{ podsHaveIpv4: boolean }>({
    severity: "error",
    when: "`dns64` outside an IPv6 single-stack cluster",
    message: (p) =>
      "the cluster's pods have " +
      (p.podsHaveIpv4 ? "IPv4 addresses and reach IPv4-only names directly" : "no IPv6 addresses") +
      "; synthesized AAAA records would only detour through NAT64",
    fix: () => "use dns64 only with a single IPv6 pod CIDR, or remove it",
  }),
  COREDNS_DNS64_CONFLICT: rule({
    severity: "error",
    when: "`dns64` with `coreDNS: false`",
    message: () => "dns64 is a CoreDNS plugin, but kubernetes.coreDNS is false",
    fix: () => "set kubernetes.coreDNS: true (or leave it out), or remove kubernetes.dns64",
  }),
  ADDONS_SKIPPED_NO_KUBECONFIG: rule<{ requested: string }>({
    severity: "warning",
    when:
      "add-ons configured, no kubeconfig: not installed " + "([Cluster add-ons](addons.md#when-add-ons-are-installed))",
    message: (p) => `no kubeconfig: ${p.requested} planned but not installed (only the network is deployed)`,
    fix: () =>
      "pulumi config set --secret --path 'ipv6-cluster-network:kubernetes.kubeconfig' \"$(cat kubeconfig)\", " +
      "then pulumi up",
  }),
  ADDONS_POD_IPV6_NOT_ROUTABLE: rule<{ cni: string }>({
    severity: "warning",
    when:
      "a CNI is chosen and the IPv6 pod range is unique-local (`fc00::/7`): neither CNI masquerades IPv6, and " +
      "the VPC, its egress-only gateway and NAT64 do not route pod addresses " +
      "([Unique-local pod addresses](addons.md#unique-local-pod-addresses-addons_pod_ipv6_not_routable))",
    message: (p) =>
      `the IPv6 pod range is unique-local and ${p.cni} does not masquerade IPv6 (CNIs must not): pods reach ` +
      "each other and services over IPv6, but the VPC, its egress-only gateway and NAT64 do not route their " +
      "addresses",
    fix: () =>
      "for IPv6 egress from pods, give them addresses the VPC routes (e.g. node prefixes from the subnets' " +
      "IPv6 blocks); cluster-internal IPv6 needs nothing more",
  }),
  ADDONS_NATIVE_ROUTING: rule<{ cni: Cni }>({
    severity: "warning",
    when:
      "Calico `encapsulation: None` or Cilium `routingMode: native`: packets between nodes carry pod addresses " +
      "([Native routing](addons.md#native-routing-addons_native_routing))",
    message: () =>
      "without encapsulation, packets between nodes carry pod addresses: AWS drops them unless every node's " +
      "source/destination check is off and the VPC route tables (or BGP peers) know each node's pod range, " +
      "neither of which this stack manages",
    fix: (p) =>
      `${ENCAPSULATED[p.cni]}, or disable the source/destination check on the nodes and route the pod ranges ` +
      "yourself",
  }),
});
