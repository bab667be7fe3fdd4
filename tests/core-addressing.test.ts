/**
 * The address planner's blocks: CIDR parsing and RFC 5952 output, kOps' `/LEN#N` form, the IPv6 block of
 * each VPC source, the default kOps layout, automatic allocation, and the routes each subnet kind gets.
 */
import { strict as assert } from "node:assert";
import { ipv6SubnetOf, nthAddress, parseCidr, subBlock, type Block } from "../components/core/ip";
import { NAT64_PREFIX } from "../components/core/nat64-dns64";
import type { RoutePlan } from "../components/core/types";
import {
  FACTS,
  FACTS_EXISTING,
  planOk,
  sn,
  subnetOf,
  VPC_AMAZON,
  VPC_BYOIP,
  VPC_EXISTING,
  VPC_IPV4_ONLY,
  vpcIpam,
  type Raw,
} from "./support/core-fixtures";

const A = "us-east-1a";
const B = "us-east-1b";

function block(cidr: string): Block {
  const p = parseCidr(cidr);
  if (!p.ok) assert.fail(`${cidr}: ${p.reason}`);
  return p.block;
}

describe("CIDR parsing and formatting (RFC 5952)", () => {
  it("accepts canonical CIDRs of both families and returns them unchanged", () => {
    for (const c of [
      "10.0.0.0/16",
      "0.0.0.0/0",
      "2001:db8::/56",
      "2001:db8:0:a::/64",
      "fd00:10:244::/56",
      "::/0",
      "64:ff9b::/96",
    ]) {
      const p = parseCidr(c);
      assert.ok(p.ok, c);
      assert.equal(p.canonical, c);
    }
  });

  it("refuses host bits and non-canonical spellings, suggesting the canonical block", () => {
    const cases: [string, string][] = [
      ["10.0.0.1/16", "10.0.0.0/16"],
      ["2001:DB8::/56", "2001:db8::/56"],
      ["2001:0db8::/56", "2001:db8::/56"],
      ["2001:db8:0:0:0:0:0:0/56", "2001:db8::/56"],
      ["2001:db8:0:a:0:0:0:1/64", "2001:db8:0:a::/64"],
      ["fd00:0:0:0::/48", "fd00::/48"],
    ];
    for (const [input, suggestion] of cases) {
      const p = parseCidr(input);
      assert.ok(!p.ok, input);
      assert.equal(p.suggestion, suggestion, input);
    }
  });

  it("refuses what is not a CIDR of the expected family, without a suggestion", () => {
    for (const [input, family] of [
      ["10.0/16", "ipv4"],
      ["10.0.0.0", "ipv4"],
      ["2001:db8::/56", "ipv4"],
      ["10.0.0.0/16", "ipv6"],
      ["fd00::/129", "ipv6"],
      ["2001:db8:::/56", "ipv6"],
    ] as const) {
      const p = parseCidr(input, family);
      assert.ok(!p.ok, input);
      assert.equal(p.suggestion, undefined, input);
    }
  });

  it("numbers blocks inside a parent (kOps' /LEN#N) and prints them canonically", () => {
    const vpc = block("2001:db8::/56");
    const show = (len: number, i: number) => {
      const b = subBlock(vpc, len, i);
      return `${nthAddress(b, 0)}/${b.len}`;
    };
    assert.equal(show(64, 0xa), "2001:db8:0:a::/64");
    assert.equal(show(64, 0), "2001:db8::/64");
    assert.equal(show(64, 0xff), "2001:db8:0:ff::/64");
    assert.equal(show(60, 0xf), "2001:db8:0:f0::/60");
    assert.throws(() => subBlock(vpc, 64, 0x100), RangeError);
  });

  it("compresses the longest run of zero groups only, and never a single zero group (RFC 5952 4.2)", () => {
    assert.equal(ipv6SubnetOf("2001:0:0:100::/56", 64, 0), "2001:0:0:100::/64");
    assert.equal(ipv6SubnetOf("2001:db8:0:100::/56", 64, 1), "2001:db8:0:101::/64");
    assert.equal(nthAddress(block("2001:db8::/64"), 0x10001), "2001:db8::1:1");
  });

  it("computes a subnet block from the VPC block AWS assigns at deployment", () => {
    assert.equal(ipv6SubnetOf("2600:1f18:abc:de00::/56", 64, 0x80), "2600:1f18:abc:de80::/64");
    assert.equal(ipv6SubnetOf("2600:1f18:abc:d000::/52", 56, 3), "2600:1f18:abc:d300::/56");
  });
});

