"""The dev stack's network (config/Pulumi.dev.yaml) as one Ipv6ClusterNetwork, from Python.

Names follow the Python SDK that `pulumi package add` generates from the package's schema: snake_case
properties (`nodeCIDRMaskSizeIPv4` becomes `node_cidr_mask_size_i_pv4`), `...Args` input classes and
UPPER_SNAKE enum members. tests/package/python-example.package.ts checks every name used here against the
schema; the program itself was not run (no Pulumi CLI or Python SDK in this repository's CI).
"""

import pulumi
import pulumi_ipv6_cluster_network as ipv6net

network = ipv6net.Ipv6ClusterNetwork(
    "dev",
    vpc=ipv6net.VpcSpecArgs(cidr_block="10.0.0.0/16", ipv6=ipv6net.VpcIpv6SpecArgs()),
    zones=["us-east-1a", "us-east-1b", "us-east-1c"],
    nat_gateways=ipv6net.NatGatewayMode.PER_ZONE,
    kubernetes=ipv6net.KubernetesSpecArgs(
        pod_cidrs=["fd00:10:244::/56", "10.244.0.0/16"],
        service_cidrs=["fd00:10:96::/112", "10.96.0.0/16"],
        node_cidr_mask_size=64,
        node_cidr_mask_size_i_pv4=24,
        cni=ipv6net.Cni.CALICO,
        cloud_controller_manager=True,
        # The add-ons are installed with the cluster's kubeconfig, a secret:
        # kubeconfig=pulumi.Config().require_secret("kubeconfig"),
    ),
    tags={"environment": "dev", "owner": "platform-team"},
)

pulumi.export("vpcId", network.vpc_id)
pulumi.export("subnets", network.subnets)
pulumi.export("securityGroupIds", network.security_group_ids)
pulumi.export("kubeadmConfig", network.kubernetes.apply(lambda k: k.kubeadm_config))
pulumi.export("nodeCloudInit", network.node_cloud_init)
