/**
 * ClusterSecurityGroups: the planned security groups (components/core/edge.ts) with their rules inline.
 * Inline rules make each group own all of its rules: a rule added outside this stack is removed on the
 * next `pulumi up`, so what the plan shows is what is open. The groups reference each other only in one
 * direction (nodes <- control-plane <- api-lb), so there is no dependency cycle.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { SecurityGroupName, SecurityGroupPlan, SecurityGroupRule } from "../core/edge";

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
}

type Inline = aws.types.input.ec2.SecurityGroupIngress;

export class ClusterSecurityGroups extends pulumi.ComponentResource {
  /** Security group ids by planned name (`nodes`, `control-plane`, `api-lb`). */
  readonly ids: Partial<Record<SecurityGroupName, pulumi.Output<string>>> = {};

  constructor(name: string, args: ClusterSecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ipv6-cluster-network:network:ClusterSecurityGroups", name, {}, opts);
    const ids = this.ids;
    const toInline = (r: SecurityGroupRule): Inline => {
      const v4 = r.peers.flatMap((p) => (p.kind === "cidr" && !p.cidr.includes(":") ? [p.cidr] : []));
      const v6 = r.peers.flatMap((p) => (p.kind === "cidr" && p.cidr.includes(":") ? [p.cidr] : []));
      const groups = r.peers.flatMap((p) => (p.kind === "group" ? [ids[p.group]!] : []));
      const needsVpcV6 = r.peers.some((p) => p.kind === "vpcIpv6");
      return {
        description: r.description,
        protocol: r.protocol,
        fromPort: r.fromPort,
        toPort: r.toPort,
        cidrBlocks: v4.length ? v4 : undefined,
        ipv6CidrBlocks: needsVpcV6 ? pulumi.output(args.vpcIpv6CidrBlock).apply((b) => [...v6, ...(b ? [b] : [])]) : v6.length ? v6 : undefined,
        securityGroups: groups.length ? groups : undefined,
        self: r.peers.some((p) => p.kind === "self") || undefined,
      };
    };
    // Declare in dependency order: a group's rules may reference groups declared before it.
    const order: SecurityGroupName[] = ["nodes", "api-lb", "control-plane"];
    for (const n of order) {
      const g = args.groups.find((x) => x.name === n);
      if (!g) continue;
      const sg = new aws.ec2.SecurityGroup(`${n}-sg`, {
        vpcId: args.vpcId,
        // No fixed name: Pulumi's auto-naming keeps two stacks in one (existing) VPC from colliding.
        description: g.description,
        ingress: g.ingress.map(toInline),
        egress: g.egress.map(toInline),
        // Deleting a group another one references fails unless the references go first.
        revokeRulesOnDelete: true,
        tags: { ...args.tags, Name: `${args.namePrefix}-${n}` },
      }, { parent: this });
      ids[n] = sg.id;
    }
    this.registerOutputs({ ids });
  }
}
