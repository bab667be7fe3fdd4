/**
 * VpcEndpoints: the VPC endpoints the plan lists (components/core/vpc-endpoints.ts decides every one): an interface
 * endpoint per service with private DNS in the planned subnets, their security group, and a gateway endpoint per
 * service on the planned route tables. It only maps plan records to resources.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { EndpointsPlan } from "../core/vpc-endpoints";
import type { SecurityGroupRule } from "../core/edge/types";
import { ChildNames } from "./naming";

/** The args of VpcEndpoints: the plan's `endpoints` and the ids of what they go in (a DualStackVpc's). */
export interface VpcEndpointsArgs {
  /** The validated endpoints plan (a NetworkPlan's `endpoints`). */
  plan: EndpointsPlan;
  /** The VPC the endpoints and their security group go in. */
  vpcId: pulumi.Input<string>;
  /** The VPC's IPv6 block, for the security group's IPv6 rule when the plan leaves it to deployment. */
  vpcIpv6CidrBlock: pulumi.Input<string | undefined>;
  /** Subnet ids by planned subnet name. */
  subnetIds: Record<string, pulumi.Input<string>>;
  /** Route table ids by planned subnet name (the subnets this stack creates). */
  routeTableIds: Record<string, pulumi.Input<string> | undefined>;
  /** Tags for every resource (the config's `tags`). */
  tags: Record<string, string>;
  /** Prefix of the Name tags (the project name). */
  namePrefix: string;
}

/**
 * The VPC endpoints as planned: `<name>-vpce-<service>` for each (aws.ec2.VpcEndpoint, type Interface with private
 * DNS and the planned IP address and DNS record types, or Gateway on the planned route tables), and
 * `<name>-vpce-sg`, the interface endpoints' security group (HTTPS from the VPC's blocks, rules inline). Names come
 * from the services' names, so adding a service never renames another endpoint.
 */
export class VpcEndpoints extends pulumi.ComponentResource {
  /** The Pulumi type token. */
  static readonly TYPE = "ipv6-cluster-network:network:VpcEndpoints";
  /** Endpoint ids by service short name (`ecr.api`, `s3`). */
  readonly ids: Record<string, pulumi.Output<string>> = {};
  /** The interface endpoints' security group id; undefined without interface endpoints. */
  readonly securityGroupId: pulumi.Output<string> | undefined;

  constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(VpcEndpoints.TYPE, name, {}, opts);
    const names = new ChildNames(name, VpcEndpoints.TYPE);
    const { plan } = args;
    const child = (stable: string) => names.opts(stable, { parent: this });
    const sgPlan = plan.securityGroup;
    const sg = sgPlan
      ? new aws.ec2.SecurityGroup(
          names.name(`${sgPlan.name}-sg`),
          {
            vpcId: args.vpcId,
            description: sgPlan.description,
            ingress: sgPlan.ingress.map((r) => inlineRule(r, args.vpcIpv6CidrBlock)),
            // No egress rules: the endpoints only answer (security groups are stateful).
            egress: [],
            tags: { ...args.tags, Name: `${args.namePrefix}-${sgPlan.name}` },
          },
          child(`${sgPlan.name}-sg`),
        )
      : undefined;
    this.securityGroupId = sg?.id;
    for (const e of plan.interface) {
      const endpoint = new aws.ec2.VpcEndpoint(
        names.name(e.name),
        {
          vpcId: args.vpcId,
          serviceName: e.serviceName,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: e.subnets.map((s) => args.subnetIds[s]),
          securityGroupIds: [sg!.id],
          ipAddressType: e.ipAddressType,
          dnsOptions: { dnsRecordIpType: e.dnsRecordIpType },
          tags: { ...args.tags, Name: `${args.namePrefix}-${e.name}` },
        },
        child(e.name),
      );
      this.ids[e.service] = endpoint.id;
    }
    for (const e of plan.gateway) {
      const endpoint = new aws.ec2.VpcEndpoint(
        names.name(e.name),
        {
          vpcId: args.vpcId,
          serviceName: e.serviceName,
          vpcEndpointType: "Gateway",
          routeTableIds: e.routeTables.map((s) => args.routeTableIds[s]!),
          ipAddressType: e.ipAddressType,
          dnsOptions: { dnsRecordIpType: e.dnsRecordIpType },
          tags: { ...args.tags, Name: `${args.namePrefix}-${e.name}` },
        },
        child(e.name),
      );
      this.ids[e.service] = endpoint.id;
    }
    this.registerOutputs({ ids: this.ids, securityGroupId: this.securityGroupId });
  }
}

/** A planned HTTPS rule as an inline ingress rule, its VPC IPv6 peer resolved when the plan left it to AWS. */
function inlineRule(
  r: SecurityGroupRule,
  vpcIpv6: pulumi.Input<string | undefined>,
): aws.types.input.ec2.SecurityGroupIngress {
  const cidrs = r.peers.flatMap((p) => (p.kind === "cidr" ? [p.cidr] : []));
  const needsVpcV6 = r.peers.some((p) => p.kind === "vpcIpv6");
  return {
    description: r.description,
    protocol: r.protocol,
    fromPort: r.fromPort,
    toPort: r.toPort,
    cidrBlocks: r.family === "ipv4" ? cidrs : undefined,
    ipv6CidrBlocks:
      r.family === "ipv6"
        ? needsVpcV6
          ? pulumi.output(vpcIpv6).apply((b) => [...cidrs, ...(b ? [b] : [])])
          : cidrs
        : undefined,
  };
}
