/**
 * The one way the offline readers check a stack: `npm run config:check`, the offline plan and the Automation
 * API's early check all read the file here, apply any overrides, take the offline facts (offlineFacts, the
 * same the plan's mock runtime answers from) and plan once. No command plans a stack twice with different
 * facts.
 */
import type { Finding } from "../core/findings";
import { planNetwork, type PlanResult } from "../core/plan";
import type { Facts } from "../core/types";
import { offlineFacts, readStackFile, type StackFile } from "./stack-file";
import { explainMissingStacks } from "./stacks";

/** Options of checkStack. */
export interface CheckOptions {
  /** Whole top-level keys replacing the file's (the Automation API's overrides). */
  overrides?: Record<string, unknown>;
  /** The region, replacing the file's `aws:region`. */
  region?: string;
  /** Facts to plan with instead of the offline ones (the Automation API's callers may pass real ones). */
  facts?: Facts;
  /** A missing stack file is no error: the overrides alone are checked (a new stack of the Automation API). */
  allowMissingFile?: boolean;
}

/** What checkStack found: a stack file that could not be read, or the plan of what it (with the overrides) holds. */
export type StackCheck =
  /** The file could not be read (missing, not YAML): nothing was planned. */
  | { stage: "read"; file: StackFile; findings: Finding[] }
  /** Planned: `result` is the plan or every finding. `missingFile`: only overrides were checked. */
  | {
      stage: "plan";
      file: StackFile;
      values: Record<string, unknown>;
      facts: Facts;
      result: PlanResult;
      missingFile: boolean;
    };

/** Plans config values (a stack file's, or an inline program's) with the offline facts, or the given ones. */
export function checkValues(
  values: Record<string, unknown>,
  region?: string,
  facts?: Facts,
): { facts: Facts; result: PlanResult } {
  const used = facts ?? offlineFacts({ values, region });
  return { facts: used, result: planNetwork(values, used) };
}

/**
 * Checks a stack as `npm run config:check` does: reads `<configDir>/Pulumi.<stack>.yaml`, applies the overrides,
 * and plans the values with the offline facts (or the given ones).
 */
export function checkStack(stack: string, configDir: string, options: CheckOptions = {}): StackCheck {
  const file = readStackFile(stack, configDir);
  const missingFile = file.findings.some((f) => f.code === "STACK_NOT_FOUND");
  if (file.findings.length && !(missingFile && options.allowMissingFile)) {
    return { stage: "read", file, findings: explainMissingStacks(file.findings, stack, configDir) };
  }
  const values = { ...file.values, ...options.overrides };
  const { facts, result } = checkValues(values, options.region ?? file.region, options.facts);
  return { stage: "plan", file, values, facts, result, missingFile };
}
