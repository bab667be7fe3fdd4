/**
 * Cluster addressing in the plan: families (the first entry is the primary), defaults, node capacity
 * (k0s' example) and the cluster DNS service address (kubeadm's 10th-address rule).
 */
import { strict as assert } from "node:assert";
import { countLabel } from "../components/report/table";
import { planOk, VPC_AMAZON, VPC_IPV4_ONLY, type Raw } from "./support/core-fixtures";

const k8sPlan = (kubernetes: Raw | undefined, vpc: Raw = VPC_AMAZON) =>
  planOk({ vpc, zones: ["us-east-1a"], ...(kubernetes ? { kubernetes } : {}) }).kubernetes;

describe("Kubernetes capacity", () => {
  it("k0s' example: pods fd00::/108 with node mask 117 hold 512 nodes of 2048 pod addresses", () => {
    const k = k8sPlan({ podCIDRs: ["fd00::/108"], serviceCIDRs: ["fd01::/108"], nodeCIDRMaskSize: 117 });
    assert.deepEqual(k.perFamily, [
      {
        family: "ipv6",
        podCIDR: "fd00::/108",
        nodeMaskSize: 117,
        maxNodes: 512,
        podAddressesPerNode: "2048",
        podAddressBits: 11,
      },
    ]);
    assert.equal(k.maxNodes, 512);
    assert.equal(k.podAddressesPerNode, "2048");
  });

  it("IPv4: pods 10.244.0.0/16 with node mask 24 hold 256 nodes of 256 addresses", () => {
    const k = k8sPlan(
      { podCIDRs: ["10.244.0.0/16"], serviceCIDRs: ["10.96.0.0/12"], nodeCIDRMaskSizeIPv4: 24 },
      VPC_IPV4_ONLY,
    );
    assert.deepEqual([k.maxNodes, k.podAddressesPerNode], [256, "256"]);
  });

  it(
    "dual-stack: the cluster holds as many nodes as its smaller family allows; " +
      "addresses per node are the primary family's",
    () => {
      const k = k8sPlan({
        podCIDRs: ["10.244.0.0/16", "fd00::/108"],
        serviceCIDRs: ["10.96.0.0/12", "fd01::/108"],
        nodeCIDRMaskSize: 116,
        nodeCIDRMaskSizeIPv4: 26,
      });
      assert.deepEqual(
        k.perFamily.map((c) => [c.family, c.maxNodes, c.podAddressesPerNode]),
        [
          ["ipv4", 1024, "64"],
          ["ipv6", 256, "4096"],
        ],
      );
      assert.equal(k.maxNodes, 256);
      assert.equal(k.podAddressesPerNode, "64");
    },
  );

  it(
    "counts exactly past a number's precision: " +
      "a /64 per node is 2^64 = 18446744073709551616 addresses, not 18446744073709552000",
    () => {
      const k = k8sPlan({ podCIDRs: ["fd00::/56"], serviceCIDRs: ["fd01::/112"], nodeCIDRMaskSize: 64 });
      assert.equal(k.podAddressesPerNode, "18446744073709551616");
      assert.equal(k.perFamily[0].podAddressBits, 64);
      assert.equal(
        k8sPlan({ podCIDRs: ["fd00::/48"], serviceCIDRs: ["fd01::/112"], nodeCIDRMaskSize: 56 }).podAddressesPerNode,
        (1n << 72n).toString(),
      );
      // Reports print large powers of two as such; JSON keeps the exact decimal text.
      assert.equal(countLabel(k.perFamily[0].podAddressesPerNode, k.perFamily[0].podAddressBits), "2^64");
      assert.equal(countLabel("2048", 11), "2048");
      assert.equal(JSON.parse(JSON.stringify(k)).podAddressesPerNode, "18446744073709551616");
    },
  );

  it("a node mask exactly 16 bits longer than the pod prefix is the largest accepted", () => {
    assert.equal(
      k8sPlan({ podCIDRs: ["fd00::/48"], serviceCIDRs: ["fd01::/112"], nodeCIDRMaskSize: 64 }).maxNodes,
      65536,
    );
  });
});

