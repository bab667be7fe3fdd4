/**
 * Each subnet's IPv4 and IPv6 blocks: given in full, as kOps' `/LEN#N` (the N-th block of length LEN in the
 * VPC's block), or allocated automatically and stably (allocation.ts); then checked for containment in the
 * VPC and for overlaps, in both families.
 */
import { autoIpv4, autoIpv6Index } from "./allocation";
import { finding, type Finding } from "./findings";
import { contains, end, formatBlock, indexWithin, overlaps, parseCidr, subBlock, type Block } from "./ip";
import type { SubnetType } from "./enums";
import { keyPath, keyValue, type SubnetDraft } from "./subnet-draft";
import { cidrFinding, type VpcAddressing, type VpcIpv6Addressing } from "./vpc";

const LEN_HASH = /^\/(\d{1,3})#([0-9a-fA-F]+)$/;

/** Prefix length rules of a subnet IPv6 block: AWS subnets are /64; IPAM-backed VPCs allow /44../64 in steps of 4. */
function ipv6LengthFindings(path: string, value: string, len: number, v6: VpcIpv6Addressing): Finding[] {
  if (len < v6.len) return [finding("IPV6_PREFIX_TOO_SHORT", path, value, { len, vpcLen: v6.len })];
  if (len > 64) return [finding("IPV6_PREFIX_TOO_LONG", path, value, { len })];
  if (v6.fromIpam && (len - 44) % 4 !== 0) return [finding("IPV6_PREFIX_STEP", path, value, { len })];
  if (!v6.fromIpam && len !== 64) return [finding("IPV6_PREFIX_NOT_64", path, value, { len })];
  return [];
}

/** The automatic IPv4 block of a subnet without `cidr` (adopted subnets keep whatever block they have). */
function autoIpv4Block(d: SubnetDraft, path: string, vpc: VpcAddressing, findings: Finding[]): void {
  if (d.config.id !== undefined || !vpc.ipv4) return;
  const { len, index } = autoIpv4(d.name, d.zone, d.type, vpc.ipv4.len);
  if (len > 28) return void findings.push(finding("AUTO_CIDR_VPC_TOO_SMALL", path, undefined, { len }));
  d.ipv4 = subBlock(vpc.ipv4, len, index);
  d.auto.ipv4 = true;
}

/** The subnet's IPv4 block: `cidr` checked against the VPC and AWS' sizes, else the automatic one. */
export function resolveIpv4(d: SubnetDraft, path: string, vpc: VpcAddressing, findings: Finding[]): void {
  const cidr = d.config.cidr;
  if (cidr === undefined) return autoIpv4Block(d, path, vpc, findings);
  const parsed = parseCidr(cidr, "ipv4");
  if (!parsed.ok) return void findings.push(cidrFinding(path, cidr, parsed.reason, parsed.suggestion));
  if (vpc.ipv4 && !contains(vpc.ipv4, parsed.block)) {
    return void findings.push(
      finding("SUBNET_OUTSIDE_VPC", path, cidr, { vpcBlock: vpc.plan.cidrBlock, family: "ipv4" }),
    );
  }
  // AWS: a subnet's IPv4 block is between /16 and /28.
  if (parsed.block.len > 28 || parsed.block.len < 16)
    return void findings.push(finding("SUBNET_CIDR_SIZE", path, cidr));
  d.ipv4 = parsed.block;
}

/** Sets the draft's IPv6 block as the `index`-th block of length `len` in the VPC's (real when known). */
function placeIpv6(d: SubnetDraft, v6: VpcIpv6Addressing, len: number, index: bigint): void {
  d.ipv6 = { len, index, block: v6.block ? subBlock(v6.block, len, index) : undefined };
}

/** kOps' `/LEN#N`: the N-th (hexadecimal) block of length LEN in the VPC's block. */
function lenHashIpv6(
  d: SubnetDraft,
  m: RegExpExecArray,
  path: string,
  v6: VpcIpv6Addressing,
  findings: Finding[],
): void {
  const value = d.config.ipv6CIDR!;
  const len = Number(m[1]);
  const lenFindings = ipv6LengthFindings(path, value, len, v6);
  if (lenFindings.length) return void findings.push(...lenFindings);
  const index = BigInt(`0x${m[2]}`);
  const count = 1n << BigInt(len - v6.len);
  if (index >= count) {
    return void findings.push(
      finding("IPV6_INDEX_OUT_OF_RANGE", path, value, { vpcLen: v6.len, len, count, index: m[2] }),
    );
  }
  placeIpv6(d, v6, len, index);
}

/** A full IPv6 CIDR: only where the VPC's block is known before deployment, and inside it. */
function fullIpv6(d: SubnetDraft, path: string, v6: VpcIpv6Addressing, findings: Finding[]): void {
  const value = d.config.ipv6CIDR!;
  const parsed = parseCidr(value, "ipv6");
  if (!parsed.ok) return void findings.push(cidrFinding(path, value, parsed.reason, parsed.suggestion));
  const lenFindings = ipv6LengthFindings(path, value, parsed.block.len, v6);
  if (lenFindings.length) return void findings.push(...lenFindings);
  if (!v6.block)
    return void findings.push(finding("IPV6_CIDR_NEEDS_VPC_BLOCK", path, value, { len: parsed.block.len }));
  if (!contains(v6.block, parsed.block)) {
    return void findings.push(
      finding("SUBNET_OUTSIDE_VPC", path, value, { vpcBlock: formatBlock(v6.block), family: "ipv6" }),
    );
  }
  placeIpv6(d, v6, parsed.block.len, indexWithin(v6.block, parsed.block));
}

