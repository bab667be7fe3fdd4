/**
 * The package from an ES module, as a service written as ESM uses it: every entry point of package.json
 * "exports", imported by package name with a named import of each of its exports (Node resolves the
 * names of a CommonJS module by reading its source: they must be detectable), and the Automation API
 * example of docs/automation-api.md run word for word, its output compared with the one the page shows.
 * The package is made resolvable by name through a temporary node_modules/ipv6-cluster-network symlink
 * to this repository, so that "exports" (and not a path into dist/) is what is exercised.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  exports: Record<string, string | Record<string, string>>;
};

/** The JavaScript entry points of "exports": subpath -> file (the "default" condition). */
const entries = Object.entries(pkg.exports)
  .map(([sub, target]) => [sub, typeof target === "string" ? target : target.default] as const)
  .filter(([, file]) => file?.endsWith(".js"));

let dir = "";
before(() => {
  dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-esm-"));
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules", pkg.name), "dir");
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs an ES module in the temporary directory. PATH is empty: no `pulumi` CLI is ever found from here. */
function runModule(name: string, source: string) {
  const file = join(dir, name);
  writeFileSync(file, source);
  const r = spawnSync(process.execPath, [file], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, PATH: "" },
  });
  if (r.error) throw r.error;
  return r;
}

describe("the package from an ES module", () => {
  it("has JavaScript entry points to import", () => {
    assert.deepEqual(
      entries.map(([sub]) => sub),
      [".", "./core", "./automation"],
    );
  });

  it('imports every export of every entry point by name (import { ... } from "ipv6-cluster-network/...")', () => {
    const lines: string[] = [];
    const checks: string[] = [];
    entries.forEach(([sub, file], i) => {
      const specifier = sub === "." ? pkg.name : `${pkg.name}/${sub.slice(2)}`;
      // What CommonJS callers see: every one of these must be an ES named export as well.
      const cjs = require(join(ROOT, file)) as Record<string, unknown> | (() => unknown);
      const names =
        typeof cjs === "function" ? [] : Object.keys(cjs).filter((n) => n !== "default" && n !== "__esModule");
      if (sub === ".")
        for (const n of ["Ipv6ClusterNetwork", "DualStackVpc", "NatGatewayMode", "planNetwork", "checkStackConfig"])
          assert.ok(names.includes(n), `${n} missing from ${file}`);
      if (sub === "./core")
        for (const n of ["planNetwork", "checkStackConfig", "formatFindings", "CATALOGUE"])
          assert.ok(names.includes(n), `${n} missing from ${file}`);
      if (sub === "./automation")
        for (const n of [
          "preview",
          "up",
          "destroy",
          "outputs",
          "ConfigInvalidError",
          "StackLockedError",
          "mapAutomationError",
        ])
          assert.ok(names.includes(n), `${n} missing from ${file}`);
      const alias = names.map((n) => `${n} as e${i}_${n}`);
      lines.push(`import d${i}${alias.length ? `, { ${alias.join(", ")} }` : ""} from ${JSON.stringify(specifier)};`);
      const named = names
        .map((n) => `${JSON.stringify(n)}: e${i}_${n} === d${i}[${JSON.stringify(n)}] && e${i}_${n} !== undefined`)
        .join(", ");
      checks.push(`out[${JSON.stringify(specifier)}] = { default: typeof d${i}, named: { ${named} } };`);
    });
    const r = runModule(
      "import-all.mjs",
      [...lines, "const out = {};", ...checks, "process.stdout.write(JSON.stringify(out));", ""].join("\n"),
    );
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, { default: string; named: Record<string, boolean> }>;
    // Every entry point's named exports are the CommonJS exports, as ES named exports.
    for (const [specifier, minimum] of [
      [pkg.name, 20],
      [`${pkg.name}/core`, 10],
      [`${pkg.name}/automation`, 10],
    ] as const) {
      const entry = out[specifier];
      assert.equal(entry.default, "object", specifier);
      assert.ok(Object.keys(entry.named).length >= minimum, JSON.stringify(entry));
      for (const [n, same] of Object.entries(entry.named))
        assert.ok(same, `${specifier} ${n}: the ES named export is not the CommonJS export`);
    }
  });

  it("runs the Automation API example of docs/automation-api.md and prints what the page says it prints", () => {
    const page = readFileSync(join(ROOT, "docs", "automation-api.md"), "utf8");
    const example = /<!-- automation-example -->\n```js\n([\s\S]*?)```/.exec(page)?.[1];
    const printed = /<!-- automation-example-output -->\n```\n([\s\S]*?)```/.exec(page)?.[1];
    assert.ok(example && printed, "docs/automation-api.md's marked Automation API example or its output not found");
    assert.match(example, /from "ipv6-cluster-network\/automation"/);
    const stack = /previewEnv\("([^"]+)"/.exec(example)?.[1];
    assert.ok(
      stack && existsSync(join(ROOT, "config", `Pulumi.${stack}.yaml`)),
      "the example must use an example stack of config/",
    );
    const r = runModule("automation-example.mjs", example);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, printed);
  });
});
