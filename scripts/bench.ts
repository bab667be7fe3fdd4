/**
 * npm run bench [-- --runs N] [--no-test] [--write]
 *
 * Measures the plan against the performance floor (the same AWS resources declared by hand with
 * @pulumi/aws under mocks, bench/floor.js), each run a whole process, A and B alternating run by run
 * after a warm-up, and reports medians, min, max and peak RSS, and the budget as PASS/FAIL lines; also
 * `config:check` (the command `npm run config:check` runs) against a bare `node -e 0`, paired.
 * Prints the table and writes bench/tmp/latest.{json,md} (not tracked); only with --write does it
 * update the tracked bench/results/latest.{json,md} and the table in docs/performance.md between the
 * bench markers. Generated stacks go to a temporary directory, never into config/.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { planNetwork } from "../components/core/plan";
import { offlineFacts, parseStackFile } from "../components/offline/stack-file";
import { runAsMain, runCommand, usage, UsageError, type Command } from "./args";

const root = join(__dirname, "..", "..");
const LETTERS = "abcdefghijklmnop";

/** The dual-stack cluster of the generated stacks, as a line of their YAML. */
const K8S_LINE =
  '  ipv6-cluster-network:kubernetes: { podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"],' +
  ' serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"] }';

/** The floor's layout: Z zones x (Utility, DualStack, Private), NAT per zone, Amazon /56, dual-stack cluster. */
export function floorLayoutStack(zones: number): string {
  const names = [...LETTERS.slice(0, zones)].map((l) => `us-east-1${l}`);
  return [
    "config:",
    "  aws:region: us-east-1",
    "  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }",
    `  ipv6-cluster-network:zones: ${JSON.stringify(names)}`,
    "  ipv6-cluster-network:natGateways: perZone",
    K8S_LINE,
    "",
  ].join("\n");
}

/** The largest stack a /56 allows: 16 zones x 16 subnets (4 of each IPv6 kind), 256 /64s, pinned. */
export function fullStack(): string {
  const kinds = ["Utility", "DualStack", "Private", "Public"] as const;
  const lines = [
    "config:",
    "  aws:region: us-east-1",
    "  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }",
    `  ipv6-cluster-network:zones: ${JSON.stringify([...LETTERS].map((l) => `us-east-1${l}`))}`,
    K8S_LINE,
    "  ipv6-cluster-network:subnets:",
  ];
  let v4 = 0;
  for (let z = 0; z < 16; z++) {
    const zone = `us-east-1${LETTERS[z]}`;
    kinds.forEach((kind, k) => {
      for (let slot = 0; slot < 4; slot++) {
        const index = (k << 6) | (slot << 4) | z;
        const cidr = kind === "Private" ? "" : `, cidr: 10.0.${v4++}.0/24`;
        const name = `${kind.toLowerCase()}-${slot}-${zone}`;
        const ipv6 = `/64#${index.toString(16)}`;
        lines.push(`    - { name: ${name}, zone: ${zone}, type: ${kind}, ipv6CIDR: "${ipv6}"${cidr} }`);
      }
    });
  }
  return lines.join("\n") + "\n";
}

interface Sample {
  ms: number;
  rssMb: number;
}
interface Stats {
  median: number;
  min: number;
  max: number;
  rssMb: number;
  runs: number;
}

