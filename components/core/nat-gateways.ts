/**
 * Where NAT gateways go: the one decision of their placement. A zone's NAT gateway goes in the subnet
 * pinned with `natGateway: true`, else in the zone's first-listed Utility or Public subnet; the single NAT
 * gateway (`natGateways: single`) in the pinned subnet, else the first-listed Utility or Public subnet of
 * the whole list. Appending subnets or zones never moves one (a move replaces the gateway and cuts egress
 * for minutes); where list order decides between candidates, NAT_PLACED_BY_ORDER says what would move it.
 * No NAT gateway goes in a Wavelength Zone: its subnets use their parent zone's (as in Cluster API).
 */
import { finding, type Finding } from "./findings";
import type { NatGatewayMode } from "./enums";
import { keyPath, type SubnetDraft } from "./subnets";
import type { NatGatewayPlan, RouteTarget } from "./types";

/** Places NAT gateways as the routes ask for them, and reports what it could not place. */
export interface NatPlacer {
  /** The route target for `d` through `zone`'s NAT gateway (a new one on `allocationId` when given). */
  natFor(d: SubnetDraft, zone: string, allocationId?: string): RouteTarget | undefined;
  /** The zone whose NAT gateway serves `d` by default: the single one's, else its own (or its parent zone's). */
  defaultZone(d: SubnetDraft): string | undefined;
  /** The zone of `d` itself for its NAT gateway: its own, or a Wavelength subnet's parent zone. */
  ownZone(d: SubnetDraft): string | undefined;
  /** Subnets whose NAT gateway could not be placed: their DNS64 finding would only repeat that. */
  failed: ReadonlySet<string>;
  /** The NAT gateways placed so far, in placement order. */
  gateways(): NatGatewayPlan[];
  /** NAT_PLACED_BY_ORDER for the gateways placed. */
  orderWarnings(): Finding[];
}

/**
 * Subnets that can hold a NAT gateway: managed subnets of a public kind, in list order, outside Wavelength
 * Zones (no NAT gateway there: their public subnets reach the internet through the carrier gateway).
 */
function natCandidates(drafts: readonly SubnetDraft[]): SubnetDraft[] {
  return drafts.filter((d) => d.public && d.config.id === undefined && !d.wavelength);
}

/** The zone whose NAT gateway serves a subnet: its own, or a Wavelength Zone subnet's parent zone. */
function natZone(d: SubnetDraft): string | undefined {
  return d.wavelength ? d.config.parentZone : d.config.zone;
}

/** Two pins in one zone (or, with one NAT gateway, anywhere) cannot both hold it. */
function pinnedTwice(pinned: readonly SubnetDraft[], natMode: NatGatewayMode): Finding[] {
  const single = natMode === "single";
  return pinned.flatMap((d) => {
    const first = pinned.find((x) => single || x.config.zone === d.config.zone)!;
    if (first === d) return [];
    const p = { first: first.config.name, single, zone: d.config.zone };
    return [finding("NAT_GATEWAY_PINNED_TWICE", keyPath(d, "natGateway"), true, p)];
  });
}

