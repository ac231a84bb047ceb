import type { PostgresClientOptions } from '../postgres/types';
import type { KedaScaling } from '../keda/types';
import type { SidekiqPodOptions } from '../workloads/types';
import type { WorkloadOptions } from '../types';

/**
 * What a user writes under `components.sidekiq`; re-exported by `../types.ts`. The settings every workload shares
 * are `WorkloadOptions`; the several Sidekiq Deployments (`pods`) are `workloads/types.ts`'s.
 */

export interface SidekiqOptions extends WorkloadOptions, PostgresClientOptions {
  /**
   * Scale with KEDA instead of an HPA (the chart's `keda`): a ScaledObject per Deployment, its bounds and default
   * CPU/memory triggers from `autoscaling`. Needs KEDA in the cluster. @default off
   */
  readonly keda?: KedaScaling;
  /** Threads per Sidekiq process. @default 20 */
  readonly concurrency?: number;
  /** Seconds a job may finish on shutdown. @default 25 */
  readonly timeout?: number;
  /** Queues this pod processes (empty: all). @default all */
  readonly queues?: readonly string[];
  /** Memory killer max RSS in KB. @default 2000000 */
  readonly memoryKillerMaxRss?: number;
  /**
   * Several Sidekiq Deployments (the chart's `pods`), each with its own queues, concurrency, scaling and resources;
   * the queues they list should cover every queue GitLab routes jobs to. @default one pod `all-in-1` with every queue
   */
  readonly pods?: readonly SidekiqPodOptions[];
}
