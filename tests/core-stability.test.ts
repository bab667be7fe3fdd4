/**
 * Properties of the address planner over random subnet lists (fast-check, fixed seed so every run checks
 * the same cases):
 *
 * - stability: adding, removing or reordering OTHER subnets or zones never changes an existing subnet's
 *   blocks (issue 2: automatic CIDRs depend only on the subnet's own zone, kind and name);
 * - containment: every planned block lies inside the VPC block, for both families;
 * - disjointness: no two planned blocks overlap, for both families.
 *
 * Random lists are often invalid (a pinned block outside the VPC, a private subnet without a NAT host...);
 * the properties are about valid plans, so each property also counts the valid cases it saw and fails if
 * there were too few for it to mean anything.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { contains, ipv6SubnetOf, overlaps, parseCidr, type Block } from "../components/core/ip";
import { planNetwork } from "../components/core/plan";
import type { SubnetType } from "../components/core/enums";
import type { Facts } from "../components/core/types";
import type { NetworkPlan } from "../components/core/network-plan";

const RUNS = { seed: 42, numRuns: 200 };
const ZONE_POOL = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];
const KINDS: SubnetType[] = ["Public", "Utility", "Private", "DualStack", "PrivateIPv4"];
const WORDS = ["nodes", "workers", "batch", "edge", "lb", "db", "gpu", "infra"];
const DEFAULT_PREFIX: Record<SubnetType, string> = {
  Utility: "utility",
  Public: "public",
  DualStack: "dualstack",
  Private: "private",
  PrivateIPv4: "privateipv4",
};

interface VpcVariant {
  label: string;
  vpc: Record<string, unknown>;
  facts: Facts;
  /** Prefix length of the VPC IPv6 block, when the VPC has one. */
  v6len?: number;
  /** The IPv6 block when known before deployment; else the plan holds indexes only. */
  v6block?: string;
  /** Pinned IPv4 /24s are drawn from here (some fall outside a /20 VPC on purpose). */
  pin4: (x: number) => string;
}

const facts: Facts = { region: "us-east-1", standardZones: ZONE_POOL.slice(0, 3) };
const pin16 = (x: number) => `10.0.${x % 256}.0/24`;
const VPCS: VpcVariant[] = [
  { label: "IPv4-only /16", vpc: { cidrBlock: "10.0.0.0/16" }, facts, pin4: pin16 },
  { label: "Amazon /56", vpc: { cidrBlock: "10.0.0.0/16", ipv6: {} }, facts, v6len: 56, pin4: pin16 },
  {
    label: "BYOIP /56 in a /20",
    vpc: {
      cidrBlock: "172.16.0.0/20",
      ipv6: { poolId: "ipv6pool-ec2-0123456789abcdef0", cidrBlock: "2001:db8:ab00::/56" },
    },
    facts,
    v6len: 56,
    v6block: "2001:db8:ab00::/56",
    pin4: (x) => `172.16.${x % 18}.0/24`,
  },
  {
    label: "BYOIP /48",
    vpc: {
      cidrBlock: "10.0.0.0/16",
      ipv6: { poolId: "ipv6pool-ec2-0123456789abcdef0", cidrBlock: "2001:db8:ab::/48" },
    },
    facts,
    v6len: 48,
    v6block: "2001:db8:ab::/48",
    pin4: pin16,
  },
  {
    label: "IPAM /52",
    vpc: { cidrBlock: "10.0.0.0/16", ipv6: { ipamPool: { id: "ipam-pool-0123456789abcdef0", netmaskLength: 52 } } },
    facts,
    v6len: 52,
    pin4: pin16,
  },
  {
    label: "IPAM /60",
    vpc: { cidrBlock: "10.0.0.0/16", ipv6: { ipamPool: { id: "ipam-pool-0123456789abcdef0", netmaskLength: 60 } } },
    facts,
    v6len: 60,
    pin4: pin16,
  },
  {
    label: "existing /56",
    vpc: {
      id: "vpc-0123456789abcdef0",
      cidrBlock: "10.50.0.0/16",
      ipv6: { cidrBlock: "2001:db8:5000::/56", egressOnlyInternetGatewayId: "eigw-0123456789abcdef0" },
    },
    facts: {
      ...facts,
      existingVpc: { id: "vpc-0123456789abcdef0", cidrBlock: "10.50.0.0/16", ipv6CidrBlock: "2001:db8:5000::/56" },
    },
    v6len: 56,
    v6block: "2001:db8:5000::/56",
    pin4: (x) => `10.50.${x % 256}.0/24`,
  },
];

