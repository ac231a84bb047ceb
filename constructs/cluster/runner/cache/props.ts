import { SecretRef } from '../../../config/types';

/** The S3 bucket that holds the CI cache (`[runners.cache]`), shared by every job pod of this runner. */
export interface RunnerS3Cache {
  readonly bucket: string;
  /** @default us-east-1 */
  readonly region?: string;
  /** S3 endpoint host. @default s3.amazonaws.com */
  readonly serverAddress?: string;
  /** Prefix inside the bucket. @default the runner's name */
  readonly path?: string;
  /** Share the cache between runners (`Shared`). @default false */
  readonly shared?: boolean;
  /**
   * IAM role of the runner manager (IRSA): its ServiceAccount is annotated `eks.amazonaws.com/role-arn` and the
   * runner signs cache URLs with the role (`AuthenticationType = "iam"`). Exactly one of `iamRoleArn` and `credentials`.
   * @default none: give `credentials`
   */
  readonly iamRoleArn?: string;
  /** Secret with keys `accesskey` and `secretkey` (`AuthenticationType = "access-key"`). Only `name` is read. @default none: give `iamRoleArn` */
  readonly credentials?: SecretRef;
  /** @default none (bucket default encryption) */
  readonly serverSideEncryption?: 'S3' | 'KMS';
  /** Talk plain HTTP to `serverAddress` (`Insecure`, e.g. an in-cluster MinIO without TLS). @default false */
  readonly insecure?: boolean;
}

/** The GCS bucket that holds the CI cache (`[runners.cache.gcs]`). */
export interface RunnerGcsCache {
  readonly bucket: string;
  /** Prefix inside the bucket. @default the runner's name */
  readonly path?: string;
  /** Share the cache between runners (`Shared`). @default false */
  readonly shared?: boolean;
  /**
   * Secret with key `gcs-application-credentials-file` (a service account key JSON), mounted for the manager
   * (`CredentialsFile`). Without it the manager signs cache URLs with the Google credentials of its pod (GKE
   * Workload Identity: annotate the ServiceAccount through `serviceAccountAnnotations`). Only `name` is read.
   * @default none (the pod's own Google credentials)
   */
  readonly credentials?: SecretRef;
}

/** The Azure Blob Storage container that holds the CI cache (`[runners.cache.azure]`). */
export interface RunnerAzureCache {
  /** The blob container. */
  readonly containerName: string;
  /** Secret with keys `azure-account-name` and `azure-account-key` (read at start, never in the ConfigMap). Only `name` is read. */
  readonly credentials: SecretRef;
  /** @default blob.core.windows.net */
  readonly storageDomain?: string;
  /** Prefix inside the container. @default the runner's name */
  readonly path?: string;
  /** Share the cache between runners (`Shared`). @default false */
  readonly shared?: boolean;
}

/** Where the CI cache lives (`[runners.cache]`): exactly one of the three. */
export interface RunnerCache {
  /** @default none */
  readonly s3?: RunnerS3Cache;
  /** @default none */
  readonly gcs?: RunnerGcsCache;
  /** @default none */
  readonly azure?: RunnerAzureCache;
}
