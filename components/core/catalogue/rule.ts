/**
 * One validation rule of the catalogue: its severity, when it fires (the text of the rule table in
 * docs/validation-rules.md, generated from here) and how its message and fix read, given the finding's
 * parameters. The planner states facts (names, blocks, zones); the wording lives here, once.
 */
export type Severity = "error" | "warning";

export interface Rule<P = void> {
  severity: Severity;
  /** When the rule fires, for the rule table (Markdown, one or two sentences). */
  when: string;
  message: (p: P) => string;
  fix: (p: P) => string;
}

/** A group of rules: one table (a `###` section) of docs/validation-rules.md. */
export interface RuleGroup<R extends Record<string, Rule<never>>> {
  title: string;
  rules: R;
}

/** Declares a group, keeping each rule's parameter type for `finding()`. */
export function group<R extends Record<string, Rule<never>>>(title: string, rules: R): RuleGroup<R> {
  return { title, rules };
}

/** A rule whose message and fix take the parameters P (no parameters: `rule<void>`). */
export function rule<P = void>(r: Rule<P>): Rule<P> {
  return r;
}
