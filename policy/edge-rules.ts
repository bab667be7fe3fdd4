/**
 * The pack's rules about security groups and load balancers, as pure functions over the stack's records
 * (policy/records.ts): nothing open to the whole internet but a load balancer's listener ports and path-MTU ICMP;
 * a dual-stack load balancer only in subnets with IPv6; IPv6 targets only in a VPC with IPv6. No Pulumi here.
 */
import { asList, TYPES, type PolicyRecord, type StackGraph } from "./records";
import { inputSet, violation, type Violation } from "./violations";

/** One ingress rule, wherever it is declared: inline in a group, or a rule resource of its own. */
interface IngressView {
  /** The group it opens (undefined when the stack does not declare it). */
  group?: PolicyRecord;
  /** The resource that declares it: the group (inline rules) or the rule resource. */
  record: PolicyRecord;
  protocol: string;
  from: unknown;
  to: unknown;
  /** Its CIDR sources, both families. */
  cidrs: unknown[];
}

const WORLD = ["0.0.0.0/0", "::/0"];

/** AWS' protocol names and numbers as one name: tcp, udp, icmp, icmpv6, or -1 (all). */
function protocolName(p: unknown): string {
  const s = String(p).toLowerCase();
  return ({ "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6", all: "-1" } as Record<string, string>)[s] ?? s;
}

/** Every ingress rule of the stack: inline (aws.ec2.SecurityGroup), aws.ec2.SecurityGroupRule, aws.vpc's. */
function ingressViews(g: StackGraph): IngressView[] {
  const inline = g.ofType(TYPES.securityGroup).flatMap((sg) =>
    asList(sg.props.ingress).flatMap((x) => {
      if (!x || typeof x !== "object") return [];
      const r = x as Record<string, unknown>;
      const cidrs = [...asList(r.cidrBlocks), ...asList(r.ipv6CidrBlocks)];
      return [{ group: sg, record: sg, protocol: protocolName(r.protocol), from: r.fromPort, to: r.toPort, cidrs }];
    }),
  );
  const rules = g
    .ofType(TYPES.securityGroupRule)
    .filter((r) => r.props.type === "ingress")
    .map((r) => ({
      group: g.ref(r, "securityGroupId", TYPES.securityGroup),
      record: r,
      protocol: protocolName(r.props.protocol),
      from: r.props.fromPort,
      to: r.props.toPort,
      cidrs: [...asList(r.props.cidrBlocks), ...asList(r.props.ipv6CidrBlocks)],
    }));
  const vpcRules = g.ofType(TYPES.ingressRule).map((r) => ({
    group: g.ref(r, "securityGroupId", TYPES.securityGroup),
    record: r,
    protocol: protocolName(r.props.ipProtocol),
    from: r.props.fromPort,
    to: r.props.toPort,
    cidrs: [r.props.cidrIpv4, r.props.cidrIpv6],
  }));
  return [...inline, ...rules, ...vpcRules];
}

/** The ports of the listeners of the load balancers a group is attached to. */
function listenerPorts(g: StackGraph, group: PolicyRecord): Set<unknown> {
  const lbs = g
    .ofType(TYPES.loadBalancer)
    .filter((lb) => g.refs(lb, "securityGroups", TYPES.securityGroup).includes(group));
  const listeners = lbs.flatMap((lb) => g.referrers(lb, TYPES.listener, "loadBalancerArn"));
  return new Set(listeners.map((l) => l.props.port));
}

/**
 * What may be open to the whole internet: path-MTU ICMP (IPv4 "fragmentation needed", type 3 code 4, RFC 1191;
 * ICMPv6 "packet too big", type 2, RFC 8201: routers send them from anywhere on the path, and dropping them
 * stalls connections), and a load balancer's listener ports on the group attached to it.
 */
