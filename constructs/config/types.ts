import type { SizeName } from './sizing';
import type {
  ComponentIngressOptions, DeploymentStrategy, NodeAffinityShorthand, RegistryLogOptions, RegistryMaintenance, RegistryStorageHealthCheck,
  RegistryValidation, SidekiqPodOptions, SingleKeySecretName, WebserviceDeploymentOptions,
} from './types-workloads';

export type {
  ComponentIngressOptions, DeploymentStrategy, NodeAffinityShorthand, RegistryLogOptions, RegistryMaintenance, RegistryStorageHealthCheck,
  RegistryValidation, SidekiqPodOptions, SingleKeySecretName, WebserviceDeploymentOptions,
} from './types-workloads';

/**
 * The typed configuration of a GitLab platform: what a user writes. Everything is validated and defaulted
 * once, by `resolveConfig`, into a `ResolvedConfig` that the components read.
 */

/** A reference to one key of a Kubernetes Secret that already exists (or that the Pulumi stack creates). */
export interface SecretRef {
  /** Name of the Secret in the platform's namespace. */
  readonly name: string;
  /** Key inside the Secret. @default depends on the setting (e.g. `password`) */
  readonly key?: string;
}

export type Edition = 'ee' | 'ce';

/** One image: repository and pinned tag. */
export interface ImageOverride {
  /** Full repository, e.g. `registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee`. @default from the catalog */
  readonly repository?: string;
  /** Pinned tag, e.g. `v18.9.1`. `master`/`main`/`latest` are refused. @default from the catalog */
  readonly tag?: string;
  /** @default IfNotPresent */
  readonly pullPolicy?: 'IfNotPresent' | 'Always' | 'Never';
}

/** The images the platform runs; each can be overridden. */
export type ImageName =
  | 'webservice' | 'workhorse' | 'sidekiq' | 'toolbox' | 'gitaly' | 'gitlabShell' | 'kas' | 'registry'
  | 'gitlabExporter' | 'certificates' | 'gitlabBase' | 'kubectl' | 'gitlabPages' | 'mailroom' | 'spamcheck';

export interface HostOverride {
  /** Fully qualified host name. @default `<component>.<domain>` */
  readonly name?: string;
  /** Use https/wss for this host's external URL. @default `hosts.https` */
  readonly https?: boolean;
}

export interface HostsConfig {
  /** Base domain; hosts default to `gitlab.<domain>`, `registry.<domain>`, `kas.<domain>`, `pages.<domain>`. */
  readonly domain: string;
  /** External URLs use https/wss. @default true */
  readonly https?: boolean;
  /** @default `gitlab.<domain>` */
  readonly gitlab?: HostOverride;
  /** @default `registry.<domain>` */
  readonly registry?: HostOverride;
  /** @default `kas.<domain>` */
  readonly kas?: HostOverride;
  /** @default `pages.<domain>` */
  readonly pages?: HostOverride;
  /** SSH clone host and port shown to users. @default the gitlab host, port 22 */
  readonly ssh?: { readonly name?: string; readonly port?: number };
}

/** TLS of the PostgreSQL connection (libpq `sslmode` and friends). */
export interface PostgresTls {
  /** @default prefer (libpq default) */
  readonly mode?: 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  /** Secret holding the server's CA bundle (e.g. the RDS global bundle); mounted as a custom CA. */
  readonly rootCertificate?: SecretRef;
  /**
   * Client certificate for mutual TLS (the chart's `global.psql.ssl.clientCertificate`); needs `clientKey`.
   * Written to `/etc/gitlab/postgres/ssl/client-certificate.pem` (`sslcert`). @default none
   */
  readonly clientCertificate?: SecretRef;
  /** The client certificate's private key, written to `/etc/gitlab/postgres/ssl/client-key.pem` (`sslkey`). @default none */
  readonly clientKey?: SecretRef;
}

/** DNS service discovery of read replicas (GitLab database load balancing). */
export interface PostgresReplicaDiscovery {
  /** DNS record listing the replicas, e.g. `replica.postgresql.service.consul`. */
  readonly record: string;
  /** `A` (host addresses; port from `port`) or `SRV` (hosts and ports). @default A */
  readonly recordType?: 'A' | 'SRV';
  /** Name server to ask. @default the pod's resolver */
  readonly nameserver?: string;
  /** Port of the name server. @default 53 */
  readonly port?: number;
  /** Seconds between lookups. @default 60 (GitLab's) */
  readonly interval?: number;
  /** Seconds before connections to replicas that left the record are closed. @default 120 (GitLab's) */
  readonly disconnectTimeout?: number;
  /** Ask over TCP instead of UDP. @default false */
  readonly useTcp?: boolean;
  /** At most this many replicas are used. @default GitLab's (no limit) */
  readonly maxReplicaPools?: number;
}

/**
 * Database load balancing: read-only queries go to replicas, found from a fixed list (`hosts`) or by DNS
 * (`discover`); exactly one of the two. Rendered as `load_balancing:` in database.yml.
 */
export interface PostgresLoadBalancing {
  /** Replica host names (they listen on the connection's `port`). */
  readonly hosts?: readonly string[];
  /** Find replicas by DNS instead of a fixed list. */
  readonly discover?: PostgresReplicaDiscovery;
  /** Bytes of WAL a replica may lag behind and still serve reads. @default GitLab's */
  readonly maxReplicationDifference?: number;
  /** Seconds a replica may lag behind and still serve reads. @default GitLab's */
  readonly maxReplicationLagTime?: number;
  /** Seconds between replica lag checks. @default GitLab's */
  readonly replicaCheckInterval?: number;
}

export interface PostgresConnection {
  /** Host name of the server. */
  readonly host?: string;
  /** @default 5432 */
  readonly port?: number;
  /** @default gitlabhq_production */
  readonly database?: string;
  /** @default gitlab */
  readonly username?: string;
  /** Password Secret. @default key `password` */
  readonly password?: SecretRef;
  /** PostgreSQL `application_name` of the connection. @default libpq's (none), as in the chart */
  readonly applicationName?: string;
  /** Seconds; empty means libpq's default. */
  readonly connectTimeout?: number;
  /** TCP keepalive settings. */
  readonly keepalives?: number;
  readonly keepalivesIdle?: number;
  readonly keepalivesInterval?: number;
  readonly keepalivesCount?: number;
  readonly tcpUserTimeout?: number;
  /** @default false */
  readonly preparedStatements?: boolean;
  readonly tls?: PostgresTls;
  /** Read replicas for database load balancing, or `false` for none. @default none (`ci`: main's, while it shares main's server) */
  readonly loadBalancing?: PostgresLoadBalancing | false;
  /** Run schema tasks (migrations) on this connection. @default true for main; for ci, true when its database is not main's */
  readonly databaseTasks?: boolean;
}

