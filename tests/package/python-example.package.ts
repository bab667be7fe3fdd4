/**
 * The Python example (examples/python/__main__.py) against the component package's schema. No Python SDK
 * is generated here (that needs the Pulumi CLI), so the names the SDK will have are derived from the schema
 * with Pulumi's Python naming rules (below), and the example's constructor call is read as data: every
 * class, keyword, enum member and output it uses must exist, and its values must be the YAML example's, the
 * dev stack's network. What is not checked: that the generated SDK accepts it at run time.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PACKAGE_NAME } from "../../provider";
import { localType, packageSchema, ROOT, TOKEN, type PackageSchema, type PropertySpec } from "./support";

const SOURCE = readFileSync(join(ROOT, "examples", "python", "__main__.py"), "utf8");

// Pulumi's Python names (facts from pulumi/pulumi pkg/codegen/python, python.go PyName and utilities.go
// makeSafeEnumName, at c9b719c6c054): camelCase becomes snake_case, an acronym stays one word (with a
// trailing 's' or digits), a keyword gets a trailing '_'; enum members are the snake_case name upper-cased;
// input object types are classes named <Type>Args; the module is pulumi_<package, '-' as '_'>.
const KEYWORDS = new Set([
  ..."False None True and as assert async await break class continue def del elif else except exec".split(" "),
  ..."finally for from global if import in is lambda nonlocal not or pass print raise return try while".split(" "),
  ..."with yield".split(" "),
]);
const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();

/** camelCase -> the Python SDK's snake_case name (a state machine over upper, acronym, lower/digit). */
export function pyName(name: string): string {
  const words: string[] = [];
  let current = "";
  let state: "first" | "upper" | "acronym" | "lower" = "first";
  for (let c of name) {
    if (!/[A-Za-z0-9_]/.test(c)) c = "_";
    if (state === "first") {
      if (!/[A-Za-z_]/.test(c)) current += "_";
      state = isUpper(c) ? "upper" : "lower";
      current += c.toLowerCase();
    } else if (state === "upper") {
      state = isUpper(c) ? "acronym" : "lower";
      current += c.toLowerCase();
    } else if (state === "acronym") {
      if (isUpper(c)) current += c.toLowerCase();
      else if (/[0-9s]/.test(c)) {
        state = "lower";
        current += c;
      } else {
        // The acronym's last letter starts the next word ("CIDRMask" -> "cidr", "mask").
        words.push(current.slice(0, -1));
        current = current.slice(-1) + c;
        state = "lower";
      }
    } else if (isUpper(c)) {
      words.push(current);
      current = c.toLowerCase();
      state = "upper";
    } else current += c;
  }
  if (current) words.push(current);
  const out = words.join("_");
  return KEYWORDS.has(out) ? `${out}_` : out;
}
const enumMemberName = (name: string) => pyName(name).toUpperCase().replace(/_+/g, "_");

type Value = string | number | boolean | null | Value[] | { [k: string]: Value } | Call | Attr;
interface Call {
  call: string;
  args: Value[];
  kwargs: [string, Value][];
}
interface Attr {
  attr: string;
}
const isAttr = (v: object): v is Attr => typeof (v as Attr).attr === "string";
const isCall = (v: object): v is Call => typeof (v as Call).call === "string";

