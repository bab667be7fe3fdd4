/**
 * CoreDNS's Corefile for the cluster: kubeadm's default server block, listening on IPv6 (only on IPv6 in an
 * IPv6 single-stack cluster), and the dns64 plugin when asked for (IPv6 single-stack only, as kOps does):
 * names with only A records get AAAA records in NAT64's well-known prefix, which the IPv6-only subnets
 * route to a NAT gateway.
 */
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { KubernetesPlan } from "../types";
import { NAT64_PREFIX } from "../nat64-dns64";

/** CoreDNS's Corefile as planned from the cluster's families and `kubernetes.dns64`. */
export interface CoreDnsPlan {
  /** The cluster DNS service address (kube-dns), the 10th of the primary service range. */
  dnsServiceIP: string;
  /** `::` in an IPv6 single-stack cluster; absent = every address of both families. */
  bind?: string;
  /**
   * Whether the Corefile has the dns64 plugin (`kubernetes.dns64`): AAAA records in NAT64's 64:ff9b::/96 for names
   * with only A records.
   */
  dns64: boolean;
  /** The Corefile: kubeadm's default server block, with `bind` and the dns64 plugin as planned. */
  corefile: string;
  /** The kube-system/coredns ConfigMap's content (applied as a patch over kubeadm's). */
  configMap: IConfigMap;
}

export function renderCorefile(o: {
  dnsServiceIP: string;
  bind?: string;
  dns64: boolean;
  families: readonly string[];
}): string {
  const lines = [
    `# Managed by ipv6-cluster-network: cluster DNS service ${o.dnsServiceIP}, families ${o.families.join(", ")}.`,
    ".:53 {",
    ...(o.bind ? [`    bind ${o.bind}`] : []),
    "    errors",
    "    health {",
    "        lameduck 5s",
    "    }",
    "    ready",
    "    kubernetes cluster.local in-addr.arpa ip6.arpa {",
    "        pods insecure",
    "        fallthrough in-addr.arpa ip6.arpa",
    "        ttl 30",
    "    }",
    "    prometheus :9153",
    ...(o.dns64 ? ["    dns64 {", `        prefix ${NAT64_PREFIX}`, "    }"] : []),
    "    forward . /etc/resolv.conf {",
    "        max_concurrent 1000",
    "    }",
    "    cache 30",
    "    loop",
    "    reload",
    "    loadbalance",
    "}",
  ];
  return lines.join("\n") + "\n";
}

export function planCoreDns(plan: KubernetesPlan, dns64: boolean): CoreDnsPlan {
  // A wildcard listener already takes both families; in an IPv6 single-stack cluster the pods have no
  // IPv4 address to listen on, so CoreDNS binds the IPv6 wildcard only.
  const bind = plan.singleStackIPv6 ? "::" : undefined;
  const corefile = renderCorefile({ dnsServiceIP: plan.dnsServiceIP, bind, dns64, families: plan.ipFamilies });
  return {
    dnsServiceIP: plan.dnsServiceIP,
    bind,
    dns64,
    corefile,
    configMap: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "coredns", namespace: "kube-system" },
      data: { Corefile: corefile },
    },
  };
}
