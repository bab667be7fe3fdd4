/**
 * The cluster edge as the real program declares it (prod stack and inline stacks under mocks): the
 * security groups with their inline rules, the API load balancer, the outputs, and the prerequisite
 * checks answered through the AWS provider's data sources.
 */
import { strict as assert } from "node:assert";
import { parse, parseAllDocuments } from "yaml";
import { invokeHandlers } from "../components/offline/mock-runtime";
import { offlineZoneType } from "../components/offline/stack-file";
import { Graph, refusal, runStack, runText, idOf } from "./support/recorded-graph";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const TG = "aws:lb/targetGroup:TargetGroup";
const LISTENER = "aws:lb/listener:Listener";

describe("edge in the prod stack (IPv6 single-stack, internet-facing dual-stack NLB)", function () {
  let g: Graph;
  before(async () => {
    g = await runStack("prod");
  });

  it(
    "declares the three security groups under ClusterSecurityGroups, " +
      "rules inline, the VPC's real IPv6 block resolved",
    () => {
      const parent = g.get("ipv6-cluster-network:network:ClusterSecurityGroups", "network");
      const [nodes, cp, lb] = ["nodes-sg", "control-plane-sg", "api-lb-sg"].map((n) => g.get(SG, n));
      for (const sg of [nodes, cp, lb]) {
        assert.equal(sg.parent, parent.urn);
        assert.equal(sg.inputs.vpcId, "vpc-network-vpc");
        assert.equal(sg.inputs.revokeRulesOnDelete, true);
        assert.equal(sg.inputs.name, undefined, "auto-named: stacks sharing a VPC do not collide");
      }
      const nd = nodes.inputs.ingress.find((r: any) => r.protocol === "icmpv6" && r.fromPort === 135);
      assert.deepEqual(nd.ipv6CidrBlocks, ["fe80::/10", "2001:db8:1234:5600::/56"]);
      assert.ok(
        nodes.inputs.ingress.some((r: any) => r.protocol === "-1" && r.self === true),
        "node to node",
      );
      assert.ok(
        nodes.inputs.ingress.some((r: any) => r.protocol === "udp" && r.fromPort === 8472 && r.self === true),
        "Cilium VXLAN",
      );
      // IPv6 single-stack pods, but the control plane's DualStack subnets give machines IPv4 (egress via NAT).
      assert.deepEqual(
        nodes.inputs.ingress
          .filter((r: any) => r.protocol === "icmp")
          .map((r: any) => [r.fromPort, r.toPort, r.cidrBlocks]),
        [
          [3, 4, ["0.0.0.0/0"]],
          [8, -1, ["10.20.0.0/16"]],
        ],
      );
      const api = cp.inputs.ingress.filter((r: any) => r.fromPort === 6443);
      assert.deepEqual(api.map((r: any) => r.securityGroups).sort(), [[idOf(SG, "api-lb-sg")], [idOf(SG, "nodes-sg")]]);
      assert.deepEqual(
        lb.inputs.ingress.map((r: any) => [r.cidrBlocks, r.ipv6CidrBlocks]),
        [
          [["0.0.0.0/0"], undefined],
          [undefined, ["::/0"]],
        ],
      );
      // One-way references: the control plane waits for nodes and api-lb, nothing waits for the control plane.
      assert.ok(cp.dependencies.includes(nodes.urn) && cp.dependencies.includes(lb.urn));
      assert.ok(!nodes.dependencies.includes(cp.urn) && !lb.dependencies.includes(cp.urn));
    },
  );

  it("declares the NLB in the Utility subnets with IPv6 targets on 6443", () => {
    const lb = g.get(LB, "api-lb").inputs;
    assert.equal(lb.loadBalancerType, "network");
    assert.equal(lb.internal, false);
    assert.equal(lb.ipAddressType, "dualstack");
    assert.deepEqual(
      lb.subnets,
      ["utility-eu-west-1a", "utility-eu-west-1b", "utility-eu-west-1c"].map((s) => idOf("aws:ec2/subnet:Subnet", s)),
    );
    assert.deepEqual(lb.securityGroups, [idOf(SG, "api-lb-sg")]);
    const tg = g.get(TG, "api-lb").inputs;
    assert.deepEqual(
      [tg.port, tg.protocol, tg.targetType, tg.ipAddressType, tg.vpcId, tg.preserveClientIp],
      [6443, "TCP", "ip", "ipv6", "vpc-network-vpc", "false"],
    );
    const l = g.get(LISTENER, "api-lb").inputs;
    assert.deepEqual(
      [l.port, l.protocol, l.defaultActions[0].type, l.defaultActions[0].targetGroupArn],
      [6443, "TCP", "forward", "arn:aws:elasticloadbalancing:::targetgroup/network-api-lb/0123456789abcdef"],
    );
    assert.equal(
      g.get(LB, "api-lb").parent,
      g.get("ipv6-cluster-network:network:ApiServerLoadBalancer", "network").urn,
    );
  });

  it("exports the endpoint, security groups, Kubernetes settings with the endpoint in kubeadm, and cloud-init", () => {
    const o = g.run.outputs;
    assert.equal(o.apiServerEndpoint, "network-api-lb-0123456789abcdef.elb.amazonaws.com:6443");
    assert.deepEqual(o.securityGroupIds, {
      nodes: idOf(SG, "nodes-sg"),
      controlPlane: idOf(SG, "control-plane-sg"),
      apiLoadBalancer: idOf(SG, "api-lb-sg"),
    });
    assert.deepEqual(o.kubernetes.ipFamilies, ["ipv6"]);
    assert.deepEqual(o.kubernetes.nodeCIDRMaskSizes, { ipv6: 64 });
    assert.equal(o.kubernetes.dnsServiceIP, "fd02::a");
    const cc = parseAllDocuments(o.kubernetes.kubeadmConfig)
      .map((d) => d.toJS())
      .find((d: any) => d.kind === "ClusterConfiguration");
    assert.equal(cc.controlPlaneEndpoint, o.apiServerEndpoint);
    assert.ok(o.nodeCloudInit.includes("accept_ra = 2"));
  });

  it("says the instance types were not checked offline (they are looked up through the provider)", () => {
    assert.deepEqual(
      g.run.invokes
        .filter((i) => i.token === "aws:ec2/getInstanceType:getInstanceType")
        .map((i) => i.args.instanceType)
        .sort(),
      ["m6i.large", "m7g.large"],
    );
    assert.equal(g.run.logs.filter((l) => l.startsWith("warning: [NODES_INSTANCE_TYPE_NOT_CHECKED]")).length, 2);
  });
});

