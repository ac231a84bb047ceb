import { PHASE_LABEL } from './phases';

export interface PhasedApplyOptions {
  /** Directory of the manifests. */
  readonly dir: string;
  readonly fieldManager: string;
  /** Longest wait for a migrations Job. @default 3600 (the Jobs' own deadline) */
  readonly jobTimeoutSeconds?: number;
  /** Longest wait for one workload's rollout. @default 30m */
  readonly rolloutTimeout?: string;
}

/**
 * Shell lines (for `sh -e`, with `$DEPLOY_NAMESPACE` set) that apply a synthesis in upgrade order: the
 * pre-deployment objects, then wait for the pre-deployment migrations Job; everything but the post-deployment Job,
 * then wait for every Deployment and StatefulSet to roll out; the post-deployment Job, then wait for it. Manifests
 * without the phase label (e.g. an application) skip them. The pipeline's one pruning apply follows, which then
 * changes nothing but the ApplySet's records and prunes what left the manifests.
 */
export function phasedApplyLines(o: PhasedApplyOptions): string[] {
  const apply = `kubectl apply --server-side --field-manager=${o.fieldManager} --namespace "$DEPLOY_NAMESPACE" --recursive -f ${o.dir}/`;
  const has = (phase: string) => `grep -rqs '${PHASE_LABEL}: ${phase}' ${o.dir}/`;
  // Polls until each Job finished (Complete or Failed, e.g. a refused upgrade check), then checks it completed.
  const waitJobs = (file: string) => `for job in $(sed -n '/^job/p' ${file}); do `
    + `until kubectl get "$job" --namespace "$DEPLOY_NAMESPACE" -o jsonpath='{.status.conditions[?(@.status=="True")].type}' | grep -Eq 'Complete|Failed'; do sleep 10; done; `
    + `kubectl wait --for=condition=complete --timeout=${o.jobTimeoutSeconds ?? 3600}s --namespace "$DEPLOY_NAMESPACE" "$job"; done`;
  return [
    `if ${has('pre-deployment')}; then ${apply} -l ${PHASE_LABEL}=pre-deployment -o name > .gitlab-iac-pre-deployment; ${waitJobs('.gitlab-iac-pre-deployment')}; fi`,
    `if ${has('post-deployment')}; then ${apply} -l '${PHASE_LABEL}!=post-deployment' -o name > .gitlab-iac-deployment; `
      + `sed -n -e '/^deployment/p' -e '/^statefulset/p' .gitlab-iac-deployment | xargs -r -n1 kubectl rollout status --timeout=${o.rolloutTimeout ?? '30m'} --namespace "$DEPLOY_NAMESPACE"; fi`,
    `if ${has('post-deployment')}; then ${apply} -l ${PHASE_LABEL}=post-deployment -o name > .gitlab-iac-post-deployment; ${waitJobs('.gitlab-iac-post-deployment')}; fi`,
  ];
}
