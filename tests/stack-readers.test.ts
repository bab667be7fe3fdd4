/**
 * One reading of a stack file (issue 12, item 16). Every example stack in config/ and a set of variants of
 * them (values stored as text the way `pulumi config set` and the Automation API write them, wrong types,
 * unknown keys, bad CIDRs, YAML syntax errors, ...) goes through the three readers:
 *
 *   (a) `config:check` and the offline plan: readStackFile + planNetwork (checkStackFile);
 *   (b) the program: the config as the Pulumi engine passes it (every value as text: structured YAML as
 *       JSON, text as written, secrets decrypted) through pulumi.runtime.setAllConfig / allConfig and
 *       rawFromAllConfig, exactly as index.ts reads it, then planNetwork with the same facts;
 *   (c) the JSON Schema (config/stack-config.schema.json) with ajv, reading JSON text by its
 *       contentSchema (what `config:check` does with it; an editor checks only that the text is JSON of
 *       the right kind, and must not flag what the Automation API writes).
 *
 * (a) and (b) must find the same problems; the schema must refuse exactly the files whose problems are
 * shape problems (CONFIG_* codes): it checks shapes only, so a file that is well-formed but breaks a rule
 * (a bad CIDR, a subnet outside the VPC) passes the schema and is refused by both readers. A YAML syntax
 * error stops all three: Pulumi cannot read the file, nor can an editor's schema check.
 *
 * In-process and fast: no child process, no Pulumi mock run.
 */
import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import Ajv2020 from "ajv/dist/2020";
import { parse, parseDocument, stringify } from "yaml";
import { formatFindings, type Finding } from "../components/core/findings";
import { PROJECT } from "../components/core/parse";
import { planNetwork } from "../components/core/plan";
import { offlineFacts, readStackFile } from "../components/offline/stack-file";
import { rawFromAllConfig } from "../components/program/config";
import { checkStackFile } from "../scripts/config-check";

const root = join(__dirname, "..", "..");
const CONFIG = join(root, "config");
const ns = (key: string) => `${PROJECT}:${key}`;

// ---- the readers ----------------------------------------------------------------------------------

type Verdict = { ok: boolean; findings: Finding[] };
const errorsOf = (fs: readonly Finding[]) => fs.filter((f) => f.severity === "error");

/** (a) What `npm run config:check` and the offline plan do with the file. */
function configCheck(dir: string, stack: string): Verdict & { text: string } {
  const check = checkStackFile(stack, dir);
  const file = readStackFile(stack, dir);
  const findings = file.findings.length
    ? file.findings
    : (() => {
        const r = planNetwork(file.values, offlineFacts(file));
        return r.ok ? [] : errorsOf(r.findings);
      })();
  assert.equal(
    check.ok,
    findings.length === 0,
    `checkStackFile and readStackFile + planNetwork disagree:\n${check.text}`,
  );
  return { ok: check.ok, findings, text: check.text };
}

/** A `{ secure: ... }` value as the engine hands it to the program: decrypted. */
function decrypt(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decrypt);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.secure === "string") return `plaintext of ${o.secure}`;
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decrypt(x)]));
  }
  return v;
}

/**
 * The config as the Pulumi engine passes it to the program: keys without a namespace get the project's,
 * text is passed as written, anything structured as JSON. Undefined when the CLI cannot read the file.
 */
