/**
 * The real program under Pulumi mocks, for an IPv6-only and a dual-stack stack file: which add-on
 * resources a user gets, with which settings, through which provider, in which order; and that nothing
 * of the kind is declared without a kubeconfig.
 */
import { strict as assert } from "node:assert";
import { planNetwork } from "../components/core/plan";
import { offlineFacts, parseStackFile } from "../components/offline/stack-file";
import { runOffline, type OfflineRun, type RecordedResource } from "../components/offline/mock-runtime";

// require, not import(): the transpile-only build keeps import() as an ES module load.
const program = require("../program") as () => Promise<Record<string, unknown>>;

const KUBECONFIG_LINE = `    kubeconfig: "apiVersion: v1\\nkind: Config\\nclusters: []\\n"`;

/** IPv6 single-stack pods (Cluster API AWS' example ranges), Calico, the CCM and DNS64 in CoreDNS. */
function ipv6OnlyStack(extra: string, withKubeconfig = true): string {
  return `config:
  aws:region: eu-west-1
  ipv6-cluster-network:vpc:
    cidrBlock: 10.20.0.0/16
    ipv6: {}
  ipv6-cluster-network:zones: [eu-west-1a, eu-west-1b]
  ipv6-cluster-network:kubernetes:
    podCIDRs: ["fd01::/48"]
    serviceCIDRs: ["fd02::/112"]
    cloudControllerManager: true
    dns64: true
${extra}
${withKubeconfig ? KUBECONFIG_LINE : ""}
`;
}

/** Dual-stack pods, IPv6 primary (the dev stack's ranges). */
function dualStackStack(extra: string, withKubeconfig = true): string {
  return `config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc:
    cidrBlock: 10.0.0.0/16
    ipv6: {}
  ipv6-cluster-network:zones: [us-east-1a]
  ipv6-cluster-network:kubernetes:
    podCIDRs: [fd00:10:244::/56, 10.244.0.0/16]
    serviceCIDRs: [fd00:10:96::/112, 10.96.0.0/16]
    nodeCIDRMaskSize: 64
    nodeCIDRMaskSizeIPv4: 24
    cloudControllerManager: true
    coreDNS: true
${extra}
${withKubeconfig ? KUBECONFIG_LINE : ""}
`;
}

function run(text: string): Promise<OfflineRun> {
  return runOffline(parseStackFile(text, "test", "test.yaml"), program);
}

const isAddon = (r: RecordedResource) =>
  r.type.startsWith("kubernetes:") ||
  r.type.startsWith("pulumi:providers:kubernetes") ||
  r.type.startsWith("ipv6-cluster-network:addons:");
function one(run: OfflineRun, type: string, name?: string): RecordedResource {
  // By its own name, or by its stable name in the program's network (`network-<name>`).
  const named = (n: string) => n === name || n === `network-${name}`;
  const hits = run.resources.filter((r) => r.type === type && (name === undefined || named(r.name)));
  assert.equal(hits.length, 1, `expected one ${type} ${name ?? ""}, got ${hits.length}`);
  return hits[0];
}
const env = (container: { env?: { name: string; value: string }[] }) =>
  Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value]));

