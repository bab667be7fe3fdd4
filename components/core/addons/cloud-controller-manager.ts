/**
 * The AWS cloud-controller-manager: its cloud-config (one `NodeIPFamilies=` line per cluster family,
 * primary first, so nodes report their IPv6 addresses; Cluster API AWS "Enabling IPv6"), and the
 * manifests kubernetes/cloud-provider-aws ships for an existing cluster (service account, RBAC, DaemonSet
 * on the control plane), rendered as plain objects. The types come from kubernetes-models (type-only
 * imports, nothing is loaded at run time), so a misspelt field fails the type check.
 */
import type { IDaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import type { IClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import type { IClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import type { IRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import type { IRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { Family } from "../ip";
import type { KubernetesPlan } from "../types";
import { AWS_CCM_IMAGE } from "./versions";

const NAMESPACE = "kube-system";
const NAME = "aws-cloud-controller-manager";
const SERVICE_ACCOUNT = "cloud-controller-manager";
const CONFIG_MAP = "cloud-config";
const CONFIG_KEY = "cloud-config.conf";
/** The subject every role binding grants to: the CCM's service account. */
const SA_SUBJECT = { kind: "ServiceAccount", name: SERVICE_ACCOUNT, namespace: NAMESPACE };
/** Where the DaemonSet mounts the cloud-config; `--cloud-config` points here. */
export const CCM_CLOUD_CONFIG_PATH = "/etc/kubernetes/cloud-config.conf";
/** Controllers that get their own service account token with --use-service-account-credentials. */
const CONTROLLER_ACCOUNTS = [
  "node-controller",
  "service-controller",
  "route-controller",
  "aws-cloud-provider",
  "tagging-controller",
];

/**
 * The AWS cloud-controller-manager's Kubernetes objects as plain manifests, as kubernetes/cloud-provider-aws ships
 * them for an existing cluster (kube-system).
 */
export interface CcmManifests {
  /** The cloud-config ConfigMap (kube-system/cloud-config). */
  configMap: IConfigMap;
  /** Its service account (kube-system/cloud-controller-manager). */
  serviceAccount: IServiceAccount;
  /**
   * What it may do cluster-wide (system:cloud-controller-manager): initialize nodes, publish events, reconcile
   * services and volumes.
   */
  clusterRole: IClusterRole;
  /** Grants the cluster role to its service account. */
  clusterRoleBinding: IClusterRoleBinding;
  /** Read access to kube-system/extension-apiserver-authentication (delegated authentication). */
  authReaderBinding: IRoleBinding;
  /** Tokens for the per-controller service accounts (--use-service-account-credentials). */
  credentialsRole: IRole;
  /** Grants `credentialsRole` to its service account. */
  credentialsRoleBinding: IRoleBinding;
  /** The DaemonSet: one pod per control-plane node, on the host network, with the cloud-config mounted. */
  daemonSet: IDaemonSet;
}

/**
 * The AWS cloud-controller-manager as planned from the cluster's families: its image, cloud-config, command line
 * and manifests.
 */
export interface CcmPlan {
  /** The pinned cloud-controller-manager image. */
  image: string;
  /** Node address families in the order the CCM reports them (the cluster's, primary first). */
  nodeIPFamilies: Family[];
  /** The cloud-config: `[Global]` and one `NodeIPFamilies=` line per family, primary first. */
  cloudConfig: string;
  /**
   * Its command line: the AWS provider, per-controller credentials, the cloud-config, and no cloud routes
   * (`--configure-cloud-routes=false`).
   */
  args: string[];
  /** Every object it is installed with. */
  manifests: CcmManifests;
}

/** `[Global]` with one NodeIPFamilies line per family, primary first (the CCM reads them in order). */
export function renderCloudConfig(families: readonly Family[]): string {
  return ["[Global]", ...families.map((f) => `NodeIPFamilies=${f}`)].join("\n") + "\n";
}

/** The CCM's command line: AWS, per-controller credentials, the cloud-config, and no pod routes. */
function ccmArgs(): string[] {
  return [
    "--v=2",
    "--cloud-provider=aws",
    "--use-service-account-credentials=true",
    // Pod routes are the CNI's business (VXLAN or BGP); VPC route tables belong to the network plan.
    "--configure-cloud-routes=false",
    `--cloud-config=${CCM_CLOUD_CONFIG_PATH}`,
  ];
}

/** What the CCM may do cluster-wide: initialize nodes, publish events, reconcile services and volumes. */
function clusterRbac(): Pick<CcmManifests, "clusterRole" | "clusterRoleBinding"> {
  return {
    clusterRole: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "system:cloud-controller-manager" },
      rules: [
        { apiGroups: [""], resources: ["events"], verbs: ["create", "patch", "update"] },
        { apiGroups: [""], resources: ["nodes"], verbs: ["*"] },
        { apiGroups: [""], resources: ["nodes/status"], verbs: ["patch"] },
        { apiGroups: [""], resources: ["services"], verbs: ["list", "patch", "update", "watch"] },
        { apiGroups: [""], resources: ["services/status"], verbs: ["list", "patch", "update", "watch"] },
        { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["create", "get", "list", "watch"] },
        { apiGroups: [""], resources: ["persistentvolumes"], verbs: ["get", "list", "update", "watch"] },
        { apiGroups: [""], resources: ["endpoints"], verbs: ["create", "get", "list", "watch", "update"] },
        {
          apiGroups: ["coordination.k8s.io"],
          resources: ["leases"],
          verbs: ["create", "get", "list", "watch", "update"],
        },
      ],
    },
    clusterRoleBinding: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "system:cloud-controller-manager" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:cloud-controller-manager" },
      subjects: [SA_SUBJECT],
    },
  };
}

/** What the CCM may do in kube-system: delegated authentication, and tokens for its per-controller accounts. */
function kubeSystemRbac(): Pick<CcmManifests, "authReaderBinding" | "credentialsRole" | "credentialsRoleBinding"> {
  const ns = { namespace: NAMESPACE };
  return {
    authReaderBinding: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "cloud-controller-manager:apiserver-authentication-reader", ...ns },
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "Role",
        name: "extension-apiserver-authentication-reader",
      },
      subjects: [SA_SUBJECT],
    },
    credentialsRole: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "system:cloud-controller-manager:controller-credentials", ...ns },
      rules: [
        { apiGroups: [""], resources: ["serviceaccounts"], resourceNames: CONTROLLER_ACCOUNTS, verbs: ["get"] },
        {
          apiGroups: [""],
          resources: ["serviceaccounts/token"],
          resourceNames: CONTROLLER_ACCOUNTS,
          verbs: ["create"],
        },
      ],
    },
    credentialsRoleBinding: {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "system:cloud-controller-manager:controller-credentials", ...ns },
      roleRef: {
        apiGroup: "rbac.authorization.k8s.io",
        kind: "Role",
        name: "system:cloud-controller-manager:controller-credentials",
      },
      subjects: [SA_SUBJECT],
    },
  };
}

