/**
 * The resource graph a user gets from each example stack, run through the real program under Pulumi
 * mocks: subnet attributes, every route's destination and target, NAT placement, egress overrides, IPv6
 * blocks derived from the VPC's real block, stability when a zone is added, protect, parents, outputs.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { idFor, invokeHandlers } from "../components/offline/mock-runtime";
import { Graph, idOf, refusal, runStack, runText, stableName, T } from "./support/recorded-graph";

const NET = (g: Graph) => g.get(T.component, "network");

/** Expected routes per kind, in the form Graph.routesOf prints. */
function expectedRoutes(kind: string, nat: string | undefined, singleStackIPv6: boolean): string[] {
  const natT = `NatGateway:${nat}`;
  switch (kind) {
    case "Utility":
      // Load balancers and NAT gateways only: the internet gateway and nothing else (kOps, Cluster API).
      return ["0.0.0.0/0 -> InternetGateway:igw", "::/0 -> InternetGateway:igw"].sort();
    case "Public":
      return [
        "0.0.0.0/0 -> InternetGateway:igw",
        "::/0 -> InternetGateway:igw",
        ...(singleStackIPv6 ? [`64:ff9b::/96 -> ${natT}`] : []),
      ].sort();
    case "DualStack":
      return ["0.0.0.0/0 -> " + natT, "64:ff9b::/96 -> " + natT, "::/0 -> EgressOnlyInternetGateway:eigw"].sort();
    case "Private":
      return ["64:ff9b::/96 -> " + natT, "::/0 -> EgressOnlyInternetGateway:eigw"].sort();
    case "PrivateIPv4":
      return ["0.0.0.0/0 -> " + natT];
  }
  throw new Error(kind);
}

function assertSubnetAttributes(g: Graph, name: string, kind: string) {
  const s = g.get(T.subnet, name).inputs;
  const v6 = kind !== "PrivateIPv4";
  assert.equal(s.assignIpv6AddressOnCreation, v6 ? true : undefined, `${name} assignIpv6AddressOnCreation`);
  assert.equal(s.enableResourceNameDnsAaaaRecordOnLaunch, v6 ? true : undefined, `${name} AAAA records`);
  // kOps' dual-stack subnets: a resource name answers A queries too wherever the subnet has IPv4.
  assert.equal(
    s.enableResourceNameDnsARecordOnLaunch,
    v6 && kind !== "Private" ? true : undefined,
    `${name} A records`,
  );
  assert.equal(s.privateDnsHostnameTypeOnLaunch, v6 ? "resource-name" : undefined, `${name} hostname type`);
  if (kind === "Private") {
    assert.equal(s.cidrBlock, undefined, `${name} is IPv6-only: no IPv4 block`);
    assert.equal(s.ipv6Native, true);
    assert.equal(s.enableDns64, true, `${name}: DNS64 on the IPv6-only subnet`);
  } else {
    assert.match(s.cidrBlock, /^10\./);
    assert.equal(s.ipv6Native, undefined);
    assert.equal(s.enableDns64, false, `${name}: no DNS64 outside IPv6-only subnets`);
  }
  const pub = kind === "Utility" || kind === "Public";
  assert.equal(s.mapPublicIpOnLaunch, pub ? false : undefined, `${name}: no public IPv4 by default`);
  assert.equal(s.tags[pub ? "kubernetes.io/role/elb" : "kubernetes.io/role/internal-elb"], "1");
  assert.equal(s.tags[pub ? "kubernetes.io/role/internal-elb" : "kubernetes.io/role/elb"], undefined);
  assert.equal(s.tags.Name, name);
}

/** Each managed subnet has its own route table, associated explicitly (never the VPC's main table). */
function assertAssociations(g: Graph) {
  for (const s of g.all(T.subnet)) {
    const a = g.get(T.rta, s.name).inputs;
    assert.equal(a.subnetId, idFor(T.subnet, s.name));
    assert.equal(a.routeTableId, idFor(T.rt, s.name));
  }
  assert.equal(g.all(T.rta).length, g.all(T.subnet).length);
}