describe("Kubernetes output of a dual-stack stack (dev, IPv6 primary), kubeadm configuration parsed back", function () {
  let o: Record<string, any>;
  before(async () => {
    o = (await runStack("dev")).run.outputs;
  });
  const docs = () => parseAllDocuments(o.kubernetes.kubeadmConfig).map((d) => d.toJS() as Record<string, any>);
  const kind = (k: string) => docs().find((d) => d.kind === k)!;
  const extra = (list: { name: string; value: string }[]) => Object.fromEntries(list.map((a) => [a.name, a.value]));

  it("exports the structured addressing, primary family first", () => {
    const k = o.kubernetes;
    assert.deepEqual(k.ipFamilies, ["ipv6", "ipv4"]);
    assert.deepEqual(
      [k.podCIDRs, k.serviceCIDRs],
      [
        ["fd00:10:244::/56", "10.244.0.0/16"],
        ["fd00:10:96::/112", "10.96.0.0/16"],
      ],
    );
    assert.deepEqual(k.nodeCIDRMaskSizes, { ipv6: 64, ipv4: 24 });
    // IPv4 /16 with /24 per node: 256 nodes (the smaller family decides); IPv6 /64 per node: 2^64 pod addresses.
    assert.equal(k.maxNodes, 256);
    assert.equal(k.podAddressesPerNode, "18446744073709551616");
    assert.equal(k.dnsServiceIP, "fd00:10:96::a");
    assert.deepEqual(k.kubeControllerManager, {
      "allocate-node-cidrs": "true",
      "cluster-cidr": "fd00:10:244::/56,10.244.0.0/16",
      "service-cluster-ip-range": "fd00:10:96::/112,10.96.0.0/16",
      "node-cidr-mask-size-ipv6": "64",
      "node-cidr-mask-size-ipv4": "24",
    });
    assert.deepEqual(k.kubelet, { "cluster-dns": "fd00:10:96::a", "node-ip": "::" });
    assert.equal(o.apiServerEndpoint, undefined, "no apiLoadBalancer, no endpoint");
  });

  it("renders kubeadm Init/Cluster/Join, kubelet and kube-proxy configuration with the same values", () => {
    assert.deepEqual(
      docs().map((d) => `${d.apiVersion} ${d.kind}`),
      [
        "kubeadm.k8s.io/v1beta4 InitConfiguration",
        "kubeadm.k8s.io/v1beta4 ClusterConfiguration",
        "kubeadm.k8s.io/v1beta4 JoinConfiguration",
        "kubelet.config.k8s.io/v1beta1 KubeletConfiguration",
        "kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration",
      ],
    );
    const cc = kind("ClusterConfiguration");
    assert.equal(cc.controlPlaneEndpoint, undefined);
    assert.deepEqual(cc.networking, {
      podSubnet: o.kubernetes.podCIDRs.join(","),
      serviceSubnet: o.kubernetes.serviceCIDRs.join(","),
      dnsDomain: "cluster.local",
    });
    assert.deepEqual(extra(cc.apiServer.extraArgs), { "bind-address": "::" });
    assert.deepEqual(extra(cc.controllerManager.extraArgs), {
      "node-cidr-mask-size-ipv6": "64",
      "node-cidr-mask-size-ipv4": "24",
    });
    for (const k of ["InitConfiguration", "JoinConfiguration"])
      assert.deepEqual(extra(kind(k).nodeRegistration.kubeletExtraArgs), { "node-ip": "::" }, k);
    assert.deepEqual(kind("KubeletConfiguration").clusterDNS, ["fd00:10:96::a"]);
    assert.equal(kind("KubeProxyConfiguration").clusterCIDR, "fd00:10:244::/56,10.244.0.0/16");
  });

  it("exports cloud-init with IPv6 and IPv4 forwarding and accept_ra = 2", () => {
    const content: string = parse(o.nodeCloudInit).write_files[0].content;
    for (const l of ["net.ipv6.conf.all.forwarding = 1", "net.ipv6.conf.all.accept_ra = 2", "net.ipv4.ip_forward = 1"])
      assert.ok(content.includes(l), l);
  });
});

