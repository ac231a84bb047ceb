/**
 * The registry's storage without a driver Secret: the chart's filesystem driver under `/tmp/registry`, on an
 * emptyDir of the pod. Images are lost whenever the pod restarts or moves; one replica only (each pod would have its
 * own images). For evaluation.
 */
export const REGISTRY_EPHEMERAL_STORAGE = 'emptyDir';

/** Where clients fetch layers: redirected to the bucket (the default), or through the registry. */
export interface RegistryStorageRedirect {
  /** `true`: the registry serves layers itself instead of redirecting clients to a pre-signed bucket URL. @default false */
  readonly disable?: boolean;
  /** Host names (regular expressions) still redirected while `disable` is true. @default none */
  readonly exceptions?: readonly string[];
}