describe("example stack dev (dual-stack, Amazon /56, kOps layout)", function () {
  let g: Graph;
  before(async () => {
    g = await runStack("dev");
  });

  it("creates the VPC with DNS on and an Amazon-provided /56, and locks the default security group", () => {
    const vpc = g.get(T.vpc, "vpc").inputs;
    assert.equal(vpc.cidrBlock, "10.0.0.0/16");
    assert.equal(vpc.assignGeneratedIpv6CidrBlock, true);
    assert.equal(vpc.enableDnsHostnames, true);
    assert.equal(vpc.enableDnsSupport, true);
    const sg = g.get(T.defaultSg, "vpc-default-sg").inputs;
    assert.equal(sg.vpcId, idOf(T.vpc, "vpc"));
    assert.equal(sg.ingress, undefined, "no ingress rules");
    assert.equal(sg.egress, undefined, "no egress rules");
    assert.equal(g.all(T.assoc).length, 0, "an Amazon block needs no separate association");
  });

  it("gives every subnet the attributes of its kind", () => {
    for (const z of ["us-east-1a", "us-east-1b", "us-east-1c"]) {
      assertSubnetAttributes(g, `utility-${z}`, "Utility");
      assertSubnetAttributes(g, `dualstack-${z}`, "DualStack");
      assertSubnetAttributes(g, `private-${z}`, "Private");
      assert.equal(g.get(T.subnet, `private-${z}`).inputs.availabilityZone, z);
    }
    assert.equal(g.all(T.subnet).length, 9);
  });

  it("routes each subnet to the right gateway of its own zone", () => {
    for (const z of ["us-east-1a", "us-east-1b", "us-east-1c"]) {
      for (const [prefix, kind] of [
        ["utility", "Utility"],
        ["dualstack", "DualStack"],
        ["private", "Private"],
      ]) {
        assert.deepEqual(g.routesOf(`${prefix}-${z}`), expectedRoutes(kind, `${z}-nat`, false), `${prefix}-${z}`);
      }
    }
    assertAssociations(g);
  });

  it(
    "places one NAT gateway per zone in the zone's Utility subnet, " +
      "on a new Elastic IP, after the internet gateway",
    () => {
      assert.equal(g.all(T.nat).length, 3);
      for (const z of ["us-east-1a", "us-east-1b", "us-east-1c"]) {
        const nat = g.get(T.nat, `${z}-nat`);
        assert.equal(nat.inputs.subnetId, idOf(T.subnet, `utility-${z}`));
        assert.equal(nat.inputs.allocationId, idOf(T.eip, `${z}-nat`));
        assert.equal(g.get(T.eip, `${z}-nat`).inputs.domain, "vpc");
        assert.ok(
          g.deps(nat).some((d) => d.type === T.igw),
          "a public NAT gateway needs the internet gateway attached",
        );
      }
    },
  );

  it("derives IPv6 subnet blocks from the VPC's real block, not from a guess", async () => {
    // Two different "assigned" blocks: every subnet block must follow the VPC's, at the same index.
    const other = await runStack("dev", { assignedIpv6Block: () => "2600:1f18:abcd:ef00::/56" });
    for (const s of g.all(T.subnet)) {
      const a = s.inputs.ipv6CidrBlock as string;
      const b = other.get(T.subnet, s.name).inputs.ipv6CidrBlock as string;
      const ia = /^2001:db8:1234:56([0-9a-f]{2})::\/64$/.exec(a);
      const ib = /^2600:1f18:abcd:ef([0-9a-f]{2})::\/64$/.exec(b);
      assert.ok(ia && ib, `${s.name}: ${a} / ${b}`);
      assert.equal(ia[1], ib[1], `${s.name}: same /64 index in both blocks`);
    }
    assert.equal(other.run.outputs.vpcIpv6CidrBlock, "2600:1f18:abcd:ef00::/56");
  });

  it("makes every AWS resource a direct child of its component (network or security groups)", () => {
    const net = NET(g);
    const sgs = g.get("ipv6-cluster-network:network:ClusterSecurityGroups", "network");
    for (const r of g.resources.filter((x) => x.type.startsWith("aws:"))) {
      assert.equal(
        r.parent,
        r.type === "aws:ec2/securityGroup:SecurityGroup" ? sgs.urn : net.urn,
        `${r.type} ${r.name}`,
      );
    }
    assert.ok(
      g.resources.every((r) => !r.protect),
      "dev does not protect",
    );
  });

  it("exports the documented outputs", () => {
    const o = g.run.outputs;
    assert.deepEqual(
      Object.keys(o)
        .filter((k) =>
          [
            "vpcId",
            "vpcCidrBlock",
            "vpcIpv6CidrBlock",
            "subnets",
            "internetGatewayId",
            "egressOnlyInternetGatewayId",
            "natGatewayIds",
          ].includes(k),
        )
        .sort(),
      [
        "egressOnlyInternetGatewayId",
        "internetGatewayId",
        "natGatewayIds",
        "subnets",
        "vpcCidrBlock",
        "vpcId",
        "vpcIpv6CidrBlock",
      ],
    );
    assert.equal(o.vpcId, idOf(T.vpc, "vpc"));
    assert.equal(o.internetGatewayId, idOf(T.igw, "igw"));
    assert.equal(o.egressOnlyInternetGatewayId, idOf(T.eigw, "eigw"));
    assert.deepEqual(o.natGatewayIds, {
      "us-east-1a": idOf(T.nat, "us-east-1a-nat"),
      "us-east-1b": idOf(T.nat, "us-east-1b-nat"),
      "us-east-1c": idOf(T.nat, "us-east-1c-nat"),
    });
    const priv = o.subnets["private-us-east-1a"];
    for (const k of ["id", "zone", "type", "ipv6CidrBlock", "routeTableId"]) assert.ok(k in priv, k);
    assert.equal(priv.cidrBlock, undefined, "IPv6-only: no IPv4 block");
    assert.equal(o.subnets["dualstack-us-east-1b"].cidrBlock, g.get(T.subnet, "dualstack-us-east-1b").inputs.cidrBlock);
    assert.equal(priv.id, idOf(T.subnet, "private-us-east-1a"));
    assert.equal(priv.routeTableId, idOf(T.rt, "private-us-east-1a"));
    assert.equal(priv.type, "Private");
    assert.equal(priv.ipv6CidrBlock, g.get(T.subnet, "private-us-east-1a").inputs.ipv6CidrBlock);
  });

  it("adding a zone leaves every existing resource's name and inputs unchanged", async () => {
    const text = readFileSync(join(__dirname, "..", "..", "config", "Pulumi.dev.yaml"), "utf8");
    const withD = text.replace("    - us-east-1c\n", "    - us-east-1c\n    - us-east-1d\n");
    assert.notEqual(withD, text, "the fixture edit applied");
    const bigger = await runText(withD);
    assert.equal(bigger.all(T.subnet).length, 12);
    for (const r of g.resources.filter((x) => x.custom)) {
      const same = bigger.find(r.type, r.name);
      assert.ok(same, `${r.type} ${r.name} disappeared or was renamed`);
      assert.deepEqual(same.inputs, r.inputs, `${r.type} ${r.name} changed`);
    }
  });
});

