/**
 * Subnets: the default kOps layout, each subnet's kind rules (its families, which keys it may have, the
 * zone it is in), and the blocks resolved for it (subnet-blocks.ts).
 */
import { DEFAULT_NAME_PREFIX } from "./allocation";
import { at, finding, type Finding } from "./findings";
import { formatBlock } from "./ip";
import type { SubnetType } from "./enums";
import type { StackConfig, SubnetConfig } from "./schema";
import { overlapFindings, resolveIpv4, resolveIpv6 } from "./subnet-blocks";
import type { SubnetDraft } from "./subnet-draft";
import type { Facts } from "./types";
import type { VpcAddressing } from "./vpc";

export { keyPath, keyValue, type SubnetDraft } from "./subnet-draft";

export const PUBLIC_TYPES: readonly SubnetType[] = ["Public", "Utility"];
const EGRESS_PREFIXES = ["nat-", "eipalloc-", "tgw-"];

/**
 * kOps' IPv6 layout per zone when `subnets` is absent. For an EKS cluster, without the IPv6-only Private subnet:
 * EKS puts neither the cluster's interfaces nor nodes there (Amazon EKS User Guide, network-reqs.adoc), so the
 * nodes' subnet is the DualStack one.
 */
export function defaultSubnets(
  zones: readonly string[],
  ipv6: boolean,
  eks = false,
  keepIpv4Layout = false,
): SubnetConfig[] {
  // A VPC moved from IPv4 keeps the IPv4 layout: the IPv6 one would add subnets and make its Private ones IPv6-only.
  const types: SubnetType[] =
    !ipv6 || keepIpv4Layout
      ? ["Utility", "Private"]
      : eks
        ? ["Utility", "DualStack"]
        : ["Utility", "DualStack", "Private"];
  return zones.flatMap((zone) => types.map((type) => ({ name: `${DEFAULT_NAME_PREFIX[type]}-${zone}`, zone, type })));
}

/** Local and Wavelength Zones, by the zone types the program looked up (offline: by AWS' naming). */
function edgeZoneType(zone: string, facts: Facts): "local-zone" | "wavelength-zone" | undefined {
  const t = facts.zoneTypes?.[zone];
  return t === "local-zone" || t === "wavelength-zone" ? t : undefined;
}

/**
 * With an explicit list, the default layout is not added to it: a zone that gets no subnet was most
 * likely forgotten (listing one subnet in a stack that used the default layout would delete all others).
 */
function zonesWithoutSubnets(config: StackConfig, zones: readonly string[]): Finding[] {
  const given = config.subnets ?? [];
  const zonesListed = config.zones !== undefined;
  return zones.flatMap((zone, zi) => {
    if (given.some((s) => s.zone === zone)) return [];
    const p = { zone, zones: zones.join(", "), zonesListed };
    return [
      finding("ZONE_WITHOUT_SUBNETS", zonesListed ? at("zones", zi) : "zones", zonesListed ? zone : undefined, p),
    ];
  });
}

/** Keys a subnet's kind does not take, for a VPC with or without IPv6. */
function familyFindings(s: SubnetConfig, vpcHasIpv6: boolean, keepIpv4: boolean, p: (key: string) => string) {
  const out: Finding[] = [];
  if (!vpcHasIpv6 && s.type === "DualStack")
    out.push(finding("IPV6_SUBNET_IN_IPV4_VPC", p("type"), s.type, { key: "type" }));
  if (!vpcHasIpv6 && s.ipv6CIDR !== undefined) {
    out.push(finding("IPV6_SUBNET_IN_IPV4_VPC", p("ipv6CIDR"), s.ipv6CIDR, { key: "ipv6CIDR" }));
  }
  if (vpcHasIpv6 && s.type === "PrivateIPv4" && s.ipv6CIDR !== undefined) {
    out.push(finding("SUBNET_FAMILY_MISMATCH", p("ipv6CIDR"), s.ipv6CIDR, { key: "ipv6CIDR" }));
  }
  if (vpcHasIpv6 && !keepIpv4 && s.type === "Private" && s.cidr !== undefined) {
    out.push(finding("SUBNET_FAMILY_MISMATCH", p("cidr"), s.cidr, { key: "cidr" }));
  }
  return out;
}

