/**
 * The policy pack's guardrails, one per catalogue code: which rule checks it, on what. The pack (policy/policies.ts)
 * makes each a Pulumi policy named after its code; `checkStack` runs them all on plain records, for tests and for
 * any caller without an engine. Pure: no Pulumi.
 */
import { ruleOf, type Code } from "../components/core/catalogue";
import { dualStackLoadBalancerWithoutIpv6, ipv6TargetGroupWithoutIpv6, worldOpenIngress } from "./edge-rules";
import {
  dns64WithoutNat64,
  ipv6OnlySubnetHostnames,
  privateSubnetToInternetGateway,
  publicIpv4OnLaunch,
} from "./network-rules";
import { StackGraph, TYPES, type PolicyRecord, type Types } from "./records";
import type { RuleConfig, Violation } from "./violations";

/** One guardrail: a catalogue code and the rule that reports it. */
export interface Guardrail {
  /** The code it reports; its policy name, description and default enforcement come from the catalogue. */
  code: Code;
  /**
   * resource: judged on each resource of `types` alone (the engine asks as each is registered); stack: on the
   * whole stack once it is planned, because the rule spans resources (a subnet and its route table's routes).
   */
  scope: "resource" | "stack";
  /** A resource rule's resource types. */
  types?: Types;
  /** A resource rule, on one resource. */
  resource?: (r: PolicyRecord) => Violation[];
  /** The rule on the whole stack (a resource rule: on each resource of its types). */
  check: (g: StackGraph, config: RuleConfig) => Violation[];
  /** Whether it takes `privateSubnetTags` (the policy's config). */
  takesPrivateSubnetTags?: boolean;
}

/** A rule judged on each resource of `types` alone. */
function perResource(code: Code, types: Types, resource: (r: PolicyRecord) => Violation[]): Guardrail {
  return { code, scope: "resource", types, resource, check: (g) => g.ofType(types).flatMap(resource) };
}

/** Every guardrail, in the order the docs list them. */
export const GUARDRAILS: readonly Guardrail[] = [
  { code: "DNS64_WITHOUT_NAT64", scope: "stack", check: dns64WithoutNat64 },
  perResource("IPV6_ONLY_SUBNET_HOSTNAMES", TYPES.subnet, ipv6OnlySubnetHostnames),
  {
    code: "PRIVATE_SUBNET_TO_INTERNET_GATEWAY",
    scope: "stack",
    check: privateSubnetToInternetGateway,
    takesPrivateSubnetTags: true,
  },
  perResource("PUBLIC_IPV4_ON_LAUNCH", TYPES.subnet, publicIpv4OnLaunch),
  { code: "WORLD_OPEN_INGRESS", scope: "stack", check: worldOpenIngress },
  { code: "LB_DUALSTACK_WITHOUT_IPV6", scope: "stack", check: dualStackLoadBalancerWithoutIpv6 },
  { code: "LB_IPV6_TARGETS_WITHOUT_IPV6", scope: "stack", check: ipv6TargetGroupWithoutIpv6 },
];

/** A code's policy name: `DNS64_WITHOUT_NAT64` is `dns64-without-nat64` (what the pack's config names). */
export function policyName(code: string): string {
  return code.toLowerCase().replace(/_/g, "-");
}

/** A guardrail's default enforcement: mandatory for what the catalogue calls an error, advisory for a warning. */
export function defaultEnforcement(code: Code): "mandatory" | "advisory" {
  return ruleOf(code).severity === "error" ? "mandatory" : "advisory";
}

/** Every violation of every guardrail in a stack's records; `config` by policy name. */
export function checkStack(
  records: readonly PolicyRecord[],
  config: Readonly<Record<string, RuleConfig>> = {},
): Violation[] {
  const g = new StackGraph(records);
  return GUARDRAILS.flatMap((r) => r.check(g, config[policyName(r.code)] ?? {}));
}
