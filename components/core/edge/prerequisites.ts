/**
 * Prerequisites a deployment would otherwise fail on late: instance types that support IPv6 (and are
 * Nitro-based where IPv6-only subnets exist, Cluster API AWS' prerequisites), and zones that support IPv6
 * subnets. Pure: the facts are looked up by the program (components/program/facts.ts).
 */
import { at, finding, type Finding } from "../findings";
import type { Facts, InstanceTypeFact } from "../types";
import type { EdgeInput, PrerequisiteCheck } from "./types";

/** The finding of a type that is not Nitro-based where Nitro is required; undefined where it is not required. */
export type NitroRule = ((type: string, hypervisor: string) => Finding) | undefined;

/**
 * One instance type against what AWS said of it: known to AWS, IPv6-capable where the VPC has IPv6, Nitro-based
 * where `nitro` requires it. Shared by `nodes.instanceTypes` and EKS node groups (components/core/eks).
 */
export function instanceTypeCheck(
  facts: Facts,
  check: { type: string; path: string; vpcHasIpv6: boolean; nitro: NitroRule },
  findings: Finding[],
): PrerequisiteCheck {
  const { type, path } = check;
  const what = `instance type ${type}`;
  const fact: InstanceTypeFact | undefined = facts.instanceTypes?.[type];
  if (!fact || fact.status === "unknown") {
    const reason = fact?.reason ?? "not looked up";
    findings.push(finding("NODES_INSTANCE_TYPE_NOT_CHECKED", path, type, { type, reason }));
    return { what, status: "not checked", detail: reason };
  }
  if (fact.status === "missing") {
    const p = { type, region: facts.region ?? "the region", reason: fact.reason };
    findings.push(finding("NODES_INSTANCE_TYPE_UNKNOWN", path, type, p));
    return { what, status: "failed", detail: fact.reason };
  }
  const problems: string[] = [];
  if (check.vpcHasIpv6 && !fact.ipv6Supported) {
    problems.push("no IPv6");
    findings.push(finding("NODES_INSTANCE_TYPE_NO_IPV6", path, type, { type }));
  }
  if (check.nitro && fact.hypervisor !== "nitro") {
    const hypervisor = fact.hypervisor || "none";
    problems.push(`hypervisor ${hypervisor}, not Nitro`);
    findings.push(check.nitro(type, hypervisor));
  }
  const detail = problems.length ? problems.join("; ") : `IPv6${check.nitro ? ", Nitro" : ""}`;
  return { what, status: problems.length ? "failed" : "ok", detail };
}

/** `nodes.instanceTypes`: Nitro required where IPv6-only subnets exist (AWS launches only Nitro there). */
function nodeInstanceTypes(input: EdgeInput, findings: Finding[]): PrerequisiteCheck[] {
  const ipv6Only = input.subnets.filter((s) => s.ipv6Only && !s.adopted).map((s) => s.name);
  const subnets = ipv6Only.join(", ");
  const vpcHasIpv6 = input.subnets.some((s) => s.hasIpv6);
  return (input.config.nodes?.instanceTypes ?? []).map((type, i) => {
    const path = at("nodes", "instanceTypes", i);
    const nitro: NitroRule = ipv6Only.length
      ? (t, hypervisor) => finding("NODES_INSTANCE_TYPE_NOT_NITRO", path, t, { type: t, hypervisor, subnets })
      : undefined;
    return instanceTypeCheck(input.facts, { type, path, vpcHasIpv6, nitro }, findings);
  });
}

/** Local Zones and Wavelength Zones: IPv6 subnets are missing or limited there; adopting one by id is fine. */
function zoneChecks(input: EdgeInput, findings: Finding[]): PrerequisiteCheck[] {
  const zoneTypes = input.facts.zoneTypes ?? {};
  return [...new Set(input.subnets.map((s) => s.zone))].flatMap((zone): PrerequisiteCheck[] => {
    const type = zoneTypes[zone];
    if (type === undefined) return [];
    const special = type === "local-zone" || type === "wavelength-zone";
    const created = input.subnets.filter((s) => s.zone === zone && !s.adopted && s.hasIpv6);
    if (!special || created.length === 0) {
      return [
        { what: `zone ${zone}`, status: "ok", detail: special ? `${type}: adopted or IPv4-only subnets only` : type },
      ];
    }
    const kind = type === "local-zone" ? "Local Zone" : "Wavelength Zone";
    for (const s of created)
      findings.push(finding("ZONE_IPV6_UNSUPPORTED", s.path, s.name, { subnet: s.name, zone, kind, type: s.type }));
    return [{ what: `zone ${zone}`, status: "failed", detail: `${type}: IPv6 subnets refused` }];
  });
}

export function prerequisites(input: EdgeInput, findings: Finding[]): PrerequisiteCheck[] {
  return [...nodeInstanceTypes(input, findings), ...zoneChecks(input, findings)];
}
