/**
 * kubeadm on this network: the v1beta4 configuration components/core/kubeadm.ts renders (the one of the
 * `kubernetes.kubeadmConfig` output), with the API load balancer's address as `controlPlaneEndpoint`, for
 * `kubeadm init --config`. Nothing of it is decided here.
 */
import { parseAllDocuments } from "yaml";
import { renderKubeadmConfig } from "../kubeadm";
import {
  placeholdersIn,
  NetworkValues,
  type InstallerCheckInput,
  type InstallerInput,
  type RenderedSpec,
} from "./types";
import type { Finding } from "../findings";

/**
 * What kubeadm would refuse is refused for every cluster already (its service-subnet sizes: K8S_SERVICE_CIDR_TOO_SMALL,
 * K8S_SERVICE_CIDR_TOO_LARGE): nothing more.
 */
export function kubeadmFindings(_c: InstallerCheckInput): Finding[] {
  return [];
}

/** The kubeadm configuration, `controlPlaneEndpoint` `<load balancer DNS name>:<port>` with a load balancer. */
export function renderKubeadm(input: InstallerInput): RenderedSpec {
  const lb = input.plan.edge.apiLoadBalancer;
  const endpoint = lb ? `${new NetworkValues(input).apiLoadBalancerDnsName()}:${lb.port}` : undefined;
  const yaml = renderKubeadmConfig(input.plan.kubernetes, endpoint);
  const documents = parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
  return { installer: "kubeadm", yaml, documents, placeholders: placeholdersIn(yaml) };
}
