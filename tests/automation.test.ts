/**
 * The Automation API module: override translation and validation (invalid overrides never reach the
 * CLI), progress streaming and typed outputs through a fake CLI boundary, the mapping of the Automation
 * API's errors (built with its own classes from the CLI output each case prints), the real missing-CLI
 * path on a machine without `pulumi`, the inline program under mocks, and an opt-in integration test.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  ConfigInvalidError,
  CredentialsError,
  destroy,
  inlineProgram,
  localWorkspaceBackend,
  mapAutomationError,
  normalizeOverrides,
  outputs,
  overridesToConfig,
  preview,
  PulumiCliNotFoundError,
  StackLockedError,
  StackMissingError,
  up,
  UpdateFailedError,
  validateOverrides,
  type ConfigChanges,
  type ConfigOverrides,
  type PulumiBackend,
  type StackHandle,
} from "../components/automation";
import type { StackConfigInput } from "../components/core/schema";
import { runOffline } from "../components/offline/mock-runtime";
import { parseStackFile, readStackFile } from "../components/offline/stack-file";
import { rawFromAllConfig } from "../components/program/config";
import { Ipv6ClusterNetwork, type Ipv6ClusterNetworkArgs } from "../index";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

const ROOT = join(__dirname, "..", "..");
const program = require("../program") as () => Promise<Record<string, unknown>>;
// The Automation API's own error construction from CLI output (internal to the SDK, used as it uses it).
const { createCommandError } = require("@pulumi/pulumi/automation/errors") as { createCommandError(r: unknown): Error };
const { CommandResult } = require("@pulumi/pulumi/automation/cmd") as {
  CommandResult: new (stdout: string, stderr: string, code: number, err?: Error) => unknown;
};
const cliError = (stderr: string, code = 255) => createCommandError(new CommandResult("", stderr, code));

/** A fake CLI boundary that records what reaches it. */
function fakeBackend(behaviour: Partial<StackHandle> = {}) {
  const calls: { op: string; arg?: unknown }[] = [];
  const stack: StackHandle = {
    async setAllConfig(c, path) {
      calls.push({ op: "setAllConfig", arg: path ? { path, config: c } : c });
    },
    async removeConfig(key) {
      calls.push({ op: "removeConfig", arg: key });
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
      return {
        stdout: "Updating (dev)",
        outputs: {
          vpcId: { value: "vpc-123", secret: false },
          natGatewayIds: { value: { "us-east-1a": "nat-1" }, secret: false },
        },
        summary: { result: "succeeded", resourceChanges: { create: 58 } },
      };
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
    async localStack(env, workDir, { create }) {
      calls.push({ op: "localStack", arg: { env, workDir, create } });
      return stack;
    },
    async inlineStack(env, projectName) {
      calls.push({ op: "inlineStack", arg: { env, projectName } });
      return stack;
    },
  };
  return { backend, calls };
}

/** `a.b[0]["c.d"]` -> ["a", "b", 0, "c.d"]: the CLI's property paths, as far as overridesToConfig writes them. */
function pathSegments(path: string): (string | number)[] {
  return [...path.matchAll(/([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)].map(
    (m) => m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(m[3])),
  );
}

/**
 * What `pulumi config rm` and `pulumi config set-all --path` do to a stack file's `config:` map
 * (pulumi/pulumi sdk/go/common/resource/config/map.go): a one-segment key is set verbatim; a longer path
 * creates the maps and lists on the way and types its leaf ("true"/"false" -> boolean, digits without
 * a leading zero -> integer); a secret is stored as `{ secure: <ciphertext> }` (here: base64).
 */
function applyAsCli(config: Record<string, unknown>, changes: ConfigChanges): Record<string, unknown> {
  for (const key of changes.remove) delete config[key];
  for (const [key, entry] of Object.entries(changes.set)) {
    const ns = key.slice(0, key.indexOf(":"));
    const [first, ...rest] = pathSegments(key.slice(ns.length + 1));
    const leaf = entry.secret
      ? { secure: Buffer.from(entry.value).toString("base64") }
      : rest.length === 0 || !/^(true|false|-?(0|[1-9]\d*))$/.test(entry.value)
        ? entry.value
        : JSON.parse(entry.value);
    if (rest.length === 0) {
      config[`${ns}:${first}`] = leaf;
      continue;
    }
    const container = (next: string | number) => (typeof next === "number" ? [] : {});
    let cur = (config[`${ns}:${first}`] ??= container(rest[0])) as Record<string | number, unknown>;
    for (let i = 0; i < rest.length - 1; i++)
      cur = (cur[rest[i]] ??= container(rest[i + 1])) as Record<string | number, unknown>;
    cur[rest[rest.length - 1]] = leaf;
  }
  return config;
}

/** The stack's config as the program receives it at run time: secrets decrypted, objects as JSON text. */
function runtimeConfig(config: Record<string, unknown>): Record<string, string> {
  const decrypt = (v: unknown): unknown =>
    v && typeof v === "object" && "secure" in v && Object.keys(v).length === 1
      ? Buffer.from(String(v.secure), "base64").toString()
      : Array.isArray(v)
        ? v.map(decrypt)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decrypt(x)]))
          : v;
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => {
      const d = decrypt(v);
      return [k, typeof d === "string" ? d : JSON.stringify(d)];
    }),
  );
}

