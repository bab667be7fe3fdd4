/**
 * The EKS versions this project deploys, in one place: the default Kubernetes version and, per Kubernetes minor
 * version, the EKS managed add-on versions pinned for it, each the newest one the Amazon EKS User Guide listed for
 * that Kubernetes version when read (awsdocs/amazon-eks-user-guide, latest/ug/networking/managing-vpc-cni.adoc and
 * managing-coredns.adoc at 057948d9301426e6165db5fddb5617a971d08b6c, managing-kube-proxy.adoc at
 * d9a9cba5f72775824492cfad11b145ebc1367ceb). A Kubernetes version not listed here needs
 * `kubernetes.eks.addonVersions` (EKS_ADDON_VERSIONS_UNKNOWN says which): `aws eks describe-addon-versions
 * --kubernetes-version <v> --addon-name <add-on>` lists what AWS has.
 *
 * The eks-pod-identity-agent is not pinned: no table of its versions per Kubernetes version was found to read
 * it from, so EKS installs its default version for the cluster's Kubernetes version unless
 * `addonVersions.podIdentityAgent` says otherwise.
 */

/** The Kubernetes version of a cluster whose config gives none: the newest with every add-on version verified. */
export const EKS_DEFAULT_VERSION = "1.32";

/** The add-on versions pinned for one Kubernetes minor version. */
export interface EksAddonVersions {
  /** vpc-cni. */
  vpcCni: string;
  /** coredns. */
  coreDns: string;
  /** kube-proxy (its version follows the Kubernetes version). */
  kubeProxy: string;
}

/** Pinned add-on versions by Kubernetes minor version (sources above). */
export const EKS_ADDON_VERSIONS: Readonly<Record<string, EksAddonVersions>> = {
  "1.32": { vpcCni: "v1.20.1-eksbuild.3", coreDns: "v1.11.4-eksbuild.22", kubeProxy: "v1.32.3-eksbuild.7" },
  "1.31": { vpcCni: "v1.20.1-eksbuild.3", coreDns: "v1.11.4-eksbuild.22", kubeProxy: "v1.31.7-eksbuild.7" },
  "1.30": { vpcCni: "v1.20.1-eksbuild.3", coreDns: "v1.11.4-eksbuild.22", kubeProxy: "v1.30.11-eksbuild.5" },
};

/**
 * IPv6 needs Kubernetes 1.21 or later (Amazon EKS API reference, KubernetesNetworkConfigRequest `ipFamily`;
 * Cluster API AWS `minKubeVersionForIPv6`).
 */
export const EKS_MIN_IPV6_KUBERNETES: readonly [number, number] = [1, 21];

/**
 * IPv6 needs vpc-cni 1.10.1 or later (Amazon EKS User Guide, cni-ipv6.adoc; Cluster API AWS asks 1.10.2,
 * `minVpcCniVersionForIPv6`).
 */
export const EKS_MIN_IPV6_VPC_CNI: readonly [number, number, number] = [1, 10, 1];

/** The defaults of a managed node group the config leaves out. */
export const EKS_NODE_GROUP_DEFAULTS = {
  name: "default",
  /** Nitro-based (IPv6 on EKS needs Nitro), general purpose, 2 vCPUs. */
  instanceTypes: ["m6i.large"],
  minSize: 1,
  maxSize: 3,
  desiredSize: 2,
  /** Amazon Linux 2023 (AL2023), the Amazon Linux generation EKS recommends for new node groups. */
  amiType: "AL2023_x86_64_STANDARD",
  /** EKS' own default root volume size, in GiB. */
  diskSize: 20,
} as const;
