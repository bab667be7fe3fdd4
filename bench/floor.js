#!/usr/bin/env node
// Vendored from the team's shared/bench/floor.js (the performance floor) so that `npm run bench` works on any
// clone; scripts/bench.ts uses ../shared/bench/floor.js instead when it exists (the team's reference copy).
// Physical floor: the reference dual-stack / IPv6-only topology declared directly with @pulumi/aws,
// run under Pulumi mocks (no CLI, no engine, no provider plugin, no AWS). Plain JavaScript, no TS compile.
//
//   ZONES=3 node floor.js        (ZONES 1..16, default 3)
//
// Per zone: 3 subnets (utility = public dual-stack, dualstack = private both families,
// private = IPv6-only with DNS64), EIP + NAT gateway in utility, one route table per subnet with its
// routes and association. Once: VPC (10.0.0.0/16 + Amazon /56), IGW, EIGW, cluster SG + 2 rules.
// Resources = 6 + 18 * ZONES. IPv6 /64s are computed from the VPC's ipv6CidrBlock output in an apply.
// Waits until every resource has been registered with the (mock) monitor, then prints one line to stderr:
//   floor-js zones=Z resources=N expected=N load_pulumi_ms=.. load_aws_ms=.. load_classes_ms=.. declare_ms=..
//            settle_ms=.. total_ms=.. maxrss_mb=..
// (total_ms is measured from the process's time origin, i.e. it includes Node's own start-up.)
// FLOOR_DUMP=/tmp/floor.json also writes every registered resource (type, name, deps, inputs) for inspection.
"use strict";
const { performance } = require("perf_hooks");
const ms = () => performance.now();

const ZONES = parseInt(process.env.ZONES || "3", 10);
if (!(ZONES >= 1 && ZONES <= 16)) throw new Error(`ZONES must be 1..16, got ${process.env.ZONES}`);
const EXPECTED = 6 + 18 * ZONES;
const VPC_V6 = "2600:1f18:abcd:ef00::/56";

const tStart = ms();
const pulumi = require("@pulumi/pulumi");
const tPulumi = ms();

let registered = 0;
let seq = 0;
const mocks = {
  newResource(args) {
    const state = { ...args.inputs };
    if (args.type === "aws:ec2/vpc:Vpc") {
      state.ipv6CidrBlock = VPC_V6;
      state.ipv6AssociationId = "vpc-cidr-assoc-1";
    }
    return { id: `${args.type.split(":").pop().toLowerCase()}-${++seq}`, state };
  },
  call(args) {
    if (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones") {
      const names = Array.from({ length: ZONES }, (_, i) => `us-east-1${String.fromCharCode(97 + i)}`);
      return {
        names,
        zoneIds: names.map((_, i) => `use1-az${i + 1}`),
        id: "us-east-1",
        groupNames: names.map(() => "us-east-1"),
      };
    }
    return args.inputs;
  },
};

// 2001:db8:0:ab00::/56 + index -> 2001:db8:0:ab<index>::/64 (index 0..255)
function subnet64(v56, index) {
  const [addr, len] = v56.split("/");
  if (len !== "56") throw new Error(`expected a /56, got ${v56}`);
  const h = addr.split("::")[0].split(":");
  while (h.length < 4) h.push("0");
  const fourth = parseInt(h[3], 16);
  if ((fourth & 0xff) !== 0 || index < 0 || index > 255) throw new Error(`bad /56 ${v56} or index ${index}`);
  return `${h.slice(0, 3).join(":")}:${(fourth + index).toString(16)}::/64`;
}

