/**
 * The Automation API module: override translation and validation (invalid overrides never reach the
 * CLI), progress streaming and typed outputs through a fake CLI boundary, the mapping of the Automation
 * API's errors (built with its own classes from the CLI output each case prints), the real missing-CLI
 * path on a machine without `pulumi`, the inline program under mocks, and an opt-in integration test.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConfigInvalidError, CredentialsError, destroy, inlineProgram, localWorkspaceBackend, mapAutomationError, outputs, overridesToConfig, preview,
  PulumiCliNotFoundError, StackLockedError, up, UpdateFailedError, validateOverrides, type ConfigEntry, type PulumiBackend, type StackHandle,
} from "../components/automation";
import type { StackConfig } from "../components/core/schema";
import { runOffline } from "../components/offline/mock-runtime";
import { parseStackFile, readStackFile } from "../components/offline/stack-file";
import { rawFromAllConfig } from "../components/program/config";

const ROOT = join(__dirname, "..", "..");
const program = require("../index") as () => Promise<Record<string, unknown>>;
// The Automation API's own error construction from CLI output (internal to the SDK, used as it uses it).
const { createCommandError } = require("@pulumi/pulumi/automation/errors") as { createCommandError(r: unknown): Error };
const { CommandResult } = require("@pulumi/pulumi/automation/cmd") as { CommandResult: new (stdout: string, stderr: string, code: number, err?: Error) => unknown };
const cliError = (stderr: string, code = 255) => createCommandError(new CommandResult("", stderr, code));

/** A fake CLI boundary that records what reaches it. */
function fakeBackend(behaviour: Partial<StackHandle> = {}) {
  const calls: { op: string; arg?: unknown }[] = [];
  const stack: StackHandle = {
    async setAllConfig(c) {
      calls.push({ op: "setAllConfig", arg: c });
    },
    async preview(o) {
      calls.push({ op: "preview" });
      o.onOutput?.("Previewing update (dev)\n");
      o.onEvent?.({ resourcePreEvent: { metadata: { op: "create", urn: "urn:...:vpc" } } });
      o.onOutput?.("Resources: + 58 to create\n");
      return { stdout: "Previewing update (dev)\nResources: + 58 to create\n", changeSummary: { create: 58 } };
    },
    async up(o) {
      calls.push({ op: "up" });
      o.onOutput?.("Updating (dev)\n");
      return { stdout: "Updating (dev)", outputs: { vpcId: { value: "vpc-123", secret: false }, natGatewayIds: { value: { "us-east-1a": "nat-1" }, secret: false } }, summary: { result: "succeeded", resourceChanges: { create: 58 } } };
    },
    async destroy() {
      calls.push({ op: "destroy" });
      return { stdout: "", summary: { result: "succeeded", resourceChanges: { delete: 58 } } };
    },
    async outputs() {
      calls.push({ op: "outputs" });
      return { vpcId: { value: "vpc-123", secret: false } };
    },
    ...behaviour,
  };
  const backend: PulumiBackend = {
    async localStack(env, workDir) {
      calls.push({ op: "localStack", arg: { env, workDir } });
      return stack;
    },
    async inlineStack(env, projectName) {
      calls.push({ op: "inlineStack", arg: { env, projectName } });
      return stack;
    },
  };
  return { backend, calls };
}

describe("automation: the module", () => {
  it("is importable as ipv6-cluster-network/automation without loading the Pulumi SDK", () => {
    const r = spawnSync(process.execPath, ["-e", `const a = require("ipv6-cluster-network/automation");
      process.stdout.write(typeof a.up + " " + Object.keys(require.cache).some((k) => k.includes("@pulumi")))`], { cwd: ROOT, encoding: "utf8" });
    assert.equal(r.stdout, "function false", r.stderr);
  });
});

