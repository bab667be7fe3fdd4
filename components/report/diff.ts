/**
 * What `npm run plan -- --against REF` prints: the diff of the stack against its baseline, as text for a
 * terminal and markdown for a pull-request comment (the JSON document is the GraphDiff itself). Values are
 * shown as the user knows them: a reference as the resource it names, a list as what it gains and loses.
 */
import { parseCidr } from "../core/ip";
import { isRef, nameOfUrn } from "../diff/graph";
import type { Action, GraphDiff, InputChange, ResourceChange } from "../diff/diff";

/** What a rendered diff is about. */
export interface DiffHeader {
  /** The stack's name. */
  stack: string;
  /** What was compared with, e.g. `config/Pulumi.dev.yaml at HEAD`. */
  against: string;
}

/** A type token's last part: `aws:ec2/subnet:Subnet` -> `Subnet`. */
export const shortType = (type: string) => type.slice(type.lastIndexOf(":") + 1);

/** One value as text: none, a reference by name, JSON for the rest (long ones cut). */
export function showValue(v: unknown, knownAfter = false): string {
  if (knownAfter) return "(new id, known after the replacement)";
  if (v === undefined || v === null) return "(none)";
  if (isRef(v)) return `(id of ${nameOfUrn(v.ref)})`;
  if (typeof v === "string") return v;
  const text = JSON.stringify(v, (_k, x) => (isRef(x) ? `(id of ${nameOfUrn(x.ref)})` : x));
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/** A list change as what it gains and loses; any other change as before -> after. */
export function changeLines(c: InputChange): string[] {
  return c.knownAfter
    ? [`${c.input}: ${showValue(c.before)} -> ${showValue(c.after, true)}`]
    : leafLines(c.input, c.before, c.after);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v) && !isRef(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The lines of one changed value: nested objects down to the leaves that differ, lists as gains and losses. */
function leafLines(path: string, before: unknown, after: unknown): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    const lines = keys
      .filter((k) => !same(before[k], after[k]))
      .flatMap((k) => leafLines(`${path}.${k}`, before[k], after[k]));
    if (lines.length) return lines;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = (x: unknown) => JSON.stringify(x);
    const had = new Set(before.map(key));
    const has = new Set(after.map(key));
    const removed = before.filter((x) => !has.has(key(x))).map((x) => `${path} - ${showValue(x)}`);
    const added = after.filter((x) => !had.has(key(x))).map((x) => `${path} + ${showValue(x)}`);
    if (added.length + removed.length) return [...removed, ...added];
  }
  return [`${path}: ${showValue(before)} -> ${showValue(after)}`];
}

/**
 * How a deployed /64 is written in the stack file: `/64#N`, N (hex) its index in the VPC's /56 (an Amazon-provided
 * block is always a /56, and only known at deployment, so the full block cannot be written there).
 */
function ipv6Pin(block: string): string {
  const parsed = parseCidr(block, "ipv6");
  if (!parsed.ok || parsed.block.len !== 64) return block;
  const index = (parsed.block.start >> 64n) & 0xffn;
  return `"/64#${index.toString(16)}" (or ${block} where the VPC's IPv6 block is yours: BYOIP, IPAM, existing VPC)`;
}

/** A subnet whose blocks moved: pinning the old ones keeps it (automatic blocks move with kind, name or zone). */
function pinHint(r: ResourceChange): string | undefined {
  if (r.type !== "aws:ec2/subnet:Subnet" || r.action !== "replace") return undefined;
  const pins = r.changes
    .filter((c) => c.replaces && (c.input === "cidrBlock" || c.input === "ipv6CidrBlock"))
    .filter((c) => typeof c.before === "string" && c.before !== "" && typeof c.after === "string")
    .map((c) => (c.input === "cidrBlock" ? `cidr: ${String(c.before)}` : `ipv6CIDR: ${ipv6Pin(String(c.before))}`));
  return pins.length ? `to keep the subnet, pin what it has in the stack file: ${pins.join(", ")}` : undefined;
}

/** The hints of a replaced load balancer or target group: what changes for clients. */
function loadBalancerHint(r: ResourceChange): string | undefined {
  if (r.action !== "replace") return undefined;
  if (r.type === "aws:lb/loadBalancer:LoadBalancer")
    return (
      "a new load balancer has a new DNS name: kubeconfigs and kubeadm's controlPlaneEndpoint name the old one; " +
      "a network load balancer's subnets can be added in place, never removed or swapped"
    );
  if (r.type === "aws:lb/targetGroup:TargetGroup")
    return (
      "a new target group is created first and the listener moved to it; targets registered with the old one " +
      "must be registered with the new one"
    );
  return undefined;
}

/** What to do about a replacement or an update that is not what it seems: one hint, the most specific first. */
export function hintOf(r: ResourceChange): string | undefined {
  const native = r.changes.find((c) => c.input === "ipv6Native" && c.after === true && c.replaces);
  if (native)
    return (
      "AWS has no migration path from an IPv4 subnet to an IPv6-only one; moving this stack from IPv4? " +
      "set vpc.ipv6.migratedFromIpv4: true to keep it dual-stack (docs/migrating-to-dual-stack.md)"
    );
  if (r.type === "kubernetes:helm.sh/v3:Release" && r.changes.some((c) => changeLines(c).some((l) => /cidr/i.test(l))))
    return (
      "a running cluster keeps its pod range: nodes' podCIDRs and kube-controller-manager's --cluster-cidr are " +
      "set at creation, and pods keep their addresses; the release updates in place, the cluster does not follow " +
      "(a new range is a migration: a new IP pool, nodes drained onto it)"
    );
  if (r.blockedByProtect)
    return "protected: the deployment stops here; unprotect it first (protect: false, or pulumi state unprotect)";
  return pinHint(r) ?? loadBalancerHint(r);
}

