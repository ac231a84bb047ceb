import type { ResolvedUpgrade } from '../upgrades/types';
import type { ResolvedInClusterServices } from '../data-services/resolved';
import { ResolvedImage } from './images';
import type { SizeName } from './sizing/names';
import type {
  ResolvedRegistryTuning,
} from './resolved-workloads';
import type {
  ResolvedSidekiqPod, ResolvedSidekiqSettings, ResolvedWebserviceDeployment, ResolvedWebserviceSettings,
} from './workloads/deployments';
import type { ResolvedWorkload } from './workloads/resolve';
import type { SingleKeySecretName } from './types';

export type {
  ResolvedComponentIngress, ResolvedRegistryTuning,
} from './resolved-workloads';
export type {
  ResolvedSidekiqPod, ResolvedSidekiqSettings, ResolvedWebserviceDeployment, ResolvedWebserviceSettings,
} from './workloads/deployments';
export type { ResolvedAutoscaling, ResolvedWorkload } from './workloads/resolve';
import type { ResolvedBackupStorage } from './object-storage/backups';
import type { ResolvedObjectStorageConnections } from './object-storage/resolve';
import type { ResolvedMonitoring } from './monitoring/resolve';
import type { ResolvedKeda } from './keda/resolve';
import type { ResolvedRegistryStorageExtras } from './registry-storage/resolve';
import type { ResolvedSshDaemonSettings } from './ssh/resolve';
import type { ResolvedPostgresConfig } from './postgres/resolve';
import type { ResolvedRedisConfig } from './redis/resolve';
import type { CustomCaSource } from './types';
import { Edition, ImageName, ObjectType, Placement, RailsConfig, RailsCronJob, Resources, SharedSecretName } from './types';

/** The validated, fully defaulted model the components read. Nothing here is optional by accident. */

export type {
  PostgresClient, ResolvedLoadBalancing, ResolvedPostgres, ResolvedPostgresConfig, ResolvedPostgresConnections,
} from './postgres/resolve';
export type { ResolvedRedis, ResolvedRedisConfig } from './redis/resolve';

export interface ResolvedSecretRef {
  readonly name: string;
  readonly key: string;
}

export interface ResolvedHost {
  readonly name: string;
  readonly https: boolean;
  /** `https://name` or `http://name`. */
  readonly url: string;
}

export interface ResolvedWebservice extends ResolvedWorkload, ResolvedWebserviceSettings {
  /** KEDA scaling of every webservice Deployment, replacing their HPAs (`keda/resolve.ts`). */
  readonly keda?: ResolvedKeda;
  /** gitlab.yml's `monitoring.ip_whitelist`. */
  readonly monitoringWhitelist: readonly string[];
  /** Every Deployment (at least one), each over the component-wide settings above. */
  readonly deployments: readonly ResolvedWebserviceDeployment[];
  /** The Deployment the other components call (`<release>-webservice-<name>`). */
  readonly internalDeployment: string;
}

export interface ResolvedSidekiq extends ResolvedWorkload, ResolvedSidekiqSettings {
  /** KEDA scaling of every Sidekiq Deployment, replacing their HPAs (`keda/resolve.ts`). */
  readonly keda?: ResolvedKeda;
  /** Every Sidekiq Deployment (at least one). */
  readonly pods: readonly ResolvedSidekiqPod[];
}

export interface ResolvedGitalyPersistence {
  readonly size: string;
  readonly storageClass?: string;
  readonly accessMode: string;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
}

/** The `<release>-gitaly` StatefulSet: one pod per storage name. */
export interface ResolvedGitaly extends ResolvedWorkload {
  readonly storageNames: readonly string[];
  readonly persistence: ResolvedGitalyPersistence;
  /** Serve TLS on 8076 with this kubernetes.io/tls Secret; clients connect with `tls://`. */
  readonly tls?: { readonly secretName: string };
  /** Go Cloud URL of the bucket Gitaly serves Git bundles from (`[bundle_uri]`). */
  readonly bundleUri?: string;
}

