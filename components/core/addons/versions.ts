/**
 * Pinned add-on sources. Charts and images are pinned exactly so that a `pulumi up` next month installs
 * what was reviewed today; bump them here (and in docs/addons.md) deliberately.
 */

/** A Helm chart and the repository it comes from. */
export interface ChartSource {
  /** Helm repository URL. */
  repo: string;
  /** Chart name in that repository. */
  chart: string;
  /** Exact chart version. */
  version: string;
  /** Namespace the release goes into. */
  namespace: string;
}

/** Calico through the Tigera operator, the install Calico documents for Helm (projectcalico/tigera-operator). */
export const TIGERA_OPERATOR_CHART: ChartSource = {
  repo: "https://docs.tigera.io/calico/charts",
  chart: "tigera-operator",
  version: "v3.29.3",
  namespace: "tigera-operator",
};

/** Cilium's own chart (1.17 is the first release with an IPv6 tunnel underlay, needed on IPv6-only nodes). */
export const CILIUM_CHART: ChartSource = {
  repo: "https://helm.cilium.io/",
  chart: "cilium",
  version: "1.17.4",
  namespace: "kube-system",
};

/** The AWS cloud-controller-manager image (kubernetes/cloud-provider-aws); its minor follows the cluster's. */
export const AWS_CCM_IMAGE = "registry.k8s.io/provider-aws/cloud-controller-manager:v1.31.5";
