import { SecretRef } from '../../config/types';
import { HealthCheckReference } from './resources';

/** A Git repository source (`GitRepository`), e.g. the GitLab project holding the synthesized manifests. */
export interface FluxGitSource {
  /** `https://gitlab.example.com/group/manifests.git` (or `ssh://`). No credentials in the URL. */
  readonly url: string;
  /** @default main (unless tag, semver or commit is set) */
  readonly branch?: string;
  /** @default none */
  readonly tag?: string;
  /** @default none */
  readonly semver?: string;
  /** @default none */
  readonly commit?: string;
  /**
   * Read-only credentials: a Secret with `username` and `password` holding a GitLab project deploy token
   * (scope `read_repository`). Only `name` is used. @default none (public repository)
   */
  readonly secretRef?: SecretRef;
  /** How often Flux fetches. Keep it even with a webhook receiver, as a fallback. @default 1m */
  readonly interval?: string;
  /** @default 60s (Flux default) */
  readonly timeout?: string;
}

/** An OCI artifact source (`OCIRepository`), e.g. manifests pushed by CI with `flux push artifact` to the GitLab registry. */
export interface FluxOciSource {
  /** `oci://registry.example.com/group/project/manifests` */
  readonly url: string;
  /** @default latest (unless semver or digest is set) */
  readonly tag?: string;
  /** @default none */
  readonly semver?: string;
  /** `sha256:...` @default none */
  readonly digest?: string;
  /**
   * Read-only registry credentials: a kubernetes.io/dockerconfigjson Secret, e.g. from a GitLab deploy token with
   * `read_registry`. Only `name` is used. @default none
   */
  readonly secretRef?: SecretRef;
  /** Cloud provider auth instead of a Secret. @default generic */
  readonly provider?: 'generic' | 'aws' | 'azure' | 'gcp';
  /** @default 1m */
  readonly interval?: string;
  /** @default 60s (Flux default) */
  readonly timeout?: string;
}

/**
 * A webhook that makes Flux fetch now instead of at the next interval: a GitLab project webhook (`gitlab`,
 * push and tag events; GitLab sends the Secret's token as `X-Gitlab-Token`) or a `generic` one (e.g. `curl` from
 * CI after `flux push artifact`). The agent's Flux module creates its own Receivers for GitRepositories.
 */
export interface FluxReceiverOptions {
  /** @default gitlab */
  readonly type?: 'gitlab' | 'generic';
  /** Secret with key `token`, the shared webhook secret. Only `name` is used. */
  readonly secret: SecretRef;
  /** @default ["Push Hook", "Tag Push Hook"] for gitlab */
  readonly events?: readonly string[];
}

/**
 * Pull-based deployment with Flux: a source (Git or OCI) and a Kustomization that applies the manifests under
 * `path`, pruning what was removed, optionally with a webhook Receiver.
 */
export interface FluxSyncProps {
  /** Name of the Flux objects. @default the construct id */
  readonly name?: string;
  /** Namespace of the Flux objects. @default flux-system */
  readonly namespace?: string;
  /** Exactly one of `git` or `oci`. Required: a sync without a source has nothing to apply. @default neither (give exactly one) */
  readonly source: { readonly git?: FluxGitSource; readonly oci?: FluxOciSource };
  /** Directory in the source with the manifests (Flux generates a kustomization.yaml when there is none). @default ./ */
  readonly path?: string;
  /** How often the Kustomization re-applies (drift correction). @default 10m */
  readonly interval?: string;
  /** @default the interval */
  readonly retryInterval?: string;
  /** Time for apply and health checks. @default 5m */
  readonly timeout?: string;
  /** Delete objects that left the source. @default true */
  readonly prune?: boolean;
  /** Wait for every applied object to become ready. @default true unless `healthChecks` are given */
  readonly wait?: boolean;
  /** Objects whose readiness decides the sync's health (instead of `wait`). @default none */
  readonly healthChecks?: readonly HealthCheckReference[];
  /** Put every namespaced object into this namespace. @default the manifests' own namespaces */
  readonly targetNamespace?: string;
  /** ServiceAccount the kustomize-controller impersonates (multi-tenancy lock-down). @default the controller's own */
  readonly serviceAccountName?: string;
  /** Kustomizations (names in the same namespace) that must be ready first. @default none */
  readonly dependsOn?: readonly string[];
  /**
   * Apply the platform in GitLab's upgrade order with three Kustomizations: `<name>-pre-deployment` (path
   * `<path>/pre-deployment`: the pre-deployment migrations Job and what it needs), `<name>` (`<path>/deployment`,
   * after it) and `<name>-post-deployment` (`<path>/post-deployment`, after the rollout), each waiting for its
   * objects to be ready (a Job: complete). Write the directories with `cli synth --phase-dirs` or
   * `writePhaseDirectories`. @default false (one Kustomization for `path`)
   */
  readonly upgradePhases?: boolean;
  /** Webhook receiver. @default none */
  readonly receiver?: FluxReceiverOptions;
  /** Extra labels on every object. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}
