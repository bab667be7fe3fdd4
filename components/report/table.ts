/**
 * The plan as text for a terminal: per zone its subnets with kind, blocks, DNS64 and routes, then NAT
 * gateways, Kubernetes addressing and capacity (on EKS: the EKS cluster), resource counts and warnings. Pure: plan
 * in, string out.
 */
import type { RoutePlan, RouteTarget, SubnetPlan } from "../core/types";
import type { NetworkPlan } from "../core/network-plan";
import { addonLines } from "./addons";
import { edgeLines } from "./edge";
import { endpointLines } from "./endpoints";
import { eksReport } from "./eks";

/** A route target, short: the gateway kind or the NAT gateway's name, or the given id. */
export function targetLabel(t: RouteTarget): string {
  switch (t.kind) {
    case "internetGateway":
      return "igw";
    case "egressOnlyInternetGateway":
      return "eigw";
    case "natGateway":
      return t.crossZone ? `${t.nat} (other zone)` : t.nat;
    case "existingNatGateway":
      return t.id;
    case "transitGateway":
      return t.id;
    case "carrierGateway":
      return "carrier gateway";
  }
}

/** A route as `destination -> target`. */
export function routeLabel(r: RoutePlan): string {
  return `${r.destination} -> ${targetLabel(r.target)}`;
}

/** A subnet's IPv6 block: the block when known, else its place in the VPC's block. */
export function ipv6Label(s: SubnetPlan, plan: NetworkPlan): string {
  if (!s.ipv6) return s.id ? "(existing)" : "-";
  if (s.ipv6.cidrBlock) return s.ipv6.cidrBlock;
  const source = plan.vpc.ipv6?.source === "ipam" ? "IPAM" : "AWS";
  return `/${s.ipv6.prefixLength}#${s.ipv6.index.toString(16)} of the ${source} /${plan.vpc.ipv6?.prefixLength}`;
}

/** A subnet's routes in one cell, or why it has none here. */
export function routesLabel(s: SubnetPlan): string {
  if (s.id) return "(not managed: adopted subnet)";
  if (s.routes.length === 0) return s.egress === "External" ? "(none: egress External)" : "(local only)";
  return s.routes.map(routeLabel).join(", ");
}

/**
 * An exact count: in full while it is short, as a power of two (`2^64`) past 2^32, where digits stop being
 * readable. Counts past 2^53 (an IPv6 /64 per node) are exact powers of two: print them as such.
 */
export function countLabel(n: number | string, bits?: number): string {
  if (bits !== undefined && bits > 32) return `2^${bits}`;
  return String(n);
}

/** Rows as aligned columns (the last one not padded), each row indented. */
function grid(rows: string[][], indent = "  "): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => indent + r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join("  "))
    .join("\n");
}

/** The VPC with its IPv4 block and where its IPv6 block comes from. */
function vpcLine(plan: NetworkPlan): string {
  const v6 = plan.vpc.ipv6;
  const six = !v6
    ? "no IPv6 (IPv4-only VPC)"
    : v6.source === "amazon"
      ? "Amazon-provided /56"
      : v6.source === "ipam"
        ? `IPAM pool ${v6.ipamPoolId}, /${v6.prefixLength}`
        : v6.source === "byoip"
          ? `BYOIP pool ${v6.poolId}, ${v6.cidrBlock}`
          : `existing ${v6.cidrBlock}`;
  return `VPC ${plan.vpc.id ?? "(new)"}  IPv4 ${plan.vpc.cidrBlock}  IPv6 ${six}`;
}

/** Where the VPC's gateways come from, in words: a given id, the attached one, a lookup still to run, or new. */
export function gatewaysLabel(plan: NetworkPlan): string {
  const vpc = plan.vpc;
  const igw =
    vpc.internetGateway === "lookup"
      ? `the one attached to ${vpc.id} (looked up at preview; offline: not looked up)`
      : vpc.internetGateway === "create"
        ? "new"
        : `${vpc.internetGatewayId}${vpc.internetGateway === "attached" ? " (attached to the VPC)" : ""}`;
  const eigwOf = (v6: NonNullable<typeof vpc.ipv6>) =>
    v6.egressOnlyGateway === "given"
      ? v6.egressOnlyInternetGatewayId
      : v6.egressOnlyGateway === "create"
        ? "new"
        : "none";
  const eigw = vpc.ipv6 ? `; egress-only internet gateway ${eigwOf(vpc.ipv6)}` : "";
  return `internet gateway ${igw}${eigw}`;
}

