/**
 * The policy pack as the Pulumi CLI runs it (`pulumi preview --policy-pack policy`): a process started the way the
 * CLI's Node.js analyzer plugin starts one (pulumi/pulumi `pulumi-analyzer-policy`: in the pack's directory,
 * `node <@pulumi/pulumi/cmd/run-policy-pack as resolved from there> <engine address> .`), which prints its gRPC
 * port; then the engine's calls over gRPC: GetAnalyzerInfo, AnalyzeStack with what a preview sends (references
 * unknown, the resources they come from as property dependencies), Analyze on one resource, and Configure (a
 * policy's enforcement level changed). No CLI and no engine: the test plays the engine.
 */
import { strict as assert } from "node:assert";
import { dirname, join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type { PolicyRecord } from "../../policy/records";
import { UNKNOWN } from "../../policy/records";
import { recordsOf, UNKNOWN_STRING } from "../support/policy-fixtures";
import { sharedStack } from "../support/stack-runs";
import { ROOT, startPortPrinter, type Plugin } from "./support";

const PACK_DIR = join(ROOT, "policy");
// The protobuf runtime the generated messages use (a Struct of another copy would not serialize).
const protoDir = dirname(require.resolve("@pulumi/pulumi/proto/analyzer_pb"));
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [protoDir] }));
const { Empty } = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [protoDir] }));

/** Starts the pack as the CLI does (run-policy-pack, from the pack's directory); resolves with its port. */
function startPack(): Promise<Plugin> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [PACK_DIR] });
  return startPortPrinter("the pack", [runner, "127.0.0.1:1", "."], PACK_DIR);
}

/** A property as a preview sends it: a reference to a resource not created yet is unknown. */
function previewValue(v: unknown, unknown: boolean): unknown {
  if (v === UNKNOWN) return UNKNOWN_STRING;
  if (unknown && typeof v === "string") return UNKNOWN_STRING;
  if (unknown && Array.isArray(v) && v.every((x) => typeof x === "string")) return v.map(() => UNKNOWN_STRING);
  return v;
}

/** A record as the engine sends it to AnalyzeStack (options are required by the SDK). */
function analyzerResource(r: PolicyRecord): pb.AnalyzerResource {
  const deps = r.propertyDependencies ?? {};
  const props = Object.fromEntries(Object.entries(r.props).map(([k, v]) => [k, previewValue(v, k in deps)]));
  const m = new pb.AnalyzerResource();
  m.setType(r.type).setUrn(r.urn).setName(r.name).setOptions(new pb.AnalyzerResourceOptions());
  m.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(props))));
  for (const [k, urns] of Object.entries(deps))
    m.getPropertydependenciesMap().set(k, new pb.AnalyzerPropertyDependencies().setUrnsList([...urns]));
  return m;
}

type Call<Q, R> = (req: Q, cb: (e: grpc.ServiceError | null, r?: R) => void) => unknown;
const call = <Q, R>(fn: Call<Q, R>, req: Q) =>
  new Promise<R>((resolve, reject) => fn(req, (e, r) => (e ? reject(e) : resolve(r!))));

/** An enforcement level's name (the generated enum object has no reverse mapping). */
const level = (n: number) => Object.entries(pb.EnforcementLevel).find(([, v]) => v === n)?.[0];

/** What a diagnostic says, short: policy, level, the resource's name. */
const short = (d: pb.AnalyzeDiagnostic) =>
  `${d.getPolicyname()} ${level(d.getEnforcementlevel())} ${d.getUrn().split("::").pop()}`;

