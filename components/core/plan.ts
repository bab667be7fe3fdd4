/**
 * The address planner: raw stack config + looked-up facts in, a validated NetworkPlan (or every finding)
 * out. Pure and synchronous: no Pulumi, no AWS, no I/O, so it runs in a config check, a pre-commit hook
 * and inside the program alike.
 */
import { planAddons } from "./addons";
import { planEdge } from "./edge";
import { error, type Finding } from "./findings";
import { formatBlock } from "./ip";
import { planControlPlane, renderNodeCloudInit } from "./kubeadm";
import { planKubernetes } from "./kubernetes";
import { parseStackConfig, PROJECT } from "./parse";
import { planRouting } from "./routing";
import type { StackConfig } from "./schema";
import { resolveSubnets, type SubnetDraft } from "./subnets";
import type { Facts, NetworkPlan, SubnetPlan } from "./types";
import { planVpc } from "./vpc";

export type PlanResult = { ok: true; plan: NetworkPlan; findings: Finding[] } | { ok: false; findings: Finding[] };

/** Kubernetes' subnet discovery tags (used by the cloud-controller-manager and the AWS load balancer controller). */
function roleTags(d: SubnetDraft): Record<string, string> {
  return d.public ? { "kubernetes.io/role/elb": "1" } : { "kubernetes.io/role/internal-elb": "1" };
}

export function planFromConfig(config: StackConfig, facts: Facts): PlanResult {
  const findings: Finding[] = [];
  const zones = config.zones ?? facts.standardZones.slice(0, 3);
  if (zones.length === 0) findings.push(error("ZONES_UNKNOWN", "zones", undefined, `no standard availability zones are known for region ${facts.region}`, "list the zones explicitly in zones"));
  zones.forEach((z, i) => {
    if (zones.indexOf(z) !== i) findings.push(error("DUPLICATE_ZONE", `zones[${i}]`, z, "zone is listed twice", "list each zone once"));
  });

  // Plan with each zone once: a duplicate is reported above and must not cascade into duplicate subnets.
  const planZones = [...new Set(zones)];
  const vpc = planVpc(config, facts);
  findings.push(...vpc.findings);
  const subnets = resolveSubnets(config, planZones, vpc);
  findings.push(...subnets.findings);
  const k8s = planKubernetes(config, vpc.ipv4, vpc.ipv6 !== undefined);
  findings.push(...k8s.findings);
  const addons = planAddons(config, k8s.plan);
  findings.push(...addons.findings);
  const routing = planRouting({
    drafts: subnets.drafts,
    zones: planZones,
    natMode: config.natGateways ?? "perZone",
    vpcHasIpv6: vpc.ipv6 !== undefined,
    singleStackIPv6: k8s.plan.singleStackIPv6,
  });
  findings.push(...routing.findings);
  const edge = planEdge({
    config,
    vpc: vpc.plan,
    subnets: subnets.drafts.map((d) => ({
      name: d.config.name, zone: d.config.zone, type: d.config.type, hasIpv4: d.hasIpv4, hasIpv6: d.hasIpv6,
      ipv6Only: d.ipv6Only, public: d.public, adopted: d.config.id !== undefined, path: d.path,
    })),
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
      name: d.config.name,
      zone: d.config.zone,
      type: d.config.type,
      id: d.config.id,
      cidrBlock: d.ipv4 ? formatBlock(d.ipv4) : undefined,
      ipv6: d.ipv6 ? { prefixLength: d.ipv6.len, index: Number(d.ipv6.index), cidrBlock: d.ipv6.block ? formatBlock(d.ipv6.block) : undefined } : undefined,
      autoCidr: { ...d.auto },
      ipv6Native: d.ipv6Only,
      dns64: r.dns64,
      public: d.public,
      mapPublicIpOnLaunch: d.public && (d.config.publicIPv4 ?? false),
      egress: d.config.egress,
      routes: r.routes,
      tags: { ...tags, Name: d.config.name, ...roleTags(d) },
    };
  });

  const plan: NetworkPlan = {
    project: PROJECT,
    region: facts.region,
    vpc: vpc.plan,
    zones: planZones,
    natMode: config.natGateways ?? "perZone",
    subnets: subnetPlans,
    natGateways: routing.natGateways,
    kubernetes: k8s.plan,
    addons: addons.plan,
    edge: edge.plan,
    controlPlane: planControlPlane(k8s.plan),
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
