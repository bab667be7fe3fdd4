/**
 * The facts the planner needs from AWS, looked up through the provider's data sources so that they run
 * at preview: the region's standard zones (only when `zones` is not set), an existing VPC's blocks, the
 * type of each listed zone (Local and Wavelength Zones), and each `nodes.instanceTypes` entry's IPv6 and
 * hypervisor support. All lookups run in parallel.
 */
import * as aws from "@pulumi/aws";
import type { Facts, InstanceTypeFact } from "../core/types";
import type { RawConfig } from "./config";

/** Strings of a config list, ignoring anything the schema will reject anyway. */
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : [];
}

async function instanceType(name: string): Promise<InstanceTypeFact> {
  try {
    const t = await aws.ec2.getInstanceType({ instanceType: name });
    // A real answer always carries both fields; without them (the offline plan's mocks) nothing was checked.
    if (typeof t.ipv6Supported !== "boolean") return { status: "unknown", reason: "no AWS answer (offline plan)" };
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

export async function lookupFacts(raw: RawConfig): Promise<Facts> {
  const vpc = raw.values.vpc as { id?: unknown; ipv6?: unknown } | undefined;
  // Zone types decide IPv6 (refused in Local and Wavelength Zones), automatic blocks (set by hand there) and
  // routing (Wavelength: carrier gateway, the parent zone's NAT gateway), so every listed zone is looked up.
  const listedZones = strings(raw.values.zones);
  const types = [...new Set(strings((raw.values.nodes as { instanceTypes?: unknown } | undefined)?.instanceTypes))];
  const vpcId = typeof vpc?.id === "string" ? vpc.id : undefined;
  // The region first: without one the provider can answer nothing, and the planner says so (REGION_MISSING)
  // instead of a provider error. aws:region, else what the provider finds (AWS_REGION, the profile).
  const region =
    raw.region ??
    (await aws.getRegion().then(
      (r) => r.region,
      () => undefined,
    ));
  if (region === undefined) return { region, standardZones: [] };
  const [zones, existing, igw, zoneTypes, instanceTypes] = await Promise.all([
    raw.values.zones === undefined
      ? // Standard zones only: Local and Wavelength zones are opt-in and have no (or limited) IPv6.
        aws
          .getAvailabilityZones({
            state: "available",
            filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
          })
          .then((z) => z.names)
      : Promise.resolve([] as string[]),
    vpcId ? aws.ec2.getVpc({ id: vpcId }) : Promise.resolve(undefined),
    // Looked up also when one is given, so that a gateway of another VPC is refused before deployment.
    vpcId ? attachedInternetGateway(vpcId) : Promise.resolve(undefined),
    Promise.all(
      listedZones.map((name) =>
        aws.getAvailabilityZone({ name }).then(
          (z) => [name, z.zoneType, z.parentZoneName] as const,
          () => undefined,
        ),
      ),
    ),
    Promise.all(types.map(async (t) => [t, await instanceType(t)] as const)),
  ]);
  return {
    region,
    standardZones: zones,
    zoneTypes: Object.fromEntries(zoneTypes.flatMap((z) => (z && z[1] ? [[z[0], z[1]]] : []))),
    zoneParents: Object.fromEntries(
      zoneTypes.flatMap((z) => (z && z[1] !== "availability-zone" && z[2] ? [[z[0], z[2]]] : [])),
    ),
    instanceTypes: Object.fromEntries(instanceTypes),
    existingVpc: existing
      ? {
          id: existing.id,
          cidrBlock: existing.cidrBlock,
          ipv6CidrBlock: existing.ipv6CidrBlock || undefined,
          internetGatewayId: igw,
        }
      : undefined,
  };
}
