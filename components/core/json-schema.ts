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

export function stackFileJsonSchema(): Record<string, unknown> {
  const whole = z.toJSONSchema(stackConfigSchema, { target: "draft-2020-12" }) as { properties: Record<string, Record<string, unknown>>; $defs?: Record<string, unknown> };
  const keys: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const { description, ...shape } = whole.properties[key];
    // A whole key may also be stored as a secret (`pulumi config set --secret`).
    keys[`${PROJECT}:${key}`] = { ...(description ? { description } : {}), anyOf: [shape, SECURE] };
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
        required: [`${PROJECT}:vpc`],
        properties: { "aws:region": { type: "string", description: "AWS region of the stack, e.g. us-east-1." }, ...keys },
        // A misspelt key in this project's namespace is an error, as in the program.
        propertyNames: { not: { pattern: `^${PROJECT}:(?!(${known})$)` } },
      },
    },
    required: ["config"],
    ...(whole.$defs ? { $defs: whole.$defs } : {}),
  };
}

export function stackFileJsonSchemaText(): string {
  return JSON.stringify(stackFileJsonSchema(), null, 2) + "\n";
}