async function main() {
  await pulumi.runtime.setMocks(mocks, "floor", "bench", false);
  const monitor = pulumi.runtime.getMonitor();
  const orig = monitor.registerResource.bind(monitor);
  const dump = process.env.FLOOR_DUMP ? [] : null; // FLOOR_DUMP=/tmp/x.json writes what was registered
  monitor.registerResource = (req, cb) =>
    orig(req, (err, resp) => {
      if (!err) registered++;
      if (dump)
        dump.push({
          type: req.getType(),
          name: req.getName(),
          deps: req.getDependenciesList(),
          inputs: req.getObject().toJavaScript(),
        });
      cb(err, resp);
    });
  process.on("exit", () => {
    if (dump) require("fs").writeFileSync(process.env.FLOOR_DUMP, JSON.stringify(dump, null, 1));
  });

  const tLoadAws0 = ms();
  const aws = require("@pulumi/aws");
  const ec2 = aws.ec2;
  const tAws = ms();
  // require("@pulumi/aws") loads every namespace index eagerly; each resource class file loads lazily on
  // first use. Touch the classes used here so that their load is timed apart from the declarations.
  for (const k of [
    "Vpc",
    "InternetGateway",
    "EgressOnlyInternetGateway",
    "SecurityGroup",
    "SecurityGroupRule",
    "Subnet",
    "Eip",
    "NatGateway",
    "RouteTable",
    "Route",
    "RouteTableAssociation",
  ])
    if (typeof ec2[k] !== "function") throw new Error(k);
  const tClasses = ms();

  const all = [];
  const add = (r) => {
    all.push(r);
    return r;
  };
  const tags = (name, extra) => ({ Name: name, "kubernetes.io/cluster/bench": "shared", ...extra });

  const azs = await aws.getAvailabilityZones({ state: "available" });
  const zones = azs.names.slice(0, ZONES);

  const vpc = add(
    new ec2.Vpc("vpc", {
      cidrBlock: "10.0.0.0/16",
      assignGeneratedIpv6CidrBlock: true,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: tags("bench"),
    }),
  );
  const igw = add(new ec2.InternetGateway("igw", { vpcId: vpc.id, tags: tags("bench") }));
  const eigw = add(new ec2.EgressOnlyInternetGateway("eigw", { vpcId: vpc.id, tags: tags("bench") }));
  const sg = add(
    new ec2.SecurityGroup("cluster", {
      vpcId: vpc.id,
      description: "cluster",
      revokeRulesOnDelete: true,
      tags: tags("cluster"),
    }),
  );
  add(
    new ec2.SecurityGroupRule("cluster-self", {
      type: "ingress",
      securityGroupId: sg.id,
      sourceSecurityGroupId: sg.id,
      protocol: "-1",
      fromPort: 0,
      toPort: 0,
    }),
  );
  add(
    new ec2.SecurityGroupRule("cluster-egress", {
      type: "egress",
      securityGroupId: sg.id,
      protocol: "-1",
      fromPort: 0,
      toPort: 0,
      cidrBlocks: ["0.0.0.0/0"],
      ipv6CidrBlocks: ["::/0"],
    }),
  );

  const v6 = (index) => vpc.ipv6CidrBlock.apply((b) => subnet64(b, index));
  const routeTable = (name, subnet, routes) => {
    const rt = add(new ec2.RouteTable(name, { vpcId: vpc.id, tags: tags(name) }));
    routes.forEach((r, k) => add(new ec2.Route(`${name}-r${k}`, { routeTableId: rt.id, ...r })));
    add(new ec2.RouteTableAssociation(name, { routeTableId: rt.id, subnetId: subnet.id }));
    return rt;
  };

  zones.forEach((az, i) => {
    const utility = add(
      new ec2.Subnet(`utility-${az}`, {
        vpcId: vpc.id,
        availabilityZone: az,
        cidrBlock: `10.0.${4 * i}.0/22`,
        ipv6CidrBlock: v6(0x00 + i),
        assignIpv6AddressOnCreation: true,
        mapPublicIpOnLaunch: false,
        tags: tags(`utility-${az}`, { "kubernetes.io/role/elb": "1" }),
      }),
    );
    const dual = add(
      new ec2.Subnet(`dualstack-${az}`, {
        vpcId: vpc.id,
        availabilityZone: az,
        cidrBlock: `10.0.${128 + 8 * i}.0/21`,
        ipv6CidrBlock: v6(0x40 + i),
        assignIpv6AddressOnCreation: true,
        tags: tags(`dualstack-${az}`, { "kubernetes.io/role/internal-elb": "1" }),
      }),
    );
    const priv = add(
      new ec2.Subnet(`private-${az}`, {
        vpcId: vpc.id,
        availabilityZone: az,
        ipv6CidrBlock: v6(0x80 + i),
        ipv6Native: true,
        enableDns64: true,
        assignIpv6AddressOnCreation: true,
        enableResourceNameDnsAaaaRecordOnLaunch: true,
        privateDnsHostnameTypeOnLaunch: "resource-name",
        tags: tags(`private-${az}`, { "kubernetes.io/role/internal-elb": "1" }),
      }),
    );
    const eip = add(new ec2.Eip(`nat-${az}`, { domain: "vpc", tags: tags(`nat-${az}`) }));
    const nat = add(
      new ec2.NatGateway(
        `nat-${az}`,
        { allocationId: eip.id, subnetId: utility.id, tags: tags(`nat-${az}`) },
        { dependsOn: [igw] },
      ),
    );
    routeTable(`utility-${az}`, utility, [
      { destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
      { destinationIpv6CidrBlock: "::/0", gatewayId: igw.id },
    ]);
    routeTable(`dualstack-${az}`, dual, [
      { destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
      { destinationIpv6CidrBlock: "::/0", egressOnlyGatewayId: eigw.id },
      { destinationIpv6CidrBlock: "64:ff9b::/96", natGatewayId: nat.id },
    ]);
    routeTable(`private-${az}`, priv, [
      { destinationIpv6CidrBlock: "::/0", egressOnlyGatewayId: eigw.id },
      { destinationIpv6CidrBlock: "64:ff9b::/96", natGatewayId: nat.id },
    ]);
  });
  const tDeclared = ms();

  // Wait as a real run would: until every resource's registration has come back from the monitor.
  await new Promise((resolve) => pulumi.all(all.map((r) => r.urn)).apply(resolve));
  await new Promise((resolve) => pulumi.all(all.map((r) => r.id)).apply(resolve));
  const tDone = ms();

  const f = (x) => x.toFixed(0);
  process.stderr.write(
    `floor-js zones=${ZONES} resources=${registered} expected=${EXPECTED}` +
      ` load_pulumi_ms=${f(tPulumi - tStart)} load_aws_ms=${f(tAws - tLoadAws0)} load_classes_ms=${f(tClasses - tAws)} declare_ms=${f(tDeclared - tClasses)}` +
      ` settle_ms=${f(tDone - tDeclared)} total_ms=${f(tDone)} maxrss_mb=${(process.resourceUsage().maxRSS / 1024).toFixed(0)}\n`,
  );
  if (registered !== EXPECTED || all.length !== EXPECTED) {
    process.stderr.write(`floor-js: registered ${registered}, declared ${all.length}, expected ${EXPECTED}\n`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`floor-js failed: ${(e && e.stack) || e}\n`);
  process.exit(1);
});
