/**
 * VPC endpoints (`endpoints`): the one place they are decided. Each interface service gets one endpoint with
 * private DNS (the service's usual name resolves to the endpoint inside the VPC), in one subnet per zone: the
 * `endpoints.subnets`, else per zone the first-listed dual-stack private subnet, else the first with IPv6 (any
 * private one in an IPv4-only VPC): append-safe like the NAT gateways' and the load balancer's rule, and safe to
 * reorder across families (moving an endpoint is an in-place update of its subnets anyway). Its IP address type
 * follows the subnets' family, as AWS requires (ipv6: every subnet IPv6-only; dualstack: every subnet with both
 * families), and its private DNS records the same families. One security group admits HTTPS from the VPC's blocks. Each
 * gateway service gets one endpoint on the route tables of the private subnets this stack creates.
 *
 * What each service supports: components/core/endpoint-services.ts (AWS' documentation, dated), overridden by
 * what AWS answers at preview (`Facts.endpointServices`).
 */
import type { RulePeer, SecurityGroupRule } from "./edge/types";
import { ENDPOINT_SERVICES, GATEWAY_SERVICES, type EndpointServiceFacts } from "./endpoint-services";
import { at, finding, type Finding } from "./findings";
import type { StackConfig } from "./schema";
import type { Facts, RoutePlan, SubnetKind, VpcPlan } from "./types";

/** An endpoint's IP address type, and its private DNS records' (`dns_options.dns_record_ip_type`). */
export type EndpointIpType = "ipv4" | "dualstack" | "ipv6";

/** One interface endpoint (AWS PrivateLink) with private DNS. */
export interface InterfaceEndpointPlan {
  /** The service's short name, as `endpoints.interface` lists it (e.g. `ecr.api`). */
  service: string;
  /** The endpoint service's name: what AWS answered at preview, else `com.amazonaws.<region>.<service>`. */
  serviceName: string;
  /** Stable resource name suffix: `vpce-<service>`. */
  name: string;
  /** The subnets its network interfaces go in, one per zone (the plan's `endpoints.subnets`). */
  subnets: string[];
  /** The endpoint's IP address type: the subnets' family. */
  ipAddressType: EndpointIpType;
  /** The families of its private DNS records: the same as its addresses. */
  dnsRecordIpType: EndpointIpType;
}

/** One gateway endpoint (S3, DynamoDB): a prefix-list route in each of the private route tables. */
export interface GatewayEndpointPlan {
  /** The service's short name (`s3`, `dynamodb`). */
  service: string;
  /** The endpoint service's name: what AWS answered at preview, else `com.amazonaws.<region>.<service>`. */
  serviceName: string;
  /** Stable resource name suffix: `vpce-<service>`. */
  name: string;
  /** The subnets whose route tables get its routes: every private subnet this stack creates. */
  routeTables: string[];
  /** dualstack in a VPC with IPv6 (routes for both families), else ipv4. */
  ipAddressType: "ipv4" | "dualstack";
  /**
   * The families of the service's DNS answers inside the VPC (`dns_options.dns_record_ip_type`): the same, so that
   * IPv6-only subnets get AAAA records for it (else DNS64 would send them through NAT64).
   */
  dnsRecordIpType: "ipv4" | "dualstack";
}

/** Traffic to AWS services that a private subnet sent through a NAT gateway, and the endpoints now carry. */
export interface NatTrafficReplaced {
  /** The private subnet. */
  subnet: string;
  /** The route that carried it: IPv4 (`ipv4-default`) or NAT64 from an IPv6-only subnet (`nat64`). */
  route: "ipv4-default" | "nat64";
  /** The NAT gateway it went through: the plan's name, or an existing one's id. */
  via: string;
  /** The services whose traffic now goes to an endpoint (interface ones VPC-wide, gateway ones on its table). */
  services: string[];
}

/** The VPC endpoints as planned (`endpoints`). */
export interface EndpointsPlan {
  /** Interface endpoints, in `endpoints.interface` order. */
  interface: InterfaceEndpointPlan[];
  /** Gateway endpoints, in `endpoints.gateway` order. */
  gateway: GatewayEndpointPlan[];
  /** The subnets every interface endpoint goes in, one per zone. */
  subnets: string[];
  /** The interface endpoints' security group (`vpce`): HTTPS from the VPC's blocks; absent without one. */
  securityGroup?: { name: "vpce"; description: string; ingress: SecurityGroupRule[] };
  /** What the endpoints take off the NAT gateways, per private subnet and route. */
  replacesNat: NatTrafficReplaced[];
}

/** What the endpoints stage needs of a subnet: its kind, whether it is adopted, and its routes. */
export interface EndpointSubnet extends SubnetKind {
  /** Adopted by id: its route table is not managed here. */
  adopted: boolean;
  /** Its planned routes (none when adopted). */
  routes: readonly RoutePlan[];
}