const STACK = (extra: string) =>
  `config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }
  ipv6-cluster-network:zones: [us-east-1a, us-east-1b]
  ipv6-cluster-network:kubernetes: { podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"], ` +
  `serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/16"] }
${extra}`;

describe("edge prerequisites through the provider's data sources", () => {
  const original = { ...invokeHandlers };
  afterEach(() => Object.assign(invokeHandlers, original));

  it("refuses an instance type without IPv6 and a non-Nitro one, from getInstanceType's answers", async () => {
    invokeHandlers["aws:ec2/getInstanceType:getInstanceType"] = (args) =>
      args.instanceType === "m1.small"
        ? { id: "m1.small", instanceType: "m1.small", ipv6Supported: false, hypervisor: "xen" }
        : { id: args.instanceType, instanceType: args.instanceType, ipv6Supported: true, hypervisor: "xen" };
    const msg = await refusal(STACK("  ipv6-cluster-network:nodes: { instanceTypes: [m1.small, m4.large] }\n"));
    assert.match(msg, /\[NODES_INSTANCE_TYPE_NO_IPV6\] nodes\.instanceTypes\[0\] = "m1\.small"/);
    assert.match(msg, /\[NODES_INSTANCE_TYPE_NOT_NITRO\] nodes\.instanceTypes\[1\] = "m4\.large"/);
  });

  it("refuses a type AWS does not know (the data source fails)", async () => {
    invokeHandlers["aws:ec2/getInstanceType:getInstanceType"] = () => {
      throw new Error("InvalidInstanceType: The following supplied instance types do not exist: [m6i.lrge]");
    };
    const msg = await refusal(STACK("  ipv6-cluster-network:nodes: { instanceTypes: [m6i.lrge] }\n"));
    // (Under mocks the SDK drops the data source's error text; against AWS the provider's reason follows.)
    assert.match(
      msg,
      /\[NODES_INSTANCE_TYPE_UNKNOWN\] nodes\.instanceTypes\[0\] = "m6i\.lrge": AWS does not know instance type m6i\.lrge in us-east-1/,
    );
  });

  it("accepts good instance types without a warning", async () => {
    invokeHandlers["aws:ec2/getInstanceType:getInstanceType"] = (args) => ({
      id: args.instanceType,
      instanceType: args.instanceType,
      ipv6Supported: true,
      hypervisor: "nitro",
    });
    const g = await runText(STACK("  ipv6-cluster-network:nodes: { instanceTypes: [m6i.large] }\n"));
    assert.deepEqual(
      g.run.logs.filter((l) => l.includes("NODES_")),
      [],
    );
  });

  it(
    "looks every listed zone's type up " +
      "(automatic blocks and Wavelength routing depend on it) and instance types only when listed, in parallel",
    async () => {
      const v4 = await runText(`config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16 }
  ipv6-cluster-network:zones: [us-east-1a, us-east-1b]
`);
      assert.deepEqual(
        v4.run.invokes
          .filter((i) => i.token === "aws:index/getAvailabilityZone:getAvailabilityZone")
          .map((i) => i.args.name),
        ["us-east-1a", "us-east-1b"],
      );
      const v6 = await runText(STACK(""));
      assert.deepEqual(
        v6.run.invokes
          .filter((i) => i.token === "aws:index/getAvailabilityZone:getAvailabilityZone")
          .map((i) => i.args.name),
        ["us-east-1a", "us-east-1b"],
      );
      assert.deepEqual(
        v6.run.invokes.filter((i) => i.token === "aws:ec2/getInstanceType:getInstanceType"),
        [],
        "no nodes.instanceTypes, no lookup",
      );
    },
  );

  it("refuses IPv6 subnets created in a Local Zone (zone type from getAvailabilityZone)", async () => {
    const msg = await refusal(`config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }
  ipv6-cluster-network:zones: [us-east-1a, us-east-1-nyc-1a]
  ipv6-cluster-network:subnets:
    - { name: utility-a, zone: us-east-1a, type: Utility }
    - { name: nodes-nyc, zone: us-east-1-nyc-1a, type: Private, egress: tgw-0123456789abcdef0 }
`);
    assert.match(msg, /\[ZONE_IPV6_UNSUPPORTED\] subnets\[1\] = "nodes-nyc": us-east-1-nyc-1a is a Local Zone/);
  });
});

