/**
 * ApiServerLoadBalancer: the network load balancer in front of kube-apiserver, as planned (IP types
 * checked against Cluster API AWS' table in components/core/edge/api-load-balancer.ts): load balancer, TCP 6443 target
 * group, listener.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { ApiLoadBalancerPlan } from "../core/edge/types";
import { ChildNames, type PreviousNames } from "./naming";

export interface ApiServerLoadBalancerArgs {
  /** The validated load balancer plan. */
  plan: ApiLoadBalancerPlan;
  /** Ids of the planned subnets, in plan order. */
  subnetIds: pulumi.Input<string>[];
  /** The `api-lb` security group. */
  securityGroupId: pulumi.Input<string>;
  /** The VPC of the target group. */
  vpcId: pulumi.Input<string>;
  /** Tags for every resource (the config's `tags`). */
  tags: Record<string, string>;
  /** Prefix of the Name tags (the project name). */
  namePrefix: string;
  /** Where this component stood in a stack deployed by 0.1 (its resources are aliased there). */
  previous?: PreviousNames;
}

export class ApiServerLoadBalancer extends pulumi.ComponentResource {
  /** `<load balancer DNS name>:6443`, e.g. kubeadm's `controlPlaneEndpoint`. */
  readonly endpoint: pulumi.Output<string>;
  readonly loadBalancerArn: pulumi.Output<string>;
  /** Register the control-plane machines (or their IPs) here. */
  readonly targetGroupArn: pulumi.Output<string>;

  static readonly TYPE = "ipv6-cluster-network:network:ApiServerLoadBalancer";

  constructor(name: string, args: ApiServerLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    const type = ApiServerLoadBalancer.TYPE;
    super(type, name, {}, ChildNames.componentOptions(type, opts, args.previous));
    const names = new ChildNames(name, type, args.previous);
    // The load balancer, its target group and its listener share one stable name (three types: no clash).
    const [lbName, child] = [names.name("api-lb"), names.opts("api-lb", { parent: this })];
    const p = args.plan;
    // No fixed AWS names: they are unique per account and region (and at most 32 characters), so Pulumi's
    // auto-naming keeps several stacks in one region apart.
    const nameTag = `${args.namePrefix}-api`;
    const lb = new aws.lb.LoadBalancer(
      lbName,
      {
        loadBalancerType: "network",
        internal: p.scheme === "internal",
        ipAddressType: p.ipAddressType,
        subnets: args.subnetIds,
        securityGroups: [args.securityGroupId],
        enableCrossZoneLoadBalancing: true,
        tags: { ...args.tags, Name: nameTag },
      },
      child,
    );
    const tg = new aws.lb.TargetGroup(
      lbName,
      {
        port: p.port,
        protocol: "TCP",
        targetType: p.targetType,
        ipAddressType: p.targetGroupIpType,
        vpcId: args.vpcId,
        healthCheck: { protocol: "TCP", port: String(p.port) },
        // Decided with the security groups that depend on it (ApiLoadBalancerPlan.preserveClientIp).
        preserveClientIp: String(p.preserveClientIp),
        tags: { ...args.tags, Name: nameTag },
      },
      child,
    );
    new aws.lb.Listener(
      lbName,
      {
        loadBalancerArn: lb.arn,
        port: p.port,
        protocol: "TCP",
        defaultActions: [{ type: "forward", targetGroupArn: tg.arn }],
        tags: { ...args.tags, Name: nameTag },
      },
      child,
    );
    this.endpoint = pulumi.interpolate`${lb.dnsName}:${p.port}`;
    this.loadBalancerArn = lb.arn;
    this.targetGroupArn = tg.arn;
    this.registerOutputs({
      endpoint: this.endpoint,
      loadBalancerArn: this.loadBalancerArn,
      targetGroupArn: this.targetGroupArn,
    });
  }
}
