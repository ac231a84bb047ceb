import type { Resources } from '../../config/types';
import type { InClusterStorage } from '../props';

/** Garage (S3-compatible object storage): one node holding every bucket GitLab uses. */
export interface InClusterObjectStorageConfig {
  /** Name of the StatefulSet and Service. @default `<release>-garage` */
  readonly name?: string;
  /**
   * Secret with Garage's credentials, keys `rpc-secret`, `admin-token`, `access-key-id` and `secret-access-key`
   * (`cli secrets` generates it). @default `<release>-garage`
   */
  readonly credentials?: string;
  /**
   * Secret holding the clients' configuration built from the same key: `connection` (Rails, fog), `registry` (the
   * registry's s3 driver) and `s3cfg` (s3cmd for the toolbox backups). @default `<release>-object-storage`
   */
  readonly clientSecret?: string;
  /** S3 region Garage answers for. @default garage */
  readonly region?: string;
  /** Data volume (objects). @default 10Gi */
  readonly storage?: InClusterStorage;
  /** Metadata volume. @default 1Gi */
  readonly metadataStorage?: InClusterStorage;
  /** Resources of the Garage pod. @default requests 100m CPU, 256Mi memory */
  readonly resources?: Resources;
}
