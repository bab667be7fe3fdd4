/**
 * The cluster add-ons as plain data, derived from the same Kubernetes plan as the network so that pod
 * CIDRs and families can never disagree: which add-ons the config asks for, each one's settings and
 * manifests, and the findings about them. Whether they are installed depends on the kubeconfig only; the
 * plan is computed either way, so `npm run plan` shows what would be installed.
 */
import { at, error, warning, type Finding } from "../findings";
import { contains, parseCidr } from "../ip";
import { SecretText } from "../secret";
import type { StackConfig } from "../schema";
import type { KubernetesPlan } from "../types";
import { rangePath } from "../kubernetes";
import { planCalico, type CalicoPlan } from "./calico";
import { planCloudControllerManager, type CcmPlan } from "./ccm";
import { planCilium, type CiliumPlan } from "./cilium";
import { planCoreDns, type CoreDnsPlan } from "./coredns";

export type AddonName = "calico" | "cilium" | "cloud-controller-manager" | "coredns";

export interface AddonsPlan {
  /** True when a kubeconfig is configured: only then are the add-ons created. */
  install: boolean;
  /**
   * The kubeconfig of the cluster the add-ons go into (with `install`), as the config gave it: the
   * program's stack config or an inline program's config object alike. Redacted in every report.
   */
  kubeconfig?: SecretText;
  /** The add-ons the config asks for, in install order. */
  requested: AddonName[];
  calico?: CalicoPlan;
  cilium?: CiliumPlan;
  cloudControllerManager?: CcmPlan;
  coreDNS?: CoreDnsPlan;
}

/** Unique-local IPv6 (RFC 4193): not routed by the VPC, its egress-only gateway or NAT64. */
const ULA = parseCidr("fc00::/7");

export function planAddons(config: StackConfig, k8s: KubernetesPlan): { plan: AddonsPlan; findings: Finding[] } {
  const k = config.kubernetes ?? {};
  const findings: Finding[] = [];
  const plan: AddonsPlan = { install: k8s.hasKubeconfig, requested: [] };
  // Carried in the plan so that every way of running the program (index.ts, an inline program) installs
  // into the cluster its own config names, never one read again from elsewhere. A still-encrypted
  // `{ secure: ... }` only reaches here offline, where the provider never connects.
  if (k8s.hasKubeconfig && k.kubeconfig !== undefined)
    plan.kubeconfig = new SecretText(typeof k.kubeconfig === "string" ? k.kubeconfig : JSON.stringify(k.kubeconfig));

  for (const cni of ["calico", "cilium"] as const) {
    if (k[cni] !== undefined && k8s.cni !== cni) {
      findings.push(
        error(
          "ADDON_CONFIG_UNUSED",
          at("kubernetes", cni),
          k[cni],
          `kubernetes.${cni} is set but kubernetes.cni is ${k8s.cni}, so it would be ignored`,
          `set kubernetes.cni: ${cni}, or remove kubernetes.${cni}`,
        ),
      );
    }
  }

  if (k8s.cni === "calico") {
    const calico = planCalico(config, k8s);
    findings.push(...calico.findings);
    plan.calico = calico.plan;
    plan.requested.push("calico");
    if (calico.plan.encapsulation === "None")
      findings.push(
        nativeRouting(at("kubernetes", "calico", "encapsulation"), "None", "use encapsulation VXLAN (the default)"),
      );
  } else if (k8s.cni === "cilium") {
    const cilium = planCilium(config, k8s);
    findings.push(...cilium.findings);
    plan.cilium = cilium.plan;
    plan.requested.push("cilium");
    if (cilium.plan.routingMode === "native")
      findings.push(
        nativeRouting(at("kubernetes", "cilium", "routingMode"), "native", "use routingMode tunnel (the default)"),
      );
  }

  if (k8s.cni !== "none" && ULA.ok) {
    k8s.podCIDRs.forEach((cidr, i) => {
      const p = parseCidr(cidr);
      if (p.ok && contains(ULA.block, p.block)) {
        findings.push(
          warning(
            "ADDONS_POD_IPV6_NOT_ROUTABLE",
            rangePath(k, "podCIDRs", i),
            cidr,
            `the IPv6 pod range is unique-local and ${k8s.cni} does not masquerade IPv6 (CNIs must not): pods reach each other and services over IPv6, but the VPC, its egress-only gateway and NAT64 do not route their addresses`,
            "for IPv6 egress from pods, give them addresses the VPC routes (e.g. node prefixes from the subnets' IPv6 blocks); cluster-internal IPv6 needs nothing more",
          ),
        );
      }
    });
  }

  if (k8s.cloudControllerManager) {
    plan.cloudControllerManager = planCloudControllerManager(k8s);
    plan.requested.push("cloud-controller-manager");
  }

  const dns64 = k.dns64 ?? false;
  if (dns64 && k.coreDNS === false) {
    findings.push(
      error(
        "COREDNS_DNS64_CONFLICT",
        at("kubernetes", "dns64"),
        true,
        "dns64 is a CoreDNS plugin, but kubernetes.coreDNS is false",
        "set kubernetes.coreDNS: true (or leave it out), or remove kubernetes.dns64",
      ),
    );
  }
  if (dns64 && !k8s.singleStackIPv6) {
    findings.push(
      error(
        "COREDNS_DNS64_NOT_IPV6_ONLY",
        at("kubernetes", "dns64"),
        true,
        `the cluster's pods have ${k8s.ipFamilies.includes("ipv4") ? "IPv4 addresses and reach IPv4-only names directly" : "no IPv6 addresses"}; synthesized AAAA records would only detour through NAT64`,
        "use dns64 only with a single IPv6 pod CIDR, or remove it",
      ),
    );
  }
  if (k.coreDNS === true || dns64) {
    plan.coreDNS = planCoreDns(k8s, dns64);
    plan.requested.push("coredns");
  }

  if (plan.requested.length > 0 && !plan.install) {
    findings.push(
      warning(
        "ADDONS_SKIPPED_NO_KUBECONFIG",
        at("kubernetes", "kubeconfig"),
        undefined,
        `no kubeconfig: ${plan.requested.join(", ")} planned but not installed (only the network is deployed)`,
        "pulumi config set --secret --path 'ipv6-cluster-network:kubernetes.kubeconfig' \"$(cat kubeconfig)\", then pulumi up",
      ),
    );
  }
  return { plan, findings };
}

