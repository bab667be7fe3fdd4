/**
 * The VPC endpoints in the resource graph the program registers (issue 17): config/Pulumi.prod.yaml's endpoints
 * (types, inputs, parents, dependencies), an IPv6-only placement, and a stack without endpoints.
 */
import { strict as assert } from "node:assert";
import type { RecordedResource } from "../components/offline/mock-runtime";
import { Graph, runText, T, waitsFor, waitsForAll } from "./support/recorded-graph";
import { sharedStack } from "./support/stack-runs";

const E = {
  component: "ipv6-cluster-network:network:VpcEndpoints",
  endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  network: "ipv6-cluster-network:index:Ipv6ClusterNetwork",
} as const;
const INTERFACE = ["ecr.api", "ecr.dkr", "sts", "ec2", "elasticloadbalancing"];
const CONTROL_PLANE = ["a", "b", "c"].map((z) => `control-plane-eu-west-1${z}`);
const PRIVATE = [...CONTROL_PLANE, ...["a", "b", "c"].map((z) => `nodes-eu-west-1${z}`)];

/** The stable names of the resources an id list names (ids the mocks gave). */
const namesOf = (g: Graph, ids: string[]) => ids.map((id) => g.resolve(id)?.name.replace(/^network-/, "") ?? id);

describe("VPC endpoints: config/Pulumi.prod.yaml under mocks", () => {
  let g: Graph;
  let component: RecordedResource;
  before(async () => {
    g = await sharedStack("prod");
    component = g.get(E.component, "network");
  });

  it("declares one VpcEndpoints component under the network, and every endpoint and its group under it", () => {
    assert.equal(g.all(E.component).length, 1);
    assert.equal(g.byUrn.get(component.parent)?.type, E.network);
    const endpoints = g.all(E.endpoint);
    assert.deepEqual(endpoints.map((r) => r.name).sort(), [...INTERFACE, "s3"].map((s) => `network-vpce-${s}`).sort());
    for (const r of [...endpoints, g.get(E.sg, "vpce-sg")]) assert.equal(r.parent, component.urn, r.name);
  });

  it("interface endpoints: private DNS, dual-stack addresses and records, a subnet per zone, the group", () => {
    const sg = g.get(E.sg, "vpce-sg");
    for (const service of INTERFACE) {
      const r = g.get(E.endpoint, `vpce-${service}`);
      const { inputs } = r;
      assert.deepEqual(
        [inputs.serviceName, inputs.vpcEndpointType, inputs.privateDnsEnabled, inputs.ipAddressType, inputs.dnsOptions],
        [`com.amazonaws.eu-west-1.${service}`, "Interface", true, "dualstack", { dnsRecordIpType: "dualstack" }],
      );
      assert.deepEqual(namesOf(g, inputs.subnetIds), CONTROL_PLANE);
      assert.deepEqual(namesOf(g, inputs.securityGroupIds), ["vpce-sg"]);
      assert.equal(g.resolve(inputs.vpcId)?.type, T.vpc);
      assert.equal(inputs.routeTableIds, undefined);
      // It waits for its subnets and its group (and, through them, the VPC): never for a NAT gateway or a route.
      assert.ok(r.dependencies.includes(sg.urn));
      for (const s of CONTROL_PLANE) assert.ok(r.dependencies.includes(g.get(T.subnet, s).urn), s);
      const all = [...waitsForAll(waitsFor(g), r)].map((d) => d.type);
      assert.deepEqual(
        all.filter((t) => t === T.nat || t === T.route || t === T.eip),
        [],
      );
    }
  });

  it("the S3 gateway endpoint: on every private subnet's route table, dual-stack routes and DNS, no subnets", () => {
    const { inputs } = g.get(E.endpoint, "vpce-s3");
    assert.deepEqual(
      [inputs.serviceName, inputs.vpcEndpointType, inputs.ipAddressType, inputs.dnsOptions, inputs.subnetIds],
      ["com.amazonaws.eu-west-1.s3", "Gateway", "dualstack", { dnsRecordIpType: "dualstack" }, undefined],
    );
    assert.deepEqual(namesOf(g, inputs.routeTableIds), PRIVATE);
    for (const id of inputs.routeTableIds) assert.equal(g.resolve(id)?.type, T.rt);
  });

  it("the endpoint group admits HTTPS from the VPC's IPv4 and IPv6 blocks only, and has no egress", () => {
    const { inputs } = g.get(E.sg, "vpce-sg");
    assert.deepEqual(
      inputs.ingress.map((r: Record<string, unknown>) => [
        r.protocol,
        r.fromPort,
        r.toPort,
        r.cidrBlocks,
        r.ipv6CidrBlocks,
      ]),
      [
        ["tcp", 443, 443, ["10.20.0.0/16"], undefined],
        ["tcp", 443, 443, undefined, ["2001:db8:1234:5600::/56"]],
      ],
    );
    assert.deepEqual(inputs.egress, []);
    assert.equal(inputs.tags.Name, "ipv6-cluster-network-vpce");
    assert.equal(g.resolve(inputs.vpcId)?.type, T.vpc);
  });
});

describe("VPC endpoints: other placements", () => {
  it("IPv6-only subnets give IPv6 endpoints with AAAA records; a stack without endpoints has none", async () => {
    const g = await runText(`config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }
  ipv6-cluster-network:zones: [us-east-1a, us-east-1b]
  ipv6-cluster-network:endpoints:
    interface: [kms]
    subnets: [private-us-east-1a, private-us-east-1b]
`);
    const { inputs } = g.get(E.endpoint, "vpce-kms");
    assert.deepEqual([inputs.ipAddressType, inputs.dnsOptions], ["ipv6", { dnsRecordIpType: "ipv6" }]);
    assert.deepEqual(namesOf(g, inputs.subnetIds), ["private-us-east-1a", "private-us-east-1b"]);
    const dev = await sharedStack("dev");
    assert.deepEqual([dev.all(E.component).length, dev.all(E.endpoint).length], [0, 0]);
  });
});
