/**
 * Moving to the library replaces nothing (issue 14): every URN a stack deployed by 0.1's program holds
 * (tests/fixtures/urns-0.1.json, recorded from 0.1 for every example stack, and prod with every add-on) is
 * reached by exactly one resource of today's program, through its own URN or one of its aliases. The only
 * resource 0.1 did not have is the Ipv6ClusterNetwork component that now holds the others.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { runOffline, type RecordedResource } from "../components/offline/mock-runtime";
import { parseStackFile, readStackFile, type StackFile } from "../components/offline/stack-file";

const ROOT = join(__dirname, "..", "..");
const FIXTURE = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "urns-0.1.json"), "utf8")) as Record<
  string,
  string[]
>;
const program = require("../program") as () => Promise<Record<string, unknown>>;

/** The engine leaves the root stack's type out of its children's URNs; the mock monitor keeps it. */
const engineUrn = (urn: string) => urn.replace("::pulumi:pulumi:Stack$", "::");

/** prod with every add-on installed, as recorded in the fixture. */
function prodWithAddons(): StackFile {
  const doc = parse(readFileSync(join(ROOT, "config", "Pulumi.prod.yaml"), "utf8"));
  const k = "ipv6-cluster-network:kubernetes";
  const kubeconfig = "apiVersion: v1\nkind: Config\n";
  doc.config[k] = { ...doc.config[k], kubeconfig, cni: "calico", cloudControllerManager: true, dns64: true };
  return parseStackFile(stringify(doc), "prod", "config/Pulumi.prod.yaml");
}

/** The VPC endpoints' component (config/Pulumi.prod.yaml has `endpoints`): new in 0.2, no 0.1 URN to keep. */
const VPC_ENDPOINTS = "ipv6-cluster-network:network:VpcEndpoints";

const fileOf = (stack: string) =>
  stack === "prod+addons" ? prodWithAddons() : readStackFile(stack, join(ROOT, "config"));

describe("library: every URN of 0.1's stacks stays reachable (aliases), nothing is replaced", () => {
  for (const stack of Object.keys(FIXTURE)) {
    it(`${stack}: each of its ${FIXTURE[stack].length} URNs is one resource's URN or alias`, async () => {
      const run = await runOffline(fileOf(stack), program);
      const reaches = (r: RecordedResource) => [engineUrn(r.urn), ...r.aliases];
      for (const old of FIXTURE[stack]) {
        const found = run.resources.filter((r) => reaches(r).includes(old));
        assert.equal(found.length, 1, `${old}: reached by ${found.map((r) => r.urn).join(", ") || "nothing"}`);
      }
      // What 0.2 adds on purpose: the library's component, and the VPC endpoints (issue 17) where the stack asks.
      const endpoints = run.resources.find((r) => r.type === VPC_ENDPOINTS)?.urn;
      const added = run.resources.filter(
        (r) =>
          !reaches(r).some((u) => FIXTURE[stack].includes(u)) && r.type !== VPC_ENDPOINTS && r.parent !== endpoints,
      );
      assert.deepEqual(
        added.map((r) => `${r.type} ${r.name}`),
        ["ipv6-cluster-network:index:Ipv6ClusterNetwork network"],
      );
      // Every resource but the new component is a child of it, or of one of its components: nothing is left behind.
      const component = added[0].urn;
      for (const r of run.resources) {
        if (r.type === "pulumi:pulumi:Stack" || r.urn === component) continue;
        assert.ok(r.parent === component || run.resources.some((p) => p.urn === r.parent && p.parent === component));
      }
    });
  }

  it("the aliases point where 0.1 registered each resource: under the stack, bare names", async () => {
    const run = await runOffline(fileOf("dev"), program);
    const vpc = run.resources.find((r) => r.type === "aws:ec2/vpc:Vpc")!;
    assert.equal(vpc.name, "network-vpc");
    assert.deepEqual(vpc.aliases, [
      "urn:pulumi:dev::ipv6-cluster-network::ipv6-cluster-network:network:DualStackVpc$aws:ec2/vpc:Vpc::vpc",
    ]);
    const component = run.resources.find((r) => r.type === "ipv6-cluster-network:network:DualStackVpc")!;
    assert.deepEqual(component.aliases, [
      "urn:pulumi:dev::ipv6-cluster-network::ipv6-cluster-network:network:DualStackVpc::network",
    ]);
  });
});
