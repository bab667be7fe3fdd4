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
import { formatFindings } from "../core/findings";
import { planNetwork } from "../core/plan";
import { PROJECT } from "../core/parse";
import type { StackConfig } from "../core/schema";
import type { Facts } from "../core/types";
import { offlineFacts, readStackFile } from "../offline/stack-file";
import type { ClusterOutputs } from "../program/declare";
import { ConfigInvalidError, mapAutomationError } from "./errors";

export * from "./errors";

/** Whole top-level keys of the stack config to replace for this run (same shapes as the stack file). */
export type ConfigOverrides = Partial<StackConfig> & { region?: string };

/** The stack outputs, as plain values. */
export type StackOutputs = pulumi.Unwrap<ClusterOutputs>;

/** One config value as the Automation API sets it. */
export interface ConfigEntry {
  value: string;
  secret?: boolean;
}

/** The part of an Automation API `Stack` this module uses: the boundary tests replace with a fake. */
export interface StackHandle {
  setAllConfig(config: Record<string, ConfigEntry>): Promise<void>;
  preview(opts: EngineCallbacks): Promise<{ stdout: string; changeSummary?: Record<string, number> }>;
  up(opts: EngineCallbacks): Promise<{ stdout: string; outputs: Record<string, { value: unknown; secret: boolean }>; summary: { result: string; resourceChanges?: Record<string, number> } }>;
  destroy(opts: EngineCallbacks): Promise<{ stdout: string; summary: { result: string; resourceChanges?: Record<string, number> } }>;
  outputs(): Promise<Record<string, { value: unknown; secret: boolean }>>;
}

export interface EngineCallbacks {
  /** Each chunk of the CLI's human-readable progress. */
  onOutput?: (text: string) => void;
  /** Each structured engine event (resource pre/outputs, diagnostics, summary). */
  onEvent?: (event: unknown) => void;
}

/** Selects or creates a stack: the CLI boundary. The default uses `LocalWorkspace`. */
export interface PulumiBackend {
  /** A stack of this project's directory (`Pulumi.yaml`, `config/`). */
  localStack(env: string, workDir: string): Promise<StackHandle>;
  /** A stack whose program is `program` (no project directory). */
  inlineStack(env: string, projectName: string, program: () => Promise<Record<string, unknown>>): Promise<StackHandle>;
}

export interface AutomationOptions extends EngineCallbacks {
  /** The project directory (holds Pulumi.yaml and config/). Default: this package's root. */
  workDir?: string;
  /** Facts for validating overrides before the run. Default: what the offline plan assumes (from the file). */
  facts?: Facts;
  /** The CLI boundary. Default: the Automation API's LocalWorkspace. */
  backend?: PulumiBackend;
  /** Directory of the `pulumi` binary to use instead of the one on PATH (e.g. ~/.pulumi/versions/3.x/bin/..). */
  pulumiCommand?: string;
}

/** This package's root (dist/components/automation -> root, or components/automation -> root under tsx). */
function packageRoot(): string {
  const up = __dirname.includes(`${join("dist", "components")}`) ? ["..", "..", ".."] : ["..", ".."];
  return join(__dirname, ...up);
}

/** The Automation API, loaded on first use. */
export function localWorkspaceBackend(pulumiCommand?: string): PulumiBackend {
  const auto = () => require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
  const opts = async () => (pulumiCommand ? { pulumiCommand: await auto().PulumiCommand.get({ root: pulumiCommand }) } : {});
  return {
    async localStack(env, workDir) {
      return (await auto().LocalWorkspace.createOrSelectStack({ stackName: env, workDir }, await opts())) as unknown as StackHandle;
    },
    async inlineStack(env, projectName, program) {
      return (await auto().LocalWorkspace.createOrSelectStack({ stackName: env, projectName, program }, await opts())) as unknown as StackHandle;
    },
  };
}

/**
 * Overrides as the Automation API sets them: one entry per top-level key, objects as JSON (the program
 * parses them back, components/program/config.ts), the whole `kubernetes` key secret when it carries a
 * kubeconfig.
 */
export function overridesToConfig(overrides: ConfigOverrides): Record<string, ConfigEntry> {
  const out: Record<string, ConfigEntry> = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (key === "region") {
      out["aws:region"] = { value: String(value) };
      continue;
    }
    const secret = key === "kubernetes" && (value as { kubeconfig?: unknown }).kubeconfig !== undefined;
    out[`${PROJECT}:${key}`] = { value: typeof value === "string" ? value : JSON.stringify(value), ...(secret ? { secret: true } : {}) };
  }
  return out;
}

/**
 * The stack file's values with the overrides applied, checked by the pure planner. Throws
 * ConfigInvalidError (every problem) before any CLI call.
 */
export function validateOverrides(env: string, overrides: ConfigOverrides, options: Pick<AutomationOptions, "workDir" | "facts"> = {}): Record<string, unknown> {
  const workDir = options.workDir ?? packageRoot();
  const file = readStackFile(env, join(workDir, "config"));
  const missing = file.findings.some((f) => f.code === "STACK_NOT_FOUND");
  if (file.findings.length && !missing) throw new ConfigInvalidError(formatFindings(file.findings, `Cannot read ${file.path}`), file.findings);
  const { region, ...keys } = overrides;
  const values = { ...file.values, ...Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined)) };
  const facts = options.facts ?? offlineFacts({ values, region: region ?? file.region });
  const result = planNetwork(values, facts);
  if (!result.ok) throw new ConfigInvalidError(formatFindings(result.findings, `Invalid stack config for ${env} (${missing ? "overrides only" : `${file.path} with overrides`})`), result.findings);
  return values;
}

