/**
 * What can go wrong when a service drives a stack, as distinct error classes with messages that say
 * what to do, and the one function that maps the Automation API's errors onto them. Pure: no Pulumi
 * import (the mapping reads error names and CLI output text).
 */
import type { Finding } from "../core/findings";

/** Which error an AutomationError is, for callers that branch on a value rather than on a class. */
export type AutomationErrorKind =
  "cli-not-found" | "credentials" | "stack-locked" | "stack-not-found" | "update-failed" | "config-invalid";

/**
 * What this module throws when driving a stack fails: one subclass per cause, each with a message that says what to
 * do and the error it was mapped from as `cause`.
 */
export abstract class AutomationError extends Error {
  /** Which error this is (one value per subclass). */
  abstract readonly kind: AutomationErrorKind;
  /** `cause`: the error this one was mapped from (the Automation API's CommandError, usually). */
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = new.target.name;
  }
}

/** The `pulumi` CLI is not installed or not on PATH. */
export class PulumiCliNotFoundError extends AutomationError {
  /** Always `cli-not-found`. */
  readonly kind = "cli-not-found";
}

/** No Pulumi backend login, or no (or expired) AWS credentials. */
export class CredentialsError extends AutomationError {
  /** Always `credentials`. */
  readonly kind = "credentials";
}

/** Another update holds the stack's lock. */
export class StackLockedError extends AutomationError {
  /** Always `stack-locked`. */
  readonly kind = "stack-locked";
}

/**
 * `outputs` or `destroy` of an environment that has no stack in the backend, or whose stack holds no
 * outputs (never deployed, or destroyed). These two never create a stack: `preview` and `up` do.
 */
export class StackMissingError extends AutomationError {
  /** Always `stack-not-found`. */
  readonly kind = "stack-not-found";
}

/** The engine ran and the update (or preview, or destroy) failed; `summary` is the CLI's own report. */
export class UpdateFailedError extends AutomationError {
  /** Always `update-failed`. */
  readonly kind = "update-failed";
  constructor(
    message: string,
    /** The last lines of the CLI's output, where the engine summarizes the failure. */
    readonly summary: string,
    cause?: unknown,
  ) {
    super(message, cause);
  }
}

/** The stack config (file plus overrides) is invalid: nothing was run. `findings` lists every problem. */
export class ConfigInvalidError extends AutomationError {
  /** Always `config-invalid`. */
  readonly kind = "config-invalid";
  constructor(
    message: string,
    /** What the check found: every error, with any warnings alongside them. */
    readonly findings: readonly Finding[],
    cause?: unknown,
  ) {
    super(message, cause);
  }
}

/** The text the CLI printed: CommandError carries it in its message (`code: ... stdout: ... stderr: ...`). */
function cliText(e: unknown): string {
  if (e instanceof Error) return `${e.message}`;
  return String(e);
}

/** Findings the program printed (`[CODE] path = value: message` / `fix: ...`), e.g. from AWS lookups. */
export function findingsFromText(text: string): Finding[] {
  const out: Finding[] = [];
  const re = /\[([A-Z][A-Z0-9_]+)\] (\S+) = (.*?): (.*)\n\s+fix: (.*)/g;
  for (const m of text.matchAll(re)) {
    let value: unknown = m[3];
    try {
      value = m[3] === "(not set)" ? undefined : JSON.parse(m[3]);
    } catch {
      // keep the text
    }
    out.push({ code: m[1], path: m[2], value, message: m[4], fix: m[5], severity: "error" });
  }
  return out;
}

const CREDENTIALS = [
  /PULUMI_ACCESS_TOKEN/i,
  /pulumi login/i,
  /not logged in/i,
  /no credentials/i,
  /NoCredentialProviders/,
  /no valid credential sources/i,
  /ExpiredToken|InvalidClientTokenId|UnrecognizedClientException/,
  /passphrase must be set|PULUMI_CONFIG_PASSPHRASE/,
];

/** The last lines of the CLI's output, where the engine's summary of a failure is. */
function tail(text: string, lines = 15): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}

/**
 * Maps what the Automation API threw onto this module's errors. `action` names what was attempted, for
 * the message. Errors that are already ours pass through.
 */
export function mapAutomationError(e: unknown, action: string, env: string): AutomationError {
  if (e instanceof AutomationError) return e;
  const text = cliText(e);
  const name = e instanceof Error ? e.name : "";
  if (/ENOENT/.test(text) && /\bpulumi\b/.test(text)) {
    return new PulumiCliNotFoundError(
      `${action} ${env}: the pulumi CLI was not found. Install it (https://www.pulumi.com/docs/install/) and put it on PATH, or pass options.pulumiCommand`,
      e,
    );
  }
  if (name === "ConcurrentUpdateError" || /Another update is currently in progress|currently locked by/.test(text)) {
    return new StackLockedError(
      `${action} ${env}: the stack is locked by another update. Wait for it to finish; ` +
        `if it crashed, run \`pulumi cancel --stack ${env}\` ` +
        "(or `pulumi stack export | pulumi stack import` for a file backend lock)",
      e,
    );
  }
  if (name === "StackNotFoundError" || /no stack named .* found/.test(text)) {
    return new StackMissingError(
      `${action} ${env}: the backend has no stack ${env}. ` +
        "Check the backend you are logged in to (`pulumi whoami -v`, PULUMI_BACKEND_URL), or deploy it first with up",
      e,
    );
  }
  if (CREDENTIALS.some((re) => re.test(text))) {
    return new CredentialsError(
      `${action} ${env}: missing or invalid credentials. ` +
        "Run `pulumi login` (or set PULUMI_ACCESS_TOKEN / PULUMI_BACKEND_URL and PULUMI_CONFIG_PASSPHRASE), " +
        "and provide AWS credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)",
      e,
    );
  }
  const findings = findingsFromText(text);
  if (findings.length) {
    return new ConfigInvalidError(
      `${action} ${env}: the program refused the stack config:\n` +
        findings.map((f) => `  [${f.code}] ${f.path}: ${f.message}`).join("\n"),
      findings,
      e,
    );
  }
  return new UpdateFailedError(`${action} ${env} failed; the engine said:\n${tail(text)}`, tail(text, 40), e);
}
