/**
 * The lists of names the configuration is built from, each written once: the props types, the checks, the
 * resolution, the values import and the Pulumi stack derive from these arrays.
 */

/** GitLab's object types stored in the consolidated object storage. */
export const OBJECT_TYPES = [
  'artifacts', 'lfs', 'uploads', 'packages', 'externalDiffs', 'terraformState', 'ciSecureFiles', 'dependencyProxy', 'pages',
] as const;
export type ObjectType = typeof OBJECT_TYPES[number];

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
