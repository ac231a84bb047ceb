import type { GitLabExporterOptions, KasOptions, MigrationsOptions } from './components/types';
import type { GitalyOptions, PraefectOptions } from './gitaly/types';
import type { ServiceExposure } from './service/types';
import type { WebserviceOptions } from './webservice/types';
import type { GitLabShellOptions } from './gitlab-shell/types';
import type { SidekiqOptions } from './sidekiq/types';
import type { ComponentIngressOptions } from './exposure/types';
import type { ToolboxOptions } from './toolbox/types';
import type { RegistryOptions } from './registry/types';
import type { Placement, Resources, WorkloadOptions } from './types';

/** Per-component settings of the chart's components (the shared workload settings are in types.ts). */

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
  readonly kas?: KasOptions;
  /** @default on, with the chart's settings */
  readonly gitlabExporter?: GitLabExporterOptions;
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

/** Custom domains: Pages serves users' own domains itself, behind a LoadBalancer (or NodePort) Service. */
export interface PagesCustomDomains {
  /** Serve custom domains over plain HTTP (Service port 80 → Pages 8090). @default true */
  readonly http?: boolean;
  /** Serve custom domains over HTTPS, Pages terminating TLS (Service port 443 → Pages 8091). @default true */
  readonly https?: boolean;
  /**
   * kubernetes.io/tls Secret for `pages.<domain>` and `*.pages.<domain>` that Pages serves itself (HTTPS only).
   * @default `ingress.tls.secretName`
   */
  readonly tlsSecret?: string;
  /**
   * The custom-domains Service's type; `ClusterIP` when a proxy of your own in the cluster forwards to it.
   * @default LoadBalancer
   */
  readonly serviceType?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  /**
   * The HTTP listener expects requests from a reverse proxy (Pages' `listen-proxy`, trusting X-Forwarded-*) instead
   * of clients directly (`listen-http`). @default false
   */
  readonly httpProxy?: boolean;
  /** The HTTPS listener expects the PROXY protocol v2 (`listen-https-proxyv2`), from a load balancer that sends it. @default false */
  readonly proxyProtocolV2?: boolean;
  /** Annotations of the custom-domains Service (e.g. an AWS NLB). @default none */
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
  /** A fixed address for the LoadBalancer, where the cloud supports `loadBalancerIP` (not AWS: use annotations). @default none */
  readonly loadBalancerIP?: string;
}

/**
 * GitLab Pages: static sites built by CI, served at `<namespace>.pages.<domain>` (hosts.pages) from the `pages`
 * object-storage bucket through GitLab's API.
 */
export interface GitLabPagesOptions extends WorkloadOptions {
  /** @default false */
  readonly enabled?: boolean;
  /** Ingress settings of the Pages host (over the platform-wide `ingress`). @default `ingress`'s */
  readonly ingress?: ComponentIngressOptions;
  /** The Pages Service the Ingress routes to (main port: 8090; custom domains have their own, `customDomains`). @default ClusterIP */
  readonly service?: ServiceExposure;
  /**
   * Private sites: visitors sign in with GitLab (OAuth). Uses the shared Secrets `pagesOAuth` (the OAuth
   * application, registered by the migrations Job) and `pagesAuth` (the cookie key).
   * @default false
   */
  readonly accessControl?: boolean;
  /** OAuth redirect URI of the Pages application. @default `https://projects.<pages host>/auth` (`<pages host>/projects/auth` with namespaceInPath) */
  readonly authRedirectUri?: string;
  /** OAuth scope Pages asks for. @default api */
  readonly authScope?: 'api' | 'read_api';
  /** Sites at `<pages host>/<namespace>/` instead of `<namespace>.<pages host>` (no wildcard DNS or certificate). @default false */
  readonly namespaceInPath?: boolean;
  /** Let users browse job artifacts through Pages. @default true */
  readonly artifactsServer?: boolean;
  /** Users' own domains, served by Pages itself instead of through the Ingress. @default off */
  readonly customDomains?: PagesCustomDomains | false;
}

/** spamcheck: GitLab's anti-spam gRPC service. Admins point GitLab at `endpoint` (Admin > Settings > Reporting). */
export interface SpamcheckOptions extends WorkloadOptions {
  /** @default false */
  readonly enabled?: boolean;
  /** @default info */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error';
}

/** Where `backup-utility` stages the archive before uploading it. */
export interface BackupScratch {
  /** `emptyDir` (gone with the pod) or a `persistentVolumeClaim` kept across runs (never deleted by a sync). @default emptyDir */
  readonly type?: 'emptyDir' | 'persistentVolumeClaim';
  /** emptyDir: size limit; PVC: requested size. @default no limit (emptyDir), 10Gi (PVC) */
  readonly size?: string;
  /** PVC only. @default the cluster's default StorageClass */
  readonly storageClass?: string;
}

/** The `<release>-toolbox-backup` CronJob: `backup-utility` to the backup bucket on a schedule. */
export interface ToolboxBackupsOptions {
  /** @default true when `backups` is set */
  readonly enabled?: boolean;
  /** Cron schedule (five fields, or @daily and friends). @default "0 1 * * *" */
  readonly schedule?: string;
  /** IANA time zone of the schedule. @default the kube-controller-manager's (usually UTC) */
  readonly timeZone?: string;
  /** Extra `backup-utility` arguments, e.g. ["--skip", "registry"]. @default [] */
  readonly extraArgs?: readonly string[];
  /** @default 6 */
  readonly backoffLimit?: number;
  /** @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** @default 1 */
  readonly failedJobsHistoryLimit?: number;
  /** Seconds a run may take. @default no limit */
  readonly activeDeadlineSeconds?: number;
  /** Seconds a missed run may still start. @default no limit */
  readonly startingDeadlineSeconds?: number;
  /** @default false */
  readonly suspend?: boolean;
  /** @default emptyDir */
  readonly scratch?: BackupScratch;
  /** @default requests 50m / 350M */
  readonly resources?: Resources;
  /** Node placement; merged over the platform-wide `placement`. @default the platform-wide `placement` */
  readonly placement?: Placement;
}
