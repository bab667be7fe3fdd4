/**
 * NAT64 and DNS64: the well-known NAT64 prefix and the decision whether a subnet's resolver synthesizes
 * AAAA records in it. DNS64 only on IPv6-only subnets: on a dual-stack subnet it would send IPv4-only
 * destinations through NAT64 instead of IPv4. And never without a NAT64 route: DNS64 answers with
 * 64:ff9b::/96 addresses, and a subnet that cannot reach them silently blackholes every IPv4-only name.
 * (The NAT64 routes themselves are decided with the others, in routes.ts.)
 */
import { finding, type Finding } from "./findings";
import { keyPath, type SubnetDraft } from "./subnets";
import type { RoutePlan } from "./types";

/** The well-known prefix NAT64 translates (RFC 6052); AWS NAT gateways and Route 53 DNS64 use it. */
export const NAT64_PREFIX = "64:ff9b::/96";

export function dns64OnDualStack(d: SubnetDraft): Finding {
  return finding("DNS64_ON_DUAL_STACK", keyPath(d, "dns64"), d.config.dns64, { subnet: d.config.name });
}

/**
 * Whether a managed subnet gets DNS64: as configured, else exactly when it is IPv6-only and its routes
 * are managed here. `natFailed`: its NAT gateway could not be placed (already reported).
 */
export function dns64For(
  d: SubnetDraft,
  routes: readonly RoutePlan[],
  external: boolean,
  natFailed: boolean,
  findings: Finding[],
): boolean {
  const dns64 = d.config.dns64 ?? (d.ipv6Only && !external);
  if (dns64 && !d.ipv6Only) findings.push(dns64OnDualStack(d));
  else if (dns64 && !external && !natFailed && !routes.some((r) => r.name === "nat64")) {
    findings.push(finding("DNS64_WITHOUT_NAT64", keyPath(d, "dns64"), d.config.dns64, { subnet: d.config.name }));
  }
  return dns64;
}

/** An adopted subnet keeps its resolver settings, and the kind's rule still holds for it. */
export function adoptedDns64(d: SubnetDraft, findings: Finding[]): boolean {
  const dns64 = d.config.dns64 ?? false;
  if (dns64 && !d.ipv6Only) findings.push(dns64OnDualStack(d));
  return dns64;
}