type Role = "common" | "removed" | "added";
interface Spec {
  zone: string;
  kind: SubnetType;
  /** Undefined: the kind's default name `<kind>-<zone>`; else a custom name built from this word. */
  word?: string;
  egress?: string;
  pin4?: number;
  pin6?: number;
  /** In the list before only, after only, or both. */
  role: Role;
  /** Sort key of the list after the change (the list before keeps generation order). */
  order: number;
}

const rarely = <T>(arb: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const specArb: fc.Arbitrary<Spec> = fc.record({
  zone: fc.constantFrom(...ZONE_POOL),
  kind: fc.constantFrom(...KINDS),
  word: fc.option(fc.constantFrom(...WORDS), { nil: undefined }),
  egress: fc.constantFrom(undefined, "tgw-0123456789abcdef0", "External"),
  pin4: rarely(fc.nat(1 << 16)),
  pin6: rarely(fc.nat(1 << 16)),
  role: fc.constantFrom<Role>("common", "common", "removed", "added"),
  order: fc.integer(),
});

/**
 * At most one default-named and one custom-named subnet per zone and kind: two custom subnets of one kind
 * in one zone share the automatic IPv4 slot, which is an AUTO_CIDR_COLLISION by design, not a
 * stability question.
 */
const specsArb = fc.uniqueArray(specArb, {
  selector: (s) => `${s.zone}|${s.kind}|${s.word === undefined}`,
  minLength: 1,
  maxLength: 14,
});

function subnetEntry(s: Spec, v: VpcVariant): Record<string, unknown> {
  const name =
    s.word === undefined ? `${DEFAULT_PREFIX[s.kind]}-${s.zone}` : `${s.word}-${DEFAULT_PREFIX[s.kind]}-${s.zone}`;
  const entry: Record<string, unknown> = { name, zone: s.zone, type: s.kind };
  const public_ = s.kind === "Public" || s.kind === "Utility";
  if (!public_ && s.egress) entry.egress = s.egress;
  const hasIpv4 = !(s.kind === "Private" && v.v6len !== undefined);
  const hasIpv6 = v.v6len !== undefined && s.kind !== "PrivateIPv4";
  if (hasIpv4 && s.pin4 !== undefined) entry.cidr = v.pin4(s.pin4);
  if (hasIpv6 && s.pin6 !== undefined) {
    // Up to two indexes past the end, so that IPV6_INDEX_OUT_OF_RANGE is in the mix.
    const count = 2 ** (64 - v.v6len!);
    entry.ipv6CIDR = `/64#${(s.pin6 % (count + 2)).toString(16)}`;
  }
  return entry;
}

/**
 * The zones of a list: those its subnets use, in the order of the permutation `perm` (a zone without a
 * subnet is refused with explicit subnets, ZONE_WITHOUT_SUBNETS; `extra` zones count only where a subnet uses them).
 */
function zonesFor(specs: Spec[], extra: string[], perm: string[]): string[] {
  const used = new Set(specs.map((s) => s.zone));
  const needed = new Set([...used, ...extra.filter((z) => used.has(z))]);
  const zones = perm.filter((z) => needed.has(z));
  return zones.length ? zones : [perm[0]];
}

interface Scenario {
  v: VpcVariant;
  natGateways: string;
  specs: Spec[];
  zonesBefore: { extra: string[]; perm: string[] };
  zonesAfter: { extra: string[]; perm: string[] };
}

const permutation = fc.shuffledSubarray(ZONE_POOL, { minLength: ZONE_POOL.length, maxLength: ZONE_POOL.length });
const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  v: fc.constantFrom(...VPCS),
  natGateways: fc.constantFrom("perZone", "perZone", "single", "none"),
  specs: specsArb,
  zonesBefore: fc.record({ extra: fc.subarray(ZONE_POOL), perm: permutation }),
  zonesAfter: fc.record({ extra: fc.subarray(ZONE_POOL), perm: permutation }),
});