function run(cmd: string[], env: Record<string, string>, probe: string): Sample {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["-r", join(root, "scripts", "rss-probe.js"), ...cmd], {
    cwd: root,
    env: { ...process.env, ...env, RSS_PROBE_FILE: probe },
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd.join(" ")} failed (${r.status}):\n${r.stderr}`);
  return { ms, rssMb: Number(readFileSync(probe, "utf8")) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stats = (xs: Sample[]): Stats => ({
  median: median(xs.map((x) => x.ms)),
  min: Math.min(...xs.map((x) => x.ms)),
  max: Math.max(...xs.map((x) => x.ms)),
  rssMb: Math.max(...xs.map((x) => x.rssMb)),
  runs: xs.length,
});

/** Runs A and B alternately after one warm-up each; returns their stats and the median of paired ratios. */
function paired(a: () => Sample, b: () => Sample, runs: number) {
  a();
  b();
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  return {
    a: stats(as),
    b: stats(bs),
    ratio: median(as.map((x, i) => x.ms / bs[i].ms)),
    rssRatio: Math.max(...as.map((x) => x.rssMb)) / Math.max(...bs.map((x) => x.rssMb)),
  };
}

function repeat(f: () => Sample, runs: number): Stats {
  f();
  return stats(Array.from({ length: runs }, f));
}

async function inProcess(yamlText: string) {
  const { Bench } = require("tinybench") as typeof import("tinybench");
  const file = parseStackFile(yamlText, "full", "full");
  const facts = offlineFacts(file);
  const check = planNetwork(file.values, facts);
  if (!check.ok) throw new Error(`16x16 stack is invalid: ${check.findings.map((f) => f.code).join(", ")}`);
  const bench = new Bench({ time: 1000, warmup: true });
  bench.add("validate + plan 16x16", () => {
    planNetwork(file.values, facts);
  });
  await bench.run();
  const task = bench.tasks[0].result as unknown as {
    latency: { p50?: number; mean: number; min: number; max: number };
  };
  return {
    medianMs: task.latency.p50 ?? task.latency.mean,
    meanMs: task.latency.mean,
    minMs: task.latency.min,
    maxMs: task.latency.max,
    subnets: check.plan.subnets.length,
  };
}

function fmt(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

function versions() {
  const pkg = (name: string) => {
    try {
      return JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version as string;
    } catch {
      return "?";
    }
  };
  return {
    node: process.version,
    "@pulumi/pulumi": pkg("@pulumi/pulumi"),
    "@pulumi/aws": pkg("@pulumi/aws"),
    zod: pkg("zod"),
  };
}

/** The page whose table between the bench markers --write replaces. */
const PERFORMANCE_PAGE = "docs/performance.md";

/**
 * What a bench run writes, relative to the project root: the untracked bench/tmp/ always, and the tracked
 * results and the table in docs/performance.md only with --write.
 */
export function resultFiles(write: boolean): string[] {
  return [
    "bench/tmp/latest.json",
    "bench/tmp/latest.md",
    ...(write ? ["bench/results/latest.json", "bench/results/latest.md", PERFORMANCE_PAGE] : []),
  ];
}

/** A bare process (`node -e 0`) and one command, alternately: the command's cost over Node's own start-up. */
function spawnMs(args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export const COMMAND = {
  name: "npm run bench --",
  summary:
    "Measures the plan against the performance floor and prints the budget (about 3 minutes with the defaults)." +
    " Writes bench/tmp/latest.{json,md}; only --write updates the tracked bench/results/ and docs/performance.md.",
  flags: {
    runs: { type: "string", value: "N", help: "runs of each measurement after a warm-up (default 5)" },
    "no-test": { type: "boolean", help: "skip timing npm test" },
    write: { type: "boolean", help: "also write bench/results/latest.{json,md} and the table in docs/performance.md" },
  },
} as const satisfies Command;

export function main(argv: readonly string[]): Promise<number> {
  return runCommand(COMMAND, argv, (flags) => {
    const runs = flags.runs === undefined ? 5 : Number(flags.runs);
    if (!Number.isInteger(runs) || runs < 1)
      throw new UsageError(`--runs ${flags.runs}: a whole number of at least 1\n${usage(COMMAND)}`);
    return bench(runs, !flags["no-test"], flags.write);
  }).catch((e) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
    return 2;
  });
}

const log = (s: string) => process.stderr.write(s + "\n");

/** Where a run works: the directory of the generated stacks, the peak-RSS file, the floor program. */
interface Setup {
  dir: string;
  probe: string;
  floor: string;
}

type Paired = ReturnType<typeof paired>;

/** Everything a run measures. */
interface Measurements {
  /** Plan (a) against the floor (b), by zone count. */
  pairs: Record<number, Paired>;
  /** The plan of the 16 x 16 stack. */
  full: Stats;
  /** config:check of the 16-zone stack, and the same (a) against `node -e 0` (b). */
  check: Stats;
  startup: Paired;
  micro: Awaited<ReturnType<typeof inProcess>>;
  /** The language host's set-up, by how it is told to run the program. */
  host: Record<"compiled" | "transpile" | "typecheck" | "typecheckWarm", Stats>;
  test?: { ms: number; ok: boolean };
}

/** The plan against the floor at 3, 8 and 16 zones, then the plan of the 16 x 16 stack. */
function measurePlan(s: Setup, runs: number): Pick<Measurements, "pairs" | "full"> {
  const plan = (stack: string) => () =>
    run([join(root, "dist", "scripts", "plan.js"), "--stack", stack, "--config-dir", s.dir], {}, s.probe);
  const nodePath = join(root, "node_modules");
  const floorRun = (z: number) => () => run([s.floor], { ZONES: String(z), NODE_PATH: nodePath }, s.probe);
  const pairs: Record<number, Paired> = {};
  for (const z of [3, 8, 16]) {
    log(`plan vs floor, ${z} zones (${runs} pairs + warm-up)...`);
    pairs[z] = paired(plan(`z${z}`), floorRun(z), runs);
  }
  log("plan of the 16 x 16 stack...");
  return { pairs, full: repeat(plan("full"), runs) };
}

/** config:check of the 16-zone stack, alone and against a bare `node -e 0`. */
function measureCheck(s: Setup, runs: number): Pick<Measurements, "check" | "startup"> {
  // What `npm run config:check` runs (npm's own process aside): the launcher, with its staleness check.
  const checkCmd = [join(root, "scripts", "cli.js"), "config-check", "--stack", "z16", "--config-dir", s.dir];
  log("config:check of the 16-zone stack...");
  const check = repeat(() => run(checkCmd, {}, s.probe), runs);
  const startupRuns = Math.max(11, runs * 2 + 1);
  log(`config:check vs node -e 0 (${startupRuns} pairs + warm-up)...`);
  const startup = paired(
    () => ({ ms: spawnMs(checkCmd), rssMb: 0 }),
    () => ({ ms: spawnMs(["-e", "0"]), rssMb: 0 }),
    startupRuns,
  );
  return { check, startup };
}

/**
 * How the language host is told to run the program (scripts/runtime-cost.js): what typescript: false
 * with a compiled main saves against ts-node, with and without type-checking. Fewer runs: the
 * type-checking one takes seconds.
 */
function measureHost(probe: string, runs: number): Measurements["host"] {
  log("language-host set-up: compiled vs ts-node transpile-only vs ts-node type-check (dev stack)...");
  const hostRuns = Math.max(3, Math.ceil(runs / 2));
  const script = join(root, "scripts", "runtime-cost.js");
  const stack = join(root, "config", "Pulumi.dev.yaml");
  const hostRun = (m: string, cold: boolean) => () => run([script, m, stack, ...(cold ? ["--cold"] : [])], {}, probe);
  return {
    compiled: repeat(hostRun("compiled", false), hostRuns),
    transpile: repeat(hostRun("transpile", true), hostRuns),
    typecheck: repeat(hostRun("typecheck", true), hostRuns),
    typecheckWarm: repeat(hostRun("typecheck", false), hostRuns),
  };
}

/** `npm test`, whole, once: its time and whether it passed. */
function timeTests(): { ms: number; ok: boolean } {
  log("npm test...");
  const t = process.hrtime.bigint();
  const r = spawnSync("npm", ["test", "--silent"], { cwd: root, encoding: "utf8", maxBuffer: 256 << 20 });
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, ok: r.status === 0 };
}

/** Every measurement, in the order the log shows them. */
async function measure(s: Setup, runs: number, withTests: boolean): Promise<Measurements> {
  const plan = measurePlan(s, runs);
  const check = measureCheck(s, runs);
  log("in-process validate + plan of the 16 x 16 stack...");
  const micro = await inProcess(fullStack());
  const host = measureHost(s.probe, runs);
  return { ...plan, ...check, micro, host, test: withTests ? timeTests() : undefined };
}

/** How much slower the plan and the floor get from 3 to 16 zones. */
function growthOf(m: Measurements) {
  return { plan: m.pairs[16].a.median / m.pairs[3].a.median, floor: m.pairs[16].b.median / m.pairs[3].b.median };
}

/** The budget: each line with whether the run met it. */
function budgetOf(m: Measurements): { line: string; pass: boolean }[] {
  const { pairs, check, startup, micro, test } = m;
  const growth = growthOf(m);
  const rss = (z: number) =>
    `${pairs[z].a.rssMb.toFixed(0)} / ${pairs[z].b.rssMb.toFixed(0)} MiB = ${pairs[z].rssRatio.toFixed(2)}`;
  return [
    ...[3, 8, 16].map((z) => ({
      line: `plan <= 1.2x floor at ${z} zones (median paired ratio ${pairs[z].ratio.toFixed(2)})`,
      pass: pairs[z].ratio <= 1.2,
    })),
    ...[3, 8, 16].map((z) => ({
      line: `plan peak RSS <= 1.2x floor at ${z} zones (${rss(z)})`,
      pass: pairs[z].rssRatio <= 1.2,
    })),
    {
      line:
        "growth 3 -> 16 zones no steeper than the floor's" +
        ` (plan ${growth.plan.toFixed(2)}x, floor ${growth.floor.toFixed(2)}x)`,
      pass: growth.plan <= growth.floor * 1.05,
    },
    {
      line: `config:check <= 0.2 s whole process at 16 zones (median ${fmt(check.median)})`,
      pass: check.median <= 200,
    },
    {
      line:
        "config:check <= 2x a bare node -e 0 at 16 zones" +
        ` (median paired ratio ${startup.ratio.toFixed(2)}: ${fmt(startup.a.median)} / ${fmt(startup.b.median)})`,
      pass: startup.ratio <= 2,
    },
    { line: `validate + plan 16 x 16 < 5 ms per call (median ${fmt(micro.medianMs)})`, pass: micro.medianMs < 5 },
    ...(test
      ? [{ line: `npm test < 60 s (${fmt(test.ms)}${test.ok ? "" : ", FAILED"})`, pass: test.ms < 60000 && test.ok }]
      : []),
  ];
}

/** The record of a run, as bench/tmp/latest.json holds it. */
function resultOf(m: Measurements, runs: number, floor: string) {
  return {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "?",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      platform: `${process.platform}-${process.arch}`,
    },
    versions: versions(),
    runs,
    floor: floor.startsWith(join(root, "..")) ? "../shared/bench/floor.js" : "bench/floor.js",
    pairs: m.pairs,
    growth: growthOf(m),
    full: m.full,
    configCheck: m.check,
    configCheckVsNode: { check: m.startup.a, node: m.startup.b, ratio: m.startup.ratio },
    inProcess: m.micro,
    languageHost: m.host,
    npmTest: m.test,
    budget: budgetOf(m),
  };
}

type Result = ReturnType<typeof resultOf>;

/** One row of the table: median, min, max and peak RSS of a measurement. */
const statsRow = (name: string, s: Stats) =>
  `| ${name} | ${fmt(s.median)} | ${fmt(s.min)} | ${fmt(s.max)} | ${s.rssMb.toFixed(0)} MiB |`;

/** The sentence above the table: when, on what machine and software, how many runs. */
function measuredOn(r: Result): string {
  const m = r.machine;
  return (
    `Measured ${r.date.slice(0, 10)} on ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.platform};` +
    ` Node ${process.version}, @pulumi/pulumi ${r.versions["@pulumi/pulumi"]},` +
    ` @pulumi/aws ${r.versions["@pulumi/aws"]};` +
    ` ${r.runs} runs each after a warm-up, whole processes, plan and floor alternating.`
  );
}

/** The rows of the table: the plan against the floor, config:check against Node, the language host, npm test. */
function tableRows(r: Result): string[] {
  const { pairs, growth, full, configCheck, inProcess: micro, languageHost: host, npmTest: test } = r;
  const node = r.configCheckVsNode.node;
  return [
    ...[3, 8, 16].flatMap((z) => [
      statsRow(`plan, ${z} zones`, pairs[z].a),
      statsRow(`floor, ${z} zones`, pairs[z].b),
      `| plan / floor, ${z} zones (median of paired ratios) | ${pairs[z].ratio.toFixed(2)}x | | |` +
        ` ${pairs[z].rssRatio.toFixed(2)}x |`,
    ]),
    `| growth 3 -> 16 zones | plan ${growth.plan.toFixed(2)}x, floor ${growth.floor.toFixed(2)}x | | | |`,
    statsRow("plan, 16 zones x 16 subnets (256 /64s)", full),
    statsRow("config:check, 16 zones", configCheck),
    `| node -e 0 (Node's start-up alone) | ${fmt(node.median)} | ${fmt(node.min)} | ${fmt(node.max)} | |`,
    `| config:check / node -e 0, 16 zones (median of paired ratios) | ${r.configCheckVsNode.ratio.toFixed(2)}x | | | |`,
    `| validate + plan 16 x 16, in process, per call | ${fmt(micro.medianMs)} | ${fmt(micro.minMs)}` +
      ` | ${fmt(micro.maxMs)} | |`,
    statsRow("`pulumi up` set-up, dev stack: compiled `dist/` (this repo)", host.compiled),
    statsRow("... same program via ts-node, transpile-only, after an edit (empty ts-node cache)", host.transpile),
    statsRow(
      "... same program via ts-node, type-checking (Pulumi's TypeScript default), after an edit or in CI",
      host.typecheck,
    ),
    statsRow("... same, type-checking, unchanged sources (ts-node's cache hit)", host.typecheckWarm),
    ...(test ? [`| npm test, whole | ${fmt(test.ms)} | | | |`] : []),
  ];
}

