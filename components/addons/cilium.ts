/**
 * Cilium through its own Helm chart, with the values the planner rendered (components/core/addons/cilium.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import type * as k8s from "@pulumi/kubernetes";
import type { CiliumPlan } from "../core/addons/cilium";
import { ChildNames, type PreviousNames } from "../network/naming";
import { helmRelease } from "./helm-release";

/**
 * The args of Cilium: its plan (a NetworkPlan's `addons.cilium`) and, for a stack deployed by 0.1, where the
 * component stood then.
 */
export interface CiliumArgs {
  /**
   * Cilium's plan (a NetworkPlan's `addons.cilium`, components/core/addons/cilium.ts): the cilium chart and its values
   * (families, masquerading, cluster-pool IPAM over the cluster's pod CIDRs, routing mode).
   */
  plan: CiliumPlan;
  /** Where this component stood in a stack deployed by 0.1 (its release is aliased there). */
  previous?: PreviousNames;
}

/** Cilium through its own Helm chart, in kube-system. */
export class Cilium extends pulumi.ComponentResource {
  /** The Pulumi type token. */
  static readonly TYPE = "ipv6-cluster-network:addons:Cilium";
  /**
   * The cilium chart's Helm release (release `cilium`, resource `<name>-cilium`) in kube-system, in the cluster of
   * the Kubernetes provider given in the options.
   */
  readonly release: k8s.helm.v3.Release;

  constructor(name: string, args: CiliumArgs, opts?: pulumi.ComponentResourceOptions) {
    super(Cilium.TYPE, name, {}, ChildNames.componentOptions(Cilium.TYPE, opts, args.previous));
    const names = new ChildNames(name, Cilium.TYPE, args.previous);
    const { releaseName, chart, values } = args.plan;
    // kube-system always exists.
    this.release = helmRelease({ name: releaseName, chart, values, createNamespace: false }, this, names, opts);
    this.registerOutputs({ release: this.release.status });
  }
}
