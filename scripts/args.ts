/**
 * Flag parsing shared by the plan and config:check commands: `--flag value` pairs only, so that a typo
 * (`--stak dev`) or a flag without its value is a usage error (exit 2) instead of a silently ignored flag.
 */
export class UsageError extends Error {}

export function parseFlags(argv: readonly string[], known: readonly string[], usage: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    if (!known.includes(flag)) throw new UsageError(`unknown argument ${flag}\n${usage}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`${flag} needs a value\n${usage}`);
    if (flag in out) throw new UsageError(`${flag} given twice\n${usage}`);
    out[flag] = value;
  }
  return out;
}
