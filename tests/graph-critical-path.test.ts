/**
 * The deployment's critical path, from the dependencies the engine would see (issue 9): the longest
 * chain must be the unavoidable VPC -> subnet -> NAT gateway -> route (plus the IPv6 block association
 * where it is a separate resource), and nothing may wait on a resource it does not need. NAT gateways
 * take minutes to create on AWS, so a needless edge through one costs every deployment minutes.
 */
import { strict as assert } from "node:assert";
import type { RecordedResource } from "../components/offline/mock-runtime";
import { Graph, longestChain, runStack, T, waitsFor } from "./support/recorded-graph";

function zoneOf(g: Graph, r: RecordedResource): string | undefined {
  if (r.type === T.nat) return g.resolve(r.inputs.subnetId)?.inputs.availabilityZone;
  if (r.type === T.subnet) return r.inputs.availabilityZone;
  if (r.type === T.rt || r.type === T.route) {
    const rtName = r.type === T.rt ? r.name : g.resolve(r.inputs.routeTableId)?.name;
    return rtName === undefined ? undefined : g.find(T.subnet, rtName)?.inputs.availabilityZone;
  }
  return undefined;
}

const EKS_COMPONENT = "ipv6-cluster-network:network:EksCluster";

const roles = (chain: RecordedResource[]) => chain.map((r) => r.type.split(":").pop()).join(" -> ");

/**
 * The network's critical path is `expected`. With `eks`, the stack's is the EKS cluster's (`eks`): the network's
 * chain is then measured over the network's own resources, and joins the cluster's only at the node groups.
 */
function checkStack(stack: string, expected: string[], eks?: string[]) {
  describe(`critical path of the ${stack} stack`, function () {
    let g: Graph;
    let deps: (r: RecordedResource) => RecordedResource[];
    before(async () => {
      g = await runStack(stack);
      deps = waitsFor(g);
    });

    it(`is ${expected.join(" -> ")}${eks ? " for the network" : ""}`, () => {
      const eksComponent = g.all(EKS_COMPONENT)[0]?.urn;
      const customs = g.resources.filter((r) => r.custom && r.parent !== eksComponent);
      const { chain, depth } = longestChain(customs, deps);
      assert.equal(chain.length, expected.length, `longest chain: ${roles(chain)}`);
      // Of the chains that long, one is the unavoidable NAT path (ties, e.g. through the IGW, are fine).
      const natRoute = customs.find((r) => r.type === T.route && r.inputs.natGatewayId !== undefined)!;
      assert.equal(depth.get(natRoute), expected.length, `a NAT route sits at the end of the critical path`);
      // Every NAT gateway is at depth 3 (VPC, then its subnet or the IGW, then itself): it waits for nothing else.
      for (const nat of g.all(T.nat))
        assert.equal(depth.get(nat), expected.length - 1, `${nat.name}: ${roles(longestChain([nat], deps).chain)}`);
    });

    if (eks)
      it(`is ${eks.join(" -> ")} for the stack: the EKS cluster's; the NAT path reaches it at the node groups`, () => {
        const customs = g.resources.filter((r) => r.custom);
        const { chain, depth } = longestChain(customs, deps);
        assert.equal(roles(chain), eks.join(" -> "));
        // A node group is one step after its slowest route (the NAT ones), and no later than the cluster's add-ons
        // make it: the routes never lengthen the cluster's path.
        for (const group of g.all("aws:eks/nodeGroup:NodeGroup")) {
          const routes = deps(group).filter((d) => d.type === T.route);
          assert.ok(
            routes.some((r) => r.inputs.natGatewayId !== undefined),
            `${group.name} waits for a NAT route`,
          );
          const viaRoutes = Math.max(...routes.map((r) => depth.get(r)!)) + 1;
          assert.equal(viaRoutes, expected.length + 1, `${group.name}: one after its routes`);
          assert.ok(depth.get(group)! > viaRoutes, `${group.name}: ${roles(longestChain([group], deps).chain)}`);
        }
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
// The cluster role and its policy, the cluster, the Pod Identity agent, the CNI, the node group, CoreDNS.
checkStack(
  "eks",
  ["Vpc", "Subnet", "NatGateway", "Route"],
  ["Role", "RolePolicyAttachment", "Cluster", "Addon", "Addon", "NodeGroup", "Addon"],
);

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