/** External PostgreSQL. GitLab's `main` and `ci` connections default to the same server and database. */
export interface PostgresConfig extends PostgresConnection {
  readonly host: string;
  readonly password: SecretRef;
  /**
   * Overrides for the `ci` connection. Give it its own `host` or `database` to decompose CI into a separate
   * database (it then runs its own schema tasks). @default same as main
   */
  readonly ci?: PostgresConnection;
}

/**
 * One component's own PostgreSQL settings (the chart's `gitlab.<component>.psql`), e.g. migrations straight to the
 * primary while the other pods go through a pooler. Each field overrides `postgres` (for `ci`: `ci` fields, then
 * these, then `postgres.ci`, then `postgres`). As in the chart, load balancing is not inherited: set it here too
 * to keep read replicas.
 */
export interface PostgresOverride extends PostgresConnection {
  /** Overrides for this component's `ci` connection. @default this override over `postgres.ci` */
  readonly ci?: PostgresConnection;
}

/** Components that connect to PostgreSQL and may override the connection. */
export interface PostgresClientOptions {
  /** This component's own PostgreSQL settings. @default `postgres` */
  readonly postgres?: PostgresOverride;
}

/** One Redis Sentinel server. */
export interface RedisSentinel {
  readonly host: string;
  /** @default 26379 */
  readonly port?: number;
}

/** How to reach one Redis: a server (`host`) or a Sentinel-monitored master (`sentinels` + `masterName`). */
export interface RedisConnection {
  /** Host name of the server (the ElastiCache primary endpoint). Not used with `sentinels`. */
  readonly host?: string;
  /** @default 6379 */
  readonly port?: number;
  /** `rediss` enables TLS. @default redis */
  readonly scheme?: 'redis' | 'rediss';
  /** ACL user (Redis 6+, ElastiCache RBAC). @default none (the default user) */
  readonly user?: string;
  /** Database index. @default 0 */
  readonly database?: number;
  /** Sentinel servers that monitor this Redis; `masterName` names the master. @default none */
  readonly sentinels?: readonly RedisSentinel[];
  /** The master's name as the Sentinels know it (`sentinel.conf`); required with `sentinels`. */
  readonly masterName?: string;
}

/** What GitLab keeps in Redis; each can live on its own instance (the chart's `global.redis.<purpose>`). */
export type RedisPurpose =
  | 'cache' | 'sharedState' | 'queues' | 'actioncable' | 'traceChunks' | 'rateLimiting' | 'sessions'
  | 'repositoryCache' | 'workhorse' | 'kas';

/**
 * A Redis instance for one purpose. Fields it leaves out come from `redis` (port, scheme, user, database,
 * password); without `host` and `sentinels` it is `redis`'s server too.
 */
export interface RedisInstance extends RedisConnection {
  /** AUTH password Secret, or `false` when this instance has AUTH off. @default `redis.password`, key `password` */
  readonly password?: SecretRef | false;
}

/**
 * External Redis (ElastiCache). `redis` itself serves every purpose that has no instance of its own; kas falls
 * back to `sharedState` first, as in the chart.
 */
export interface RedisConfig extends RedisConnection, Partial<Record<RedisPurpose, RedisInstance>> {
  /** AUTH password Secret; omit when AUTH is off. @default key `password` */
  readonly password?: SecretRef;
  /** Password of every Sentinel (the chart's `global.redis.sentinelAuth`); only with `sentinels`. @default none, key `password` */
  readonly sentinelPassword?: SecretRef;
}

/** GitLab's object types stored in the consolidated object storage. */
export type ObjectType =
  | 'artifacts' | 'lfs' | 'uploads' | 'packages' | 'externalDiffs' | 'terraformState' | 'ciSecureFiles'
  | 'dependencyProxy' | 'pages';

export interface ObjectStorageConfig {
  /** Fog connection Secret (`provider: AWS`, `region`, and keys or `use_iam_profile: true`). @default key `connection` */
  readonly connection: SecretRef;
  /** Serve downloads through GitLab instead of redirecting to the bucket. @default true */
  readonly proxyDownload?: boolean;
  /** Bucket per object type. @default `gitlab-<type>` (e.g. `gitlab-artifacts`) */
  readonly buckets?: Partial<Record<ObjectType, string>>;
  /** Object types whose feature is turned off in Rails (`<type>.enabled: false`, no bucket). @default none */
  readonly disabled?: readonly ObjectType[];
  /** Backup bucket and its staging bucket. @default `gitlab-backups`, `gitlab-tmp` */
  readonly backupBucket?: string;
  readonly backupTmpBucket?: string;
  /**
   * IAM-role mode: pods get credentials from a role (IRSA) instead of keys. Service accounts are created and
   * annotated with the role ARN; the connection Secret must then say `use_iam_profile: true`.
   */
  readonly iamRole?: { readonly roleArn: string; readonly perComponent?: Partial<Record<'webservice' | 'sidekiq' | 'toolbox' | 'registry' | 'migrations', string>> };
}

export interface IngressTlsFromSecret {
  /** A kubernetes.io/tls Secret covering every host (wildcard or SAN). */
  readonly secretName: string;
}

export interface IngressTlsFromIssuer {
  /**
   * cert-manager issuer; each host then gets its own `<release>-<component>-tls` Secret (`<release>-gitlab-tls`,
   * `<release>-registry-tls`, `<release>-kas-tls`): through the Ingress annotation, or with `gateway-api` through a
   * `Certificate` per host that your Gateway's HTTPS listeners reference.
   */
  readonly issuer: { readonly name: string; readonly kind?: 'Issuer' | 'ClusterIssuer' };
}

