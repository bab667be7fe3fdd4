/**
 * Composing your own from the building blocks: plan with the pure planner, then declare only the parts you
 * want under a component of your own. Here: the VPC (subnets, routes, gateways) and the security groups,
 * without the API load balancer or add-ons, inside a `MyPlatform` component.
 * (tests/library.test.ts runs it under Pulumi's mocks.)
 */
import * as pulumi from "@pulumi/pulumi";
import { checkStackConfig, ClusterSecurityGroups, DualStackVpc, formatFindings } from "ipv6-cluster-network";

export class MyPlatform extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly nodeSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: { cidrBlock: string; zones: string[] }, opts?: pulumi.ComponentResourceOptions) {
    super("my-company:platform:MyPlatform", name, {}, opts);
    // The planner checks the config with every rule (offline facts: the region's standard zones).
    const result = checkStackConfig(
      { vpc: { cidrBlock: args.cidrBlock, ipv6: {} }, zones: args.zones },
      { region: "us-east-1" },
    );
    if (!result.ok) throw new pulumi.ResourceError(formatFindings(result.findings, "Invalid network"), this, true);
    const plan = result.plan;
    const vpc = new DualStackVpc(name, { plan }, { parent: this });
    const groups = new ClusterSecurityGroups(
      name,
      {
        groups: plan.edge.securityGroups,
        vpcId: vpc.vpcId,
        vpcIpv6CidrBlock: vpc.vpcIpv6CidrBlock,
        tags: plan.tags,
        namePrefix: plan.project,
      },
      { parent: this },
    );
    this.vpcId = vpc.vpcId;
    this.nodeSecurityGroupId = groups.ids.nodes!;
    this.registerOutputs({ vpcId: this.vpcId, nodeSecurityGroupId: this.nodeSecurityGroupId });
  }
}