/** Reads the Python literal expression at the start of `text`: calls, attributes, lists, dicts, literals. */
function readExpression(text: string): Value {
  const tokens = text.match(
    /#[^\n]*|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|-?\d+(?:\.\d+)?|[A-Za-z_][\w.]*|[()[\]{},=:]|\S/g,
  )!;
  const list = tokens.filter((t) => !t.startsWith("#"));
  let i = 0;
  const next = () => list[i++]!;
  const expect = (t: string) => assert.equal(next(), t, `expected ${t} at token ${i}`);
  const items = <T>(close: string, item: () => T): T[] => {
    const out: T[] = [];
    while (list[i] !== close) {
      out.push(item());
      if (list[i] === ",") i++;
    }
    expect(close);
    return out;
  };
  const value = (): Value => {
    const t = next();
    if (/^["']/.test(t)) return JSON.parse(`"${t.slice(1, -1).replace(/"/g, '\\"')}"`) as string;
    if (/^-?\d/.test(t)) return Number(t);
    if (t === "True" || t === "False") return t === "True";
    if (t === "None") return null;
    if (t === "[") return items("]", value);
    if (t === "{") {
      return Object.fromEntries(
        items("}", () => {
          const k = value();
          expect(":");
          return [k as string, value()];
        }),
      );
    }
    assert.match(t, /^[A-Za-z_][\w.]*$/, `unexpected token ${t}`);
    if (list[i] !== "(") return { attr: t };
    i++;
    const call: Call = { call: t, args: [], kwargs: [] };
    items(")", () => {
      if (/^[A-Za-z_]\w*$/.test(list[i]!) && list[i + 1] === "=") {
        const k = next();
        i++;
        call.kwargs.push([k, value()]);
      } else call.args.push(value());
    });
    return call;
  };
  return value();
}

/** The example's values in the schema's names and values; fails on any name the SDK would not have. */
function toSchemaValues(v: Value, s: PackageSchema, where: string): unknown {
  if (Array.isArray(v)) return v.map((x, n) => toSchemaValues(x, s, `${where}[${n}]`));
  if (v === null || typeof v !== "object") return v;
  if (isAttr(v)) {
    const [, enumName, member] = /^ipv6net\.(\w+)\.(\w+)$/.exec(v.attr) ?? [];
    const t = s.types[`${PACKAGE_NAME}:index:${enumName}`];
    const value = t?.enum?.find((m) => enumMemberName(String(m.name)) === member)?.value;
    assert.ok(value !== undefined, `${where}: ${v.attr} is no enum member of the SDK`);
    return value;
  }
  if (isCall(v)) {
    const [, cls] = /^ipv6net\.(\w+)Args$/.exec(v.call) ?? [];
    const props = s.types[`${PACKAGE_NAME}:index:${cls}`]?.properties;
    assert.ok(props, `${where}: ${v.call} is no input class of the SDK`);
    return kwargsToSchema(v.kwargs, props, s, where);
  }
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toSchemaValues(x, s, `${where}.${k}`)]));
}

function kwargsToSchema(
  kwargs: [string, Value][],
  props: Record<string, PropertySpec>,
  s: PackageSchema,
  where: string,
) {
  const byPyName = new Map(Object.keys(props).map((k) => [pyName(k), k]));
  return Object.fromEntries(
    kwargs.map(([k, v]) => {
      const name = byPyName.get(k);
      assert.ok(name, `${where}: ${k}= is no argument of the SDK (it has ${[...byPyName.keys()].join(", ")})`);
      return [name, toSchemaValues(v, s, `${where}.${name}`)];
    }),
  );
}

describe("component package: the Python example (examples/python)", () => {
  let s: PackageSchema;
  before(async () => (s = await packageSchema()));

  it("derives Python names as Pulumi's code generator does (its own test table)", () => {
    // pulumi/pulumi pkg/codegen/python/python_test.go pyNameTests (non-legacy column), at 082d307f7ded.
    const table: [string, string][] = [
      ["kubeletConfigKey", "kubelet_config_key"],
      ["podCIDR", "pod_cidr"],
      ["podCidr", "pod_cidr"],
      ["podCIDRs", "pod_cidrs"],
      ["podIPs", "pod_ips"],
      ["nonResourceURLs", "non_resource_urls"],
      ["someTHINGsAREWeird", "some_things_are_weird"],
      ["podCIDRSet", "pod_cidr_set"],
      ["Sha256Hash", "sha256_hash"],
      ["SHA256Hash", "sha256_hash"],
      ["proj:config", "proj_config"],
    ];
    for (const [input, expected] of table) assert.equal(pyName(input), expected, input);
    assert.equal(pyName("nodeCIDRMaskSizeIPv4"), "node_cidr_mask_size_i_pv4");
    assert.equal(enumMemberName("perZone"), "PER_ZONE");
  });

  it("imports the package's Python module", () => {
    assert.match(SOURCE, new RegExp(`^import pulumi_${PACKAGE_NAME.replace(/-/g, "_")} as ipv6net$`, "m"));
  });

  it("constructs the component with the SDK's names and the dev stack's values (the YAML example's)", () => {
    const start = SOURCE.indexOf("ipv6net.Ipv6ClusterNetwork(");
    assert.ok(start >= 0);
    const call = readExpression(SOURCE.slice(start)) as Call;
    assert.deepEqual(call.args, ["dev"]);
    const inputs = kwargsToSchema(call.kwargs, s.resources[TOKEN]!.inputProperties, s, "Ipv6ClusterNetwork");
    const yaml = parse(readFileSync(join(ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8")) as {
      resources: { dev: { properties: unknown } };
    };
    assert.deepEqual(inputs, yaml.resources.dev.properties);
    // The reading fails on what the SDK would not have (so the check above can fail).
    const misspelt = readExpression('ipv6net.KubernetesSpecArgs(pod_cidr_s=["fd00::/56"])') as Call;
    assert.throws(() => toSchemaValues(misspelt, s, "k"), /pod_cidr_s= is no argument of the SDK/);
    assert.throws(() => toSchemaValues({ attr: "ipv6net.Cni.Calico" }, s, "cni"), /no enum member/);
  });

  it("exports outputs the component has, by their Python names", () => {
    const outputs = s.resources[TOKEN]!.properties;
    const used = [...SOURCE.matchAll(/\bnetwork\.(\w+)/g)].map((m) => m[1]!);
    assert.ok(used.length >= 5);
    const names = new Set(Object.keys(outputs).map(pyName));
    assert.deepEqual(
      used.filter((u) => !names.has(u)),
      [],
    );
    const k8s = s.types[`${PACKAGE_NAME}:index:${localType(outputs.kubernetes!.$ref)}`]!.properties!;
    const inLambda = [...SOURCE.matchAll(/lambda k: k\.(\w+)/g)].map((m) => m[1]!);
    assert.deepEqual(inLambda, ["kubeadm_config"]);
    assert.ok(Object.keys(k8s).map(pyName).includes("kubeadm_config"));
  });
});