describe("example stack prod (IPv6 single-stack, protect)", function () {
  let g: Graph;
  before(async () => {
    g = await runStack("prod");
  });

  it("routes Utility subnets only to the internet gateway, also in an IPv6 single-stack cluster (kOps)", () => {
    for (const z of ["eu-west-1a", "eu-west-1b", "eu-west-1c"]) {
      assert.deepEqual(g.routesOf(`utility-${z}`), expectedRoutes("Utility", `${z}-nat`, true));
      assert.deepEqual(g.routesOf(`control-plane-${z}`), expectedRoutes("DualStack", `${z}-nat`, true));
      assert.deepEqual(g.routesOf(`nodes-${z}`), expectedRoutes("Private", `${z}-nat`, true));
      assertSubnetAttributes(g, `nodes-${z}`, "Private");
      assertSubnetAttributes(g, `control-plane-${z}`, "DualStack");
    }
  });

  it("puts /64#N blocks at index N of the VPC block", () => {
    assert.equal(g.get(T.subnet, "control-plane-eu-west-1a").inputs.ipv6CidrBlock, "2001:db8:1234:5640::/64");
    assert.equal(g.get(T.subnet, "nodes-eu-west-1c").inputs.ipv6CidrBlock, "2001:db8:1234:5682::/64");
  });

  it("protects the VPC, subnets and gateways, and nothing that can be recreated safely", () => {
    const kept = new Set<string>([T.vpc, T.subnet, T.igw, T.eigw, T.nat, T.eip]);
    for (const r of g.resources.filter((x) => x.custom)) {
      assert.equal(r.protect, kept.has(r.type), `${r.type} ${r.name} protect=${r.protect}`);
    }
    assert.ok(g.all(T.nat).length === 3 && g.all(T.subnet).length === 9);
  });
});

