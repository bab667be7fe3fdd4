/**
 * An Amazon EKS cluster with the IPv6 family on the planned network (`kubernetes.eks`; docs/eks.md): its version
 * and add-on versions, its endpoint, who administers it, the subnets of its interfaces and nodes, its IAM, node
 * groups and Fargate profile. Pure: the facts (zone ids, instance types) are looked up by the program.
 *
 * The rules are EKS' (../shared/reference/eks-ipv6.md, with its sources): the cluster's interfaces and nodes'
 * primary addresses go in dual-stack subnets only, in at least two zones; the IPv6 family is chosen at creation and
 * never changes; EKS chooses the service range (from fc00::/7) and pods take /80 prefixes of the node subnets.
 */
import { at, finding, type Finding } from "../findings";
import { firstPerZone, namedSubnets } from "../edge/default-subnets";
import { instanceTypeCheck } from "../edge/prerequisites";
import type { EdgeInput, EdgeSubnet, PrerequisiteCheck } from "../edge/types";
import type { KubernetesPlan } from "../types";
import { parseCidr } from "../ip";
import type { EksConfig, EksNodeGroupConfig, StackConfig } from "../schema";
import {
  CLUSTER_ROLE_POLICIES,
  CNI_IPV6_POLICY,
  CNI_SERVICE_ACCOUNT,
  FARGATE_ROLE_POLICIES,
  NODE_ROLE_POLICIES,
} from "./iam";
import type { EksAddonPlan, EksNodeGroupPlan, EksPlan } from "./types";
import {
  EKS_ADDON_VERSIONS,
  EKS_DEFAULT_VERSION,
  EKS_MIN_IPV6_KUBERNETES,
  EKS_MIN_IPV6_VPC_CNI,
  EKS_NODE_GROUP_DEFAULTS,
} from "./versions";

export type * from "./types";

const EKS_PATH = ["kubernetes", "eks"] as const;
const eksAt = (...rest: (string | number)[]) => at(...EKS_PATH, ...rest);

/** Zone ids where EKS creates no cluster (Amazon EKS User Guide, network-reqs.adoc, "Subnet requirements"). */
const UNSUPPORTED_ZONE_IDS = ["use1-az3", "usw1-az2", "cac1-az3"];

/** What an EKS cluster is planned from: the edge's view of the network, and the config's `kubernetes.eks`. */
export interface EksInput extends EdgeInput {
  eks: EksConfig;
  /** Each created subnet's IPv4 block by name (for EKS' free-address recommendation). */
  cidrs?: Readonly<Record<string, string | undefined>>;
}

/** Self-managed cluster settings refused with `eks`, each with what replaces it. */
const CHOSEN_BY_EKS: Record<string, string> = {
  podCIDRs: "pods take /80 prefixes of the node subnets' IPv6 blocks (the VPC CNI's prefix delegation)",
  serviceCIDRs: "EKS assigns the service range itself, from fc00::/7, and reports it back (an output)",
  nodeCIDRMaskSize: "the VPC CNI delegates /80 prefixes per network interface, not a range per node",
  nodeCIDRMaskSizeIPv4: "pods have no IPv4 addresses in an IPv6 EKS cluster (no dual-stack pods)",
};
const SELF_MANAGED: Record<string, string> = {
  cni: "EKS runs the VPC CNI (the vpc-cni add-on)",
  calico: "EKS runs the VPC CNI (the vpc-cni add-on)",
  cilium: "EKS runs the VPC CNI (the vpc-cni add-on)",
  cloudControllerManager: "EKS runs the cloud controller itself",
  coreDNS: "EKS installs CoreDNS as the coredns add-on",
  dns64: "pods reach IPv4 through their node's IPv4 address (the VPC CNI's SNAT), so DNS64 is not needed",
  kubeconfig: "this program makes the cluster's kubeconfig (the eks.kubeconfig output)",
};