/** An ACME `Issuer` the platform creates (`<release>-issuer`, the chart's `certmanager-issuer`), used as `issuer` is. */
export interface IngressTlsFromAcme {
  readonly acme: {
    /** Contact e-mail of the ACME account (the chart's `certmanager-issuer.email`). */
    readonly email: string;
    /** ACME directory URL. @default https://acme-v02.api.letsencrypt.org/directory (Let's Encrypt production) */
    readonly server?: string;
  };
}

/** Certificates in AWS Certificate Manager, for `provider: 'alb'` (an ALB cannot read Kubernetes TLS Secrets). */
export interface IngressTlsFromAcm {
  /** ACM (or IAM server) certificate ARN(s) covering every host; the first is the HTTPS listener's default. */
  readonly certificateArn: string | readonly string[];
}

/**
 * What exposes the HTTP hosts (GitLab, registry, kas):
 * - `nginx`: a networking.k8s.io/v1 Ingress for the class `className` (any Ingress controller; the chart's NGINX
 *   annotations are added when the class is an NGINX one);
 * - `alb`: an Ingress for the AWS Load Balancer Controller (`alb.ingress.kubernetes.io/*`: IP targets, one shared
 *   ALB through an IngressGroup, HTTPS with ACM certificates, a health check per backend);
 * - `gateway-api`: Gateway API HTTPRoutes attached to your Gateway (`gatewayApi.gateway`).
 */
export type IngressProvider = 'nginx' | 'alb' | 'gateway-api';

/** Settings of `provider: 'alb'` (AWS Load Balancer Controller). */
export interface AlbOptions {
  /** @default internet-facing */
  readonly scheme?: 'internet-facing' | 'internal';
  /** IngressGroup every host's Ingress joins, so that all hosts share one ALB. @default `<namespace>-<release>` */
  readonly groupName?: string;
  /**
   * Seconds an idle connection stays open: agent websockets to kas are long-lived. Set on every Ingress of the
   * group (the controller wants one value per ALB). @default 4000 (the chart's ALB example)
   */
  readonly idleTimeoutSeconds?: number;
  /** TLS policy of the HTTPS listener, e.g. `ELBSecurityPolicy-TLS13-1-2-2021-06`. @default the controller's default */
  readonly sslPolicy?: string;
}

/** A Gateway (Gateway API) that routes attach to. */
export interface GatewayRef {
  readonly name: string;
  /** @default the platform's namespace */
  readonly namespace?: string;
}

/** Settings of `provider: 'gateway-api'`. */
export interface GatewayApiOptions {
  /**
   * Your Gateway; its listeners must allow routes from the platform's namespace (`allowedRoutes`), and its HTTPS
   * listeners terminate TLS (with the Secrets of `ingress.tls`, when given).
   */
  readonly gateway: GatewayRef;
  /** Listener (parentRef `sectionName`) per host. @default none: every listener of the Gateway whose hostname matches */
  readonly listeners?: { readonly gitlab?: string; readonly registry?: string; readonly kas?: string; readonly pages?: string };
}

export interface IngressConfig {
  /** Expose the HTTP hosts (Ingresses, or HTTPRoutes with `gateway-api`). @default true */
  readonly enabled?: boolean;
  /** What exposes the hosts. @default nginx */
  readonly provider?: IngressProvider;
  /** IngressClass name (`nginx` and `alb` providers). @default nginx, or alb with provider alb */
  readonly className?: string;
  /**
   * TLS: a Secret, a cert-manager issuer, an ACME issuer the platform creates, ACM certificates (ALB only), or
   * `false` for plain HTTP (then set `hosts.https: false`). With `gateway-api` it may be left out: your Gateway's
   * listeners hold the certificates.
   */
  readonly tls?: IngressTlsFromSecret | IngressTlsFromIssuer | IngressTlsFromAcme | IngressTlsFromAcm | false;
  /** Extra annotations on every Ingress (or HTTPRoute). */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Add the NGINX ingress annotations the chart uses (body size, timeouts); `nginx` provider only. @default true when className contains "nginx" */
  readonly nginxAnnotations?: boolean;
  /** ALB settings; `alb` provider only. @default see AlbOptions */
  readonly alb?: AlbOptions;
  /** Gateway API settings; required with the `gateway-api` provider. */
  readonly gatewayApi?: GatewayApiOptions;
}

export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  readonly tolerationSeconds?: number;
}

export interface Placement {
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  /** A Kubernetes `affinity` object; replaces the default soft anti-affinity. */
  readonly affinity?: Readonly<Record<string, unknown>>;
  /** Kubernetes `topologySpreadConstraints` (selectors are filled with the component's labels when omitted). */
  readonly topologySpreadConstraints?: readonly Readonly<Record<string, unknown>>[];
  readonly priorityClassName?: string;
  /**
   * The default pod anti-affinity when `affinity` is not given (the chart's `antiAffinity`): `soft` prefers and
   * `hard` requires pods of one component on different `antiAffinityTopologyKey` domains; `none` sets none.
   * @default soft
   */
  readonly antiAffinity?: 'soft' | 'hard' | 'none';
  /** Topology of the default anti-affinity (the chart's `affinity.podAntiAffinity.topologyKey`). @default kubernetes.io/hostname */
  readonly antiAffinityTopologyKey?: string;
  /** Node affinity when `affinity` is not given (the chart's `nodeAffinity` shorthand). @default none */
  readonly nodeAffinity?: NodeAffinityShorthand;
}

export interface ResourceList {
  readonly cpu?: string;
  readonly memory?: string;
  readonly 'ephemeral-storage'?: string;
}

export interface Resources {
  readonly requests?: ResourceList;
  readonly limits?: ResourceList;
}

export interface Autoscaling {
  /** @default per component */
  readonly minReplicas?: number;
  /** @default per component */
  readonly maxReplicas?: number;
  /** CPU target: an average value per pod (`"1"`, `"350m"`) or a utilization percentage. */
  readonly cpu?: { readonly averageValue: string } | { readonly averageUtilization: number };
  /** Optional memory target. */
  readonly memory?: { readonly averageValue: string } | { readonly averageUtilization: number };
  /** Seconds the HPA waits before scaling down. @default 300 */
  readonly scaleDownStabilizationSeconds?: number;
}

export interface DisruptionBudget {
  /** @default 1 */
  readonly maxUnavailable?: number | string;
}

