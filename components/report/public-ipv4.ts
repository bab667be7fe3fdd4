/**
 * Public IPv4 addresses the stack holds and what they cost, next to an IPv4-only layout of the same
 * size. AWS charges for every public IPv4 address, in use or not: $0.005 per address-hour since
 * 2024-02-01 ("New - AWS Public IPv4 Address Charge", AWS News Blog; Amazon VPC pricing).
 */
import type { NetworkPlan } from "../core/types";

export const PUBLIC_IPV4_USD_PER_HOUR = 0.005;
/** A 30-day month, as AWS' own example ($3.60 per address per month) counts it. */
export const HOURS_PER_MONTH = 720;

export interface PublicIpv4Line {
  what: string;
  count: number;
}

export interface PublicIpv4Summary {
  /** Addresses this stack holds, by source. */
  stack: PublicIpv4Line[];
  stackTotal: number;
  stackUsdPerMonth: number;
  /** The same zones, subnets and load balancer built IPv4-only. */
  ipv4Only: PublicIpv4Line[];
  ipv4OnlyTotal: number;
  ipv4OnlyUsdPerMonth: number;
  /** Subnets where every instance launched gets a public IPv4 (publicIPv4: true): one more address each. */
  perInstanceSubnets: string[];
  usdPerAddressMonth: number;
}

const usd = (n: number) => Math.round(n * PUBLIC_IPV4_USD_PER_HOUR * HOURS_PER_MONTH * 100) / 100;

export function publicIpv4Summary(plan: NetworkPlan): PublicIpv4Summary {
  const stack: PublicIpv4Line[] = [];
  const nats = plan.natGateways.length;
  if (nats) stack.push({ what: `NAT gateway Elastic IPs (${plan.natGateways.map((n) => n.name).join(", ")})`, count: nats });
  const lb = plan.edge.apiLoadBalancer;
  // A network load balancer has no dualstack-without-public-ipv4 (ALB only): internet-facing, it holds one per zone.
  const lbPublicV4 = lb && lb.scheme === "internet-facing" ? lb.subnets.length : 0;
  if (lbPublicV4) stack.push({ what: `API load balancer, one per zone (${lb!.ipAddressType})`, count: lbPublicV4 });

  // IPv4-only: every zone with a private subnet needs its NAT gateway for IPv4 egress (no egress-only
  // gateway for IPv4), and an internet-facing load balancer has a public IPv4 in each of its zones.
  const privateZones = [...new Set(plan.subnets.filter((s) => !s.public && s.id === undefined && s.egress === undefined).map((s) => s.zone))];
  const natsV4 = plan.natMode === "none" ? 0 : plan.natMode === "single" ? Math.min(1, privateZones.length) : privateZones.length;
  const ipv4Only: PublicIpv4Line[] = [];
  if (natsV4) ipv4Only.push({ what: "NAT gateway Elastic IPs (IPv4 egress of every private zone)", count: natsV4 });
  const lbV4 = lb && lb.scheme === "internet-facing" ? lb.subnets.length : 0;
  if (lbV4) ipv4Only.push({ what: "API load balancer, one per zone (ipv4)", count: lbV4 });

  const sum = (l: PublicIpv4Line[]) => l.reduce((a, b) => a + b.count, 0);
  return {
    stack,
    stackTotal: sum(stack),
    stackUsdPerMonth: usd(sum(stack)),
    ipv4Only,
    ipv4OnlyTotal: sum(ipv4Only),
    ipv4OnlyUsdPerMonth: usd(sum(ipv4Only)),
    perInstanceSubnets: plan.subnets.filter((s) => s.mapPublicIpOnLaunch).map((s) => s.name),
    usdPerAddressMonth: usd(1),
  };
}

export function publicIpv4Lines(s: PublicIpv4Summary): string[] {
  const out = [`Public IPv4 (AWS charges $${s.usdPerAddressMonth.toFixed(2)} per address-month)`];
  out.push(`  this stack: ${s.stackTotal} address${s.stackTotal === 1 ? "" : "es"}, $${s.stackUsdPerMonth.toFixed(2)}/month${s.stack.length ? `: ${s.stack.map((l) => `${l.count} ${l.what}`).join("; ")}` : ""}`);
  out.push(`  IPv4-only layout of the same size: ${s.ipv4OnlyTotal}, $${s.ipv4OnlyUsdPerMonth.toFixed(2)}/month${s.ipv4Only.length ? `: ${s.ipv4Only.map((l) => `${l.count} ${l.what}`).join("; ")}` : ""}`);
  if (s.perInstanceSubnets.length) out.push(`  plus one per instance launched in ${s.perInstanceSubnets.join(", ")} (publicIPv4: true)`);
  return out;
}
