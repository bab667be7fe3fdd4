/**
 * The `installerSpecs` stack output: the real program under Pulumi's mocks (one run per stack, shared), prod and dev
 * with the installers they accept listed. Each spec carries the deployed network (the mocks' ids and the IPv6
 * blocks the VPC was "assigned"), parses and validates, and has no placeholder for a deployed value left; kubeadm's
 * is the `kubernetes.kubeadmConfig` output itself. The installers a stack refuses render from the same deployed
 * network with the fix applied, so all four specs of prod and dev are checked against a deployment.
 */
import { strict as assert } from "node:assert";
import { join } from "node:path";
import type { Installer } from "../components/core/enums";
import { clusterNameOf, renderInstaller, type DeployedNetwork, type RenderedSpec } from "../components/core/installers";
import type { NetworkPlan } from "../components/core/network-plan";
import type { Facts } from "../components/core/types";
import { planNetwork } from "../components/core/plan";
import { checkStack } from "../components/offline/check";
import { runOffline, type OfflineRun } from "../components/offline/mock-runtime";
import { readStackFile } from "../components/offline/stack-file";
import { assertValidSpec, ROUND_TRIP, type NetworkFacts } from "./support/installer-specs";

const program = require("../program") as () => Promise<Record<string, unknown>>;
const CONFIG = join(__dirname, "..", "..", "config");

type Values = Record<string, unknown>;

/** What a stack lists, and what it refuses with the change that makes it render. */
const STACKS: Record<string, { listed: Installer[]; refused: Installer; fixed: Values }> = {
  prod: { listed: ["kops", "capi", "kubeadm"], refused: "k0s", fixed: { serviceCIDRs: ["fd02::/108"] } },
  dev: {
    listed: ["capi", "k0s", "kubeadm"],
    refused: "kops",
    fixed: { podCIDRs: ["fd00:10:244::/56"], serviceCIDRs: ["fd00:10:96::/112"] },
  },
};

/** The stack file with `kubernetes` changed: as `pulumi config set --path` would leave it. */
function withKubernetes(stack: string, kubernetes: Values) {
  const file = readStackFile(stack, CONFIG);
  const k = { ...(file.values.kubernetes as Values), ...kubernetes };
  file.values.kubernetes = k;
  file.all["ipv6-cluster-network:kubernetes"] = k;
  return file;
}

interface Deployed {
  run: OfflineRun;
  plan: NetworkPlan;
  /** The stack file's values and offline facts, to plan variants of it. */
  values: Values;
  offline: Facts;
  facts: NetworkFacts;
  deployed: DeployedNetwork;
}

/** The deployed values as the stack outputs say them (independently of how the program renders the specs). */
function deployedOf(run: OfflineRun, plan: NetworkPlan): { facts: NetworkFacts; deployed: DeployedNetwork } {
  const o = run.outputs;
  const subnets = o.subnets as Record<string, { id: string; ipv6CidrBlock?: string }>;
  // The NAT gateways are output by zone; routes name them by plan name.
  const nat = Object.fromEntries(plan.natGateways.map((n) => [n.name, o.natGatewayIds[n.zone] as string]));
  const lbDns = String(o.apiServerEndpoint ?? "").replace(/:6443$/, "");
  const facts: NetworkFacts = {
    vpcId: o.vpcId,
    vpcIpv6: o.vpcIpv6CidrBlock,
    eigw: o.egressOnlyInternetGatewayId,
    igw: o.internetGatewayId,
    subnetId: (n) => subnets[n].id,
    subnetIpv6: (n) => subnets[n].ipv6CidrBlock || undefined,
    natId: (n) => nat[n],
    lbDns,
    deployed: true,
  };
  const deployed: DeployedNetwork = {
    vpcId: o.vpcId,
    vpcIpv6CidrBlocks: [o.vpcIpv6CidrBlock],
    egressOnlyInternetGatewayId: o.egressOnlyInternetGatewayId,
    internetGatewayId: o.internetGatewayId,
    natGatewayIds: nat,
    subnets: Object.fromEntries(
      Object.entries(subnets).map(([n, s]) => [n, { id: s.id, ipv6CidrBlock: s.ipv6CidrBlock }]),
    ),
    apiLoadBalancerDnsName: lbDns || undefined,
  };
  return { facts, deployed };
}

/** A spec of the deployed network: valid, carrying the deployed values, no deployment placeholder left. */
function assertDeployedSpec(spec: RenderedSpec, plan: NetworkPlan, facts: NetworkFacts): void {
  const docs = assertValidSpec(spec);
  ROUND_TRIP[spec.installer](docs, plan, facts);
  assert.deepEqual(
    spec.placeholders.filter((p) => p.endsWith("known after deployment>")),
    [],
    `${spec.installer}: nothing of the deployment is a placeholder`,
  );
  assert.doesNotMatch(spec.yaml, /known after deployment/);
}

for (const [stack, s] of Object.entries(STACKS)) {
  describe(`installerSpecs of ${stack} under Pulumi mocks (${s.listed.join(", ")} listed)`, () => {
    let d: Deployed;
    before(async () => {
      const file = withKubernetes(stack, { installers: s.listed });
      const check = checkStack(stack, CONFIG, { overrides: { kubernetes: file.values.kubernetes } });
      assert.ok(check.stage === "plan" && check.result.ok);
      const plan = check.result.plan;
      const run = await runOffline(file, program);
      d = { run, plan, values: check.values, offline: check.facts, ...deployedOf(run, plan) };
    });

    it("outputs exactly the listed installers' specs, next to the outputs it had before", () => {
      assert.deepEqual(Object.keys(d.run.outputs.installerSpecs).sort(), [...s.listed].sort());
      assert.equal(typeof d.run.outputs.kubernetes.kubeadmConfig, "string");
    });

    for (const installer of ["kops", "capi", "k0s", "kubeadm"] as Installer[]) {
      if (!s.listed.includes(installer)) continue;
      it(`${installer}: the output carries the deployed network, and validates`, () => {
        const yaml = d.run.outputs.installerSpecs[installer] as string;
        const spec = renderInstaller(installer, {
          plan: d.plan,
          clusterName: clusterNameOf(stack),
          deployed: d.deployed,
        });
        assert.equal(yaml, spec.yaml, "the output is the core's rendering of the deployed values");
        assertDeployedSpec(spec, d.plan, d.facts);
      });
    }

    it("kubeadm's spec is the kubernetes.kubeadmConfig output itself (one rendering)", () => {
      assert.equal(d.run.outputs.installerSpecs.kubeadm, d.run.outputs.kubernetes.kubeadmConfig);
    });

    it(`${s.refused}, refused as ${stack} is, renders from the same deployment with the fix`, () => {
      const kubernetes = { ...(d.values.kubernetes as Values), ...s.fixed, installers: [s.refused] };
      const r = planNetwork({ ...d.values, kubernetes }, d.offline);
      assert.ok(r.ok, r.ok ? "" : r.findings.map((f) => f.code).join(", "));
      assert.deepEqual(r.plan.subnets, d.plan.subnets, "the fix changes no resource of the network");
      const spec = renderInstaller(s.refused, {
        plan: r.plan,
        clusterName: clusterNameOf(stack),
        deployed: d.deployed,
      });
      assertDeployedSpec(spec, r.plan, d.facts);
    });
  });
}
