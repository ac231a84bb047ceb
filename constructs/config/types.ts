/**
 * The typed configuration of a GitLab platform: what a user writes. Everything is validated and defaulted
 * once, by `resolveConfig`, into a `ResolvedConfig` that the components read.
 *
 * This file holds the top-level props; each concept's settings live in its folder (`postgres/types.ts`,
 * `workloads/types.ts`, ...) and are re-exported here, so `./types` stays the one import.
 */
import type { InClusterServicesConfig } from '../data-services/props';
import type { SizeName } from './sizing/names';
import type { ComponentsConfig } from './types-components';
import type { ObjectStorageConfig } from './object-storage/types';
import type { PostgresConfig } from './postgres/types';
import type { RedisConfig } from './redis/types';
import type { Edition, ImageName, ImageOverride } from './images/types';
import type { CustomCaSource, SecretRef, SharedSecretName, SingleKeySecretName } from './secrets/types';
import type { HostsConfig, IngressConfig } from './exposure/types';
import type { NetworkPoliciesConfig } from './network-policies/types';
import type { EmailConfig } from './mail/types';
import type { LdapConfig, OmniauthConfig } from './auth/types';
import type { RailsConfig } from './rails/types';
import type { MonitoringConfig } from './monitoring/types';
import type { Placement } from './placement/types';
import type { UpgradeConfig } from '../upgrades/types';

export type { UpgradeConfig } from '../upgrades/types';

export type * from './object-storage/types';
export type * from './postgres/types';
export type * from './redis/types';
export type * from './images/types';
export type * from './secrets/types';
export type * from './exposure/types';
export type * from './network-policies/types';
export type * from './types-components';
export type * from './webservice/types';
export type * from './sidekiq/types';
export type * from './gitlab-shell/types';
export type * from './toolbox/types';
export type * from './components/types';
export type * from './mail/types';
export type * from './auth/types';
export type * from './rails/types';
export type * from './gitaly/types';
export type * from './registry/types';
export type * from '../data-services/props';
export type * from './monitoring/types';
export type * from './keda/types';
export type * from './pod-extras/types';
export type * from './probes/types';
export type * from './ssh/types';
export type * from './placement/types';
export type * from './workloads/types';
export type * from './pages/types';
export type * from './spamcheck/types';
export type * from './backups/types';
export type { BackupBackend } from './object-storage/backups';

