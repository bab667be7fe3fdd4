/**
 * `npm run plan -- --against REF` as a user runs it, in this process (the command's `main` with stdout and
 * stderr captured; a child process would load the Pulumi SDK again for every case): a git revision of a
 * stack file in a scratch repository, another stack file, a state, the three formats, the exit codes, and
 * the plan's own warning about an uncommitted edit that replaces something.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { declared, BASE, exportOf } from "./support/diff-fixtures";
import { planInProcess } from "./support/plan-in-process";

const ROOT = join(__dirname, "..", "..");
const LEGACY = readFileSync(join(ROOT, "config", "Pulumi.legacy-ipv4.yaml"), "utf8");
const withIpv6 = (ipv6: string) =>
  LEGACY.replace("cidrBlock: 10.30.0.0/16", `cidrBlock: 10.30.0.0/16\n    ipv6: ${ipv6}`);

/** The plan command, in process: its exit code (`status`) and what it wrote. */
const plan = planInProcess;

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir, stdio: "pipe" });

describe("npm run plan -- --against", function () {
  this.timeout(60_000);
  let dir: string;
  const stack = ["--stack", "legacy-ipv4"];
  before(() => {
    // A scratch repository whose HEAD has the IPv4 stack; the working copy is edited per case.
    dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-diff-"));
    writeFileSync(join(dir, "Pulumi.legacy-ipv4.yaml"), LEGACY);
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-qm", "ipv4");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const edit = (text: string) => writeFileSync(join(dir, "Pulumi.legacy-ipv4.yaml"), text);

  it("--against HEAD: adding vpc.ipv6 as is replaces the Private subnets: exit 3 and a hint", async () => {
    edit(withIpv6("{}"));
    const r = await plan([...stack, "--config-dir", dir, "--against", "HEAD"]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stdout, /^Changes to stack legacy-ipv4 against .*Pulumi\.legacy-ipv4\.yaml at HEAD/);
    assert.match(r.stdout, /5 to replace, 2 to delete, 7 to create, 8 to update/);
    assert.match(r.stdout, /\+- Subnet network-nodes-us-west-2a\n/);
    assert.match(
      r.stdout,
      /ipv6Native: \(none\) -> true {3}<- replaces: ipv6Native cannot change in place \[terraform/,
    );
    assert.match(r.stdout, /hint: .*vpc\.ipv6\.migratedFromIpv4: true/);
  });

  it("without --against, the plan warns about the uncommitted edit of the tracked file", async () => {
    edit(withIpv6("{}"));
    const r = await plan([...stack, "--config-dir", dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Plan for stack legacy-ipv4/);
    assert.match(r.stderr, /WARNING: the uncommitted edit of .* replaces or deletes deployed resources/);
    assert.match(r.stderr, /replace Subnet network-nodes-us-west-2a \(cidrBlock, ipv6Native cannot change in place\)/);
    const md = await plan([...stack, "--config-dir", dir, "--format", "markdown"]);
    assert.match(md.stdout, /\n> WARNING: the uncommitted edit/);
  });

  it("with migratedFromIpv4 the move replaces nothing: exit 0, and the plan warns about nothing", async () => {
    edit(withIpv6("{ migratedFromIpv4: true }"));
    const r = await plan([...stack, "--config-dir", dir, "--against", "HEAD", "--format", "json"]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.version, 1);
    assert.equal(doc.destructive, false);
    assert.deepEqual([...new Set(doc.diff.changes.map((c: { action: string }) => c.action))].sort(), [
      "create",
      "update",
    ]);
    const planned = await plan([...stack, "--config-dir", dir]);
    assert.equal(planned.stderr, "");
  });

  it("markdown for a pull request: a table per action, updates folded", async () => {
    edit(withIpv6("{}"));
    const r = await plan([...stack, "--config-dir", dir, "--against", "HEAD", "--format", "markdown"]);
    assert.equal(r.status, 3);
    assert.match(r.stdout, /^### ⚠️ Stack `legacy-ipv4` against /);
    assert.match(r.stdout, /\n#### Replace .* \(5\)\n\n\| \| resource \| type \| change \|\n/);
    assert.match(r.stdout, /\| \+- \| `network-nodes-us-west-2a` \| Subnet \|/);
    assert.match(r.stdout, /<details><summary>Update in place \(8\)<\/summary>/);
  });

  it("another stack file is taken as this stack's config", async () => {
    edit(LEGACY);
    const other = join(dir, "proposed.yaml");
    writeFileSync(other, withIpv6("{ migratedFromIpv4: true }"));
    // Compared the other way round: the stack as it is (IPv4) over the proposed one deletes the IPv6 routes.
    const r = await plan([...stack, "--config-dir", dir, "--against", other]);
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stdout, /against .*proposed\.yaml/);
    assert.match(r.stdout, /- {2}EgressOnlyInternetGateway network-eigw/);
  });

  it("a pulumi stack export: the state's stack must be this one", async () => {
    const state = join(dir, "state.json");
    writeFileSync(state, JSON.stringify(exportOf(await declared(BASE, "edits"))));
    const r = await plan([...stack, "--config-dir", dir, "--against", state]);
    assert.equal(r.status, 1);
    assert.match(
      r.stderr,
      /\[BASELINE_OTHER_STACK\] --against: the state's resources belong to edits::ipv6-cluster-network/,
    );
  });

  it("an unknown revision is BASELINE_NOT_FOUND (exit 1); a bad flag is usage (exit 2)", async () => {
    const r = await plan([...stack, "--config-dir", dir, "--against", "no-such-branch"]);
    assert.equal(r.status, 1);
    assert.ok(r.stderr.includes(`[${"BASELINE_NOT_FOUND"}]`), r.stderr);
    assert.match(r.stderr, /\[BASELINE_NOT_FOUND\] --against = "no-such-branch": no baseline no-such-branch: /);
    assert.equal((await plan([...stack, "--config-dir", dir, "--against"])).status, 2);
  });
});

describe("the diff samples in the docs are what the command prints", function () {
  this.timeout(60_000);
  it("docs/changes.md's pull-request comment and README.md's rows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-diff-doc-"));
    try {
      writeFileSync(join(dir, "Pulumi.legacy-ipv4.yaml"), withIpv6("{}"));
      const against = join("config", "Pulumi.legacy-ipv4.yaml");
      const cwd = process.cwd();
      process.chdir(ROOT);
      const r = await plan([
        "--stack",
        "legacy-ipv4",
        "--config-dir",
        dir,
        "--against",
        against,
        "--format",
        "markdown",
      ]);
      process.chdir(cwd);
      assert.equal(r.status, 3);
      const lines = r.stdout.split("\n");
      const doc = readFileSync(join(ROOT, "docs", "changes.md"), "utf8");
      const block = doc.slice(doc.indexOf("### ⚠️ Stack"), doc.indexOf("\n\n(... the created")).split("\n");
      assert.deepEqual(block, lines.slice(0, block.length));
      const readme = readFileSync(join(ROOT, "README.md"), "utf8");
      const section = readme.slice(
        readme.indexOf("### Know what an edit replaces"),
        readme.indexOf("With `vpc.ipv6.migratedFrom"),
      );
      const rows = section.split("\n").filter((l) => l.startsWith("| +-") || l.startsWith("| | | |"));
      assert.equal(rows.length, 4);
      for (const row of rows) assert.ok(lines.includes(row), row);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
