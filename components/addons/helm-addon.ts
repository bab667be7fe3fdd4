/**
 * Calico and Cilium: each is one Helm release of a pinned chart with the values the planner rendered
 * (components/core/addons). Both components only map their plan to a `helm.v3.Release`; every setting was
 * decided by the planner.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { CalicoPlan } from "../core/addons/calico";
import type { CiliumPlan } from "../core/addons/cilium";
import type { ChartSource } from "../core/addons/versions";

function release(
  name: string,
  chart: ChartSource,
  values: object,
  createNamespace: boolean,
  parent: pulumi.Resource,
  opts?: pulumi.ComponentResourceOptions,
): k8s.helm.v3.Release {
  return new k8s.helm.v3.Release(
    name,
    {
      name,
      chart: chart.chart,
      version: chart.version,
      repositoryOpts: { repo: chart.repo },
      namespace: chart.namespace,
      createNamespace,
      // Values go in as data, never as --set strings: CIDR lists and nested objects arrive unmangled.
      values: values as Record<string, pulumi.Input<unknown>>,
    },
    {
      parent,
      // A component's dependsOn does not hold back its children's creation: pass it on to the release.
      dependsOn: opts?.dependsOn,
    },
  );
}

export interface CalicoArgs {
  /**
   * Calico's plan from `planAddons` (components/core/addons/calico.ts): the tigera-operator chart and its
   * `installation` values (IP pools from the cluster's pod CIDRs, encapsulation, BGP, autodetection).
   * The operator renders calico-node from them; the chart's release name is the plan's `releaseName`.
   */
  plan: CalicoPlan;
}

/** Calico through the Tigera operator's Helm chart, which also creates the `default` Installation. */
export class Calico extends pulumi.ComponentResource {
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: CalicoArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ipv6-cluster-network:addons:Calico", name, {}, opts);
    // The operator's namespace (tigera-operator) does not exist before the first install.
    this.release = release(args.plan.releaseName, args.plan.chart, args.plan.values, true, this, opts);
    this.registerOutputs({ release: this.release.status });
  }
}

export interface CiliumArgs {
  /**
   * Cilium's plan from `planAddons` (components/core/addons/cilium.ts): the cilium chart and its values
   * (families, masquerading, cluster-pool IPAM over the cluster's pod CIDRs, routing mode).
   */
  plan: CiliumPlan;
}

/** Cilium through its own Helm chart, in kube-system. */
export class Cilium extends pulumi.ComponentResource {
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: CiliumArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ipv6-cluster-network:addons:Cilium", name, {}, opts);
    this.release = release(args.plan.releaseName, args.plan.chart, args.plan.values, false, this, opts);
    this.registerOutputs({ release: this.release.status });
  }
}