/** The config keys of a self-managed cluster that an EKS config must not set. */
function selfManagedFindings(config: StackConfig): Finding[] {
  const k = config.kubernetes as Record<string, unknown>;
  const set = (key: string) => k[key] !== undefined && !(key === "cni" && k[key] === "none") && k[key] !== false;
  const out: Finding[] = [];
  for (const [key, why] of Object.entries(CHOSEN_BY_EKS))
    if (set(key)) out.push(finding("EKS_SETTING_CHOSEN_BY_EKS", at("kubernetes", key), k[key], { key, why }));
  for (const [key, instead] of Object.entries(SELF_MANAGED)) {
    const path = at("kubernetes", key);
    if (set(key)) out.push(finding("EKS_SELF_MANAGED_SETTING", path, k[key], { key: path, instead }));
  }
  const types = config.nodes?.instanceTypes;
  if (types !== undefined) {
    const instead = "EKS node groups take theirs from kubernetes.eks.nodeGroups[].instanceTypes";
    out.push(
      finding("EKS_SELF_MANAGED_SETTING", "nodes.instanceTypes", types, { key: "nodes.instanceTypes", instead }),
    );
  }
  if (config.apiLoadBalancer) out.push(finding("EKS_API_LOAD_BALANCER", "apiLoadBalancer", config.apiLoadBalancer));
  if (!config.vpc.ipv6) out.push(finding("EKS_VPC_WITHOUT_IPV6", "vpc.ipv6", undefined));
  return out;
}

/** `1.32` -> [1, 32]; undefined when the text is not a minor version. */
function minorVersion(v: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)$/.exec(v);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** `v1.20.1-eksbuild.3` -> [1, 20, 1]. */
function addonSemver(v: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

const older = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
};

/** The Kubernetes version, checked for IPv6. */
function kubernetesVersion(eks: EksConfig, findings: Finding[]): string {
  const version = eks.version ?? EKS_DEFAULT_VERSION;
  const parsed = minorVersion(version);
  if (!parsed) findings.push(finding("EKS_KUBERNETES_VERSION_INVALID", eksAt("version"), version, { version }));
  else if (older(parsed, EKS_MIN_IPV6_KUBERNETES)) {
    const minimum = EKS_MIN_IPV6_KUBERNETES.join(".");
    findings.push(finding("EKS_KUBERNETES_VERSION_TOO_OLD", eksAt("version"), version, { version, minimum }));
  }
  return version;
}

/**
 * The managed add-ons in install order: the Pod Identity agent first (when the CNI's role is assumed through it),
 * then the VPC CNI with the IPv6 settings explicit (IPv6 with prefix delegation, no IPv4 pods: the VPC CNI's
 * README; Cluster API AWS' IPv6 template sets the same, and `init.env.ENABLE_IPv6` is the init container's copy,
 * charts/aws-vpc-cni/values.yaml), kube-proxy and CoreDNS.
 */
