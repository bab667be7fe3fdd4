/**
 * kOps on this network: a Cluster (kops.k8s.io/v1alpha2) in this VPC with its subnets shared by id, an IPv6 cluster
 * as kOps builds one, and an instance group per control-plane subnet and per node zone, for `kops create -f`.
 *
 * Facts from kubernetes/kops@268927e26409f861634e18f3632c9dd483c350cf (docs/networking/ipv6.md,
 * docs/run_in_existing_vpc.md, pkg/apis/kops/v1alpha2/cluster.go, pkg/apis/kops/validation/validation.go,
 * pkg/model/components/kubecontrollermanager.go, pkg/model/components/cilium.go):
 * - `nonMasqueradeCIDR: ::/0` makes the cluster IPv6 (validation.go L1189: an IPv6 one must be exactly ::/0); pods
 *   are IPv6-only, nodes dual-stack; each node's pods take a /80 of its subnet (kops-controller's IPAM:
 *   IsKopsControllerIPAM, `-nodeipam` in kube-controller-manager), so the spec has no pod range.
 * - IPv6 needs the external cloud-controller-manager (`cloudControllerManager: {}`) and AWS.
 * - A shared VPC must already have an IPv6 block; kOps associates none to a VPC it does not own
 *   (pkg/model/awsmodel/network.go: the VPCAmazonIPv6CIDRBlock task only `if !sharedVPC`).
 * - `ipv6CIDR` may be `/LEN#N` (the N-th, hexadecimal, block of length LEN of the VPC's IPv6 block).
 * - Calico on IPv6 needs `encapsulationMode: none` and `awsSrcDstCheck: DoNothing` (validation.go L1720, L1757);
 *   Cilium's tunnel defaults to disabled on IPv6 (cilium.go).
 * - etcd: an odd number of members (validation.go validateEtcdClusterSpec).
 * - In v1alpha2 `DisableSubnetTags: true` keeps kOps from tagging shared subnets (conversion.go: it is stored
 *   inverted as Networking.TagSubnets): this stack owns its subnets' tags, and kOps' would be drift to Pulumi.
 * - With DNS type None the API is reached through kOps' own load balancer, and a name needs no dot (validation.go
 *   newValidateCluster).
 */
import { finding, type Finding } from "../findings";
import type { NetworkPlan } from "../network-plan";
import type { SubnetType } from "../enums";
import type { SubnetPlan } from "../types";
import { byZone, controlPlaneGroupNames, controlPlaneSubnets, egressOf, nodeSubnets, specOf } from "./common";
import { NetworkValues, placeholder, type InstallerCheckInput, type InstallerInput, type RenderedSpec } from "./types";

const API_VERSION = "kops.k8s.io/v1alpha2";
const KOPS = "kOps";

/** kOps' subnet type of each kind; a PrivateIPv4 subnet has none in an IPv6 cluster (it is left out). */
const KOPS_TYPE: Partial<Record<SubnetType, string>> = {
  Utility: "Utility",
  Public: "Public",
  DualStack: "DualStack",
  Private: "Private",
};

/** The kinds kOps takes. */
const kept = (s: Pick<SubnetPlan, "type">) => KOPS_TYPE[s.type] !== undefined;

/** Settings of this stack that kOps replaces with its own on IPv6, each with why and what to do. */
const NOT_USED: Record<string, { why: string; fix: string }> = {
  podCIDRs: {
    why: "each node's pods take a /80 of its subnet's IPv6 block (kops-controller's IPAM), so pods have VPC addresses",
    fix: "nothing for kOps; remove kubernetes.podCIDRs if no other installer is listed",
  },
  nodeCIDRMaskSize: {
    why: "each node gets one /80 prefix of its subnet for its pods",
    fix: "nothing for kOps; remove kubernetes.nodeCIDRMaskSize if no other installer is listed",
  },
  calico: {
    why: "kOps runs Calico without encapsulation on IPv6 (encapsulationMode none, awsSrcDstCheck DoNothing)",
    fix: "remove kubernetes.calico; kOps' spec sets Calico's IPv6 mode",
  },
  cilium: {
    why: "kOps runs Cilium with its tunnel disabled on IPv6 (native routing of the pods' VPC addresses)",
    fix: "remove kubernetes.cilium; kOps' spec sets Cilium's IPv6 mode",
  },
};

/** The add-ons kOps installs that this stack would install too. */
function doubleAddons(c: InstallerCheckInput): string[] {
  const k = c.kubernetes;
  if (!k.hasKubeconfig) return [];
  const out: string[] = [];
  if (k.cni !== "none") out.push(k.cni === "calico" ? "Calico" : "Cilium");
  if (k.cloudControllerManager) out.push("the AWS cloud-controller-manager");
  return out;
}

