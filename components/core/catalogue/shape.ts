/**
 * Rules of the config's shape (components/core/parse.ts): keys the schema does not have, required keys,
 * values of the wrong type or form, values outside a key's options. parse.ts reads zod's issue and
 * describes the values (what the key expects, what it got, how the key's line would read); the sentences
 * they go into are here. No zod wording reaches a user.
 */
import { group, rule } from "./rule";

const REFERENCE = "see docs/configuration.md for this key's type and an example";
const SUBNET_KEYS =
  "every subnet needs name, zone and type, e.g. { name: private-us-east-1a, zone: us-east-1a, type: Private }";

/** Examples for the keys a config must have, by key path or by the key's own name. */
const REQUIRED_EXAMPLES: Record<string, string> = {
  vpc:
    "e.g. vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} } (an IPv4 block AWS requires, and an Amazon-provided " + "IPv6 /56)",
  "vpc.cidrBlock": "the VPC's IPv4 block, which AWS requires on every VPC, e.g. cidrBlock: 10.0.0.0/16",
  "vpc.ipv6.ipamPool.id": "the IPAM pool's id, e.g. id: ipam-pool-0123456789abcdef0",
  name: SUBNET_KEYS,
  zone: SUBNET_KEYS,
  type: SUBNET_KEYS,
};

/**
 * What is wrong with a value of the wrong type or form. `expected` is the type in words ("true or false"),
 * `got` the value in words ("the text \"yes\""), both from parse.ts; `text` is the schema's own message
 * (components/core/schema.ts), shown where zod's would otherwise be.
 */
export type ShapeProblem =
  | { kind: "type"; expected: string; got: string }
  | { kind: "brokenJson"; expected: string; error: string }
  | { kind: "empty"; list: boolean }
  | { kind: "bound"; most: boolean; bound: string; unit: string }
  | { kind: "resourceName"; reason: string }
  | { kind: "secret" | "noForm" | "notTaken"; got: string }
  | { kind: "form" }
  | { kind: "schema"; text: string };

/**
 * What to type instead. `line` is how the key's own line would read in the stack file (`- us-east-1a`,
 * `cidrBlock: 10.0.0.0/16`); `configKey` the key as `pulumi config set` names it (`project:key.path`).
 */
export type ShapeFix =
  | {
      kind:
        | "reference"
        | "giveValue"
        | "ipv6Null"
        | "yamlOrJson"
        | "singleText"
        | "wholeNumber"
        | "ipv6True"
        | "ipv6False"
        | "list"
        | "zonesEmpty"
        | "emptyList"
        | "emptyElement"
        | "emptyKey";
    }
  | { kind: "quoteText"; line: string; value: string; type: string; configKey: string }
  | { kind: "unquoteNumber" | "roundNumber" | "unquoteBoolean" | "trueOrFalse" | "listFromText"; line: string }
  | { kind: "booleanWord" | "ipv6Text"; value: string }
  | { kind: "map" | "mapNotList"; key: string }
  | { kind: "rename"; suggestion: string }
  | { kind: "secret"; configKey: string; file: string };

/** The variant of U whose kind includes K; a Table holds one sentence per kind. */
type Of<U extends { kind: string }, K extends U["kind"]> = U extends { kind: infer J }
  ? K extends J
    ? U
    : never
  : never;
type Table<U extends { kind: string }> = { [K in U["kind"]]: (p: Of<U, K>) => string };

const PROBLEMS: Table<ShapeProblem> = {
  type: (p) => `expected ${p.expected}, got ${p.got}`,
  brokenJson: (p) => `expected ${p.expected}, got text that is not valid JSON (${p.error})`,
  empty: (p) => (p.list ? "is an empty list" : "is empty"),
  bound: (p) => `must be ${p.most ? "at most" : "at least"} ${p.bound}${p.unit ? ` ${p.unit}` : ""}`,
  resourceName: (p) => `cannot name AWS resources: ${p.reason}`,
  secret: (p) => `expected text or an encrypted secret ({ secure: ... }), got ${p.got}`,
  noForm: (p) => `got ${p.got}, which is none of the forms this key takes`,
  notTaken: (p) => `${p.got} is not a value this key takes`,
  form: () => "does not have the form this key takes",
  schema: (p) => p.text,
};

