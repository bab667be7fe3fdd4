/**
 * The cluster installers this stack hands its network to (`kubernetes.installers`, docs/installers.md): for each,
 * the checks of what it would refuse or break on (run by the planner with every other rule) and the renderer of
 * its spec (the `installerSpecs` output, and `npm run plan -- --emit`). Pure: plan records in, findings and YAML
 * text out.
 */
import { Installer } from "../enums";
import { at, finding, type Finding } from "../findings";
import { capiFindings, renderCapi } from "./capi";
import { k0sFindings, renderK0s } from "./k0s";
import { kopsFindings, renderKops } from "./kops";
import { kubeadmFindings, renderKubeadm } from "./kubeadm";
import type { InstallerCheckInput, InstallerInput, RenderedSpec } from "./types";

export * from "./types";

/** One installer: what it would refuse, and its spec. */
interface InstallerRules {
  /** The installer's name in messages. */
  label: string;
  check(input: InstallerCheckInput): Finding[];
  render(input: InstallerInput): RenderedSpec;
}

/** Every installer, in the order of the `Installer` enum. */
export const INSTALLERS: Record<Installer, InstallerRules> = {
  kops: { label: "kOps", check: kopsFindings, render: renderKops },
  capi: { label: "Cluster API", check: capiFindings, render: renderCapi },
  k0s: { label: "k0s", check: k0sFindings, render: renderK0s },
  kubeadm: { label: "kubeadm", check: kubeadmFindings, render: renderKubeadm },
};

/** The installers' names, in enum order (the `--emit` choices). */
export const INSTALLER_NAMES = Object.values(Installer);

/** `kubernetes.installers`, each once, in the order given. */
export function listedInstallers(listed: readonly Installer[] | undefined): Installer[] {
  return [...new Set(listed ?? [])];
}

/**
 * The findings of the listed installers: a repeated entry; with `kubernetes.eks`, every entry (EKS builds the
 * control plane itself, and the installers' checks do not apply); else each installer's checks.
 */
export function installerFindings(input: InstallerCheckInput): Finding[] {
  const listed = input.config.kubernetes.installers ?? [];
  const out: Finding[] = [];
  listed.forEach((installer, i) => {
    const first = listed.indexOf(installer);
    const label = INSTALLERS[installer].label;
    const path = at("kubernetes", "installers", i);
    if (first !== i) out.push(finding("INSTALLER_LISTED_TWICE", path, installer, { installer: label, first }));
    else if (input.config.kubernetes.eks)
      out.push(finding("INSTALLER_WITH_EKS", path, installer, { installer: label }));
  });
  if (input.config.kubernetes.eks) return out;
  for (const installer of listedInstallers(listed)) out.push(...INSTALLERS[installer].check(input));
  return out;
}

/** One installer's spec of a cluster on this network. */
export function renderInstaller(installer: Installer, input: InstallerInput): RenderedSpec {
  return INSTALLERS[installer].render(input);
}

/** The specs of the plan's installers (`plan.installers`), by installer: the `installerSpecs` output. */
export function renderInstallers(input: InstallerInput): Partial<Record<Installer, RenderedSpec>> {
  return Object.fromEntries(input.plan.installers.map((i) => [i, renderInstaller(i, input)]));
}
