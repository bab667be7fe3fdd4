/**
 * The edits people make to a stack file, each diffed against the stack before it (both run through the program
 * under mocks, as `npm run plan -- --against` does), with the exact resources each edit creates, updates,
 * replaces and deletes. Resources are named as the program names them, without the `network-` prefix, with
 * their type: `nodes-a:Subnet`.
 */
import { strict as assert } from "node:assert";
import { diffGraphs } from "../components/diff/diff";
import type { GraphResource } from "../components/diff/graph";
import { changeLines, hintOf } from "../components/report/diff";
import { BASE, declared, label, sets, sn, type Config } from "./support/diff-fixtures";

const clone = (c: Config): Config => structuredClone(c);
/** What each resource of a zone's three subnets is, for the add/remove zone sets. */
function zoneResources(z: string): string[] {
  const routes = [`cp-${z}-ipv4-default`, `cp-${z}-ipv6-default`, `cp-${z}-nat64`, `nodes-${z}-ipv6-default`];
  routes.push(`nodes-${z}-nat64`, `utility-${z}-ipv4-default`, `utility-${z}-ipv6-default`);
  return [
    `us-east-1${z}-nat:Eip`,
    `us-east-1${z}-nat:NatGateway`,
    ...routes.map((r) => `${r}:Route`),
    ...["cp", "nodes", "utility"].flatMap((s) => [
      `${s}-${z}:RouteTable`,
      `${s}-${z}:RouteTableAssociation`,
      `${s}-${z}:Subnet`,
    ]),
  ].sort();
}

