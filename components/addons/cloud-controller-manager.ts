/**
 * The AWS cloud-controller-manager: its cloud-config ConfigMap, service account, RBAC and the DaemonSet on
 * the control-plane nodes, exactly as the planner rendered them (components/core/addons/ccm.ts).
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import type { CcmPlan } from "../core/addons/ccm";

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
    const parent = this;
    const configMap = new k8s.core.v1.ConfigMap("ccm-cloud-config", m.configMap, { parent });
    const serviceAccount = new k8s.core.v1.ServiceAccount("ccm-service-account", m.serviceAccount, { parent });
    const clusterRole = new k8s.rbac.v1.ClusterRole("ccm-cluster-role", m.clusterRole, { parent });
    const clusterRoleBinding = new k8s.rbac.v1.ClusterRoleBinding("ccm-cluster-role-binding", m.clusterRoleBinding, {
      parent,
    });
    const authReader = new k8s.rbac.v1.RoleBinding("ccm-apiserver-authentication-reader", m.authReaderBinding, {
      parent,
    });
    const credentialsRole = new k8s.rbac.v1.Role("ccm-controller-credentials", m.credentialsRole, { parent });
    const credentialsBinding = new k8s.rbac.v1.RoleBinding("ccm-controller-credentials", m.credentialsRoleBinding, {
      parent,
    });
    // The pods start only once their config and permissions exist: a CCM without them crash-loops and
    // leaves every node tainted uninitialized.
    this.daemonSet = new k8s.apps.v1.DaemonSet("ccm", m.daemonSet as k8s.apps.v1.DaemonSetArgs, {
      parent,
      dependsOn: [
        configMap,
        serviceAccount,
        clusterRole,
        clusterRoleBinding,
        authReader,
        credentialsRole,
        credentialsBinding,
      ],
    });
    this.registerOutputs({ daemonSet: this.daemonSet.metadata.name });
  }
}
