/**
 * A program of your own that embeds the library: the network of the `dev` example stack (a dual-stack
 * cluster, IPv6 primary, three zones, kOps' subnet layout) as one Ipv6ClusterNetwork. To run it:
 *
 *   cd examples/typescript && npm install && pulumi stack init dev && pulumi config set aws:region us-east-1
 *   pulumi preview
 *
 * (tests/library-example.test.ts runs it under Pulumi's mocks and compares it with the program's dev stack.)
 */
import * as pulumi from "@pulumi/pulumi";
import { Cni, Ipv6ClusterNetwork, NatGatewayMode } from "ipv6-cluster-network";

export = async () => {
  const network = new Ipv6ClusterNetwork("dev", {
    vpc: { cidrBlock: "10.0.0.0/16", ipv6: {} },
    zones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    natGateways: NatGatewayMode.perZone,
    kubernetes: {
      podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"],
      serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"],
      nodeCIDRMaskSize: 64,
      nodeCIDRMaskSizeIPv4: 24,
      cni: Cni.calico,
      cloudControllerManager: true,
      // The add-ons are installed only with the cluster's kubeconfig, a secret:
      // kubeconfig: new pulumi.Config().requireSecret("kubeconfig"),
    },
    tags: { environment: "dev", owner: "platform-team" },
  });
  // A refused config fails here, with every finding (code, path, value, fix), before any resource exists.
  await network.ready();
  return {
    vpcId: network.vpcId,
    subnets: network.subnets,
    securityGroupIds: network.securityGroupIds,
    kubeadmConfig: network.kubernetes.apply((k) => k.kubeadmConfig),
    nodeCloudInit: network.nodeCloudInit,
    region: pulumi.output(new pulumi.Config("aws").get("region")),
  };
};
