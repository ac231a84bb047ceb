import { stringify } from 'yaml';

/**
 * The `kustomization.yaml` (kustomize.config.k8s.io/v1beta1) of the directory a Flux Kustomization points at:
 * it names the files Flux applies, so the platform's manifests are applied and the other charts of the same
 * synth (the runner, the agent, the Flux objects themselves) are not. `kubectl kustomize <dir>` builds it.
 */
export function kustomizationFile(resources: readonly string[]): string {
  return stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources].sort() });
}
