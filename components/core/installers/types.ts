/**
 * What every installer's renderer takes and gives (components/core/installers/): the validated plan, the cluster's
 * name and, once the network is deployed, the ids and blocks AWS gave it; out comes the installer's spec as YAML.
 * A value the plan cannot know yet (a new VPC's id, an Amazon-provided block) is a placeholder that cannot be
 * mistaken for a real one, made by `placeholder` only, so that one pattern finds them all.
 */
import type { ApiLoadBalancerPlan } from "../edge/types";
import type { Installer } from "../enums";
import type { NetworkPlan } from "../network-plan";
import type { StackConfig } from "../schema";
import type { KubernetesPlan, SubnetKind, SubnetPlan, VpcPlan } from "../types";

/** A deployed subnet: the id AWS gave it and its IPv6 block (derived from the VPC's, which AWS assigns). */
export interface DeployedSubnet {
  /** The subnet's id (`subnet-...`). */
  id?: string;
  /** Its IPv6 block (none for PrivateIPv4 subnets). */
  ipv6CidrBlock?: string;
}

/**
 * What a deployment knows and the plan does not: the ids AWS gave the network's resources and the IPv6 blocks it
 * assigned. Everything is optional: what is missing stays a placeholder in the spec.
 */
export interface DeployedNetwork {
  /** The VPC's id. */
  vpcId?: string;
  /** The VPC's IPv6 block(s), the primary one first. */
  vpcIpv6CidrBlocks?: string[];
  /** The egress-only internet gateway's id. */
  egressOnlyInternetGatewayId?: string;
  /** The internet gateway's id. */
  internetGatewayId?: string;
  /** The NAT gateways' ids by their plan name (`<zone>-nat`). */
  natGatewayIds?: Record<string, string>;
  /** The subnets by their plan name. */
  subnets?: Record<string, DeployedSubnet>;
  /** The API load balancer's DNS name. */
  apiLoadBalancerDnsName?: string;
}

/** What a renderer takes: the validated plan, the cluster's name, and what the deployment knows. */
export interface InstallerInput {
  /** The stack's validated plan. */
  plan: NetworkPlan;
  /** The cluster's name in the installer's objects (a DNS label: `clusterNameOf`). */
  clusterName: string;
  /** The deployed network's ids and blocks; absent offline (then they are placeholders). */
  deployed?: DeployedNetwork;
}

/** One installer's spec of a cluster on this network. */
export interface RenderedSpec {
  /** The installer it is for. */
  installer: Installer;
  /** The spec as YAML text: one document, or several separated by `---` lines. */
  yaml: string;
  /** The objects the text holds, in order (what `yaml` parses to). */
  documents: Record<string, unknown>[];
  /** Every placeholder the text holds, each once, in order of appearance. */
  placeholders: string[];
}

/** Who fills in a placeholder: the deployment (an id, an assigned block) or the user (a machine, a version). */
export type PlaceholderKind = "deployment" | "user";

const FILLED_BY: Record<PlaceholderKind, string> = {
  deployment: "known after deployment",
  user: "yours to fill in",
};

/**
 * A value the spec cannot know yet: `<VPC id: known after deployment>`. Angle brackets and the colon make it text
 * that no AWS id, block or host name can be (so an installer refuses it rather than using it).
 */
export function placeholder(what: string, kind: PlaceholderKind = "deployment"): string {
  return `<${what}: ${FILLED_BY[kind]}>`;
}

