/**
 * IP block arithmetic for both families. Parsing and formatting go through `ip-address` (strict: it refuses
 * `10.0/16` and octal-looking `010.0.0.0/8`, which `netmask` would silently accept) and IPv6 is printed in
 * RFC 5952 canonical form. Blocks are held as bigints so IPv6 maths is exact.
 */
import { Address4, Address6 } from "ip-address";

/** An IP address family. */
export type Family = "ipv4" | "ipv6";

/** A CIDR block: first address as a bigint and prefix length. */
export interface Block {
  family: Family;
  start: bigint;
  len: number;
}

export type ParseResult =
  { ok: true; block: Block; canonical: string } | { ok: false; reason: string; suggestion?: string };

const BITS: Record<Family, number> = { ipv4: 32, ipv6: 128 };

export function familyBits(family: Family): number {
  return BITS[family];
}

/** Which family a CIDR string claims to be (by its separator), before it is parsed. */
export function familyOf(cidr: string): Family {
  return cidr.includes(":") ? "ipv6" : "ipv4";
}

export function formatAddress(family: Family, value: bigint): string {
  return family === "ipv4" ? Address4.fromBigInt(value).correctForm() : Address6.fromBigInt(value).correctForm();
}

export function formatBlock(b: Block): string {
  return `${formatAddress(b.family, b.start)}/${b.len}`;
}

/**
 * Parses a CIDR of either family. A CIDR with host bits set or in non-canonical spelling is refused with
 * the canonical spelling as suggestion: AWS answers with the canonical form, and a config that differs
 * from it shows up as a change on every preview.
 */
export function parseCidr(input: unknown, expected?: Family): ParseResult {
  if (typeof input !== "string") return { ok: false, reason: "expected a CIDR string such as 10.0.0.0/16" };
  const family = familyOf(input);
  if (expected && family !== expected) {
    return {
      ok: false,
      reason:
        `expected an ${expected === "ipv4" ? "IPv4" : "IPv6"} CIDR, ` +
        `got an ${family === "ipv4" ? "IPv4" : "IPv6"} one`,
    };
  }
  const slash = input.indexOf("/");
  if (slash < 0 || !/^\d{1,3}$/.test(input.slice(slash + 1))) {
    return { ok: false, reason: "a CIDR needs a prefix length after '/', e.g. 10.0.0.0/16 or 2001:db8::/56" };
  }
  const len = Number(input.slice(slash + 1));
  if (len > BITS[family]) return { ok: false, reason: `prefix length /${len} is longer than ${BITS[family]} bits` };
  let value: bigint;
  try {
    value = family === "ipv4" ? new Address4(input).bigInt() : new Address6(input).bigInt();
  } catch (e) {
    return {
      ok: false,
      reason: `not a valid ${family === "ipv4" ? "IPv4" : "IPv6"} CIDR (${(e as Error).message.replace(/\.$/, "")})`,
    };
  }
  const hostBits = BigInt(BITS[family] - len);
  const start = (value >> hostBits) << hostBits;
  const block: Block = { family, start, len };
  const canonical = formatBlock(block);
  if (canonical !== input) {
    const why = start !== value ? "has host bits set" : "is not in canonical form";
    return { ok: false, reason: `${input} ${why}`, suggestion: canonical };
  }
  return { ok: true, block, canonical };
}

export function size(b: Block): bigint {
  return 1n << BigInt(BITS[b.family] - b.len);
}

export function end(b: Block): bigint {
  return b.start + size(b) - 1n;
}

export function contains(outer: Block, inner: Block): boolean {
  return (
    outer.family === inner.family && inner.len >= outer.len && inner.start >= outer.start && end(inner) <= end(outer)
  );
}

export function overlaps(a: Block, b: Block): boolean {
  return a.family === b.family && a.start <= end(b) && b.start <= end(a);
}

/** The `index`-th block of prefix length `len` inside `parent` (kOps' `/LEN#N`). */
export function subBlock(parent: Block, len: number, index: number | bigint): Block {
  const count = 1n << BigInt(len - parent.len);
  const i = BigInt(index);
  if (len < parent.len || i < 0n || i >= count) {
    throw new RangeError(`block #${i.toString(16)} of /${len} does not fit in ${formatBlock(parent)}`);
  }
  return { family: parent.family, start: parent.start + i * (1n << BigInt(BITS[parent.family] - len)), len };
}

/** Position of `inner` among the blocks of its own length inside `outer`. */
export function indexWithin(outer: Block, inner: Block): bigint {
  return (inner.start - outer.start) >> BigInt(BITS[inner.family] - inner.len);
}

/** The n-th address of a block (0 = network address). */
export function nthAddress(b: Block, n: number): string {
  return formatAddress(b.family, b.start + BigInt(n));
}

/**
 * Deploy-time helper: the `/len#index` block inside a VPC IPv6 CIDR that is only known once AWS has
 * assigned it. Used inside `Output.apply`, so subnet blocks always come from the VPC's real block.
 */
export function ipv6SubnetOf(vpcCidr: string, len: number, index: number): string {
  const parsed = parseCidr(vpcCidr, "ipv6");
  if (!parsed.ok) throw new Error(`VPC IPv6 block ${vpcCidr}: ${parsed.reason}`);
  return formatBlock(subBlock(parsed.block, len, index));
}