function configs(sc: Scenario): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before = sc.specs.filter((s) => s.role !== "added");
  const after = sc.specs.filter((s) => s.role !== "removed").sort((a, b) => a.order - b.order);
  const make = (specs: Spec[], z: { extra: string[]; perm: string[] }) => ({
    vpc: sc.v.vpc,
    zones: zonesFor(specs, z.extra, z.perm),
    natGateways: sc.natGateways,
    subnets: specs.map((s) => subnetEntry(s, sc.v)),
  });
  return { before: make(before, sc.zonesBefore), after: make(after, sc.zonesAfter) };
}

function plan(raw: Record<string, unknown>, f: Facts): NetworkPlan | undefined {
  const r = planNetwork(raw, f);
  return r.ok ? r.plan : undefined;
}

type Blocks = { ipv4?: string; ipv6?: { prefixLength: number; index: number; cidrBlock?: string } };
function blocksByName(p: NetworkPlan): Map<string, Blocks> {
  return new Map(p.subnets.map((s) => [s.name, { ipv4: s.cidrBlock, ipv6: s.ipv6 }]));
}

function assertStable(before: NetworkPlan, after: NetworkPlan): number {
  const a = blocksByName(after);
  let compared = 0;
  for (const [name, blocks] of blocksByName(before)) {
    if (!a.has(name)) continue;
    assert.deepEqual(a.get(name), blocks, `subnet ${name} moved`);
    compared++;
  }
  return compared;
}

function block(cidr: string): Block {
  const p = parseCidr(cidr);
  if (!p.ok) assert.fail(`planned block ${cidr} does not parse: ${p.reason}`);
  return p.block;
}

/** Every planned subnet block as a Block, IPv6 ones placed in the VPC's block (or a stand-in of its length). */
function plannedBlocks(p: NetworkPlan, v: VpcVariant): { name: string; ipv4?: Block; ipv6?: Block }[] {
  // Amazon and IPAM blocks are assigned at deployment; any block of the right length shows the same geometry.
  const v6 = v.v6block ?? (v.v6len !== undefined ? `2600:1f18::/${v.v6len}` : undefined);
  return p.subnets.map((s) => ({
    name: s.name,
    ipv4: s.cidrBlock ? block(s.cidrBlock) : undefined,
    ipv6: s.ipv6 ? block(s.ipv6.cidrBlock ?? ipv6SubnetOf(v6!, s.ipv6.prefixLength, s.ipv6.index)) : undefined,
  }));
}

describe("automatic allocation is stable (property)", () => {
  it("adding, removing or reordering other subnets or zones never changes an existing subnet's blocks", () => {
    let validPairs = 0;
    let comparedSubnets = 0;
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const { before, after } = configs(sc);
        const p1 = plan(before, sc.v.facts);
        const p2 = plan(after, sc.v.facts);
        if (!p1 || !p2) return;
        validPairs++;
        comparedSubnets += assertStable(p1, p2);
      }),
      RUNS,
    );
    assert.ok(validPairs >= 60, `only ${validPairs} of ${RUNS.numRuns} random pairs were valid both before and after`);
    assert.ok(comparedSubnets >= 150, `only ${comparedSubnets} subnets were compared`);
  });

  it("the default layout: adding, removing or reordering zones never moves another zone's subnets", () => {
    let valid = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...VPCS),
        fc.shuffledSubarray(ZONE_POOL, { minLength: 1 }),
        fc.shuffledSubarray(ZONE_POOL, { minLength: 1 }),
        (v, zonesBefore, zonesAfter) => {
          const p1 = plan({ vpc: v.vpc, zones: zonesBefore }, v.facts);
          const p2 = plan({ vpc: v.vpc, zones: zonesAfter }, v.facts);
          if (!p1 || !p2) return;
          valid++;
          assertStable(p1, p2);
        },
      ),
      RUNS,
    );
    assert.ok(valid >= 100, `only ${valid} valid pairs`);
  });

  it("a subnet's blocks do not depend on where it sits in the list", () => {
    // The smallest counterexample to positional allocation: the same subnets, rotated.
    const subnets = [
      { name: "utility-us-east-1a", zone: "us-east-1a", type: "Utility" },
      { name: "nodes-us-east-1a", zone: "us-east-1a", type: "DualStack" },
      { name: "utility-us-east-1b", zone: "us-east-1b", type: "Utility" },
    ];
    const v = VPCS[2];
    const p1 = plan({ vpc: v.vpc, zones: ["us-east-1a", "us-east-1b"], subnets }, v.facts)!;
    const p2 = plan(
      { vpc: v.vpc, zones: ["us-east-1b", "us-east-1a"], subnets: [subnets[2], subnets[0], subnets[1]] },
      v.facts,
    )!;
    assert.equal(assertStable(p1, p2), 3);
  });
});

