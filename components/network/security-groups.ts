/**
 * ClusterSecurityGroups: the planned security groups (components/core/edge/security-groups.ts), rules inline.
 * Inline rules make each group own all of its rules: a rule added outside this stack is removed on the
 * next `pulumi up`, so what the plan shows is what is open. The groups reference each other only in one
 * direction (nodes <- control-plane <- api-lb), so there is no dependency cycle.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { SecurityGroupName, SecurityGroupPlan, SecurityGroupRule } from "../core/edge/types";
import { ChildNames, type PreviousNames } from "./naming";

export interface ClusterSecurityGroupsArgs {
  /** The planned groups, in declaration order (a group only references groups before it or the LB's). */
  groups: readonly SecurityGroupPlan[];
  /** The VPC the groups belong to. */
  vpcId: pulumi.Input<string>;
  /** The VPC's IPv6 block, for rules whose source is the VPC's IPv6 range (known at deployment). */
  vpcIpv6CidrBlock: pulumi.Input<string | undefined>;
  /** Tags for every group (the config's `tags`). */
  tags: Record<string, string>;
  /** Prefix of the groups' Name tags (the project name). */
  namePrefix: string;
  /** Where this component stood in a stack deployed by 0.1 (its groups are aliased there). */
  previous?: PreviousNames;
}

type Inline = aws.types.input.ec2.SecurityGroupIngress;

export class ClusterSecurityGroups extends pulumi.ComponentResource {
  /** Security group ids by planned name (`nodes`, `control-plane`, `api-lb`). */
  readonly ids: Partial<Record<SecurityGroupName, pulumi.Output<string>>> = {};

  static readonly TYPE = "ipv6-cluster-network:network:ClusterSecurityGroups";

  constructor(name: string, args: ClusterSecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    const type = ClusterSecurityGroups.TYPE;
    super(type, name, {}, ChildNames.componentOptions(type, opts, args.previous));
    const names = new ChildNames(name, type, args.previous);
    const ids = this.ids;
    // Each rule's family comes from the plan: its CIDR peers go in the list of that family.
    const toInline = (r: SecurityGroupRule): Inline => {
      const cidrs = r.peers.flatMap((p) => (p.kind === "cidr" ? [p.cidr] : []));
      const groups = r.peers.flatMap((p) => (p.kind === "group" ? [ids[p.group]!] : []));
      const needsVpcV6 = r.peers.some((p) => p.kind === "vpcIpv6");
      const v6 = r.family === "ipv6" ? cidrs : [];
      return {
        description: r.description,
        protocol: r.protocol,
        fromPort: r.fromPort,
        toPort: r.toPort,
        cidrBlocks: r.family === "ipv4" && cidrs.length ? cidrs : undefined,
        ipv6CidrBlocks: needsVpcV6
          ? pulumi.output(args.vpcIpv6CidrBlock).apply((b) => [...v6, ...(b ? [b] : [])])
          : v6.length
            ? v6
            : undefined,
        securityGroups: groups.length ? groups : undefined,
        self: r.peers.some((p) => p.kind === "self") || undefined,
      };
    };
    // In the plan's order: a group's rules reference only groups declared before it.
    for (const g of args.groups) {
      const sg = new aws.ec2.SecurityGroup(
        names.name(`${g.name}-sg`),
        {
          vpcId: args.vpcId,
          // No fixed name: Pulumi's auto-naming keeps two stacks in one (existing) VPC from colliding.
          description: g.description,
          ingress: g.ingress.map(toInline),
          egress: g.egress.map(toInline),
          // Deleting a group another one references fails unless the references go first.
          revokeRulesOnDelete: true,
          tags: { ...args.tags, Name: `${args.namePrefix}-${g.name}` },
        },
        names.opts(`${g.name}-sg`, { parent: this }),
      );
      ids[g.name] = sg.id;
    }
    this.registerOutputs({ ids });
  }
}
