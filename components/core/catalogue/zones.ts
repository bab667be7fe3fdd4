/** Rules of the region and the zones (plan.ts, subnets.ts). */
import { group, rule } from "./rule";

export const ZONES = group("Region and zones", {
  REGION_MISSING: rule({
    severity: "error",
    when:
      "no AWS region: neither `aws:region` in the stack nor the AWS_REGION or AWS_DEFAULT_REGION environment " +
      "variable (the provider's order; the program also asks the provider, which reads the AWS profile). The " +
      "offline readers never assume one",
    message: () =>
      "the stack sets no AWS region (aws:region), and none comes from the environment (AWS_REGION, " +
      "AWS_DEFAULT_REGION): the AWS provider needs one, and the zones are checked against it",
    fix: () =>
      "pulumi config set aws:region us-east-1 (the region this stack deploys to), or pass region to the Automation API",
  }),
  ZONES_UNKNOWN: rule<{ region: string }>({
    severity: "error",
    when: "no `zones` given and no standard zone known for the region",
    message: (p) => `no standard availability zones are known for region ${p.region}`,
    fix: () => "list the zones explicitly in zones",
  }),
  ZONE_NOT_IN_REGION: rule<{ zone: string; region: string; zoneRegion?: string }>({
    severity: "error",
    when:
      "a zone in `zones` that is not a zone of the stack's region (`us-west-2a` in a `us-east-1` stack; Local and " +
      "Wavelength Zones are named after their region too), refused offline before any lookup",
    message: (p) =>
      p.zoneRegion
        ? `${p.zone} is a zone of ${p.zoneRegion}, and this stack deploys to ${p.region} (aws:region): ` +
          "AWS has no such zone there"
        : `${p.zone} is not the name of a zone of ${p.region} (AWS names them ${p.region}a, ${p.region}b, ...; ` +
          `Local Zones ${p.region}-<metro>-<n><letter>)`,
    fix: (p) => {
      if (!p.zoneRegion) return `use a zone of ${p.region}, e.g. ${p.region}a`;
      const letter = /^[a-z]$/.test(p.zone.slice(p.zoneRegion.length)) ? p.zone.slice(p.zoneRegion.length) : "a";
      return (
        `use a zone of ${p.region} (e.g. ${p.region}${letter}), ` +
        `or set aws:region to ${p.zoneRegion} if the stack belongs there`
      );
    },
  }),
  DUPLICATE_ZONE: rule({
    severity: "error",
    when: "a zone listed twice in `zones`",
    message: () => "zone is listed twice",
    fix: () => "list each zone once",
  }),
  ZONE_NOT_LISTED: rule<{ zone: string; zones: string }>({
    severity: "error",
    when: "a subnet in a zone that `zones` does not list",
    message: (p) => `zone is not in zones (${p.zones})`,
    fix: (p) => `add ${p.zone} to zones, or use one of them`,
  }),
  ZONE_WITHOUT_SUBNETS: rule<{ zone: string; zones: string; zonesListed: boolean }>({
    severity: "error",
    when:
      "with an explicit `subnets` list, a zone in `zones` (or in the default zones) that gets no subnet: the default " +
      "layout is not added to a list, so listing one subnet would delete every other one",
    message: (p) =>
      `${p.zonesListed ? "" : `zones defaults to ${p.zones}, and `}${p.zone} has no subnet in subnets: an explicit ` +
      "subnets list replaces the default layout (utility-, dualstack- and private-<zone>) for every zone",
    fix: (p) =>
      `add ${p.zone}'s subnets to subnets (e.g. { name: utility-${p.zone}, zone: ${p.zone}, type: Utility }), or ` +
      (p.zonesListed ? `remove ${p.zone} from zones` : "list only the zones you use in zones"),
  }),
  AUTO_CIDR_IN_EDGE_ZONE: rule<{ zone: string; kind: string; block: string }>({
    severity: "error",
    when:
      "a subnet in a Local or Wavelength Zone without `cidr`: automatic blocks are numbered by the zone name's last " +
      "letter, which `us-east-1-nyc-1a` shares with `us-east-1a`; the fix names the block it would get, so a " +
      "deployed subnet can be pinned where it is",
    message: (p) =>
      `${p.zone} is a ${p.kind}: automatic blocks are numbered by the zone name's last letter, which it shares ` +
      "with an Availability Zone of the region, so they would collide",
    fix: (p) =>
      `set cidr on this subnet (the automatic block would be ${p.block}: ` +
      "pin that to keep a deployed subnet where it is)",
  }),
  PARENT_ZONE_OUTSIDE_WAVELENGTH: rule<{ zone: string; typeKnown: boolean }>({
    severity: "error",
    when: "`parentZone` on a subnet outside a Wavelength Zone",
    message: (p) =>
      `${p.zone} is not a Wavelength Zone${p.typeKnown ? "" : " (or its type is not known)"}: only Wavelength ` +
      "Zone subnets borrow their parent zone's NAT gateway",
    fix: () => "remove parentZone",
  }),
  PARENT_ZONE_MISMATCH: rule<{ zone: string; parent: string }>({
    severity: "error",
    when: "a `parentZone` that is not the parent AWS reports for the Wavelength Zone",
    message: (p) => `AWS says the parent zone of ${p.zone} is ${p.parent}`,
    fix: (p) => `set parentZone to ${p.parent}`,
  }),
});
