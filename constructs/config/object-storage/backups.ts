import type { ResolvedSecretRef } from '../resolved';
import { ref } from '../secrets/resolve';
import type { ToolboxOptions } from '../types';
import type { Fail } from '../errors';

/** Where `backup-utility` uploads backups (the chart's `gitlab.toolbox.backups.objectStorage.backend`). */
export const BACKUP_BACKENDS = ['s3', 'gcs', 'azure'] as const;
export type BackupBackend = (typeof BACKUP_BACKENDS)[number];

/** The toolbox's resolved backup storage. */
export interface ResolvedBackupStorage {
  readonly backend: BackupBackend;
  /** gcs: the service account key; azure: the azcopy configuration. */
  readonly config?: ResolvedSecretRef;
  /** gcs: the project `gsutil config -e` is given. */
  readonly gcpProject?: string;
}

/** Checks that each backend gets the Secret it reads and nothing another backend reads. */
export function resolveBackupStorage(tb: ToolboxOptions | undefined, fail: Fail): ResolvedBackupStorage {
  const path = 'components.toolbox';
  const backend = tb?.backupBackend ?? 's3';
  if (backend !== 's3' && tb?.backupS3cmdConfig) {
    fail(`${path}.backupS3cmdConfig`, tb.backupS3cmdConfig.name, `nothing with backupBackend: ${backend} (s3cmd is the s3 backend's tool)`,
      `remove backupS3cmdConfig and give the ${backend} configuration in backupConfig`);
  }
  if (backend === 's3' && tb?.backupConfig) {
    fail(`${path}.backupConfig`, tb.backupConfig.name, 'nothing with the s3 backend (its configuration is backupS3cmdConfig)',
      'move the Secret to backupS3cmdConfig, or set backupBackend: gcs | azure');
  }
  if (backend === 'azure' && !tb?.backupConfig) {
    fail(`${path}.backupConfig`, undefined, 'an azcopy configuration Secret with backupBackend: azure (azure_config: storage account and key)',
      'set components.toolbox.backupConfig: { name: azure-backup-config, key: config }');
  }
  if (backend !== 'gcs' && tb?.backupGcpProject !== undefined) {
    fail(`${path}.backupGcpProject`, tb.backupGcpProject, 'nothing unless backupBackend is gcs', 'remove backupGcpProject, or set backupBackend: gcs');
  }
  if (backend === 'gcs' && tb?.backupConfig && !tb.backupGcpProject) {
    fail(`${path}.backupGcpProject`, undefined, 'the Google Cloud project of the backup bucket when a service account key is given',
      'set components.toolbox.backupGcpProject: <project id>, or drop backupConfig to use workload identity');
  }
  return {
    backend,
    ...(tb?.backupConfig && backend !== 's3' ? { config: ref(tb.backupConfig, 'config') } : {}),
    ...(backend === 'gcs' && tb?.backupGcpProject ? { gcpProject: tb.backupGcpProject } : {}),
  };
}