/** `egress`, `publicIPv4` and `natGateway` only where the kind can use them. */
function kindKeyFindings(s: SubnetConfig, isPublic: boolean, p: (key: string) => string): Finding[] {
  const out: Finding[] = [];
  const egress = s.egress;
  if (egress !== undefined && isPublic)
    out.push(finding("EGRESS_ON_PUBLIC_SUBNET", p("egress"), egress, { type: s.type }));
  else if (
    egress !== undefined &&
    egress !== "External" &&
    !EGRESS_PREFIXES.some((x) => egress.startsWith(x) && egress.length > x.length)
  ) {
    out.push(finding("EGRESS_UNKNOWN", p("egress"), egress));
  }
  if (s.publicIPv4 !== undefined && !isPublic) {
    out.push(finding("PUBLIC_IPV4_ON_PRIVATE_SUBNET", p("publicIPv4"), s.publicIPv4, { type: s.type }));
  }
  if (s.natGateway === true && !isPublic)
    out.push(finding("NAT_GATEWAY_ON_PRIVATE_SUBNET", p("natGateway"), true, { type: s.type }));
  if (s.natGateway === true && s.id !== undefined)
    out.push(finding("NAT_GATEWAY_ON_ADOPTED_SUBNET", p("natGateway"), true));
  return out;
}

/** `parentZone` only in a Wavelength Zone, and the parent AWS reports when it was looked up. */
function parentZoneFindings(s: SubnetConfig, wavelength: boolean, facts: Facts, p: (key: string) => string): Finding[] {
  if (s.parentZone === undefined) return [];
  if (!wavelength) {
    const typeKnown = facts.zoneTypes?.[s.zone] !== undefined;
    return [finding("PARENT_ZONE_OUTSIDE_WAVELENGTH", p("parentZone"), s.parentZone, { zone: s.zone, typeKnown })];
  }
  const parent = facts.zoneParents?.[s.zone];
  if (parent === undefined || parent === s.parentZone) return [];
  return [finding("PARENT_ZONE_MISMATCH", p("parentZone"), s.parentZone, { zone: s.zone, parent })];
}

/** What the stack's lists say about one subnet: where its findings point, and its kind. */
interface Entry {
  s: SubnetConfig;
  i: number;
  path: string;
  p: (key: string) => string;
  defaulted: boolean;
  pathValue?: string;
  /** vpc.ipv6.migratedFromIpv4: a Private subnet keeps its IPv4 block and gains IPv6 (dual-stack). */
  keepIpv4: boolean;
}

/**
 * What the move from IPv4 does to a Private subnet: it keeps its IPv4 block and gains a /64 in place (a
 * dual-stack subnet routed as DualStack), where in an IPv6 VPC Private would mean a new, IPv6-only subnet.
 */
function migrationFinding(d: SubnetDraft, path: string): Finding {
  const ipv4 = d.ipv4 ? formatBlock(d.ipv4) : "its IPv4 block";
  // An Amazon-provided block is known only once deployed: the /64 is then named by its index (/64#N, N in hex).
  const ipv6 = d.ipv6?.block ? formatBlock(d.ipv6.block) : d.ipv6 ? `/64#${d.ipv6.index.toString(16)}` : "a /64";
  return finding("MIGRATION_PRIVATE_STAYS_IPV4", path, "Private", { name: d.name, ipv4, ipv6 });
}

