import { ResolvedConfig } from '../../config/resolved';
import { isMonitored } from '../monitoring/monitors';
import { WORKHORSE_METRICS_PORT } from '../webservice/workhorse-config';
import { PlatformEndpoints } from '../../lib/endpoints';
import { GITALY_METRICS_PORT, GITALY_TLS_PORT } from '../gitaly/config-template';
import { PAGES_PORTS } from '../gitlab-pages/config-template';
import { SSH_CONTAINER_PORT, SSHD_WEB_PORT } from '../gitlab-shell/config-template';
import { KAS_PORTS } from '../kas/config-file';
import { PRAEFECT_GRPC_PORT, PRAEFECT_METRICS_PORT, PRAEFECT_TLS_PORT } from '../praefect/config-template';
import { REGISTRY_DEBUG_PORT, REGISTRY_PORT } from '../registry/config-template';
import { SIDEKIQ_METRICS_PORT } from '../sidekiq/sidekiq';
import { SPAMCHECK_GRPC_PORT } from '../spamcheck/config-file';
import { WEBSERVICE_METRICS_PORT, WEBSERVICE_PUMA_PORT } from '../webservice/webservice';
import { PUMA_TLS_PORT } from '../webservice/tls';
import { reachableFromOutside } from '../../config/service/resolve';
import { GARAGE_APPS } from '../../data-services/garage/garage';
import { VALKEY_EXPORTER_PORT } from '../../data-services/images';
import { CNPG_PORTS, POSTGRES_APP } from '../../data-services/postgres-cnpg/cluster';
import { VALKEY_APPS } from '../../data-services/valkey/valkey';

/**
 * The platform's network flows as a table: who connects to whom, on which pod ports. The NetworkPolicies are
 * generated from it, so a component that is off takes its flows with it. To cover a new component, add it to
 * `MEMBERS` and write its rows in `platformFlows`.
 */

/** A platform component as the policies see it: the pods' `app` label, and whether the configuration runs it. */
export interface NetworkMember {
  readonly app: string;
  readonly enabled: (config: ResolvedConfig) => boolean;
}

const component = (app: string, key: keyof ResolvedConfig['components']): NetworkMember =>
  ({ app, enabled: (config) => config.components[key] !== undefined });

/** Every component whose pods the policies confine. */
export const MEMBERS = {
  webservice: component('webservice', 'webservice'),
  sidekiq: component('sidekiq', 'sidekiq'),
  // The plain StatefulSet and the Gitaly pods behind Praefect share the `gitaly` label.
  gitaly: { app: 'gitaly', enabled: (config) => config.components.gitaly !== undefined || config.components.praefect !== undefined },
  praefect: component('praefect', 'praefect'),
  gitlabShell: component('gitlab-shell', 'gitlabShell'),
  registry: component('registry', 'registry'),
  kas: component('kas', 'kas'),
  gitlabExporter: component('gitlab-exporter', 'gitlabExporter'),
  toolbox: component('toolbox', 'toolbox'),
  migrations: component('migrations', 'migrations'),
  gitlabPages: component('gitlab-pages', 'gitlabPages'),
  mailroom: component('mailroom', 'mailroom'),
  spamcheck: component('spamcheck', 'spamcheck'),
  // In-cluster data services (`inClusterServices`); CloudNativePG's pods inherit the `app` label from the Cluster.
  postgresql: { app: POSTGRES_APP, enabled: (config) => config.inClusterServices?.postgres !== undefined },
  valkey: { app: VALKEY_APPS.persistent, enabled: (config) => config.inClusterServices?.redis !== undefined },
  valkeyCache: { app: VALKEY_APPS.cache, enabled: (config) => config.inClusterServices?.redis?.cache !== undefined },
  garage: { app: GARAGE_APPS.server, enabled: (config) => config.inClusterServices?.objectStorage !== undefined },
  garageBootstrap: { app: GARAGE_APPS.bootstrap, enabled: (config) => config.inClusterServices?.objectStorage !== undefined },
} satisfies Record<string, NetworkMember>;

export type MemberName = keyof typeof MEMBERS;

/** Peers outside the platform that connect in (`networkPolicies.ingressFrom`, `sshFrom`, `metricsFrom`; any address). */
export type Inbound = 'ingress' | 'ssh' | 'metrics' | 'anywhere' | 'cnpgOperator';
/** Destinations outside the platform (`networkPolicies.dns`, the PostgreSQL, Redis and object storage ranges, any address). */
export type Outbound = 'dns' | 'postgres' | 'redis' | 'objectStorage' | 'anywhere' | 'kubernetesApi';