/** Traffic the CNI needs between nodes, for the security groups (the add-on plan owns this decision). */
export interface CniTraffic {
  protocol: "tcp" | "udp";
  port: number;
  description: string;
}

export function cniTraffic(plan: AddonsPlan): CniTraffic[] {
  const out: CniTraffic[] = [];
  const c = plan.calico;
  if (c && c.encapsulation.startsWith("VXLAN")) out.push({ protocol: "udp", port: 4789, description: "Calico VXLAN" });
  if (c && c.bgp) out.push({ protocol: "tcp", port: 179, description: "Calico BGP" });
  if (plan.cilium && plan.cilium.routingMode === "tunnel")
    out.push({ protocol: "udp", port: 8472, description: "Cilium VXLAN" });
  return out;
}

/**
 * Whether packets between nodes can carry pod addresses: no encapsulation (Calico None, Cilium native),
 * or none within a subnet (Calico's *CrossSubnet modes). A security group that references itself only
 * matches the nodes' own addresses, so the groups then have to admit the pod ranges too.
 */
export function podAddressesBetweenNodes(plan: AddonsPlan): boolean {
  const enc = plan.calico?.encapsulation;
  return enc === "None" || enc?.endsWith("CrossSubnet") === true || plan.cilium?.routingMode === "native";
}

function nativeRouting(path: string, value: string, alternative: string): Finding {
  return warning(
    "ADDONS_NATIVE_ROUTING",
    path,
    value,
    "without encapsulation, packets between nodes carry pod addresses: AWS drops them unless every node's source/destination check is off and the VPC route tables (or BGP peers) know each node's pod range, neither of which this stack manages",
    `${alternative}, or disable the source/destination check on the nodes and route the pod ranges yourself`,
  );
}
