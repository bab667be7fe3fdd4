#!/usr/bin/env node
// Transpile-only build: every .ts file of the program, components, scripts and tests -> dist/ as CommonJS.
// No type-checking (that is `npm run typecheck`, run by `npm test`) and no source-map hook: Pulumi
// captures a stack trace per resource, and remapping each one made declaring resources 5x slower.
//   node scripts/build.mjs             build everything (~0.1 s)
//   node scripts/build.mjs --if-stale  build only when a source is newer than the last build
import { readdirSync, statSync, mkdirSync, writeFileSync, readFileSync, existsSync, rmSync, renameSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist");
const stamp = join(out, ".build-stamp");
const roots = ["index.ts", "components", "scripts", "tests"];

function sources() {
  const found = [];
  const walk = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else if (p.endsWith(".ts") && !p.endsWith(".d.ts")) found.push({ path: p, mtime: st.mtimeMs });
  };
  for (const r of roots) if (existsSync(join(root, r))) walk(join(root, r));
  return found;
}

const files = sources();
if (process.argv.includes("--if-stale") && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  const listed = readFileSync(stamp, "utf8");
  const current = files.map((f) => relative(root, f.path)).join("\n");
  if (listed === current && files.every((f) => f.mtime <= built)) process.exit(0);
}

const { transformSync } = await import("esbuild");
// Files are replaced atomically and stale outputs removed one by one (never the whole dist/), so a build
// can run while tests from an earlier build are still reading dist/.
const wanted = new Set();
for (const f of files) {
  const rel = relative(root, f.path);
  const { code } = transformSync(readFileSync(f.path, "utf8"), { loader: "ts", format: "cjs", target: "node20", sourcefile: rel });
  const dest = join(out, rel.replace(/\.ts$/, ".js"));
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
// only for the plan): one file instead of ~200 module loads saves ~50 ms per run (measured, see README).
const { buildSync } = await import("esbuild");
for (const entry of ["scripts/plan.ts", "scripts/config-check.ts"]) {
  const dest = join(out, entry.replace(/\.ts$/, ".js"));
  const tmp = `${dest}.${process.pid}.tmp`;
  buildSync({ entryPoints: [join(root, entry)], bundle: true, platform: "node", target: "node20", format: "cjs", external: ["@pulumi/*"], outfile: tmp, logLevel: "error" });
  renameSync(tmp, dest);
}
writeFileSync(stamp, files.map((f) => relative(root, f.path)).join("\n"));
