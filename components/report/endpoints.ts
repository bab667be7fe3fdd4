/**
 * The VPC endpoints for the plan's text and markdown: each endpoint with its type, subnets or route tables, the
 * interface endpoints' security group, and the NAT traffic they take over; and what they cost. Pure: plan in,
 * lines and numbers out.
 */
import type { EndpointsPlan } from "../core/vpc-endpoints";
import type { NetworkPlan } from "../core/network-plan";
import { ruleLabel } from "./edge";

/**
 * What an interface endpoint costs per Availability Zone and hour, and per GB it processes (the first PB a month in
 * a Region): "AWS PrivateLink pricing" (https://aws.amazon.com/privatelink/pricing/, us-east-1; other Regions
 * differ by a few tenths of a cent). Gateway endpoints: "There is no additional charge for using gateway
 * endpoints" (AWS PrivateLink guide, "Gateway endpoints").
 */
export const INTERFACE_ENDPOINT_USD_PER_ZONE_HOUR = 0.01;
/** Per GB processed by an interface endpoint (first PB a month, same page). */
export const INTERFACE_ENDPOINT_USD_PER_GB = 0.01;
/** Per GB a NAT gateway processes: "Amazon VPC pricing", NAT gateway, us-east-1. */
export const NAT_GATEWAY_USD_PER_GB = 0.045;

/** The endpoints' cost next to the NAT traffic they take over. */
export interface EndpointsCost {
  /** Interface endpoints times the zones each is in: what is charged per hour. */
  interfaceEndpointZones: number;
  /** AWS' price per interface endpoint per zone and hour (USD). */
  usdPerEndpointZoneHour: number;
  /** What the interface endpoints cost per 30-day month before traffic (USD), rounded to cents. */
  usdPerMonth: number;
  /** Per GB through an interface endpoint (USD). */
  usdPerGbInterface: number;
  /** Per GB through a NAT gateway, which that traffic no longer pays (USD). */
  usdPerGbNat: number;
  /** Services with gateway endpoints: no charge. */
  gatewayServices: string[];
  /** The NAT gateways (plan names or ids) whose traffic to these services the endpoints take over. */
  natGateways: string[];
}

/** What the plan's endpoints cost, and which NAT gateways they relieve; undefined without endpoints. */
export function endpointsCost(plan: NetworkPlan, hoursPerMonth: number): EndpointsCost | undefined {
  const e = plan.endpoints;
  if (!e) return undefined;
  const zones = e.interface.reduce((n, x) => n + x.subnets.length, 0);
  return {
    interfaceEndpointZones: zones,
    usdPerEndpointZoneHour: INTERFACE_ENDPOINT_USD_PER_ZONE_HOUR,
    usdPerMonth: Math.round(zones * INTERFACE_ENDPOINT_USD_PER_ZONE_HOUR * hoursPerMonth * 100) / 100,
    usdPerGbInterface: INTERFACE_ENDPOINT_USD_PER_GB,
    usdPerGbNat: NAT_GATEWAY_USD_PER_GB,
    gatewayServices: e.gateway.map((g) => g.service),
    natGateways: [...new Set(e.replacesNat.map((r) => r.via))],
  };
}

/** The cost line of the public IPv4 section: no public address, the hourly price, the per-GB trade. */
export function endpointsCostLine(c: EndpointsCost): string {
  const parts = ["no public IPv4 (private addresses only)"];
  if (c.interfaceEndpointZones)
    parts.push(
      `${c.interfaceEndpointZones} interface endpoint-zones, $${c.usdPerMonth.toFixed(2)}/month` +
        ` ($${c.usdPerEndpointZoneHour} per endpoint per zone-hour), their traffic $${c.usdPerGbInterface}/GB`,
    );
  if (c.gatewayServices.length) parts.push(`gateway endpoints (${c.gatewayServices.join(", ")}) free`);
  const nat = c.natGateways.length
    ? `; traffic to these services skips the NAT gateways' $${c.usdPerGbNat}/GB (${c.natGateways.join(", ")})`
    : "";
  return `VPC endpoints: ${parts.join("; ")}${nat}`;
}

/** A route's traffic in words. */
const routeWords = (r: EndpointsPlan["replacesNat"][number]) =>
  `${r.route === "nat64" ? "NAT64" : "IPv4"} through ${r.via}`;

/** The endpoints as indented text lines (no heading). */
export function endpointDetailLines(e: EndpointsPlan): string[] {
  const out: string[] = [];
  const byType = new Map<string, string[]>();
  for (const x of e.interface) byType.set(x.ipAddressType, [...(byType.get(x.ipAddressType) ?? []), x.service]);
  for (const [type, services] of byType)
    out.push(`interface ${services.join(", ")}: ${type}, under the services' own names, in ${e.subnets.join(", ")}`);
  for (const r of e.securityGroup?.ingress ?? [])
    out.push(`  security group ${e.securityGroup!.name}: in ${ruleLabel(r)}`);
  for (const g of e.gateway)
    out.push(
      `gateway ${g.service}: ${g.ipAddressType} (routes and DNS), on the route tables of ${g.routeTables.join(", ")}`,
    );
  if (e.replacesNat.length) {
    out.push("replaces NAT traffic to these services from");
    for (const r of e.replacesNat) out.push(`  ${r.subnet}: ${routeWords(r)} (${r.services.join(", ")})`);
  }
  return out;
}

/** The plan's text section: the endpoints, or nothing without `endpoints`. */
export function endpointLines(plan: NetworkPlan): string[] {
  if (!plan.endpoints) return [];
  const lines = endpointDetailLines(plan.endpoints);
  return ["", "VPC endpoints (endpoints)", ...(lines.length ? lines : ["none"]).map((l) => `  ${l}`)];
}
