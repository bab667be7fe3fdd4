/**
 * The whole plan of a stack: what every stage decided, gathered for the components that declare it, the
 * reports that show it and the tests. Only plan.ts builds one.
 */
import type { AddonsPlan } from "./addons";
import type { EdgePlan } from "./edge/types";
import type { Finding } from "./findings";
import type { ControlPlaneSettings } from "./kubeadm";
import type { NatGatewayMode } from "./enums";
import type { KubernetesPlan, NatGatewayPlan, SubnetPlan, VpcPlan } from "./types";

export interface NetworkPlan {
  project: string;
  region: string;
  vpc: VpcPlan;
  zones: string[];
  natMode: NatGatewayMode;
  subnets: SubnetPlan[];
  natGateways: NatGatewayPlan[];
  kubernetes: KubernetesPlan;
  /**
   * Cluster add-ons (CNI, cloud-controller-manager, CoreDNS) derived from `kubernetes`;
   * created only with a kubeconfig.
   */
  addons: AddonsPlan;
  tags: Record<string, string>;
  protect: boolean;
  /** Security groups, the API-server load balancer and the prerequisite checks. */
  edge: EdgePlan;
  /**
   * kube-apiserver, controller-manager, kubelet and kube-proxy settings
   * (the kubeadm configuration is rendered from `kubernetes`).
   */
  controlPlane: ControlPlaneSettings;
  /** cloud-init for every node: the IPv6 host settings a Kubernetes node needs. */
  nodeCloudInit: string;
  /** Non-fatal findings worth showing (e.g. a NAT gateway serving other zones). */
  warnings: Finding[];
}
