/**
 * Chart fidelity of the ERB config templates: each template, rendered as the CNG image renders it (Ruby ERB, the
 * secret files in place), must give the same document (keys, values, YAML types) as the official chart 9.9.1 gives
 * for the same values. The chart's documents below are written out by hand from its templates (no helm here):
 *
 * - gitlab.yml: charts/gitlab/charts/{webservice/templates/configmap.yml, sidekiq/templates/configmap.yaml,
 *   toolbox/templates/configmap.yaml, migrations/templates/configmap.yaml} and the helpers they include from
 *   charts/gitlab/templates/ (_gitlab.yaml.tpl, _objectStorage.tpl, _artifacts.tpl & co., _pages.tpl, _registry.tpl,
 *   _kas.tpl, _gitaly.tpl, _sentry.tpl, _sidekiq.tpl, _smtp.tpl, _ldap.tpl, _omniauth.tpl, _kerberos.tpl,
 *   _duo_auth.tpl, _smartcard.tpl, _defaultProjectsFeatures.tpl, _contentSecurityPolicy.tpl), with the defaults of
 *   values.yaml (global.appConfig, global.pages, global.registry, global.email) and of each subchart's values.yaml
 *   (monitoring, metrics, health_checks, trusted_proxies, rack_attack);
 * - database.yml: charts/gitlab/templates/_database.yml.tpl, _databaseDatamodel.tpl, templates/_helpers.tpl (gitlab.psql.*);
 * - resque.yml, cable.yml, redis.*.yml: charts/gitlab/templates/_rails.redis.tpl, _redis.tpl, templates/_redis.tpl;
 * - session_store.yml: charts/gitlab/templates/_session_store.yml.tpl;
 * - gitlab-exporter.yml: charts/gitlab/charts/gitlab-exporter/templates/configmap.yaml and its _helpers.tpl.
 *
 * Each template is checked twice: evaluated by a small stand-in for the ERB expressions the templates use (runs
 * everywhere; an unknown expression fails the test), and rendered by Ruby's ERB when Ruby is installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromHelmValues } from '../../../constructs/values/helm-values';
import { hasRuby } from '../../support/erb';
import { find, KubeObject, synthPlatform } from '../../support/synth';

// ---------------------------------------------------------------------------------------------------------------
// Rendering the templates as the image does

/** The secret files a Rails pod would hold (under /etc/gitlab); a password with URL-special characters. */
const SECRET_FILES: Readonly<Record<string, string>> = {
  'postgres/psql-password-main': "pg'pass\n",
  'postgres/psql-password-ci': "pg'pass\n",
  'redis/redis-password': 'redis p@ss/word\n',
  'redis/cache-password': 'cache-pass\n',
  'redis/sharedState-password': 'redis p@ss/word\n',
  'redis/queues-password': 'queues-pass\n',
  'redis-sentinel/redis-sentinel-password': 'sentinel "pw"\n',
  'gitaly/gitaly_token': 'gitaly-token\n',
  'gitaly/gitaly_token_praefect': 'praefect-token\n',
  'registry/notificationSecret': '["notification-secret"]\n',
  'objectstorage/object_store': 'provider: AWS\nregion: us-east-1\nuse_iam_profile: true\n',
  'mailroom/password_incoming_email': 'imap "pass"\n',
  'mailroom/password_service_desk': 'sd-pass\n',
};