const FIXES: Table<ShapeFix> = {
  reference: () => REFERENCE,
  giveValue: () => "give it a value, or leave the key out",
  ipv6Null: () =>
    "write ipv6: {} for an Amazon-provided /56 (an empty ipv6: is null, not an empty map), or leave ipv6 out " +
    "for an IPv4-only VPC",
  yamlOrJson: () =>
    "write the value as YAML (lines under the key, no quotes around the whole), or as valid JSON text with " +
    "every key and text value in double quotes",
  quoteText: (p) =>
    `quote it in the stack file (${p.line}): unquoted, YAML reads ${p.value} as a ${p.type}; or set it as ` +
    `text: pulumi config set --path --type string '${p.configKey}' ${p.value}`,
  singleText: () => `write a single text value here; ${REFERENCE}`,
  unquoteNumber: (p) =>
    `write it without quotes (${p.line}): quoted, it is text; pulumi config set --path stores an integer as a number`,
  roundNumber: (p) => `use a whole number (a prefix length), e.g. ${p.line}`,
  wholeNumber: () => `write a whole number without quotes; ${REFERENCE}`,
  unquoteBoolean: (p) => `write it without quotes (${p.line}): quoted, it is text`,
  booleanWord: (p) => `write true or false: Pulumi, like YAML 1.2, reads ${p.value} as text, not as a boolean`,
  trueOrFalse: (p) => `write true or false (${p.line})`,
  ipv6True: () =>
    "write ipv6: {} for an Amazon-provided /56 (or ipv6: { ipamPool: { id: ... } } for an IPAM pool, " +
    "{ poolId: ..., cidrBlock: ... } for your own block)",
  ipv6False: () => "leave ipv6 out for an IPv4-only VPC (ipv6: {} gives it an Amazon-provided /56)",
  ipv6Text: (p) =>
    `write ipv6: { cidrBlock: ${p.value} } together with poolId (your own block) or vpc.id (an existing ` +
    "VPC's block), or ipv6: {} for an Amazon-provided /56",
  mapNotList: (p) => `write a map (key: value lines under ${p.key}:), not a list; ${REFERENCE}`,
  map: (p) => `write a map (key: value lines under ${p.key}:); ${REFERENCE}`,
  listFromText: (p) => `write a list, e.g. ${p.line} (or one "- item" line per element)`,
  list: () => `write a list: one "- item" line per element, or [a, b]; ${REFERENCE}`,
  zonesEmpty: () => "list at least one zone, or leave zones out for the region's first three standard zones",
  emptyList: () => "list at least one element, or leave the key out",
  emptyElement: () => "write a value, or remove the empty element",
  emptyKey: () => "write a value, or leave the key out",
  rename: (p) => `rename it, e.g. "${p.suggestion}" (every resource of the subnet is named after it)`,
  secret: (p) => `set it as a secret: pulumi config set --secret --path '${p.configKey}' "$(cat ${p.file})"`,
};

/** A table's sentence for one variant (the table holds one per kind, so the lookup always finds one). */
function say<U extends { kind: string }>(table: Table<U>, p: U): string {
  return (table[p.kind as U["kind"]] as (p: U) => string)(p);
}

export const SHAPE = group("Shape of the config", {
  CONFIG_UNKNOWN_KEY: rule<{ key: string; known: readonly string[]; guess?: string }>({
    severity: "error",
    when: 'a key the config does not have at its place (a misspelt key gets a "did you mean")',
    message: (p) => `unknown key "${p.key}"`,
    fix: (p) =>
      p.guess
        ? `did you mean "${p.guess}"? Known keys here: ${p.known.join(", ")}`
        : `remove it; known keys here: ${p.known.join(", ")}`,
  }),
  CONFIG_REQUIRED: rule<{ key: string; name: string }>({
    severity: "error",
    when: "a required key is missing (the fix gives an example of it)",
    message: () => "required key is missing",
    fix: (p) => {
      const example = REQUIRED_EXAMPLES[p.key] ?? REQUIRED_EXAMPLES[p.name];
      return `set ${p.key}${example ? `: ${example}` : "; see docs/configuration.md"}`;
    },
  }),
  CONFIG_INVALID_TYPE: rule<{ problem: ShapeProblem; fix: ShapeFix }>({
    severity: "error",
    when:
      "a value of the wrong type or form (text where a number goes, an empty list, a name AWS resources " +
      "cannot take, ...): the message says what the key takes and what it got, the fix what to type instead",
    message: (p) => say(PROBLEMS, p.problem),
    fix: (p) => say(FIXES, p.fix),
  }),
  CONFIG_INVALID_VALUE: rule<{ options: readonly string[]; got?: string; guess?: string; natMode?: string }>({
    severity: "error",
    when:
      'a value that is not one of the key\'s options (a near miss gets a "did you mean"; a count in ' +
      "`natGateways`, which takes a mode, gets the mode it likely means)",
    message: (p) =>
      p.natMode
        ? `natGateways is a mode, not a count: must be one of ${p.options.join(" | ")}`
        : `must be one of ${p.options.join(" | ")}${p.got ? `, not ${p.got}` : ""}`,
    fix: (p) =>
      p.natMode
        ? `did you mean "${p.natMode}"? (perZone: a NAT gateway in each zone; single: one for all zones; ` +
          "none: no NAT gateway)"
        : p.guess
          ? `did you mean "${p.guess}"?`
          : `use one of ${p.options.join(", ")}`,
  }),
});
