import { DEFAULT_TOKEN_FILE } from '../../config/gitaly/names';
import { ResolvedConfig } from '../../config/resolved';
import { APP_CONFIG_OBJECT_TYPES } from '../../config/object-storage/names';
import { PlatformEndpoints } from '../../lib/endpoints';
import { erbSecretJson, raw, templateYaml } from '../../lib/erb';
import { RAILS_PATHS, RailsConsumer } from './consumer';
import { railsSettingsYml } from '../../config/rails-settings/render';
import {
  analyticsSection, applicationSettings, disabledSignInSections, emailPersona, ldapSection, mailSections, omniauthSection,
  pagesSection, rackAttackSection, smartcardSection,
} from './gitlab-yml-optional';
import { consolidatedObjectStore, OBJECT_KEYS, typeObjectStore } from './object-storage';
import { RAILS_SECRET_PATHS } from './secret-files';
import { webExporterTls } from '../webservice/tls';

/** Per-type mode puts Pages' `object_store:` before `local_store:`, where the chart writes it. */
function withPagesObjectStore(config: ResolvedConfig, pages: ReturnType<typeof pagesSection>) {
  const { local_store, namespace_in_path, ...head } = pages;
  return { ...head, object_store: typeObjectStore(config, 'pages'), local_store, namespace_in_path };
}

/** Object types with an `enabled` feature section of their own (pages has its `pages:` block). */
const FEATURE_TYPES = APP_CONFIG_OBJECT_TYPES;

/** Who may read `/-/metrics` and the health endpoints: the whole network on webservice (kubelet probes). */
const MONITORING_WHITELIST: Readonly<Record<Exclude<RailsConsumer, 'migrations'>, string[]>> = {
  webservice: ['0.0.0.0/0', '::/0'],
  sidekiq: ['127.0.0.0/8', '::1/128'],
  toolbox: ['127.0.0.0/8'],
};

const secretFile = (path: string) => `${RAILS_PATHS.secrets}/${path}`;