describe("cluster DNS service address (10th address of the primary service range, as kubeadm picks it)", () => {
  it("fd00::/108 services give fd00::a", () => {
    assert.equal(k8sPlan({ podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd00::/108"] }).dnsServiceIP, "fd00::a");
  });

  it("IPv4 10.96.0.0/12 services give 10.96.0.10", () => {
    assert.equal(
      k8sPlan({ podCIDRs: ["10.244.0.0/16"], serviceCIDRs: ["10.96.0.0/12"] }, VPC_IPV4_ONLY).dnsServiceIP,
      "10.96.0.10",
    );
  });

  it("dual-stack uses the primary (first) family", () => {
    assert.equal(
      k8sPlan({ podCIDRs: ["fd00:10:244::/56", "10.244.0.0/16"], serviceCIDRs: ["fd00:10:96::/112", "10.96.0.0/12"] })
        .dnsServiceIP,
      "fd00:10:96::a",
    );
    assert.equal(
      k8sPlan({ podCIDRs: ["10.244.0.0/16", "fd00:10:244::/56"], serviceCIDRs: ["10.96.0.0/12", "fd00:10:96::/112"] })
        .dnsServiceIP,
      "10.96.0.10",
    );
  });

  it("the smallest primary service range with a 10th address (/124) is accepted", () => {
    assert.equal(k8sPlan({ podCIDRs: ["fd01::/48"], serviceCIDRs: ["fd02::/124"] }).dnsServiceIP, "fd02::a");
  });
});

describe("cluster families and defaults", () => {
  it("the first pod CIDR's family is the primary one", () => {
    assert.deepEqual(
      k8sPlan({ podCIDRs: ["fd00::/56", "10.244.0.0/16"], serviceCIDRs: ["fd01::/112", "10.96.0.0/16"] }).ipFamilies,
      ["ipv6", "ipv4"],
    );
    assert.deepEqual(
      k8sPlan({ podCIDRs: ["10.244.0.0/16", "fd00::/56"], serviceCIDRs: ["10.96.0.0/16", "fd01::/112"] }).ipFamilies,
      ["ipv4", "ipv6"],
    );
  });

  it("one IPv6 entry is an IPv6 single-stack cluster", () => {
    const k = k8sPlan({ podCIDRs: ["fd00::/56"], serviceCIDRs: ["fd01::/112"] });
    assert.deepEqual([k.ipFamilies, k.singleStackIPv6], [["ipv6"], true]);
    assert.equal(
      k8sPlan({ podCIDRs: ["fd00::/56", "10.244.0.0/16"], serviceCIDRs: ["fd01::/112", "10.96.0.0/16"] })
        .singleStackIPv6,
      false,
    );
  });

  it("in an IPv6 VPC without kubernetes config: IPv6 single-stack with kind's ranges, node mask 64", () => {
    const k = k8sPlan(undefined);
    assert.deepEqual(
      [k.podCIDRs, k.serviceCIDRs, k.nodeCIDRMaskSize, k.dnsServiceIP, k.cni],
      [["fd00:10:244::/56"], ["fd00:10:96::/112"], 64, "fd00:10:96::a", "none"],
    );
  });

  it("in an IPv4-only VPC without kubernetes config: kubeadm's IPv4 ranges, node mask 24", () => {
    const k = k8sPlan(undefined, VPC_IPV4_ONLY);
    assert.deepEqual(
      [k.podCIDRs, k.serviceCIDRs, k.nodeCIDRMaskSizeIPv4, k.dnsServiceIP],
      [["10.244.0.0/16"], ["10.96.0.0/12"], 24, "10.96.0.10"],
    );
  });

  it("service CIDRs default per pod family, in the pods' order", () => {
    assert.deepEqual(k8sPlan({ podCIDRs: ["10.244.0.0/16", "fd00:10:244::/56"] }).serviceCIDRs, [
      "10.96.0.0/12",
      "fd00:10:96::/112",
    ]);
  });
});
