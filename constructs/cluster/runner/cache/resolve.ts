import type { SecretFile } from '../../../lib/volumes';
import type { RunnerCache } from './props';

/** Where the manager finds its projected Secret files. */
const SECRETS_DIR = '/secrets';

/** The cache after defaults: the `[runners.cache]` table (no secret in it) and what the manager mounts for it. */
export interface ResolvedRunnerCache {
  readonly type: 's3' | 'gcs' | 'azure';
  /** `[runners.cache]` with its `s3` / `gcs` / `azure` table. */
  readonly section: Readonly<Record<string, unknown>>;
  /** IRSA role of the manager's ServiceAccount (S3 with `iamRoleArn`). */
  readonly iamRoleArn?: string;
  /**
   * Secret files the manager reads: S3 and Azure keys are exported by the entrypoint into the environment
   * `register` reads (CACHE_S3_*, CACHE_AZURE_*); the GCS key file is read where `CredentialsFile` points.
   */
  readonly secretFiles: readonly SecretFile[];
}

export function resolveRunnerCache(cache: RunnerCache | undefined, runnerName: string): ResolvedRunnerCache | undefined {
  if (!cache) return undefined;
  if (cache.s3) {
    const c = cache.s3;
    const keys = c.credentials?.name;
    return {
      type: 's3',
      section: {
        Type: 's3',
        Path: c.path ?? runnerName,
        Shared: c.shared ?? false,
        s3: {
          ServerAddress: c.serverAddress ?? 's3.amazonaws.com',
          BucketName: c.bucket,
          BucketLocation: c.region ?? 'us-east-1',
          // IAM: the manager signs cache URLs with its IRSA role; access-key: keys come from CACHE_S3_* at register time.
          AuthenticationType: c.iamRoleArn ? 'iam' : 'access-key',
          ...(c.serverSideEncryption ? { ServerSideEncryption: c.serverSideEncryption } : {}),
          ...(c.insecure ? { Insecure: true } : {}),
        },
      },
      iamRoleArn: c.iamRoleArn,
      secretFiles: keys ? [{ secret: keys, key: 'accesskey', path: 'accesskey' }, { secret: keys, key: 'secretkey', path: 'secretkey' }] : [],
    };
  }
  if (cache.gcs) {
    const c = cache.gcs;
    const key = c.credentials?.name;
    return {
      type: 'gcs',
      section: {
        Type: 'gcs',
        Path: c.path ?? runnerName,
        Shared: c.shared ?? false,
        gcs: { BucketName: c.bucket, ...(key ? { CredentialsFile: `${SECRETS_DIR}/gcs-application-credentials-file` } : {}) },
      },
      secretFiles: key ? [{ secret: key, key: 'gcs-application-credentials-file', path: 'gcs-application-credentials-file' }] : [],
    };
  }
  const c = cache.azure!;
  return {
    type: 'azure',
    section: {
      Type: 'azure',
      Path: c.path ?? runnerName,
      Shared: c.shared ?? false,
      azure: { ContainerName: c.containerName, StorageDomain: c.storageDomain ?? 'blob.core.windows.net' },
    },
    secretFiles: [
      { secret: c.credentials.name, key: 'azure-account-name', path: 'azure-account-name' },
      { secret: c.credentials.name, key: 'azure-account-key', path: 'azure-account-key' },
    ],
  };
}