describe("kOps' /LEN#N in subnet config", () => {
  const subnets = (ipv6CIDR: string) => [sn("Utility", A), sn("Private", A, { ipv6CIDR })];

  it("with a BYOIP VPC 2001:db8::/56, /64#a is 2001:db8:0:a::/64", () => {
    const s = subnetOf(planOk({ vpc: VPC_BYOIP, zones: [A], subnets: subnets("/64#a") }), "private-us-east-1a");
    assert.deepEqual(s.ipv6, { prefixLength: 64, index: 0xa, cidrBlock: "2001:db8:0:a::/64" });
  });

  it("with an existing VPC 2001:db8::/56, /64#a is 2001:db8:0:a::/64", () => {
    const vpc = { ...VPC_EXISTING, ipv6: { ...VPC_EXISTING.ipv6, cidrBlock: "2001:db8::/56" } };
    const facts = {
      ...FACTS_EXISTING,
      existingVpc: { ...FACTS_EXISTING.existingVpc!, ipv6CidrBlock: "2001:db8::/56" },
    };
    const s = subnetOf(planOk({ vpc, zones: [A], subnets: subnets("/64#a") }, facts), "private-us-east-1a");
    assert.equal(s.ipv6?.cidrBlock, "2001:db8:0:a::/64");
  });

  it(
    "with an existing VPC, reuses the attached internet gateway: looked up by the program, " +
      "said to be looked up offline, created only when none is attached",
    () => {
      const raw = { vpc: VPC_EXISTING, zones: [A] };
      const offline = planOk(raw, FACTS_EXISTING);
      assert.deepEqual([offline.vpc.internetGateway, offline.vpc.internetGatewayId], ["lookup", undefined]);
      const attached = planOk(raw, {
        ...FACTS_EXISTING,
        existingVpc: { ...FACTS_EXISTING.existingVpc!, internetGatewayId: "igw-0123456789abcdef0" },
      });
      assert.deepEqual(
        [attached.vpc.internetGateway, attached.vpc.internetGatewayId],
        ["attached", "igw-0123456789abcdef0"],
      );
      const none = planOk(raw, {
        ...FACTS_EXISTING,
        existingVpc: { ...FACTS_EXISTING.existingVpc!, internetGatewayId: null },
      });
      assert.equal(none.vpc.internetGateway, "create");
      assert.equal(planOk({ vpc: VPC_AMAZON, zones: [A] }).vpc.internetGateway, "create");
    },
  );

  it("with an existing VPC, takes its IPv6 block from the lookup when the config names none", () => {
    const vpc = {
      id: VPC_EXISTING.id,
      cidrBlock: VPC_EXISTING.cidrBlock,
      ipv6: { egressOnlyInternetGatewayId: VPC_EXISTING.ipv6.egressOnlyInternetGatewayId },
    };
    const p = planOk({ vpc, zones: [A], subnets: subnets("/64#a") }, FACTS_EXISTING);
    assert.equal(p.vpc.ipv6?.cidrBlock, "2001:db8:5000::/56");
    assert.equal(subnetOf(p, "private-us-east-1a").ipv6?.cidrBlock, "2001:db8:5000:a::/64");
  });

  it("N is hexadecimal and case-insensitive; the printed block is lower case", () => {
    const s = subnetOf(planOk({ vpc: VPC_BYOIP, zones: [A], subnets: subnets("/64#Ab") }), "private-us-east-1a");
    assert.equal(s.ipv6?.cidrBlock, "2001:db8:0:ab::/64");
  });

  it("a full IPv6 CIDR inside a known VPC block gets its index", () => {
    const s = subnetOf(
      planOk({ vpc: VPC_BYOIP, zones: [A], subnets: subnets("2001:db8:0:42::/64") }),
      "private-us-east-1a",
    );
    assert.deepEqual(s.ipv6, { prefixLength: 64, index: 0x42, cidrBlock: "2001:db8:0:42::/64" });
  });

  it("with an Amazon-provided block, the plan keeps the index and length for deployment time", () => {
    const s = subnetOf(planOk({ vpc: VPC_AMAZON, zones: [A], subnets: subnets("/64#a") }), "private-us-east-1a");
    assert.deepEqual(s.ipv6, { prefixLength: 64, index: 0xa, cidrBlock: undefined });
  });

  it("with IPAM, a /LEN#N may be larger than /64 (steps of 4)", () => {
    const p = planOk({
      vpc: vpcIpam(52),
      zones: [A],
      subnets: [sn("Utility", A), sn("Private", A, { ipv6CIDR: "/56#3" }), sn("DualStack", A, { ipv6CIDR: "/60#21" })],
    });
    assert.deepEqual(subnetOf(p, "private-us-east-1a").ipv6, { prefixLength: 56, index: 3, cidrBlock: undefined });
    assert.deepEqual(subnetOf(p, "dualstack-us-east-1a").ipv6, { prefixLength: 60, index: 0x21, cidrBlock: undefined });
    assert.deepEqual(p.vpc.ipv6, {
      source: "ipam",
      prefixLength: 52,
      ipamPoolId: "ipam-pool-0123456789abcdef0",
      egressOnlyGateway: "create",
    });
  });
});

