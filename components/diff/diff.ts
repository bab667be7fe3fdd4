/**
 * What deploying `after` over `before` would do, per resource: create, update (which inputs, old -> new),
 * replace (which input forces it, by the provider's rule in rules.ts), delete; and which of those a
 * `protect`ed resource blocks. Resources are matched by URN, a resource's aliases included, as the engine
 * matches them. A replaced resource gets a new id, so every input that refers to it changes too: the
 * replacement cascades (a replaced subnet replaces its route-table association and NAT gateway) until
 * nothing more changes, as a preview would show it.
 */
import { HIDDEN_SECRET, isRef, nameOfUrn, normalize, referenceTable, type GraphResource } from "./graph";
import { ruleOf, type Inputs } from "./rules";

/** What a deployment does to a resource. */
export type Action = "create" | "update" | "replace" | "delete";

/** One input that differs between the baseline and the stack as it is. */
export interface InputChange {
  /** The input, a dotted path for a nested one that forces a replacement (`kubernetesNetworkConfig.ipFamily`). */
  input: string;
  /** The baseline's value (a reference to another resource is `{ ref: URN }`). */
  before: unknown;
  /** The value now. */
  after: unknown;
  /** Why this change replaces the resource (the provider's rule), when it does. */
  replaces?: string;
  /** Where the rule was read. */
  source?: string;
  /** An in-place change worth knowing about (the provider's note). */
  note?: string;
  /** A reference whose target is replaced: the value is only known after the deployment. */
  knownAfter?: boolean;
}

/** What a deployment does to one resource, and why. */
export interface ResourceChange {
  /** Create, update, replace or delete. */
  action: Action;
  /** The URN after the change (the baseline's for a delete). */
  urn: string;
  /** The baseline's URN when the resource was matched through an alias. */
  previousUrn?: string;
  /** The Pulumi type token, e.g. `aws:ec2/subnet:Subnet`. */
  type: string;
  /** The resource's name (the last part of its URN). */
  name: string;
  /** Changed inputs (update and replace). */
  changes: InputChange[];
  /** Replace or delete of a resource the state protects: the engine refuses the whole deployment. */
  blockedByProtect: boolean;
  /** No rule is known for the type: every change is taken as an update. */
  unknownType?: boolean;
}

/** A resource whose `protect` option is turned on or off. */
export interface ProtectChange {
  /** The resource's URN now. */
  urn: string;
  /** Its type token. */
  type: string;
  /** Its name. */
  name: string;
  /** Protected in the baseline. */
  before: boolean;
  /** Protected now. */
  after: boolean;
}

/** What deploying one resource graph over another does: the diff `plan --against` prints. */
export interface GraphDiff {
  /** Every resource created, updated, replaced or deleted: replacements first, then deletes, creates, updates. */
  changes: ResourceChange[];
  /** `protect` turned on or off: no AWS change, the engine records it. */
  protect: ProtectChange[];
  /** How many resources stay as they are. */
  unchanged: number;
  /** Inputs the baseline holds only encrypted (no `--show-secrets`): not compared. */
  hiddenSecrets: { urn: string; input: string }[];
}

/** Inputs whose list order matters to the provider (TypeList); every other list is a set. */
const ORDERED = new Set(["instanceTypes"]);

type Ctx = { replaced: ReadonlySet<string> };

