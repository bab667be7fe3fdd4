/**
 * The Automation API entry point for services: preview, up, destroy and read the outputs of an
 * environment (a stack of this project, `config/Pulumi.<env>.yaml`), with typed config overrides that
 * are validated by the same pure planner as the files before the CLI is ever called; and an inline
 * program for services that embed the components without this repository's `index.ts`.
 *
 *   import { up, ConfigInvalidError } from "ipv6-cluster-network/automation";
 *   const out = await up("staging", { natGateways: "single" }, { onOutput: (s) => log.write(s) });
 *
 * The Pulumi SDK is loaded only when a stack is actually driven, so importing this module is cheap.
 */
import { join } from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { formatFindings, type Finding } from "../core/findings";
import { PROJECT } from "../core/parse";
import type { StackConfigInput } from "../core/schema";
import type { Facts } from "../core/types";
import { checkStack, checkValues } from "../offline/check";
import type { ClusterOutputs } from "../program/declare";
import { ConfigInvalidError, mapAutomationError, StackMissingError } from "./errors";

export * from "./errors";
// The types of this entry's signatures, so that a caller can name them without a second import.
export type { Facts, Finding, StackConfigInput, ClusterOutputs };

/** `kubernetes` as an override: the kubeconfig as plain text (it is stored encrypted). */
export type KubernetesOverride = Omit<NonNullable<StackConfigInput["kubernetes"]>, "kubeconfig"> & {
  /** Plain-text kubeconfig of the cluster the add-ons go into; written to the stack file as a secret. */
  kubeconfig?: string;
};

/** Whole top-level keys of the stack config to replace (same shapes as the stack file), and the region. */
export type ConfigOverrides = Partial<Omit<StackConfigInput, "kubernetes">> & {
  /** Replaces the whole `kubernetes` key. */
  kubernetes?: KubernetesOverride;
  /** AWS region (`aws:region`). */
  region?: string;
};

/** The stack outputs, as plain values. */
export type StackOutputs = pulumi.Unwrap<ClusterOutputs>;

/** One config value as the Automation API sets it. */
export interface ConfigEntry {
  /** The value as text (objects and lists as JSON). */
  value: string;
  /** Whether Pulumi stores it encrypted. */
  secret?: boolean;
}

/** What overrides do to a stack's config, in order: remove these keys, then `setAllConfig(set, path = true)`. */
export interface ConfigChanges {
  /** Keys removed first: keys about to be rewritten leaf by leaf (a path set would merge into the old value). */
  remove: string[];
  /**
   * One entry per top-level key (objects as JSON text; a one-segment path is set verbatim), or, for a
   * key holding a secret, one entry per leaf by path (`ipv6-cluster-network:kubernetes.podCIDRs[0]`).
   */
  set: Record<string, ConfigEntry>;
}

/** What an update or destroy reports: its result and how many resources each operation touched. */
export type EngineResult = { result: string; resourceChanges?: Record<string, number> };

/** The part of an Automation API `Stack` this module uses: the boundary tests replace with a fake. */
export interface StackHandle {
  /** Sets config values by key (`path`: keys are `--path` paths). */
  setAllConfig(config: Record<string, ConfigEntry>, path?: boolean): Promise<void>;
  /** Removes one config key. */
  removeConfig(key: string, path?: boolean): Promise<void>;
  /** Previews an update: the CLI's output and how many resources each operation would touch. */
  preview(opts: EngineCallbacks): Promise<{ stdout: string; changeSummary?: Record<string, number> }>;
  /** Runs an update: the CLI's output, the stack's outputs and the engine's summary. */
  up(
    opts: EngineCallbacks,
  ): Promise<{ stdout: string; outputs: Record<string, { value: unknown; secret: boolean }>; summary: EngineResult }>;
  /** Destroys every resource of the stack: the CLI's output and the engine's summary. */
  destroy(opts: EngineCallbacks): Promise<{ stdout: string; summary: EngineResult }>;
  /** The stack's outputs as last deployed, by name. */
  outputs(): Promise<Record<string, { value: unknown; secret: boolean }>>;
}

/** Where a run's progress goes while the engine works. */
export interface EngineCallbacks {
  /** Each chunk of the CLI's human-readable progress. */
  onOutput?: (text: string) => void;
  /** Each structured engine event (resource pre/outputs, diagnostics, summary). */
  onEvent?: (event: unknown) => void;
}