function planEksAddons(eks: EksConfig, version: string, findings: Finding[]): EksAddonPlan[] {
  const pinned = EKS_ADDON_VERSIONS[version];
  const given = eks.addonVersions ?? {};
  const keys = ["vpcCni", "coreDns", "kubeProxy"] as const;
  const missing = keys.filter((k) => !given[k] && !pinned?.[k]);
  if (missing.length && minorVersion(version)) {
    const p = { version, missing: missing.join(", "), known: Object.keys(EKS_ADDON_VERSIONS).join(", ") };
    findings.push(finding("EKS_ADDON_VERSIONS_UNKNOWN", eksAt("addonVersions"), eks.addonVersions, p));
  }
  const versionOf = (k: (typeof keys)[number]) => ({
    version: given[k] ?? pinned?.[k],
    versionSource: given[k] ? ("config" as const) : ("pinned" as const),
  });
  const cni = versionOf("vpcCni");
  const cniVersion = cni.version && addonSemver(cni.version);
  if (cni.version && (!cniVersion || older(cniVersion, EKS_MIN_IPV6_VPC_CNI))) {
    const p = { version: cni.version, minimum: `v${EKS_MIN_IPV6_VPC_CNI.join(".")}` };
    findings.push(finding("EKS_VPC_CNI_VERSION_TOO_OLD", eksAt("addonVersions", "vpcCni"), cni.version, p));
  }
  const configurationValues = JSON.stringify({
    env: { ENABLE_IPv6: "true", ENABLE_PREFIX_DELEGATION: "true", ENABLE_IPv4: "false" },
    init: { env: { ENABLE_IPv6: "true" } },
  });
  const ownRole = eks.cniCredentials !== "nodeRole";
  const addons: EksAddonPlan[] = [];
  if (eks.cniCredentials === "podIdentity") {
    const v = given.podIdentityAgent;
    addons.push({
      name: "eks-pod-identity-agent",
      version: v,
      versionSource: v ? "config" : "eks-default",
      resolveConflicts: "OVERWRITE",
      afterNodeGroups: false,
    });
  }
  addons.push({
    name: "vpc-cni",
    ...cni,
    configurationValues,
    resolveConflicts: "OVERWRITE",
    ...(ownRole ? { serviceAccount: CNI_SERVICE_ACCOUNT.name } : {}),
    afterNodeGroups: false,
  });
  addons.push({ name: "kube-proxy", ...versionOf("kubeProxy"), resolveConflicts: "OVERWRITE", afterNodeGroups: false });
  // A Deployment: without nodes EKS reports it DEGRADED, and waiting for it to be ACTIVE times out (20 minutes:
  // terraform-aws-modules/terraform-aws-eks#3001, pulumi/pulumi-eks#1819). The others are host-network DaemonSets
  // a node needs to become Ready (bootstrapSelfManagedAddons is off: no CNI, no kube-proxy until they exist).
  addons.push({ name: "coredns", ...versionOf("coreDns"), resolveConflicts: "OVERWRITE", afterNodeGroups: true });
  return addons;
}

/** Who can reach the API endpoint, refusing a public endpoint nobody narrowed. */
function endpoint(eks: EksConfig, findings: Finding[]): EksPlan["endpoint"] {
  const cidrs = eks.publicAccessCidrs ?? [];
  if (!eks.endpointPrivateAccess && !eks.endpointPublicAccess)
    findings.push(finding("EKS_ENDPOINT_UNREACHABLE", eksAt("endpointPrivateAccess"), false));
  // An empty list is AWS' default too (0.0.0.0/0): not narrowed either.
  if (eks.endpointPublicAccess && cidrs.length === 0)
    findings.push(finding("EKS_PUBLIC_ACCESS_CIDRS_REQUIRED", eksAt("publicAccessCidrs"), undefined));
  if (!eks.endpointPublicAccess && eks.publicAccessCidrs !== undefined)
    findings.push(finding("EKS_PUBLIC_ACCESS_CIDRS_UNUSED", eksAt("publicAccessCidrs"), eks.publicAccessCidrs));
  cidrs.forEach((cidr, i) => {
    const parsed = parseCidr(cidr);
    const path = eksAt("publicAccessCidrs", i);
    if (!parsed.ok) findings.push(finding("EKS_PUBLIC_ACCESS_CIDR_INVALID", path, cidr, { reason: parsed.reason }));
    else if (eks.endpointPublicAccess && parsed.block.len === 0)
      findings.push(finding("EKS_PUBLIC_ENDPOINT_WORLD_OPEN", path, cidr, { cidr }));
  });
  return { privateAccess: eks.endpointPrivateAccess, publicAccess: eks.endpointPublicAccess, publicAccessCidrs: cidrs };
}

/** The admin principal (required: the cluster gives its creator no implicit admin) and the cluster's name. */
function identity(eks: EksConfig, findings: Finding[]): { admin: string; name?: string } {
  const admin = eks.adminPrincipalArn ?? "";
  if (eks.adminPrincipalArn === undefined)
    findings.push(finding("EKS_ADMIN_PRINCIPAL_REQUIRED", eksAt("adminPrincipalArn"), undefined));
  else if (!/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/.test(admin))
    findings.push(finding("EKS_ADMIN_PRINCIPAL_INVALID", eksAt("adminPrincipalArn"), admin));
  // EKS API CreateCluster: name 1-100 characters, ^[0-9A-Za-z][A-Za-z0-9\-_]*$.
  if (eks.name !== undefined && !/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(eks.name))
    findings.push(finding("EKS_CLUSTER_NAME_INVALID", eksAt("name"), eks.name));
  return { admin, name: eks.name };
}

