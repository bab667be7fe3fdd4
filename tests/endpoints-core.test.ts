/**
 * The VPC endpoints as the pure planner decides them (components/core/vpc-endpoints.ts): where the interface
 * endpoints go and with which IP address type, the gateway endpoints' route tables, the security group, the NAT
 * traffic they take over, what AWS' answer at preview changes, and the cost line. Each finding code has its case in
 * tests/core-validation.test.ts.
 */
import { strict as assert } from "node:assert";
import { publicIpv4Lines, publicIpv4Summary } from "../components/report/public-ipv4";
import { renderTable } from "../components/report/table";
import {
  FACTS,
  FACTS_EXISTING,
  planOk,
  refused,
  sn,
  VPC_AMAZON,
  VPC_BYOIP,
  VPC_EXISTING,
  VPC_IPV4_ONLY,
  type Raw,
} from "./support/core-fixtures";

const A = "us-east-1a";
const B = "us-east-1b";
const ENDPOINTS = { interface: ["sts", "kms"], gateway: ["s3"] };
const cfg = (extra: Raw, vpc: Raw = VPC_AMAZON): Raw => ({ vpc, zones: [A, B], endpoints: ENDPOINTS, ...extra });

describe("VPC endpoints: the planner's decisions", () => {
  it("puts the interface endpoints, dual-stack, in the first-listed dual-stack private subnet of each zone", () => {
    const e = planOk(cfg({}), FACTS).endpoints!;
    assert.deepEqual(e.subnets, ["dualstack-us-east-1a", "dualstack-us-east-1b"]);
    assert.deepEqual(
      e.interface.map((x) => [x.service, x.name, x.serviceName, x.ipAddressType, x.dnsRecordIpType, x.subnets.length]),
      [
        ["sts", "vpce-sts", "com.amazonaws.us-east-1.sts", "dualstack", "dualstack", 2],
        ["kms", "vpce-kms", "com.amazonaws.us-east-1.kms", "dualstack", "dualstack", 2],
      ],
    );
    // The gateway endpoint on every private subnet's route table, the IPv6-only ones included.
    assert.deepEqual(e.gateway, [
      {
        service: "s3",
        serviceName: "com.amazonaws.us-east-1.s3",
        name: "vpce-s3",
        routeTables: ["dualstack-us-east-1a", "private-us-east-1a", "dualstack-us-east-1b", "private-us-east-1b"],
        ipAddressType: "dualstack",
        dnsRecordIpType: "dualstack",
      },
    ]);
  });

  it("IPv6-only subnets give IPv6 endpoints and AAAA-only records", () => {
    const subnets = ["private-us-east-1a", "private-us-east-1b"];
    const e = planOk(cfg({ endpoints: { interface: ["kms"], subnets } })).endpoints!;
    assert.deepEqual(
      e.interface.map((x) => [x.ipAddressType, x.dnsRecordIpType, x.subnets]),
      [["ipv6", "ipv6", subnets]],
    );
  });

  it("prefers a dual-stack subnet to an IPv6-only one listed before it, so reordering moves nothing", () => {
    const subnets: Raw[] = [sn("Utility", A), sn("Utility", B), sn("Private", A), sn("DualStack", A)];
    subnets.push(sn("Private", B), sn("DualStack", B));
    const nodes = { controlPlaneSubnets: ["dualstack-us-east-1a", "dualstack-us-east-1b"] };
    const e = planOk(cfg({ subnets, nodes }), FACTS).endpoints!;
    assert.deepEqual(e.subnets, ["dualstack-us-east-1a", "dualstack-us-east-1b"]);
    assert.equal(e.interface[0].ipAddressType, "dualstack");
    // A zone with IPv6-only subnets only would take one of those: then the families mix, and that is refused.
    const mixed = [sn("Utility", A), sn("Utility", B), sn("DualStack", A), sn("Private", B)];
    assert.deepEqual(
      refused(cfg({ subnets: mixed }), FACTS).map((f) => f.code),
      ["ENDPOINT_SUBNET_FAMILIES_MIXED"],
    );
  });

  it("appending a subnet, even a private one in the same zone, moves no endpoint", () => {
    const base: Raw[] = [sn("Utility", A), sn("Utility", B), sn("DualStack", A), sn("DualStack", B)];
    const before = planOk(cfg({ subnets: base })).endpoints!;
    const after = planOk(cfg({ subnets: [...base, { name: "more-a", zone: A, type: "DualStack" }] })).endpoints!;
    assert.deepEqual(after.subnets, before.subnets);
    assert.deepEqual(after.interface, before.interface);
  });

  it("the security group admits HTTPS from the VPC's blocks only: the IPv4 one, and the IPv6 one when known", () => {
    const amazon = planOk(cfg({})).endpoints!.securityGroup!;
    assert.deepEqual(
      amazon.ingress.map((r) => [r.protocol, r.fromPort, r.toPort, r.family, r.peers]),
      [
        ["tcp", 443, 443, "ipv4", [{ kind: "cidr", cidr: "10.0.0.0/16" }]],
        ["tcp", 443, 443, "ipv6", [{ kind: "vpcIpv6" }]],
      ],
    );
    const byoip = planOk(cfg({}, VPC_BYOIP)).endpoints!.securityGroup!;
    assert.deepEqual(byoip.ingress[1].peers, [{ kind: "cidr", cidr: "2001:db8::/56" }]);
  });

  it("an IPv4-only VPC gets IPv4 endpoints in its private subnets, with no IPv6 check and no IPv6 rule", () => {
    const r = planOk(cfg({ endpoints: { interface: ["ec2"], gateway: ["dynamodb"] } }, VPC_IPV4_ONLY));
    const e = r.endpoints!;
    assert.deepEqual(e.subnets, ["private-us-east-1a", "private-us-east-1b"]);
    assert.equal(e.interface[0].ipAddressType, "ipv4");
    assert.equal(e.gateway[0].ipAddressType, "ipv4");
    assert.deepEqual(
      e.securityGroup!.ingress.map((x) => x.family),
      ["ipv4"],
    );
    assert.deepEqual(
      r.warnings.filter((w) => w.code.startsWith("ENDPOINT_")),
      [],
    );
  });

  it("lists the NAT traffic taken over: IPv4 from dual-stack subnets, NAT64 from IPv6-only ones", () => {
    const e = planOk(cfg({ zones: [A] })).endpoints!;
    assert.deepEqual(
      e.replacesNat.map((r) => `${r.subnet} ${r.route} ${r.via}: ${r.services.join(",")}`),
      [
        "dualstack-us-east-1a ipv4-default us-east-1a-nat: sts,kms,s3",
        "private-us-east-1a nat64 us-east-1a-nat: sts,kms,s3",
      ],
    );
  });

  it("takes AWS' service name and IP address types when the program looked them up at preview", () => {
    const facts = {
      ...FACTS,
      endpointServices: {
        "sts/interface": {
          status: "ok",
          serviceName: "cn.com.amazonaws.us-east-1.sts",
          ipAddressTypes: ["ipv4", "dualstack"],
        },
        "kms/interface": { status: "ok", serviceName: "com.amazonaws.us-east-1.kms", ipAddressTypes: ["dualstack"] },
      },
    } as const;
    const r = planOk(cfg({ endpoints: { interface: ["sts", "kms"] } }), facts);
    assert.equal(r.endpoints!.interface[0].serviceName, "cn.com.amazonaws.us-east-1.sts");
    assert.deepEqual(
      r.warnings.filter((w) => w.code.startsWith("ENDPOINT_")),
      [],
    );
  });

  it("an existing VPC's adopted subnets hold interface endpoints, but their route tables are not this stack's", () => {
    const subnets = [
      sn("Utility", A),
      sn("Utility", B),
      { name: "adopted-a", zone: A, type: "DualStack", id: "subnet-0a" },
      sn("DualStack", B),
    ];
    const e = planOk(cfg({ subnets }, VPC_EXISTING), FACTS_EXISTING).endpoints!;
    assert.deepEqual(e.subnets, ["adopted-a", "dualstack-us-east-1b"]);
    assert.deepEqual(e.gateway[0].routeTables, ["dualstack-us-east-1b"]);
  });

  it("skips subnets in Local Zones, where no endpoint service runs", () => {
    const LZ = "us-east-1-nyc-1a";
    const facts = { ...FACTS, zoneTypes: { [A]: "availability-zone", [LZ]: "local-zone" } };
    const subnets = [
      sn("Utility", A),
      { name: "lz", zone: LZ, type: "Private", cidr: "10.0.250.0/24", egress: "External" },
      sn("Private", A),
    ];
    const config = { vpc: VPC_IPV4_ONLY, zones: [LZ, A], subnets, endpoints: { interface: ["sts"] } };
    assert.deepEqual(planOk(config, facts).endpoints!.subnets, ["private-us-east-1a"]);
  });

  it("is absent without the endpoints key; no security group without interface endpoints", () => {
    assert.equal(planOk({ vpc: VPC_AMAZON, zones: [A] }).endpoints, undefined);
    const gatewayOnly = planOk(cfg({ endpoints: { gateway: ["s3"] } })).endpoints!;
    assert.equal(gatewayOnly.securityGroup, undefined);
    assert.deepEqual(gatewayOnly.interface, []);
  });
});

