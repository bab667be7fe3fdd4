/**
 * The cluster edge in the pure core: every valid load-balancer combination of Cluster API AWS' table,
 * the security-group rules by family and port, and the kubeadm configuration and cloud-init parsed back.
 */
import { strict as assert } from "node:assert";
import { parseAllDocuments, parse } from "yaml";
import type { RulePeer, SecurityGroupPlan, SecurityGroupRule } from "../components/core/edge/types";
import { renderKubeadmConfig } from "../components/core/kubeadm";
import type { NetworkPlan } from "../components/core/network-plan";
import { DUAL_STACK_K8S, FACTS, planOk, sn, VPC_AMAZON, VPC_IPV4_ONLY, type Raw } from "./support/core-fixtures";

const A = "us-east-1a";
const B = "us-east-1b";
const ZONES = [A, B];
const IPV6_ONLY_K8S = { podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd02::/112"] };

const group = (p: NetworkPlan, name: string): SecurityGroupPlan => {
  const g = p.edge.securityGroups.find((x) => x.name === name);
  assert.ok(g, `no ${name} group`);
  return g;
};
const peer = (x: RulePeer) => (x.kind === "cidr" ? x.cidr : x.kind === "group" ? `sg:${x.group}` : x.kind);
/** A rule as one line: protocol, ports, family, peers. */
const line = (r: SecurityGroupRule) =>
  `${r.protocol} ${r.fromPort}-${r.toPort} ${r.family} ${r.peers.map(peer).join(",")}`;

describe("edge: the load balancer combinations Cluster API AWS supports are accepted", () => {
  const lb = (p: NetworkPlan) => {
    assert.ok(p.edge.apiLoadBalancer);
    return `${p.edge.apiLoadBalancer.ipAddressType}/${p.edge.apiLoadBalancer.targetGroupIpType}`;
  };
  const dualInfra = (extra: Raw) => ({ vpc: VPC_AMAZON, zones: ZONES, kubernetes: DUAL_STACK_K8S, ...extra });

  it("IPv4 subnets, ipv4 load balancer, ipv4 targets (the default in an IPv4-only VPC)", () => {
    assert.equal(lb(planOk({ vpc: VPC_IPV4_ONLY, zones: ZONES, apiLoadBalancer: {} })), "ipv4/ipv4");
  });
  it("dual-stack subnets: dualstack + ipv6 (the default), dualstack + ipv4, ipv4 + ipv4", () => {
    assert.equal(lb(planOk(dualInfra({ apiLoadBalancer: {} }))), "dualstack/ipv6");
    assert.equal(lb(planOk(dualInfra({ apiLoadBalancer: { targetGroupIpType: "ipv4" } }))), "dualstack/ipv4");
    assert.equal(lb(planOk(dualInfra({ apiLoadBalancer: { ipAddressType: "ipv4" } }))), "ipv4/ipv4");
    assert.equal(
      lb(planOk(dualInfra({ apiLoadBalancer: { ipAddressType: "ipv4", targetGroupIpType: "ipv4" } }))),
      "ipv4/ipv4",
    );
  });
  it("dual-stack public subnets with an IPv4-only control plane: dualstack + ipv4", () => {
    const p = planOk(
      dualInfra({
        subnets: [sn("Utility", A), sn("Utility", B), sn("PrivateIPv4", A), sn("PrivateIPv4", B)],
        apiLoadBalancer: { ipAddressType: "dualstack" },
      }),
    );
    assert.equal(lb(p), "dualstack/ipv4", "defaults to IPv4 targets when the control plane has no IPv6");
    assert.deepEqual(p.edge.controlPlaneSubnets, ["privateipv4-us-east-1a", "privateipv4-us-east-1b"]);
  });
  it("dual-stack public subnets with an IPv6-only control plane: dualstack + ipv6", () => {
    const p = planOk(
      dualInfra({
        kubernetes: IPV6_ONLY_K8S,
        nodes: { controlPlaneSubnets: ["private-us-east-1a", "private-us-east-1b"] },
        apiLoadBalancer: {},
      }),
    );
    assert.equal(lb(p), "dualstack/ipv6");
  });
  it("internet-facing in the Utility subnets by default, internal in the DualStack ones, target type ip", () => {
    const p = planOk(dualInfra({ apiLoadBalancer: {} }));
    assert.deepEqual(p.edge.apiLoadBalancer, {
      scheme: "internet-facing",
      ipAddressType: "dualstack",
      targetGroupIpType: "ipv6",
      targetType: "ip",
      preserveClientIp: false,
      subnets: ["utility-us-east-1a", "utility-us-east-1b"],
      port: 6443,
    });
    const internal = planOk(dualInfra({ apiLoadBalancer: { scheme: "internal", targetType: "instance" } }));
    assert.deepEqual(internal.edge.apiLoadBalancer?.subnets, ["dualstack-us-east-1a", "dualstack-us-east-1b"]);
    assert.equal(internal.edge.apiLoadBalancer?.targetType, "instance");
  });
  it("defaults to one subnet per zone, the first listed of the preferred kind", () => {
    const p = planOk(
      dualInfra({
        subnets: [
          sn("Utility", A),
          { ...sn("Utility", A), name: "utility2-a", cidr: "10.0.250.0/24", ipv6CIDR: "/64#3e" },
          sn("Utility", B),
          sn("DualStack", A),
          sn("PrivateIPv4", A),
          sn("DualStack", B),
        ],
        apiLoadBalancer: {},
      }),
    );
    assert.deepEqual(p.edge.apiLoadBalancer?.subnets, ["utility-us-east-1a", "utility-us-east-1b"]);
    const internal = planOk(
      dualInfra({
        subnets: [sn("Utility", A), sn("Utility", B), sn("DualStack", A), sn("PrivateIPv4", A), sn("DualStack", B)],
        apiLoadBalancer: { scheme: "internal" },
      }),
    );
    assert.deepEqual(internal.edge.apiLoadBalancer?.subnets, ["dualstack-us-east-1a", "dualstack-us-east-1b"]);
  });

  it("no load balancer without apiLoadBalancer", () => {
    const p = planOk(dualInfra({}));
    assert.equal(p.edge.apiLoadBalancer, undefined);
    assert.deepEqual(
      p.edge.securityGroups.map((g) => g.name),
      ["nodes", "control-plane"],
    );
  });
});

describe("edge: security-group rules by family and port", () => {
  const dual = planOk({
    vpc: VPC_AMAZON,
    zones: ZONES,
    kubernetes: { ...DUAL_STACK_K8S, cni: "calico", calico: { bgp: true } },
    apiLoadBalancer: {},
  });

  it("nodes: all traffic between nodes, kubelet, the CNI's ports, ICMP of both families, open egress", () => {
    const g = group(dual, "nodes");
    assert.deepEqual(g.ingress.map(line), [
      "-1 0-0 both self",
      "tcp 10250-10250 both self",
      "udp 4789-4789 both self",
      "tcp 179-179 both self",
      "icmpv6 133--1 ipv6 fe80::/10,vpcIpv6",
      "icmpv6 134--1 ipv6 fe80::/10,vpcIpv6",
      "icmpv6 135--1 ipv6 fe80::/10,vpcIpv6",
      "icmpv6 136--1 ipv6 fe80::/10,vpcIpv6",
      "icmpv6 137--1 ipv6 fe80::/10,vpcIpv6",
      "icmpv6 2--1 ipv6 ::/0",
      "icmpv6 128--1 ipv6 vpcIpv6",
      "icmp 3-4 ipv4 0.0.0.0/0",
      "icmp 8--1 ipv4 10.0.0.0/16",
    ]);
    assert.deepEqual(g.egress.map(line), ["-1 0-0 ipv4 0.0.0.0/0", "-1 0-0 ipv6 ::/0"]);
  });

  it("control plane: kube-apiserver from nodes and from the load balancer, etcd between control-plane machines", () => {
    assert.deepEqual(group(dual, "control-plane").ingress.map(line), [
      "tcp 6443-6443 both sg:nodes",
      "tcp 2379-2380 both self",
      "tcp 6443-6443 both sg:api-lb",
    ]);
  });

  it("the load balancer: the only world-open service port is its listener, and only when internet-facing", () => {
    assert.deepEqual(group(dual, "api-lb").ingress.map(line), [
      "tcp 6443-6443 ipv4 0.0.0.0/0",
      "tcp 6443-6443 ipv6 ::/0",
    ]);
    assert.deepEqual(group(dual, "api-lb").egress.map(line), ["tcp 6443-6443 ipv6 vpcIpv6"]);
    const internal = planOk({
      vpc: VPC_AMAZON,
      zones: ZONES,
      kubernetes: DUAL_STACK_K8S,
      apiLoadBalancer: { scheme: "internal" },
    });
    assert.deepEqual(group(internal, "api-lb").ingress.map(line), [
      "tcp 6443-6443 ipv4 10.0.0.0/16",
      "tcp 6443-6443 ipv6 vpcIpv6",
    ]);
    const v4 = planOk({ vpc: VPC_IPV4_ONLY, zones: ZONES, apiLoadBalancer: {} });
    assert.deepEqual(group(v4, "api-lb").ingress.map(line), ["tcp 6443-6443 ipv4 0.0.0.0/0"]);
    assert.deepEqual(group(v4, "api-lb").egress.map(line), ["tcp 6443-6443 ipv4 10.0.0.0/16"]);
    // Across every group: world-open ingress is only the listener or the ICMP path-MTU errors.
    for (const p of [dual, internal, v4]) {
      for (const g of p.edge.securityGroups) {
        for (const r of g.ingress.filter((x) =>
          x.peers.some((q) => q.kind === "cidr" && (q.cidr === "::/0" || q.cidr === "0.0.0.0/0")),
        )) {
          const ok =
            (g.name === "api-lb" && r.fromPort === 6443 && p.edge.apiLoadBalancer?.scheme === "internet-facing") ||
            (r.protocol === "icmpv6" && r.fromPort === 2) ||
            (r.protocol === "icmp" && r.fromPort === 3 && r.toPort === 4);
          assert.ok(ok, `${g.name}: ${line(r)} is open to the world`);
        }
      }
    }
  });

  it(
    "an IPv6 single-stack cluster with Cilium: IPv6 ICMP, " + "Cilium VXLAN, the VPC's known block where it is known",
    () => {
      const byoip = {
        cidrBlock: "10.0.0.0/16",
        ipv6: { poolId: "ipv6pool-ec2-0123456789abcdef0", cidrBlock: "2001:db8::/56" },
      };
      const cpIpv6Only = { controlPlaneSubnets: ["private-us-east-1a", "private-us-east-1b"] };
      const p = planOk({
        vpc: byoip,
        zones: ZONES,
        kubernetes: { ...IPV6_ONLY_K8S, cni: "cilium" },
        nodes: cpIpv6Only,
      });
      const lines = group(p, "nodes").ingress.map(line);
      assert.ok(lines.includes("udp 8472-8472 both self"));
      assert.ok(lines.includes("icmpv6 135--1 ipv6 fe80::/10,2001:db8::/56"));
      assert.ok(!lines.some((l) => l.startsWith("icmp ")), "no IPv4 ICMP rules when no machine has IPv4");
      assert.ok(!lines.some((l) => l.includes("4789") || l.includes(" 179-")));
      assert.ok(!lines.some((l) => l.includes("fd01::/48")), "tunnel mode: pod addresses never reach the group");
      // The same cluster with its control plane in DualStack subnets (the default): those machines talk
      // IPv4 through NAT, so IPv4 path-MTU errors must reach them.
      const dualCp = group(
        planOk({ vpc: byoip, zones: ZONES, kubernetes: { ...IPV6_ONLY_K8S, cni: "cilium" } }),
        "nodes",
      ).ingress.map(line);
      assert.ok(dualCp.includes("icmp 3-4 ipv4 0.0.0.0/0"));
      assert.ok(dualCp.includes("icmp 8--1 ipv4 10.0.0.0/16"));
    },
  );

  it(
    "without encapsulation (Cilium native, Calico None or CrossSubnet), " + "the pod ranges are admitted, per family",
    () => {
      const podRules = (p: NetworkPlan) =>
        group(p, "nodes")
          .ingress.filter((r) => r.description.startsWith("pod to pod"))
          .map(line);
      const native = planOk({
        vpc: VPC_AMAZON,
        zones: ZONES,
        kubernetes: { ...DUAL_STACK_K8S, cni: "cilium", cilium: { routingMode: "native" } },
      });
      assert.deepEqual(podRules(native), ["-1 0-0 ipv6 fd00:10:244::/56", "-1 0-0 ipv4 10.244.0.0/16"]);
      assert.ok(!group(native, "nodes").ingress.some((r) => r.fromPort === 8472), "no VXLAN port in native mode");
      const none = planOk({
        vpc: VPC_AMAZON,
        zones: ZONES,
        kubernetes: { ...IPV6_ONLY_K8S, cni: "calico", calico: { encapsulation: "None", bgp: true } },
      });
      assert.deepEqual(podRules(none), ["-1 0-0 ipv6 fd01::/48"]);
      const crossSubnet = planOk({
        vpc: VPC_AMAZON,
        zones: ZONES,
        kubernetes: { ...DUAL_STACK_K8S, cni: "calico", calico: { encapsulation: "VXLANCrossSubnet" } },
      });
      assert.deepEqual(podRules(crossSubnet), ["-1 0-0 ipv6 fd00:10:244::/56", "-1 0-0 ipv4 10.244.0.0/16"]);
      assert.ok(
        group(crossSubnet, "nodes").ingress.some((r) => r.protocol === "udp" && r.fromPort === 4789),
        "VXLAN across subnets",
      );
      assert.deepEqual(
        podRules(planOk({ vpc: VPC_AMAZON, zones: ZONES, kubernetes: { ...DUAL_STACK_K8S, cni: "calico" } })),
        [],
        "VXLAN (default): none",
      );
    },
  );

  it(
    "comes out in declaration order (a group references only groups before it), " +
      "each rule's CIDRs of its own family",
    () => {
      const plans = [
        planOk({ vpc: VPC_AMAZON, zones: ZONES, kubernetes: DUAL_STACK_K8S, apiLoadBalancer: {} }),
        planOk({
          vpc: VPC_AMAZON,
          zones: ZONES,
          kubernetes: { ...IPV6_ONLY_K8S, cni: "cilium", cilium: { routingMode: "native" } },
          apiLoadBalancer: { scheme: "internal" },
        }),
        planOk({ vpc: VPC_IPV4_ONLY, zones: ZONES }),
      ];
      for (const p of plans) {
        const names = p.edge.securityGroups.map((g) => g.name);
        assert.deepEqual(
          names,
          p.edge.apiLoadBalancer ? ["nodes", "api-lb", "control-plane"] : ["nodes", "control-plane"],
        );
        p.edge.securityGroups.forEach((g, i) => {
          for (const r of [...g.ingress, ...g.egress]) {
            for (const x of r.peers)
              if (x.kind === "group")
                assert.ok(names.indexOf(x.group) < i, `${g.name} references ${x.group}, declared later`);
            const cidrs = r.peers.flatMap((x) => (x.kind === "cidr" ? [x.cidr] : []));
            if (cidrs.length || r.peers.some((x) => x.kind === "vpcIpv6"))
              assert.notEqual(r.family, "both", `${g.name}: ${r.description}`);
            for (const c of cidrs)
              assert.equal(c.includes(":") ? "ipv6" : "ipv4", r.family, `${g.name}: ${r.description}: ${c}`);
          }
        });
      }
    },
  );

  it("an IPv4-only VPC: no IPv6 rules at all", () => {
    const p = planOk({ vpc: VPC_IPV4_ONLY, zones: ZONES });
    for (const g of p.edge.securityGroups)
      for (const r of [...g.ingress, ...g.egress]) assert.notEqual(r.family, "ipv6", `${g.name}: ${line(r)}`);
  });
});

describe("edge: control-plane settings and the kubeadm configuration", () => {
  const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Record<string, any>);
  const kind = (ds: Record<string, any>[], k: string) => {
    const d = ds.find((x) => x.kind === k);
    assert.ok(d, `no ${k}`);
    return d;
  };
  const extra = (list: { name: string; value: string }[]) => Object.fromEntries(list.map((a) => [a.name, a.value]));

  it("IPv6 single-stack: bind ::, node-ip ::, one node mask, IPv6 cluster DNS", () => {
    const p = planOk({ vpc: VPC_AMAZON, zones: ZONES, kubernetes: { ...IPV6_ONLY_K8S, nodeCIDRMaskSize: 64 } });
    assert.deepEqual(p.controlPlane.kubeApiServer, { "service-cluster-ip-range": "fd02::/112", "bind-address": "::" });
    assert.deepEqual(p.controlPlane.kubeControllerManager, {
      "allocate-node-cidrs": "true",
      "cluster-cidr": "fd01::/48",
      "service-cluster-ip-range": "fd02::/112",
      "node-cidr-mask-size": "64",
    });
    assert.deepEqual(p.controlPlane.kubelet, { "cluster-dns": "fd02::a", "node-ip": "::" });
    assert.deepEqual(p.controlPlane.kubeProxy, { "cluster-cidr": "fd01::/48" });

    const ds = docs(renderKubeadmConfig(p.kubernetes));
    assert.deepEqual(
      ds.map((d) => d.kind),
      [
        "InitConfiguration",
        "ClusterConfiguration",
        "JoinConfiguration",
        "KubeletConfiguration",
        "KubeProxyConfiguration",
      ],
    );
    const cc = kind(ds, "ClusterConfiguration");
    assert.equal(cc.apiVersion, "kubeadm.k8s.io/v1beta4");
    assert.deepEqual(cc.networking, {
      podSubnet: "fd01::/48",
      serviceSubnet: "fd02::/112",
      dnsDomain: "cluster.local",
    });
    assert.deepEqual(extra(cc.apiServer.extraArgs), { "bind-address": "::" });
    assert.deepEqual(extra(cc.controllerManager.extraArgs), { "node-cidr-mask-size": "64" });
    assert.equal(cc.controlPlaneEndpoint, undefined, "no endpoint without a load balancer");
    assert.deepEqual(extra(kind(ds, "InitConfiguration").nodeRegistration.kubeletExtraArgs), { "node-ip": "::" });
    assert.deepEqual(extra(kind(ds, "JoinConfiguration").nodeRegistration.kubeletExtraArgs), { "node-ip": "::" });
    assert.deepEqual(kind(ds, "KubeletConfiguration").clusterDNS, ["fd02::a"]);
    assert.equal(kind(ds, "KubeProxyConfiguration").clusterCIDR, "fd01::/48");
  });

  it("dual-stack, IPv6 primary: per-family node masks, both ranges, IPv6 first", () => {
    const p = planOk({
      vpc: VPC_AMAZON,
      zones: ZONES,
      kubernetes: { ...DUAL_STACK_K8S, nodeCIDRMaskSize: 72, nodeCIDRMaskSizeIPv4: 25 },
    });
    const cc = kind(docs(renderKubeadmConfig(p.kubernetes)), "ClusterConfiguration");
    assert.deepEqual(cc.networking, {
      podSubnet: "fd00:10:244::/56,10.244.0.0/16",
      serviceSubnet: "fd00:10:96::/112,10.96.0.0/16",
      dnsDomain: "cluster.local",
    });
    assert.deepEqual(extra(cc.controllerManager.extraArgs), {
      "node-cidr-mask-size-ipv6": "72",
      "node-cidr-mask-size-ipv4": "25",
    });
    assert.deepEqual(extra(cc.apiServer.extraArgs), { "bind-address": "::" });
    assert.equal(p.controlPlane.kubelet["cluster-dns"], "fd00:10:96::a");
    assert.equal(
      kind(docs(renderKubeadmConfig(p.kubernetes)), "KubeProxyConfiguration").clusterCIDR,
      "fd00:10:244::/56,10.244.0.0/16",
    );
  });

  it("dual-stack, IPv4 primary: no IPv6 bind or node-ip, IPv4 cluster DNS", () => {
    const p = planOk({
      vpc: VPC_AMAZON,
      zones: ZONES,
      kubernetes: {
        podCIDRs: ["10.244.0.0/16", "fd00:10:244::/56"],
        serviceCIDRs: ["10.96.0.0/16", "fd00:10:96::/112"],
      },
    });
    assert.deepEqual(p.controlPlane.kubeApiServer, { "service-cluster-ip-range": "10.96.0.0/16,fd00:10:96::/112" });
    assert.deepEqual(p.controlPlane.kubelet, { "cluster-dns": "10.96.0.10" });
    const ds = docs(renderKubeadmConfig(p.kubernetes));
    assert.deepEqual(kind(ds, "InitConfiguration").nodeRegistration, {});
    assert.deepEqual(kind(ds, "ClusterConfiguration").apiServer.extraArgs, []);
  });

  it("cloud-init turns on forwarding and keeps router advertisements (accept_ra = 2)", () => {
    const p = planOk({ vpc: VPC_AMAZON, zones: ZONES, kubernetes: IPV6_ONLY_K8S });
    assert.ok(p.nodeCloudInit.startsWith("#cloud-config\n"));
    const doc = parse(p.nodeCloudInit);
    const content: string = doc.write_files[0].content;
    for (const l of [
      "net.ipv6.conf.all.forwarding = 1",
      "net.ipv6.conf.all.accept_ra = 2",
      "net.ipv6.conf.default.accept_ra = 2",
    ])
      assert.ok(content.includes(l), l);
    assert.ok(!content.includes("net.ipv4.ip_forward"), "IPv6 single-stack: no IPv4 forwarding");
    assert.deepEqual(doc.runcmd.at(-1), ["sysctl", "--system"]);
    const dual = parse(planOk({ vpc: VPC_AMAZON, zones: ZONES, kubernetes: DUAL_STACK_K8S }).nodeCloudInit);
    assert.ok(dual.write_files[0].content.includes("net.ipv4.ip_forward = 1"));
  });
});

