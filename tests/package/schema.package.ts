/**
 * The component package's schema: what `pulumi package add` generates every other language's SDK from. It is
 * inferred by Pulumi's component analyzer from the TypeScript source (provider.ts), so these tests hold what
 * the SDKs depend on: one component, its inputs the stack config contract, every input and output documented
 * and typed, the closed sets as enums, a well-formed package schema, and the same schema served by the
 * plugin process Pulumi starts. The checked-in copy (api/) makes a change to it visible in review.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { GetSchemaRequest, type GetSchemaResponse } from "@pulumi/pulumi/proto/provider_pb";
import * as enums from "../../components/core/enums";
import { stackConfigSchema } from "../../components/core/schema";
import { PACKAGE_NAME } from "../../provider";
import { apiReports, emitDeclarations, SCHEMA_FILE } from "../../scripts/gen-api";
import {
  localType,
  packageSchema,
  ROOT,
  startPlugin,
  TOKEN,
  type PackageSchema,
  type Plugin,
  type PropertySpec,
} from "./support";

/** Every property spec of the schema with where it is: the component's inputs and outputs, each type's. */
function allProperties(s: PackageSchema): { where: string; spec: PropertySpec; input: boolean }[] {
  const out: { where: string; spec: PropertySpec; input: boolean }[] = [];
  const r = s.resources[TOKEN]!;
  for (const [k, spec] of Object.entries(r.inputProperties)) out.push({ where: `inputs.${k}`, spec, input: true });
  for (const [k, spec] of Object.entries(r.properties)) out.push({ where: `outputs.${k}`, spec, input: false });
  for (const [token, t] of Object.entries(s.types)) {
    const name = token.split(":")[2]!;
    const input = name.endsWith("Spec");
    for (const [k, spec] of Object.entries(t.properties ?? {})) out.push({ where: `${name}.${k}`, spec, input });
  }
  return out;
}

/** A type spec and the specs inside it (array items, map values). */
function nested(spec: PropertySpec): PropertySpec[] {
  return [
    spec,
    ...(spec.items ? nested(spec.items) : []),
    ...(spec.additionalProperties ? nested(spec.additionalProperties) : []),
  ];
}

// Facts from Pulumi's package metaschema (pulumi/pulumi pkg/codegen/schema/pulumi.json at 01c4ec37f501):
// a package name matches ^[a-zA-Z][-a-zA-Z0-9_]*$, its version is semver, a type token is
// <package>:<module>:<name>, and a type reference is exactly one of a primitive (boolean, integer, number,
// string), an array with items, a map (object, optional additionalProperties) or a $ref.
const PACKAGE_NAME_PATTERN = /^[a-zA-Z][-a-zA-Z0-9_]*$/;
const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const TOKEN_PATTERN = /^[a-zA-Z][-a-zA-Z0-9_]*:([^0-9][a-zA-Z0-9._/-]*)?:[^0-9][a-zA-Z0-9._/-]*$/;
const PRIMITIVES = ["boolean", "integer", "number", "string"];

/** What is wrong with one type reference, by the metaschema's rules ("" when nothing). */
function typeSpecProblem(spec: PropertySpec, s: PackageSchema): string {
  if (spec.$ref !== undefined) {
    if (spec.items || spec.additionalProperties) return "a $ref with items or additionalProperties";
    const local = localType(spec.$ref);
    if (local !== undefined) return s.types[`${PACKAGE_NAME}:index:${local}`] ? "" : `unresolved ${spec.$ref}`;
    return spec.$ref.startsWith("pulumi.json#/") ? "" : `a reference outside the package: ${spec.$ref}`;
  }
  if (spec.type === "array") return spec.items ? "" : "an array without items";
  if (spec.type === "object") return spec.items ? "a map with items" : "";
  return PRIMITIVES.includes(spec.type ?? "") ? "" : `type ${spec.type}`;
}

