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
import { CLUSTER_ROLE_POLICIES, CNI_IPV6_POLICY, CNI_SERVICE_ACCOUNT, NODE_ROLE_POLICIES } from "./iam";
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
  for (const [key, instead] of Object.entries(SELF_MANAGED))
    if (set(key)) out.push(finding("EKS_SELF_MANAGED_SETTING", at("kubernetes", key), k[key], { key, instead }));
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
    });
  }
  addons.push({
    name: "vpc-cni",
    ...cni,
    configurationValues,
    resolveConflicts: "OVERWRITE",
    ...(ownRole ? { serviceAccount: CNI_SERVICE_ACCOUNT.name } : {}),
  });
  addons.push({ name: "kube-proxy", ...versionOf("kubeProxy"), resolveConflicts: "OVERWRITE" });
  addons.push({ name: "coredns", ...versionOf("coreDns"), resolveConflicts: "OVERWRITE" });
  return addons;
}

/** Who can reach the API endpoint, refusing a public endpoint nobody narrowed. */
function endpoint(eks: EksConfig, findings: Finding[]): EksPlan["endpoint"] {
  const cidrs = eks.publicAccessCidrs ?? [];
  if (!eks.endpointPrivateAccess && !eks.endpointPublicAccess)
    findings.push(finding("EKS_ENDPOINT_UNREACHABLE", eksAt("endpointPrivateAccess"), false));
  if (eks.endpointPublicAccess && eks.publicAccessCidrs === undefined)
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

/** A subnet EKS puts cluster interfaces or nodes in must have both families (and, for the cluster, no Wavelength). */
function familyFindings(s: EdgeSubnet, role: string, facts: EdgeInput["facts"]): Finding[] {
  if (s.ipv6Only) return [finding("EKS_SUBNET_IPV6_ONLY", s.path, s.name, { subnet: s.name, role })];
  if (!s.hasIpv6) return [finding("EKS_SUBNET_WITHOUT_IPV6", s.path, s.name, { subnet: s.name, role })];
  if (role === "the cluster's network interfaces" && facts.zoneTypes?.[s.zone] === "wavelength-zone")
    return [finding("EKS_SUBNET_WAVELENGTH", s.path, s.name, { subnet: s.name, zone: s.zone })];
  return [];
}

/** The cluster's subnets: `nodes.controlPlaneSubnets`, else per zone the first-listed DualStack subnet. */
function clusterSubnets(input: EksInput, findings: Finding[]): EdgeSubnet[] {
  const names = input.config.nodes?.controlPlaneSubnets;
  const chosen = names
    ? namedSubnets(input, names, ["nodes", "controlPlaneSubnets"], "NODES_UNKNOWN_SUBNET", findings)
    : firstPerZone(input, ["DualStack"], "CONTROL_PLANE_SUBNET_BY_ORDER", findings);
  // Without IPv6 in the VPC, EKS_VPC_WITHOUT_IPV6 says it once; the subnets' consequences are not repeated.
  if (!input.vpc.ipv6) return chosen;
  const role = "the cluster's network interfaces";
  for (const s of chosen) findings.push(...familyFindings(s, role, input.facts));
  const zones = [...new Set(chosen.map((s) => s.zone))];
  if (zones.length < 2) {
    const p = { zones: zones.join(", "), count: zones.length };
    findings.push(finding("EKS_CLUSTER_ZONES", "nodes.controlPlaneSubnets", names, p));
  }
  for (const s of chosen) {
    const zoneId = input.facts.zoneIds?.[s.zone];
    if (zoneId && UNSUPPORTED_ZONE_IDS.includes(zoneId))
      findings.push(finding("EKS_ZONE_ID_UNSUPPORTED", s.path, s.name, { subnet: s.name, zone: s.zone, zoneId }));
  }
  return chosen;
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
  const subnets = g.subnets
    ? g.subnets.flatMap((name, j) => {
        const s = input.subnets.find((x) => x.name === name);
        if (!s) {
          const p = { name, subnets: input.subnets.map((x) => x.name).join(", ") };
          out.findings.push(finding("EKS_NODE_GROUP_UNKNOWN_SUBNET", eksAt("nodeGroups", i, "subnets", j), name, p));
        }
        return s ? [s] : [];
      })
    : [...cluster];
  if (g.subnets) for (const s of subnets) out.findings.push(...familyFindings(s, `node group ${g.name}`, input.facts));
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
    metadata: { httpTokens: "required", httpPutResponseHopLimit: 1, httpProtocolIpv6: "disabled" },
  };
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
  for (const s of cluster.filter((x) => x.public))
    findings.push(
      finding("EKS_FARGATE_PUBLIC_SUBNET", eksAt("fargateNamespaces"), eks.fargateNamespaces, { subnet: s.name }),
    );
  return { namespaces: eks.fargateNamespaces, subnets: cluster.map((s) => s.name) };
}

/** The EKS cluster of `kubernetes.eks`: its plan, the prerequisite checks of its node groups, and every finding. */
export function planEks(input: EksInput): { plan: EksPlan; checks: PrerequisiteCheck[]; findings: Finding[] } {
  const findings = selfManagedFindings(input.config);
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
