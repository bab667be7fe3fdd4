/**
 * DualStackVpc: declares the AWS network a validated NetworkPlan describes: VPC (or an existing one),
 * IPv6 block association, internet and egress-only gateways, NAT gateways, subnets, one route table per
 * subnet with its routes. Every decision (blocks, routes, DNS64, NAT placement) was made by the planner;
 * this file only maps plan records to resources, all direct children of the component (shallow nesting
 * keeps Pulumi's per-resource stack capture cheap).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ipv6SubnetOf } from "../core/ip";
import type { RoutePlan, SubnetPlan } from "../core/types";
import type { NetworkPlan } from "../core/network-plan";

export interface DualStackVpcArgs {
  /**
   * The validated plan from `planNetwork` (components/core/plan.ts). Resource names derive from the
   * plan's subnet names and zones, so adding a zone or a subnet never renames an existing resource.
   */
  plan: NetworkPlan;
}

/** What the stack exports for each subnet. */
export interface SubnetOutput {
  id: pulumi.Output<string>;
  zone: string;
  type: string;
  /** IPv4 block (the planned one; undefined for IPv6-only subnets). */
  cidrBlock: pulumi.Input<string | undefined>;
  /** IPv6 block: planned, or derived from the VPC's assigned block at deployment. */
  ipv6CidrBlock: pulumi.Input<string | undefined>;
  /** Route table id, absent for adopted subnets (their routes are not managed here). */
  routeTableId?: pulumi.Output<string>;
}

export class DualStackVpc extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly vpcCidrBlock: pulumi.Output<string>;
  /** The VPC's IPv6 block (assigned by AWS for Amazon-provided and IPAM blocks); undefined without IPv6. */
  readonly vpcIpv6CidrBlock: pulumi.Output<string | undefined>;
  readonly internetGatewayId: pulumi.Output<string>;
  readonly egressOnlyInternetGatewayId: pulumi.Output<string | undefined>;
  /** NAT gateway ids by zone (gateways on a given Elastic IP allocation by their name `<zone>-nat-<eipalloc>`). */
  readonly natGatewayIds: Record<string, pulumi.Output<string>>;
  readonly subnets: Record<string, SubnetOutput>;

  constructor(name: string, args: DualStackVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ipv6-cluster-network:network:DualStackVpc", name, {}, opts);
    const { plan } = args;
    const parent = this;
    const tags = (n: string, extra?: Record<string, string>) => ({ ...plan.tags, Name: n, ...extra });
    // protect covers the VPC, subnets and gateways: the resources whose replacement breaks a cluster.
    const kept: pulumi.CustomResourceOptions = { parent, protect: plan.protect };

    // VPC and its IPv6 block.
    const v6 = plan.vpc.ipv6;
    let vpcId: pulumi.Output<string>;
    let vpcIpv6: pulumi.Output<string | undefined>;
    let ipv6Ready: pulumi.Resource[] = [];
    if (plan.vpc.id !== undefined) {
      vpcId = pulumi.output(plan.vpc.id);
      this.vpcCidrBlock = pulumi.output(plan.vpc.cidrBlock);
      vpcIpv6 = pulumi.output(v6?.cidrBlock);
    } else {
      const vpc = new aws.ec2.Vpc(
        "vpc",
        {
          cidrBlock: plan.vpc.cidrBlock,
          enableDnsHostnames: true,
          enableDnsSupport: true,
          assignGeneratedIpv6CidrBlock: v6?.source === "amazon" ? true : undefined,
          ipv6IpamPoolId: v6?.source === "ipam" ? v6.ipamPoolId : undefined,
          ipv6NetmaskLength: v6?.source === "ipam" ? v6.prefixLength : undefined,
          tags: tags(plan.project),
        },
        kept,
      );
      vpcId = vpc.id;
      this.vpcCidrBlock = vpc.cidrBlock;
      vpcIpv6 = vpc.ipv6CidrBlock.apply((b) => b || undefined);
      if (v6?.source === "byoip") {
        // A VPC's own arguments cannot name an EC2 BYOIP pool: the block is associated separately, and
        // every IPv6 subnet waits for that association.
        const assoc = new aws.ec2.VpcIpv6CidrBlockAssociation(
          "vpc-ipv6",
          { vpcId, ipv6Pool: v6.poolId, ipv6CidrBlock: v6.cidrBlock },
          kept,
        );
        ipv6Ready = [assoc];
        vpcIpv6 = assoc.ipv6CidrBlock;
      }
      // Lock down the default security group: with no rules in the arguments, AWS' default ones are removed.
      new aws.ec2.DefaultSecurityGroup(
        "vpc-default-sg",
        { vpcId, tags: tags(`${plan.project}-default-locked`) },
        { parent },
      );
    }
    this.vpcId = vpcId;
    this.vpcIpv6CidrBlock = vpcIpv6;

    if (plan.vpc.internetGateway === "lookup")
      throw new Error("the plan still has the internet gateway to look up: plan with the facts of lookupFacts");
    const igw =
      plan.vpc.internetGateway === "create"
        ? new aws.ec2.InternetGateway("igw", { vpcId, tags: tags(plan.project) }, kept)
        : undefined;
    const igwId = igw ? igw.id : pulumi.output(plan.vpc.internetGatewayId!);
    this.internetGatewayId = igwId;
    let eigwId: pulumi.Output<string> | undefined;
    if (v6) {
      eigwId =
        v6.egressOnlyInternetGatewayId !== undefined
          ? pulumi.output(v6.egressOnlyInternetGatewayId)
          : new aws.ec2.EgressOnlyInternetGateway("eigw", { vpcId, tags: tags(plan.project) }, kept).id;
    }
    this.egressOnlyInternetGatewayId = pulumi.output(eigwId);

    // One carrier gateway per VPC, only when a Wavelength Zone subnet routes to it (the planner decides).
    const cagwId = plan.vpc.carrierGateway
      ? new aws.ec2.CarrierGateway("cagw", { vpcId, tags: tags(plan.project) }, kept).id
      : undefined;

    // Subnets.
    const subnetIds: Record<string, pulumi.Output<string>> = {};
    this.subnets = {};
    for (const s of plan.subnets) {
      const out = s.id !== undefined ? adoptSubnet(s, parent) : createSubnet(s, vpcId, vpcIpv6, ipv6Ready, kept);
      subnetIds[s.name] = out.id;
      this.subnets[s.name] = out;
    }

    // NAT gateways, in the public subnet the planner chose. A public NAT gateway needs the internet gateway.
    this.natGatewayIds = {};
    const natIds: Record<string, pulumi.Output<string>> = {};
    for (const n of plan.natGateways) {
      const allocationId = n.allocationId ?? new aws.ec2.Eip(n.name, { domain: "vpc", tags: tags(n.name) }, kept).id;
      const nat = new aws.ec2.NatGateway(
        n.name,
        { allocationId, subnetId: subnetIds[n.subnet], tags: tags(n.name) },
        igw ? { ...kept, dependsOn: [igw] } : kept,
      );
      natIds[n.name] = nat.id;
      this.natGatewayIds[n.allocationId ? n.name : n.zone] = nat.id;
    }

    // One route table per managed subnet, associated explicitly: never the VPC's main table.
    const routeArgs = (r: RoutePlan, routeTableId: pulumi.Output<string>): aws.ec2.RouteArgs => {
      const dest =
        r.family === "ipv4"
          ? { routeTableId, destinationCidrBlock: r.destination }
          : { routeTableId, destinationIpv6CidrBlock: r.destination };
      const t = r.target;
      switch (t.kind) {
        case "internetGateway":
          return { ...dest, gatewayId: igwId };
        case "egressOnlyInternetGateway":
          return { ...dest, egressOnlyGatewayId: eigwId };
        case "natGateway":
          return { ...dest, natGatewayId: natIds[t.nat] };
        case "existingNatGateway":
          return { ...dest, natGatewayId: t.id };
        case "transitGateway":
          return { ...dest, transitGatewayId: t.id };
        case "carrierGateway":
          return { ...dest, carrierGatewayId: cagwId };
      }
    };
    for (const s of plan.subnets) {
      if (s.id !== undefined) continue;
      const rt = new aws.ec2.RouteTable(s.name, { vpcId, tags: tags(s.name) }, { parent });
      new aws.ec2.RouteTableAssociation(s.name, { routeTableId: rt.id, subnetId: subnetIds[s.name] }, { parent });
      for (const r of s.routes) new aws.ec2.Route(`${s.name}-${r.name}`, routeArgs(r, rt.id), { parent });
      this.subnets[s.name].routeTableId = rt.id;
    }

    this.registerOutputs({
      vpcId: this.vpcId,
      vpcCidrBlock: this.vpcCidrBlock,
      vpcIpv6CidrBlock: this.vpcIpv6CidrBlock,
      internetGatewayId: this.internetGatewayId,
      egressOnlyInternetGatewayId: this.egressOnlyInternetGatewayId,
      natGatewayIds: this.natGatewayIds,
      subnets: this.subnets,
    });
  }
}