describe("edge: prerequisite checks pass when the facts are good", () => {
  it("reports IPv6 + Nitro instance types and standard zones as ok", () => {
    const p = planOk(
      { vpc: VPC_AMAZON, zones: ZONES, nodes: { instanceTypes: ["m6i.large"] } },
      {
        ...FACTS,
        zoneTypes: { [A]: "availability-zone", [B]: "availability-zone" },
        instanceTypes: { "m6i.large": { status: "ok", ipv6Supported: true, hypervisor: "nitro" } },
      },
    );
    assert.deepEqual(p.edge.prerequisites, [
      { what: "instance type m6i.large", status: "ok", detail: "IPv6, Nitro" },
      { what: `zone ${A}`, status: "ok", detail: "availability-zone" },
      { what: `zone ${B}`, status: "ok", detail: "availability-zone" },
    ]);
  });
  it("accepts a Local Zone subnet adopted by id", () => {
    const nyc = "us-east-1-nyc-1a";
    const p = planOk(
      {
        vpc: VPC_AMAZON,
        zones: [A, nyc],
        subnets: [sn("Utility", A), sn("PrivateIPv4", nyc, { id: "subnet-0123456789abcdef0" })],
      },
      { ...FACTS, zoneTypes: { [A]: "availability-zone", [nyc]: "local-zone" } },
    );
    assert.deepEqual(
      p.edge.prerequisites.find((c) => c.what === `zone ${nyc}`),
      { what: `zone ${nyc}`, status: "ok", detail: "local-zone: adopted or IPv4-only subnets only" },
    );
  });
});