/** What the endpoints are planned from. */
export interface EndpointsInput {
  config: StackConfig;
  facts: Facts;
  vpc: VpcPlan;
  zones: readonly string[];
  subnets: readonly EndpointSubnet[];
}

/** AWS service APIs answer on HTTPS only. */
const HTTPS_PORT = 443;

/** A subnet's family as an endpoint IP address type. */
const familyOf = (s: SubnetKind): EndpointIpType => (s.ipv6Only ? "ipv6" : s.hasIpv6 ? "dualstack" : "ipv4");

/** Whether a subnet can hold interface endpoints: private, in an Availability Zone (or a zone of unknown type). */
function candidate(s: EndpointSubnet, facts: Facts): boolean {
  // describe-vpc-endpoint-services lists Availability Zones for a service: none in Local or Wavelength Zones.
  const type = facts.zoneTypes?.[s.zone];
  return !s.public && (type === undefined || type === "availability-zone");
}

/** Per zone (in `zones` order) the first-listed subnet that passes `ok`. */
function firstPerZone(input: EndpointsInput, ok: (s: EndpointSubnet) => boolean): EndpointSubnet[] {
  return input.zones.flatMap((z) => input.subnets.find((s) => s.zone === z && ok(s)) ?? []);
}

/**
 * Per zone the first-listed private subnet of the VPC's widest family (dual-stack in an IPv6 VPC: its endpoints
 * answer IPv4 and IPv6 clients alike), else the first with IPv6. Preferring the family, not the list position, keeps
 * the choice where it is when subnets are reordered (an IPv6-only subnet listed first would otherwise take a zone's
 * endpoints and mix families); among several of that family the first-listed wins, and moving an endpoint to another
 * subnet is in place (ModifyVpcEndpoint adds and removes subnets).
 */
function defaultSubnets(input: EndpointsInput, v6: boolean): EndpointSubnet[] {
  const ok = (s: EndpointSubnet) => candidate(s, input.facts) && (!v6 || s.hasIpv6);
  const widest = (s: EndpointSubnet) => ok(s) && familyOf(s) === (v6 ? "dualstack" : "ipv4");
  return input.zones.flatMap(
    (z) =>
      input.subnets.find((s) => s.zone === z && widest(s)) ?? input.subnets.find((s) => s.zone === z && ok(s)) ?? [],
  );
}

/** The subnets named in `endpoints.subnets`, reporting unknown names and two in one zone. */
function namedSubnets(input: EndpointsInput, names: readonly string[], findings: Finding[]): EndpointSubnet[] {
  const known = input.subnets.map((s) => s.name).join(", ");
  const out: EndpointSubnet[] = [];
  names.forEach((name, i) => {
    const s = input.subnets.find((x) => x.name === name);
    const path = at("endpoints", "subnets", i);
    if (!s) return void findings.push(finding("ENDPOINT_UNKNOWN_SUBNET", path, name, { name, subnets: known }));
    const other = out.find((x) => x.zone === s.zone);
    if (other) {
      const p = { subnet: name, other: other.name, zone: s.zone };
      return void findings.push(finding("ENDPOINT_TWO_SUBNETS_ONE_ZONE", path, name, p));
    }
    out.push(s);
  });
  return out;
}

/** The interface endpoints' subnets and their IP address type, or undefined (reported) when none fits. */
function interfaceSubnets(
  input: EndpointsInput,
  findings: Finding[],
): { subnets: EndpointSubnet[]; type: EndpointIpType } | undefined {
  const names = input.config.endpoints?.subnets;
  const v6 = input.vpc.ipv6 !== undefined;
  const chosen = names ? namedSubnets(input, names, findings) : defaultSubnets(input, v6);
  if (!chosen.length) {
    if (!names) findings.push(noPrivateSubnet(input, "interface"));
    return undefined;
  }
  const types = [...new Set(chosen.map(familyOf))];
  if (types.length > 1) {
    const list = chosen.map((s) => `${s.name} ${familyOf(s)}`).join(", ");
    const same = firstPerZone(input, (s) => candidate(s, input.facts) && familyOf(s) === types[0]);
    const p = { list, same: same.map((s) => s.name).join(", ") };
    findings.push(finding("ENDPOINT_SUBNET_FAMILIES_MIXED", "endpoints.subnets", names, p));
    return undefined;
  }
  return { subnets: chosen, type: types[0] };
}

function noPrivateSubnet(input: EndpointsInput, kind: "interface" | "gateway"): Finding {
  const path = kind === "interface" ? "endpoints.interface" : "endpoints.gateway";
  return finding("ENDPOINT_NO_PRIVATE_SUBNET", path, undefined, { kind, zones: input.zones.join(", ") });
}

