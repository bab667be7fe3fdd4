/**
 * components/library/args.ts, the component's typed args, and the zod stack config contract
 * (components/core/schema.ts) stay one contract: the type checks below fail `npm test`'s type-check when the
 * two drift (a key added, dropped, made optional or required, an enum value changed on one side only), and
 * the runtime checks hold what types cannot: the enum objects' values and the doc comments, which become the
 * SDK documentation in every language the component analyzer generates.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as ts from "typescript";
import type * as pulumi from "@pulumi/pulumi";
import {
  CalicoEncapsulation,
  CiliumRoutingMode,
  Cni,
  Installer,
  LoadBalancerScheme,
  NatGatewayMode,
  SubnetType,
  TargetType,
  type Ipv6ClusterNetworkArgs,
} from "../components/library/args";
import * as enums from "../components/core/enums";
import {
  apiLoadBalancerSchema,
  calicoSchema,
  ciliumSchema,
  eksNodeGroupSchema,
  eksSchema,
  kubernetesSchema,
  stackConfigSchema,
  subnetSchema,
  type StackConfigInput,
} from "../components/core/schema";
import * as args from "../components/library/args";

/** Exactly the same type (not merely mutually assignable). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Each side assignable to the other. */
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The keys a value may leave out. */
type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];
/** One level of both sides has the same keys, and the same ones optional. */
type SameKeys<A, B> = [Equals<keyof A, keyof B>, Equals<OptionalKeys<A>, OptionalKeys<B>>];

// The two sides, walked to every nested object through the top-level args (so a property retyped to another
// interface is compared where it is used).
type A = Ipv6ClusterNetworkArgs;
type Z = StackConfigInput;
type AVpc = A["vpc"];
type ZVpc = Z["vpc"];
type AIpv6 = NonNullable<AVpc["ipv6"]>;
type ZIpv6 = NonNullable<ZVpc["ipv6"]>;
type ASubnet = NonNullable<A["subnets"]>[number];
type ZSubnet = NonNullable<Z["subnets"]>[number];
type AK8s = NonNullable<A["kubernetes"]>;
type ZK8s = NonNullable<Z["kubernetes"]>;
type AEks = NonNullable<AK8s["eks"]>;
type ZEks = NonNullable<ZK8s["eks"]>;
type ALb = NonNullable<A["apiLoadBalancer"]>;
type ZLb = NonNullable<Z["apiLoadBalancer"]>;

// region is not a stack config key (a stack takes the provider's aws:region). The kubeconfig is a
// pulumi.Input<string> in the args (other languages pass the secret as an Output) and a stack file's plain or
// `{ secure }` string in the config: both sides are compared with a plain string there.
type ArgsAsConfig = Omit<A, "region" | "kubernetes"> & {
  kubernetes?: Omit<AK8s, "kubeconfig"> & { kubeconfig?: string };
};
type ConfigAsArgs = Omit<Z, "kubernetes"> & { kubernetes?: Omit<ZK8s, "kubeconfig"> & { kubeconfig?: string } };