/** Where a subnet was chosen for the cluster or a node group: its entry in the list that named it, or its own. */
interface Chosen {
  subnet: EdgeSubnet;
  path: string;
}

/** A subnet EKS puts cluster interfaces or nodes in must have both families (and, for the cluster, no Wavelength). */
function familyFindings(c: Chosen, role: string, cluster: boolean, facts: EdgeInput["facts"]): Finding[] {
  const s = c.subnet;
  if (s.ipv6Only) return [finding("EKS_SUBNET_IPV6_ONLY", c.path, s.name, { subnet: s.name, role })];
  if (!s.hasIpv6) return [finding("EKS_SUBNET_WITHOUT_IPV6", c.path, s.name, { subnet: s.name, role })];
  if (cluster && facts.zoneTypes?.[s.zone] === "wavelength-zone")
    return [finding("EKS_SUBNET_WAVELENGTH", c.path, s.name, { subnet: s.name, zone: s.zone })];
  return [];
}

/** Names listed twice in one of the subnet lists (`nodes.controlPlaneSubnets`, a node group's `subnets`). */
function listedTwice(names: readonly string[], key: (i: number) => string): Finding[] {
  return names.flatMap((name, i) =>
    names.indexOf(name) < i ? [finding("EKS_SUBNET_LISTED_TWICE", key(i), name, { name })] : [],
  );
}

/**
 * EKS' address recommendation: at least 6 free addresses per cluster subnet, 16 recommended (EKS creates 2 to 4
 * interfaces there); AWS keeps 5 of every subnet block, so a /28 (11 usable) is below the recommendation.
 */
function fewAddresses(c: Chosen, cidr: string | undefined): Finding[] {
  const len = cidr ? Number(cidr.split("/")[1]) : 0;
  if (len <= 27) return [];
  return [finding("EKS_SUBNET_FEW_ADDRESSES", c.path, c.subnet.name, { subnet: c.subnet.name, cidr: cidr! })];
}

/** The cluster's subnets: `nodes.controlPlaneSubnets`, else per zone the first-listed DualStack subnet. */
function clusterSubnets(input: EksInput, findings: Finding[]): EdgeSubnet[] {
  const names = input.config.nodes?.controlPlaneSubnets;
  const unknown: Finding[] = [];
  const named = (n: readonly string[]) =>
    namedSubnets(input, n, ["nodes", "controlPlaneSubnets"], "NODES_UNKNOWN_SUBNET", unknown).map((subnet) => ({
      subnet,
      path: at("nodes", "controlPlaneSubnets", n.indexOf(subnet.name)),
    }));
  const chosen: Chosen[] = names
    ? named(names)
    : firstPerZone(input, ["DualStack"], "CONTROL_PLANE_SUBNET_BY_ORDER", findings).map((s) => ({
        subnet: s,
        path: s.path,
      }));
  findings.push(...unknown);
  if (names) findings.push(...listedTwice(names, (i) => at("nodes", "controlPlaneSubnets", i)));
  // Without IPv6 in the VPC, EKS_VPC_WITHOUT_IPV6 says it once; the subnets' consequences are not repeated.
  if (!input.vpc.ipv6) return chosen.map((c) => c.subnet);
  const role = "the cluster's network interfaces";
  for (const c of chosen) findings.push(...familyFindings(c, role, true, input.facts));
  for (const c of chosen) findings.push(...fewAddresses(c, input.cidrs?.[c.subnet.name]));
  const zones = [...new Set(chosen.map((c) => c.subnet.zone))];
  // An unknown name is said by NODES_UNKNOWN_SUBNET: the zones are counted when every name is known.
  if (zones.length < 2 && unknown.length === 0) {
    const p = { zones: zones.join(", "), count: zones.length };
    findings.push(finding("EKS_CLUSTER_ZONES", "nodes.controlPlaneSubnets", names, p));
  }
  for (const c of chosen) {
    const zoneId = input.facts.zoneIds?.[c.subnet.zone];
    const p = { subnet: c.subnet.name, zone: c.subnet.zone, zoneId: zoneId ?? "" };
    if (zoneId && UNSUPPORTED_ZONE_IDS.includes(zoneId))
      findings.push(finding("EKS_ZONE_ID_UNSUPPORTED", c.path, c.subnet.name, p));
  }
  return chosen.map((c) => c.subnet);
}

