/**
 * How the components name their children: `<component name>-<stable name>`, the stable name coming from the
 * config (a subnet's name, a zone) or from what the resource is (`vpc`, `igw`). Two instances of a component in
 * one stack therefore never collide, and adding a zone or a subnet never renames another resource.
 *
 * Stacks deployed by the program of version 0.1 hold the same resources under other URNs: each component was a
 * child of the stack with a fixed name (`network`, `security-groups`, ...) and its children had the bare stable
 * names. Given where a component stood then (`PreviousNames`), the component and each child carry an alias to
 * that URN, so moving such a stack to the library replaces nothing (tests/library-urns.test.ts checks every
 * URN of every example stack).
 */
import * as pulumi from "@pulumi/pulumi";

/** Where a component stood in a stack deployed by 0.1: its name then, as a child of the stack. */
export interface PreviousNames {
  /** The component's name in 0.1 (`network`, `security-groups`, `api-server`, `calico`, ...). */
  name: string;
}

/** The names and options of one component's children. */
export class ChildNames {
  private readonly previousUrn?: pulumi.Output<string>;

  constructor(
    private readonly componentName: string,
    componentType: string,
    previous?: PreviousNames,
  ) {
    // A URN without a parent is one of the stack's own children, as the engine forms it.
    this.previousUrn = previous ? pulumi.createUrn(previous.name, componentType) : undefined;
  }

  /** The component's own options: with an alias to where it stood in 0.1. */
  static componentOptions<O extends pulumi.ResourceOptions>(
    type: string,
    opts: O | undefined,
    previous?: PreviousNames,
  ): O {
    const given = (opts ?? {}) as O;
    if (!previous) return given;
    return { ...given, aliases: [...(given.aliases ?? []), pulumi.createUrn(previous.name, type)] };
  }

  /** A child's resource name: `<component name>-<stable>`. */
  name(stable: string): string {
    return `${this.componentName}-${stable}`;
  }

  /** A child's options: `opts` (with its parent), plus an alias to its 0.1 URN (same type, the bare stable name). */
  opts<O extends pulumi.ResourceOptions>(stable: string, opts: O): O {
    if (!this.previousUrn) return opts;
    return { ...opts, aliases: [...(opts.aliases ?? []), { name: stable, parent: this.previousUrn }] };
  }
}