function allowed(g: StackGraph, v: IngressView, cidr: string): boolean {
  if (v.protocol === "icmp") return cidr === "0.0.0.0/0" && v.from === 3 && v.to === 4;
  if (v.protocol === "icmpv6") return cidr === "::/0" && v.from === 2;
  if ((v.protocol !== "tcp" && v.protocol !== "udp") || !v.group) return false;
  if (typeof v.from !== "number" || typeof v.to !== "number" || v.to - v.from > 64) return false;
  const ports = listenerPorts(g, v.group);
  for (let p = v.from; p <= v.to; p++) if (!ports.has(p)) return false;
  return true;
}

/** A rule in words: `tcp 22`, `all traffic`, `icmp type 8 code -1`. */
function ruleWords(v: IngressView, cidr: string): string {
  const what =
    v.protocol === "-1"
      ? "all traffic"
      : v.protocol.startsWith("icmp")
        ? `${v.protocol} type ${v.from} code ${v.to}`
        : `${v.protocol} ${v.from === v.to ? v.from : `${v.from}-${v.to}`}`;
  return `${what} from ${cidr}`;
}

/** WORLD_OPEN_INGRESS: nothing open to 0.0.0.0/0 or ::/0 but listener ports and path-MTU ICMP. */
export function worldOpenIngress(g: StackGraph): Violation[] {
  return ingressViews(g).flatMap((v) =>
    v.cidrs
      .filter((c): c is string => typeof c === "string" && WORLD.includes(c) && !allowed(g, v, c))
      .map((c) =>
        violation("WORLD_OPEN_INGRESS", v.record, {
          group: v.group?.name ?? "(not in this stack)",
          rule: ruleWords(v, c),
        }),
      ),
  );
}

/** Whether a subnet has IPv6: a block set (or given at deployment from another resource), or IPv6-only. */
function subnetHasIpv6(s: PolicyRecord): boolean {
  return inputSet(s, "ipv6CidrBlock") || s.props.ipv6Native === true || s.props.assignIpv6AddressOnCreation === true;
}

/** Whether a VPC has IPv6 (undefined: a VPC the stack does not declare, not judged). */
function vpcHasIpv6(g: StackGraph, vpc: PolicyRecord | undefined): boolean {
  if (!vpc) return true;
  if (vpc.props.assignGeneratedIpv6CidrBlock === true || inputSet(vpc, "ipv6CidrBlock")) return true;
  if (inputSet(vpc, "ipv6IpamPoolId")) return true;
  return g.referrers(vpc, TYPES.vpcIpv6Block, "vpcId").length > 0;
}

/** LB_DUALSTACK_WITHOUT_IPV6: a dual-stack load balancer needs IPv6 in every one of its subnets. */
export function dualStackLoadBalancerWithoutIpv6(g: StackGraph): Violation[] {
  return g.ofType(TYPES.loadBalancer).flatMap((lb) => {
    const type = lb.props.ipAddressType;
    if (type !== "dualstack" && type !== "dualstack-without-public-ipv4") return [];
    const subnets = new Set([
      ...g.refs(lb, "subnets", TYPES.subnet),
      ...g.refs(lb, "subnetMappings", TYPES.subnet, "subnetId"),
    ]);
    return [...subnets]
      .filter((s) => !subnetHasIpv6(s))
      .map((s) => {
        const vpcIpv6 = vpcHasIpv6(g, g.ref(s, "vpcId", TYPES.vpc));
        return violation("LB_DUALSTACK_WITHOUT_IPV6", lb, { subnet: s.name, type, vpcIpv6 });
      });
  });
}

/** LB_IPV6_TARGETS_WITHOUT_IPV6: an IPv6 target group needs a VPC with IPv6. */
export function ipv6TargetGroupWithoutIpv6(g: StackGraph): Violation[] {
  return g
    .ofType(TYPES.targetGroup)
    .filter((tg) => tg.props.ipAddressType === "ipv6" && !vpcHasIpv6(g, g.ref(tg, "vpcId", TYPES.vpc)))
    .map((tg) => violation("LB_IPV6_TARGETS_WITHOUT_IPV6", tg, { vpcIpv6: false, without: "" }));
}
