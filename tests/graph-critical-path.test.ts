/**
 * The deployment's critical path, from the dependencies the engine would see (issue 9): the longest
 * chain must be the unavoidable VPC -> subnet -> NAT gateway -> route (plus the IPv6 block association
 * where it is a separate resource), and nothing may wait on a resource it does not need. NAT gateways
 * take minutes to create on AWS, so a needless edge through one costs every deployment minutes.
 */
import { strict as assert } from "node:assert";
import type { RecordedResource } from "../components/offline/mock-runtime";
import { Graph, longestChain, runStack, T } from "./support/recorded-graph";

/** What each custom resource waits for; a dependency on a component means waiting for all its children. */
function waitsFor(g: Graph) {
  const children = new Map<string, RecordedResource[]>();
  for (const r of g.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const customsUnder = (urn: string): RecordedResource[] =>
    (children.get(urn) ?? []).flatMap((c) => (c.custom ? [c, ...customsUnder(c.urn)] : customsUnder(c.urn)));
  return (r: RecordedResource): RecordedResource[] => g.deps(r).flatMap((d) => (d.custom ? [d] : customsUnder(d.urn)));
}

function zoneOf(g: Graph, r: RecordedResource): string | undefined {
  if (r.type === T.nat) return g.resolve(r.inputs.subnetId)?.inputs.availabilityZone;
  if (r.type === T.subnet) return r.inputs.availabilityZone;
  if (r.type === T.rt || r.type === T.route) {
    const rtName = r.type === T.rt ? r.name : g.resolve(r.inputs.routeTableId)?.name;
    return rtName === undefined ? undefined : g.find(T.subnet, rtName)?.inputs.availabilityZone;
  }
  return undefined;
}

const roles = (chain: RecordedResource[]) => chain.map((r) => r.type.split(":").pop()).join(" -> ");

function checkStack(stack: string, expected: string[]) {
  describe(`critical path of the ${stack} stack`, function () {
    let g: Graph;
    let deps: (r: RecordedResource) => RecordedResource[];
    before(async () => {
      g = await runStack(stack);
      deps = waitsFor(g);
    });

    it(`is ${expected.join(" -> ")}`, () => {
      const customs = g.resources.filter((r) => r.custom);
      const { chain, depth } = longestChain(customs, deps);
      assert.equal(chain.length, expected.length, `longest chain: ${roles(chain)}`);
      // Of the chains that long, one is the unavoidable NAT path (ties, e.g. through the IGW, are fine).
      const natRoute = customs.find((r) => r.type === T.route && r.inputs.natGatewayId !== undefined)!;
      assert.equal(depth.get(natRoute), expected.length, `a NAT route sits at the end of the critical path`);
      // Every NAT gateway is at depth 3 (VPC, then its subnet or the IGW, then itself): it waits for nothing else.
      for (const nat of g.all(T.nat))
        assert.equal(depth.get(nat), expected.length - 1, `${nat.name}: ${roles(longestChain([nat], deps).chain)}`);
    });

    it("has no dependency on a whole component", () => {
      for (const r of g.resources.filter((x) => x.custom)) {
        for (const d of g.deps(r))
          assert.ok(d.custom, `${r.type} ${r.name} waits for the whole component ${d.type} ${d.name}`);
      }
    });

    it("makes each route wait only for its route table and its own target", () => {
      for (const r of g.all(T.route)) {
        const targetId =
          r.inputs.gatewayId ?? r.inputs.egressOnlyGatewayId ?? r.inputs.natGatewayId ?? r.inputs.transitGatewayId;
        const wanted = new Set(
          [g.resolve(r.inputs.routeTableId)?.urn, g.resolve(targetId)?.urn].filter((u): u is string => u !== undefined),
        );
        assert.deepEqual(
          new Set(r.dependencies),
          wanted,
          `${r.name} waits for ${r.dependencies.map((u) => u.split("::").pop()).join(", ")}`,
        );
        if (r.inputs.natGatewayId)
          assert.ok(
            r.dependencies.includes(g.resolve(r.inputs.natGatewayId)!.urn),
            `${r.name} must wait for its NAT gateway`,
          );
      }
    });

    it("never makes a route table, route or subnet of one zone wait for another zone's NAT gateway (perZone)", () => {
      for (const r of g.resources.filter(
        (x) => x.type === T.rt || x.type === T.route || x.type === T.subnet || x.type === T.rta,
      )) {
        const zone = zoneOf(g, r.type === T.rta ? g.resolve(r.inputs.subnetId)! : r);
        const closure = longestChain([r], deps).depth;
        for (const n of closure.keys()) {
          if (n.type === T.nat) assert.equal(zoneOf(g, n), zone, `${r.type} ${r.name} (${zone}) waits for ${n.name}`);
        }
      }
      for (const t of [T.rt, T.subnet, T.rta]) {
        for (const r of g.all(t))
          assert.ok(
            !longestChain([r], deps).chain.some((n) => n.type === T.nat),
            `${t} ${r.name} never waits for a NAT gateway`,
          );
      }
    });
  });
}

checkStack("dev", ["Vpc", "Subnet", "NatGateway", "Route"]);
checkStack("prod", ["Vpc", "Subnet", "NatGateway", "Route"]);
checkStack("byo-pool", ["Vpc", "VpcIpv6CidrBlockAssociation", "Subnet", "NatGateway", "Route"]);

describe("longestChain (the checker itself)", () => {
  it("finds the longest chain, not the first one", () => {
    const edges: Record<string, string[]> = { a: [], b: ["a"], c: ["b"], d: ["a"], e: ["d", "c"], f: ["a"] };
    const { chain, depth } = longestChain(Object.keys(edges), (n) => edges[n]);
    assert.deepEqual(chain, ["a", "b", "c", "e"]);
    assert.equal(depth.get("f"), 2);
  });

  it("would catch a needless edge: a route table waiting for a NAT gateway lengthens the chain", () => {
    const edges: Record<string, string[]> = {
      vpc: [],
      subnet: ["vpc"],
      nat: ["subnet"],
      rt: ["vpc", "nat"],
      route: ["rt", "nat"],
    };
    assert.equal(longestChain(Object.keys(edges), (n) => edges[n]).chain.length, 5);
  });

  it("refuses a cycle", () => {
    const edges: Record<string, string[]> = { a: ["b"], b: ["a"] };
    assert.throws(() => longestChain(["a"], (n) => edges[n]), /cycle/);
  });
});
