import type { SecretRef } from './types';

/** External PostgreSQL, Redis and object storage: the settings of the services GitLab runs on. */

/** TLS of the PostgreSQL connection (libpq `sslmode` and friends). */
export interface PostgresTls {
  /** @default prefer (libpq default) */
  readonly mode?: 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
  /** Secret holding the server's CA bundle (e.g. the RDS global bundle); mounted as a custom CA. @default none: the image's trust store (required with verify-ca and verify-full) */
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
  /** Replica host names (they listen on the connection's `port`). @default none: give `discover` */
  readonly hosts?: readonly string[];
  /** Find replicas by DNS instead of a fixed list. @default none: give `hosts` */
  readonly discover?: PostgresReplicaDiscovery;
  /** Bytes of WAL a replica may lag behind and still serve reads. @default GitLab's */
  readonly maxReplicationDifference?: number;
  /** Seconds a replica may lag behind and still serve reads. @default GitLab's */
  readonly maxReplicationLagTime?: number;
  /** Seconds between replica lag checks. @default GitLab's */
  readonly replicaCheckInterval?: number;
}

export interface PostgresConnection {
  /** Host name of the server. @default none (required for the main connection; `ci` and per-component: main's) */
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
  /** Seconds; empty means libpq's default. @default libpq's (no timeout) */
  readonly connectTimeout?: number;
  /** TCP keepalive settings. @default libpq's (1, on) */
  readonly keepalives?: number;
  /** @default libpq's (the system's) */
  readonly keepalivesIdle?: number;
  /** @default libpq's (the system's) */
  readonly keepalivesInterval?: number;
  /** @default libpq's (the system's) */
  readonly keepalivesCount?: number;
  /** @default libpq's (the system's) */
  readonly tcpUserTimeout?: number;
  /** @default false */
  readonly preparedStatements?: boolean;
  /** @default libpq's (`sslmode=prefer`, no client certificate) */
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
  /** Host name of the server (the ElastiCache primary endpoint). Not used with `sentinels`. @default none (required for the main connection; `ci` and per-component: main's) */
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
  /** The master's name as the Sentinels know it (`sentinel.conf`); required with `sentinels`. @default none (required with `sentinels`) */
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

/** S3 server-side encryption that Rails asks for on upload (fog's `storage_options`). */
export interface ObjectStorageEncryption {
  /** `AES256` (S3-managed keys) or `aws:kms`. */
  readonly serverSideEncryption: 'AES256' | 'aws:kms';
  /** The KMS key (ID or ARN) with `aws:kms`. @default the account's AWS-managed key */
  readonly kmsKeyId?: string;
}

/** GitLab's object types stored in the consolidated object storage. */
export type ObjectType = import('./common/names').ObjectType;

export interface ObjectStorageConfig {
  /**
   * Fog connection Secret (`provider: AWS`, `region`, and keys or `use_iam_profile: true`; `Google` or `AzureRM`
   * work too). Consolidated mode (the chart's `global.appConfig.object_store`): the one connection of every type,
   * read by Rails and by Workhorse. With `connections`: the connection of each type that has none of its own.
   * Required unless `connections` covers every enabled type. @default key `connection`
   */
  readonly connection?: SecretRef;
  /**
   * Per-type object storage (the chart's `global.appConfig.<type>.connection` with `object_store.enabled: false`):
   * each type gets its own `object_store` section in gitlab.yml and its own fog connection Secret, mounted at
   * `/etc/gitlab/objectstorage/<type>`. Types may share a Secret. Workhorse then gets no storage credentials (Rails
   * hands it pre-signed URLs), as in the chart. Setting any entry switches to this mode; types left out use
   * `connection`. @default none (consolidated)
   */
  readonly connections?: Partial<Record<ObjectType, SecretRef>>;
  /** Serve downloads through GitLab instead of redirecting to the bucket. @default true */
  readonly proxyDownload?: boolean;
  /**
   * `proxy_download` of single types, over `proxyDownload` (the chart's `global.appConfig.<type>.proxy_download`).
   * Pages has none. @default `proxyDownload`
   */
  readonly proxyDownloads?: Partial<Record<Exclude<ObjectType, 'pages'>, boolean>>;
  /**
   * S3 server-side encryption of uploaded objects (the chart's `storage_options`), for every type.
   * @default none (the bucket's default encryption)
   */
  readonly storageOptions?: ObjectStorageEncryption;
  /**
   * Bucket per object type. @default the chart's names: `gitlab-artifacts`, `git-lfs`, `gitlab-uploads`,
   * `gitlab-packages`, `gitlab-mr-diffs`, `gitlab-terraform-state`, `gitlab-ci-secure-files`,
   * `gitlab-dependency-proxy`, `gitlab-pages`
   */
  readonly buckets?: Partial<Record<ObjectType, string>>;
  /** Object types whose feature is turned off in Rails (`<type>.enabled: false`, no bucket). @default none */
  readonly disabled?: readonly ObjectType[];
  /** Bucket the backup CronJob and `backup-utility` write backups to. @default `gitlab-backups` (the chart's) */
  readonly backupBucket?: string;
  /**
   * Staging bucket `backup-utility` moves existing objects to during a restore. @default `tmp` (the chart's
   * `global.appConfig.backups.tmpBucket`; S3 bucket names are global, so name your own in production)
   */
  readonly backupTmpBucket?: string;
  /**
   * IAM-role mode: pods get credentials from a role (IRSA) instead of keys. Service accounts are created and
   * annotated with the role ARN; the connection Secret must then say `use_iam_profile: true`.
   * @default none: keys in the connection Secret
   */
  readonly iamRole?: { readonly roleArn: string; readonly perComponent?: Partial<Record<import('./common/names').IrsaComponent, string>> };
}
