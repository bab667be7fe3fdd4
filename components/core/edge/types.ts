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

export type SecurityGroupName = "nodes" | "control-plane" | "api-lb";

/** Where a rule's traffic comes from (ingress) or goes to (egress). */
export type RulePeer =
  | { kind: "self" }
  | { kind: "group"; group: SecurityGroupName }
  | { kind: "cidr"; cidr: string }
  /** The VPC's IPv6 block, resolved at deployment when AWS assigns it. */
  | { kind: "vpcIpv6" };

export interface SecurityGroupRule {
  description: string;
  /** `-1` = all protocols. ICMP rules carry the type in fromPort and the code (or -1) in toPort, as AWS does. */
  protocol: "-1" | "tcp" | "udp" | "icmp" | "icmpv6";
  fromPort: number;
  toPort: number;
  /**
   * Address family the rule admits: both for group references, which match members' addresses of either.
   * A rule with CIDR peers has one family, and every CIDR peer is of it.
   */
  family: "ipv4" | "ipv6" | "both";
  peers: RulePeer[];
}

export interface SecurityGroupPlan {
  name: SecurityGroupName;
  description: string;
  /** Which machines carry it. */
  attachTo: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

/**
 * The IP address types of a network load balancer
 * (AWS: `dualstack-without-public-ipv4` is for Application Load Balancers only).
 */
export type LbIpAddressType = "ipv4" | "dualstack";

export interface ApiLoadBalancerPlan {
  scheme: "internet-facing" | "internal";
  ipAddressType: LbIpAddressType;
  targetGroupIpType: "ipv4" | "ipv6";
  targetType: "ip" | "instance";
  /**
   * Client IP preservation on the target group: always off, so the API servers see the load balancer's
   * own addresses, which the control-plane group admits by referencing the load balancer's group (with
   * instance targets AWS defaults it on, and the clients' addresses would have to be opened instead).
   */
  preserveClientIp: false;
  /** Subnet names, one per zone. */
  subnets: string[];
  port: 6443;
}

export interface PrerequisiteCheck {
  what: string;
  status: "ok" | "failed" | "not checked";
  detail: string;
}

export interface EdgePlan {
  /** In the order they are declared: a group's rules reference only groups before it. */
  securityGroups: SecurityGroupPlan[];
  apiLoadBalancer?: ApiLoadBalancerPlan;
  /** Subnets the control-plane machines run in (targets of the load balancer). */
  controlPlaneSubnets: string[];
  prerequisites: PrerequisiteCheck[];
}
