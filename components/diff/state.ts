/**
 * Reading a state written by `pulumi stack export`: the checkpoint format Pulumi documents as
 * `apitype.UntypedDeployment` ({ version, deployment }) with a version-3 deployment
 * (pulumi/pulumi sdk/go/common/apitype/core.go: DeploymentV3, ResourceV3: urn, custom, delete, id, type, inputs,
 * outputs, parent, protect, external, dependencies, provider, aliases). The diff compares against the inputs
 * the state recorded; a resource pending deletion (`delete`) or only read (`external`) is not managed.
 */
import { finding, type Finding } from "../core/findings";
import { nameOfUrn, type GraphResource } from "./graph";
import type { Inputs } from "./rules";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);

/** The stack and project a URN names (`urn:pulumi:STACK::PROJECT::TYPE::NAME`). */
export function stackOfUrn(urn: string): { stack: string; project: string } | undefined {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
  return m ? { stack: m[1], project: m[2] } : undefined;
}

function resourceOf(r: Json): GraphResource {
  const inputs = isObject(r.inputs) ? r.inputs : {};
  const defaults = Array.isArray(inputs.__defaults) ? inputs.__defaults.filter((d) => typeof d === "string") : [];
  return {
    urn: String(r.urn),
    type: String(r.type ?? ""),
    custom: r.custom === true,
    protect: r.protect === true,
    aliases: Array.isArray(r.aliases) ? r.aliases.filter((a): a is string => typeof a === "string") : [],
    inputs,
    id: typeof r.id === "string" ? r.id : undefined,
    outputs: isObject(r.outputs) ? r.outputs : {},
    defaults,
  };
}

/**
 * What a deployment gave each resource, by type and name (the last part of its URN): its id and outputs. The stack
 * as it is now is declared with them (the mock runtime's `deployed` option), so that what derives from them (every
 * subnet's /64 from the VPC's Amazon-provided block, rules naming that block, an OIDC issuer) is what AWS gave, not
 * a stand-in that would make every such input look changed.
 */
export function deployedValues(
  resources: readonly GraphResource[],
): (type: string, name: string) => { id?: string; outputs?: Inputs } | undefined {
  const byKey = new Map(resources.filter((r) => r.custom).map((r) => [`${r.type}::${nameOfUrn(r.urn)}`, r]));
  return (type, name) => {
    const r = byKey.get(`${type}::${name}`);
    return r ? { id: r.id, outputs: r.outputs } : undefined;
  };
}

/** The managed resources of an exported state, or why it is not one. `stack`/`project`: the stack compared. */
export function graphFromState(
  doc: unknown,
  stack: string,
  project: string,
): { resources: GraphResource[]; findings: [] } | { resources?: undefined; findings: Finding[] } {
  const bad = (detail: string) => ({
    findings: [finding("BASELINE_STATE_INVALID", "--against", undefined, { detail })],
  });
  if (!isObject(doc) || !isObject(doc.deployment))
    return bad("no deployment object (expected { version, deployment })");
  if (doc.version !== 3) return bad(`deployment version ${String(doc.version)}; this reader knows version 3`);
  const list = doc.deployment.resources ?? [];
  if (!Array.isArray(list)) return bad("deployment.resources is not a list");
  const raw = list.filter(isObject);
  if (raw.some((r) => typeof r.urn !== "string" || typeof r.type !== "string"))
    return bad("a resource without urn or type");
  const managed = raw.filter((r) => r.delete !== true && r.external !== true).map(resourceOf);
  const owners = new Set(managed.map((r) => stackOfUrn(r.urn)).map((o) => (o ? `${o.stack}::${o.project}` : "?")));
  if (managed.length && !owners.has(`${stack}::${project}`)) {
    const found = [...owners].join(", ");
    return { findings: [finding("BASELINE_OTHER_STACK", "--against", undefined, { stack, project, found })] };
  }
  return { resources: managed, findings: [] };
}
