/**
 * Every manifest this project renders itself is checked against the Kubernetes API schema (the OpenAPI
 * schemas compiled into kubernetes-models), both as the planner renders it and as the program hands it to
 * the Kubernetes provider; the Calico Installation against the operator's API (tests/support). The
 * validators are shown to fail on a broken manifest, so a green run means something.
 */
import { strict as assert } from "node:assert";
import { DaemonSet } from "kubernetes-models/apps/v1/DaemonSet";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { planNetwork } from "../components/core/plan";
import type { Facts } from "../components/core/types";
import type { NetworkPlan } from "../components/core/network-plan";
import { runOffline } from "../components/offline/mock-runtime";
import { parseStackFile } from "../components/offline/stack-file";
import { installationFromChartValues, installationSchema } from "./support/tigera-installation";

const program = require("../program") as () => Promise<Record<string, unknown>>;

type Validating = { validate(): void };
const MODELS: Record<string, new (data: any) => Validating> = {
  "v1/ConfigMap": ConfigMap,
  "v1/ServiceAccount": ServiceAccount,
  "apps/v1/DaemonSet": DaemonSet,
  "rbac.authorization.k8s.io/v1/ClusterRole": ClusterRole,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": ClusterRoleBinding,
  "rbac.authorization.k8s.io/v1/Role": Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": RoleBinding,
};

/** Validates a manifest against the Kubernetes schema of its apiVersion and kind; throws what the schema says. */
function validateManifest(m: { apiVersion?: string; kind?: string }): void {
  const Model = MODELS[`${m.apiVersion}/${m.kind}`];
  assert.ok(Model, `no schema for ${m.apiVersion} ${m.kind}`);
  new Model(m).validate();
}

const facts: Facts = { region: "eu-west-1", standardZones: ["eu-west-1a", "eu-west-1b"] };
function plan(kubernetes: Record<string, unknown>): NetworkPlan {
  const r = planNetwork({ vpc: { cidrBlock: "10.20.0.0/16", ipv6: {} }, kubernetes }, facts);
  assert.ok(r.ok, r.ok ? "" : r.findings.map((f) => f.code).join(", "));
  return r.plan;
}
const CLUSTERS = {
  "IPv6-only": {
    podCIDRs: ["fd01::/48"],
    serviceCIDRs: ["fd02::/112"],
    cni: "calico",
    cloudControllerManager: true,
    dns64: true,
  },
  "dual-stack": {
    podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"],
    serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"],
    cni: "calico",
    cloudControllerManager: true,
    coreDNS: true,
  },
};

describe("rendered manifests against the Kubernetes API schema", () => {
  for (const [label, kubernetes] of Object.entries(CLUSTERS)) {
    it(`${label}: every cloud-controller-manager manifest is valid`, () => {
      const manifests = Object.values(plan(kubernetes).addons.cloudControllerManager!.manifests);
      assert.equal(manifests.length, 8);
      for (const m of manifests) validateManifest(m);
    });

    it(`${label}: the CoreDNS ConfigMap is valid`, () => {
      validateManifest(plan(kubernetes).addons.coreDNS!.configMap);
    });

    it(
      `${label}: ` + `the Installation the tigera-operator chart renders from our values matches the operator's API`,
      () => {
        const installation = installationFromChartValues(plan(kubernetes).addons.calico!.values);
        const parsed = installationSchema.safeParse(installation);
        assert.ok(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues));
      },
    );
  }

  it("what the program sends to the Kubernetes provider is valid too (patch annotations included)", async () => {
    const text = `config:
  aws:region: eu-west-1
  ipv6-cluster-network:vpc: { cidrBlock: 10.20.0.0/16, ipv6: {} }
  ipv6-cluster-network:zones: [eu-west-1a]
  ipv6-cluster-network:kubernetes:
    podCIDRs: ["fd01::/48"]
    serviceCIDRs: ["fd02::/112"]
    cni: calico
    cloudControllerManager: true
    dns64: true
    kubeconfig: "apiVersion: v1\\nkind: Config\\n"
`;
    const run = await runOffline(parseStackFile(text, "test", "test.yaml"), program);
    const sent = run.resources.filter(
      (r) => r.type.startsWith("kubernetes:") && r.type !== "kubernetes:helm.sh/v3:Release",
    );
    assert.equal(sent.length, 9, sent.map((r) => r.type).join(", "));
    for (const r of sent) validateManifest(r.inputs);
    const release = run.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release")!;
    assert.ok(installationSchema.safeParse(installationFromChartValues(release.inputs.values)).success);
  });

  describe("the validators catch broken manifests", () => {
    it("a DaemonSet with a mistyped field value", () => {
      const ds = structuredClone(plan(CLUSTERS["IPv6-only"]).addons.cloudControllerManager!.manifests.daemonSet) as any;
      ds.spec.template.spec.hostNetwork = "true";
      assert.throws(() => validateManifest(ds), /hostNetwork must be boolean/);
    });

    it("a DaemonSet without a container name", () => {
      const ds = structuredClone(plan(CLUSTERS["IPv6-only"]).addons.cloudControllerManager!.manifests.daemonSet) as any;
      delete ds.spec.template.spec.containers[0].name;
      assert.throws(() => validateManifest(ds), /containers\/0 must have required property name/);
    });

    it("a ClusterRoleBinding without its roleRef", () => {
      const crb = structuredClone(
        plan(CLUSTERS["IPv6-only"]).addons.cloudControllerManager!.manifests.clusterRoleBinding,
      ) as any;
      delete crb.roleRef;
      assert.throws(() => validateManifest(crb), /roleRef/);
    });

    it("an Installation with a natOutgoing the operator does not know, or a misspelt field", () => {
      const values = structuredClone(plan(CLUSTERS["IPv6-only"]).addons.calico!.values) as any;
      values.installation.calicoNetwork.ipPools[0].natOutgoing = "Off";
      assert.equal(installationSchema.safeParse(installationFromChartValues(values)).success, false);
      const typo = structuredClone(plan(CLUSTERS["IPv6-only"]).addons.calico!.values) as any;
      typo.installation.calicoNetwork.nodeAddressAutodetectionV6 = { firstfound: true };
      assert.equal(installationSchema.safeParse(installationFromChartValues(typo)).success, false);
    });
  });
});
