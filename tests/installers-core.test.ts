/**
 * The installers' specs of the example stacks, offline (the pure core, no Pulumi): each parses, validates against
 * the installer's API schema and its own rules (tests/support/installer-specs.ts), and carries the plan's network
 * (ids as placeholders, blocks and ranges as planned). For prod and dev, every installer either renders or is
 * refused with the codes that say why; the refused ones render from the same stack with the one setting changed.
 * The validators are shown to refuse broken specs, so a green run means something.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import type { Installer } from "../components/core/enums";
import {
  clusterNameOf,
  INSTALLER_NAMES,
  PLACEHOLDER_PATTERN,
  placeholder,
  placeholdersIn,
  renderInstaller,
  type RenderedSpec,
} from "../components/core/installers";
import type { NetworkPlan } from "../components/core/network-plan";
import { planNetwork } from "../components/core/plan";
import { checkStack } from "../components/offline/check";
import {
  assertValidSpec,
  capiRules,
  k0sRules,
  kopsRules,
  offlineFacts,
  ROUND_TRIP,
  schemaErrors,
} from "./support/installer-specs";

type Values = Record<string, unknown>;

/** A stack file's values and offline facts. */
function stack(name: string) {
  const c = checkStack(name, join(__dirname, "..", "..", "config"));
  assert.ok(c.stage === "plan" && c.result.ok, `${name} plans`);
  return { values: c.values, facts: c.facts, plan: c.result.plan };
}

/** The stack's values with `kubernetes` changed and the installers listed. */
function variant(values: Values, kubernetes: Values, installers: Installer[]): Values {
  return { ...values, kubernetes: { ...(values.kubernetes as Values), ...kubernetes, installers } };
}

const STACKS = { prod: stack("prod"), dev: stack("dev") };

/**
 * What each example stack gets from each installer: the codes it is refused with (none: it renders), and the
 * change that makes the refused ones render (the rule's fix).
 */
const EXPECTED: Record<keyof typeof STACKS, Record<Installer, { refused?: string[]; fixed?: Values }>> = {
  prod: {
    kops: {},
    capi: {},
    // prod's IPv6 single-stack service range is a /112; k0s takes exactly a /108.
    k0s: { refused: ["K0S_SERVICE_CIDR_NOT_108"], fixed: { serviceCIDRs: ["fd02::/108"] } },
    kubeadm: {},
  },
  dev: {
    // dev's pods are dual-stack; kOps' IPv6 clusters have IPv6-only pods.
    kops: {
      refused: ["KOPS_POD_FAMILIES"],
      fixed: { podCIDRs: ["fd00:10:244::/56"], serviceCIDRs: ["fd00:10:96::/112"] },
    },
    capi: {},
    k0s: {},
    kubeadm: {},
  },
};

/** Renders offline, checks the spec as the installer would, and that it carries the plan's network. */
function renderChecked(installer: Installer, plan: NetworkPlan, name: string): RenderedSpec {
  const spec = renderInstaller(installer, { plan, clusterName: clusterNameOf(name) });
  const docs = assertValidSpec(spec);
  ROUND_TRIP[installer](docs, plan, offlineFacts(plan));
  return spec;
}

describe("installer specs of prod and dev, offline", () => {
  for (const [name, s] of Object.entries(STACKS)) {
    for (const installer of INSTALLER_NAMES) {
      const expected = EXPECTED[name as keyof typeof STACKS][installer];
      if (!expected.refused) {
        it(`${name}: ${installer} renders, validates and carries the plan's network`, () => {
          const r = planNetwork(variant(s.values, {}, [installer]), s.facts);
          assert.ok(r.ok, `${installer} accepts ${name}: ${r.findings.map((f) => f.code).join(", ")}`);
          renderChecked(installer, r.plan, name);
        });
        continue;
      }
      it(`${name}: ${installer} is refused with ${expected.refused.join(", ")}, and renders with the fix`, () => {
        const r = planNetwork(variant(s.values, {}, [installer]), s.facts);
        assert.equal(r.ok, false);
        assert.deepEqual(
          r.findings.filter((f) => f.severity === "error").map((f) => f.code),
          expected.refused,
        );
        const fixed = planNetwork(variant(s.values, expected.fixed!, [installer]), s.facts);
        assert.ok(fixed.ok, fixed.ok ? "" : fixed.findings.map((f) => f.code).join(", "));
        assert.deepEqual(fixed.plan.subnets, s.plan.subnets, "the fix changes no subnet");
        renderChecked(installer, fixed.plan, name);
      });
    }
  }
});

