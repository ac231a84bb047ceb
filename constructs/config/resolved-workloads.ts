import type { ResolvedWorkload } from './resolved';
import type { Resources } from './types';

/** One webservice Deployment with its Service, HPA, PDB and (with `ingressPath`) Ingress. */
export interface ResolvedWebserviceDeployment extends ResolvedWorkload {
  /** The chart's deployment name: objects are `<release>-webservice-<name>`. */
  readonly name: string;
  /** Path on the GitLab host; absent: no Ingress. */
  readonly ingressPath?: string;
  readonly workerProcesses: number;
  readonly threadsMin: number;
  readonly threadsMax: number;
  readonly workerTimeout: number;
  readonly workhorseResources: Resources;
  readonly shutdownBlackoutSeconds: number;
}

/** One Sidekiq Deployment (`<release>-sidekiq-<name>-v2`) with its HPA and PDB. */
export interface ResolvedSidekiqPod extends ResolvedWorkload {
  readonly name: string;
  readonly concurrency: number;
  readonly timeout: number;
  /** Empty: every queue. */
  readonly queues: readonly string[];
  readonly memoryKillerMaxRss: number;
}
