import type { Placement } from '../placement/types';
import type { GitLabPlatformProps, Resources } from '../types';
import type { ToolboxBackupsOptions } from './types';
import type { Fail } from '../errors';

/**
 * The backup CronJob resolved: its defaults and the rules across its settings (toolbox on, a way to reach S3,
 * scratch volume), and the model the toolbox component reads (re-exported by `../resolved.ts`).
 */

export type ResolvedBackupScratch =
  | { readonly type: 'emptyDir'; readonly sizeLimit?: string }
  | { readonly type: 'persistentVolumeClaim'; readonly size: string; readonly storageClass?: string };

export interface ResolvedToolboxBackups {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly extraArgs: readonly string[];
  readonly backoffLimit: number;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
  readonly activeDeadlineSeconds?: number;
  readonly startingDeadlineSeconds?: number;
  readonly suspend: boolean;
  readonly scratch: ResolvedBackupScratch;
  readonly resources: Resources;
  readonly placement: Placement;
}

/** What the backup settings depend on, worked out by `../resolve.ts`. */
export interface BackupsContext {
  readonly iamRoles?: { readonly toolbox: string };
  readonly platformPlacement: Placement;
  /** The toolbox runs (the backup CronJob is part of it). */
  readonly toolboxOn: boolean;
  readonly mergePlacement: (base: Placement, own: Placement | undefined) => Placement;
  readonly fail: Fail;
}

/** `components.toolbox.backups`: `undefined` when scheduled backups are off. */
export function resolveBackups(p: GitLabPlatformProps, ctx: BackupsContext): ResolvedToolboxBackups | undefined {
  const tb = p.components?.toolbox;
  const b: ToolboxBackupsOptions | undefined = tb?.backups;
  const path = 'components.toolbox.backups';
  if (!b || !(b.enabled ?? true)) return undefined;
  if (!ctx.toolboxOn) {
    ctx.fail(`${path}`, b, 'nothing while the toolbox is off (the backup CronJob is part of it)',
      'remove components.toolbox.enabled: false, or remove the backups');
    return undefined;
  }
  if ((tb?.backupBackend ?? 's3') === 's3' && !tb?.backupS3cmdConfig && !ctx.iamRoles) {
    ctx.fail('components.toolbox.backupS3cmdConfig', undefined, 'an s3cmd configuration Secret, or objectStorage.iamRole, for backup-utility to reach S3',
      'set components.toolbox.backupS3cmdConfig: { name: s3cmd-config, key: config } (or give the toolbox an IAM role)');
  }
  const scratch = b.scratch ?? {};
  const type = scratch.type ?? 'emptyDir';
  if (type === 'emptyDir' && scratch.storageClass !== undefined) {
    ctx.fail(`${path}.scratch.storageClass`, scratch.storageClass, 'nothing for an emptyDir', 'set scratch.type: persistentVolumeClaim, or remove storageClass');
  }
  const resolvedScratch: ResolvedBackupScratch = type === 'emptyDir'
    ? { type, sizeLimit: scratch.size }
    : { type, size: scratch.size ?? '10Gi', storageClass: scratch.storageClass };
  return {
    schedule: b.schedule ?? '0 1 * * *',
    timeZone: b.timeZone,
    extraArgs: b.extraArgs ?? [],
    backoffLimit: b.backoffLimit ?? 6,
    successfulJobsHistoryLimit: b.successfulJobsHistoryLimit ?? 3,
    failedJobsHistoryLimit: b.failedJobsHistoryLimit ?? 1,
    activeDeadlineSeconds: b.activeDeadlineSeconds,
    startingDeadlineSeconds: b.startingDeadlineSeconds,
    suspend: b.suspend ?? false,
    scratch: resolvedScratch,
    resources: b.resources ?? { requests: { cpu: '50m', memory: '350M' } },
    placement: ctx.mergePlacement(ctx.platformPlacement, b.placement),
  };
}
