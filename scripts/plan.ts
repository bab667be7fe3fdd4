/**
 * npm run plan -- --stack NAME [--config-dir DIR] [--format text|json|markdown] [--svg FILE] [--against REF]
 * npm run plan -- --stack NAME --emit kops|capi|k0s|kubeadm [--out FILE]   (components/offline/emit.ts)
 *
 * The offline plan: validates and plans the stack file once (without loading Pulumi when it is invalid),
 * declares that plan with the program's components under Pulumi's mock runtime, and prints the plan: text
 * for a terminal, one JSON document for machines, markdown for pull requests; `--svg FILE` also writes a
 * diagram of the VPC. Exit 1 with every problem listed (as JSON with --format json) when the config is
 * invalid, 2 on bad usage. `--against REF` prints instead what deploying the stack over REF would do
 * (scripts/diff.ts; exit 3 when it replaces or deletes anything); without it, an uncommitted edit of a tracked
 * stack file that would replace or delete something is warned about after the plan.
 */
import { writeFileSync } from "node:fs";
import { HelpRequested, parseCommandLine, runAsMain, STACK_FLAGS, usage, UsageError, type Command } from "./args";
import { formatFindings, type Finding } from "../components/core/findings";
import type { NetworkPlan } from "../components/core/network-plan";
import type { Installer } from "../components/core/enums";
import { INSTALLER_NAMES } from "../components/core/installers";
import { checkStack } from "../components/offline/check";
import { emitSpec } from "../components/offline/emit";
import { renderMarkdown } from "../components/report/markdown";
import { publicIpv4Lines, publicIpv4Summary, type PublicIpv4Summary } from "../components/report/public-ipv4";
import { renderSvg } from "../components/report/svg";
import { renderTable } from "../components/report/table";

export type Format = "text" | "json" | "markdown";

export interface PlanArgs {
  stack: string;
  configDir: string;
  format: Format;
  svg?: string;
  against?: string;
  /** `--emit`: write this installer's spec instead of the plan. */
  emit?: Installer;
  /** `--out`: where `--emit` writes the spec (stdout when absent). */
  out?: string;
}

export { HelpRequested, UsageError };

export const COMMAND = {
  name: "npm run plan --",
  summary:
    "The offline plan of a stack: the real program under Pulumi mocks (no AWS, no Pulumi CLI). " +
    "Exit 0 valid, 1 invalid config (every problem), 2 bad usage, " +
    "3 (--against) something would be replaced or deleted.",
  flags: {
    ...STACK_FLAGS,
    format: {
      type: "string",
      value: "FORMAT",
      choices: ["text", "json", "markdown"],
      help: "text (default, for a terminal), json (one document on stdout) or markdown (for a pull request)",
    },
    svg: { type: "string", value: "FILE", help: "also write a diagram of the VPC to FILE" },
    against: {
      type: "string",
      value: "REF",
      help:
        "print what deploying the stack over REF would create, update, replace or delete (REF: a git revision, " +
        "a stack file or a `pulumi stack export` file); exit 3 when it replaces or deletes anything",
    },
    emit: {
      type: "string",
      value: "INSTALLER",
      choices: INSTALLER_NAMES,
      help: "instead of the plan, write that installer's spec of a cluster on this network (kops, capi, k0s, kubeadm)",
    },
    out: { type: "string", value: "FILE", help: "with --emit: write the spec to FILE instead of stdout" },
  },
} as const satisfies Command;

/** The plan's flags; throws UsageError (exit 2) or HelpRequested (--help, exit 0). */
export function parseArgs(argv: readonly string[]): PlanArgs {
  const f = parseCommandLine(COMMAND, argv);
  if (f.out !== undefined && f.emit === undefined) throw new UsageError(`--out needs --emit\n${usage(COMMAND)}`);
  if (f.emit !== undefined && (f.format !== undefined || f.svg !== undefined || f.against !== undefined))
    throw new UsageError(
      `--emit writes a spec, not the plan: no --format, --svg or --against with it\n${usage(COMMAND)}`,
    );
  return {
    stack: f.stack as string,
    configDir: f["config-dir"] ?? "config",
    format: (f.format ?? "text") as Format,
    svg: f.svg,
    against: f.against,
    ...(f.emit !== undefined ? { emit: f.emit as Installer } : {}),
    ...(f.out !== undefined ? { out: f.out } : {}),
  };
}

