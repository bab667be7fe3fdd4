/**
 * Running the real program offline and querying the resource graph it registered: by type and name,
 * resolving an id used as an input back to the resource it names, and dependency chains.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import {
  idFor,
  runOffline,
  type OfflineOptions,
  type OfflineRun,
  type RecordedResource,
} from "../../components/offline/mock-runtime";
import { parseStackFile, readStackFile } from "../../components/offline/stack-file";

// require, not import(): the transpile-only build keeps import() as an ES module load.
const program = require("../../program") as () => Promise<Record<string, unknown>>;

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  assoc: "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation",
  subnet: "aws:ec2/subnet:Subnet",
  igw: "aws:ec2/internetGateway:InternetGateway",
  eigw: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
  eip: "aws:ec2/eip:Eip",
  nat: "aws:ec2/natGateway:NatGateway",
  rt: "aws:ec2/routeTable:RouteTable",
  rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  route: "aws:ec2/route:Route",
  defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  component: "ipv6-cluster-network:network:DualStackVpc",
} as const;

/**
 * The program's one network is named `network` (components/library/program.ts): its resources are named
 * `network-<stable name>`. The tests speak of them by their stable names (a subnet's, `vpc`, `igw`, ...).
 */
export const PROGRAM_PREFIX = "network-";

/** The id the mocks give a resource of the program's network, by its stable name. */
export const idOf = (type: string, stable: string) => idFor(type, PROGRAM_PREFIX + stable);

/** A resource's stable name: its name without the program network's prefix. */
export const stableName = (name: string) =>
  name.startsWith(PROGRAM_PREFIX) ? name.slice(PROGRAM_PREFIX.length) : name;

export class Graph {
  readonly byUrn = new Map<string, RecordedResource>();
  readonly byId = new Map<string, RecordedResource>();
  constructor(readonly run: OfflineRun) {
    for (const r of run.resources) {
      this.byUrn.set(r.urn, r);
      if (r.custom) this.byId.set(idFor(r.type, r.name), r);
    }
  }
  get resources(): RecordedResource[] {
    return this.run.resources;
  }
  all(type: string): RecordedResource[] {
    return this.run.resources.filter((r) => r.type === type);
  }
  /** A resource by type and name: its own name, or its stable name in the program's network. */
  find(type: string, name: string): RecordedResource | undefined {
    const named = (n: string) => this.run.resources.find((r) => r.type === type && r.name === n);
    return named(name) ?? named(PROGRAM_PREFIX + name);
  }
  get(type: string, name: string): RecordedResource {
    const r = this.find(type, name);
    assert.ok(
      r,
      `no ${type} named ${name}; have ${this.all(type)
        .map((x) => x.name)
        .join(", ")}`,
    );
    return r;
  }
  /** The resource an id input names (ids the mocks gave), or undefined for ids of things that exist already. */
  resolve(id: string | undefined): RecordedResource | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }
  /** Routes of a subnet, as `destination -> target`, the target by resource name or by literal id. */
  routesOf(subnet: string): string[] {
    const rt = this.get(T.rt, subnet);
    const rtId = idFor(rt.type, rt.name);
    return this.all(T.route)
      .filter((r) => r.inputs.routeTableId === rtId)
      .map((r) => {
        const dest = r.inputs.destinationCidrBlock ?? r.inputs.destinationIpv6CidrBlock;
        const targetId =
          r.inputs.gatewayId ??
          r.inputs.egressOnlyGatewayId ??
          r.inputs.natGatewayId ??
          r.inputs.transitGatewayId ??
          r.inputs.carrierGatewayId;
        const target = this.resolve(targetId);
        return `${dest} -> ${target ? `${target.type.split(":").pop()}:${stableName(target.name)}` : targetId}`;
      })
      .sort();
  }
  /** Direct dependencies of a resource (as recorded: what the engine waits for). */
  deps(r: RecordedResource): RecordedResource[] {
    return r.dependencies.map((u) => {
      const d = this.byUrn.get(u);
      assert.ok(d, `${r.name} depends on an unregistered ${u}`);
      return d;
    });
  }
}

