/**
 * The cluster add-ons as plain data, derived from the same Kubernetes plan as the network so that pod
 * CIDRs and families can never disagree: which add-ons the config asks for, each one's settings and
 * manifests, and the findings about them. Whether they are installed depends on the kubeconfig only; the
 * plan is computed either way, so `npm run plan` shows what would be installed.
 */
import { at, finding, type Finding } from "../findings";
import { contains, parseCidr } from "../ip";
import { SecretText } from "../secret";
import type { StackConfig } from "../schema";
import type { KubernetesPlan } from "../types";
import { rangePath } from "../kubernetes";
import { planCalico, type CalicoPlan } from "./calico";
import { planCloudControllerManager, type CcmPlan } from "./cloud-controller-manager";
import { planCilium, type CiliumPlan } from "./cilium";
import { planCoreDns, type CoreDnsPlan } from "./coredns";

/** An add-on this project can install into the cluster. */
export type AddonName = "calico" | "cilium" | "cloud-controller-manager" | "coredns";

/**
 * The cluster add-ons as planned from `kubernetes`: which ones the config asks for, and each one's settings and
 * manifests. Planned with or without a kubeconfig (so the plan shows them); installed only with one.
 */
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
  /** Calico's plan, with `cni: calico`. */
  calico?: CalicoPlan;
  /** Cilium's plan, with `cni: cilium`. */
  cilium?: CiliumPlan;
  /** The AWS cloud-controller-manager's plan, with `cloudControllerManager: true`. */
  cloudControllerManager?: CcmPlan;
  /** CoreDNS's Corefile, with `coreDNS: true` or `dns64: true`. */
  coreDNS?: CoreDnsPlan;
}

/** Unique-local IPv6 (RFC 4193): not routed by the VPC, its egress-only gateway or NAT64. */
const ULA = parseCidr("fc00::/7");

type KubernetesConfig = NonNullable<StackConfig["kubernetes"]>;

/** The add-on plan from the cluster plan: which add-ons, each one's settings, and the findings about them. */
export function planAddons(config: StackConfig, k8s: KubernetesPlan): { plan: AddonsPlan; findings: Finding[] } {
  const k = config.kubernetes;
  const plan: AddonsPlan = { install: k8s.hasKubeconfig, requested: [] };
  const kubeconfig = kubeconfigOf(k, k8s);
  if (kubeconfig) plan.kubeconfig = kubeconfig;
  const findings = [...unusedCniSettings(k, k8s), ...planCni(config, k8s, plan), ...uniqueLocalPodRanges(k, k8s)];
  if (k8s.cloudControllerManager) {
    plan.cloudControllerManager = planCloudControllerManager(k8s);
    plan.requested.push("cloud-controller-manager");
  }
  findings.push(...planDns(k, k8s, plan));
  if (plan.requested.length > 0 && !plan.install) {
    const requested = plan.requested.join(", ");
    findings.push(finding("ADDONS_SKIPPED_NO_KUBECONFIG", at("kubernetes", "kubeconfig"), undefined, { requested }));
  }
  return { plan, findings };
}

/**
 * The kubeconfig the add-ons are installed with, when they are. Carried in the plan so that every way of
 * running the program (index.ts, an inline program) installs into the cluster its own config names, never
 * one read again from elsewhere. A still-encrypted `{ secure: ... }` only reaches here offline, where the
 * provider never connects.
 */
function kubeconfigOf(k: KubernetesConfig, k8s: KubernetesPlan): SecretText | undefined {
  if (!k8s.hasKubeconfig || k.kubeconfig === undefined) return undefined;
  return new SecretText(typeof k.kubeconfig === "string" ? k.kubeconfig : JSON.stringify(k.kubeconfig));
}

/** Whether a CNI's settings are given while another CNI is chosen (they would be ignored). */
function unusedCniSettings(k: KubernetesConfig, k8s: KubernetesPlan): Finding[] {
  const findings: Finding[] = [];
  for (const cni of ["calico", "cilium"] as const) {
    if (k[cni] !== undefined && k8s.cni !== cni)
      findings.push(finding("ADDON_CONFIG_UNUSED", at("kubernetes", cni), k[cni], { addon: cni, cni: k8s.cni }));
  }
  return findings;
}

/** The chosen CNI's plan, into `plan`; its findings, and a warning when it routes pod addresses natively. */
function planCni(config: StackConfig, k8s: KubernetesPlan, plan: AddonsPlan): Finding[] {
  if (k8s.cni === "calico") {
    const calico = planCalico(config, k8s);
    plan.calico = calico.plan;
    plan.requested.push("calico");
    if (calico.plan.encapsulation !== "None") return calico.findings;
    const path = at("kubernetes", "calico", "encapsulation");
    return [...calico.findings, finding("ADDONS_NATIVE_ROUTING", path, "None", { cni: "calico" })];
  }
  if (k8s.cni === "cilium") {
    const cilium = planCilium(config, k8s);
    plan.cilium = cilium.plan;
    plan.requested.push("cilium");
    if (cilium.plan.routingMode !== "native") return cilium.findings;
    const path = at("kubernetes", "cilium", "routingMode");
    return [...cilium.findings, finding("ADDONS_NATIVE_ROUTING", path, "native", { cni: "cilium" })];
  }
  return [];
}

/** Whether a CNI gives pods unique-local IPv6 addresses, which nothing outside the cluster routes. */
function uniqueLocalPodRanges(k: KubernetesConfig, k8s: KubernetesPlan): Finding[] {
  if (k8s.cni === "none" || !ULA.ok) return [];
  const findings: Finding[] = [];
  k8s.podCIDRs.forEach((cidr, i) => {
    const p = parseCidr(cidr);
    if (p.ok && contains(ULA.block, p.block))
      findings.push(finding("ADDONS_POD_IPV6_NOT_ROUTABLE", rangePath(k, "podCIDRs", i), cidr, { cni: k8s.cni }));
  });
  return findings;
}

/** CoreDNS's plan, into `plan`, when asked for or needed by dns64; and whether dns64 fits the cluster. */
function planDns(k: KubernetesConfig, k8s: KubernetesPlan, plan: AddonsPlan): Finding[] {
  const findings: Finding[] = [];
  const dns64 = k.dns64;
  if (dns64 && k.coreDNS === false) findings.push(finding("COREDNS_DNS64_CONFLICT", at("kubernetes", "dns64"), true));
  if (dns64 && !k8s.singleStackIPv6) {
    const podsHaveIpv4 = k8s.ipFamilies.includes("ipv4");
    findings.push(finding("COREDNS_DNS64_NOT_IPV6_ONLY", at("kubernetes", "dns64"), true, { podsHaveIpv4 }));
  }
  if (k.coreDNS === true || dns64) {
    plan.coreDNS = planCoreDns(k8s, dns64);
    plan.requested.push("coredns");
  }
  return findings;
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
