/**
 * One validation rule of the catalogue: its severity, when it fires (the text of the rule table in
 * docs/validation-rules.md, generated from here) and how its message and fix read, given the finding's
 * parameters. The planner states facts (names, blocks, zones); the wording lives here, once.
 */

/** Whether a finding refuses the plan (error) or only says something worth knowing (warning). */
export type Severity = "error" | "warning";

/**
 * One rule of the catalogue: its severity, when it fires, and how a finding's message and fix read, given the
 * finding's parameters P.
 */
export interface Rule<P = void> {
  /** Whether a finding of the rule refuses the plan (error) or is only shown with it (warning). */
  severity: Severity;
  /** When the rule fires, for the rule table (Markdown, one or two sentences). */
  when: string;
  /** What is wrong, given the finding's parameters. */
  message: (p: P) => string;
  /** What to do about it, given the finding's parameters. */
  fix: (p: P) => string;
  /**
   * The fix said of a deployed resource, for the policy pack (policy/), which judges any stack's resources: only
   * where `fix` names this program's config keys. Absent: `fix` reads right for a resource too.
   */
  resourceFix?: (p: P) => string;
}

/** A group of rules: one table (a `###` section) of docs/validation-rules.md. */
export interface RuleGroup<R extends Record<string, Rule<never>>> {
  /** The group's title: the heading of its table in docs/validation-rules.md. */
  title: string;
  /** The group's rules, by code. */
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
