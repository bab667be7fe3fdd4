/**
 * `npm run plan -- --stack NAME --emit INSTALLER [--out FILE]`: the spec on stdout (only the spec: it can be piped)
 * or in FILE, the notice naming each placeholder on the other stream, exit 1 with every finding when the installer
 * refuses the stack (listed or not), 2 on bad usage. Run in-process (components/offline/emit.ts, as scripts/plan.ts
 * calls it) and once as the built command a user runs.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import type { Installer } from "../components/core/enums";
import { emitSpec, type EmitIo } from "../components/offline/emit";
import { parseArgs, UsageError } from "../scripts/plan";

const ROOT = join(__dirname, "..", "..");
const CONFIG = join(ROOT, "config");

/** Runs `--emit` in-process and collects what it writes. */
function emit(stack: string, installer: Installer, out?: string, configDir = CONFIG) {
  const got = { code: 0, stdout: "", stderr: "", files: {} as Record<string, string> };
  const io: EmitIo = {
    stdout: (t) => void (got.stdout += t),
    stderr: (t) => void (got.stderr += t),
    writeFile: (p, t) => void (got.files[p] = t),
  };
  got.code = emitSpec({ stack, configDir, installer, ...(out ? { out } : {}) }, io);
  return got;
}

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("npm run plan -- --emit", () => {
  it("writes the spec alone on stdout, and the placeholders on stderr (exit 0)", () => {
    const r = emit("prod", "capi");
    assert.equal(r.code, 0, r.stderr);
    const docs = parseAllDocuments(r.stdout).map((d) => d.toJS());
    assert.deepEqual(
      docs.map((d) => d.kind),
      ["Cluster", "AWSCluster"],
    );
    assert.match(r.stderr, /^Cluster API spec of stack prod \(offline, nothing deployed\) on stdout\.$/m);
    assert.match(r.stderr, /^\d+ placeholder\(s\) known only after deployment \(list capi in kubernetes.installers/m);
    assert.match(r.stderr, /^ {2}<VPC id: known after deployment>$/m);
    assert.match(r.stderr, /warning \[INSTALLER_OWN_API_LOAD_BALANCER\] apiLoadBalancer: Cluster API creates/);
    for (const p of r.stdout.match(/<[^<>\n]*>/g) ?? []) assert.ok(r.stderr.includes(`  ${p}\n`), `${p} is named`);
  });

  it("with --out, writes the spec to the file and the notice on stdout", () => {
    const r = emit("dev", "k0s", "k0sctl.yaml");
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.match(r.files["k0sctl.yaml"], /^apiVersion: k0sctl\.k0sproject\.io\/v1beta1\nkind: Cluster\n/);
    assert.match(r.stdout, /^k0s spec of stack dev \(offline, nothing deployed\) written to k0sctl\.yaml\.$/m);
    assert.match(r.stdout, /^6 placeholder\(s\) yours to fill in:$/m);
  });

  it("refuses a stack the installer refuses, listed or not, with every finding (exit 1, nothing on stdout)", () => {
    const r = emit("prod", "k0s");
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^k0s refuses stack prod \(.*Pulumi\.prod\.yaml\): 1 problem$/m);
    assert.match(r.stderr, /\[K0S_SERVICE_CIDR_NOT_108\] kubernetes\.serviceCIDRs\[0\] = "fd02::\/112"/);
    const kops = emit("dev", "kops");
    assert.equal(kops.code, 1);
    assert.match(kops.stderr, /\[KOPS_POD_FAMILIES\] kubernetes\.podCIDRs/);
  });

  it("refuses an installer with EKS, and a stack that does not exist (exit 1)", () => {
    const eks = emit("eks", "kubeadm");
    assert.equal(eks.code, 1);
    assert.match(eks.stderr, /\[INSTALLER_WITH_EKS\] kubernetes\.installers\[0\] = "kubeadm"/);
    const missing = emit("prd", "kops");
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /\[STACK_NOT_FOUND\].*did you mean prod\?/s);
  });

  it("says when the stack lists the installer (its installerSpecs output then has the deployed values)", () => {
    const dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-emit-"));
    dirs.push(dir);
    const text = readFileSync(join(CONFIG, "Pulumi.dev.yaml"), "utf8").replace(
      "    cni: calico\n",
      "    cni: calico\n    installers: [capi]\n",
    );
    writeFileSync(join(dir, "Pulumi.dev.yaml"), text);
    const r = emit("dev", "capi", undefined, dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\(the stack's installerSpecs output has them once deployed\)/);
  });

  it("takes --emit and --out as flags of the plan; --out without --emit, or --emit with --format, is bad usage", () => {
    assert.deepEqual(parseArgs(["--stack", "dev", "--emit", "kops", "--out", "f.yaml"]), {
      stack: "dev",
      configDir: "config",
      format: "text",
      svg: undefined,
      emit: "kops",
      against: undefined,
      out: "f.yaml",
    });
    assert.throws(() => parseArgs(["--stack", "dev", "--out", "f.yaml"]), UsageError);
    assert.throws(() => parseArgs(["--stack", "dev", "--emit", "kops", "--format", "json"]), UsageError);
    assert.throws(() => parseArgs(["--stack", "dev", "--emit", "kops", "--against", "HEAD"]), UsageError);
    assert.throws(() => parseArgs(["--stack", "dev", "--emit", "rancher"]), /unknown --emit rancher/);
  });

  it("as the built command: exit codes 0, 1 and 2, the spec piped on stdout", () => {
    const plan = join(ROOT, "dist", "scripts", "plan.js");
    const run = (args: string[]) => spawnSync(process.execPath, [plan, ...args], { cwd: ROOT, encoding: "utf8" });
    const ok = run(["--stack", "prod", "--emit", "kubeadm"]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^apiVersion: kubeadm\.k8s\.io\/v1beta4\nkind: InitConfiguration\n/);
    assert.match(ok.stderr, /<API load balancer DNS name: known after deployment>/);
    assert.equal(run(["--stack", "prod", "--emit", "k0s"]).status, 1);
    assert.equal(run(["--stack", "prod", "--out", "x.yaml"]).status, 2);
  });
});
