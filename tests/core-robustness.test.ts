/**
 * No crash, no hang, on any input (issue 12, item 12). Thousands of generated configs, of self-managed and
 * EKS (`kubernetes.eks`, issue 15) clusters, valid ones and mutations of them (a key removed, a wrong type,
 * a malformed or absurd CIDR, a netmask outside AWS' range, overlapping `/LEN#N` pins, names that collide),
 * with facts that disagree with them (an existing VPC whose IPv6 block is a /64, no region, edge zones,
 * zone ids EKS refuses, instance types that are not Nitro) go through planNetwork. Each must
 * come back as a plan or as findings, never as an exception, and every finding must name a key of the
 * input: a key it has, or one of the contract's keys that it could set (a missing key to add).
 *
 * A refusal must cost what an acceptance costs: the known worst cases (a search for a free /64 that
 * used to scan 2^(64-prefix) candidates, a refused VPC block used anyway) are run here too, and a
 * relapse shows as a mocha timeout, not as a timed assertion.
 */
import { strict as assert } from "node:assert";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { Finding } from "../components/core/findings";
import { planNetwork } from "../components/core/plan";
import { schemaAt } from "../components/core/parse";
import { freeIpv6Index } from "../components/core/subnet-blocks";
import type { Facts } from "../components/core/types";
import type { Block } from "../components/core/ip";
import { offlineFacts, readStackFile } from "../components/offline/stack-file";

type Raw = Record<string, unknown>;
type Seg = string | number;

const ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
const LZ = "us-east-1-nyc-1a";
const WZ = "us-east-1-wl1-bos-wlz-1";

// ---- what a path may name ----------------------------------------------------------------------------

/** `subnets[2].cidr` -> ["subnets", 2, "cidr"]. */
function segments(path: string): Seg[] {
  const out: Seg[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [path];
    if (m[1]) out.push(m[1]);
    for (const i of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(i[1]));
  }
  return out;
}

/**
 * Whether a finding's path names a key of the input: every step exists in the input, or the steps the
 * input lacks are keys of the contract (a key to add, e.g. `nodes.controlPlaneSubnets` to pin a
 * default; such a finding may quote the default's value). A list element must exist. Two paths that
 * name no config key are allowed: `aws:region` (the stack's region) and `(config)` (the whole map).
 */
function namesAKey(raw: Raw, f: Finding): string | undefined {
  if (f.path === "aws:region" || f.path === "(config)") return undefined;
  const segs = segments(f.path);
  let node: unknown = raw;
  for (let i = 0; i < segs.length; i++) {
    const k = segs[i];
    const has =
      typeof k === "number"
        ? Array.isArray(node) && k < node.length
        : !!node && typeof node === "object" && !Array.isArray(node) && k in node;
    if (has) {
      node = (node as Record<string | number, unknown>)[k];
      continue;
    }
    // From here on the input has nothing: a list element cannot be named, a key must be the contract's.
    if (segs.slice(i).some((x) => typeof x === "number"))
      return `${f.code} ${f.path}: names an element of a list the input does not have`;
    // An unknown key is named as the user wrote it; a key to add must be one of the contract's.
    if (f.code !== "CONFIG_UNKNOWN_KEY" && schemaAt(segs) === undefined)
      return `${f.code} ${f.path}: no such key in the contract`;
    return undefined;
  }
  return undefined;
}

// ---- generated configs -------------------------------------------------------------------------------

const vpcArb = fc.constantFrom<Raw>(
  { cidrBlock: "10.0.0.0/16" },
  { cidrBlock: "10.0.0.0/16", ipv6: {} },
  { cidrBlock: "10.0.0.0/16", ipv6: { poolId: "ipv6pool-ec2-0123456789abcdef0", cidrBlock: "2001:db8::/56" } },
  { cidrBlock: "10.0.0.0/20", ipv6: { ipamPool: { id: "ipam-pool-0123456789abcdef0", netmaskLength: 44 } } },
  { cidrBlock: "10.0.0.0/16", ipv6: { ipamPool: { id: "ipam-pool-0123456789abcdef0", netmaskLength: 60 } } },
  {
    id: "vpc-0123456789abcdef0",
    cidrBlock: "10.50.0.0/16",
    ipv6: { cidrBlock: "2001:db8:5000::/56", egressOnlyInternetGatewayId: "eigw-0123456789abcdef0" },
  },
  { id: "vpc-0123456789abcdef0", cidrBlock: "10.50.0.0/16", ipv6: {} },
);

