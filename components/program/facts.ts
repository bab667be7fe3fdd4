/**
 * The facts the planner needs from AWS, looked up through the provider's data sources so that they run
 * at preview: the region's standard zones (only when `zones` is not set), an existing VPC's blocks, the
 * type of each listed zone (Local and Wavelength Zones), each `nodes.instanceTypes` entry's IPv6 and
 * hypervisor support, and each `endpoints` service's endpoint IP address types. All lookups run in parallel.
 */
import * as aws from "@pulumi/aws";
import { NOT_CHECKED_OFFLINE, type EndpointServiceFact, type Facts, type InstanceTypeFact } from "../core/types";
import { EKS_NODE_GROUP_DEFAULTS } from "../core/eks/versions";
import type { StackConfig } from "../core/schema";

async function instanceType(name: string): Promise<InstanceTypeFact> {
  try {
    const t = await aws.ec2.getInstanceType({ instanceType: name });
    // A real answer always carries both fields; without them (the offline plan's mocks) nothing was checked.
    if (typeof t.ipv6Supported !== "boolean") return { status: "unknown", reason: NOT_CHECKED_OFFLINE };
    return { status: "ok", ipv6Supported: t.ipv6Supported, hypervisor: t.hypervisor ?? "" };
  } catch (e) {
    // The provider's message, first meaningful line (the SDK wraps it in its own lines).
    const text = String((e as Error).message ?? e)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    return {
      status: "missing",
      reason: text.find((l) => /instance type|InvalidInstanceType/i.test(l)) ?? text[0] ?? "the lookup failed",
    };
  }
}

/**
 * The internet gateway attached to an existing VPC: its id, or null when none is attached (the provider
 * answers "no matching EC2 Internet Gateway found"). A VPC has at most one, so a second is never created.
 */
async function attachedInternetGateway(vpcId: string): Promise<string | null> {
  try {
    const igw = await aws.ec2.getInternetGateway({ filters: [{ name: "attachment.vpc-id", values: [vpcId] }] });
    return igw.internetGatewayId || igw.id;
  } catch (e) {
    if (/no matching/i.test(String((e as Error).message ?? e))) return null;
    throw e;
  }
}

/** The provider's message of a failed lookup, its first meaningful line (the SDK wraps it in its own lines). */
function reasonOf(e: unknown): string {
  const lines = String((e as Error)?.message ?? e)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /not found|no matching|does not exist|invalid/i.test(l)) ?? lines[0] ?? "the lookup failed";
}

/** An existing VPC's blocks and attached internet gateway; a VPC the provider cannot find is a fact too. */
async function existingVpc(vpcId: string): Promise<Pick<Facts, "existingVpc" | "existingVpcError">> {
  try {
    const [vpc, igw] = await Promise.all([aws.ec2.getVpc({ id: vpcId }), attachedInternetGateway(vpcId)]);
    const ipv6CidrBlock = vpc.ipv6CidrBlock || undefined;
    return { existingVpc: { id: vpc.id, cidrBlock: vpc.cidrBlock, ipv6CidrBlock, internetGatewayId: igw } };
  } catch (e) {
    // Parse, then look up: a wrong vpc.id becomes EXISTING_VPC_NOT_FOUND at its key, not a provider error.
    return { existingVpcError: reasonOf(e) };
  }
}

/** Each listed zone's type and parent zone (Local and Wavelength Zones); unknown names get none. */
async function zoneFacts(zones: readonly string[]): Promise<Pick<Facts, "zoneTypes" | "zoneParents" | "zoneIds">> {
  const found = await Promise.all(
    zones.map((name) =>
      aws.getAvailabilityZone({ name }).then(
        (z) => [name, z.zoneType, z.parentZoneName, z.zoneId] as const,
        () => undefined,
      ),
    ),
  );
  const known = found.filter((z) => z?.[1]) as (readonly [string, string, string, string])[];
  return {
    zoneTypes: Object.fromEntries(known.map(([name, type]) => [name, type])),
    zoneIds: Object.fromEntries(known.filter(([, , , id]) => id).map(([name, , , id]) => [name, id])),
    zoneParents: Object.fromEntries(
      known.filter(([, type, parent]) => type !== "availability-zone" && parent).map(([n, , p]) => [n, p]),
    ),
  };
}

