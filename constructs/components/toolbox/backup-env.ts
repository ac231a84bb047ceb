import { ResolvedConfig } from '../../config/resolved';
import { ObjectType } from '../../config/types';
import { backupStorageEnv } from './backup-storage';

/** `backup-utility`'s variable for each object type's bucket. */
const BUCKET_VARS: ReadonlyArray<[ObjectType, string]> = [
  ['artifacts', 'ARTIFACTS_BUCKET_NAME'],
  ['lfs', 'LFS_BUCKET_NAME'],
  ['uploads', 'UPLOADS_BUCKET_NAME'],
  ['packages', 'PACKAGES_BUCKET_NAME'],
  ['externalDiffs', 'EXTERNAL_DIFFS_BUCKET_NAME'],
  ['terraformState', 'TERRAFORM_STATE_BUCKET_NAME'],
  ['ciSecureFiles', 'CI_SECURE_FILES_BUCKET_NAME'],
  ['pages', 'PAGES_BUCKET_NAME'],
];

/**
 * The bucket names `backup-utility` backs up and restores, the backup bucket and its staging bucket (S3 backend).
 * The registry bucket is listed only while the registry runs; the backend's own variables follow.
 */
export function backupBucketEnv(config: ResolvedConfig): Record<string, string> {
  const os = config.objectStorage;
  const env: Record<string, string> = {};
  for (const [type, variable] of BUCKET_VARS) env[variable] = os.buckets[type];
  if (config.components.registry) env.REGISTRY_BUCKET_NAME = config.components.registry.bucket;
  env.BACKUP_BUCKET_NAME = os.backupBucket;
  env.BACKUP_BACKEND = config.components.toolbox?.backupStorage.backend ?? 's3';
  env.TMP_BUCKET_NAME = os.backupTmpBucket;
  return { ...env, ...backupStorageEnv(config) };
}