/**
 * What each custom resource waits for, as the engine sees it: its recorded dependencies, a dependency on a
 * component standing for all the custom resources under it.
 */
export function waitsFor(g: Graph): (r: RecordedResource) => RecordedResource[] {
  const children = new Map<string, RecordedResource[]>();
  for (const r of g.resources) {
    const list = children.get(r.parent) ?? [];
    list.push(r);
    children.set(r.parent, list);
  }
  const customsUnder = (urn: string): RecordedResource[] =>
    (children.get(urn) ?? []).flatMap((c) => (c.custom ? [c, ...customsUnder(c.urn)] : customsUnder(c.urn)));
  return (r: RecordedResource): RecordedResource[] => g.deps(r).flatMap((d) => (d.custom ? [d] : customsUnder(d.urn)));
}

/** Everything a resource waits for, directly or not (itself excluded); `deps` as waitsFor(g) gives it. */
export function waitsForAll(
  deps: (r: RecordedResource) => RecordedResource[],
  r: RecordedResource,
): Set<RecordedResource> {
  const seen = new Set<RecordedResource>();
  const visit = (n: RecordedResource) => {
    for (const d of deps(n)) {
      if (seen.has(d)) continue;
      seen.add(d);
      visit(d);
    }
  };
  visit(r);
  return seen;
}

export function stackFileText(text: string, stack = "inline") {
  return parseStackFile(text, stack, `config/Pulumi.${stack}.yaml`);
}

export async function runStack(stack: string, options?: OfflineOptions): Promise<Graph> {
  const file = readStackFile(stack, join(__dirname, "..", "..", "..", "config"));
  assert.deepEqual(file.findings, []);
  return new Graph(await runOffline(file, program, options));
}

export async function runText(text: string, options?: OfflineOptions): Promise<Graph> {
  const file = stackFileText(text);
  assert.deepEqual(file.findings, []);
  return new Graph(await runOffline(file, program, options));
}

/** Runs a stack that must be refused; returns the program's error message. */
export async function refusal(text: string): Promise<string> {
  const file = stackFileText(text);
  try {
    await runOffline(file, program);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail("the program accepted a config it should refuse");
}

/**
 * Longest dependency chain of a DAG, counted in resources. `deps(n)` lists what n waits for. Returns
 * one longest chain (first to last) and the depth of every node.
 */
export function longestChain<N>(
  nodes: readonly N[],
  deps: (n: N) => readonly N[],
): { chain: N[]; depth: Map<N, number> } {
  const depth = new Map<N, number>();
  const via = new Map<N, N | undefined>();
  const visiting = new Set<N>();
  const visit = (n: N): number => {
    const known = depth.get(n);
    if (known !== undefined) return known;
    if (visiting.has(n)) throw new Error("dependency cycle");
    visiting.add(n);
    let best = 0;
    let from: N | undefined;
    for (const d of deps(n)) {
      const v = visit(d);
      if (v > best) {
        best = v;
        from = d;
      }
    }
    visiting.delete(n);
    depth.set(n, best + 1);
    via.set(n, from);
    return best + 1;
  };
  let end: N | undefined;
  for (const n of nodes) {
    const d = visit(n);
    if (end === undefined || d > depth.get(end)!) end = n;
  }
  const chain: N[] = [];
  for (let n = end; n !== undefined; n = via.get(n)) chain.unshift(n);
  return { chain, depth };
}

/**
 * The custom resources of a run without their network's name, sorted: type, stable name, and inputs in which
 * the ids and ARNs the mocks made from resource names (`vpc-network-vpc`, `.../net/network-api-lb/...`) say
 * `<network>` instead. Two networks built from the same config under different names give the same list.
 */
export function customShapes(run: { resources: readonly RecordedResource[] }, prefix: string): string[] {
  const ids = new RegExp(`("[a-z0-9]+-|/)${prefix}`, "g");
  return run.resources
    .filter((r) => r.custom)
    .map((r) => {
      const inputs = JSON.stringify(r.inputs ?? null).replace(ids, "$1<network>-");
      return `${r.type} ${r.name.replace(prefix, "<network>-")} ${inputs}`;
    })
    .sort();
}