/** Each entry type-checks only while it holds: `true` does not satisfy `false`. */
const SYNC = {
  "whole contract, each way assignable": true satisfies Mutual<ArgsAsConfig, ConfigAsArgs>,
  "top-level keys (plus region)": [true, true] satisfies SameKeys<Omit<A, "region">, Z>,
  "region is optional": true satisfies Equals<OptionalKeys<Pick<A, "region">>, "region">,
  "vpc keys": [true, true] satisfies SameKeys<AVpc, ZVpc>,
  "vpc.ipv6 keys": [true, true] satisfies SameKeys<AIpv6, ZIpv6>,
  "vpc.ipv6.ipamPool keys": [true, true] satisfies SameKeys<
    NonNullable<AIpv6["ipamPool"]>,
    NonNullable<ZIpv6["ipamPool"]>
  >,
  "subnets[] keys": [true, true] satisfies SameKeys<ASubnet, ZSubnet>,
  "kubernetes keys": [true, true] satisfies SameKeys<AK8s, ZK8s>,
  "kubernetes.calico keys": [true, true] satisfies SameKeys<NonNullable<AK8s["calico"]>, NonNullable<ZK8s["calico"]>>,
  "kubernetes.cilium keys": [true, true] satisfies SameKeys<NonNullable<AK8s["cilium"]>, NonNullable<ZK8s["cilium"]>>,
  "kubernetes.eks keys": [true, true] satisfies SameKeys<AEks, ZEks>,
  "kubernetes.eks.nodeGroups[] keys": [true, true] satisfies SameKeys<
    NonNullable<AEks["nodeGroups"]>[number],
    NonNullable<ZEks["nodeGroups"]>[number]
  >,
  "kubernetes.eks.addonVersions keys": [true, true] satisfies SameKeys<
    NonNullable<AEks["addonVersions"]>,
    NonNullable<ZEks["addonVersions"]>
  >,
  "kubernetes.eks.cniCredentials values": true satisfies Equals<
    NonNullable<AEks["cniCredentials"]>,
    NonNullable<ZEks["cniCredentials"]>
  >,
  "apiLoadBalancer keys": [true, true] satisfies SameKeys<ALb, ZLb>,
  "nodes keys": [true, true] satisfies SameKeys<NonNullable<A["nodes"]>, NonNullable<Z["nodes"]>>,
  "endpoints keys": [true, true] satisfies SameKeys<NonNullable<A["endpoints"]>, NonNullable<Z["endpoints"]>>,
  "kubeconfig is an Input<string>": true satisfies Equals<NonNullable<AK8s["kubeconfig"]>, pulumi.Input<string>>,
  "a stack file's plain kubeconfig string": true satisfies Mutual<string, Extract<ZK8s["kubeconfig"], string>>,
  "natGateways values": true satisfies Equals<NatGatewayMode, NonNullable<Z["natGateways"]>>,
  "subnets[].type values": true satisfies Equals<SubnetType, ZSubnet["type"]>,
  "kubernetes.cni values": true satisfies Equals<Cni, NonNullable<ZK8s["cni"]>>,
  "calico.encapsulation values": true satisfies Equals<
    CalicoEncapsulation,
    NonNullable<NonNullable<ZK8s["calico"]>["encapsulation"]>
  >,
  "cilium.routingMode values": true satisfies Equals<
    CiliumRoutingMode,
    NonNullable<NonNullable<ZK8s["cilium"]>["routingMode"]>
  >,
  "apiLoadBalancer.scheme values": true satisfies Equals<LoadBalancerScheme, NonNullable<ZLb["scheme"]>>,
  "apiLoadBalancer.targetType values": true satisfies Equals<TargetType, NonNullable<ZLb["targetType"]>>,
  "kubernetes.installers values": true satisfies Equals<Installer, NonNullable<ZK8s["installers"]>[number]>,
};

/** args.ts, and enums.ts whose closed sets it re-exports: what the analyzer reads for the SDKs. */
const [source, enumSource] = ["components/library/args.ts", "components/core/enums.ts"].map((file) =>
  ts.createSourceFile(file, readFileSync(join(__dirname, "..", "..", file), "utf8"), ts.ScriptTarget.Latest, true),
);

/** The doc comment text of a node, "" when it has none; JSDoc tags and inline links are refused. */
function docOf(node: ts.Node, where: string): string {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  for (const d of docs) {
    // The analyzer keeps a comment's text only: a tag's text (`@default ...`) or a `{@link}` would be lost.
    assert.deepEqual(d.tags ?? [], [], `${where}: JSDoc tags are lost in the SDKs; write "Default: ..." in the text`);
    assert.ok(d.comment === undefined || typeof d.comment === "string", `${where}: no {@link} in a doc comment`);
  }
  return docs.map((d) => (typeof d.comment === "string" ? d.comment : "")).join("\n");
}

/** Every declaration of args.ts that the SDKs document, each with a name saying where it is. */
function documented(): { where: string; node: ts.Node; optional: boolean }[] {
  const out: { where: string; node: ts.Node; optional: boolean }[] = [];
  for (const stmt of [...source.statements, ...enumSource.statements]) {
    if (ts.isInterfaceDeclaration(stmt)) {
      out.push({ where: stmt.name.text, node: stmt, optional: false });
      for (const m of stmt.members) {
        assert.ok(ts.isPropertySignature(m), `${stmt.name.text}: only properties (${m.getText()})`);
        const where = `${stmt.name.text}.${m.name.getText()}`;
        out.push({ where, node: m, optional: !!m.questionToken });
      }
    } else if (ts.isTypeAliasDeclaration(stmt)) {
      out.push({ where: `type ${stmt.name.text}`, node: stmt, optional: false });
    } else if (ts.isVariableStatement(stmt)) {
      const decl = stmt.declarationList.declarations[0];
      out.push({ where: `const ${decl.name.getText()}`, node: stmt, optional: false });
      const init = decl.initializer;
      const object = init && ts.isAsExpression(init) ? init.expression : init;
      for (const p of object && ts.isObjectLiteralExpression(object) ? object.properties : []) {
        out.push({ where: `${decl.name.getText()}.${p.name?.getText()}`, node: p, optional: false });
      }
    }
  }
  return out;
}