/** The subnet's IPv6 block: `ipv6CIDR` in either form, else the automatic /64 (adopted subnets keep theirs). */
export function resolveIpv6(d: SubnetDraft, path: string, vpc: VpcAddressing, findings: Finding[]): void {
  const v6 = vpc.ipv6!;
  const value = d.config.ipv6CIDR;
  if (value === undefined) {
    if (d.config.id !== undefined) return;
    placeIpv6(d, v6, 64, BigInt(autoIpv6Index(d.name, d.zone, d.type as Exclude<SubnetType, "PrivateIPv4">, v6.len)));
    d.auto.ipv6 = true;
    return;
  }
  const m = LEN_HASH.exec(value);
  if (m) return lenHashIpv6(d, m, path, v6, findings);
  // Meant as kOps' form; parsing it as a CIDR would only say "not IPv6".
  if (value.startsWith("/") || value.includes("#"))
    return void findings.push(finding("CIDR_MALFORMED", path, value, { lenHash: value }));
  fullIpv6(d, path, v6, findings);
}

/** Relative IPv6 range of a draft at 128-bit scale from the VPC start, so overlap works without the real block. */
function relative6(d: SubnetDraft): Block | undefined {
  if (!d.ipv6) return undefined;
  return { family: "ipv6", start: d.ipv6.index << BigInt(128 - d.ipv6.len), len: d.ipv6.len };
}

type Family = {
  key: "cidr" | "ipv6CIDR";
  get: (d: SubnetDraft) => Block | undefined;
  show: (d: SubnetDraft) => string;
};
const FAMILIES: Family[] = [
  { key: "cidr", get: (d) => d.ipv4, show: (d) => formatBlock(d.ipv4!) },
  {
    key: "ipv6CIDR",
    get: relative6,
    show: (d) => (d.ipv6!.block ? formatBlock(d.ipv6!.block) : `/${d.ipv6!.len}#${d.ipv6!.index.toString(16)}`),
  },
];

/** The finding for two overlapping subnets, at the one to change: the automatic one if any, else the later. */
function overlapFinding(
  f: Family,
  a: SubnetDraft,
  b: SubnetDraft,
  used: readonly Block[],
  vpc: VpcAddressing,
): Finding {
  const autoA = f.key === "cidr" ? a.auto.ipv4 : a.auto.ipv6;
  const autoB = f.key === "cidr" ? b.auto.ipv4 : b.auto.ipv6;
  const target = autoB || !autoA ? b : a;
  const other = target === a ? b : a;
  const free = f.key === "ipv6CIDR" && vpc.ipv6 ? freeIpv6Index(used, vpc.ipv6.len) : undefined;
  const fix =
    free !== undefined
      ? `pin ${target.name} to a free block, e.g. ipv6CIDR: "/64#${free.toString(16)}"`
      : `give ${target.name} ${f.key === "cidr" ? "a cidr" : "an ipv6CIDR"} that does not overlap ${other.name}`;
  const p = { block: f.show(target), other: other.name, otherBlock: f.show(other), fix };
  const value = keyValue(target, target.config[f.key] ?? f.show(target));
  return finding(autoA || autoB ? "AUTO_CIDR_COLLISION" : "SUBNET_OVERLAP", keyPath(target, f.key), value, p);
}

/**
 * Overlapping subnets, in both families. A sweep in address order (n log n: the largest /56 layout has 256
 * subnets): each block is checked against the block reaching furthest so far.
 */
export function overlapFindings(drafts: readonly SubnetDraft[], vpc: VpcAddressing): Finding[] {
  const findings: Finding[] = [];
  for (const f of FAMILIES) {
    const placed = drafts.filter((d) => f.get(d)).map((d) => ({ d, b: f.get(d)! }));
    placed.sort((x, y) => (x.b.start < y.b.start ? -1 : x.b.start > y.b.start ? 1 : x.d.index - y.d.index));
    const used = placed.map((x) => x.b);
    let reach: { d: SubnetDraft; b: Block } | undefined;
    for (const cur of placed) {
      if (reach && overlaps(reach.b, cur.b)) {
        const [a, b] = reach.d.index < cur.d.index ? [reach.d, cur.d] : [cur.d, reach.d];
        findings.push(overlapFinding(f, a, b, used, vpc));
      }
      if (!reach || end(cur.b) > end(reach.b)) reach = cur;
    }
  }
  return findings;
}

/**
 * The highest free /64 index in the VPC block, or undefined when none is free. Bounded by the number of
 * subnets, not the size of the address space: a free /64, if any, is the last one or sits right before a
 * used block (every maximal run of free /64s ends at the top or at a used block), so only those
 * n + 1 candidates are tried, each against n blocks.
 */
export function freeIpv6Index(used: readonly Block[], vpcLen: number): bigint | undefined {
  const count = 1n << BigInt(64 - vpcLen);
  const candidates = [count - 1n, ...used.map((u) => (u.start >> 64n) - 1n)].filter((i) => i >= 0n && i < count);
  candidates.sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  for (const i of candidates) {
    const candidate: Block = { family: "ipv6", start: i << 64n, len: 64 };
    if (!used.some((u) => overlaps(u, candidate))) return i;
  }
  return undefined;
}
