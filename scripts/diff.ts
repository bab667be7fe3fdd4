/**
 * `npm run plan -- --stack NAME --against REF`: what deploying the stack as it is now would do to the stack at
 * REF (a git revision, another stack file, or a `pulumi stack export` state). Both configs run through the
 * program (with its aliases) under Pulumi's mocks; the diff (components/diff) matches resources by URN and
 * judges each changed input by the provider's replacement rules. Exit 3 when anything would be replaced or
 * deleted, so a CI job can stop on it.
 */
import { formatFindings, type Finding } from "../components/core/findings";
import { checkValues } from "../components/offline/check";
import {
  changedSinceHead,
  readBaseline,
  stackFileAtRevision,
  type BaselineSource,
} from "../components/offline/baseline";
import type { StackFile } from "../components/offline/stack-file";
import { destroysSomething, diffGraphs, type GraphDiff } from "../components/diff/diff";
import type { GraphResource } from "../components/diff/graph";
import { deployedValues } from "../components/diff/state";
import type { OfflineOptions } from "../components/offline/mock-runtime";
import type { Facts } from "../components/core/types";
import { renderDiffMarkdown, renderDiffText, shortType, summaryLine } from "../components/report/diff";

/** Exit code of a diff that replaces or deletes something. */
export const EXIT_DESTRUCTIVE = 3;

/** The JSON document of `--against ... --format json` (docs/plan-and-check.md). */
export interface DiffDocument {
  /** Format version of this document. */
  version: 1;
  stack: string;
  against: string;
  ok: boolean;
  /** Whether anything would be replaced or deleted (exit 3). */
  destructive: boolean;
  findings: Finding[];
  diff?: GraphDiff;
}

type Declared = { resources: GraphResource[]; findings: Finding[] } | { resources?: undefined; findings: Finding[] };

/**
 * A checked config declared by the program's network under Pulumi's mocks, with the facts it was planned with:
 * every resource the program would register. The plan and the diff both declare through here. `previousNames`:
 * with the aliases to 0.1's URNs (ProgramNetwork), which a state deployed by 0.1 needs; the plan leaves them out
 * (the same resources, which is all it counts; at ~1,300 resources they cost a fifth of the run).
 */
export async function declareChecked(
  file: StackFile,
  values: Record<string, unknown>,
  facts: Facts,
  options: { previousNames: boolean; offline?: OfflineOptions },
): Promise<GraphResource[]> {
  // Loaded only now: the SDK costs ~0.4 s, and an invalid config never needs it. (require, not import(): the
  // transpile-only build keeps import() as an ES module load.)
  const { runOffline } =
    require("../components/offline/mock-runtime") as typeof import("../components/offline/mock-runtime");
  const lib = require("../components/library/program") as typeof import("../components/library/program");
  type Library = typeof import("../components/library/ipv6-cluster-network");
  const { Ipv6ClusterNetwork } = require("../components/library/ipv6-cluster-network") as Library;
  const Network = options.previousNames ? lib.ProgramNetwork : Ipv6ClusterNetwork;
  const config = { ...values, region: facts.region } as never;
  const run = await runOffline(
    file,
    async () =>
      (await new Network(lib.PROGRAM_NETWORK, config, { facts }).outputs()) as unknown as Record<string, unknown>,
    options.offline,
  );
  return run.resources;
}

/** A stack file's config, checked, declared by the program (with its aliases) under mocks. */
export async function declareStack(file: StackFile, options: OfflineOptions = {}): Promise<Declared> {
  if (file.findings.length) return { findings: file.findings };
  const { facts, result } = checkValues(file.values, file.region);
  if (!result.ok) return { findings: result.findings };
  return {
    resources: await declareChecked(file, file.values, facts, { previousNames: true, offline: options }),
    findings: [],
  };
}

/** The baseline's resources: a state's as recorded, a config's as the program declares it. */
async function baselineGraph(source: BaselineSource): Promise<Declared & { label?: string }> {
  if (source.kind === "error") return { findings: source.findings };
  if (source.kind === "state") return { resources: source.resources, findings: [], label: source.label };
  const declared = await declareStack(source.file);
  return { ...declared, label: source.label };
}