export interface GitLabPlatformProps {
  /** Prefix of every object name (the Helm release name when migrating). @default gitlab */
  readonly releaseName?: string;
  /** Namespace of every object. @default gitlab */
  readonly namespace?: string;
  /** @default ee */
  readonly edition?: Edition;
  /**
   * GitLab version, any 18.x release: the catalog's own (18.9.1) pins every image; another one tags the images
   * the chart tags with `global.gitlabVersion` (Rails, certificates, gitlab-base, kubectl) `v<version>` and keeps
   * the catalog's tags for the rest, with a warning outside 18.9 (the configuration follows GitLab 18.9's).
   * @default the newest catalog entry
   */
  readonly version?: string;
  /**
   * A reference architecture size: sets webservice and Sidekiq scaling (HPA floor, ceiling and CPU target), Puma
   * workers, resources, the Gitaly pod's resources and node pools (`nodeSelector` `workload: webservice|sidekiq|
   * gitaly`, `workload: support` for the rest, as the chart's `examples/ref` do). Any field set explicitly wins;
   * an explicit empty `nodeSelector` (`{}`) drops a pool. @default none (the chart's defaults)
   */
  readonly size?: SizeName;
  /** Per-image overrides. @default the catalog's images of `version` and `edition` */
  readonly images?: Partial<Record<ImageName, ImageOverride>>;
  /** Image pull secrets for every pod. @default none */
  readonly imagePullSecrets?: readonly string[];
  readonly hosts: HostsConfig;
  /** @default UTC */
  readonly timeZone?: string;
  /** External PostgreSQL (may be left out with `inClusterServices.postgres`, see `GitLabPlatformInput`). */
  readonly postgres: PostgresConfig;
  /** External Redis (may be left out with `inClusterServices.redis`). */
  readonly redis: RedisConfig;
  /** External object storage (may be left out with `inClusterServices.objectStorage`). */
  readonly objectStorage: ObjectStorageConfig;
  /** @default NGINX Ingresses (see IngressConfig); `tls` must still be set */
  readonly ingress?: IngressConfig;
  /**
   * NetworkPolicies: every platform pod denies all traffic except the flows the platform uses (between its
   * components, from the ingress, to DNS, PostgreSQL, Redis and object storage). `false` creates none. @default on
   */
  readonly networkPolicies?: NetworkPoliciesConfig | false;
  /** Platform-wide node placement. @default the platform-wide `placement` */
  readonly placement?: Placement;
  /** Create one ServiceAccount per component (recommended; required for IAM roles). @default true */
  readonly serviceAccounts?: boolean;
  /** @default the chart's default install (see ComponentsConfig) */
  readonly components?: ComponentsConfig;
  /** Override the name of a shared Secret. @default `<release>-<suffix>`, as the chart names them */
  readonly secretNames?: Partial<Record<SharedSecretName, string>>;
  /** The key holding the value of a one-value shared Secret, when it is not the default (e.g. `password`). @default the catalogue's (`SHARED_SECRETS`) */
  readonly secretKeys?: Partial<Record<SingleKeySecretName, string>>;
  /** The GitLab EE license, applied by the migrations Job (mounted as `/srv/gitlab/config/Gitlab.gitlab-license`). @default none, key `license` */
  readonly license?: SecretRef;
  /** Extra labels on every pod (never used in selectors); a component's `podLabels` win. @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Extra custom CA certificates added to every trust store: Secrets or ConfigMaps whose keys are PEM bundles (the
   * chart's `global.certificates.customCAs`), each `{ secret }` or `{ configMap }`, optionally limited to `keys`.
   * @default none
   */
  readonly customCAs?: readonly CustomCaSource[];
  /** Extra labels on every object. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Sender, outgoing SMTP, incoming and Service Desk mailboxes. @default GitLab's defaults, no mailboxes */
  readonly email?: EmailConfig;
  /** Sign-in with external identity providers. @default off */
  readonly omniauth?: OmniauthConfig;
  /** Sign-in with LDAP. @default off */
  readonly ldap?: LdapConfig;
  /** GitLab application settings (gitlab.yml: Service Ping, themes, project defaults, Sentry, ...). @default the chart's */
  readonly rails?: RailsConfig;
  /**
   * Run PostgreSQL (CloudNativePG), Valkey and Garage inside the cluster instead of external services, for
   * evaluation, development and small installs (not production). Each one that is on replaces `postgres`, `redis`
   * or `objectStorage`. The CloudNativePG operator must be installed for `postgres`. @default off
   */
  readonly inClusterServices?: InClusterServicesConfig;
  /**
   * The platform's Namespace object, first in the output, labelled to enforce (and warn and audit) the restricted
   * Pod Security Standard. Without it, create the namespace before applying (`kubectl create namespace`). It never
   * carries the objects' `app.kubernetes.io/managed-by` label, so a pipeline pruning by that label never deletes it
   * (with every volume in it). @default false
   */
  readonly namespaceObject?: boolean | NamespaceObjectOptions;
  /** Upgrades: the running release (a jump that skips a required stop is refused), two-phase migrations, Argo CD waves. @default two-phase migrations, no check */
  readonly upgrade?: UpgradeConfig;
  /**
   * Prometheus Operator ServiceMonitors / PodMonitors per component (the chart's `metrics.serviceMonitor` and
   * `podMonitor`). A monitored component drops its `prometheus.io/*` scrape annotations, as in the chart.
   * @default none
   */
  readonly monitoring?: MonitoringConfig;
}

/** Extra metadata of the Namespace object (`namespaceObject`). */
export interface NamespaceObjectOptions {
  /** Extra labels; the Pod Security labels are always set. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * What `GitLabPlatform` accepts: `GitLabPlatformProps` where `postgres`, `redis` and `objectStorage` may be left
 * out when the matching in-cluster service (`inClusterServices`) is on; the in-cluster services fill them in.
 */
export type GitLabPlatformInput = Omit<GitLabPlatformProps, 'postgres' | 'redis' | 'objectStorage'>
  & Partial<Pick<GitLabPlatformProps, 'postgres' | 'redis' | 'objectStorage'>>;
