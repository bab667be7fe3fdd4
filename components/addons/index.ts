/**
 * Declares the add-ons a plan asks for, into the cluster named by the plan's kubeconfig (the secret
 * `kubernetes.kubeconfig` of the config), through one explicit Kubernetes provider (never the ambient
 * kubeconfig, which could point at another cluster). Without a kubeconfig nothing is declared; the plan carries the
 * ADDONS_SKIPPED_NO_KUBECONFIG warning that says so.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { NetworkPlan } from "../core/network-plan";
import { Calico } from "./calico";
import { Cilium } from "./cilium";
import { CloudControllerManager } from "./cloud-controller-manager";
import { CoreDns } from "./coredns";

/** Declares the add-ons and returns the names of those installed (empty without a kubeconfig). */
export function declareAddons(plan: NetworkPlan): string[] {
  const a = plan.addons;
  if (!a.install || a.requested.length === 0) return [];
  // The kubeconfig comes with the plan (from the stack config or an inline program's config), a secret.
  if (!a.kubeconfig)
    throw new Error("the plan installs add-ons without a kubeconfig: planAddons sets one whenever install is true");
  const provider = new k8s.Provider("cluster", { kubeconfig: pulumi.secret(a.kubeconfig.reveal()) });
  const opts = { providers: [provider] };
  // The CCM goes first: until it initializes the nodes they carry its taint and report no IPv6 address,
  // which the CNI's address detection needs.
  const ccm = a.cloudControllerManager
    ? new CloudControllerManager("cloud-controller-manager", { plan: a.cloudControllerManager }, opts)
    : undefined;
  const cniOpts = { ...opts, dependsOn: ccm ? [ccm] : [] };
  if (a.calico) new Calico("calico", { plan: a.calico }, cniOpts);
  if (a.cilium) new Cilium("cilium", { plan: a.cilium }, cniOpts);
  if (a.coreDNS) new CoreDns("coredns", { plan: a.coreDNS }, opts);
  return [...a.requested];
}