describe("add-ons in the program: IPv6-only stack with Calico", () => {
  let r: OfflineRun;
  before(async () => {
    r = await run(ipv6OnlyStack("    cni: calico"));
  });

  it("declares one Kubernetes provider from the kubeconfig, as a secret", () => {
    const p = one(r, "pulumi:providers:kubernetes", "cluster");
    assert.match(JSON.stringify(p.inputs.kubeconfig), /apiVersion: v1/);
  });

  it(
    "declares the Calico, CCM and CoreDNS components, " +
      "and every Kubernetes resource goes through the cluster provider",
    () => {
      const provider = one(r, "pulumi:providers:kubernetes", "cluster");
      for (const t of ["Calico", "CloudControllerManager", "CoreDns"]) one(r, `ipv6-cluster-network:addons:${t}`);
      const kube = r.resources.filter((x) => x.type.startsWith("kubernetes:"));
      assert.ok(kube.length >= 10);
      for (const x of kube)
        assert.ok(x.provider.startsWith(`${provider.urn}::`), `${x.type} ${x.name} uses ${x.provider}`);
    },
  );

  it(
    "installs the pinned tigera-operator chart with an IPv6 pool equal to the pod CIDR, " + "block 122, VXLAN, no NAT",
    () => {
      const rel = one(r, "kubernetes:helm.sh/v3:Release", "calico");
      assert.equal(rel.parent, one(r, "ipv6-cluster-network:addons:Calico").urn);
      assert.deepEqual(
        [
          rel.inputs.chart,
          rel.inputs.version,
          rel.inputs.repositoryOpts.repo,
          rel.inputs.namespace,
          rel.inputs.createNamespace,
        ],
        ["tigera-operator", "v3.29.3", "https://docs.tigera.io/calico/charts", "tigera-operator", true],
      );
      const net = rel.inputs.values.installation.calicoNetwork;
      assert.deepEqual(net.ipPools, [
        {
          name: "default-ipv6-ippool",
          cidr: "fd01::/48",
          blockSize: 122,
          encapsulation: "VXLAN",
          natOutgoing: "Disabled",
          nodeSelector: "all()",
        },
      ]);
      // No IPv4 autodetection is what makes the operator set IP=none on calico-node.
      assert.equal(net.nodeAddressAutodetectionV4, undefined);
      assert.deepEqual(net.nodeAddressAutodetectionV6, { kubernetes: "NodeInternalIP" });
      assert.deepEqual(rel.inputs.values.installation.cni, { type: "Calico", ipam: { type: "Calico" } });
    },
  );

  it("installs Calico after the CCM, whose node addresses it detects", () => {
    // On the release itself: a component's dependsOn does not hold back its children.
    const release = one(r, "kubernetes:helm.sh/v3:Release", "calico");
    assert.ok(release.dependencies.includes(one(r, "kubernetes:apps/v1:DaemonSet", "ccm").urn));
  });

  it("writes the CCM's cloud-config with NodeIPFamilies=ipv6 only, in kube-system", () => {
    const cm = one(r, "kubernetes:core/v1:ConfigMap", "ccm-cloud-config");
    assert.deepEqual(cm.inputs.metadata, { name: "cloud-config", namespace: "kube-system" });
    assert.equal(cm.inputs.data["cloud-config.conf"], "[Global]\nNodeIPFamilies=ipv6\n");
  });

  it(
    "runs the CCM on control-plane nodes with the AWS cloud provider, " +
      "no cloud routes, the mounted cloud-config and host networking",
    () => {
      const ds = one(r, "kubernetes:apps/v1:DaemonSet", "ccm");
      const pod = ds.inputs.spec.template.spec;
      const c = pod.containers[0];
      assert.deepEqual(c.args, [
        "--v=2",
        "--cloud-provider=aws",
        "--use-service-account-credentials=true",
        "--configure-cloud-routes=false",
        "--cloud-config=/etc/kubernetes/cloud-config.conf",
      ]);
      assert.deepEqual(c.volumeMounts, [
        {
          name: "cloud-config",
          mountPath: "/etc/kubernetes/cloud-config.conf",
          subPath: "cloud-config.conf",
          readOnly: true,
        },
      ]);
      assert.deepEqual(pod.volumes, [{ name: "cloud-config", configMap: { name: "cloud-config" } }]);
      assert.equal(pod.hostNetwork, true);
      assert.deepEqual(pod.nodeSelector, { "node-role.kubernetes.io/control-plane": "" });
      assert.deepEqual(
        pod.tolerations.map((t: { key: string }) => t.key),
        [
          "node.cloudprovider.kubernetes.io/uninitialized",
          "node-role.kubernetes.io/control-plane",
          "node-role.kubernetes.io/master",
        ],
      );
      assert.equal(pod.serviceAccountName, "cloud-controller-manager");
      assert.deepEqual(env(c), {});
    },
  );

  it("starts the CCM only after its config, service account and RBAC exist", () => {
    const ds = one(r, "kubernetes:apps/v1:DaemonSet", "ccm");
    const needed = [
      ["kubernetes:core/v1:ConfigMap", "ccm-cloud-config"],
      ["kubernetes:core/v1:ServiceAccount", "ccm-service-account"],
      ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "ccm-cluster-role"],
      ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding", "ccm-cluster-role-binding"],
      ["kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "ccm-apiserver-authentication-reader"],
      ["kubernetes:rbac.authorization.k8s.io/v1:Role", "ccm-controller-credentials"],
      ["kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "ccm-controller-credentials"],
    ];
    for (const [type, name] of needed)
      assert.ok(ds.dependencies.includes(one(r, type, name).urn), `${name} missing from the DaemonSet's dependencies`);
  });

  it("binds the CCM's ClusterRole to its service account", () => {
    const crb = one(r, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding");
    assert.deepEqual(crb.inputs.subjects, [
      { kind: "ServiceAccount", name: "cloud-controller-manager", namespace: "kube-system" },
    ]);
    assert.equal(
      crb.inputs.roleRef.name,
      one(r, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").inputs.metadata.name,
    );
  });

  it("patches CoreDNS's Corefile with dns64 over the kubeadm ConfigMap, forcing ownership of it", () => {
    const cm = one(r, "kubernetes:core/v1:ConfigMapPatch", "coredns");
    assert.deepEqual(cm.inputs.metadata, {
      name: "coredns",
      namespace: "kube-system",
      annotations: { "pulumi.com/patchForce": "true" },
    });
    assert.match(cm.inputs.data.Corefile, /bind ::\n/);
    assert.match(cm.inputs.data.Corefile, /dns64 \{\n {8}prefix 64:ff9b::\/96/);
  });

  it("exports the installed add-ons", () => {
    assert.deepEqual(r.outputs.addons, ["calico", "cloud-controller-manager", "coredns"]);
  });
});

describe("add-ons in the program: dual-stack stack", () => {
  it("Calico gets an IPv6 pool without NAT and an IPv4 pool with NAT, IPv6 first", async () => {
    const r = await run(dualStackStack("    cni: calico"));
    const pools = one(r, "kubernetes:helm.sh/v3:Release", "calico").inputs.values.installation.calicoNetwork.ipPools;
    assert.deepEqual(
      pools.map((p: Record<string, unknown>) => [p.cidr, p.blockSize, p.encapsulation, p.natOutgoing]),
      [
        ["fd00:10:244::/56", 122, "VXLAN", "Disabled"],
        ["10.244.0.0/16", 26, "VXLAN", "Enabled"],
      ],
    );
  });

  it("the CCM reports IPv6 then IPv4 node addresses", async () => {
    const r = await run(dualStackStack("    cni: calico"));
    assert.equal(
      one(r, "kubernetes:core/v1:ConfigMap", "ccm-cloud-config").inputs.data["cloud-config.conf"],
      "[Global]\nNodeIPFamilies=ipv6\nNodeIPFamilies=ipv4\n",
    );
  });

  it(
    "Cilium is one Helm release in kube-system with both families, " + "IPv6 masquerading off and the cluster's pools",
    async () => {
      const r = await run(dualStackStack("    cni: cilium"));
      assert.equal(
        r.resources.some((x) => x.type === "ipv6-cluster-network:addons:Calico"),
        false,
      );
      const rel = one(r, "kubernetes:helm.sh/v3:Release", "cilium");
      assert.equal(rel.parent, one(r, "ipv6-cluster-network:addons:Cilium").urn);
      assert.deepEqual(
        [rel.inputs.chart, rel.inputs.version, rel.inputs.repositoryOpts.repo, rel.inputs.namespace],
        ["cilium", "1.17.4", "https://helm.cilium.io/", "kube-system"],
      );
      const v = rel.inputs.values;
      assert.deepEqual(
        [v.ipv4, v.ipv6, v.enableIPv4Masquerade, v.enableIPv6Masquerade],
        [{ enabled: true }, { enabled: true }, true, false],
      );
      assert.deepEqual(v.ipam, {
        mode: "cluster-pool",
        operator: {
          clusterPoolIPv6PodCIDRList: ["fd00:10:244::/56"],
          clusterPoolIPv6MaskSize: 64,
          clusterPoolIPv4PodCIDRList: ["10.244.0.0/16"],
          clusterPoolIPv4MaskSize: 24,
        },
      });
      assert.deepEqual([v.routingMode, v.tunnelProtocol], ["tunnel", "vxlan"]);
    },
  );

  it("CoreDNS listens on both families without dns64", async () => {
    const r = await run(dualStackStack("    cni: none"));
    const corefile: string = one(r, "kubernetes:core/v1:ConfigMapPatch", "coredns").inputs.data.Corefile;
    assert.doesNotMatch(corefile, /bind|dns64/);
  });
});

describe("add-ons in the program: IPv6-only stack with Cilium", () => {
  it("Cilium turns IPv4 off and tunnels over IPv6", async () => {
    const r = await run(ipv6OnlyStack("    cni: cilium\n    cilium: { routingMode: tunnel }"));
    const v = one(r, "kubernetes:helm.sh/v3:Release", "cilium").inputs.values;
    assert.deepEqual(
      [v.ipv4.enabled, v.ipv6.enabled, v.enableIPv6Masquerade, v.underlayProtocol],
      [false, true, false, "ipv6"],
    );
    assert.deepEqual(v.ipam.operator, { clusterPoolIPv6PodCIDRList: ["fd01::/48"], clusterPoolIPv6MaskSize: 64 });
  });
});

describe("add-ons in the program: without a kubeconfig", () => {
  for (const [label, text] of [
    ["IPv6-only", ipv6OnlyStack("    cni: calico", false)],
    ["dual-stack", dualStackStack("    cni: cilium", false)],
  ] as const) {
    it(
      `${label}: warns, and declares the network but no provider, ` + `add-on component or Kubernetes resource`,
      async () => {
        const file = parseStackFile(text, "test", "test.yaml");
        const checked = planNetwork(file.values, offlineFacts(file));
        assert.ok(checked.ok);
        assert.ok(
          checked.plan.warnings.some((w) => w.code === "ADDONS_SKIPPED_NO_KUBECONFIG"),
          "the plan says the add-ons are skipped",
        );
        const r = await runOffline(file, program);
        assert.ok(
          r.resources.some((x) => x.type === "aws:ec2/vpc:Vpc"),
          "the network is still declared",
        );
        assert.deepEqual(
          r.resources.filter(isAddon).map((x) => `${x.type} ${x.name}`),
          [],
        );
        assert.deepEqual(r.outputs.addons, []);
      },
    );
  }
});

describe("add-ons in the program: bad add-on config", () => {
  it("stops the program before declaring anything, with Calico's reason", async () => {
    await assert.rejects(
      run(ipv6OnlyStack("    cni: calico\n    calico: { encapsulation: IPIP, bgp: true }")),
      (e: Error) => {
        assert.match(e.message, /\[CALICO_IPIP_ON_IPV6_POOL\] kubernetes\.calico\.encapsulation = "IPIP"/);
        assert.match(e.message, /IPIP encapsulation is not supported by IPv6 pools/);
        return true;
      },
    );
  });
});