/** Every placeholder `placeholder` makes, in any text. */
export const PLACEHOLDER_PATTERN = /<[^<>\n"]+: (?:known after deployment|yours to fill in)>/g;

/** The placeholders a text holds, each once, in order of appearance. */
export function placeholdersIn(text: string): string[] {
  return [...new Set(text.match(PLACEHOLDER_PATTERN) ?? [])];
}

/**
 * The cluster's name as the installers take it: a DNS label (kOps and Cluster API refuse other names), from the
 * stack's name: lower case, other characters as `-`, at most 63.
 */
export function clusterNameOf(stack: string): string {
  const name = stack
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return name || "cluster";
}

/**
 * The values of the network, each from where it is known: the plan (given in config, or allocated from a known
 * block), else the deployment, else a placeholder.
 */
export class NetworkValues {
  constructor(private readonly input: InstallerInput) {}

  private get deployed(): DeployedNetwork {
    return this.input.deployed ?? {};
  }

  /** The VPC's id. */
  vpcId(): string {
    return this.input.plan.vpc.id ?? this.deployed.vpcId ?? placeholder("VPC id");
  }

  /** The VPC's IPv6 block; undefined without IPv6. */
  vpcIpv6Block(): string | undefined {
    const v6 = this.input.plan.vpc.ipv6;
    if (!v6) return undefined;
    return v6.cidrBlock ?? this.deployed.vpcIpv6CidrBlocks?.[0] ?? placeholder("VPC IPv6 block");
  }

  /** The egress-only internet gateway's id; undefined without IPv6. */
  egressOnlyGatewayId(): string | undefined {
    const v6 = this.input.plan.vpc.ipv6;
    if (!v6) return undefined;
    return (
      v6.egressOnlyInternetGatewayId ??
      this.deployed.egressOnlyInternetGatewayId ??
      placeholder("egress-only internet gateway id")
    );
  }

  /** The internet gateway's id. */
  internetGatewayId(): string {
    return (
      this.input.plan.vpc.internetGatewayId ?? this.deployed.internetGatewayId ?? placeholder("internet gateway id")
    );
  }

  /** A subnet's id: the adopted one's, else the deployed one's. */
  subnetId(s: SubnetPlan): string {
    return s.id ?? this.deployed.subnets?.[s.name]?.id ?? placeholder(`subnet id of ${s.name}`);
  }

  /** A subnet's IPv6 block when known (allocated in a known block, or deployed); undefined when it has none. */
  subnetIpv6Block(s: SubnetPlan): string | undefined {
    if (!s.ipv6) return undefined;
    return s.ipv6.cidrBlock ?? this.deployed.subnets?.[s.name]?.ipv6CidrBlock;
  }

  /** A NAT gateway of this stack's id, by its plan name. */
  natGatewayId(name: string): string {
    return this.deployed.natGatewayIds?.[name] ?? placeholder(`NAT gateway id of ${name}`);
  }

  /** The API load balancer's DNS name. */
  apiLoadBalancerDnsName(): string {
    return this.deployed.apiLoadBalancerDnsName ?? placeholder("API load balancer DNS name");
  }
}

/** The IPv6 pod and service ranges and the IPv4 ones of a cluster, each family's or undefined. */
export function rangesByFamily(k: KubernetesPlan): {
  ipv6: { pods?: string; services?: string };
  ipv4: { pods?: string; services?: string };
} {
  const out = { ipv6: {} as { pods?: string; services?: string }, ipv4: {} as { pods?: string; services?: string } };
  k.ipFamilies.forEach((f, i) => {
    out[f].pods = k.podCIDRs[i];
    out[f].services = k.serviceCIDRs[i];
  });
  return out;
}

/**
 * What an installer's checks read: the config (to tell a value set from a default) and what the planner's stages
 * decided, with each subnet's config path. The planner passes its stages' records; nothing else is needed, so the
 * checks run with the other rules (config:check, the plan, the program) and report every problem at once.
 */
export interface InstallerCheckInput {
  /** The parsed config. */
  config: StackConfig;
  /** The cluster's addressing as planned. */
  kubernetes: KubernetesPlan;
  /** The VPC as planned. */
  vpc: VpcPlan;
  /** Every subnet, in config order, with its config path. */
  subnets: readonly (SubnetKind & { path: string })[];
  /** The API load balancer, when `apiLoadBalancer` is set. */
  apiLoadBalancer?: ApiLoadBalancerPlan;
  /** The control-plane subnets' names. */
  controlPlaneSubnets: readonly string[];
}
