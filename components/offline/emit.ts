/**
 * `npm run plan -- --stack NAME --emit kops|capi|k0s|kubeadm [--out FILE]`: one installer's spec of a cluster on the
 * stack's network, offline. The stack is checked as `config:check` checks it, with that installer's checks too
 * (whether or not `kubernetes.installers` lists it): any error refuses the spec (exit 1, every problem listed).
 * Values only a deployment knows are placeholders, and the notice names each one: on stderr when the spec goes to
 * stdout, on stdout when it goes to FILE. No Pulumi is loaded.
 */
import { writeFileSync } from "node:fs";
import type { Installer } from "../core/enums";
import { formatFindings, type Finding } from "../core/findings";
import { clusterNameOf, INSTALLERS, renderInstaller, type RenderedSpec } from "../core/installers";
import { planNetwork, type PlanResult } from "../core/plan";
import type { Facts } from "../core/types";
import { checkStack } from "./check";

/** What `--emit` is given. */
export interface EmitArgs {
  stack: string;
  configDir: string;
  installer: Installer;
  /** Where the spec goes; stdout when absent. */
  out?: string;
}

/** Where `--emit` writes (the process's streams and files; tests pass their own). */
export interface EmitIo {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(path: string, text: string): void;
}

const PROCESS_IO: EmitIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  writeFile: (p, t) => writeFileSync(p, t),
};

/** The stack's values with `kubernetes.installers` replaced by `installers`. */
function withInstallers(values: Record<string, unknown>, installers: Installer[]): Record<string, unknown> {
  const k = values.kubernetes;
  const kubernetes = k && typeof k === "object" && !Array.isArray(k) ? k : {};
  return { ...values, kubernetes: { ...kubernetes, installers } };
}

const key = (f: Finding) => `${f.code} ${f.path} ${f.message}`;

/**
 * The plan with this installer listed alone, and the findings its checks add (what the plan with no installer
 * listed does not have): its refusals and warnings, whatever else the stack lists.
 */
function planFor(values: Record<string, unknown>, facts: Facts, installer: Installer) {
  const without = new Set(planNetwork(withInstallers(values, []), facts).findings.map(key));
  const result: PlanResult = planNetwork(withInstallers(values, [installer]), facts);
  return { result, own: result.findings.filter((f) => !without.has(key(f))) };
}

/** The notice: what the spec is, its placeholders, the installer's warnings. */
function notice(args: EmitArgs, spec: RenderedSpec, warnings: Finding[], listed: boolean): string {
  const label = INSTALLERS[args.installer].label;
  const where = args.out ? `written to ${args.out}` : "on stdout";
  const lines = [`${label} spec of stack ${args.stack} (offline, nothing deployed) ${where}.`];
  const deployment = spec.placeholders.filter((p) => p.endsWith(": known after deployment>"));
  const yours = spec.placeholders.filter((p) => !deployment.includes(p));
  if (deployment.length) {
    const after = listed
      ? "the stack's installerSpecs output has them once deployed"
      : `list ${args.installer} in kubernetes.installers, and the stack's installerSpecs output has them once deployed`;
    lines.push(`${deployment.length} placeholder(s) known only after deployment (${after}):`);
    for (const p of deployment) lines.push(`  ${p}`);
  }
  if (yours.length) {
    lines.push(`${yours.length} placeholder(s) yours to fill in:`);
    for (const p of yours) lines.push(`  ${p}`);
  }
  if (!spec.placeholders.length) lines.push("No placeholders: every value is known before deployment.");
  for (const w of warnings) lines.push(`  warning [${w.code}] ${w.path}: ${w.message}`, `      fix: ${w.fix}`);
  return lines.join("\n") + "\n";
}

/** Runs `--emit`: the exit code (0 spec written, 1 refused or unreadable). */
export function emitSpec(args: EmitArgs, io: EmitIo = PROCESS_IO): number {
  const check = checkStack(args.stack, args.configDir);
  if (check.stage === "read") {
    io.stderr(formatFindings(check.findings, `Cannot read ${check.file.path}`) + "\n");
    return 1;
  }
  if (!check.result.ok) {
    io.stderr(formatFindings(check.result.findings, `Invalid stack config ${check.file.path}`) + "\n");
    return 1;
  }
  const label = INSTALLERS[args.installer].label;
  const { result, own } = planFor(check.values, check.facts, args.installer);
  if (!result.ok) {
    io.stderr(formatFindings(result.findings, `${label} refuses stack ${args.stack} (${check.file.path})`) + "\n");
    return 1;
  }
  const spec = renderInstaller(args.installer, { plan: result.plan, clusterName: clusterNameOf(args.stack) });
  const listed = check.result.plan.installers.includes(args.installer);
  const text = notice(args, spec, own, listed);
  if (args.out) {
    io.writeFile(args.out, spec.yaml);
    io.stdout(text);
  } else {
    io.stdout(spec.yaml);
    io.stderr(text);
  }
  return 0;
}
