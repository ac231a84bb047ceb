import { DEFAULT_TOKEN_FILE } from '../../config/repositories';
import { ResolvedConfig } from '../../config/resolved';
import { ObjectType } from '../../config/types';
import { PlatformEndpoints } from '../../lib/endpoints';
import { erbSecretJson, raw, templateYaml } from '../../lib/erb';
import { RAILS_PATHS, RailsConsumer } from './consumer';
import { emailPersona, ldapSection, mailSections, omniauthSection, pagesSection } from './gitlab-yml-optional';
import { RAILS_SECRET_PATHS } from './secret-files';

/** gitlab.yml's key for each object type. */
const OBJECT_KEYS: Readonly<Record<ObjectType, string>> = {
  artifacts: 'artifacts', lfs: 'lfs', uploads: 'uploads', packages: 'packages', externalDiffs: 'external_diffs',
  terraformState: 'terraform_state', dependencyProxy: 'dependency_proxy', ciSecureFiles: 'ci_secure_files', pages: 'pages',
};

/** Object types with an `enabled` feature section of their own (pages has its `pages:` block). */
const FEATURE_TYPES: readonly ObjectType[] = [
  'artifacts', 'lfs', 'uploads', 'packages', 'externalDiffs', 'terraformState', 'ciSecureFiles', 'dependencyProxy',
];

/** Who may read `/-/metrics` and the health endpoints: the whole network on webservice (kubelet probes). */
const MONITORING_WHITELIST: Readonly<Record<Exclude<RailsConsumer, 'migrations'>, string[]>> = {
  webservice: ['0.0.0.0/0', '::/0'],
  sidekiq: ['127.0.0.0/8', '::1/128'],
  toolbox: ['127.0.0.0/8'],
};

const secretFile = (path: string) => `${RAILS_PATHS.secrets}/${path}`;

/** Rails caps a request at 95% of Puma's worker timeout (rounded up), as the chart computes it. */
const maxRequestDuration = (workerTimeout: number) => Math.ceil((workerTimeout * 95) / 100);

function gitlabSection(config: ResolvedConfig, consumer: RailsConsumer) {
  const host = config.hosts.gitlab;
  const base = { host: host.name, https: host.https };
  if (consumer === 'migrations') return base;
  return {
    ...base,
    ssh_host: config.hosts.ssh.name,
    action_cable_allowed_origins: [],
    max_request_duration_seconds: maxRequestDuration(config.components.webservice?.workerTimeout ?? 60),
    application_settings_cache_seconds: 60,
    usage_ping_enabled: true,
    seat_link_enabled: true,
    username_changing_enabled: true,
    default_projects_features: {
      issues: true, merge_requests: true, wiki: true, snippets: true, builds: true, container_registry: true,
    },
    trusted_proxies: [],
    time_zone: config.timeZone,
    ...emailPersona(config),
  };
}

/** Consolidated object storage: one connection (read from the pod's secret file) and a bucket per enabled type. */
function objectStore(config: ResolvedConfig) {
  const os = config.objectStorage;
  const objects = Object.fromEntries((Object.keys(OBJECT_KEYS) as ObjectType[])
    .filter((t) => os.enabled[t])
    .map((t) => [OBJECT_KEYS[t], { bucket: os.buckets[t] }]));
  return {
    enabled: true,
    proxy_download: os.proxyDownload,
    connection: raw(`<%= YAML.load_file(${JSON.stringify(secretFile(RAILS_SECRET_PATHS.objectStore))}).to_json %>`),
    objects,
  };
}

function featureFlags(config: ResolvedConfig) {
  return Object.fromEntries(FEATURE_TYPES.map((t) => [OBJECT_KEYS[t], { enabled: config.objectStorage.enabled[t] }]));
}

function repositories(endpoints: PlatformEndpoints) {
  const storages = Object.fromEntries(Object.entries(endpoints.gitaly.addresses)
    // `path` is a placeholder Rails requires; repositories live in Gitaly.
    .map(([name, address]) => {
      // Storages behind Praefect (or external servers with a token of their own) authenticate with their own token.
      const token = endpoints.gitaly.tokenFiles[name];
      return [name, {
        path: '/var/opt/gitlab/repo',
        gitaly_address: address,
        gitaly_token: token === DEFAULT_TOKEN_FILE ? undefined : erbSecretJson(secretFile(`gitaly/${token}`)),
      }];
    }));
  return { storages };
}