describe("example stack byo-pool (bring-your-own EC2 IPv6 pool)", function () {
  let g: Graph;
  before(async () => {
    g = await runStack("byo-pool");
  });

  it("associates the pool's block with the VPC and makes every IPv6 subnet wait for the association", () => {
    const vpc = g.get(T.vpc, "vpc").inputs;
    assert.equal(vpc.assignGeneratedIpv6CidrBlock, undefined);
    assert.equal(vpc.ipv6IpamPoolId, undefined);
    const assoc = g.get(T.assoc, "vpc-ipv6");
    assert.deepEqual(assoc.inputs, {
      vpcId: idOf(T.vpc, "vpc"),
      ipv6Pool: "ipv6pool-ec2-0123456789abcdef0",
      ipv6CidrBlock: "2001:db8:ff00::/56",
    });
    for (const s of g.all(T.subnet))
      assert.ok(s.dependencies.includes(assoc.urn), `${s.name} waits for the IPv6 association`);
  });

  it("uses full CIDRs and /64#N as given", () => {
    assert.equal(g.get(T.subnet, "utility-us-west-2b").inputs.ipv6CidrBlock, "2001:db8:ff00:1::/64");
    assert.equal(g.get(T.subnet, "nodes-us-west-2a").inputs.ipv6CidrBlock, "2001:db8:ff00:a::/64");
    assert.equal(g.run.outputs.vpcIpv6CidrBlock, "2001:db8:ff00::/56");
    assert.deepEqual(g.routesOf("nodes-us-west-2b"), expectedRoutes("DualStack", "us-west-2b-nat", false));
  });
});

describe("example stack ipam (VPC IPAM pool /52, single NAT gateway)", function () {
  let g: Graph;
  before(async () => {
    g = await runStack("ipam");
  });

  it("takes the VPC block from the IPAM pool with the configured netmask length", () => {
    const vpc = g.get(T.vpc, "vpc").inputs;
    assert.equal(vpc.ipv6IpamPoolId, "ipam-pool-0123456789abcdef0");
    assert.equal(vpc.ipv6NetmaskLength, 52);
    assert.equal(vpc.assignGeneratedIpv6CidrBlock, undefined);
    for (const s of g.all(T.subnet))
      assert.ok((s.inputs.ipv6CidrBlock as string).startsWith("2001:db8:1234:5"), s.inputs.ipv6CidrBlock);
  });

  it("places the one NAT gateway in the first zone and routes every zone's private traffic to it", () => {
    assert.deepEqual(
      g.all(T.nat).map((n) => stableName(n.name)),
      ["us-east-2a-nat"],
    );
    assert.equal(g.get(T.nat, "us-east-2a-nat").inputs.subnetId, idOf(T.subnet, "utility-us-east-2a"));
    for (const z of ["us-east-2a", "us-east-2b", "us-east-2c"]) {
      assert.deepEqual(g.routesOf(`private-${z}`), expectedRoutes("Private", "us-east-2a-nat", false));
      assert.deepEqual(g.routesOf(`dualstack-${z}`), expectedRoutes("DualStack", "us-east-2a-nat", false));
    }
    // The cross-zone dependency is allowed, and said: the program warns through pulumi.log.
    assert.ok(
      g.run.logs.some((l) => l.startsWith("warning: [NAT_CROSS_ZONE]")),
      g.run.logs.join("\n"),
    );
  });
});

