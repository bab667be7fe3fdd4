/**
 * ipv6-cluster-network: read the stack config, look up what AWS must tell, validate and plan (pure), then
 * declare the network. Invalid config stops here, before any resource exists, with every problem listed.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatFindings } from "./components/core/findings";
import { planNetwork } from "./components/core/plan";
import { rawFromAllConfig } from "./components/program/config";
import { declareCluster } from "./components/program/declare";
import { lookupFacts } from "./components/program/facts";

export = async () => {
  const raw = rawFromAllConfig(pulumi.runtime.allConfig());
  const facts = await lookupFacts(raw);
  const result = planNetwork(raw.values, facts);
  // RunError: Pulumi prints the message without a stack trace; a config mistake is not a crash.
  if (!result.ok) throw new pulumi.RunError(formatFindings(result.findings));
  for (const w of result.plan.warnings) pulumi.log.warn(`[${w.code}] ${w.path}: ${w.message}. ${w.fix}`);
  return declareCluster(result.plan);
};
