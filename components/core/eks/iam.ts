/**
 * The IAM an IPv6 EKS cluster needs, as plain data: the managed policies of the cluster and node roles, the
 * trust of each role, and the IPv6 CNI policy, which AWS documents but does not manage (there is no IPv6 variant
 * of AmazonEKS_CNI_Policy, which covers IPv4 only). The component turns them into aws.iam resources, with the
 * partition of the account (policy ARNs are `arn:<partition>:iam::aws:policy/<name>`; the CNI policy's own ARNs
 * are written for the `aws` partition and put in the account's by `inPartition`).
 */

/** One statement of an IAM policy document. */
export interface IamStatement {
  /** Allow only: nothing here denies. */
  Effect: "Allow";
  /** The API actions allowed, e.g. ec2:AssignIpv6Addresses. */
  Action: string[];
  /** The resources they are allowed on. */
  Resource: string | string[];
}

/** An IAM policy document. */
export interface IamPolicyDocument {
  /** The policy language version. */
  Version: "2012-10-17";
  /** Its statements. */
  Statement: IamStatement[];
}

/**
 * The IPv6 CNI policy: the statements of the Amazon EKS User Guide's AmazonEKS_CNI_IPv6_Policy
 * (latest/ug/iam_policies/AmazonEKS_CNI_IPv6_Policy.json) plus ec2:DescribeSecurityGroups and ec2:DescribeSubnets,
 * which the VPC CNI's own documentation adds for IPv6 mode (aws/amazon-vpc-cni-k8s docs/iam-policy.md at
 * b52188387f2e2f10bf289ace929d6a63b176a4fa): the superset, so that neither version of the CNI lacks a permission.
 */
export const CNI_IPV6_POLICY: IamPolicyDocument = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: [
        "ec2:AssignIpv6Addresses",
        "ec2:DescribeInstances",
        "ec2:DescribeTags",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
      ],
      Resource: "*",
    },
    { Effect: "Allow", Action: ["ec2:CreateTags"], Resource: ["arn:aws:ec2:*:*:network-interface/*"] },
  ],
};

/** The AWS-managed policies of the cluster role (Amazon EKS User Guide, deploy-ipv6-cluster.adoc). */
export const CLUSTER_ROLE_POLICIES = ["AmazonEKSClusterPolicy"] as const;

/**
 * The AWS-managed policies of the node role of managed node groups (Amazon EKS User Guide, deploy-ipv6-cluster.adoc).
 * AmazonEKSWorkerNodePolicy also allows eks-auth:AssumeRoleForPodIdentity, which the Pod Identity agent needs
 * (Amazon EKS User Guide, pod-id-agent-setup).
 */
export const NODE_ROLE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"] as const;

/** The AWS-managed policy of a Fargate profile's pod execution role (Amazon EKS User Guide, pod-execution-role). */
export const FARGATE_ROLE_POLICIES = ["AmazonEKSFargatePodExecutionRolePolicy"] as const;

/** Who assumes each role: the service principal in its trust policy. */
export const TRUSTED_SERVICES = {
  cluster: "eks.amazonaws.com",
  node: "ec2.amazonaws.com",
  fargate: "eks-fargate-pods.amazonaws.com",
  /** EKS Pod Identity assumes a pod's role with sts:AssumeRole and sts:TagSession. */
  podIdentity: "pods.eks.amazonaws.com",
} as const;

/** The VPC CNI's service account, which its role is bound to (Pod Identity association or IRSA condition). */
export const CNI_SERVICE_ACCOUNT = { namespace: "kube-system", name: "aws-node" } as const;

/** The access policy the admin principal's access entry gets, cluster-wide. */
export const ADMIN_ACCESS_POLICY = "AmazonEKSClusterAdminPolicy";

/** A policy document with its `arn:aws:` resources in the given partition (`aws-us-gov`, `aws-cn`). */
export function inPartition(doc: IamPolicyDocument, partition: string): IamPolicyDocument {
  const arn = (r: string) => r.replace(/^arn:aws:/, `arn:${partition}:`);
  return {
    Version: doc.Version,
    Statement: doc.Statement.map((st) => ({
      Effect: st.Effect,
      Action: [...st.Action],
      Resource: Array.isArray(st.Resource) ? st.Resource.map(arn) : arn(st.Resource),
    })),
  };
}