/** Selects or creates a stack: the CLI boundary. The default uses `LocalWorkspace`. */
export interface PulumiBackend {
  /**
   * A stack of this project's directory (`Pulumi.yaml`, `config/`). `create: false` selects an existing
   * stack only (outputs, destroy): the Automation API's StackNotFoundError when there is none.
   */
  localStack(env: string, workDir: string, options: { create: boolean }): Promise<StackHandle>;
  /** A stack whose program is `program` (no project directory). */
  inlineStack(env: string, projectName: string, program: () => Promise<Record<string, unknown>>): Promise<StackHandle>;
}

/** Options of the functions that drive a stack of this project's directory (preview, up, destroy, outputs). */
export interface AutomationOptions extends EngineCallbacks {
  /** The project directory (holds Pulumi.yaml and config/). Default: this package's root. */
  workDir?: string;
  /** Facts for validating overrides before the run. Default: what the offline plan assumes (from the file). */
  facts?: Facts;
  /** The CLI boundary. Default: the Automation API's LocalWorkspace. */
  backend?: PulumiBackend;
  /** Directory of the `pulumi` binary to use instead of the one on PATH (e.g. ~/.pulumi/versions/3.x/bin/..). */
  pulumiCommand?: string;
  /** Environment of the CLI for this call (e.g. PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE, AWS_PROFILE). */
  envVars?: Record<string, string>;
}

/** This package's root (dist/components/automation -> root, or components/automation -> root under tsx). */
function packageRoot(): string {
  const up = __dirname.includes(`${join("dist", "components")}`) ? ["..", "..", ".."] : ["..", ".."];
  return join(__dirname, ...up);
}

/** The Automation API, loaded on first use (importing this module does not load the Pulumi SDK). */
export function localWorkspaceBackend(
  options: Pick<AutomationOptions, "pulumiCommand" | "envVars"> = {},
): PulumiBackend {
  const auto = () => require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
  const opts = async () => ({
    ...(options.pulumiCommand
      ? { pulumiCommand: await auto().PulumiCommand.get({ root: options.pulumiCommand }) }
      : {}),
    ...(options.envVars ? { envVars: options.envVars } : {}),
  });
  return {
    async localStack(env, workDir, { create }) {
      const { LocalWorkspace } = auto();
      const args = { stackName: env, workDir };
      return (await (create
        ? LocalWorkspace.createOrSelectStack(args, await opts())
        : LocalWorkspace.selectStack(args, await opts()))) as unknown as StackHandle;
    },
    async inlineStack(env, projectName, program) {
      return (await auto().LocalWorkspace.createOrSelectStack(
        { stackName: env, projectName, program },
        await opts(),
      )) as unknown as StackHandle;
    },
  };
}

/** The config key of a top-level key of the namespace. */
const configKey = (key: string) => `${PROJECT}:${key}`;

/**
 * Leaf entries of `value` under `path` in `pulumi config set --path` syntax. Empty lists and maps have
 * no leaf and are left out (normalizeOverrides drops them before validation, so what is checked is
 * what is stored). The CLI types a path leaf "true"/"false" as a boolean and digits as an integer: the
 * right types for kubernetes' booleans and mask sizes; its strings (enums, CIDRs) never look like that.
 */
function leaves(path: string, value: unknown, secretKeys: ReadonlySet<string>, out: Record<string, ConfigEntry>): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => leaves(`${path}[${i}]`, v, secretKeys, out));
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const segment = /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
      leaves(`${path}${segment}`, v, secretKeys, out);
    }
  } else if (value !== undefined) {
    out[path] = { value: String(value), ...(secretKeys.has(path) ? { secret: true } : {}) };
  }
}

/** Drops empty lists and maps, recursively (they cannot be written by path). */
function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value)
    .map(([k, v]) => [k, withoutEmpty(v)] as const)
    .filter(([, v]) => !(v !== null && typeof v === "object" && Object.keys(v).length === 0));
  return Object.fromEntries(entries);
}

/**
 * Overrides as they will be stored: undefined keys dropped; a `kubernetes` that carries a kubeconfig is
 * written leaf by leaf (so that only the kubeconfig is encrypted), which cannot hold empty lists or maps.
 */
export function normalizeOverrides(overrides: ConfigOverrides): ConfigOverrides {
  const out = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as ConfigOverrides;
  if (out.kubernetes?.kubeconfig !== undefined) {
    // A type error from plain JavaScript callers: an encrypted `{ secure }` cannot be re-set through the CLI.
    if (typeof out.kubernetes.kubeconfig !== "string")
      throw new TypeError(
        "overrides.kubernetes.kubeconfig must be the kubeconfig's plain text (it is encrypted when stored)",
      );
    out.kubernetes = withoutEmpty(out.kubernetes) as KubernetesOverride;
  }
  return out;
}

