/**
 * The yardsticks of docs/architecture.md that a tool can check on the source itself: the import graph has
 * no cycle (type-only imports included: a type cycle still ties two modules' meaning together), each folder
 * imports only the folders its layer may, and the pure core loads no Pulumi. Read with the TypeScript
 * parser, so `import type`, `export ... from`, `require("./x")` and `typeof import("./x")` all count.
 */
import { strict as assert } from "node:assert";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import * as ts from "typescript";

const ROOT = join(__dirname, "..", "..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((n) => {
    const rel = `${dir}/${n}`;
    if (statSync(join(ROOT, rel)).isDirectory()) return sources(rel);
    return rel.endsWith(".ts") && !rel.endsWith(".d.ts") ? [rel] : [];
  });
}

/** Every module specifier a file names, with whether it is only a type. */
export function specifiers(
  file: string,
  text = readFileSync(join(ROOT, file), "utf8"),
): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const visit = (n: ts.Node): void => {
    if (
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) &&
      n.moduleSpecifier &&
      ts.isStringLiteral(n.moduleSpecifier)
    ) {
      const clause = ts.isImportDeclaration(n) ? n.importClause : undefined;
      out.push({
        spec: n.moduleSpecifier.text,
        typeOnly: ts.isImportDeclaration(n) ? !!clause?.isTypeOnly : n.isTypeOnly,
      });
    } else if (
      ts.isCallExpression(n) &&
      (n.expression.getText() === "require" || n.expression.kind === ts.SyntaxKind.ImportKeyword)
    ) {
      const arg = n.arguments[0];
      if (arg && ts.isStringLiteral(arg)) out.push({ spec: arg.text, typeOnly: false });
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      out.push({ spec: n.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(n, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
  return out;
}

/** A relative specifier resolved to a source file of the project (undefined for packages and Node's modules). */
function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith(".")) return undefined;
  const base = relative(ROOT, join(ROOT, dirname(from), spec));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
    if (candidate.endsWith(".ts") && existsSync(join(ROOT, candidate))) return candidate;
  }
  return undefined;
}

const FILES = [
  "index.ts",
  "program.ts",
  "core.ts",
  "provider.ts",
  ...sources("components"),
  ...sources("policy"),
  ...sources("scripts"),
];
const GRAPH = new Map(FILES.map((f) => [f, specifiers(f)]));
const edges = (f: string) => (GRAPH.get(f) ?? []).flatMap((s) => resolve(f, s.spec) ?? []);

/** Strongly connected components with more than one file (or a file importing itself): Tarjan's algorithm. */
export function cycles(nodes: readonly string[], next: (n: string) => readonly string[]): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) !== idx.get(v)) return;
    const scc: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      on.delete(w);
      scc.push(w);
    } while (w !== v);
    if (scc.length > 1 || next(v).includes(v)) out.push(scc.sort());
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

/** The folder (layer) of a file: `core`, `network`, ... ; `scripts`; `root/<file>` for the entry points. */
const layerOf = (f: string) =>
  !f.includes("/")
    ? `root/${f.replace(/\.ts$/, "")}`
    : f.startsWith("scripts/") || f.startsWith("policy/")
      ? f.split("/")[0]
      : f.split("/")[1];

/**
 * What each layer may import (besides itself), as docs/architecture.md draws it. The core and the
 * reports are pure; only network, addons, program, offline's mock runtime and automation touch Pulumi.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  core: [],
  // The diff of two resource graphs and the replacement rules: pure, over plain records.
  diff: ["core"],
  report: ["core", "diff"],
  network: ["core"],
  addons: ["core", "network"],
  program: ["core", "network", "addons"],
  offline: ["core", "program", "diff"],
  library: ["core", "network", "addons", "program"],
  automation: ["core", "offline", "program", "library"],
  // The package's entry (the public API) and the program Pulumi runs.
  "root/index": ["core", "network", "addons", "program", "library", "root/core"],
  "root/program": ["program", "library"],
  // The component package's plugin entry (PulumiPlugin.yaml): the library's component, hosted.
  "root/provider": ["library"],
  // The pure entry (`ipv6-cluster-network/core`): no component, no Pulumi.
  "root/core": ["core", "offline", "report", "diff"],
  scripts: ["core", "report", "offline", "program", "library", "scripts", "diff"],
  // The policy pack (PulumiPolicy.yaml): the catalogue's codes and wording, the NAT64 prefix; nothing else.
  policy: ["core"],
};

/** The policy pack's modules that hold its rules: pure, like the core, so tests and the pack share them. */
const PURE_POLICY = ["records", "violations", "network-rules", "edge-rules", "guardrails"].map((m) => `policy/${m}.ts`);

describe("architecture: the import graph (docs/architecture.md)", () => {
  it("reads every module's imports, type-only ones included", () => {
    assert.ok(FILES.length > 40, `${FILES.length} files`);
    const core = specifiers(
      "x.ts",
      'import type { A } from "./a"; export { b } from "./b"; const c = require("./c"); type D = typeof import("./d");',
    );
    assert.deepEqual(core, [
      { spec: "./a", typeOnly: true },
      { spec: "./b", typeOnly: false },
      { spec: "./c", typeOnly: false },
      { spec: "./d", typeOnly: true },
    ]);
  });

  it("has no import cycle, type-level included", () => {
    assert.deepEqual(
      cycles(["a", "b", "c"], (n) => ({ a: ["b"], b: ["c"], c: ["a"] })[n] ?? []),
      [["a", "b", "c"]],
      "the checker finds a cycle",
    );
    assert.deepEqual(cycles(FILES, edges), []);
  });

  it("each layer imports only the layers it may", () => {
    const wrong: string[] = [];
    for (const f of FILES) {
      const from = layerOf(f);
      const allowed = MAY_IMPORT[from];
      assert.ok(allowed, `${f}: layer ${from} is not in MAY_IMPORT`);
      for (const to of edges(f).map(layerOf)) if (to !== from && !allowed.includes(to)) wrong.push(`${f} -> ${to}`);
    }
    assert.deepEqual(wrong, []);
  });

  it("the core, the diff, the reports and the policy pack's rules load no Pulumi, not even for a type", () => {
    assert.deepEqual(
      PURE_POLICY.filter((f) => !FILES.includes(f)),
      [],
    );
    const pure = (f: string) => ["core", "diff", "report"].includes(layerOf(f)) || PURE_POLICY.includes(f);
    const pulumi = FILES.filter(pure).flatMap((f) =>
      (GRAPH.get(f) ?? []).filter((s) => s.spec.startsWith("@pulumi/")).map((s) => `${f}: ${s.spec}`),
    );
    assert.deepEqual(pulumi, []);
  });
});
