/**
 * npm run config:check -- --stack NAME [--config-dir DIR]
 *
 * Validates a stack file without running the program and without loading the Pulumi SDK (for pre-commit
 * hooks and CI): exit 0 when valid (warnings printed, each with its fix), 1 with every problem when not,
 * 2 on bad usage. Zones and an existing VPC's blocks are taken from the file, as the offline plan does.
 */
import { formatFindings } from "../components/core/findings";
import { checkStack } from "../components/offline/check";
import { runAsMain, runCommand, STACK_FLAGS, type Command } from "./args";

/** The check's verdict and what it prints: the problems, or "valid" with each warning and its fix. */
export function checkStackFile(stack: string, configDir = "config"): { ok: boolean; text: string } {
  const check = checkStack(stack, configDir);
  if (check.stage === "read")
    return { ok: false, text: formatFindings(check.findings, `Cannot read ${check.file.path}`) };
  const { file, result } = check;
  if (!result.ok) return { ok: false, text: formatFindings(result.findings, `Invalid stack config ${file.path}`) };
  // Each warning with its fix, as the plan prints them.
  const warnings = result.plan.warnings.flatMap((w) => [
    `  warning [${w.code}] ${w.path}: ${w.message}`,
    `      fix: ${w.fix}`,
  ]);
  const valid = `${file.path}: valid (${result.plan.subnets.length} subnets in ${result.plan.zones.length} zones)`;
  return { ok: true, text: [valid, ...warnings].join("\n") };
}

export const COMMAND = {
  name: "npm run config:check --",
  summary:
    "Validates config/Pulumi.NAME.yaml with the program's rules, without Pulumi: " +
    "exit 0 valid (warnings printed), 1 invalid (every problem), 2 bad usage.",
  flags: {
    ...STACK_FLAGS,
  },
} as const satisfies Command;

export function main(argv: readonly string[]): Promise<number> {
  return runCommand(COMMAND, argv, (flags) => {
    const { ok, text } = checkStackFile(flags.stack as string, flags["config-dir"] ?? "config");
    (ok ? process.stdout : process.stderr).write(text + "\n");
    return ok ? 0 : 1;
  });
}

if (require.main === module) runAsMain(main);