async function withStack<T>(action: string, env: string, overrides: ConfigOverrides, options: AutomationOptions, f: (s: StackHandle) => Promise<T>): Promise<T> {
  validateOverrides(env, overrides, options);
  const backend = options.backend ?? localWorkspaceBackend(options.pulumiCommand);
  try {
    const stack = await backend.localStack(env, options.workDir ?? packageRoot());
    const config = overridesToConfig(overrides);
    if (Object.keys(config).length) await stack.setAllConfig(config);
    return await f(stack);
  } catch (e) {
    throw mapAutomationError(e, action, env);
  }
}

const callbacks = (o: AutomationOptions): EngineCallbacks => ({ onOutput: o.onOutput, onEvent: o.onEvent });
const plain = (outputs: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value])) as StackOutputs;

/** What a preview would change, by operation (create, update, delete, same, ...). */
export async function preview(env: string, overrides: ConfigOverrides = {}, options: AutomationOptions = {}): Promise<{ changeSummary: Record<string, number>; stdout: string }> {
  return withStack("preview", env, overrides, options, async (s) => {
    const r = await s.preview(callbacks(options));
    return { changeSummary: r.changeSummary ?? {}, stdout: r.stdout };
  });
}

/** Deploys the environment and returns its outputs. */
export async function up(env: string, overrides: ConfigOverrides = {}, options: AutomationOptions = {}): Promise<{ outputs: StackOutputs; resourceChanges: Record<string, number> }> {
  return withStack("up", env, overrides, options, async (s) => {
    const r = await s.up(callbacks(options));
    if (r.summary.result !== "succeeded") throw new Error(`update ${r.summary.result}\n${r.stdout}`);
    return { outputs: plain(r.outputs), resourceChanges: r.summary.resourceChanges ?? {} };
  });
}

/** Deletes every resource of the environment (protected ones make it fail: unprotect them first). */
export async function destroy(env: string, options: AutomationOptions = {}): Promise<{ resourceChanges: Record<string, number> }> {
  return withStack("destroy", env, {}, options, async (s) => {
    const r = await s.destroy(callbacks(options));
    return { resourceChanges: r.summary.resourceChanges ?? {} };
  });
}

/** The environment's current outputs (no deployment). */
export async function outputs(env: string, options: AutomationOptions = {}): Promise<StackOutputs> {
  const backend = options.backend ?? localWorkspaceBackend(options.pulumiCommand);
  try {
    const s = await backend.localStack(env, options.workDir ?? packageRoot());
    return plain(await s.outputs());
  } catch (e) {
    throw mapAutomationError(e, "outputs", env);
  }
}

/**
 * A Pulumi program for services that embed the components: plans `config` (validated first: a
 * ConfigInvalidError is thrown here, before any stack exists) and declares the cluster network with
 * the facts AWS gives at run time.
 */
export function inlineProgram(config: StackConfig, options: { region?: string; facts?: Facts } = {}): () => Promise<Record<string, unknown>> {
  const values = config as unknown as Record<string, unknown>;
  const facts = options.facts ?? offlineFacts({ values, region: options.region });
  const checked = planNetwork(values, facts);
  if (!checked.ok) throw new ConfigInvalidError(formatFindings(checked.findings, "Invalid stack config"), checked.findings);
  return async () => {
    const p = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const { runProgram } = require("../program/run") as typeof import("../program/run");
    return runProgram({ values, region: options.region ?? new p.Config("aws").get("region") }) as unknown as Record<string, unknown>;
  };
}

export interface InlineOptions extends AutomationOptions {
  /** The Pulumi project name of the inline stack (default: ipv6-cluster-network). */
  projectName?: string;
  /** AWS region of the stack (sets aws:region). */
  region?: string;
}

async function inlineRun<T>(action: string, env: string, config: StackConfig, options: InlineOptions, f: (s: StackHandle) => Promise<T>): Promise<T> {
  const program = inlineProgram(config, { region: options.region, facts: options.facts });
  const backend = options.backend ?? localWorkspaceBackend(options.pulumiCommand);
  try {
    const stack = await backend.inlineStack(env, options.projectName ?? PROJECT, program);
    if (options.region) await stack.setAllConfig({ "aws:region": { value: options.region } });
    return await f(stack);
  } catch (e) {
    throw mapAutomationError(e, action, env);
  }
}

/** Preview of an inline stack built from `config` alone. */
export function previewInline(env: string, config: StackConfig, options: InlineOptions = {}) {
  return inlineRun("preview", env, config, options, async (s) => {
    const r = await s.preview(callbacks(options));
    return { changeSummary: r.changeSummary ?? {}, stdout: r.stdout };
  });
}

/** Deploys an inline stack built from `config` alone and returns its outputs. */
export function upInline(env: string, config: StackConfig, options: InlineOptions = {}) {
  return inlineRun("up", env, config, options, async (s) => {
    const r = await s.up(callbacks(options));
    if (r.summary.result !== "succeeded") throw new Error(`update ${r.summary.result}\n${r.stdout}`);
    return { outputs: plain(r.outputs), resourceChanges: r.summary.resourceChanges ?? {} };
  });
}