const SECRETS_DIR = '/etc/gitlab/';
const ERB_TAG = /<%=([\s\S]*?)%>/g;
const secret = (path: string) => {
  if (!path.startsWith(SECRETS_DIR)) throw new Error(`not a secret file: ${path}`);
  const content = SECRET_FILES[path.slice(SECRETS_DIR.length)];
  if (content === undefined) throw new Error(`no fake secret file ${path}`);
  return content;
};
const rubyUrlEncode = (s: string) => s.replace(/[^a-zA-Z0-9_.~-]/g, (c) => [...Buffer.from(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));

/** The ERB expressions the templates use, evaluated in JavaScript. */
const EXPRESSIONS: readonly [RegExp, (path: string) => string][] = [
  [/^File\.read\("([^"]+)"\)\.strip\.to_json$/, (p) => JSON.stringify(secret(p).trim())],
  [/^ERB::Util\.url_encode\(File\.read\("([^"]+)"\)\.strip\)$/, (p) => rubyUrlEncode(secret(p).trim())],
  [/^YAML\.load_file\("([^"]+)"\)\.to_json$/, (p) => JSON.stringify(parse(secret(p)))],
  [/^YAML\.load_file\("([^"]+)"\)\.flatten\.first\.to_json$/, (p) => JSON.stringify((parse(secret(p)) as unknown[]).flat(Infinity)[0])],
  [/^File\.exist\?\("([^"]+)"\) \? YAML\.load_file\("[^"]+"\)\.flatten\.first\.to_json : 'null'$/,
    (p) => (SECRET_FILES[p.slice(SECRETS_DIR.length)] === undefined ? 'null' : JSON.stringify((parse(secret(p)) as unknown[]).flat(Infinity)[0]))],
  [/^File\.read\("([^"]+)"\)\.strip\.gsub\(\/\['\\\\\]\/\) \{ \|c\| "\\\\" \+ c \}$/, (p) => secret(p).trim().replace(/['\\]/g, '\\$&')],
];

function renderWithoutRuby(template: string): unknown {
  const text = template.replace(ERB_TAG, (_, expr: string) => {
    const e = expr.trim();
    for (const [pattern, evaluate] of EXPRESSIONS) {
      const m = pattern.exec(e);
      if (m) return evaluate(m[1]);
    }
    throw new Error(`unknown ERB expression: ${e}`);
  });
  return parse(text);
}

function renderWithRuby(template: string): unknown {
  const root = mkdtempSync(join(tmpdir(), 'gitlab-fidelity-'));
  for (const [path, content] of Object.entries(SECRET_FILES)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  // Only the files the expressions read move; paths written as values (secret_file: ...) stay as they are.
  const source = join(root, 'template.erb');
  writeFileSync(source, template.replace(ERB_TAG, (tag) => tag.split(SECRETS_DIR).join(`${root}/`)));
  const result = spawnSync('ruby', ['-rerb', '-ryaml', '-rjson', '-e', 'print ERB.new(File.read(ARGV[0])).result', source], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ruby failed: ${result.stderr}`);
  return parse(result.stdout);
}

// ---------------------------------------------------------------------------------------------------------------
// The scenarios: the production values and three variants of them

const PRODUCTION_VALUES = parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'chart', 'aws-production-values.yaml'), 'utf8'));

type Values = Record<string, any>;
const merge = (a: Values, b: Values): Values => {
  const out: Values = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && a[k] && typeof a[k] === 'object' ? merge(a[k], v) : v;
  }
  return out;
};

interface Scenario {
  readonly values: Values;
  readonly kas: boolean;
  readonly registry: boolean;
  readonly redisSplit: boolean;
  readonly ciDatabase?: string;
  readonly replicas?: readonly string[];
  /** Incoming and Service Desk e-mail through mailroom (IMAP, webhook delivery). */
  readonly email?: boolean;
  /** Praefect in front of Gitaly (replacing the internal Gitaly). */
  readonly praefect?: boolean;
  /** The global Redis behind Sentinels that require a password. */
  readonly sentinels?: boolean;
  /** The application settings of APP_CONFIG. */
  readonly appConfig?: boolean;
}

/** global.appConfig general settings, the Rails pods' trusted_proxies and webservice's rack_attack. */
const APP_CONFIG = {
  global: {
    appConfig: {
      enableUsagePing: false, enableSeatLink: false, enableImpersonation: false, applicationSettingsCacheSeconds: 30,
      usernameChangingEnabled: false, issueClosingPattern: '\\b(?:[Cc]loses?) %{issue_ref}', defaultTheme: 2,
      defaultColorMode: 3, defaultSyntaxHighlightingTheme: 4,
      defaultProjectsFeatures: { wiki: false, containerRegistry: false },
      graphQlTimeout: 45, webhookTimeout: 20, maxRequestDurationSeconds: 50, initialDefaults: { signupEnabled: false },
      gravatar: { plainUrl: 'http://avatars.example.com/avatar/%{hash}?s=%{size}', sslUrl: 'https://avatars.example.com/avatar/%{hash}?s=%{size}' },
      extra: { googleAnalyticsId: 'G-12345', matomoUrl: 'matomo.example.com', matomoSiteId: '7', matomoDisableCookies: true },
      cron_jobs: { stuck_ci_jobs_worker: { cron: '0 * * * *' }, pipeline_schedule_worker: { cron: '3-59/10 * * * *' } },
      contentSecurityPolicy: { enabled: true, report_only: false, directives: { script_src: "'self' 'unsafe-eval'", frame_ancestors: "'self'" } },
      sentry: { enabled: true, dsn: 'https://public@sentry.example.com/1', clientside_dsn: 'https://public@sentry.example.com/2', environment: 'production' },
      gitlab_docs: { enabled: true, host: 'https://docs.example.com' },
      externalDiffs: { when: 'outdated' },
    },
  },
  gitlab: {
    webservice: { trusted_proxies: ['10.0.0.0/8', '192.168.0.1'], rack_attack: { git_basic_auth: { enabled: true, ip_whitelist: ['127.0.0.1'], maxretry: 10, findtime: 60, bantime: 3600 } } },
    sidekiq: { trusted_proxies: ['10.0.0.0/8', '192.168.0.1'] },
    toolbox: { trusted_proxies: ['10.0.0.0/8', '192.168.0.1'] },
  },
};

const REPLICAS = ['replica-1.abc123.us-east-1.rds.amazonaws.com', 'replica-2.abc123.us-east-1.rds.amazonaws.com'];

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'aws production': { values: PRODUCTION_VALUES, kas: true, registry: true, redisSplit: false },
  'kas and registry off': {
    values: merge(PRODUCTION_VALUES, { global: { kas: { enabled: false }, registry: { enabled: false, bucket: null } }, registry: { enabled: false, storage: null } }),
    kas: false, registry: false, redisSplit: false,
  },
  'Redis split (cache, sharedState, queues behind Sentinels)': {
    values: merge(PRODUCTION_VALUES, {
      global: {
        redis: {
          cache: { host: 'cache.gitlab-redis.abc123.use1.cache.amazonaws.com', password: { enabled: true, secret: 'gitlab-redis-cache', key: 'password' } },
          sharedState: { host: 'shared.gitlab-redis.abc123.use1.cache.amazonaws.com', port: 6380 },
          queues: { host: 'gitlab-queues', sentinels: [{ host: 'sentinel-0.example.com', port: 26379 }, { host: 'sentinel-1.example.com' }] },
        },
      },
    }),
    kas: true, registry: true, redisSplit: true,
  },
  'separate ci database and read replicas': {
    values: merge(PRODUCTION_VALUES, {
      global: { psql: { ci: { database: 'gitlabhq_production_ci' }, load_balancing: { hosts: REPLICAS } } },
    }),
    kas: true, registry: true, redisSplit: false, ciDatabase: 'gitlabhq_production_ci', replicas: REPLICAS,
  },
  'incoming and Service Desk e-mail': {
    values: merge(PRODUCTION_VALUES, {
      global: {
        appConfig: {
          incomingEmail: {
            enabled: true, address: 'incoming+%{key}@example.com', user: 'incoming@example.com',
            password: { secret: 'gitlab-incoming-email-password', key: 'password' },
          },
          serviceDeskEmail: {
            enabled: true, address: 'servicedesk+%{key}@example.com', user: 'servicedesk@example.com',
            password: { secret: 'gitlab-service-desk-email-password', key: 'password' },
          },
        },
      },
    }),
    kas: true, registry: true, redisSplit: false, email: true,
  },
  'Redis behind Sentinels with Sentinel auth': {
    values: merge(PRODUCTION_VALUES, {
      global: {
        redis: {
          host: 'gitlab-redis', scheme: 'redis',
          sentinels: [{ host: 'sentinel-0.example.com', port: 26379 }, { host: 'sentinel-1.example.com', port: 26380 }],
          sentinelAuth: { enabled: true, secret: 'gitlab-redis-sentinel', key: 'password' },
        },
      },
    }),
    kas: true, registry: true, redisSplit: false, sentinels: true,
  },
  'application settings (global.appConfig)': { values: merge(PRODUCTION_VALUES, APP_CONFIG), kas: true, registry: true, redisSplit: false, appConfig: true },
  'Praefect': {
    values: merge(PRODUCTION_VALUES, { global: { praefect: { enabled: true } } }),
    kas: true, registry: true, redisSplit: false, praefect: true,
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The chart's documents

type RailsPod = 'webservice' | 'sidekiq' | 'toolbox' | 'migrations';

/** Secret values as the fake files above make them appear in a rendered template. */
const PG_PASSWORD = "pg'pass";
const GITALY_TOKEN = 'gitaly-token';
const OBJECT_STORE_CONNECTION = { provider: 'AWS', region: 'us-east-1', use_iam_profile: true };
const REDIS_HOST = 'master.gitlab-redis.abc123.use1.cache.amazonaws.com';
const REDIS_URL = `rediss://:redis%20p%40ss%2Fword@${REDIS_HOST}:6379/0`;
/** With Sentinels the URL names the master (templates/_redis.tpl gitlab.redis.sentinels, sentinelsList). */
const SENTINEL_REDIS_URL = 'redis://:redis%20p%40ss%2Fword@gitlab-redis:6379/0';
const CHART_SENTINELS = [{ host: 'sentinel-0.example.com', port: 26379 }, { host: 'sentinel-1.example.com', port: 26380 }];

/** `gitlab:` of gitlab.yml (the pod ConfigMaps; _smtp.tpl `gitlab.outgoing_email_settings`, _defaultProjectsFeatures.tpl). */
function chartGitlabSection(pod: Exclude<RailsPod, 'migrations'>, s: Scenario) {
  if (s.appConfig) {
    return {
      host: 'gitlab.example.com',
      https: true,
      ...(pod === 'toolbox' ? {} : { action_cable_allowed_origins: [] }),
      max_request_duration_seconds: 50,
      impersonation_enabled: false,
      application_settings_cache_seconds: 30,
      usage_ping_enabled: false,
      seat_link_enabled: false,
      username_changing_enabled: false,
      issue_closing_pattern: '\\b(?:[Cc]loses?) %{issue_ref}',
      default_theme: 2,
      ...(pod === 'webservice' ? { default_color_mode: 3, default_syntax_highlighting_theme: 4 } : {}),
      // _defaultProjectsFeatures.tpl: `eq .x true`, containerRegistry true unless a boolean says otherwise
      default_projects_features: { issues: true, merge_requests: true, wiki: false, snippets: true, builds: true, container_registry: false },
      signup_enabled: false,
      graphql_timeout: 45,
      webhook_timeout: 20,
      trusted_proxies: ['10.0.0.0/8', '192.168.0.1'],
      time_zone: 'UTC',
      email_from: 'gitlab@example.com',
      email_display_name: 'GitLab',
      email_reply_to: 'noreply@example.com',
      email_subject_suffix: '',
      // _contentSecurityPolicy.tpl, nested under gitlab: (webservice only)
      ...(pod === 'webservice' ? {
        content_security_policy: { enabled: true, report_only: false, directives: { script_src: "'self' 'unsafe-eval'", frame_ancestors: "'self'" } },
      } : {}),
    };
  }
  return {
    host: 'gitlab.example.com',
    https: true,
    // toolbox: no action_cable_allowed_origins
    ...(pod === 'toolbox' ? {} : { action_cable_allowed_origins: [] }),
    // global.webservice.workerTimeout 60 → ceil(60 * 0.95)
    max_request_duration_seconds: 57,
    impersonation_enabled: null,
    application_settings_cache_seconds: 60,
    usage_ping_enabled: true,
    seat_link_enabled: true,
    username_changing_enabled: true,
    issue_closing_pattern: null,
    default_theme: null,
    // webservice only
    ...(pod === 'webservice' ? { default_color_mode: null, default_syntax_highlighting_theme: null } : {}),
    default_projects_features: { issues: true, merge_requests: true, wiki: true, snippets: true, builds: true, container_registry: true },
    graphql_timeout: null,
    webhook_timeout: null,
    // `trusted_proxies: []` in each subchart's values: the key is written without a value
    trusted_proxies: null,
    time_zone: 'UTC',
    email_from: 'gitlab@example.com',
    email_display_name: 'GitLab',
    email_reply_to: 'noreply@example.com',
    email_subject_suffix: '',
  };
}

/** The consolidated object store (_objectStorage.tpl): `proxy_download` repeated for the types whose defaults carry it. */
const CHART_OBJECT_STORE = {
  enabled: true,
  proxy_download: true,
  connection: OBJECT_STORE_CONNECTION,
  objects: {
    artifacts: { bucket: 'gl-artifacts', proxy_download: true },
    lfs: { bucket: 'gl-lfs', proxy_download: true },
    uploads: { bucket: 'gl-uploads', proxy_download: true },
    packages: { bucket: 'gl-packages', proxy_download: true },
    external_diffs: { bucket: 'gl-mr-diffs', proxy_download: true },
    terraform_state: { bucket: 'gl-terraform-state' },
    dependency_proxy: { bucket: 'gl-dependency-proxy', proxy_download: true },
    ci_secure_files: { bucket: 'gl-ci-secure-files' },
    // global.pages.objectStore is enabled by default, even with Pages off
    pages: { bucket: 'gitlab-pages' },
  },
};

/** The per-type sections (_artifacts.tpl & co.); migrations has no dependency_proxy section. */
const chartFeatureSections = (pod: RailsPod, s: Scenario) => ({
  artifacts: { enabled: true },
  lfs: { enabled: true },
  uploads: { enabled: true },
  packages: { enabled: true },
  external_diffs: { enabled: true, when: s.appConfig ? 'outdated' : null },
  terraform_state: { enabled: true },
  ci_secure_files: { enabled: true },
  ...(pod === 'migrations' ? {} : { dependency_proxy: { enabled: true } }),
});

const CHART_GITALY = { client_path: '/home/git/gitaly/bin', token: GITALY_TOKEN };
/** _gitaly.tpl gitlab.gitaly.storages; with Praefect _praefect.tpl gitlab.praefect.storages (virtual storage `default`). */
const chartRepositories = (s: Scenario) => ({
  storages: {
    default: s.praefect
      ? { path: '/var/opt/gitlab/repo', gitaly_address: 'tcp://gitlab-praefect.gitlab.svc:8075', gitaly_token: 'praefect-token' }
      : { path: '/var/opt/gitlab/repo', gitaly_address: 'tcp://gitlab-gitaly-0.gitlab-gitaly.gitlab.svc:8075' },
  },
});
const chartGravatar = (s: Scenario) => (s.appConfig
  ? { plain_url: 'http://avatars.example.com/avatar/%{hash}?s=%{size}', ssl_url: 'https://avatars.example.com/avatar/%{hash}?s=%{size}' }
  : { plain_url: null, ssl_url: null });

/** _gitlab.yaml.tpl gitlab.appConfig.extra: only the services set. */
const chartExtra = (s: Scenario) => (s.appConfig
  ? { google_analytics_id: 'G-12345', matomo_url: 'matomo.example.com', matomo_site_id: '7', matomo_disable_cookies: true }
  : null);

/** _sentry.tpl */
const chartSentry = (s: Scenario) => (s.appConfig
  ? { enabled: true, dsn: 'https://public@sentry.example.com/1', clientside_dsn: 'https://public@sentry.example.com/2', environment: 'production' }
  : { enabled: false, dsn: null, clientside_dsn: null, environment: null });

/** _pages.tpl with Pages off: global.pages defaults (artifactsServer true, localStore.path unset). */
const CHART_PAGES = {
  enabled: false,
  access_control: false,
  artifacts_server: true,
  path: '/srv/gitlab/shared/pages',
  host: 'pages.example.com',
  port: 443,
  https: true,
  secret_file: '/etc/gitlab/pages/secret',
  external_http: false,
  external_https: false,
  local_store: { enabled: false, path: null },
  namespace_in_path: false,
};

/** _registry.tpl: global.registry.enabled decides `enabled`; the section is written either way. */
const chartRegistry = (on: boolean) => ({
  enabled: on,
  host: 'registry.example.com',
  api_url: 'http://gitlab-registry.gitlab.svc:5000',
  key: '/etc/gitlab/registry/gitlab-registry.key',
  issuer: 'gitlab-issuer',
  notification_secret: 'notification-secret',
});

/** _omniauth.tpl with global.appConfig.omniauth defaults. */
const CHART_OMNIAUTH = {
  enabled: false,
  sync_profile_from_provider: [],
  sync_profile_attributes: ['email'],
  allow_single_sign_on: ['saml'],
  block_auto_created_users: true,
  auto_link_ldap_user: false,
  auto_link_saml_user: false,
  external_providers: [],
};

const CHART_KERBEROS = {
  enabled: false, keytab: '/etc/krb5.keytab', use_dedicated_port: false, port: 8443, https: true, simple_ldap_linking_allowed_realms: [],
};
const CHART_DUO_AUTH = { enabled: false, hostname: null, integration_key: null, secret_key: null };

const CHART_KAS = {
  enabled: true,
  secret_file: '/etc/gitlab/kas/.gitlab_kas_secret',
  external_url: 'wss://kas.example.com',
  internal_url: 'grpc://gitlab-kas.gitlab.svc:8153',
};

const chartShell = (pod: RailsPod) => ({
  path: '/home/git/gitlab-shell/',
  hooks_path: '/home/git/gitlab-shell/hooks/',
  upload_pack: true,
  receive_pack: true,
  ssh_port: 22,
  // sidekiq's ConfigMap does not include gitlab.appConfig.shell.secret_file
  ...(pod === 'sidekiq' ? {} : { secret_file: '/etc/gitlab/shell/.gitlab_shell_secret' }),
});

/** gitlab.yml's `production:` of one pod for one scenario. */
function chartGitlabYml(pod: RailsPod, s: Scenario): Record<string, unknown> {
  if (pod === 'migrations') {
    // charts/gitlab/charts/migrations/templates/configmap.yaml
    return {
      gitlab: s.appConfig ? { host: 'gitlab.example.com', https: true, signup_enabled: false } : { host: 'gitlab.example.com', https: true },
      object_store: CHART_OBJECT_STORE,
      ...chartFeatureSections(pod, s),
      gitaly: CHART_GITALY,
      repositories: chartRepositories(s),
      sidekiq: { log_format: 'json' },
      oidc_provider: { openid_id_token_expire_in_seconds: 120 },
      gravatar: chartGravatar(s),
    };
  }
  const mail = s.email && pod !== 'toolbox' ? {
    incoming_email: { enabled: true, address: 'incoming+%{key}@example.com', secret_file: '/etc/gitlab/mailroom/incoming_email_webhook_secret' },
    service_desk_email: { enabled: true, address: 'servicedesk+%{key}@example.com', secret_file: '/etc/gitlab/mailroom/service_desk_email_webhook_secret' },
  } : {};
  const common = {
    gitlab: chartGitlabSection(pod, s),
    ...mail,
    ...(s.appConfig ? { cron_jobs: { stuck_ci_jobs_worker: { cron: '0 * * * *' }, pipeline_schedule_worker: { cron: '3-59/10 * * * *' } } } : {}),
    gravatar: chartGravatar(s),
    object_store: CHART_OBJECT_STORE,
    ...chartFeatureSections(pod, s),
    sidekiq: { log_format: 'json' },
    oidc_provider: { openid_id_token_expire_in_seconds: 120 },
    pages: CHART_PAGES,
    mattermost: { enabled: false },
    registry: chartRegistry(s.registry),
    gitlab_ci: null,
    ldap: { enabled: false },
    omniauth: CHART_OMNIAUTH,
    kerberos: CHART_KERBEROS,
    duo_auth: CHART_DUO_AUTH,
    shared: null,
    gitaly: CHART_GITALY,
    repositories: chartRepositories(s),
    backup: { path: 'tmp/backups' },
    // _gitlab.yaml.tpl gitlab.appConfig.kas: only while global.kas.enabled
    ...(s.kas ? { gitlab_kas: CHART_KAS } : {}),
    gitlab_shell: chartShell(pod),
    git: { bin_path: '/usr/bin/git' },
    webpack: null,
  };
  switch (pod) {
    case 'webservice':
      // charts/gitlab/charts/webservice/templates/configmap.yml
      return {
        ...common,
        extra: chartExtra(s),
        sentry: chartSentry(s),
        gitlab_docs: s.appConfig ? { enabled: true, host: 'https://docs.example.com' } : { enabled: false, host: '' },
        workhorse: { secret_file: '/etc/gitlab/gitlab-workhorse/secret' },
        monitoring: {
          ip_whitelist: ['0.0.0.0/0', '::/0'],
          // metrics.enabled and metrics.port == monitoring.exporter.port (8083)
          web_exporter: { enabled: true, address: '0.0.0.0', port: 8083 },
          sidekiq_exporter: null,
        },
        // SHUTDOWN_BLACKOUT_SECONDS=10 in the container's env
        shutdown: { blackout_seconds: 10 },
        rack_attack: {
          git_basic_auth: s.appConfig ? { enabled: true, ip_whitelist: ['127.0.0.1'], maxretry: 10, findtime: 60, bantime: 3600 } : null,
        },
        smartcard: {
          enabled: false,
          ca_file: '/etc/gitlab/rails-secrets/smartcard-ca.crt',
          client_certificate_required_host: 'smartcard.example.com',
          client_certificate_required_port: 443,
          san_extensions: false,
          required_for_git_access: false,
        },
      };
    case 'sidekiq':
      // charts/gitlab/charts/sidekiq/templates/configmap.yaml (no gitlab_docs, rack_attack, shutdown, smartcard)
      return {
        ...common,
        extra: chartExtra(s),
        sentry: chartSentry(s),
        workhorse: null,
        monitoring: {
          ip_whitelist: ['127.0.0.0/8', '::1/128'],
          sidekiq_exporter: { enabled: true, address: '*', port: 3807, log_enabled: false },
          sidekiq_health_checks: { enabled: true, address: '*', port: 3808 },
        },
      };
    case 'toolbox':
      // charts/gitlab/charts/toolbox/templates/configmap.yaml: no sentry; `extra` from toolbox's own (empty) values
      return {
        ...common,
        extra: null,
        workhorse: null,
        monitoring: { ip_whitelist: ['127.0.0.0/8'], sidekiq_exporter: null },
      };
  }
}

/** One database.yml connection (_database.yml.tpl); unset libpq settings are written empty. */
function chartConnection(database: string, databaseTasks: boolean, replicas?: readonly string[]) {
  return {
    adapter: 'postgresql',
    encoding: 'unicode',
    database,
    username: 'gitlab',
    password: PG_PASSWORD,
    host: 'gitlab-db.abc123.us-east-1.rds.amazonaws.com',
    port: 5432,
    connect_timeout: null,
    keepalives: null,
    keepalives_idle: null,
    keepalives_interval: null,
    keepalives_count: null,
    tcp_user_timeout: null,
    application_name: null,
    prepared_statements: false,
    database_tasks: databaseTasks,
    ...(replicas ? { load_balancing: { hosts: [...replicas] } } : {}),
  };
}

/** database.yml: ci shares main's database (then no schema tasks) unless global.psql.ci names another one. */
const chartDatabaseYml = (s: Scenario) => ({
  production: {
    main: chartConnection('gitlabhq_production', true, s.replicas),
    ci: chartConnection(s.ciDatabase ?? 'gitlabhq_production', s.ciDatabase !== undefined, s.replicas),
  },
});

/** The Redis files of the Rails pods (_rails.redis.tpl `gitlab.rails.redis.all`). */
function chartRedisFiles(s: Scenario): Record<string, unknown> {
  const global = s.sentinels
    ? { url: SENTINEL_REDIS_URL, sentinels: CHART_SENTINELS, sentinel_password: 'sentinel "pw"', id: null }
    : { url: REDIS_URL, id: null };
  const files: Record<string, unknown> = {
    'resque.yml.erb': { production: global },
    'cable.yml.erb': { production: { ...global, adapter: 'redis' } },
    'redis.action_cable.yml.erb': { production: global },
  };
  if (s.redisSplit) {
    // Instances inherit scheme/port/auth from global.redis; the password file is named after the instance.
    files['redis.cache.yml.erb'] = { production: { url: 'rediss://:cache-pass@cache.gitlab-redis.abc123.use1.cache.amazonaws.com:6379/0', id: null } };
    files['redis.shared_state.yml.erb'] = { production: { url: 'rediss://:redis%20p%40ss%2Fword@shared.gitlab-redis.abc123.use1.cache.amazonaws.com:6380/0', id: null } };
    files['redis.queues.yml.erb'] = {
      production: {
        url: 'rediss://:queues-pass@gitlab-queues:6379/0',
        sentinels: [{ host: 'sentinel-0.example.com', port: 26379 }, { host: 'sentinel-1.example.com', port: 26379 }],
        id: null,
      },
    };
  }
  return files;
}

/** gitlab-exporter.yml (charts/gitlab/charts/gitlab-exporter/templates/configmap.yaml, YAML merge keys resolved). */
function chartExporterYml(s: Scenario) {
  const db = { methods: ['probe_db'], opts: { connection_string: "dbname=gitlabhq_production user=gitlab host=gitlab-db.abc123.us-east-1.rds.amazonaws.com port=5432 password='pg\\'pass'" } };
  const sidekiq = {
    methods: ['probe_queues', 'probe_workers', 'probe_retries', 'probe_stats'],
    opts: s.redisSplit ? {
      redis_url: 'rediss://:queues-pass@gitlab-queues:6379/0', redis_enable_client: false, probe_non_namespaced: true,
      redis_sentinels: [{ host: 'sentinel-0.example.com', port: 26379 }, { host: 'sentinel-1.example.com', port: 26379 }],
    } : s.sentinels ? {
      redis_url: SENTINEL_REDIS_URL, redis_enable_client: false, probe_non_namespaced: true,
      redis_sentinels: CHART_SENTINELS, redis_sentinel_password: 'sentinel "pw"',
    } : { redis_url: REDIS_URL, redis_enable_client: false, probe_non_namespaced: true },
  };
  const ruby = { methods: ['probe_gc'], opts: { quantiles: false } };
  const prober = (class_name: string) => ({ class_name, ...db });
  return {
    server: { name: 'webrick', listen_address: '*', listen_port: 9168 },
    probes: {
      db_common: db,
      database: {
        multiple: true,
        ci_builds: prober('Database::CiBuildsProber'),
        tuple_stats: prober('Database::TuplesProber'),
        rows_count: prober('Database::RowCountProber'),
      },
      database_bloat: prober('Database::BloatProber'),
      sidekiq,
      ruby,
      metrics: {
        multiple: true,
        ruby,
        sidekiq,
        ci_builds: prober('Database::CiBuildsProber'),
        tuple_stats: prober('Database::TuplesProber'),
        rows_count: prober('Database::RowCountProber'),
        pg_sequences: prober('Database::PgSequencesProber'),
      },
    },
  };
}

/** mail_room.yml (charts/gitlab/charts/mailroom/templates/configmap.yaml), global.appConfig.incomingEmail defaults. */
function chartMailRoomYml() {
  const mailbox = (user: string, password: string, api: string, secret: string) => ({
    ':email': user,
    ':name': 'inbox',
    ':delete_after_delivery': true,
    ':expunge_deleted': false,
    ':logger': { ':log_path': '/dev/stdout' },
    ':inbox_method': 'imap',
    ':host': 'imap.gmail.com',
    ':port': 993,
    ':ssl': true,
    ':start_tls': false,
    ':password': password,
    ':idle_timeout': 60,
    ':delivery_method': 'postback',
    ':delivery_options': {
      ':delivery_url': `http://gitlab-webservice-default.gitlab.svc:8181/api/v4/internal/mail_room/${api}`,
      ':content_type': 'text/plain',
      ':jwt_auth_header': 'Gitlab-Mailroom-Api-Request',
      ':jwt_issuer': 'gitlab-mailroom',
      ':jwt_algorithm': 'HS256',
      ':jwt_secret_path': `/etc/gitlab/mailroom/${secret}`,
    },
    ':arbitration_method': 'redis',
    ':arbitration_options': { ':redis_url': REDIS_URL, ':namespace': 'mail_room:gitlab' },
  });
  return {
    ':health_check': { ':address': '0.0.0.0', ':port': 8080 },
    ':mailboxes': [
      mailbox('incoming@example.com', 'imap "pass"', 'incoming_email', 'incoming_email_webhook_secret'),
      mailbox('servicedesk@example.com', 'sd-pass', 'service_desk_email', 'service_desk_email_webhook_secret'),
    ],
  };
}

/** Every ERB template of a Rails pod's ConfigMap with the chart's document. */
function chartRailsTemplates(pod: RailsPod, s: Scenario): Record<string, unknown> {
  return {
    'database.yml.erb': chartDatabaseYml(s),
    ...chartRedisFiles(s),
    'gitlab.yml.erb': { production: chartGitlabYml(pod, s) },
    // _session_store.yml.tpl; migrations has none
    ...(pod === 'migrations' ? {} : { 'session_store.yml.erb': { production: { session_cookie_token_prefix: '' } } }),
  };
}

// ---------------------------------------------------------------------------------------------------------------

const RENDERERS: readonly [string, (template: string) => unknown][] = [
  ['expressions evaluated in JavaScript', renderWithoutRuby],
  ...(hasRuby ? [['Ruby ERB', renderWithRuby] as [string, (template: string) => unknown]] : []),
];

const erbTemplates = (objects: KubeObject[], configMap: string) => Object.fromEntries(
  Object.entries<string>(find(objects, 'ConfigMap', configMap).data).filter(([key]) => key.endsWith('.erb')));

describe.each(Object.entries(SCENARIOS))('%s: the ERB templates render to the chart\'s documents', (_, scenario) => {
  const objects = synthPlatform(fromHelmValues(scenario.values));

  describe.each(RENDERERS)('rendered with %s', (__, render) => {
    it.each(['webservice', 'sidekiq', 'toolbox', 'migrations'] as const)('%s: every Rails config file', (pod) => {
      const templates = erbTemplates(objects, `gitlab-${pod}`);
      const expected = chartRailsTemplates(pod, scenario);
      expect(Object.keys(templates).sort()).toEqual(Object.keys(expected).sort());
      for (const [file, doc] of Object.entries(expected)) {
        expect({ file, doc: render(templates[file]) }).toStrictEqual({ file, doc });
      }
    });

    it('gitlab-exporter: gitlab-exporter.yml', () => {
      const template = find(objects, 'ConfigMap', 'gitlab-gitlab-exporter').data['gitlab-exporter.yml.erb'];
      expect(render(template)).toStrictEqual(chartExporterYml(scenario));
    });

    it.runIf(scenario.email)('mailroom: mail_room.yml', () => {
      const template = find(objects, 'ConfigMap', 'gitlab-mailroom').data['mail_room.yml'];
      expect(render(template)).toStrictEqual(chartMailRoomYml());
    });
  });
});
