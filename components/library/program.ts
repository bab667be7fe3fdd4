/**
 * The program's body, shared by `program.ts` (config from the stack) and the Automation API's inline program
 * (config from the caller): the whole network is one Ipv6ClusterNetwork, whose resources keep the URNs the
 * program of version 0.1 gave them (aliases), so a stack deployed then moves to the library replacing nothing.
 */
import type { RawConfig } from "../program/config";
import type { ClusterOutputs } from "../program/declare";
import type { Ipv6ClusterNetworkArgs } from "./args";
import { Ipv6ClusterNetwork, type NetworkIdentity } from "./ipv6-cluster-network";

/** The name of the program's one network (its children are `network-<stable name>`). */
export const PROGRAM_NETWORK = "network";

/** Ipv6ClusterNetwork as the program declares it: every resource aliased to where 0.1 registered it. */
export class ProgramNetwork extends Ipv6ClusterNetwork {
  protected override identity(): NetworkIdentity {
    return { previous: true };
  }
}

/**
 * Declares the network of a stack's config and resolves to the stack outputs. A config that is refused rejects
 * with a ResourceError listing every finding, before any resource of the network exists.
 */
export async function runProgram(raw: RawConfig): Promise<ClusterOutputs> {
  // The config is checked by the component (shape, then rules): these are the stack's raw values.
  const args = { ...raw.values, ...(raw.region ? { region: raw.region } : {}) } as unknown as Ipv6ClusterNetworkArgs;
  return new ProgramNetwork(PROGRAM_NETWORK, args).outputs();
}
