/**
 * Checking an installer's spec as the installer would: its objects against the JSON Schema of the installer's API
 * (tests/fixtures/installers, transcribed from the published CRDs and Go types, each file citing its source), and
 * the installer's own cross-field rules that the schema cannot say, re-implemented from its Go code (each rule
 * citing where it is). A spec that passes here is one the installer's validation would accept, placeholders aside.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { parseAllDocuments } from "yaml";
import type { Installer } from "../../components/core/enums";
import { parseCidr } from "../../components/core/ip";
import { PLACEHOLDER_PATTERN, type RenderedSpec } from "../../components/core/installers";
import type { NetworkPlan } from "../../components/core/network-plan";
import type { SubnetPlan } from "../../components/core/types";

const ROOT = join(__dirname, "..", "..", "..");

type Doc = Record<string, any>;

const ajv = new Ajv2020({ allErrors: true, strict: true });
// The CRDs' integer formats (Kubernetes' OpenAPI); their range is what `format` says.
ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });

const validators = new Map<Installer, ValidateFunction>();

/** The installer's schema (compiled once). */
export function schemaOf(installer: Installer): ValidateFunction {
  let v = validators.get(installer);
  if (!v) {
    const file = join(ROOT, "tests", "fixtures", "installers", `${installer}.schema.json`);
    v = ajv.compile(JSON.parse(readFileSync(file, "utf8")));
    validators.set(installer, v);
  }
  return v;
}

