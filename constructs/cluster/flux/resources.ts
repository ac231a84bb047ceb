import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * Small typed wrappers of the Flux custom resources this library writes, in the API versions Flux 2.9 serves
 * (`source.toolkit.fluxcd.io/v1`, `kustomize.toolkit.fluxcd.io/v1`, `notification.toolkit.fluxcd.io/v1`).
 * Only the fields used here are typed; the shapes follow the CRD schemas.
 */

export interface LocalObjectReference {
  readonly name: string;
}

/** `spec` of a GitRepository. */
export interface GitRepositorySpec {
  readonly url: string;
  readonly interval: string;
  readonly timeout?: string;
  readonly ref?: { readonly branch?: string; readonly tag?: string; readonly semver?: string; readonly commit?: string; readonly name?: string };
  /** Basic-auth Secret (`username`/`password`, e.g. a read-only deploy token) or SSH key Secret. */
  readonly secretRef?: LocalObjectReference;
  readonly ignore?: string;
  readonly suspend?: boolean;
}

/** `spec` of an OCIRepository. */
export interface OCIRepositorySpec {
  readonly url: string;
  readonly interval: string;
  readonly timeout?: string;
  readonly ref?: { readonly tag?: string; readonly semver?: string; readonly digest?: string };
  /** Registry credentials (a kubernetes.io/dockerconfigjson Secret, e.g. a deploy token with read_registry). */
  readonly secretRef?: LocalObjectReference;
  readonly provider?: 'generic' | 'aws' | 'azure' | 'gcp';
  readonly ignore?: string;
  readonly suspend?: boolean;
}

export interface CrossNamespaceSourceReference {
  readonly apiVersion?: string;
  readonly kind: 'GitRepository' | 'OCIRepository' | 'Bucket' | 'ExternalArtifact';
  readonly name: string;
  readonly namespace?: string;
}

export interface HealthCheckReference {
  readonly apiVersion?: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** `spec` of a Kustomization. */
export interface KustomizationSpec {
  readonly sourceRef: CrossNamespaceSourceReference;
  readonly path?: string;
  readonly interval: string;
  readonly retryInterval?: string;
  readonly timeout?: string;
  readonly prune: boolean;
  readonly wait?: boolean;
  readonly healthChecks?: readonly HealthCheckReference[];
  readonly targetNamespace?: string;
  readonly serviceAccountName?: string;
  readonly dependsOn?: readonly { readonly name: string; readonly namespace?: string }[];
  readonly force?: boolean;
  readonly suspend?: boolean;
}

/** `spec` of a notification Receiver. */
export interface ReceiverSpec {
  readonly type: 'generic' | 'generic-hmac' | 'gitlab';
  readonly events?: readonly string[];
  readonly interval?: string;
  readonly resources: readonly { readonly apiVersion?: string; readonly kind: string; readonly name: string; readonly namespace?: string }[];
  /** Secret with key `token` (the webhook path is derived from it). */
  readonly secretRef?: LocalObjectReference;
  readonly suspend?: boolean;
}

export const SOURCE_API = 'source.toolkit.fluxcd.io/v1';
export const KUSTOMIZE_API = 'kustomize.toolkit.fluxcd.io/v1';
export const NOTIFICATION_API = 'notification.toolkit.fluxcd.io/v1';

class FluxObject<S> extends ApiObject {
  constructor(scope: Construct, id: string, apiVersion: string, kind: string, metadata: ApiObjectMetadata, spec: S) {
    super(scope, id, { apiVersion, kind, metadata, spec: spec as unknown as Record<string, unknown> });
  }
}

export class GitRepository extends FluxObject<GitRepositorySpec> {
  constructor(scope: Construct, id: string, props: { readonly metadata: ApiObjectMetadata; readonly spec: GitRepositorySpec }) {
    super(scope, id, SOURCE_API, 'GitRepository', props.metadata, props.spec);
  }
}

export class OCIRepository extends FluxObject<OCIRepositorySpec> {
  constructor(scope: Construct, id: string, props: { readonly metadata: ApiObjectMetadata; readonly spec: OCIRepositorySpec }) {
    super(scope, id, SOURCE_API, 'OCIRepository', props.metadata, props.spec);
  }
}

export class Kustomization extends FluxObject<KustomizationSpec> {
  constructor(scope: Construct, id: string, props: { readonly metadata: ApiObjectMetadata; readonly spec: KustomizationSpec }) {
    super(scope, id, KUSTOMIZE_API, 'Kustomization', props.metadata, props.spec);
  }
}

export class Receiver extends FluxObject<ReceiverSpec> {
  constructor(scope: Construct, id: string, props: { readonly metadata: ApiObjectMetadata; readonly spec: ReceiverSpec }) {
    super(scope, id, NOTIFICATION_API, 'Receiver', props.metadata, props.spec);
  }
}
