/**
 * Which input changes replace a resource, as data: one entry per resource type the program declares, each
 * listing the inputs whose change the provider answers with a replacement (Terraform's `ForceNew`, which the
 * bridged `@pulumi/aws` shows as `+-`), the conditional rules (CustomizeDiff), and where each was read.
 * Every other input updates in place. The diff (diff.ts) is the only reader.
 *
 * Sources: terraform-provider-aws (TPA), the provider `@pulumi/aws` 7.48 is bridged from, as summarised with
 * file and commit in the team's fact sheet (shared/reference/aws-replacement-rules.md):
 * vpc `internal/service/ec2/vpc_.go`@00081ce4, subnet `vpc_subnet.go`@00cda125 (includes PR #46043),
 * v6assoc `vpc_ipv6_cidr_block_association.go`@03ff4d8a, rt/route/rta `vpc_route_table.go`@02209241,
 * `vpc_route.go`@0128541e, `vpc_route_table_association.go`@0be71beb, igw/eigw `vpc_internet_gateway.go` and
 * `vpc_egress_only_internet_gateway.go`@08923b68, nat `vpc_nat_gateway.go`@04088eaa, eip `ec2_eip.go`@01606926,
 * sg `vpc_security_group.go`@01606926, lb `internal/service/elbv2/load_balancer.go`@00edc94b, tg
 * `target_group.go`@013cfb4c, listener `listener.go`@8a04c06a; EKS cluster and node group read from TPA
 * `internal/service/eks/cluster.go` and `node_group.go` (stored copies, 2026). Rules marked `verified: false`
 * follow the provider's documentation ("changing this forces a new resource") without a stored source file.
 */

/** A conditional replacement: the provider replaces only when `when` holds for the old and new inputs. */
export interface ConditionalRule {
  /** The input (dotted path) whose change is judged. */
  input: string;
  /** Whether the change from `old` to `next` inputs replaces the resource. */
  when: (old: Inputs, next: Inputs) => boolean;
  /** Why, in one sentence, for the report. */
  why: string;
  /** Where the rule was read (file and commit). */
  source: string;
}

/** A resource's inputs, by name. */
export type Inputs = Record<string, unknown>;

/** Which input changes replace a resource of one type, and where that was read. */
export interface ReplacementRule {
  /** Inputs (dotted paths into nested objects) whose change replaces the resource. */
  forceNew: readonly string[];
  /** Replacements that depend on the values (CustomizeDiff). */
  conditional?: readonly ConditionalRule[];
  /** Inputs whose change updates in place but is worth a note (e.g. a changed resource id). */
  notes?: Readonly<Record<string, string>>;
  /** Where the rule was read (file and commit). */
  source: string;
  /** False when no stored source file was read for the rule (documentation only). */
  verified: boolean;
}

const TPA = "terraform-provider-aws";

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const keyOf = (v: unknown) => JSON.stringify(v);

/** True when `next` holds every element of `old` (the NLB rule: subnets may only be added). */
function onlyAdds(old: unknown, next: unknown): boolean {
  const have = new Set(listOf(next).map(keyOf));
  const before = listOf(old);
  return before.every((x) => have.has(keyOf(x))) && listOf(next).length > before.length;
}

const isNetwork = (i: Inputs) => (i.loadBalancerType ?? "application") === "network";
const hasAny = (v: unknown) => listOf(v).length > 0;

