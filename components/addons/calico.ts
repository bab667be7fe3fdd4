/**
 * Calico through the Tigera operator's Helm chart, with the values the planner rendered
 * (components/core/addons/calico.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { CalicoPlan } from "../core/addons/calico";
import { ChildNames, type PreviousNames } from "../network/naming";
import { helmRelease } from "./helm-release";

/**
 * The args of Calico: its plan (a NetworkPlan's `addons.calico`) and, for a stack deployed by 0.1, where the
 * component stood then.
 */
export interface CalicoArgs {
  /**
   * Calico's plan (a NetworkPlan's `addons.calico`, components/core/addons/calico.ts): the tigera-operator
   * chart and its `installation` values (IP pools from the cluster's pod CIDRs, encapsulation, BGP, autodetection).
   * The operator renders calico-node from them; the chart's release name is the plan's `releaseName`.
   */
  plan: CalicoPlan;
  /** Where this component stood in a stack deployed by 0.1 (its release is aliased there). */
  previous?: PreviousNames;
}

/** Calico through the Tigera operator's Helm chart, which also creates the `default` Installation. */
export class Calico extends pulumi.ComponentResource {
  /** The Pulumi type token. */
  static readonly TYPE = "ipv6-cluster-network:addons:Calico";
  /**
   * The tigera-operator chart's Helm release (release `calico`, resource `<name>-calico`), in the cluster of the
   * Kubernetes provider given in the options.
   */
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: CalicoArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Calico.TYPE, name, {}, ChildNames.componentOptions(Calico.TYPE, opts, args.previous));
    const names = new ChildNames(name, Calico.TYPE, args.previous);
    const { releaseName, chart, values } = args.plan;
    // The operator's namespace (tigera-operator) does not exist before the first install.
    this.release = helmRelease({ name: releaseName, chart, values, createNamespace: true }, this, names, opts);
    this.registerOutputs({ release: this.release.status });
  }
}
