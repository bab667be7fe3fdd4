/**
 * Subnets: the default kOps layout, each subnet's kind rules, and its IPv4/IPv6 blocks (given in full, as
 * kOps' `/LEN#N`, or allocated automatically and stably), with containment and overlap checks.
 */
import { autoIpv4, autoIpv6Index, DEFAULT_NAME_PREFIX } from "./allocation";
import { at, error, type Finding } from "./findings";
import { contains, end, formatBlock, indexWithin, overlaps, parseCidr, subBlock, type Block } from "./ip";
import type { StackConfig, SubnetConfig, SubnetType } from "./schema";
import type { Facts, SubnetKind } from "./types";
import type { VpcAddressing } from "./vpc";
import { cidrFinding } from "./vpc";

/** A subnet with its place in the config, before routing. */
export interface SubnetDraft extends SubnetKind {
  /** Index in the config list: used for error paths only, never for addresses or names. */
  index: number;
  /** Path prefix for findings: `subnets[2]`, or the zone's `zones[1]` for a subnet of the default layout. */
  path: string;
  /** A subnet of the default layout (no `subnets` in config): its findings point at its zone, not at a key of its own. */
  defaulted: boolean;
  /** What stands at `path` for a default-layout subnet: the zone name in `zones`, nothing when zones are defaulted too. */
  pathValue?: string;
  config: SubnetConfig;
  /** In a Wavelength Zone: no internet gateway route (a carrier gateway instead) and no NAT gateway there. */
  wavelength: boolean;
  ipv4?: Block;
  /** IPv6 block relative to the VPC block: prefix length and index (the block itself when known). */
  ipv6?: { len: number; index: bigint; block?: Block };
  auto: { ipv4: boolean; ipv6: boolean };
}

