/**
 * What AWS documents about the VPC endpoints of the services `endpoints` may name: which endpoint kinds each has,
 * and which IP address types its endpoints take. A dated data table (read 2026-09, stored copies of the pages
 * cited per row): the offline plan and `config:check` judge from it; at preview the program asks AWS itself
 * (`aws.ec2.getVpcEndpointService`: describe-vpc-endpoint-services' ServiceType and SupportedIpAddressTypes for
 * the stack's region), and what AWS answers wins (components/program/facts.ts, `Facts.endpointServices`).
 *
 * Where the IP address types come from:
 * - An endpoint's IP address type: `ipv4` "only if all selected subnets have IPv4 address ranges", `ipv6` "only
 *   if all selected subnets are IPv6 only subnets", `dualstack` "only if all selected subnets have both IPv4 and
 *   IPv6 address ranges", each also only if "the endpoint service accepts" those requests (EC2 API
 *   CreateVpcEndpoint IpAddressType, as AWS CDK's VpcEndpointIpAddressType documents it, aws-cdk v2.190.0). The
 *   provider's `aws_vpc_endpoint` takes it as `ip_address_type` (ipv4, dualstack, ipv6) and the private DNS
 *   records' families as `dns_options.dns_record_ip_type` (ipv4, dualstack, ipv6, service-defined).
 * - Which services accept IPv6: AWS lists them in "AWS services that integrate with AWS PrivateLink"
 *   (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html, IPv6 column).
 *   The stored copy read here lists the services without that column, so each row below cites the service's own
 *   page where one states it; a row that cites none is `unconfirmed`: the offline plan warns
 *   (ENDPOINT_IPV6_NOT_CHECKED) and `pulumi preview` asks AWS.
 * - Gateway endpoints: only Amazon S3 and DynamoDB have them, and both have interface endpoints too; gateway
 *   endpoints have an IP address type and a DNS record IP type of their own ("Gateway endpoints", AWS PrivateLink
 *   guide, sections "IP address type" and "DNS record IP type"), which IPv6-only subnets need (aws/aws-cdk#37883,
 *   2026-05-15); "There is no additional charge for using gateway endpoints" (same page).
 *
 * Regions: AWS offers these services' endpoints in its commercial and GovCloud regions; which region has which is
 * not tabulated here. describe-vpc-endpoint-services answers it at preview (ENDPOINT_SERVICE_NOT_IN_REGION). China
 * regions name some services `cn.com.amazonaws.<region>.<service>`: the service name AWS returns at preview is used.
 */

/** Whether a service's endpoints take an IP address type: documented yes or no, or not confirmed by a source. */
export type IpTypeSupport = "yes" | "no" | "unconfirmed";

/** What the table knows of one service's endpoints. */
export interface EndpointServiceFacts {
  /** Whether it has interface endpoints (AWS PrivateLink). */
  interface: boolean;
  /** Whether it has gateway endpoints (S3 and DynamoDB only). */
  gateway: boolean;
  /** Interface endpoints of IP address type `dualstack`. */
  dualstack: IpTypeSupport;
  /** Interface endpoints of IP address type `ipv6` (IPv6-only subnets). */
  ipv6: IpTypeSupport;
  /** The page the row's IPv6 facts come from (read 2026-09), or why they are unconfirmed. */
  source: string;
}

const UNCONFIRMED = "not stated on the pages read (the PrivateLink list's IPv6 column was not in the stored copy)";

/** Gateway and interface endpoints both (AWS PrivateLink guide, "Gateway endpoints"). */
const S3_DYNAMODB: EndpointServiceFacts = {
  interface: true,
  gateway: true,
  dualstack: "unconfirmed",
  ipv6: "unconfirmed",
  source: `gateway endpoints: AWS PrivateLink guide, "Gateway endpoints" (IP address type); interface: ${UNCONFIRMED}`,
};

/** An interface-only service whose IPv6 support no page read states. */
const interfaceOnly = (source = UNCONFIRMED): EndpointServiceFacts => ({
  interface: true,
  gateway: false,
  dualstack: "unconfirmed",
  ipv6: "unconfirmed",
  source,
});

/** The services the docs name for clusters in private subnets, by the short name `endpoints` takes. */
export const ENDPOINT_SERVICES: Readonly<Record<string, EndpointServiceFacts>> = {
  s3: S3_DYNAMODB,
  dynamodb: S3_DYNAMODB,
  // "Amazon ECR does not support AWS PrivateLink traffic over dual-stack endpoints. You must use IPv4-only Amazon
  // ECR endpoints if you need AWS PrivateLink support" (Amazon ECR User Guide, "Making requests to Amazon ECR
  // registries"): that names ECR's own dual-stack DNS names, not the endpoint's IP address type, so unconfirmed.
  "ecr.api": interfaceOnly(`Amazon ECR User Guide, "Making requests to Amazon ECR registries": ${UNCONFIRMED}`),
  "ecr.dkr": interfaceOnly(`Amazon ECR User Guide, "Making requests to Amazon ECR registries": ${UNCONFIRMED}`),
  // "IPv6-only AWS STS VPC endpoints are not supported. You can configure VPC endpoint as IPv4 or dualstack
  // connections." (IAM User Guide, "Dual-stack endpoint support", Limitations.)
  sts: {
    interface: true,
    gateway: false,
    dualstack: "yes",
    ipv6: "no",
    source: 'IAM User Guide, "Dual-stack endpoint support" (AWS STS): IPv4 or dualstack endpoints, not IPv6-only',
  },
  // "AWS KMS is also privately accessible over IPv4 and IPv6 from your virtual private cloud (VPC) using AWS
  // PrivateLink" (AWS KMS Developer Guide, "Dual-stack endpoint support").
  kms: {
    interface: true,
    gateway: false,
    dualstack: "yes",
    ipv6: "unconfirmed",
    source: 'AWS KMS Developer Guide, "Dual-stack endpoint support": IPv4 and IPv6 through AWS PrivateLink',
  },
  ec2: interfaceOnly(),
  elasticloadbalancing: interfaceOnly(),
  logs: interfaceOnly(),
  monitoring: interfaceOnly(),
  ssm: interfaceOnly(),
  ssmmessages: interfaceOnly(),
  ec2messages: interfaceOnly(),
  eks: interfaceOnly(),
  "eks-auth": interfaceOnly(),
  secretsmanager: interfaceOnly(),
  autoscaling: interfaceOnly(),
};

/** The services that have gateway endpoints. */
export const GATEWAY_SERVICES = Object.keys(ENDPOINT_SERVICES).filter((s) => ENDPOINT_SERVICES[s].gateway);
