/**
 * The AWS cloud-controller-manager: its cloud-config ConfigMap, service account, RBAC and the DaemonSet on
 * the control-plane nodes, exactly as the planner rendered them
 * (components/core/addons/cloud-controller-manager.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { CcmPlan } from "../core/addons/cloud-controller-manager";

export interface CloudControllerManagerArgs {
  /**
   * The CCM's plan from `planAddons`: the cloud-config (NodeIPFamilies in the cluster's family order) and
   * every manifest. Resource names are fixed (`ccm-*`), so re-planning never replaces them.
   */
  plan: CcmPlan;
}

export class CloudControllerManager extends pulumi.ComponentResource {
  readonly daemonSet: k8s.apps.v1.DaemonSet;

  constructor(name: string, args: CloudControllerManagerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("ipv6-cluster-network:addons:CloudControllerManager", name, {}, opts);
    const m = args.plan.manifests;
    const child = { parent: this };
    // The pods start only once their config and permissions exist: a CCM without them crash-loops and
    // leaves every node tainted uninitialized.
    const prerequisites = [
      new k8s.core.v1.ConfigMap("ccm-cloud-config", m.configMap, child),
      new k8s.core.v1.ServiceAccount("ccm-service-account", m.serviceAccount, child),
      new k8s.rbac.v1.ClusterRole("ccm-cluster-role", m.clusterRole, child),
      new k8s.rbac.v1.ClusterRoleBinding("ccm-cluster-role-binding", m.clusterRoleBinding, child),
      new k8s.rbac.v1.RoleBinding("ccm-apiserver-authentication-reader", m.authReaderBinding, child),
      new k8s.rbac.v1.Role("ccm-controller-credentials", m.credentialsRole, child),
      new k8s.rbac.v1.RoleBinding("ccm-controller-credentials", m.credentialsRoleBinding, child),
    ];
    this.daemonSet = new k8s.apps.v1.DaemonSet("ccm", m.daemonSet as k8s.apps.v1.DaemonSetArgs, {
      ...child,
      dependsOn: prerequisites,
    });
    this.registerOutputs({ daemonSet: this.daemonSet.metadata.name });
  }
}
