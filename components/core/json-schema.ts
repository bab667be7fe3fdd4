/**
 * The JSON Schema of a whole stack file (`config/Pulumi.<stack>.yaml`), generated from the zod schema
 * so editors validate exactly what the program accepts. Shapes only: the rules that relate values (CIDRs
 * inside the VPC, load-balancer combinations, ...) stay with `npm run config:check`.
 */
import { z } from "zod";
import { PROJECT } from "./parse";
import { CONFIG_KEYS, stackConfigSchema } from "./schema";

/** A value Pulumi stored encrypted: `{ secure: ... }`, allowed wherever a value is. */
const SECURE = { type: "object", properties: { secure: { type: "string" } }, required: ["secure"], additionalProperties: false };

type Json = Record<string, unknown>;

/**
 * The same value as text, the way `pulumi config set KEY VALUE` (without --path) and the Automation API
 * store a top-level value: objects and lists as JSON, `true` and numbers quoted. The program JSON-parses
 * every top-level value (components/program/config.ts), so such a file is valid. A schema cannot parse
 * JSON text: the pattern catches the wrong kind of text (`protect: "yes"`), contentSchema tells editors
 * and readers what the text must hold.
 */
function asText(shape: Json, ref: string): Json | undefined {
  const text = { type: "string", contentMediaType: "application/json", contentSchema: { $ref: ref } };
  switch (shape.type) {
    case "object": return { ...text, pattern: "^\\s*\\{" };
    case "array": return { ...text, pattern: "^\\s*\\[" };
    case "boolean": return { type: "string", enum: ["true", "false"] };
    case "integer":
    case "number": return { type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" };
    default: return undefined; // a string key is text already
  }
}

export function stackFileJsonSchema(): Json {
  const whole = z.toJSONSchema(stackConfigSchema, { target: "draft-2020-12" }) as { properties: Record<string, Json>; $defs?: Json };
  const defs: Json = { ...(whole.$defs ?? {}) };
  const keys: Json = {};
  const bare: Json = {};
  for (const key of CONFIG_KEYS) {
    const { description, ...shape } = whole.properties[key];
    const ref = `#/$defs/${key}`;
    defs[key] = shape;
    // A whole key may also be stored as a secret (`pulumi config set --secret`), or as JSON text.
    const text = asText(shape, ref);
    keys[`${PROJECT}:${key}`] = { ...(description ? { description } : {}), anyOf: [{ $ref: ref }, ...(text ? [text] : []), SECURE] };
    // Pulumi reads a key without a namespace as the project's: checked the same, not offered for completion.
    bare[`^${key}$`] = { $ref: `#/properties/config/properties/${PROJECT}:${key}` };
  }
  const known = CONFIG_KEYS.join("|");
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://github.com/ipv6-cluster-network/ipv6-cluster-network/config/stack-config.schema.json",
    title: `Pulumi stack file of ${PROJECT}`,
    description: `Generated from components/core/schema.ts by npm run schema: do not edit. Keys under ${PROJECT}: are checked; other namespaces (aws:, pulumi:) pass through.`,
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
        properties: { "aws:region": { type: "string", description: "AWS region of the stack, e.g. us-east-1." }, ...keys },
        patternProperties: bare,
        // A misspelt key in this project's namespace (or without a namespace) is an error, as in the program.
        propertyNames: { not: { anyOf: [{ pattern: `^${PROJECT}:(?!(${known})$)` }, { pattern: `^(?!(${known})$)[^:]*$` }] } },
      },
    },
    required: ["config"],
    $defs: defs,
  };
}

export function stackFileJsonSchemaText(): string {
  return JSON.stringify(stackFileJsonSchema(), null, 2) + "\n";
}
