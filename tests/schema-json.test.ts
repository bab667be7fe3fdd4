/**
 * config/stack-config.schema.json: generated from the zod schema and kept current (a stale file fails
 * here), it accepts every example stack and rejects broken ones the way the program would. Also: the
 * config check never loads the Pulumi SDK.
 */
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse, stringify } from "yaml";
import { stackFileJsonSchemaText } from "../components/core/json-schema";
import { checkStackFile } from "../scripts/config-check";

const root = join(__dirname, "..", "..");
const committed = readFileSync(join(root, "config", "stack-config.schema.json"), "utf8");
// strict: an unknown keyword (a typo in the generator) fails the compile; strictRequired would refuse
// `required` of keys declared one level up, which is valid JSON Schema.
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(JSON.parse(committed));
const examples = readdirSync(join(root, "config")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
// Values are whatever YAML holds; tests set wrong ones on purpose.
const dev = (): { config: Record<string, any> } => parse(readFileSync(join(root, "config", "Pulumi.dev.yaml"), "utf8"));
const errors = () =>
  (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join("\n");

describe("config/stack-config.schema.json", () => {
  it("is what `npm run schema` generates from the zod schema now (not stale)", () => {
    assert.equal(committed, stackFileJsonSchemaText(), "config/stack-config.schema.json is stale: run npm run schema");
  });

  it("npm run schema -- --check agrees (exit 0 when current)", () => {
    const r = spawnSync(process.execPath, [join(root, "dist", "scripts", "gen-schema.js"), "--check"], {
      cwd: root,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
  });

  for (const f of examples) {
    it(`accepts the example stack ${f}`, () => {
      assert.ok(validate(parse(readFileSync(join(root, "config", f), "utf8"))), errors());
    });
  }

  it("rejects a misspelt key of this project, but lets other namespaces through", () => {
    const d = dev();
    d.config["ipv6-cluster-network:subnet"] = [];
    assert.equal(validate(d), false);
    assert.match(errors(), /propertyName/);
    const ok = dev();
    ok.config["pulumi:tags"] = { team: "platform" };
    assert.ok(validate(ok), errors());
  });

  it("rejects wrong types, unknown nested keys and bad enum values", () => {
    for (const [key, value] of [
      ["ipv6-cluster-network:protect", "yes"],
      ["ipv6-cluster-network:natGateways", "perzone"],
      ["ipv6-cluster-network:vpc", { cidrBlock: "10.0.0.0/16", cidrblock: "10.0.0.0/16" }],
      ["ipv6-cluster-network:subnets", [{ name: "a", zone: "us-east-1a", type: "Privat" }]],
      ["ipv6-cluster-network:zones", "us-east-1a"],
    ] as const) {
      const d = dev();
      d.config[key] = value;
      assert.equal(validate(d), false, `${key}: ${JSON.stringify(value)} was accepted`);
    }
  });

  for (const f of examples) {
    it(
      `accepts ${f} with every value stored as text, ` +
        `as \`pulumi config set\` and the Automation API write it, as config:check does`,
      () => {
        const d = parse(readFileSync(join(root, "config", f), "utf8"));
        for (const [k, v] of Object.entries(d.config)) if (typeof v !== "string") d.config[k] = JSON.stringify(v);
        assert.ok(validate(d), errors());
        const dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-schema-"));
        try {
          writeFileSync(join(dir, f), stringify(d));
          const stack = /^Pulumi\.(.+)\.yaml$/.exec(f)![1];
          const r = checkStackFile(stack, dir);
          assert.ok(r.ok, r.text);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    );
  }

  it("rejects text of the wrong kind where a value may be stored as text", () => {
    for (const [key, value] of [
      ["ipv6-cluster-network:protect", "yes"],
      ["ipv6-cluster-network:zones", "us-east-1a"],
      ["ipv6-cluster-network:vpc", "10.0.0.0/16"],
      ["ipv6-cluster-network:kubernetes", "[]"],
    ] as const) {
      const d = dev();
      d.config[key] = value;
      assert.equal(validate(d), false, `${key}: ${JSON.stringify(value)} was accepted`);
    }
  });

  it("checks keys written without the namespace like namespaced ones", () => {
    const d = dev();
    d.config.vpc = d.config["ipv6-cluster-network:vpc"];
    delete d.config["ipv6-cluster-network:vpc"];
    assert.ok(validate(d), errors());
    d.config.natGateways = "perzone";
    assert.equal(validate(d), false);
    delete d.config.natGateways;
    d.config.subnet = [];
    assert.equal(validate(d), false);
  });

  it("requires the vpc key", () => {
    const d = dev();
    delete d.config["ipv6-cluster-network:vpc"];
    assert.equal(validate(d), false);
  });

  it("accepts encrypted secrets, for the kubeconfig and for a whole key", () => {
    const d = dev();
    d.config["ipv6-cluster-network:kubernetes"].kubeconfig = { secure: "v1:abc" };
    d.config["ipv6-cluster-network:tags"] = { secure: "v1:def" };
    assert.ok(validate(d), errors());
  });

  it("carries the descriptions editors show", () => {
    assert.match(committed, /IPv4 CIDR of the VPC \(AWS requires one on every VPC\)/);
  });
});

describe("npm run config:check arguments", () => {
  const check = (args: string[]) =>
    spawnSync(process.execPath, [join(root, "dist", "scripts", "config-check.js"), ...args], {
      cwd: root,
      encoding: "utf8",
    });
  for (const [args, message] of [
    [["--stak", "dev"], /^unknown argument --stak\nusage: npm run config:check -- --stack NAME/],
    [["--stack"], /^--stack needs a value\n/],
    [["--stack", "--config-dir", "config"], /^--stack needs a value\n/],
    [["--config-dir", "config"], /^usage: npm run config:check/],
    [["--stack", "dev", "--stack", "prod"], /^--stack given twice\n/],
  ] as const) {
    it(`exits 2 on ${args.join(" ")}`, () => {
      const r = check([...args]);
      assert.equal(r.status, 2, r.stdout);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, message);
    });
  }

  it("takes --config-dir", () => {
    const r = check(["--config-dir", join(root, "config"), "--stack", "prod"]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Pulumi\.prod\.yaml: valid \(9 subnets in 3 zones\)/);
  });
});

describe("npm run config:check loads no Pulumi SDK", () => {
  it("its bundle requires no @pulumi module", () => {
    const bundle = readFileSync(join(root, "dist", "scripts", "config-check.js"), "utf8");
    assert.equal(/require\(["']@pulumi\//.test(bundle), false);
  });
  it("running it leaves @pulumi/pulumi unloaded", () => {
    const configCheck = JSON.stringify(join(root, "dist", "scripts", "config-check.js"));
    const probe = `require(${configCheck}).checkStackFile("dev", ${JSON.stringify(join(root, "config"))});
      process.stdout.write(String(Object.keys(require.cache).some((k) => k.includes("@pulumi"))));`;
    const r = spawnSync(process.execPath, ["-e", probe], { cwd: root, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "false");
  });
});
