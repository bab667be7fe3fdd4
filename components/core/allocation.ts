/**
 * Stable automatic allocation. A subnet's automatic CIDRs are a pure function of its own zone, kind and
 * name, never of list positions: adding, removing or reordering other subnets or zones cannot move an
 * existing subnet (the positional allocators of awsx and CDK renumber subnets when one is added).
 *
 * The block index is built from bit fields, like kOps' `/64#N` written by hand:
 *
 *   IPv6 (/64 inside a VPC block of prefix P, B = 64 - P bits):  [kind:2][slot:B-2-Z][zone:Z]  Z = min(4, B-2)
 *   IPv4 (inside vpc.cidrBlock):  [kind region (Utility 1/8, Public 1/8, DualStack 1/4, Private 1/4,
 *                                  PrivateIPv4 1/4)][slot:1][zone:4]
 *
 * zone = the zone name's trailing letter (us-east-1a -> 0 ... us-east-1p -> 15); slot 0 belongs to the
 * kind's default name (`utility-<zone>`, ...), any other name takes 1 + a hash of the name. Two subnets
 * that land on the same block are a validation error that names a free `/64#N` to pin one of them: a
 * collision is never resolved by moving a subnet silently.
 */
import type { SubnetType } from "./enums";

/** Prefix of the default subnet name of each kind: `<prefix>-<zone>`. */
export const DEFAULT_NAME_PREFIX: Record<SubnetType, string> = {
  Utility: "utility",
  Public: "public",
  DualStack: "dualstack",
  Private: "private",
  PrivateIPv4: "privateipv4",
};

const IPV6_KIND_FIELD: Record<Exclude<SubnetType, "PrivateIPv4">, number> = {
  Utility: 0,
  DualStack: 1,
  Private: 2,
  Public: 3,
};

/** IPv4 region of each kind: [first eighth of the VPC block, number of eighths]. */
const IPV4_REGION: Record<SubnetType, [number, number]> = {
  Utility: [0, 1],
  Public: [1, 1],
  DualStack: [2, 2],
  Private: [4, 2],
  PrivateIPv4: [6, 2],
};

/** Zone field: the trailing letter of an AZ name, a=0 ... p=15 (q..z wrap around). */
export function zoneNumber(zone: string): number {
  const c = zone.charCodeAt(zone.length - 1);
  return c >= 97 && c <= 122 ? (c - 97) % 16 : fnv1a(zone) % 16;
}

/** FNV-1a, 32 bit: a fixed, dependency-free hash so that slots never change between releases. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function slotOf(name: string, zone: string, type: SubnetType, slots: number): number {
  if (name === `${DEFAULT_NAME_PREFIX[type]}-${zone}`) return 0;
  return slots <= 1 ? 0 : 1 + (fnv1a(name) % (slots - 1));
}

/** Index of the automatic /64 among the /64s of a VPC IPv6 block of prefix `vpcLen`. */
export function autoIpv6Index(
  name: string,
  zone: string,
  type: Exclude<SubnetType, "PrivateIPv4">,
  vpcLen: number,
): number {
  const bits = 64 - vpcLen;
  const zoneBits = Math.min(4, bits - 2);
  const slotBits = bits - 2 - zoneBits;
  const slot = slotOf(name, zone, type, 1 << slotBits);
  return (IPV6_KIND_FIELD[type] << (bits - 2)) | (slot << zoneBits) | (zoneNumber(zone) % (1 << zoneBits));
}

/**
 * Automatic IPv4 block: prefix length and index inside the VPC IPv4 block of prefix `vpcLen`.
 * A /16 VPC gives Utility and Public subnets a /24 each, the private kinds a /23.
 */
export function autoIpv4(name: string, zone: string, type: SubnetType, vpcLen: number): { len: number; index: number } {
  const [firstEighth, eighths] = IPV4_REGION[type];
  const regionLen = vpcLen + 3 - Math.log2(eighths);
  const len = regionLen + 5;
  const slot = slotOf(name, zone, type, 2);
  const regionIndex = firstEighth / eighths;
  return { len, index: (regionIndex << 5) | (slot << 4) | zoneNumber(zone) };
}
