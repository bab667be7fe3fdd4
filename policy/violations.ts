/**
 * What the policy pack's rules report: a violation of a catalogue code (components/core/catalogue) by one resource,
 * worded by the catalogue: the planner's own rule where it is the same rule, the `Policy pack` group where the
 * planner has none. Pure: no Pulumi.
 */
import { ruleOf, type Code, type ParamsOf } from "../components/core/catalogue";
import { finding, type Severity } from "../components/core/findings";
import { isSet, UNKNOWN, type PolicyRecord } from "./records";

/** One violation: the catalogue's code, the resource it names, what is wrong and the fix. */
export interface Violation {
  /** The catalogue code, e.g. `DNS64_WITHOUT_NAT64`. */
  code: string;
  /** The URN of the resource at fault. */
  urn: string;
  /** That resource's name. */
  resource: string;
  /** What is wrong. */
  message: string;
  /** What to change. */
  fix: string;
  /** error: mandatory by default; warning: advisory. */
  severity: Severity;
}

/** A rule's settings (the policy's config in the pack). */
export interface RuleConfig {
  /**
   * Tags that mark a subnet private, key to value (`*`: any value). Default: Kubernetes' internal load balancer
   * role, `kubernetes.io/role/internal-elb` (the AWS cloud provider and load balancer controller's private subnets).
   */
  privateSubnetTags?: Record<string, string>;
}

/** The default of `privateSubnetTags`. */
export const DEFAULT_PRIVATE_SUBNET_TAGS: Readonly<Record<string, string>> = { "kubernetes.io/role/internal-elb": "*" };

/** A violation of `code` by `r`, worded by the catalogue (its resource fix where the config fix names keys). */
export function violation<C extends Code>(
  code: C,
  r: PolicyRecord,
  ...params: ParamsOf<C> extends void ? [] : [ParamsOf<C>]
): Violation {
  const f = finding(code, r.name, undefined, ...params);
  const resourceFix = ruleOf(code).resourceFix;
  const fix = resourceFix ? resourceFix(params[0] as ParamsOf<C>) : f.fix;
  return { code, urn: r.urn, resource: r.name, message: f.message, fix, severity: f.severity };
}

/** A violation as the pack reports it: code, resource, message and fix in one line. */
export function describeViolation(v: Violation): string {
  return `[${v.code}] ${v.resource}: ${v.message}. Fix: ${v.fix}`;
}

/**
 * Whether an input is set: a known value, or one unknown at preview that comes from another resource (property
 * dependencies). An unknown value with no such source is an attribute AWS computes when the program leaves the
 * input unset (a subnet's `ipv6CidrBlock`, a VPC's): not set.
 */
export function inputSet(r: PolicyRecord, key: string): boolean {
  const v = r.props[key];
  if (v === UNKNOWN) return (r.propertyDependencies?.[key]?.length ?? 0) > 0;
  return isSet(v);
}
