/**
 * A subnet while it is being planned: its config entry, its kind and families, its blocks as they are
 * resolved, and where its findings point. The shape the subnet, routing and edge stages share.
 */
import type { Block } from "./ip";
import type { SubnetConfig } from "./schema";
import type { SubnetKind } from "./types";

/** A subnet entry with its parsed and allocated blocks. */
export interface SubnetDraft extends SubnetKind {
  /** Index in the config list: used for error paths only, never for addresses or names. */
  index: number;
  /** Path prefix for findings: `subnets[2]`, or the zone's `zones[1]` for a subnet of the default layout. */
  path: string;
  /**
   * A subnet of the default layout (no `subnets` in config):
   * its findings point at its zone, not at a key of its own.
   */
  defaulted: boolean;
  /**
   * What stands at `path` for a default-layout subnet:
   * the zone name in `zones`, nothing when zones are defaulted too.
   */
  pathValue?: string;
  config: SubnetConfig;
  /** In a Wavelength Zone: no internet gateway route (a carrier gateway instead) and no NAT gateway there. */
  wavelength: boolean;
  ipv4?: Block;
  /** IPv6 block relative to the VPC block: prefix length and index (the block itself when known). */
  ipv6?: { len: number; index: bigint; block?: Block };
  auto: { ipv4: boolean; ipv6: boolean };
}

/**
 * The path of a subnet's key for findings: `subnets[2].cidr`; for a default-layout subnet its zone
 * (`zones[1]`), or `zones` when the zones are the region's defaults too (a key to set).
 */
export function keyPath(d: Pick<SubnetDraft, "path" | "defaulted">, key: string): string {
  return d.defaulted ? d.path : `${d.path}.${key}`;
}

/** The value a finding at keyPath(d, key) quotes: `value`, or what stands at a default-layout subnet's path. */
export function keyValue(d: Pick<SubnetDraft, "defaulted" | "pathValue">, value: unknown): unknown {
  return d.defaulted ? d.pathValue : value;
}