export function natPlacer(drafts: readonly SubnetDraft[], natMode: NatGatewayMode, findings: Finding[]): NatPlacer {
  const candidates = natCandidates(drafts);
  const pinned = candidates.filter((d) => d.config.natGateway === true);
  findings.push(...pinnedTwice(pinned, natMode));
  // The single NAT gateway: in the pinned subnet, else the first-listed public-kind subnet of the whole
  // list (list order, not zones order: appending a subnet to an earlier zone must not move it).
  const singleHost = natMode === "single" ? (pinned[0] ?? candidates[0]) : undefined;
  const singleZone = singleHost?.config.zone;
  // A NAT gateway on a given Elastic IP is the zone's own, never the single one.
  const hostIn = (zone: string, own: boolean) => {
    if (!own && singleHost && zone === singleZone) return singleHost;
    const inZone = candidates.filter((d) => d.config.zone === zone);
    return inZone.find((d) => d.config.natGateway === true) ?? inZone[0];
  };
  const nats = new Map<string, NatGatewayPlan>();
  const failed = new Set<string>();

  const ownZone = (d: SubnetDraft): string | undefined => {
    const zone = natZone(d);
    if (zone !== undefined) return zone;
    failed.add(d.config.name);
    const p = { subnet: d.config.name, zone: d.config.zone };
    findings.push(finding("WAVELENGTH_PARENT_ZONE_REQUIRED", keyPath(d, "parentZone"), undefined, p));
    return undefined;
  };
  const natFor = (d: SubnetDraft, zone: string, allocationId?: string): RouteTarget | undefined => {
    const host = hostIn(zone, allocationId !== undefined);
    const name = allocationId ? `${zone}-nat-${allocationId}` : `${zone}-nat`;
    if (!host) {
      failed.add(d.config.name);
      const p = { subnet: d.config.name, zone };
      findings.push(finding("NAT_NO_PUBLIC_SUBNET", keyPath(d, "egress"), d.config.egress, p));
      return undefined;
    }
    if (!nats.has(name)) nats.set(name, { name, zone, subnet: host.config.name, allocationId });
    return { kind: "natGateway", nat: name, crossZone: zone !== natZone(d) };
  };
  return {
    natFor,
    ownZone,
    defaultZone: (d) => singleZone ?? ownZone(d),
    failed,
    gateways: () => [...nats.values()],
    orderWarnings: () => orderWarnings(drafts, natMode, [...nats.values()], singleHost),
  };
}

/**
 * The default layout's one order the user writes is `zones`: with `natGateways: single` the NAT gateway goes in
 * the first listed zone's Utility subnet, so reordering `zones` would move it (zones left to the region's default
 * come sorted, and are not the user's to reorder).
 */
function defaultLayoutWarning(
  candidates: readonly SubnetDraft[],
  nats: readonly NatGatewayPlan[],
  singleHost: SubnetDraft | undefined,
): Finding[] {
  const n = nats.find((x) => x.subnet === singleHost?.config.name);
  if (!singleHost || !n || !singleHost.path.startsWith("zones[")) return [];
  const rivals = candidates.filter((d) => d !== singleHost).map((d) => d.config.name);
  if (!rivals.length) return [];
  const zone = singleHost.config.zone;
  const p = { nat: n.name, subnet: n.subnet, scope: "zones", rivals: rivals.join(", "), zone };
  return [finding("NAT_PLACED_BY_ORDER", singleHost.path, zone, p)];
}

/**
 * NAT gateways whose subnet was chosen by list order among several candidates (explicit subnets; the default
 * layout: defaultLayoutWarning). Appending is safe; inserting a public-kind subnet before
 * the chosen one, reordering, or changing its kind would move the NAT gateway, which replaces it.
 */
function orderWarnings(
  drafts: readonly SubnetDraft[],
  natMode: NatGatewayMode,
  nats: readonly NatGatewayPlan[],
  singleHost: SubnetDraft | undefined,
): Finding[] {
  const candidates = natCandidates(drafts);
  if (drafts.some((d) => d.defaulted)) return defaultLayoutWarning(candidates, nats, singleHost);
  return nats.flatMap((n) => {
    const host = drafts.find((d) => d.config.name === n.subnet)!;
    if (n.allocationId || host.config.natGateway === true) return [];
    const everywhere = natMode === "single" && host === singleHost;
    const rivals = candidates.filter((d) => d !== host && (everywhere || d.config.zone === n.zone));
    if (!rivals.length) return [];
    const p = {
      nat: n.name,
      subnet: n.subnet,
      scope: natMode === "single" ? "the whole subnets list" : n.zone,
      rivals: rivals.map((r) => r.config.name).join(", "),
    };
    return [finding("NAT_PLACED_BY_ORDER", keyPath(host, "natGateway"), undefined, p)];
  });
}
