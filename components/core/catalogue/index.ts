/**
 * The catalogue of every finding code: severity, when it fires, message and fix. `finding()`
 * (components/core/findings.ts) takes a code of this catalogue only, so an undocumented code does not
 * compile; docs/validation-rules.md's tables are generated from the groups (npm run docs).
 */
import type { Rule, RuleGroup } from "./rule";
import { ADDONS } from "./addons";
import { CHANGES } from "./changes";
import { LOAD_BALANCER, NODES } from "./edge";
import { EKS } from "./eks";
import { INSTALLERS } from "./installers";
import { ENDPOINTS } from "./endpoints";
import { KUBERNETES } from "./kubernetes";
import { POLICY } from "./policy";
import { READERS } from "./readers";
import { ROUTING } from "./routing";
import { SHAPE } from "./shape";
import { BLOCKS, SUBNETS } from "./subnets";
import { CIDRS, EXISTING_VPC, VPC } from "./vpc";
import { ZONES } from "./zones";

/** The groups in the order of docs/validation-rules.md. A new group is one more entry here. */
export const GROUPS = [
  SHAPE,
  READERS,
  CIDRS,
  VPC,
  EXISTING_VPC,
  ZONES,
  SUBNETS,
  BLOCKS,
  ROUTING,
  KUBERNETES,
  ADDONS,
  LOAD_BALANCER,
  NODES,
  EKS,
  CHANGES,
  INSTALLERS,
  ENDPOINTS,
  POLICY,
] as const;

/** The rules of a group, by code. */
export type RulesOf<G> = G extends RuleGroup<infer R> ? R : never;
/** A union's members as one intersection (every group's rules in one object type). */
export type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Every rule by code: the groups' rules together (a code in two groups is refused by a test). */
export type Catalogue = Intersection<RulesOf<(typeof GROUPS)[number]>>;
/** Every rule of every group in one object, by code. */
export const CATALOGUE = Object.assign({}, ...GROUPS.map((g) => g.rules)) as Catalogue;

/** A finding code of the catalogue, e.g. `SUBNET_OUTSIDE_VPC`. */
export type Code = keyof Catalogue;
/** The parameters a code's message and fix take (void: none). */
export type ParamsOf<C extends Code> = Parameters<Catalogue[C]["message"]>[0];

/** A code's rule, with its parameter type. */
export function ruleOf<C extends Code>(code: C): Rule<ParamsOf<C>> {
  return CATALOGUE[code] as unknown as Rule<ParamsOf<C>>;
}
