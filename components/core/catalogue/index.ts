/**
 * The catalogue of every finding code: severity, when it fires, message and fix. `finding()`
 * (components/core/findings.ts) takes a code of this catalogue only, so an undocumented code does not
 * compile; docs/validation-rules.md's tables are generated from the groups (npm run docs).
 */
import type { Rule } from "./rule";
import { LOAD_BALANCER, NODES } from "./edge";
import { READERS } from "./readers";
import { ROUTING } from "./routing";
import { SHAPE } from "./shape";

/** The groups in the order of docs/validation-rules.md. */
export const GROUPS = [SHAPE, READERS, ROUTING, LOAD_BALANCER, NODES] as const;

export const CATALOGUE = { ...SHAPE.rules, ...READERS.rules, ...ROUTING.rules, ...LOAD_BALANCER.rules, ...NODES.rules };

export type Catalogue = typeof CATALOGUE;
export type Code = keyof Catalogue;
/** The parameters a code's message and fix take (void: none). */
export type ParamsOf<C extends Code> = Parameters<Catalogue[C]["message"]>[0];

/** A code's rule, with its parameter type. */
export function ruleOf<C extends Code>(code: C): Rule<ParamsOf<C>> {
  return CATALOGUE[code] as unknown as Rule<ParamsOf<C>>;
}
