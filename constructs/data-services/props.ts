import type { InClusterObjectStorageConfig } from './garage/props';
import type { InClusterPostgresConfig } from './postgres-cnpg/props';
import type { InClusterRedisConfig } from './valkey/props';

export type { InClusterObjectStorageConfig } from './garage/props';
export type { InClusterPostgresBackup, InClusterPostgresConfig } from './postgres-cnpg/props';
export type { InClusterRedisConfig } from './valkey/props';

/**
 * In-cluster PostgreSQL (CloudNativePG), Valkey and Garage: the data services of an evaluation, development or
 * homelab install, run inside the cluster and wired into GitLab exactly as external ones. Not for production:
 * one instance each by default, no managed backups unless asked, data on the cluster's volumes.
 */

/** Storage of one in-cluster service. */
export interface InClusterStorage {
  /** PersistentVolumeClaim size. @default per service (PostgreSQL 8Gi, Valkey 2Gi, Garage 10Gi data + 1Gi metadata) */
  readonly size?: string;
  /** StorageClass of the claim. @default the cluster's default StorageClass */
  readonly storageClass?: string;
}

/**
 * In-cluster data services, each `true` (defaults) or its settings. A service that is on replaces the matching
 * external setting (`postgres`, `redis`, `objectStorage`), which then must be left out.
 */
export interface InClusterServicesConfig {
  /** PostgreSQL as a CloudNativePG `Cluster`. @default false (the external `postgres` setting is used) */
  readonly postgres?: boolean | InClusterPostgresConfig;
  /** Valkey (persistent, and optionally a cache). @default false (the external `redis` setting is used) */
  readonly redis?: boolean | InClusterRedisConfig;
  /** Garage, S3-compatible object storage. @default false (the external `objectStorage` setting is used) */
  readonly objectStorage?: boolean | InClusterObjectStorageConfig;
}
