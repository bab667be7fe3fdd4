/**
 * Ipv6ClusterNetwork: the whole network of an IPv6-only or dual-stack Kubernetes cluster as one component, its
 * args the stack config contract (components/library/args.ts). The program, the Automation API's inline program,
 * TypeScript programs that embed it and (as a Pulumi component package) Python, Go, .NET, Java and YAML programs
 * all build their network through it, so each gets the same resources from the same config.
 *
 * A config that is not well-formed is refused in the constructor, before any child exists. The rest needs AWS'
 * answers (zones, an existing VPC, instance types): they are looked up, the network is planned, and only a valid
 * plan declares children. A plan with errors rejects `ready()` and every output with a ResourceError listing every
 * finding (code, path, value, fix); the Pulumi runtime reports an unawaited one as the program's error.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatFindings, type Finding } from "../core/findings";
import { parseStackConfig } from "../core/parse";
import { planParsed } from "../core/plan";
import type { Facts } from "../core/types";
import { declareCluster, type ClusterOutputs, type KubernetesInfo } from "../program/declare";
import { lookupFacts } from "../program/facts";
import type { Ipv6ClusterNetworkArgs, SubnetType } from "./args";

export type { KubernetesInfo };

/** Options of the component beyond Pulumi's own (TypeScript only). */
export interface Ipv6ClusterNetworkOptions extends pulumi.ComponentResourceOptions {
  /** Facts to plan with instead of looking them up (tests, tools that already know them). */
  facts?: Facts;
}

/** What the program of 0.1 did differently: the hook ProgramNetwork (program.ts) uses to keep its stacks' URNs. */
export interface NetworkIdentity {
  /** Alias every resource to where 0.1's program registered it. */
  previous: boolean;
}

/** A subnet as the component outputs it. */
export interface SubnetInfo {
  /** The subnet's id (created, or the adopted one). */
  id: string;
  /** Its zone (Availability, Local or Wavelength Zone). */
  zone: string;
  /** Its kind. */
  type: SubnetType;
  /** IPv4 block (none for IPv6-only subnets). */
  cidrBlock?: string;
  /** IPv6 block (none for PrivateIPv4 subnets). */
  ipv6CidrBlock?: string;
  /** The subnet's own route table (none for adopted subnets: their routes are not managed here). */
  routeTableId?: string;
}

/** The security groups every machine carries. */
export interface SecurityGroupIds {
  /** Every cluster machine, control plane included. */
  nodes: string;
  /** Control-plane machines (with `nodes`). */
  controlPlane: string;
  /** The API load balancer (with `apiLoadBalancer`). */
  apiLoadBalancer?: string;
}

/**
 * The Amazon EKS cluster (`kubernetes.eks`). Every field is present: empty strings and lists for a self-managed
 * cluster. Its kubeconfig is the component's `kubeconfig` output, a secret of its own, so that these stay readable.
 */
export interface EksInfo {
  /** The cluster's name (`kubernetes.eks.name`, else the one Pulumi generated); empty without EKS. */
  clusterName: string;
  /** The API server's endpoint (https URL); empty without EKS. */
  endpoint: string;
  /** The service range EKS chose at creation (an fc00::/7 prefix); empty without EKS. */
  serviceIpv6Cidr: string;
  /** The cluster security group EKS made (on the control plane's interfaces and the managed nodes). */
  clusterSecurityGroupId: string;
  /** The cluster's OIDC issuer URL (IAM roles for service accounts); empty without EKS. */
  oidcIssuer: string;
  /** The cluster's certificate authority, base64-encoded PEM; empty without EKS. */
  certificateAuthorityData: string;
  /** The managed node groups' names; none without EKS. */
  nodeGroupNames: string[];
  /** The cluster role's ARN; empty without EKS. */
  clusterRoleArn: string;
  /** The node role's ARN (every managed node group's); empty without EKS. */
  nodeRoleArn: string;
  /** The VPC CNI's own role (Pod Identity or IRSA); empty when the CNI policy is on the node role, or without EKS. */
  cniRoleArn: string;
  /** The Fargate pod execution role's ARN; empty without a Fargate profile. */
  fargateRoleArn: string;
}

/** EksInfo of a self-managed cluster: every field empty. */
const NO_EKS: EksInfo = {
  clusterName: "",
  endpoint: "",
  serviceIpv6Cidr: "",
  clusterSecurityGroupId: "",
  oidcIssuer: "",
  certificateAuthorityData: "",
  nodeGroupNames: [],
  clusterRoleArn: "",
  nodeRoleArn: "",
  cniRoleArn: "",
  fargateRoleArn: "",
};

/** The package's name: the first part of its type tokens, the component package's and its SDKs' name. */
export const PACKAGE_NAME = "ipv6-cluster-network";
/** `index`: the one module a component package may use (Pulumi's ComponentProvider refuses others). */
const TYPE = `${PACKAGE_NAME}:index:Ipv6ClusterNetwork`;

