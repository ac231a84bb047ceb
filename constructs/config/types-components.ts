import type { PostgresClientOptions } from './postgres/types';
import type { GitalyOptions, PraefectOptions } from './gitaly/types';
import type { REGISTRY_EPHEMERAL_STORAGE, RegistryStorageRedirect } from './registry-storage/types';
import type { EXTERNAL_TRAFFIC_POLICIES, ServiceExposure } from './service/types';
import type { KedaScaling } from './keda/types';
import type { SshDaemonSettings } from './ssh/types';
import type { SshExposure } from './ssh/types';
import type { ComponentIngressOptions } from './exposure/types';
import type { SidekiqPodOptions, WebserviceDeploymentOptions } from './workloads/types';
import type { RegistryLogOptions, RegistryMaintenance, RegistryStorageHealthCheck, RegistryValidation } from './registry/types';
import type { Placement, Resources, SecretRef, WorkloadOptions } from './types';
import type { GitLabPagesOptions } from './pages/types';
import type { SpamcheckOptions } from './spamcheck/types';
import type { ToolboxBackupsOptions } from './backups/types';

/** Per-component settings of the chart's components (the shared workload settings are in types.ts). */

export interface WebserviceOptions extends WorkloadOptions, PostgresClientOptions {
  /**
   * Scale with KEDA instead of an HPA (the chart's `keda`): a ScaledObject per Deployment, its bounds and default
   * CPU/memory triggers from `autoscaling`. Needs KEDA in the cluster. @default off
   */
  readonly keda?: KedaScaling;
  /** Puma worker processes. @default 2 */
  readonly workerProcesses?: number;
  /** Puma threads per worker (min = max). @default 4 */
  readonly puma?: { readonly threadsMin?: number; readonly threadsMax?: number; readonly workerTimeout?: number };
  /** Workhorse container resources. @default requests 100m / 100M */
  readonly workhorseResources?: Resources;
  /** Seconds to keep serving after SIGTERM. @default 10 */
  readonly shutdownBlackoutSeconds?: number;
  /** Ingress settings of the GitLab host (over the platform-wide `ingress`). @default `ingress`'s */
  readonly ingress?: ComponentIngressOptions;
  /** The Services of the webservice Deployments (main port: Workhorse 8181). @default ClusterIP */
  readonly service?: ServiceExposure;
  /**
   * Several Deployments, each with its own pods, Service, HPA, PDB and Ingress path (the chart's
   * `deployments`), e.g. `api` on `/api` next to `default` on `/`. One of them must serve `/` while Ingresses are on.
   * @default { default: { ingress: { path: '/' } } }
   */
  readonly deployments?: Readonly<Record<string, WebserviceDeploymentOptions>>;
  /** The Deployment the other components call (the chart's `global.workhorse.serviceName`). @default default */
  readonly internalDeployment?: string;
  /**
   * Addresses (IPs or CIDRs) allowed to read Rails' monitoring endpoints (`/-/metrics`, `/-/readiness`,
   * `/-/liveness`): gitlab.yml's `monitoring.ip_whitelist` (the chart's `monitoring.ipWhitelist`). Kubelet probes
   * and Prometheus come from pod addresses, so a narrower list must still cover the cluster's pod network.
   * @default ["0.0.0.0/0", "::/0"] (everyone; the NetworkPolicies limit who reaches the pods)
   */
  readonly monitoringWhitelist?: readonly string[];
}

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

export interface GitLabShellOptions extends WorkloadOptions {
  /** The SSH daemon's algorithms, login grace time, keepalive and connection limits (the chart's `config.*`). @default the chart's */
  readonly sshd?: SshDaemonSettings;
  /** `openssh` (the chart default) or GitLab's own `gitlab-sshd`. @default openssh */
  readonly sshDaemon?: 'openssh' | 'gitlab-sshd';
  /** Service type for SSH. @default ClusterIP */
  readonly serviceType?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  /** Annotations on the SSH Service (e.g. AWS NLB). @default none */
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
  /** How SSH is reached from outside the cluster. @default the Service as `serviceType` says */
  readonly expose?: SshExposure;
  /** Client CIDRs the load balancer lets through to SSH (Service `loadBalancerSourceRanges`). @default anywhere */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** Fixed node port of SSH with `serviceType: NodePort` (30000-32767). @default one Kubernetes picks */
  readonly nodePort?: number;
  /** The address the cloud load balancer of SSH should take (a LoadBalancer Service only). @default one the cloud picks */
  readonly loadBalancerIP?: string;
  /** `Local` keeps clients' addresses and routes only to nodes running a pod (a NodePort or LoadBalancer Service). @default Cluster */
  readonly externalTrafficPolicy?: typeof EXTERNAL_TRAFFIC_POLICIES[number];
}