/** The JSON document of `--format json`: stable keys, documented in docs/plan-and-check.md. */
export interface PlanDocument {
  /**
   * Format version of this document. 2: subnets say `ipv6Only` (was `ipv6Native`) and `hasIpv4`/`hasIpv6`,
   * the load balancer `preserveClientIp`; `controlPlane` holds the flags only (the kubeadm configuration is
   * a stack output, rendered with the load balancer's endpoint).
   */
  version: 2;
  stack: string;
  ok: boolean;
  /** Errors and warnings, each with code, path, value, message, fix and severity. */
  findings: Finding[];
  plan?: NetworkPlan;
  /** Custom resources the real program declares, by type. */
  resourceCounts?: Record<string, number>;
  publicIpv4?: PublicIpv4Summary;
}

function fail(args: PlanArgs, findings: Finding[], header: string): number {
  if (args.format === "json") {
    const doc: PlanDocument = { version: 2, stack: args.stack, ok: false, findings };
    process.stdout.write(JSON.stringify(doc, null, 2) + "\n");
  } else {
    process.stderr.write(formatFindings(findings, header) + "\n");
  }
  return 1;
}

/** `npm run plan -- ARGS`: the exit code (errors of the program are reported, not thrown). */
export async function main(argv: readonly string[]): Promise<number> {
  let args: PlanArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(`${e.message}\n`);
      return 0;
    }
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
  try {
    if (args.emit)
      return emitSpec({ stack: args.stack, configDir: args.configDir, installer: args.emit, out: args.out });
    return await plan(args);
  } catch (e) {
    // A RunError from the program is a config problem found at run time: its message is the report.
    process.stderr.write(`${(e as Error).message ?? e}\n`);
    return 1;
  }
}

async function plan(args: PlanArgs): Promise<number> {
  // Checked and planned once, with the offline facts; a broken config is reported by the pure core, before
  // the Pulumi SDK is even loaded.
  const check = checkStack(args.stack, args.configDir);
  if (check.stage === "read") return fail(args, check.findings, `Cannot read ${check.file.path}`);
  const { file, result: checked } = check;
  if (!checked.ok) return fail(args, checked.findings, `Invalid stack config ${file.path}`);
  const diff = require("./diff") as typeof import("./diff");
  if (args.against !== undefined) return diff.runDiff(file, args.against, args.configDir, args.format);
  // The program's network under Pulumi's mocks, with the facts this plan was made with (without the aliases to
  // 0.1: declareChecked says why).
  const resources = await diff.declareChecked(file, check.values, check.facts, { previousNames: false });
  const counts: Record<string, number> = {};
  for (const r of resources) if (r.custom) counts[r.type] = (counts[r.type] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
  const ipv4 = publicIpv4Summary(checked.plan);
  if (args.svg) writeFileSync(args.svg, renderSvg(checked.plan, args.stack));
  if (args.format === "json") {
    const doc: PlanDocument = {
      version: 2,
      stack: args.stack,
      ok: true,
      findings: checked.findings,
      plan: checked.plan,
      resourceCounts: sorted,
      publicIpv4: ipv4,
    };
    process.stdout.write(JSON.stringify(doc, null, 2) + "\n");
  } else if (args.format === "markdown") {
    process.stdout.write(renderMarkdown(checked.plan, args.stack, sorted, ipv4));
  } else {
    process.stdout.write(renderTable(checked.plan, args.stack, sorted, publicIpv4Lines(ipv4)) + "\n");
  }
  const warning = args.format === "json" ? undefined : await diff.headWarning(file, args.configDir, resources);
  // Where people look: after the table in a terminal, in the comment itself for markdown.
  const lines = warning ? diff.headWarningLines(warning, file) : [];
  if (lines.length && args.format === "markdown") process.stdout.write(`\n> ${lines.join("\n> ")}\n`);
  else if (lines.length) process.stderr.write(`\n${lines.join("\n")}\n`);
  return 0;
}

if (require.main === module) runAsMain(main);
