import type { PostgresTls } from '../postgres/types';
import type { DisruptionBudget, SecretRef, WorkloadOptions } from '../types';
import type { GITALY_WORKLOAD_FIELDS, GitalyAccessMode, PRAEFECT_WORKLOAD_FIELDS } from './names';

/**
 * Repository storage: what a user writes under `components.gitaly` (in-cluster Gitaly, servers outside the
 * platform) and `components.praefect` (Gitaly Cluster). Re-exported by `types.ts`.
 */

/** The repository volume of a Gitaly pod. */
export interface GitalyPersistence {
  /** @default 50Gi */
  readonly size?: string;
  /** @default the cluster's default StorageClass */
  readonly storageClass?: string;
  /** @default ReadWriteOnce */
  readonly accessMode?: GitalyAccessMode;
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

/** The shared workload settings Gitaly takes: the list its checks accept (a StatefulSet: no replicas, autoscaling or Deployment strategy). */
export interface GitalyOptions extends Pick<WorkloadOptions, typeof GITALY_WORKLOAD_FIELDS[number]> {
  /**
   * Run Gitaly in the cluster: the `<release>-gitaly` StatefulSet, and the Gitaly pods behind Praefect. Turn it off
   * only when every storage is `external`.
   * @default true
   */
  readonly enabled?: boolean;
  /** Storage names; one StatefulSet pod per name. Not used while Praefect replaces this StatefulSet. @default ["default"] */
  readonly storageNames?: readonly string[];
  /** Repository volume (also of the Gitaly pods behind Praefect, unless a virtual storage sets its own). @default the chart's: 50Gi, the cluster's default StorageClass, ReadWriteOnce */
  readonly persistence?: GitalyPersistence;
  /**
   * Serve TLS on 8076 (the chart's `global.gitaly.tls`). Behind Praefect each virtual storage has its own Secret
   * (`components.praefect.virtualStorages[].tlsSecretName`).
   * @default no TLS
   */
  readonly tls?: InternalTls;
  /** Storages served by Gitaly or Praefect servers outside the platform. @default none */
  readonly external?: ExternalGitalyConfig;
  /**
   * Git bundle URIs: Gitaly offers clients pre-built bundles from object storage (the chart's `gitaly.bundleUri`),
   * e.g. `s3://my-bundles?region=us-east-1` (credentials from the pod: an IAM role, or AWS_* variables in `extraEnv`).
   * @default off
   */
  readonly bundleUri?: { readonly goCloudUrl: string };
  /**
   * Set `GOMEMLIMIT` to the Gitaly container's memory limit (the chart's `gitaly.gomemlimit.enabled`), so Go's
   * garbage collector works harder near the limit instead of the pod being killed for memory. Only with a memory
   * limit in `resources`, and not when `extraEnv` sets `GOMEMLIMIT` itself. Also for the Gitaly pods behind Praefect.
   * @default true
   */
  readonly gomemlimit?: boolean;
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
 * Gitaly pods behind it take components.gitaly's resources, placement and persistence. Of the shared workload
 * settings it takes Gitaly's and a replica count, as its checks accept them.
 */
export interface PraefectOptions extends Pick<WorkloadOptions, typeof PRAEFECT_WORKLOAD_FIELDS[number]> {
  /** @default true when `components.praefect` is set */
  readonly enabled?: boolean;
  /** Praefect's own PostgreSQL database; required while Praefect runs (there is no default). @default none (required while Praefect runs) */
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