describe("offline zone types, from AWS' zone naming", () => {
  it("tells Availability, Local and Wavelength Zones apart, and leaves unknown names unjudged", () => {
    assert.equal(offlineZoneType("us-east-1a", "us-east-1"), "availability-zone");
    assert.equal(offlineZoneType("us-east-1-nyc-1a", "us-east-1"), "local-zone");
    assert.equal(offlineZoneType("us-west-2-lax-1b", "us-west-2"), "local-zone");
    assert.equal(offlineZoneType("us-east-1-wl1-bos-wlz-1", "us-east-1"), "wavelength-zone");
    assert.equal(offlineZoneType("eu-west-1a", "us-east-1"), undefined);
    assert.equal(offlineZoneType("us-east-1-something", "us-east-1"), undefined);
  });

  it("refuses IPv6 subnets in a Wavelength Zone too", async () => {
    const msg = await refusal(`config:
  aws:region: us-east-1
  ipv6-cluster-network:vpc: { cidrBlock: 10.0.0.0/16, ipv6: {} }
  ipv6-cluster-network:zones: [us-east-1a, us-east-1-wl1-bos-wlz-1]
  ipv6-cluster-network:subnets:
    - { name: utility-a, zone: us-east-1a, type: Utility }
    - { name: edge-bos, zone: us-east-1-wl1-bos-wlz-1, type: DualStack, egress: tgw-0123456789abcdef0 }
`);
    assert.match(
      msg,
      /\[ZONE_IPV6_UNSUPPORTED\] subnets\[1\] = "edge-bos": us-east-1-wl1-bos-wlz-1 is a Wavelength Zone/,
    );
  });
});
