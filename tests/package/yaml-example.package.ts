/**
 * The YAML example (examples/yaml/Pulumi.yaml) against the component package's schema: its properties
 * validate against the schema's inputs (turned into a JSON Schema, checked with ajv), its outputs name
 * outputs the schema has, and constructed through the component provider, as the plugin constructs it for
 * a YAML program, it declares the same resources as the program's dev stack. Pulumi YAML itself (its
 * interpolation, the engine's Construct call over gRPC) is not run here: there is no Pulumi CLI.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Ajv, { type ErrorObject } from "ajv";
import { parse } from "yaml";
import { runOffline } from "../../components/offline/mock-runtime";
import { parseStackFile, readStackFile } from "../../components/offline/stack-file";
import { PACKAGE_NAME } from "../../provider";
import { customShapes } from "../support/recorded-graph";
import { localType, packageSchema, PROVIDER, ROOT, TOKEN, type PackageSchema, type PropertySpec } from "./support";

const EXAMPLE_DIR = join(ROOT, "examples", "yaml");
interface YamlProgram {
  packages?: Record<string, string>;
  resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
  outputs?: Record<string, string>;
}
const program = parse(readFileSync(join(EXAMPLE_DIR, "Pulumi.yaml"), "utf8")) as YamlProgram;

type JsonSchema = Record<string, unknown>;

/** A property of the package schema as JSON Schema (draft-07, what ajv's default build reads). */
function jsonType(spec: PropertySpec): JsonSchema {
  const local = localType(spec.$ref);
  if (local !== undefined) return { $ref: `#/definitions/${local}` };
  if (spec.type === "array") return { type: "array", items: jsonType(spec.items!) };
  if (spec.type === "object") {
    return {
      type: "object",
      additionalProperties: spec.additionalProperties ? jsonType(spec.additionalProperties) : {},
    };
  }
  return { type: spec.type };
}

/** The component's inputs as a JSON Schema: unknown keys refused at every level, enums by their values. */
function inputsJsonSchema(s: PackageSchema): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const [token, t] of Object.entries(s.types)) {
    const name = token.split(":")[2]!;
    definitions[name] = t.enum
      ? { enum: t.enum.map((v) => v.value) }
      : {
          type: "object",
          properties: Object.fromEntries(Object.entries(t.properties ?? {}).map(([k, p]) => [k, jsonType(p)])),
          required: t.required ?? [],
          additionalProperties: false,
        };
  }
  const r = s.resources[TOKEN]!;
  return {
    type: "object",
    properties: Object.fromEntries(Object.entries(r.inputProperties).map(([k, p]) => [k, jsonType(p)])),
    required: r.requiredInputs ?? [],
    additionalProperties: false,
    definitions,
  };
}

/** An error as `path message`. */
const said = (e: ErrorObject) => {
  const p = e.params as { allowedValues?: unknown; additionalProperty?: string };
  const allowed = p.allowedValues ? ` ${JSON.stringify(p.allowedValues)}` : "";
  const extra = p.additionalProperty ? ` (${p.additionalProperty})` : "";
  return `${e.instancePath || "/"} ${e.message}${allowed}${extra}`;
};

/** The type a property path of the component's outputs ends at, or why it does not exist. */
function outputAt(s: PackageSchema, path: string[]): string {
  let spec: PropertySpec | undefined = s.resources[TOKEN]!.properties[path[0]!];
  for (const key of path.slice(1)) {
    const local = localType(spec?.$ref);
    spec = local ? s.types[`${PACKAGE_NAME}:index:${local}`]?.properties?.[key] : undefined;
  }
  return spec ? (localType(spec.$ref) ?? spec.type ?? "?") : `no output ${path.join(".")}`;
}