/**
 * What an instance keeps besides its outputs. Held outside the class: the component package's schema takes every
 * property of the class for an output (provider.ts), private ones included.
 */
interface State {
  built: Promise<ClusterOutputs>;
  /** Whether someone awaits ready() or outputs(): then they see a refusal, and nothing else reports it. */
  observed: boolean;
}
const state = new WeakMap<Ipv6ClusterNetwork, State>();

/** A promise whose rejection is handled here (reported elsewhere): no unhandled rejection for it. */
function quiet<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

/**
 * An Output of a promise that may reject: the SDK also derives promises from it that nobody awaits (whether it
 * is known, secret, its resources: pulumi/pulumi sdk/nodejs/output.ts, OutputImpl's constructor, 3.248.0),
 * which would each reach the process's unhandled-rejection hook. Handled here, so that a refusal is reported
 * by whoever consumes the output (or by ready()'s caller, or once below), not once per derived promise. The
 * fields are the SDK's internals: when absent, nothing is attached.
 */
function quietOutput<T>(p: Promise<T>): pulumi.Output<T> {
  const o = pulumi.output(quiet(p));
  const internals = o as unknown as { isKnown?: unknown; isSecret?: unknown; allResources?: unknown };
  for (const derived of [internals.isKnown, internals.isSecret]) if (derived instanceof Promise) quiet(derived);
  if (typeof internals.allResources === "function") {
    const all = (internals.allResources as () => unknown).call(o);
    if (all instanceof Promise) quiet(all);
  }
  return o as unknown as pulumi.Output<T>;
}

/**
 * The args as the stack config's values: the region is not a config key, and a kubeconfig given as an Output
 * (a secret from another language) is planned by its presence and passed to the provider as it is.
 */
function configValues(args: Ipv6ClusterNetworkArgs): {
  values: Record<string, unknown>;
  kubeconfig?: pulumi.Input<string>;
} {
  const { region: _region, ...values } = args as Ipv6ClusterNetworkArgs & Record<string, unknown>;
  const kubeconfig = args.kubernetes?.kubeconfig;
  if (kubeconfig === undefined || typeof kubeconfig === "string") return { values };
  const kubernetes = { ...args.kubernetes, kubeconfig: "(given as an Output)" };
  return { values: { ...values, kubernetes }, kubeconfig };
}

/**
 * The AWS network of an IPv6-only or dual-stack Kubernetes cluster: VPC, subnets, routes, gateways,
 * NAT64/DNS64, security groups and the API load balancer, planned and checked before anything is created, and
 * the node add-ons (Calico or Cilium, the cloud-controller-manager, CoreDNS) when a kubeconfig is given.
 */
