import type { ComponentIngressOptions, ImageOverride } from '../types';
import type { PodExtras } from '../pod-extras/types';
import type { ProbeOverrides } from '../probes/types';
import type { Placement } from '../placement/types';
import type { DeploymentStrategyType, ResourceName } from './names';

/**
 * What a user writes about a component's pods: scaling, disruption budget, resources, rollout (`WorkloadOptions`,
 * every workload component's), and the several Deployments of Sidekiq (`pods`) and webservice (`deployments`).
 * Placement is in `../placement/types.ts`. Re-exported by `../types.ts`.
 */

/** Requests or limits of one container; keys are the `RESOURCE_NAMES`. */
export interface ResourceList extends Partial<Record<ResourceName, string>> {
  /** @default unset */
  readonly cpu?: string;
  /** @default unset */
  readonly memory?: string;
  /** @default unset */
  readonly 'ephemeral-storage'?: string;
}

export interface Resources {
  /** @default the component's (the chart's) */
  readonly requests?: ResourceList;
  /** @default none */
  readonly limits?: ResourceList;
}

export interface Autoscaling {
  /** @default per component */
  readonly minReplicas?: number;
  /** @default per component */
  readonly maxReplicas?: number;
  /** CPU target: an average value per pod (`"1"`, `"350m"`) or a utilization percentage. @default the component's (the chart's) */
  readonly cpu?: { readonly averageValue: string } | { readonly averageUtilization: number };
  /** Optional memory target. @default none */
  readonly memory?: { readonly averageValue: string } | { readonly averageUtilization: number };
  /** Seconds the HPA waits before scaling down. @default 300 */
  readonly scaleDownStabilizationSeconds?: number;
}

export interface DisruptionBudget {
  /** @default 1 */
  readonly maxUnavailable?: number | string;
}

/** How a Deployment replaces its pods (the Kubernetes `strategy`). */
export interface DeploymentStrategy {
  /** @default RollingUpdate */
  readonly type?: DeploymentStrategyType;
  /** RollingUpdate only: extra and missing pods allowed during a rollout (a count or a percentage). @default 25% / 25% (Kubernetes') */
  readonly rollingUpdate?: { readonly maxSurge?: number | string; readonly maxUnavailable?: number | string };
}

/** Settings every workload component shares (the pod extras: `pod-extras/types.ts`). */
export interface WorkloadOptions extends PodExtras, ProbeOverrides {
  /** Turn the component on or off (where the chart allows it). @default true */
  readonly enabled?: boolean;
  /** Fixed replica count; only where no HPA owns scaling (set `autoscaling: false`). @default the chart's (with autoscaling off) */
  readonly replicas?: number;
  /** HPA settings, or `false` for a fixed `replicas`. @default the chart's HPA, where the chart has one */
  readonly autoscaling?: Autoscaling | false;
  /** PodDisruptionBudget, or `false` for none. @default `{ maxUnavailable: 1 }`, where the chart has a PodDisruptionBudget */
  readonly podDisruptionBudget?: DisruptionBudget | false;
  /** Main container resources (requests default to the chart's; no limits by default). @default the chart's requests, no limits */
  readonly resources?: Resources;
  /** Node placement; merged over the platform-wide `placement`. @default the platform-wide `placement` */
  readonly placement?: Placement;
  /** Extra annotations for the pod template. @default none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** Extra labels for the pod template (never used in selectors). @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Annotations for this component's ServiceAccount (e.g. `eks.amazonaws.com/role-arn`). @default none (the IAM role annotation with `objectStorage.iamRole`) */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /** The component's ServiceAccount: its name, whether the platform creates it, token mount. @default `<release>-<component>`, created, token not mounted */
  readonly serviceAccount?: import('../service-account/types').ServiceAccountOptions;
  /** Image of the component's `configure` init container (the chart's `<component>.init.image`); unset fields come from `images.gitlabBase`. @default images.gitlabBase */
  readonly initImage?: ImageOverride;
  /** Extra environment variables for the main container (names must not clash with the contract's). @default none */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** Seconds a stopping pod gets before it is killed. @default webservice, gitlab-shell, registry 60 and sidekiq 600 (GitLab's zero-downtime guidance); others the chart's */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * How the Deployment rolls out new pods (Deployments only). @default webservice, sidekiq, gitlab-shell and registry:
   * RollingUpdate with `maxSurge: 10%`, `maxUnavailable: 0` (GitLab's zero-downtime guidance); others: Kubernetes' RollingUpdate
   */
  readonly deploymentStrategy?: DeploymentStrategy;
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
