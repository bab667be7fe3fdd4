/**
 * Rules of the policy pack (policy/, `pulumi preview --policy-pack policy`) that the planner has no code for: it
 * never plans these mistakes, but awsx, hand-written programs and imported VPCs make them. The pack judges the
 * resources of any stack; where a rule is also the planner's (DNS64_WITHOUT_NAT64, LB_DUALSTACK_WITHOUT_IPV6,
 * LB_IPV6_TARGETS_WITHOUT_IPV6), it reports the planner's code. Severity is the pack's default enforcement: error
 * is mandatory (it breaks traffic or opens the cluster), warning advisory (cost, hygiene).
 */
import { group, rule } from "./rule";

/** What AWS charges per public IPv4 address and month (components/report/public-ipv4.ts cites it). */
const IPV4_MONTH = "$3.60";

export const POLICY = group("Policy pack: guardrails for any stack", {
  IPV6_ONLY_SUBNET_HOSTNAMES: rule<{ subnet: string; why: string }>({
    severity: "error",
    when:
      "an IPv6-only subnet (`ipv6Native`) whose instances get hostnames that do not resolve: IP-based names, or " +
      "resource names without AAAA records (an IPv6-only instance has no IPv4 address to name it after, and " +
      "Kubernetes nodes register under their hostnames)",
    message: (p) => `IPv6-only subnet ${p.subnet} ${p.why}, so its instances' hostnames do not resolve`,
    fix: () =>
      "set privateDnsHostnameTypeOnLaunch: resource-name and enableResourceNameDnsAaaaRecordOnLaunch: true " +
      "on the subnet",
  }),
  PRIVATE_SUBNET_TO_INTERNET_GATEWAY: rule<{ subnet: string; destination: string; marker: string }>({
    severity: "error",
    when:
      "a private subnet (tagged as one: `kubernetes.io/role/internal-elb`, or the tags the policy's config names) " +
      "whose route table sends `0.0.0.0/0` or `::/0` to the internet gateway: its hosts are reachable from the " +
      "internet over IPv6, and have no IPv4 egress without public addresses",
    message: (p) =>
      `private subnet ${p.subnet} (${p.marker}) routes ${p.destination} to the internet gateway, which makes it a ` +
      "public subnet",
    fix: (p) =>
      p.destination === "::/0"
        ? "route ::/0 to an egress-only internet gateway instead"
        : "route 0.0.0.0/0 to a NAT gateway instead",
  }),
  PUBLIC_IPV4_ON_LAUNCH: rule<{ subnet: string }>({
    severity: "warning",
    when:
      "a subnet that gives every instance launched in it a public IPv4 address (`mapPublicIpOnLaunch`): AWS " +
      `charges each one (${IPV4_MONTH} a month), and IPv6 reaches the internet without one`,
    message: (p) =>
      `subnet ${p.subnet} gives every instance launched in it a public IPv4 address, ${IPV4_MONTH} a month each`,
    fix: () =>
      "set mapPublicIpOnLaunch: false; give a public IPv4 address only to what must be reached over IPv4 " +
      "(an Elastic IP, a load balancer), and IPv4 egress to the rest through a NAT gateway",
  }),
  WORLD_OPEN_INGRESS: rule<{ group: string; rule: string }>({
    severity: "error",
    when:
      "a security group rule that admits `0.0.0.0/0` or `::/0`, other than a load balancer's listener ports and " +
      "the ICMP that path MTU discovery needs (IPv4 type 3 code 4, ICMPv6 type 2: RFC 1191, RFC 8201)",
    message: (p) =>
      `security group ${p.group} admits ${p.rule} from the whole internet; only a load balancer's listener ports ` +
      "and path-MTU ICMP may be open to it",
    fix: () =>
      "narrow the source to the addresses that need it (the VPC's blocks, another security group), or serve it " +
      "through a load balancer's listener",
  }),
});
