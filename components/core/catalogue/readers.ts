/**
 * Rules of the offline stack-file readers (components/offline/stack-file.ts, components/offline/stacks.ts): a stack
 * file that is not valid YAML or not a map with a `config:` map, and a stack that has no file. Pulumi itself
 * refuses such a file; the offline plan and `config:check` say where and why.
 */
import type { ErrorCode } from "yaml";
import { group, rule } from "./rule";

/** The fix for a YAML syntax error, by the yaml library's error code. */
const YAML_FIXES: Partial<Record<ErrorCode, string>> = {
  TAB_AS_INDENT: "indent with spaces: YAML does not allow tabs for indentation",
  DUPLICATE_KEY: "keep one of the two (Pulumi refuses a stack file with a key given twice)",
  BAD_INDENT:
    "align the keys of a map at the same column (spaces only), and close every { with } and [ with ] on the same value",
  BLOCK_AS_IMPLICIT_KEY:
    'quote a value that contains ": " (e.g. "b: c"), or put a nested map on its own, further indented lines',
  MULTILINE_IMPLICIT_KEY: "a key must fit on one line: check the indentation of this line and the one above",
  MISSING_CHAR: "close the quote or bracket opened before this position",
  BAD_SCALAR_START: "quote the value: YAML reserves its first character (@, `, %, |, > and others)",
  UNEXPECTED_TOKEN: "check this line's indentation and punctuation against the example stacks in config/",
  MULTIPLE_DOCS: "a stack file is one YAML document: remove the --- line and what follows, or merge it into config:",
};

/**
 * What is wrong with a stack file. `syntax`: an error of the yaml library at `file:line:column`, with the
 * first line of its message (`detail`) and, for a key given twice, the key as written; `unreadable`: the
 * document parses but cannot be turned into values (an alias to an anchor that is not defined); `notMap`:
 * the file is not a map; `configNotMap`: its `config:` is not one.
 */
export type YamlProblem =
  | { kind: "syntax"; error: ErrorCode; detail: string; duplicateKey?: string }
  | { kind: "unreadable"; detail: string }
  | { kind: "notMap" | "configNotMap" };

/** The message of a YAML problem. */
function yamlMessage(p: YamlProblem): string {
  switch (p.kind) {
    case "syntax":
      return p.duplicateKey ? `key ${p.duplicateKey} is given twice in the same map` : p.detail;
    case "unreadable":
      return p.detail;
    case "notMap":
      return "a stack file is a map with a config: key";
    case "configNotMap":
      return "config: must hold a map of keys to values";
  }
}

/** The fix of a YAML problem. */
function yamlFix(p: YamlProblem): string {
  switch (p.kind) {
    case "syntax":
      return YAML_FIXES[p.error] ?? "fix the YAML syntax at this line and column";
    case "unreadable":
      return "fix the YAML at the place the message names";
    case "notMap":
      return "see the example stacks in config/";
    case "configNotMap":
      return "write one key: value line per setting under config:, as in the example stacks in config/";
  }
}

/**
 * A stack with no file. `stacks`: the stacks the directory does have (undefined: not looked up; the
 * commands look them up), `closest`: the one the name most likely meant.
 */
type Missing = { file: string; dir: string; stacks?: readonly string[]; closest?: string };

export const READERS = group("Reading stack files", {
  CONFIG_YAML: rule<YamlProblem>({
    severity: "error",
    when:
      "the stack file is not valid YAML, or not a map with a `config:` map (one finding per syntax error, at " +
      "`file:line:column`; offline readers only: Pulumi itself refuses such a file)",
    message: yamlMessage,
    fix: yamlFix,
  }),
  STACK_NOT_FOUND: rule<Missing>({
    severity: "error",
    when:
      "`--stack NAME` (or the Automation API's `env`) has no `config/Pulumi.NAME.yaml`; the message lists the " +
      "stacks that exist and suggests the closest",
    message: (p) =>
      `no stack file ${p.file}` +
      (p.stacks === undefined
        ? ""
        : p.stacks.length
          ? `; the stacks in ${p.dir}/ are ${p.stacks.join(", ")}`
          : `, and ${p.dir}/ has no stack files (Pulumi.<stack>.yaml)`),
    fix: (p) =>
      p.stacks === undefined
        ? `create ${p.file}, or pick one of the stacks in ${p.dir}/`
        : !p.stacks.length
          ? `create ${p.file}, or pass --config-dir with the directory of your stack files`
          : p.closest
            ? `did you mean ${p.closest}? (--stack ${p.closest})`
            : `use one of ${p.stacks.join(", ")}, or create ${p.file}`,
  }),
});
