/**
 * The typed configuration of a GitLab platform: what a user writes. Everything is validated and defaulted
 * once, by `resolveConfig`, into a `ResolvedConfig` that the components read.
 *
 * This file holds the top-level props and the settings every workload shares; each area's settings live in
 * `types-<area>.ts` and are re-exported here, so `./types` stays the one import.
 */
import type { InClusterServicesConfig } from '../data-services/props';
import type { SizeName } from './sizing/names';
import type { ComponentsConfig } from './types-components';
import type { ObjectStorageConfig } from './types-data-services';
import type { PostgresConfig } from './postgres/types';
import type { RedisConfig } from './redis/types';
import type { HostsConfig, IngressConfig, NetworkPoliciesConfig } from './types-exposure';
import type { EmailConfig, LdapConfig, OmniauthConfig } from './types-mail-auth';
import type { RailsConfig } from './types-rails';
import type { MonitoringConfig } from './monitoring/types';
import type { SingleKeySecretName } from './types-workloads';
import type { Placement } from './placement/types';
import type { UpgradeConfig } from '../upgrades/types';

export type { UpgradeConfig } from '../upgrades/types';

export type {
  ComponentIngressOptions, RegistryLogOptions, RegistryMaintenance, RegistryStorageHealthCheck,
  RegistryValidation, SingleKeySecretName,
} from './types-workloads';

export type * from './types-data-services';
export type * from './postgres/types';
export type * from './redis/types';
export type * from './types-exposure';
export type * from './types-components';
export type * from './types-mail-auth';
export type * from './types-rails';
export type * from '../data-services/props';
export type * from './monitoring/types';
export type * from './keda/types';
export type * from './pod-extras/types';
export type * from './probes/types';
export type * from './ssh/types';
export type * from './placement/types';
export type * from './workloads/types';
export type { BackupBackend } from './object-storage/backups';

/** A reference to one key of a Kubernetes Secret that already exists (or that the Pulumi stack creates). */
export interface SecretRef {
  /** Name of the Secret in the platform's namespace. */
  readonly name: string;
  /** Key inside the Secret. @default depends on the setting (e.g. `password`) */
  readonly key?: string;
}

export type Edition = 'ee' | 'ce';

/** One image: repository and pinned tag. */
export interface ImageOverride {
  /** Full repository, e.g. `registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee`. @default from the catalog */
  readonly repository?: string;
  /** Pinned tag, e.g. `v18.9.1`. `master`/`main`/`latest` are refused. @default from the catalog */
  readonly tag?: string;
  /** @default IfNotPresent */
  readonly pullPolicy?: 'IfNotPresent' | 'Always' | 'Never';
  /** Content digest (`sha256:...`) the tag must resolve to: the image is pulled as `repository:tag@digest`. @default none */
  readonly digest?: string;
}

/** The images the platform runs; each can be overridden. */
export type ImageName = import('./common/names').ImageName;

/** One source of custom CA certificates: a Secret or a ConfigMap (exactly one), all its keys or the listed ones. */
export interface CustomCaSource {
  /** Secret holding PEM bundles. @default none (give `secret` or `configMap`) */
  readonly secret?: string;
  /** ConfigMap holding PEM bundles (CA certificates are not secret). @default none (give `secret` or `configMap`) */
  readonly configMap?: string;
  /** The keys to trust. @default every key */
  readonly keys?: readonly string[];
}

/** Names of the Secrets the components share (rails secrets, tokens, keys). Defaults: `<release>-<suffix>`. */
export type SharedSecretName = import('./common/names').SharedSecretName;

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
