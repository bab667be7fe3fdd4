/**
 * `ipv6-cluster-network/core`: the pure functions, for tools and tests that need no Pulumi at all. Importing
 * this entry loads no Pulumi SDK (tests/library.test.ts checks it): validate and plan a config, read and check a
 * stack file, the finding catalogue, render a plan.
 */
import { checkValues } from "./components/offline/check";
import type { PlanResult } from "./components/core/plan";
import type { Facts } from "./components/core/types";

export { PROJECT, parseStackConfig, type ParseOutcome } from "./components/core/parse";
export { planNetwork, planParsed, type PlanResult } from "./components/core/plan";
export type { NetworkPlan } from "./components/core/network-plan";
export type {
  Facts,
  InstanceTypeFact,
  SubnetPlan,
  VpcPlan,
  KubernetesPlan,
  RoutePlan,
  NatGatewayPlan,
} from "./components/core/types";
export type { StackConfig, StackConfigInput } from "./components/core/schema";
export { stackConfigSchema } from "./components/core/schema";
export { formatFinding, formatFindings, type Finding, type Severity } from "./components/core/findings";
export { CATALOGUE, GROUPS, type Code } from "./components/core/catalogue";
export { checkStack, type StackCheck, type CheckOptions } from "./components/offline/check";
export { offlineFacts, readStackFile, parseStackFile, type StackFile } from "./components/offline/stack-file";
export { renderTable } from "./components/report/table";
export { renderMarkdown } from "./components/report/markdown";
export { renderSvg } from "./components/report/svg";
export { publicIpv4Summary } from "./components/report/public-ipv4";

/**
 * Checks a config object (the stack config's values, or the library component's args without `region`) with
 * the rules of the program: the plan, or every finding. Facts default to what the offline plan assumes (the
 * region's standard zones, nothing looked up); pass real ones (e.g. from the program's lookups) to check more.
 */
export function checkStackConfig(
  config: Record<string, unknown>,
  options: { region?: string; facts?: Facts } = {},
): PlanResult {
  return checkValues(config, options.region, options.facts).result;
}