describe("policy pack: run as the Pulumi CLI runs it, over gRPC", function () {
  let pack: Awaited<ReturnType<typeof startPack>>;
  let client: AnalyzerClient;
  let prod: PolicyRecord[];
  const stack = (records: PolicyRecord[]) => {
    const req = new pb.AnalyzeStackRequest().setResourcesList(records.map(analyzerResource));
    return call<pb.AnalyzeStackRequest, pb.AnalyzeResponse>(client.analyzeStack.bind(client), req);
  };
  before(async () => {
    [pack, prod] = await Promise.all([startPack(), sharedStack("prod").then((g) => recordsOf(g.resources))]);
    client = new AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
  });
  after(() => {
    client?.close();
    pack?.child.kill();
  });

  it("starts from policy/ with its package.json and lists its policies, their enforcement and config", async () => {
    const info = await call<never, pb.AnalyzerInfo>(client.getAnalyzerInfo.bind(client), new Empty() as never);
    assert.deepEqual(
      [info.getName(), info.getVersion(), info.getSupportsconfig()],
      ["ipv6-cluster-network-guardrails", "0.2.0", true],
    );
    const policies = info.getPoliciesList().map((p) => [p.getName(), level(p.getEnforcementlevel())]);
    assert.deepEqual(policies, [
      ["dns64-without-nat64", "MANDATORY"],
      ["ipv6-only-subnet-hostnames", "MANDATORY"],
      ["private-subnet-to-internet-gateway", "MANDATORY"],
      ["public-ipv4-on-launch", "ADVISORY"],
      ["world-open-ingress", "MANDATORY"],
      ["lb-dualstack-without-ipv6", "MANDATORY"],
      ["lb-ipv6-targets-without-ipv6", "MANDATORY"],
    ]);
    const schema = info.getPoliciesList()[2].getConfigschema()!.getProperties()!.toJavaScript();
    assert.deepEqual((schema.privateSubnetTags as { default: unknown }).default, {
      "kubernetes.io/role/internal-elb": "*",
    });
  });

  it("finds nothing in the prod stack's preview", async () => {
    const res = await stack(prod);
    assert.deepEqual(res.getDiagnosticsList().map(short), []);
  });

  it("refuses DNS64 without NAT64 routes, mandatory, per subnet, message and fix under the description", async () => {
    const bad = prod.filter(
      (r) => !(r.type === "aws:ec2/route:Route" && r.props.destinationIpv6CidrBlock === "64:ff9b::/96"),
    );
    const res = await stack(bad);
    assert.deepEqual(
      res.getDiagnosticsList().map(short),
      ["a", "b", "c"].map((z) => `dns64-without-nat64 MANDATORY network-nodes-eu-west-1${z}`),
    );
    assert.match(
      res.getDiagnosticsList()[0].getMessage(),
      /\n\[DNS64_WITHOUT_NAT64\] network-nodes-eu-west-1a: IPv6-only subnet .* Fix: add a route for 64:ff9b::\/96/,
    );
  });

  it("judges one resource as it is registered: public IPv4 on launch is advisory", async () => {
    const subnet = prod.find((r) => r.type === "aws:ec2/subnet:Subnet" && r.name === "network-utility-eu-west-1a")!;
    const r = analyzerResource({ ...subnet, props: { ...subnet.props, mapPublicIpOnLaunch: true } });
    const req = new pb.AnalyzeRequest().setType(r.getType()).setUrn(r.getUrn()).setName(r.getName());
    req.setProperties(r.getProperties()).setOptions(r.getOptions());
    const res = await call<pb.AnalyzeRequest, pb.AnalyzeResponse>(client.analyze.bind(client), req);
    assert.deepEqual(res.getDiagnosticsList().map(short), [
      "public-ipv4-on-launch ADVISORY network-utility-eu-west-1a",
    ]);
  });

  it("takes its config from the engine: a policy disabled reports nothing", async () => {
    const req = new pb.ConfigureAnalyzerRequest();
    // As the CLI sends a policy's config: its enforcement level, and its properties (none here).
    const disabled = new pb.PolicyConfig().setEnforcementlevel(pb.EnforcementLevel.DISABLED);
    req.getPolicyconfigMap().set("dns64-without-nat64", disabled.setProperties(Struct.fromJavaScript({})));
    await call<pb.ConfigureAnalyzerRequest, unknown>(client.configure.bind(client), req);
    const bad = prod.filter(
      (r) => !(r.type === "aws:ec2/route:Route" && r.props.destinationIpv6CidrBlock === "64:ff9b::/96"),
    );
    assert.deepEqual((await stack(bad)).getDiagnosticsList().map(short), []);
    assert.equal(pack.stderr(), "");
  });
});
