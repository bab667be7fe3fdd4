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
import { ChildNames, type PreviousNames } from "./naming";

/**
 * The args of DualStackVpc: a validated plan, of which it declares the VPC, its gateways, NAT gateways, subnets and
 * routes, and, for a stack deployed by 0.1, where the component stood then.
 */
export interface DualStackVpcArgs {
  /**
   * The validated plan from `planNetwork` (components/core/plan.ts). Resource names are the component's
   * name and the plan's subnet names and zones (`<name>-vpc`, `<name>-<subnet>`, `<name>-<zone>-nat`), so
   * adding a zone or a subnet never renames an existing resource, and two instances never collide.
   */
  plan: NetworkPlan;
  /** Where this component stood in a stack deployed by 0.1 (its resources are aliased there). */
  previous?: PreviousNames;
}

/** What the stack exports for each subnet. */
export interface SubnetOutput {
  /** The subnet's id (created, or the adopted one). */
  id: pulumi.Output<string>;
  /** The subnet's zone (Availability, Local or Wavelength Zone), as planned. */
  zone: string;
  /** The subnet's kind, as planned: Public, Utility, Private, DualStack or PrivateIPv4. */
  type: string;
  /** IPv4 block (the planned one; undefined for IPv6-only subnets). */
  cidrBlock: pulumi.Input<string | undefined>;
  /** IPv6 block: planned, or derived from the VPC's assigned block at deployment. */
  ipv6CidrBlock: pulumi.Input<string | undefined>;
  /** Route table id, absent for adopted subnets (their routes are not managed here). */
  routeTableId?: pulumi.Output<string>;
}

/** What every resource of the component shares: the plan, the component as parent, names, the Name tags. */
interface Scope {
  plan: NetworkPlan;
  parent: pulumi.Resource;
  names: ChildNames;
  /** `{ parent }` and the plan's protect: for the VPC, its IPv6 block, subnets, gateways and Elastic IPs. */
  kept: pulumi.CustomResourceOptions;
  tags: (n: string, extra?: Record<string, string>) => Record<string, string>;
}

/** The VPC as the rest of the network sees it, created or existing. */
interface VpcParts {
  id: pulumi.Output<string>;
  cidrBlock: pulumi.Output<string>;
  ipv6CidrBlock: pulumi.Output<string | undefined>;
  /** What every IPv6 subnet waits for: the BYOIP block's association, else nothing. */
  ipv6Ready: pulumi.Resource[];
}

/** The ids routes can target, by kind of gateway. */
interface Targets {
  igw?: aws.ec2.InternetGateway;
  igwId: pulumi.Output<string>;
  eigwId?: pulumi.Output<string>;
  cagwId?: pulumi.Output<string>;
  /** NAT gateway ids by planned name. */
  natIds: Record<string, pulumi.Output<string>>;
}

/**
 * The VPC part of a cluster network, declared from a validated NetworkPlan (the plan of `planNetwork` or
 * `checkStackConfig`): the VPC (or the existing one, `vpc.id`; a new VPC's default security group is emptied), a
 * bring-your-own IPv6 block's association, the internet, egress-only and carrier gateways as planned, the NAT
 * gateways with their Elastic IPs, the subnets (adopted ones are looked up, not changed), and one route table per
 * created subnet with its routes. It decides nothing: every block, route and placement comes from the plan.
 *
 * Children are direct, named `<name>-<stable name>`: `<name>-vpc`, `<name>-igw`, `<name>-eigw`, `<name>-<subnet>`
 * (subnet, route table and association), `<name>-<subnet>-ipv6-default` (a route), `<name>-<zone>-nat` (NAT gateway
 * and Elastic IP). The plan's `protect` covers the VPC, its IPv6 block, the subnets, gateways and Elastic IPs.
 */
