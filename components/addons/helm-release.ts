/**
 * The Helm release behind Calico and Cilium: a pinned chart with the values the planner rendered
 * (components/core/addons). Each component only maps its plan to a `helm.v3.Release`; every setting was
 * decided by the planner.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { ChartSource } from "../core/addons/versions";
import type { ChildNames } from "../network/naming";

export interface HelmReleaseArgs {
  /** Helm release name (in the cluster); the Pulumi resource is named after the component and it. */
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
  names: ChildNames,
  opts?: pulumi.ComponentResourceOptions,
): k8s.helm.v3.Release {
  const { name, chart } = args;
  return new k8s.helm.v3.Release(
    names.name(name),
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
    // A component's dependsOn does not hold back its children's creation: pass it on to the release.
    names.opts(name, { parent, dependsOn: opts?.dependsOn }),
  );
}