describe("example stack existing-vpc (adopting a VPC, gateways and a Local Zone subnet)", function () {
  let g: Graph;
  before(async () => {
    g = await runStack("existing-vpc");
  });

  it("creates no VPC or gateways and builds into the existing VPC", () => {
    for (const t of [T.vpc, T.igw, T.eigw, T.defaultSg, T.assoc]) assert.equal(g.all(t).length, 0, t);
    for (const s of g.all(T.subnet)) assert.equal(s.inputs.vpcId, "vpc-0123456789abcdef0");
    assert.ok(g.run.invokes.some((i) => i.token === "aws:ec2/getVpc:getVpc" && i.args.id === "vpc-0123456789abcdef0"));
  });

  it("routes to the reused gateways and sends one zone through the transit gateway", () => {
    // Utility subnets route to the internet gateway only, also in an IPv6 single-stack cluster.
    assert.deepEqual(g.routesOf("utility-us-east-1a"), [
      "0.0.0.0/0 -> igw-0123456789abcdef0",
      "::/0 -> igw-0123456789abcdef0",
    ]);
    assert.deepEqual(g.routesOf("private-us-east-1a"), [
      "64:ff9b::/96 -> NatGateway:us-east-1a-nat",
      "::/0 -> eigw-0123456789abcdef0",
    ]);
    assert.deepEqual(g.routesOf("private-us-east-1b"), [
      "64:ff9b::/96 -> tgw-0123456789abcdef0",
      "::/0 -> eigw-0123456789abcdef0",
    ]);
    // Zone b's private subnet egresses through the transit gateway and its Utility subnet needs no NAT64
    // route, so nothing in zone b needs a NAT gateway: none is created, and no Elastic IP is paid for.
    assert.deepEqual(
      g.all(T.nat).map((n) => stableName(n.name)),
      ["us-east-1a-nat"],
    );
    assert.deepEqual(
      g.all(T.eip).map((n) => stableName(n.name)),
      ["us-east-1a-nat"],
    );
    assert.deepEqual(g.routesOf("utility-us-east-1b"), [
      "0.0.0.0/0 -> igw-0123456789abcdef0",
      "::/0 -> igw-0123456789abcdef0",
    ]);
    assert.ok((g.get(T.subnet, "private-us-east-1a").inputs.ipv6CidrBlock as string).startsWith("2001:db8:5000:"));
  });

  it("adopts the Local Zone subnet by id: looked up, not created, its routes left alone", () => {
    assert.equal(g.find(T.subnet, "local-nyc"), undefined);
    assert.equal(g.find(T.rt, "local-nyc"), undefined);
    assert.ok(
      g.run.invokes.some((i) => i.token === "aws:ec2/getSubnet:getSubnet" && i.args.id === "subnet-0123456789abcdef0"),
    );
    assert.equal(g.run.outputs.subnets["local-nyc"].id, "subnet-0123456789abcdef0");
    assert.equal(g.run.outputs.subnets["local-nyc"].routeTableId, undefined);
  });
});

const HEAD =
  `config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }
  ipv6-cluster-network:zones: [us-east-1a, us-east-1b]
  ipv6-cluster-network:kubernetes: { podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"], ` +
  `serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"] }
`;

