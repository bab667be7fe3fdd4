/**
 * The add-on planner (components/core/addons), called directly: settings derived from the cluster plan,
 * Calico's refusals with Calico's own reasons, and the rules that stop bad add-on config in planNetwork.
 */
import { strict as assert } from "node:assert";
import type { Finding } from "../components/core/findings";
import { planNetwork } from "../components/core/plan";
import type { Facts } from "../components/core/types";
import type { NetworkPlan } from "../components/core/network-plan";

const facts: Facts = { region: "eu-west-1", standardZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] };
const KUBECONFIG = "apiVersion: v1\nkind: Config\nclusters: []\n";

/** A valid IPv6 VPC; `kubernetes` is the part under test. */
function values(kubernetes: Record<string, unknown>): Record<string, unknown> {
  return { vpc: { cidrBlock: "10.20.0.0/16", ipv6: {} }, zones: ["eu-west-1a", "eu-west-1b"], kubernetes };
}
const IPV6_ONLY = { podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd02::/112"] };
const DUAL_STACK = {
  podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"],
  serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"],
};

function plan(kubernetes: Record<string, unknown>): NetworkPlan {
  const r = planNetwork(values(kubernetes), facts);
  if (!r.ok) assert.fail(`expected a valid plan, got ${r.findings.map((f) => f.code).join(", ")}`);
  return r.plan;
}
function errors(kubernetes: Record<string, unknown>): Finding[] {
  const r = planNetwork(values(kubernetes), facts);
  assert.equal(r.ok, false, "expected the config to be refused");
  return r.findings.filter((f) => f.severity === "error");
}
function only(findings: Finding[], code: string): Finding {
  const hits = findings.filter((f) => f.code === code);
  assert.equal(hits.length, 1, `expected one ${code}, got ${findings.map((f) => f.code).join(", ") || "none"}`);
  return hits[0];
}

describe("add-on plan: Calico", () => {
  it("in an IPv6-only cluster, one IPv6 pool equal to the pod CIDR, block 122, VXLAN, natOutgoing disabled", () => {
    const c = plan({ ...IPV6_ONLY, cni: "calico" }).addons.calico!;
    assert.deepEqual(c.installation.calicoNetwork.ipPools, [
      {
        name: "default-ipv6-ippool",
        cidr: "fd01::/48",
        blockSize: 122,
        encapsulation: "VXLAN",
        natOutgoing: "Disabled",
        nodeSelector: "all()",
      },
    ]);
    assert.equal(c.installation.calicoNetwork.bgp, "Disabled");
  });

  it("in an IPv6-only cluster, IPv4 autodetection is off and IPv6 autodetection and Felix IPv6 support are on", () => {
    const c = plan({ ...IPV6_ONLY, cni: "calico" }).addons.calico!;
    assert.equal(c.installation.calicoNetwork.nodeAddressAutodetectionV4, undefined);
    assert.deepEqual(c.installation.calicoNetwork.nodeAddressAutodetectionV6, { firstFound: true });
    assert.deepEqual(c.nodeEnvironment, {
      CALICO_NETWORKING_BACKEND: "vxlan",
      IP: "none",
      IP6: "autodetect",
      IP6_AUTODETECTION_METHOD: "first-found",
      FELIX_IPV6SUPPORT: "true",
    });
  });

  it("in an IPv6-only cluster with BGP, calico-node derives its router id from a hash", () => {
    const c = plan({ ...IPV6_ONLY, cni: "calico", calico: { bgp: true } }).addons.calico!;
    assert.equal(c.installation.calicoNetwork.bgp, "Enabled");
    assert.equal(c.nodeEnvironment.CALICO_ROUTER_ID, "hash");
    assert.equal(c.nodeEnvironment.IP, "none");
    assert.equal(c.nodeEnvironment.CALICO_NETWORKING_BACKEND, "bird");
  });

  it(
    "in a dual-stack cluster, an IPv4 pool with NAT next to the IPv6 pool without, " +
      "primary family first, both autodetected",
    () => {
      const c = plan({ ...DUAL_STACK, cni: "calico", cloudControllerManager: true }).addons.calico!;
      assert.deepEqual(
        c.pools.map((p) => [p.family, p.cidr, p.blockSize, p.natOutgoing]),
        [
          ["ipv6", "fd00:10:244::/56", 122, "Disabled"],
          ["ipv4", "10.244.0.0/16", 26, "Enabled"],
        ],
      );
      // With the CCM reporting both families, calico-node takes the node's InternalIP of each family.
      assert.deepEqual(c.installation.calicoNetwork.nodeAddressAutodetectionV6, { kubernetes: "NodeInternalIP" });
      assert.deepEqual(c.installation.calicoNetwork.nodeAddressAutodetectionV4, { kubernetes: "NodeInternalIP" });
      assert.equal(c.nodeEnvironment.IP, "autodetect");
      assert.equal(
        c.nodeEnvironment.CALICO_ROUTER_ID,
        undefined,
        "dual-stack nodes use their IPv4 address as router id",
      );
    },
  );

  it("the chart values are the Installation spec plus the chart's own switches", () => {
    const c = plan({ ...IPV6_ONLY, cni: "calico" }).addons.calico!;
    const { enabled, kubernetesProvider, ...spec } = c.values.installation;
    assert.equal(enabled, true);
    assert.equal(kubernetesProvider, "");
    assert.deepEqual(spec, c.installation);
    assert.deepEqual(
      [c.chart.chart, c.chart.version, c.chart.namespace],
      ["tigera-operator", "v3.29.3", "tigera-operator"],
    );
  });

  describe("refuses what Calico refuses, with Calico's reason", () => {
    it("IP-in-IP on an IPv6 pool", () => {
      const f = only(
        errors({ ...IPV6_ONLY, cni: "calico", calico: { encapsulation: "IPIP", bgp: true } }),
        "CALICO_IPIP_ON_IPV6_POOL",
      );
      assert.equal(f.path, "kubernetes.calico.encapsulation");
      assert.equal(f.value, "IPIP");
      assert.match(
        f.message,
        /Calico refuses it: "IPIP encapsulation is not supported by IPv6 pools, but it is set for fd01::\/48"/,
      );
    });

    it("IP-in-IP cross-subnet on the IPv6 pool of a dual-stack cluster", () => {
      const f = only(
        errors({ ...DUAL_STACK, cni: "calico", calico: { encapsulation: "IPIPCrossSubnet", bgp: true } }),
        "CALICO_IPIP_ON_IPV6_POOL",
      );
      assert.match(f.message, /set for fd00:10:244::\/56/);
    });

    it("an IPv6 block size below 116", () => {
      const f = only(
        errors({ ...IPV6_ONLY, cni: "calico", calico: { blockSize: 112 } }),
        "CALICO_BLOCK_SIZE_OUT_OF_RANGE",
      );
      assert.equal(f.path, "kubernetes.calico.blockSize");
      assert.equal(f.value, 112);
      assert.equal(
        f.message,
        'Calico refuses it: "ipPool.blockSize must be greater than 115 and less than or equal to 128"',
      );
    });

    it("an IPv6 block size above 128", () => {
      only(errors({ ...IPV6_ONLY, cni: "calico", calico: { blockSize: 129 } }), "CALICO_BLOCK_SIZE_OUT_OF_RANGE");
    });

    it("an IPv4 block size outside 20..32", () => {
      const f = only(
        errors({ ...DUAL_STACK, cni: "calico", calico: { blockSizeIPv4: 19 } }),
        "CALICO_BLOCK_SIZE_OUT_OF_RANGE",
      );
      assert.equal(f.path, "kubernetes.calico.blockSizeIPv4");
      assert.match(f.message, /greater than 19 and less than or equal to 32/);
    });

    it("accepts the edges of the range, 116 and 128", () => {
      for (const blockSize of [116, 128])
        assert.equal(
          plan({ ...IPV6_ONLY, cni: "calico", calico: { blockSize } }).addons.calico!.pools[0].blockSize,
          blockSize,
        );
    });

    it("a pool smaller than its block, pointing at the pod CIDR when the block size is the default", () => {
      const f = only(
        errors({ podCIDRs: ["fd01::/123"], serviceCIDRs: ["fd02::/112"], nodeCIDRMaskSize: 124, cni: "calico" }),
        "CALICO_POOL_SMALLER_THAN_BLOCK",
      );
      assert.equal(f.path, "kubernetes.podCIDRs[0]");
      assert.equal(f.value, "fd01::/123");
      assert.match(
        f.message,
        /^Calico refuses it: "IP pool size is too small\. It must be equal to or greater than the block size\." \(pool fd01::\/123, block \/122\)$/,
      );
    });

    it("a pool smaller than its block, pointing at the block size when it was set", () => {
      const f = only(
        errors({
          podCIDRs: ["fd01::/120"],
          serviceCIDRs: ["fd02::/112"],
          nodeCIDRMaskSize: 124,
          cni: "calico",
          calico: { blockSize: 118 },
        }),
        "CALICO_POOL_SMALLER_THAN_BLOCK",
      );
      assert.equal(f.path, "kubernetes.calico.blockSize");
      assert.equal(f.value, 118);
    });

    it("a pool inside fe80::/10", () => {
      const f = only(
        errors({ podCIDRs: ["fe80:1::/64"], serviceCIDRs: ["fd02::/112"], nodeCIDRMaskSize: 72, cni: "calico" }),
        "CALICO_POOL_LINK_LOCAL",
      );
      assert.equal(f.path, "kubernetes.podCIDRs[0]");
      assert.equal(f.message, 'Calico refuses it: "IP pool range overlaps with IPv6 Link Local range fe80::/10"');
    });

    it("unencapsulated pools without BGP", () => {
      const f = only(
        errors({ ...IPV6_ONLY, cni: "calico", calico: { encapsulation: "None" } }),
        "CALICO_ENCAPSULATION_NEEDS_BGP",
      );
      assert.match(f.message, /^Calico refuses it: "Unencapsulated IP pools require that BGP is enabled"/);
      assert.match(f.fix, /kubernetes\.calico\.bgp: true/);
    });

    it("lists every refusal at once", () => {
      const codes = errors({
        podCIDRs: ["fe80::/123"],
        serviceCIDRs: ["fd02::/112"],
        nodeCIDRMaskSize: 124,
        cni: "calico",
        calico: { encapsulation: "IPIP" },
      })
        .map((f) => f.code)
        .sort();
      assert.deepEqual(codes, [
        "CALICO_ENCAPSULATION_NEEDS_BGP",
        "CALICO_IPIP_ON_IPV6_POOL",
        "CALICO_POOL_LINK_LOCAL",
        "CALICO_POOL_SMALLER_THAN_BLOCK",
      ]);
    });
  });

  it("unencapsulated pools with BGP are planned, with a warning about AWS' source/destination check", () => {
    const p = plan({ ...IPV6_ONLY, cni: "calico", calico: { encapsulation: "None", bgp: true } });
    assert.equal(p.addons.calico!.pools[0].encapsulation, "None");
    const w = only(p.warnings, "ADDONS_NATIVE_ROUTING");
    assert.equal(w.path, "kubernetes.calico.encapsulation");
  });
});

describe("add-on plan: Cilium", () => {
  it(
    "in an IPv6-only cluster: IPv4 off, IPv6 masquerading off, " +
      "cluster-pool IPAM on the pod CIDR and node mask, VXLAN over IPv6",
    () => {
      const c = plan({ ...IPV6_ONLY, nodeCIDRMaskSize: 64, cni: "cilium" }).addons.cilium!;
      assert.deepEqual(c.values, {
        ipv4: { enabled: false },
        ipv6: { enabled: true },
        enableIPv4Masquerade: false,
        enableIPv6Masquerade: false,
        ipam: {
          mode: "cluster-pool",
          operator: { clusterPoolIPv6PodCIDRList: ["fd01::/48"], clusterPoolIPv6MaskSize: 64 },
        },
        routingMode: "tunnel",
        tunnelProtocol: "vxlan",
        underlayProtocol: "ipv6",
      });
      assert.deepEqual([c.chart.chart, c.chart.version, c.chart.namespace], ["cilium", "1.17.4", "kube-system"]);
    },
  );

  it("in a dual-stack cluster: both families, IPv4 masquerading only, both pools with their own node masks", () => {
    const c = plan({ ...DUAL_STACK, nodeCIDRMaskSize: 64, nodeCIDRMaskSizeIPv4: 24, cni: "cilium" }).addons.cilium!;
    assert.equal(c.values.ipv4.enabled, true);
    assert.equal(c.values.enableIPv4Masquerade, true);
    assert.equal(c.values.enableIPv6Masquerade, false);
    assert.deepEqual(c.values.ipam.operator, {
      clusterPoolIPv6PodCIDRList: ["fd00:10:244::/56"],
      clusterPoolIPv6MaskSize: 64,
      clusterPoolIPv4PodCIDRList: ["10.244.0.0/16"],
      clusterPoolIPv4MaskSize: 24,
    });
  });

  it("native routing: no tunnel, the pod CIDRs as native routing ranges, and a warning", () => {
    const p = plan({ ...DUAL_STACK, cni: "cilium", cilium: { routingMode: "native" } });
    const v = p.addons.cilium!.values;
    assert.equal(v.routingMode, "native");
    assert.equal(v.tunnelProtocol, undefined);
    assert.equal(v.ipv6NativeRoutingCIDR, "fd00:10:244::/56");
    assert.equal(v.ipv4NativeRoutingCIDR, "10.244.0.0/16");
    assert.equal(only(p.warnings, "ADDONS_NATIVE_ROUTING").path, "kubernetes.cilium.routingMode");
  });
});

describe("add-on plan: cloud-controller-manager", () => {
  it("IPv6-primary dual-stack: NodeIPFamilies ipv6 then ipv4", () => {
    assert.equal(
      plan({ ...DUAL_STACK, cloudControllerManager: true }).addons.cloudControllerManager!.cloudConfig,
      "[Global]\nNodeIPFamilies=ipv6\nNodeIPFamilies=ipv4\n",
    );
  });

  it("IPv4-primary dual-stack: NodeIPFamilies ipv4 then ipv6", () => {
    const p = plan({
      podCIDRs: ["10.244.0.0/16", "fd00:10:244::/56"],
      serviceCIDRs: ["10.96.0.0/16", "fd00:10:96::/112"],
      cloudControllerManager: true,
    });
    assert.equal(p.addons.cloudControllerManager!.cloudConfig, "[Global]\nNodeIPFamilies=ipv4\nNodeIPFamilies=ipv6\n");
  });

  it("IPv6-only: a single NodeIPFamilies=ipv6 line", () => {
    assert.equal(
      plan({ ...IPV6_ONLY, cloudControllerManager: true }).addons.cloudControllerManager!.cloudConfig,
      "[Global]\nNodeIPFamilies=ipv6\n",
    );
  });

  it("is not planned unless asked for", () => {
    assert.equal(plan({ ...IPV6_ONLY }).addons.cloudControllerManager, undefined);
  });
});

describe("add-on plan: CoreDNS", () => {
  it("IPv6-only with dns64: binds the IPv6 wildcard and synthesizes AAAA records in 64:ff9b::/96", () => {
    const d = plan({ ...IPV6_ONLY, dns64: true }).addons.coreDNS!;
    assert.equal(d.dnsServiceIP, "fd02::a");
    assert.match(d.corefile, /^\.:53 \{\n {4}bind ::\n/m);
    assert.match(d.corefile, /\n {4}dns64 \{\n {8}prefix 64:ff9b::\/96\n {4}\}\n/);
    assert.match(d.corefile, /cluster DNS service fd02::a/);
    assert.deepEqual(d.configMap.data, { Corefile: d.corefile });
  });

  it("dual-stack: listens on every address of both families, no dns64", () => {
    const d = plan({ ...DUAL_STACK, coreDNS: true }).addons.coreDNS!;
    assert.equal(d.bind, undefined);
    assert.doesNotMatch(d.corefile, /bind|dns64/);
    assert.match(d.corefile, /kubernetes cluster\.local in-addr\.arpa ip6\.arpa/);
  });

  it("refuses dns64 in a dual-stack cluster", () => {
    const f = only(errors({ ...DUAL_STACK, dns64: true }), "COREDNS_DNS64_NOT_IPV6_ONLY");
    assert.equal(f.path, "kubernetes.dns64");
  });

  it("refuses dns64 with coreDNS: false", () => {
    only(errors({ ...IPV6_ONLY, coreDNS: false, dns64: true }), "COREDNS_DNS64_CONFLICT");
  });

  it("leaves CoreDNS alone unless asked", () => {
    assert.equal(plan({ ...IPV6_ONLY, cni: "calico" }).addons.coreDNS, undefined);
  });
});

describe("add-on plan: what is installed, and what is said about it", () => {
  it("without a kubeconfig the add-ons are planned, not installed, and a warning names them", () => {
    const p = plan({ ...IPV6_ONLY, cni: "calico", cloudControllerManager: true, dns64: true });
    assert.equal(p.addons.install, false);
    assert.deepEqual(p.addons.requested, ["calico", "cloud-controller-manager", "coredns"]);
    const w = only(p.warnings, "ADDONS_SKIPPED_NO_KUBECONFIG");
    assert.equal(w.path, "kubernetes.kubeconfig");
    assert.match(w.message, /calico, cloud-controller-manager, coredns planned but not installed/);
  });

  it("with a kubeconfig the add-ons are installed and nothing is said about skipping", () => {
    const p = plan({ ...IPV6_ONLY, cni: "calico", kubeconfig: KUBECONFIG });
    assert.equal(p.addons.install, true);
    assert.equal(
      p.warnings.some((w) => w.code === "ADDONS_SKIPPED_NO_KUBECONFIG"),
      false,
    );
  });

  it("carries the kubeconfig in the plan for the components, and no report can print it", () => {
    const kubeconfig = `${KUBECONFIG}users: [{ name: admin, user: { token: s3cr3t-t0ken } }]\n`;
    const p = plan({ ...IPV6_ONLY, cni: "calico", kubeconfig });
    assert.equal(p.addons.kubeconfig?.reveal(), kubeconfig);
    const json = JSON.stringify(p);
    assert.ok(!json.includes("s3cr3t-t0ken"), "the plan as JSON (npm run plan --format json) holds no kubeconfig text");
    assert.equal(JSON.parse(json).addons.kubeconfig, "[secret]");
    assert.equal(`${p.addons.kubeconfig}`, "[secret]");
    assert.ok(!require("node:util").inspect(p, { depth: 10 }).includes("s3cr3t-t0ken"), "nor does console.log");
  });

  it("asks for nothing and warns about nothing when no add-on is configured", () => {
    const p = plan({ ...IPV6_ONLY });
    assert.deepEqual(p.addons.requested, []);
    assert.equal(
      p.warnings.some((w) => w.code.startsWith("ADDONS_")),
      false,
    );
  });

  it("warns that unique-local pod addresses are not routed outside the cluster when IPv6 is not masqueraded", () => {
    const w = only(
      plan({ ...IPV6_ONLY, cni: "cilium", kubeconfig: KUBECONFIG }).warnings,
      "ADDONS_POD_IPV6_NOT_ROUTABLE",
    );
    assert.equal(w.path, "kubernetes.podCIDRs[0]");
    assert.equal(w.value, "fd01::/48");
  });

  it("refuses settings for the CNI that is not chosen", () => {
    const f = only(errors({ ...IPV6_ONLY, cni: "cilium", calico: { bgp: true } }), "ADDON_CONFIG_UNUSED");
    assert.equal(f.path, "kubernetes.calico");
  });

  it("refuses a misspelt add-on key with a suggestion", () => {
    const r = planNetwork(values({ ...IPV6_ONLY, cni: "calico", calico: { encapsulaton: "VXLAN" } }), facts);
    assert.equal(r.ok, false);
    const f = only(r.findings, "CONFIG_UNKNOWN_KEY");
    assert.equal(f.path, "kubernetes.calico.encapsulaton");
    assert.match(f.fix, /did you mean "encapsulation"/);
  });
});
