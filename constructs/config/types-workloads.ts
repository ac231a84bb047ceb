import type {
  Autoscaling, DisruptionBudget, Placement, Resources,
} from './types';
import type { ComponentIngressOptions } from './exposure/types';

/**
 * Workload settings beyond the common ones: rollout strategy, per-component Ingress overrides, several Sidekiq
 * or webservice Deployments. Re-exported by `types.ts`.
 */

/** How a Deployment replaces its pods (the Kubernetes `strategy`). */
export interface DeploymentStrategy {
  /** @default RollingUpdate */
  readonly type?: 'RollingUpdate' | 'Recreate';
  /** RollingUpdate only: extra and missing pods allowed during a rollout (a count or a percentage). @default 25% / 25% (Kubernetes') */
  readonly rollingUpdate?: { readonly maxSurge?: number | string; readonly maxUnavailable?: number | string };
}

/** The chart's node-affinity shorthand (`nodeAffinity` with `affinity.nodeAffinity.{key,values}`). */
export interface NodeAffinityShorthand {
  /** `soft` prefers, `hard` requires nodes whose label `key` has one of `values`. */
  readonly mode: 'soft' | 'hard';
  /** Node label. @default topology.kubernetes.io/zone */
  readonly key?: string;
  /** Accepted label values, e.g. zones. */
  readonly values: readonly string[];
}

/**
 * One Sidekiq Deployment (the chart's `gitlab.sidekiq.pods[]`) with its own queues, concurrency, scaling and
 * resources. Fields left out come from `components.sidekiq`; `podLabels` and `extraEnv` are merged over its.
 */
export interface SidekiqPodOptions {
  /** Names the Deployment and HPA `<release>-sidekiq-<name>-v2` and the PDB `<release>-sidekiq-<name>` (a short DNS label). */
  readonly name: string;
  /** Queues this pod processes; empty or left out: every queue. @default components.sidekiq.queues */
  readonly queues?: readonly string[];
  /** Threads per Sidekiq process. @default components.sidekiq.concurrency */
  readonly concurrency?: number;
  /** Seconds a job may finish on shutdown. @default components.sidekiq.timeout */
  readonly timeout?: number;
  /** Memory killer max RSS in KB. @default components.sidekiq.memoryKillerMaxRss */
  readonly memoryKillerMaxRss?: number;
  /** HPA floor, ceiling and targets, each over components.sidekiq's. @default components.sidekiq.autoscaling */
  readonly autoscaling?: Autoscaling;
  /** @default components.sidekiq.podDisruptionBudget */
  readonly podDisruptionBudget?: DisruptionBudget | false;
  /** @default components.sidekiq.resources */
  readonly resources?: Resources;
  /** Node placement; each field replaces components.sidekiq's (nodeSelector: merged). @default components.sidekiq.placement */
  readonly placement?: Placement;
  /** Extra pod labels, over components.sidekiq.podLabels. @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Extra environment variables, over components.sidekiq.extraEnv. @default none */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** @default components.sidekiq.terminationGracePeriodSeconds (30) */
  readonly terminationGracePeriodSeconds?: number;
  /** @default components.sidekiq.deploymentStrategy */
  readonly deploymentStrategy?: DeploymentStrategy;
}

/**
 * One webservice Deployment (the chart's `gitlab.webservice.deployments.<name>`): its own Deployment, Service,
 * HPA, PDB and, with `ingress.path`, its own Ingress path on the GitLab host. Fields left out come from
 * `components.webservice`; `podLabels`, `podAnnotations`, `extraEnv` and the Ingress settings are merged over its.
 */
export interface WebserviceDeploymentOptions {
  /**
   * Ingress of this Deployment: `path` on the GitLab host (e.g. `/api`), and the per-component Ingress settings.
   * Without `path` the Deployment gets no Ingress and serves internal traffic only.
   * @default no Ingress (the `default` Deployment: path `/`)
   */
  readonly ingress?: ComponentIngressOptions & { readonly path?: string };
  /** @default components.webservice.workerProcesses */
  readonly workerProcesses?: number;
  /** @default components.webservice.puma */
  readonly puma?: { readonly threadsMin?: number; readonly threadsMax?: number; readonly workerTimeout?: number };
  /** @default components.webservice.resources */
  readonly resources?: Resources;
  /** @default components.webservice.workhorseResources */
  readonly workhorseResources?: Resources;
  /** @default components.webservice.shutdownBlackoutSeconds */
  readonly shutdownBlackoutSeconds?: number;
  /** HPA floor, ceiling and targets, each over components.webservice's. @default components.webservice.autoscaling */
  readonly autoscaling?: Autoscaling;
  /** @default components.webservice.podDisruptionBudget */
  readonly podDisruptionBudget?: DisruptionBudget | false;
  /** Node placement; each field replaces components.webservice's (nodeSelector: merged). @default components.webservice.placement */
  readonly placement?: Placement;
  /** Extra pod labels, over components.webservice.podLabels. @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Extra pod annotations, over components.webservice.podAnnotations. @default none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** Extra environment variables, over components.webservice.extraEnv. @default none */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** @default components.webservice.terminationGracePeriodSeconds */
  readonly terminationGracePeriodSeconds?: number;
  /** @default components.webservice.deploymentStrategy */
  readonly deploymentStrategy?: DeploymentStrategy;
}

