/**
 * The two commands of the README, run as a user runs them (the built CLIs in a child process): the offline
 * plan of the dev stack, its refusal of a broken copy of that stack, and `config:check` on every example
 * stack. Broken copies are written to a temporary directory (`--config-dir`), never into config/.
 */
import { strict as assert } from "node:assert";
import { execFile, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const PLAN = join(ROOT, "dist", "scripts", "plan.js");
const CHECK = join(ROOT, "dist", "scripts", "config-check.js");
const DEV = readFileSync(join(ROOT, "config", "Pulumi.dev.yaml"), "utf8");

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the dev stack file with `edit` applied, in a fresh temporary directory. */
function brokenDev(edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-cli-"));
  const text = edit(DEV);
  assert.notEqual(text, DEV, "the edit must change the stack file");
  writeFileSync(join(dir, "Pulumi.dev.yaml"), text);
  dirs.push(dir);
  return dir;
}
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The dev stack with the two mistakes of the README's example message. */
const readmeMistakes = (t: string) =>
  t
    .replace("cidrBlock: 10.0.0.0/16", "cidrBlock: 10.0.0.1/16")
    .replace(
      "ipv6-cluster-network:natGateways: perZone",
      "ipv6-cluster-network:natGateways: perZone\n  ipv6-cluster-network:subnets:\n" +
        '    - { name: utility-us-east-1a, zone: us-east-1a, type: Utility, ipv6CIDR: "/64#100" }',
    );

describe("npm run plan -- --stack dev", () => {
  let out: ReturnType<typeof run>;
  before(() => {
    out = run(PLAN, ["--stack", "dev"]);
  });

  it("exits 0 and prints nothing as an error", () => {
    assert.equal(out.status, 0, out.stderr);
    assert.doesNotMatch(out.stderr, /Invalid stack config|Error/);
  });

  it("prints the VPC and every zone", () => {
    assert.match(out.stdout, /^Plan for stack dev \(us-east-1\), offline: nothing was deployed$/m);
    assert.match(out.stdout, /VPC \(new\)\s+IPv4 10\.0\.0\.0\/16\s+IPv6 Amazon-provided \/56/);
    for (const z of ["us-east-1a", "us-east-1b", "us-east-1c"])
      assert.match(out.stdout, new RegExp(`^Zone ${z}$`, "m"));
  });

  it("prints each subnet with its kind, blocks, DNS64 and routes", () => {
    const row = (name: string) =>
      out.stdout.split("\n").find((l) => l.trim().startsWith(`${name} `)) ?? assert.fail(`no row for ${name}`);
    assert.match(
      row("utility-us-east-1a"),
      /Utility\s+10\.0\.0\.0\/24\s+\/64#0 of the AWS \/56\s+off\s+0\.0\.0\.0\/0 -> igw, ::\/0 -> igw$/,
    );
    assert.match(
      row("dualstack-us-east-1b"),
      /DualStack\s+10\.0\.66\.0\/23\s+\/64#41 of the AWS \/56\s+off\s+0\.0\.0\.0\/0 -> us-east-1b-nat, ::\/0 -> eigw, 64:ff9b::\/96 -> us-east-1b-nat$/,
    );
    assert.match(
      row("private-us-east-1c"),
      /Private \(IPv6-only\)\s+-\s+\/64#82 of the AWS \/56\s+on\s+::\/0 -> eigw, 64:ff9b::\/96 -> us-east-1c-nat$/,
    );
    assert.equal(
      out.stdout.split("\n").filter((l) => /^\s+(utility|dualstack|private)-us-east-1[abc]\s/.test(l)).length,
      9,
    );
  });

  it("prints the NAT gateways, the Kubernetes addressing and the resources declared by the real program", () => {
    assert.match(out.stdout, /NAT gateway us-east-1a-nat in utility-us-east-1a/);
    assert.match(out.stdout, /DNS fd00:10:96::a/);
    assert.match(out.stdout, /ipv6: node mask \/64: 256 nodes/);
    assert.match(out.stdout, /^\s+9\s+aws:ec2\/subnet:Subnet$/m);
    assert.match(out.stdout, /^\s+1\s+aws:ec2\/vpc:Vpc$/m);
  });
});

describe("npm run plan on a broken copy of the dev stack", () => {
  it("exits 1 with the validation message, the README's example word for word, and prints no plan", () => {
    const dir = brokenDev(readmeMistakes);
    const out = run(PLAN, ["--stack", "dev", "--config-dir", dir]);
    assert.equal(out.status, 1, out.stdout);
    assert.equal(out.stdout, "");
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const example = /```\n(Invalid stack config config\/Pulumi\.dev\.yaml: 4 problems\n[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, "README's example message not found");
    assert.equal(out.stderr, example.replace("config/Pulumi.dev.yaml", join(dir, "Pulumi.dev.yaml")));
  });

  it("lists every problem of the copy at once", () => {
    const dir = brokenDev((t) =>
      readmeMistakes(t)
        .replace("nodeCIDRMaskSize: 64", "nodeCIDRMaskSize: 80")
        .replace("- 10.96.0.0/16", "- 10.96.0.0/11"),
    );
    const out = run(PLAN, ["--stack", "dev", "--config-dir", dir]);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /: 6 problems\n/);
    for (const code of [
      "CIDR_NOT_CANONICAL",
      "IPV6_INDEX_OUT_OF_RANGE",
      "K8S_NODE_MASK_TOO_LONG",
      "K8S_SERVICE_CIDR_TOO_LARGE",
    ])
      assert.match(out.stderr, new RegExp(`\\[${code}\\]`));
  });

  it("a misspelt key is named with a suggestion", () => {
    const dir = brokenDev((t) => t.replace("nodeCIDRMaskSizeIPv4: 24", "nodeCidrMaskSizeIPv4: 24"));
    const out = run(PLAN, ["--stack", "dev", "--config-dir", dir]);
    assert.equal(out.status, 1);
    assert.match(
      out.stderr,
      /\[CONFIG_UNKNOWN_KEY\] kubernetes\.nodeCidrMaskSizeIPv4 = 24: unknown key "nodeCidrMaskSizeIPv4"\n\s+fix: did you mean "nodeCIDRMaskSizeIPv4"\?/,
    );
  });

  it("a YAML syntax error exits 1 and says where", () => {
    const dir = brokenDev((t) => t.replace("    cidrBlock: 10.0.0.0/16", "    cidrBlock: [10.0.0.0/16"));
    const out = run(PLAN, ["--stack", "dev", "--config-dir", dir]);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /^Cannot read .*Pulumi\.dev\.yaml: 1 problem\n\s+\[CONFIG_YAML\]/);
  });

  it("a stack without a file exits 1 naming the file it looked for", () => {
    const out = run(PLAN, ["--stack", "no-such-stack"]);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /\[STACK_NOT_FOUND\] config\/Pulumi\.no-such-stack\.yaml/);
  });

  it("without --stack exits 2 with the usage", () => {
    const out = run(PLAN, []);
    assert.equal(out.status, 2);
    assert.match(out.stderr, /^usage: npm run plan -- --stack NAME/);
  });
});

describe("npm run config:check", () => {
  const stacks = readdirSync(join(ROOT, "config"))
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();

  it("finds the example stacks the README lists", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf("## Example stacks");
    assert.ok(start >= 0, "README has no Example stacks section");
    const section = readme.slice(start, readme.indexOf("\n## ", start + 5));
    const listed = [...section.matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]).sort();
    assert.deepEqual(listed, ["byo-pool", "dev", "eks", "existing-vpc", "ipam", "legacy-ipv4", "prod"]);
    for (const s of listed) assert.ok(stacks.includes(s), `config/Pulumi.${s}.yaml missing`);
  });

  for (const stack of ["byo-pool", "dev", "eks", "existing-vpc", "ipam", "legacy-ipv4", "prod"]) {
    it(`passes the example stack ${stack} (exit 0)`, () => {
      const out = run(CHECK, ["--stack", stack]);
      assert.equal(out.status, 0, out.stderr);
      assert.match(out.stdout, new RegExp(`^config/Pulumi\\.${stack}\\.yaml: valid \\(\\d+ subnets in \\d+ zones\\)`));
    });
  }

  it("passes every stack file in config/, including ones added later", () => {
    const failed = stacks.filter((s) => run(CHECK, ["--stack", s]).status !== 0);
    assert.deepEqual(failed, []);
  });

  it("refuses a broken copy with exit 1 and every problem", () => {
    const dir = brokenDev(readmeMistakes);
    const out = run(CHECK, ["--stack", "dev", "--config-dir", dir]);
    assert.equal(out.status, 1);
    assert.equal(out.stdout, "");
    assert.match(out.stderr, /^Invalid stack config .*Pulumi\.dev\.yaml: 4 problems\n/);
    assert.match(
      out.stderr,
      /\[CIDR_NOT_CANONICAL\] vpc\.cidrBlock = "10\.0\.0\.1\/16": 10\.0\.0\.1\/16 has host bits set\n\s+fix: did you mean 10\.0\.0\.0\/16\?/,
    );
  });

  it("prints warnings of a valid stack, each with its fix as the plan prints it, without failing it", () => {
    const out = run(CHECK, ["--stack", "ipam"]);
    assert.equal(out.status, 0);
    assert.match(
      out.stdout,
      /warning \[NAT_CROSS_ZONE\] zones\[1\]: subnet dualstack-us-east-2b in us-east-2b reaches NAT gateway us-east-2a-nat.*\n {6}fix: \S/,
    );
    const lines = out.stdout.trimEnd().split("\n").slice(1);
    assert.ok(lines.length >= 2 && lines.length % 2 === 0, out.stdout);
    lines.forEach((l, i) => assert.match(l, i % 2 ? /^ {6}fix: \S/ : /^ {2}warning \[[A-Z0-9_]+\] /));
  });

  it("exits 1 for a stack without a file, and 2 without --stack", () => {
    const missing = run(CHECK, ["--stack", "no-such-stack"]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no stack file config\/Pulumi\.no-such-stack\.yaml/);
    const usage = run(CHECK, []);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /^usage: npm run config:check -- --stack NAME/);
  });
});

/** The built CLI in a child process, without waiting: the argument checks below run side by side. */
function runAsync(
  script: string,
  args: string[],
): Promise<{ args: string[]; status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: ROOT, encoding: "utf8", timeout: 60_000 },
      (err, stdout, stderr) => {
        const status = err ? (typeof err.code === "number" ? err.code : null) : 0;
        resolve({ args, status, stdout, stderr });
      },
    );
  });
}

describe("command lines: one util.parseArgs parser for plan, config:check, schema and bench", () => {
  const SCRIPTS = {
    plan: { file: PLAN, usage: "usage: npm run plan -- --stack NAME", ok: ["--stack", "dev"] },
    "config:check": { file: CHECK, usage: "usage: npm run config:check -- --stack NAME", ok: ["--stack", "dev"] },
    schema: {
      file: join(ROOT, "dist", "scripts", "gen-schema.js"),
      usage: "usage: npm run schema -- [--check]",
      ok: ["--check"],
    },
    bench: {
      file: join(ROOT, "dist", "scripts", "bench.js"),
      usage: "usage: npm run bench -- [--runs N] [--no-test] [--write]",
      ok: ["--runs", "1"],
    },
  };
  type Out = Awaited<ReturnType<typeof runAsync>>;
  const results: Record<string, Out[]> = {};
  let svgDir = "";
  let json: Out;
  before(async function () {
    this.timeout(60_000);
    svgDir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-cli-svg-"));
    dirs.push(svgDir);
    const jobs: Promise<void>[] = [];
    for (const [name, s] of Object.entries(SCRIPTS)) {
      results[name] = [];
      const cases = [
        ["--bogus", "x", ...s.ok], // unknown flag
        [...s.ok, ...s.ok], // every flag given twice
        ["--help"],
        [...s.ok, "-h"],
        [...s.ok, "stray"],
      ];
      cases.forEach((args, i) => jobs.push(runAsync(s.file, args).then((r) => void (results[name][i] = r))));
    }
    jobs.push(
      runAsync(PLAN, ["--stack=dev", "--format=json", `--svg=${join(svgDir, "dev.svg")}`]).then((r) => void (json = r)),
    );
    await Promise.all(jobs);
  });

  it("--flag=value works: --format=json prints one JSON document and --svg=FILE writes the diagram", () => {
    assert.equal(json.status, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as { ok: boolean; stack: string; plan: { subnets: unknown[] } };
    assert.equal(doc.ok, true);
    assert.equal(doc.stack, "dev");
    assert.equal(doc.plan.subnets.length, 9);
    assert.match(readFileSync(join(svgDir, "dev.svg"), "utf8"), /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  for (const [name, s] of Object.entries(SCRIPTS)) {
    it(
      `${name}: an unknown flag, a repeated flag or a stray word exits 2 with the usage; ` +
        `--help and -h print it and exit 0`,
      () => {
        const [unknown, twice, help, h, stray] = results[name];
        for (const [r, first] of [
          [unknown, "unknown argument --bogus"],
          [twice, `--${s.ok[0].slice(2)} given twice`],
          [stray, "unknown argument stray"],
        ] as const) {
          assert.equal(r.status, 2, `${r.args.join(" ")}: ${r.stderr}`);
          assert.equal(r.stdout, "");
          assert.ok(r.stderr.startsWith(`${first}\n${s.usage}`), `${r.args.join(" ")}:\n${r.stderr}`);
          assert.match(r.stderr, /^ {2}-h, --help {2,}print this help and exit$/m);
        }
        for (const r of [help, h]) {
          assert.equal(r.status, 0, r.stderr);
          assert.equal(r.stderr, "");
          assert.ok(r.stdout.startsWith(s.usage), r.stdout);
          assert.match(r.stdout, /^ {2}-h, --help/m);
        }
      },
    );
  }

  it("a flag without its value exits 2 saying so, also when the next word is a flag", async () => {
    const out = await Promise.all([
      runAsync(PLAN, ["--stack", "dev", "--svg"]),
      runAsync(CHECK, ["--stack", "--config-dir", "config"]),
      runAsync(CHECK, ["--stack="]),
    ]);
    for (const [r, flag] of out.map((r, i) => [r, ["--svg", "--stack", "--stack"][i]] as const)) {
      assert.equal(r.status, 2, r.args.join(" "));
      assert.ok(r.stderr.startsWith(`${flag} needs a value\nusage: `), r.stderr);
    }
  });

  it("an unknown stack lists the stacks of the config directory and suggests the closest one", async () => {
    const [planJson, check, far] = await Promise.all([
      runAsync(PLAN, ["--stack", "prd", "--format", "json"]),
      runAsync(CHECK, ["--stack", "dve"]),
      runAsync(CHECK, ["--stack", "no-such-stack"]),
    ]);
    const stacks = "byo-pool, dev, eks, existing-vpc, ipam, legacy-ipv4, prod";
    assert.equal(planJson.status, 1);
    const doc = JSON.parse(planJson.stdout) as {
      ok: boolean;
      findings: { code: string; message: string; fix: string }[];
    };
    assert.equal(doc.ok, false);
    assert.deepEqual(
      doc.findings.map((f) => f.code),
      ["STACK_NOT_FOUND"],
    );
    assert.match(
      doc.findings[0].message,
      new RegExp(`^no stack file config/Pulumi\\.prd\\.yaml; the stacks in config/ are ${stacks}$`),
    );
    assert.equal(doc.findings[0].fix, "did you mean prod? (--stack prod)");
    assert.equal(check.status, 1);
    assert.match(
      check.stderr,
      new RegExp(
        `\\[STACK_NOT_FOUND\\] config/Pulumi\\.dve\\.yaml.*the stacks in config/ are ${stacks}\\n` +
          "\\s+fix: did you mean dev\\? \\(--stack dev\\)",
      ),
    );
    assert.equal(far.status, 1);
    assert.match(
      far.stderr,
      new RegExp(
        `the stacks in config/ are ${stacks}\\n` +
          `\\s+fix: use one of ${stacks}, or create config/Pulumi\\.no-such-stack\\.yaml`,
      ),
    );
  });
});

describe("bench writes no tracked file unless asked", () => {
  it(
    "without --write only bench/tmp/ (ignored by git); " + "with --write also bench/results/ and docs/performance.md",
    () => {
      const { resultFiles } = require(join(ROOT, "dist", "scripts", "bench.js")) as {
        resultFiles(write: boolean): string[];
      };
      const ignored = readFileSync(join(ROOT, ".gitignore"), "utf8").split("\n");
      assert.ok(ignored.includes("bench/tmp/"));
      assert.ok(resultFiles(false).length > 0);
      for (const f of resultFiles(false)) assert.ok(f.startsWith("bench/tmp/"), f);
      assert.deepEqual(
        resultFiles(true)
          .filter((f) => !f.startsWith("bench/tmp/"))
          .sort(),
        ["bench/results/latest.json", "bench/results/latest.md", "docs/performance.md"],
      );
      const page = readFileSync(join(ROOT, "docs", "performance.md"), "utf8");
      assert.ok(
        page.includes("\n<!-- bench:start -->\n") && page.includes("\n<!-- bench:end -->\n"),
        "docs/performance.md has no bench markers for --write",
      );
    },
  );
});

describe("the commands of the README and the docs/ pages", () => {
  const pages = [
    "README.md",
    ...readdirSync(join(ROOT, "docs"))
      .filter((f) => f.endsWith(".md"))
      .map((f) => join("docs", f)),
  ];
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
  // Lines of the shell (and plain) code blocks, prefixed with their page.
  const lines: string[] = [];
  for (const page of pages) {
    let fence: string | undefined;
    for (const l of readFileSync(join(ROOT, page), "utf8").split("\n")) {
      if (l.startsWith("```")) fence = fence === undefined ? l.slice(3).trim() : undefined;
      else if (fence === "" || fence === "sh" || fence === "bash") lines.push(`${page}: ${l}`);
    }
  }
  const calls = lines.flatMap((l) => [...l.matchAll(/npm run( -s)? ([\w:]+)( -- ([^|>#;&]*))?([|>])?/g)]);
  const COMMANDS: Record<string, string> = {
    plan: "plan",
    "config:check": "config-check",
    schema: "gen-schema",
    bench: "bench",
  };

  it("name npm scripts that exist, with flags the command takes, and -s wherever stdout is piped or redirected", () => {
    assert.ok(calls.length >= 8, `only ${calls.length} npm run commands found`);
    for (const call of calls) {
      const [, silent, script, , args, pipe] = call;
      const line = call.input;
      assert.ok(pkg.scripts[script], `${line}: no npm script ${script}`);
      if (pipe) assert.ok(silent, `${line}: npm prints its banner on stdout: use npm run -s when piping`);
      if (!args || !COMMANDS[script]) continue;
      const { COMMAND } = require(join(ROOT, "dist", "scripts", `${COMMANDS[script]}.js`)) as {
        COMMAND: { flags: Record<string, unknown> };
      };
      for (const flag of args.match(/--[\w-]+/g) ?? [])
        assert.ok(flag.slice(2) in COMMAND.flags, `${line}: ${script} has no ${flag}`);
    }
  });
});

describe("npm run plan, config:check, schema and bench: one process, rebuilding dist/ only when stale", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

  it("each is one node command, scripts/cli.js (no build step before it)", () => {
    for (const [script, command] of [
      ["plan", "plan"],
      ["config:check", "config-check"],
      ["schema", "gen-schema"],
      ["bench", "bench"],
    ]) {
      assert.equal(pkg.scripts[script], `node scripts/cli.js ${command}`);
    }
  });

  it(
    "in a fresh copy of the project: builds dist/ when missing, " +
      "then runs from it without any child process, and rebuilds in-process after an edit",
    function () {
      this.timeout(60_000);
      const copy = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-launcher-"));
      dirs.push(copy);
      for (const p of ["index.ts", "components", "scripts", "config", "package.json"])
        cpSync(join(ROOT, p), join(copy, p), { recursive: true });
      symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
      // Preloaded: logs every child process the command starts, and at exit whether it loaded esbuild (whose
      // service process is started from a worker thread, out of this probe's sight).
      const probe = join(copy, "probe.js");
      const log = join(copy, "spawned.log");
      writeFileSync(
        probe,
        `const cp = require("child_process"), fs = require("fs");
for (const k of ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]) {
  const f = cp[k];
  cp[k] = function (...a) {
    fs.appendFileSync(process.env.SPAWN_LOG, "child " + String(a[0]) + "\\n");
    return f.apply(this, a);
  };
}
process.on("exit", () => {
  if (Object.keys(require.cache).some((k) => /[\\\\/]esbuild[\\\\/]/.test(k)))
    fs.appendFileSync(process.env.SPAWN_LOG, "esbuild\\n");
});
`,
      );
      const [node, ...command] = pkg.scripts["config:check"].split(" ");
      assert.equal(node, "node");
      const npmRun = () => {
        rmSync(log, { force: true });
        const r = spawnSync(process.execPath, ["-r", probe, ...command, "--stack", "dev"], {
          cwd: copy,
          encoding: "utf8",
          timeout: 60_000,
          env: { ...process.env, SPAWN_LOG: log },
        });
        const spawned = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
        return { ...r, spawned };
      };
      const onlyEsbuild = (spawned: string[]) =>
        spawned.includes("esbuild") && spawned.every((c) => c === "esbuild" || /esbuild/.test(c));

      const first = npmRun();
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /^config\/Pulumi\.dev\.yaml: valid \(9 subnets in 3 zones\)/);
      assert.ok(
        existsSync(join(copy, "dist", ".build-stamp")) && onlyEsbuild(first.spawned),
        `built in-process: ${first.spawned.join(", ")}`,
      );

      for (let i = 0; i < 2; i++) {
        const fresh = npmRun();
        assert.equal(fresh.status, 0, fresh.stderr);
        assert.equal(fresh.stdout, first.stdout);
        assert.deepEqual(fresh.spawned, [], "a fresh build must cost no second process and no esbuild");
        assert.ok(existsSync(join(copy, "dist", "scripts", "config-check.js.v8cache")));
      }

      const source = join(copy, "scripts", "config-check.ts");
      writeFileSync(source, readFileSync(source, "utf8").replace(": valid (", ": VALID ("));
      const later = Date.now() / 1000 + 5;
      utimesSync(source, later, later);
      const edited = npmRun();
      assert.equal(edited.status, 0, edited.stderr);
      assert.match(edited.stdout, /^config\/Pulumi\.dev\.yaml: VALID \(9 subnets in 3 zones\)/);
      assert.ok(onlyEsbuild(edited.spawned), `rebuilt in-process: ${edited.spawned.join(", ")}`);
    },
  );
});