/** The service name to create an endpoint with: AWS' answer at preview, else the commercial partition's form. */
function serviceNameOf(input: EndpointsInput, service: string, kind: "interface" | "gateway"): string {
  const fact = input.facts.endpointServices?.[`${service}/${kind}`];
  return fact?.status === "ok" ? fact.serviceName : `com.amazonaws.${input.facts.region}.${service}`;
}

/** The IP address types a service's interface endpoints take, by AWS' answer or the table, and whence. */
function supportOf(
  input: EndpointsInput,
  service: string,
  wanted: EndpointIpType,
): { ok: boolean | "unconfirmed"; supported: string; source: string } {
  const fact = input.facts.endpointServices?.[`${service}/interface`];
  if (fact?.status === "ok") {
    const ok = fact.ipAddressTypes.includes(wanted);
    return { ok, supported: fact.ipAddressTypes.join(" or "), source: "AWS, describe-vpc-endpoint-services" };
  }
  const row: EndpointServiceFacts | undefined = ENDPOINT_SERVICES[service];
  if (!row) return { ok: "unconfirmed", supported: "", source: "not in the documented table" };
  const support = wanted === "ipv6" ? row.ipv6 : row.dualstack;
  const types = ["ipv4", ...(row.dualstack === "yes" ? ["dualstack"] : []), ...(row.ipv6 === "yes" ? ["ipv6"] : [])];
  return {
    ok: support === "unconfirmed" ? support : support === "yes",
    supported: types.join(" or "),
    source: row.source,
  };
}

/** The fix of ENDPOINT_SERVICE_NO_IPV6: dual-stack subnets for a dualstack-only service, else removing it. */
function alternativeFor(input: EndpointsInput, service: string, wanted: EndpointIpType, supported: string): string {
  const dual = firstPerZone(input, (s) => candidate(s, input.facts) && familyOf(s) === "dualstack");
  if (wanted === "ipv6" && supported.includes("dualstack") && dual.length) {
    const names = dual.map((s) => s.name).join(", ");
    return `put the interface endpoints in dual-stack subnets: endpoints.subnets: [${names}]`;
  }
  return `remove ${service} from endpoints.interface (its traffic keeps going through NAT, or NAT64 if IPv6-only)`;
}

/** Findings about one interface service: its region, its IP address type, a free gateway alternative. */
function interfaceServiceFindings(input: EndpointsInput, service: string, i: number, wanted?: EndpointIpType) {
  const path = at("endpoints", "interface", i);
  const region = input.facts.region ?? "";
  const fact = input.facts.endpointServices?.[`${service}/interface`];
  if (fact?.status === "missing")
    return [finding("ENDPOINT_SERVICE_NOT_IN_REGION", path, service, { service, kind: "interface", region, ...fact })];
  const out: Finding[] = [];
  if (GATEWAY_SERVICES.includes(service)) out.push(finding("ENDPOINT_GATEWAY_AVAILABLE", path, service, { service }));
  if (wanted === undefined || wanted === "ipv4") return out;
  const s = supportOf(input, service, wanted);
  if (s.ok === "unconfirmed")
    out.push(finding("ENDPOINT_IPV6_NOT_CHECKED", path, service, { service, wanted, source: s.source, region }));
  else if (!s.ok) {
    const alternative = alternativeFor(input, service, wanted, s.supported);
    const p = { service, wanted, supported: s.supported, source: s.source, alternative };
    out.push(finding("ENDPOINT_SERVICE_NO_IPV6", path, service, p));
  }
  return out;
}

/** Services listed twice (either list, or both): ENDPOINT_DUPLICATE at each later listing, whose paths it returns. */
function duplicates(config: StackConfig, findings: Finding[]): Set<string> {
  const first = new Map<string, string>();
  const later = new Set<string>();
  for (const kind of ["interface", "gateway"] as const) {
    (config.endpoints?.[kind] ?? []).forEach((service, i) => {
      const path = at("endpoints", kind, i);
      const before = first.get(service);
      if (before === undefined) return void first.set(service, path);
      later.add(path);
      findings.push(finding("ENDPOINT_DUPLICATE", path, service, { service, first: before }));
    });
  }
  return later;
}

