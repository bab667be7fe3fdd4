/**
 * CoreDNS's Corefile, applied as a server-side-apply patch over the kube-system/coredns ConfigMap that
 * kubeadm (or the distribution) created: Pulumi takes ownership of `data.Corefile` only, and CoreDNS's
 * reload plugin picks the change up without a restart.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { CoreDnsPlan } from "../core/addons/coredns";
import { ChildNames, type PreviousNames } from "../network/naming";

/**
 * The args of CoreDns: its plan (a NetworkPlan's `addons.coreDNS`) and, for a stack deployed by 0.1, where the
 * component stood then.
 */
export interface CoreDnsArgs {
  /**
   * CoreDNS's plan (a NetworkPlan's `addons.coreDNS`, components/core/addons/coredns.ts): the Corefile for
   * the cluster's families, with the dns64 plugin when `kubernetes.dns64` is set (IPv6 single-stack clusters only).
   */
  plan: CoreDnsPlan;
  /** Where this component stood in a stack deployed by 0.1 (its patch is aliased there). */
  previous?: PreviousNames;
}

/**
 * CoreDNS's Corefile as planned, in the cluster of the Kubernetes provider given in the options: a
 * server-side-apply patch (`<name>-coredns`) over the kube-system/coredns ConfigMap that kubeadm (or the
 * distribution) created. It takes over `data.Corefile` only, and CoreDNS's reload plugin picks the change up
 * without a restart.
 */
export class CoreDns extends pulumi.ComponentResource {
  /** The Pulumi type token. */
  static readonly TYPE = "ipv6-cluster-network:addons:CoreDns";
  /** The patch of kube-system/coredns that sets its Corefile. */
  readonly configMap: k8s.core.v1.ConfigMapPatch;

  constructor(name: string, args: CoreDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CoreDns.TYPE, name, {}, ChildNames.componentOptions(CoreDns.TYPE, opts, args.previous));
    const names = new ChildNames(name, CoreDns.TYPE, args.previous);
    const m = args.plan.configMap;
    this.configMap = new k8s.core.v1.ConfigMapPatch(
      names.name("coredns"),
      {
        ...m,
        // The ConfigMap's Corefile was written by another field manager (kubeadm): take it over.
        metadata: { ...m.metadata, annotations: { "pulumi.com/patchForce": "true" } },
      },
      names.opts("coredns", { parent: this }),
    );
    this.registerOutputs({ configMap: this.configMap.metadata.name });
  }
}