/** Settings every workload component shares. */
export interface WorkloadOptions {
  /** Turn the component on or off (where the chart allows it). */
  readonly enabled?: boolean;
  /** Fixed replica count; only where no HPA owns scaling (set `autoscaling: false`). */
  readonly replicas?: number;
  /** HPA settings, or `false` for a fixed `replicas`. */
  readonly autoscaling?: Autoscaling | false;
  /** PodDisruptionBudget, or `false` for none. */
  readonly podDisruptionBudget?: DisruptionBudget | false;
  /** Main container resources (requests default to the chart's; no limits by default). */
  readonly resources?: Resources;
  /** Node placement; merged over the platform-wide `placement`. */
  readonly placement?: Placement;
  /** Extra annotations for the pod template. */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** Extra labels for the pod template (never used in selectors). */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Annotations for this component's ServiceAccount (e.g. `eks.amazonaws.com/role-arn`). */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /** Extra environment variables for the main container (names must not clash with the contract's). */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /** Seconds a stopping pod gets before it is killed. @default the component's (the chart's) */
  readonly terminationGracePeriodSeconds?: number;
  /** How the Deployment rolls out new pods (Deployments only). @default Kubernetes' RollingUpdate */
  readonly deploymentStrategy?: DeploymentStrategy;
}

export interface WebserviceOptions extends WorkloadOptions, PostgresClientOptions {
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
  /**
   * Several Deployments, each with its own pods, Service, HPA, PDB and Ingress path (the chart's
   * `deployments`), e.g. `api` on `/api` next to `default` on `/`. One of them must serve `/` while Ingresses are on.
   * @default { default: { ingress: { path: '/' } } }
   */
  readonly deployments?: Readonly<Record<string, WebserviceDeploymentOptions>>;
  /** The Deployment the other components call (the chart's `global.workhorse.serviceName`). @default default */
  readonly internalDeployment?: string;
}

