/**
 * Calling the policy pack's policies without the CLI or a PolicyPack (whose constructor starts a gRPC server):
 * arguments made here as the SDK makes them (`isType` by the class's Pulumi type, `notApplicable` that throws,
 * the properties behind the SDK's unknown-checking proxy), a report that collects, and records of a stack written by
 * hand or taken from a recorded offline graph.
 */
import type { PolicyResource, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import type { RecordedResource } from "../../components/offline/mock-runtime";
import { policies } from "../../policy/policies";
import { UNKNOWN, type PolicyRecord } from "../../policy/records";

/** What the SDK's proxy takes for a string unknown at preview (its sentinel; the engine's wire value). */
export const UNKNOWN_STRING = (require("@pulumi/policy/proxy") as { unknownStringValue: string }).unknownStringValue;

/** A violation as a policy reported it. */
export interface Reported {
  policy: string;
  message: string;
  urn?: string;
}

/** notApplicable, as the SDK's: it throws (a policy that does not apply stops there). */
export class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason);
};

/** `isType` as the SDK answers it: the class's Pulumi type is the resource's. */
const isTypeOf = (type: string) => (cls: unknown) => (cls as { __pulumiType?: string }).__pulumiType === type;

/** Properties as the SDK hands them over: UNKNOWN as the unknown sentinel, behind the unknown-checking proxy. */
function sentProps(props: Readonly<Record<string, unknown>>): Record<string, any> {
  const wire = (v: unknown): unknown =>
    v === UNKNOWN
      ? UNKNOWN_STRING
      : Array.isArray(v)
        ? v.map(wire)
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wire(x)]))
          : v;
  return unknownCheckingProxy(wire(props) as Record<string, unknown>);
}

const OPTS = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

/** A resource policy's arguments for one record. */
export function resourceArgs(r: PolicyRecord, config: object = {}): ResourceValidationArgs {
  const props = sentProps(r.props);
  return {
    type: r.type,
    props,
    urn: r.urn,
    name: r.name,
    opts: OPTS,
    stackTags: new Map(),
    isType: isTypeOf(r.type),
    asType: ((cls: unknown) => (isTypeOf(r.type)(cls) ? props : undefined)) as ResourceValidationArgs["asType"],
    getConfig: (() => config) as ResourceValidationArgs["getConfig"],
    notApplicable,
  };
}

/** A stack policy's arguments for a stack's records (dependencies resolved to the resources, as the SDK does). */
export function stackArgs(records: readonly PolicyRecord[], config: object = {}): StackValidationArgs {
  const resources: PolicyResource[] = records.map((r) => {
    const props = sentProps(r.props);
    return {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: OPTS,
      dependencies: [],
      propertyDependencies: {},
      isType: isTypeOf(r.type),
      asType: ((cls: unknown) => (isTypeOf(r.type)(cls) ? props : undefined)) as PolicyResource["asType"],
    };
  });
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  records.forEach((r, i) => {
    for (const [key, urns] of Object.entries(r.propertyDependencies ?? {}))
      resources[i].propertyDependencies[key] = urns.flatMap((u) => byUrn.get(u) ?? []);
  });
  return {
    resources,
    stackTags: new Map(),
    getConfig: (() => config) as StackValidationArgs["getConfig"],
    notApplicable,
  };
}

/**
 * Every policy of the pack run on a stack's records, as the engine would (each resource policy on each resource it
 * applies to, each stack policy once); `config` by policy name.
 */
export async function runPolicies(
  records: readonly PolicyRecord[],
  config: Record<string, object> = {},
): Promise<Reported[]> {
  const out: Reported[] = [];
  for (const p of policies) {
    const report = (message: string, urn?: string) => out.push({ policy: p.name, message, urn });
    if ("validateStack" in p) await p.validateStack(stackArgs(records, config[p.name]), report);
    else
      for (const r of records) {
        const validate = p.validateResource as (a: ResourceValidationArgs, rep: typeof report) => unknown;
        try {
          await validate(resourceArgs(r, config[p.name]), (m) => report(m, r.urn));
        } catch (e) {
          if (!(e instanceof NotApplicable)) throw e;
        }
      }
  }
  return out;
}

/** A recorded offline run's resources as policy records: their inputs, and where each came from. */
export function recordsOf(resources: readonly RecordedResource[]): PolicyRecord[] {
  return resources.map((r) => ({
    type: r.type,
    urn: r.urn,
    name: r.name,
    props: r.inputs,
    propertyDependencies: r.propertyDependencies,
  }));
}

/** Builds a stack's records by hand: each resource's URN from its type and name, references as at preview. */
export class Records {
  readonly all: PolicyRecord[] = [];

  /**
   * A resource; `refs` names, per property, the resources its value comes from (the property is UNKNOWN unless
   * `props` gives it, as a new resource's id is at preview).
   */
  add(type: string, name: string, props: Record<string, unknown> = {}, refs: Record<string, PolicyRecord[]> = {}) {
    const deps = Object.fromEntries(Object.entries(refs).map(([k, rs]) => [k, rs.map((x) => x.urn)]));
    const unknownRefs = Object.fromEntries(
      Object.keys(refs)
        .filter((k) => !(k in props))
        .map((k) => [k, UNKNOWN]),
    );
    const r: PolicyRecord = {
      type,
      urn: `urn:pulumi:test::guardrails::${type}::${name}`,
      name,
      props: { ...unknownRefs, ...props },
      propertyDependencies: deps,
    };
    this.all.push(r);
    return r;
  }
}