export type DiffOutcome =
  { ok: true; diff: GraphDiff; against: string } | { ok: false; findings: Finding[]; header: string };

/**
 * Diffs the stack file against a baseline source. `declared`: the stack file's resources when the caller has
 * declared them already (the plan has, for its warning), else they are declared here.
 */
export async function diffAgainst(
  current: StackFile,
  source: BaselineSource,
  ref: string,
  declared?: GraphResource[],
): Promise<DiffOutcome> {
  const before = await baselineGraph(source);
  if (!before.resources) return { ok: false, findings: before.findings, header: `Cannot compare with ${ref}` };
  // Against a state, the mocks answer with what AWS gave each resource (ids, the VPC's IPv6 block, ...).
  const deployed = source.kind === "state" ? deployedValues(source.resources) : undefined;
  const after = declared
    ? { resources: declared, findings: [] }
    : await declareStack(current, deployed ? { deployed } : {});
  if (!after.resources) return { ok: false, findings: after.findings, header: `Invalid stack config ${current.path}` };
  return { ok: true, diff: diffGraphs(before.resources, after.resources), against: before.label ?? ref };
}

/** `--against REF`: prints the diff in the format asked for; the exit code. */
export async function runDiff(
  current: StackFile,
  ref: string,
  configDir: string,
  format: "text" | "json" | "markdown",
): Promise<number> {
  const outcome = await diffAgainst(current, readBaseline(ref, current.stack, configDir), ref);
  if (!outcome.ok) {
    if (format === "json") {
      const doc: DiffDocument = {
        version: 1,
        stack: current.stack,
        against: ref,
        ok: false,
        destructive: false,
        findings: outcome.findings,
      };
      process.stdout.write(JSON.stringify(doc, null, 2) + "\n");
    } else process.stderr.write(formatFindings(outcome.findings, outcome.header) + "\n");
    return 1;
  }
  const { diff, against } = outcome;
  const destructive = destroysSomething(diff);
  const header = { stack: current.stack, against };
  if (format === "json") {
    const doc: DiffDocument = { version: 1, stack: current.stack, against, ok: true, destructive, findings: [], diff };
    process.stdout.write(JSON.stringify(doc, null, 2) + "\n");
  } else process.stdout.write(format === "markdown" ? renderDiffMarkdown(diff, header) : renderDiffText(diff, header));
  return destructive ? EXIT_DESTRUCTIVE : 0;
}

/**
 * The plan's own warning: when the stack file is tracked by git and differs from HEAD, what the edit would
 * replace or delete (nothing when it replaces nothing, or when git or the committed file cannot be read).
 */
export async function headWarning(
  current: StackFile,
  configDir: string,
  declared: GraphResource[],
): Promise<GraphDiff | undefined> {
  if (!changedSinceHead(current.stack, configDir)) return undefined;
  // The committed file is declared by the same program: URNs match without aliases, so the plan's run serves.
  const outcome = await diffAgainst(current, stackFileAtRevision(current.stack, configDir, "HEAD"), "HEAD", declared);
  return outcome.ok && destroysSomething(outcome.diff) ? outcome.diff : undefined;
}

/** The warning's lines: one per resource replaced or deleted. */
export function headWarningLines(diff: GraphDiff, file: StackFile): string[] {
  const destroyed = diff.changes.filter((c) => c.action === "replace" || c.action === "delete");
  return [
    `WARNING: the uncommitted edit of ${file.path} replaces or deletes deployed resources (${summaryLine(diff)}):`,
    ...destroyed.map((c) => {
      const forcing = c.changes.filter((x) => x.replaces).map((x) => x.input);
      const why = forcing.length ? ` (${forcing.join(", ")} cannot change in place)` : "";
      return `  ${c.action} ${shortType(c.type)} ${c.name}${why}`;
    }),
    `  every change: npm run plan -- --stack ${file.stack} --against HEAD`,
  ];
}
