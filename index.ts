/**
 * ipv6-cluster-network, the library: the network of IPv6-only and dual-stack Kubernetes clusters on AWS as Pulumi
 * components, for TypeScript programs (and, as a Pulumi component package, for Python, Go, .NET, Java and YAML:
 * docs/library.md).
 *
 * - `Ipv6ClusterNetwork`: the whole network, its args the stack config contract.
 * - The building blocks, for programs that compose their own from a plan (`planNetwork`): `DualStackVpc`,
 *   `ClusterSecurityGroups`, `ApiServerLoadBalancer`, `EksCluster`, `VpcEndpoints`, and the add-ons `Calico`, `Cilium`,
 *   `CloudControllerManager`, `CoreDns`.
 * - The pure functions and types (also from `ipv6-cluster-network/core`, which loads no Pulumi).
 *
 * The public surface is recorded in api/ipv6-cluster-network.api.md; a test fails when it changes unintentionally.
 */
export * from "./components/library/args";
export {
  Ipv6ClusterNetwork,
  type EksInfo,
  type Ipv6ClusterNetworkOptions,
  type KubernetesInfo,
  type NetworkIdentity,
  type SecurityGroupIds,
  type SubnetInfo,
} from "./components/library/ipv6-cluster-network";
export type { ClusterOutputs, EksOutputs } from "./components/program/declare";
export type { PreviousNames } from "./components/network/naming";
export { DualStackVpc, type DualStackVpcArgs, type SubnetOutput } from "./components/network/dual-stack-vpc";
export { ClusterSecurityGroups, type ClusterSecurityGroupsArgs } from "./components/network/security-groups";
export { ApiServerLoadBalancer, type ApiServerLoadBalancerArgs } from "./components/network/api-load-balancer";
export { EksCluster, type EksClusterArgs } from "./components/network/eks-cluster";
export { VpcEndpoints, type VpcEndpointsArgs } from "./components/network/vpc-endpoints";
export { Calico, type CalicoArgs } from "./components/addons/calico";
export { Cilium, type CiliumArgs } from "./components/addons/cilium";
export { CloudControllerManager, type CloudControllerManagerArgs } from "./components/addons/cloud-controller-manager";
export { CoreDns, type CoreDnsArgs } from "./components/addons/coredns";
export * from "./core";
