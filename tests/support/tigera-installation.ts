/**
 * A strict schema for the part of the Tigera operator's `Installation` (operator.tigera.io/v1) that this
 * project renders, transcribed from the operator's API types (tigera/operator api/v1/installation_types.go:
 * field names, enums and required fields). kubernetes-models has no Tigera models, so this is what the
 * tests validate the Calico install against; unknown keys are errors, as the CRD's structural schema would
 * silently prune them.
 */
import { z } from "zod";

const nodeAddressAutodetection = z.strictObject({
  firstFound: z.boolean().optional(),
  kubernetes: z.enum(["NodeInternalIP"]).optional(),
  interface: z.string().optional(),
  skipInterface: z.string().optional(),
  canReach: z.string().optional(),
  cidrs: z.array(z.string()).optional(),
});

const ipPool = z.strictObject({
  name: z.string().optional(),
  cidr: z.string(),
  encapsulation: z.enum(["IPIPCrossSubnet", "IPIP", "VXLAN", "VXLANCrossSubnet", "None"]).optional(),
  natOutgoing: z.enum(["Enabled", "Disabled"]).optional(),
  nodeSelector: z.string().optional(),
  blockSize: z.number().int().optional(),
  disableBGPExport: z.boolean().optional(),
  allowedUses: z.array(z.enum(["Workload", "Tunnel", "LoadBalancer"])).optional(),
});

const calicoNetwork = z.strictObject({
  bgp: z.enum(["Enabled", "Disabled"]).optional(),
  ipPools: z.array(ipPool).optional(),
  mtu: z.number().int().optional(),
  linuxDataplane: z.enum(["Iptables", "BPF", "VPP", "Nftables"]).optional(),
  hostPorts: z.enum(["Enabled", "Disabled"]).optional(),
  nodeAddressAutodetectionV4: nodeAddressAutodetection.optional(),
  nodeAddressAutodetectionV6: nodeAddressAutodetection.optional(),
});

export const installationSpecSchema = z.strictObject({
  variant: z.enum(["Calico", "TigeraSecureEnterprise"]).optional(),
  kubernetesProvider: z.enum(["", "EKS", "GKE", "AKS", "OpenShift", "DockerEnterprise", "RKE2"]).optional(),
  cni: z
    .strictObject({
      type: z.enum(["Calico", "GKE", "AmazonVPC", "AzureVNET"]),
      ipam: z.strictObject({ type: z.enum(["Calico", "HostLocal", "AmazonVPC", "AzureVNET"]) }).optional(),
    })
    .optional(),
  calicoNetwork: calicoNetwork.optional(),
});

export const installationSchema = z.strictObject({
  apiVersion: z.literal("operator.tigera.io/v1"),
  kind: z.literal("Installation"),
  // The operator only acts on the Installation named "default".
  metadata: z.strictObject({ name: z.literal("default") }),
  spec: installationSpecSchema,
});

/** The Installation the tigera-operator chart renders from its values: `spec` is `installation` less `enabled`. */
export function installationFromChartValues(values: { installation: object }): unknown {
  const { enabled: _enabled, ...spec } = values.installation as Record<string, unknown>;
  return { apiVersion: "operator.tigera.io/v1", kind: "Installation", metadata: { name: "default" }, spec };
}