describe("installer specs: placeholders", () => {
  const specs = Object.entries(STACKS).flatMap(([name, s]) =>
    INSTALLER_NAMES.map((i) => renderInstaller(i, { plan: s.plan, clusterName: name })),
  );

  it("lists every placeholder a spec holds, and each is one the helper makes", () => {
    for (const spec of specs) {
      // Anything in angle brackets is a placeholder: no real value of these specs has them.
      const bracketed = [...new Set(spec.yaml.match(/<[^<>\n]*>/g) ?? [])];
      assert.deepEqual(spec.placeholders, bracketed, `${spec.installer}: every bracketed value is listed`);
      for (const p of bracketed) assert.match(p, new RegExp(`^${PLACEHOLDER_PATTERN.source}$`));
    }
    assert.ok(specs.some((s) => s.placeholders.length > 5));
  });

  it("offline, the ids AWS gives are placeholders; the blocks and ranges the plan knows are not", () => {
    const capi = specs.find((s) => s.installer === "capi")!;
    assert.ok(capi.placeholders.includes("<VPC id: known after deployment>"));
    assert.ok(capi.placeholders.includes("<subnet id of nodes-eu-west-1a: known after deployment>"));
    assert.doesNotMatch(capi.yaml, /fd01::\/48.*known/);
    assert.deepEqual(placeholdersIn("a <VPC id: known after deployment> b"), ["<VPC id: known after deployment>"]);
    assert.equal(placeholder("x", "user"), "<x: yours to fill in>");
  });

  it("a known value is never a placeholder: an existing VPC's id, its blocks and its gateways", () => {
    const s = stack("existing-vpc");
    const spec = renderInstaller("capi", { plan: s.plan, clusterName: "existing-vpc" });
    const vpc = (spec.documents[1] as any).spec.network.vpc;
    assert.deepEqual(vpc, {
      id: "vpc-0123456789abcdef0",
      cidrBlock: "10.50.0.0/16",
      internetGatewayId: "igw-0123456789abcdef0",
      ipv6: { cidrBlock: "2001:db8:5000::/56", egressOnlyInternetGatewayId: "eigw-0123456789abcdef0" },
    });
    const adopted = (spec.documents[1] as any).spec.network.subnets.find((x: any) =>
      x.availabilityZone.includes("nyc"),
    );
    assert.equal(adopted.id, "subnet-0123456789abcdef0");
  });
});

describe("installer specs: the validators refuse what the installers refuse", () => {
  const prod = STACKS.prod.plan;
  const docs = (installer: Installer, plan = prod) =>
    structuredClone(renderInstaller(installer, { plan, clusterName: "prod" }).documents) as any[];

  it("a key the installer's API does not have", () => {
    const [cluster] = docs("kops");
    cluster.spec.subnets[0].ipv6Cidr = cluster.spec.subnets[0].ipv6CIDR;
    assert.notDeepEqual(schemaErrors("kops", cluster), []);
    const [, aws] = docs("capi");
    aws.spec.network.vpc.ipv6.egressOnlyGatewayId = "eigw-1";
    assert.notDeepEqual(schemaErrors("capi", aws), []);
    const [k0sctl] = docs("k0s");
    k0sctl.spec.hosts[0].role = "master";
    assert.notDeepEqual(schemaErrors("k0s", k0sctl), []);
  });

  it("kOps: an even number of etcd members, an instance group in a subnet the spec lacks, Calico with VXLAN", () => {
    const d = docs("kops");
    d[0].spec.etcdClusters[0].etcdMembers.pop();
    d[1].spec.subnets = ["nowhere"];
    d[0].spec.networking = { calico: { encapsulationMode: "vxlan", awsSrcDstCheck: "DoNothing" } };
    assert.equal(kopsRules(d).length, 3);
  });

  it("k0s: a /112 single-stack service range; IPv6 single-stack without the feature gate", () => {
    const d = docs("k0s");
    assert.deepEqual(k0sRules(d), ["IPv6 service CIDR prefix > 108"]);
    d[0].spec.hosts[0].installFlags = [];
    assert.equal(k0sRules(d).length, 2);
  });

  it("Cluster API: a range that does not parse, IPv6 targets without vpc.ipv6", () => {
    const d = docs("capi");
    d[0].spec.clusterNetwork.pods.cidrBlocks = ["fd01::/129"];
    delete d[1].spec.network.vpc.ipv6;
    assert.equal(capiRules(d, true).length, 2);
  });
});

describe("installer specs: the cluster's name", () => {
  it("is the stack's name as a DNS label", () => {
    assert.equal(clusterNameOf("prod"), "prod");
    assert.equal(clusterNameOf("Team_A.Prod"), "team-a-prod");
    assert.equal(clusterNameOf("--x--"), "x");
    assert.equal(clusterNameOf("___"), "cluster");
    assert.equal(clusterNameOf("a".repeat(80)).length, 63);
  });
});