/** Where and how the CCM runs: one pod per control-plane node, on the host network, with the cloud-config. */
function ccmDaemonSet(args: string[]): IDaemonSet {
  const labels = { "k8s-app": NAME };
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: NAME, namespace: NAMESPACE, labels },
    spec: {
      selector: { matchLabels: labels },
      updateStrategy: { type: "RollingUpdate" },
      template: {
        metadata: { labels },
        spec: {
          // Control-plane nodes only (kubeadm's label since 1.24), which it must start on before any node
          // is initialized: hence host networking and the uninitialized toleration.
          nodeSelector: { "node-role.kubernetes.io/control-plane": "" },
          tolerations: [
            { key: "node.cloudprovider.kubernetes.io/uninitialized", value: "true", effect: "NoSchedule" },
            { key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" },
            { key: "node-role.kubernetes.io/master", operator: "Exists", effect: "NoSchedule" },
          ],
          priorityClassName: "system-node-critical",
          serviceAccountName: SERVICE_ACCOUNT,
          hostNetwork: true,
          containers: [
            {
              name: NAME,
              image: AWS_CCM_IMAGE,
              args,
              resources: { requests: { cpu: "200m" } },
              volumeMounts: [
                { name: CONFIG_MAP, mountPath: CCM_CLOUD_CONFIG_PATH, subPath: CONFIG_KEY, readOnly: true },
              ],
            },
          ],
          volumes: [{ name: CONFIG_MAP, configMap: { name: CONFIG_MAP } }],
        },
      },
    },
  };
}

/** The CCM's plan: its cloud-config for the cluster's families, its command line and every manifest. */
export function planCloudControllerManager(plan: KubernetesPlan): CcmPlan {
  const cloudConfig = renderCloudConfig(plan.ipFamilies);
  const args = ccmArgs();
  const ns = { namespace: NAMESPACE };
  const manifests: CcmManifests = {
    configMap: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: CONFIG_MAP, ...ns },
      data: { [CONFIG_KEY]: cloudConfig },
    },
    serviceAccount: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: SERVICE_ACCOUNT, ...ns } },
    ...clusterRbac(),
    ...kubeSystemRbac(),
    daemonSet: ccmDaemonSet(args),
  };
  return { image: AWS_CCM_IMAGE, nodeIPFamilies: [...plan.ipFamilies], cloudConfig, args, manifests };
}