describe("component package: the YAML example (examples/yaml)", function () {
  let s: PackageSchema;
  let validate: ReturnType<Ajv["compile"]>;
  before(async () => {
    s = await packageSchema();
    validate = new Ajv({ allErrors: true, strict: true }).compile(inputsJsonSchema(s));
  });

  it("adds this package by a path to a directory that is a Node.js component package", () => {
    const dir = resolve(EXAMPLE_DIR, program.packages?.[PACKAGE_NAME] ?? "(missing)");
    assert.equal(dir, ROOT);
    const plugin = parse(readFileSync(join(dir, "PulumiPlugin.yaml"), "utf8")) as { runtime: { name: string } };
    assert.equal(plugin.runtime.name, "nodejs");
    assert.ok(existsSync(join(dir, "package.json")));
  });

  it("declares the component with properties the schema accepts", () => {
    const mine = Object.values(program.resources).filter((r) => r.type.startsWith(`${PACKAGE_NAME}:`));
    assert.deepEqual(
      mine.map((r) => r.type),
      [TOKEN],
    );
    for (const r of mine) assert.ok(validate(r.properties ?? {}), (validate.errors ?? []).map(said).join("\n"));
  });

  it("refuses what the SDKs would refuse (so the validation above can fail)", () => {
    const base = program.resources.dev!.properties!;
    const cases: [string, Record<string, unknown>, string][] = [
      ["a misspelt key", { ...base, natGateway: "single" }, "/ must NOT have additional properties (natGateway)"],
      [
        "a value outside an enum",
        { ...base, natGateways: "perzone" },
        '/natGateways must be equal to one of the allowed values ["perZone","single","none"]',
      ],
      [
        "a nested unknown key",
        { ...base, vpc: { cidr: "10.0.0.0/16" } },
        "/vpc must NOT have additional properties (cidr)",
      ],
      [
        "a number as text",
        { ...base, kubernetes: { nodeCIDRMaskSize: "64" } },
        "/kubernetes/nodeCIDRMaskSize must be number",
      ],
      ["no vpc", { zones: ["us-east-1a"] }, "/ must have required property 'vpc'"],
    ];
    for (const [what, properties, expected] of cases) {
      assert.equal(validate(properties), false, what);
      assert.ok(
        (validate.errors ?? []).map(said).includes(expected),
        `${what}: ${(validate.errors ?? []).map(said).join("; ")}`,
      );
    }
  });

  it("exports outputs the component has", () => {
    const refs = Object.entries(program.outputs ?? {}).map(([k, v]) => {
      const m = /^\$\{dev\.([A-Za-z0-9.]+)\}$/.exec(v);
      assert.ok(m, `${k}: ${v} is not an output of dev`);
      return [k, outputAt(s, m[1]!.split("."))];
    });
    assert.deepEqual(Object.fromEntries(refs), {
      vpcId: "string",
      subnets: "object",
      securityGroupIds: "SecurityGroupIds",
      kubeadmConfig: "string",
      nodeCloudInit: "string",
    });
    assert.equal(outputAt(s, ["kubernetes", "kubeadmConfg"]), "no output kubernetes.kubeadmConfg");
  });

  it("builds, through the component provider, the same resources as the program's dev stack", async () => {
    const dev = await runOffline(readStackFile("dev", join(ROOT, "config")), require("../../program"));
    const properties = program.resources.dev!.properties!;
    const stack = parseStackFile("config:\n  aws:region: us-east-1\n", "dev", "examples/yaml/Pulumi.dev.yaml");
    // What the plugin does for a YAML program's `dev`: construct it from the engine's inputs, then return the
    // outputs the schema lists (pulumi sdk/nodejs/provider/experimental/provider.ts, construct).
    const yaml = await runOffline(stack, async () => {
      const { state } = await PROVIDER.construct("dev", TOKEN, properties, {});
      return state;
    });
    assert.deepEqual(customShapes(yaml, "dev-"), customShapes(dev, "network-"));
    assert.ok(customShapes(yaml, "dev-").length > 50);
    assert.deepEqual(Object.keys(yaml.outputs).sort(), Object.keys(s.resources[TOKEN]!.properties).sort());
    assert.equal(yaml.outputs.vpcId, "vpc-dev-vpc");
    assert.deepEqual((yaml.outputs.kubernetes as { ipFamilies: string[] }).ipFamilies, ["ipv6", "ipv4"]);
  });
});

describe("component package: construct, as the plugin runs it for another language", () => {
  before(() => packageSchema());
  const EMPTY = parseStackFile("config:\n  aws:region: us-east-1\n", "dev", "Pulumi.dev.yaml");

  it("a refused config fails the construct call through its outputs; no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const listener = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", listener);
    let refused: unknown;
    try {
      const run = await runOffline(EMPTY, async () => {
        const { state } = await PROVIDER.construct(
          "bad",
          TOKEN,
          { vpc: { cidrBlock: "10.0.0.1/16", ipv6: {} }, zones: ["us-east-1a", "us-west-2b"] },
          {},
        );
        // What the provider server does with the state: serialize every output (awaiting it).
        await (state.vpcId as unknown as { promise(): Promise<unknown> }).promise().catch((e) => (refused = e));
        return {};
      });
      await new Promise((r) => setImmediate(r));
      assert.deepEqual(
        run.resources.map((x) => x.type).filter((t) => t !== "pulumi:pulumi:Stack"),
        [TOKEN],
      );
    } finally {
      process.off("unhandledRejection", listener);
    }
    assert.match(String((refused as Error)?.message), /^Invalid stack config: 2 problems\n/);
    for (const code of ["CIDR_NOT_CANONICAL", "ZONE_NOT_IN_REGION"]) assert.match(String(refused), new RegExp(code));
    assert.deepEqual(unhandled, []);
  });

  it("a malformed config fails the construct call itself, listing every finding", async () => {
    let thrown: unknown;
    await runOffline(EMPTY, async () => {
      await PROVIDER.construct("bad", TOKEN, { vpc: { cidrBlock: "10.0.0.0/16" }, natGateways: "sometimes" }, {}).catch(
        (e: unknown) => (thrown = e),
      );
      return {};
    });
    assert.match(
      String((thrown as Error)?.message),
      /^Invalid stack config: 1 problem\n[\s\S]*\[CONFIG_INVALID_VALUE\] natGateways = "sometimes"/,
    );
  });

  it("a kubeconfig that is a secret Output (as the engine passes one) installs the add-ons", async () => {
    const pulumi = await import("@pulumi/pulumi");
    const properties = program.resources.dev!.properties! as { kubernetes: Record<string, unknown> };
    const run = await runOffline(EMPTY, async () => {
      const kubeconfig = pulumi.secret("apiVersion: v1\nkind: Config\nclusters: []\n");
      const inputs = { ...properties, kubernetes: { ...properties.kubernetes, kubeconfig } };
      const { state } = await PROVIDER.construct("dev", TOKEN, inputs, {});
      return { addons: state.addons };
    });
    assert.deepEqual(run.outputs.addons, ["calico", "cloud-controller-manager"]);
    const providers = run.resources.filter((r) => r.type === "pulumi:providers:kubernetes").map((r) => r.name);
    assert.deepEqual(providers, ["dev-cluster"]);
  });
});
