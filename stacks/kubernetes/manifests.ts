import { App, Chart } from 'cdk8s';
import { GitLabPlatformProps } from '../../constructs/config/types';
import { GitLabPlatform } from '../../constructs/platform';
import { phaseOf } from '../../constructs/upgrades/phases';

/** One synthesized Kubernetes object as plain JSON. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}

/**
 * Synthesizes the platform in memory (no files written) and returns its objects in synth order.
 * Throws `GitLabConfigError` for invalid props, before any Pulumi resource exists.
 */
export function synthesizePlatform(props: GitLabPlatformProps): KubeObject[] {
  const app = new App();
  const chart = new Chart(app, 'gitlab', { disableResourceNameHashes: true });
  new GitLabPlatform(chart, 'gitlab', props);
  return chart.toJson() as KubeObject[];
}

/** Identity of an object: what Kubernetes and Pulumi both key it by. */
export function objectKey(o: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

/** Pulumi resource name of an object: its kind and name (names already carry the release). */
export function resourceName(o: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return `${o.kind.toLowerCase()}-${o.metadata.name}`;
}

/**
 * The order objects are applied in. Configuration (ConfigMaps, Secrets, ServiceAccounts, Services, RBAC) first;
 * then Jobs (the pre-deployment migrations), which Pulumi waits to complete; then the workloads that need a migrated
 * database, which Pulumi waits to roll out; then the post-deployment migrations Job (`gitlab-iac.io/phase:
 * post-deployment`). Gitaly (a StatefulSet) does not wait for migrations.
 */
export type ApplyPhase = 'config' | 'job' | 'storage' | 'workload' | 'policy' | 'post';

/** Phases in the order their resources are declared (every dependency before its dependents). */
export const APPLY_PHASES: readonly ApplyPhase[] = ['config', 'job', 'storage', 'policy', 'workload', 'post'];

export function applyPhase(kind: string, labels?: Readonly<Record<string, string>>): ApplyPhase {
  if (phaseOf({ metadata: { labels } }) === 'post-deployment') return 'post';
  switch (kind) {
    case 'Job': return 'job';
    case 'StatefulSet': return 'storage';
    case 'Deployment': case 'DaemonSet': case 'CronJob': return 'workload';
    case 'HorizontalPodAutoscaler': case 'PodDisruptionBudget': case 'Ingress': case 'NetworkPolicy': return 'policy';
    default: return 'config';
  }
}

/** Phases an object's phase waits for. */
export const PHASE_DEPENDENCIES: Readonly<Record<ApplyPhase, readonly ApplyPhase[]>> = {
  config: [],
  job: ['config'],
  storage: ['config'],
  workload: ['config', 'job'],
  policy: ['config'],
  // After the new pods rolled out (Pulumi waits for Deployments and StatefulSets to be ready).
  post: ['config', 'job', 'storage', 'policy', 'workload'],
};