describe("automation: config overrides", () => {
  it("translates overrides to one entry per key, JSON for objects, the kubeconfig's key secret, aws:region", () => {
    const c = overridesToConfig({ natGateways: "single", zones: ["us-east-1a", "us-east-1b"], kubernetes: { kubeconfig: "apiVersion: v1", cni: "calico" }, region: "us-west-2" });
    assert.deepEqual(c, {
      "ipv6-cluster-network:natGateways": { value: "single" },
      "ipv6-cluster-network:zones": { value: '["us-east-1a","us-east-1b"]' },
      "ipv6-cluster-network:kubernetes": { value: '{"kubeconfig":"apiVersion: v1","cni":"calico"}', secret: true },
      "aws:region": { value: "us-west-2" },
    });
  });

  it("round-trips through the program's own config reading", () => {
    const overrides = { vpc: { cidrBlock: "10.9.0.0/16", ipv6: {} }, subnets: [{ name: "a", zone: "us-east-1a", type: "Utility" as const }], protect: true, tags: { team: "x" } };
    const flat = Object.fromEntries(Object.entries(overridesToConfig(overrides)).map(([k, v]) => [k, (v as ConfigEntry).value]));
    assert.deepEqual(rawFromAllConfig(flat).values, overrides);
  });

  it("a stack file holding overrides as the Automation API writes them (JSON text) reads the same offline", () => {
    const overrides = { zones: ["us-east-1a", "us-east-1b"], natGateways: "single" as const, kubernetes: { podCIDRs: ["fd00:10:244::/56"], serviceCIDRs: ["fd00:10:96::/112"] } };
    const lines = Object.entries(overridesToConfig(overrides)).map(([k, v]) => `  ${k}: ${JSON.stringify(v.value)}`);
    const file = parseStackFile(`config:\n  aws:region: us-east-1\n  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }\n${lines.join("\n")}\n`, "svc", "config/Pulumi.svc.yaml");
    assert.deepEqual(file.findings, []);
    assert.deepEqual({ zones: file.values.zones, natGateways: file.values.natGateways, kubernetes: file.values.kubernetes }, overrides);
  });

  it("validates the stack file merged with the overrides, with every problem, before the CLI", async () => {
    assert.doesNotThrow(() => validateOverrides("dev", { natGateways: "single" }, { workDir: ROOT }));
    const { backend, calls } = fakeBackend();
    await assert.rejects(
      up("dev", { zones: ["us-east-1a", "us-east-1a"], vpc: { cidrBlock: "10.0.0.1/16", ipv6: {} } }, { backend, workDir: ROOT }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigInvalidError);
        assert.deepEqual(e.findings.filter((f) => f.severity === "error").map((f) => f.code).sort(), ["CIDR_NOT_CANONICAL", "DUPLICATE_ZONE"]);
        assert.match(e.message, /Invalid stack config for dev \(.*config\/Pulumi\.dev\.yaml with overrides\): 2 problems/);
        return true;
      },
    );
    await assert.rejects(preview("dev", { natGateways: "sometimes" as StackConfig["natGateways"] }, { backend, workDir: ROOT }), (e: unknown) => e instanceof ConfigInvalidError && e.findings[0].path === "natGateways");
    assert.deepEqual(calls, [], "nothing reached the CLI");
  });
});

describe("automation: preview, up, destroy, outputs through the CLI boundary", () => {
  it("preview sets the overrides, streams progress and events, and returns the change summary", async () => {
    const { backend, calls } = fakeBackend();
    const chunks: string[] = [];
    const events: unknown[] = [];
    const r = await preview("dev", { natGateways: "single" }, { backend, workDir: ROOT, onOutput: (s) => chunks.push(s), onEvent: (e) => events.push(e) });
    assert.deepEqual(r.changeSummary, { create: 58 });
    assert.deepEqual(chunks, ["Previewing update (dev)\n", "Resources: + 58 to create\n"]);
    assert.equal(events.length, 1);
    assert.deepEqual(calls.map((c) => c.op), ["localStack", "setAllConfig", "preview"]);
    assert.deepEqual(calls[0].arg, { env: "dev", workDir: ROOT });
    assert.deepEqual(calls[1].arg, { "ipv6-cluster-network:natGateways": { value: "single" } });
  });

  it("up returns the outputs as plain values; without overrides no config is set", async () => {
    const { backend, calls } = fakeBackend();
    const r = await up("dev", {}, { backend, workDir: ROOT });
    assert.equal(r.outputs.vpcId, "vpc-123");
    assert.deepEqual(r.outputs.natGatewayIds, { "us-east-1a": "nat-1" });
    assert.deepEqual(r.resourceChanges, { create: 58 });
    assert.deepEqual(calls.map((c) => c.op), ["localStack", "up"]);
  });

  it("destroy and outputs", async () => {
    const { backend } = fakeBackend();
    assert.deepEqual(await destroy("dev", { backend, workDir: ROOT }), { resourceChanges: { delete: 58 } });
    assert.deepEqual(await outputs("dev", { backend, workDir: ROOT }), { vpcId: "vpc-123" });
  });

  it("an update that did not succeed is an UpdateFailedError carrying the engine's summary", async () => {
    const { backend } = fakeBackend({
      async up() {
        return { stdout: "error: creating EC2 NAT Gateway: NatGatewayLimitExceeded", outputs: {}, summary: { result: "failed" } };
      },
    });
    await assert.rejects(up("dev", {}, { backend, workDir: ROOT }), (e: unknown) => e instanceof UpdateFailedError && /NatGatewayLimitExceeded/.test(e.summary));
  });
});