export interface FlowPort {
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
}

/** One allowed connection: its source opens it to the destination's pod ports. */
export interface Flow {
  readonly from: MemberName | Inbound;
  readonly to: MemberName | Outbound;
  readonly ports: readonly FlowPort[];
}

export const isMember = (x: string): x is MemberName => x in MEMBERS;

const tcp = (...ports: number[]): FlowPort[] => [...new Set(ports)].map((port) => ({ port, protocol: 'TCP' }));
const from = (sources: readonly MemberName[], to: Flow['to'], ports: readonly FlowPort[]): Flow[] => sources.map((s) => ({ from: s, to, ports }));

/** Pods running GitLab's Rails code. */
const RAILS: readonly MemberName[] = ['webservice', 'sidekiq', 'toolbox', 'migrations'];
/** Rails pods that call kas and the registry API at run time (migrations only change the schema). */
const RAILS_RUNTIME: readonly MemberName[] = ['webservice', 'sidekiq', 'toolbox'];
const ALL = Object.keys(MEMBERS) as MemberName[];

/** PostgreSQL ports any client may use (main, ci, and per-component overrides). */
function postgresPorts(config: ResolvedConfig): number[] {
  const connections = [config.postgres, ...Object.values(config.postgres.clients ?? {})];
  return connections.flatMap((c) => [c.main.port, c.ci.port]);
}

/** Redis ports: every instance (global, per purpose) and its Sentinels. */
function redisPorts(config: ResolvedConfig): number[] {
  const instances = [config.redis, ...Object.values(config.redis.forPurpose ?? {})];
  return instances.flatMap((r) => [r.port, ...(r.sentinels ?? []).map((s) => s.port)]);
}

/** Ports of Gitaly servers outside the platform (`server: external` storages). */
function externalGitalyPorts(config: ResolvedConfig): number[] {
  return (config.repositories?.storages ?? []).flatMap((s) => (s.external ? [s.external.port] : []));
}

/** The port of an http(s) URL. */
const urlPort = (url: string): number => {
  const u = new URL(url);
  return u.port ? Number(u.port) : u.protocol === 'http:' ? 80 : 443;
};

/** Servers outside the platform that the configuration names: SMTP, LDAP, the mailboxes mailroom reads. */
function namedServers(config: ResolvedConfig) {
  const mailboxes = [config.email?.incoming, config.email?.serviceDesk].filter((m) => m !== undefined);
  return {
    smtp: config.email?.smtp ? [config.email.smtp.port] : [],
    ldap: (config.ldap?.servers ?? []).map((s) => s.port),
    // IMAP on its port; Microsoft Graph (and its token endpoint) over HTTPS.
    mailboxes: mailboxes.map((m) => (m.imap ? m.imap.port : 443)),
  };
}

/** Any address to a component's traffic ports while its own Service is NodePort or LoadBalancer. */
function outsideService(config: ResolvedConfig, member: 'webservice' | 'registry' | 'kas' | 'gitlabPages', ports: readonly number[]): Flow[] {
  const c = config.components[member];
  const exposed = member === 'webservice'
    ? config.components.webservice?.deployments.some((d) => reachableFromOutside(d.service))
    : reachableFromOutside(c?.service);
  return exposed ? [{ from: 'anywhere', to: member, ports: tcp(...ports) }] : [];
}

/**
 * Every flow the configuration needs (the contract's wiring table, §4). Rows naming a component that is off are
 * dropped by the caller, as are rows whose outside peers are empty.
 */
