/**
 * The two commands of the README, run as a user runs them (the built CLIs in a child process): the offline
 * plan of the dev stack, its refusal of a broken copy of that stack, and `config:check` on every example
 * stack. Broken copies are written to a temporary directory (`--config-dir`), never into config/.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  t.replace("cidrBlock: 10.0.0.0/16", "cidrBlock: 10.0.0.1/16").replace(
    "ipv6-cluster-network:natGateways: perZone",
    'ipv6-cluster-network:natGateways: perZone\n  ipv6-cluster-network:subnets:\n    - { name: utility-us-east-1a, zone: us-east-1a, type: Utility, ipv6CIDR: "/64#100" }',
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
    for (const z of ["us-east-1a", "us-east-1b", "us-east-1c"]) assert.match(out.stdout, new RegExp(`^Zone ${z}$`, "m"));
  });

  it("prints each subnet with its kind, blocks, DNS64 and routes", () => {
    const row = (name: string) => out.stdout.split("\n").find((l) => l.trim().startsWith(`${name} `)) ?? assert.fail(`no row for ${name}`);
    assert.match(row("utility-us-east-1a"), /Utility\s+10\.0\.0\.0\/24\s+\/64#0 of the AWS \/56\s+off\s+0\.0\.0\.0\/0 -> igw, ::\/0 -> igw$/);
    assert.match(row("dualstack-us-east-1b"), /DualStack\s+10\.0\.66\.0\/23\s+\/64#41 of the AWS \/56\s+off\s+0\.0\.0\.0\/0 -> us-east-1b-nat, ::\/0 -> eigw, 64:ff9b::\/96 -> us-east-1b-nat$/);
    assert.match(row("private-us-east-1c"), /Private \(IPv6-only\)\s+-\s+\/64#82 of the AWS \/56\s+on\s+::\/0 -> eigw, 64:ff9b::\/96 -> us-east-1c-nat$/);
    assert.equal(out.stdout.split("\n").filter((l) => /^\s+(utility|dualstack|private)-us-east-1[abc]\s/.test(l)).length, 9);
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
    const example = /```\n(Invalid stack config config\/Pulumi\.dev\.yaml: 2 problems\n[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, "README's example message not found");
    assert.equal(out.stderr, example.replace("config/Pulumi.dev.yaml", join(dir, "Pulumi.dev.yaml")));
  });

  it("lists every problem of the copy at once", () => {
    const dir = brokenDev((t) => readmeMistakes(t).replace("nodeCIDRMaskSize: 64", "nodeCIDRMaskSize: 80").replace("- 10.96.0.0/16", "- 10.96.0.0/11"));
    const out = run(PLAN, ["--stack", "dev", "--config-dir", dir]);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /: 4 problems\n/);
    for (const code of ["CIDR_NOT_CANONICAL", "IPV6_INDEX_OUT_OF_RANGE", "K8S_NODE_MASK_TOO_LONG", "K8S_SERVICE_CIDR_TOO_LARGE"]) assert.match(out.stderr, new RegExp(`\\[${code}\\]`));
  });

  it("a misspelt key is named with a suggestion", () => {
    const dir = brokenDev((t) => t.replace("nodeCIDRMaskSizeIPv4: 24", "nodeCidrMaskSizeIPv4: 24"));
    const out = run(PLAN, ["--stack", "dev", "--config-dir", dir]);
    assert.equal(out.status, 1);
    assert.match(out.stderr, /\[CONFIG_UNKNOWN_KEY\] kubernetes\.nodeCidrMaskSizeIPv4 = 24: unknown key "nodeCidrMaskSizeIPv4"\n\s+fix: did you mean "nodeCIDRMaskSizeIPv4"\?/);
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
  const stacks = readdirSync(join(ROOT, "config")).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined).sort();

  it("finds the example stacks the README lists", () => {
    for (const s of ["byo-pool", "dev", "existing-vpc", "ipam", "prod"]) assert.ok(stacks.includes(s), `config/Pulumi.${s}.yaml missing`);
  });

  for (const stack of ["byo-pool", "dev", "existing-vpc", "ipam", "prod"]) {
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
    assert.match(out.stderr, /^Invalid stack config .*Pulumi\.dev\.yaml: 2 problems\n/);
    assert.match(out.stderr, /\[CIDR_NOT_CANONICAL\] vpc\.cidrBlock = "10\.0\.0\.1\/16": 10\.0\.0\.1\/16 has host bits set\n\s+fix: did you mean 10\.0\.0\.0\/16\?/);
  });

  it("prints warnings of a valid stack without failing it", () => {
    const out = run(CHECK, ["--stack", "ipam"]);
    assert.equal(out.status, 0);
    assert.match(out.stdout, /warning \[NAT_CROSS_ZONE\] zones: subnet dualstack-us-east-2b in us-east-2b reaches NAT gateway us-east-2a-nat/);
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
