import type { Placement } from '../placement/types';
import type { Resources } from '../workloads/types';
import type { BackupScratchType } from './names';

/**
 * The toolbox's scheduled backups: what a user writes under `components.toolbox.backups`. Re-exported by
 * `../types.ts`. Where the backups are stored (bucket, backend) is `../object-storage/backups.ts`.
 */

/** Where `backup-utility` stages the archive before uploading it. */
export interface BackupScratch {
  /** `emptyDir` (gone with the pod) or a `persistentVolumeClaim` kept across runs (never deleted by a sync). @default emptyDir */
  readonly type?: BackupScratchType;
  /** emptyDir: size limit; PVC: requested size. @default no limit (emptyDir), 10Gi (PVC) */
  readonly size?: string;
  /** PVC only. @default the cluster's default StorageClass */
  readonly storageClass?: string;
}

/** The `<release>-toolbox-backup` CronJob: `backup-utility` to the backup bucket on a schedule. */
export interface ToolboxBackupsOptions {
  /** @default true when `backups` is set */
  readonly enabled?: boolean;
  /** Cron schedule (five fields, or @daily and friends). @default "0 1 * * *" */
  readonly schedule?: string;
  /** IANA time zone of the schedule. @default the kube-controller-manager's (usually UTC) */
  readonly timeZone?: string;
  /** Extra `backup-utility` arguments, e.g. ["--skip", "registry"]. @default [] */
  readonly extraArgs?: readonly string[];
  /** @default 6 */
  readonly backoffLimit?: number;
  /** @default 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** @default 1 */
  readonly failedJobsHistoryLimit?: number;
  /** Seconds a run may take. @default no limit */
  readonly activeDeadlineSeconds?: number;
  /** Seconds a missed run may still start. @default no limit */
  readonly startingDeadlineSeconds?: number;
  /** @default false */
  readonly suspend?: boolean;
  /** @default emptyDir */
  readonly scratch?: BackupScratch;
  /** @default requests 50m / 350M */
  readonly resources?: Resources;
  /** Node placement; merged over the platform-wide `placement`. @default the platform-wide `placement` */
  readonly placement?: Placement;
}
