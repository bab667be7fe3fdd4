/**
 * One offline run per example stack per test process, shared by the test files that only read the recorded graph
 * (the endpoints' and the policy pack's): each stack's program runs once, however many files ask for it. Runs are
 * made one after another (Pulumi's mock runtime is process-wide state). Readers must not change the graph.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { runStack, type Graph } from "./recorded-graph";

/** The example stacks: every config/Pulumi.<stack>.yaml. */
export const EXAMPLE_STACKS: readonly string[] = readdirSync(join(__dirname, "..", "..", "..", "config"))
  .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
  .sort();

const runs = new Map<string, Promise<Graph>>();
let queue: Promise<unknown> = Promise.resolve();

/** The recorded graph of an example stack, run on first use. */
export function sharedStack(stack: string): Promise<Graph> {
  let run = runs.get(stack);
  if (!run) {
    run = queue.then(() => runStack(stack));
    queue = run.catch(() => undefined);
    runs.set(stack, run);
  }
  return run;
}
