import type { PostgresClientOptions } from '../postgres/types';
import type { BackupBackend } from '../object-storage/backups';
import type { SecretRef, ToolboxBackupsOptions, WorkloadOptions } from '../types';

/**
 * What a user writes under `components.toolbox` (the admin pod with `backup-utility`); re-exported by
 * `../types.ts`. Where backups go is resolved by `object-storage/backups.ts`; the backup CronJob's own options are
 * `ToolboxBackupsOptions`.
 */

export interface ToolboxOptions extends Omit<WorkloadOptions, 'autoscaling' | 'podDisruptionBudget'>, PostgresClientOptions {
  /** s3cmd configuration Secret used by `backup-utility`. @default key `config` */
  readonly backupS3cmdConfig?: SecretRef;
  /**
   * Where `backup-utility` uploads backups (the chart's `backups.objectStorage.backend`): `s3` (s3cmd, configured by
   * `backupS3cmdConfig` or an IAM role), `gcs` (gsutil, with a service account key in `backupConfig` or the pod's
   * workload identity) or `azure` (azcopy, configured by `backupConfig`). @default s3
   */
  readonly backupBackend?: BackupBackend;
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