export interface ResolvedVirtualStorage {
  readonly name: string;
  /** Gitaly pods behind it (StatefulSet `<release>-gitaly-<name>`). */
  readonly gitalyReplicas: number;
  readonly defaultReplicationFactor?: number;
  readonly pdb?: { readonly maxUnavailable: number | string };
  readonly persistence: ResolvedGitalyPersistence;
  /** TLS Secret of its Gitaly pods; set exactly when in-cluster Gitaly serves TLS. */
  readonly tlsSecretName?: string;
}

export interface ResolvedPraefectDatabase {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly username: string;
  readonly password: ResolvedSecretRef;
  readonly sslMode: string;
  readonly sslRootCert?: ResolvedSecretRef;
}

/** Praefect (Gitaly Cluster) and the Gitaly pods behind its virtual storages. */
export interface ResolvedPraefect extends ResolvedWorkload {
  readonly virtualStorages: readonly ResolvedVirtualStorage[];
  readonly database: ResolvedPraefectDatabase;
  readonly autoMigrate: boolean;
  readonly ntpHost: string;
  /** Serve TLS on 8076 with this kubernetes.io/tls Secret; GitLab connects with `tls://`. */
  readonly tls?: { readonly secretName: string };
  /** Settings of the Gitaly pods behind Praefect (components.gitaly's). */
  readonly gitaly: ResolvedWorkload & { readonly persistence: ResolvedGitalyPersistence; readonly bundleUri?: string };
}

/** Which server holds a repository storage. */
export type RepositoryServer = 'gitaly' | 'praefect' | 'external';

export interface ResolvedRepositoryStorage {
  readonly name: string;
  /** `gitaly`: the `<release>-gitaly` StatefulSet; `praefect`: a Praefect virtual storage; `external`: a server outside. */
  readonly server: RepositoryServer;
  /** File under the clients' `gitaly/` secrets folder holding the token for this storage (a key of `tokens`). */
  readonly tokenFile: string;
  /** Where a server outside the platform listens. */
  readonly external?: { readonly hostname: string; readonly port: number; readonly tls: boolean };
}

/** Every repository storage GitLab knows, and the tokens its clients present. */
export interface ResolvedRepositories {
  /** In-cluster Gitaly (ordinal order), then Praefect's virtual storages, then external storages. */
  readonly storages: readonly ResolvedRepositoryStorage[];
  /** The Secret behind each token file clients read; `gitaly_token` (the default token) comes first. */
  readonly tokens: Readonly<Record<string, ResolvedSecretRef>>;
}

export interface ResolvedGitLabShell extends ResolvedWorkload {
  readonly sshDaemon: 'openssh' | 'gitlab-sshd';
  /** The daemon's tuning (`ssh/resolve.ts`). */
  readonly sshd: ResolvedSshDaemonSettings;
  readonly serviceType: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  readonly serviceAnnotations: Readonly<Record<string, string>>;
  /** How SSH is exposed beyond the Service type. */
  readonly expose: ResolvedSshExposure;
  readonly loadBalancerSourceRanges: readonly string[];
  /** Fixed node port (NodePort Services). */
  readonly nodePort?: number;
  /** LoadBalancer Services only. */
  readonly loadBalancerIP?: string;
  /** NodePort and LoadBalancer Services. @default Cluster */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
}

/** `service`: the Service as `serviceType` says; `aws-nlb`: a LoadBalancer Service for the AWS Load Balancer Controller; `tcp-route`: a Gateway API TCPRoute. */
export type ResolvedSshExposure =
  | { readonly via: 'service' }
  | { readonly via: 'aws-nlb'; readonly scheme: 'internet-facing' | 'internal' }
  | { readonly via: 'tcp-route'; readonly gateway: ResolvedGatewayRef; readonly listener?: string };

export interface ResolvedGatewayRef {
  readonly name: string;
  readonly namespace: string;
}

export interface ResolvedRegistry extends ResolvedWorkload, ResolvedRegistryStorageExtras {
  /** The driver Secret; absent with the ephemeral filesystem storage (`ephemeral`). */
  readonly storage?: ResolvedSecretRef;
  readonly bucket: string;
  readonly tuning: ResolvedRegistryTuning;
}