/** A canonical text of a value for equality: set-like lists sorted, absent = null, replaced refs marked. */
function canon(v: unknown, ctx: Ctx | undefined, key = ""): string {
  // An input left out and one set to its zero value are the same to the provider (Terraform's defaults).
  if (v === undefined || v === null || v === false || v === "") return "null";
  if (Array.isArray(v) && v.length === 0) return "null";
  if (isRef(v)) return JSON.stringify({ ref: v.ref, renewed: ctx?.replaced.has(v.ref) ?? false });
  if (Array.isArray(v)) {
    const items = v.map((x) => canon(x, ctx));
    return `[${(ORDERED.has(key) ? items : items.sort()).join(",")}]`;
  }
  if (typeof v === "object") {
    const entries = Object.entries(v as Inputs)
      .filter(([k, x]) => canon(x, ctx, k) !== "null")
      .sort(([a], [b]) => a.localeCompare(b));
    if (!entries.length) return "null";
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canon(x, ctx, k)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** The value at a dotted path. */
function at(inputs: Inputs, path: string): unknown {
  let v: unknown = inputs;
  for (const part of path.split(".")) v = v && typeof v === "object" ? (v as Inputs)[part] : undefined;
  return v;
}

/** Whether an input differs; the baseline's side is never "renewed" (its refs are to what exists). */
const differs = (before: unknown, after: unknown, ctx: Ctx, key: string) =>
  canon(before, undefined, key) !== canon(after, ctx, key);

/** Whether a value holds a reference to a resource being replaced. */
function refersToReplaced(v: unknown, ctx: Ctx): boolean {
  if (isRef(v)) return ctx.replaced.has(v.ref);
  if (Array.isArray(v)) return v.some((x) => refersToReplaced(x, ctx));
  if (v && typeof v === "object") return Object.values(v).some((x) => refersToReplaced(x, ctx));
  return false;
}

interface Pair {
  before: GraphResource;
  after: GraphResource;
  beforeInputs: Inputs;
  afterInputs: Inputs;
}

/** The changed inputs of a matched pair, each judged by the type's rule. */
function inputChanges(p: Pair, ctx: Ctx, hidden: GraphDiff["hiddenSecrets"]): InputChange[] {
  const rule = ruleOf(p.after.type);
  const defaults = new Set(p.before.defaults ?? []);
  const keys = new Set([...Object.keys(p.beforeInputs), ...Object.keys(p.afterInputs)]);
  const out: InputChange[] = [];
  for (const key of [...keys].sort()) {
    if (key.startsWith("__")) continue;
    const before = p.beforeInputs[key];
    const after = p.afterInputs[key];
    if (after === undefined && defaults.has(key)) continue;
    if (before === HIDDEN_SECRET || after === HIDDEN_SECRET) {
      hidden.push({ urn: p.after.urn, input: key });
      continue;
    }
    if (!differs(before, after, ctx, key)) continue;
    const nested = rule?.forceNew.filter((f) => f.startsWith(`${key}.`)) ?? [];
    const forced = nested.filter((f) => differs(at(p.beforeInputs, f), at(p.afterInputs, f), ctx, f));
    for (const f of forced) {
      const why = `${f} cannot change in place`;
      out.push({
        input: f,
        before: at(p.beforeInputs, f),
        after: at(p.afterInputs, f),
        replaces: why,
        source: rule?.source,
      });
    }
    if (forced.length) continue;
    out.push(judge(key, before, after, p, ctx));
  }
  return out;
}

/** One changed top-level input: a replacement by the rule, or an update (with the rule's note). */
function judge(key: string, before: unknown, after: unknown, p: Pair, ctx: Ctx): InputChange {
  const rule = ruleOf(p.after.type);
  const knownAfter = refersToReplaced(after, ctx) || undefined;
  const change: InputChange = { input: key, before, after, ...(knownAfter ? { knownAfter } : {}) };
  if (rule?.forceNew.includes(key))
    return { ...change, replaces: `${key} cannot change in place`, source: rule.source };
  const cond = rule?.conditional?.find((c) => c.input === key && c.when(p.beforeInputs, p.afterInputs));
  if (cond) return { ...change, replaces: cond.why, source: cond.source };
  const note = rule?.notes?.[key];
  return note ? { ...change, note } : change;
}

/** Pairs each resource of `after` with the baseline's resource at its URN or one of its aliases. */
function match(before: readonly GraphResource[], after: readonly GraphResource[]) {
  const byUrn = new Map(before.map((r) => [r.urn, r]));
  const taken = new Set<string>();
  const partner = new Map<string, GraphResource>();
  for (const r of after) {
    const hit = [r.urn, ...r.aliases].find((u) => byUrn.has(u) && !taken.has(u));
    if (hit === undefined) continue;
    taken.add(hit);
    partner.set(r.urn, byUrn.get(hit)!);
  }
  return { partner, taken };
}

/** Resources a deployment manages: custom ones, without providers (the engine's default providers differ). */
const managed = (rs: readonly GraphResource[]) => rs.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));