describe("VPC IPv6 sources in the plan", () => {
  it("{} is an Amazon-provided /56", () => {
    assert.deepEqual(planOk({ vpc: VPC_AMAZON, zones: [A] }).vpc.ipv6, {
      source: "amazon",
      prefixLength: 56,
      egressOnlyGateway: "create",
    });
  });
  it("poolId + cidrBlock is a BYOIP block known before deployment", () => {
    assert.deepEqual(planOk({ vpc: VPC_BYOIP, zones: [A] }).vpc.ipv6, {
      source: "byoip",
      prefixLength: 56,
      cidrBlock: "2001:db8::/56",
      poolId: "ipv6pool-ec2-0123456789abcdef0",
      egressOnlyGateway: "create",
    });
  });
  it("no ipv6 key is an IPv4-only VPC", () => {
    const p = planOk({ vpc: VPC_IPV4_ONLY, zones: [A] });
    assert.equal(p.vpc.ipv6, undefined);
    assert.ok(p.subnets.every((s) => s.ipv6 === undefined && s.cidrBlock !== undefined));
  });
  it("vpc.id uses the existing VPC and its gateways", () => {
    const p = planOk(
      {
        vpc: {
          ...VPC_EXISTING,
          internetGatewayId: "igw-1",
          ipv6: { ...VPC_EXISTING.ipv6, egressOnlyInternetGatewayId: "eigw-1" },
        },
        zones: [A],
      },
      FACTS_EXISTING,
    );
    assert.equal(p.vpc.id, "vpc-0123456789abcdef0");
    assert.equal(p.vpc.internetGatewayId, "igw-1");
    assert.deepEqual(p.vpc.ipv6, {
      source: "existing",
      prefixLength: 56,
      cidrBlock: "2001:db8:5000::/56",
      egressOnlyInternetGatewayId: "eigw-1",
      egressOnlyGateway: "given",
    });
  });
});

