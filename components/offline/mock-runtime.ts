/**
 * Runs the real program offline under Pulumi's mock runtime: no CLI, no engine, no AWS. Data sources are
 * answered from the offline facts of the stack file (see `invokeHandlers`), resources get deterministic ids, and every
 * registration is recorded with its type, inputs, parent, dependencies and protect flag: the resource
 * graph a user would get, for the plan command and the tests.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { formatBlock, parseCidr } from "../core/ip";
import { PROJECT } from "../core/parse";
import type { Facts } from "../core/types";
import { offlineFacts, type StackFile } from "./stack-file";

export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  parent: string;
  dependencies: string[];
  /**
   * Per input property, the URNs of the resources its value came from (the engine's property dependencies, what a
   * policy pack's stack validation sees as `propertyDependencies`): how a resource refers to another before ids exist.
   */
  propertyDependencies: Record<string, string[]>;
  protect: boolean;
  custom: boolean;
  /** Provider reference (`urn::id`) of a custom resource, explicit or inherited from its parent. */
  provider: string;
  /** The URNs its aliases name, formed as the engine forms URNs (see aliasUrns). */
  aliases: string[];
  inputs: Record<string, any>;
  /** The id the mocks gave a custom resource (idFor), and the state they answered with (for references). */
  id?: string;
  outputs?: Record<string, any>;
}

export interface OfflineRun {
  resources: RecordedResource[];
  outputs: Record<string, any>;
  invokes: { token: string; args: Record<string, any> }[];
  /** What the program logged through pulumi.log (without an engine the SDK would print it to the console). */
  logs: string[];
}

/** The documentation prefix stands in for blocks AWS assigns at deployment (RFC 3849). */
const EXAMPLE_IPV6 = parseCidr("2001:db8:1234:5600::/56", "ipv6");
export function exampleIpv6Block(len: number): string {
  if (!EXAMPLE_IPV6.ok) throw new Error("unreachable");
  const host = BigInt(128 - len);
  return formatBlock({ family: "ipv6", start: (EXAMPLE_IPV6.block.start >> host) << host, len });
}

/**
 * What the mocks know: the stack file, and the facts the offline readers assume of it (offlineFacts, the
 * one definition `config:check` and the plan's fast path use too), so the program under mocks plans with
 * the same facts. Where those leave a value to AWS, the answer is a stand-in named as such.
 */
type Ctx = { file: StackFile; facts: Facts };

/** What the provider says when it has no region (it cannot sign a request without one). */
const NO_REGION =
  "Missing required configuration 'aws:region' (no region in the stack, AWS_REGION or AWS_DEFAULT_REGION)";
function regionOf(ctx: Ctx): string {
  if (ctx.facts.region === undefined) throw new Error(NO_REGION);
  return ctx.facts.region;
}