/** The rules, by Pulumi type token. */
export const REPLACEMENT_RULES: Readonly<Record<string, ReplacementRule>> = {
  "aws:ec2/vpc:Vpc": {
    forceNew: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
    conditional: [
      {
        input: "instanceTenancy",
        // CustomizeDiff: only dedicated -> default is done in place (ModifyVpcTenancy).
        when: (o, n) => !(o.instanceTenancy === "dedicated" && (n.instanceTenancy ?? "default") === "default"),
        why: "a VPC's tenancy can only be changed from dedicated to default in place",
        source: `${TPA} vpc_.go@00081ce4 CustomizeDiff`,
      },
    ],
    notes: {
      assignGeneratedIpv6CidrBlock:
        "updates in place by disassociating the old block and associating a new one: false -> true is safe, " +
        "true -> false fails while subnets still use the block",
      ipv6CidrBlock: "updates in place by disassociating the old block first: subnets still using it must go before",
    },
    source: `${TPA} internal/service/ec2/vpc_.go@00081ce4`,
    verified: true,
  },
  "aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation": {
    // No Update function: every argument forces a new association, and replacing it breaks subnets using it.
    forceNew: ["vpcId", "ipv6IpamPoolId", "ipv6NetmaskLength", "ipv6CidrBlock", "ipv6Pool"],
    source: `${TPA} vpc_ipv6_cidr_block_association.go@03ff4d8a`,
    verified: true,
  },
  "aws:ec2/subnet:Subnet": {
    forceNew: [
      "vpcId",
      "availabilityZone",
      "availabilityZoneId",
      "cidrBlock",
      "ipv4IpamPoolId",
      "ipv4NetmaskLength",
      "ipv6IpamPoolId",
      "ipv6NetmaskLength",
      "ipv6Native",
      "outpostArn",
    ],
    conditional: [
      {
        input: "ipv6CidrBlock",
        // PR #46043 (fix for #46017): AWS refuses to disassociate a block while assign-on-creation is on.
        when: (o) =>
          typeof o.ipv6CidrBlock === "string" && o.ipv6CidrBlock !== "" && o.assignIpv6AddressOnCreation === true,
        why: "a subnet's IPv6 block cannot be swapped while assignIpv6AddressOnCreation is on",
        source: `${TPA} vpc_subnet.go@00cda125 (PR #46043)`,
      },
    ],
    source: `${TPA} internal/service/ec2/vpc_subnet.go@00cda125`,
    verified: true,
  },
  "aws:ec2/routeTable:RouteTable": {
    forceNew: ["vpcId"],
    source: `${TPA} vpc_route_table.go@02209241`,
    verified: true,
  },
  "aws:ec2/route:Route": {
    // Targets (gateway, NAT gateway, egress-only gateway...) change through ReplaceRoute, in place.
    forceNew: ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"],
    source: `${TPA} vpc_route.go@0128541e`,
    verified: true,
  },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": {
    forceNew: ["subnetId", "gatewayId"],
    notes: { routeTableId: "ReplaceRouteTableAssociation: in place, but the association gets a new id" },
    source: `${TPA} vpc_route_table_association.go@0be71beb`,
    verified: true,
  },
  "aws:ec2/internetGateway:InternetGateway": {
    // vpcId is Optional/Computed without ForceNew: a change detaches and attaches.
    forceNew: [],
    source: `${TPA} vpc_internet_gateway.go@08923b68`,
    verified: true,
  },
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": {
    forceNew: ["vpcId"],
    source: `${TPA} vpc_egress_only_internet_gateway.go@08923b68`,
    verified: true,
  },
  "aws:ec2/natGateway:NatGateway": {
    forceNew: ["subnetId", "allocationId", "connectivityType", "privateIp", "secondaryPrivateIpAddressCount"],
    source: `${TPA} vpc_nat_gateway.go@04088eaa`,
    verified: true,
  },
  "aws:ec2/eip:Eip": {
    forceNew: ["address", "domain", "ipamPoolId", "networkBorderGroup", "publicIpv4Pool"],
    source: `${TPA} ec2_eip.go@01606926`,
    verified: true,
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    // Inline ingress/egress rules (IPv6 ones included) change by revoke + authorize, in place.
    forceNew: ["name", "namePrefix", "description", "vpcId"],
    source: `${TPA} vpc_security_group.go@01606926`,
    verified: true,
  },
  "aws:ec2/vpcEndpoint:VpcEndpoint": {
    // Subnets, route tables, security groups, private DNS, ipAddressType and dnsOptions change through
    // ModifyVpcEndpoint, in place.
    forceNew: ["serviceName", "vpcEndpointType", "vpcId"],
    source: `${TPA} internal/service/ec2/vpc_endpoint.go (stored copy, 2026)`,
    verified: true,
  },
  "aws:ec2/carrierGateway:CarrierGateway": {
    forceNew: ["vpcId"],
    source: `${TPA} internal/service/ec2/vpc_carrier_gateway.go (documentation: vpc_id forces a new resource)`,
    verified: false,
  },
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
    // The VPC's default group is adopted, never created: a new vpcId means another VPC's group.
    forceNew: ["vpcId"],
    source: `${TPA} default_security_group.go (documentation: vpc_id forces a new resource)`,
    verified: false,
  },
  ...loadBalancing(),
  ...eks(),
  ...iam(),
};

/** The load balancer, target group and listener (elbv2). */
function loadBalancing(): Record<string, ReplacementRule> {
  const lb = `${TPA} internal/service/elbv2/load_balancer.go@00edc94b`;
  return {
    "aws:lb/loadBalancer:LoadBalancer": {
      forceNew: ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"],
      conditional: [
        {
          input: "subnets",
          // customizeDiffLoadBalancerNLB: an NLB's subnets may only be added to; ALBs change them in place.
          when: (o, n) => isNetwork(n) && !onlyAdds(o.subnets, n.subnets),
          why: "a network load balancer's subnets can only be added to, never removed or swapped",
          source: `${lb} customizeDiffLoadBalancerNLB`,
        },
        {
          input: "subnetMappings",
          when: (o, n) => !onlyAdds(o.subnetMappings, n.subnetMappings),
          why: "a subnet mapping that changes or goes replaces the load balancer",
          source: `${lb} customizeDiffLoadBalancerNLB / ALB`,
        },
        {
          input: "securityGroups",
          when: (o, n) => isNetwork(n) && hasAny(o.securityGroups) !== hasAny(n.securityGroups),
          why: "a network load balancer cannot gain its first security group or lose its last one",
          source: `${lb} customizeDiffLoadBalancerNLB`,
        },
      ],
      notes: { ipAddressType: "SetIpAddressType, in place: dualstack needs IPv6 in every subnet of the LB" },
      source: lb,
      verified: true,
    },
    "aws:lb/targetGroup:TargetGroup": {
      forceNew: ["ipAddressType", "port", "protocol", "protocolVersion", "targetType", "vpcId", "name", "namePrefix"],
      source: `${TPA} internal/service/elbv2/target_group.go@013cfb4c`,
      verified: true,
    },
    "aws:lb/listener:Listener": {
      forceNew: ["loadBalancerArn"],
      source: `${TPA} internal/service/elbv2/listener.go@8a04c06a`,
      verified: true,
    },
  };
}