/** One zone: the grid of its subnets (or none), then its NAT gateways. */
function zoneLines(plan: NetworkPlan, zone: string): string[] {
  const rows = [["subnet", "kind", "IPv4", "IPv6", "DNS64", "routes"]];
  for (const s of plan.subnets.filter((x) => x.zone === zone)) {
    const kind = s.type === "Private" && s.ipv6Only ? "Private (IPv6-only)" : s.type;
    rows.push([
      s.name,
      kind,
      s.cidrBlock ?? (s.id ? "(existing)" : "-"),
      ipv6Label(s, plan),
      s.dns64 ? "on" : "off",
      routesLabel(s),
    ]);
  }
  const out = ["", `Zone ${zone}`, rows.length > 1 ? grid(rows) : "  (no subnets)"];
  const nats = plan.natGateways.filter((n) => n.zone === zone);
  for (const n of nats) out.push(`  NAT gateway ${n.name} in ${n.subnet}, Elastic IP ${n.allocationId ?? "new"}`);
  return out;
}

/**
 * Kubernetes: the families, the pod and service blocks and DNS, then the capacity of each family; on EKS, how EKS
 * addresses pods and services instead (no ranges, capacity or DNS address are planned).
 */
function kubernetesLines(plan: NetworkPlan): string[] {
  if (plan.eks) return ["", "Kubernetes (Amazon EKS)", ...eksReport(plan.eks).kubernetes.map((t) => `  ${t}`)];
  const k = plan.kubernetes;
  const stackKind = k.singleStackIPv6 ? " (IPv6 single-stack)" : k.ipFamilies.length === 2 ? " (dual-stack)" : "";
  const out = [
    "",
    "Kubernetes",
    `  families ${k.ipFamilies.join(", ")}${stackKind}`,
    `  pods ${k.podCIDRs.join(", ")}   services ${k.serviceCIDRs.join(", ")}   DNS ${k.dnsServiceIP}`,
  ];
  for (const c of k.perFamily) {
    const pods = countLabel(c.podAddressesPerNode, c.podAddressBits);
    out.push(`  ${c.family}: node mask /${c.nodeMaskSize}: ${countLabel(c.maxNodes)} nodes x ${pods} pod addresses`);
  }
  return out;
}

/** The EKS cluster: its settings, add-ons, IAM, node groups and Fargate profile; none when self-managed. */
export function eksLines(plan: NetworkPlan): string[] {
  if (!plan.eks) return [];
  const r = eksReport(plan.eks);
  const conflicts = [...new Set(plan.eks.addons.map((a) => a.resolveConflicts))].join(", ");
  const out = ["", "Amazon EKS (kubernetes.eks)", grid(r.cluster)];
  out.push(`  Add-ons, in install order (conflicts: ${conflicts})`);
  out.push(
    grid(
      r.addons.map((a) => [a.name, a.version, a.settings]),
      "    ",
    ),
  );
  out.push("  IAM", grid(r.iam, "    "), "  Node groups");
  if (!r.nodeGroups.length) out.push("    none");
  for (const g of r.nodeGroups) {
    out.push(`    ${g.name}: ${g.instanceTypes}; ${g.scaling}; ${g.capacityType}; ${g.amiType}; ${g.disk}`);
    out.push(`      subnets ${g.subnets}`, `      instance metadata ${g.metadata}`);
  }
  out.push(`  Fargate profile: ${r.fargate ?? "none (set fargateNamespaces for one)"}`);
  return out;
}

/** The resources the program declares, by type, with their total. */
function resourceLines(resourceCounts: Record<string, number>): string[] {
  const total = Object.values(resourceCounts).reduce((a, b) => a + b, 0);
  const rows = Object.entries(resourceCounts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([t, n]) => [String(n).padStart(3), t]);
  return ["", `Resources (${total})`, grid(rows)];
}

/** The whole plan as text for a terminal; `extra` lines go before the resource counts. */
export function renderTable(
  plan: NetworkPlan,
  stack: string,
  resourceCounts?: Record<string, number>,
  extra: string[] = [],
): string {
  const out = [
    `Plan for stack ${stack} (${plan.region}), offline: nothing was deployed`,
    vpcLine(plan),
    `Gateways: ${gatewaysLabel(plan)}`,
    `NAT gateways: ${plan.natMode}${plan.protect ? "   protect: on" : ""}`,
    ...plan.zones.flatMap((zone) => zoneLines(plan, zone)),
    ...kubernetesLines(plan),
    ...eksLines(plan),
    ...addonLines(plan.addons),
    ...edgeLines(plan),
    ...endpointLines(plan),
  ];
  if (extra.length) out.push("", ...extra);
  if (resourceCounts) out.push(...resourceLines(resourceCounts));
  if (plan.warnings.length) {
    out.push("", "Warnings");
    for (const w of plan.warnings) out.push(`  [${w.code}] ${w.path}: ${w.message}`, `      fix: ${w.fix}`);
  }
  return out.join("\n");
}
