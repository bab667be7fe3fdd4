/**
 * The address planner: raw stack config + looked-up facts in, a validated NetworkPlan (or every finding)
 * out. Pure and synchronous: no Pulumi, no AWS, no I/O, so it runs in a config check, a pre-commit hook
 * and inside the program alike.
 */
import { planAddons, type AddonsPlan } from "./addons";
import { planEdge, type EdgeInput, type EdgePlan, type EdgeSubnet } from "./edge";
import { prerequisites } from "./edge/prerequisites";
import { eksKubernetes, planEks, type EksPlan } from "./eks";
import { planEndpoints, type EndpointSubnet } from "./vpc-endpoints";
import { finding, type Finding } from "./findings";
import { installerFindings, listedInstallers } from "./installers";
import { formatBlock } from "./ip";
import { controlPlaneFlags, renderNodeCloudInit } from "./kubeadm";
import { planKubernetes, type NetworkBlock } from "./kubernetes";
import { parseStackConfig, PROJECT, type ParseOutcome } from "./parse";
import { planRouting, type RoutingPlan, type SubnetRouting } from "./routes";
import type { StackConfig } from "./schema";
import { keyPath, resolveSubnets, type SubnetDraft } from "./subnets";
import type { Facts, SubnetPlan } from "./types";
import type { NetworkPlan } from "./network-plan";
import { EIGW_CREATE, planVpc, type VpcAddressing } from "./vpc";
import { planZones } from "./zones";

/** A plan, with its warnings as `findings`; or, when any finding is an error, every finding and no plan. */
export type PlanResult = { ok: true; plan: NetworkPlan; findings: Finding[] } | { ok: false; findings: Finding[] };

/** Kubernetes' subnet discovery tags (used by the cloud-controller-manager and the AWS load balancer controller). */
function roleTags(d: SubnetDraft): Record<string, string> {
  return d.public ? { "kubernetes.io/role/elb": "1" } : { "kubernetes.io/role/internal-elb": "1" };
}

/** Every block of the network known before deployment, for the cluster-range overlap checks. */
function networkBlocks(vpc: VpcAddressing, drafts: readonly SubnetDraft[]): NetworkBlock[] {
  const out: NetworkBlock[] = [];
  if (vpc.ipv4) out.push({ path: "vpc.cidrBlock", what: "the VPC block", block: vpc.ipv4, vpc: true });
  if (vpc.ipv6?.block) out.push({ path: vpc.ipv6.path, what: "the VPC IPv6 block", block: vpc.ipv6.block, vpc: true });
  for (const d of drafts) {
    const what = `subnet ${d.name}`;
    if (d.ipv4) out.push({ path: keyPath(d, "cidr"), what, block: d.ipv4, vpc: false });
    if (d.ipv6?.block) out.push({ path: keyPath(d, "ipv6CIDR"), what, block: d.ipv6.block, vpc: false });
  }
  return out;
}

/**
 * An existing VPC's egress-only gateway must be named: the provider has no data source to look it up, and
 * Cluster API asks the same of a bring-your-own IPv6 VPC ("you must explicitly provide the IPv6 CIDR block
 * and egress-only internet gateway ID"), so a second one is never created silently next to the VPC's own.
 */
function egressOnlyGatewayFindings(config: StackConfig, vpc: VpcAddressing, routing: RoutingPlan): Finding[] {
  const v6 = config.vpc.ipv6;
  if (config.vpc.id === undefined || !v6 || v6.egressOnlyInternetGatewayId !== undefined || !vpc.ipv6?.usable)
    return [];
  const users = [...routing.subnets].filter(([, r]) =>
    r.routes.some((x) => x.target.kind === "egressOnlyInternetGateway"),
  );
  if (!users.length) return [];
  const p = { subnets: users.map(([name]) => name).join(", "), vpc: config.vpc.id, create: EIGW_CREATE };
  return [finding("EXISTING_VPC_EGRESS_GATEWAY_UNKNOWN", "vpc.ipv6.egressOnlyInternetGatewayId", undefined, p)];
}

