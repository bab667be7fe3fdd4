/**
 * The resource graph a diff compares: the program's registrations under mocks, or a state exported with
 * `pulumi stack export`, in one plain shape. References between resources (an input that holds another
 * resource's id or ARN) are rewritten to the resource they name, so that a baseline with AWS' real ids and a
 * run with the mocks' made-up ids compare by what they point at.
 */
import type { Inputs } from "./rules";

/** A resource of a graph the diff compares: a registration of a mock run, or a resource of an exported state. */
export interface GraphResource {
  /** Its URN. */
  urn: string;
  /** Its Pulumi type token. */
  type: string;
  /** A provider's resource (true) or a component (false; components are not compared). */
  custom: boolean;
  /** The `protect` option. */
  protect: boolean;
  /** URNs this resource was known by before (its aliases): a baseline resource at one of them is this one. */
  aliases: readonly string[];
  /** The inputs as the program gave them (or as the state recorded them). */
  inputs: Inputs;
  /** The provider id (AWS' id in a state; the mocks' stand-in in a run). */
  id?: string;
  /** Outputs, for the ARNs and names other resources' inputs use. */
  outputs?: Inputs;
  /** Inputs the provider filled with defaults (a state's `__defaults`): absent in the program, not a change. */
  defaults?: readonly string[];
}

/** A reference, after rewriting: the URN of the resource whose id/ARN/name the input held. */
export interface Ref {
  /** The URN of the resource referred to. */
  ref: string;
}

export const isRef = (v: unknown): v is Ref =>
  !!v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && "ref" in v;

/** The name a URN gives its resource (the last `::` part). */
export const nameOfUrn = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** The types whose output `name` other resources take as input (an IAM role is attached by name). */
const NAMED_BY_NAME = new Set(["aws:iam/role:Role", "aws:eks/cluster:Cluster"]);

/** What each value that identifies a resource (id, ARN, name where used as one) stands for: value -> URN. */
export function referenceTable(resources: readonly GraphResource[], canonical: (urn: string) => string) {
  const table = new Map<string, string>();
  for (const r of resources) {
    if (!r.custom) continue;
    const urn = canonical(r.urn);
    const add = (v: unknown) => {
      if (typeof v === "string" && v.length > 3) table.set(v, urn);
    };
    add(r.id);
    add(r.outputs?.arn);
    if (NAMED_BY_NAME.has(r.type)) add(r.outputs?.name);
  }
  return table;
}

/** A Pulumi secret as a state stores it: a signature key, then `ciphertext` or (`--show-secrets`) `plaintext`. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

/** The secret marker: a value whose content the baseline does not show (no `--show-secrets`). */
export const HIDDEN_SECRET = "[secret]";

/** Rewrites references, unwraps secrets; plain data out. */
export function normalize(value: unknown, refs: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") {
    const urn = refs.get(value);
    return urn === undefined ? value : ({ ref: urn } satisfies Ref);
  }
  if (Array.isArray(value)) return value.map((v) => normalize(v, refs));
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o[SECRET_SIG] === SECRET) {
      return typeof o.plaintext === "string" ? normalize(JSON.parse(o.plaintext), refs) : HIDDEN_SECRET;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = normalize(v, refs);
    return out;
  }
  return value;
}
