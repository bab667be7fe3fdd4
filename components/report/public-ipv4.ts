/**
 * Public IPv4 addresses the stack holds and what they cost, next to an IPv4-only layout of the same
 * size. Pure: plan in, numbers out (the text, markdown, JSON and SVG outputs all show this one result).
 */
import type { SubnetPlan } from "../core/types";
import type { NetworkPlan } from "../core/network-plan";
import { endpointsCost, endpointsCostLine, type EndpointsCost } from "./endpoints";

/**
 * What AWS charges for one public IPv4 address per hour, in use or idle, since 2024-02-01: "$0.005 per IP
 * per hour for all public IPv4 addresses" (AWS News Blog, "New – AWS Public IPv4 Address Charge + Public
 * IP Insights", 2023-07-28; Amazon VPC pricing, "Public IPv4 address" tab). Elastic IPs of NAT gateways
 * and the addresses of internet-facing load balancers are included; BYOIP addresses are not charged.
 */
export const PUBLIC_IPV4_USD_PER_HOUR = 0.005;
/** A 30-day month, as AWS' own example counts it ($3.60 per address per month). */
export const HOURS_PER_MONTH = 720;

/** What holds some of the public IPv4 addresses, and how many. */
export interface PublicIpv4Line {
  /** What holds the addresses: `natGateway` (their Elastic IPs) or `apiLoadBalancer` (one per zone). */
  source: "natGateway" | "apiLoadBalancer";
  /** Human-readable description, e.g. which NAT gateways. */
  what: string;
  /** How many public IPv4 addresses it holds. */
  count: number;
}

/** The public IPv4 addresses of a plan and of an IPv4-only layout of the same size, with what they cost. */
export interface PublicIpv4Summary {
  /** AWS' price per public IPv4 address-hour (USD). */
  usdPerAddressHour: number;
  /** The same for a 30-day month (USD), rounded to cents. */
  usdPerAddressMonth: number;
  /** Addresses this stack holds, by source. */
  stack: PublicIpv4Line[];
  /** Addresses this stack holds (per-instance addresses not counted). */
  stackTotal: number;
  /** What they cost per 30-day month (USD). */
  stackUsdPerMonth: number;
  /**
   * The same zones and subnets built IPv4-only: a NAT gateway in every zone whose private subnets reach
   * the internet (one in all when natGateways is single), and the load balancer on IPv4.
   */
  ipv4Only: PublicIpv4Line[];
  /** Addresses the IPv4-only layout would hold (per-instance addresses not counted). */
  ipv4OnlyTotal: number;
  /** What they would cost per 30-day month (USD). */
  ipv4OnlyUsdPerMonth: number;
  /** ipv4OnlyUsdPerMonth - stackUsdPerMonth: what the IPv6 layout saves per month (negative: costs more). */
  savingUsdPerMonth: number;
  /**
   * Subnets of this stack where every instance launched gets a public IPv4 (publicIPv4: true): one more
   * address each.
   */
  perInstanceSubnets: string[];
  /**
   * In the IPv4-only layout every instance in a public subnet needs a public IPv4 to be reachable: the
   * Public subnets (where instances run; Utility ones hold load balancers and NAT gateways) and any with
   * publicIPv4: true.
   */
  ipv4OnlyPerInstanceSubnets: string[];
  /**
   * The VPC endpoints (`endpoints`): they hold no public IPv4 address; what the interface ones cost per hour and GB,
   * and the NAT gateways whose per-GB charge their traffic no longer pays. Absent without `endpoints`.
   */
  endpoints?: EndpointsCost;
}

/** USD per month for `n` addresses, rounded to cents. */
export function monthlyUsd(n: number): number {
  return Math.round(n * PUBLIC_IPV4_USD_PER_HOUR * HOURS_PER_MONTH * 100) / 100;
}

const isDefaultRoute = (d: string) => d === "0.0.0.0/0" || d === "::/0";

/**
 * A subnet whose internet egress the IPv4-only layout would give a NAT gateway of this stack: private,
 * created here, no egress of its own (nat-/eipalloc-/tgw-/External keep theirs), and reaching the
 * internet today by either family (e.g. IPv6-only through the egress-only gateway).
 */
function needsIpv4Nat(s: SubnetPlan): boolean {
  return (
    !s.public && s.id === undefined && s.egress === undefined && s.routes.some((r) => isDefaultRoute(r.destination))
  );
}

const plural = (n: number) => (n === 1 ? "" : "s");
const sum = (l: PublicIpv4Line[]) => l.reduce((a, b) => a + b.count, 0);

