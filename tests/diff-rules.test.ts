/**
 * The diff's rules on constructed graphs (no program run): each conditional replacement both ways, list
 * semantics, zero values, aliases, unknown types, cascades and protection; and the rule table checked
 * against the input names `@pulumi/aws` 7.48 declares, so a misspelt input cannot silently never match.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { diffGraphs, urnsBy } from "../components/diff/diff";
import type { GraphResource } from "../components/diff/graph";
import { REPLACEMENT_RULES, ruleOf } from "../components/diff/rules";
import { EXAMPLE_STACKS, sharedStack } from "./support/stack-runs";

const P = "urn:pulumi:s::ipv6-cluster-network::";
function res(type: string, name: string, inputs: Record<string, unknown>, more: Partial<GraphResource> = {}) {
  const urn = `${P}${type}::${name}`;
  return { urn, type, custom: true, protect: false, aliases: [], inputs, id: `id-${name}`, ...more } as GraphResource;
}
const SUBNET = "aws:ec2/subnet:Subnet";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const action = (before: GraphResource[], after: GraphResource[], name: string) =>
  diffGraphs(before, after).changes.find((c) => c.name === name)?.action ?? "same";

describe("diff rules (constructed graphs)", () => {
  it("a subnet's /64 swaps in place, unless assign-on-creation is on (TPA PR #46043)", () => {
    const s = (block: string, assign: boolean) =>
      res(SUBNET, "a", { vpcId: "v", ipv6CidrBlock: block, assignIpv6AddressOnCreation: assign });
    assert.equal(action([s("2001:db8::/64", false)], [s("2001:db8:0:1::/64", false)], "a"), "update");
    assert.equal(action([s("2001:db8::/64", true)], [s("2001:db8:0:1::/64", true)], "a"), "replace");
    // Gaining a first block is in place even with assign-on-creation turned on with it.
    assert.equal(action([s("", false)], [s("2001:db8::/64", true)], "a"), "update");
  });

  it("an NLB's subnets may only grow; an ALB's change in place; security groups none <-> some replace an NLB", () => {
    const lb = (type: string, subnets: string[], sgs: string[] = []) =>
      res(LB, "lb", { loadBalancerType: type, subnets, securityGroups: sgs });
    assert.equal(action([lb("network", ["a"])], [lb("network", ["a", "b"])], "lb"), "update");
    assert.equal(action([lb("network", ["a", "b"])], [lb("network", ["a"])], "lb"), "replace");
    assert.equal(action([lb("network", ["a"])], [lb("network", ["b"])], "lb"), "replace");
    assert.equal(action([lb("application", ["a", "b"])], [lb("application", ["a"])], "lb"), "update");
    assert.equal(action([lb("network", ["a"])], [lb("network", ["a"], ["sg"])], "lb"), "replace");
    assert.equal(action([lb("network", ["a"], ["x"])], [lb("network", ["a"], ["y"])], "lb"), "update");
  });

  it("a VPC's tenancy: dedicated -> default in place, the other way a new VPC", () => {
    const v = (t: string) => res("aws:ec2/vpc:Vpc", "v", { cidrBlock: "10.0.0.0/16", instanceTenancy: t });
    assert.equal(action([v("dedicated")], [v("default")], "v"), "update");
    assert.equal(action([v("default")], [v("dedicated")], "v"), "replace");
  });

  it("lists are sets except where the provider keeps order; absent equals the zero value", () => {
    const sg = (ingress: unknown[]) => res("aws:ec2/securityGroup:SecurityGroup", "g", { vpcId: "v", ingress });
    assert.equal(action([sg([{ a: 1 }, { b: 2 }])], [sg([{ b: 2 }, { a: 1 }])], "g"), "same");
    const ng = (types: string[]) => res("aws:eks/nodeGroup:NodeGroup", "n", { instanceTypes: types });
    assert.equal(action([ng(["m6i.large", "m7i.large"])], [ng(["m7i.large", "m6i.large"])], "n"), "replace");
    const s = (extra: Record<string, unknown>) => res(SUBNET, "a", { vpcId: "v", ...extra });
    assert.equal(action([s({})], [s({ ipv6Native: false, tags: {} })], "a"), "same");
    assert.equal(action([s({})], [s({ ipv6Native: true })], "a"), "replace");
  });

  it("a renamed resource with an alias to its old URN is the same resource", () => {
    const old = res(SUBNET, "old-name", { vpcId: "v", cidrBlock: "10.0.0.0/24" });
    const renamed = res(SUBNET, "new-name", { vpcId: "v", cidrBlock: "10.0.0.0/24" }, { aliases: [old.urn] });
    const d = diffGraphs([old], [renamed]);
    assert.deepEqual(d.changes, []);
    assert.equal(d.unchanged, 1);
    const moved = diffGraphs([old], [{ ...renamed, inputs: { ...renamed.inputs, enableDns64: true } }]).changes;
    assert.deepEqual(
      moved.map((c) => [c.action, c.previousUrn]),
      [["update", old.urn]],
    );
  });

  it("a replacement cascades through references; a type without rules updates, and says so", () => {
    const vpc = (cidr: string) => res("aws:ec2/vpc:Vpc", "v", { cidrBlock: cidr });
    const subnet = res(SUBNET, "s", { vpcId: "id-v", cidrBlock: "10.0.0.0/24" });
    const rta = res("aws:ec2/routeTableAssociation:RouteTableAssociation", "r", {
      subnetId: "id-s",
      routeTableId: "t",
    });
    const other = res("example:index:Thing", "t", { subnetId: "id-s" });
    const d = diffGraphs([vpc("10.0.0.0/16"), subnet, rta, other], [vpc("10.1.0.0/16"), subnet, rta, other]);
    const by = urnsBy(d);
    assert.deepEqual(by.replace.map((u) => u.split("::").pop()).sort(), ["r", "s", "v"]);
    assert.deepEqual(
      d.changes.filter((c) => c.action === "update").map((c) => [c.name, c.unknownType]),
      [["t", true]],
    );
  });

  it("protected: a delete or replace is blocked, an update is not", () => {
    const s = (cidr: string) => res(SUBNET, "a", { vpcId: "v", cidrBlock: cidr }, { protect: true });
    const [deleted] = diffGraphs([s("10.0.0.0/24")], []).changes;
    assert.deepEqual([deleted.action, deleted.blockedByProtect], ["delete", true]);
    const [replaced] = diffGraphs([s("10.0.0.0/24")], [s("10.0.1.0/24")]).changes;
    assert.deepEqual([replaced.action, replaced.blockedByProtect], ["replace", true]);
    const tagged = { ...s("10.0.0.0/24"), inputs: { vpcId: "v", cidrBlock: "10.0.0.0/24", tags: { a: "b" } } };
    const [updated] = diffGraphs([s("10.0.0.0/24")], [tagged]).changes;
    assert.deepEqual([updated.action, updated.blockedByProtect], ["update", false]);
  });

  it("every resource type an example stack declares has a rule (a new type needs one in rules.ts)", async function () {
    this.timeout(60_000);
    const types = new Set<string>();
    for (const stack of EXAMPLE_STACKS)
      for (const r of (await sharedStack(stack)).resources) if (r.custom) types.add(r.type);
    assert.ok(types.has("aws:ec2/subnet:Subnet") && types.has("aws:eks/cluster:Cluster"), [...types].join(", "));
    assert.deepEqual(
      [...types].filter((t) => !t.startsWith("pulumi:providers:") && !ruleOf(t)),
      [],
    );
  });

  it("every input a rule names is an input of that resource in @pulumi/aws 7.48", () => {
    const root = join(__dirname, "..", "..", "node_modules", "@pulumi", "aws");
    for (const [type, rule] of Object.entries(REPLACEMENT_RULES)) {
      const [, mod, file] = /^aws:([^/]+)\/([^:]+):\w+$/.exec(type)!;
      const dts = readFileSync(join(root, mod, `${file}.d.ts`), "utf8");
      const name = type.slice(type.lastIndexOf(":") + 1);
      const args = dts.slice(dts.indexOf(`export interface ${name}Args {`));
      const names = [
        ...rule.forceNew,
        ...(rule.conditional ?? []).map((c) => c.input),
        ...Object.keys(rule.notes ?? {}),
      ];
      for (const input of names.map((n) => n.split(".")[0]))
        assert.match(
          args.slice(0, args.indexOf("\n}")),
          new RegExp(`\\n\\s+(readonly )?${input}\\??:`),
          `${type} ${input}`,
        );
    }
  });
});