describe("planned blocks (property)", () => {
  it("every planned subnet lies inside the VPC block, IPv4 and IPv6", () => {
    let valid = 0;
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const p = plan(configs(sc).before, sc.v.facts);
        if (!p) return;
        valid++;
        const vpc4 = block(p.vpc.cidrBlock);
        const vpc6 = sc.v.v6len !== undefined ? block(sc.v.v6block ?? `2600:1f18::/${sc.v.v6len}`) : undefined;
        for (const s of plannedBlocks(p, sc.v)) {
          if (s.ipv4) assert.ok(contains(vpc4, s.ipv4), `${s.name}: IPv4 block outside ${p.vpc.cidrBlock}`);
          if (s.ipv6) {
            assert.ok(vpc6 && contains(vpc6, s.ipv6), `${s.name}: IPv6 block outside the VPC block`);
            assert.ok(s.ipv6.len <= 64, `${s.name}: IPv6 block longer than /64`);
          }
        }
      }),
      RUNS,
    );
    assert.ok(valid >= 60, `only ${valid} valid plans`);
  });

  it("no two planned subnets overlap, IPv4 or IPv6", () => {
    let valid = 0;
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const { before, after } = configs(sc);
        for (const raw of [before, after]) {
          const p = plan(raw, sc.v.facts);
          if (!p) continue;
          valid++;
          const bs = plannedBlocks(p, sc.v);
          for (let i = 0; i < bs.length; i++) {
            for (let j = i + 1; j < bs.length; j++) {
              for (const fam of ["ipv4", "ipv6"] as const) {
                const x = bs[i][fam];
                const y = bs[j][fam];
                if (x && y) assert.ok(!overlaps(x, y), `${bs[i].name} and ${bs[j].name} overlap (${fam})`);
              }
            }
          }
        }
      }),
      RUNS,
    );
    assert.ok(valid >= 120, `only ${valid} valid plans`);
  });

  it("the generator does produce pins outside the VPC or past its end, and the planner refuses them", () => {
    let refusedOutside = 0;
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const raw = configs(sc).before;
        const r = planNetwork(raw, sc.v.facts);
        if (!r.ok && r.findings.some((f) => f.code === "SUBNET_OUTSIDE_VPC" || f.code === "IPV6_INDEX_OUT_OF_RANGE"))
          refusedOutside++;
      }),
      RUNS,
    );
    assert.ok(refusedOutside >= 5, `the generator produced only ${refusedOutside} out-of-VPC pins`);
  });
});

/**
 * Appending is safe, for every decision a subnet list feeds (issue 12, item 8): with subnets (and zones)
 * appended at the end of the lists, every existing subnet's whole plan record (blocks, routes, DNS64,
 * hostnames, tags: the inputs of its Subnet, RouteTable and Route resources), every existing NAT gateway
 * (its subnet, zone and Elastic IP), the API load balancer's subnets and the control-plane subnets stay
 * as they were; only what the appended subnets bring is added.
 */
