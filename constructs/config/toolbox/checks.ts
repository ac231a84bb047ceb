import { Check, obj, secretRef, str } from '../schema';
import { postgresOverrideCheck } from '../postgres/checks';
import { BACKUP_BACKENDS } from '../object-storage/backups';
import type { WorkloadFieldChecks } from '../components/checks';

/**
 * Checks of `components.toolbox` (shape and values). `backups`, the backup CronJob's check, is the scheduled
 * backups' own (given by `../validate.ts`); the backend's rules across settings are in `object-storage/backups.ts`.
 */

export const toolboxCheck = ({ noScaling }: WorkloadFieldChecks, backups: Check): Check => obj({
  ...noScaling, backupS3cmdConfig: secretRef('s3cmd-config'), postgres: postgresOverrideCheck, backups,
  backupBackend: str({ oneOf: BACKUP_BACKENDS }), backupConfig: secretRef('gcs-backup-key'),
  backupGcpProject: str({ pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, allowed: 'a Google Cloud project ID', fix: 'copy the project ID from the Google Cloud console' }),
});
