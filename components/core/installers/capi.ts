/**
 * Cluster API on AWS (CAPA) on this network: a Cluster (cluster.x-k8s.io/v1beta2) with the pod and service ranges,
 * and its AWSCluster (infrastructure.cluster.x-k8s.io/v1beta2) with this VPC as a bring-your-own VPC, for
 * `kubectl apply` on a management cluster where `clusterctl init --infrastructure aws` ran. The control plane and
 * the machines (KubeadmControlPlane, MachineDeployment) are the user's, referencing these two by name.
 *
 * Facts from kubernetes-sigs/cluster-api-provider-aws@2cf09d78547d32975570a4b9ba5496bdfe26abeb:
 * - A VPC with an id and without the cluster's owned tag is unmanaged: CAPA describes it and its subnets, and
 *   creates no gateway, route or subnet (api/v1beta2/network_types.go IsUnmanaged; pkg/cloud/services/network/
 *   vpc.go reconcileVPC, subnets.go reconcileSubnets: the subnets must be listed by id).
 * - "Bring-your-own IPv6 VPC": `vpc.ipv6` with the VPC's IPv6 block and egress-only gateway id states the intent to
 *   use IPv6 (docs/book/src/topics/ipv6-enabled-cluster.md); `IsIPv6Enabled()` is `vpc.ipv6 != nil`.
 * - With IPv6 the control-plane load balancer is dual-stack (pkg/cloud/services/elb/loadbalancer.go,
 *   IpAddressTypeDualstack); `targetGroupIPType: ipv6` needs `vpc.ipv6` (webhooks/awscluster_webhook.go).
 * - Calico's VXLAN needs a CNI ingress rule (the IPv6 guide's `cniIngressRules`); the rules here are the ones this
 *   stack's security groups open for its CNI (components/core/addons cniTraffic).
 * - CAPA tags unmanaged subnets itself (feature gate TagUnmanagedNetworkResources, default on: feature/feature.go,
 *   subnets.go getSubnetTagParams); docs/installers.md says how to keep it from doing so.
 * The Cluster's schema: kubernetes-sigs/cluster-api@ae7ff047db499ac3858ade268ba38db8c9f128bb
 * core/config/crd/bases/cluster.x-k8s.io_clusters.yaml (v1beta2 served and stored; v1beta1 deprecated).
 */
import { cniTraffic } from "../addons";
import { finding, type Finding } from "../findings";
import type { NetworkPlan } from "../network-plan";
import type { SubnetPlan } from "../types";
import { specOf } from "./common";
import { NetworkValues, placeholder, type InstallerCheckInput, type InstallerInput, type RenderedSpec } from "./types";

const CAPI = "Cluster API";
const INFRASTRUCTURE_GROUP = "infrastructure.cluster.x-k8s.io";

/** What CAPA would refuse, or a spec of this stack cannot say to it. */
export function capiFindings(c: InstallerCheckInput): Finding[] {
  const out: Finding[] = [];
  const v6 = c.config.vpc.ipv6;
  // The IPv6 guide: an existing dual-stack VPC "must explicitly provide the IPv6 CIDR block and egress-only
  // internet gateway ID". A VPC this stack creates gets its gateway from the deployment; an existing one must
  // name its own (or `create`), never have a second one made silently.
  if (c.config.vpc.id !== undefined && v6 && v6.egressOnlyInternetGatewayId === undefined) {
    const path = "vpc.ipv6.egressOnlyInternetGatewayId";
    out.push(finding("CAPI_EGRESS_ONLY_GATEWAY_UNKNOWN", path, undefined, { vpc: c.config.vpc.id }));
  }
  if (c.apiLoadBalancer) {
    const p = { installer: CAPI, field: "spec.controlPlaneLoadBalancer" };
    out.push(finding("INSTALLER_OWN_API_LOAD_BALANCER", "apiLoadBalancer", c.config.apiLoadBalancer, p));
  }
  return out;
}

/** The VPC as a bring-your-own VPC: its id and blocks, its gateways. */
function vpcSpec(plan: NetworkPlan, v: NetworkValues): Record<string, unknown> {
  const ipv6 = plan.vpc.ipv6
    ? { cidrBlock: v.vpcIpv6Block(), egressOnlyInternetGatewayId: v.egressOnlyGatewayId() }
    : undefined;
  return {
    id: v.vpcId(),
    cidrBlock: plan.vpc.cidrBlock,
    internetGatewayId: v.internetGatewayId(),
    ...(ipv6 ? { ipv6 } : {}),
  };
}

/** A subnet by id, with its zone, kind, blocks and (for a NAT gateway's host) its NAT gateway. */
function subnetSpec(s: SubnetPlan, plan: NetworkPlan, v: NetworkValues): Record<string, unknown> {
  const nat = plan.natGateways.find((n) => n.subnet === s.name);
  return {
    id: v.subnetId(s),
    availabilityZone: s.zone,
    isPublic: s.public,
    isIpv6: s.hasIpv6,
    cidrBlock: s.cidrBlock,
    ipv6CidrBlock: s.ipv6 ? (v.subnetIpv6Block(s) ?? placeholder(`IPv6 block of ${s.name}`)) : undefined,
    natGatewayId: nat ? v.natGatewayId(nat.name) : undefined,
  };
}

/**
 * CAPA's control-plane load balancer: a network load balancer (dual-stack in an IPv6 VPC), with this stack's
 * scheme, subnets and target group IP type when `apiLoadBalancer` is set, else CAPA's choice of subnets.
 */
function loadBalancerSpec(plan: NetworkPlan, v: NetworkValues): Record<string, unknown> {
  const lb = plan.edge.apiLoadBalancer;
  const byName = new Map(plan.subnets.map((s) => [s.name, s]));
  return {
    loadBalancerType: "nlb",
    scheme: lb?.scheme ?? "internet-facing",
    healthCheckProtocol: "TCP",
    ...(lb ? { subnets: lb.subnets.map((n) => v.subnetId(byName.get(n)!)) } : {}),
    ...(lb && plan.vpc.ipv6 ? { targetGroupIPType: lb.targetGroupIpType } : {}),
  };
}

/** The Cluster and its AWSCluster. */
export function renderCapi(input: InstallerInput): RenderedSpec {
  const { plan, clusterName: name } = input;
  const v = new NetworkValues(input);
  const k = plan.kubernetes;
  const rules = cniTraffic(plan.addons).map((c) => ({
    description: c.description,
    protocol: c.protocol,
    fromPort: c.port,
    toPort: c.port,
  }));
  const network = {
    vpc: vpcSpec(plan, v),
    subnets: plan.subnets.map((s) => subnetSpec(s, plan, v)),
    ...(rules.length ? { cni: { cniIngressRules: rules } } : {}),
  };
  const cluster = {
    apiVersion: "cluster.x-k8s.io/v1beta2",
    kind: "Cluster",
    metadata: { name },
    spec: {
      clusterNetwork: { pods: { cidrBlocks: k.podCIDRs }, services: { cidrBlocks: k.serviceCIDRs } },
      infrastructureRef: { apiGroup: INFRASTRUCTURE_GROUP, kind: "AWSCluster", name },
    },
  };
  const awsCluster = {
    apiVersion: `${INFRASTRUCTURE_GROUP}/v1beta2`,
    kind: "AWSCluster",
    metadata: { name },
    spec: {
      region: plan.region,
      network,
      controlPlaneLoadBalancer: loadBalancerSpec(plan, v),
      ...(Object.keys(plan.tags).length ? { additionalTags: plan.tags } : {}),
    },
  };
  return specOf("capi", [cluster, awsCluster]);
}