describe("library args: the component's typed args are the stack config contract", () => {
  it("agree with the zod schema at every level (checked by the type-check; listed here)", () => {
    assert.equal(Object.keys(SYNC).length, 27);
    for (const [name, held] of Object.entries(SYNC)) assert.ok([held].flat().every(Boolean), name);
  });

  it("each closed set is declared once: the args re-export it, and the zod schema accepts exactly its values", () => {
    const unwrap = (t: unknown): unknown => (t as { unwrap?: () => unknown }).unwrap?.() ?? t;
    const options = (t: unknown): unknown => (unwrap(unwrap(t)) as { options: unknown }).options;
    const pairs: [string, object, unknown][] = [
      ["NatGatewayMode", args.NatGatewayMode, options(stackConfigSchema.shape.natGateways)],
      ["SubnetType", args.SubnetType, options(subnetSchema.shape.type)],
      ["Cni", args.Cni, options(kubernetesSchema.shape.cni)],
      ["CalicoEncapsulation", args.CalicoEncapsulation, options(calicoSchema.shape.encapsulation)],
      ["CiliumRoutingMode", args.CiliumRoutingMode, options(ciliumSchema.shape.routingMode)],
      ["LoadBalancerScheme", args.LoadBalancerScheme, options(apiLoadBalancerSchema.shape.scheme)],
      ["TargetType", args.TargetType, options(apiLoadBalancerSchema.shape.targetType)],
      ["EksCniCredentials", args.EksCniCredentials, options(eksSchema.shape.cniCredentials)],
      ["EksCapacityType", args.EksCapacityType, options(eksNodeGroupSchema.shape.capacityType)],
      [
        "Installer",
        args.Installer,
        options((unwrap(kubernetesSchema.shape.installers) as { element: unknown }).element),
      ],
    ];
    for (const [name, object, zodOptions] of pairs) {
      assert.equal(object, (enums as Record<string, unknown>)[name], `${name} is core/enums.ts' object`);
      assert.deepEqual(zodOptions, Object.values(object), name);
    }
    assert.deepEqual(Object.values(args.IpFamily), ["ipv4", "ipv6"]);
  });

  it("documents every interface, property, enum and enum value; optional properties say their default", () => {
    const all = documented();
    assert.ok(all.filter((d) => d.where.includes(".")).length > 60, `${all.length} declarations found`);
    const missing = all.filter((d) => docOf(d.node, d.where).trim() === "").map((d) => d.where);
    assert.deepEqual(missing, [], "no doc comment");
    const noDefault = all.filter((d) => d.optional && !/\bDefault\b/i.test(docOf(d.node, d.where)));
    assert.deepEqual(
      noDefault.map((d) => d.where),
      [],
      "optional properties without their default",
    );
  });

  it("uses only what the component analyzer maps to every language: no unions, Input only on kubeconfig", () => {
    const unions: string[] = [];
    const inputs: string[] = [];
    const visit = (n: ts.Node, where: string): void => {
      const named = ts.isPropertySignature(n) || ts.isInterfaceDeclaration(n);
      const here = named ? [where, n.name.getText()].filter(Boolean).join(".") : where;
      if (ts.isUnionTypeNode(n)) unions.push(`${here}: ${n.getText()}`);
      if (ts.isTypeReferenceNode(n) && /^pulumi\./.test(n.typeName.getText())) inputs.push(`${here}: ${n.getText()}`);
      ts.forEachChild(n, (c) => visit(c, here));
    };
    visit(source, "");
    assert.deepEqual(unions, []);
    assert.deepEqual(inputs, ["KubernetesSpec.kubeconfig: pulumi.Input<string>"]);
  });
});
