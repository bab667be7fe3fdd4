/**
 * The region and the zones of a stack: `zones`, else the region's first three standard zones; each zone
 * once, and each a zone of the stack's region. The provider cannot run without a region, so a stack that
 * has none is refused, never planned with an assumed one.
 */
import { at, finding, type Finding } from "./findings";
import type { StackConfig } from "./schema";
import type { Facts } from "./types";

/**
 * The region a zone name belongs to: `us-east-1` for `us-east-1a`, the Local Zone `us-east-1-nyc-1a` and
 * the Wavelength Zone `us-east-1-wl1-bos-wlz-1` (AWS names every zone after its region: EC2 User Guide,
 * "Regions and Zones"); undefined when the name has no region in it.
 */
export function regionOfZone(zone: string): string | undefined {
  return /^([a-z]{2}(?:-[a-z]+)+-\d+)(?:[a-z]|-[a-z0-9-]+)$/.exec(zone)?.[1];
}

/** The stack's zones (each once: a duplicate is reported and must not cascade into duplicate subnets). */
export function planZones(config: StackConfig, facts: Facts): { zones: string[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const zones = config.zones ?? facts.standardZones.slice(0, 3);
  const region = facts.region;
  if (region === undefined) findings.push(finding("REGION_MISSING", "aws:region", undefined));
  else if (zones.length === 0) findings.push(finding("ZONES_UNKNOWN", "zones", undefined, { region }));
  if (region !== undefined && config.zones) {
    zones.forEach((zone, i) => {
      const zoneRegion = regionOfZone(zone);
      if (zoneRegion !== region)
        findings.push(finding("ZONE_NOT_IN_REGION", at("zones", i), zone, { zone, region, zoneRegion }));
    });
  }
  zones.forEach((zone, i) => {
    if (zones.indexOf(zone) !== i) findings.push(finding("DUPLICATE_ZONE", at("zones", i), zone));
  });
  return { zones: [...new Set(zones)], findings };
}
