/**
 * npm run config:check -- --stack NAME [--config-dir DIR]
 *
 * Validates a stack file without running the program and without loading the Pulumi SDK (for pre-commit
 * hooks and CI): exit 0 when valid, 1 with every problem when not, 2 on bad usage. Zones and an existing
 * VPC's blocks are taken from the file, as the offline plan does.
 */
import { formatFindings } from "../components/core/findings";
import { planNetwork } from "../components/core/plan";
import { offlineFacts, readStackFile } from "../components/offline/stack-file";
import { parseFlags, UsageError } from "./args";

export function checkStack(stack: string, configDir = "config"): { ok: boolean; text: string } {
  const file = readStackFile(stack, configDir);
  if (file.findings.length) return { ok: false, text: formatFindings(file.findings, `Cannot read ${file.path}`) };
  const result = planNetwork(file.values, offlineFacts(file));
  if (!result.ok) return { ok: false, text: formatFindings(result.findings, `Invalid stack config ${file.path}`) };
  const warnings = result.plan.warnings.map((w) => `  warning [${w.code}] ${w.path}: ${w.message}`);
  return { ok: true, text: [`${file.path}: valid (${result.plan.subnets.length} subnets in ${result.plan.zones.length} zones)`, ...warnings].join("\n") };
}

const USAGE = "usage: npm run config:check -- --stack NAME [--config-dir DIR]";

if (require.main === module) {
  let flags: Record<string, string>;
  try {
    flags = parseFlags(process.argv.slice(2), ["--stack", "--config-dir"], USAGE);
    if (!flags["--stack"]) throw new UsageError(USAGE);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  const { ok, text } = checkStack(flags["--stack"], flags["--config-dir"]);
  (ok ? process.stdout : process.stderr).write(text + "\n");
  process.exit(ok ? 0 : 1);
}