export interface RegistryOptions extends WorkloadOptions {
  /**
   * Storage driver configuration Secret (YAML with a top-level driver key such as `s3:`), or `'emptyDir'`: the
   * chart's filesystem storage in the pod, lost whenever the pod restarts (one replica; evaluation only).
   * @default none: required (key `config`)
   */
  readonly storage?: SecretRef | typeof REGISTRY_EPHEMERAL_STORAGE;
  /** Whether layer downloads are redirected to the bucket (the chart's `storage.redirect`). @default redirected */
  readonly storageRedirect?: RegistryStorageRedirect;
  /** Serve Prometheus metrics on the debug port 5001 (the chart's `registry.metrics.enabled`). @default false, true while monitored */
  readonly metrics?: boolean;
  /** Bucket name given to the toolbox for backups. @default registry (the chart's default) */
  readonly bucket?: string;
  /** Ingress settings of the registry host (over the platform-wide `ingress`). @default `ingress`'s */
  readonly ingress?: ComponentIngressOptions;
  /** The registry's Service (main port: 5000). @default ClusterIP */
  readonly service?: ServiceExposure;
  /** Storage maintenance. @default read-write; unfinished uploads purged after 168h, checked every 24h */
  readonly maintenance?: RegistryMaintenance;
  /** Periodic storage-driver health check. @default off */
  readonly storageHealthCheck?: RegistryStorageHealthCheck;
  /** Logging. @default level info */
  readonly log?: RegistryLogOptions;
  /** Manifest validation. @default disabled */
  readonly validation?: RegistryValidation;
}

export interface ToolboxOptions extends Omit<WorkloadOptions, 'autoscaling' | 'podDisruptionBudget'>, PostgresClientOptions {
  /** s3cmd configuration Secret used by `backup-utility`. @default key `config` */
  readonly backupS3cmdConfig?: SecretRef;
  /**
   * Where `backup-utility` uploads backups (the chart's `backups.objectStorage.backend`): `s3` (s3cmd, configured by
   * `backupS3cmdConfig` or an IAM role), `gcs` (gsutil, with a service account key in `backupConfig` or the pod's
   * workload identity) or `azure` (azcopy, configured by `backupConfig`). @default s3
   */
  readonly backupBackend?: 's3' | 'gcs' | 'azure';
  /**
   * The gcs or azure backend's configuration Secret (the chart's `backups.objectStorage.config`): gcs a service
   * account key (JSON), mounted at `/etc/gitlab/objectstorage/<key>` as `GOOGLE_APPLICATION_CREDENTIALS`; azure
   * the azcopy configuration, mounted at `/etc/gitlab/objectstorage/azure_config`. @default none, key `config`
   */
  readonly backupConfig?: SecretRef;
  /** The Google Cloud project of the gcs backup bucket (the chart's `backups.objectStorage.config.gcpProject`). @default none */
  readonly backupGcpProject?: string;
  /** Scheduled backups to the backup bucket (CronJob). @default none */
  readonly backups?: ToolboxBackupsOptions;
}

export interface MigrationsOptions extends PostgresClientOptions {
  /** @default true */
  readonly enabled?: boolean;
  /** @default the chart's requests, no limits */
  readonly resources?: Resources;
  /** @default the platform-wide `placement` */
  readonly placement?: Placement;
  /** @default 3600 */
  readonly activeDeadlineSeconds?: number;
  /** @default 6 */
  readonly backoffLimit?: number;
  /** Extra environment variables for the migrations container. @default none */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

export interface ComponentsConfig {
  /** @default on, with the chart's settings */
  readonly webservice?: WebserviceOptions;
  /** @default on, with the chart's settings */
  readonly sidekiq?: SidekiqOptions;
  /** @default on: one in-cluster Gitaly with storage `default` */
  readonly gitaly?: GitalyOptions;
  /** Praefect (Gitaly Cluster). @default off */
  readonly praefect?: PraefectOptions;
  /** @default on, with the chart's settings */
  readonly gitlabShell?: GitLabShellOptions;
  /** @default on (needs `storage`) */
  readonly registry?: RegistryOptions;
  /** @default on, with the chart's settings */
  readonly kas?: WorkloadOptions & {
    /** Ingress settings of the KAS host. @default `ingress`'s */
    readonly ingress?: ComponentIngressOptions;
    /** KAS's Service (main port: the agent endpoint 8150). @default ClusterIP */
    readonly service?: ServiceExposure;
  };
  /** @default on, with the chart's settings */
  readonly gitlabExporter?: Omit<WorkloadOptions, 'autoscaling' | 'podDisruptionBudget'> & PostgresClientOptions;
  /** @default on, with the chart's settings */
  readonly toolbox?: ToolboxOptions;
  /** GitLab Pages. @default off */
  readonly gitlabPages?: GitLabPagesOptions;
  /** mailroom: runs while `email.incoming` is set. @default on */
  readonly mailroom?: WorkloadOptions;
  /** spamcheck. @default off */
  readonly spamcheck?: SpamcheckOptions;
  /** @default on: a Job per version and configuration */
  readonly migrations?: MigrationsOptions;
}