/**
 * Overrides as the Automation API sets them. Each top-level key is replaced whole, as one value: objects
 * and lists as JSON text, which the program (components/program/config.ts), the offline plan and the
 * config check all parse back. A `kubernetes` key carrying a kubeconfig is instead removed and rewritten
 * leaf by leaf with only `kubernetes.kubeconfig` secret, as `pulumi config set --secret --path` would:
 * an encrypted whole key (`kubernetes: { secure: ... }`) could no longer be read, or checked, offline.
 */
export function overridesToConfig(overrides: ConfigOverrides): ConfigChanges {
  const changes: ConfigChanges = { remove: [], set: {} };
  for (const [key, value] of Object.entries(normalizeOverrides(overrides))) {
    if (key === "region") {
      changes.set["aws:region"] = { value: String(value) };
    } else if (key === "kubernetes" && (value as KubernetesOverride).kubeconfig !== undefined) {
      changes.remove.push(configKey(key));
      leaves(configKey(key), value, new Set([`${configKey(key)}.kubeconfig`]), changes.set);
    } else {
      changes.set[configKey(key)] = { value: typeof value === "string" ? value : JSON.stringify(value) };
    }
  }
  return changes;
}

/** Applies overrides to a stack: removals first, then one `pulumi config set-all --path`. */
async function applyChanges(stack: StackHandle, changes: ConfigChanges): Promise<void> {
  for (const key of changes.remove) await stack.removeConfig(key);
  if (Object.keys(changes.set).length) await stack.setAllConfig(changes.set, true);
}

/**
 * The stack file's values with the overrides applied, checked by the pure planner. Throws
 * ConfigInvalidError (every problem) before any CLI call.
 */
export function validateOverrides(
  env: string,
  overrides: ConfigOverrides,
  options: Pick<AutomationOptions, "workDir" | "facts"> = {},
): Record<string, unknown> {
  const { region, ...keys } = normalizeOverrides(overrides);
  const check = checkStack(env, join(options.workDir ?? packageRoot(), "config"), {
    overrides: keys,
    region,
    facts: options.facts,
    allowMissingFile: true,
  });
  if (check.stage === "read") {
    throw new ConfigInvalidError(formatFindings(check.findings, `Cannot read ${check.file.path}`), check.findings);
  }
  if (!check.result.ok) {
    const what = check.missingFile ? "overrides only" : `${check.file.path} with overrides`;
    const header = `Invalid stack config for ${env} (${what})`;
    throw new ConfigInvalidError(formatFindings(check.result.findings, header), check.result.findings);
  }
  return check.values;
}

/** Validates, then selects (or creates) the stack and applies the overrides: no CLI call for bad config. */
async function withStack<T>(
  action: string,
  env: string,
  overrides: ConfigOverrides,
  options: AutomationOptions,
  f: (s: StackHandle) => Promise<T>,
): Promise<T> {
  validateOverrides(env, overrides, options);
  const changes = overridesToConfig(overrides);
  try {
    const stack = await backendOf(options).localStack(env, options.workDir ?? packageRoot(), { create: true });
    await applyChanges(stack, changes);
    return await f(stack);
  } catch (e) {
    throw mapAutomationError(e, action, env);
  }
}

/** An existing stack only (no config is read, nothing is validated: the program does not run). */
async function withExistingStack<T>(
  action: string,
  env: string,
  options: AutomationOptions,
  f: (s: StackHandle) => Promise<T>,
): Promise<T> {
  try {
    return await f(await backendOf(options).localStack(env, options.workDir ?? packageRoot(), { create: false }));
  } catch (e) {
    throw mapAutomationError(e, action, env);
  }
}

const backendOf = (o: AutomationOptions) => o.backend ?? localWorkspaceBackend(o);
const callbacks = (o: AutomationOptions): EngineCallbacks => ({ onOutput: o.onOutput, onEvent: o.onEvent });
const plain = (outputs: Record<string, { value: unknown }>) =>
  Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value])) as StackOutputs;

/** What a preview would change, by operation (create, update, delete, same, ...). */
export async function preview(
  env: string,
  overrides: ConfigOverrides = {},
  options: AutomationOptions = {},
): Promise<{ changeSummary: Record<string, number>; stdout: string }> {
  return withStack("preview", env, overrides, options, async (s) => {
    const r = await s.preview(callbacks(options));
    return { changeSummary: r.changeSummary ?? {}, stdout: r.stdout };
  });
}