describe("automation: error mapping", () => {
  const cases: [string, Error, Function, RegExp][] = [
    ["missing CLI", cliError("Command failed with ENOENT: pulumi version\nspawn pulumi ENOENT", -2), PulumiCliNotFoundError, /pulumi CLI was not found.*Install it/],
    ["Pulumi Cloud conflict", cliError("error: [409] Conflict: Another update is currently in progress."), StackLockedError, /pulumi cancel --stack dev/],
    ["file backend lock", cliError("error: the stack is currently locked by 1 lock(s)."), StackLockedError, /locked by another update/],
    ["not logged in", cliError("error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions"), CredentialsError, /pulumi login/],
    ["no AWS credentials", cliError("error: configuring Terraform AWS Provider: no valid credential sources for Terraform AWS Provider found."), CredentialsError, /AWS credentials/],
    ["no secrets passphrase", cliError("error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE"), CredentialsError, /PULUMI_CONFIG_PASSPHRASE/],
    ["program refused the config at run time", cliError('Diagnostics:\n  pulumi:pulumi:Stack (ipv6-cluster-network-dev):\n    error: Invalid stack config: 1 problem\n  [NODES_INSTANCE_TYPE_NO_IPV6] nodes.instanceTypes[0] = "m1.small": m1.small does not support IPv6\n      fix: choose an IPv6-capable type'), ConfigInvalidError, /NODES_INSTANCE_TYPE_NO_IPV6/],
    ["any other failure", cliError("error: update failed\n  aws:ec2:NatGateway (us-east-1a-nat): error: NatGatewayLimitExceeded"), UpdateFailedError, /NatGatewayLimitExceeded/],
  ];
  for (const [what, error, cls, message] of cases) {
    it(`${what} -> ${cls.name}`, () => {
      const m = mapAutomationError(error, "up", "dev");
      assert.ok(m instanceof cls, `${m.name}: ${m.message}`);
      assert.match(m.message, message);
      assert.equal(m.cause, error);
    });
  }

  it("keeps the findings of a run-time refusal as data", () => {
    const m = mapAutomationError(cases[6][1], "up", "dev") as ConfigInvalidError;
    assert.deepEqual(m.findings.map((f) => [f.code, f.path, f.value]), [["NODES_INSTANCE_TYPE_NO_IPV6", "nodes.instanceTypes[0]", "m1.small"]]);
  });

  it("the real boundary on a machine without the pulumi CLI throws PulumiCliNotFoundError", async function () {
    if (spawnSync("pulumi", ["version"]).error === undefined) this.skip(); // a CLI is installed: see the integration test
    await assert.rejects(preview("dev", {}, { backend: localWorkspaceBackend(), workDir: ROOT }), PulumiCliNotFoundError);
  });
});

describe("automation: inline program", () => {
  it("refuses an invalid config before any stack exists", () => {
    assert.throws(() => inlineProgram({ vpc: { cidrBlock: "10.0.0.0/33" } }), ConfigInvalidError);
  });

  it("declares the same resource graph as index.ts for the same config", async () => {
    const file = readStackFile("prod", join(ROOT, "config"));
    const viaIndex = await runOffline(file, program);
    const viaInline = await runOffline(file, inlineProgram(file.values as unknown as StackConfig, { region: file.region }));
    const shape = (r: typeof viaIndex) => r.resources.map((x) => ({ type: x.type, name: x.name, parent: x.parent, inputs: x.inputs, protect: x.protect })).sort((a, b) => `${a.type}${a.name}`.localeCompare(`${b.type}${b.name}`));
    assert.ok(viaIndex.resources.length > 60);
    assert.deepEqual(shape(viaInline), shape(viaIndex));
    assert.deepEqual(viaInline.outputs, viaIndex.outputs);
  });

  it("previewInline goes through the boundary's inline stack with the project name and region", async () => {
    const { previewInline } = require("../components/automation") as typeof import("../components/automation");
    const { backend, calls } = fakeBackend();
    const file = readStackFile("dev", join(ROOT, "config"));
    await previewInline("svc-dev", file.values as unknown as StackConfig, { backend, projectName: "my-service", region: "us-east-1" });
    assert.deepEqual(calls.map((c) => c.op), ["inlineStack", "setAllConfig", "preview"]);
    assert.deepEqual(calls[0].arg, { env: "svc-dev", projectName: "my-service" });
  });
});

describe("automation: integration against a local file backend (opt-in: needs the pulumi CLI)", function () {
  this.timeout(300_000);
  it("previews the dev stack", async function () {
    if (spawnSync("pulumi", ["version"]).error !== undefined) this.skip(); // no pulumi CLI on PATH: not exercised here
    const state = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-state-"));
    process.env.PULUMI_BACKEND_URL = `file://${state}`;
    process.env.PULUMI_CONFIG_PASSPHRASE = process.env.PULUMI_CONFIG_PASSPHRASE ?? "integration-test";
    try {
      const r = await preview("dev", {}, { workDir: ROOT });
      assert.ok((r.changeSummary.create ?? 0) > 50, JSON.stringify(r.changeSummary));
    } finally {
      rmSync(state, { recursive: true, force: true });
    }
  });
});