/** A subnet's plan record: its draft, its routes and DNS64, its tags. */
function subnetPlan(d: SubnetDraft, r: SubnetRouting, tags: Record<string, string>): SubnetPlan {
  const ipv6 = d.ipv6 && {
    prefixLength: d.ipv6.len,
    index: Number(d.ipv6.index),
    cidrBlock: d.ipv6.block ? formatBlock(d.ipv6.block) : undefined,
  };
  // Every field written out, no spread: a spread here made each record a slow object (profiled: 3x the plan).
  return {
    name: d.name,
    zone: d.zone,
    type: d.type,
    hasIpv4: d.hasIpv4,
    hasIpv6: d.hasIpv6,
    ipv6Only: d.ipv6Only,
    public: d.public,
    id: d.config.id,
    cidrBlock: d.ipv4 ? formatBlock(d.ipv4) : undefined,
    ipv6,
    autoCidr: { ...d.auto },
    // Resource-name hostnames on every subnet with IPv6 (IPv6-only subnets have no IP-based names); a name
    // resolves in each family the subnet has, as kOps' dual-stack subnets do (A and AAAA records).
    hostnames: d.hasIpv6 ? { type: "resource-name", aRecord: d.hasIpv4, aaaaRecord: true } : undefined,
    dns64: r.dns64,
    mapPublicIpOnLaunch: d.public && (d.config.publicIPv4 ?? false),
    egress: d.config.egress,
    routes: r.routes,
    tags: { ...tags, Name: d.name, ...roleTags(d) },
  };
}

/** The edge's view of a subnet (written out, no spread: see subnetPlan). */
function edgeSubnetOf(d: SubnetDraft): EdgeSubnet {
  const { name, zone, type, hasIpv4, hasIpv6, ipv6Only } = d;
  return {
    name,
    zone,
    type,
    hasIpv4,
    hasIpv6,
    ipv6Only,
    public: d.public,
    adopted: d.config.id !== undefined,
    path: d.path,
  };
}

/** The network's stages: zones, the VPC, the subnets (each stage needs the ones before). */
function networkStages(config: StackConfig, facts: Facts) {
  const zones = planZones(config, facts);
  const vpc = planVpc(config, facts);
  const subnets = resolveSubnets(config, zones.zones, vpc, facts);
  return { zones, vpc, subnets, edgeSubnets: subnets.drafts.map((d) => edgeSubnetOf(d)) };
}

/** The cluster's stages of a self-managed cluster: its ranges, add-ons, routing and edge. */
function selfManagedStages(config: StackConfig, facts: Facts, net: ReturnType<typeof networkStages>) {
  const { vpc, subnets, edgeSubnets } = net;
  const k8s = planKubernetes(config, networkBlocks(vpc, subnets.drafts), vpc.ipv6 !== undefined);
  const addons = planAddons(config, k8s.plan);
  const routing = planRouting({
    drafts: subnets.drafts,
    natMode: config.natGateways,
    singleStackIPv6: k8s.plan.singleStackIPv6,
  });
  const edge = planEdge({
    config,
    vpc: vpc.plan,
    subnets: edgeSubnets,
    kubernetes: k8s.plan,
    addons: addons.plan,
    facts,
  });
  const findings = [...k8s.findings, ...addons.findings, ...routing.findings, ...edge.findings];
  return { k8s: k8s.plan, addons: addons.plan, routing, edge: edge.plan, eks: undefined, findings };
}

/**
 * The cluster's stages of an EKS cluster: EKS chooses the ranges and runs the add-ons, its endpoint replaces the
 * API load balancer and its cluster security group ours; the routing is the network's (pods reach IPv4 through
 * their node's address, so public subnets need no NAT64 for them); the prerequisites add the node groups'.
 */
function eksStages(config: StackConfig, facts: Facts, net: ReturnType<typeof networkStages>) {
  const k8s = eksKubernetes();
  const addons: AddonsPlan = { install: false, requested: [] };
  const routing = planRouting({ drafts: net.subnets.drafts, natMode: config.natGateways, singleStackIPv6: false });
  const input: EdgeInput = { config, vpc: net.vpc.plan, subnets: net.edgeSubnets, kubernetes: k8s, addons, facts };
  const edgeFindings: Finding[] = [];
  const checks = prerequisites(input, edgeFindings);
  const cidrs = Object.fromEntries(
    net.subnets.drafts.filter((d) => !d.config.id).map((d) => [d.name, d.ipv4 ? formatBlock(d.ipv4) : undefined]),
  );
  const eks = planEks({ ...input, eks: config.kubernetes.eks!, cidrs });
  const edge: EdgePlan = {
    securityGroups: [],
    apiLoadBalancer: undefined,
    controlPlaneSubnets: eks.plan.clusterSubnets,
    prerequisites: [...checks, ...eks.checks],
  };
  const findings = [...routing.findings, ...edgeFindings, ...eks.findings];
  return { k8s, addons, routing, edge, eks: eks.plan as EksPlan | undefined, findings };
}

