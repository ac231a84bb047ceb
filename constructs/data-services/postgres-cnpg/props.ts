import type { Resources, SecretRef } from '../../config/types';
import type { InClusterStorage } from '../props';

/** PostgreSQL as a CloudNativePG `Cluster` (the CloudNativePG operator must be installed). */
export interface InClusterPostgresConfig {
  /** Name of the `Cluster`; GitLab connects to its `<name>-rw` Service. @default `<release>-postgresql` */
  readonly name?: string;
  /** PostgreSQL instances (1 primary + replicas). @default 1 */
  readonly instances?: number;
  /** The operand image (a CloudNativePG PostgreSQL image of major 16 or 17). @default ghcr.io/cloudnative-pg/postgresql:17.6 */
  readonly image?: string;
  /** @default gitlabhq_production */
  readonly database?: string;
  /** Owner of the database, the role GitLab logs in as. @default gitlab */
  readonly owner?: string;
  /** Data volume. @default 8Gi, the default StorageClass */
  readonly storage?: InClusterStorage;
  /** `max_connections`. @default sized from the platform's Rails pods (pool × replicas, main and ci, + headroom), at least 400 */
  readonly maxConnections?: number;
  /** Namespace of the CloudNativePG operator, admitted to the instances' status port by the NetworkPolicy. @default cnpg-system */
  readonly operatorNamespace?: string;
  /** Resources of each PostgreSQL pod. @default requests 500m CPU, 1Gi memory */
  readonly resources?: Resources;
  /**
   * Scheduled base backups and WAL archiving to the platform's object storage (Barman Cloud, S3 API): to the
   * in-cluster Garage (bucket `<release>-postgres-backups`), or to `objectStorage` when Garage is off (then give
   * `credentials`). @default off
   */
  readonly backup?: InClusterPostgresBackup;
}

export interface InClusterPostgresBackup {
  /** Cron schedule of base backups (six fields, seconds first, as CloudNativePG reads it). @default "0 0 3 * * *" (03:00 daily) */
  readonly schedule?: string;
  /** How long backups are kept (CloudNativePG `retentionPolicy`). @default 7d */
  readonly retention?: string;
  /** Bucket. @default `postgres-backups` */
  readonly bucket?: string;
  /** S3 endpoint URL. @default the in-cluster Garage's */
  readonly endpoint?: string;
  /**
   * Secret with the S3 key pair, keys `access-key-id` and `secret-access-key`.
   * @default the in-cluster Garage's key (`<release>-garage`)
   */
  readonly credentials?: SecretRef;
}
