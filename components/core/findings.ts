/**
 * Findings: what validation reports. Every finding names a stable code (services using the Automation API
 * branch on it), the config key path as `pulumi config set --path` spells it, the offending value, what is
 * wrong and how to fix it. Validators return lists; nothing is thrown until every rule has run, so a user
 * sees every problem at once.
 */
import { ruleOf, type Code, type ParamsOf } from "./catalogue";
import type { Severity } from "./catalogue/rule";

export type { Severity };

/**
 * One problem validation found: its stable code, the config key path and the value there, what is wrong and how to
 * fix it.
 */
export interface Finding {
  /** Stable, machine-readable code, e.g. `SUBNET_OUTSIDE_VPC`. */
  code: string;
  /** Key path inside the project's config namespace, e.g. `subnets[2].ipv6CIDR`. */
  path: string;
  /** The offending value as found in the config (undefined when the key is missing). */
  value: unknown;
  /** What is wrong. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** `error` refuses the config; `warning` is shown with the plan. */
  severity: Severity;
}

/**
 * A finding of a catalogue code (components/core/catalogue): its severity, message and fix come from the
 * catalogue, given the facts in `params`. The path and value say where in the config.
 */
export function finding<C extends Code>(
  code: C,
  path: string,
  value: unknown,
  ...params: ParamsOf<C> extends void ? [] : [ParamsOf<C>]
): Finding {
  const r = ruleOf(code);
  const p = params[0] as ParamsOf<C>;
  return { code, path, value, message: r.message(p), fix: r.fix(p), severity: r.severity };
}

/** Renders a value the way it would be written in a stack file. */
export function show(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (typeof value === "string") return JSON.stringify(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 120 ? s.slice(0, 117) + "..." : s;
  } catch {
    return String(value);
  }
}

/**
 * `  [CODE] path = value: message` and the fix on the next line. Without a value (a key that is not set, a
 * position in a file) the `= value` part is left out: `  [CONFIG_YAML] config/Pulumi.dev.yaml:5:3: ...`.
 */
export function formatFinding(f: Finding): string {
  const value = f.value === undefined ? "" : ` = ${show(f.value)}`;
  return `  [${f.code}] ${f.path}${value}: ${f.message}\n      fix: ${f.fix}`;
}

/**
 * The errors among `findings` as one text: `<header>: <n> problems`, then each as formatFinding writes it. Warnings
 * are left out.
 */
export function formatFindings(findings: readonly Finding[], header = "Invalid stack config"): string {
  const errors = findings.filter((f) => f.severity === "error");
  const lines = [`${header}: ${errors.length} problem${errors.length === 1 ? "" : "s"}`];
  for (const f of errors) lines.push(formatFinding(f));
  return lines.join("\n");
}

/**
 * Thrown by the pure core when the config has errors. The message lists every problem; `findings` carries
 * them as data for programmatic callers.
 */
export class ConfigError extends Error {
  readonly findings: readonly Finding[];
  constructor(findings: readonly Finding[], header?: string) {
    super(formatFindings(findings, header));
    this.name = "ConfigError";
    this.findings = findings;
  }
}

/** Key path helper: `at("subnets", 2, "cidr")` -> `subnets[2].cidr`. */
export function at(...parts: (string | number)[]): string {
  let out = "";
  for (const p of parts) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}