export class Ipv6ClusterNetwork extends pulumi.ComponentResource {
  /** The VPC's id (created, or the existing one). */
  public readonly vpcId: pulumi.Output<string>;
  /** The VPC's IPv4 block. */
  public readonly vpcCidrBlock: pulumi.Output<string>;
  /** The VPC's IPv6 block (assigned by AWS for Amazon-provided and IPAM blocks); empty without IPv6. */
  public readonly vpcIpv6CidrBlock: pulumi.Output<string>;
  /** Every subnet by its name. */
  public readonly subnets: pulumi.Output<Record<string, SubnetInfo>>;
  /** The internet gateway's id (created, given, or the one attached to an existing VPC). */
  public readonly internetGatewayId: pulumi.Output<string>;
  /** The egress-only internet gateway's id; empty without IPv6. */
  public readonly egressOnlyInternetGatewayId: pulumi.Output<string>;
  /** NAT gateway ids by zone (a gateway on a given Elastic IP by its name `<zone>-nat-<eipalloc>`). */
  public readonly natGatewayIds: pulumi.Output<Record<string, string>>;
  /** The security groups: put `nodes` on every machine, `controlPlane` also on control-plane machines. */
  public readonly securityGroupIds: pulumi.Output<SecurityGroupIds>;
  /** `<load balancer DNS name>:6443` (kubeadm's controlPlaneEndpoint); empty without `apiLoadBalancer`. */
  public readonly apiServerEndpoint: pulumi.Output<string>;
  /** The API load balancer's 6443 target group: register the control-plane machines here; empty without one. */
  public readonly apiServerTargetGroupArn: pulumi.Output<string>;
  /** The cluster's addressing, capacity, control-plane flags and kubeadm configuration. */
  public readonly kubernetes: pulumi.Output<KubernetesInfo>;
  /** cloud-init for every node: IPv6 forwarding that keeps the router-advertised default route. */
  public readonly nodeCloudInit: pulumi.Output<string>;
  /** The add-ons installed into the cluster (none without `kubernetes.kubeconfig`). */
  public readonly addons: pulumi.Output<string[]>;
  /**
   * The spec of each installer listed in `kubernetes.installers`, by installer (kops, capi, k0s, kubeadm): YAML of a
   * cluster on this network, with the deployed ids and blocks (docs/installers.md); empty when none is listed.
   */
  public readonly installerSpecs: pulumi.Output<Record<string, string>>;
  /**
   * The Amazon EKS cluster (`kubernetes.eks`): name, endpoint, service range, security group, roles; every field
   * empty for a self-managed cluster.
   */
  public readonly eks: pulumi.Output<EksInfo>;
  /**
   * The EKS cluster's kubeconfig (YAML; its user gets a token from `aws eks get-token`), a secret; empty for a
   * self-managed cluster, whose kubeconfig is the installer's.
   */
  public readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: Ipv6ClusterNetworkArgs, opts?: Ipv6ClusterNetworkOptions) {
    super(TYPE, name, {}, opts);
    const { values, kubeconfig } = configValues(args);
    // The shape first, synchronously: a malformed config registers no child and looks nothing up.
    const parsed = parseStackConfig(values);
    if (!parsed.ok && !parsed.withoutUnknownKeys) throw this.refusal(parsed.findings);
    const config = parsed.ok ? parsed.config : parsed.withoutUnknownKeys!;
    const built = (async () => {
      const facts = opts?.facts ?? (await lookupFacts(config, args.region));
      const result = planParsed(parsed, facts);
      if (!result.ok) throw this.refusal(result.findings);
      for (const w of result.plan.warnings) pulumi.log.warn(`[${w.code}] ${w.path}: ${w.message}. ${w.fix}`, this);
      return declareCluster(result.plan, { name, parent: this, previous: this.identity().previous, kubeconfig });
    })();
    const own: State = { built, observed: false };
    state.set(this, own);
    // Each output rejects with the refusal; the rejections are handled here, the engine reports them through
    // whoever consumes the output, and ready() carries the one that fails the program when nobody does.
    // (pulumi.output unwraps the Outputs nested in what it resolves to, as the types below say.)
    const out = <T>(pick: (o: ClusterOutputs) => unknown, empty?: T): pulumi.Output<T> =>
      quietOutput(built.then((o) => pick(o) ?? empty)) as unknown as pulumi.Output<T>;
    this.vpcId = out((o) => o.vpcId);
    this.vpcCidrBlock = out((o) => o.vpcCidrBlock);
    this.vpcIpv6CidrBlock = out((o) => o.vpcIpv6CidrBlock.apply((b) => b ?? ""));
    this.subnets = out((o) => o.subnets);
    this.internetGatewayId = out((o) => o.internetGatewayId);
    this.egressOnlyInternetGatewayId = out((o) => o.egressOnlyInternetGatewayId.apply((g) => g ?? ""));
    this.natGatewayIds = out((o) => o.natGatewayIds);
    this.securityGroupIds = out((o) => o.securityGroupIds);
    this.apiServerEndpoint = out((o) => o.apiServerEndpoint, "");
    this.apiServerTargetGroupArn = out((o) => o.apiServerTargetGroupArn, "");
    this.kubernetes = out((o) => o.kubernetes);
    this.nodeCloudInit = out((o) => o.nodeCloudInit);
    this.addons = out((o) => o.addons);
    this.installerSpecs = out((o) => o.installerSpecs);
    this.eks = out((o) => {
      if (!o.eks) return NO_EKS;
      const { kubeconfig: _secret, ...info } = o.eks;
      return { ...NO_EKS, ...info };
    });
    this.kubeconfig = out((o) => o.eks?.kubeconfig, "");
    // Nobody awaiting ready() (and no provider host reporting through the outputs): the refusal is left
    // unhandled on purpose, and the Pulumi runtime reports it (ResourceError, no stack trace) as the program's error.
    const reportedThroughOutputs = this.hostedByProvider();
    built.catch((e) => {
      if (!own.observed && !reportedThroughOutputs) throw e;
    });
    this.registerOutputs(
      quiet(built).then(
        (o) => o as unknown as pulumi.Inputs,
        () => ({}),
      ),
    );
  }

  /**
   * Resolves once the network is planned and every child declared; rejects with the ResourceError that lists
   * every finding when the config is refused. Await it to fail fast with that message; unawaited, the runtime
   * reports it as the program's error.
   */
  ready(): Promise<void> {
    const own = state.get(this)!;
    own.observed = true;
    return own.built.then(() => undefined);
  }

  /** The stack outputs of the program (everything the component outputs, as one object); rejects as ready(). */
  outputs(): Promise<ClusterOutputs> {
    const own = state.get(this)!;
    own.observed = true;
    return own.built;
  }

  /** How this instance names its resources; ProgramNetwork keeps 0.1's URNs reachable. */
  protected identity(): NetworkIdentity {
    return { previous: false };
  }

  /**
   * Whether a provider host reports a refusal (it fails the construct call by the outputs it serializes): the
   * component package's entry (provider.ts) says yes, so the plugin process has no unhandled rejection.
   */
  protected hostedByProvider(): boolean {
    return false;
  }

  private refusal(findings: readonly Finding[]): pulumi.ResourceError {
    return new pulumi.ResourceError(formatFindings(findings, "Invalid stack config"), this, true);
  }
}
