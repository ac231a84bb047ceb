import type { ResolvedUpgrade } from '../upgrades/types';
import type { ResolvedInClusterServices } from '../data-services/resolved';
import type { ResolvedImage } from './images/resolve';
import type { ResolvedSecretRef } from './secrets/resolve';
import type { SizeName } from './sizing/names';
import type { ResolvedWebservice } from './webservice/resolve';
import type { ResolvedSidekiq } from './sidekiq/resolve';
import type { ResolvedGitLabShell } from './gitlab-shell/resolve';
import type { ResolvedToolbox } from './toolbox/resolve';
import type { ResolvedMigrations } from './components/resolve';
import type { ResolvedWorkload } from './workloads/resolve';
import type { SingleKeySecretName } from './types';

export type { ResolvedComponentIngress } from './exposure/component-ingress';
export type {
  ResolvedSidekiqPod, ResolvedSidekiqSettings, ResolvedWebserviceDeployment, ResolvedWebserviceSettings,
} from './workloads/deployments';
export type { ResolvedAutoscaling, ResolvedWorkload } from './workloads/resolve';
import type { ResolvedObjectStorage } from './object-storage/resolve';
export type { ObjectStorageMode, ResolvedObjectStorage, ResolvedObjectStorageConnections } from './object-storage/resolve';
export type { ResolvedBackupStorage } from './object-storage/backups';
import type { ResolvedMonitoring } from './monitoring/resolve';
import type { ResolvedEmail } from './mail/resolve';
import type { ResolvedGitLabPages } from './pages/resolve';
import type { ResolvedSpamcheck } from './spamcheck/resolve';
import type { ResolvedLdap, ResolvedOmniauth } from './auth/resolve';
import type { ResolvedPostgresConfig } from './postgres/resolve';
import type { ResolvedRedisConfig } from './redis/resolve';
import type { ResolvedHosts, ResolvedIngress } from './exposure/resolve';
import type { ResolvedNetworkPolicies } from './network-policies/resolve';
import type { CustomCaSource } from './types';
import { Edition, ImageName, SharedSecretName } from './types';

/** The validated, fully defaulted model the components read. Nothing here is optional by accident. */

export type {
  PostgresClient, ResolvedLoadBalancing, ResolvedPostgres, ResolvedPostgresConfig, ResolvedPostgresConnections,
} from './postgres/resolve';
export type { ResolvedRedis, ResolvedRedisConfig } from './redis/resolve';
import type { ResolvedRails } from './rails/resolve';
export type { ResolvedRails } from './rails/resolve';
import type { ResolvedGitaly, ResolvedPraefect, ResolvedRepositories } from './gitaly/resolved';
import type { ResolvedRegistry } from './registry/resolve';
export type { ResolvedRegistry, ResolvedRegistryTuning } from './registry/resolve';
export type {
  RepositoryServer, ResolvedGitaly, ResolvedGitalyPersistence, ResolvedPraefect, ResolvedPraefectDatabase, ResolvedRepositories,
  ResolvedRepositoryStorage, ResolvedVirtualStorage,
} from './gitaly/resolved';
export type { IngressTls, ResolvedGatewayRef, ResolvedHost, ResolvedHosts, ResolvedIngress } from './exposure/resolve';
export type { ResolvedSshExposure } from './ssh/resolve';
export type { ResolvedNetworkPeer, ResolvedNetworkPolicies } from './network-policies/resolve';
export type { ResolvedImage } from './images/resolve';
export type { ResolvedSecretRef } from './secrets/resolve';
export type { ResolvedWebservice } from './webservice/resolve';
export type { ResolvedSidekiq } from './sidekiq/resolve';
export type { ResolvedGitLabShell } from './gitlab-shell/resolve';
export type { ResolvedToolbox } from './toolbox/resolve';
export type { ResolvedMigrations } from './components/resolve';

/** A component is `undefined` when turned off. */
export interface ResolvedComponents {
  readonly webservice?: ResolvedWebservice;
  readonly sidekiq?: ResolvedSidekiq;
  readonly gitaly?: ResolvedGitaly;
  readonly praefect?: ResolvedPraefect;
  readonly gitlabShell?: ResolvedGitLabShell;
  readonly registry?: ResolvedRegistry;
  readonly kas?: ResolvedWorkload;
  readonly gitlabExporter?: ResolvedWorkload;
  readonly toolbox?: ResolvedToolbox;
  readonly gitlabPages?: ResolvedGitLabPages;
  /** Present exactly while an incoming mailbox is configured (and mailroom is not turned off). */
  readonly mailroom?: ResolvedWorkload;
  readonly spamcheck?: ResolvedSpamcheck;
  readonly migrations?: ResolvedMigrations;
}

export interface ResolvedConfig {
  readonly release: string;
  readonly namespace: string;
  readonly edition: Edition;
  readonly version: string;
  readonly images: Readonly<Record<ImageName, ResolvedImage>>;
  readonly imagePullSecrets: readonly string[];
  readonly hosts: ResolvedHosts;
  readonly timeZone: string;
  /** The platform's connections, and each client component's (its override applied). */
  readonly postgres: ResolvedPostgresConfig;
  readonly redis: ResolvedRedisConfig;
  /** The reference architecture size the defaults came from. */
  readonly size?: SizeName;
  /** Consolidated (`connection`) or per-type (`connections`) connections: `object-storage/resolve.ts`. */
  readonly objectStorage: ResolvedObjectStorage;
  readonly ingress: ResolvedIngress;
  /** `undefined` when `networkPolicies: false`. */
  readonly networkPolicies?: ResolvedNetworkPolicies;
  readonly serviceAccounts: boolean;
  readonly secrets: Readonly<Record<SharedSecretName, string>>;
  /** The key of each one-value shared Secret. */
  readonly secretKeys: Readonly<Record<SingleKeySecretName, string>>;
  /** The EE license the migrations Job applies. */
  readonly license?: ResolvedSecretRef;
  /** Extra labels on every pod. */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly customCAs: readonly CustomCaSource[];
  readonly labels: Readonly<Record<string, string>>;
  /** Prometheus Operator monitors of the components that run (`monitoring/resolve.ts`). */
  readonly monitoring: ResolvedMonitoring;
  readonly components: ResolvedComponents;
  /** Sender, outgoing SMTP and the mailboxes GitLab reads. */
  readonly email: ResolvedEmail;
  /** External identity providers; absent when off. */
  readonly omniauth?: ResolvedOmniauth;
  /** LDAP sign-in; absent when off. */
  readonly ldap?: ResolvedLdap;
  /** Repository storages and how GitLab reaches them (in-cluster Gitaly, Praefect, external servers). */
  readonly repositories: ResolvedRepositories;
  /** GitLab application settings (gitlab.yml), the chart's defaults applied. */
  readonly rails: ResolvedRails;
  /** The running release, two-phase migrations and Argo CD waves. */
  readonly upgrade: ResolvedUpgrade;
  /** PostgreSQL, Valkey and Garage run in the cluster (`inClusterServices`); each is also wired into `postgres`, `redis`, `objectStorage`. */
  readonly inClusterServices?: ResolvedInClusterServices;
}

export type { ResolvedEmail, ResolvedMailbox, ResolvedSmtp } from './mail/resolve';
export type { ProviderList, ResolvedLdap, ResolvedLdapServer, ResolvedOmniauth } from './auth/resolve';
export type { ResolvedGitLabPages, ResolvedPagesCustomDomains } from './pages/resolve';
export type { ResolvedSpamcheck } from './spamcheck/resolve';
export type { ResolvedBackupScratch, ResolvedToolboxBackups } from './backups/resolve';