/** The run as markdown: the sentence, the table and the budget as PASS/FAIL lines. */
function markdownOf(r: Result): string {
  return [
    measuredOn(r),
    "",
    "| what | median | min | max | peak RSS |",
    "| --- | --- | --- | --- | --- |",
    ...tableRows(r),
    "",
    "Budget:",
    "",
    ...r.budget.map((b) => `- ${b.pass ? "PASS" : "FAIL"} ${b.line}`),
  ].join("\n");
}

/** Writes the run's files (resultFiles), the table into docs/performance.md between its markers; returns them. */
function writeResults(write: boolean, result: Result, md: string): string[] {
  // Untracked by default (bench/tmp/ is ignored); the tracked copies and docs/performance.md only with --write.
  const written = resultFiles(write);
  for (const rel of written) {
    const file = join(root, rel);
    if (rel !== PERFORMANCE_PAGE) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, rel.endsWith(".json") ? JSON.stringify(result, null, 2) + "\n" : md + "\n");
    } else {
      const text = readFileSync(file, "utf8");
      const start = "<!-- bench:start -->";
      const end = "<!-- bench:end -->";
      if (!text.includes(start) || !text.includes(end)) throw new Error(`${rel} has no ${start} ... ${end} markers`);
      writeFileSync(
        file,
        text.slice(0, text.indexOf(start) + start.length) + "\n" + md + "\n" + text.slice(text.indexOf(end)),
      );
    }
  }
  return written;
}

/** A whole bench run: measures, prints the table, writes the files; 0 when every budget line passes. */
async function bench(runs: number, withTests: boolean, write: boolean): Promise<number> {
  const started = process.hrtime.bigint();
  const dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-bench-"));
  const sharedFloor = join(root, "..", "shared", "bench", "floor.js");
  const floor = existsSync(sharedFloor) ? sharedFloor : join(root, "bench", "floor.js");
  try {
    for (const z of [3, 8, 16]) writeFileSync(join(dir, `Pulumi.z${z}.yaml`), floorLayoutStack(z));
    writeFileSync(join(dir, "Pulumi.full.yaml"), fullStack());
    const m = await measure({ dir, probe: join(dir, "rss"), floor }, runs, withTests);
    const result = resultOf(m, runs, floor);
    const md = markdownOf(result);
    const written = writeResults(write, result, md);
    process.stdout.write(md + "\n");
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    const hint = write ? "" : " (pass --write to update bench/results/ and docs/performance.md)";
    log(`wrote ${written.join(", ")}${hint}`);
    log(`bench took ${elapsed.toFixed(0)} s`);
    return result.budget.every((b) => b.pass) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runAsMain(main);
