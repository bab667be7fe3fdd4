/**
 * The policy pack's policies: each guardrail (policy/guardrails.ts) as a Pulumi policy named after its catalogue
 * code, with the catalogue's rule text as its description and its default enforcement (mandatory for an error,
 * advisory for a warning: each can be changed in the pack's config). Importing this module has no side effect:
 * policy/index.ts alone constructs the PolicyPack (which starts a gRPC server), so tests call these policies with
 * arguments of their own.
 *
 * What the engine sends is turned into plain records first: a property unknown at preview throws when read through
 * the SDK's proxy (its UnknownValueError), and becomes UNKNOWN here, so a rule can skip what it cannot know instead
 * of the whole policy being reported as not runnable.
 */
import * as aws from "@pulumi/aws";
import {
  UnknownValueError,
  validateResourceOfType,
  type PolicyConfigSchema,
  type ReportViolation,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { ruleOf } from "../components/core/catalogue";
import { defaultEnforcement, GUARDRAILS, policyName, type Guardrail } from "./guardrails";
import { StackGraph, TYPES, UNKNOWN, type PolicyRecord } from "./records";
import { DEFAULT_PRIVATE_SUBNET_TAGS, describeViolation, type RuleConfig, type Violation } from "./violations";

/** A value as plain data: UNKNOWN where reading it through the SDK's proxy says it is unknown at preview. */
export function plainValue(v: unknown): unknown {
  if (!v || typeof v !== "object") return v;
  const out: Record<string, unknown> | unknown[] = Array.isArray(v) ? [] : {};
  for (const key of Object.keys(v)) {
    let value: unknown;
    try {
      value = plainValue((v as Record<string, unknown>)[key]);
    } catch (e) {
      if (!(e instanceof UnknownValueError)) throw e;
      value = UNKNOWN;
    }
    (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** What a policy is given of a resource, by the SDK (a stack's PolicyResource, or a resource's arguments). */
interface Sent {
  type: string;
  urn: string;
  name: string;
  props: Record<string, unknown>;
  /** A stack policy's resources carry the resources each property came from. */
  propertyDependencies?: Record<string, { urn: string }[]>;
}

/** A resource as the rules read it. */
export function recordOf(r: Sent): PolicyRecord {
  const deps = Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.map((d) => d.urn)] as const);
  return {
    type: r.type,
    urn: r.urn,
    name: r.name,
    props: plainValue(r.props) as Record<string, unknown>,
    propertyDependencies: Object.fromEntries(deps),
  };
}

/** The pack's config of a policy that takes `privateSubnetTags`: the tags that mark a subnet private. */
const PRIVATE_SUBNET_TAGS: PolicyConfigSchema = {
  properties: {
    privateSubnetTags: {
      type: "object",
      description: "Tags that mark a subnet private, key to value (* for any value).",
      additionalProperties: { type: "string" },
      default: { ...DEFAULT_PRIVATE_SUBNET_TAGS },
    },
  },
};

/** Reports violations, each naming its resource. */
function reportAll(violations: Violation[], report: ReportViolation): void {
  for (const v of violations) report(describeViolation(v), v.urn);
}

/** What every policy shares: its name, description and default enforcement, from its catalogue code. */
function basics(g: Guardrail) {
  return {
    name: policyName(g.code),
    description: ruleOf(g.code).when.replace(/`/g, ""),
    enforcementLevel: defaultEnforcement(g.code),
    ...(g.takesPrivateSubnetTags ? { configSchema: PRIVATE_SUBNET_TAGS } : {}),
  };
}

/** A rule on each subnet alone, as the engine registers it (the only resource type the resource rules take). */
function resourcePolicy(g: Guardrail): ResourceValidationPolicy {
  if (g.types !== TYPES.subnet) throw new Error(`${g.code}: resource rules take subnets only`);
  const check = g.resource!;
  return {
    ...basics(g),
    validateResource: validateResourceOfType(aws.ec2.Subnet, (_props, args, report) =>
      reportAll(check(recordOf(args)), report),
    ),
  };
}

/** A rule on the whole stack, once the engine has it all. */
function stackPolicy(g: Guardrail): StackValidationPolicy {
  return {
    ...basics(g),
    validateStack: (args, report) => {
      const graph = new StackGraph(args.resources.map(recordOf));
      reportAll(g.check(graph, args.getConfig<RuleConfig>()), report);
    },
  };
}

/** The pack's policies, one per guardrail. */
export const policies: (ResourceValidationPolicy | StackValidationPolicy)[] = GUARDRAILS.map((g) =>
  g.scope === "resource" ? resourcePolicy(g) : stackPolicy(g),
);
