import type { SecretRef } from '../secrets/types';
import type { AppConfigObjectType, IrsaComponent, ObjectType, ServerSideEncryption } from './names';

/**
 * External object storage, the input types: the settings of the buckets GitLab stores objects in (PostgreSQL and
 * Redis: `postgres/`, `redis/`). Checked in `checks.ts`, resolved in `resolve.ts`, read from values in `values.ts`.
 */

export type { AppConfigObjectType, IrsaComponent, ObjectType, ServerSideEncryption } from './names';

/** S3 server-side encryption that Rails asks for on upload (fog's `storage_options`). */
export interface ObjectStorageEncryption {
  /** `AES256` (S3-managed keys) or `aws:kms`. */
  readonly serverSideEncryption: ServerSideEncryption;
  /** The KMS key (ID or ARN) with `aws:kms`. @default the account's AWS-managed key */
  readonly kmsKeyId?: string;
}

export interface ObjectStorageConfig {
  /**
   * Fog connection Secret (`provider: AWS`, `region`, and keys or `use_iam_profile: true`; `Google` or `AzureRM`
   * work too). Consolidated mode (the chart's `global.appConfig.object_store`): the one connection of every type,
   * read by Rails and by Workhorse. With `connections`: the connection of each type that has none of its own.
   * Required unless `connections` covers every enabled type. @default key `connection`
   */
  readonly connection?: SecretRef;
  /**
   * Per-type object storage (the chart's `global.appConfig.<type>.connection` with `object_store.enabled: false`):
   * each type gets its own `object_store` section in gitlab.yml and its own fog connection Secret, mounted at
   * `/etc/gitlab/objectstorage/<type>`. Types may share a Secret. Workhorse then gets no storage credentials (Rails
   * hands it pre-signed URLs), as in the chart. Setting any entry switches to this mode; types left out use
   * `connection`. @default none (consolidated)
   */
  readonly connections?: Partial<Record<ObjectType, SecretRef>>;
  /** Serve downloads through GitLab instead of redirecting to the bucket. @default true */
  readonly proxyDownload?: boolean;
  /**
   * `proxy_download` of single types, over `proxyDownload` (the chart's `global.appConfig.<type>.proxy_download`).
   * Pages has none. @default `proxyDownload`
   */
  readonly proxyDownloads?: Partial<Record<AppConfigObjectType, boolean>>;
  /**
   * S3 server-side encryption of uploaded objects (the chart's `storage_options`), for every type.
   * @default none (the bucket's default encryption)
   */
  readonly storageOptions?: ObjectStorageEncryption;
  /**
   * Bucket per object type. @default the chart's names: `gitlab-artifacts`, `git-lfs`, `gitlab-uploads`,
   * `gitlab-packages`, `gitlab-mr-diffs`, `gitlab-terraform-state`, `gitlab-ci-secure-files`,
   * `gitlab-dependency-proxy`, `gitlab-pages`
   */
  readonly buckets?: Partial<Record<ObjectType, string>>;
  /** Object types whose feature is turned off in Rails (`<type>.enabled: false`, no bucket). @default none */
  readonly disabled?: readonly ObjectType[];
  /** Bucket the backup CronJob and `backup-utility` write backups to. @default `gitlab-backups` (the chart's) */
  readonly backupBucket?: string;
  /**
   * Staging bucket `backup-utility` moves existing objects to during a restore. @default `tmp` (the chart's
   * `global.appConfig.backups.tmpBucket`; S3 bucket names are global, so name your own in production)
   */
  readonly backupTmpBucket?: string;
  /**
   * IAM-role mode: pods get credentials from a role (IRSA) instead of keys. Service accounts are created and
   * annotated with the role ARN; the connection Secret must then say `use_iam_profile: true`.
   * @default none: keys in the connection Secret
   */
  readonly iamRole?: { readonly roleArn: string; readonly perComponent?: Partial<Record<IrsaComponent, string>> };
}
