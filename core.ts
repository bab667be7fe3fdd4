/**
 * `ipv6-cluster-network/core`: the pure functions, for tools and tests that need no Pulumi at all. Importing
 * this entry loads no Pulumi SDK (tests/library.test.ts checks it): validate and plan a config, read and check a
 * stack file, the finding catalogue, render a plan; diff two resource graphs (a program run, a `pulumi stack
 * export` state) with the AWS provider's replacement rules, and render the diff.
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
  EndpointServiceFact,
  SubnetPlan,
  SubnetKind,
  VpcPlan,
  Ipv6Source,
  KubernetesPlan,
  FamilyCapacity,
  RoutePlan,
  RouteTarget,
  NatGatewayPlan,
} from "./components/core/types";
export type { Family } from "./components/core/ip";
export type {
  EndpointsPlan,
  InterfaceEndpointPlan,
  GatewayEndpointPlan,
  NatTrafficReplaced,
  EndpointIpType,
} from "./components/core/vpc-endpoints";
export type {
  EdgePlan,
  ApiLoadBalancerPlan,
  LbIpAddressType,
  SecurityGroupName,
  SecurityGroupPlan,
  SecurityGroupRule,
  RulePeer,
  PrerequisiteCheck,
} from "./components/core/edge/types";
export type { EksPlan, EksAddonPlan, EksNodeGroupPlan, EksIamPlan } from "./components/core/eks/types";
export type { IamPolicyDocument, IamStatement } from "./components/core/eks/iam";
export { SecretText } from "./components/core/secret";
export {
  diffGraphs,
  urnsBy,
  destroysSomething,
  type Action,
  type GraphDiff,
  type InputChange,
  type ProtectChange,
  type ResourceChange,
} from "./components/diff/diff";
export type { GraphResource, Ref } from "./components/diff/graph";
export { graphFromState } from "./components/diff/state";
export { REPLACEMENT_RULES, type ReplacementRule, type ConditionalRule, type Inputs } from "./components/diff/rules";
export { renderDiffText, renderDiffMarkdown, type DiffHeader } from "./components/report/diff";
export type { ControlPlaneSettings } from "./components/core/kubeadm";
export type { AddonsPlan, AddonName } from "./components/core/addons";
export type { ChartSource } from "./components/core/addons/versions";
export type {
  CalicoPlan,
  CalicoInstallationSpec,
  CalicoInstallationPool,
  CalicoAutodetection,
  CalicoPool,
} from "./components/core/addons/calico";
export type { CiliumPlan, CiliumValues } from "./components/core/addons/cilium";
export type { CcmPlan, CcmManifests } from "./components/core/addons/cloud-controller-manager";
export type { CoreDnsPlan } from "./components/core/addons/coredns";
export {
  NatGatewayMode,
  SubnetType,
  Cni,
  CalicoEncapsulation,
  CiliumRoutingMode,
  LoadBalancerScheme,
  TargetType,
  IpFamily,
  Installer,
} from "./components/core/enums";
export {
  renderInstaller,
  clusterNameOf,
  placeholder,
  PLACEHOLDER_PATTERN,
  type PlaceholderKind,
  type DeployedNetwork,
  type DeployedSubnet,
  type InstallerInput,
  type RenderedSpec,
} from "./components/core/installers";
export type { StackConfig, StackConfigInput } from "./components/core/schema";
export { stackConfigSchema } from "./components/core/schema";
export { formatFinding, formatFindings, type Finding, type Severity } from "./components/core/findings";
export {
  CATALOGUE,
  GROUPS,
  type Code,
  type Catalogue,
  type RulesOf,
  type Intersection,
} from "./components/core/catalogue";
export type { Rule, RuleGroup } from "./components/core/catalogue/rule";
export type { ShapeProblem, ShapeFix } from "./components/core/catalogue/shape";
export type { YamlProblem } from "./components/core/catalogue/readers";
export type { RawConfig } from "./components/offline/stack-file";
export { checkStack, type StackCheck, type CheckOptions } from "./components/offline/check";
export { offlineFacts, readStackFile, parseStackFile, type StackFile } from "./components/offline/stack-file";
export { renderTable } from "./components/report/table";
export { renderMarkdown } from "./components/report/markdown";
export { renderSvg } from "./components/report/svg";
export { publicIpv4Summary, type PublicIpv4Summary, type PublicIpv4Line } from "./components/report/public-ipv4";
export type { EndpointsCost } from "./components/report/endpoints";

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
