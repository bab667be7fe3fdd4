/**
 * VpcEndpoints: the VPC endpoints the plan lists (components/core/vpc-endpoints.ts decides every one): an interface
 * endpoint per service with private DNS in the planned subnets, their security group, and a gateway endpoint per
 * service on the planned route tables. It only maps plan records to resources.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { EndpointsPlan } from "../core/vpc-endpoints";
import { ChildNames } from "./naming";
import { inlineRule } from "./security-groups";

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

/** What an endpoint of one kind adds to the common arguments. */
type EndpointKind = Omit<aws.ec2.VpcEndpointArgs, "vpcId" | "serviceName">;

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
    // What every endpoint has; each kind adds where it goes (subnets and the group, or route tables).
    const endpoint = (e: EndpointsPlan["interface" | "gateway"][number], kind: EndpointKind) => {
      const endpointArgs: aws.ec2.VpcEndpointArgs = {
        vpcId: args.vpcId,
        serviceName: e.serviceName,
        ...kind,
        ipAddressType: e.ipAddressType,
        dnsOptions: { dnsRecordIpType: e.dnsRecordIpType },
        tags: { ...args.tags, Name: `${args.namePrefix}-${e.name}` },
      };
      this.ids[e.service] = new aws.ec2.VpcEndpoint(names.name(e.name), endpointArgs, child(e.name)).id;
    };
    for (const e of plan.interface) {
      const subnetIds = e.subnets.map((s) => args.subnetIds[s]);
      endpoint(e, { vpcEndpointType: "Interface", privateDnsEnabled: true, subnetIds, securityGroupIds: [sg!.id] });
    }
    for (const e of plan.gateway)
      endpoint(e, { vpcEndpointType: "Gateway", routeTableIds: e.routeTables.map((s) => args.routeTableIds[s]!) });
    this.registerOutputs({ ids: this.ids, securityGroupId: this.securityGroupId });
  }
}
