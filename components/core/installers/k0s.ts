/**
 * k0s on this network: a k0sctl Cluster (k0sctl.k0sproject.io/v1beta1) with the k0s ClusterConfig
 * (k0s.k0sproject.io/v1beta1) of this network embedded, for `k0sctl apply`: the pod and service ranges, the node
 * masks, the API load balancer as the external address, and a controller per control-plane subnet and a worker
 * per node subnet, whose SSH addresses are the user's.
 *
 * Facts from k0sproject/k0s@dff90cee9a6e8e22c6d0f3efef0f9a77fc223be4 (pkg/apis/k0s/v1beta1/network.go,
 * docs/single-stack-ipv6.md, docs/dual-stack.md, docs/feature-gates.md, pkg/config/cli.go) and
 * k0sproject/k0sctl@f4005b6b9b22f72ba700b5ee17e9852e5d691193 (README.md, pkg/apis/k0sctl.k0sproject.io/v1beta1):
 * - IPv6 single-stack: `podCIDR` and `serviceCIDR` both IPv6, dual-stack off, and every controller started with
 *   `--feature-gates=IPv6SingleStack=true` (Alpha since 1.34); Network.Validate refuses an IPv6 `serviceCIDR`
 *   longer than /108 ("IPv6 service CIDR prefix must be <= 108", commit 29548b05), kube-apiserver one shorter.
 * - Dual-stack: `podCIDR`/`serviceCIDR` are the IPv4 ranges and `dualStack.IPv6podCIDR`/`IPv6serviceCIDR` the IPv6
 *   ones, whatever the primary family; `primaryAddressFamily` orders them for Kubernetes (BuildServiceCIDR,
 *   BuildPodCIDR), and is IPv4 when not given and the external address is a host name.
 * - Node masks through `controllerManager.extraArgs` (`node-cidr-mask-size`, or `-ipv6`/`-ipv4` in dual-stack).
 * - `provider: custom` leaves the CNI to this stack's add-on; k0s' default, kube-router, does not pass the network
 *   conformance tests on IPv6 (single-stack-ipv6.md).
 * - `--enable-cloud-provider` on a worker runs its kubelet for an external cloud-controller-manager.
 */
import { controlPlaneFlags } from "../kubeadm";
import { finding, type Finding } from "../findings";
import { formatBlock, parseCidr } from "../ip";
import { rangePath } from "../kubernetes";
import type { NetworkPlan } from "../network-plan";
import type { SubnetPlan } from "../types";
import { controlPlaneSubnets, nodeSubnets, specOf } from "./common";
import {
  NetworkValues,
  placeholder,
  rangesByFamily,
  type InstallerCheckInput,
  type InstallerInput,
  type RenderedSpec,
} from "./types";

/** The only IPv6 single-stack service prefix both k0s and kube-apiserver accept. */
const K0S_IPV6_SERVICE_PREFIX = 108;

/** What k0s would refuse or break on. */
export function k0sFindings(c: InstallerCheckInput): Finding[] {
  const out: Finding[] = [];
  const k = c.kubernetes;
  const svc = k.serviceCIDRs[0];
  const parsed = svc === undefined ? undefined : parseCidr(svc);
  if (k.singleStackIPv6 && parsed?.ok && parsed.block.family === "ipv6") {
    if (parsed.block.len !== K0S_IPV6_SERVICE_PREFIX) {
      const example = formatBlock({ ...parsed.block, len: K0S_IPV6_SERVICE_PREFIX });
      const path = rangePath(c.config.kubernetes, "serviceCIDRs", 0);
      out.push(finding("K0S_SERVICE_CIDR_NOT_108", path, svc, { range: svc, example }));
    }
  }
  if (k.cni === "none" && k.ipFamilies.includes("ipv6"))
    out.push(finding("K0S_KUBE_ROUTER_IPV6", "kubernetes.cni", c.config.kubernetes.cni));
  return out;
}

/**
 * The ClusterConfig's network: the ranges in k0s' fields, the primary family, the CNI; without the API load
 * balancer and with several controllers, k0s' node-local load balancing (each worker reaches every controller).
 */
function network(plan: NetworkPlan): Record<string, unknown> {
  const k = plan.kubernetes;
  const r = rangesByFamily(k);
  const provider = k.cni === "none" ? "kuberouter" : "custom";
  const primaryAddressFamily = k.ipFamilies[0] === "ipv6" ? "IPv6" : "IPv4";
  const nllb =
    !plan.edge.apiLoadBalancer && controlPlaneSubnets(plan).length > 1
      ? { nodeLocalLoadBalancing: { enabled: true, type: "EnvoyProxy" } }
      : {};
  if (k.ipFamilies.length === 1) {
    const f = r[k.ipFamilies[0]];
    return { provider, podCIDR: f.pods, serviceCIDR: f.services, primaryAddressFamily, ...nllb };
  }
  return {
    provider,
    podCIDR: r.ipv4.pods,
    serviceCIDR: r.ipv4.services,
    dualStack: { enabled: true, IPv6podCIDR: r.ipv6.pods, IPv6serviceCIDR: r.ipv6.services },
    primaryAddressFamily,
    ...nllb,
  };
}

/** The embedded ClusterConfig. */
function clusterConfig(input: InstallerInput, v: NetworkValues): Record<string, unknown> {
  const { plan, clusterName } = input;
  const masks = Object.fromEntries(
    Object.entries(controlPlaneFlags(plan.kubernetes).kubeControllerManager).filter(([n]) =>
      n.startsWith("node-cidr-mask-size"),
    ),
  );
  const lb = plan.edge.apiLoadBalancer;
  return {
    apiVersion: "k0s.k0sproject.io/v1beta1",
    kind: "ClusterConfig",
    metadata: { name: clusterName },
    spec: {
      ...(lb ? { api: { externalAddress: v.apiLoadBalancerDnsName(), port: lb.port } } : {}),
      network: network(plan),
      controllerManager: { extraArgs: masks },
    },
  };
}

/** A host of the k0sctl skeleton: its role, an SSH address for the user to fill in, its install flags. */
function host(role: string, s: SubnetPlan, flags: string[]): Record<string, unknown> {
  const address = placeholder(`SSH address of a ${role} in ${s.name}`, "user");
  return { role, ssh: { address, user: "root", port: 22 }, ...(flags.length ? { installFlags: flags } : {}) };
}

/** The k0sctl Cluster with its hosts and the embedded ClusterConfig. */
export function renderK0s(input: InstallerInput): RenderedSpec {
  const { plan, clusterName } = input;
  const v = new NetworkValues(input);
  const controllerFlags = plan.kubernetes.singleStackIPv6 ? ["--feature-gates=IPv6SingleStack=true"] : [];
  const workerFlags = plan.kubernetes.cloudControllerManager ? ["--enable-cloud-provider"] : [];
  const hosts = [
    ...controlPlaneSubnets(plan).map((s) => host("controller", s, controllerFlags)),
    ...nodeSubnets(plan).map((s) => host("worker", s, workerFlags)),
  ];
  return specOf("k0s", [
    {
      apiVersion: "k0sctl.k0sproject.io/v1beta1",
      kind: "Cluster",
      metadata: { name: clusterName },
      spec: { hosts, k0s: { config: clusterConfig(input, v) } },
    },
  ]);
}