/** The diff of two graphs: `before` (the baseline) and `after` (the config as it is now). */
export function diffGraphs(beforeAll: readonly GraphResource[], afterAll: readonly GraphResource[]): GraphDiff {
  const before = managed(beforeAll);
  const after = managed(afterAll);
  const { partner, taken } = match(before, after);
  const canonical = (urn: string) => partner.get(urn)?.urn ?? urn;
  const beforeRefs = referenceTable(before, (u) => u);
  const afterRefs = referenceTable(after, canonical);
  const pairs: Pair[] = after
    .filter((r) => partner.has(r.urn))
    .map((r) => {
      const b = partner.get(r.urn)!;
      return {
        before: b,
        after: r,
        beforeInputs: normalize(b.inputs, beforeRefs) as Inputs,
        afterInputs: normalize(r.inputs, afterRefs) as Inputs,
      };
    });
  const replaced = new Set<string>();
  let judged = new Map<Pair, InputChange[]>();
  const hidden: GraphDiff["hiddenSecrets"] = [];
  // Fixpoint: each round may replace more resources (their dependents' references change); it ends because
  // the replaced set only grows.
  for (let grew = true; grew;) {
    grew = false;
    hidden.length = 0;
    judged = new Map(pairs.map((p) => [p, inputChanges(p, { replaced }, hidden)]));
    for (const [p, changes] of judged) {
      if (changes.some((c) => c.replaces) && !replaced.has(p.before.urn)) {
        replaced.add(p.before.urn);
        grew = true;
      }
    }
  }
  return assemble(before, after, partner, taken, judged, hidden);
}

function describe(r: GraphResource, action: Action, changes: InputChange[], blocked: boolean): ResourceChange {
  return {
    action,
    urn: r.urn,
    type: r.type,
    name: nameOfUrn(r.urn),
    changes,
    blockedByProtect: blocked,
    ...(ruleOf(r.type) ? {} : { unknownType: true }),
  };
}

function assemble(
  before: readonly GraphResource[],
  after: readonly GraphResource[],
  partner: ReadonlyMap<string, GraphResource>,
  taken: ReadonlySet<string>,
  judged: ReadonlyMap<Pair, InputChange[]>,
  hiddenSecrets: GraphDiff["hiddenSecrets"],
): GraphDiff {
  const changes: ResourceChange[] = after
    .filter((r) => !partner.has(r.urn))
    .map((r) => describe(r, "create", [], false));
  const protect: ProtectChange[] = [];
  let unchanged = 0;
  for (const [p, inputs] of judged) {
    const replace = inputs.some((c) => c.replaces);
    if (p.before.protect !== p.after.protect) {
      const { urn, type } = p.after;
      protect.push({ urn, type, name: nameOfUrn(urn), before: p.before.protect, after: p.after.protect });
    }
    if (!inputs.length) {
      unchanged++;
      continue;
    }
    // The engine refuses to replace a resource that is protected, in the state or by the program.
    const change = describe(
      p.after,
      replace ? "replace" : "update",
      inputs,
      replace && (p.before.protect || p.after.protect),
    );
    changes.push(p.before.urn === p.after.urn ? change : { ...change, previousUrn: p.before.urn });
  }
  for (const r of before) if (!taken.has(r.urn)) changes.push(describe(r, "delete", [], r.protect));
  const order: Record<Action, number> = { replace: 0, delete: 1, create: 2, update: 3 };
  changes.sort((a, b) => order[a.action] - order[b.action] || a.urn.localeCompare(b.urn));
  return { changes, protect, unchanged, hiddenSecrets };
}

/** The URNs of each action, for a summary or a test. */
export function urnsBy(diff: GraphDiff): Record<Action, string[]> {
  const out: Record<Action, string[]> = { create: [], update: [], replace: [], delete: [] };
  for (const c of diff.changes) out[c.action].push(c.urn);
  return out;
}

/** Whether the diff replaces or deletes anything (the exit code 3 of `plan --against`). */
export const destroysSomething = (diff: GraphDiff) =>
  diff.changes.some((c) => c.action === "replace" || c.action === "delete");