export interface SidekiqOptions extends WorkloadOptions, PostgresClientOptions {
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

/** The repository volume of a Gitaly pod. */
export interface GitalyPersistence {
  /** @default 50Gi */
  readonly size?: string;
  /** @default the cluster's default StorageClass */
  readonly storageClass?: string;
  /** @default ReadWriteOnce */
  readonly accessMode?: 'ReadWriteOnce' | 'ReadWriteOncePod';
  /** Annotations of the volume claims (e.g. a backup tool's). @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Extra labels of the volume claims. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** TLS served by in-cluster Gitaly or Praefect (port 8076); clients then connect with `tls://`. */
export interface InternalTls {
  /**
   * A kubernetes.io/tls Secret (`tls.crt`, `tls.key`) whose certificate names the server's in-cluster DNS names.
   * Its `tls.crt` is added to every pod's trust store; when it is issued by a private CA, add that CA to `customCAs`.
   * @default `<release>-gitaly-tls` (Gitaly), `<release>-praefect-tls` (Praefect)
   */
  readonly secretName?: string;
}

/** One repository storage served by a Gitaly (or Praefect) server outside the platform. */
export interface ExternalGitalyStorage {
  /** Storage name as GitLab knows it; the storages of all servers together must include `default`. */
  readonly name: string;
  /** Host name (or IPv4 address) of the server. */
  readonly hostname: string;
  /** @default 8075, or 8076 with `tls` */
  readonly port?: number;
  /** Connect with TLS (`tls://`); the server's CA must be trusted (`customCAs`). @default false */
  readonly tls?: boolean;
}

/** Gitaly or Praefect servers outside the platform (e.g. Gitaly on VMs, or an external Gitaly Cluster). */
export interface ExternalGitalyConfig {
  /** One entry per storage; the platform runs nothing for them. */
  readonly storages: readonly ExternalGitalyStorage[];
  /**
   * Token the external servers accept (for an external Praefect: its client token).
   * @default the shared Gitaly token (`secretNames.gitaly`, key `token`)
   */
  readonly token?: SecretRef;
}

export interface GitalyOptions extends Omit<WorkloadOptions, 'replicas' | 'autoscaling'> {
  /**
   * Run Gitaly in the cluster: the `<release>-gitaly` StatefulSet, and the Gitaly pods behind Praefect. Turn it off
   * only when every storage is `external`.
   * @default true
   */
  readonly enabled?: boolean;
  /** Storage names; one StatefulSet pod per name. Not used while Praefect replaces this StatefulSet. @default ["default"] */
  readonly storageNames?: readonly string[];
  /** Repository volume (also of the Gitaly pods behind Praefect, unless a virtual storage sets its own). */
  readonly persistence?: GitalyPersistence;
  /**
   * Serve TLS on 8076 (the chart's `global.gitaly.tls`). Behind Praefect each virtual storage has its own Secret
   * (`components.praefect.virtualStorages[].tlsSecretName`).
   * @default no TLS
   */
  readonly tls?: InternalTls;
  /** Storages served by Gitaly or Praefect servers outside the platform. @default none */
  readonly external?: ExternalGitalyConfig;
}

/** A Praefect virtual storage: one name for GitLab, replicated over its own set of Gitaly pods. */
export interface PraefectVirtualStorage {
  /** Storage name as GitLab knows it; also names the Gitaly StatefulSet `<release>-gitaly-<name>`. */
  readonly name: string;
  /** Gitaly pods (replicas of every repository's storage) behind this virtual storage. @default 3 */
  readonly gitalyReplicas?: number;
  /** Copies Praefect keeps of each new repository (`default_replication_factor`). @default every Gitaly pod */
  readonly defaultReplicationFactor?: number;
  /** Disruption budget of this storage's Gitaly pods, or `false` for none. @default components.gitaly's (maxUnavailable 1) */
  readonly podDisruptionBudget?: DisruptionBudget | false;
  /** Repository volumes of this storage's Gitaly pods. @default components.gitaly.persistence */
  readonly persistence?: GitalyPersistence;
  /** TLS Secret of this storage's Gitaly pods while `components.gitaly.tls` is on. @default `<release>-gitaly-<name>-tls` */
  readonly tlsSecretName?: string;
}

/** Praefect's own PostgreSQL database (not GitLab's): Praefect migrates it at start. */
export interface PraefectDatabaseConfig {
  /** Host name of the PostgreSQL server. */
  readonly host: string;
  /** @default 5432 */
  readonly port?: number;
  /** @default praefect */
  readonly database?: string;
  /** @default praefect */
  readonly username?: string;
  /** Password Secret. @default key `password` */
  readonly password: SecretRef;
  /** `sslmode` and the server's CA (written to Praefect's `sslrootcert`). @default mode prefer */
  readonly tls?: PostgresTls;
}

/**
 * Praefect (Gitaly Cluster): replicated repository storage. Runs when this object is set (unless `enabled: false`);
 * Gitaly pods behind it take components.gitaly's resources, placement and persistence.
 */
export interface PraefectOptions extends Omit<WorkloadOptions, 'autoscaling'> {
  /** @default true when `components.praefect` is set */
  readonly enabled?: boolean;
  /** Praefect's own PostgreSQL database; required while Praefect runs (there is no default). */
  readonly database?: PraefectDatabaseConfig;
  /** Virtual storages. @default [{ name: "default", gitalyReplicas: 3 }] */
  readonly virtualStorages?: readonly PraefectVirtualStorage[];
  /**
   * Praefect replaces the `<release>-gitaly` StatefulSet. With `false` both run, and the virtual storages need
   * names other than the in-cluster Gitaly's (e.g. while migrating repositories onto Praefect).
   * @default true
   */
  readonly replaceInternalGitaly?: boolean;
  /** Run Praefect's database migrations at start. @default true */
  readonly autoMigrate?: boolean;
  /** NTP server Praefect checks its clock against. @default pool.ntp.org */
  readonly ntpHost?: string;
  /** Serve TLS on 8076 (the chart's `global.praefect.tls`); GitLab then connects with `tls://`. @default no TLS */
  readonly tls?: InternalTls;
}

export interface GitLabShellOptions extends WorkloadOptions {
  /** `openssh` (the chart default) or GitLab's own `gitlab-sshd`. @default openssh */
  readonly sshDaemon?: 'openssh' | 'gitlab-sshd';
  /** Service type for SSH. @default ClusterIP */
  readonly serviceType?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  /** Annotations on the SSH Service (e.g. AWS NLB). */
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
  /** How SSH is reached from outside the cluster. @default the Service as `serviceType` says */
  readonly expose?: SshExposure;
  /** Client CIDRs the load balancer lets through to SSH (Service `loadBalancerSourceRanges`). @default anywhere */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** Fixed node port of SSH with `serviceType: NodePort` (30000-32767). @default one Kubernetes picks */
  readonly nodePort?: number;
}

/**
 * SSH from outside the cluster (no Ingress carries SSH):
 * - `aws-nlb`: a LoadBalancer Service the AWS Load Balancer Controller provisions as an NLB with IP targets
 *   (give `hosts.ssh.name` its own DNS name: the NLB is not the ALB or ingress controller of the web hosts);
 * - `tcp-route`: a Gateway API TCPRoute on a TCP listener of a Gateway (`gateway`, default `ingress.gatewayApi.gateway`).
 */
export type SshExposure =
  | { readonly via: 'aws-nlb'; /** @default internet-facing */ readonly scheme?: 'internet-facing' | 'internal' }
  | {
    readonly via: 'tcp-route';
    /** @default `ingress.gatewayApi.gateway` */
    readonly gateway?: GatewayRef;
    /** The Gateway's TCP listener (parentRef `sectionName`). @default none: every listener that accepts the route */
    readonly listener?: string;
  };

export interface RegistryOptions extends WorkloadOptions {
  /** Storage driver configuration Secret (YAML with a top-level driver key such as `s3:`). @default key `config` */
  readonly storage?: SecretRef;
  /** Bucket name given to the toolbox for backups. @default registry (the chart's default) */
  readonly bucket?: string;
  /** Ingress settings of the registry host (over the platform-wide `ingress`). @default `ingress`'s */
  readonly ingress?: ComponentIngressOptions;
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
  /** Scheduled backups to the backup bucket (CronJob). @default none */
  readonly backups?: ToolboxBackupsOptions;
}

export interface MigrationsOptions extends PostgresClientOptions {
  /** @default true */
  readonly enabled?: boolean;
  readonly resources?: Resources;
  readonly placement?: Placement;
  /** @default 3600 */
  readonly activeDeadlineSeconds?: number;
  /** @default 6 */
  readonly backoffLimit?: number;
  /** Extra environment variables for the migrations container. @default none */
  readonly extraEnv?: Readonly<Record<string, string>>;
}

export interface ComponentsConfig {
  readonly webservice?: WebserviceOptions;
  readonly sidekiq?: SidekiqOptions;
  readonly gitaly?: GitalyOptions;
  /** Praefect (Gitaly Cluster). @default off */
  readonly praefect?: PraefectOptions;
  readonly gitlabShell?: GitLabShellOptions;
  readonly registry?: RegistryOptions;
  readonly kas?: WorkloadOptions & { /** Ingress settings of the KAS host. @default `ingress`'s */ readonly ingress?: ComponentIngressOptions };
  readonly gitlabExporter?: Omit<WorkloadOptions, 'autoscaling' | 'podDisruptionBudget'> & PostgresClientOptions;
  readonly toolbox?: ToolboxOptions;
  /** GitLab Pages. @default off */
  readonly gitlabPages?: GitLabPagesOptions;
  /** mailroom: runs while `email.incoming` is set. @default on */
  readonly mailroom?: WorkloadOptions;
  /** spamcheck. @default off */
  readonly spamcheck?: SpamcheckOptions;
  readonly migrations?: MigrationsOptions;
}

/** Names of the Secrets the components share (rails secrets, tokens, keys). Defaults: `<release>-<suffix>`. */
export type SharedSecretName =
  | 'rails' | 'gitlabShell' | 'gitlabShellHostKeys' | 'gitaly' | 'workhorse' | 'registryAuth' | 'registryHttp'
  | 'registryNotification' | 'kas' | 'kasPrivateApi' | 'kasWebsocketToken' | 'initialRootPassword' | 'praefect'
  | 'pages' | 'pagesAuth' | 'pagesOAuth' | 'incomingEmailAuthToken' | 'serviceDeskEmailAuthToken';

export interface GitLabPlatformProps {
  /** Prefix of every object name (the Helm release name when migrating). @default gitlab */
  readonly releaseName?: string;
  /** Namespace of every object. @default gitlab */
  readonly namespace?: string;
  /** @default ee */
  readonly edition?: Edition;
  /** GitLab version; picks the pinned image catalog. @default the newest catalog entry */
  readonly version?: string;
  /**
   * A reference architecture size: sets webservice and Sidekiq scaling (HPA floor, ceiling and CPU target), Puma
   * workers, resources, the Gitaly pod's resources and node pools (`nodeSelector` `workload: webservice|sidekiq|
   * gitaly`, `workload: support` for the rest, as the chart's `examples/ref` do). Any field set explicitly wins;
   * an explicit empty `nodeSelector` (`{}`) drops a pool. @default none (the chart's defaults)
   */
  readonly size?: SizeName;
  /** Per-image overrides. */
  readonly images?: Partial<Record<ImageName, ImageOverride>>;
  /** Image pull secrets for every pod. */
  readonly imagePullSecrets?: readonly string[];
  readonly hosts: HostsConfig;
  /** @default UTC */
  readonly timeZone?: string;
  readonly postgres: PostgresConfig;
  readonly redis: RedisConfig;
  readonly objectStorage: ObjectStorageConfig;
  readonly ingress?: IngressConfig;
  /**
   * NetworkPolicies: every platform pod denies all traffic except the flows the platform uses (between its
   * components, from the ingress, to DNS, PostgreSQL, Redis and object storage). `false` creates none. @default on
   */
  readonly networkPolicies?: NetworkPoliciesConfig | false;
  /** Platform-wide node placement. */
  readonly placement?: Placement;
  /** Create one ServiceAccount per component (recommended; required for IAM roles). @default true */
  readonly serviceAccounts?: boolean;
  readonly components?: ComponentsConfig;
  /** Override the name of a shared Secret. */
  readonly secretNames?: Partial<Record<SharedSecretName, string>>;
  /** The key holding the value of a one-value shared Secret, when it is not the default (e.g. `password`). @default the catalogue's (`SHARED_SECRETS`) */
  readonly secretKeys?: Partial<Record<SingleKeySecretName, string>>;
  /** The GitLab EE license, applied by the migrations Job (mounted as `/srv/gitlab/config/Gitlab.gitlab-license`). @default none, key `license` */
  readonly license?: SecretRef;
  /** Extra labels on every pod (never used in selectors); a component's `podLabels` win. @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Extra custom CA certificates (Secrets whose keys are PEM bundles) added to every trust store. */
  readonly customCAs?: readonly { readonly secret: string; readonly keys?: readonly string[] }[];
  /** Extra labels on every object. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Sender, outgoing SMTP, incoming and Service Desk mailboxes. @default GitLab's defaults, no mailboxes */
  readonly email?: EmailConfig;
  /** Sign-in with external identity providers. @default off */
  readonly omniauth?: OmniauthConfig;
  /** Sign-in with LDAP. @default off */
  readonly ldap?: LdapConfig;
  /** GitLab application settings (gitlab.yml: Service Ping, themes, project defaults, Sentry, ...). @default the chart's */
  readonly rails?: RailsConfig;
}

/** Traffic from or to outside the platform's pods: pods of a namespace, or an address range. */
export type NetworkPeer =
  | {
    /** Namespace name (matched by its `kubernetes.io/metadata.name` label). */
    readonly namespace: string;
    /** Only the pods with these labels. @default every pod of the namespace */
    readonly podLabels?: Readonly<Record<string, string>>;
  }
  | {
    /** IPv4 or IPv6 CIDR, e.g. `10.0.0.0/16`. */
    readonly cidr: string;
    /** CIDRs inside `cidr` to leave out. @default none */
    readonly except?: readonly string[];
  };

/** The platform's components, as network policies name them. */
export type NetworkComponent = keyof ComponentsConfig;

/** Extra outgoing traffic some components need (webhooks on other ports, SMTP, repository mirroring...). */
export interface NetworkEgressRule {
  readonly components: readonly NetworkComponent[];
  readonly to: readonly NetworkPeer[];
  /** TCP ports. */
  readonly ports: readonly number[];
}

/** Who may talk to the platform's pods, and where they may connect. Peers default to what the platform's settings imply. */
export interface NetworkPoliciesConfig {
  /**
   * Who reaches the web hosts' backends (webservice 8181, registry 5000, kas 8150/8154).
   * @default `nginx`: every pod of namespace `ingress-nginx`; `alb`: any address (the ALB's, in the VPC; narrow it
   * to the VPC CIDR); `gateway-api`: the Gateway's namespace; nobody when `ingress.enabled` is false
   */
  readonly ingressFrom?: readonly NetworkPeer[];
  /**
   * Who reaches SSH (gitlab-shell 2222). @default any address with a LoadBalancer/NodePort Service or an NLB; the
   * Gateway's namespace with a TCPRoute; else `ingressFrom` (an ingress controller proxying TCP)
   */
  readonly sshFrom?: readonly NetworkPeer[];
  /** Who scrapes the metrics ports (Prometheus). `[]` for nobody. @default every pod of namespace `monitoring` */
  readonly metricsFrom?: readonly NetworkPeer[];
  /**
   * The cluster DNS (UDP and TCP 53); with NodeLocal DNSCache add its address (e.g. `{ cidr: '169.254.20.10/32' }`).
   * @default pods `k8s-app: kube-dns` of namespace `kube-system`
   */
  readonly dns?: readonly NetworkPeer[];
  /** Where PostgreSQL is (the ports come from `postgres`). @default any address */
  readonly postgres?: { readonly cidrs?: readonly string[] };
  /** Where Redis is (the port comes from `redis`). @default any address */
  readonly redis?: { readonly cidrs?: readonly string[] };
  /** Where object storage (and AWS STS for IAM roles) is. @default any address, port 443 */
  readonly objectStorage?: { readonly cidrs?: readonly string[]; readonly ports?: readonly number[] };
  /** Extra egress per component. @default none */
  readonly extraEgress?: readonly NetworkEgressRule[];
}

// ---------------------------------------------------------------------------------------------------------------
// Optional components (GitLab Pages, mailroom, spamcheck), scheduled backups, e-mail and sign-in.

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
  /** @default LoadBalancer */
  readonly serviceType?: 'LoadBalancer' | 'NodePort';
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

/** IMAP access to a mailbox. */
export interface ImapMailbox {
  /** IMAP server host. */
  readonly host: string;
  /** @default 993 */
  readonly port?: number;
  /** Implicit TLS. @default true */
  readonly ssl?: boolean;
  /** STARTTLS on a plain connection. @default false */
  readonly startTls?: boolean;
  /** Password Secret of the mailbox user. @default key `password` */
  readonly password: SecretRef;
  /** Seconds of IMAP IDLE before reconnecting. @default 60 */
  readonly idleTimeout?: number;
}

/** Microsoft Graph access to an Exchange Online mailbox (OAuth2 client credentials). */
export interface MicrosoftGraphMailbox {
  /** Azure AD tenant ID. */
  readonly tenantId: string;
  /** Application (client) ID. */
  readonly clientId: string;
  /** Client secret Secret. @default key `secret` */
  readonly clientSecret: SecretRef;
  /** Seconds between polls. @default 60 */
  readonly pollInterval?: number;
  /** @default https://login.microsoftonline.com */
  readonly azureAdEndpoint?: string;
  /** @default https://graph.microsoft.com */
  readonly graphEndpoint?: string;
}

/**
 * A mailbox GitLab reads through mailroom. Mail is delivered to GitLab's API (webhook), signed with the shared
 * `incomingEmailAuthToken` / `serviceDeskEmailAuthToken` Secret.
 */
export interface MailboxConfig {
  /** Address users write to; must contain `%{key}`, e.g. `incoming+%{key}@example.com`. */
  readonly address: string;
  /** Login of the mailbox (usually the address without `+%{key}`). */
  readonly user: string;
  /** Read over IMAP (give exactly one of `imap` and `microsoftGraph`). */
  readonly imap?: ImapMailbox;
  /** Read through Microsoft Graph. */
  readonly microsoftGraph?: MicrosoftGraphMailbox;
  /** Folder to read. @default inbox */
  readonly mailbox?: string;
  /** @default true */
  readonly deleteAfterDelivery?: boolean;
  /** Expunge deleted messages (IMAP). @default false */
  readonly expungeDeleted?: boolean;
  /** mailroom's log file. @default /dev/stdout */
  readonly logPath?: string;
}

/** Outgoing mail through an SMTP server; the password is read from a Secret file when Rails starts. */
export interface SmtpConfig {
  /** SMTP server host. */
  readonly address: string;
  /** @default 587 */
  readonly port?: number;
  /** HELO domain. @default none */
  readonly domain?: string;
  /** @default `plain` with a password, else `none` */
  readonly authentication?: 'plain' | 'login' | 'cram_md5' | 'none';
  /** Login (required unless authentication is `none`). */
  readonly user?: string;
  /** Password Secret (required unless authentication is `none`). @default key `password` */
  readonly password?: SecretRef;
  /** Upgrade with STARTTLS when offered. @default true */
  readonly starttlsAuto?: boolean;
  /** Implicit TLS (SMTPS, usually port 465); not together with starttlsAuto. @default false */
  readonly tls?: boolean;
  /** @default peer */
  readonly opensslVerifyMode?: 'none' | 'peer';
  /** Seconds. @default 30 */
  readonly openTimeout?: number;
  /** Seconds. @default 60 */
  readonly readTimeout?: number;
  /** Reuse connections (a pool per Puma/Sidekiq process). @default false */
  readonly pool?: boolean;
}

/** E-mail: the sender GitLab writes as, outgoing SMTP, and the mailboxes it reads. */
export interface EmailConfig {
  /** @default `gitlab@<domain>` */
  readonly from?: string;
  /** @default GitLab */
  readonly displayName?: string;
  /** @default `noreply@<domain>` */
  readonly replyTo?: string;
  /** @default empty */
  readonly subjectSuffix?: string;
  /** Outgoing mail through SMTP. @default none (GitLab's default delivery) */
  readonly smtp?: SmtpConfig;
  /** Reply by e-mail and new issues/merge requests by e-mail; runs mailroom. @default off */
  readonly incoming?: MailboxConfig;
  /** Service Desk's own mailbox (needs `incoming`). @default off */
  readonly serviceDesk?: MailboxConfig;
}

/** OmniAuth: sign-in with external identity providers, each defined by a Secret. */
export interface OmniauthConfig {
  /** @default true */
  readonly enabled?: boolean;
  /** Providers: Secrets holding one provider's YAML (`name`, `app_id`, `app_secret`, `args`, ...). @default key `provider` */
  readonly providers: readonly SecretRef[];
  /** Send users straight to this provider's sign-in. @default none */
  readonly autoSignInWithProvider?: string;
  /** Providers that create users on first sign-in (or `true` for all). @default ["saml"] */
  readonly allowSingleSignOn?: readonly string[] | boolean;
  /** @default true */
  readonly blockAutoCreatedUsers?: boolean;
  /** Providers whose profile is synced at sign-in (or `true` for all). @default [] */
  readonly syncProfileFromProvider?: readonly string[] | boolean;
  /** @default ["email"] */
  readonly syncProfileAttributes?: readonly string[];
  /** @default false */
  readonly autoLinkLdapUser?: boolean;
  /** @default false */
  readonly autoLinkSamlUser?: boolean;
  /** Providers whose users are linked to existing users by e-mail (or `true` for all). @default [] */
  readonly autoLinkUser?: readonly string[] | boolean;
  /** Providers whose users are external users. @default [] */
  readonly externalProviders?: readonly string[];
  /** Providers that may skip GitLab's two-factor authentication (or `true` for all). @default [] */
  readonly allowBypassTwoFactor?: readonly string[] | boolean;
}

/** One LDAP server (GitLab's `ldap.servers.<id>` settings). */
export interface LdapServer {
  /** Name on the sign-in page. @default LDAP */
  readonly label?: string;
  readonly host: string;
  /** @default 636 with simple_tls, else 389 */
  readonly port?: number;
  /** Attribute holding the user name. @default sAMAccountName */
  readonly uid?: string;
  /** Bind user. @default anonymous bind */
  readonly bindDn?: string;
  /** Bind password Secret. @default key `password` */
  readonly password?: SecretRef;
  /** @default simple_tls */
  readonly encryption?: 'simple_tls' | 'start_tls' | 'plain';
  /** @default true */
  readonly verifyCertificates?: boolean;
  /** Seconds. @default 10 */
  readonly timeout?: number;
  /** @default true */
  readonly activeDirectory?: boolean;
  /** Search base for users. */
  readonly base: string;
  /** RFC 4515 filter. @default none */
  readonly userFilter?: string;
  /** @default false */
  readonly allowUsernameOrEmailLogin?: boolean;
  /** @default false */
  readonly blockAutoCreatedUsers?: boolean;
  /** @default false */
  readonly lowercaseUsernames?: boolean;
  /** @default [] */
  readonly retryEmptyResultWithCodes?: readonly number[];
  /** LDAP attributes of the user's fields. @default GitLab's */
  readonly attributes?: {
    readonly username?: string | readonly string[];
    readonly email?: string | readonly string[];
    readonly name?: string;
    readonly firstName?: string;
    readonly lastName?: string;
  };
  /** TLS of the LDAP connection. @default the system trust store (custom CAs included) */
  readonly tlsOptions?: { readonly caFile?: string; readonly sslVersion?: string; readonly ciphers?: string };
}

/** LDAP sign-in. */
export interface LdapConfig {
  /** Servers by id (lower-case letters, digits, `_`), e.g. `main`. */
  readonly servers: Readonly<Record<string, LdapServer>>;
  /** Hide the LDAP form from the web sign-in (Git over HTTP still authenticates). @default false */
  readonly preventSignIn?: boolean;
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
  /** Node placement; merged over the platform-wide `placement`. */
  readonly placement?: Placement;
}

/** A `cron_jobs` entry of gitlab.yml: when a Sidekiq cron worker runs. */
export interface RailsCronJob {
  /** Cron schedule, e.g. "0 * * * *". */
  readonly cron: string;
  /** Arguments passed to the worker. @default none */
  readonly args?: readonly (string | number | boolean)[];
}

/**
 * Settings of the GitLab Rails application (`gitlab.yml`), the chart's `global.appConfig` general settings.
 * Every field left out takes the chart's default, so a platform without `rails` configures GitLab as the chart does.
 */
export interface RailsConfig {
  /** Service Ping (usage statistics). @default true */
  readonly usagePing?: boolean;
  /** Seat Link (subscription seat counts). @default true */
  readonly seatLink?: boolean;
  /** Administrators may impersonate users. @default GitLab's (allowed) */
  readonly impersonation?: boolean;
  /** Seconds the application settings are cached. @default 60 */
  readonly applicationSettingsCacheSeconds?: number;
  /** Users may change their username. @default true */
  readonly usernameChanging?: boolean;
  /** Regular expression of the commit messages that close issues. @default GitLab's */
  readonly issueClosingPattern?: string;
  /** Default UI theme id of new users (e.g. 1 indigo, 2 dark, 11 light). @default GitLab's */
  readonly defaultTheme?: number;
  /** Default color mode id of new users (1 light, 2 dark, 3 auto). @default GitLab's */
  readonly defaultColorMode?: number;
  /** Default syntax highlighting theme id of new users. @default GitLab's */
  readonly defaultSyntaxHighlightingTheme?: number;
  /** Features on in new projects. @default all on */
  readonly defaultProjectsFeatures?: {
    /** @default true */ readonly issues?: boolean;
    /** @default true */ readonly mergeRequests?: boolean;
    /** @default true */ readonly wiki?: boolean;
    /** @default true */ readonly snippets?: boolean;
    /** @default true */ readonly builds?: boolean;
    /** @default true */ readonly containerRegistry?: boolean;
  };
  /** Seconds a GraphQL request may run. @default GitLab's (30) */
  readonly graphQlTimeout?: number;
  /** Seconds a webhook call may take. @default GitLab's (10) */
  readonly webhookTimeout?: number;
  /** Seconds Rails gives a request. @default 95% of the webservice worker timeout, rounded up (57) */
  readonly maxRequestDurationSeconds?: number;
  /** Sign-up on at first install (later changes are made in the admin area). @default GitLab's (on) */
  readonly signupEnabled?: boolean;
  /** Avatar service URLs, with %{hash}, %{size}, %{email}, %{username} placeholders. @default gravatar.com */
  readonly gravatar?: { readonly plainUrl?: string; readonly sslUrl?: string };
  /** Analytics services (the chart's `extra`). @default none */
  readonly analytics?: {
    readonly googleAnalyticsId?: string;
    readonly matomoUrl?: string;
    readonly matomoSiteId?: string;
    /** @default false */
    readonly matomoDisableCookies?: boolean;
    readonly oneTrustId?: string;
    readonly googleTagManagerNonceId?: string;
    /** @default false */
    readonly bizible?: boolean;
  };
  /** Sidekiq cron schedules by worker (e.g. `stuck_ci_jobs_worker`). @default GitLab's */
  readonly cronJobs?: Readonly<Record<string, RailsCronJob>>;
  /** Content-Security-Policy header. @default GitLab's (off in the chart) */
  readonly contentSecurityPolicy?: {
    /** @default true */
    readonly enabled?: boolean;
    /** Report violations only. @default true */
    readonly reportOnly?: boolean;
    /** Directives by name (e.g. `script_src`); `false` drops a directive. @default GitLab's */
    readonly directives?: Readonly<Record<string, string | false>>;
  };
  /** Error reporting to Sentry. @default off */
  readonly sentry?: {
    /** @default true */
    readonly enabled?: boolean;
    readonly dsn?: string;
    readonly clientsideDsn?: string;
    readonly environment?: string;
  };
  /** Links to a self-hosted documentation site. @default off */
  readonly docs?: {
    /** @default true */
    readonly enabled?: boolean;
    /** URL of the documentation site. */
    readonly host: string;
  };
  /** When merge request diffs go to object storage: always, or only outdated ones. @default GitLab's (always) */
  readonly externalDiffsWhen?: 'always' | 'outdated';
  /** Proxies (IPs or CIDRs) whose X-Forwarded-For Rails trusts. @default none */
  readonly trustedProxies?: readonly string[];
  /** Rack Attack for Git over HTTP: bans clients after repeated failed Basic authentication. @default off */
  readonly rackAttackGitBasicAuth?: {
    /** IPs never banned. @default GitLab's */
    readonly ipWhitelist?: readonly string[];
    /** Failed attempts before a ban. @default GitLab's */
    readonly maxretry?: number;
    /** Seconds the attempts are counted over. @default GitLab's */
    readonly findtime?: number;
    /** Seconds a ban lasts. @default GitLab's */
    readonly bantime?: number;
  };
}
