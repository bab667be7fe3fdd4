/**
 * Properties of the diff on real graphs: the program is deterministic and its two ways in agree (every example
 * stack, run by the program's entry and declared as `plan --against` declares it, diffs to nothing), and order is
 * not identity (any permutation of prod's zones and subnets, whose control plane and NAT gateways are pinned or
 * unambiguous, changes nothing). A false difference here would be a false alarm in every pull request.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import fc from "fast-check";
import YAML from "yaml";
import { diffGraphs } from "../components/diff/diff";
import { parseStackFile, readStackFile } from "../components/offline/stack-file";
import { declareStack } from "../scripts/diff";
import { sets } from "./support/diff-fixtures";
import { EXAMPLE_STACKS, sharedStack } from "./support/stack-runs";

const CONFIG = join(__dirname, "..", "..", "config");

describe("diff properties on the example stacks", function () {
  this.timeout(60_000);

  for (const stack of EXAMPLE_STACKS) {
    it(`${stack}: the program's run and the diff's declaration are the same graph`, async () => {
      const declared = await declareStack(readStackFile(stack, CONFIG));
      assert.ok(declared.resources, JSON.stringify(declared.findings));
      const d = diffGraphs((await sharedStack(stack)).resources, declared.resources);
      assert.deepEqual(sets(d), {});
      assert.ok(d.unchanged > 10);
    });
  }

  it("prod: any order of its zones and subnets changes nothing", async () => {
    const file = readStackFile("prod", CONFIG);
    const base = await declareStack(file);
    const doc = YAML.parse(require("node:fs").readFileSync(join(CONFIG, "Pulumi.prod.yaml"), "utf8"));
    const subnets: unknown[] = doc.config["ipv6-cluster-network:subnets"];
    const zones: unknown[] = doc.config["ipv6-cluster-network:zones"];
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(subnets, { minLength: subnets.length }),
        fc.shuffledSubarray(zones, { minLength: zones.length }),
        async (s, z) => {
          const next = structuredClone(doc);
          next.config["ipv6-cluster-network:subnets"] = s;
          next.config["ipv6-cluster-network:zones"] = z;
          const moved = await declareStack(parseStackFile(YAML.stringify(next), "prod", "config/Pulumi.prod.yaml"));
          assert.ok(moved.resources, JSON.stringify(moved.findings.map((f) => `${f.code} ${f.path} ${f.message}`)));
          assert.deepEqual(sets(diffGraphs(base.resources!, moved.resources)), {});
        },
      ),
      { numRuns: 4, seed: 16 },
    );
  });
});
