/**
 * An unknown `--stack`: readStackFile reports STACK_NOT_FOUND naming the file it looked for; the commands
 * add which stacks the config directory does have, and the closest one ("did you mean prod?").
 */
import { readdirSync } from "node:fs";
import { closest } from "../components/core/parse";
import type { Finding } from "../components/core/findings";

/** The stacks of a config directory (`Pulumi.<stack>.yaml`), sorted; none when it cannot be read. */
export function listStacks(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
}

/** A STACK_NOT_FOUND finding with the stacks that exist and the likeliest one; other findings as they are. */
export function explainMissingStack(finding: Finding, stack: string, dir: string): Finding {
  if (finding.code !== "STACK_NOT_FOUND") return finding;
  const stacks = listStacks(dir);
  if (!stacks.length)
    return {
      ...finding,
      message: `${finding.message}, and ${dir}/ has no stack files (Pulumi.<stack>.yaml)`,
      fix: `create ${finding.path}, or pass --config-dir with the directory of your stack files`,
    };
  const guess = closest(stack, stacks);
  return {
    ...finding,
    message: `${finding.message}; the stacks in ${dir}/ are ${stacks.join(", ")}`,
    fix: guess
      ? `did you mean ${guess}? (--stack ${guess})`
      : `use one of ${stacks.join(", ")}, or create ${finding.path}`,
  };
}

/** explainMissingStack over a list. */
export const explainMissingStacks = (findings: readonly Finding[], stack: string, dir: string): Finding[] =>
  findings.map((f) => explainMissingStack(f, stack, dir));
