/**
 * `npm run plan` in this process: the command's `main` with stdout and stderr captured. A child process would
 * load the Pulumi SDK again for every call (~0.5 s each); tests/cli.test.ts runs the built CLI as a process.
 */
import { main } from "../../scripts/plan";

/** Runs the plan command with `argv`; its exit code (as `status`) and what it wrote. */
export async function planInProcess(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { write: o } = process.stdout;
  const { write: e } = process.stderr;
  process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => (err.push(String(s)), true)) as typeof process.stderr.write;
  try {
    const status = await main(argv);
    return { status, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}
