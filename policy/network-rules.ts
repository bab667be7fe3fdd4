/**
 * The pack's rules about subnets and their routes, as pure functions over the stack's records (policy/records.ts):
 * DNS64 needs a NAT64 route, IPv6-only subnets need resource-name hostnames with AAAA records, a private subnet
 * routes nothing to the internet gateway, no public IPv4 address on every instance. No Pulumi here: the pack
 * (policy/policies.ts) and the tests call the same functions.
 *
 * Each rule judges what the stack declares and skips what it cannot know: a value unknown until deployment, a
 * subnet whose route table is not in the stack (the VPC's main table).
 */
import { NAT64_PREFIX } from "../components/core/nat64-dns64";
import { asList, isSet, str, TYPES, UNKNOWN, type PolicyRecord, type StackGraph } from "./records";
import { DEFAULT_PRIVATE_SUBNET_TAGS, violation, type RuleConfig, type Violation } from "./violations";

// ---- resource rules ----------------------------------------------------------------------------------------------

/** IPV6_ONLY_SUBNET_HOSTNAMES: an IPv6-only subnet's hostnames must be resource names with AAAA records. */
export function ipv6OnlySubnetHostnames(s: PolicyRecord): Violation[] {
  if (s.props.ipv6Native !== true) return [];
  const type = s.props.privateDnsHostnameTypeOnLaunch;
  const aaaa = s.props.enableResourceNameDnsAaaaRecordOnLaunch;
  if (type === UNKNOWN || aaaa === UNKNOWN) return [];
  // Unset, AWS names an IPv6-only subnet's instances by resource name: only ip-name is wrong there.
  const why =
    type === "ip-name"
      ? "gives IP-based hostnames (privateDnsHostnameTypeOnLaunch: ip-name), which need an IPv4 address"
      : aaaa !== true
        ? "publishes no AAAA records for its resource names (enableResourceNameDnsAaaaRecordOnLaunch)"
        : undefined;
  return why ? [violation("IPV6_ONLY_SUBNET_HOSTNAMES", s, { subnet: s.name, why })] : [];
}

/** PUBLIC_IPV4_ON_LAUNCH: no public IPv4 address on every instance by default. */
export function publicIpv4OnLaunch(s: PolicyRecord): Violation[] {
  return s.props.mapPublicIpOnLaunch === true ? [violation("PUBLIC_IPV4_ON_LAUNCH", s, { subnet: s.name })] : [];
}

// ---- routes ------------------------------------------------------------------------------------------------------

/** One route of a table: an aws.ec2.Route of it, or an element of its inline `routes`. */
interface RouteView {
  /** The destination block (UNKNOWN when not known yet), or undefined for a prefix-list destination. */
  destination: unknown;
  /** The route's properties (target ids). */
  props: Readonly<Record<string, unknown>>;
  /** The resource that declares it: the Route, or the table for an inline route. */
  record: PolicyRecord;
  /** Whether it is an inline route of the table. */
  inline: boolean;
}

/** The route tables associated with a subnet in the stack. */
function tablesOf(g: StackGraph, subnet: PolicyRecord): PolicyRecord[] {
  return g
    .ofType(TYPES.association)
    .filter((a) => g.refs(a, "subnetId", TYPES.subnet).includes(subnet))
    .flatMap((a) => g.refs(a, "routeTableId", TYPES.routeTable));
}

/** A table's routes: the aws.ec2.Route resources in it, and its inline `routes`. */
function routesOf(g: StackGraph, table: PolicyRecord): RouteView[] {
  const separate = g.referrers(table, TYPES.route, "routeTableId").map((r) => ({
    destination: r.props.destinationCidrBlock ?? r.props.destinationIpv6CidrBlock,
    props: r.props,
    record: r,
    inline: false,
  }));
  const inline = asList(table.props.routes).flatMap((x): RouteView[] => {
    if (!x || typeof x !== "object") return [];
    const props = x as Readonly<Record<string, unknown>>;
    return [{ destination: props.cidrBlock ?? props.ipv6CidrBlock, props, record: table, inline: true }];
  });
  return [...separate, ...inline];
}

const TARGETS = ["gatewayId", "natGatewayId", "transitGatewayId", "networkInterfaceId", "egressOnlyGatewayId"];

/** Whether a route sends its traffic to an internet gateway (by id, or by where the unknown id comes from). */
function toInternetGateway(g: StackGraph, r: RouteView): boolean {
  const gw = r.props.gatewayId;
  if (typeof gw === "string")
    return gw.startsWith("igw-") || g.ofType(TYPES.internetGateway).some((i) => str(i, "id") === gw);
  if (gw !== UNKNOWN) return false;
  return g.refs(r.record, r.inline ? "routes" : "gatewayId", TYPES.internetGateway).length > 0;
}

/** DNS64_WITHOUT_NAT64: a subnet with DNS64 needs a route for 64:ff9b::/96 in its route table. */
export function dns64WithoutNat64(g: StackGraph): Violation[] {
  return g
    .ofType(TYPES.subnet)
    .filter((s) => s.props.enableDns64 === true)
    .flatMap((s) => {
      const tables = tablesOf(g, s);
      // Without an association in the stack the subnet uses the VPC's main table, which the stack does not show.
      if (!tables.length) return [];
      const nat64 = tables.some((t) =>
        routesOf(g, t).some(
          (r) =>
            (r.destination === NAT64_PREFIX || r.destination === UNKNOWN) && TARGETS.some((k) => isSet(r.props[k])),
        ),
      );
      return nat64
        ? []
        : [violation("DNS64_WITHOUT_NAT64", s, { subnet: s.name, ipv6Only: s.props.ipv6Native === true })];
    });
}

/** The tag that marks a subnet private, in words, or undefined. */
function privateMarker(s: PolicyRecord, tags: Readonly<Record<string, string>>): string | undefined {
  const own = s.props.tags;
  if (!own || typeof own !== "object") return undefined;
  for (const [key, value] of Object.entries(tags)) {
    const v = (own as Record<string, unknown>)[key];
    if (v !== undefined && (value === "*" || v === value)) return `tag ${key}${value === "*" ? "" : `=${value}`}`;
  }
  return undefined;
}

/** PRIVATE_SUBNET_TO_INTERNET_GATEWAY: a subnet tagged private routes no default route to the internet gateway. */
export function privateSubnetToInternetGateway(g: StackGraph, config: RuleConfig = {}): Violation[] {
  const tags = config.privateSubnetTags ?? DEFAULT_PRIVATE_SUBNET_TAGS;
  return g.ofType(TYPES.subnet).flatMap((s) => {
    const marker = privateMarker(s, tags);
    if (!marker) return [];
    const defaults = tablesOf(g, s)
      .flatMap((t) => routesOf(g, t))
      .filter((r) => (r.destination === "0.0.0.0/0" || r.destination === "::/0") && toInternetGateway(g, r));
    const destinations = [...new Set(defaults.map((r) => r.destination as string))];
    return destinations.map((destination) =>
      violation("PRIVATE_SUBNET_TO_INTERNET_GATEWAY", s, { subnet: s.name, destination, marker }),
    );
  });
}