function createSubnet(
  s: SubnetPlan,
  vpcId: pulumi.Output<string>,
  vpcIpv6: pulumi.Output<string | undefined>,
  ipv6Ready: pulumi.Resource[],
  opts: pulumi.CustomResourceOptions,
): SubnetOutput {
  const v6 = s.ipv6;
  // When the VPC block is only known at deployment, the subnet block comes from the VPC's real block.
  const ipv6CidrBlock =
    v6 === undefined
      ? undefined
      : v6.cidrBlock !== undefined
        ? v6.cidrBlock
        : vpcIpv6.apply((b) => ipv6SubnetOf(b!, v6.prefixLength, v6.index));
  const subnet = new aws.ec2.Subnet(
    s.name,
    {
      vpcId,
      availabilityZone: s.zone,
      cidrBlock: s.cidrBlock,
      ipv6CidrBlock,
      ipv6Native: s.ipv6Only || undefined,
      assignIpv6AddressOnCreation: v6 ? true : undefined,
      privateDnsHostnameTypeOnLaunch: s.hostnames?.type,
      enableResourceNameDnsARecordOnLaunch: s.hostnames?.aRecord || undefined,
      enableResourceNameDnsAaaaRecordOnLaunch: s.hostnames?.aaaaRecord || undefined,
      enableDns64: s.dns64,
      mapPublicIpOnLaunch: s.public ? s.mapPublicIpOnLaunch : undefined,
      tags: s.tags,
    },
    v6 && ipv6Ready.length ? { ...opts, dependsOn: ipv6Ready } : opts,
  );
  // The planned blocks are exported as they are (canonical, as AWS reports them): no extra Output chain per subnet.
  return { id: subnet.id, zone: s.zone, type: s.type, cidrBlock: s.cidrBlock, ipv6CidrBlock };
}

/** An existing subnet (`id`): looked up, not modified. */
function adoptSubnet(s: SubnetPlan, parent: pulumi.Resource): SubnetOutput {
  const found = aws.ec2.getSubnetOutput({ id: s.id! }, { parent });
  return {
    id: found.id,
    zone: s.zone,
    type: s.type,
    cidrBlock: found.cidrBlock.apply((c) => c || undefined),
    ipv6CidrBlock: found.ipv6CidrBlock.apply((c) => c || undefined),
  };
}