/** The interface endpoints' security group: HTTPS from the VPC's IPv4 block and, with IPv6, its IPv6 block. */
function securityGroupOf(vpc: VpcPlan): NonNullable<EndpointsPlan["securityGroup"]> {
  const https = (family: "ipv4" | "ipv6", peer: RulePeer): SecurityGroupRule => ({
    description: `HTTPS to the VPC endpoints from the VPC (${family === "ipv4" ? "IPv4" : "IPv6"})`,
    protocol: "tcp",
    fromPort: HTTPS_PORT,
    toPort: HTTPS_PORT,
    family,
    peers: [peer],
  });
  const ingress = [https("ipv4", { kind: "cidr", cidr: vpc.cidrBlock })];
  // The VPC's IPv6 block when known before deployment, else resolved by the component (as the edge's groups are).
  const v6 = vpc.ipv6?.cidrBlock;
  if (vpc.ipv6) ingress.push(https("ipv6", v6 ? { kind: "cidr", cidr: v6 } : { kind: "vpcIpv6" }));
  return { name: "vpce", description: "VPC interface endpoints: HTTPS from the VPC", ingress };
}

/** Per private subnet, the NAT-bound routes whose traffic to the endpoints' services the endpoints now carry. */
function replacedNat(subnets: readonly EndpointSubnet[], iface: string[], gateways: GatewayEndpointPlan[]) {
  const out: NatTrafficReplaced[] = [];
  for (const s of subnets.filter((x) => !x.public && !x.adopted)) {
    const services = [...iface, ...gateways.filter((g) => g.routeTables.includes(s.name)).map((g) => g.service)];
    for (const r of s.routes) {
      // IPv4 from a subnet with IPv4; NAT64 only from an IPv6-only one, whose DNS64 answers service names with it.
      if (!services.length || r.name === "ipv6-default" || (r.name === "nat64" && !s.ipv6Only)) continue;
      const t = r.target;
      const via = t.kind === "natGateway" ? t.nat : t.kind === "existingNatGateway" ? t.id : undefined;
      if (via) out.push({ subnet: s.name, route: r.name, via, services });
    }
  }
  return out;
}

/** The gateway endpoints, on the route tables of every private subnet this stack creates. */
function gatewayEndpoints(input: EndpointsInput, skip: Set<string>, findings: Finding[]): GatewayEndpointPlan[] {
  const list = input.config.endpoints?.gateway ?? [];
  const tables = input.subnets.filter((s) => !s.public && !s.adopted).map((s) => s.name);
  if (list.length && !tables.length) findings.push(noPrivateSubnet(input, "gateway"));
  const region = input.facts.region ?? "";
  const planned: GatewayEndpointPlan[] = [];
  list.forEach((service, i) => {
    const path = at("endpoints", "gateway", i);
    if (skip.has(path)) return;
    const fact = input.facts.endpointServices?.[`${service}/gateway`];
    if (fact?.status === "missing") {
      const p = { service, kind: "gateway" as const, region, reason: fact.reason };
      return void findings.push(finding("ENDPOINT_SERVICE_NOT_IN_REGION", path, service, p));
    }
    if (!GATEWAY_SERVICES.includes(service)) {
      const p = { service, gateways: GATEWAY_SERVICES.join(" and ") };
      return void findings.push(finding("ENDPOINT_NO_GATEWAY", path, service, p));
    }
    const name = `vpce-${service}`;
    const serviceName = serviceNameOf(input, service, "gateway");
    const ipAddressType: GatewayEndpointPlan["ipAddressType"] = input.vpc.ipv6 ? "dualstack" : "ipv4";
    const p = { service, serviceName, name, routeTables: tables, ipAddressType, dnsRecordIpType: ipAddressType };
    if (tables.length) planned.push(p);
  });
  return planned;
}

/** The VPC endpoints of `endpoints`, or no plan without the key; findings for what cannot be planned. */
export function planEndpoints(input: EndpointsInput): { plan?: EndpointsPlan; findings: Finding[] } {
  const config = input.config.endpoints;
  if (!config) return { findings: [] };
  const findings: Finding[] = [];
  const skip = duplicates(input.config, findings);
  const listed = (config.interface ?? []).map((service, i) => ({ service, i }));
  const services = listed.filter((x) => !skip.has(at("endpoints", "interface", x.i)));
  const placed = services.length ? interfaceSubnets(input, findings) : undefined;
  for (const { service, i } of services) findings.push(...interfaceServiceFindings(input, service, i, placed?.type));
  const iface: InterfaceEndpointPlan[] = placed
    ? services.map(({ service }) => ({
        service,
        serviceName: serviceNameOf(input, service, "interface"),
        name: `vpce-${service}`,
        subnets: placed.subnets.map((s) => s.name),
        ipAddressType: placed.type,
        dnsRecordIpType: placed.type,
      }))
    : [];
  const gateway = gatewayEndpoints(input, skip, findings);
  const plan: EndpointsPlan = {
    interface: iface,
    gateway,
    subnets: placed ? placed.subnets.map((s) => s.name) : [],
    replacesNat: replacedNat(
      input.subnets,
      iface.map((e) => e.service),
      gateway,
    ),
  };
  if (iface.length) plan.securityGroup = securityGroupOf(input.vpc);
  return { plan, findings };
}