/** The shape every stage shares (types.ts SubnetKind), without the draft's own fields. */
export function kindOf(d: SubnetDraft): SubnetKind {
  return {
    name: d.name,
    zone: d.zone,
    type: d.type,
    hasIpv4: d.hasIpv4,
    hasIpv6: d.hasIpv6,
    ipv6Only: d.ipv6Only,
    public: d.public,
  };
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

export const PUBLIC_TYPES: readonly SubnetType[] = ["Public", "Utility"];
const EGRESS_PREFIXES = ["nat-", "eipalloc-", "tgw-"];

/** kOps' IPv6 layout per zone when `subnets` is absent. */
export function defaultSubnets(zones: readonly string[], ipv6: boolean): SubnetConfig[] {
  const types: SubnetType[] = ipv6 ? ["Utility", "DualStack", "Private"] : ["Utility", "Private"];
  return zones.flatMap((zone) => types.map((type) => ({ name: `${DEFAULT_NAME_PREFIX[type]}-${zone}`, zone, type })));
}

const LEN_HASH = /^\/(\d{1,3})#([0-9a-fA-F]+)$/;

/** Checks prefix length rules for a subnet IPv6 block: AWS subnets are /64; IPAM-backed VPCs allow /44../64 in steps of 4. */
function ipv6LengthFindings(path: string, value: string, len: number, vpcLen: number, fromIpam: boolean): Finding[] {
  if (len < vpcLen)
    return [
      error(
        "IPV6_PREFIX_TOO_SHORT",
        path,
        value,
        `/${len} is shorter than the VPC's /${vpcLen} block`,
        `use /64 (e.g. /64#0) or a length between ${vpcLen} and 64`,
      ),
    ];
  if (len > 64)
    return [error("IPV6_PREFIX_TOO_LONG", path, value, `/${len} is longer than /64; AWS subnets are /64`, "use /64")];
  if (fromIpam) {
    if ((len - 44) % 4 !== 0)
      return [
        error(
          "IPV6_PREFIX_STEP",
          path,
          value,
          `/${len} is not a step of 4; IPAM allows /44 to /64 in steps of 4`,
          `use /${Math.min(64, Math.ceil(len / 4) * 4)} or /64`,
        ),
      ];
  } else if (len !== 64) {
    return [
      error(
        "IPV6_PREFIX_NOT_64",
        path,
        value,
        `AWS subnets in a VPC not backed by IPAM are /64, not /${len}`,
        "use /64",
      ),
    ];
  }
  return [];
}

/** Local and Wavelength Zones, by the zone types the program looked up (offline: by AWS' naming). */
function edgeZoneType(zone: string, facts: Facts): "local-zone" | "wavelength-zone" | undefined {
  const t = facts.zoneTypes?.[zone];
  return t === "local-zone" || t === "wavelength-zone" ? t : undefined;
}

export function resolveSubnets(
  config: StackConfig,
  zones: readonly string[],
  vpc: VpcAddressing,
  facts: Facts,
): { drafts: SubnetDraft[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const vpcHasIpv6 = vpc.ipv6 !== undefined;
  const given = config.subnets;
  const list = given ?? defaultSubnets(zones, vpcHasIpv6);
  const seen = new Map<string, number>();
  const drafts: SubnetDraft[] = [];

  // With an explicit list, the default layout is not added to it: a zone that gets no subnet was most
  // likely forgotten (listing one subnet in a stack that used the default layout would delete all others).
  if (given) {
    const zoneKey = config.zones !== undefined;
    zones.forEach((z, zi) => {
      if (given.some((s) => s.zone === z)) return;
      findings.push(
        error(
          "ZONE_WITHOUT_SUBNETS",
          zoneKey ? at("zones", zi) : "zones",
          zoneKey ? z : undefined,
          `${zoneKey ? "" : `zones defaults to ${zones.join(", ")}, and `}${z} has no subnet in subnets: an explicit subnets list replaces the default layout (utility-, dualstack- and private-<zone>) for every zone`,
          `add ${z}'s subnets to subnets (e.g. { name: utility-${z}, zone: ${z}, type: Utility }), or ${zoneKey ? `remove ${z} from zones` : "list only the zones you use in zones"}`,
        ),
      );
    });
  }

  list.forEach((s, i) => {
    const zi = Math.max(0, zones.indexOf(s.zone));
    // A default-layout subnet has no key of its own: its zone's entry, or `zones` itself when not listed.
    const zonesListed = config.zones !== undefined;
    const path = given ? at("subnets", i) : zonesListed ? at("zones", zi) : "zones";
    const p = (key: string) => (given ? at("subnets", i, key) : path);
    const prev = seen.get(s.name);
    if (prev !== undefined)
      findings.push(
        error(
          "DUPLICATE_SUBNET_NAME",
          p("name"),
          s.name,
          `subnets[${prev}] already uses this name, and resource names derive from it`,
          "give each subnet a unique name",
        ),
      );
    else seen.set(s.name, i);
    if (!zones.includes(s.zone))
      findings.push(
        error(
          "ZONE_NOT_LISTED",
          p("zone"),
          s.zone,
          `zone is not in zones (${zones.join(", ")})`,
          `add ${s.zone} to zones, or use one of them`,
        ),
      );

    const isPublic = PUBLIC_TYPES.includes(s.type);
    if (s.type === "DualStack" && !vpcHasIpv6)
      findings.push(
        error(
          "IPV6_SUBNET_IN_IPV4_VPC",
          p("type"),
          s.type,
          "a DualStack subnet needs IPv6, but the VPC has none",
          "add vpc.ipv6 ({} for an Amazon-provided /56), or use type Private or PrivateIPv4",
        ),
      );
    if (s.ipv6CIDR !== undefined && !vpcHasIpv6)
      findings.push(
        error(
          "IPV6_SUBNET_IN_IPV4_VPC",
          p("ipv6CIDR"),
          s.ipv6CIDR,
          "the VPC has no IPv6 block",
          "add vpc.ipv6, or remove ipv6CIDR",
        ),
      );
    const ipv6Only = s.type === "Private" && vpcHasIpv6;
    const hasIpv6 = vpcHasIpv6 && s.type !== "PrivateIPv4";
    const hasIpv4 = !ipv6Only;
    if (s.type === "PrivateIPv4" && s.ipv6CIDR !== undefined && vpcHasIpv6)
      findings.push(
        error(
          "SUBNET_FAMILY_MISMATCH",
          p("ipv6CIDR"),
          s.ipv6CIDR,
          "a PrivateIPv4 subnet has no IPv6 block",
          "remove ipv6CIDR, or use type DualStack",
        ),
      );
    if (ipv6Only && s.cidr !== undefined)
      findings.push(
        error(
          "SUBNET_FAMILY_MISMATCH",
          p("cidr"),
          s.cidr,
          "a Private subnet in an IPv6 VPC is IPv6-only and has no IPv4 block",
          "remove cidr, or use type DualStack for both families",
        ),
      );

    if (s.egress !== undefined) {
      if (isPublic)
        findings.push(
          error(
            "EGRESS_ON_PUBLIC_SUBNET",
            p("egress"),
            s.egress,
            `${s.type} subnets route to the internet gateway; egress applies to private kinds only`,
            "remove egress, or change the type to Private, DualStack or PrivateIPv4",
          ),
        );
      else if (
        s.egress !== "External" &&
        !EGRESS_PREFIXES.some((x) => s.egress!.startsWith(x) && s.egress!.length > x.length)
      ) {
        findings.push(
          error(
            "EGRESS_UNKNOWN",
            p("egress"),
            s.egress,
            "egress must be nat-..., eipalloc-..., tgw-... or External",
            "use an existing NAT gateway id, an Elastic IP allocation id, a transit gateway id, or External",
          ),
        );
      }
    }
    if (s.publicIPv4 !== undefined && !isPublic)
      findings.push(
        error(
          "PUBLIC_IPV4_ON_PRIVATE_SUBNET",
          p("publicIPv4"),
          s.publicIPv4,
          `${s.type} subnets are private and never map public IPv4 addresses`,
          "remove publicIPv4",
        ),
      );
    if (s.natGateway === true && !isPublic)
      findings.push(
        error(
          "NAT_GATEWAY_ON_PRIVATE_SUBNET",
          p("natGateway"),
          s.natGateway,
          `a NAT gateway needs a subnet that routes to the internet gateway, and ${s.type} subnets do not`,
          "set natGateway on a Utility or Public subnet of the zone",
        ),
      );
    if (s.natGateway === true && s.id !== undefined)
      findings.push(
        error(
          "NAT_GATEWAY_ON_ADOPTED_SUBNET",
          p("natGateway"),
          s.natGateway,
          "an adopted subnet's routes are not managed here, so it cannot be checked to reach the internet gateway",
          "set natGateway on a Utility or Public subnet this stack manages",
        ),
      );

    const edgeZone = edgeZoneType(s.zone, facts);
    const wavelength = edgeZone === "wavelength-zone";
    if (s.parentZone !== undefined) {
      const known = facts.zoneParents?.[s.zone];
      if (!wavelength)
        findings.push(
          error(
            "PARENT_ZONE_OUTSIDE_WAVELENGTH",
            p("parentZone"),
            s.parentZone,
            `${s.zone} is not a Wavelength Zone${facts.zoneTypes?.[s.zone] ? "" : " (or its type is not known)"}: only Wavelength Zone subnets borrow their parent zone's NAT gateway`,
            "remove parentZone",
          ),
        );
      else if (known !== undefined && known !== s.parentZone)
        findings.push(
          error(
            "PARENT_ZONE_MISMATCH",
            p("parentZone"),
            s.parentZone,
            `AWS says the parent zone of ${s.zone} is ${known}`,
            `set parentZone to ${known}`,
          ),
        );
    }

    const draft: SubnetDraft = {
      name: s.name,
      zone: s.zone,
      type: s.type,
      index: i,
      path,
      defaulted: !given,
      pathValue: !given && zonesListed ? s.zone : undefined,
      config: s,
      hasIpv4,
      hasIpv6,
      ipv6Only,
      public: isPublic,
      wavelength,
      auto: { ipv4: false, ipv6: false },
    };
    if (hasIpv4) resolveIpv4(draft, p("cidr"), vpc, findings);
    // Automatic blocks number a zone by its trailing letter, which Local and Wavelength Zone names share with
    // the region's own zones (us-east-1-nyc-1a and us-east-1a both end in "a"): their blocks must be set.
    if (edgeZone && draft.auto.ipv4 && draft.ipv4) {
      findings.push(
        error(
          "AUTO_CIDR_IN_EDGE_ZONE",
          p("cidr"),
          undefined,
          `${s.zone} is a ${edgeZone === "local-zone" ? "Local Zone" : "Wavelength Zone"}: automatic blocks are numbered by the zone name's last letter, which it shares with an Availability Zone of the region, so they would collide`,
          `set cidr on this subnet (the automatic block would be ${formatBlock(draft.ipv4)}: pin that to keep a deployed subnet where it is)`,
        ),
      );
      draft.ipv4 = undefined;
    }
    // A refused VPC IPv6 block (or size) is reported once, by the VPC: nothing is placed in it.
    if (hasIpv6 && vpc.ipv6?.usable) resolveIpv6(draft, p("ipv6CIDR"), vpc, findings);
    drafts.push(draft);
  });

  // A duplicate name is reported above; its overlap with the subnet of the same name would only repeat it.
  findings.push(
    ...overlapFindings(
      drafts.filter((d) => seen.get(d.config.name) === d.index),
      vpc,
    ),
  );
  return { drafts, findings };
}

function resolveIpv4(d: SubnetDraft, path: string, vpc: VpcAddressing, findings: Finding[]): void {
  const s = d.config;
  if (s.cidr === undefined) {
    if (s.id !== undefined || !vpc.ipv4) return; // adopted subnets keep whatever block they have
    const { len, index } = autoIpv4(s.name, s.zone, s.type, vpc.ipv4.len);
    if (len > 28) {
      findings.push(
        error(
          "AUTO_CIDR_VPC_TOO_SMALL",
          path,
          undefined,
          `automatic allocation would give a /${len}, smaller than the /28 AWS allows`,
          "set cidr on this subnet, or use a larger vpc.cidrBlock",
        ),
      );
      return;
    }
    d.ipv4 = subBlock(vpc.ipv4, len, index);
    d.auto.ipv4 = true;
    return;
  }
  const parsed = parseCidr(s.cidr, "ipv4");
  if (!parsed.ok) return void findings.push(cidrFinding(path, s.cidr, parsed.reason, parsed.suggestion));
  if (vpc.ipv4 && !contains(vpc.ipv4, parsed.block))
    return void findings.push(
      error(
        "SUBNET_OUTSIDE_VPC",
        path,
        s.cidr,
        `not inside the VPC block ${vpc.plan.cidrBlock}`,
        `use a block inside ${vpc.plan.cidrBlock}, or leave cidr unset for automatic allocation`,
      ),
    );
  // AWS: a subnet's IPv4 block is between /16 and /28.
  if (parsed.block.len > 28 || parsed.block.len < 16)
    return void findings.push(
      error(
        "SUBNET_CIDR_SIZE",
        path,
        s.cidr,
        "AWS subnet IPv4 blocks are /16 to /28",
        "use a prefix length between 16 and 28",
      ),
    );
  d.ipv4 = parsed.block;
}

function resolveIpv6(d: SubnetDraft, path: string, vpc: VpcAddressing, findings: Finding[]): void {
  const v6 = vpc.ipv6!;
  const s = d.config;
  const within = (len: number, index: bigint) =>
    (d.ipv6 = { len, index, block: v6.block ? subBlock(v6.block, len, index) : undefined });
  if (s.ipv6CIDR === undefined) {
    if (s.id !== undefined) return;
    within(64, BigInt(autoIpv6Index(s.name, s.zone, s.type as Exclude<SubnetType, "PrivateIPv4">, v6.len)));
    d.auto.ipv6 = true;
    return;
  }
  const m = LEN_HASH.exec(s.ipv6CIDR);
  if (m) {
    const len = Number(m[1]);
    const lenFindings = ipv6LengthFindings(path, s.ipv6CIDR, len, v6.len, v6.fromIpam);
    if (lenFindings.length) return void findings.push(...lenFindings);
    const index = BigInt(`0x${m[2]}`);
    const count = 1n << BigInt(len - v6.len);
    if (index >= count) {
      return void findings.push(
        error(
          "IPV6_INDEX_OUT_OF_RANGE",
          path,
          s.ipv6CIDR,
          `a /${v6.len} VPC block holds ${count} /${len} blocks (#0 to #${(count - 1n).toString(16)}); #${m[2]} is past the end`,
          `use an index from 0 to ${(count - 1n).toString(16)} (hexadecimal)`,
        ),
      );
    }
    return void within(len, index);
  }
  if (s.ipv6CIDR.startsWith("/") || s.ipv6CIDR.includes("#")) {
    // Meant as kOps' form; parsing it as a CIDR would only say "not IPv6".
    return void findings.push(
      error(
        "CIDR_MALFORMED",
        path,
        s.ipv6CIDR,
        `${s.ipv6CIDR} is not kOps' /LEN#N form (LEN a prefix length, N the block's index in hexadecimal)`,
        "write e.g. /64#a (the block at index 0xa), or a full IPv6 CIDR",
      ),
    );
  }
  const parsed = parseCidr(s.ipv6CIDR, "ipv6");
  if (!parsed.ok) return void findings.push(cidrFinding(path, s.ipv6CIDR, parsed.reason, parsed.suggestion));
  const lenFindings = ipv6LengthFindings(path, s.ipv6CIDR, parsed.block.len, v6.len, v6.fromIpam);
  if (lenFindings.length) return void findings.push(...lenFindings);
  if (!v6.block) {
    return void findings.push(
      error(
        "IPV6_CIDR_NEEDS_VPC_BLOCK",
        path,
        s.ipv6CIDR,
        "the VPC's IPv6 block is assigned by AWS at deployment, so a full IPv6 CIDR cannot be checked or placed",
        `use kOps' /LEN#N form instead, e.g. /${parsed.block.len}#0`,
      ),
    );
  }
  if (!contains(v6.block, parsed.block)) {
    return void findings.push(
      error(
        "SUBNET_OUTSIDE_VPC",
        path,
        s.ipv6CIDR,
        `not inside the VPC IPv6 block ${formatBlock(v6.block)}`,
        `use a block inside ${formatBlock(v6.block)}, or /64#N`,
      ),
    );
  }
  within(parsed.block.len, indexWithin(v6.block, parsed.block));
}

/** Relative IPv6 range of a draft at 128-bit scale from the VPC start, so overlap works without the real block. */
function relative6(d: SubnetDraft): Block | undefined {
  if (!d.ipv6) return undefined;
  return { family: "ipv6", start: d.ipv6.index << BigInt(128 - d.ipv6.len), len: d.ipv6.len };
}

function overlapFindings(drafts: SubnetDraft[], vpc: VpcAddressing): Finding[] {
  const findings: Finding[] = [];
  const families: [
    key: "cidr" | "ipv6CIDR",
    get: (d: SubnetDraft) => Block | undefined,
    show: (d: SubnetDraft) => string,
  ][] = [
    ["cidr", (d) => d.ipv4, (d) => formatBlock(d.ipv4!)],
    [
      "ipv6CIDR",
      relative6,
      (d) => (d.ipv6!.block ? formatBlock(d.ipv6!.block) : `/${d.ipv6!.len}#${d.ipv6!.index.toString(16)}`),
    ],
  ];
  for (const [key, get, show] of families) {
    // Sweep in address order (n log n: the largest /56 layout has 256 subnets): each block is checked
    // against the block reaching furthest so far.
    const placed = drafts.filter((d) => get(d)).map((d) => ({ d, b: get(d)! }));
    placed.sort((x, y) => (x.b.start < y.b.start ? -1 : x.b.start > y.b.start ? 1 : x.d.index - y.d.index));
    let reach: { d: SubnetDraft; b: Block } | undefined;
    for (const cur of placed) {
      if (reach && overlaps(reach.b, cur.b)) {
        const [a, b] = reach.d.index < cur.d.index ? [reach.d, cur.d] : [cur.d, reach.d];
        const autoA = key === "cidr" ? a.auto.ipv4 : a.auto.ipv6;
        const autoB = key === "cidr" ? b.auto.ipv4 : b.auto.ipv6;
        // Point at the subnet the user should change: the automatic one if there is one, else the later one.
        const target = autoB || !autoA ? b : a;
        const other = target === a ? b : a;
        const path = keyPath(target, key);
        const free =
          key === "ipv6CIDR" && vpc.ipv6
            ? freeIpv6Index(
                placed.map((x) => x.b),
                vpc.ipv6.len,
              )
            : undefined;
        const fix =
          free !== undefined
            ? `pin ${target.config.name} to a free block, e.g. ipv6CIDR: "/64#${free.toString(16)}"`
            : `give ${target.config.name} ${key === "cidr" ? "a cidr" : "an ipv6CIDR"} that does not overlap ${other.config.name}`;
        findings.push(
          error(
            autoA || autoB ? "AUTO_CIDR_COLLISION" : "SUBNET_OVERLAP",
            path,
            keyValue(target, target.config[key] ?? show(target)),
            `${show(target)} overlaps subnet ${other.config.name} (${show(other)})${autoA || autoB ? "; automatic blocks depend on zone, kind and name only" : ""}`,
            fix,
          ),
        );
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
