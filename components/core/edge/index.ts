/**
 * The cluster edge, as plain data: where the control plane goes, the API-server load balancer, the
 * security groups and the prerequisite checks. Each has a file of its own in this folder; this one only
 * orders them (the load balancer's targets depend on the control-plane subnets, the groups on both).
 */
import type { Finding } from "../findings";
import { planLoadBalancer } from "./api-load-balancer";
import { controlPlaneSubnets } from "./default-subnets";
import { prerequisites } from "./prerequisites";
import { planSecurityGroups } from "./security-groups";
import type { EdgeInput, EdgePlan } from "./types";

export type * from "./types";

export function planEdge(input: EdgeInput): { plan: EdgePlan; findings: Finding[] } {
  const findings: Finding[] = [];
  const cp = controlPlaneSubnets(input, findings);
  const lb = planLoadBalancer(input, cp, findings);
  const checks = prerequisites(input, findings);
  const plan: EdgePlan = {
    securityGroups: planSecurityGroups(input, lb, cp),
    apiLoadBalancer: lb,
    controlPlaneSubnets: cp.map((s) => s.name),
    prerequisites: checks,
  };
  return { plan, findings };
}