describe("automation: the module", () => {
  it("is importable as ipv6-cluster-network/automation without loading the Pulumi SDK", () => {
    const r = spawnSync(
      process.execPath,
      [
        "-e",
        `const a = require("ipv6-cluster-network/automation");
      process.stdout.write(typeof a.up + " " + Object.keys(require.cache).some((k) => k.includes("@pulumi")))`,
      ],
      { cwd: ROOT, encoding: "utf8" },
    );
    assert.equal(r.stdout, "function false", r.stderr);
  });
});

describe("automation: config overrides", () => {
  it("translates overrides to one entry per key (JSON for objects) and aws:region", () => {
    const c = overridesToConfig({
      natGateways: "single",
      zones: ["us-east-1a", "us-east-1b"],
      kubernetes: { cni: "calico" },
      region: "us-west-2",
      protect: undefined,
    });
    assert.deepEqual(c, {
      remove: [],
      set: {
        "ipv6-cluster-network:natGateways": { value: "single" },
        "ipv6-cluster-network:zones": { value: '["us-east-1a","us-east-1b"]' },
        "ipv6-cluster-network:kubernetes": { value: '{"cni":"calico"}' },
        "aws:region": { value: "us-west-2" },
      },
    });
  });

  it(
    "writes a kubernetes key holding a kubeconfig leaf by path, " +
      "only the kubeconfig secret, after removing the old key",
    () => {
      const c = overridesToConfig({
        kubernetes: {
          kubeconfig: "apiVersion: v1\nclusters: []\n",
          cni: "calico",
          podCIDRs: ["fd00:10:244::/56"],
          nodeCIDRMaskSize: 64,
          calico: { bgp: false },
        },
      });
      assert.deepEqual(c, {
        remove: ["ipv6-cluster-network:kubernetes"],
        set: {
          "ipv6-cluster-network:kubernetes.kubeconfig": { value: "apiVersion: v1\nclusters: []\n", secret: true },
          "ipv6-cluster-network:kubernetes.cni": { value: "calico" },
          "ipv6-cluster-network:kubernetes.podCIDRs[0]": { value: "fd00:10:244::/56" },
          "ipv6-cluster-network:kubernetes.nodeCIDRMaskSize": { value: "64" },
          "ipv6-cluster-network:kubernetes.calico.bgp": { value: "false" },
        },
      });
    },
  );

  it(
    "round-trips through the stack file (offline readers) and the program's run-time config, " + "kubeconfig included",
    () => {
      const overrides: ConfigOverrides = {
        vpc: { cidrBlock: "10.9.0.0/16", ipv6: {} },
        subnets: [{ name: "a", zone: "us-east-1a", type: "Utility", publicIPv4: false }],
        protect: true,
        tags: { team: "x", "cost.center": "0042", build: "1234" },
        kubernetes: {
          kubeconfig: "apiVersion: v1\nkind: Config\n",
          podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"],
          serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"],
          nodeCIDRMaskSize: 64,
          cni: "cilium",
          cilium: { routingMode: "native" },
          cloudControllerManager: true,
        },
        region: "eu-west-1",
      };
      // The file already holds a kubernetes key with other settings: the override replaces it whole.
      const before = {
        "aws:region": "us-east-1",
        "ipv6-cluster-network:kubernetes": { cni: "calico", calico: { bgp: true }, dns64: true },
      };
      const config = applyAsCli(structuredClone(before), overridesToConfig(overrides));
      const file = parseStackFile(stringifyYaml({ config }), "svc", "config/Pulumi.svc.yaml");
      assert.deepEqual(file.findings, []);
      assert.deepEqual(file.secretKeys, ["ipv6-cluster-network:kubernetes"]);
      const { region, kubernetes, ...rest } = overrides;
      assert.equal(file.region, region);
      assert.deepEqual(file.values, {
        ...rest,
        kubernetes: { ...kubernetes, kubeconfig: { secure: Buffer.from(kubernetes!.kubeconfig!).toString("base64") } },
      });
      // The program sees the decrypted values, typed as given (mask size a number, booleans booleans).
      assert.deepEqual(rawFromAllConfig(runtimeConfig(config)), { values: { ...rest, kubernetes }, region });
    },
  );

  it(
    "a stack file written with a kubeconfig override still validates offline " +
      "(the encrypted part is only the kubeconfig)",
    () => {
      const file = readStackFile("dev", join(ROOT, "config"));
      const config = applyAsCli(
        parseYaml(stringifyYaml({ config: file.all })).config,
        overridesToConfig({ kubernetes: { ...(file.values.kubernetes as object), kubeconfig: "apiVersion: v1" } }),
      );
      const after = parseStackFile(stringifyYaml({ config }), "dev", file.path);
      const dir = mkdtempSync(join(tmpdir(), "automation-kubeconfig-"));
      try {
        mkdirSync(join(dir, "config"));
        writeFileSync(join(dir, "config", "Pulumi.dev.yaml"), stringifyYaml({ config }));
        assert.deepEqual(after.findings, []);
        assert.deepEqual(after.secretKeys, ["ipv6-cluster-network:kubernetes"]);
        assert.doesNotThrow(() => validateOverrides("dev", {}, { workDir: dir }));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it(
    "drops empty lists and maps of a kubernetes key written by path, " +
      "before validation, so what is checked is what is stored",
    () => {
      const o = normalizeOverrides({
        kubernetes: { kubeconfig: "k", calico: {}, cni: "calico", podCIDRs: [] },
        natGateways: undefined,
        zones: [],
      });
      assert.deepEqual(o, { kubernetes: { kubeconfig: "k", cni: "calico" }, zones: [] });
      const stored = parseStackFile(stringifyYaml({ config: applyAsCli({}, overridesToConfig(o)) }), "x", "x").values;
      assert.deepEqual({ ...stored, kubernetes: { ...(stored.kubernetes as object), kubeconfig: "k" } }, o);
    },
  );

  it("refuses an encrypted kubeconfig as an override (only plain text can be set through the CLI)", () => {
    assert.throws(
      () => overridesToConfig({ kubernetes: { kubeconfig: { secure: "v1:abc" } as unknown as string } }),
      TypeError,
    );
  });

  it("a stack file holding overrides as the Automation API writes them (JSON text) reads the same offline", () => {
    const overrides = {
      zones: ["us-east-1a", "us-east-1b"],
      natGateways: "single" as const,
      kubernetes: { podCIDRs: ["fd00:10:244::/56"], serviceCIDRs: ["fd00:10:96::/112"] },
    };
    const lines = Object.entries(overridesToConfig(overrides).set).map(
      ([k, v]) => `  ${k}: ${JSON.stringify(v.value)}`,
    );
    const file = parseStackFile(
      "config:\n  aws:region: us-east-1\n  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }\n" +
        `${lines.join("\n")}\n`,
      "svc",
      "config/Pulumi.svc.yaml",
    );
    assert.deepEqual(file.findings, []);
    assert.deepEqual(
      { zones: file.values.zones, natGateways: file.values.natGateways, kubernetes: file.values.kubernetes },
      overrides,
    );
  });

  it("validates the stack file merged with the overrides, with every problem, before the CLI", async () => {
    assert.doesNotThrow(() => validateOverrides("dev", { natGateways: "single" }, { workDir: ROOT }));
    const { backend, calls } = fakeBackend();
    await assert.rejects(
      up(
        "dev",
        { zones: ["us-east-1a", "us-east-1a"], vpc: { cidrBlock: "10.0.0.1/16", ipv6: {} } },
        { backend, workDir: ROOT },
      ),
      (e: unknown) => {
        assert.ok(e instanceof ConfigInvalidError);
        assert.deepEqual(
          e.findings
            .filter((f) => f.severity === "error")
            .map((f) => f.code)
            .sort(),
          ["CIDR_NOT_CANONICAL", "DUPLICATE_ZONE"],
        );
        assert.match(
          e.message,
          /Invalid stack config for dev \(.*config\/Pulumi\.dev\.yaml with overrides\): 2 problems/,
        );
        return true;
      },
    );
    await assert.rejects(
      preview("dev", { natGateways: "sometimes" as StackConfigInput["natGateways"] }, { backend, workDir: ROOT }),
      (e: unknown) => e instanceof ConfigInvalidError && e.findings[0].path === "natGateways",
    );
    assert.deepEqual(calls, [], "nothing reached the CLI");
  });
});

describe("automation: preview, up, destroy, outputs through the CLI boundary", () => {
  it("preview sets the overrides, streams progress and events, and returns the change summary", async () => {
    const { backend, calls } = fakeBackend();
    const chunks: string[] = [];
    const events: unknown[] = [];
    const r = await preview(
      "dev",
      { natGateways: "single" },
      { backend, workDir: ROOT, onOutput: (s) => chunks.push(s), onEvent: (e) => events.push(e) },
    );
    assert.deepEqual(r.changeSummary, { create: 58 });
    assert.deepEqual(chunks, ["Previewing update (dev)\n", "Resources: + 58 to create\n"]);
    assert.equal(events.length, 1);
    assert.deepEqual(
      calls.map((c) => c.op),
      ["localStack", "setAllConfig", "preview"],
    );
    assert.deepEqual(calls[0].arg, { env: "dev", workDir: ROOT, create: true });
    assert.deepEqual(calls[1].arg, { path: true, config: { "ipv6-cluster-network:natGateways": { value: "single" } } });
  });

  it("a kubeconfig override removes the old kubernetes key before setting it by path", async () => {
    const { backend, calls } = fakeBackend();
    const file = readStackFile("dev", join(ROOT, "config"));
    await up(
      "dev",
      { kubernetes: { ...(file.values.kubernetes as object), kubeconfig: "apiVersion: v1" } },
      { backend, workDir: ROOT },
    );
    assert.deepEqual(
      calls.map((c) => c.op),
      ["localStack", "removeConfig", "setAllConfig", "up"],
    );
    assert.equal(calls[1].arg, "ipv6-cluster-network:kubernetes");
    const set = (calls[2].arg as { config: Record<string, { secret?: boolean }> }).config;
    assert.deepEqual(
      Object.keys(set).filter((k) => set[k].secret),
      ["ipv6-cluster-network:kubernetes.kubeconfig"],
    );
  });

  it("up returns the outputs as plain values; without overrides no config is set", async () => {
    const { backend, calls } = fakeBackend();
    const r = await up("dev", {}, { backend, workDir: ROOT });
    assert.equal(r.outputs.vpcId, "vpc-123");
    assert.deepEqual(r.outputs.natGatewayIds, { "us-east-1a": "nat-1" });
    assert.deepEqual(r.resourceChanges, { create: 58 });
    assert.deepEqual(
      calls.map((c) => c.op),
      ["localStack", "up"],
    );
  });

  it("destroy and outputs select an existing stack only, and read no config", async () => {
    const { backend, calls } = fakeBackend();
    // A work directory whose stack file no longer validates: destroy does not run the program, so it still works.
    const dir = mkdtempSync(join(tmpdir(), "automation-destroy-"));
    try {
      mkdirSync(join(dir, "config"));
      writeFileSync(
        join(dir, "config", "Pulumi.old.yaml"),
        "config:\n  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.1/16 }\n",
      );
      assert.throws(() => validateOverrides("old", {}, { workDir: dir }), ConfigInvalidError);
      assert.deepEqual(await destroy("old", { backend, workDir: dir }), { resourceChanges: { delete: 58 } });
      assert.deepEqual(await outputs("old", { backend, workDir: dir }), { vpcId: "vpc-123" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.deepEqual(
      calls.map((c) => [c.op, (c.arg as { create?: boolean } | undefined)?.create]),
      [
        ["localStack", false],
        ["destroy", undefined],
        ["localStack", false],
        ["outputs", undefined],
      ],
    );
  });

  it("outputs of a stack that has none (never deployed, or destroyed) is a StackMissingError", async () => {
    const { backend } = fakeBackend({ outputs: async () => ({}) });
    await assert.rejects(
      outputs("dev", { backend, workDir: ROOT }),
      (e: unknown) => e instanceof StackMissingError && /never deployed/.test(e.message),
    );
  });

  it("outputs of a stack the backend does not have is a StackMissingError", async () => {
    const { backend } = fakeBackend();
    backend.localStack = async () => {
      throw cliError("error: no stack named 'dev' found");
    };
    await assert.rejects(
      outputs("dev", { backend, workDir: ROOT }),
      (e: unknown) => e instanceof StackMissingError && /has no stack dev/.test(e.message),
    );
  });

  it("an update that did not succeed is an UpdateFailedError carrying the engine's summary", async () => {
    const { backend } = fakeBackend({
      async up() {
        return {
          stdout: "error: creating EC2 NAT Gateway: NatGatewayLimitExceeded",
          outputs: {},
          summary: { result: "failed" },
        };
      },
    });
    await assert.rejects(
      up("dev", {}, { backend, workDir: ROOT }),
      (e: unknown) => e instanceof UpdateFailedError && /NatGatewayLimitExceeded/.test(e.summary),
    );
  });
});

describe("automation: error mapping", () => {
  const cases: [string, Error, new (...args: never[]) => Error, RegExp][] = [
    [
      "missing CLI",
      cliError("Command failed with ENOENT: pulumi version\nspawn pulumi ENOENT", -2),
      PulumiCliNotFoundError,
      /pulumi CLI was not found.*Install it/,
    ],
    [
      "Pulumi Cloud conflict",
      cliError("error: [409] Conflict: Another update is currently in progress."),
      StackLockedError,
      /pulumi cancel --stack dev/,
    ],
    [
      "file backend lock",
      cliError("error: the stack is currently locked by 1 lock(s)."),
      StackLockedError,
      /locked by another update/,
    ],
    [
      "not logged in",
      cliError("error: PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions"),
      CredentialsError,
      /pulumi login/,
    ],
    [
      "no AWS credentials",
      cliError(
        "error: configuring Terraform AWS Provider: no valid credential sources for Terraform AWS Provider found.",
      ),
      CredentialsError,
      /AWS credentials/,
    ],
    [
      "no such stack",
      cliError("error: no stack named 'organization/ipv6-cluster-network/dev' found"),
      StackMissingError,
      /has no stack dev.*PULUMI_BACKEND_URL/,
    ],
    [
      "no secrets passphrase",
      cliError("error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE"),
      CredentialsError,
      /PULUMI_CONFIG_PASSPHRASE/,
    ],
    [
      "program refused the config at run time",
      cliError(
        "Diagnostics:\n  pulumi:pulumi:Stack (ipv6-cluster-network-dev):\n" +
          "    error: Invalid stack config: 1 problem\n" +
          '  [NODES_INSTANCE_TYPE_NO_IPV6] nodes.instanceTypes[0] = "m1.small": m1.small does not support IPv6\n' +
          "      fix: choose an IPv6-capable type",
      ),
      ConfigInvalidError,
      /NODES_INSTANCE_TYPE_NO_IPV6/,
    ],
    [
      "any other failure",
      cliError("error: update failed\n  aws:ec2:NatGateway (us-east-1a-nat): error: NatGatewayLimitExceeded"),
      UpdateFailedError,
      /NatGatewayLimitExceeded/,
    ],
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
    const m = mapAutomationError(
      cases.find(([, , cls]) => cls === ConfigInvalidError)![1],
      "up",
      "dev",
    ) as ConfigInvalidError;
    assert.deepEqual(
      m.findings.map((f) => [f.code, f.path, f.value]),
      [["NODES_INSTANCE_TYPE_NO_IPV6", "nodes.instanceTypes[0]", "m1.small"]],
    );
  });

  it("the Automation API's own classes map by class: ConcurrentUpdateError, StackNotFoundError", () => {
    const auto = require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
    const locked = cliError("error: [409] Conflict: Another update is currently in progress.");
    const missing = cliError("error: no stack named 'dev' found");
    assert.ok(
      locked instanceof auto.ConcurrentUpdateError && missing instanceof auto.StackNotFoundError,
      "the fakes are the SDK's classes",
    );
    assert.ok(mapAutomationError(locked, "up", "dev") instanceof StackLockedError);
    assert.ok(mapAutomationError(missing, "outputs", "dev") instanceof StackMissingError);
  });

  it("passes this module's own errors through unchanged", () => {
    const e = new StackMissingError("x");
    assert.equal(mapAutomationError(e, "up", "dev"), e);
  });

  it("the real boundary on a machine without the pulumi CLI throws PulumiCliNotFoundError", async function () {
    // A CLI is installed: see the integration test.
    if (spawnSync("pulumi", ["version"]).error === undefined) this.skip();
    await assert.rejects(
      preview("dev", {}, { backend: localWorkspaceBackend(), workDir: ROOT }),
      PulumiCliNotFoundError,
    );
  });
});

describe("automation: inline program", () => {
  it("refuses an invalid config before any stack exists", () => {
    assert.throws(() => inlineProgram({ vpc: { cidrBlock: "10.0.0.0/33" } }), ConfigInvalidError);
  });

  it("declares the same resource graph as program.ts for the same config", async () => {
    const file = readStackFile("prod", join(ROOT, "config"));
    const viaIndex = await runOffline(file, program);
    const viaInline = await runOffline(
      file,
      inlineProgram(file.values as unknown as StackConfigInput, { region: file.region }),
    );
    const shape = (r: typeof viaIndex) =>
      r.resources
        .map((x) => ({ type: x.type, name: x.name, parent: x.parent, inputs: x.inputs, protect: x.protect }))
        .sort((a, b) => `${a.type}${a.name}`.localeCompare(`${b.type}${b.name}`));
    assert.ok(viaIndex.resources.length > 60);
    assert.deepEqual(shape(viaInline), shape(viaIndex));
    assert.deepEqual(viaInline.outputs, viaIndex.outputs);
  });

  it("declares the public component: a service embedding Ipv6ClusterNetwork gets the same resources", async () => {
    const file = readStackFile("prod", join(ROOT, "config"));
    const viaInline = await runOffline(
      file,
      inlineProgram(file.values as unknown as StackConfigInput, { region: file.region }),
    );
    const embedded = await runOffline(file, async () => {
      const args = { ...file.values, region: file.region } as unknown as Ipv6ClusterNetworkArgs;
      return new Ipv6ClusterNetwork("network", args).outputs() as unknown as Promise<Record<string, unknown>>;
    });
    // The same URNs, types, inputs and protect flags; the inline program's resources also carry aliases to
    // where the program of 0.1 registered them (docs/library.md).
    const shape = (r: typeof viaInline) =>
      r.resources
        .map((x) => ({ urn: x.urn, inputs: x.inputs, protect: x.protect }))
        .sort((a, b) => a.urn.localeCompare(b.urn));
    assert.ok(viaInline.resources.some((x) => x.type === "ipv6-cluster-network:index:Ipv6ClusterNetwork"));
    assert.deepEqual(shape(embedded), shape(viaInline));
    assert.deepEqual(embedded.outputs, viaInline.outputs);
    assert.ok(viaInline.resources.some((x) => x.aliases.length > 0));
    // (@pulumi/aws gives its lb resources aliases of their own, to the old elasticloadbalancingv2 module.)
    assert.deepEqual(
      embedded.resources.flatMap((x) => x.aliases).filter((a) => !a.includes("$aws:elasticloadbalancingv2/")),
      [],
    );
  });

  it(
    "installs the add-ons into the cluster of the config it is given, " +
      "on a stack whose config has no kubeconfig (item 14)",
    async () => {
      // An inline stack holds no project config: the kubeconfig exists only in the object the service passes.
      const file = readStackFile("prod", join(ROOT, "config"));
      const kubeconfig = "apiVersion: v1\nkind: Config\nclusters: [{ name: inline }]\n";
      const values = {
        ...file.values,
        kubernetes: { ...(file.values.kubernetes as object), kubeconfig, cni: "calico" },
      } as unknown as StackConfigInput;
      const regionOnly = parseStackFile(`config:\n  aws:region: ${file.region}\n`, "svc", "config/Pulumi.svc.yaml");
      const viaInline = await runOffline(regionOnly, inlineProgram(values, { region: file.region }));
      const provider = viaInline.resources.filter((r) => r.type === "pulumi:providers:kubernetes");
      assert.equal(provider.length, 1);
      // The kubeconfig of the config object, as a secret (Pulumi's wire form of a secret value).
      assert.deepEqual(provider[0].inputs.kubeconfig, {
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        value: kubeconfig,
      });
      assert.ok((viaInline.outputs.addons as string[]).includes("calico"), String(viaInline.outputs.addons));
    },
  );

  it(
    "declares the same graph as program.ts for a stack with a kubeconfig (add-ons included), " +
      "the kubeconfig a secret in both",
    async () => {
      const file = readStackFile("prod", join(ROOT, "config"));
      const text = stringifyYaml({
        config: {
          ...file.all,
          "ipv6-cluster-network:kubernetes": {
            ...(file.values.kubernetes as object),
            kubeconfig: "apiVersion: v1\nkind: Config\n",
            cni: "cilium",
          },
        },
      });
      const withKube = parseStackFile(text, "prod", "config/Pulumi.prod.yaml");
      const viaIndex = await runOffline(withKube, program);
      const viaInline = await runOffline(
        withKube,
        inlineProgram(withKube.values as unknown as StackConfigInput, { region: withKube.region }),
      );
      const shape = (r: typeof viaIndex) =>
        r.resources
          .map((x) => ({ type: x.type, name: x.name, parent: x.parent, inputs: x.inputs, protect: x.protect }))
          .sort((a, b) => `${a.type}${a.name}`.localeCompare(`${b.type}${b.name}`));
      assert.ok(viaIndex.resources.some((r) => r.type === "ipv6-cluster-network:addons:Cilium"));
      assert.deepEqual(shape(viaInline), shape(viaIndex));
      assert.deepEqual(viaInline.outputs, viaIndex.outputs);
    },
  );

  it("previewInline goes through the boundary's inline stack with the project name and region", async () => {
    const { previewInline } = require("../components/automation") as typeof import("../components/automation");
    const { backend, calls } = fakeBackend();
    const file = readStackFile("dev", join(ROOT, "config"));
    await previewInline("svc-dev", file.values as unknown as StackConfigInput, {
      backend,
      projectName: "my-service",
      region: "us-east-1",
    });
    assert.deepEqual(
      calls.map((c) => c.op),
      ["inlineStack", "setAllConfig", "preview"],
    );
    assert.deepEqual(calls[0].arg, { env: "svc-dev", projectName: "my-service" });
  });
});

/** AWS credentials the provider would find (environment, profile, shared files); not checked for validity. */
const hasAwsCredentials = () =>
  !!(
    process.env.AWS_ACCESS_KEY_ID ||
    process.env.AWS_PROFILE ||
    process.env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    existsSync(join(require("node:os").homedir(), ".aws", "credentials"))
  );

describe("automation: integration against a local file backend (opt-in: needs the pulumi CLI)", function () {
  this.timeout(300_000);
  it("previews the dev stack (with AWS credentials), or fails with CredentialsError (without)", async function () {
    if (spawnSync("pulumi", ["version"]).error !== undefined) {
      this.test!.title += " [skipped: no pulumi CLI on PATH]";
      this.skip();
    }
    // A copy of the project, so that `stack init` (which writes the secrets salt) leaves config/ untouched.
    const work = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-work-"));
    const state = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-state-"));
    try {
      mkdirSync(join(work, "config"));
      for (const f of ["Pulumi.yaml", "package.json", join("config", "Pulumi.dev.yaml")])
        cpSync(join(ROOT, f), join(work, f));
      for (const d of ["dist", "node_modules"]) symlinkSync(join(ROOT, d), join(work, d));
      const envVars = {
        PULUMI_BACKEND_URL: `file://${state}`,
        PULUMI_CONFIG_PASSPHRASE: "integration-test",
        PULUMI_SKIP_UPDATE_CHECK: "true",
      };
      const chunks: string[] = [];
      const run = preview("dev", {}, { workDir: work, envVars, onOutput: (s) => chunks.push(s) });
      if (hasAwsCredentials()) {
        const r = await run;
        assert.ok((r.changeSummary.create ?? 0) > 50, JSON.stringify(r.changeSummary));
        assert.ok(chunks.length > 0, "progress was streamed");
      } else {
        await assert.rejects(run, CredentialsError);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
      rmSync(state, { recursive: true, force: true });
    }
  });
});
