/**
 * Declares everything a validated plan describes and returns the stack outputs. Shared by `index.ts`
 * and the Automation API's inline program, so both build the same stack from the same plan.
 */
import type { NetworkPlan } from "../core/types";
import { DualStackVpc } from "../network/dual-stack-vpc";

export function declareCluster(plan: NetworkPlan) {
  const network = new DualStackVpc("network", { plan });
  // Add-ons go into an existing cluster (its kubeconfig), so they do not wait for the network.
  // Loaded only when something is installed: @pulumi/kubernetes costs ~40 ms to load, on every plan.
  const addons: string[] = plan.addons.install && plan.addons.requested.length > 0
    ? (require("../addons") as typeof import("../addons")).declareAddons(plan)
    : [];
  return {
    vpcId: network.vpcId,
    vpcCidrBlock: network.vpcCidrBlock,
    vpcIpv6CidrBlock: network.vpcIpv6CidrBlock,
    subnets: network.subnets,
    internetGatewayId: network.internetGatewayId,
    egressOnlyInternetGatewayId: network.egressOnlyInternetGatewayId,
    natGatewayIds: network.natGatewayIds,
    /** Add-ons installed into the cluster (empty without `kubernetes.kubeconfig`). */
    addons,
  };
}

export type ClusterOutputs = ReturnType<typeof declareCluster>;