describe("NAT placement and egress overrides (inline stacks)", function () {
  it(
    "puts a zone's NAT gateway in its first-listed Utility or Public subnet, " + "or in the one pinned with natGateway",
    async () => {
      const g = await runText(
        HEAD +
          `  ipv6-cluster-network:subnets:
    - { name: web-a, zone: us-east-1a, type: Public }
    - { name: lb-a, zone: us-east-1a, type: Utility }
    - { name: nodes-a, zone: us-east-1a, type: Private }
    - { name: web-b, zone: us-east-1b, type: Public, cidr: 10.0.200.0/24, ipv6CIDR: "/64#7e" }
    - { name: web2-b, zone: us-east-1b, type: Public, cidr: 10.0.201.0/24, ipv6CIDR: "/64#7f" }
    - { name: nodes-b, zone: us-east-1b, type: Private }
`,
      );
      // First-listed public-kind subnet: appending a Utility subnet to the zone later cannot move it.
      assert.equal(g.get(T.nat, "us-east-1a-nat").inputs.subnetId, idOf(T.subnet, "web-a"));
      assert.equal(g.get(T.nat, "us-east-1b-nat").inputs.subnetId, idOf(T.subnet, "web-b"));
      assert.deepEqual(g.routesOf("web-a"), expectedRoutes("Public", undefined, false));
      const pinned = await runText(
        HEAD +
          `  ipv6-cluster-network:subnets:
    - { name: web-a, zone: us-east-1a, type: Public }
    - { name: lb-a, zone: us-east-1a, type: Utility, natGateway: true }
    - { name: nodes-a, zone: us-east-1a, type: Private }
    - { name: web-b, zone: us-east-1b, type: Public, cidr: 10.0.200.0/24, ipv6CIDR: "/64#7e" }
    - { name: nodes-b, zone: us-east-1b, type: Private }
`,
      );
      assert.equal(pinned.get(T.nat, "us-east-1a-nat").inputs.subnetId, idOf(T.subnet, "lb-a"));
    },
  );

  it(
    "refuses a zone whose private subnets need a NAT gateway but that has no public subnet, " +
      "naming the zone and `egress`",
    async () => {
      const msg = await refusal(
        HEAD +
          `  ipv6-cluster-network:subnets:
    - { name: lb-a, zone: us-east-1a, type: Utility }
    - { name: nodes-a, zone: us-east-1a, type: Private }
    - { name: nodes-b, zone: us-east-1b, type: DualStack }
`,
      );
      assert.match(msg, /us-east-1b/);
      assert.match(msg, /egress/);
      assert.match(msg, /subnets\[2\]|zones/);
    },
  );

  it("honours egress overrides: existing NAT gateway, Elastic IP allocation, transit gateway, External", async () => {
    const g = await runText(
      HEAD +
        `  ipv6-cluster-network:subnets:
    - { name: lb-a, zone: us-east-1a, type: Utility }
    - { name: lb-b, zone: us-east-1b, type: Utility }
    - { name: reuse-a, zone: us-east-1a, type: DualStack, egress: nat-0aaa }
    - { name: eip-b, zone: us-east-1b, type: PrivateIPv4, egress: eipalloc-0bbb }
    - { name: tgw-a, zone: us-east-1a, type: Private, egress: tgw-0ccc }
    - { name: ext-b, zone: us-east-1b, type: Private, egress: External }
`,
    );
    assert.deepEqual(g.routesOf("reuse-a"), [
      "0.0.0.0/0 -> nat-0aaa",
      "64:ff9b::/96 -> nat-0aaa",
      "::/0 -> EgressOnlyInternetGateway:eigw",
    ]);
    assert.deepEqual(g.routesOf("tgw-a"), ["64:ff9b::/96 -> tgw-0ccc", "::/0 -> EgressOnlyInternetGateway:eigw"]);
    assert.deepEqual(g.routesOf("ext-b"), [], "External: the routes are someone else's");
    assert.equal(
      g.get(T.subnet, "ext-b").inputs.enableDns64,
      false,
      "External: DNS64 follows the subnet's dns64 key, default off",
    );
    assert.equal(g.get(T.subnet, "tgw-a").inputs.enableDns64, true);
    // Only the eipalloc subnet causes a NAT gateway, on that allocation and without a new Elastic IP.
    const nats = g.all(T.nat);
    assert.equal(nats.length, 1);
    assert.equal(nats[0].inputs.allocationId, "eipalloc-0bbb");
    assert.equal(nats[0].inputs.subnetId, idOf(T.subnet, "lb-b"));
    assert.equal(g.all(T.eip).length, 0);
    assert.deepEqual(g.routesOf("eip-b"), [`0.0.0.0/0 -> NatGateway:${stableName(nats[0].name)}`]);
  });

  it("maps public IPv4 on launch only when a public subnet asks for it", async () => {
    const g = await runText(
      HEAD +
        `  ipv6-cluster-network:natGateways: none
  ipv6-cluster-network:subnets:
    - { name: lb-a, zone: us-east-1a, type: Utility, publicIPv4: true }
    - { name: lb-b, zone: us-east-1b, type: Utility }
`,
    );
    assert.equal(g.get(T.subnet, "lb-a").inputs.mapPublicIpOnLaunch, true);
    assert.equal(g.get(T.subnet, "lb-b").inputs.mapPublicIpOnLaunch, false);
    assert.equal(g.all(T.nat).length, 0);
  });

  it("refuses an IPv6-only subnet without a NAT64 route unless its dns64 is off", async () => {
    const base =
      HEAD.replace("[us-east-1a, us-east-1b]", "[us-east-1a]") +
      `  ipv6-cluster-network:natGateways: none
  ipv6-cluster-network:subnets:
    - { name: lb-a, zone: us-east-1a, type: Utility }
`;
    const msg = await refusal(base + "    - { name: nodes-a, zone: us-east-1a, type: Private }\n");
    assert.match(msg, /DNS64_WITHOUT_NAT64|NAT64/);
    const g = await runText(base + "    - { name: nodes-a, zone: us-east-1a, type: Private, dns64: false }\n");
    assert.equal(g.get(T.subnet, "nodes-a").inputs.enableDns64, false);
    assert.deepEqual(g.routesOf("nodes-a"), ["::/0 -> EgressOnlyInternetGateway:eigw"]);
  });

  it("uses the internet gateway attached to an existing VPC (looked up, never a second one created)", async () => {
    const g = await runText(
      [
        "config:",
        "  aws:region: us-east-1",
        "  ipv6-cluster-network:vpc: { id: vpc-0abc, cidrBlock: 10.0.0.0/16, " +
          'ipv6: { cidrBlock: "2001:db8:5000::/56", egressOnlyInternetGatewayId: create } }',
        "  ipv6-cluster-network:zones: [us-east-1a]",
        "",
      ].join("\n"),
    );
    assert.equal(g.all(T.igw).length, 0, "no second internet gateway for a VPC that has one");
    const lookup = g.run.invokes.find((i) => i.token === "aws:ec2/getInternetGateway:getInternetGateway");
    assert.deepEqual(lookup?.args.filters, [{ name: "attachment.vpc-id", values: ["vpc-0abc"] }]);
    assert.deepEqual(g.routesOf("utility-us-east-1a"), [
      "0.0.0.0/0 -> igw-attached-to-vpc-0abc",
      "::/0 -> igw-attached-to-vpc-0abc",
    ]);
    // egressOnlyInternetGatewayId: create -> a new egress-only gateway, said explicitly.
    assert.equal(g.all(T.eigw).length, 1);
    assert.deepEqual(
      g.routesOf("private-us-east-1a").filter((r) => r.startsWith("::/0")),
      ["::/0 -> EgressOnlyInternetGateway:eigw"],
    );
  });

  it("declares one carrier gateway for a Wavelength Zone's public subnet and routes it there", async () => {
    const g = await runText(`config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16 }
  ipv6-cluster-network:zones: [us-east-1a, us-east-1-wl1-bos-wlz-1]
  ipv6-cluster-network:subnets:
    - { name: lb-a, zone: us-east-1a, type: Utility }
    - { name: nodes-a, zone: us-east-1a, type: Private }
    - { name: edge, zone: us-east-1-wl1-bos-wlz-1, type: Public, cidr: 10.0.210.0/24 }
    - { name: edge-private, zone: us-east-1-wl1-bos-wlz-1, type: Private, cidr: 10.0.211.0/24, parentZone: us-east-1a }
`);
    const cagw = g.all("aws:ec2/carrierGateway:CarrierGateway");
    assert.equal(cagw.length, 1);
    assert.equal(cagw[0].inputs.vpcId, idOf(T.vpc, "vpc"));
    assert.deepEqual(g.routesOf("edge"), ["0.0.0.0/0 -> CarrierGateway:cagw"]);
    assert.deepEqual(g.routesOf("edge-private"), ["0.0.0.0/0 -> NatGateway:us-east-1a-nat"]);
    assert.deepEqual(
      g.all(T.nat).map((n) => n.inputs.subnetId),
      [idOf(T.subnet, "lb-a")],
    );
  });

  it("reports a vpc.id AWS does not know as EXISTING_VPC_NOT_FOUND, not as a provider error", async () => {
    const original = invokeHandlers["aws:ec2/getVpc:getVpc"];
    invokeHandlers["aws:ec2/getVpc:getVpc"] = (args) => {
      throw new Error(`InvalidVpcID.NotFound: The vpc ID '${args.id}' does not exist`);
    };
    try {
      const msg = await refusal(`config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { id: vpc-0bad, cidrBlock: 10.0.0.0/16 }
  ipv6-cluster-network:zones: [us-east-1a]
`);
      assert.match(msg, /\[EXISTING_VPC_NOT_FOUND\] vpc\.id = "vpc-0bad": VPC vpc-0bad could not be looked up/);
    } finally {
      invokeHandlers["aws:ec2/getVpc:getVpc"] = original;
    }
  });

  it("refuses an existing IPv6 VPC whose egress-only gateway is not named", async () => {
    const msg = await refusal(`config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { id: vpc-0abc, cidrBlock: 10.0.0.0/16, ipv6: { cidrBlock: "2001:db8:5000::/56" } }
  ipv6-cluster-network:zones: [us-east-1a]
`);
    assert.match(msg, /EXISTING_VPC_EGRESS_GATEWAY_UNKNOWN/);
  });

  it("an existing IPv6 VPC that routes no IPv6 egress gets no egress-only gateway; `create` makes one", async () => {
    const stack = (eigw: string) => `config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { id: vpc-0abc, cidrBlock: 10.0.0.0/16, ipv6: { cidrBlock: "2001:db8:5000::/56"${eigw} } }
  ipv6-cluster-network:zones: [us-east-1a]
  ipv6-cluster-network:subnets:
    - { name: utility-a, zone: us-east-1a, type: Utility }
    - { name: nodes-a, zone: us-east-1a, type: PrivateIPv4 }
`;
    const none = await runText(stack(""));
    assert.deepEqual(none.all(T.eigw), []);
    assert.ok(!JSON.stringify(none.all(T.route).map((r) => r.inputs)).includes("egressOnlyGatewayId"));
    const created = await runText(stack(", egressOnlyInternetGatewayId: create"));
    assert.equal(created.all(T.eigw).length, 1);
    assert.equal(created.all(T.eigw)[0].inputs.vpcId, "vpc-0abc");
  });

  it("refuses IPv6 subnets in an existing VPC that has no IPv6 block", async () => {
    const msg = await refusal(`config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { id: vpc-0abc, cidrBlock: 10.0.0.0/16, ipv6: {} }
  ipv6-cluster-network:zones: [us-east-1a]
  ipv6-cluster-network:kubernetes: { podCIDRs: ["fd00:10:244::/56"], serviceCIDRs: ["fd00:10:96::/112"] }
`);
    assert.match(msg, /vpc/);
    assert.match(msg, /IPv6|ipv6/);
  });

  describe("the region", () => {
    const saved = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
    beforeEach(() => {
      delete process.env.AWS_REGION;
      delete process.env.AWS_DEFAULT_REGION;
    });
    afterEach(() => {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    });
    const NO_REGION = `config:
  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }
`;

    it(
      "refuses a stack without a region (the provider has none) with REGION_MISSING, " + "before any resource",
      async () => {
        const msg = await refusal(NO_REGION);
        assert.match(msg, /\[REGION_MISSING\] aws:region: the stack sets no AWS region/);
        assert.doesNotMatch(msg, /ZONES_UNKNOWN/, "one finding for one cause");
      },
    );

    it("takes the region the provider would take from AWS_REGION, and checks the zones against it", async () => {
      process.env.AWS_REGION = "eu-west-1";
      const g = await runText(NO_REGION);
      assert.deepEqual(
        g
          .all(T.subnet)
          .map((s) => s.inputs.availabilityZone)
          .sort()
          .slice(0, 3),
        ["eu-west-1a", "eu-west-1a", "eu-west-1a"],
      );
      const msg = await refusal(NO_REGION + "  ipv6-cluster-network:zones: [us-east-1a]\n");
      assert.match(
        msg,
        /\[ZONE_NOT_IN_REGION\] zones\[0\] = "us-east-1a": us-east-1a is a zone of us-east-1, and this stack deploys to eu-west-1/,
      );
    });
  });
});
