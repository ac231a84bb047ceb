import type { ResolvedSecretRef } from '../config/resolved';
import type { Resources } from '../config/types';

/** The in-cluster data services, every default applied (`ResolvedConfig.inClusterServices`). */

export interface ResolvedStorage {
  readonly size: string;
  /** @default the cluster's default StorageClass */
  readonly storageClass?: string;
}

export interface ResolvedInClusterPostgres {
  /** Name of the CloudNativePG `Cluster`. */
  readonly name: string;
  readonly instances: number;
  readonly image: string;
  readonly database: string;
  readonly owner: string;
  readonly storage: ResolvedStorage;
  readonly maxConnections: number;
  readonly resources: Resources;
  readonly operatorNamespace: string;
  /** The read-write Service GitLab connects to (`<name>-rw`). */
  readonly host: string;
  readonly port: number;
  /** The owner's password GitLab reads: CloudNativePG's `<name>-app` (key `password`), or the user's Secret. */
  readonly password: ResolvedSecretRef;
  /** The user's Secret CloudNativePG bootstraps the owner from (`username`, `password` keys). @default none (it generates `<name>-app`) */
  readonly ownerSecret?: string;
  /** WAL archiving and the daily ScheduledBackup. @default none (no backups) */
  readonly backup?: {
    readonly schedule: string;
    readonly retention: string;
    readonly bucket: string;
    readonly endpoint: string;
    /** Secret with the S3 key pair, and the keys holding each half. */
    readonly credentials: { readonly name: string; readonly accessKeyIdKey: string; readonly secretAccessKeyKey: string };
  };
}

export interface ResolvedValkeyServer {
  /** StatefulSet, Service and host name. */
  readonly name: string;
  readonly port: number;
  /** `noeviction` for the persistent server, `allkeys-lru` for the cache. */
  readonly maxMemoryPolicy: 'noeviction' | 'allkeys-lru';
  /** `maxmemory`. @default none (no limit but the container's memory) */
  readonly maxMemory?: string;
  /** The append-only file's volume. @default none (the cache keeps its data in an emptyDir) */
  readonly storage?: ResolvedStorage;
  readonly resources: Resources;
}

export interface ResolvedInClusterRedis {
  readonly password: ResolvedSecretRef;
  readonly persistent: ResolvedValkeyServer;
  /** The cache server. @default none (the persistent server also caches) */
  readonly cache?: ResolvedValkeyServer;
  readonly metrics: boolean;
}

export interface ResolvedInClusterObjectStorage {
  readonly name: string;
  /** Secret with `rpc-secret`, `admin-token`, `access-key-id`, `secret-access-key`. */
  readonly credentials: string;
  /** Each key of the credentials Secret. */
  readonly secrets: Readonly<Record<keyof typeof GARAGE_SECRET_KEYS, ResolvedSecretRef>>;
  /** Secret with `connection`, `registry`, `s3cfg` (the clients' configuration). */
  readonly clientSecret: string;
  readonly region: string;
  readonly s3Port: number;
  readonly rpcPort: number;
  readonly adminPort: number;
  /** In-cluster S3 endpoint URL (`http://<name>.<namespace>.svc:3900`). */
  readonly endpoint: string;
  readonly storage: ResolvedStorage;
  readonly metadataStorage: ResolvedStorage;
  readonly resources: Resources;
  /** Every bucket the bootstrap Job creates and grants the key (sorted, unique). */
  readonly buckets: readonly string[];
}

export interface ResolvedInClusterServices {
  /** @default none (in-cluster PostgreSQL off) */
  readonly postgres?: ResolvedInClusterPostgres;
  /** @default none (in-cluster Valkey off) */
  readonly redis?: ResolvedInClusterRedis;
  /** @default none (in-cluster Garage off) */
  readonly objectStorage?: ResolvedInClusterObjectStorage;
}

/** Keys of the Garage credentials Secret. */
export const GARAGE_SECRET_KEYS = {
  rpcSecret: 'rpc-secret',
  adminToken: 'admin-token',
  accessKeyId: 'access-key-id',
  secretAccessKey: 'secret-access-key',
} as const;

/** Keys of the object storage clients' Secret (built from Garage's key pair). */
export const CLIENT_SECRET_KEYS = { connection: 'connection', registry: 'registry', s3cmd: 's3cfg' } as const;