describe("component package: the schema other languages' SDKs are generated from", function () {
  let s: PackageSchema;
  let plugin: Promise<Plugin> | undefined;
  before(async () => {
    // The plugin process analyzes the package too: started first, it runs beside this process's analysis.
    plugin = startPlugin();
    plugin.catch(() => undefined);
    s = await packageSchema();
  });
  after(async () => {
    const p = await plugin?.catch(() => undefined);
    p?.child.kill();
  });

  it("is the package ipv6-cluster-network at package.json's version, named as run-plugin names it", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
    assert.equal(s.name, PACKAGE_NAME);
    assert.equal(s.version, pkg.version);
    // run-plugin hosts a package under its package.json name, scope dropped and other characters made '-'
    // (pulumi/pulumi sdk/nodejs/cmd/run-plugin/run.ts at 3.248.0): the same name, whichever entry hosts it.
    assert.equal(pkg.name.replace(/^@[^/]+\//, "").replace(/[^-a-zA-Z0-9_]/g, "-"), PACKAGE_NAME);
    assert.match(s.name, PACKAGE_NAME_PATTERN);
    assert.match(s.version, SEMVER);
    assert.deepEqual(s.dependencies ?? [], [], "no resource references: the SDKs need no other package");
  });

  it("has one resource, the component, under an index token", () => {
    assert.deepEqual(Object.keys(s.resources), [TOKEN]);
    assert.equal(s.resources[TOKEN]!.isComponent, true);
    for (const token of [...Object.keys(s.resources), ...Object.keys(s.types)]) assert.match(token, TOKEN_PATTERN);
  });

  it("takes the stack config contract (and region) as inputs, only vpc required", () => {
    const r = s.resources[TOKEN]!;
    assert.deepEqual(Object.keys(r.inputProperties).sort(), [...Object.keys(stackConfigSchema.shape), "region"].sort());
    assert.deepEqual(r.requiredInputs, ["vpc"]);
  });

  it("documents the component, every input, output, property, enum value", () => {
    // Types themselves carry no description: Pulumi 3.248.0's generateSchema leaves them out
    // (sdk/nodejs/provider/experimental/schema.ts), whatever the interface's doc comment says.
    assert.match(s.resources[TOKEN]!.description ?? "", /IPv6-only or dual-stack Kubernetes/);
    const undocumented = allProperties(s)
      .filter((p) => !p.spec.description?.trim())
      .map((p) => p.where);
    for (const [token, t] of Object.entries(s.types)) {
      for (const v of t.enum ?? []) if (!v.description?.trim()) undocumented.push(`${token}.${v.name}`);
    }
    assert.deepEqual(undocumented, []);
  });

  it("makes every closed set an enum, with core/enums.ts' values, and uses it where the contract does", () => {
    const enumTypes = Object.entries(s.types).filter(([, t]) => t.enum);
    const byName = Object.fromEntries(enumTypes.map(([token, t]) => [token.split(":")[2]!, t]));
    const expected = Object.keys(enums).sort();
    assert.deepEqual(Object.keys(byName).sort(), expected);
    for (const name of expected) {
      const values = Object.values((enums as Record<string, Record<string, string>>)[name]!);
      assert.equal(byName[name]!.type, "string", name);
      // In the union's order (TypeScript's), not the declaration's: compared as sets.
      assert.deepEqual(byName[name]!.enum!.map((v) => v.value).sort(), [...values].sort(), name);
    }
    const r = s.resources[TOKEN]!;
    const typeOf = (t: string, p: string) => s.types[`${PACKAGE_NAME}:index:${t}`]!.properties![p]!;
    const uses: [string, PropertySpec, string][] = [
      ["natGateways", r.inputProperties.natGateways!, "NatGatewayMode"],
      ["SubnetSpec.type", typeOf("SubnetSpec", "type"), "SubnetType"],
      ["KubernetesSpec.cni", typeOf("KubernetesSpec", "cni"), "Cni"],
      ["CalicoSpec.encapsulation", typeOf("CalicoSpec", "encapsulation"), "CalicoEncapsulation"],
      ["CiliumSpec.routingMode", typeOf("CiliumSpec", "routingMode"), "CiliumRoutingMode"],
      ["ApiLoadBalancerSpec.scheme", typeOf("ApiLoadBalancerSpec", "scheme"), "LoadBalancerScheme"],
      ["ApiLoadBalancerSpec.targetType", typeOf("ApiLoadBalancerSpec", "targetType"), "TargetType"],
      ["SubnetInfo.type", typeOf("SubnetInfo", "type"), "SubnetType"],
      ["KubernetesInfo.ipFamilies[]", typeOf("KubernetesInfo", "ipFamilies").items!, "IpFamily"],
      ["EksSpec.cniCredentials", typeOf("EksSpec", "cniCredentials"), "EksCniCredentials"],
      ["EksNodeGroupSpec.capacityType", typeOf("EksNodeGroupSpec", "capacityType"), "EksCapacityType"],
    ];
    for (const [where, spec, name] of uses) assert.equal(localType(spec.$ref), name, where);
  });

  it("types every output (no Any) and always sets it; the kubeconfig is the only input that takes an Output", () => {
    const r = s.resources[TOKEN]!;
    assert.deepEqual(Object.keys(r.properties), [
      "vpcId",
      "vpcCidrBlock",
      "vpcIpv6CidrBlock",
      "subnets",
      "internetGatewayId",
      "egressOnlyInternetGatewayId",
      "natGatewayIds",
      "securityGroupIds",
      "apiServerEndpoint",
      "apiServerTargetGroupArn",
      "kubernetes",
      "nodeCloudInit",
      "addons",
      "installerSpecs",
      "eks",
      "kubeconfig",
    ]);
    assert.deepEqual([...(r.required ?? [])].sort(), Object.keys(r.properties).sort());
    const any = allProperties(s)
      .filter((p) => nested(p.spec).some((n) => n.$ref?.startsWith("pulumi.json#/Any")))
      .map((p) => p.where);
    assert.deepEqual(any, []);
    // An input without `plain` accepts an eventual value (an Output) in every SDK.
    const eventual = allProperties(s)
      .filter((p) => p.input && !p.spec.plain)
      .map((p) => p.where);
    assert.deepEqual(eventual, ["KubernetesSpec.kubeconfig"]);
  });

  it("is well-formed as Pulumi's package metaschema requires (every reference resolves)", () => {
    const problems = allProperties(s).flatMap((p) =>
      nested(p.spec)
        .map((n) => typeSpecProblem(n, s))
        .filter(Boolean)
        .map((m) => `${p.where}: ${m}`),
    );
    for (const [name, t] of Object.entries(s.types)) {
      if (t.enum) {
        if (t.properties) problems.push(`${name}: an enum with properties`);
        for (const v of t.enum) if (typeof v.value !== (t.type === "string" ? "string" : "number")) problems.push(name);
      } else if (t.type !== "object") problems.push(`${name}: type ${t.type}`);
      for (const req of t.required ?? []) if (!t.properties?.[req]) problems.push(`${name}: required ${req} missing`);
    }
    const r = s.resources[TOKEN]!;
    for (const req of r.requiredInputs ?? []) if (!r.inputProperties[req]) problems.push(`requiredInputs ${req}`);
    assert.deepEqual(problems, []);
    // A check that cannot fail proves nothing: a broken reference is found.
    assert.equal(
      typeSpecProblem({ $ref: `#/types/${PACKAGE_NAME}:index:Nope` }, s),
      `unresolved #/types/${PACKAGE_NAME}:index:Nope`,
    );
    assert.equal(typeSpecProblem({ type: "array" }, s), "an array without items");
  });

  it("is the checked-in api/ipv6-cluster-network.schema.json (a change to it is reviewed: npm run api)", () => {
    const checkedIn = JSON.parse(readFileSync(join(ROOT, SCHEMA_FILE), "utf8")) as PackageSchema;
    assert.deepEqual(s, checkedIn, `${SCHEMA_FILE} is stale: run npm run api, and review the change`);
  });

  it("is what the plugin process serves over gRPC, started as Pulumi's Node.js language host starts it", async () => {
    const p = await plugin!;
    const client = new ResourceProviderClient(`127.0.0.1:${p.port}`, grpc.credentials.createInsecure());
    try {
      const served = await new Promise<string>((resolve, reject) =>
        client.getSchema(new GetSchemaRequest(), (err: grpc.ServiceError | null, res?: GetSchemaResponse) =>
          err ? reject(err) : resolve(res!.getSchema()),
        ),
      );
      assert.deepEqual(JSON.parse(served), s);
    } finally {
      client.close();
    }
  });
});

describe("component package: the TypeScript API reports (API Extractor)", () => {
  it("api/*.api.md are what the declarations give; every export documented, none using an unexported type", () => {
    emitDeclarations();
    const reports = apiReports(false);
    for (const r of reports) {
      assert.deepEqual(r.problems, [], r.report);
      assert.equal(r.changed, false, `${r.report} is stale: run npm run api, and review the change`);
    }
    // Every export and member is documented: API Extractor marks the others "(undocumented)".
    for (const r of reports) {
      const lines = readFileSync(join(ROOT, r.report), "utf8").split("\n");
      const undocumented = lines.flatMap((l, i) => (l.includes("(undocumented)") ? [lines[i + 1]!.trim()] : []));
      assert.deepEqual(undocumented, [], r.report);
    }
  });
});
