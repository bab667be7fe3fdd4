/**
 * The policy pack's rules, each triggered and not, through the policies as the engine calls them (arguments made
 * as the SDK makes them: tests/support/policy-fixtures.ts; no CLI, no PolicyPack): a hand-built network that
 * passes every rule, and one mistake at a time, each giving exactly the expected violations (code and URN).
 */
import { strict as assert } from "node:assert";
import { CATALOGUE } from "../components/core/catalogue";
import { defaultEnforcement, GUARDRAILS, policyName } from "../policy/guardrails";
import { policies } from "../policy/policies";
import { TYPES, UNKNOWN, type PolicyRecord } from "../policy/records";
import { Records, resourceArgs, runPolicies, type Reported } from "./support/policy-fixtures";

const T = {
  vpc: TYPES.vpc[0],
  subnet: TYPES.subnet[0],
  rt: TYPES.routeTable[0],
  rta: TYPES.association[0],
  route: TYPES.route[0],
  igw: TYPES.internetGateway[0],
  eigw: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
  nat: "aws:ec2/natGateway:NatGateway",
  sg: TYPES.securityGroup[0],
  sgRule: TYPES.securityGroupRule[0],
  ingress: TYPES.ingressRule[0],
  lb: TYPES.loadBalancer[0],
  listener: TYPES.listener[0],
  tg: TYPES.targetGroup[0],
};

/** A small dual-stack network that every rule passes: what a careful hand-written program declares. */
function network() {
  const n = new Records();
  const vpc = n.add(T.vpc, "vpc", { cidrBlock: "10.0.0.0/16", assignGeneratedIpv6CidrBlock: true });
  const igw = n.add(T.igw, "igw", {}, { vpcId: [vpc] });
  const eigw = n.add(T.eigw, "eigw", {}, { vpcId: [vpc] });
  const subnet = (name: string, props: Record<string, unknown>) =>
    n.add(T.subnet, name, { cidrBlock: undefined, ...props }, { vpcId: [vpc], ipv6CidrBlock: [vpc] });
  const pub = subnet("public-a", { cidrBlock: "10.0.0.0/24", tags: { "kubernetes.io/role/elb": "1" } });
  const nat = n.add(T.nat, "nat-a", {}, { subnetId: [pub] });
  const priv = subnet("private-a", {
    ipv6Native: true,
    enableDns64: true,
    privateDnsHostnameTypeOnLaunch: "resource-name",
    enableResourceNameDnsAaaaRecordOnLaunch: true,
    tags: { "kubernetes.io/role/internal-elb": "1" },
  });
  const table = (subnetRecord: PolicyRecord, routes: [string, string, PolicyRecord][]) => {
    const rt = n.add(T.rt, subnetRecord.name, {}, { vpcId: [vpc] });
    n.add(T.rta, subnetRecord.name, {}, { routeTableId: [rt], subnetId: [subnetRecord] });
    for (const [dest, key, target] of routes) {
      const destKey = dest.includes(":") ? "destinationIpv6CidrBlock" : "destinationCidrBlock";
      n.add(T.route, `${subnetRecord.name}-${dest}`, { [destKey]: dest }, { routeTableId: [rt], [key]: [target] });
    }
    return rt;
  };
  table(pub, [
    ["0.0.0.0/0", "gatewayId", igw],
    ["::/0", "gatewayId", igw],
  ]);
  const privRt = table(priv, [
    ["::/0", "egressOnlyGatewayId", eigw],
    ["64:ff9b::/96", "natGatewayId", nat],
  ]);
  const lbSg = n.add(
    T.sg,
    "lb-sg",
    {
      ingress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/0"] },
      ],
    },
    { vpcId: [vpc] },
  );
  const nodes = n.add(
    T.sg,
    "nodes-sg",
    {
      ingress: [
        { protocol: "icmpv6", fromPort: 2, toPort: -1, ipv6CidrBlocks: ["::/0"] },
        { protocol: "icmp", fromPort: 3, toPort: 4, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "tcp", fromPort: 10250, toPort: 10250, cidrBlocks: ["10.0.0.0/16"] },
      ],
    },
    { vpcId: [vpc] },
  );
  const lb = n.add(
    T.lb,
    "lb",
    { ipAddressType: "dualstack", loadBalancerType: "application" },
    {
      subnets: [pub],
      securityGroups: [lbSg],
    },
  );
  const tg = n.add(T.tg, "tg", { ipAddressType: "ipv6", port: 8443, protocol: "HTTPS" }, { vpcId: [vpc] });
  n.add(T.listener, "listener", { port: 443 }, { loadBalancerArn: [lb], defaultActions: [tg] });
  return { n, vpc, igw, eigw, nat, pub, priv, privRt, lbSg, nodes, lb, tg };
}

