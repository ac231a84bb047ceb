import type { ResolvedKeda } from '../keda/resolve';
import { resolveKeda } from '../keda/resolve';
import type { ResolvedSidekiqPod, ResolvedSidekiqSettings } from '../workloads/deployments';
import { withSidekiqPods } from '../workloads/deployments';
import { COMPONENT_DEFAULTS } from '../workloads/defaults';
import type { ResolvedWorkload } from '../workloads/resolve';
import type { ComponentContext } from '../components/resolve';
import type { SidekiqOptions } from './types';

/** Sidekiq's resolution, the chart's defaults applied, and its model (re-exported by `../resolved.ts`). */

export interface ResolvedSidekiq extends ResolvedWorkload, ResolvedSidekiqSettings {
  /** KEDA scaling of every Sidekiq Deployment, replacing their HPAs (`keda/resolve.ts`). */
  readonly keda?: ResolvedKeda;
  /** Every Sidekiq Deployment (at least one). */
  readonly pods: readonly ResolvedSidekiqPod[];
}

/** Sidekiq and its pods (`workloads/deployments.ts`). */
export function resolveSidekiq(sk: SidekiqOptions | undefined, { workload, sized, fail }: ComponentContext): ResolvedSidekiq {
  return withSidekiqPods(sk, {
    ...workload('sidekiq', sk, sized?.sidekiq ?? COMPONENT_DEFAULTS.sidekiq),
    concurrency: sk?.concurrency ?? sized?.sidekiq.concurrency ?? 20,
    timeout: sk?.timeout ?? 25,
    queues: sk?.queues ?? [],
    memoryKillerMaxRss: sk?.memoryKillerMaxRss ?? 2000000,
    keda: resolveKeda('components.sidekiq', sk?.keda, sk?.autoscaling, fail),
  }, fail);
}
