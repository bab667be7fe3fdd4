/**
 * ApiServerLoadBalancer: the network load balancer in front of kube-apiserver, as planned (IP types
 * checked against Cluster API AWS' table in components/core/edge/api-load-balancer.ts): load balancer, TCP 6443 target
 * group, listener.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { ApiLoadBalancerPlan } from "../core/edge/types";

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
}

export class ApiServerLoadBalancer extends pulumi.ComponentResource {
  /** `<load balancer DNS name>:6443`, e.g. kubeadm's `controlPlaneEndpoint`. */
  readonly endpoint: pulumi.Output<string>;
  readonly loadBalancerArn: pulumi.Output<string>;
  /** Register the control-plane machines (or their IPs) here. */
  readonly targetGroupArn: pulumi.Output<string>;

  constructor(name: string, args: ApiServerLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ipv6-cluster-network:network:ApiServerLoadBalancer", name, {}, opts);
    const p = args.plan;
    // No fixed AWS names: they are unique per account and region (and at most 32 characters), so Pulumi's
    // auto-naming keeps several stacks in one region apart.
    const nameTag = `${args.namePrefix}-api`;
    const lb = new aws.lb.LoadBalancer(
      "api-lb",
      {
        loadBalancerType: "network",
        internal: p.scheme === "internal",
        ipAddressType: p.ipAddressType,
        subnets: args.subnetIds,
        securityGroups: [args.securityGroupId],
        enableCrossZoneLoadBalancing: true,
        tags: { ...args.tags, Name: nameTag },
      },
      { parent: this },
    );
    const tg = new aws.lb.TargetGroup(
      "api-lb",
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
      { parent: this },
    );
    new aws.lb.Listener(
      "api-lb",
      {
        loadBalancerArn: lb.arn,
        port: p.port,
        protocol: "TCP",
        defaultActions: [{ type: "forward", targetGroupArn: tg.arn }],
        tags: { ...args.tags, Name: nameTag },
      },
      { parent: this },
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
