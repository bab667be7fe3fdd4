/**
 * The JSON Schema of a whole stack file (`config/Pulumi.<stack>.yaml`), generated from the zod schema
 * so editors validate exactly what the program accepts. Shapes only: the rules that relate values (CIDRs
 * inside the VPC, load-balancer combinations, ...) stay with `npm run config:check`.
 */
import { z } from "zod";
import { PROJECT } from "./parse";
import { CONFIG_KEYS, stackConfigSchema } from "./schema";

/** A value Pulumi stored encrypted: `{ secure: ... }`, allowed wherever a value is. */
const SECURE = {
  type: "object",
  properties: { secure: { type: "string" } },
  required: ["secure"],
  additionalProperties: false,
};

type Json = Record<string, unknown>;

/** JSON's own whitespace (JSON.parse skips exactly these around a value; `\s` would match more). */
const WS = "[ \\t\\n\\r]*";

/**
 * The same value as text, the way `pulumi config set KEY VALUE` (with or without --path) and the Automation
 * API store a whole top-level key: objects and lists as JSON, `true` and numbers quoted. The program reads
 * such text as JSON (components/program/config.ts, valueFromText), and so do the offline plan and
 * `config:check`, so such a file is valid and an editor must not flag it. A schema cannot parse JSON text:
 * the pattern catches the wrong kind of text (`protect: "yes"`, `zones: us-east-1a`), contentSchema tells
 * editors and readers what the text must hold (checked by `config:check`).
 */
function asText(shape: Json, ref: string): Json | undefined {
  const json = (kind: string, pattern: string): Json => ({
    type: "string",
    description:
      `${kind} as JSON text, as \`pulumi config set\` and the Automation API store a whole key; ` +
      "its contents are checked by npm run config:check.",
    pattern,
    contentMediaType: "application/json",
    contentSchema: { $ref: ref },
  });
  switch (shape.type) {
    case "object":
      return json("The map", `^${WS}\\{`);
    case "array":
      return json("The list", `^${WS}\\[`);
    case "boolean":
      return {
        type: "string",
        description: "true or false as text, as `pulumi config set` stores a whole key.",
        pattern: `^${WS}(true|false)${WS}$`,
      };
    case "integer":
    case "number":
      return {
        type: "string",
        description: "The number as text, as `pulumi config set` stores a whole key.",
        pattern: `^${WS}-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?${WS}$`,
      };
    default:
      return undefined; // a key that takes text keeps it as written (valueFromText)
  }
}

export function stackFileJsonSchema(): Json {
  const whole = z.toJSONSchema(stackConfigSchema, { target: "draft-2020-12", io: "input" }) as {
    properties: Record<string, Json>;
    $defs?: Json;
  };
  const defs: Json = { ...(whole.$defs ?? {}) };
  const keys: Json = {};
  const bare: Json = {};
  for (const key of CONFIG_KEYS) {
    const { description, ...shape } = whole.properties[key];
    const ref = `#/$defs/${key}`;
    defs[key] = shape;
    // A whole key may also be stored as a secret (`pulumi config set --secret`), or as JSON text.
    const text = asText(shape, ref);
    keys[`${PROJECT}:${key}`] = {
      ...(description ? { description } : {}),
      anyOf: [{ $ref: ref }, ...(text ? [text] : []), SECURE],
    };
    // Pulumi reads a key without a namespace as the project's: checked the same, not offered for completion.
    bare[`^${key}$`] = { $ref: `#/properties/config/properties/${PROJECT}:${key}` };
  }
  const known = CONFIG_KEYS.join("|");
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://github.com/ipv6-cluster-network/ipv6-cluster-network/config/stack-config.schema.json",
    title: `Pulumi stack file of ${PROJECT}`,
    description:
      "Generated from components/core/schema.ts by npm run schema: do not edit. " +
      `Keys under ${PROJECT}: are checked; other namespaces (aws:, pulumi:) pass through.`,
    type: "object",
    properties: {
      secretsprovider: { type: "string" },
      encryptedkey: { type: "string" },
      encryptionsalt: { type: "string" },
      environment: {},
      config: {
        type: "object",
        // vpc is required, with or without the namespace.
        anyOf: [{ required: [`${PROJECT}:vpc`] }, { required: ["vpc"] }],
        properties: {
          "aws:region": { type: "string", description: "AWS region of the stack, e.g. us-east-1." },
          ...keys,
        },
        patternProperties: bare,
        // A misspelt key in this project's namespace (or without a namespace) is an error, as in the program.
        propertyNames: {
          not: { anyOf: [{ pattern: `^${PROJECT}:(?!(${known})$)` }, { pattern: `^(?!(${known})$)[^:]*$` }] },
        },
      },
    },
    required: ["config"],
    $defs: defs,
  };
}

export function stackFileJsonSchemaText(): string {
  return JSON.stringify(stackFileJsonSchema(), null, 2) + "\n";
}
