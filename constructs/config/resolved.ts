import { ResolvedImage } from './images';
import { Edition, ImageName, ObjectType, Placement, Resources, SharedSecretName } from './types';

/** The validated, fully defaulted model the components read. Nothing here is optional by accident. */

export interface ResolvedSecretRef {
  readonly name: string;
  readonly key: string;
}

export interface ResolvedHost {
  readonly name: string;
  readonly https: boolean;
  /** `https://name` or `http://name`. */
  readonly url: string;
}

export interface ResolvedPostgres {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly username: string;
  readonly password: ResolvedSecretRef;
  readonly applicationName: string;
  readonly connectTimeout?: number;
  readonly keepalives?: number;
  readonly keepalivesIdle?: number;
  readonly keepalivesInterval?: number;
  readonly keepalivesCount?: number;
  readonly tcpUserTimeout?: number;
  readonly preparedStatements: boolean;
  /** Run schema tasks (only `main`, or `ci` on a separate database). */
  readonly databaseTasks: boolean;
  readonly sslMode?: string;
  readonly sslRootCert?: ResolvedSecretRef;
}

export interface ResolvedRedis {
  readonly host: string;
  readonly port: number;
  readonly scheme: 'redis' | 'rediss';
  readonly password?: ResolvedSecretRef;
  readonly database: number;
  /** `scheme://host:port/db` without credentials. */
  readonly url: string;
}

export interface ResolvedAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpu?: { readonly averageValue: string } | { readonly averageUtilization: number };
  readonly memory?: { readonly averageValue: string } | { readonly averageUtilization: number };
  readonly scaleDownStabilizationSeconds: number;
}

export interface ResolvedWorkload {
  /** Fixed replica count when no HPA owns scaling. */
  readonly replicas: number;
  readonly autoscaling?: ResolvedAutoscaling;
  readonly pdb?: { readonly maxUnavailable: number | string };
  readonly resources: Resources;
  readonly placement: Placement;
  readonly podAnnotations: Readonly<Record<string, string>>;
  readonly podLabels: Readonly<Record<string, string>>;
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  readonly extraEnv: Readonly<Record<string, string>>;
}

export interface ResolvedWebservice extends ResolvedWorkload {
  readonly workerProcesses: number;
  readonly threadsMin: number;
  readonly threadsMax: number;
  readonly workerTimeout: number;
  readonly workhorseResources: Resources;
  readonly shutdownBlackoutSeconds: number;
}

export interface ResolvedSidekiq extends ResolvedWorkload {
  readonly concurrency: number;
  readonly timeout: number;
  readonly queues: readonly string[];
  readonly memoryKillerMaxRss: number;
}

export interface ResolvedGitaly extends ResolvedWorkload {
  readonly storageNames: readonly string[];
  readonly persistence: { readonly size: string; readonly storageClass?: string; readonly accessMode: string };
}

export interface ResolvedGitLabShell extends ResolvedWorkload {
  readonly sshDaemon: 'openssh' | 'gitlab-sshd';
  readonly serviceType: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  readonly serviceAnnotations: Readonly<Record<string, string>>;
}

export interface ResolvedRegistry extends ResolvedWorkload {
  readonly storage: ResolvedSecretRef;
  readonly bucket: string;
}

export interface ResolvedToolbox extends ResolvedWorkload {
  readonly backupS3cmdConfig?: ResolvedSecretRef;
}

export interface ResolvedMigrations {
  readonly resources: Resources;
  readonly placement: Placement;
  readonly activeDeadlineSeconds: number;
  readonly backoffLimit: number;
}

/** A component is `undefined` when turned off. */
export interface ResolvedComponents {
  readonly webservice?: ResolvedWebservice;
  readonly sidekiq?: ResolvedSidekiq;
  readonly gitaly?: ResolvedGitaly;
  readonly gitlabShell?: ResolvedGitLabShell;
  readonly registry?: ResolvedRegistry;
  readonly kas?: ResolvedWorkload;
  readonly gitlabExporter?: ResolvedWorkload;
  readonly toolbox?: ResolvedToolbox;
  readonly migrations?: ResolvedMigrations;
}

export type IngressTls =
  | { readonly mode: 'secret'; readonly secretName: string }
  | { readonly mode: 'issuer'; readonly issuerName: string; readonly issuerKind: 'Issuer' | 'ClusterIssuer' }
  | { readonly mode: 'none' };

export interface ResolvedConfig {
  readonly release: string;
  readonly namespace: string;
  readonly edition: Edition;
  readonly version: string;
  readonly images: Readonly<Record<ImageName, ResolvedImage>>;
  readonly imagePullSecrets: readonly string[];
  readonly hosts: {
    readonly domain: string;
    readonly gitlab: ResolvedHost;
    readonly registry: ResolvedHost;
    /** `url` is `wss://` (or `ws://`). */
    readonly kas: ResolvedHost;
    readonly pages: ResolvedHost;
    readonly ssh: { readonly name: string; readonly port: number };
  };
  readonly timeZone: string;
  readonly postgres: { readonly main: ResolvedPostgres; readonly ci: ResolvedPostgres };
  readonly redis: ResolvedRedis;
  readonly objectStorage: {
    readonly connection: ResolvedSecretRef;
    readonly proxyDownload: boolean;
    readonly buckets: Readonly<Record<ObjectType, string>>;
    readonly enabled: Readonly<Record<ObjectType, boolean>>;
    readonly backupBucket: string;
    readonly backupTmpBucket: string;
    /** IAM role ARN per component that touches object storage (IRSA mode). */
    readonly iamRoles?: Readonly<Record<'webservice' | 'sidekiq' | 'toolbox' | 'registry' | 'migrations', string>>;
  };
  readonly ingress: {
    readonly enabled: boolean;
    readonly className: string;
    readonly tls: IngressTls;
    readonly annotations: Readonly<Record<string, string>>;
    readonly nginx: boolean;
  };
  readonly serviceAccounts: boolean;
  readonly secrets: Readonly<Record<SharedSecretName, string>>;
  readonly customCAs: readonly { readonly secret: string; readonly keys?: readonly string[] }[];
  readonly labels: Readonly<Record<string, string>>;
  readonly components: ResolvedComponents;
}
