/**
 * Prerequisites a deployment would otherwise fail on late: instance types that support IPv6 (and are
 * Nitro-based where IPv6-only subnets exist, Cluster API AWS' prerequisites), and zones that support IPv6
 * subnets. Pure: the facts are looked up by the program (components/program/facts.ts).
 */
import { at, finding, type Finding } from "../findings";
import type { InstanceTypeFact } from "../types";
import type { EdgeInput, PrerequisiteCheck } from "./types";

/** One instance type against what AWS said of it. */
function instanceTypeCheck(input: EdgeInput, type: string, i: number, findings: Finding[]): PrerequisiteCheck {
  const what = `instance type ${type}`;
  const path = at("nodes", "instanceTypes", i);
  const fact: InstanceTypeFact | undefined = input.facts.instanceTypes?.[type];
  if (!fact || fact.status === "unknown") {
    const reason = fact?.reason ?? "not looked up";
    findings.push(finding("NODES_INSTANCE_TYPE_NOT_CHECKED", path, type, { type, reason }));
    return { what, status: "not checked", detail: reason };
  }
  if (fact.status === "missing") {
    const p = { type, region: input.facts.region ?? "the region", reason: fact.reason };
    findings.push(finding("NODES_INSTANCE_TYPE_UNKNOWN", path, type, p));
    return { what, status: "failed", detail: fact.reason };
  }
  const ipv6Only = input.subnets.filter((s) => s.ipv6Only && !s.adopted).map((s) => s.name);
  const problems: string[] = [];
  if (input.subnets.some((s) => s.hasIpv6) && !fact.ipv6Supported) {
    problems.push("no IPv6");
    findings.push(finding("NODES_INSTANCE_TYPE_NO_IPV6", path, type, { type }));
  }
  if (ipv6Only.length > 0 && fact.hypervisor !== "nitro") {
    const hypervisor = fact.hypervisor || "none";
    problems.push(`hypervisor ${hypervisor}, not Nitro`);
    findings.push(
      finding("NODES_INSTANCE_TYPE_NOT_NITRO", path, type, { type, hypervisor, subnets: ipv6Only.join(", ") }),
    );
  }
  const detail = problems.length ? problems.join("; ") : `IPv6${ipv6Only.length ? ", Nitro" : ""}`;
  return { what, status: problems.length ? "failed" : "ok", detail };
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
  const types = (input.config.nodes?.instanceTypes ?? []).map((type, i) => instanceTypeCheck(input, type, i, findings));
  return [...types, ...zoneChecks(input, findings)];
}