describe("appending subnets and zones never moves anything (property)", () => {
  const appendArb = fc.record({
    v: fc.constantFrom(...VPCS),
    natGateways: fc.constantFrom("perZone", "perZone", "single", "none"),
    specs: specsArb,
    perm: permutation,
    lb: fc.constantFrom(undefined, { scheme: "internet-facing" }, { scheme: "internal" }),
  });

  function appended(sc: {
    v: VpcVariant;
    natGateways: string;
    specs: Spec[];
    perm: string[];
    lb?: Record<string, string>;
  }) {
    const before = sc.specs.filter((s) => s.role !== "added");
    const added = sc.specs.filter((s) => s.role === "added");
    const zonesBefore = zonesFor(before, [], sc.perm);
    const zonesAfter = [...zonesBefore, ...zonesFor(added, [], sc.perm).filter((z) => !zonesBefore.includes(z))];
    const make = (specs: Spec[], zones: string[]) => ({
      vpc: sc.v.vpc,
      zones,
      natGateways: sc.natGateways,
      subnets: specs.map((s) => subnetEntry(s, sc.v)),
      ...(sc.lb ? { apiLoadBalancer: sc.lb } : {}),
    });
    return { before: make(before, zonesBefore), after: make([...before, ...added], zonesAfter), added: added.length };
  }

  it("keeps every existing subnet record, NAT gateway, load-balancer subnet and control-plane subnet", () => {
    let valid = 0;
    let withNat = 0;
    let withLb = 0;
    fc.assert(
      fc.property(appendArb, (sc) => {
        const { before, after, added } = appended(sc);
        if (!added) return;
        const p1 = plan(before, sc.v.facts);
        const p2 = plan(after, sc.v.facts);
        if (!p1 || !p2) return;
        valid++;
        const records = new Map(p2.subnets.map((x) => [x.name, x]));
        for (const s of p1.subnets) assert.deepEqual(records.get(s.name), s, `subnet ${s.name} changed`);
        const nats = new Map(p2.natGateways.map((n) => [n.name, n]));
        for (const n of p1.natGateways) assert.deepEqual(nats.get(n.name), n, `NAT gateway ${n.name} moved`);
        if (p1.natGateways.length) withNat++;
        const lb1 = p1.edge.apiLoadBalancer?.subnets ?? [];
        const lb2 = p2.edge.apiLoadBalancer?.subnets ?? [];
        for (const x of lb1)
          assert.ok(lb2.includes(x), `load-balancer subnet ${x} removed (replaces the load balancer)`);
        if (lb1.length) withLb++;
        for (const x of p1.edge.controlPlaneSubnets)
          assert.ok(p2.edge.controlPlaneSubnets.includes(x), `control-plane subnet ${x} moved`);
      }),
      { seed: 7, numRuns: 300 },
    );
    assert.ok(valid >= 60, `only ${valid} valid pairs`);
    assert.ok(
      withNat >= 20 && withLb >= 10,
      `too few pairs with NAT gateways (${withNat}) or a load balancer (${withLb})`,
    );
  });

  it(
    "the failing cases of the old rules: a Utility subnet appended where the NAT gateway sat in a Public one, " +
      "or to an earlier zone with natGateways: single",
    () => {
      const v = VPCS[1];
      const base = [
        { name: "web-a", zone: "us-east-1a", type: "Public" },
        { name: "nodes-a", zone: "us-east-1a", type: "DualStack" },
        { name: "web-b", zone: "us-east-1b", type: "Public" },
        { name: "nodes-b", zone: "us-east-1b", type: "DualStack" },
      ];
      const lbA = { name: "lb-a", zone: "us-east-1a", type: "Utility" };
      const zones = ["us-east-1a", "us-east-1b"];
      // perZone: zone a's NAT gateway stays in web-a (the old rule moved it to the appended Utility subnet).
      let p1 = plan({ vpc: v.vpc, zones, subnets: base }, v.facts)!;
      let p2 = plan({ vpc: v.vpc, zones, subnets: [...base, lbA] }, v.facts)!;
      assert.deepEqual(p2.natGateways, p1.natGateways);
      assert.equal(p2.natGateways[0].subnet, "web-a");
      // single: zone a had no public subnet, so the one NAT gateway sat in zone b; appending a Utility subnet
      // to zone a (listed first in zones) moved it there under the old rule and retargeted every route.
      const noPublicInA = base.filter((x) => x.name !== "web-a");
      p1 = plan({ vpc: v.vpc, zones, natGateways: "single", subnets: noPublicInA }, v.facts)!;
      p2 = plan({ vpc: v.vpc, zones, natGateways: "single", subnets: [...noPublicInA, lbA] }, v.facts)!;
      assert.deepEqual(p2.natGateways, p1.natGateways);
      assert.equal(p2.natGateways[0].subnet, "web-b");
      // Appending a DualStack subnet to a zone keeps the control plane where it was (the old default took them all).
      p2 = plan(
        {
          vpc: v.vpc,
          zones,
          natGateways: "single",
          subnets: [
            ...noPublicInA,
            { name: "nodes2-a", zone: "us-east-1a", type: "DualStack", cidr: "10.0.200.0/24", ipv6CIDR: "/64#7e" },
          ],
        },
        v.facts,
      )!;
      assert.deepEqual(p2.edge.controlPlaneSubnets, p1.edge.controlPlaneSubnets);
    },
  );
});
