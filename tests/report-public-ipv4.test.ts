/**
 * The public IPv4 count and its cost (components/report/public-ipv4.ts): what the stack holds, what an
 * IPv4-only layout of the same size would hold, at AWS' $0.005 per address-hour.
 */
import { strict as assert } from "node:assert";
import {
  HOURS_PER_MONTH,
  monthlyUsd,
  PUBLIC_IPV4_USD_PER_HOUR,
  publicIpv4Lines,
  publicIpv4Summary,
} from "../components/report/public-ipv4";
import { DUAL_STACK_K8S, planOk, sn, VPC_AMAZON, VPC_IPV4_ONLY } from "./support/core-fixtures";

const TWO = ["us-east-1a", "us-east-1b"];
const counts = (s: ReturnType<typeof publicIpv4Summary>) => [s.stackTotal, s.ipv4OnlyTotal];

describe("public IPv4 price", () => {
  it("is $0.005 an address-hour, $3.60 for a 30-day month", () => {
    assert.equal(PUBLIC_IPV4_USD_PER_HOUR, 0.005);
    assert.equal(HOURS_PER_MONTH, 720);
    assert.deepEqual([monthlyUsd(0), monthlyUsd(1), monthlyUsd(3), monthlyUsd(7)], [0, 3.6, 10.8, 25.2]);
  });
});

describe("publicIpv4Summary", () => {
  it("default layout, per-zone NAT: one Elastic IP per zone, as an IPv4-only layout", () => {
    const s = publicIpv4Summary(planOk({ vpc: VPC_AMAZON, zones: TWO }));
    assert.deepEqual(counts(s), [2, 2]);
    assert.deepEqual(s.stack, [
      { source: "natGateway", what: "NAT gateway Elastic IPs (us-east-1a-nat, us-east-1b-nat)", count: 2 },
    ]);
    assert.deepEqual([s.stackUsdPerMonth, s.ipv4OnlyUsdPerMonth, s.savingUsdPerMonth], [7.2, 7.2, 0]);
  });

  it("an internet-facing load balancer holds one per zone, dual-stack or IPv4", () => {
    for (const ipAddressType of ["dualstack", "ipv4"]) {
      const s = publicIpv4Summary(
        planOk({ vpc: VPC_AMAZON, zones: TWO, kubernetes: DUAL_STACK_K8S, apiLoadBalancer: { ipAddressType } }),
      );
      assert.deepEqual(counts(s), [4, 4], ipAddressType);
      assert.deepEqual(
        s.stack.map((l) => [l.source, l.count]),
        [
          ["natGateway", 2],
          ["apiLoadBalancer", 2],
        ],
      );
      assert.equal(s.stackUsdPerMonth, 14.4);
    }
  });

  it("an internal load balancer holds none", () => {
    const s = publicIpv4Summary(
      planOk({ vpc: VPC_AMAZON, zones: TWO, kubernetes: DUAL_STACK_K8S, apiLoadBalancer: { scheme: "internal" } }),
    );
    assert.deepEqual(counts(s), [2, 2]);
    assert.ok(s.stack.every((l) => l.source === "natGateway"));
  });

  it(
    "natGateways none: IPv6-only subnets leave through the egress-only gateway for free; " +
      "IPv4-only needs a NAT per zone",
    () => {
      const p = planOk({
        vpc: VPC_AMAZON,
        zones: TWO,
        natGateways: "none",
        subnets: TWO.flatMap((z) => [sn("Utility", z), sn("Private", z, { dns64: false })]),
      });
      const s = publicIpv4Summary(p);
      assert.deepEqual(counts(s), [0, 2]);
      assert.equal(s.savingUsdPerMonth, 7.2);
      assert.deepEqual(
        s.ipv4Only.map((l) => [l.source, l.count]),
        [["natGateway", 2]],
      );
    },
  );

  it("natGateways single: one in either layout", () => {
    const s = publicIpv4Summary(
      planOk({ vpc: VPC_AMAZON, zones: ["us-east-1a", "us-east-1b", "us-east-1c"], natGateways: "single" }),
    );
    assert.deepEqual(counts(s), [1, 1]);
  });

  it(
    "subnets with their own egress " +
      "(transit gateway, existing NAT) need no NAT gateway of this stack in either layout",
    () => {
      const p = planOk({
        vpc: VPC_AMAZON,
        zones: TWO,
        natGateways: "none",
        subnets: [
          sn("Utility", "us-east-1a"),
          sn("Private", "us-east-1a", { egress: "tgw-0123456789abcdef0" }),
          sn("DualStack", "us-east-1b", { egress: "nat-0123456789abcdef0" }),
          sn("Utility", "us-east-1b"),
        ],
      });
      assert.deepEqual(counts(publicIpv4Summary(p)), [0, 0]);
    },
  );

  it("a NAT gateway on a given Elastic IP (egress: eipalloc-) counts in both layouts", () => {
    const p = planOk({
      vpc: VPC_AMAZON,
      zones: TWO,
      subnets: [
        sn("Utility", "us-east-1a"),
        sn("Private", "us-east-1a"),
        sn("Utility", "us-east-1b"),
        sn("DualStack", "us-east-1b", { egress: "eipalloc-0123456789abcdef0" }),
      ],
    });
    const s = publicIpv4Summary(p);
    // us-east-1b: only the eipalloc- gateway of the DualStack subnet (its Utility subnet needs no NAT64 route).
    assert.deepEqual(
      p.natGateways.map((n) => n.allocationId ?? "new"),
      ["new", "eipalloc-0123456789abcdef0"],
    );
    assert.deepEqual(counts(s), [2, 2]);
  });

  it("subnets without internet egress need nothing (IPv4-only VPC, natGateways none)", () => {
    const p = planOk({ vpc: VPC_IPV4_ONLY, zones: TWO, natGateways: "none" });
    assert.deepEqual(counts(publicIpv4Summary(p)), [0, 0]);
  });

  it("lists the subnets where every instance adds an address, here and in the IPv4-only layout", () => {
    const p = planOk({
      vpc: VPC_AMAZON,
      zones: ["us-east-1a"],
      subnets: [
        sn("Utility", "us-east-1a", { publicIPv4: true }),
        sn("Public", "us-east-1a"),
        sn("Private", "us-east-1a"),
      ],
    });
    const s = publicIpv4Summary(p);
    assert.deepEqual(s.perInstanceSubnets, ["utility-us-east-1a"]);
    assert.deepEqual(s.ipv4OnlyPerInstanceSubnets, ["utility-us-east-1a", "public-us-east-1a"]);
    const text = publicIpv4Lines(s).join("\n");
    assert.match(text, /this stack: 1 address, \$3\.60\/month: 1 NAT gateway Elastic IP \(us-east-1a-nat\)/);
    assert.match(text, /plus one per instance launched in utility-us-east-1a \(publicIPv4: true\)/);
    assert.match(
      text,
      /IPv4-only, every instance in the public subnets utility-us-east-1a, public-us-east-1a would need one too/,
    );
  });
});
