/**
 * The one command-line parser of every script (plan, config:check, schema, bench): Node's `util.parseArgs`
 * in strict mode without positionals, so that a typo (`--stak dev`), a stray word, a flag given twice
 * or a flag without its value is a usage error (exit 2, the message and the usage on stderr) instead of
 * something silently ignored. `--flag value` and `--flag=value` both work; `-h` / `--help` prints the
 * usage on stdout (exit 0).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export interface Flag {
  type: "string" | "boolean";
  /** Placeholder of the value in the usage, e.g. `NAME` (string flags). */
  value?: string;
  /** One line for the usage. */
  help: string;
  /** The only values allowed (string flags). */
  choices?: readonly string[];
  required?: boolean;
}

export interface Command<F extends Record<string, Flag> = Record<string, Flag>> {
  /** How the command is run, e.g. `npm run plan --`. */
  name: string;
  /** What it does, for --help. */
  summary: string;
  flags: F;
}

/** The flags of the commands that read a stack file (plan, config:check). */
export const STACK_FLAGS = {
  stack: { type: "string", value: "NAME", help: "the stack: its file is DIR/Pulumi.NAME.yaml", required: true },
  "config-dir": { type: "string", value: "DIR", help: "directory of the stack files (default: config)" },
} as const satisfies Record<string, Flag>;

/** Bad usage: exit 2 with the message (which ends with the usage). */
export class UsageError extends Error {}

/** `--help` or `-h`: the message is the usage, for stdout, exit 0. */
export class HelpRequested extends Error {}

export type Values<F extends Record<string, Flag>> = {
  [K in keyof F]: F[K]["type"] extends "boolean" ? boolean : string | undefined;
};

const synopsis = (c: Command) =>
  `usage: ${c.name} ${Object.entries(c.flags)
    .map(([name, f]) => {
      const s = `--${name}${f.type === "string" ? ` ${f.choices ? f.choices.join("|") : (f.value ?? "VALUE")}` : ""}`;
      return f.required ? s : `[${s}]`;
    })
    .join(" ")}`;

/** The usage: synopsis and one line per flag. */
export function usage(c: Command): string {
  const rows: [string, string][] = [
    ...Object.entries(c.flags).map(([name, f]): [string, string] => [
      `--${name}${f.type === "string" ? ` ${f.value ?? "VALUE"}` : ""}`,
      f.help,
    ]),
    ["-h, --help", "print this help and exit"],
  ];
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return [synopsis(c), "", c.summary, "", ...rows.map(([l, h]) => `  ${l.padEnd(width)}${h}`)].join("\n");
}

/** Why parseArgs refused argv, in the words of docs/plan-and-check.md ("unknown argument", "needs a value"). */
function explain(c: Command, argv: readonly string[], options: ParseArgsConfig["options"], fallback: string): string {
  const { tokens = [] } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind === "positional") return `unknown argument ${t.value}`;
    if (t.kind === "option-terminator") return "unknown argument --";
    const f = c.flags[t.name];
    if (!f && t.name !== "help") return `unknown argument ${t.rawName}`;
    if (
      f?.type === "string" &&
      (t.value === undefined || t.value === "" || (!t.inlineValue && t.value.startsWith("-")))
    )
      return `${t.rawName} needs a value`;
    if (f?.type === "boolean" && t.inlineValue) return `${t.rawName} takes no value`;
  }
  return fallback;
}

/**
 * Parses argv (without node and the script) against the command's flags. Throws HelpRequested for
 * --help / -h, UsageError for anything parseArgs refuses, a flag given twice, a value not among the
 * choices, or a required flag missing.
 */
export function parseCommandLine<F extends Record<string, Flag>>(c: Command<F>, argv: readonly string[]): Values<F> {
  const text = usage(c);
  const options: NonNullable<ParseArgsConfig["options"]> = { help: { type: "boolean", short: "h" } };
  for (const [name, f] of Object.entries(c.flags)) options[name] = { type: f.type };
  // Asking for help wins over any mistake next to it.
  const end = argv.indexOf("--");
  if ((end < 0 ? argv : argv.slice(0, end)).some((a) => a === "--help" || a === "-h")) throw new HelpRequested(text);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false, tokens: true });
  } catch (e) {
    throw new UsageError(`${explain(c, argv, options, (e as Error).message)}\n${text}`);
  }
  // parseArgs keeps the last of a repeated flag: `--stack dev --stack prod` must not pick one silently.
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== "option") continue;
    if (seen.has(t.name)) throw new UsageError(`--${t.name} given twice\n${text}`);
    seen.add(t.name);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, f] of Object.entries(c.flags)) {
    const v = values[name];
    if (f.type === "string" && v === "") throw new UsageError(`--${name} needs a value\n${text}`);
    if (f.choices && typeof v === "string" && !f.choices.includes(v))
      throw new UsageError(`unknown --${name} ${v}\n${text}`);
    if (f.required && v === undefined) throw new UsageError(`${text}\n\nmissing --${name} ${f.value ?? "VALUE"}`);
    if (f.type === "boolean") values[name] = v === true;
  }
  delete values.help;
  return values as Values<F>;
}

/**
 * Runs a command's body with its parsed flags and turns the outcome into an exit code: the body's own
 * code, 0 after printing --help, 2 after printing a usage error.
 */
export async function runCommand<F extends Record<string, Flag>>(
  c: Command<F>,
  argv: readonly string[],
  body: (flags: Values<F>) => number | Promise<number>,
): Promise<number> {
  let flags: Values<F>;
  try {
    flags = parseCommandLine(c, argv);
  } catch (e) {
    if (e instanceof HelpRequested) {
      process.stdout.write(`${e.message}\n`);
      return 0;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return body(flags);
}

/**
 * For `node dist/scripts/X.js ...` (what the tests and the bench spawn): runs main on the process's
 * arguments and exits with its code. scripts/cli.js, what the npm scripts run, calls main itself.
 */
export function runAsMain(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
      process.exit(1);
    },
  );
}
