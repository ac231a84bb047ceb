/**
 * The lists of names the object storage settings are built from, each written once: the props types, the checks,
 * the resolution, the values import, the Rails components and the Pulumi stack derive from these arrays.
 */

/** GitLab's object types stored in the consolidated object storage, in the chart's order of gitlab.yml's sections. */
export const OBJECT_TYPES = [
  'artifacts', 'lfs', 'uploads', 'packages', 'externalDiffs', 'terraformState', 'ciSecureFiles', 'dependencyProxy', 'pages',
] as const;
export type ObjectType = typeof OBJECT_TYPES[number];

/** The types with a section under the chart's `global.appConfig` (and an `enabled` feature section in gitlab.yml); Pages has its own. */
export const APP_CONFIG_OBJECT_TYPES = OBJECT_TYPES.filter((t): t is Exclude<ObjectType, 'pages'> => t !== 'pages');
export type AppConfigObjectType = typeof APP_CONFIG_OBJECT_TYPES[number];

/** The types the chart's values.yaml enables by default (`global.appConfig.<type>.enabled`); the others it turns off. */
export const CHART_ENABLED_OBJECT_TYPES: readonly AppConfigObjectType[] = ['artifacts', 'lfs', 'uploads', 'packages'];

/**
 * The types whose `proxy_download` the chart's values.yaml sets (to true): in consolidated mode the chart repeats it
 * under `objects.<type>`.
 */
export const CHART_PROXIED_OBJECT_TYPES: readonly AppConfigObjectType[] = ['artifacts', 'lfs', 'uploads', 'packages', 'externalDiffs', 'dependencyProxy'];

/** S3 server-side encryption modes (`objectStorage.storageOptions.serverSideEncryption`). */
export const SERVER_SIDE_ENCRYPTIONS = ['AES256', 'aws:kms'] as const;
export type ServerSideEncryption = typeof SERVER_SIDE_ENCRYPTIONS[number];

/** How Rails and Workhorse reach object storage: one connection for all types, or one per type. */
export const OBJECT_STORAGE_MODES = ['consolidated', 'perType'] as const;
export type ObjectStorageMode = typeof OBJECT_STORAGE_MODES[number];

/** The chart's bucket names (`global.appConfig.<type>.bucket`), used when `objectStorage.buckets` names none. */
export const BUCKET_DEFAULTS: Readonly<Record<ObjectType, string>> = {
  artifacts: 'gitlab-artifacts', lfs: 'git-lfs', uploads: 'gitlab-uploads', packages: 'gitlab-packages',
  externalDiffs: 'gitlab-mr-diffs', terraformState: 'gitlab-terraform-state', ciSecureFiles: 'gitlab-ci-secure-files',
  dependencyProxy: 'gitlab-dependency-proxy', pages: 'gitlab-pages',
};
/** The chart's backup buckets (`global.appConfig.backups.bucket` and `.tmpBucket`: `tmp`, as in chart 9.9.1). */
export const BACKUP_BUCKET_DEFAULT = 'gitlab-backups';
export const BACKUP_TMP_BUCKET_DEFAULT = 'tmp';

/** The components that talk to object storage, each with its own ServiceAccount and IAM role (IRSA). */
export const IRSA_COMPONENTS = ['webservice', 'sidekiq', 'toolbox', 'registry', 'migrations'] as const;
export type IrsaComponent = typeof IRSA_COMPONENTS[number];