export interface ResolvedToolbox extends ResolvedWorkload {
  readonly backupS3cmdConfig?: ResolvedSecretRef;
  /** The backup backend and its configuration Secret (`object-storage/backups.ts`). */
  readonly backupStorage: ResolvedBackupStorage;
  /** The backup CronJob; absent when scheduled backups are off. */
  readonly backups?: ResolvedToolboxBackups;
}

export interface ResolvedMigrations {
  readonly resources: Resources;
  readonly placement: Placement;
  readonly activeDeadlineSeconds: number;
  readonly backoffLimit: number;
  readonly extraEnv: Readonly<Record<string, string>>;
}

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

export type IngressTls =
  | { readonly mode: 'secret'; readonly secretName: string }
  | { readonly mode: 'issuer'; readonly issuerName: string; readonly issuerKind: 'Issuer' | 'ClusterIssuer';
    /** One Secret for every host, requested with one Certificate (`lib/shared-certificate.ts`). @default a Secret per host */
    readonly secretName?: string }
  /** ACM certificates on the ALB's HTTPS listener. */
  | { readonly mode: 'acm'; readonly certificateArns: readonly string[] }
  /** HTTPS terminated by the user's Gateway with certificates the platform does not know. */
  | { readonly mode: 'gateway' }
  | { readonly mode: 'none' };

/** A NetworkPolicy peer outside the platform's pods. */
export type ResolvedNetworkPeer =
  | { readonly namespace: string; readonly podLabels?: Readonly<Record<string, string>> }
  | { readonly cidr: string; readonly except?: readonly string[] };

/** NetworkPolicy peers and ports, every default applied. */
export interface ResolvedNetworkPolicies {
  readonly ingressFrom: readonly ResolvedNetworkPeer[];
  readonly sshFrom: readonly ResolvedNetworkPeer[];
  readonly metricsFrom: readonly ResolvedNetworkPeer[];
  readonly dns: readonly ResolvedNetworkPeer[];
  readonly postgresCidrs: readonly string[];
  readonly redisCidrs: readonly string[];
  readonly objectStorage: { readonly cidrs: readonly string[]; readonly ports: readonly number[] };
  readonly extraEgress: readonly { readonly components: readonly string[]; readonly to: readonly ResolvedNetworkPeer[]; readonly ports: readonly number[] }[];
}

