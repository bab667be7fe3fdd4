// Is dist/ older than what it is built from? Shared by scripts/build.mjs (--if-stale) and scripts/cli.js,
// which asks before every `npm run plan` / `config:check` / `schema` / `bench`: so it only stats (one
// stat per source file, no reading, no hashing; about 3 ms for this repository, see docs/performance.md).
// dist/.build-stamp lists the sources of the last build; the build is stale when a source was added,
// removed or modified after it, or when the build itself (build.mjs, this file, package-lock.json) was.
"use strict";
const { readdirSync, statSync, readFileSync } = require("node:fs");
const { join } = require("node:path");

/** What build.mjs transpiles: every .ts file (not .d.ts) under these, relative to the project root. */
const ROOTS = [
  "index.ts",
  "program.ts",
  "core.ts",
  "provider.ts",
  "components",
  "policy",
  "scripts",
  "tests",
  "examples",
];
/** Files that change what a build produces without being sources. */
const BUILD_INPUTS = ["scripts/build.mjs", "scripts/stale.js", "package-lock.json"];

const stampPath = (root) => join(root, "dist", ".build-stamp");

/** The sources, as `{ rel, mtime }` with `/`-separated paths relative to root, in a stable order. */
function sources(root) {
  const found = [];
  const walk = (rel) => {
    let entries;
    try {
      entries = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (r.endsWith(".ts") && !r.endsWith(".d.ts"))
        found.push({ rel: r, mtime: statSync(join(root, r)).mtimeMs });
    }
  };
  for (const r of ROOTS) {
    if (r.endsWith(".ts")) {
      const st = statSync(join(root, r), { throwIfNoEntry: false });
      if (st) found.push({ rel: r, mtime: st.mtimeMs });
    } else walk(r);
  }
  return found;
}

/** The stamp's text for these sources. */
const stampText = (files) => files.map((f) => f.rel).join("\n");

/** Why dist/ must be rebuilt (a short reason), or undefined when it is up to date. */
function staleReason(root) {
  const stamp = statSync(stampPath(root), { throwIfNoEntry: false });
  if (!stamp) return "no build yet";
  const built = stamp.mtimeMs;
  for (const f of BUILD_INPUTS) {
    const st = statSync(join(root, f), { throwIfNoEntry: false });
    if (st && st.mtimeMs > built) return `${f} changed`;
  }
  const files = sources(root);
  const newer = files.find((f) => f.mtime > built);
  if (newer) return `${newer.rel} changed`;
  if (readFileSync(stampPath(root), "utf8") !== stampText(files)) return "sources added or removed";
  return undefined;
}

module.exports = { ROOTS, BUILD_INPUTS, stampPath, sources, stampText, staleReason };
