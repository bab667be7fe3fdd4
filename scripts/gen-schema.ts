/**
 * npm run schema [-- --check]
 *
 * Writes config/stack-config.schema.json from the zod schema (components/core/schema.ts). With --check,
 * writes nothing and exits 1 when the committed file is stale (tests/schema-json.test.ts does the same).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stackFileJsonSchemaText } from "../components/core/json-schema";
import { runAsMain, runCommand, type Command } from "./args";

export const SCHEMA_PATH = join("config", "stack-config.schema.json");

export const COMMAND = {
  name: "npm run schema --",
  summary: `Writes ${SCHEMA_PATH} from the zod schema (components/core/schema.ts).`,
  flags: {
    check: { type: "boolean", help: "write nothing; exit 1 when the committed file is stale" },
  },
} as const satisfies Command;

export function main(argv: readonly string[]): Promise<number> {
  return runCommand(COMMAND, argv, (flags) => {
    const file = join(__dirname, "..", "..", SCHEMA_PATH);
    const text = stackFileJsonSchemaText();
    if (flags.check) {
      let current = "";
      try {
        current = readFileSync(file, "utf8");
      } catch {
        // missing counts as stale
      }
      if (current !== text) {
        process.stderr.write(`${SCHEMA_PATH} is stale: run npm run schema\n`);
        return 1;
      }
      return 0;
    }
    writeFileSync(file, text);
    process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
    return 0;
  });
}

if (require.main === module) runAsMain(main);
