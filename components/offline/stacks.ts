/**
 * An unknown `--stack`: readStackFile reports STACK_NOT_FOUND naming the file it looked for; the commands
 * look up which stacks the config directory does have, and the closest one ("did you mean prod?"); the
 * wording of each case is the catalogue's (components/core/catalogue/readers.ts).
 */
import { readdirSync } from "node:fs";
import { closest } from "../core/parse";
import { finding, type Finding } from "../core/findings";

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
export function explainMissingStack(f: Finding, stack: string, dir: string): Finding {
  if (f.code !== "STACK_NOT_FOUND") return f;
  const stacks = listStacks(dir);
  return finding("STACK_NOT_FOUND", f.path, f.value, { file: f.path, dir, stacks, closest: closest(stack, stacks) });
}

/** explainMissingStack over a list. */
export const explainMissingStacks = (findings: readonly Finding[], stack: string, dir: string): Finding[] =>
  findings.map((f) => explainMissingStack(f, stack, dir));