describe("VPC endpoints: the plan's report", () => {
  it("shows each endpoint and the NAT traffic it replaces, and the cost line counts them", () => {
    const plan = planOk(cfg({ zones: [A] }));
    const text = renderTable(plan, "test");
    assert.match(
      text,
      /\nVPC endpoints \(endpoints\)\n {2}interface sts, kms: dualstack, .* in dualstack-us-east-1a\n/,
    );
    assert.match(text, /\n {2}gateway s3: dualstack \(routes and DNS\), on the route tables of dualstack-us-east-1a/);
    assert.match(text, /\n {4}private-us-east-1a: NAT64 through us-east-1a-nat \(sts, kms, s3\)$/);
    const summary = publicIpv4Summary(plan);
    // 2 interface endpoints in 1 zone: 2 endpoint-zones at $0.01 an hour, 720 hours.
    assert.deepEqual(
      [summary.endpoints?.interfaceEndpointZones, summary.endpoints?.usdPerMonth, summary.endpoints?.natGateways],
      [2, 14.4, ["us-east-1a-nat"]],
    );
    assert.equal(summary.stackTotal, 1, "endpoints hold no public IPv4 address");
    assert.match(publicIpv4Lines(summary).at(-1)!, /^ {2}VPC endpoints: no public IPv4 .* \$14\.40\/month/);
    assert.equal(publicIpv4Summary(planOk({ vpc: VPC_AMAZON, zones: [A] })).endpoints, undefined);
  });
});