export class DualStackVpc extends pulumi.ComponentResource {
  /** The Pulumi type token. */
  static readonly TYPE = "ipv6-cluster-network:network:DualStackVpc";
  /** The VPC's id (created, or the existing one). */
  readonly vpcId: pulumi.Output<string>;
  /** The VPC's IPv4 block. */
  readonly vpcCidrBlock: pulumi.Output<string>;
  /** The VPC's IPv6 block (assigned by AWS for Amazon-provided and IPAM blocks); undefined without IPv6. */
  readonly vpcIpv6CidrBlock: pulumi.Output<string | undefined>;
  /** The internet gateway's id: created, given (`vpc.internetGatewayId`), or the one attached to the existing VPC. */
  readonly internetGatewayId: pulumi.Output<string>;
  /** The egress-only internet gateway's id (created, or the existing VPC's given one); undefined without IPv6. */
  readonly egressOnlyInternetGatewayId: pulumi.Output<string | undefined>;
  /** NAT gateway ids by zone (gateways on a given Elastic IP allocation by their name `<zone>-nat-<eipalloc>`). */
  readonly natGatewayIds: Record<string, pulumi.Output<string>>;
  /** NAT gateway ids by their plan name (`<zone>-nat`, `<zone>-nat-<eipalloc>`), as routes name them. Not an output. */
  readonly natGatewayIdsByName: Record<string, pulumi.Output<string>>;
  /** Every subnet by its planned name, in plan order. */
  readonly subnets: Record<string, SubnetOutput>;
  /**
   * Per subnet name, what completes the subnet's routing: its route table's association and its routes (empty for
   * an adopted subnet, whose routes are not managed here). Make what needs the subnet's egress to be created wait
   * for it (`dependsOn`), e.g. EKS node groups, whose nodes must reach the API and ECR to join: it waits for a NAT
   * gateway only when the subnet routes to one, never for another zone's. Not an output.
   */
  readonly routesReady: Record<string, pulumi.Resource[]>;

