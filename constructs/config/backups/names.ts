/** The list of names the backup CronJob settings are built from, written once (types, checks and resolution derive from it). */

/** Where `backup-utility` stages the archive: a volume gone with the pod, or a claim kept across runs. */
export const BACKUP_SCRATCH_TYPES = ['emptyDir', 'persistentVolumeClaim'] as const;
export type BackupScratchType = typeof BACKUP_SCRATCH_TYPES[number];