/** Answers to the data sources the program calls, by token, from the offline facts. Tests replace some. */
export const invokeHandlers: Record<string, (args: Record<string, any>, ctx: Ctx) => Record<string, any>> = {
  "aws:index/getRegion:getRegion": (_a, ctx) => {
    const region = regionOf(ctx);
    return { id: region, name: region, region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
  },
  "aws:index/getAvailabilityZones:getAvailabilityZones": (_a, ctx) => {
    const region = regionOf(ctx);
    const names = [...ctx.facts.standardZones];
    // Zone ids are each account's mapping: offline, only the ones the facts know (none, unless a test gives them).
    const zoneIds = names.map((n) => ctx.facts.zoneIds?.[n] ?? "");
    return { id: region, names, zoneIds, groupNames: names.map(() => region) };
  },
  "aws:ec2/getVpc:getVpc": (args, { facts }) => {
    const vpc = facts.existingVpc;
    if (!vpc || vpc.id !== args.id) throw new Error(`no matching EC2 VPC found (${args.id})`);
    const ipv6 = vpc.ipv6CidrBlock ?? "";
    return {
      id: vpc.id,
      cidrBlock: vpc.cidrBlock,
      ipv6CidrBlock: ipv6,
      ipv6AssociationId: ipv6 ? "vpc-cidr-assoc-existing" : "",
    };
  },
  // The gateway attached to an existing VPC is AWS' to say (the offline facts leave it to the lookup): the
  // stack file's vpc.internetGatewayId when it names one (so the check that it is the attached one passes),
  // else a stand-in id.
  "aws:ec2/getInternetGateway:getInternetGateway": (args, { file }) => {
    const vpc = file.values.vpc as { internetGatewayId?: string } | undefined;
    const vpcId = args.filters?.[0]?.values?.[0] ?? "vpc";
    const id = vpc?.internetGatewayId ?? `igw-attached-to-${vpcId}`;
    return { id, internetGatewayId: id, attachments: [{ state: "available", vpcId }] };
  },
  "aws:ec2/getSubnet:getSubnet": (args) => ({ id: args.id, cidrBlock: "", ipv6CidrBlock: "" }),
  // Zone types as the offline facts have them (AWS' naming); unknown names get no type, so they are not judged.
  "aws:index/getAvailabilityZone:getAvailabilityZone": (args, ctx) => {
    regionOf(ctx);
    const zoneType = ctx.facts.zoneTypes?.[args.name] ?? "";
    const parentZoneName = ctx.facts.zoneParents?.[args.name] ?? "";
    return { id: args.name, name: args.name, zoneType, parentZoneName, zoneId: ctx.facts.zoneIds?.[args.name] ?? "" };
  },
  // No instance-type data offline: the answer carries no ipv6Supported, so the check says "not checked".
  "aws:ec2/getInstanceType:getInstanceType": (args) => ({ id: args.instanceType, instanceType: args.instanceType }),
  // No endpoint-service data offline: the answer carries no supportedIpAddressTypes, so the check says "not checked".
  "aws:ec2/getVpcEndpointService:getVpcEndpointService": (args, ctx) => {
    const serviceName = `com.amazonaws.${regionOf(ctx)}.${args.service}`;
    return { id: serviceName, serviceName, service: args.service, serviceType: args.serviceType };
  },
  // The partition follows from the region's name, as AWS' partitions are laid out (China cn-*, GovCloud us-gov-*).
  "aws:index/getPartition:getPartition": (_a, ctx) => {
    const region = regionOf(ctx);
    const [partition, dnsSuffix] = region.startsWith("cn-")
      ? ["aws-cn", "amazonaws.com.cn"]
      : region.startsWith("us-gov-")
        ? ["aws-us-gov", "amazonaws.com"]
        : ["aws", "amazonaws.com"];
    return { id: partition, partition, dnsSuffix, reverseDnsPrefix: dnsSuffix.split(".").reverse().join(".") };
  },
};

/** The id the mocks give a resource: `<type in lower case>-<name>`, e.g. `natgateway-us-east-1a-nat`. */
export function idFor(type: string, name: string): string {
  return `${type.split(":").pop()!.toLowerCase()}-${name}`;
}

/**
 * The account every offline ARN names: AWS' documentation example account, never a real one. The partition of
 * these stand-ins is `aws` (the mocks' ARNs are read for their shape, not matched against policies).
 */
const OFFLINE_ACCOUNT = "123456789012";

/** 32 upper-case hex digits derived from a name: the shape of EKS' endpoint and OIDC ids, made up offline. */
const hex32 = (name: string) => createHash("sha256").update(name).digest("hex").slice(0, 32).toUpperCase();

/**
 * What EKS fills in for a cluster, made up offline in the shapes AWS reports: the API endpoint
 * (`https://<id>.gr7.<region>.eks.amazonaws.com`), an OIDC issuer, a certificate authority (not a certificate:
 * base64 of a placeholder), the cluster security group and the service range. The mocks apply no auto-naming: the
 * resource name stands in for a generated cluster name.
 */
function eksClusterState(name: string, inputs: Record<string, any>, region: string): Record<string, any> {
  const clusterName = inputs.name ?? name;
  const id = hex32(clusterName);
  return {
    name: clusterName,
    arn: `arn:aws:eks:${region}:${OFFLINE_ACCOUNT}:cluster/${clusterName}`,
    endpoint: `https://${id}.gr7.${region}.eks.amazonaws.com`,
    certificateAuthority: { data: Buffer.from(`offline stand-in CA of ${clusterName}`).toString("base64") },
    identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${id}` }] }],
    status: "ACTIVE",
    // Made up: EKS chooses the range from fc00::/7 at creation, and the docs read state no prefix length.
    kubernetesNetworkConfig: { ...inputs.kubernetesNetworkConfig, serviceIpv6Cidr: "fd00:1234:5678::/108" },
    vpcConfig: { ...inputs.vpcConfig, clusterSecurityGroupId: `sg-eks-cluster-${clusterName}` },
  };
}

/** Computed attributes a real deployment would fill in (EKS and IAM ones made up offline, in AWS' shapes). */
function computedState(
  type: string,
  name: string,
  inputs: Record<string, any>,
  assigned: (len: number) => string,
  region: string,
): Record<string, any> {
  const arn = (service: string, resource: string, where = region) =>
    `arn:aws:${service}:${where}:${OFFLINE_ACCOUNT}:${resource}`;
  switch (type) {
    case "aws:ec2/vpc:Vpc":
      if (inputs.assignGeneratedIpv6CidrBlock) return { ipv6CidrBlock: assigned(56) };
      if (inputs.ipv6IpamPoolId) return { ipv6CidrBlock: assigned(inputs.ipv6NetmaskLength ?? 56) };
      return { ipv6CidrBlock: "" };
    case "aws:lb/loadBalancer:LoadBalancer":
      // Shaped like AWS' names; the account part is made up (offline).
      // (The mocks apply no auto-naming: the resource name stands in for the generated one.)
      return {
        dnsName: `${name}-0123456789abcdef.elb.amazonaws.com`,
        arn: `arn:aws:elasticloadbalancing:::loadbalancer/net/${name}/0123456789abcdef`,
      };
    case "aws:lb/targetGroup:TargetGroup":
      return { arn: `arn:aws:elasticloadbalancing:::targetgroup/${name}/0123456789abcdef` };
    case "aws:ec2/subnet:Subnet":
      return { cidrBlock: inputs.cidrBlock ?? "", ipv6CidrBlock: inputs.ipv6CidrBlock ?? "" };
    case "aws:eks/cluster:Cluster":
      return eksClusterState(name, inputs, region);
    case "aws:iam/role:Role":
      return { name, arn: arn("iam", `role/${name}`, "") };
    case "aws:iam/policy:Policy":
      return { name, arn: arn("iam", `policy/${name}`, "") };
    case "aws:iam/openIdConnectProvider:OpenIdConnectProvider":
      return { arn: arn("iam", `oidc-provider/${String(inputs.url ?? "").replace(/^https:\/\//, "")}`, "") };
    case "aws:eks/nodeGroup:NodeGroup":
      return { arn: arn("eks", `nodegroup/${inputs.clusterName}/${inputs.nodeGroupName}/offline`), status: "ACTIVE" };
    case "aws:ec2/launchTemplate:LaunchTemplate":
      return { latestVersion: 1, defaultVersion: 1, arn: arn("ec2", `launch-template/${idFor(type, name)}`) };
    case "aws:eks/addon:Addon":
      return { arn: arn("eks", `addon/${inputs.clusterName}/${inputs.addonName}/offline`) };
    case "aws:eks/accessEntry:AccessEntry":
      return { accessEntryArn: arn("eks", `access-entry/${inputs.clusterName}/offline`) };
    case "aws:eks/fargateProfile:FargateProfile":
      return { arn: arn("eks", `fargateprofile/${inputs.clusterName}/${name}/offline`), status: "ACTIVE" };
    default:
      return {};
  }
}

function configStrings(file: StackFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(file.all)) out[k] = typeof v === "string" ? v : JSON.stringify(v);
  return out;
}

/**
 * Runs `program` as a Pulumi stack under mocks with the stack file's config. Throws what the program
 * throws (e.g. a RunError listing config problems).
 */
export interface OfflineOptions {
  /**
   * The IPv6 block AWS "assigns" to a new VPC (Amazon-provided or IPAM), as a function of its prefix
   * length. Default: inside the documentation prefix 2001:db8:1234:5600::/56.
   */
  assignedIpv6Block?: (prefixLength: number) => string;
  /**
   * What a deployment already gave a resource, by type and name (e.g. from a `pulumi stack export`): its id and the
   * outputs the provider computed. The mocks answer with them instead of stand-ins, so that values derived from
   * them (a subnet's /64 from the VPC's block, an OIDC issuer in a trust policy) are the deployed ones.
   */
  deployed?: (type: string, name: string) => { id?: string; outputs?: Record<string, unknown> } | undefined;
}

/** What a run collects: every registration (inputs attached as they are registered), invoke and log line. */
interface Recorder {
  resources: RecordedResource[];
  invokes: OfflineRun["invokes"];
  logs: string[];
  /** The registration in progress: the mock monitor answers it synchronously, with its inputs. */
  current?: RecordedResource;
}

/** Mocks that answer data sources from the offline facts and give resources deterministic ids and state. */
function mocks(ctx: Ctx, rec: Recorder, assigned: (len: number) => string, o: OfflineOptions): pulumi.runtime.Mocks {
  return {
    newResource: (args) => {
      const region = ctx.facts.region ?? "";
      const known = o.deployed?.(args.type, args.name);
      // Only what the provider computed is taken from a deployment: the inputs are the program's.
      const computed = Object.fromEntries(Object.entries(known?.outputs ?? {}).filter(([k]) => !(k in args.inputs)));
      const stand = computedState(args.type, args.name, args.inputs, assigned, region);
      const state = { ...args.inputs, ...stand, ...computed };
      const id = known?.id ?? idFor(args.type, args.name);
      if (rec.current) Object.assign(rec.current, { inputs: args.inputs, id, outputs: state });
      return { id, state };
    },
    call: (args) => {
      rec.invokes.push({ token: args.token, args: args.inputs });
      const handler = invokeHandlers[args.token];
      if (!handler) throw new Error(`offline plan: no answer for data source ${args.token}`);
      return handler(args.inputs, ctx);
    },
  };
}

/**
 * The URNs a registration's aliases name: an alias given as a URN as it is; an alias spec (name, type, parent)
 * completed with the resource's own name, type and parent, as the engine does. Like the engine (and unlike the
 * mock monitor), a child of the stack has no `pulumi:pulumi:Stack$` in its type chain.
 */
function aliasUrns(req: any): string[] {
  const stack = pulumi.getStack();
  const project = pulumi.getProject();
  return req.getAliasesList().map((a: any) => {
    if (a.getUrn()) return a.getUrn();
    const spec = a.getSpec();
    const parent: string = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent();
    const chain = parent ? parent.split("::")[2].replace(/^pulumi:pulumi:Stack(\$|$)/, "") : "";
    const type = `${chain ? `${chain}$` : ""}${spec.getType() || req.getType()}`;
    const where = `${spec.getStack() || stack}::${spec.getProject() || project}`;
    return `urn:pulumi:${where}::${type}::${spec.getName() || req.getName()}`;
  });
}

/** A registration's property dependencies, by input property (properties without any are left out). */
function propertyDependenciesOf(req: any): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, deps] of req.getPropertydependenciesMap().entries()) {
    const urns: string[] = deps.getUrnsList();
    if (urns.length) out[key] = urns;
  }
  return out;
}