function monitoring(consumer: Exclude<RailsConsumer, 'migrations'>) {
  const ip_whitelist = MONITORING_WHITELIST[consumer];
  switch (consumer) {
    case 'webservice':
      return { ip_whitelist, web_exporter: { enabled: true, address: '0.0.0.0', port: 8083 } };
    case 'sidekiq':
      return {
        ip_whitelist,
        sidekiq_exporter: { enabled: true, address: '*', port: 3807, log_enabled: false },
        sidekiq_health_checks: { enabled: true, address: '*', port: 3808 },
      };
    case 'toolbox':
      return { ip_whitelist };
  }
}

/**
 * `gitlab.yml.erb`: GitLab's main configuration, one flavour per Rails pod (contract §2). Secrets are read from
 * `/etc/gitlab` when the image renders the template; Service addresses come from the platform's endpoints.
 *
 * - webservice: everything, monitoring open to the network (probes), the workhorse secret and shutdown blackout;
 * - sidekiq: its exporter (3807) and health checks (3808), no shell or workhorse secret;
 * - toolbox: the shell secret (rake tasks call gitlab-shell), monitoring on loopback;
 * - migrations: only what schema migrations and the first-run seed need.
 */
export function gitlabYmlTemplate(config: ResolvedConfig, endpoints: PlatformEndpoints, consumer: RailsConsumer): string {
  const gitaly = { client_path: '/home/git/gitaly/bin', token: erbSecretJson(secretFile(RAILS_SECRET_PATHS.gitalyToken)) };
  const sidekiq = { log_format: 'json' };
  const oidc_provider = { openid_id_token_expire_in_seconds: 120 };

  if (consumer === 'migrations') {
    return templateYaml({
      production: {
        gitlab: gitlabSection(config, consumer),
        object_store: objectStore(config),
        ...featureFlags(config),
        gitaly,
        repositories: repositories(endpoints),
        sidekiq,
        oidc_provider,
      },
    });
  }

  const c = config.components;
  const webservice = consumer === 'webservice';
  const registry = c.registry ? {
    enabled: true,
    host: config.hosts.registry.name,
    api_url: endpoints.registry.apiUrl,
    key: secretFile(RAILS_SECRET_PATHS.registryKey),
    issuer: 'gitlab-issuer',
    // The Secret holds a YAML list literal (`["..."]`); Rails wants its first element.
    notification_secret: raw(`<%= YAML.load_file(${JSON.stringify(secretFile(RAILS_SECRET_PATHS.registryNotification))}).flatten.first.to_json %>`),
  } : undefined;
  const gitlabKas = c.kas ? {
    enabled: true,
    secret_file: secretFile(RAILS_SECRET_PATHS.kas),
    external_url: config.hosts.kas.url,
    internal_url: endpoints.kas.internalUrl,
  } : undefined;

  return templateYaml({
    production: {
      gitlab: gitlabSection(config, consumer),
      object_store: objectStore(config),
      ...featureFlags(config),
      sentry: { enabled: false },
      gitlab_docs: { enabled: false, host: '' },
      sidekiq,
      oidc_provider,
      pages: pagesSection(config),
      ...mailSections(config, consumer),
      mattermost: { enabled: false },
      ldap: ldapSection(config),
      omniauth: omniauthSection(config),
      kerberos: { enabled: false },
      duo_auth: { enabled: false },
      gitaly,
      repositories: repositories(endpoints),
      backup: { path: 'tmp/backups' },
      gitlab_kas: gitlabKas,
      gitlab_shell: {
        path: '/home/git/gitlab-shell/',
        hooks_path: '/home/git/gitlab-shell/hooks/',
        upload_pack: true,
        receive_pack: true,
        ssh_port: config.hosts.ssh.port,
        secret_file: consumer === 'sidekiq' ? undefined : secretFile(RAILS_SECRET_PATHS.shellSecret),
      },
      workhorse: webservice ? { secret_file: secretFile(RAILS_SECRET_PATHS.workhorse) } : undefined,
      git: { bin_path: '/usr/bin/git' },
      monitoring: monitoring(consumer),
      shutdown: webservice ? { blackout_seconds: c.webservice?.shutdownBlackoutSeconds ?? 10 } : undefined,
      registry,
      smartcard: webservice ? { enabled: false } : undefined,
    },
  });
}
