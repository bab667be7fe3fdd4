/**
 * The installers' specs as the stack outputs them (`installerSpecs`): rendered by the pure core
 * (components/core/installers) once the network's ids and blocks are known, so the YAML carries the deployed
 * values where the offline plan has placeholders.
 */
import * as pulumi from "@pulumi/pulumi";
import { clusterNameOf, renderInstallers, type DeployedNetwork } from "../core/installers";
import type { NetworkPlan } from "../core/network-plan";
import type { ApiServerLoadBalancer } from "../network/api-load-balancer";
import type { DualStackVpc } from "../network/dual-stack-vpc";

/** An empty string (a looked-up attribute AWS did not fill) as undefined. */
const orUndefined = (v: string | undefined) => (v ? v : undefined);

/** What the deployment knows of the network, as one Output. */
function deployedNetwork(network: DualStackVpc, lb: ApiServerLoadBalancer | undefined): pulumi.Output<DeployedNetwork> {
  const subnets = Object.fromEntries(
    Object.entries(network.subnets).map(([name, s]) => [
      name,
      pulumi.all([s.id, s.ipv6CidrBlock]).apply(([id, block]) => ({ id, ipv6CidrBlock: orUndefined(block) })),
    ]),
  );
  const lbDns: pulumi.Output<string | undefined> = lb ? lb.dnsName : pulumi.output(undefined);
  const gateways = pulumi.all([network.egressOnlyInternetGatewayId, network.internetGatewayId]);
  return pulumi
    .all([network.vpcId, network.vpcIpv6CidrBlock, gateways, pulumi.all(network.natGatewayIdsByName), lbDns])
    .apply(([vpcId, vpcIpv6, [eigw, igw], nat, dns]) =>
      pulumi.all(subnets).apply((byName): DeployedNetwork => ({
        vpcId,
        vpcIpv6CidrBlocks: vpcIpv6 ? [vpcIpv6] : undefined,
        egressOnlyInternetGatewayId: orUndefined(eigw),
        internetGatewayId: igw,
        natGatewayIds: nat,
        subnets: byName,
        apiLoadBalancerDnsName: orUndefined(dns),
      })),
    );
}

/**
 * The spec of each installer of `kubernetes.installers` (YAML text by installer), with the deployed ids; the
 * cluster is named after the stack. Empty when none is listed.
 */
export function installerSpecs(
  plan: NetworkPlan,
  network: DualStackVpc,
  lb: ApiServerLoadBalancer | undefined,
): pulumi.Output<Record<string, string>> {
  if (!plan.installers.length) return pulumi.output({} as Record<string, string>);
  const clusterName = clusterNameOf(pulumi.getStack());
  return deployedNetwork(network, lb).apply((deployed) => {
    const specs = renderInstallers({ plan, clusterName, deployed });
    return Object.fromEntries(Object.entries(specs).map(([installer, spec]) => [installer, spec!.yaml]));
  });
}
