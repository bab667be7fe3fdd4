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
import { ChildNames } from "../network/naming";

/** Where the add-ons go (see components/program/declare.ts, DeclareTarget). */
export interface AddonsTarget {
  name: string;
  parent?: pulumi.Resource;
  /** Alias to 0.1's names (every add-on component and the provider were children of the stack then). */
  previous?: boolean;
  /** The kubeconfig when it is not plain text in the plan (an Output from the library's args). */
  kubeconfig?: pulumi.Input<string>;
}

/** 0.1's names of the provider and the add-on components. */
const PREVIOUS = {
  provider: "cluster",
  ccm: "cloud-controller-manager",
  calico: "calico",
  cilium: "cilium",
  coredns: "coredns",
};

/** Declares the add-ons and returns the names of those installed (empty without a kubeconfig). */
export function declareAddons(plan: NetworkPlan, target: AddonsTarget): string[] {
  const a = plan.addons;
  if (!a.install || a.requested.length === 0) return [];
  // The kubeconfig comes with the plan (from the stack config or an inline program's config), a secret.
  const kubeconfig = target.kubeconfig ?? a.kubeconfig?.reveal();
  if (kubeconfig === undefined)
    throw new Error("the plan installs add-ons without a kubeconfig: planAddons sets one whenever install is true");
  const { name, parent } = target;
  const previous = (key: keyof typeof PREVIOUS) => (target.previous ? { name: PREVIOUS[key] } : undefined);
  const providerType = "pulumi:providers:kubernetes";
  const provider = new k8s.Provider(
    `${name}-cluster`,
    { kubeconfig: pulumi.secret(kubeconfig) },
    ChildNames.componentOptions(providerType, { parent }, previous("provider")),
  );
  const opts = { parent, providers: [provider] };
  // The CCM goes first: until it initializes the nodes they carry its taint and report no IPv6 address,
  // which the CNI's address detection needs.
  const ccm = a.cloudControllerManager
    ? new CloudControllerManager(name, { plan: a.cloudControllerManager, previous: previous("ccm") }, opts)
    : undefined;
  const cniOpts = { ...opts, dependsOn: ccm ? [ccm] : [] };
  if (a.calico) new Calico(name, { plan: a.calico, previous: previous("calico") }, cniOpts);
  if (a.cilium) new Cilium(name, { plan: a.cilium, previous: previous("cilium") }, cniOpts);
  if (a.coreDNS) new CoreDns(name, { plan: a.coreDNS, previous: previous("coredns") }, opts);
  return [...a.requested];
}