/** The VPC endpoints (`endpoints`), placed in the planned subnets and judged against their routes. */
function endpointsStage(
  config: StackConfig,
  facts: Facts,
  net: ReturnType<typeof networkStages>,
  routing: RoutingPlan,
) {
  const subnets: EndpointSubnet[] = net.subnets.drafts.map((d) => ({
    ...edgeSubnetOf(d),
    routes: routing.subnets.get(d.name)?.routes ?? [],
  }));
  return planEndpoints({ config, facts, vpc: net.vpc.plan, zones: net.zones.zones, subnets });
}

/** Every stage's output, and every finding, in stage order. */
function planStages(config: StackConfig, facts: Facts) {
  const net = networkStages(config, facts);
  const cluster = config.kubernetes.eks ? eksStages(config, facts, net) : selfManagedStages(config, facts, net);
  const endpoints = endpointsStage(config, facts, net, cluster.routing);
  const findings = [
    ...[net.zones, net.vpc, net.subnets].flatMap((x) => x.findings),
    ...cluster.findings,
    ...egressOnlyGatewayFindings(config, net.vpc, cluster.routing),
    // What the listed installers (kubernetes.installers) would refuse: components/core/installers.
    ...installerFindings({
      config,
      kubernetes: cluster.k8s,
      vpc: net.vpc.plan,
      subnets: net.edgeSubnets,
      apiLoadBalancer: cluster.edge.apiLoadBalancer,
      controlPlaneSubnets: cluster.edge.controlPlaneSubnets,
    }),
    ...endpoints.findings,
  ];
  return {
    zones: net.zones.zones,
    vpc: net.vpc,
    subnets: net.subnets,
    ...cluster,
    endpoints: endpoints.plan,
    findings,
  };
}

export function planFromConfig(config: StackConfig, facts: Facts): PlanResult {
  const { zones, vpc, subnets, k8s, addons, routing, edge, eks, endpoints, findings } = planStages(config, facts);
  if (findings.some((f) => f.severity === "error")) return { ok: false, findings };
  const subnetPlans = subnets.drafts.map((d) => subnetPlan(d, routing.subnets.get(d.name)!, config.tags));
  const carrierGateway = subnetPlans.some((s) => s.routes.some((r) => r.target.kind === "carrierGateway"));
  const plan: NetworkPlan = {
    project: PROJECT,
    region: facts.region!,
    vpc: { ...vpc.plan, carrierGateway },
    zones,
    natMode: config.natGateways,
    subnets: subnetPlans,
    natGateways: routing.natGateways,
    kubernetes: k8s,
    addons,
    edge,
    // An EKS cluster's control plane and node settings are EKS' (its AMIs set the node's IPv6 host settings).
    controlPlane: eks
      ? { kubeApiServer: {}, kubeControllerManager: {}, kubelet: {}, kubeProxy: {} }
      : controlPlaneFlags(k8s),
    nodeCloudInit: eks ? "" : renderNodeCloudInit(k8s),
    tags: config.tags,
    protect: config.protect,
    installers: listedInstallers(config.kubernetes.installers),
    warnings: findings.filter((f) => f.severity === "warning"),
  };
  if (eks) plan.eks = eks;
  if (endpoints) plan.endpoints = endpoints;
  return { ok: true, plan, findings };
}

/**
 * Planning after the shape check: a config with only unknown keys wrong is planned too (without them), so
 * that one run reports every problem.
 */
export function planParsed(parsed: ParseOutcome, facts: Facts): PlanResult {
  if (parsed.ok) return planFromConfig(parsed.config, facts);
  if (!parsed.withoutUnknownKeys) return { ok: false, findings: parsed.findings };
  const rest = planFromConfig(parsed.withoutUnknownKeys, facts);
  return { ok: false, findings: [...parsed.findings, ...rest.findings.filter((f) => f.severity === "error")] };
}

/** Shape check, then planning: the whole pure pipeline from the config namespace's raw values. */
export function planNetwork(raw: Record<string, unknown>, facts: Facts): PlanResult {
  return planParsed(parseStackConfig(raw), facts);
}
