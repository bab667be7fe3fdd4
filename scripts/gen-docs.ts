/**
 * npm run docs [-- --check]
 *
 * Writes the rule tables of docs/validation-rules.md from the finding catalogue (components/core/catalogue),
 * between its markers. With --check, writes nothing and exits 1 when the page is stale (tests do the same).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULES_END, RULES_START, withRuleTables } from "../components/core/catalogue/docs";
import { runAsMain, runCommand, type Command } from "./args";

export const RULES_PAGE = join("docs", "validation-rules.md");

export const COMMAND = {
  name: "npm run docs --",
  summary: `Writes the rule tables of ${RULES_PAGE} from the finding catalogue (components/core/catalogue).`,
  flags: {
    check: { type: "boolean", help: "write nothing; exit 1 when the page is stale" },
  },
} as const satisfies Command;

export function main(argv: readonly string[]): Promise<number> {
  return runCommand(COMMAND, argv, (flags) => {
    const file = join(__dirname, "..", "..", RULES_PAGE);
    const page = readFileSync(file, "utf8");
    const next = withRuleTables(page);
    if (next === undefined) {
      process.stderr.write(`${RULES_PAGE} has no ${RULES_START} ... ${RULES_END} markers\n`);
      return 1;
    }
    if (flags.check) {
      if (next === page) return 0;
      process.stderr.write(`${RULES_PAGE} is stale: run npm run docs\n`);
      return 1;
    }
    writeFileSync(file, next);
    process.stdout.write(`wrote ${RULES_PAGE}\n`);
    return 0;
  });
}

if (require.main === module) runAsMain(main);