/** `artifacts: { enabled }` and friends; migrations has no dependency proxy section (as in the chart). */
function featureFlags(config: ResolvedConfig, consumer: RailsConsumer) {
  const types = consumer === 'migrations' ? FEATURE_TYPES.filter((t) => t !== 'dependencyProxy') : FEATURE_TYPES;
  return Object.fromEntries(types.map((t) => [OBJECT_KEYS[t], t === 'externalDiffs'
    ? { enabled: config.objectStorage.enabled[t], when: config.rails.externalDiffsWhen ?? null, object_store: typeObjectStore(config, t) }
    : { enabled: config.objectStorage.enabled[t], object_store: typeObjectStore(config, t) }]));
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

function monitoring(config: ResolvedConfig, consumer: Exclude<RailsConsumer, 'migrations'>) {
  // The webservice's list is a setting (the chart's `monitoring.ipWhitelist`; an empty one is written as null, as the
  // chart writes it); the others are fixed, as in the chart.
  const web = config.components.webservice?.monitoringWhitelist;
  const ip_whitelist = consumer === 'webservice' && web ? (web.length ? [...web] : null) : MONITORING_WHITELIST[consumer];
  switch (consumer) {
    case 'webservice':
      return { ip_whitelist, web_exporter: { enabled: true, address: '0.0.0.0', port: 8083, ...webExporterTls(config) }, sidekiq_exporter: null };
    case 'sidekiq':
      return {
        ip_whitelist,
        sidekiq_exporter: { enabled: true, address: '*', port: 3807, log_enabled: false },
        sidekiq_health_checks: { enabled: true, address: '*', port: 3808 },
      };
    case 'toolbox':
      return { ip_whitelist, sidekiq_exporter: null };
  }
}

/**
 * `registry:`. While the registry is off the section stays, switched off, as the chart writes it with
 * `global.registry.enabled: false`; its secrets are not mounted then, so the notification secret is read only if present.
 */
function registrySection(config: ResolvedConfig, endpoints: PlatformEndpoints) {
  const on = !!config.components.registry;
  const notification = JSON.stringify(secretFile(RAILS_SECRET_PATHS.registryNotification));
  // The Secret holds a YAML list literal (`["..."]`); Rails wants its first element.
  const read = `YAML.load_file(${notification}).flatten.first.to_json`;
  return {
    enabled: on,
    host: config.hosts.registry.name,
    api_url: endpoints.registry.apiUrl,
    key: secretFile(RAILS_SECRET_PATHS.registryKey),
    issuer: 'gitlab-issuer',
    notification_secret: raw(on ? `<%= ${read} %>` : `<%= File.exist?(${notification}) ? ${read} : 'null' %>`),
  };
}

/**
 * `gitlab.yml.erb`: GitLab's main configuration, one flavour per Rails pod, each with the sections the chart's
 * ConfigMap of that pod has (contract §2; charts/gitlab/charts/<pod>/templates/configmap.yaml). Secrets are read
 * from `/etc/gitlab` when the image renders the template; Service addresses come from the platform's endpoints.
 *
 * - webservice: everything, monitoring open to the network (probes), the workhorse secret and shutdown blackout;
 * - sidekiq: its exporter (3807) and health checks (3808), no shell or workhorse secret;
 * - toolbox: the shell secret (rake tasks call gitlab-shell), monitoring on loopback;
 * - migrations: only what schema migrations and the first-run seed need.
 */
export function gitlabYmlTemplate(config: ResolvedConfig, endpoints: PlatformEndpoints, consumer: RailsConsumer): string {
  const gitaly = { client_path: '/home/git/gitaly/bin', token: erbSecretJson(secretFile(RAILS_SECRET_PATHS.gitalyToken)) };
  const rails = config.rails;
  // oidc_provider, ci_id_tokens and sidekiq.routing_rules: from the rails-settings table.
  const settings = railsSettingsYml(rails.settings, consumer);
  const sidekiq = { log_format: 'json', ...(settings.sidekiq as object | undefined) };
  const { oidc_provider, ci_id_tokens } = settings;
  const gravatar = { plain_url: rails.gravatar.plainUrl ?? null, ssl_url: rails.gravatar.sslUrl ?? null };
  const host = config.hosts.gitlab;

  if (consumer === 'migrations') {
    return templateYaml({
      production: {
        gitlab: { host: host.name, https: host.https, signup_enabled: rails.signupEnabled, ...(settings.gitlab as object | undefined) },
        object_store: consolidatedObjectStore(config),
        ...featureFlags(config, consumer),
        gitaly,
        repositories: repositories(endpoints),
        sidekiq,
        oidc_provider,
        gravatar,
      },
    });
  }

  const c = config.components;
  const webservice = consumer === 'webservice';
  const toolbox = consumer === 'toolbox';
  const gitlabKas = c.kas ? {
    enabled: true,
    secret_file: secretFile(RAILS_SECRET_PATHS.kas),
    external_url: config.hosts.kas.url,
    internal_url: endpoints.kas.internalUrl,
  } : undefined;
  const cronJobs = Object.keys(rails.cronJobs).length ? rails.cronJobs : undefined;

  return templateYaml({
    production: {
      gitlab: {
        host: host.name,
        https: host.https,
        // The chart writes ssh_host only when `global.hosts.ssh` is set; Rails defaults it to the host.
        ssh_host: config.hosts.ssh.name !== host.name ? config.hosts.ssh.name : undefined,
        ...applicationSettings(config, consumer),
        ...emailPersona(config),
      },
      ...mailSections(config, consumer),
      cron_jobs: cronJobs,
      gravatar,
      // The toolbox chart writes its own (empty) `extra` instead of the analytics settings.
      extra: toolbox ? null : analyticsSection(config),
      object_store: consolidatedObjectStore(config),
      ...featureFlags(config, consumer),
      sentry: toolbox ? undefined : {
        enabled: rails.sentry.enabled,
        dsn: rails.sentry.dsn ?? null,
        clientside_dsn: rails.sentry.clientsideDsn ?? null,
        environment: rails.sentry.environment ?? null,
      },
      gitlab_docs: webservice ? { enabled: rails.docs.enabled, host: rails.docs.host } : undefined,
      sidekiq,
      oidc_provider,
      ci_id_tokens,
      pages: withPagesObjectStore(config, pagesSection(config)),
      mattermost: { enabled: false },
      registry: registrySection(config, endpoints),
      gitlab_ci: null,
      ldap: ldapSection(config),
      omniauth: omniauthSection(config),
      ...disabledSignInSections(),
      shared: null,
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
      workhorse: webservice ? { secret_file: secretFile(RAILS_SECRET_PATHS.workhorse) } : null,
      git: { bin_path: '/usr/bin/git' },
      webpack: null,
      monitoring: monitoring(config, consumer),
      shutdown: webservice ? { blackout_seconds: c.webservice?.shutdownBlackoutSeconds ?? 10 } : undefined,
      rack_attack: webservice ? rackAttackSection(config) : undefined,
      smartcard: webservice ? smartcardSection(config) : undefined,
    },
  });
}