/** What the pack reports, as `CODE urn-name` (the code is the message's first word). */
async function reported(records: readonly PolicyRecord[], config: Record<string, object> = {}): Promise<string[]> {
  const out: Reported[] = await runPolicies(records, config);
  return out.map((r) => `${/^\[([A-Z0-9_]+)\]/.exec(r.message)?.[1]} ${r.urn?.split("::").pop()}`).sort();
}

/** Replaces a record's properties (a mistake in an otherwise careful program). */
function change(records: PolicyRecord[], r: PolicyRecord, props: Record<string, unknown>): PolicyRecord[] {
  return records.map((x) => (x === r ? { ...x, props: { ...x.props, ...props } } : x));
}

describe("policy pack: the policies", () => {
  it("are one per guardrail, named after its catalogue code, described and enforced as the catalogue says", () => {
    assert.deepEqual(
      policies.map((p) => [p.name, p.enforcementLevel]),
      GUARDRAILS.map((g) => [policyName(g.code), defaultEnforcement(g.code)]),
    );
    assert.deepEqual(
      policies.map((p) => p.name),
      [
        "dns64-without-nat64",
        "ipv6-only-subnet-hostnames",
        "private-subnet-to-internet-gateway",
        "public-ipv4-on-launch",
        "world-open-ingress",
        "lb-dualstack-without-ipv6",
        "lb-ipv6-targets-without-ipv6",
      ],
    );
    // Each code is exercised below, triggered and not.
    assert.deepEqual(
      GUARDRAILS.map((g) => g.code),
      [
        "DNS64_WITHOUT_NAT64",
        "IPV6_ONLY_SUBNET_HOSTNAMES",
        "PRIVATE_SUBNET_TO_INTERNET_GATEWAY",
        "PUBLIC_IPV4_ON_LAUNCH",
        "WORLD_OPEN_INGRESS",
        "LB_DUALSTACK_WITHOUT_IPV6",
        "LB_IPV6_TARGETS_WITHOUT_IPV6",
      ],
    );
    for (const p of policies) assert.ok(p.description.length > 40 && !p.description.includes("`"), p.name);
    assert.equal(policies.find((p) => p.name === "public-ipv4-on-launch")?.enforcementLevel, "advisory");
    // The planner's rules keep the planner's code and wording: one text per rule.
    for (const code of ["DNS64_WITHOUT_NAT64", "LB_DUALSTACK_WITHOUT_IPV6", "LB_IPV6_TARGETS_WITHOUT_IPV6"])
      assert.ok(GUARDRAILS.some((g) => g.code === code) && code in CATALOGUE);
  });

  it("pass a careful dual-stack network: listener and path-MTU ICMP open to the world, nothing else", async () => {
    assert.deepEqual(await reported(network().n.all), []);
  });

  it("DNS64 without a NAT64 route: DNS64_WITHOUT_NAT64 on the subnet", async () => {
    const { n } = network();
    const without = n.all.filter((r) => r.name !== "private-a-64:ff9b::/96");
    assert.deepEqual(await reported(without), ["DNS64_WITHOUT_NAT64 private-a"]);
  });

  it("DNS64 with an inline NAT64 route passes; a subnet without an association is not judged", async () => {
    const { n, privRt, nat } = network();
    const inline = n.all
      .filter((r) => r.name !== "private-a-64:ff9b::/96")
      .map((r) =>
        r === privRt
          ? {
              ...r,
              props: { ...r.props, routes: [{ ipv6CidrBlock: "64:ff9b::/96", natGatewayId: UNKNOWN }] },
              propertyDependencies: { ...r.propertyDependencies, routes: [nat.urn] },
            }
          : r,
      );
    assert.deepEqual(await reported(inline), []);
    const unassociated = n.all.filter((r) => r.name !== "private-a-64:ff9b::/96" && r.type !== T.rta);
    assert.deepEqual(await reported(unassociated), []);
  });

  it("IPv6-only subnets without resolvable hostnames: IPV6_ONLY_SUBNET_HOSTNAMES, each wording", async () => {
    const { n, priv } = network();
    const noAaaa = change(n.all, priv, { enableResourceNameDnsAaaaRecordOnLaunch: false });
    assert.deepEqual(await reported(noAaaa), ["IPV6_ONLY_SUBNET_HOSTNAMES private-a"]);
    const ipName = change(n.all, priv, { privateDnsHostnameTypeOnLaunch: "ip-name" });
    const out = await runPolicies(ipName);
    assert.equal(out.length, 1);
    assert.match(
      out[0].message,
      /^\[IPV6_ONLY_SUBNET_HOSTNAMES\] private-a: IPv6-only subnet private-a gives IP-based/,
    );
    assert.match(out[0].message, /Fix: set privateDnsHostnameTypeOnLaunch: resource-name and enableResourceName/);
    // Unknown at preview: not judged (and the policy does not fail).
    assert.deepEqual(await reported(change(n.all, priv, { enableResourceNameDnsAaaaRecordOnLaunch: UNKNOWN })), []);
  });

  it("a private subnet routed to the internet gateway: PRIVATE_SUBNET_TO_INTERNET_GATEWAY, by tag", async () => {
    const { n, igw } = network();
    const toIgw = n.all.map((r) =>
      r.name === "private-a-::/0"
        ? {
            ...r,
            props: { ...r.props, gatewayId: UNKNOWN },
            propertyDependencies: { ...r.propertyDependencies, gatewayId: [igw.urn] },
          }
        : r,
    );
    assert.deepEqual(await reported(toIgw), ["PRIVATE_SUBNET_TO_INTERNET_GATEWAY private-a"]);
    // An existing gateway by id, in the table's inline routes.
    const { n: m, privRt } = network();
    const inline = change(m.all, privRt, { routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-0123456789abcdef0" }] });
    const out = await runPolicies(inline);
    assert.deepEqual(
      out.map((r) => r.urn?.split("::").pop()),
      ["private-a"],
    );
    assert.match(
      out[0].message,
      /routes 0\.0\.0\.0\/0 to the internet gateway.* Fix: route 0\.0\.0\.0\/0 to a NAT gateway/,
    );
    // The tags that mark a subnet private are the policy's config.
    const config = { "private-subnet-to-internet-gateway": { privateSubnetTags: { tier: "private" } } };
    assert.deepEqual(await reported(toIgw, config), []);
  });

  it("a subnet that maps public IPv4 addresses: PUBLIC_IPV4_ON_LAUNCH, advisory", async () => {
    const { n, pub } = network();
    const out = await runPolicies(change(n.all, pub, { mapPublicIpOnLaunch: true }));
    assert.deepEqual(
      out.map((r) => [r.policy, r.urn?.split("::").pop()]),
      [["public-ipv4-on-launch", "public-a"]],
    );
    assert.match(out[0].message, /\$3\.60 a month each/);
  });

  it("world-open ingress, inline or as a rule resource of either kind: WORLD_OPEN_INGRESS on each", async () => {
    const { n, nodes, lbSg } = network();
    const records = change(n.all, nodes, {
      ingress: [
        ...(nodes.props.ingress as unknown[]),
        { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
      ],
    });
    const extra = new Records();
    extra.add(
      T.ingress,
      "https-v6",
      { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0" },
      { securityGroupId: [nodes] },
    );
    extra.add(
      T.sgRule,
      "all",
      { type: "ingress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
      { securityGroupId: [lbSg] },
    );
    extra.add(
      T.sgRule,
      "egress",
      { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] },
      { securityGroupId: [lbSg] },
    );
    const out = await runPolicies([...records, ...extra.all]);
    assert.deepEqual(
      out.map((r) => `${r.urn?.split("::").pop()}: ${/admits (.*) from the whole/.exec(r.message)?.[1]}`).sort(),
      ["all: all traffic from 0.0.0.0/0", "https-v6: tcp 443 from ::/0", "nodes-sg: tcp 22 from 0.0.0.0/0"],
    );
    // A listener port on a group no load balancer uses is no listener.
    assert.ok(out.every((r) => r.policy === "world-open-ingress"));
  });

  it("a dual-stack load balancer in a subnet without IPv6: LB_DUALSTACK_WITHOUT_IPV6, the planner's code", async () => {
    const { n, pub } = network();
    const v4 = n.all.map((r) =>
      r === pub
        ? {
            ...r,
            props: { ...r.props, ipv6CidrBlock: UNKNOWN },
            propertyDependencies: { vpcId: r.propertyDependencies!.vpcId },
          }
        : r,
    );
    const out = await runPolicies(v4);
    assert.deepEqual(
      out.map((r) => r.urn?.split("::").pop()),
      ["lb"],
    );
    // The planner's message, the resource fix.
    assert.match(
      out[0].message,
      /^\[LB_DUALSTACK_WITHOUT_IPV6\] lb: a dualstack load balancer needs IPv6 in every subnet, and public-a has none\./,
    );
    assert.match(
      out[0].message,
      /Fix: give the load balancer subnets with an IPv6 block, or set its ipAddressType: ipv4$/,
    );
  });

  it("IPv6 targets in a VPC without IPv6: LB_IPV6_TARGETS_WITHOUT_IPV6; an associated IPv6 block passes", async () => {
    const { n, vpc } = network();
    const v4Vpc = change(n.all, vpc, { assignGeneratedIpv6CidrBlock: false, ipv6CidrBlock: UNKNOWN });
    const out = (await reported(v4Vpc)).filter((x) => x.startsWith("LB_IPV6"));
    assert.deepEqual(out, ["LB_IPV6_TARGETS_WITHOUT_IPV6 tg"]);
    const associated = new Records();
    associated.add(TYPES.vpcIpv6Block[0], "vpc-ipv6", { ipv6CidrBlock: "2001:db8::/56" }, { vpcId: [vpc] });
    assert.deepEqual(
      (await reported([...v4Vpc, ...associated.all])).filter((x) => x.startsWith("LB_IPV6")),
      [],
    );
  });

  it("a resource policy does not apply to other types (notApplicable), and reads unknowns safely", async () => {
    const policy = policies.find((p) => p.name === "public-ipv4-on-launch")!;
    const validate = (policy as { validateResource: (a: unknown, r: (m: string) => void) => void }).validateResource;
    const { vpc, pub } = network();
    assert.throws(
      () => validate(resourceArgs(vpc), () => assert.fail("reported")),
      /Policy only applies to resources of type 'aws:ec2\/subnet:Subnet'/,
    );
    const seen: string[] = [];
    validate(resourceArgs({ ...pub, props: { mapPublicIpOnLaunch: UNKNOWN, tags: UNKNOWN } }), (m) => seen.push(m));
    assert.deepEqual(seen, []);
  });
});