/** The subnet's draft with its blocks; its own findings pushed to `findings`. */
function draftOf(e: Entry, vpc: VpcAddressing, facts: Facts, findings: Finding[]): SubnetDraft {
  const { s, p } = e;
  const vpcHasIpv6 = vpc.ipv6 !== undefined;
  const isPublic = PUBLIC_TYPES.includes(s.type);
  const edgeZone = edgeZoneType(s.zone, facts);
  const wavelength = edgeZone === "wavelength-zone";
  findings.push(...familyFindings(s, vpcHasIpv6, e.keepIpv4, p), ...kindKeyFindings(s, isPublic, p));
  findings.push(...parentZoneFindings(s, wavelength, facts, p));
  // AWS: "There is no migration path from IPv4-only subnets to IPv6-only subnets" (vpc-migrate-ipv6.md): in a
  // VPC moved from IPv4, Private stays an IPv4 subnet and gains a /64.
  const ipv6Only = s.type === "Private" && vpcHasIpv6 && !e.keepIpv4;
  const hasIpv6 = vpcHasIpv6 && s.type !== "PrivateIPv4";
  // One literal, no spreads: spreading into a record this hot makes slow (dictionary-mode) objects (profiled).
  const draft: SubnetDraft = {
    name: s.name,
    zone: s.zone,
    type: s.type,
    hasIpv4: !ipv6Only,
    hasIpv6,
    ipv6Only,
    public: isPublic,
    index: e.i,
    path: e.path,
    defaulted: e.defaulted,
    pathValue: e.pathValue,
    config: s,
    wavelength,
    auto: { ipv4: false, ipv6: false },
  };
  if (draft.hasIpv4) resolveIpv4(draft, p("cidr"), vpc, findings);
  // Automatic blocks number a zone by its trailing letter, which Local and Wavelength Zone names share with
  // the region's own zones (us-east-1-nyc-1a and us-east-1a both end in "a"): their blocks must be set.
  if (edgeZone && draft.auto.ipv4 && draft.ipv4) {
    const kind = edgeZone === "local-zone" ? "Local Zone" : "Wavelength Zone";
    findings.push(
      finding("AUTO_CIDR_IN_EDGE_ZONE", p("cidr"), undefined, { zone: s.zone, kind, block: formatBlock(draft.ipv4) }),
    );
    draft.ipv4 = undefined;
  }
  // A refused VPC IPv6 block (or size) is reported once, by the VPC: nothing is placed in it.
  if (hasIpv6 && vpc.ipv6?.usable) resolveIpv6(draft, p("ipv6CIDR"), vpc, findings);
  if (e.keepIpv4 && s.type === "Private") findings.push(migrationFinding(draft, p("type")));
  return draft;
}

export function resolveSubnets(
  config: StackConfig,
  zones: readonly string[],
  vpc: VpcAddressing,
  facts: Facts,
): { drafts: SubnetDraft[]; findings: Finding[] } {
  const given = config.subnets;
  const findings: Finding[] = given ? zonesWithoutSubnets(config, zones) : [];
  const zonesListed = config.zones !== undefined;
  /** Name -> index of the subnet that has it first. */
  const seen = new Map<string, number>();
  const eks = config.kubernetes.eks !== undefined;
  const keepIpv4 = vpc.ipv6 !== undefined && config.vpc.ipv6?.migratedFromIpv4 === true;
  const drafts = (given ?? defaultSubnets(zones, vpc.ipv6 !== undefined, eks, keepIpv4)).map((s, i) => {
    // A default-layout subnet has no key of its own: its zone's entry, or `zones` itself when not listed.
    const path = given ? at("subnets", i) : zonesListed ? at("zones", Math.max(0, zones.indexOf(s.zone))) : "zones";
    const p = (key: string) => (given ? at("subnets", i, key) : path);
    const first = seen.get(s.name);
    if (first !== undefined) findings.push(finding("DUPLICATE_SUBNET_NAME", p("name"), s.name, { first }));
    else seen.set(s.name, i);
    if (!zones.includes(s.zone))
      findings.push(finding("ZONE_NOT_LISTED", p("zone"), s.zone, { zone: s.zone, zones: zones.join(", ") }));
    const pathValue = !given && zonesListed ? s.zone : undefined;
    return draftOf({ s, i, path, p, defaulted: !given, pathValue, keepIpv4 }, vpc, facts, findings);
  });
  // A duplicate name is reported above; its overlap with the subnet of the same name would only repeat it.
  findings.push(
    ...overlapFindings(
      drafts.filter((d) => seen.get(d.name) === d.index),
      vpc,
    ),
  );
  return { drafts, findings };
}
