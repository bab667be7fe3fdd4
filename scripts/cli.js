#!/usr/bin/env node
// What the npm scripts run: `node scripts/cli.js COMMAND [ARGS]` for `npm run plan`, `config:check`,
// `schema`, `docs`, `api` and `bench`. One process: it checks (by stat only, scripts/stale.js) whether dist/ is older
// than the sources, rebuilds in this process only when it is (esbuild is loaded then, never otherwise),
// and then runs dist/scripts/COMMAND.js's main(ARGS) and exits with its code.
//
// The two bundled commands (plan, config-check) are compiled with V8's code cache, kept next to each
// bundle (dist/scripts/NAME.js.v8cache, written on the first run after a build, and keyed by the Node
// version and the bundle's size and mtime): parsing and compiling ~1 MB of zod, yaml and the planner is
// most of what config:check costs over Node's own start-up. Plain JavaScript (not built): it has to run
// before dist/ exists.
"use strict";
const { readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const vm = require("node:vm");
const { staleReason } = require("./stale.js");

const root = join(__dirname, "..");
/** COMMAND -> whether dist/scripts/COMMAND.js is a bundle (build.mjs BUNDLES). */
const COMMANDS = {
  plan: true,
  "config-check": true,
  "gen-schema": false,
  "gen-docs": false,
  "gen-api": false,
  bench: false,
};

/**
 * Loads a bundle like require() would, compiling it with the code cache when there is a valid one. The
 * cache is written at exit when there was none (or V8 refused it), and rewritten once when it came from
 * a run that did little (--help, a usage error) and this one did the real work: V8 caches the functions
 * a run compiled, so a cache made by `--help` would leave the checks to be compiled on every run.
 * `didWork(exitCode)` says whether this run counts.
 */
function loadBundle(file, didWork) {
  const cacheFile = `${file}.v8cache`;
  const source = readFileSync(file, "utf8");
  const st = statSync(file);
  const key = `${process.version} ${process.arch} ${st.size} ${st.mtimeMs}`;
  let cached;
  let cachedWork = false;
  try {
    const buf = readFileSync(cacheFile);
    const nl = buf.indexOf(10);
    const [k, work] = buf.toString("latin1", 0, nl).split(" work=");
    if (nl > 0 && k === key) [cached, cachedWork] = [buf.subarray(nl + 1), work === "1"];
  } catch {
    // no cache yet
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData: cached,
    ...(vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
      ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
      : {}),
  });
  const m = new Module(file, module);
  m.filename = file;
  m.paths = Module._nodeModulePaths(dirname(file));
  require.cache[file] = m;
  script.runInThisContext().call(m.exports, m.exports, Module.createRequire(file), m, file, dirname(file));
  m.loaded = true;
  // At exit, so that the cache also holds the functions this run compiled lazily.
  process.once("exit", (code) => {
    const work = didWork(code);
    if (cached !== undefined && !script.cachedDataRejected && (cachedWork || !work)) return;
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(
        tmp,
        Buffer.concat([Buffer.from(`${key} work=${work ? 1 : 0}\n`, "latin1"), script.createCachedData()]),
      );
      renameSync(tmp, cacheFile);
    } catch {
      // a read-only dist/ only costs the cache
    }
  });
  return m.exports;
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, command)) {
    process.stderr.write(
      `unknown command ${command ?? "(none)"}\nusage: node scripts/cli.js ${Object.keys(COMMANDS).join("|")} [ARGS]\n`,
    );
    return 2;
  }
  if (staleReason(root) !== undefined) await (await import(pathToFileURL(join(__dirname, "build.mjs")).href)).build();
  const file = join(root, "dist", "scripts", `${command}.js`);
  const help = args.some((a) => a === "-h" || a === "--help");
  const { main: run } = COMMANDS[command]
    ? loadBundle(file, (code) => !help && (code === 0 || code === 1))
    : require(file);
  return run(args);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${(e && e.stack) || e}\n`);
    process.exit(1);
  },
);
