import { all, bool, Check, list, num, obj, record, required, rule, str } from '../schema';
import { templateText } from '../common/checks';
import { cronScheduleProblem } from '../backups/checks';
import { erbSafe, railsSettingsChecks } from '../rails-settings/checks';
import { EXTERNAL_DIFFS_WHEN, PROJECT_FEATURES } from './names';

/**
 * Shape checks of `rails` (gitlab.yml's application settings). Values end up in an ERB template, so free text may
 * not hold `<%` (Ruby would evaluate it) nor line breaks (`erbSafe`: anything on one line but the ERB delimiter;
 * regular expressions use `%{...}`).
 */

const httpUrl = (example: string): Check => all(templateText('a URL'), rule((v: string) => (/^https?:\/\/\S+$/.test(v)
  ? undefined : { allowed: 'an http(s) URL', fix: `write e.g. "${example}"` })));

const themeId = (what: string): Check => num({ min: 1, max: 100, fix: `set the ${what} id GitLab uses (see the GitLab documentation of user preferences)` });

const cronJob = obj({
  cron: required(all(str(), rule((v: string) => {
    const problem = cronScheduleProblem(v);
    return problem ? { allowed: `a cron schedule with ${problem}`, fix: 'write e.g. "0 * * * *" or "@daily"' } : undefined;
  })), 'set cron, e.g. cron: "0 * * * *"'),
  args: list((v, p, i) => {
    if (typeof v === 'string') return templateText('an argument')(v, p, i);
    if (typeof v !== 'number' && typeof v !== 'boolean') i.push({ path: p, value: String(v), allowed: 'a string, number or boolean', fix: 'give plain arguments' });
  }),
});

const ipOrCidr = (): Check => str({
  pattern: /^[0-9A-Fa-f:.]+(\/[0-9]{1,3})?$/, allowed: 'an IPv4 or IPv6 address or CIDR', fix: 'write e.g. "10.0.0.0/8" or "192.168.1.10"',
});

export const railsCheck: Check = obj({
  bootsnap: bool(),
  usagePing: bool(),
  seatLink: bool(),
  impersonation: bool(),
  applicationSettingsCacheSeconds: num({ min: 0 }),
  usernameChanging: bool(),
  issueClosingPattern: erbSafe('a regular expression'),
  defaultTheme: themeId('theme'),
  defaultColorMode: num({ min: 1, max: 3, fix: 'set 1 (light), 2 (dark) or 3 (auto)' }),
  defaultSyntaxHighlightingTheme: themeId('syntax highlighting theme'),
  defaultProjectsFeatures: obj(Object.fromEntries(PROJECT_FEATURES.map((f) => [f, bool()]))),
  graphQlTimeout: num({ min: 1 }),
  webhookTimeout: num({ min: 1 }),
  maxRequestDurationSeconds: num({ min: 1 }),
  signupEnabled: bool(),
  gravatar: obj({
    plainUrl: httpUrl('http://www.gravatar.com/avatar/%{hash}?s=%{size}&d=identicon'),
    sslUrl: httpUrl('https://secure.gravatar.com/avatar/%{hash}?s=%{size}&d=identicon'),
  }),
  analytics: obj({
    googleAnalyticsId: templateText('a Google Analytics id'),
    matomoUrl: templateText('the Matomo host'),
    matomoSiteId: templateText('a Matomo site id'),
    matomoDisableCookies: bool(),
    oneTrustId: templateText('a OneTrust id'),
    googleTagManagerNonceId: templateText('a Google Tag Manager id'),
    bizible: bool(),
  }),
  cronJobs: record(cronJob, { pattern: /^[a-z][a-z0-9_]*$/, allowed: 'a cron worker name such as stuck_ci_jobs_worker', fix: 'use the worker\'s name from gitlab.yml.example' }),
  contentSecurityPolicy: obj({
    enabled: bool(),
    reportOnly: bool(),
    directives: record((v, p, i) => {
      if (v !== false) erbSafe('a directive value, or false')(v, p, i);
    }, { pattern: /^[a-z][a-z_]*$/, allowed: 'a directive name such as script_src', fix: 'use GitLab\'s snake_case directive names' }),
  }),
  sentry: obj({
    enabled: bool(),
    dsn: httpUrl('https://public@sentry.example.com/1'),
    clientsideDsn: httpUrl('https://public@sentry.example.com/2'),
    environment: templateText('an environment name'),
  }),
  docs: obj({ enabled: bool(), host: required(httpUrl('https://docs.example.com'), 'set the documentation site URL') }),
  externalDiffsWhen: str({ oneOf: EXTERNAL_DIFFS_WHEN }),
  trustedProxies: list(ipOrCidr(), { unique: true }),
  rackAttackGitBasicAuth: obj({
    ipWhitelist: list(ipOrCidr(), { unique: true }),
    maxretry: num({ min: 1 }),
    findtime: num({ min: 1 }),
    bantime: num({ min: 1 }),
  }),
  ...railsSettingsChecks,
}, { what: 'GitLab application settings' });