/** What kOps would refuse, or a spec of this stack cannot say to it. */
export function kopsFindings(c: InstallerCheckInput): Finding[] {
  const out: Finding[] = [];
  const k8s = c.config.kubernetes;
  if (!c.vpc.ipv6) out.push(finding("KOPS_VPC_WITHOUT_IPV6", "vpc.ipv6", undefined));
  if (!c.kubernetes.singleStackIPv6) {
    const families = c.kubernetes.ipFamilies.map((f) => (f === "ipv6" ? "IPv6" : "IPv4")).join(" and ");
    out.push(finding("KOPS_POD_FAMILIES", "kubernetes.podCIDRs", c.kubernetes.podCIDRs, { families }));
  }
  // One control-plane instance group (and etcd member) per control-plane subnet kOps takes.
  const cp = c.controlPlaneSubnets.filter((n) => c.subnets.some((s) => s.name === n && kept(s)));
  // kOps refuses an even number of etcd members, and none ("No members defined in etcd cluster").
  if (cp.length % 2 === 0) {
    const p = { count: cp.length, subnets: cp.join(", ") || "none" };
    out.push(finding("KOPS_EVEN_CONTROL_PLANE", "nodes.controlPlaneSubnets", c.config.nodes?.controlPlaneSubnets, p));
  }
  const addons = doubleAddons(c);
  if (addons.length) {
    const [path, value] =
      k8s.cni !== "none" ? ["kubernetes.cni", k8s.cni] : ["kubernetes.cloudControllerManager", true];
    out.push(finding("KOPS_ADDON_INSTALLED_TWICE", path, value, { addons: addons.join(" and ") }));
  }
  for (const s of c.subnets) {
    if (!c.vpc.ipv6 || kept(s)) continue;
    const path = s.path.startsWith("subnets[") ? `${s.path}.type` : s.path;
    out.push(finding("KOPS_SUBNET_LEFT_OUT", path, s.type, { subnet: s.name }));
  }
  for (const [key, p] of Object.entries(NOT_USED)) {
    const value = (k8s as Record<string, unknown>)[key];
    if (value !== undefined)
      out.push(
        finding("INSTALLER_SETTING_NOT_USED", `kubernetes.${key}`, value, {
          installer: KOPS,
          key: `kubernetes.${key}`,
          ...p,
        }),
      );
  }
  if (c.apiLoadBalancer) {
    const p = { installer: KOPS, field: "spec.api.loadBalancer" };
    out.push(finding("INSTALLER_OWN_API_LOAD_BALANCER", "apiLoadBalancer", c.config.apiLoadBalancer, p));
  }
  return out;
}

/** A subnet as kOps shares it: by id, with its blocks (`/LEN#N` until the VPC's block is known) and egress. */
function kopsSubnet(s: SubnetPlan, v: NetworkValues): Record<string, unknown> {
  const v6 = s.ipv6 && (v.subnetIpv6Block(s) ?? `/${s.ipv6.prefixLength}#${s.ipv6.index.toString(16)}`);
  return {
    name: s.name,
    zone: s.zone,
    type: KOPS_TYPE[s.type],
    id: v.subnetId(s),
    cidr: s.cidrBlock,
    ipv6CIDR: v6,
    egress: egressOf(s, v),
  };
}

/** The CNI kOps installs: this stack's choice in kOps' IPv6 mode, or bring-your-own (`cni: {}`). */
function networking(plan: NetworkPlan): Record<string, unknown> {
  switch (plan.kubernetes.cni) {
    case "calico":
      return { calico: { encapsulationMode: "none", awsSrcDstCheck: "DoNothing" } };
    case "cilium":
      return { cilium: {} };
    default:
      return { cni: {} };
  }
}

/** kOps' own API load balancer: a network load balancer with this stack's scheme, in its subnets. */
function apiSpec(plan: NetworkPlan): Record<string, unknown> {
  const lb = plan.edge.apiLoadBalancer;
  const names = new Set(plan.subnets.filter(kept).map((s) => s.name));
  const subnets = (lb?.subnets ?? []).filter((n) => names.has(n)).map((name) => ({ name }));
  const type = lb?.scheme === "internal" ? "Internal" : "Public";
  return { loadBalancer: { class: "Network", type, ...(subnets.length ? { subnets } : {}) } };
}

/** The Cluster object. */
function cluster(input: InstallerInput, v: NetworkValues, groups: Map<string, string>): Record<string, unknown> {
  const { plan, clusterName } = input;
  const members = [...groups].map(([subnet, group]) => ({ name: subnet, instanceGroup: group }));
  const spec: Record<string, unknown> = {
    cloudProvider: "aws",
    kubernetesVersion: placeholder("Kubernetes version, 1.22 or later", "user"),
    networkID: v.vpcId(),
    networkCIDR: plan.vpc.cidrBlock,
    nonMasqueradeCIDR: "::/0",
    serviceClusterIPRange: plan.kubernetes.serviceCIDRs[0],
    cloudControllerManager: {},
    networking: networking(plan),
    topology: { dns: { type: "None" } },
    api: apiSpec(plan),
    etcdClusters: ["main", "events"].map((name) => ({ name, etcdMembers: members })),
    DisableSubnetTags: true,
    ...(Object.keys(plan.tags).length ? { cloudLabels: plan.tags } : {}),
    subnets: plan.subnets.filter(kept).map((s) => kopsSubnet(s, v)),
  };
  return { apiVersion: API_VERSION, kind: "Cluster", metadata: { name: clusterName }, spec };
}

/** An instance group of the cluster in the given subnets. */
function group(clusterName: string, name: string, role: string, subnets: string[]): Record<string, unknown> {
  return {
    apiVersion: API_VERSION,
    kind: "InstanceGroup",
    metadata: { name, labels: { "kops.k8s.io/cluster": clusterName } },
    spec: { role, subnets, minSize: 1, maxSize: 1 },
  };
}

/** The kOps spec: the Cluster, one control-plane instance group per control-plane subnet, one node group per zone. */
export function renderKops(input: InstallerInput): RenderedSpec {
  const { plan, clusterName } = input;
  const v = new NetworkValues(input);
  const cp = controlPlaneSubnets(plan).filter(kept);
  const groups = controlPlaneGroupNames(cp);
  const nodes = [...byZone(nodeSubnets(plan).filter(kept))].map(([zone, subnets]) =>
    group(
      clusterName,
      `nodes-${zone}`,
      "Node",
      subnets.map((s) => s.name),
    ),
  );
  return specOf("kops", [
    cluster(input, v, groups),
    ...[...groups].map(([subnet, name]) => group(clusterName, name, "ControlPlane", [subnet])),
    ...nodes,
  ]);
}