  constructor(name: string, args: DualStackVpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super(DualStackVpc.TYPE, name, {}, ChildNames.componentOptions(DualStackVpc.TYPE, opts, args.previous));
    const { plan } = args;
    const scope: Scope = {
      plan,
      parent: this,
      names: new ChildNames(name, DualStackVpc.TYPE, args.previous),
      // protect covers the VPC, subnets and gateways: the resources whose replacement breaks a cluster.
      kept: { parent: this, protect: plan.protect },
      tags: (n, extra) => ({ ...plan.tags, Name: n, ...extra }),
    };
    const vpc = declareVpc(scope);
    this.vpcId = vpc.id;
    this.vpcCidrBlock = vpc.cidrBlock;
    this.vpcIpv6CidrBlock = vpc.ipv6CidrBlock;
    const gateways = declareGateways(scope, vpc.id);
    this.internetGatewayId = gateways.igwId;
    this.egressOnlyInternetGatewayId = pulumi.output(gateways.eigwId);
    this.subnets = declareSubnets(scope, vpc);
    const nat = declareNatGateways(scope, this.subnets, gateways.igw);
    this.natGatewayIds = nat.byKey;
    this.natGatewayIdsByName = nat.byName;
    this.routesReady = declareRouteTables(scope, vpc.id, this.subnets, { ...gateways, natIds: nat.byName });

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

/** The VPC and its IPv6 block: the existing one as given, or a new VPC with its default security group locked. */
function declareVpc(sc: Scope): VpcParts {
  const { plan, kept, tags } = sc;
  const v6 = plan.vpc.ipv6;
  if (plan.vpc.id !== undefined)
    return {
      id: pulumi.output(plan.vpc.id),
      cidrBlock: pulumi.output(plan.vpc.cidrBlock),
      ipv6CidrBlock: pulumi.output(v6?.cidrBlock),
      ipv6Ready: [],
    };
  const vpc = new aws.ec2.Vpc(
    sc.names.name("vpc"),
    {
      cidrBlock: plan.vpc.cidrBlock,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      assignGeneratedIpv6CidrBlock: v6?.source === "amazon" ? true : undefined,
      ipv6IpamPoolId: v6?.source === "ipam" ? v6.ipamPoolId : undefined,
      ipv6NetmaskLength: v6?.source === "ipam" ? v6.prefixLength : undefined,
      tags: tags(plan.project),
    },
    sc.names.opts("vpc", kept),
  );
  const vpcId = vpc.id;
  const parts: VpcParts = {
    id: vpcId,
    cidrBlock: vpc.cidrBlock,
    ipv6CidrBlock: vpc.ipv6CidrBlock.apply((b) => b || undefined),
    ipv6Ready: [],
  };
  if (v6?.source === "byoip") {
    // A VPC's own arguments cannot name an EC2 BYOIP pool: the block is associated separately, and
    // every IPv6 subnet waits for that association.
    const assoc = new aws.ec2.VpcIpv6CidrBlockAssociation(
      sc.names.name("vpc-ipv6"),
      { vpcId, ipv6Pool: v6.poolId, ipv6CidrBlock: v6.cidrBlock },
      sc.names.opts("vpc-ipv6", kept),
    );
    parts.ipv6Ready = [assoc];
    parts.ipv6CidrBlock = assoc.ipv6CidrBlock;
  }
  // Lock down the default security group: with no rules in the arguments, AWS' default ones are removed.
  new aws.ec2.DefaultSecurityGroup(
    sc.names.name("vpc-default-sg"),
    { vpcId, tags: tags(`${plan.project}-default-locked`) },
    sc.names.opts("vpc-default-sg", { parent: sc.parent }),
  );
  return parts;
}

/** The internet gateway (given or new), the egress-only one (with IPv6) and the carrier gateway (if routed to). */
function declareGateways(sc: Scope, vpcId: pulumi.Output<string>): Omit<Targets, "natIds"> {
  const { plan, kept, tags, names } = sc;
  if (plan.vpc.internetGateway === "lookup")
    throw new Error("the plan still has the internet gateway to look up: plan with the facts of lookupFacts");
  const igw =
    plan.vpc.internetGateway === "create"
      ? new aws.ec2.InternetGateway(names.name("igw"), { vpcId, tags: tags(plan.project) }, names.opts("igw", kept))
      : undefined;
  const igwId = igw ? igw.id : pulumi.output(plan.vpc.internetGatewayId!);
  const v6 = plan.vpc.ipv6;
  let eigwId: pulumi.Output<string> | undefined;
  // Given, created or none: the planner's decision (plan.vpc.ipv6.egressOnlyGateway).
  if (v6 && v6.egressOnlyGateway !== "none") {
    eigwId =
      v6.egressOnlyGateway === "given"
        ? pulumi.output(v6.egressOnlyInternetGatewayId!)
        : new aws.ec2.EgressOnlyInternetGateway(
            names.name("eigw"),
            { vpcId, tags: tags(plan.project) },
            names.opts("eigw", kept),
          ).id;
  }
  // One carrier gateway per VPC, only when a Wavelength Zone subnet routes to it (the planner decides).
  const cagwId = plan.vpc.carrierGateway
    ? new aws.ec2.CarrierGateway(names.name("cagw"), { vpcId, tags: tags(plan.project) }, names.opts("cagw", kept)).id
    : undefined;
  return { igw, igwId, eigwId, cagwId };
}

/** The subnets in plan order: created, or looked up when adopted (`id`). */
function declareSubnets(sc: Scope, vpc: VpcParts): Record<string, SubnetOutput> {
  const subnets: Record<string, SubnetOutput> = {};
  for (const s of sc.plan.subnets)
    subnets[s.name] = s.id !== undefined ? adoptSubnet(s, sc.parent) : createSubnet(s, vpc, sc.names, sc.kept);
  return subnets;
}

/**
 * NAT gateways, in the public subnet the planner chose, each on its own new Elastic IP or the given
 * allocation. A public NAT gateway needs the internet gateway. Returns their ids by planned name, and
 * by the key the stack exports (the zone, or the name for a given allocation).
 */
function declareNatGateways(
  sc: Scope,
  subnets: Record<string, SubnetOutput>,
  igw: aws.ec2.InternetGateway | undefined,
): { byName: Record<string, pulumi.Output<string>>; byKey: Record<string, pulumi.Output<string>> } {
  const { kept, tags, names } = sc;
  const byName: Record<string, pulumi.Output<string>> = {};
  const byKey: Record<string, pulumi.Output<string>> = {};
  for (const n of sc.plan.natGateways) {
    const eip = () =>
      new aws.ec2.Eip(names.name(n.name), { domain: "vpc", tags: tags(n.name) }, names.opts(n.name, kept));
    const allocationId = n.allocationId ?? eip().id;
    const nat = new aws.ec2.NatGateway(
      names.name(n.name),
      { allocationId, subnetId: subnets[n.subnet].id, tags: tags(n.name) },
      names.opts(n.name, igw ? { ...kept, dependsOn: [igw] } : kept),
    );
    byName[n.name] = nat.id;
    byKey[n.allocationId ? n.name : n.zone] = nat.id;
  }
  return { byName, byKey };
}

/**
 * One route table per managed subnet, associated explicitly (never the VPC's main table), with its routes.
 * Returns, per subnet, its association and routes (none for an adopted subnet).
 */
function declareRouteTables(
  sc: Scope,
  vpcId: pulumi.Output<string>,
  subnets: Record<string, SubnetOutput>,
  targets: Targets,
): Record<string, pulumi.Resource[]> {
  const { names, parent } = sc;
  const ready: Record<string, pulumi.Resource[]> = {};
  for (const s of sc.plan.subnets) {
    ready[s.name] = [];
    if (s.id !== undefined) continue;
    // The route table and its association are named after the subnet (other types: no clash with it).
    const [name, opts] = [names.name(s.name), names.opts(s.name, { parent })];
    const rt = new aws.ec2.RouteTable(name, { vpcId, tags: sc.tags(s.name) }, opts);
    ready[s.name].push(
      new aws.ec2.RouteTableAssociation(name, { routeTableId: rt.id, subnetId: subnets[s.name].id }, opts),
    );
    for (const r of s.routes) {
      const stable = `${s.name}-${r.name}`;
      ready[s.name].push(
        new aws.ec2.Route(names.name(stable), routeArgs(r, rt.id, targets), names.opts(stable, { parent })),
      );
    }
    subnets[s.name].routeTableId = rt.id;
  }
  return ready;
}

/** A planned route's arguments: its destination in its family's field, its target's id in the target's field. */
function routeArgs(r: RoutePlan, routeTableId: pulumi.Output<string>, targets: Targets): aws.ec2.RouteArgs {
  const dest =
    r.family === "ipv4"
      ? { routeTableId, destinationCidrBlock: r.destination }
      : { routeTableId, destinationIpv6CidrBlock: r.destination };
  const t = r.target;
  switch (t.kind) {
    case "internetGateway":
      return { ...dest, gatewayId: targets.igwId };
    case "egressOnlyInternetGateway":
      return { ...dest, egressOnlyGatewayId: targets.eigwId };
    case "natGateway":
      return { ...dest, natGatewayId: targets.natIds[t.nat] };
    case "existingNatGateway":
      return { ...dest, natGatewayId: t.id };
    case "transitGateway":
      return { ...dest, transitGatewayId: t.id };
    case "carrierGateway":
      return { ...dest, carrierGatewayId: targets.cagwId };
  }
}

function createSubnet(
  s: SubnetPlan,
  vpc: VpcParts,
  names: ChildNames,
  opts: pulumi.CustomResourceOptions,
): SubnetOutput {
  const { id: vpcId, ipv6CidrBlock: vpcIpv6, ipv6Ready } = vpc;
  const v6 = s.ipv6;
  // When the VPC block is only known at deployment, the subnet block comes from the VPC's real block.
  const ipv6CidrBlock =
    v6 === undefined
      ? undefined
      : v6.cidrBlock !== undefined
        ? v6.cidrBlock
        : vpcIpv6.apply((b) => ipv6SubnetOf(b!, v6.prefixLength, v6.index));
  const subnet = new aws.ec2.Subnet(
    names.name(s.name),
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
    names.opts(s.name, v6 && ipv6Ready.length ? { ...opts, dependsOn: ipv6Ready } : opts),
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
