import type { PropsBuilder } from '../../values/builder';
import type { ValuesReader } from '../../values/reader';
import { readRailsSettings } from '../rails-settings/values';
import { PROJECT_FEATURES, RAILS_CHARTS } from './names';

/** The values import of `rails`: the chart's `global.appConfig` general keys and the Rails pods' request settings. */

/**
 * GitLab's application settings: the general keys of `global.appConfig` (Service Ping, themes, project defaults,
 * timeouts, Gravatar, analytics (`extra`), cron jobs, CSP, Sentry, docs, `externalDiffs.when`,
 * `initialDefaults.signupEnabled`, smartcard off, and the settings of the rails-settings table: `cdnHost`,
 * `actionCableAllowedOrigins`, `initialDefaults.gitlabProductUsageData`, `ciIdTokens.issuerUrl`,
 * `oidcProvider.openidIdTokenExpireInSeconds`, `sidekiq.routingRules`) and the Rails pods' `trusted_proxies` and webservice's
 * `rack_attack`, into `rails`. Keys at the chart's default of a feature that is off are accepted.
 */
export function readAppConfig(b: PropsBuilder): void {
  const v = b.values;
  const app = 'global.appConfig';
  b.boolean(`${app}.enableUsagePing`, 'rails.usagePing');
  b.boolean(`${app}.enableSeatLink`, 'rails.seatLink');
  b.boolean(`${app}.enableImpersonation`, 'rails.impersonation');
  b.number(`${app}.applicationSettingsCacheSeconds`, 'rails.applicationSettingsCacheSeconds');
  b.boolean(`${app}.usernameChangingEnabled`, 'rails.usernameChanging');
  b.string(`${app}.issueClosingPattern`, 'rails.issueClosingPattern');
  b.number(`${app}.defaultTheme`, 'rails.defaultTheme');
  b.number(`${app}.defaultColorMode`, 'rails.defaultColorMode');
  b.number(`${app}.defaultSyntaxHighlightingTheme`, 'rails.defaultSyntaxHighlightingTheme');
  for (const feature of PROJECT_FEATURES) {
    b.boolean(`${app}.defaultProjectsFeatures.${feature}`, `rails.defaultProjectsFeatures.${feature}`);
  }
  b.number(`${app}.graphQlTimeout`, 'rails.graphQlTimeout');
  b.number(`${app}.webhookTimeout`, 'rails.webhookTimeout');
  b.number(`${app}.maxRequestDurationSeconds`, 'rails.maxRequestDurationSeconds');
  b.boolean(`${app}.initialDefaults.signupEnabled`, 'rails.signupEnabled');
  readRailsSettings(b);
  // The chart's gitlab.yml takes only these two of initialDefaults; the others (passwordAuthenticationEnabledForWeb,
  // signinEnabled, ...) do nothing there either.
  v.noEffect(`${app}.initialDefaults`, 'nothing in the chart either: its gitlab.yml takes only signupEnabled and gitlabProductUsageData from initialDefaults',
    'set the setting in the Admin area or with the application settings API (PUT /api/v4/application/settings) after the install, and remove the key');
  b.string(`${app}.gravatar.plainUrl`, 'rails.gravatar.plainUrl');
  b.string(`${app}.gravatar.sslUrl`, 'rails.gravatar.sslUrl');
  for (const key of ['googleAnalyticsId', 'matomoUrl', 'matomoSiteId', 'oneTrustId', 'googleTagManagerNonceId']) {
    b.string(`${app}.extra.${key}`, `rails.analytics.${key}`);
  }
  b.boolean(`${app}.extra.matomoDisableCookies`, 'rails.analytics.matomoDisableCookies');
  b.boolean(`${app}.extra.bizible`, 'rails.analytics.bizible');
  b.raw(`${app}.cron_jobs`, 'rails.cronJobs');
  b.string(`${app}.externalDiffs.when`, 'rails.externalDiffsWhen');
  readContentSecurityPolicy(b);
  readSentry(b);
  readDocs(b);
  readSmartcard(v);
  readTrustedProxies(b);
  readRackAttack(b);
}

/** `contentSecurityPolicy`: on only with `enabled: true`; while off, only the chart's `report_only: true` is accepted. */
function readContentSecurityPolicy(b: PropsBuilder): void {
  const v = b.values;
  const base = 'global.appConfig.contentSecurityPolicy';
  if (v.boolean(`${base}.enabled`) !== true) {
    if (v.peek(`${base}.report_only`) === true) v.get(`${base}.report_only`);
    v.noEffect(base, 'nothing while contentSecurityPolicy.enabled is not true', `remove the key, or set ${base}.enabled: true`);
    return;
  }
  b.set('rails.contentSecurityPolicy.enabled', true, `${base}.enabled`);
  b.boolean(`${base}.report_only`, 'rails.contentSecurityPolicy.reportOnly');
  b.raw(`${base}.directives`, 'rails.contentSecurityPolicy.directives');
}

