/**
 * The policy pack on the resource graphs the program registers: every example stack (config/Pulumi.*.yaml, one
 * offline run each, shared: tests/support/stack-runs.ts) passes every policy with no violation, and the prod
 * graph with one mistake made in it gives exactly the expected violations (code and URN). The records carry what
 * the engine sends at preview: each resource's inputs and, per input, the resources it came from.
 */
import { strict as assert } from "node:assert";
import type { PolicyRecord } from "../policy/records";
import { UNKNOWN } from "../policy/records";
import { recordsOf, runPolicies } from "./support/policy-fixtures";
import { EXAMPLE_STACKS, sharedStack } from "./support/stack-runs";

/** `CODE resource-name` of each violation, sorted. */
async function violations(records: readonly PolicyRecord[]): Promise<string[]> {
  const out = await runPolicies(records);
  return out.map((r) => `${/^\[([A-Z0-9_]+)\]/.exec(r.message)?.[1]} ${r.urn?.split("::").pop()}`).sort();
}

describe("policy pack: every example stack passes", () => {
  for (const stack of EXAMPLE_STACKS)
    it(`${stack}: no violation of any policy`, async () => {
      const g = await sharedStack(stack);
      assert.deepEqual(await violations(recordsOf(g.resources)), []);
    });

  it("judges the example stacks for real: DNS64 subnets, private subnets, world-open listeners", async () => {
    assert.ok(EXAMPLE_STACKS.length >= 6, EXAMPLE_STACKS.join(", "));
    const prod = recordsOf((await sharedStack("prod")).resources);
    const subnets = prod.filter((r) => r.type === "aws:ec2/subnet:Subnet");
    assert.equal(subnets.filter((s) => s.props.enableDns64 === true).length, 3);
    assert.equal(subnets.filter((s) => (s.props.tags as any)?.["kubernetes.io/role/internal-elb"]).length, 6);
    const lbGroup = prod.find((r) => r.name === "network-api-lb-sg")!;
    const open = (lbGroup.props.ingress as any[]).flatMap((r) => [
      ...(r.cidrBlocks ?? []),
      ...(r.ipv6CidrBlocks ?? []),
    ]);
    assert.deepEqual(open, ["0.0.0.0/0", "::/0"], "the listener's rules, open to the world, pass as a listener's");
  });
});

describe("policy pack: the prod graph with one mistake", () => {
  let prod: PolicyRecord[];
  before(async () => {
    prod = recordsOf((await sharedStack("prod")).resources);
  });
  /** A resource by type and name (a subnet, its route table and association share the subnet's name). */
  const named = (type: string, name: string) => prod.find((r) => r.type === type && r.name === name)!;
  const SUBNET = "aws:ec2/subnet:Subnet";
  const NODES = ["a", "b", "c"].map((z) => `network-nodes-eu-west-1${z}`);

  it("without its NAT64 routes, DNS64 is refused on the three IPv6-only subnets", async () => {
    const without = prod.filter(
      (r) => !(r.type === "aws:ec2/route:Route" && r.props.destinationIpv6CidrBlock === "64:ff9b::/96"),
    );
    assert.equal(prod.length - without.length, 6, "the NAT64 routes of six subnets");
    assert.deepEqual(
      await violations(without),
      NODES.map((n) => `DNS64_WITHOUT_NAT64 ${n}`),
    );
  });

  it("an IPv6-only subnet without AAAA records for its resource names", async () => {
    const s = named(SUBNET, NODES[1]);
    const records = prod.map((r) =>
      r === s ? { ...r, props: { ...r.props, enableResourceNameDnsAaaaRecordOnLaunch: false } } : r,
    );
    assert.deepEqual(await violations(records), [`IPV6_ONLY_SUBNET_HOSTNAMES ${NODES[1]}`]);
  });

  it("a private subnet whose ::/0 goes to the internet gateway instead of the egress-only one", async () => {
    const igw = prod.find((r) => r.type === "aws:ec2/internetGateway:InternetGateway")!;
    const route = named("aws:ec2/route:Route", `${NODES[0]}-ipv6-default`);
    const records = prod.map((r) => {
      if (r !== route) return r;
      const { egressOnlyGatewayId: _, ...props } = r.props;
      return {
        ...r,
        props: { ...props, gatewayId: UNKNOWN },
        propertyDependencies: { routeTableId: r.propertyDependencies!.routeTableId, gatewayId: [igw.urn] },
      };
    });
    assert.deepEqual(await violations(records), [`PRIVATE_SUBNET_TO_INTERNET_GATEWAY ${NODES[0]}`]);
  });

  it("SSH open to the world on the nodes group, and public IPv4 on launch in a utility subnet", async () => {
    const nodes = named("aws:ec2/securityGroup:SecurityGroup", "network-nodes-sg");
    const utility = named(SUBNET, "network-utility-eu-west-1a");
    const ssh = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] };
    const records = prod.map((r) =>
      r === nodes
        ? { ...r, props: { ...r.props, ingress: [...(r.props.ingress as unknown[]), ssh] } }
        : r === utility
          ? { ...r, props: { ...r.props, mapPublicIpOnLaunch: true } }
          : r,
    );
    assert.deepEqual(await violations(records), [
      "PUBLIC_IPV4_ON_LAUNCH network-utility-eu-west-1a",
      "WORLD_OPEN_INGRESS network-nodes-sg",
    ]);
  });

  it("without its listener, the API load balancer group's 6443 from the world (IPv4 and IPv6) is refused", async () => {
    const records = prod.filter((r) => r.type !== "aws:lb/listener:Listener");
    assert.deepEqual(await violations(records), [
      "WORLD_OPEN_INGRESS network-api-lb-sg",
      "WORLD_OPEN_INGRESS network-api-lb-sg",
    ]);
  });

  it("the dual-stack API load balancer in a subnet without IPv6", async () => {
    const s = named(SUBNET, "network-utility-eu-west-1b");
    const records = prod.map((r) => {
      if (r !== s) return r;
      const { ipv6CidrBlock: _a, assignIpv6AddressOnCreation: _b, ...props } = r.props;
      return { ...r, props };
    });
    assert.deepEqual(await violations(records), ["LB_DUALSTACK_WITHOUT_IPV6 network-api-lb"]);
  });

  it("IPv6 targets in a VPC without IPv6", async () => {
    const vpc = prod.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
    const records = prod.map((r) =>
      r === vpc ? { ...r, props: { ...r.props, assignGeneratedIpv6CidrBlock: undefined } } : r,
    );
    assert.deepEqual(await violations(records), ["LB_IPV6_TARGETS_WITHOUT_IPV6 network-api-lb"]);
  });
});
