/**
 * The baselines `npm run plan -- --against REF` compares a stack with: the same stack file at a git revision
 * (`HEAD`, `origin/main`), another stack file (its values taken as this stack's, so URNs line up), or a state
 * written by `pulumi stack export`. A config baseline is run through the program under mocks by the caller's
 * `declare` (the program is not this layer's to import); a state is read as it is.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { finding, type Finding } from "../core/findings";
import { PROJECT } from "../core/parse";
import type { GraphResource } from "../diff/graph";
import { graphFromState } from "../diff/state";
import { parseStackFile, stackFilePath, type StackFile } from "./stack-file";

export type BaselineKind = "git" | "file" | "state";

/** A baseline read: a stack file to declare, or a state's resources. */
export type BaselineSource =
  | { kind: "git" | "file"; label: string; file: StackFile }
  | { kind: "state"; label: string; resources: GraphResource[] }
  | { kind: "error"; findings: Finding[] };

const notFound = (ref: string, detail: string): BaselineSource => ({
  kind: "error",
  findings: [finding("BASELINE_NOT_FOUND", "--against", ref, { ref, detail })],
});

/** Runs git in `dir`; the first line of its complaint on failure. */
function git(dir: string, args: string[]): { ok: true; out: string } | { ok: false; err: string } {
  try {
    const out = execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { ok: true, out };
  } catch (e) {
    const err = String((e as { stderr?: string }).stderr ?? (e as Error).message)
      .trim()
      .split("\n")[0];
    return { ok: false, err: err || "git failed" };
  }
}

/** The stack file as committed at `rev` (read with `git show REV:./Pulumi.NAME.yaml` from its directory). */
export function stackFileAtRevision(stack: string, configDir: string, rev: string): BaselineSource {
  const path = stackFilePath(stack, configDir);
  const shown = git(dirname(path), ["show", `${rev}:./${basename(path)}`]);
  if (!shown.ok) return notFound(rev, shown.err);
  return { kind: "git", label: `${path} at ${rev}`, file: parseStackFile(shown.out, stack, `${rev}:${path}`) };
}

/** Whether the stack file is tracked by git and differs from HEAD (the plan then compares with HEAD). */
export function changedSinceHead(stack: string, configDir: string): boolean {
  const path = stackFilePath(stack, configDir);
  const dir = dirname(path);
  const name = basename(path);
  if (!git(dir, ["ls-files", "--error-unmatch", name]).ok) return false;
  const r = git(dir, ["diff", "--quiet", "HEAD", "--", name]);
  return !r.ok;
}

/** A file given to --against: a `pulumi stack export` JSON, or a stack file (YAML) read as this stack's. */
function fromFile(ref: string, stack: string): BaselineSource {
  const text = readFileSync(ref, "utf8");
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      const detail = (e as Error).message;
      return { kind: "error", findings: [finding("BASELINE_STATE_INVALID", "--against", ref, { detail })] };
    }
    const read = graphFromState(doc, stack, PROJECT);
    if (!read.resources) return { kind: "error", findings: read.findings };
    return { kind: "state", label: `state ${ref}`, resources: read.resources };
  }
  return { kind: "file", label: ref, file: parseStackFile(text, stack, ref) };
}

/** Reads the baseline `ref` names for `stack`: an existing file, else a git revision. */
export function readBaseline(ref: string, stack: string, configDir: string): BaselineSource {
  if (existsSync(ref) && statSync(ref).isFile()) return fromFile(ref, stack);
  return stackFileAtRevision(stack, configDir, ref);
}
