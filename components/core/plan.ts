/**
 * The address planner: raw stack config + looked-up facts in, a validated NetworkPlan (or every finding)
 * out. Pure and synchronous: no Pulumi, no AWS, no I/O, so it runs in a config check, a pre-commit hook
 * and inside the program alike.
 */
import { planAddons } from "./addons";
import { planEdge } from "./edge";
import { at, error, type Finding } from "./findings";
import { formatBlock } from "./ip";
import { controlPlaneFlags, renderNodeCloudInit } from "./kubeadm";
import { planKubernetes, type NetworkBlock } from "./kubernetes";
import { parseStackConfig, PROJECT } from "./parse";
import { planRouting } from "./routes";
import type { StackConfig } from "./schema";
import { keyPath, kindOf, resolveSubnets, type SubnetDraft } from "./subnets";
import type { Facts, RoutePlan, SubnetPlan } from "./types";
import type { NetworkPlan } from "./network-plan";
import { EIGW_CREATE, planVpc, type VpcAddressing } from "./vpc";

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
    if (d.ipv4) out.push({ path: keyPath(d, "cidr"), what: `subnet ${d.config.name}`, block: d.ipv4, vpc: false });
    if (d.ipv6?.block)
      out.push({ path: keyPath(d, "ipv6CIDR"), what: `subnet ${d.config.name}`, block: d.ipv6.block, vpc: false });
  }
  return out;
}

/**
 * An existing VPC's egress-only gateway must be named: the provider has no data source to look it up, and
 * Cluster API asks the same of a bring-your-own IPv6 VPC ("you must explicitly provide the IPv6 CIDR block
 * and egress-only internet gateway ID"), so a second one is never created silently next to the VPC's own.
 */
function egressOnlyGatewayFindings(
  config: StackConfig,
  vpc: VpcAddressing,
  routing: ReadonlyMap<string, { routes: RoutePlan[] }>,
): Finding[] {
  const v6 = config.vpc.ipv6;
  if (config.vpc.id === undefined || !v6 || v6.egressOnlyInternetGatewayId !== undefined || !vpc.ipv6?.usable)
    return [];
  const users = [...routing]
    .filter(([, r]) => r.routes.some((x) => x.target.kind === "egressOnlyInternetGateway"))
    .map(([name]) => name);
  if (!users.length) return [];
  return [
    error(
      "EXISTING_VPC_EGRESS_GATEWAY_UNKNOWN",
      "vpc.ipv6.egressOnlyInternetGatewayId",
      undefined,
      `subnets ${users.join(", ")} route IPv6 to the egress-only internet gateway, and which one VPC ${config.vpc.id} uses is not set (it cannot be looked up, and a VPC usually has one already)`,
      `set vpc.ipv6.egressOnlyInternetGatewayId to the VPC's eigw-... (aws ec2 describe-egress-only-internet-gateways lists each with its VPC), or to ${EIGW_CREATE} if the VPC has none`,
    ),
  ];
}

/**
 * The region a zone name belongs to: `us-east-1` for `us-east-1a`, the Local Zone `us-east-1-nyc-1a` and
 * the Wavelength Zone `us-east-1-wl1-bos-wlz-1` (AWS names every zone after its region: EC2 User Guide,
 * "Regions and Zones"); undefined when the name has no region in it.
 */
export function regionOfZone(zone: string): string | undefined {
  return /^([a-z]{2}(?:-[a-z]+)+-\d+)(?:[a-z]|-[a-z0-9-]+)$/.exec(zone)?.[1];
}

