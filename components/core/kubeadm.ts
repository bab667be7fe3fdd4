/**
 * The control-plane settings a self-managed cluster needs for its address families, as structured data
 * (flag name -> value, per component) and as kubeadm configuration, plus the host settings of every node
 * as cloud-init. Pure: the Kubernetes plan in, text out.
 */
import { stringify } from "yaml";
import type { KubernetesPlan } from "./types";

/** Flags per component (flag name -> value), as the Kubernetes docs on dual-stack and IPv6 clusters name them. */
export interface ControlPlaneSettings {
  /** kube-apiserver flags: the service ranges, and `bind-address: ::` when IPv6 is the primary family. */
  kubeApiServer: Record<string, string>;
  /**
   * kube-controller-manager flags: node CIDR allocation, the pod and service ranges, and the per-node prefix
   * lengths.
   */
  kubeControllerManager: Record<string, string>;
  /** kubelet flags: the cluster DNS address, and `node-ip: ::` when IPv6 is the primary family. */
  kubelet: Record<string, string>;
  /** kube-proxy flags: the pod ranges (`cluster-cidr`). */
  kubeProxy: Record<string, string>;
}

export function controlPlaneFlags(k: KubernetesPlan): ControlPlaneSettings {
  const ipv6Primary = k.ipFamilies[0] === "ipv6";
  const dualStack = k.ipFamilies.length === 2;
  const pods = k.podCIDRs.join(",");
  const masks: Record<string, string> = {};
  if (dualStack) {
    // kube-controller-manager: per-family masks in a dual-stack cluster; --node-cidr-mask-size is single-stack only.
    for (const c of k.perFamily) masks[`node-cidr-mask-size-${c.family}`] = String(c.nodeMaskSize);
  } else if (k.perFamily[0]) {
    masks["node-cidr-mask-size"] = String(k.perFamily[0].nodeMaskSize);
  }
  return {
    kubeApiServer: {
      "service-cluster-ip-range": k.serviceCIDRs.join(","),
      // IPv6-primary: listen on the IPv6 wildcard (which also accepts IPv4 on a dual-stack host).
      ...(ipv6Primary ? { "bind-address": "::" } : {}),
    },
    kubeControllerManager: {
      "allocate-node-cidrs": "true",
      "cluster-cidr": pods,
      "service-cluster-ip-range": k.serviceCIDRs.join(","),
      ...masks,
    },
    kubelet: {
      "cluster-dns": k.dnsServiceIP,
      // "::" picks the node's IPv6 address as primary (and, on a dual-stack node, its IPv4 as secondary).
      ...(ipv6Primary ? { "node-ip": "::" } : {}),
    },
    kubeProxy: { "cluster-cidr": pods },
  };
}

const args = (flags: Record<string, string>) => Object.entries(flags).map(([name, value]) => ({ name, value }));

/**
 * kubeadm (v1beta4) InitConfiguration, ClusterConfiguration, JoinConfiguration, KubeletConfiguration and
 * KubeProxyConfiguration, one YAML stream, rendered once by the program (components/program/declare.ts)
 * with the API load balancer's endpoint, which is only known at deployment.
 */
export function renderKubeadmConfig(k: KubernetesPlan, controlPlaneEndpoint?: string): string {
  const f = controlPlaneFlags(k);
  const nodeRegistration = f.kubelet["node-ip"]
    ? { kubeletExtraArgs: [{ name: "node-ip", value: f.kubelet["node-ip"] }] }
    : {};
  const docs: object[] = [
    { apiVersion: "kubeadm.k8s.io/v1beta4", kind: "InitConfiguration", nodeRegistration },
    {
      apiVersion: "kubeadm.k8s.io/v1beta4",
      kind: "ClusterConfiguration",
      ...(controlPlaneEndpoint ? { controlPlaneEndpoint } : {}),
      networking: {
        podSubnet: k.podCIDRs.join(","),
        serviceSubnet: k.serviceCIDRs.join(","),
        dnsDomain: "cluster.local",
      },
      apiServer: { extraArgs: args(f.kubeApiServer).filter((a) => a.name !== "service-cluster-ip-range") },
      controllerManager: {
        extraArgs: args(f.kubeControllerManager).filter(
          (a) => !["cluster-cidr", "service-cluster-ip-range", "allocate-node-cidrs"].includes(a.name),
        ),
      },
    },
    { apiVersion: "kubeadm.k8s.io/v1beta4", kind: "JoinConfiguration", nodeRegistration },
    {
      apiVersion: "kubelet.config.k8s.io/v1beta1",
      kind: "KubeletConfiguration",
      clusterDNS: [k.dnsServiceIP],
      clusterDomain: "cluster.local",
    },
    {
      apiVersion: "kubeproxy.config.k8s.io/v1alpha1",
      kind: "KubeProxyConfiguration",
      clusterCIDR: f.kubeProxy["cluster-cidr"],
    },
  ];
  // kubeadm sets --service-cluster-ip-range, --cluster-cidr and --allocate-node-cidrs from `networking`
  // itself; repeating them as extraArgs would make two sources of truth.
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join("---\n");
}

/**
 * cloud-init for every node. Forwarding on (pods route through the node), and accept_ra = 2: Linux ignores
 * router advertisements on an interface that forwards unless accept_ra is 2 (kernel ip-sysctl docs), so
 * with forwarding alone the node's IPv6 default route, which comes from the VPC router's advertisements,
 * expires and the node loses IPv6 connectivity minutes after boot.
 */
export function renderNodeCloudInit(k: KubernetesPlan): string {
  const lines = [
    "# IPv6 host settings for Kubernetes nodes (ipv6-cluster-network)",
    "net.ipv6.conf.all.forwarding = 1",
    "net.ipv6.conf.default.forwarding = 1",
    "net.ipv6.conf.all.accept_ra = 2",
    "net.ipv6.conf.default.accept_ra = 2",
    ...(k.ipFamilies.includes("ipv4") ? ["net.ipv4.ip_forward = 1"] : []),
  ];
  const doc = {
    write_files: [
      { path: "/etc/sysctl.d/90-ipv6-cluster-network.conf", permissions: "0644", content: lines.join("\n") + "\n" },
    ],
    runcmd: [
      // `all`/`default` do not reach interfaces that already exist: set accept_ra on each one, then load.
      [
        "sh",
        "-c",
        "for f in /proc/sys/net/ipv6/conf/*/accept_ra; do case $f in */lo/*) ;; *) echo 2 > $f ;; esac; done",
      ],
      ["sysctl", "--system"],
    ],
  };
  return "#cloud-config\n" + stringify(doc, { lineWidth: 0 });
}
