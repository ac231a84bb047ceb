import { PropsBuilder } from './builder';

/**
 * `gitlab.toolbox.backups.objectStorage`: the backend (s3, gcs or azure) and its configuration Secret (the s3cmd
 * configuration for s3; a service account key with `gcpProject` for gcs; the azcopy configuration for azure).
 */
export function readBackupStorage(b: PropsBuilder, path: string, to: string): void {
  const os = `${path}.backups.objectStorage`;
  const backend = b.values.string(`${os}.backend`) ?? 's3';
  if (backend === 's3') {
    b.string(`${os}.config.secret`, `${to}.backupS3cmdConfig.name`);
    b.string(`${os}.config.key`, `${to}.backupS3cmdConfig.key`);
    return;
  }
  b.set(`${to}.backupBackend`, backend, `${os}.backend`);
  b.string(`${os}.config.secret`, `${to}.backupConfig.name`);
  b.string(`${os}.config.key`, `${to}.backupConfig.key`);
  b.string(`${os}.config.gcpProject`, `${to}.backupGcpProject`);
}