/** `sentry`: configured when on or when any of its settings is given (`enabled: false` alone is the chart's default). */
function readSentry(b: PropsBuilder): void {
  const v = b.values;
  const base = 'global.appConfig.sentry';
  const enabled = v.boolean(`${base}.enabled`);
  const fields = { dsn: v.string(`${base}.dsn`), clientsideDsn: v.string(`${base}.clientside_dsn`), environment: v.string(`${base}.environment`) };
  if (enabled !== true && Object.values(fields).every((f) => f === undefined)) return;
  b.set('rails.sentry', { enabled: enabled ?? false, ...Object.fromEntries(Object.entries(fields).filter(([, f]) => f !== undefined)) }, base);
}

function readDocs(b: PropsBuilder): void {
  const base = 'global.appConfig.gitlab_docs';
  const enabled = b.values.boolean(`${base}.enabled`);
  const host = b.values.string(`${base}.host`);
  if (host !== undefined) {
    b.set('rails.docs.host', host, `${base}.host`);
    if (enabled !== undefined) b.set('rails.docs.enabled', enabled, `${base}.enabled`);
  } else if (enabled === true) {
    b.set('rails.docs', { enabled: true }, base);
  }
}

/** Smartcard authentication is not supported: only its off state (with the chart's default fields) is accepted. */
function readSmartcard(v: ValuesReader): void {
  const base = 'global.appConfig.smartcard';
  for (const [key, dflt] of [['enabled', false], ['sanExtensions', false], ['requiredForGitAccess', false]] as const) {
    const value = v.get(`${base}.${key}`);
    if (value !== undefined && value !== dflt) {
      v.problem(`${base}.${key}`, value, `${dflt} (smartcard authentication is not supported)`, 'remove the key');
    }
  }
}

/**
 * `gitlab.<pod>.trusted_proxies`: one list for every Rails pod (it matters where requests arrive, webservice);
 * lists that differ between pods are refused.
 */
function readTrustedProxies(b: PropsBuilder): void {
  const v = b.values;
  const lists = RAILS_CHARTS.map((pod) => [`gitlab.${pod}.trusted_proxies`, v.list(`gitlab.${pod}.trusted_proxies`)] as const)
    .filter(([, list]) => list !== undefined && list.length > 0);
  if (!lists.length) return;
  const [firstPath, first] = lists[0];
  for (const [path, list] of lists.slice(1)) {
    if (JSON.stringify(list) !== JSON.stringify(first)) {
      v.problem(path, list, `the same list as ${firstPath} (gitlab-iac gives every Rails pod one list)`, `write the same list in ${path}, or remove it`);
    }
  }
  b.set('rails.trustedProxies', first, firstPath);
}

/**
 * `gitlab.webservice.rack_attack.git_basic_auth`: on with `enabled: true`. Sidekiq's and the toolbox's copies have no
 * effect in the chart (their gitlab.yml has no rack_attack): only their default `enabled: false` is accepted.
 */
function readRackAttack(b: PropsBuilder): void {
  const v = b.values;
  const base = 'gitlab.webservice.rack_attack.git_basic_auth';
  if (v.boolean(`${base}.enabled`) === true) {
    const settings = v.map(base) ?? {};
    const unknown = Object.keys(settings).filter((k) => !['enabled', 'ip_whitelist', 'maxretry', 'findtime', 'bantime'].includes(k));
    for (const key of unknown) {
      v.problem(`${base}.${key}`, settings[key], 'enabled, ip_whitelist, maxretry, findtime, bantime', 'remove the key');
    }
    b.set('rails.rackAttackGitBasicAuth', {}, base);
    b.raw(`${base}.ip_whitelist`, 'rails.rackAttackGitBasicAuth.ipWhitelist');
    for (const key of ['maxretry', 'findtime', 'bantime']) b.number(`${base}.${key}`, `rails.rackAttackGitBasicAuth.${key}`);
  } else {
    v.noEffect(base, 'nothing while git_basic_auth.enabled is not true', `remove the key, or set ${base}.enabled: true`, ['enabled']);
  }
  for (const pod of ['sidekiq', 'toolbox']) {
    const path = `gitlab.${pod}.rack_attack`;
    if (v.peek(`${path}.git_basic_auth.enabled`) === false) v.get(`${path}.git_basic_auth.enabled`);
    v.noEffect(path, `nothing: the chart's ${pod} ignores rack_attack (only webservice serves requests)`,
      'set gitlab.webservice.rack_attack instead, and remove the key');
  }
}