/**
 * What describe-vpc-endpoint-services says of one service `endpoints` names, in the stack's region: its name and
 * the IP address types its endpoints take; a service AWS does not have there is a fact too.
 */
async function endpointService(service: string, kind: "interface" | "gateway"): Promise<EndpointServiceFact> {
  try {
    const found = await aws.ec2.getVpcEndpointService({
      service,
      serviceType: kind === "interface" ? "Interface" : "Gateway",
    });
    // A real answer always lists the types; without them (the offline plan's mocks) nothing was checked.
    if (!Array.isArray(found.supportedIpAddressTypes)) return { status: "unknown", reason: NOT_CHECKED_OFFLINE };
    return { status: "ok", serviceName: found.serviceName, ipAddressTypes: found.supportedIpAddressTypes };
  } catch (e) {
    return { status: "missing", reason: reasonOf(e) };
  }
}

/** Each service of `endpoints`, by `<service>/<kind>`, looked up in parallel. */
async function endpointServices(config: StackConfig): Promise<Record<string, EndpointServiceFact>> {
  const wanted = (["interface", "gateway"] as const).flatMap((kind) =>
    [...new Set(config.endpoints?.[kind] ?? [])].map((service) => ({ service, kind })),
  );
  const found = await Promise.all(
    wanted.map(async ({ service, kind }) => [`${service}/${kind}`, await endpointService(service, kind)] as const),
  );
  return Object.fromEntries(found);
}

/** The instance types of an EKS cluster's node groups, the defaults' included. */
function eksInstanceTypes(config: StackConfig): string[] {
  const eks = config.kubernetes.eks;
  if (!eks) return [];
  const groups: { instanceTypes?: string[] }[] = eks.nodeGroups ?? [{}];
  return groups.flatMap((g) => g.instanceTypes ?? [...EKS_NODE_GROUP_DEFAULTS.instanceTypes]);
}

/**
 * What AWS says of the parsed config, in parallel: the region (aws:region, else the provider's own), the
 * region's standard zones when `zones` is not set, an existing VPC, every listed zone's type (they decide
 * IPv6, automatic blocks and Wavelength routing) and each instance type. Only a parsed config is looked up:
 * a shape error stops before any call to AWS.
 */
export async function lookupFacts(config: StackConfig, configuredRegion: string | undefined): Promise<Facts> {
  // The region first: without one the provider can answer nothing, and the planner says so (REGION_MISSING)
  // instead of a provider error.
  const region =
    configuredRegion ??
    (await aws.getRegion().then(
      (r) => r.region,
      () => undefined,
    ));
  if (region === undefined) return { region, standardZones: [] };
  const types = [...new Set([...(config.nodes?.instanceTypes ?? []), ...eksInstanceTypes(config)])];
  const [standard, vpc, zones, instanceTypes, endpoints] = await Promise.all([
    config.zones === undefined
      ? // Standard zones only: Local and Wavelength zones are opt-in and have no (or limited) IPv6.
        aws
          .getAvailabilityZones({
            state: "available",
            filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
          })
          .then((z) => ({
            names: z.names,
            zoneIds: Object.fromEntries(z.names.flatMap((n, i) => (z.zoneIds[i] ? [[n, z.zoneIds[i]!]] : []))),
          }))
      : Promise.resolve({ names: [] as string[], zoneIds: {} }),
    config.vpc.id !== undefined ? existingVpc(config.vpc.id) : Promise.resolve({}),
    zoneFacts(config.zones ?? []),
    Promise.all(types.map(async (t) => [t, await instanceType(t)] as const)),
    config.endpoints ? endpointServices(config) : Promise.resolve(undefined),
  ]);
  return {
    region,
    standardZones: standard.names,
    ...zones,
    zoneIds: { ...standard.zoneIds, ...zones.zoneIds },
    instanceTypes: Object.fromEntries(instanceTypes),
    ...vpc,
    ...(endpoints ? { endpointServices: endpoints } : {}),
  };
}
