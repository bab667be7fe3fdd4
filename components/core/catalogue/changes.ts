/**
 * Rules of changes to a deployed stack: moving an IPv4 VPC to dual-stack (subnets.ts), and the baselines
 * `npm run plan -- --against REF` compares with (components/offline/baseline.ts): a git revision, another
 * stack file, or a state exported with `pulumi stack export`.
 */
import { group, rule } from "./rule";

export const CHANGES = group("Changes to a deployed stack", {
  MIGRATION_PRIVATE_STAYS_IPV4: rule<{ name: string; ipv4: string; ipv6: string }>({
    severity: "warning",
    when:
      "`vpc.ipv6.migratedFromIpv4` is on: each Private subnet keeps its IPv4 block and gains a /64 in place " +
      "(AWS has no migration path from an IPv4 subnet to an IPv6-only one)",
    message: (p) =>
      `${p.name} keeps ${p.ipv4} and gains ${p.ipv6} in place: dual-stack, routed like a DualStack subnet ` +
      "(::/0 through the egress-only gateway), not IPv6-only",
    fix: (p) =>
      `nothing to do for the move; to build IPv6-only nodes, add new subnets (an IPv4 subnet cannot become ` +
      `IPv6-only), and before vpc.ipv6.migratedFromIpv4 can go, pin ${p.name} with type: DualStack, ` +
      `cidr: ${p.ipv4}, ipv6CIDR: ${p.ipv6}`,
  }),
  BASELINE_NOT_FOUND: rule<{ ref: string; detail: string }>({
    severity: "error",
    when: "`--against` names no file, and git knows no such revision (or the stack file is not in it)",
    message: (p) => `no baseline ${p.ref}: ${p.detail}`,
    fix: () =>
      "pass a git revision that has the stack file (HEAD, origin/main), a stack file's path, or the path of " +
      "a `pulumi stack export` file",
  }),
  BASELINE_STATE_INVALID: rule<{ detail: string }>({
    severity: "error",
    when: "the `--against` file is JSON but not a state written by `pulumi stack export` (version 3, deployment)",
    message: (p) => `not a Pulumi stack export: ${p.detail}`,
    fix: () => "write the file with `pulumi stack export --file FILE` (add --show-secrets to compare secret inputs)",
  }),
  BASELINE_OTHER_STACK: rule<{ stack: string; project: string; found: string }>({
    severity: "error",
    when: "the exported state holds resources of another stack or project, so no URN could match",
    message: (p) => `the state's resources belong to ${p.found}, not ${p.stack}::${p.project}`,
    fix: (p) => `export the state of this stack: pulumi stack export --stack ${p.stack} --file FILE`,
  }),
});