/** The public IPv4 addresses of this stack and of an IPv4-only layout of the same size, with their cost. */
export function publicIpv4Summary(plan: NetworkPlan): PublicIpv4Summary {
  const stack: PublicIpv4Line[] = [];
  if (plan.natGateways.length) {
    const names = plan.natGateways.map((n) => n.name).join(", ");
    stack.push({
      source: "natGateway",
      what: `NAT gateway Elastic IP${plural(plan.natGateways.length)} (${names})`,
      count: plan.natGateways.length,
    });
  }
  // An internet-facing network load balancer holds a public IPv4 in each of its zones, for ipv4 and
  // dualstack alike (dualstack-without-public-ipv4 exists for Application Load Balancers only).
  const lb = plan.edge.apiLoadBalancer;
  const lbZones = lb && lb.scheme === "internet-facing" ? lb.subnets.length : 0;
  if (lbZones)
    stack.push({
      source: "apiLoadBalancer",
      what: `API load balancer (${lb!.ipAddressType}), one per zone`,
      count: lbZones,
    });

  // IPv4-only: there is no egress-only gateway for IPv4, so every zone whose private subnets reach the
  // internet needs a NAT gateway; this stack's own NAT gateways (incl. eipalloc- ones) stay.
  const natZones = new Set(plan.natGateways.map((n) => n.zone));
  const needZones = [...new Set(plan.subnets.filter(needsIpv4Nat).map((s) => s.zone))];
  const nats =
    plan.natMode === "single"
      ? Math.max(plan.natGateways.length, needZones.length ? 1 : 0)
      : plan.natGateways.length + needZones.filter((z) => !natZones.has(z)).length;
  const ipv4Only: PublicIpv4Line[] = [];
  if (nats)
    ipv4Only.push({
      source: "natGateway",
      what:
        `NAT gateway Elastic IP${plural(nats)} (IPv4 egress of the private subnets,` +
        ` natGateways ${plan.natMode === "single" ? "single" : "per zone"})`,
      count: nats,
    });
  if (lbZones)
    ipv4Only.push({ source: "apiLoadBalancer", what: "API load balancer (ipv4), one per zone", count: lbZones });

  const stackTotal = sum(stack);
  const ipv4OnlyTotal = sum(ipv4Only);
  const endpoints = endpointsCost(plan, HOURS_PER_MONTH);
  return {
    usdPerAddressHour: PUBLIC_IPV4_USD_PER_HOUR,
    usdPerAddressMonth: monthlyUsd(1),
    stack,
    stackTotal,
    stackUsdPerMonth: monthlyUsd(stackTotal),
    ipv4Only,
    ipv4OnlyTotal,
    ipv4OnlyUsdPerMonth: monthlyUsd(ipv4OnlyTotal),
    savingUsdPerMonth: monthlyUsd(ipv4OnlyTotal - stackTotal),
    perInstanceSubnets: plan.subnets.filter((s) => s.mapPublicIpOnLaunch).map((s) => s.name),
    ipv4OnlyPerInstanceSubnets: plan.subnets
      .filter((s) => s.id === undefined && (s.type === "Public" || s.mapPublicIpOnLaunch))
      .map((s) => s.name),
    ...(endpoints ? { endpoints } : {}),
  };
}

const addresses = (n: number) => `${n} address${n === 1 ? "" : "es"}`;
const detail = (l: PublicIpv4Line[]) => (l.length ? `: ${l.map((x) => `${x.count} ${x.what}`).join("; ")}` : "");

/** The summary as text lines for the terminal plan. */
export function publicIpv4Lines(s: PublicIpv4Summary): string[] {
  const out = [
    `Public IPv4 (AWS charges $${s.usdPerAddressHour} per address-hour, $${s.usdPerAddressMonth.toFixed(2)} per month)`,
  ];
  out.push(`  this stack: ${addresses(s.stackTotal)}, $${s.stackUsdPerMonth.toFixed(2)}/month${detail(s.stack)}`);
  out.push(
    `  IPv4-only layout of the same size: ${addresses(s.ipv4OnlyTotal)},` +
      ` $${s.ipv4OnlyUsdPerMonth.toFixed(2)}/month${detail(s.ipv4Only)}`,
  );
  if (s.perInstanceSubnets.length)
    out.push(`  plus one per instance launched in ${s.perInstanceSubnets.join(", ")} (publicIPv4: true)`);
  if (s.ipv4OnlyPerInstanceSubnets.length)
    out.push(
      `  IPv4-only, every instance in the public subnets ${s.ipv4OnlyPerInstanceSubnets.join(", ")} would need one too`,
    );
  if (s.endpoints) out.push(`  ${endpointsCostLine(s.endpoints)}`);
  return out;
}