describe("plan --against: the edits people make, with exact sets", function () {
  this.timeout(60_000);
  let base: GraphResource[];
  before(async () => {
    base = await declared(BASE);
  });
  const diffWith = async (edit: (c: Config) => void) => {
    const next = clone(BASE);
    edit(next);
    return diffGraphs(base, await declared(next));
  };

  it("an unchanged stack changes nothing", async () => {
    const d = await diffWith(() => {});
    assert.deepEqual(sets(d), {});
    assert.equal(d.unchanged, base.filter((r) => r.custom).length);
  });

  it("adding a zone creates its subnets, tables, routes and NAT gateway; the NLB gains a subnet in place", async () => {
    const d = await diffWith((c) => {
      c.zones.push("us-east-1c");
      c.subnets.push(
        sn("utility-c", "us-east-1c", "Utility"),
        sn("cp-c", "us-east-1c", "DualStack"),
        sn("nodes-c", "us-east-1c", "Private"),
      );
    });
    assert.deepEqual(sets(d), { create: zoneResources("c"), update: ["api-lb:LoadBalancer"] });
    const lb = d.changes.find((c) => c.action === "update")!;
    assert.deepEqual(
      lb.changes.map((c) => c.input),
      ["subnets"],
    );
  });

  it("removing a zone deletes its resources, replaces the NLB (its subnets can only grow) and listener", async () => {
    const d = await diffWith((c) => {
      c.zones = ["us-east-1a"];
      c.subnets = c.subnets.filter((s: Config) => s.zone === "us-east-1a");
      c.nodes.controlPlaneSubnets = ["cp-a"];
    });
    assert.deepEqual(sets(d), {
      replace: ["api-lb:Listener", "api-lb:LoadBalancer"],
      delete: zoneResources("b"),
    });
    const lb = d.changes.find((c) => c.type === "aws:lb/loadBalancer:LoadBalancer")!;
    assert.match(lb.changes[0].replaces!, /can only be added to/);
  });

  it("reordering zones and subnets changes nothing when the control plane's subnets are named", async () => {
    const d = await diffWith((c) => {
      c.zones.reverse();
      c.subnets.reverse();
    });
    assert.deepEqual(sets(d), {});
  });

  it("reordering without naming them moves the control plane (CONTROL_PLANE_SUBNET_BY_ORDER warned)", async () => {
    const d = await diffWith((c) => {
      delete c.nodes;
      c.zones.reverse();
      c.subnets.reverse();
    });
    // The control plane moves to the IPv6-only nodes-* subnets: the nodes' IPv4 ICMP rules go, nothing else.
    assert.deepEqual(sets(d), { update: ["nodes-sg:SecurityGroup"] });
  });

  it("adding a subnet creates it with its table, association and routes, and moves nothing", async () => {
    const d = await diffWith((c) => c.subnets.push(sn("batch-a", "us-east-1a", "Private")));
    assert.deepEqual(sets(d), {
      create: [
        "batch-a-ipv6-default:Route",
        "batch-a-nat64:Route",
        "batch-a:RouteTable",
        "batch-a:RouteTableAssociation",
        "batch-a:Subnet",
      ],
    });
  });

  it("DualStack -> Private replaces the subnet (ipv6Native, IPv4 block gone) and its association", async () => {
    const d = await diffWith((c) => (c.subnets[2].type = "Private"));
    assert.deepEqual(sets(d), {
      replace: ["cp-a:RouteTableAssociation", "cp-a:Subnet"],
      delete: ["cp-a-ipv4-default:Route"],
    });
    const subnet = d.changes.find((c) => c.type === "aws:ec2/subnet:Subnet")!;
    assert.deepEqual(
      subnet.changes.filter((c) => c.replaces).map((c) => c.input),
      ["cidrBlock", "ipv6Native"],
    );
    const rta = d.changes.find((c) => c.type.endsWith("RouteTableAssociation"))!;
    assert.deepEqual(
      rta.changes.map((c) => [c.input, c.knownAfter]),
      [["subnetId", true]],
    );
  });

  it("Utility -> Public moves both automatic blocks, replacing the subnet and all on it; pins keep it", async () => {
    const d = await diffWith((c) => (c.subnets[0].type = "Public"));
    assert.deepEqual(sets(d), {
      replace: [
        "api-lb:Listener",
        "api-lb:LoadBalancer",
        "us-east-1a-nat:NatGateway",
        "utility-a:RouteTableAssociation",
        "utility-a:Subnet",
      ],
      create: ["utility-a-nat64:Route"],
      update: ["cp-a-ipv4-default:Route", "cp-a-nat64:Route", "nodes-a-nat64:Route"],
    });
    const hint = hintOf(d.changes.find((c) => c.type === "aws:ec2/subnet:Subnet")!)!;
    const [, cidr, index] = /cidr: (\S+), ipv6CIDR: "(\/64#[0-9a-f]+)"/.exec(hint)!;
    const pinned = await diffWith((c) => Object.assign(c.subnets[0], { type: "Public", cidr, ipv6CIDR: index }));
    // Pinned, the subnet stays: only the NAT64 route a Public subnet of an IPv6 single-stack cluster has is added.
    assert.deepEqual(sets(pinned), { create: ["utility-a-nat64:Route"] });
  });

  it("natGateways perZone -> single deletes zone b's NAT gateway; its routes point at zone a's in place", async () => {
    const d = await diffWith((c) => (c.natGateways = "single"));
    assert.deepEqual(sets(d), {
      delete: ["us-east-1b-nat:Eip", "us-east-1b-nat:NatGateway"],
      update: ["cp-b-ipv4-default:Route", "cp-b-nat64:Route", "nodes-b-nat64:Route"],
    });
    for (const c of d.changes.filter((x) => x.action === "update"))
      assert.deepEqual(
        c.changes.map((x) => x.input),
        ["natGatewayId"],
      );
  });

  it("natGateways single -> none deletes the last NAT gateway and every route through it", async () => {
    const single = clone(BASE);
    single.natGateways = "single";
    const none = clone(single);
    none.natGateways = "none";
    // Without NAT the subnets must not need it: the control plane's egress is someone else's, no DNS64.
    none.subnets[2].egress = none.subnets[3].egress = "External";
    none.subnets[4].dns64 = none.subnets[5].dns64 = false;
    const d = diffGraphs(await declared(single), await declared(none));
    assert.deepEqual(sets(d), {
      delete: [
        "cp-a-ipv4-default:Route",
        "cp-a-ipv6-default:Route",
        "cp-a-nat64:Route",
        "cp-b-ipv4-default:Route",
        "cp-b-ipv6-default:Route",
        "cp-b-nat64:Route",
        "nodes-a-nat64:Route",
        "nodes-b-nat64:Route",
        "us-east-1a-nat:Eip",
        "us-east-1a-nat:NatGateway",
      ],
      update: ["nodes-a:Subnet", "nodes-b:Subnet"],
    });
  });

  it("pinning a subnet's automatic /64 as /64#N changes nothing", async () => {
    const subnet = base.find(
      (r) => r.type === "aws:ec2/subnet:Subnet" && (r.inputs.tags as Config)?.Name === "nodes-a",
    )!;
    const block = String(subnet.inputs.ipv6CidrBlock);
    // The /64's index in the VPC's /56: the 8 bits after the /56 (the mocks' VPC block is 2001:db8:1234:5600::/56).
    const index = parseInt(block.split(":")[3].slice(2, 4), 16).toString(16);
    const d = await diffWith((c) => (c.subnets[4].ipv6CIDR = `/64#${index}`));
    assert.deepEqual(sets(d), {});
  });

  it("changing the pod range changes no AWS resource (without a kubeconfig no add-on is installed)", async () => {
    const d = await diffWith((c) => (c.kubernetes = { podCIDRs: ["fd00:20:244::/56"] }));
    assert.deepEqual(sets(d), {});
  });

  it("with add-ons, a new pod range updates the CNI release in place; the cluster won't follow", async () => {
    const kubeconfig = "apiVersion: v1\nkind: Config\nclusters: []\n";
    const withAddons = clone(BASE);
    withAddons.kubernetes = { kubeconfig, cni: "calico" };
    const moved = clone(withAddons);
    moved.kubernetes.podCIDRs = ["fd00:20:244::/56"];
    const d = diffGraphs(await declared(withAddons), await declared(moved));
    assert.deepEqual(sets(d), { update: ["calico:Release"] });
    const [release] = d.changes;
    assert.ok(
      changeLines(release.changes[0]).includes(
        "values.installation.calicoNetwork.ipPools - " +
          '{"blockSize":122,"cidr":"fd00:10:244::/56","encapsulation":"VXLAN","name":"default-ipv6-ippool",' +
          '"natOutgoing":"Disabled","nodeSelector":"all()"}',
      ),
      changeLines(release.changes[0]).join("\n"),
    );
    assert.match(hintOf(release)!, /a running cluster keeps its pod range/);
  });

  it("the API load balancer: new subnets replace it, ipv4 its target group, internal replaces it", async () => {
    const subnets = await diffWith((c) => (c.apiLoadBalancer.subnets = ["utility-a"]));
    assert.deepEqual(sets(subnets), { replace: ["api-lb:Listener", "api-lb:LoadBalancer"] });
    const ipv4 = await diffWith((c) => (c.apiLoadBalancer.ipAddressType = "ipv4"));
    assert.deepEqual(sets(ipv4), {
      replace: ["api-lb:TargetGroup"],
      update: ["api-lb-sg:SecurityGroup", "api-lb:Listener", "api-lb:LoadBalancer"],
    });
    const internal = await diffWith((c) => (c.apiLoadBalancer.scheme = "internal"));
    assert.deepEqual(sets(internal), {
      replace: ["api-lb:Listener", "api-lb:LoadBalancer"],
      update: ["api-lb-sg:SecurityGroup"],
    });
    const lb = internal.changes.find((c) => c.type === "aws:lb/loadBalancer:LoadBalancer")!;
    assert.deepEqual(
      lb.changes.filter((c) => c.replaces).map((c) => c.input),
      ["internal", "subnets"],
    );
  });

  it("turning protect on changes no input: the VPC, subnets and gateways are protected", async () => {
    const d = await diffWith((c) => (c.protect = true));
    const subnets = ["cp-a", "cp-b", "nodes-a", "nodes-b", "utility-a", "utility-b"].map((s) => `${s}:Subnet`);
    const gateways = ["eigw:EgressOnlyInternetGateway", "igw:InternetGateway"];
    const nat = ["us-east-1a-nat:Eip", "us-east-1a-nat:NatGateway", "us-east-1b-nat:Eip", "us-east-1b-nat:NatGateway"];
    assert.deepEqual(sets(d), { protect: [...subnets, ...gateways, ...nat, "vpc:Vpc"].sort() });
  });

  it("a protected resource that would be replaced blocks the deployment", async () => {
    const protectedBase = clone(BASE);
    protectedBase.protect = true;
    const edited = clone(protectedBase);
    edited.subnets[2].type = "Private";
    const d = diffGraphs(await declared(protectedBase), await declared(edited));
    const blocked = d.changes.filter((c) => c.blockedByProtect).map((c) => label(c.name, c.type));
    assert.deepEqual(blocked, ["cp-a:Subnet"]);
  });
});
