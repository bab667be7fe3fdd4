#!/usr/bin/env node
// What `pulumi up` pays to load this program, by how the Node language host is told to run it.
//
//   node scripts/runtime-cost.js MODE STACK_FILE [--cold]
//
// Reproduces the host's own set-up (node_modules/@pulumi/pulumi/cmd/run: it always registers
// source-map-support, and for `runtime.options.typescript: true` registers ts-node with the options
// below) and then runs the program under Pulumi mocks on STACK_FILE, like `npm run plan` does.
// MODE:
//   compiled      this repository's set-up: typescript: false, main: dist/program.js (no ts-node at all)
//   transpile     typescript: true with PULUMI_NODEJS_TRANSPILE_ONLY=true (or tsconfig noCheck): ts-node
//                 compiles each .ts file on load without type-checking, with source maps
//   typecheck     typescript: true, Pulumi's default: ts-node type-checks every file on every run
// ts-node caches what it compiled (in the OS temp directory) by file content: a run after any edit, and
// every run on a fresh CI machine, compiles and type-checks again. --cold gives the run an empty cache.
// Prints one JSON line on stdout: { mode, cold, resources, ms, maxRssMiB }.
"use strict";
const path = require("path");
const { performance } = require("perf_hooks");

const [mode, stackFile, flag] = process.argv.slice(2);
const cold = flag === "--cold";
if (!["compiled", "transpile", "typecheck"].includes(mode) || !stackFile) {
  process.stderr.write("usage: node scripts/runtime-cost.js compiled|transpile|typecheck STACK_FILE [--cold]\n");
  process.exit(2);
}
const root = path.join(__dirname, "..");
process.chdir(root);

// The language host registers this before loading any program (cmd/run/index.js).
require("source-map-support/register");

let src = path.join(root, "dist");
if (mode !== "compiled") {
  // The host prefers the project's typescript and ts-node, else its vendored ts-node 7.0.1
  // (tsutils.typeScriptRequireStrings); this project has no ts-node of its own.
  const vendored = path.join(root, "node_modules", "@pulumi", "pulumi", "vendor", "ts-node@7.0.1");
  if (cold) {
    const fs = require("fs");
    const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "ts-node-cold-"));
    process.env.TS_NODE_CACHE_DIRECTORY = dir;
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  let tsnode;
  try {
    tsnode = require("ts-node");
  } catch {
    tsnode = require(vendored);
  }
  tsnode.register({
    compiler: "typescript",
    transpileOnly: mode === "transpile",
    project: "tsconfig.json",
    skipProject: false,
    compilerOptions: { target: "ES2020", module: "commonjs", moduleResolution: "node", sourceMap: "true" },
  });
  src = root;
}

const { readStackFile } = require(path.join(src, "components", "offline", "stack-file"));
const { runOffline } = require(path.join(src, "components", "offline", "mock-runtime"));
const program = require(path.join(src, "program"));
const file = readStackFile(path.basename(stackFile).replace(/^Pulumi\.|\.yaml$/g, ""), path.dirname(stackFile));
runOffline(file, program).then(
  (run) => {
    const out = {
      mode,
      cold,
      resources: run.resources.filter((r) => r.custom).length,
      ms: Math.round(performance.now()),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    process.stdout.write(JSON.stringify(out) + "\n");
  },
  (e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  },
);