/** One node group, defaults applied, checked: sizes, subnets (dual-stack), instance types (IPv6, Nitro). */
function nodeGroup(
  input: EksInput,
  g: EksNodeGroupConfig,
  i: number,
  cluster: readonly EdgeSubnet[],
  out: { findings: Finding[]; checks: PrerequisiteCheck[] },
): EksNodeGroupPlan {
  const d = EKS_NODE_GROUP_DEFAULTS;
  const scaling = {
    minSize: g.minSize ?? d.minSize,
    maxSize: g.maxSize ?? d.maxSize,
    desiredSize: g.desiredSize ?? d.desiredSize,
  };
  const { minSize: min, desiredSize: desired, maxSize: max } = scaling;
  if (!(min >= 0 && min <= desired && desired <= max && max >= 1))
    out.findings.push(
      finding("EKS_NODE_GROUP_SCALING", eksAt("nodeGroups", i), g, { name: g.name, min, desired, max }),
    );
  const chosen: Chosen[] = g.subnets
    ? g.subnets.flatMap((name, j) => {
        const s = input.subnets.find((x) => x.name === name);
        const path = eksAt("nodeGroups", i, "subnets", j);
        if (!s) {
          const p = { name, subnets: input.subnets.map((x) => x.name).join(", ") };
          out.findings.push(finding("EKS_NODE_GROUP_UNKNOWN_SUBNET", path, name, p));
        }
        return s ? [{ subnet: s, path }] : [];
      })
    : cluster.map((s) => ({ subnet: s, path: s.path }));
  if (g.subnets) {
    out.findings.push(...listedTwice(g.subnets, (j) => eksAt("nodeGroups", i, "subnets", j)));
    // Without IPv6 in the VPC, EKS_VPC_WITHOUT_IPV6 says it once.
    if (input.vpc.ipv6)
      for (const c of chosen) out.findings.push(...familyFindings(c, `node group ${g.name}`, false, input.facts));
  }
  const subnets = [...new Map(chosen.map((c) => [c.subnet.name, c.subnet])).values()];
  const instanceTypes = g.instanceTypes ?? [...d.instanceTypes];
  // A type from the defaults is reported at the key that would set it.
  const defaultsPath = input.eks.nodeGroups ? eksAt("nodeGroups", i) : eksAt("nodeGroups");
  instanceTypes.forEach((type, j) => {
    const path = g.instanceTypes ? eksAt("nodeGroups", i, "instanceTypes", j) : defaultsPath;
    const nitro = (t: string, hypervisor: string) =>
      finding("EKS_INSTANCE_TYPE_NOT_NITRO", path, t, { type: t, hypervisor });
    out.checks.push(instanceTypeCheck(input.facts, { type, path, vpcHasIpv6: true, nitro }, out.findings));
  });
  return {
    name: g.name,
    instanceTypes,
    scaling,
    subnets: subnets.map((s) => s.name),
    capacityType: g.capacityType,
    amiType: g.amiType ?? d.amiType,
    diskSize: g.diskSize ?? d.diskSize,
    volumeDevice: (g.amiType ?? d.amiType).startsWith("BOTTLEROCKET") ? "/dev/xvdb" : "/dev/xvda",
    metadata: { httpTokens: "required", httpPutResponseHopLimit: 1, httpProtocolIpv6: "disabled" },
  };
}

/**
 * No node group and no Fargate profile for kube-system: CoreDNS (and anything else) has nowhere to run, and the
 * coredns add-on stays degraded.
 */