function engineConfig(text: string): Record<string, string> | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length) return undefined;
  const config = (doc.toJS() ?? {}).config ?? {};
  if (typeof config !== "object" || Array.isArray(config)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(config as Record<string, unknown>)) {
    const value = decrypt(v);
    out[k.includes(":") ? k : ns(k)] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** (b) What the program does with it: index.ts reads `rawFromAllConfig(pulumi.runtime.allConfig())`. */
function program(text: string): Verdict {
  const strings = engineConfig(text);
  if (!strings) return { ok: false, findings: [] };
  pulumi.runtime.setAllConfig(strings);
  const raw = rawFromAllConfig(pulumi.runtime.allConfig());
  const r = planNetwork(raw.values, offlineFacts(raw));
  return { ok: r.ok, findings: r.ok ? [] : errorsOf(r.findings) };
}

const schemaJson = JSON.parse(readFileSync(join(CONFIG, "stack-config.schema.json"), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
ajv.addSchema(schemaJson);
const validateFile = ajv.getSchema(schemaJson.$id)!;

/** The schema branch that reads a top-level value as JSON text, if the key has one. */
function jsonTextBranch(key: string): { pattern: string; contentSchema: { $ref: string } } | undefined {
  const bare = key.includes(":") ? key : ns(key);
  const prop = schemaJson.properties.config.properties[bare] as { anyOf?: Record<string, unknown>[] } | undefined;
  return prop?.anyOf?.find((b) => b.contentMediaType === "application/json") as
    { pattern: string; contentSchema: { $ref: string } } | undefined;
}

/** (c) The JSON Schema: as an editor checks the file, and with JSON text read by its contentSchema. */
function schema(text: string): { ok: boolean; editor: boolean; errors: string } {
  const doc = parseDocument(text);
  if (doc.errors.length) return { ok: false, editor: false, errors: "YAML syntax" };
  const data = doc.toJS();
  const editor = validateFile(data) as boolean;
  const errors = (validateFile.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  let content = true;
  const config = (data?.config ?? {}) as Record<string, unknown>;
  if (editor && typeof config === "object") {
    for (const [key, value] of Object.entries(config)) {
      const branch = jsonTextBranch(key);
      if (typeof value !== "string" || !branch || !new RegExp(branch.pattern).test(value)) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        content = false;
        errors.push(`${key}: not JSON`);
        continue;
      }
      const check = ajv.getSchema(`${schemaJson.$id}${branch.contentSchema.$ref}`)!;
      if (!check(parsed)) {
        content = false;
        errors.push(...(check.errors ?? []).map((e) => `${key}${e.instancePath} ${e.message}`));
      }
    }
  }
  return { ok: editor && content, editor, errors: errors.join("\n") };
}

// ---- the files ------------------------------------------------------------------------------------

/**
 * valid: all three accept. shape: all three refuse; the readers with CONFIG_* codes only. rule: the
 * schema accepts (shapes only), both readers refuse with rule codes. yaml: Pulumi cannot read the file;
 * config:check says where, one CONFIG_YAML per error.
 */
type Expect = "valid" | "shape" | "rule" | "yaml";
interface Variant {
  name: string;
  text: string;
  expect: Expect;
  /** The error codes both readers must report (default: not pinned). */
  codes?: string[];
  /** yaml: how many CONFIG_YAML findings (default: one per line the yaml library reports an error on). */
  yamlErrors?: number;
}

type Doc = { config: Record<string, any> };
const examples = readdirSync(CONFIG)
  .filter((f) => /^Pulumi\..+\.yaml$/.test(f))
  .sort();
const exampleText = (stack: string) => readFileSync(join(CONFIG, `Pulumi.${stack}.yaml`), "utf8");
const stacks = examples.map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)![1]);
/** A copy of an example stack, changed by `edit`. */
function edited(stack: string, edit: (c: Record<string, any>) => void): string {
  const d = parse(exampleText(stack)) as Doc;
  edit(d.config);
  return stringify(d);
}
/** Each top-level value as text, the way `pulumi config set KEY VALUE` and the Automation API store it. */
const allAsText = (format: (v: unknown) => string) => (c: Record<string, any>) => {
  for (const [k, v] of Object.entries(c)) if (typeof v !== "string" && k.startsWith(`${PROJECT}:`)) c[k] = format(v);
};

const variants: Variant[] = [
  ...stacks.flatMap((s): Variant[] => [
    { name: `${s}: as committed`, text: exampleText(s), expect: "valid" },
    {
      name: `${s}: every value as JSON text (Automation API)`,
      text: edited(
        s,
        allAsText((v) => JSON.stringify(v)),
      ),
      expect: "valid",
    },
    {
      name: `${s}: every value as indented JSON text with surrounding whitespace`,
      text: edited(
        s,
        allAsText((v) => `\n ${JSON.stringify(v, null, 2)}\n`),
      ),
      expect: "valid",
    },
    {
      name: `${s}: keys without the namespace`,
      text: edited(s, (c) => {
        for (const k of Object.keys(c))
          if (k.startsWith(`${PROJECT}:`)) [c[k.slice(PROJECT.length + 1)], c[k]] = [c[k], undefined];
        for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
      }),
      expect: "valid",
    },
  ]),

  // ---- valid: what the CLI and the Automation API write ------------------------------------------
  {
    name: 'protect: "true" (pulumi config set without --path)',
    text: edited("dev", (c) => (c[ns("protect")] = "true")),
    expect: "valid",
  },
  { name: 'protect: "false"', text: edited("prod", (c) => (c[ns("protect")] = "false")), expect: "valid" },
  {
    name: 'protect: " true " (JSON text around which JSON allows whitespace)',
    text: edited("dev", (c) => (c[ns("protect")] = " true ")),
    expect: "valid",
  },
  {
    name: "vpc as the JSON text the Automation API writes",
    text: edited("dev", (c) => (c[ns("vpc")] = '{"cidrBlock":"10.0.0.0/16","ipv6":{}}')),
    expect: "valid",
  },
  {
    name: "zones as JSON text, kubernetes as YAML",
    text: edited("dev", (c) => (c[ns("zones")] = '["us-east-1a","us-east-1b","us-east-1c"]')),
    expect: "valid",
  },
  {
    name: "an encrypted kubeconfig leaf",
    text: edited("dev", (c) => (c[ns("kubernetes")].kubeconfig = { secure: "v1:AAAA" })),
    expect: "valid",
  },
  {
    name: 'a tag value that looks like a number, quoted ("1234")',
    text: edited("dev", (c) => (c[ns("tags")].costCenter = "1234")),
    expect: "valid",
  },
  {
    name: "a key of another namespace",
    text: edited("dev", (c) => (c["pulumi:tags"] = { team: "platform" })),
    expect: "valid",
  },

  // ---- shape: refused by all three ---------------------------------------------------------------
  {
    name: 'protect: "yes"',
    text: edited("dev", (c) => (c[ns("protect")] = "yes")),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "protect: 1",
    text: edited("dev", (c) => (c[ns("protect")] = 1)),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "protect: null (an empty value)",
    text: edited("dev", (c) => (c[ns("protect")] = null)),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "natGateways: 1 (a number where a mode belongs)",
    text: edited("dev", (c) => (c[ns("natGateways")] = 1)),
    expect: "shape",
    codes: ["CONFIG_INVALID_VALUE"],
  },
  {
    name: 'natGateways: "1"',
    text: edited("dev", (c) => (c[ns("natGateways")] = "1")),
    expect: "shape",
    codes: ["CONFIG_INVALID_VALUE"],
  },
  {
    name: "natGateways as JSON text of a string (nobody writes it; all refuse it alike)",
    text: edited("dev", (c) => (c[ns("natGateways")] = '"single"')),
    expect: "shape",
    codes: ["CONFIG_INVALID_VALUE"],
  },
  {
    name: "natGateways: perzone (a misspelt mode)",
    text: edited("dev", (c) => (c[ns("natGateways")] = "perzone")),
    expect: "shape",
    codes: ["CONFIG_INVALID_VALUE"],
  },
  {
    name: "a zone written as a number",
    text: edited("dev", (c) => (c[ns("zones")] = [1, "us-east-1b"])),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "zones as one text instead of a list",
    text: edited("dev", (c) => (c[ns("zones")] = "us-east-1a")),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "zones as JSON text holding a number",
    text: edited("dev", (c) => (c[ns("zones")] = '["us-east-1a", 5]')),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "zones as JSON text of a map",
    text: edited("dev", (c) => (c[ns("zones")] = '{"a": 1}')),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "an empty zones list",
    text: edited("dev", (c) => (c[ns("zones")] = [])),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "vpc as text that is not JSON",
    text: edited("dev", (c) => (c[ns("vpc")] = "{cidrBlock: 10.0.0.0/16}")),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "vpc as JSON text with an unknown key",
    text: edited("dev", (c) => (c[ns("vpc")] = '{"cidrBlock":"10.0.0.0/16","ipv6":{},"cidrblock":"x"}')),
    expect: "shape",
    codes: ["CONFIG_UNKNOWN_KEY"],
  },
  {
    name: "vpc.ipv6: true",
    text: edited("dev", (c) => (c[ns("vpc")].ipv6 = true)),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "vpc: (empty)",
    text: edited("dev", (c) => (c[ns("vpc")] = null)),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  { name: "vpc missing", text: edited("dev", (c) => delete c[ns("vpc")]), expect: "shape", codes: ["CONFIG_REQUIRED"] },
  {
    name: 'a number as text inside a map (nodeCIDRMaskSize: "64")',
    text: edited("dev", (c) => (c[ns("kubernetes")].nodeCIDRMaskSize = "64")),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "a number as text inside JSON text",
    text: edited(
      "dev",
      (c) => (c[ns("kubernetes")] = JSON.stringify({ ...c[ns("kubernetes")], nodeCIDRMaskSize: "64" })),
    ),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: 'a boolean as text inside a list element (dns64: "true")',
    text: edited("prod", (c) => (c[ns("subnets")][6].dns64 = "true")),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "kubernetes as JSON text of a list",
    text: edited("dev", (c) => (c[ns("kubernetes")] = "[]")),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "subnets as a map",
    text: edited("dev", (c) => (c[ns("subnets")] = { a: 1 })),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "a tag value written as a number",
    text: edited("dev", (c) => (c[ns("tags")].costCenter = 1234)),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "a kubeconfig that is a number",
    text: edited("dev", (c) => (c[ns("kubernetes")].kubeconfig = 5)),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  {
    name: "a misspelt top-level key",
    text: edited("dev", (c) => (c[ns("subnet")] = [])),
    expect: "shape",
    codes: ["CONFIG_UNKNOWN_KEY"],
  },
  {
    name: "a misspelt key without the namespace",
    text: edited("dev", (c) => (c.natGateway = "single")),
    expect: "shape",
    codes: ["CONFIG_UNKNOWN_KEY"],
  },
  {
    name: "a misspelt nested key",
    text: edited("dev", (c) => (c[ns("kubernetes")].nodeCidrMaskSize = 64)),
    expect: "shape",
    codes: ["CONFIG_UNKNOWN_KEY"],
  },
  {
    name: "a misspelt subnet type",
    text: edited("prod", (c) => (c[ns("subnets")][0].type = "Utilty")),
    expect: "shape",
    codes: ["CONFIG_INVALID_VALUE"],
  },
  {
    name: "a subnet name that cannot name AWS resources",
    text: edited("prod", (c) => (c[ns("subnets")][0].name = "utility a")),
    expect: "shape",
    codes: ["CONFIG_INVALID_TYPE"],
  },
  { name: "config: holding a list", text: "config:\n  - 1\n", expect: "shape", codes: ["CONFIG_YAML"] },

  // ---- rule: well-formed, refused by the rules (the schema checks shapes only) ---------------------
  {
    name: "vpc.cidrBlock with host bits set",
    text: edited("dev", (c) => (c[ns("vpc")].cidrBlock = "10.0.0.1/16")),
    expect: "rule",
    codes: ["CIDR_NOT_CANONICAL"],
  },
  {
    name: "a malformed vpc.cidrBlock",
    text: edited("dev", (c) => (c[ns("vpc")].cidrBlock = "10.0/16")),
    expect: "rule",
    codes: ["CIDR_MALFORMED"],
  },
  {
    name: "an IPv6 block in vpc.cidrBlock",
    text: edited("dev", (c) => (c[ns("vpc")].cidrBlock = "2001:db8::/56")),
    expect: "rule",
    codes: ["CIDR_MALFORMED"],
  },
  {
    name: "a bad CIDR inside JSON text",
    text: edited("dev", (c) => (c[ns("vpc")] = '{"cidrBlock":"10.0.0.1/16","ipv6":{}}')),
    expect: "rule",
    codes: ["CIDR_NOT_CANONICAL"],
  },
  {
    name: "a subnet outside the VPC",
    text: edited("byo-pool", (c) => (c[ns("subnets")][2].cidr = "192.168.0.0/24")),
    expect: "rule",
    codes: ["SUBNET_OUTSIDE_VPC"],
  },
  {
    name: "no aws:region (and none in the environment)",
    text: edited("dev", (c) => delete c["aws:region"]),
    expect: "rule",
    codes: ["REGION_MISSING"],
  },
  {
    name: "a zone of another region",
    text: edited("dev", (c) => (c[ns("zones")] = ["us-east-1a", "us-west-2b", "us-east-1c"])),
    expect: "rule",
    codes: ["ZONE_NOT_IN_REGION"],
  },

  // ---- yaml: Pulumi cannot read the file -----------------------------------------------------------
  {
    name: "an unclosed [",
    text: exampleText("dev").replace("    cidrBlock: 10.0.0.0/16", "    cidrBlock: [10.0.0.0/16"),
    expect: "yaml",
    yamlErrors: 1,
  },
  {
    name: "a tab as indentation",
    text: exampleText("dev").replace("    owner: platform-team", "\towner: platform-team"),
    expect: "yaml",
    yamlErrors: 1,
  },
  {
    name: "an unclosed quote",
    text: exampleText("dev").replace("    owner: platform-team", '    owner: "platform-team'),
    expect: "yaml",
    yamlErrors: 1,
  },
  {
    name: 'an unquoted value holding ": "',
    text: exampleText("dev").replace("    owner: platform-team", "    owner: platform: team"),
    expect: "yaml",
    yamlErrors: 1,
  },
  {
    name: "a key given twice",
    text: exampleText("dev").replace(
      "  ipv6-cluster-network:natGateways: perZone",
      "  ipv6-cluster-network:natGateways: perZone\n  ipv6-cluster-network:natGateways: single",
    ),
    expect: "yaml",
    yamlErrors: 1,
  },
  {
    name: "two mistakes far apart: two findings",
    text: exampleText("prod")
      .replace("    scheme: internet-facing", "    scheme: internet-facing\n    scheme: internal")
      .replace("    environment: prod", "    environment: @prod"),
    expect: "yaml",
    yamlErrors: 2,
  },
  {
    // The yaml library reports a tab high up in the file once per line it then misreads: one finding per such line.
    name: "a tab high up: one finding per line the yaml library reports",
    text: exampleText("dev").replace("    cidrBlock: 10.0.0.0/16", "\tcidrBlock: 10.0.0.0/16"),
    expect: "yaml",
  },
];

// ---- the agreement --------------------------------------------------------------------------------

const SHAPE = /^CONFIG_/;
const ZOD_WORDING =
  /Invalid input|Invalid option|Unrecognized key|expected \w+, received|Too (small|big):|must match pattern/;
const show = (fs: readonly Finding[]) => formatFindings(fs, "findings");
const key = (f: Finding) => `${f.code} ${f.path}`;

describe("stack readers: config:check, the program and the JSON Schema accept and refuse the same files", () => {
  let dir: string;
  let saved: Record<string, string>;
  // The region comes from the stack file alone here (the provider would also read these).
  const env = { AWS_REGION: process.env.AWS_REGION, AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "ipv6-cluster-network-readers-"));
    saved = pulumi.runtime.allConfig();
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    pulumi.runtime.setAllConfig(saved);
    for (const [k, v] of Object.entries(env)) if (v !== undefined) process.env[k] = v;
  });

  variants.forEach((v, i) => {
    it(`${v.expect}: ${v.name}`, () => {
      const stack = `variant-${i}`;
      writeFileSync(join(dir, `Pulumi.${stack}.yaml`), v.text);
      const a = configCheck(dir, stack);
      const b = program(v.text);
      const c = schema(v.text);
      const codes = [...new Set(a.findings.map((f) => f.code))].sort();

      for (const f of a.findings)
        assert.doesNotMatch(`${f.message} ${f.fix}`, ZOD_WORDING, `zod's wording in ${key(f)}`);
      if (v.codes) assert.deepEqual(codes, [...v.codes].sort(), show(a.findings));

      if (v.expect === "yaml") {
        assert.equal(a.ok, false);
        assert.equal(b.ok, false, "the program must not run on a file Pulumi cannot read");
        assert.equal(c.ok, false);
        assert.deepEqual(codes, ["CONFIG_YAML"], show(a.findings));
        const lines = new Set(parseDocument(v.text).errors.map((e) => e.linePos?.[0].line));
        assert.equal(a.findings.length, v.yamlErrors ?? lines.size, show(a.findings));
        assert.equal(a.findings.length, lines.size, "one finding per line with a YAML error");
        for (const f of a.findings)
          assert.match(f.path, new RegExp(`Pulumi\\.${stack}\\.yaml:\\d+:\\d+$`), "line:column in the path");
        assert.doesNotMatch(a.text, /= \(not set\)|at line \d+/);
        return;
      }

      // (a) and (b): the same problems at the same keys.
      assert.equal(
        b.ok,
        a.ok,
        `config:check ${a.ok ? "accepts" : "refuses"}, the program ${b.ok ? "accepts" : "refuses"}:\n` +
          `${show(a.findings)}\n${show(b.findings)}`,
      );
      if (engineConfig(v.text)) assert.deepEqual(b.findings.map(key).sort(), a.findings.map(key).sort());

      // (c): the schema refuses exactly the shape problems.
      const shapeProblem = a.findings.some((f) => SHAPE.test(f.code));
      assert.equal(
        c.ok,
        !shapeProblem,
        `the schema ${c.ok ? "accepts" : "refuses"} (${c.errors}); config:check:\n${a.ok ? "valid" : show(a.findings)}`,
      );
      // What the schema accepts with JSON text read, an editor (which cannot read it) accepts too.
      if (c.ok) assert.ok(c.editor);

      if (v.expect === "valid") assert.ok(a.ok, show(a.findings));
      if (v.expect === "shape") assert.ok(!a.ok && a.findings.every((f) => SHAPE.test(f.code)), show(a.findings));
      if (v.expect === "rule") assert.ok(!a.ok && !shapeProblem && c.ok, show(a.findings));
    });
  });

  it("covers every example stack and every kind of outcome", () => {
    assert.ok(stacks.length >= 5, `examples: ${stacks.join(", ")}`);
    for (const s of stacks)
      assert.ok(variants.some((v) => v.name === `${s}: every value as JSON text (Automation API)`));
    for (const e of ["valid", "shape", "rule", "yaml"] as const)
      assert.ok(variants.filter((v) => v.expect === e).length >= 4, e);
  });
});
