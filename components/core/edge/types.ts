/**
 * The cluster edge as plain data, what the components declare: security groups and their rules, the
 * API-server load balancer, the prerequisite checks; and what the edge is planned from.
 */
import type { AddonsPlan } from "../addons";
import type { StackConfig } from "../schema";
import type { Facts, KubernetesPlan, SubnetKind, VpcPlan } from "../types";

/** What the edge needs to know about a subnet: its kind, whether it is adopted, and its config path. */
export interface EdgeSubnet extends SubnetKind {
  /** Adopted by id (not created here). */
  adopted: boolean;
  /** Config path for findings. */
  path: string;
}

/** What the edge is planned from: the config and the plans of the network and the cluster. */
export interface EdgeInput {
  config: StackConfig;
  vpc: VpcPlan;
  subnets: readonly EdgeSubnet[];
  kubernetes: KubernetesPlan;
  addons: AddonsPlan;
  facts: Facts;
}

/**
 * The planned security groups: `nodes` (every machine), `control-plane` (control-plane machines, with `nodes`),
 * `api-lb` (the API load balancer).
 */
export type SecurityGroupName = "nodes" | "control-plane" | "api-lb";

/** Where a rule's traffic comes from (ingress) or goes to (egress). */
export type RulePeer =
  | { kind: "self" }
  | { kind: "group"; group: SecurityGroupName }
  | { kind: "cidr"; cidr: string }
  /** The VPC's IPv6 block, resolved at deployment when AWS assigns it. */
  | { kind: "vpcIpv6" };

/** One inline rule of a security group, in one direction. */
export interface SecurityGroupRule {
  /** What the rule is for: its description in AWS. */
  description: string;
  /** `-1` = all protocols. ICMP rules carry the type in fromPort and the code (or -1) in toPort, as AWS does. */
  protocol: "-1" | "tcp" | "udp" | "icmp" | "icmpv6";
  /** First port of the range (0 with protocol `-1`); for ICMP, the ICMP type. */
  fromPort: number;
  /** Last port of the range (0 with protocol `-1`); for ICMP, the ICMP code, or -1 for every code. */
  toPort: number;
  /**
   * Address family the rule admits: both for group references, which match members' addresses of either.
   * A rule with CIDR peers has one family, and every CIDR peer is of it.
   */
  family: "ipv4" | "ipv6" | "both";
  /** Where the traffic comes from (ingress) or goes to (egress). */
  peers: RulePeer[];
}

/** One security group as planned, with every rule it has (the rules are inline: nothing else opens it). */
export interface SecurityGroupPlan {
  /** The group's planned name: ClusterSecurityGroups names it `<name>-<group>-sg`, tags it `<project>-<group>`. */
  name: SecurityGroupName;
  /** The group's description in AWS. */
  description: string;
  /** Which machines carry it. */
  attachTo: string;
  /** Inbound rules. */
  ingress: SecurityGroupRule[];
  /** Outbound rules. */
  egress: SecurityGroupRule[];
}

/**
 * The IP address types of a network load balancer
 * (AWS: `dualstack-without-public-ipv4` is for Application Load Balancers only).
 */
export type LbIpAddressType = "ipv4" | "dualstack";

/**
 * The API-server network load balancer as planned from `apiLoadBalancer`: only a combination of subnets, IP address
 * type and target IP type that AWS and Cluster API AWS accept is planned.
 */
export interface ApiLoadBalancerPlan {
  /** `apiLoadBalancer.scheme` (default internet-facing): reachable from the internet, or from inside the VPC only. */
  scheme: "internet-facing" | "internal";
  /**
   * The load balancer's IP address type: `apiLoadBalancer.ipAddressType`, else dualstack when the VPC and every one
   * of its subnets have IPv6.
   */
  ipAddressType: LbIpAddressType;
  /**
   * IP address type of the 6443 target group: `apiLoadBalancer.targetGroupIpType`, else ipv6 when the load balancer
   * is dualstack and every control-plane subnet has IPv6.
   */
  targetGroupIpType: "ipv4" | "ipv6";
  /**
   * Target type of the 6443 target group (`apiLoadBalancer.targetType`, default ip): register the control-plane
   * machines by IP address or by instance id.
   */
  targetType: "ip" | "instance";
  /**
   * Client IP preservation on the target group: always off, so the API servers see the load balancer's
   * own addresses, which the control-plane group admits by referencing the load balancer's group (with
   * instance targets AWS defaults it on, and the clients' addresses would have to be opened instead).
   */
  preserveClientIp: false;
  /** Subnet names, one per zone. */
  subnets: string[];
  /** The listener's and the targets' port: kube-apiserver's. */
  port: 6443;
}

/**
 * One prerequisite checked before deployment: an instance type of `nodes.instanceTypes`, or a zone whose type is
 * known (Local and Wavelength Zones refuse or limit IPv6 subnets).
 */
export interface PrerequisiteCheck {
  /** What was checked, e.g. `instance type m6i.large` or `zone us-east-1-nyc-1a`. */
  what: string;
  /** The outcome: ok; failed (a finding says why); not checked (no answer from AWS, e.g. offline). */
  status: "ok" | "failed" | "not checked";
  /** The outcome in a few words, e.g. `IPv6, Nitro`, `no IPv6`, or why it was not checked. */
  detail: string;
}

/**
 * The cluster edge as planned: the security groups, the API load balancer, the subnets the control plane runs in,
 * and the prerequisite checks.
 */
export interface EdgePlan {
  /** In the order they are declared: a group's rules reference only groups before it. */
  securityGroups: SecurityGroupPlan[];
  /** The API-server load balancer; absent without `apiLoadBalancer`. */
  apiLoadBalancer?: ApiLoadBalancerPlan;
  /** Subnets the control-plane machines run in (targets of the load balancer). */
  controlPlaneSubnets: string[];
  /** Instance types and zones checked against what AWS supports (shown in the plan's report). */
  prerequisites: PrerequisiteCheck[];
}