function nodesFindings(eks: EksConfig): Finding[] {
  const none = eks.nodeGroups !== undefined && eks.nodeGroups.length === 0;
  if (!none || eks.fargateNamespaces?.includes("kube-system")) return [];
  return [finding("EKS_NO_NODES", eksAt("nodeGroups"), eks.nodeGroups)];
}

/** The node groups: the config's, else one named `default`; names unique. */
function nodeGroups(
  input: EksInput,
  cluster: readonly EdgeSubnet[],
  out: { findings: Finding[]; checks: PrerequisiteCheck[] },
) {
  const given = input.eks.nodeGroups ?? [{ name: EKS_NODE_GROUP_DEFAULTS.name, capacityType: "ON_DEMAND" as const }];
  const seen = new Set<string>();
  return given.map((g, i) => {
    if (seen.has(g.name))
      out.findings.push(finding("EKS_NODE_GROUP_DUPLICATE", eksAt("nodeGroups", i, "name"), g.name, { name: g.name }));
    seen.add(g.name);
    return nodeGroup(input, g, i, cluster, out);
  });
}

/** The Fargate profile: private subnets only (Fargate's rule), the cluster's. */
function fargate(eks: EksConfig, cluster: readonly EdgeSubnet[], findings: Finding[]): EksPlan["fargate"] {
  if (!eks.fargateNamespaces?.length) return undefined;
  const publicOnes = cluster.filter((x) => x.public).map((x) => x.name);
  if (publicOnes.length) {
    const p = { subnet: publicOnes.join(", ") };
    findings.push(finding("EKS_FARGATE_PUBLIC_SUBNET", eksAt("fargateNamespaces"), eks.fargateNamespaces, p));
  }
  return { namespaces: eks.fargateNamespaces, subnets: cluster.map((s) => s.name) };
}

/** The EKS cluster of `kubernetes.eks`: its plan, the prerequisite checks of its node groups, and every finding. */
export function planEks(input: EksInput): { plan: EksPlan; checks: PrerequisiteCheck[]; findings: Finding[] } {
  const findings = [...selfManagedFindings(input.config), ...nodesFindings(input.eks)];
  const checks: PrerequisiteCheck[] = [];
  const version = kubernetesVersion(input.eks, findings);
  const addons = planEksAddons(input.eks, version, findings);
  const { admin, name } = identity(input.eks, findings);
  const cluster = clusterSubnets(input, findings);
  const plan: EksPlan = {
    version,
    ...(name !== undefined ? { name } : {}),
    ipFamily: "ipv6",
    endpoint: endpoint(input.eks, findings),
    authenticationMode: "API",
    adminPrincipalArn: admin,
    clusterSubnets: cluster.map((s) => s.name),
    addons,
    iam: {
      clusterRolePolicies: [...CLUSTER_ROLE_POLICIES],
      nodeRolePolicies: [...NODE_ROLE_POLICIES],
      fargateRolePolicies: [...FARGATE_ROLE_POLICIES],
      cniPolicy: CNI_IPV6_POLICY,
      cniCredentials: input.eks.cniCredentials,
    },
    nodeGroups: nodeGroups(input, cluster, { findings, checks }),
    fargate: fargate(input.eks, cluster, findings),
  };
  if (plan.fargate === undefined) delete plan.fargate;
  return { plan, checks, findings };
}

/**
 * The cluster's addressing in an EKS cluster, in the self-managed plan's shape: IPv6 single-stack pods, whose
 * addresses are /80 prefixes of the node subnets (no pod range of their own), and a service range EKS chooses at
 * creation (an output): so no ranges, no per-node capacity and no DNS address to plan.
 */
export function eksKubernetes(): KubernetesPlan {
  return {
    ipFamilies: ["ipv6"],
    singleStackIPv6: true,
    podCIDRs: [],
    serviceCIDRs: [],
    nodeCIDRMaskSize: 80,
    nodeCIDRMaskSizeIPv4: 0,
    perFamily: [],
    maxNodes: 0,
    podAddressesPerNode: "0",
    dnsServiceIP: "",
    cni: "none",
    cloudControllerManager: false,
    hasKubeconfig: false,
  };
}
