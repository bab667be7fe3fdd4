/**
 * The program's body, shared by `index.ts` (config from the stack) and the Automation API's inline
 * program (config from the caller): parse, look up what AWS must tell, plan (pure), then declare.
 * Invalid config stops here, before any resource exists, with every problem listed.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatFindings } from "../core/findings";
import { parseStackConfig } from "../core/parse";
import { planParsed } from "../core/plan";
import type { RawConfig } from "./config";
import { declareCluster, type ClusterOutputs } from "./declare";
import { lookupFacts } from "./facts";

export async function runProgram(raw: RawConfig): Promise<ClusterOutputs> {
  // Parse, then look up: a config that is not even well-formed is refused before any call to AWS.
  const parsed = parseStackConfig(raw.values);
  if (!parsed.ok && !parsed.withoutUnknownKeys) throw new pulumi.RunError(formatFindings(parsed.findings));
  const config = parsed.ok ? parsed.config : parsed.withoutUnknownKeys!;
  const result = planParsed(parsed, await lookupFacts(config, raw.region));
  // RunError: Pulumi prints the message without a stack trace; a config mistake is not a crash.
  if (!result.ok) throw new pulumi.RunError(formatFindings(result.findings));
  for (const w of result.plan.warnings) pulumi.log.warn(`[${w.code}] ${w.path}: ${w.message}. ${w.fix}`);
  return declareCluster(result.plan);
}