export function planFromConfig(config: StackConfig, facts: Facts): PlanResult {
  const findings: Finding[] = [];
  const zones = config.zones ?? facts.standardZones.slice(0, 3);
  const region = facts.region;
  if (region === undefined) {
    // The AWS provider cannot run without a region, and zones are checked against it: never assume one.
    findings.push(
      error(
        "REGION_MISSING",
        "aws:region",
        undefined,
        "the stack sets no AWS region (aws:region), and none comes from the environment (AWS_REGION, AWS_DEFAULT_REGION): the AWS provider needs one, and the zones are checked against it",
        "pulumi config set aws:region us-east-1 (the region this stack deploys to), or pass region to the Automation API",
      ),
    );
  } else if (zones.length === 0) {
    findings.push(
      error(
        "ZONES_UNKNOWN",
        "zones",
        undefined,
        `no standard availability zones are known for region ${region}`,
        "list the zones explicitly in zones",
      ),
    );
  }
  if (region !== undefined && config.zones)
    zones.forEach((z, i) => {
      const zoneRegion = regionOfZone(z);
      if (zoneRegion === region) return;
      findings.push(
        error(
          "ZONE_NOT_IN_REGION",
          at("zones", i),
          z,
          zoneRegion
            ? `${z} is a zone of ${zoneRegion}, and this stack deploys to ${region} (aws:region): AWS has no such zone there`
            : `${z} is not the name of a zone of ${region} (AWS names them ${region}a, ${region}b, ...; Local Zones ${region}-<metro>-<n><letter>)`,
          zoneRegion
            ? `use a zone of ${region} (e.g. ${region}${z.slice(zoneRegion.length).match(/^[a-z]$/) ? z.slice(zoneRegion.length) : "a"}), or set aws:region to ${zoneRegion} if the stack belongs there`
            : `use a zone of ${region}, e.g. ${region}a`,
        ),
      );
    });
  zones.forEach((z, i) => {
    if (zones.indexOf(z) !== i)
      findings.push(error("DUPLICATE_ZONE", `zones[${i}]`, z, "zone is listed twice", "list each zone once"));
  });

  // Plan with each zone once: a duplicate is reported above and must not cascade into duplicate subnets.
  const planZones = [...new Set(zones)];
  const vpc = planVpc(config, facts);
  findings.push(...vpc.findings);
  const subnets = resolveSubnets(config, planZones, vpc, facts);
  findings.push(...subnets.findings);
  const k8s = planKubernetes(config, networkBlocks(vpc, subnets.drafts), vpc.ipv6 !== undefined);
  findings.push(...k8s.findings);
  const addons = planAddons(config, k8s.plan);
  findings.push(...addons.findings);
  const routing = planRouting({
    drafts: subnets.drafts,
    natMode: config.natGateways ?? "perZone",
    singleStackIPv6: k8s.plan.singleStackIPv6,
  });
  findings.push(...routing.findings);
  findings.push(...egressOnlyGatewayFindings(config, vpc, routing.subnets));
  const edge = planEdge({
    config,
    vpc: vpc.plan,
    subnets: subnets.drafts.map((d) => ({ ...kindOf(d), adopted: d.config.id !== undefined, path: d.path })),
    kubernetes: k8s.plan,
    addons: addons.plan,
    facts,
  });
  findings.push(...edge.findings);

  if (findings.some((f) => f.severity === "error")) return { ok: false, findings };

  const tags = config.tags ?? {};
  const subnetPlans: SubnetPlan[] = subnets.drafts.map((d) => {
    const r = routing.subnets.get(d.config.name)!;
    return {
      ...kindOf(d),
      id: d.config.id,
      cidrBlock: d.ipv4 ? formatBlock(d.ipv4) : undefined,
      ipv6: d.ipv6
        ? {
            prefixLength: d.ipv6.len,
            index: Number(d.ipv6.index),
            cidrBlock: d.ipv6.block ? formatBlock(d.ipv6.block) : undefined,
          }
        : undefined,
      autoCidr: { ...d.auto },
      // Resource-name hostnames on every subnet with IPv6 (IPv6-only subnets have no IP-based names); a name
      // resolves in each family the subnet has, as kOps' dual-stack subnets do (A and AAAA records).
      hostnames: d.hasIpv6 ? { type: "resource-name", aRecord: d.hasIpv4, aaaaRecord: true } : undefined,
      dns64: r.dns64,
      mapPublicIpOnLaunch: d.public && (d.config.publicIPv4 ?? false),
      egress: d.config.egress,
      routes: r.routes,
      tags: { ...tags, Name: d.config.name, ...roleTags(d) },
    };
  });

  const plan: NetworkPlan = {
    project: PROJECT,
    region: region!,
    vpc: {
      ...vpc.plan,
      carrierGateway: subnetPlans.some((s) => s.routes.some((r) => r.target.kind === "carrierGateway")),
    },
    zones: planZones,
    natMode: config.natGateways ?? "perZone",
    subnets: subnetPlans,
    natGateways: routing.natGateways,
    kubernetes: k8s.plan,
    addons: addons.plan,
    edge: edge.plan,
    controlPlane: controlPlaneFlags(k8s.plan),
    nodeCloudInit: renderNodeCloudInit(k8s.plan),
    tags,
    protect: config.protect ?? false,
    warnings: findings.filter((f) => f.severity === "warning"),
  };
  return { ok: true, plan, findings };
}

/** Shape check, then planning: the whole pure pipeline from the config namespace's raw values. */
export function planNetwork(raw: Record<string, unknown>, facts: Facts): PlanResult {
  const parsed = parseStackConfig(raw);
  if (!parsed.ok) {
    if (!parsed.withoutUnknownKeys) return { ok: false, findings: parsed.findings };
    // Only unknown keys were wrong: check the rest too, so that one run reports every problem.
    const rest = planFromConfig(parsed.withoutUnknownKeys, facts);
    return { ok: false, findings: [...parsed.findings, ...rest.findings.filter((f) => f.severity === "error")] };
  }
  return planFromConfig(parsed.config, facts);
}
