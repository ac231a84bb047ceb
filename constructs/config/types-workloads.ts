import type {
  Autoscaling, DisruptionBudget, Placement, Resources,
} from './types';

/**
 * Workload settings beyond the common ones: rollout strategy, per-component Ingress overrides, several Sidekiq
 * or webservice Deployments, and the keys of the shared Secrets. Re-exported by `types.ts`.
 */

/** How a Deployment replaces its pods (the Kubernetes `strategy`). */
export interface DeploymentStrategy {
  /** @default RollingUpdate */
  readonly type?: 'RollingUpdate' | 'Recreate';
  /** RollingUpdate only: extra and missing pods allowed during a rollout (a count or a percentage). @default 25% / 25% (Kubernetes') */
  readonly rollingUpdate?: { readonly maxSurge?: number | string; readonly maxUnavailable?: number | string };
}

/**
 * A component's own Ingress settings (the chart's `<component>.ingress`), over the platform-wide `ingress`.
 * With the Gateway API they apply to the component's HTTPRoute (annotations) and Certificate (TLS Secret).
 */
export interface ComponentIngressOptions {
  /** Expose this component's host. @default `ingress.enabled` */
  readonly enabled?: boolean;
  /** Extra annotations on this component's Ingress, over `ingress.annotations`. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * kubernetes.io/tls Secret of this host, instead of the platform-wide `ingress.tls` Secret (with a cert-manager
   * issuer: the Secret cert-manager writes). Not with ACM certificates (`alb`). @default from `ingress.tls`
   */
  readonly tlsSecretName?: string;
  /**
   * `false`: this host's Ingress (or route) carries no TLS: no certificate Secret and no cert-manager request, for a
   * host whose TLS ends in front of the controller (the chart's per-component `ingress.tls.enabled: false`).
   * @default TLS as `ingress.tls` says
   */
  readonly tls?: boolean;
  /** NGINX `proxy-body-size` (`"0"`: no limit). NGINX annotations only. @default the chart's (webservice 512m, registry 0) */
  readonly proxyBodySize?: string;
  /** NGINX `proxy-read-timeout` in seconds. NGINX annotations only. @default the chart's (webservice 600, registry 900) */
  readonly proxyReadTimeout?: number;
  /** NGINX `proxy-connect-timeout` in seconds. NGINX annotations only. @default the chart's (webservice 15) */
  readonly proxyConnectTimeout?: number;
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

/** Shared Secrets that hold one value, whose key may be chosen (`secretKeys`). */
export type SingleKeySecretName =
  | 'gitlabShell' | 'gitaly' | 'workhorse' | 'registryHttp' | 'kas' | 'initialRootPassword' | 'praefect';

/** The registry's storage maintenance (the chart's `registry.maintenance`). */
export interface RegistryMaintenance {
  /** Read-only mode: pulls work, pushes are refused (e.g. during a storage migration). @default false */
  readonly readOnly?: boolean;
  /** Purging of uploads that were started but never finished. @default on: every 24h, uploads older than 168h */
  readonly uploadPurging?: {
    /** @default true */
    readonly enabled?: boolean;
    /** Uploads older than this are purged. @default 168h */
    readonly age?: string;
    /** @default 24h */
    readonly interval?: string;
    /** Only log what would be purged. @default false */
    readonly dryRun?: boolean;
  };
}

/** The registry's periodic storage-driver check (the chart's `registry.health.storagedriver`). */
export interface RegistryStorageHealthCheck {
  /** @default false */
  readonly enabled?: boolean;
  /** @default 10s */
  readonly interval?: string;
  /** Failed checks before the registry reports itself unhealthy. @default 3 */
  readonly threshold?: number;
}

/** The registry's logging (the chart's `registry.log`). */
export interface RegistryLogOptions {
  /** @default info */
  readonly level?: 'error' | 'warn' | 'info' | 'debug';
  /** @default text (the registry's) */
  readonly formatter?: 'text' | 'json' | 'logstash';
  /** The access log. @default the registry's (on, `combined`) */
  readonly accessLog?: { readonly disabled?: boolean; readonly formatter?: 'text' | 'json' | 'combined' };
}

/** The registry's manifest validation (the chart's `registry.validation`). */
export interface RegistryValidation {
  /** Skip validation of pushed manifests. @default true (the chart's) */
  readonly disabled?: boolean;
  /** Limits, with validation on. @default no limits, no URL rules */
  readonly manifests?: {
    /** Most references one manifest may hold; 0 is no limit. @default 0 */
    readonly referenceLimit?: number;
    /** Largest manifest payload in bytes; 0 is no limit. @default 0 */
    readonly payloadSizeLimit?: number;
    /** Regular expressions of the foreign-layer URLs allowed and denied. @default none */
    readonly urls?: { readonly allow?: readonly string[]; readonly deny?: readonly string[] };
  };
}
