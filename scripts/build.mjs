#!/usr/bin/env node
// Transpile-only build: every .ts file of the program, components, scripts and tests -> dist/ as CommonJS.
// No type-checking (that is `npm run typecheck`, run by `npm test`) and no source-map hook: Pulumi
// captures a stack trace per resource, and remapping each one made declaring resources 5x slower.
//   node scripts/build.mjs             build everything (~0.3 s)
//   node scripts/build.mjs --if-stale  build only when a source is newer than the last build
// scripts/cli.js (what `npm run plan`, `config:check`, `schema` and `bench` run) imports build() and
// calls it itself when dist/ is stale, so that a fresh build costs no second process.
import {
  readdirSync,
  mkdirSync,
  writeFileSync,
  readFileSync,
  existsSync,
  rmSync,
  renameSync,
  utimesSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), "..");
const { sources, stampPath, stampText, staleReason } = createRequire(import.meta.url)("./stale.js");

/** The two commands people run on every edit: bundled into one file each (see below). */
export const BUNDLES = ["scripts/plan.ts", "scripts/config-check.ts"];

export async function build() {
  // The stamp gets the time the sources were read (less the file system's timestamp granularity): a
  // source saved while this build runs is newer than the stamp, so the next check rebuilds.
  const started = (Date.now() - 20) / 1000;
  const out = join(root, "dist");
  const files = sources(root);
  const { transformSync, buildSync } = await import("esbuild");
  // Files are replaced atomically and stale outputs removed one by one (never the whole dist/), so a build
  // can run while tests from an earlier build are still reading dist/.
  const wanted = new Set();
  for (const f of files) {
    // platform "node" makes esbuild end each module with `0 && (module.exports = { a, b, ...require("./c") })`:
    // never run, but it is what Node's CommonJS export detection (cjs-module-lexer) reads, so that an ES
    // module can `import { preview, ConfigInvalidError } from "ipv6-cluster-network/automation"`.
    const { code } = transformSync(readFileSync(join(root, f.rel), "utf8"), {
      loader: "ts",
      format: "cjs",
      platform: "node",
      target: "node20",
      sourcefile: f.rel,
    });
    const dest = join(out, f.rel.replace(/\.ts$/, ".js"));
    wanted.add(dest);
    mkdirSync(dirname(dest), { recursive: true });
    const tmp = `${dest}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, dest);
  }
  const prune = (p) => {
    if (!existsSync(p)) return;
    for (const e of readdirSync(p, { withFileTypes: true })) {
      const q = join(p, e.name);
      if (e.isDirectory()) prune(q);
      else if (q.endsWith(".js") && !wanted.has(q)) rmSync(q, { force: true });
    }
  };
  prune(out);
  // The two commands people run on every edit are bundled (everything but Pulumi, which loads lazily and
  // only for the plan): one file instead of ~200 module loads saves ~50 ms per run (measured, see docs/performance.md).
  // scripts/cli.js keeps V8's code cache of each bundle next to it (<bundle>.v8cache, keyed by the
  // bundle's size and mtime, so a rebuilt bundle never runs an old cache; removed here all the same).
  for (const entry of BUNDLES) {
    const dest = join(out, entry.replace(/\.ts$/, ".js"));
    const tmp = `${dest}.${process.pid}.tmp`;
    // minifyWhitespace: no comments and no indentation, a third less to read and compile (names stay).
    buildSync({
      entryPoints: [join(root, entry)],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      external: ["@pulumi/*"],
      minifyWhitespace: true,
      outfile: tmp,
      logLevel: "error",
    });
    renameSync(tmp, dest);
    rmSync(`${dest}.v8cache`, { force: true });
  }
  const stampTmp = `${stampPath(root)}.${process.pid}.tmp`;
  writeFileSync(stampTmp, stampText(files));
  utimesSync(stampTmp, started, started);
  renameSync(stampTmp, stampPath(root));
}

if (process.argv[1] && resolve(process.argv[1]) === here) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--if-stale");
  if (unknown.length) {
    process.stderr.write(`unknown argument ${unknown[0]}\nusage: node scripts/build.mjs [--if-stale]\n`);
    process.exit(2);
  }
  if (!args.includes("--if-stale") || staleReason(root) !== undefined) await build();
}