/** Deploys the environment and returns its outputs. */
export async function up(
  env: string,
  overrides: ConfigOverrides = {},
  options: AutomationOptions = {},
): Promise<{ outputs: StackOutputs; resourceChanges: Record<string, number> }> {
  return withStack("up", env, overrides, options, async (s) => {
    const r = await s.up(callbacks(options));
    if (r.summary.result !== "succeeded") throw new Error(`update ${r.summary.result}\n${r.stdout}`);
    return { outputs: plain(r.outputs), resourceChanges: r.summary.resourceChanges ?? {} };
  });
}

/**
 * Deletes every resource of the environment (protected ones make it fail: set `protect: false` and run
 * up first). The stack must exist; the stack file is not validated, so a config that no longer passes
 * the checks can still be torn down (destroy does not run the program).
 */
export async function destroy(
  env: string,
  options: AutomationOptions = {},
): Promise<{ resourceChanges: Record<string, number> }> {
  return withExistingStack("destroy", env, options, async (s) => {
    const r = await s.destroy(callbacks(options));
    if (r.summary.result !== "succeeded") throw new Error(`destroy ${r.summary.result}\n${r.stdout}`);
    return { resourceChanges: r.summary.resourceChanges ?? {} };
  });
}

/** The environment's current outputs (no deployment). StackMissingError when it has none. */
export async function outputs(env: string, options: AutomationOptions = {}): Promise<StackOutputs> {
  return withExistingStack("outputs", env, options, async (s) => {
    const out = await s.outputs();
    // A successful up always exports the cluster outputs: none means never deployed, or destroyed.
    if (Object.keys(out).length === 0)
      throw new StackMissingError(
        `outputs ${env}: the stack has no outputs: it was never deployed, or was destroyed. Run up first`,
      );
    return plain(out);
  });
}

/**
 * A Pulumi program for services that embed the components: plans `config` (validated first: a
 * ConfigInvalidError is thrown here, before any stack exists) and declares the cluster network with
 * the facts AWS gives at run time.
 */
export function inlineProgram(
  config: StackConfigInput,
  options: { region?: string; facts?: Facts } = {},
): () => Promise<Record<string, unknown>> {
  const values = config as unknown as Record<string, unknown>;
  const { result: checked } = checkValues(values, options.region, options.facts);
  if (!checked.ok)
    throw new ConfigInvalidError(formatFindings(checked.findings, "Invalid stack config"), checked.findings);
  return async () => {
    const p = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const { runProgram } = require("../library/program") as typeof import("../library/program");
    return runProgram({ values, region: options.region ?? new p.Config("aws").get("region") }) as unknown as Record<
      string,
      unknown
    >;
  };
}

/**
 * Options of previewInline and upInline: those of AutomationOptions, the inline stack's project name and its
 * region.
 */
export interface InlineOptions extends AutomationOptions {
  /** The Pulumi project name of the inline stack (default: ipv6-cluster-network). */
  projectName?: string;
  /** AWS region of the stack (sets aws:region). */
  region?: string;
}

async function inlineRun<T>(
  action: string,
  env: string,
  config: StackConfigInput,
  options: InlineOptions,
  f: (s: StackHandle) => Promise<T>,
): Promise<T> {
  const program = inlineProgram(config, { region: options.region, facts: options.facts });
  try {
    const stack = await backendOf(options).inlineStack(env, options.projectName ?? PROJECT, program);
    if (options.region) await stack.setAllConfig({ "aws:region": { value: options.region } });
    return await f(stack);
  } catch (e) {
    throw mapAutomationError(e, action, env);
  }
}

/** Preview of an inline stack built from `config` alone. */
export function previewInline(env: string, config: StackConfigInput, options: InlineOptions = {}) {
  return inlineRun("preview", env, config, options, async (s) => {
    const r = await s.preview(callbacks(options));
    return { changeSummary: r.changeSummary ?? {}, stdout: r.stdout };
  });
}

/** Deploys an inline stack built from `config` alone and returns its outputs. */
export function upInline(env: string, config: StackConfigInput, options: InlineOptions = {}) {
  return inlineRun("up", env, config, options, async (s) => {
    const r = await s.up(callbacks(options));
    if (r.summary.result !== "succeeded") throw new Error(`update ${r.summary.result}\n${r.stdout}`);
    return { outputs: plain(r.outputs), resourceChanges: r.summary.resourceChanges ?? {} };
  });
}