export interface ResolvedConfig {
  readonly release: string;
  readonly namespace: string;
  readonly edition: Edition;
  readonly version: string;
  readonly images: Readonly<Record<ImageName, ResolvedImage>>;
  readonly imagePullSecrets: readonly string[];
  readonly hosts: {
    readonly domain: string;
    readonly gitlab: ResolvedHost;
    readonly registry: ResolvedHost;
    /** `url` is `wss://` (or `ws://`). */
    readonly kas: ResolvedHost;
    readonly pages: ResolvedHost;
    readonly ssh: { readonly name: string; readonly port: number };
  };
  readonly timeZone: string;
  /** The platform's connections, and each client component's (its override applied). */
  readonly postgres: ResolvedPostgresConfig;
  readonly redis: ResolvedRedisConfig;
  /** The reference architecture size the defaults came from. */
  readonly size?: SizeName;
  /** Consolidated (`connection`) or per-type (`connections`) connections: `object-storage/resolve.ts`. */
  readonly objectStorage: ResolvedObjectStorageConnections & {
    readonly proxyDownload: boolean;
    readonly buckets: Readonly<Record<ObjectType, string>>;
    readonly enabled: Readonly<Record<ObjectType, boolean>>;
    readonly backupBucket: string;
    readonly backupTmpBucket: string;
    /** IAM role ARN per component that touches object storage (IRSA mode). */
    readonly iamRoles?: Readonly<Record<import('./common/names').IrsaComponent, string>>;
  };
  readonly ingress: {
    readonly enabled: boolean;
    /** Some host is exposed: `enabled`, or a component's own `ingress.enabled` while `enabled` is false. */
    readonly anyHost: boolean;
    readonly className: string;
    /** Leave `ingressClassName` out: the cluster's default IngressClass takes the Ingresses. */
    readonly defaultClass?: boolean;
    readonly tls: IngressTls;
    readonly annotations: Readonly<Record<string, string>>;
    readonly nginx: boolean;
    readonly provider: 'nginx' | 'alb' | 'gateway-api';
    /** Set with the `alb` provider. */
    readonly alb?: { readonly scheme: 'internet-facing' | 'internal'; readonly groupName: string; readonly idleTimeoutSeconds: number; readonly sslPolicy?: string };
    /** Set with the `gateway-api` provider. */
    readonly gatewayApi?: { readonly gateway: ResolvedGatewayRef; readonly listeners: { readonly gitlab?: string; readonly registry?: string; readonly kas?: string; readonly pages?: string } };
    /** The ACME Issuer the platform creates (then `tls` is `issuer` mode naming it). */
    readonly acmeIssuer?: { readonly name: string; readonly email: string; readonly server: string };
  };
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

export interface ResolvedPagesCustomDomains {
  readonly http: boolean;
  readonly https: boolean;
  /** The TLS Secret Pages serves (set exactly when `https`). */
  readonly tlsSecret?: string;
  readonly serviceType: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  readonly httpProxy: boolean;
  readonly proxyProtocolV2: boolean;
  readonly serviceAnnotations: Readonly<Record<string, string>>;
  readonly loadBalancerIP?: string;
}

export interface ResolvedGitLabPages extends ResolvedWorkload {
  readonly accessControl: boolean;
  /** OAuth redirect URI of the Pages application (registered by migrations; used only with access control). */
  readonly authRedirectUri: string;
  readonly authScope: string;
  readonly namespaceInPath: boolean;
  readonly artifactsServer: boolean;
  readonly customDomains?: ResolvedPagesCustomDomains;
}

export interface ResolvedSpamcheck extends ResolvedWorkload {
  readonly logLevel: string;
}

export interface ResolvedMailbox {
  readonly address: string;
  readonly user: string;
  readonly mailbox: string;
  readonly deleteAfterDelivery: boolean;
  readonly expungeDeleted: boolean;
  readonly logPath: string;
  /** Exactly one of `imap` and `microsoftGraph` is set. */
  readonly imap?: {
    readonly host: string;
    readonly port: number;
    readonly ssl: boolean;
    readonly startTls: boolean;
    readonly password: ResolvedSecretRef;
    readonly idleTimeout: number;
  };
  readonly microsoftGraph?: {
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: ResolvedSecretRef;
    readonly pollInterval: number;
    readonly azureAdEndpoint: string;
    readonly graphEndpoint: string;
  };
}

export interface ResolvedSmtp {
  readonly address: string;
  readonly port: number;
  readonly domain?: string;
  readonly authentication: 'plain' | 'login' | 'cram_md5' | 'none';
  /** Set exactly when authentication is not `none`. */
  readonly user?: string;
  readonly password?: ResolvedSecretRef;
  readonly starttlsAuto: boolean;
  readonly tls: boolean;
  readonly opensslVerifyMode: 'none' | 'peer';
  readonly openTimeout: number;
  readonly readTimeout: number;
  readonly pool: boolean;
}

export interface ResolvedEmail {
  readonly from: string;
  readonly displayName: string;
  readonly replyTo: string;
  readonly subjectSuffix: string;
  readonly smtp?: ResolvedSmtp;
  readonly incoming?: ResolvedMailbox;
  /** Only together with `incoming`. */
  readonly serviceDesk?: ResolvedMailbox;
}

/** A list of provider names, or `true` for every provider (GitLab's gitlab.yml form). */
export type ProviderList = readonly string[] | boolean;

export interface ResolvedOmniauth {
  readonly providers: readonly ResolvedSecretRef[];
  readonly autoSignInWithProvider?: string;
  readonly allowSingleSignOn: ProviderList;
  readonly blockAutoCreatedUsers: boolean;
  readonly syncProfileFromProvider: ProviderList;
  readonly syncProfileAttributes: readonly string[];
  readonly autoLinkLdapUser: boolean;
  readonly autoLinkSamlUser: boolean;
  readonly autoLinkUser: ProviderList;
  readonly externalProviders: readonly string[];
  readonly allowBypassTwoFactor: ProviderList;
}

export interface ResolvedLdapServer {
  /** The server's id under `ldap.servers` (also its secret folder `ldap/<id>/`). */
  readonly id: string;
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly uid: string;
  readonly bindDn?: string;
  readonly password?: ResolvedSecretRef;
  readonly encryption: 'simple_tls' | 'start_tls' | 'plain';
  readonly verifyCertificates: boolean;
  readonly timeout: number;
  readonly activeDirectory: boolean;
  readonly base: string;
  readonly userFilter?: string;
  readonly allowUsernameOrEmailLogin: boolean;
  readonly blockAutoCreatedUsers: boolean;
  readonly lowercaseUsernames: boolean;
  readonly retryEmptyResultWithCodes: readonly number[];
  readonly attributes?: {
    readonly username?: string | readonly string[];
    readonly email?: string | readonly string[];
    readonly name?: string;
    readonly firstName?: string;
    readonly lastName?: string;
  };
  readonly tlsOptions?: { readonly caFile?: string; readonly sslVersion?: string; readonly ciphers?: string };
}

export interface ResolvedLdap {
  /** In the order given. */
  readonly servers: readonly ResolvedLdapServer[];
  readonly preventSignIn: boolean;
}

export type ResolvedBackupScratch =
  | { readonly type: 'emptyDir'; readonly sizeLimit?: string }
  | { readonly type: 'persistentVolumeClaim'; readonly size: string; readonly storageClass?: string };

export interface ResolvedToolboxBackups {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly extraArgs: readonly string[];
  readonly backoffLimit: number;
  readonly successfulJobsHistoryLimit: number;
  readonly failedJobsHistoryLimit: number;
  readonly activeDeadlineSeconds?: number;
  readonly startingDeadlineSeconds?: number;
  readonly suspend: boolean;
  readonly scratch: ResolvedBackupScratch;
  readonly resources: Resources;
  readonly placement: Placement;
}

/** gitlab.yml's application settings; optional fields are the ones GitLab defaults itself (rendered empty, as the chart does). */
export interface ResolvedRails {
  /** `ENABLE_BOOTSNAP` in the Rails containers. */
  readonly bootsnap: boolean;
  readonly usagePing: boolean;
  readonly seatLink: boolean;
  readonly impersonation?: boolean;
  readonly applicationSettingsCacheSeconds: number;
  readonly usernameChanging: boolean;
  readonly issueClosingPattern?: string;
  readonly defaultTheme?: number;
  readonly defaultColorMode?: number;
  readonly defaultSyntaxHighlightingTheme?: number;
  readonly defaultProjectsFeatures: Readonly<Record<'issues' | 'mergeRequests' | 'wiki' | 'snippets' | 'builds' | 'containerRegistry', boolean>>;
  readonly graphQlTimeout?: number;
  readonly webhookTimeout?: number;
  readonly maxRequestDurationSeconds: number;
  readonly signupEnabled?: boolean;
  readonly gravatar: { readonly plainUrl?: string; readonly sslUrl?: string };
  readonly analytics: NonNullable<RailsConfig['analytics']>;
  readonly cronJobs: Readonly<Record<string, RailsCronJob>>;
  /** Absent when off. */
  readonly contentSecurityPolicy?: { readonly reportOnly: boolean; readonly directives?: Readonly<Record<string, string | false>> };
  readonly sentry: { readonly enabled: boolean; readonly dsn?: string; readonly clientsideDsn?: string; readonly environment?: string };
  readonly docs: { readonly enabled: boolean; readonly host: string };
  readonly externalDiffsWhen?: 'always' | 'outdated';
  readonly trustedProxies: readonly string[];
  /** Absent when off. */
  readonly rackAttackGitBasicAuth?: NonNullable<RailsConfig['rackAttackGitBasicAuth']>;
  /** The settings of the rails-settings table, defaults applied. */
  readonly settings: import('./rails-settings/resolve').ResolvedRailsSettings;
}
