/**
 * One definition of the offline facts (issue 13): what `config:check` and the plan's fast path assume of a
 * stack file (offlineFacts) is what the program's own lookups get from the mock runtime, so a stack is never
 * planned with two sets of facts. The one difference is deliberate and named: an existing VPC's attached
 * internet gateway, which only AWS can say (offline: "looked up at preview"; the mocks give a stand-in id).
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { readdirSync } from "node:fs";
import { parseStackConfig } from "../components/core/parse";
import type { Facts } from "../components/core/types";
import { runOffline } from "../components/offline/mock-runtime";
import { offlineFacts, parseStackFile, readStackFile, type StackFile } from "../components/offline/stack-file";
import { lookupFacts } from "../components/program/facts";

const CONFIG = join(__dirname, "..", "..", "config");
const stacks = readdirSync(CONFIG).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);

/** The facts the program looks up for a stack file, under the mock runtime. */
async function lookedUp(file: StackFile): Promise<Facts> {
  const parsed = parseStackConfig(file.values);
  assert.ok(parsed.ok, "the example stacks parse");
  let facts: Facts | undefined;
  await runOffline(file, async () => {
    facts = await lookupFacts(parsed.config, file.region);
    return {};
  });
  return facts!;
}

/** A us-east-1 stack with an IPv4-only VPC and the given extra lines of config. */
function stack(...lines: string[]): StackFile {
  const text = [
    "config:",
    "  aws:region: us-east-1",
    "  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16 }",
    ...lines,
    "",
  ];
  return parseStackFile(text.join("\n"), "t", "config/Pulumi.t.yaml");
}

/** Facts without what only AWS can say (the attached internet gateway), and without empty maps. */
function comparable(f: Facts): Facts {
  const out: Facts = { ...f };
  if (out.existingVpc) out.existingVpc = { ...out.existingVpc, internetGatewayId: undefined };
  for (const k of ["zoneTypes", "zoneParents", "zoneIds", "instanceTypes"] as const) {
    if (out[k] && Object.keys(out[k]!).length === 0) delete out[k];
  }
  return JSON.parse(JSON.stringify(out));
}

describe("offline facts: the program under mocks looks up what config:check assumes", () => {
  for (const stack of stacks) {
    it(`the ${stack} example stack`, async () => {
      const file = readStackFile(stack, CONFIG);
      assert.deepEqual(comparable(await lookedUp(file)), comparable(offlineFacts(file)));
    });
  }

  it("a stack with edge zones, instance types and no zones given (the region's standard zones)", async () => {
    const file = stack("  ipv6-cluster-network:nodes: { instanceTypes: [m6i.large, m1.small] }");
    const facts = await lookedUp(file);
    assert.deepEqual(comparable(facts), comparable(offlineFacts(file)));
    assert.equal(facts.standardZones.length, 6);
    assert.deepEqual(Object.keys(facts.instanceTypes ?? {}), ["m6i.large", "m1.small"]);
  });

  it("zone types of Local and Wavelength Zones", async () => {
    const file = stack("  ipv6-cluster-network:zones: [us-east-1a, us-east-1-nyc-1a, us-east-1-wl1-bos-wlz-1]");
    const facts = await lookedUp(file);
    assert.deepEqual(comparable(facts), comparable(offlineFacts(file)));
    assert.equal(facts.zoneTypes?.["us-east-1-nyc-1a"], "local-zone");
  });
});