/** Amazon EKS: the cluster, node groups and the resources hung on a cluster. */
function eks(): Record<string, ReplacementRule> {
  const doc = (what: string) => `${TPA} internal/service/eks/${what} (documentation)`;
  return {
    "aws:eks/cluster:Cluster": {
      // vpcConfig.subnetIds and securityGroupIds update in place (no ForceNew in cluster.go).
      forceNew: [
        "name",
        "roleArn",
        "kubernetesNetworkConfig.ipFamily",
        "kubernetesNetworkConfig.serviceIpv4Cidr",
        "bootstrapSelfManagedAddons",
        "accessConfig.bootstrapClusterCreatorAdminPermissions",
      ],
      source: `${TPA} internal/service/eks/cluster.go (stored copy, 2026)`,
      verified: true,
    },
    "aws:eks/nodeGroup:NodeGroup": {
      // launchTemplate.version, scalingConfig, labels, taints and the Kubernetes version update in place.
      forceNew: [
        "amiType",
        "capacityType",
        "clusterName",
        "diskSize",
        "instanceTypes",
        "nodeGroupName",
        "nodeGroupNamePrefix",
        "nodeRoleArn",
        "remoteAccess",
        "subnetIds",
        "launchTemplate.id",
        "launchTemplate.name",
      ],
      source: `${TPA} internal/service/eks/node_group.go (stored copy, 2026)`,
      verified: true,
    },
    "aws:eks/addon:Addon": { forceNew: ["addonName", "clusterName"], source: doc("addon.go"), verified: false },
    "aws:eks/accessEntry:AccessEntry": {
      forceNew: ["clusterName", "principalArn", "type"],
      source: doc("access_entry.go"),
      verified: false,
    },
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": {
      forceNew: ["clusterName", "principalArn", "policyArn", "accessScope"],
      source: doc("access_policy_association.go"),
      verified: false,
    },
    "aws:eks/fargateProfile:FargateProfile": {
      forceNew: ["clusterName", "fargateProfileName", "podExecutionRoleArn", "selectors", "subnetIds"],
      source: doc("fargate_profile.go"),
      verified: false,
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
      // Every other change makes a new version of the same template.
      forceNew: ["name", "namePrefix"],
      source: `${TPA} internal/service/ec2/ec2_launch_template.go (documentation)`,
      verified: false,
    },
  };
}

/** IAM roles, policies and attachments. */
function iam(): Record<string, ReplacementRule> {
  const doc = (what: string) => `${TPA} internal/service/iam/${what} (documentation)`;
  return {
    "aws:iam/role:Role": { forceNew: ["name", "namePrefix", "path"], source: doc("role.go"), verified: false },
    "aws:iam/policy:Policy": {
      forceNew: ["name", "namePrefix", "path", "description"],
      source: doc("policy.go"),
      verified: false,
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
      forceNew: ["role", "policyArn"],
      source: doc("role_policy_attachment.go"),
      verified: false,
    },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
      forceNew: ["url"],
      source: doc("openid_connect_provider.go"),
      verified: false,
    },
  };
}

/**
 * Kubernetes objects (with `kubernetes.kubeconfig`, the add-ons): an object is identified by its name and
 * namespace, so a change to either is a new object (pulumi-kubernetes replaces it); a Helm release likewise
 * by `name` and `namespace`. Other changes are patches or upgrades in place.
 */
export const KUBERNETES_RULE: ReplacementRule = {
  forceNew: ["metadata.name", "metadata.namespace", "name", "namespace"],
  source: "pulumi-kubernetes: an object's identity is its kind, namespace and name (documentation)",
  verified: false,
};

/** The rule of a type: a table entry, the Kubernetes rule for `kubernetes:*`, or none (every change updates). */
export function ruleOf(type: string): ReplacementRule | undefined {
  return REPLACEMENT_RULES[type] ?? (type.startsWith("kubernetes:") ? KUBERNETES_RULE : undefined);
}
