/**
 * The resources of a stack as the policy pack's rules read them: plain records (type, URN, name, properties, and
 * which resources each property came from), with a value known only at deployment marked UNKNOWN. Pure: no Pulumi
 * here, so the rules run on what the engine sends (policy/policies.ts converts it), on a recorded offline graph,
 * and on records a test writes by hand.
 *
 * At preview a property that names another new resource (a route's `routeTableId`, an association's `subnetId`)
 * is unknown: the engine sends, with each resource, the URNs every property came from (its property
 * dependencies), which is how the rules find what a resource refers to. At update, and for resources that exist
 * already, the property holds the id, which is matched against the records' `id` where the engine sends one.
 */

/** A value that is only known once the resource is deployed (an id, an address AWS assigns). */
export const UNKNOWN: unique symbol = Symbol("known at deployment");

/** One resource of the stack: what a policy sees of it. */
export interface PolicyRecord {
  /** Its type token, e.g. `aws:ec2/subnet:Subnet`. */
  type: string;
  /** Its URN: what a violation names. */
  urn: string;
  /** Its name in the program. */
  name: string;
  /** Its properties, by the Pulumi names (`enableDns64`, `ipv6Native`), UNKNOWN where not known yet. */
  props: Readonly<Record<string, unknown>>;
  /** Per property, the URNs of the resources its value came from. */
  propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}

/** The resource types the rules read (the AWS provider's tokens; `aws.alb` is `aws.lb` under its old name). */
export const TYPES = {
  vpc: ["aws:ec2/vpc:Vpc"],
  vpcIpv6Block: ["aws:ec2/vpcIpv6CidrBlockAssociation:VpcIpv6CidrBlockAssociation"],
  subnet: ["aws:ec2/subnet:Subnet"],
  routeTable: ["aws:ec2/routeTable:RouteTable"],
  association: ["aws:ec2/routeTableAssociation:RouteTableAssociation"],
  route: ["aws:ec2/route:Route"],
  internetGateway: ["aws:ec2/internetGateway:InternetGateway"],
  securityGroup: ["aws:ec2/securityGroup:SecurityGroup"],
  securityGroupRule: ["aws:ec2/securityGroupRule:SecurityGroupRule"],
  ingressRule: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
  loadBalancer: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
  listener: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
  targetGroup: ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"],
} as const;

/** A list of types, or one of TYPES' entries. */
export type Types = readonly string[];

/** Whether a value is set: known and not empty, or unknown (it will be set). */
export function isSet(v: unknown): boolean {
  return v === UNKNOWN || (v !== undefined && v !== null && v !== "" && v !== false);
}

/** A property's value as a list (a single value as one element, nothing as none). */
export function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** A record's string property, or undefined when it is not a known string. */
export function str(r: PolicyRecord | Readonly<Record<string, unknown>>, key: string): string | undefined {
  const props = "props" in r && "urn" in r ? (r as PolicyRecord).props : (r as Record<string, unknown>);
  const v = props[key];
  return typeof v === "string" ? v : undefined;
}

/** The stack's records, indexed by URN and type, with what each property refers to. */
export class StackGraph {
  private readonly byUrn = new Map<string, PolicyRecord>();

  constructor(readonly records: readonly PolicyRecord[]) {
    for (const r of records) this.byUrn.set(r.urn, r);
  }

  /** The records of any of `types`. */
  ofType(types: Types): PolicyRecord[] {
    return this.records.filter((r) => types.includes(r.type));
  }

  /**
   * The records of `types` that property `prop` of `r` refers to: the resources its value came from (property
   * dependencies), else those whose `id` is the value (or one of its values, in a list or in `idKey` of each
   * element of a list of objects).
   */
  refs(r: PolicyRecord, prop: string, types: Types, idKey?: string): PolicyRecord[] {
    const fromDeps = (r.propertyDependencies?.[prop] ?? []).flatMap((u) => {
      const d = this.byUrn.get(u);
      return d && types.includes(d.type) ? [d] : [];
    });
    if (fromDeps.length) return fromDeps;
    const values = asList(r.props[prop]).map((v) =>
      idKey && v && typeof v === "object" ? (v as Record<string, unknown>)[idKey] : v,
    );
    const ids = values.filter((v): v is string => typeof v === "string");
    return this.ofType(types).filter((x) => ids.includes(str(x, "id") ?? "\0"));
  }

  /** The one record of `types` a property refers to, when it is exactly one. */
  ref(r: PolicyRecord, prop: string, types: Types): PolicyRecord | undefined {
    const found = this.refs(r, prop, types);
    return found.length === 1 ? found[0] : undefined;
  }

  /** The records of `types` whose property `prop` refers to `target`. */
  referrers(target: PolicyRecord, types: Types, prop: string, idKey?: string): PolicyRecord[] {
    return this.ofType(types).filter((r) =>
      this.refs(r, prop, target.type ? [target.type] : [], idKey).includes(target),
    );
  }
}
