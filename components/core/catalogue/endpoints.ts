/**
 * Rules of the VPC endpoints (`endpoints`, components/core/vpc-endpoints.ts): which services have which endpoints and
 * IP address types (components/core/endpoint-services.ts cites AWS for each), and where the endpoints go.
 */
import { group, rule } from "./rule";

type Service = { service: string };
type Kind = "interface" | "gateway";
const CHECK = "aws ec2 describe-vpc-endpoint-services --service-names";

export const ENDPOINTS = group("VPC endpoints", {
  ENDPOINT_DUPLICATE: rule<Service & { first: string }>({
    severity: "error",
    when: "a service listed twice in `endpoints` (in one list, or as both interface and gateway): one endpoint each",
    message: (p) => `${p.service} is already listed at ${p.first}: a service gets one endpoint`,
    fix: () => "list it once, in endpoints.interface or endpoints.gateway",
  }),
  ENDPOINT_NO_GATEWAY: rule<Service & { gateways: string }>({
    severity: "error",
    when: "`endpoints.gateway` names a service without gateway endpoints (only Amazon S3 and DynamoDB have them)",
    message: (p) => `${p.service} has no gateway endpoint: only ${p.gateways} do`,
    fix: (p) => `move ${p.service} to endpoints.interface`,
  }),
  ENDPOINT_GATEWAY_AVAILABLE: rule<Service>({
    severity: "warning",
    when:
      "`endpoints.interface` names S3 or DynamoDB, whose gateway endpoint is free " +
      "(an interface endpoint is charged per zone-hour and per GB)",
    message: (p) =>
      `${p.service} has a gateway endpoint, at no charge; its interface endpoint is charged per zone and hour ` +
      "and per GB processed",
    fix: (p) => `move ${p.service} to endpoints.gateway, unless it must be reached from outside the VPC`,
  }),
  ENDPOINT_SERVICE_NOT_IN_REGION: rule<Service & { kind: Kind; region: string; reason: string }>({
    severity: "error",
    when: "AWS has no endpoint of that kind for the service in the stack's region (looked up at preview)",
    message: (p) => `AWS has no ${p.kind} endpoint for ${p.service} in ${p.region}: ${p.reason}`,
    fix: (p) => `check the name (${CHECK} com.amazonaws.${p.region}.${p.service} --region ${p.region}), or remove it`,
  }),
  ENDPOINT_SERVICE_NO_IPV6: rule<Service & { wanted: string; supported: string; source: string; alternative: string }>({
    severity: "error",
    when:
      "the service's endpoints do not take the IP address type the subnets need: `dualstack` for dual-stack " +
      "subnets, `ipv6` for IPv6-only ones (AWS' list of services that support IPv6, or the service's own page)",
    message: (p) =>
      `${p.service}'s endpoints take ${p.supported}, not ${p.wanted}, which the endpoint subnets need ` +
      `(${p.source})`,
    fix: (p) => p.alternative,
  }),
  ENDPOINT_IPV6_NOT_CHECKED: rule<Service & { wanted: string; source: string; region: string }>({
    severity: "warning",
    when:
      "whether the service's endpoints take `dualstack` or `ipv6` is not in the documented table and was not looked " +
      "up (the offline plan cannot ask AWS; `pulumi preview` does)",
    message: (p) => `${p.wanted} endpoints for ${p.service} not checked: ${p.source}`,
    fix: (p) =>
      "run pulumi preview (it asks AWS), or " +
      `${CHECK} com.amazonaws.${p.region}.${p.service} --query 'ServiceDetails[].SupportedIpAddressTypes'`,
  }),
  ENDPOINT_NO_PRIVATE_SUBNET: rule<{ kind: Kind; zones: string }>({
    severity: "error",
    when:
      "no subnet to place the interface endpoints in (no private subnet in any zone), or no private route table " +
      "for a gateway endpoint (every private subnet adopted)",
    message: (p) =>
      p.kind === "interface"
        ? `no private subnet in ${p.zones} for the interface endpoints`
        : "no private subnet whose route table this stack manages, for the gateway endpoints",
    fix: (p) =>
      p.kind === "interface"
        ? "add a DualStack or Private subnet, or name the subnets in endpoints.subnets"
        : "add a private subnet this stack creates, or remove endpoints.gateway",
  }),
  ENDPOINT_UNKNOWN_SUBNET: rule<{ name: string; subnets: string }>({
    severity: "error",
    when: "`endpoints.subnets` names a subnet that does not exist",
    message: (p) => `no subnet is named ${p.name}`,
    fix: (p) => `use one of: ${p.subnets}`,
  }),
  ENDPOINT_TWO_SUBNETS_ONE_ZONE: rule<{ subnet: string; other: string; zone: string }>({
    severity: "error",
    when: "two `endpoints.subnets` in one zone (an interface endpoint takes one subnet per zone)",
    message: (p) => `${p.subnet} and ${p.other} are both in ${p.zone}: an interface endpoint takes one subnet per zone`,
    fix: (p) => `keep one subnet of ${p.zone}`,
  }),
  ENDPOINT_SUBNET_FAMILIES_MIXED: rule<{ list: string; same: string }>({
    severity: "error",
    when:
      "the interface endpoints' subnets mix families (IPv6-only with dual-stack or IPv4-only): no IP address type " +
      "fits them all (ipv6 needs every subnet IPv6-only, dualstack every subnet with both families)",
    message: (p) => `the endpoint subnets mix families (${p.list}): no endpoint IP address type fits them all`,
    fix: (p) => `name subnets of one family, one per zone: endpoints.subnets: [${p.same}]`,
  }),
});
