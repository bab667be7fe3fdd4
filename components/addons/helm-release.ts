/**
 * The Helm release behind Calico and Cilium: a pinned chart with the values the planner rendered
 * (components/core/addons). Each component only maps its plan to a `helm.v3.Release`; every setting was
 * decided by the planner.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { ChartSource } from "../core/addons/versions";

export interface HelmReleaseArgs {
  /** Helm release name, also the Pulumi resource name. */
  name: string;
  chart: ChartSource;
  values: object;
  /** Whether Helm creates the chart's namespace (one that does not exist before the first install). */
  createNamespace: boolean;
}

/** One Helm release, a child of `parent`, held back by the component's own dependsOn. */
export function helmRelease(
  args: HelmReleaseArgs,
  parent: pulumi.Resource,
  opts?: pulumi.ComponentResourceOptions,
): k8s.helm.v3.Release {
  const { name, chart } = args;
  return new k8s.helm.v3.Release(
    name,
    {
      name,
      chart: chart.chart,
      version: chart.version,
      repositoryOpts: { repo: chart.repo },
      namespace: chart.namespace,
      createNamespace: args.createNamespace,
      // Values go in as data, never as --set strings: CIDR lists and nested objects arrive unmangled.
      values: args.values as Record<string, pulumi.Input<unknown>>,
    },
    {
      parent,
      // A component's dependsOn does not hold back its children's creation: pass it on to the release.
      dependsOn: opts?.dependsOn,
    },
  );
}