const TYPES = ["Utility", "Public", "DualStack", "Private", "PrivateIPv4"];
const subnetArb = fc.record(
  {
    name: fc.constantFrom("a", "b", "c", "d", "e", "nodes", "lb", "utility-us-east-1a"),
    zone: fc.constantFrom(...ZONES, LZ, WZ),
    type: fc.constantFrom(...TYPES),
    cidr: fc.constantFrom("10.0.1.0/24", "10.0.2.0/24", "10.0.1.0/25", "10.50.3.0/24", "10.0.0.0/16"),
    ipv6CIDR: fc.constantFrom(
      "/64#0",
      "/64#1",
      "/64#ff",
      "/60#3",
      "/44#1",
      "/48#2",
      "/64#100",
      "2001:db8::/64",
      "2001:db8:5000:7::/64",
    ),
    egress: fc.constantFrom("nat-0123456789abcdef0", "tgw-0123456789abcdef0", "eipalloc-0123456789abcdef0", "External"),
    dns64: fc.boolean(),
    natGateway: fc.boolean(),
    parentZone: fc.constantFrom(...ZONES),
    id: fc.constant("subnet-0123456789abcdef0"),
  },
  { requiredKeys: ["name", "zone", "type"] },
);

const kubernetesArb = fc.record(
  {
    podCIDRs: fc.constantFrom(
      ["fd00:10:244::/56"],
      ["fd00:10:244::/56", "10.244.0.0/16"],
      ["10.244.0.0/16"],
      ["2001:db8::/48"],
      ["10.0.0.0/8"],
      ["::/0"],
    ),
    serviceCIDRs: fc.constantFrom(
      ["fd00:10:96::/112"],
      ["fd00:10:96::/112", "10.96.0.0/16"],
      ["10.96.0.0/12"],
      ["fd00::/126"],
      ["10.50.0.0/28"],
    ),
    nodeCIDRMaskSize: fc.integer({ min: -1, max: 130 }),
    cni: fc.constantFrom("calico", "cilium", "none"),
    dns64: fc.boolean(),
    cloudControllerManager: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** `kubernetes.eks`: valid settings and mistakes of each kind (names of the generated subnets, or none). */
const eksArb = fc.record(
  {
    version: fc.constantFrom("1.32", "1.31", "1.30", "1.21", "1.20", "1.33", "latest", "1.32.1"),
    name: fc.constantFrom("prod", "prod_1", "-x", "", "c".repeat(101)),
    endpointPrivateAccess: fc.boolean(),
    endpointPublicAccess: fc.boolean(),
    publicAccessCidrs: fc.constantFrom(
      ["203.0.113.0/24"],
      ["0.0.0.0/0", "::/0"],
      ["2001:db8::/32"],
      ["10.0.0.0/33"],
      ["203.0.113.1/24"],
      [],
    ),
    adminPrincipalArn: fc.constantFrom(
      "arn:aws:iam::123456789012:role/admin",
      "arn:aws:iam::123456789012:user/alice",
      "arn:aws:iam::123456789012:group/admins",
      "admin",
    ),
    cniCredentials: fc.constantFrom("podIdentity", "irsa", "nodeRole"),
    addonVersions: fc.record(
      {
        vpcCni: fc.constantFrom("v1.20.1-eksbuild.3", "v1.10.0-eksbuild.1", "latest"),
        coreDns: fc.constantFrom("v1.11.4-eksbuild.22", "v1.8.3-eksbuild.1"),
        kubeProxy: fc.constantFrom("v1.32.3-eksbuild.7", "v1.20.15-eksbuild.2"),
        podIdentityAgent: fc.constantFrom("v1.3.4-eksbuild.1"),
      },
      { requiredKeys: [] },
    ),
    nodeGroups: fc.array(
      fc.record(
        {
          name: fc.constantFrom("general", "spot", "batch"),
          instanceTypes: fc.constantFrom(["m6i.large"], ["m1.small"], ["m6i.large", "m4.large"], ["c7g.large"]),
          minSize: fc.integer({ min: -1, max: 4 }),
          desiredSize: fc.integer({ min: 0, max: 5 }),
          maxSize: fc.integer({ min: 0, max: 6 }),
          subnets: fc.constantFrom(["a"], ["a", "b"], ["nope"], ["utility-us-east-1a"], []),
          capacityType: fc.constantFrom("ON_DEMAND", "SPOT"),
          diskSize: fc.constantFrom(20, 100),
        },
        { requiredKeys: ["name"] },
      ),
      { maxLength: 3 },
    ),
    fargateNamespaces: fc.constantFrom(["batch"], ["batch", "jobs"], []),
  },
  { requiredKeys: [] },
);

/** Self-managed settings, an EKS cluster, or an EKS cluster with self-managed settings it refuses. */
const clusterArb = fc.oneof(
  kubernetesArb,
  fc.record({ eks: eksArb }),
  fc.tuple(kubernetesArb, eksArb).map(([k, eks]) => ({ ...k, eks })),
);

const configArb = fc.record(
  {
    vpc: vpcArb,
    zones: fc.subarray([...ZONES, LZ, WZ, "us-west-2a"], { minLength: 1 }),
    subnets: fc.array(subnetArb, { maxLength: 8 }),
    natGateways: fc.constantFrom("perZone", "single", "none"),
    kubernetes: clusterArb,
    apiLoadBalancer: fc.record(
      {
        scheme: fc.constantFrom("internet-facing", "internal"),
        ipAddressType: fc.constantFrom("ipv4", "dualstack", "ipv6"),
        subnets: fc.constantFrom(["a"], ["a", "b"], ["nope"]),
      },
      { requiredKeys: [] },
    ),
    nodes: fc.record(
      {
        instanceTypes: fc.constantFrom(["m6i.large"], ["m1.small"]),
        controlPlaneSubnets: fc.constantFrom(["a"], ["x"]),
      },
      { requiredKeys: [] },
    ),
    protect: fc.boolean(),
  },
  { requiredKeys: ["vpc"] },
);

/** Values a mutation may put anywhere: wrong types, empty and absurd values, valid values of other keys. */
const NASTY: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  45,
  64,
  129,
  2 ** 53,
  "",
  " ",
  "x",
  "10.0.0.0/33",
  "10.0.0.1/16",
  "0.0.0.0/0",
  "::/0",
  "2001:db8::/64",
  "2001:db8::/63",
  "fd00::/8",
  "/64#ffffffffffffffff",
  "/0#1",
  "/128#0",
  "/44#1",
  "/64#-1",
  "/64#zz",
  [],
  {},
  ["us-east-1a"],
  [1],
  [null],
  { a: 1 },
  "us-west-2a",
  "perZone",
  "Private",
  "External",
  "create",
  "eipalloc-0123456789abcdef0",
];

/** Every path of a value, for mutations: each key of each map, each element of each list. */
function pathsOf(v: unknown, prefix: Seg[] = []): Seg[][] {
  if (Array.isArray(v)) return v.flatMap((x, i) => [[...prefix, i], ...pathsOf(x, [...prefix, i])]);
  if (v && typeof v === "object")
    return Object.entries(v).flatMap(([k, x]) => [[...prefix, k], ...pathsOf(x, [...prefix, k])]);
  return [];
}

/** A deep copy with the value at `path` replaced (undefined: removed). */
function mutate(v: unknown, path: readonly Seg[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (rest.length === 0 && value === undefined) copy.splice(k as number, 1);
    else copy[k as number] = mutate(copy[k as number], rest, value);
    return copy;
  }
  const copy = { ...(v as Record<string, unknown>) };
  if (rest.length === 0 && value === undefined) delete copy[k as string];
  else copy[k as string] = mutate(copy[k as string], rest, value);
  return copy;
}

/** The example stacks with the facts the offline plan gives them: valid starting points for mutations. */
const EXAMPLES: [Raw, Facts][] = readdirSync(join(__dirname, "..", "..", "config"))
  .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
  .map((stack) => {
    const file = readStackFile(stack, join(__dirname, "..", "..", "config"));
    return [file.values, offlineFacts(file)];
  });

const mutationArb = fc.array(fc.tuple(fc.nat(), fc.constantFrom(undefined, ...NASTY)), { maxLength: 3 });

const factsArb = fc.constantFrom<Facts>(
  { region: "us-east-1", standardZones: ZONES },
  {
    region: "us-east-1",
    standardZones: ZONES,
    zoneTypes: { [LZ]: "local-zone", [WZ]: "wavelength-zone", [ZONES[0]]: "availability-zone" },
    zoneParents: { [WZ]: ZONES[0] },
  },
  {
    region: "us-east-1",
    standardZones: ZONES,
    existingVpc: {
      id: "vpc-0123456789abcdef0",
      cidrBlock: "10.50.0.0/16",
      ipv6CidrBlock: "2001:db8:5000::/56",
      internetGatewayId: "igw-0123456789abcdef0",
    },
  },
  {
    region: "us-east-1",
    standardZones: ZONES,
    existingVpc: {
      id: "vpc-0123456789abcdef0",
      cidrBlock: "10.50.0.0/16",
      ipv6CidrBlock: "2001:db8:5000::/64",
      internetGatewayId: null,
    },
  },
  {
    region: "us-east-1",
    standardZones: ZONES,
    instanceTypes: {
      "m6i.large": { status: "ok", ipv6Supported: true, hypervisor: "nitro" },
      "m1.small": { status: "ok", ipv6Supported: false, hypervisor: "xen" },
      "m4.large": { status: "ok", ipv6Supported: true, hypervisor: "xen" },
      "c7g.large": { status: "missing", reason: "InvalidInstanceType" },
    },
  },
  {
    region: "us-east-1",
    standardZones: ZONES,
    zoneIds: { [ZONES[0]]: "use1-az1", [ZONES[1]]: "use1-az2", [ZONES[2]]: "use1-az3" },
    zoneTypes: { [WZ]: "wavelength-zone", [ZONES[0]]: "availability-zone" },
    instanceTypes: { "m6i.large": { status: "unknown", reason: "the offline plan cannot ask AWS" } },
  },
  { region: undefined, standardZones: [] },
);

describe("no crash, no hang, on any input (property, item 12)", () => {
  it(
    "thousands of generated and mutated configs: a plan or findings, " +
      "never an exception; every finding names a key of the input",
    function () {
      this.timeout(60_000);
      let valid = 0;
      let refusedCount = 0;
      const codes = new Set<string>();
      /** Plans and refusals of configs with `kubernetes.eks` (after mutation). */
      const eks = { valid: 0, refused: 0 };
      fc.assert(
        fc.property(
          fc.oneof(fc.tuple(configArb, factsArb), fc.constantFrom(...EXAMPLES)),
          mutationArb,
          ([base, facts], mutations) => {
            let raw: unknown = base;
            for (const [pick, value] of mutations) {
              const paths = pathsOf(raw);
              if (paths.length) raw = mutate(raw, paths[pick % paths.length], value);
            }
            const input = raw as Raw;
            let result;
            try {
              result = planNetwork(input, facts);
            } catch (e) {
              assert.fail(
                `planNetwork threw ${(e as Error).stack}\n` +
                  `input: ${JSON.stringify(input)}\nfacts: ${JSON.stringify(facts)}`,
              );
            }
            if (result.ok) valid++;
            else refusedCount++;
            const k = input.kubernetes as Raw | undefined;
            if (k && typeof k === "object" && k.eks && typeof k.eks === "object")
              eks[result.ok ? "valid" : "refused"]++;
            for (const f of result.findings) {
              codes.add(f.code);
              const wrong = namesAKey(input, f);
              assert.equal(wrong, undefined, `${wrong}\ninput: ${JSON.stringify(input)}`);
              for (const text of [f.message, f.fix])
                assert.ok(
                  typeof text === "string" && text.length > 0 && !/undefined|NaN|\[object Object\]/.test(text),
                  `${f.code} ${f.path}: ${text}`,
                );
            }
          },
        ),
        { seed: 12, numRuns: 3000 },
      );
      // The generator reaches both outcomes and a wide range of rules, or the property says little.
      assert.ok(valid >= 200, `only ${valid} valid configs`);
      assert.ok(refusedCount >= 1500, `only ${refusedCount} refused configs`);
      assert.ok(codes.size >= 60, `only ${codes.size} distinct codes: ${[...codes].sort().join(", ")}`);
      // EKS configs too: planned and refused, over most of the EKS rules.
      const eksCodes = [...codes].filter((c) => c.startsWith("EKS_"));
      assert.ok(eks.valid >= 50 && eks.refused >= 500, `EKS configs: ${eks.valid} valid, ${eks.refused} refused`);
      assert.ok(eksCodes.length >= 20, `only ${eksCodes.length} EKS codes: ${eksCodes.sort().join(", ")}`);
    },
  );

  it("the path checker itself refuses a path outside the input and the contract", () => {
    const f = (path: string, value?: unknown): Finding => ({
      severity: "error",
      code: "X_Y",
      path,
      value,
      message: "m",
      fix: "f",
    });
    const input = { vpc: { cidrBlock: "10.0.0.0/16" }, subnets: [{ name: "a" }] };
    assert.equal(namesAKey(input, f("vpc.cidrBlock", "10.0.0.0/16")), undefined);
    assert.equal(namesAKey(input, f("vpc.ipv6.egressOnlyInternetGatewayId")), undefined, "a key to add");
    assert.equal(namesAKey(input, f("nodes.controlPlaneSubnets")), undefined, "a key to add, under a map to add");
    assert.equal(namesAKey(input, f("subnets[0].parentZone")), undefined);
    assert.ok(namesAKey(input, f("subnets[3].cidr")), "past the list");
    assert.ok(namesAKey(input, f("vpc.nonsense")), "not a key of the contract");
    assert.ok(namesAKey(input, f("zones[1]")), "an element of a list the input does not have");
  });
});

describe("refusals that used to crash or never return (item 12)", () => {
  const existing = (ipv6CidrBlock: string): Facts => ({
    region: "us-east-1",
    standardZones: ZONES,
    existingVpc: { id: "vpc-0123456789abcdef0", cidrBlock: "10.50.0.0/16", ipv6CidrBlock },
  });
  const errors = (raw: Raw, facts: Facts) => {
    const r = planNetwork(raw, facts);
    assert.equal(r.ok, false);
    return r.findings.filter((f) => f.severity === "error").map((f) => `${f.code} ${f.path}`);
  };

  it("a Public subnet in a Wavelength Zone without parentZone: no NAT gateway 'in undefined'", () => {
    const wl = "us-east-1-wl1-bos-wlz-1";
    const raw = { vpc: { cidrBlock: "10.0.0.0/16", ipv6: {} }, subnets: [{ name: "a", zone: wl, type: "Public" }] };
    const facts: Facts = { region: "us-east-1", standardZones: ZONES, zoneTypes: { [wl]: "wavelength-zone" } };
    const r = planNetwork(raw, facts);
    assert.equal(r.ok, false);
    assert.deepEqual(
      r.findings.filter((f) => /undefined/.test(`${f.message} ${f.fix}`)).map((f) => f.code),
      [],
    );
    assert.ok(!r.findings.some((f) => f.code === "NAT_NO_PUBLIC_SUBNET"), "no NAT gateway is asked for");
  });

  it("an existing VPC whose IPv6 block is a /64 or a /63: the size finding only, no RangeError", () => {
    for (const block of ["2001:db8:5000::/64", "2001:db8:5000::/63"]) {
      assert.deepEqual(
        errors(
          {
            vpc: {
              id: "vpc-0123456789abcdef0",
              cidrBlock: "10.50.0.0/16",
              ipv6: { egressOnlyInternetGatewayId: "eigw-0123456789abcdef0" },
            },
          },
          existing(block),
        ),
        ["VPC_IPV6_CIDR_SIZE vpc.id"],
      );
      assert.deepEqual(
        errors(
          {
            vpc: {
              id: "vpc-0123456789abcdef0",
              cidrBlock: "10.50.0.0/16",
              ipv6: { cidrBlock: block, egressOnlyInternetGatewayId: "eigw-0123456789abcdef0" },
            },
          },
          existing(block),
        ),
        ["VPC_IPV6_CIDR_SIZE vpc.ipv6.cidrBlock"],
      );
    }
  });

  const pins = (n: number, ipv6CIDR: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => ({ name: `p${i}`, zone: ZONES[0], type: "Private", ipv6CIDR: ipv6CIDR(i) }));
  const utility = { name: "u", zone: ZONES[0], type: "Utility" };
  const FACTS: Facts = { region: "us-east-1", standardZones: ZONES };
  const ipam = (netmaskLength: number) => ({
    cidrBlock: "10.0.0.0/16",
    ipv6: { ipamPool: { id: "ipam-pool-0123456789abcdef0", netmaskLength } },
  });

  it("an IPAM /44 VPC with overlapping pins: each fix names a free /64, or none when the pins fill the VPC", () => {
    const some = planNetwork(
      { vpc: ipam(44), zones: [ZONES[0]], subnets: [utility, ...pins(6, (i) => `/64#${i % 2}`)] },
      FACTS,
    );
    const overlaps = some.findings.filter((f) => f.code === "SUBNET_OVERLAP");
    assert.equal(overlaps.length, 4);
    for (const f of overlaps) assert.match(f.fix, /ipv6CIDR: "\/64#fffff"/, "the highest free /64 of the /44");
    // /44#0 is the whole VPC block: nothing is free, and the fix does not name a taken block. (The old search
    // tried all 2^20 /64s per finding before giving up: half a second each.)
    const full = planNetwork(
      { vpc: ipam(44), zones: [ZONES[0]], subnets: [utility, ...pins(3, () => "/44#0")] },
      FACTS,
    );
    const fixes = full.findings.filter((f) => f.code === "SUBNET_OVERLAP").map((f) => f.fix);
    assert.equal(fixes.length, 2);
    for (const fix of fixes) assert.match(fix, /^give p\d an ipv6CIDR that does not overlap p\d$/);
  });

  it(
    "an invalid IPAM netmask with pinned subnets returns the netmask finding alone, " +
      "nothing computed from the refused size",
    () => {
      // With netmask 32 and /32#0 pins the old search for a free /64 had 2^32 candidates per finding:
      // it never returned.
      for (const netmaskLength of [32, 45, 0, 64, 200]) {
        const got = errors(
          {
            vpc: ipam(netmaskLength),
            zones: [ZONES[0]],
            subnets: [utility, ...pins(3, () => `/${Math.min(64, Math.max(netmaskLength, 1))}#0`)],
          },
          FACTS,
        );
        assert.deepEqual(got, ["IPAM_NETMASK_INVALID vpc.ipv6.ipamPool.netmaskLength"], String(netmaskLength));
      }
    },
  );

  it(
    "the free-index search looks at one candidate per used block (plus the last), " +
      "whatever the size of the VPC block",
    () => {
      const v6 = (index: bigint): Block => ({ family: "ipv6", start: index << 64n, len: 64 });
      // A /44 holds 2^20 /64s: the highest free one is found without scanning them.
      assert.equal(freeIpv6Index([v6(0n), v6(1n)], 44), (1n << 20n) - 1n);
      assert.equal(freeIpv6Index([v6((1n << 20n) - 1n)], 44), (1n << 20n) - 2n);
      // Full: undefined (the fix then asks for another block instead of naming a taken one).
      assert.equal(freeIpv6Index([{ family: "ipv6", start: 0n, len: 60 }], 60), undefined);
      assert.equal(freeIpv6Index([v6(0n), v6(1n), v6(2n)], 62), 3n);
      assert.equal(freeIpv6Index([v6(1n), v6(3n)], 62), 2n);
    },
  );
});
