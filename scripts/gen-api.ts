/**
 * npm run api [-- --check]
 *
 * Writes the package's public surface, checked in under api/ so that a change to it shows in review and is
 * never unintended (docs/library.md, "Versioning"):
 *   - api/ipv6-cluster-network.api.md and api/ipv6-cluster-network-automation.api.md: the TypeScript API of
 *     the entries "." (with "./core") and "./automation", as API Extractor reports it from the declarations;
 *   - api/ipv6-cluster-network.schema.json: the component package's schema, which every other language's SDK
 *     is generated from (Pulumi's component analyzer, as `pulumi package add` runs it).
 * With --check, writes nothing and exits 1 when any of them differs from what the sources give (npm run
 * test:package runs this check). Slow on purpose (~15 s: tsc emits declarations, the analyzer type-checks).
 */
import { Extractor, ExtractorConfig, type ExtractorMessage } from "@microsoft/api-extractor";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Ipv6ClusterNetwork, PACKAGE_NAME } from "../components/library/ipv6-cluster-network";
import { runAsMain, runCommand, type Command } from "./args";

const ROOT = join(__dirname, "..", "..");
/** The API Extractor configuration of each entry, and the report it keeps. */
export const REPORTS = [
  { config: "api/extractor-index.json", report: "api/ipv6-cluster-network.api.md" },
  { config: "api/extractor-automation.json", report: "api/ipv6-cluster-network-automation.api.md" },
];
export const SCHEMA_FILE = "api/ipv6-cluster-network.schema.json";

export const COMMAND = {
  name: "npm run api --",
  summary: "Writes the API reports and the component package's schema under api/.",
  flags: {
    check: { type: "boolean", help: "write nothing; exit 1 when a report or the schema is stale" },
  },
} as const satisfies Command;

/** What one entry's report says: whether it matches the checked-in one, and every warning. */
export interface ReportResult {
  report: string;
  changed: boolean;
  problems: string[];
}

/** Emits the declarations the reports are made from (dist/*.d.ts, as `npm run build:types` does). */
export function emitDeclarations(): void {
  const tsc = spawnSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.types.json")],
    { encoding: "utf8" },
  );
  if (tsc.status !== 0) throw new Error(`tsc -p tsconfig.types.json failed:\n${tsc.stdout}${tsc.stderr}`);
}

/** Runs API Extractor on each entry; `update` rewrites the checked-in reports (its "local build" mode). */
export function apiReports(update: boolean): ReportResult[] {
  return REPORTS.map(({ config, report }) => {
    const problems: string[] = [];
    const result = Extractor.invoke(ExtractorConfig.loadFileAndPrepare(join(ROOT, config)), {
      localBuild: update,
      messageCallback: (m: ExtractorMessage) => {
        // Its progress lines are noise here; warnings and errors are what the check is for.
        if (m.logLevel === "warning" || m.logLevel === "error") {
          if (!String(m.messageId).startsWith("console-api-report-")) problems.push(m.formatMessageWithLocation(ROOT));
        }
        m.handled = true;
      },
    });
    return { report, changed: result.apiReportChanged, problems };
  });
}

/** The component package's schema, as `pulumi package get-schema` prints it (pretty, for review). */
export async function packageSchemaText(): Promise<string> {
  const provider = new ComponentProvider({ components: [Ipv6ClusterNetwork], name: PACKAGE_NAME, dirname: ROOT });
  return `${JSON.stringify(JSON.parse(await provider.getSchema()), null, 2)}\n`;
}

export function main(argv: readonly string[]): Promise<number> {
  return runCommand(COMMAND, argv, async (flags) => {
    emitDeclarations();
    const reports = apiReports(!flags.check);
    const schema = await packageSchemaText();
    const schemaFile = join(ROOT, SCHEMA_FILE);
    let current = "";
    try {
      current = readFileSync(schemaFile, "utf8");
    } catch {
      // missing counts as stale
    }
    const stale = [
      ...reports.filter((r) => r.changed).map((r) => r.report),
      ...(current !== schema ? [SCHEMA_FILE] : []),
    ];
    for (const r of reports) for (const p of r.problems) process.stderr.write(`${r.report}: ${p}\n`);
    if (flags.check) {
      for (const s of stale) process.stderr.write(`${s} is stale: run npm run api, and review the change\n`);
      return stale.length > 0 || reports.some((r) => r.problems.length > 0) ? 1 : 0;
    }
    if (current !== schema) writeFileSync(schemaFile, schema);
    process.stdout.write(stale.length ? `updated ${stale.join(", ")}\n` : "api/ is up to date\n");
    return reports.some((r) => r.problems.length > 0) ? 1 : 0;
  });
}

if (require.main === module) runAsMain(main);
