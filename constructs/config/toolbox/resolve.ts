import type { ResolvedToolboxBackups } from '../resolved';
import type { ResolvedSecretRef } from '../secrets/resolve';
import { ref } from '../secrets/resolve';
import type { ResolvedBackupStorage } from '../object-storage/backups';
import { resolveBackupStorage } from '../object-storage/backups';
import { COMPONENT_DEFAULTS } from '../workloads/defaults';
import type { ResolvedWorkload } from '../workloads/resolve';
import type { ComponentContext } from '../components/resolve';
import type { ToolboxOptions } from './types';

/**
 * The toolbox's resolution and its model (re-exported by `../resolved.ts`): the pod, where `backup-utility`
 * uploads (`object-storage/backups.ts`) and the backup CronJob, resolved with the other scheduled jobs.
 */

export interface ResolvedToolbox extends ResolvedWorkload {
  readonly backupS3cmdConfig?: ResolvedSecretRef;
  /** The backup backend and its configuration Secret (`object-storage/backups.ts`). */
  readonly backupStorage: ResolvedBackupStorage;
  /** The backup CronJob; absent when scheduled backups are off. */
  readonly backups?: ResolvedToolboxBackups;
}

/** The toolbox pod, its backup storage, and `backups` (the CronJob, already resolved). */
export function resolveToolbox(tb: ToolboxOptions | undefined, backups: ResolvedToolboxBackups | undefined,
  { workload, fail }: ComponentContext): ResolvedToolbox {
  return {
    ...workload('toolbox', tb, COMPONENT_DEFAULTS.toolbox),
    backupS3cmdConfig: tb?.backupS3cmdConfig ? ref(tb.backupS3cmdConfig, 'config') : undefined,
    backupStorage: resolveBackupStorage(tb, fail),
    backups,
  };
}