export function platformFlows(config: ResolvedConfig, endpoints: PlatformEndpoints): Flow[] {
  const np = config.networkPolicies!;
  const workhorse = tcp(endpoints.webservice.workhorsePort);
  const gitaly = tcp(endpoints.gitaly.port, ...(config.components.gitaly?.tls ? [GITALY_TLS_PORT] : []));
  // An ALB checks target health on the traffic ports (never on a debug or metrics port); Pages' status page is
  // on its HTTP port.
  const alb = config.ingress.provider === 'alb';
  const sshd = config.components.gitlabShell?.sshDaemon === 'gitlab-sshd';
  const dns: FlowPort[] = [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }];
  const gitalyClients: MemberName[] = [...RAILS, 'gitlabShell', 'kas'];
  const external = externalGitalyPorts(config);
  const praefect = config.components.praefect;
  const pages = config.components.gitlabPages;
  const custom = pages?.customDomains;
  const servers = namedServers(config);
  const ic = config.inClusterServices;
  const behindPraefect = tcp(endpoints.gitaly.port, ...(praefect?.virtualStorages.some((vs) => vs.tlsSecretName) ? [GITALY_TLS_PORT] : []));
  return [
    // Users: the web hosts through the ingress (controller, ALB or Gateway), and SSH.
    { from: 'ingress', to: 'webservice', ports: workhorse },
    { from: 'ingress', to: 'registry', ports: tcp(REGISTRY_PORT) },
    { from: 'ingress', to: 'kas', ports: tcp(KAS_PORTS.agent, KAS_PORTS.kubernetesApi) },
    { from: 'ssh', to: 'gitlabShell', ports: tcp(SSH_CONTAINER_PORT) },
    // A component's NodePort or LoadBalancer Service (`components.<name>.service`): its traffic ports from any address
    // (the node or load balancer forwards clients' connections; it, not the pod, enforces loadBalancerSourceRanges).
    ...outsideService(config, 'webservice', [WEBSERVICE_PUMA_PORT, endpoints.webservice.workhorsePort, ...(config.components.webservice?.tls ? [PUMA_TLS_PORT] : [])]),
    ...outsideService(config, 'registry', [REGISTRY_PORT]),
    ...outsideService(config, 'kas', [KAS_PORTS.agent, KAS_PORTS.api, KAS_PORTS.kubernetesApi]),
    ...(custom ? [] : outsideService(config, 'gitlabPages', [PAGES_PORTS.proxy])),
    // Pages sites: through the ingress, or with custom domains straight from their load balancer (Pages terminates TLS).
    custom
      ? { from: 'anywhere', to: 'gitlabPages', ports: tcp(...(custom.http ? [PAGES_PORTS.proxy] : []), ...(custom.https ? [PAGES_PORTS.https] : [])) }
      : { from: 'ingress', to: 'gitlabPages', ports: tcp(PAGES_PORTS.proxy, ...(alb ? [PAGES_PORTS.http] : [])) },

    // Git: every Gitaly client, and Gitaly's hooks back to the Rails internal API (through Workhorse).
    ...(config.components.gitaly ? from(gitalyClients, 'gitaly', gitaly) : []),
    // Praefect: clients reach it instead of Gitaly; it reaches its Gitaly pods, which replicate from each other.
    ...from(gitalyClients, 'praefect', tcp(PRAEFECT_GRPC_PORT, ...(praefect?.tls ? [PRAEFECT_TLS_PORT] : []))),
    ...(praefect ? [{ from: 'praefect', to: 'gitaly', ports: behindPraefect }, { from: 'gitaly', to: 'gitaly', ports: behindPraefect }] as Flow[] : []),
    ...(external.length ? from(gitalyClients, 'anywhere', tcp(...external)) : []),
    ...from(['gitaly', 'gitlabShell', 'kas', 'gitlabPages', 'mailroom'], 'webservice', workhorse),

    // kas: Rails calls its internal API, replicas talk to each other on the private API.
    ...from(RAILS_RUNTIME, 'kas', tcp(KAS_PORTS.api)),
    { from: 'kas', to: 'kas', ports: tcp(KAS_PORTS.privateApi) },

    // Registry API, called by Rails with a JWT.
    ...from(RAILS_RUNTIME, 'registry', tcp(endpoints.registry.port)),

    // Spamcheck, asked by Rails about new issues and snippets.
    ...from(['webservice', 'sidekiq'], 'spamcheck', tcp(SPAMCHECK_GRPC_PORT)),

    // Prometheus.
    { from: 'metrics', to: 'webservice', ports: tcp(WEBSERVICE_METRICS_PORT) },
    { from: 'metrics', to: 'sidekiq', ports: tcp(SIDEKIQ_METRICS_PORT) },
    { from: 'metrics', to: 'gitaly', ports: tcp(GITALY_METRICS_PORT) },
    { from: 'metrics', to: 'praefect', ports: tcp(PRAEFECT_METRICS_PORT) },
    { from: 'metrics', to: 'kas', ports: tcp(KAS_PORTS.observability) },
    { from: 'metrics', to: 'gitlabExporter', ports: tcp(endpoints.gitlabExporter.port) },
    { from: 'metrics', to: 'gitlabPages', ports: tcp(PAGES_PORTS.metrics) },
    ...(sshd ? [{ from: 'metrics', to: 'gitlabShell', ports: tcp(SSHD_WEB_PORT) } as Flow] : []),
    // Metrics listeners that are on only while a ServiceMonitor scrapes them.
    ...(isMonitored(config, 'workhorse') ? [{ from: 'metrics', to: 'webservice', ports: tcp(WORKHORSE_METRICS_PORT) } as Flow] : []),
    ...(isMonitored(config, 'registry') || config.components.registry?.metrics ? [{ from: 'metrics', to: 'registry', ports: tcp(REGISTRY_DEBUG_PORT) } as Flow] : []),

    // External services.
    ...from([...RAILS, 'gitlabExporter'], ic?.postgres ? 'postgresql' : 'postgres', tcp(...postgresPorts(config))),
    ...(praefect ? [
      { from: 'praefect', to: 'postgres', ports: tcp(praefect.database.port) },
      // Praefect checks its clock against an NTP server (ntpHost) at start.
      { from: 'praefect', to: 'anywhere', ports: [{ port: 123, protocol: 'UDP' }] },
    ] as Flow[] : []),
    ...from([...RAILS, 'gitlabExporter', 'kas', 'mailroom'], ic?.redis ? 'valkey' : 'redis', tcp(...redisPorts(config))),
    ...(ic?.redis?.cache ? from(RAILS, 'valkeyCache', tcp(ic.redis.cache.port)) : []),
    ...from([...RAILS, 'registry', 'gitlabPages'], ic?.objectStorage ? 'garage' : 'objectStorage', tcp(...(ic?.objectStorage ? [ic.objectStorage.s3Port] : np.objectStorage.ports))),
    // In-cluster data services: the CloudNativePG operator and instances (which also read the Kubernetes API and
    // archive to object storage), Garage's bootstrap Job, the metrics ports.
    ...(ic?.postgres ? [
      { from: 'cnpgOperator', to: 'postgresql', ports: tcp(CNPG_PORTS.status, ic.postgres.port) },
      { from: 'postgresql', to: 'postgresql', ports: tcp(ic.postgres.port, CNPG_PORTS.status) },
      { from: 'postgresql', to: 'kubernetesApi', ports: tcp(443, 6443) },
      { from: 'metrics', to: 'postgresql', ports: tcp(CNPG_PORTS.metrics) },
      ...(ic.postgres.backup ? [ic.objectStorage && ic.postgres.backup.endpoint === ic.objectStorage.endpoint
        ? { from: 'postgresql', to: 'garage', ports: tcp(ic.objectStorage.s3Port) }
        : { from: 'postgresql', to: 'anywhere', ports: tcp(urlPort(ic.postgres.backup.endpoint)) }] : []),
    ] as Flow[] : []),
    ...(ic?.redis?.metrics ? [
      { from: 'metrics', to: 'valkey', ports: tcp(VALKEY_EXPORTER_PORT) },
      ...(ic.redis.cache ? [{ from: 'metrics', to: 'valkeyCache', ports: tcp(VALKEY_EXPORTER_PORT) }] : []),
    ] as Flow[] : []),
    ...(ic?.objectStorage ? [{ from: 'garageBootstrap', to: 'garage', ports: tcp(ic.objectStorage.adminPort) }] as Flow[] : []),
    // Servers the settings name (their addresses are host names: any address, on their ports).
    ...(servers.smtp.length ? from(['webservice', 'sidekiq'], 'anywhere', tcp(...servers.smtp)) : []),
    ...(servers.ldap.length ? from(['webservice', 'sidekiq', 'toolbox'], 'anywhere', tcp(...servers.ldap)) : []),
    ...(servers.mailboxes.length ? from(['mailroom'], 'anywhere', tcp(...servers.mailboxes)) : []),
    // The migrations Job that completes the schema records the release in its ConfigMap through the Kubernetes API
    // (the API server's address is the cluster's own: 443 on EKS and most managed clusters, 6443 on kubeadm).
    { from: 'migrations', to: 'anywhere', ports: tcp(443, 6443) },
    // Pages with access control exchanges OAuth codes at GitLab's external URL.
    ...(pages?.accessControl ? from(['gitlabPages'], 'anywhere', tcp(443)) : []),
    ...from(ALL, 'dns', dns),
  ];
}
