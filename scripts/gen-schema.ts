/**
 * npm run schema [-- --check]
 *
 * Writes config/stack-config.schema.json from the zod schema (components/core/schema.ts). With --check,
 * writes nothing and exits 1 when the committed file is stale (tests/schema-json.test.ts does the same).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stackFileJsonSchemaText } from "../components/core/json-schema";

export const SCHEMA_PATH = join("config", "stack-config.schema.json");

if (require.main === module) {
  const file = join(__dirname, "..", "..", SCHEMA_PATH);
  const text = stackFileJsonSchemaText();
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(file, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      process.stderr.write(`${SCHEMA_PATH} is stale: run npm run schema\n`);
      process.exit(1);
    }
  } else {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
  }
}
