/**
 * The facts the planner needs from AWS, looked up through the provider's data sources so that they run
 * at preview: the region's standard zones (only when `zones` is not set) and an existing VPC's blocks.
 */
import * as aws from "@pulumi/aws";
import type { Facts } from "../core/types";
import type { RawConfig } from "./config";

export async function lookupFacts(raw: RawConfig): Promise<Facts> {
  const vpc = raw.values.vpc as { id?: unknown } | undefined;
  const [region, zones, existing] = await Promise.all([
    raw.region ?? aws.getRegion().then((r) => r.region),
    raw.values.zones === undefined
      // Standard zones only: Local and Wavelength zones are opt-in and have no (or limited) IPv6.
      ? aws.getAvailabilityZones({ state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] }).then((z) => z.names)
      : Promise.resolve([] as string[]),
    typeof vpc?.id === "string" ? aws.ec2.getVpc({ id: vpc.id }) : Promise.resolve(undefined),
  ]);
  return {
    region,
    standardZones: zones,
    existingVpc: existing ? { id: existing.id, cidrBlock: existing.cidrBlock, ipv6CidrBlock: existing.ipv6CidrBlock || undefined } : undefined,
  };
}