describe("the default subnet layout (kOps)", () => {
  it("gives every zone utility-, dualstack- and private-<zone> in an IPv6 VPC", () => {
    const p = planOk({ vpc: VPC_AMAZON, zones: [A, B] });
    assert.deepEqual(
      p.subnets.map((s) => [s.name, s.zone, s.type]),
      [
        ["utility-us-east-1a", A, "Utility"],
        ["dualstack-us-east-1a", A, "DualStack"],
        ["private-us-east-1a", A, "Private"],
        ["utility-us-east-1b", B, "Utility"],
        ["dualstack-us-east-1b", B, "DualStack"],
        ["private-us-east-1b", B, "Private"],
      ],
    );
  });

  it("gives every zone utility- and private-<zone> in an IPv4-only VPC", () => {
    const p = planOk({ vpc: VPC_IPV4_ONLY, zones: [A] });
    assert.deepEqual(
      p.subnets.map((s) => [s.name, s.type, s.ipv6Only]),
      [
        ["utility-us-east-1a", "Utility", false],
        ["private-us-east-1a", "Private", false],
      ],
    );
  });

  it("uses the region's first three standard zones when zones is absent", () => {
    const p = planOk(
      { vpc: VPC_AMAZON },
      { ...FACTS, standardZones: ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"] },
    );
    assert.deepEqual(p.zones, ["us-east-1a", "us-east-1b", "us-east-1c"]);
    assert.equal(p.subnets.length, 9);
  });

  it("Private is IPv6-only with DNS64 on; DualStack and Utility have both families and DNS64 off", () => {
    const p = planOk({ vpc: VPC_AMAZON, zones: [A] });
    const view = (name: string) => {
      const s = subnetOf(p, name);
      return {
        v4: s.cidrBlock !== undefined,
        v6: s.ipv6 !== undefined,
        ipv6Only: s.ipv6Only,
        dns64: s.dns64,
        public: s.public,
      };
    };
    assert.deepEqual(view("utility-us-east-1a"), { v4: true, v6: true, ipv6Only: false, dns64: false, public: true });
    assert.deepEqual(view("dualstack-us-east-1a"), {
      v4: true,
      v6: true,
      ipv6Only: false,
      dns64: false,
      public: false,
    });
    assert.deepEqual(view("private-us-east-1a"), { v4: false, v6: true, ipv6Only: true, dns64: true, public: false });
  });
});

describe("automatic allocation", () => {
  it("places the default layout of a /16 + /56 VPC on fixed blocks (kind region, slot, zone letter)", () => {
    const p = planOk({ vpc: VPC_BYOIP, zones: [A, B] });
    assert.deepEqual(
      p.subnets.map((s) => [s.name, s.cidrBlock, s.ipv6?.cidrBlock]),
      [
        ["utility-us-east-1a", "10.0.0.0/24", "2001:db8::/64"],
        ["dualstack-us-east-1a", "10.0.64.0/23", "2001:db8:0:40::/64"],
        ["private-us-east-1a", undefined, "2001:db8:0:80::/64"],
        ["utility-us-east-1b", "10.0.1.0/24", "2001:db8:0:1::/64"],
        ["dualstack-us-east-1b", "10.0.66.0/23", "2001:db8:0:41::/64"],
        ["private-us-east-1b", undefined, "2001:db8:0:81::/64"],
      ],
    );
    assert.ok(p.subnets.every((s) => s.autoCidr.ipv6 && s.autoCidr.ipv4 === (s.cidrBlock !== undefined)));
  });

  it("gives Public and PrivateIPv4 subnets their own regions", () => {
    const p = planOk({ vpc: VPC_BYOIP, zones: [A], subnets: [sn("Public", A), sn("PrivateIPv4", A)] });
    assert.deepEqual(
      p.subnets.map((s) => [s.cidrBlock, s.ipv6?.cidrBlock]),
      [
        ["10.0.32.0/24", "2001:db8:0:c0::/64"],
        ["10.0.192.0/23", undefined],
      ],
    );
  });

  it("a pinned block is used as given and marked as not automatic", () => {
    const s = subnetOf(
      planOk({
        vpc: VPC_BYOIP,
        zones: [A],
        subnets: [sn("Utility", A), sn("DualStack", A, { cidr: "10.0.250.0/24", ipv6CIDR: "/64#77" })],
      }),
      "dualstack-us-east-1a",
    );
    assert.deepEqual(
      [s.cidrBlock, s.ipv6?.cidrBlock, s.autoCidr],
      ["10.0.250.0/24", "2001:db8:0:77::/64", { ipv4: false, ipv6: false }],
    );
  });

  it("an adopted subnet (id) gets no blocks and no routes", () => {
    const s = subnetOf(
      planOk({
        vpc: VPC_AMAZON,
        zones: [A],
        subnets: [sn("Utility", A), { name: "local", zone: A, type: "PrivateIPv4", id: "subnet-0123456789abcdef0" }],
      }),
      "local",
    );
    assert.deepEqual([s.id, s.cidrBlock, s.ipv6, s.routes], ["subnet-0123456789abcdef0", undefined, undefined, []]);
  });
});

describe("routes per subnet kind", () => {
  const target = (t: RoutePlan["target"]) =>
    t.kind === "natGateway" ? t.nat : t.kind === "existingNatGateway" || t.kind === "transitGateway" ? t.id : t.kind;
  const routes = (rs: RoutePlan[]) => rs.map((r) => `${r.destination} -> ${target(r.target)}`);
  const dual: Raw = {
    podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"],
    serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"],
  };

  it(
    "dual-stack cluster: public kinds to the internet gateway, " +
      "private kinds via the zone's NAT gateway and the egress-only gateway",
    () => {
      const p = planOk({ vpc: VPC_AMAZON, zones: [A], kubernetes: dual });
      assert.deepEqual(routes(subnetOf(p, "utility-us-east-1a").routes), [
        "0.0.0.0/0 -> internetGateway",
        "::/0 -> internetGateway",
      ]);
      assert.deepEqual(routes(subnetOf(p, "dualstack-us-east-1a").routes), [
        "0.0.0.0/0 -> us-east-1a-nat",
        "::/0 -> egressOnlyInternetGateway",
        `${NAT64_PREFIX} -> us-east-1a-nat`,
      ]);
      assert.deepEqual(routes(subnetOf(p, "private-us-east-1a").routes), [
        "::/0 -> egressOnlyInternetGateway",
        `${NAT64_PREFIX} -> us-east-1a-nat`,
      ]);
      assert.deepEqual(p.natGateways, [
        { name: "us-east-1a-nat", zone: A, subnet: "utility-us-east-1a", allocationId: undefined },
      ]);
    },
  );

  it(
    "IPv6 single-stack cluster: Public subnets (nodes can run there) route NAT64 to the zone's NAT gateway, " +
      "Utility subnets only to the internet gateway (kOps)",
    () => {
      const single = { podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd02::/112"] };
      const p = planOk({
        vpc: VPC_AMAZON,
        zones: [A],
        kubernetes: single,
        subnets: [sn("Utility", A), sn("Public", A), sn("Private", A)],
      });
      assert.deepEqual(routes(subnetOf(p, "utility-us-east-1a").routes), [
        "0.0.0.0/0 -> internetGateway",
        "::/0 -> internetGateway",
      ]);
      assert.deepEqual(routes(subnetOf(p, "public-us-east-1a").routes), [
        "0.0.0.0/0 -> internetGateway",
        "::/0 -> internetGateway",
        `${NAT64_PREFIX} -> us-east-1a-nat`,
      ]);
      // A zone whose only NAT64 user would have been its Utility subnet gets no NAT gateway and no Elastic IP.
      const onlyUtility = planOk({
        vpc: VPC_AMAZON,
        zones: [A],
        kubernetes: single,
        subnets: [sn("Utility", A), sn("Private", A, { egress: "tgw-0123456789abcdef0" })],
      });
      assert.deepEqual(onlyUtility.natGateways, []);
    },
  );

  it(
    "Wavelength Zones: the public subnet routes to the carrier gateway, " +
      "no NAT gateway there, the private one uses its parent zone's",
    () => {
      const WZ = "us-east-1-wl1-bos-wlz-1";
      const facts = { ...FACTS, zoneTypes: { [A]: "availability-zone", [WZ]: "wavelength-zone" } };
      const p = planOk(
        {
          vpc: VPC_IPV4_ONLY,
          zones: [A, WZ],
          subnets: [
            { name: "edge-public", zone: WZ, type: "Public", cidr: "10.0.210.0/24" },
            sn("Utility", A),
            sn("Private", A),
            { name: "edge-private", zone: WZ, type: "Private", cidr: "10.0.211.0/24", parentZone: A },
          ],
        },
        facts,
      );
      assert.deepEqual(routes(subnetOf(p, "edge-public").routes), ["0.0.0.0/0 -> carrierGateway"]);
      assert.equal(p.vpc.carrierGateway, true);
      // Listed first, but no NAT gateway can be placed in a Wavelength Zone: zone a's Utility subnet hosts it.
      assert.deepEqual(
        p.natGateways.map((n) => [n.name, n.subnet]),
        [["us-east-1a-nat", "utility-us-east-1a"]],
      );
      assert.deepEqual(
        subnetOf(p, "edge-private").routes.map((r) => r.target),
        [{ kind: "natGateway", nat: "us-east-1a-nat", crossZone: false }],
      );
      assert.ok(
        !p.warnings.some((w) => w.code === "NAT_CROSS_ZONE"),
        "the parent zone's NAT gateway is not another zone's",
      );
      assert.equal(planOk({ vpc: VPC_IPV4_ONLY, zones: [A] }).vpc.carrierGateway, false);
    },
  );

  it("subnets with IPv4 and resource-name hostnames also answer A queries for them; IPv6-only ones AAAA only", () => {
    const p = planOk({ vpc: VPC_AMAZON, zones: [A] });
    assert.deepEqual(subnetOf(p, "dualstack-us-east-1a").hostnames, {
      type: "resource-name",
      aRecord: true,
      aaaaRecord: true,
    });
    assert.deepEqual(subnetOf(p, "utility-us-east-1a").hostnames, {
      type: "resource-name",
      aRecord: true,
      aaaaRecord: true,
    });
    assert.deepEqual(subnetOf(p, "private-us-east-1a").hostnames, {
      type: "resource-name",
      aRecord: false,
      aaaaRecord: true,
    });
    assert.equal(subnetOf(planOk({ vpc: VPC_IPV4_ONLY, zones: [A] }), "private-us-east-1a").hostnames, undefined);
  });

  it("egress names the NAT or transit gateway; External leaves the route table empty and DNS64 off", () => {
    const p = planOk({
      vpc: VPC_AMAZON,
      zones: [A],
      kubernetes: dual,
      subnets: [
        sn("Utility", A),
        sn("Private", A, { egress: "tgw-0123456789abcdef0" }),
        sn("DualStack", A, { egress: "nat-0123456789abcdef0" }),
        { name: "ext", zone: A, type: "Private", egress: "External" },
        sn("PrivateIPv4", A),
      ],
    });
    assert.deepEqual(routes(subnetOf(p, "private-us-east-1a").routes), [
      "::/0 -> egressOnlyInternetGateway",
      `${NAT64_PREFIX} -> tgw-0123456789abcdef0`,
    ]);
    assert.deepEqual(routes(subnetOf(p, "dualstack-us-east-1a").routes), [
      "0.0.0.0/0 -> nat-0123456789abcdef0",
      "::/0 -> egressOnlyInternetGateway",
      `${NAT64_PREFIX} -> nat-0123456789abcdef0`,
    ]);
    assert.deepEqual([subnetOf(p, "ext").routes, subnetOf(p, "ext").dns64], [[], false]);
    assert.deepEqual(routes(subnetOf(p, "privateipv4-us-east-1a").routes), ["0.0.0.0/0 -> us-east-1a-nat"]);
  });

  it("natGateways single: one NAT gateway in the first zone with a public subnet serves every zone", () => {
    const p = planOk({ vpc: VPC_AMAZON, zones: [B, A], natGateways: "single", kubernetes: dual });
    assert.deepEqual(
      p.natGateways.map((n) => n.name),
      ["us-east-1b-nat"],
    );
    assert.deepEqual(routes(subnetOf(p, "dualstack-us-east-1a").routes)[0], "0.0.0.0/0 -> us-east-1b-nat");
  });

  it("eipalloc egress gets its own NAT gateway on that Elastic IP", () => {
    const p = planOk({
      vpc: VPC_AMAZON,
      zones: [A],
      kubernetes: dual,
      subnets: [sn("Utility", A), sn("DualStack", A, { egress: "eipalloc-0123456789abcdef0" })],
    });
    assert.deepEqual(p.natGateways, [
      {
        name: "us-east-1a-nat-eipalloc-0123456789abcdef0",
        zone: A,
        subnet: "utility-us-east-1a",
        allocationId: "eipalloc-0123456789abcdef0",
      },
    ]);
  });

  it("publicIPv4 is off by default and maps public addresses only when asked on a public kind", () => {
    const p = planOk({
      vpc: VPC_AMAZON,
      zones: [A],
      subnets: [sn("Utility", A), sn("Public", A, { publicIPv4: true })],
    });
    assert.deepEqual(
      p.subnets.map((s) => s.mapPublicIpOnLaunch),
      [false, true],
    );
  });
});
