/**
 * The TypeScript example (examples/typescript/, a program of its own with this package as a dependency) builds
 * the same network as the program's `dev` stack: the same resources with the same inputs, named after its own
 * component (`dev-...` where the program's network is `network-...`).
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runOffline } from "../components/offline/mock-runtime";
import { parseStackFile, readStackFile } from "../components/offline/stack-file";
import { customShapes } from "./support/recorded-graph";

const ROOT = join(__dirname, "..", "..");
const program = require("../program") as () => Promise<Record<string, unknown>>;
// The example imports "ipv6-cluster-network": Node resolves it to this package (its "exports").
const example = require("../examples/typescript/index") as () => Promise<Record<string, unknown>>;

describe("library: the TypeScript example program", () => {
  it("declares what the program declares for the dev stack (the add-ons aside: it gives no kubeconfig)", async () => {
    const dev = await runOffline(readStackFile("dev", join(ROOT, "config")), program);
    const stack = parseStackFile("config:\n  aws:region: us-east-1\n", "dev", "examples/typescript/Pulumi.dev.yaml");
    const mine = await runOffline(stack, example);
    assert.deepEqual(customShapes(mine, "dev-"), customShapes(dev, "network-"));
    assert.ok(customShapes(mine, "dev-").length > 50);
    assert.equal(mine.outputs.vpcId, "vpc-dev-vpc");
    assert.equal(mine.outputs.region, "us-east-1");
    assert.match(mine.outputs.kubeadmConfig as string, /podSubnet: fd00:10:244::\/56,10\.244\.0\.0\/16/);
  });
});
