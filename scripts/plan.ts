/**
 * npm run plan -- --stack NAME [--config-dir DIR]
 *
 * The offline plan: validates the stack file (without loading Pulumi when it is invalid), then runs the
 * real program under Pulumi's mock runtime and prints the address plan, routes and resources. Exit 1 with
 * every problem listed when the config is invalid.
 */
import { formatFindings } from "../components/core/findings";
import { planNetwork } from "../components/core/plan";
import { offlineFacts, readStackFile } from "../components/offline/stack-file";
import { renderTable } from "../components/report/table";

export interface PlanArgs {
  stack: string;
  configDir: string;
}

export function parseArgs(argv: string[]): PlanArgs {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const stack = get("--stack");
  if (!stack) throw new UsageError("usage: npm run plan -- --stack NAME [--config-dir DIR]");
  return { stack, configDir: get("--config-dir") ?? "config" };
}

export class UsageError extends Error {}

async function main(): Promise<number> {
  let args: PlanArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const file = readStackFile(args.stack, args.configDir);
  if (file.findings.length) {
    process.stderr.write(formatFindings(file.findings, `Cannot read ${file.path}`) + "\n");
    return 1;
  }
  // Fast path: a broken config is reported by the pure core, before the Pulumi SDK is even loaded.
  const checked = planNetwork(file.values, offlineFacts(file));
  if (!checked.ok) {
    process.stderr.write(formatFindings(checked.findings, `Invalid stack config ${file.path}`) + "\n");
    return 1;
  }
  // Loaded only now: the SDK costs ~0.4 s, and an invalid config never needs it. (require, not import():
  // the transpile-only build keeps import() as an ES module load.)
  const { runOffline } = require("../components/offline/mock-runtime") as typeof import("../components/offline/mock-runtime");
  const program = require("../index") as () => Promise<Record<string, unknown>>;
  const run = await runOffline(file, program);
  const counts: Record<string, number> = {};
  for (const r of run.resources) if (r.custom) counts[r.type] = (counts[r.type] ?? 0) + 1;
  process.stdout.write(renderTable(checked.plan, args.stack, counts) + "\n");
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      // A RunError from the program is a config problem found at run time: its message is the report.
      process.stderr.write(`${(e as Error).message ?? e}\n`);
      process.exit(1);
    },
  );
}
