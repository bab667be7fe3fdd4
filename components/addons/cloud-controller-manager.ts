/**
 * The AWS cloud-controller-manager: its cloud-config ConfigMap, service account, RBAC and the DaemonSet on
 * the control-plane nodes, exactly as the planner rendered them
 * (components/core/addons/cloud-controller-manager.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { CcmPlan } from "../core/addons/cloud-controller-manager";
import { ChildNames, type PreviousNames } from "../network/naming";

/**
 * The args of CloudControllerManager: its plan (a NetworkPlan's `addons.cloudControllerManager`) and, for a stack
 * deployed by 0.1, where the component stood then.
 */
export interface CloudControllerManagerArgs {
  /**
   * The CCM's plan (a NetworkPlan's `addons.cloudControllerManager`): the cloud-config (NodeIPFamilies in the
   * cluster's family order) and every manifest. Resource names are `<name>-ccm-*`, from no list position, so
   * re-planning never replaces them.
   */
  plan: CcmPlan;
  /** Where this component stood in a stack deployed by 0.1 (its resources are aliased there). */
  previous?: PreviousNames;
}

/**
 * The AWS cloud-controller-manager, exactly as planned, in the cluster of the Kubernetes provider given in the
 * options: its cloud-config ConfigMap, service account, RBAC (a cluster role and its binding; in kube-system a role
 * and two role bindings) and the DaemonSet on the control-plane nodes, which waits for all of them. Children are
 * named `<name>-ccm-<what>` (`<name>-ccm-cloud-config`, `<name>-ccm-cluster-role`, ...), the DaemonSet
 * `<name>-ccm`.
 */
export class CloudControllerManager extends pulumi.ComponentResource {
  /** The Pulumi type token. */
  static readonly TYPE = "ipv6-cluster-network:addons:CloudControllerManager";
  /** The cloud-controller-manager's DaemonSet (kube-system/aws-cloud-controller-manager). */
  readonly daemonSet: k8s.apps.v1.DaemonSet;

  constructor(name: string, args: CloudControllerManagerArgs, opts?: pulumi.ComponentResourceOptions) {
    const type = CloudControllerManager.TYPE;
    super(type, name, {}, ChildNames.componentOptions(type, opts, args.previous));
    const names = new ChildNames(name, type, args.previous);
    const m = args.plan.manifests;
    const child = (stable: string) => names.opts(stable, { parent: this });
    // One stable name gives a child both its resource name and its options (aliases included).
    type Ctor<A> = new (name: string, args: A, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;
    const declare = <A>(C: Ctor<A>, stable: string, manifest: A) => new C(names.name(stable), manifest, child(stable));
    // The pods start only once their config and permissions exist: a CCM without them crash-loops and
    // leaves every node tainted uninitialized.
    const prerequisites = [
      declare(k8s.core.v1.ConfigMap, "ccm-cloud-config", m.configMap),
      declare(k8s.core.v1.ServiceAccount, "ccm-service-account", m.serviceAccount),
      declare(k8s.rbac.v1.ClusterRole, "ccm-cluster-role", m.clusterRole),
      declare(k8s.rbac.v1.ClusterRoleBinding, "ccm-cluster-role-binding", m.clusterRoleBinding),
      declare(k8s.rbac.v1.RoleBinding, "ccm-apiserver-authentication-reader", m.authReaderBinding),
      declare(k8s.rbac.v1.Role, "ccm-controller-credentials", m.credentialsRole),
      declare(k8s.rbac.v1.RoleBinding, "ccm-controller-credentials", m.credentialsRoleBinding),
    ];
    this.daemonSet = new k8s.apps.v1.DaemonSet(names.name("ccm"), m.daemonSet as k8s.apps.v1.DaemonSetArgs, {
      ...child("ccm"),
      dependsOn: prerequisites,
    });
    this.registerOutputs({ daemonSet: this.daemonSet.metadata.name });
  }
}