/**
 * Records what the engine would see. The mock monitor calls newResource synchronously from
 * registerResource with the inputs it already deserialized, so they are attached to the record being
 * registered instead of being deserialized a second time.
 */
function recordRegistrations(rec: Recorder): void {
  const monitor = pulumi.runtime.getMonitor() as any;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, cb: (err: unknown, resp: any) => void) => {
    const record: RecordedResource = {
      urn: "",
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent(),
      dependencies: req.getDependenciesList(),
      propertyDependencies: propertyDependenciesOf(req),
      protect: req.getProtect() ?? false,
      custom: req.getCustom(),
      provider: req.getProvider() ?? "",
      aliases: aliasUrns(req),
      inputs: {},
    };
    rec.current = record;
    register(req, (err: unknown, resp: any) => {
      if (!err) {
        record.urn = resp.getUrn();
        rec.resources.push(record);
      }
      cb(err, resp);
    });
    rec.current = undefined;
  };
}

/**
 * Without an engine, pulumi.log prints to the console: collect it instead (the callers show the plan's
 * warnings themselves). Returns the function that puts the console back.
 */
function captureLogs(logs: string[]): () => void {
  const { warn, error } = console;
  const capture =
    (fallback: typeof console.warn) =>
    (...a: unknown[]) => {
      const line = a.map(String).join(" ");
      if (/^(warning|error|info): \[runtime\] /.test(line)) logs.push(line.replace(" [runtime]", ""));
      else fallback(...a);
    };
  console.warn = capture(warn);
  console.error = capture(error);
  return () => Object.assign(console, { warn, error });
}

export async function runOffline(
  file: StackFile,
  program: () => Promise<Record<string, unknown>>,
  options: OfflineOptions = {},
): Promise<OfflineRun> {
  const ctx: Ctx = { file, facts: offlineFacts(file) };
  const rec: Recorder = { resources: [], invokes: [], logs: [] };
  await pulumi.runtime.setMocks(
    mocks(ctx, rec, options.assignedIpv6Block ?? exampleIpv6Block, options),
    PROJECT,
    file.stack,
    false,
  );
  const all = configStrings(file);
  if (!all["aws:region"] && ctx.facts.region) all["aws:region"] = ctx.facts.region;
  pulumi.runtime.setAllConfig(all, file.secretKeys);
  recordRegistrations(rec);
  const restore = captureLogs(rec.logs);
  try {
    const outputs = (await pulumi.runtime.runInPulumiStack(program)) ?? {};
    // Exported at run time though absent from the typings: waits until every registration has answered.
    await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
    return { resources: rec.resources, outputs, invokes: rec.invokes, logs: rec.logs };
  } finally {
    restore();
  }
}
