/**
 * The TypeScript example (examples/typescript/, a program of its own with this package as a dependency) builds
 * the same network as the program's `dev` stack: the same resources with the same inputs, named after its own
 * component (`dev-...` where the program's network is `network-...`).
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runOffline, type RecordedResource } from "../components/offline/mock-runtime";
import { parseStackFile, readStackFile } from "../components/offline/stack-file";

const ROOT = join(__dirname, "..", "..");
const program = require("../program") as () => Promise<Record<string, unknown>>;
// The example imports "ipv6-cluster-network": Node resolves it to this package (its "exports").
const example = require("../examples/typescript/index") as () => Promise<Record<string, unknown>>;

/**
 * A resource without its network's name: type, stable name, and inputs in which the ids and ARNs the mocks made
 * from resource names (`vpc-network-vpc`, `.../net/network-api-lb/...`) say `<network>` instead.
 */
function shape(r: RecordedResource, prefix: string): string {
  const ids = new RegExp(`("[a-z0-9]+-|/)${prefix}`, "g");
  const inputs = JSON.stringify(r.inputs ?? null).replace(ids, "$1<network>-");
  return `${r.type} ${r.name.replace(prefix, "<network>-")} ${inputs}`;
}

describe("library: the TypeScript example program", () => {
  it("declares what the program declares for the dev stack (the add-ons aside: it gives no kubeconfig)", async () => {
    const dev = await runOffline(readStackFile("dev", join(ROOT, "config")), program);
    const stack = parseStackFile("config:\n  aws:region: us-east-1\n", "dev", "examples/typescript/Pulumi.dev.yaml");
    const mine = await runOffline(stack, example);
    const custom = (run: typeof dev, prefix: string) =>
      run.resources
        .filter((r) => r.custom)
        .map((r) => shape(r, prefix))
        .sort();
    assert.deepEqual(custom(mine, "dev-"), custom(dev, "network-"));
    assert.ok(custom(mine, "dev-").length > 50);
    assert.equal(mine.outputs.vpcId, "vpc-dev-vpc");
    assert.equal(mine.outputs.region, "us-east-1");
    assert.match(mine.outputs.kubeadmConfig as string, /podSubnet: fd00:10:244::\/56,10\.244\.0\.0\/16/);
  });
});
