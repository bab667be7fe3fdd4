/**
 * The policy pack (`pulumi preview --policy-pack policy`): the only module that constructs the PolicyPack, which
 * reads the version from the package.json of the directory the CLI runs it in (policy/package.json) and starts the
 * gRPC server the engine talks to. Never imported by a test: the policies are in policy/policies.ts.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("ipv6-cluster-network-guardrails", {
  description:
    "IPv6 guardrails for any AWS stack: DNS64 with NAT64, IPv6-only subnets with resolvable hostnames, private " +
    "subnets without internet gateway routes, no public IPv4 by default, nothing open to the internet but " +
    "listeners and path-MTU ICMP, dual-stack load balancers and IPv6 target groups only where there is IPv6.",
  policies,
});