/** The schema's complaints about one object (empty when it is valid). */
export function schemaErrors(installer: Installer, doc: unknown): string[] {
  const v = schemaOf(installer);
  if (v(doc)) return [];
  return (v.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

/** One placeholder (the shared pattern is global, so stateful in `test`). */
const ONE_PLACEHOLDER = new RegExp(PLACEHOLDER_PATTERN.source);
const isPlaceholder = (v: unknown) => typeof v === "string" && ONE_PLACEHOLDER.test(v);
/** A CIDR Go's net.ParseCIDR takes: no placeholder, a valid address and prefix. */
const cidrOk = (c: unknown) => typeof c === "string" && !isPlaceholder(c) && parseCidr(c).ok;
const family = (c: string) => (c.includes(":") ? "ipv6" : "ipv4");
const prefix = (c: string) => Number(c.split("/")[1]);

/**
 * kOps' cross-field rules on what the spec emits (kubernetes/kops@268927e26409f861634e18f3632c9dd483c350cf
 * pkg/apis/kops/validation/validation.go): nonMasqueradeCIDR ::/0 for IPv6; ipv6CIDR a CIDR or `/LEN#N`;
 * every subnet with an id or none ("cannot mix"); egress nat-/eipalloc-/i-/tgw-/External, on private or IPv6 public
 * subnets only; DualStack only in IPv6 clusters; Calico with encapsulationMode none and awsSrcDstCheck DoNothing;
 * an odd number of etcd members, each naming an instance group; and each instance group's subnets in the Cluster's.
 */
export function kopsRules(docs: Doc[], natId = /^nat-/): string[] {
  const errs: string[] = [];
  const cluster = docs.find((d) => d.kind === "Cluster")!;
  const spec = cluster.spec;
  if (spec.nonMasqueradeCIDR !== "::/0") errs.push(`nonMasqueradeCIDR ${spec.nonMasqueradeCIDR}`);
  const subnets: Doc[] = spec.subnets;
  if (new Set(subnets.map((s) => s.id !== undefined)).size > 1) errs.push("subnets mix ids and no ids");
  for (const s of subnets) {
    if (s.ipv6CIDR !== undefined && !/^\/\d+#[0-9a-f]+$/.test(s.ipv6CIDR) && !cidrOk(s.ipv6CIDR))
      errs.push(`${s.name}: ipv6CIDR ${s.ipv6CIDR}`);
    if (s.cidr === undefined && s.ipv6CIDR === undefined) errs.push(`${s.name}: no cidr`);
    if (s.egress !== undefined && !isPlaceholder(s.egress)) {
      const known = /^(eipalloc|i|tgw)-/.test(s.egress) || natId.test(s.egress) || s.egress === "External";
      if (!known) errs.push(`${s.name}: egress`);
      if (!["Private", "DualStack"].includes(s.type) && !(s.type === "Public" && s.ipv6CIDR))
        errs.push(`${s.name}: egress on ${s.type}`);
    }
  }
  const calico = spec.networking.calico;
  if (calico && (calico.encapsulationMode !== "none" || calico.awsSrcDstCheck !== "DoNothing")) errs.push("calico");
  const groups = new Map(docs.filter((d) => d.kind === "InstanceGroup").map((g) => [g.metadata.name, g]));
  for (const e of spec.etcdClusters) {
    if (e.etcdMembers.length % 2 === 0) errs.push(`etcd ${e.name}: even members`);
    for (const m of e.etcdMembers) if (!groups.has(m.instanceGroup)) errs.push(`etcd member ${m.name}: no group`);
  }
  const names = new Set(subnets.map((s) => s.name));
  for (const g of groups.values()) {
    if (g.metadata.labels["kops.k8s.io/cluster"] !== cluster.metadata.name) errs.push(`${g.metadata.name}: label`);
    for (const s of g.spec.subnets) if (!names.has(s)) errs.push(`${g.metadata.name}: subnet ${s} not in the spec`);
  }
  for (const s of spec.api.loadBalancer.subnets ?? []) if (!names.has(s.name)) errs.push(`api subnet ${s.name}`);
  return errs;
}

/**
 * The webhooks' rules on what the spec emits: Cluster API's (kubernetes-sigs/cluster-api@ae7ff047 core/webhooks/
 * admission/cluster.go validateCIDRBlocks: every range parses) and CAPA's
 * (kubernetes-sigs/cluster-api-provider-aws@2cf09d78 webhooks/awscluster_webhook.go: the VPC's and subnets' blocks
 * parse when given; targetGroupIPType ipv6 needs vpc.ipv6; and infrastructureRef names the AWSCluster).
 */
export function capiRules(docs: Doc[], placeholders = false): string[] {
  const errs: string[] = [];
  const cluster = docs.find((d) => d.kind === "Cluster")!;
  const aws = docs.find((d) => d.kind === "AWSCluster")!;
  const net = cluster.spec.clusterNetwork;
  for (const c of [...net.pods.cidrBlocks, ...net.services.cidrBlocks]) if (!cidrOk(c)) errs.push(`range ${c}`);
  const ref = cluster.spec.infrastructureRef;
  if (ref.kind !== "AWSCluster" || ref.name !== aws.metadata.name) errs.push("infrastructureRef");
  const vpc = aws.spec.network.vpc;
  const parses = (c: unknown) => c === undefined || cidrOk(c) || (placeholders && isPlaceholder(c));
  if (!parses(vpc.cidrBlock) || !parses(vpc.ipv6?.cidrBlock)) errs.push("vpc blocks");
  for (const s of aws.spec.network.subnets)
    if (!parses(s.cidrBlock) || !parses(s.ipv6CidrBlock)) errs.push(`subnet ${s.id} blocks`);
  if (aws.spec.controlPlaneLoadBalancer?.targetGroupIPType === "ipv6" && !vpc.ipv6) errs.push("ipv6 targets");
  return errs;
}

/**
 * k0s' Network.Validate on what the spec emits (k0sproject/k0s@dff90cee9a6e8e22c6d0f3efef0f9a77fc223be4
 * pkg/apis/k0s/v1beta1/network.go): pod and service ranges parse and share a family; an IPv6 service range without
 * dual-stack at most /108 long; IPv6 single-stack only with the IPv6SingleStack feature gate (on every controller:
 * the k0sctl install flags); with dual-stack, IPv4 primary fields and IPv6 dual-stack ones, the IPv6 service range
 * at most 20 bits. And k0sctl's (k0sproject/k0sctl@f4005b6b pkg/apis/k0sctl.k0sproject.io/v1beta1/cluster/
 * hosts.go): at least one controller.
 */
export function k0sRules(docs: Doc[]): string[] {
  const errs: string[] = [];
  const k0sctl = docs[0];
  const n = k0sctl.spec.k0s.config.spec.network;
  if (!cidrOk(n.podCIDR) || !cidrOk(n.serviceCIDR)) return ["podCIDR or serviceCIDR does not parse"];
  if (family(n.podCIDR) !== family(n.serviceCIDR)) errs.push("podCIDR and serviceCIDR must be both IPv4 or IPv6");
  if (family(n.serviceCIDR) === "ipv6" && prefix(n.serviceCIDR) > 108) errs.push("IPv6 service CIDR prefix > 108");
  const controllers = k0sctl.spec.hosts.filter((h: Doc) => h.role.startsWith("controller"));
  if (!controllers.length) errs.push("no hosts with a controller role defined");
  const gate = controllers.every((h: Doc) => (h.installFlags ?? []).includes("--feature-gates=IPv6SingleStack=true"));
  if (!n.dualStack?.enabled && family(n.podCIDR) === "ipv6" && !gate) errs.push("IPv6SingleStack not enabled");
  if (n.dualStack?.enabled) {
    const ds = n.dualStack;
    if (family(n.podCIDR) !== "ipv4" || family(n.serviceCIDR) !== "ipv4") errs.push("dual-stack primary not IPv4");
    if (!cidrOk(ds.IPv6podCIDR) || family(ds.IPv6podCIDR) !== "ipv6") errs.push("IPv6podCIDR");
    if (!cidrOk(ds.IPv6serviceCIDR) || family(ds.IPv6serviceCIDR) !== "ipv6") errs.push("IPv6serviceCIDR");
    else if (128 - prefix(ds.IPv6serviceCIDR) > 20) errs.push("IPv6serviceCIDR more than 20 bits");
  }
  return errs;
}

/**
 * kubeadm's rules on what the spec emits (kubernetes/kubernetes cmd/kubeadm/app/apis/kubeadm/validation/
 * validation.go: the pod and service subnets are comma lists of at most one CIDR per family, each with at least
 * 10 addresses for services).
 */
export function kubeadmRules(docs: Doc[]): string[] {
  const errs: string[] = [];
  const net = docs.find((d) => d.kind === "ClusterConfiguration")!.networking;
  for (const key of ["podSubnet", "serviceSubnet"]) {
    const cidrs = String(net[key]).split(",");
    if (!cidrs.every(cidrOk)) errs.push(`${key} does not parse`);
    if (new Set(cidrs.map(family)).size !== cidrs.length) errs.push(`${key}: two of one family`);
  }
  return errs;
}

/**
 * The NAT gateway ids a spec may carry: AWS' (`nat-...`), or the Pulumi mocks' (`natgateway-<name>`,
 * components/offline/mock-runtime.ts idFor) in a spec of a mock deployment.
 */
const NAT_IDS = /^(nat|natgateway)-/;

const RULES: Record<Installer, (docs: Doc[]) => string[]> = {
  kops: (docs) => kopsRules(docs, NAT_IDS),
  capi: (docs) => capiRules(docs, true),
  k0s: k0sRules,
  kubeadm: kubeadmRules,
};

/**
 * Parses a spec's text (it must be exactly the objects the renderer says it holds), and checks every object
 * against the installer's schema and rules; fails with what is wrong.
 */
export function assertValidSpec(spec: RenderedSpec): Doc[] {
  const docs = parseAllDocuments(spec.yaml).map((d) => {
    assert.deepEqual(d.errors, [], `${spec.installer}: the YAML parses`);
    return d.toJS() as Doc;
  });
  assert.deepEqual(docs, spec.documents, `${spec.installer}: the text holds the documents`);
  for (const d of docs) assert.deepEqual(schemaErrors(spec.installer, d), [], `${spec.installer} ${d.kind}`);
  assert.deepEqual(RULES[spec.installer](docs), [], `${spec.installer}: the installer's own rules`);
  return docs;
}

/** An expected value: exactly this text, or text matching this pattern (a placeholder). */
export type Match = string | RegExp;

function same(actual: unknown, expected: Match | undefined, what: string): void {
  if (expected instanceof RegExp) assert.match(String(actual), expected, what);
  else assert.equal(actual, expected, what);
}

/** The network's values a spec must carry: the deployed ones, or the placeholders that stand for them offline. */
export interface NetworkFacts {
  vpcId: Match;
  vpcIpv6?: Match;
  eigw?: Match;
  igw: Match;
  subnetId(name: string): Match;
  /** A subnet's IPv6 block as Cluster API gets it (kOps gets `/LEN#N` offline: checked by index). */
  subnetIpv6(name: string): Match | undefined;
  natId(name: string): Match;
  lbDns: Match;
  /** Whether the values are deployed (kOps then gets full IPv6 blocks too). */
  deployed: boolean;
}

const placeholderOf = (what: string) =>
  new RegExp(`^<${what.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: known after deployment>$`);

/** What an offline spec carries for the plan's values that only a deployment knows: placeholders naming them. */
export function offlineFacts(plan: NetworkPlan): NetworkFacts {
  const byName = new Map(plan.subnets.map((s) => [s.name, s]));
  return {
    vpcId: plan.vpc.id ?? placeholderOf("VPC id"),
    vpcIpv6: plan.vpc.ipv6 && (plan.vpc.ipv6.cidrBlock ?? placeholderOf("VPC IPv6 block")),
    eigw:
      plan.vpc.ipv6 && (plan.vpc.ipv6.egressOnlyInternetGatewayId ?? placeholderOf("egress-only internet gateway id")),
    igw: plan.vpc.internetGatewayId ?? placeholderOf("internet gateway id"),
    subnetId: (n) => byName.get(n)!.id ?? placeholderOf(`subnet id of ${n}`),
    subnetIpv6: (n) => {
      const v6 = byName.get(n)!.ipv6;
      return v6 && (v6.cidrBlock ?? placeholderOf(`IPv6 block of ${n}`));
    },
    natId: (n) => placeholderOf(`NAT gateway id of ${n}`),
    lbDns: placeholderOf("API load balancer DNS name"),
    deployed: false,
  };
}

/** The NAT gateway a private subnet's IPv4 default (else NAT64) route targets, by plan name. */
function natOf(s: SubnetPlan): string | undefined {
  const r = s.routes.find((x) => x.name === "ipv4-default") ?? s.routes.find((x) => x.name === "nat64");
  return r?.target.kind === "natGateway" ? r.target.nat : undefined;
}

/** kOps' spec carries the plan's network: VPC, service range, each subnet's id, kind, zone, blocks and egress. */
export function kopsRoundTrip(docs: Doc[], plan: NetworkPlan, facts: NetworkFacts): void {
  const spec = docs[0].spec;
  same(spec.networkID, facts.vpcId, "networkID");
  assert.equal(spec.networkCIDR, plan.vpc.cidrBlock);
  assert.equal(spec.serviceClusterIPRange, plan.kubernetes.serviceCIDRs[0]);
  const kept = plan.subnets.filter((s) => s.type !== "PrivateIPv4");
  assert.deepEqual(
    spec.subnets.map((s: Doc) => [s.name, s.zone, s.type, s.cidr]),
    kept.map((s) => [s.name, s.zone, s.type, s.cidrBlock]),
  );
  for (const [i, s] of kept.entries()) {
    const k = spec.subnets[i];
    same(k.id, facts.subnetId(s.name), `${s.name} id`);
    if (s.ipv6 && !s.ipv6.cidrBlock && !facts.deployed)
      assert.equal(k.ipv6CIDR, `/${s.ipv6.prefixLength}#${s.ipv6.index.toString(16)}`, `${s.name} ipv6CIDR`);
    else same(k.ipv6CIDR, facts.subnetIpv6(s.name), `${s.name} ipv6CIDR`);
    const nat = natOf(s);
    if (s.public || !nat) assert.equal(k.egress, s.egress === "External" ? "External" : undefined);
    else same(k.egress, facts.natId(nat), `${s.name} egress`);
  }
  const cp = docs.filter((d) => d.kind === "InstanceGroup" && d.spec.role === "ControlPlane");
  assert.deepEqual(cp.map((g) => g.spec.subnets).flat(), plan.edge.controlPlaneSubnets, "a control-plane group each");
}

/** Cluster API's spec carries the ranges, the VPC and its gateways, each subnet by id and the load balancer's. */
export function capiRoundTrip(docs: Doc[], plan: NetworkPlan, facts: NetworkFacts): void {
  const [cluster, aws] = docs;
  assert.deepEqual(cluster.spec.clusterNetwork.pods.cidrBlocks, plan.kubernetes.podCIDRs);
  assert.deepEqual(cluster.spec.clusterNetwork.services.cidrBlocks, plan.kubernetes.serviceCIDRs);
  assert.equal(aws.spec.region, plan.region);
  const vpc = aws.spec.network.vpc;
  same(vpc.id, facts.vpcId, "vpc id");
  assert.equal(vpc.cidrBlock, plan.vpc.cidrBlock);
  same(vpc.internetGatewayId, facts.igw, "internet gateway");
  same(vpc.ipv6?.cidrBlock, facts.vpcIpv6, "VPC IPv6 block");
  same(vpc.ipv6?.egressOnlyInternetGatewayId, facts.eigw, "egress-only gateway");
  const subnets: Doc[] = aws.spec.network.subnets;
  assert.equal(subnets.length, plan.subnets.length);
  for (const [i, s] of plan.subnets.entries()) {
    const c = subnets[i];
    same(c.id, facts.subnetId(s.name), `${s.name} id`);
    assert.deepEqual(
      [c.availabilityZone, c.isPublic, c.isIpv6, c.cidrBlock],
      [s.zone, s.public, s.hasIpv6, s.cidrBlock],
    );
    same(c.ipv6CidrBlock, facts.subnetIpv6(s.name), `${s.name} IPv6 block`);
  }
  const lb = plan.edge.apiLoadBalancer;
  const cplb = aws.spec.controlPlaneLoadBalancer;
  assert.equal(cplb.scheme, lb?.scheme ?? "internet-facing");
  if (lb) lb.subnets.forEach((n, i) => same(cplb.subnets[i], facts.subnetId(n), `load balancer subnet ${n}`));
}

/** k0s' spec carries the ranges in k0s' fields, the node masks, the feature gate and the load balancer. */
export function k0sRoundTrip(docs: Doc[], plan: NetworkPlan, facts: NetworkFacts): void {
  const k = plan.kubernetes;
  const cfg = docs[0].spec.k0s.config.spec;
  const n = cfg.network;
  const pods = n.dualStack?.enabled ? [n.dualStack.IPv6podCIDR, n.podCIDR] : [n.podCIDR];
  const svcs = n.dualStack?.enabled ? [n.dualStack.IPv6serviceCIDR, n.serviceCIDR] : [n.serviceCIDR];
  const primaryFirst = (l: string[]) => (n.primaryAddressFamily === "IPv6" || l.length === 1 ? l : [...l].reverse());
  assert.deepEqual(primaryFirst(pods), k.podCIDRs, "pod ranges, primary first");
  assert.deepEqual(primaryFirst(svcs), k.serviceCIDRs, "service ranges, primary first");
  assert.equal(n.primaryAddressFamily, k.ipFamilies[0] === "ipv6" ? "IPv6" : "IPv4");
  const masks = cfg.controllerManager.extraArgs;
  if (k.perFamily.length === 1) assert.equal(masks["node-cidr-mask-size"], String(k.perFamily[0].nodeMaskSize));
  else for (const c of k.perFamily) assert.equal(masks[`node-cidr-mask-size-${c.family}`], String(c.nodeMaskSize));
  if (plan.edge.apiLoadBalancer) same(cfg.api.externalAddress, facts.lbDns, "externalAddress");
  const controllers = docs[0].spec.hosts.filter((h: Doc) => h.role === "controller");
  assert.equal(controllers.length, plan.edge.controlPlaneSubnets.length);
}

/** kubeadm's spec carries the ranges and the load balancer's endpoint. */
export function kubeadmRoundTrip(docs: Doc[], plan: NetworkPlan, facts: NetworkFacts): void {
  const c = docs.find((d) => d.kind === "ClusterConfiguration")!;
  assert.equal(c.networking.podSubnet, plan.kubernetes.podCIDRs.join(","));
  assert.equal(c.networking.serviceSubnet, plan.kubernetes.serviceCIDRs.join(","));
  if (plan.edge.apiLoadBalancer) {
    const [host, port] = [c.controlPlaneEndpoint.replace(/:\d+$/, ""), c.controlPlaneEndpoint.replace(/^.*:/, "")];
    same(host, facts.lbDns, "controlPlaneEndpoint");
    assert.equal(port, "6443");
  } else assert.equal(c.controlPlaneEndpoint, undefined);
}

/** Each installer's round trip. */
export const ROUND_TRIP: Record<Installer, (docs: Doc[], plan: NetworkPlan, facts: NetworkFacts) => void> = {
  kops: kopsRoundTrip,
  capi: capiRoundTrip,
  k0s: k0sRoundTrip,
  kubeadm: kubeadmRoundTrip,
};
