/**
 * Properties of the diff on real graphs: the program is deterministic and its two ways in agree (every example
 * stack, run by the program's entry and declared as `plan --against` declares it, diffs to nothing), and order is
 * not identity (reordering an example stack's zones and subnets changes nothing, unless its plan warned that list
 * order places something: a *_BY_ORDER finding). A false difference would be a false alarm in every pull request;
 * a silent one, a replacement nobody was told about.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import fc from "fast-check";
import YAML from "yaml";
import { readFileSync } from "node:fs";
import { diffGraphs } from "../components/diff/diff";
import { checkValues } from "../components/offline/check";
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

  for (const stack of EXAMPLE_STACKS) {
    it(`${stack}: reordering zones and subnets changes nothing, or the plan warned that order decides`, async () => {
      const file = readStackFile(stack, CONFIG);
      // The program's run: the same graph as the diff's declaration (the test above).
      const base = (await sharedStack(stack)).resources;
      const byOrder = checkValues(file.values, file.region)
        .result.findings.map((f) => f.code)
        .filter((c) => c.endsWith("_BY_ORDER"));
      const doc = YAML.parse(readFileSync(join(CONFIG, `Pulumi.${stack}.yaml`), "utf8"));
      const key = (k: string) => `ipv6-cluster-network:${k}`;
      const lists = ["zones", "subnets"].filter((k) => Array.isArray(doc.config[key(k)]));
      await fc.assert(
        fc.asyncProperty(
          fc.tuple(
            ...lists.map((k) =>
              fc.shuffledSubarray(doc.config[key(k)] as unknown[], { minLength: doc.config[key(k)].length }),
            ),
          ),
          async (orders) => {
            const next = structuredClone(doc);
            lists.forEach((k, i) => (next.config[key(k)] = orders[i]));
            const moved = await declareStack(parseStackFile(YAML.stringify(next), stack, file.path));
            assert.ok(moved.resources, JSON.stringify(moved.findings.map((f) => `${f.code} ${f.path}`)));
            const changes = sets(diffGraphs(base, moved.resources));
            if (Object.keys(changes).length) assert.notDeepEqual(byOrder, [], JSON.stringify(changes));
          },
        ),
        { numRuns: 2, seed: 16 },
      );
    });
  }
});