const TITLES: Record<Action, string> = {
  replace: "Replace (a new resource, then the old one deleted: instances in a replaced subnet go with it)",
  delete: "Delete",
  create: "Create",
  update: "Update in place",
};
const SIGNS: Record<Action, string> = { replace: "+-", delete: "- ", create: "+ ", update: "~ " };

/** Counts per action, e.g. `2 to replace, 7 to create, 14 unchanged`. */
export function summaryLine(d: GraphDiff): string {
  const n = (a: Action) => d.changes.filter((c) => c.action === a).length;
  const parts = (["replace", "delete", "create", "update"] as const).map((a) => `${n(a)} to ${a}`);
  return `${parts.join(", ")}, ${d.unchanged} unchanged`;
}

function textResource(r: ResourceChange): string[] {
  const lines = [
    `  ${SIGNS[r.action]} ${shortType(r.type)} ${r.name}${r.blockedByProtect ? "  [BLOCKED: protected]" : ""}`,
  ];
  if (r.previousUrn) lines.push(`       was ${r.previousUrn} (alias)`);
  for (const c of forcingFirst(r)) {
    const why = c.replaces ? `   <- replaces: ${c.replaces} [${c.source}]` : c.note ? `   (${c.note})` : "";
    lines.push(...changeLines(c).map((l, i) => `       ${l}${i === 0 ? why : ""}`));
  }
  const hint = hintOf(r);
  if (hint) lines.push(`       hint: ${hint}`);
  return lines;
}

/** The diff for a terminal. */
export function renderDiffText(d: GraphDiff, h: DiffHeader): string {
  const out = [`Changes to stack ${h.stack} against ${h.against} (offline: the program under mocks)`];
  out.push(`  ${summaryLine(d)}`);
  for (const action of ["replace", "delete", "create", "update"] as const) {
    const rs = d.changes.filter((c) => c.action === action);
    if (!rs.length) continue;
    out.push("", TITLES[action], ...rs.flatMap(textResource));
  }
  if (d.protect.length) {
    out.push("", "Protection (no AWS change: the state records it)");
    for (const p of d.protect) out.push(`  ${p.after ? "protect" : "unprotect"} ${shortType(p.type)} ${p.name}`);
  }
  if (d.hiddenSecrets.length) {
    const which = d.hiddenSecrets.map((s) => `${nameOfUrn(s.urn)}.${s.input}`).join(", ");
    out.push("", `Not compared (the baseline holds them encrypted; export with --show-secrets): ${which}`);
  }
  return out.join("\n") + "\n";
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** A resource's changes, the ones that force its replacement first. */
const forcingFirst = (r: ResourceChange) => [...r.changes].sort((a, b) => Number(!a.replaces) - Number(!b.replaces));

function markdownRows(r: ResourceChange): string[] {
  const head = `| ${SIGNS[r.action].trim()} | \`${cell(r.name)}\` | ${shortType(r.type)} |`;
  if (!r.changes.length) return [`${head} ${r.blockedByProtect ? "**blocked: protected**" : ""} |`];
  const hint = hintOf(r);
  const changes = forcingFirst(r);
  return changes.map((c, i) => {
    const what = changeLines(c)
      .map((l) => `\`${cell(l)}\``)
      .join("<br>");
    const why = c.replaces ? ` **replaces:** ${cell(c.replaces)}` : c.note ? ` _${cell(c.note)}_` : "";
    const tail = i === changes.length - 1 && hint ? `<br>💡 ${cell(hint)}` : "";
    return `${i === 0 ? head : "| | | |"} ${what}${why}${tail} |`;
  });
}

/** The diff as a pull-request comment. */
export function renderDiffMarkdown(d: GraphDiff, h: DiffHeader): string {
  const destroys = d.changes.some((c) => c.action === "replace" || c.action === "delete");
  const out = [
    `### ${destroys ? "⚠️ " : ""}Stack \`${h.stack}\` against ${h.against}`,
    "",
    `${summaryLine(d)} (offline: the program under Pulumi mocks).`,
  ];
  for (const action of ["replace", "delete", "create", "update"] as const) {
    const rs = d.changes.filter((c) => c.action === action);
    if (!rs.length) continue;
    const table = ["| | resource | type | change |", "| --- | --- | --- | --- |", ...rs.flatMap(markdownRows)];
    if (action === "update") out.push("", `<details><summary>${TITLES[action]} (${rs.length})</summary>`, "");
    else out.push("", `#### ${TITLES[action]} (${rs.length})`, "");
    out.push(...table);
    if (action === "update") out.push("", "</details>");
  }
  if (d.protect.length) {
    out.push("", `#### Protection (${d.protect.length})`, "");
    for (const p of d.protect) out.push(`- ${p.after ? "protect" : "unprotect"} \`${p.name}\` (${shortType(p.type)})`);
  }
  return out.join("\n") + "\n";
}
