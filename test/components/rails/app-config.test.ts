import { describe, expect, it } from 'vitest';
import { GitLabConfigError, GitLabPlatformProps } from '../../../constructs';
import { RailsConfig } from '../../../constructs/config/types';
import { parseErbYaml } from '../../support/erb';
import { productionProps } from '../../support/fixtures';
import { find, KubeObject, synthPlatform } from '../../support/synth';
import { awsProductionValues, convert, ignoredKeys, issuePaths, refusal, withValues } from '../../values/helpers';

/** GitLab application settings (`rails`, the chart's `global.appConfig` general settings) in gitlab.yml. */

const production = (rails: RailsConfig, rest: Partial<GitLabPlatformProps> = {}) => synthPlatform(productionProps({ rails, ...rest }));
const gitlabYml = (objects: KubeObject[], pod = 'webservice') =>
  parseErbYaml(find(objects, 'ConfigMap', `gitlab-${pod}`).data['gitlab.yml.erb']).doc.production;
const configError = (props: GitLabPlatformProps): GitLabConfigError => {
  try {
    synthPlatform(props);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw e;
  }
  throw new Error('expected a GitLabConfigError');
};

describe('rails: typed application settings', () => {
  it('writes the chart\'s defaults when nothing is set', () => {
    const g = gitlabYml(synthPlatform(productionProps())).gitlab;
    expect(g).toMatchObject({
      usage_ping_enabled: true, seat_link_enabled: true, impersonation_enabled: null, application_settings_cache_seconds: 60,
      username_changing_enabled: true, issue_closing_pattern: null, default_theme: null, graphql_timeout: null,
      webhook_timeout: null, max_request_duration_seconds: 57,
    });
    expect(g).not.toHaveProperty('signup_enabled');
  });

  it('turns Service Ping, Seat Link, impersonation and username changes off', () => {
    const objects = production({ usagePing: false, seatLink: false, impersonation: false, usernameChanging: false });
    for (const pod of ['webservice', 'sidekiq', 'toolbox']) {
      expect(gitlabYml(objects, pod).gitlab, pod).toMatchObject({
        usage_ping_enabled: false, seat_link_enabled: false, impersonation_enabled: false, username_changing_enabled: false,
      });
    }
  });

  it('sets themes (color mode and syntax theme on webservice only, as in the chart), timeouts and the cache period', () => {
    const objects = production({
      defaultTheme: 2, defaultColorMode: 3, defaultSyntaxHighlightingTheme: 5, graphQlTimeout: 45, webhookTimeout: 20,
      maxRequestDurationSeconds: 50, applicationSettingsCacheSeconds: 30, issueClosingPattern: '\\b(?:[Cc]loses?) %{issue_ref}',
    });
    expect(gitlabYml(objects).gitlab).toMatchObject({
      default_theme: 2, default_color_mode: 3, default_syntax_highlighting_theme: 5, graphql_timeout: 45, webhook_timeout: 20,
      max_request_duration_seconds: 50, application_settings_cache_seconds: 30, issue_closing_pattern: '\\b(?:[Cc]loses?) %{issue_ref}',
    });
    const sidekiq = gitlabYml(objects, 'sidekiq').gitlab;
    expect(sidekiq).toMatchObject({ default_theme: 2, graphql_timeout: 45 });
    expect(sidekiq).not.toHaveProperty('default_color_mode');
  });

  it('switches default project features off one by one', () => {
    const objects = production({ defaultProjectsFeatures: { wiki: false, containerRegistry: false } });
    expect(gitlabYml(objects).gitlab.default_projects_features).toEqual({
      issues: true, merge_requests: true, wiki: false, snippets: true, builds: true, container_registry: false,
    });
  });

  it('gives the first-install sign-up default to every pod, migrations included', () => {
    const objects = production({ signupEnabled: false });
    for (const pod of ['webservice', 'sidekiq', 'toolbox', 'migrations']) expect(gitlabYml(objects, pod).gitlab.signup_enabled, pod).toBe(false);
  });

  it('points avatars at another service, migrations included', () => {
    const objects = production({ gravatar: { plainUrl: 'http://libravatar.example.com/avatar/%{hash}', sslUrl: 'https://libravatar.example.com/avatar/%{hash}' } });
    for (const pod of ['webservice', 'migrations']) {
      expect(gitlabYml(objects, pod).gravatar, pod).toEqual({
        plain_url: 'http://libravatar.example.com/avatar/%{hash}', ssl_url: 'https://libravatar.example.com/avatar/%{hash}',
      });
    }
  });

  it('writes only the analytics services that are set (`extra`), not on the toolbox', () => {
    const objects = production({ analytics: { googleAnalyticsId: 'G-123', matomoUrl: 'matomo.example.com', matomoSiteId: '7', matomoDisableCookies: true } });
    expect(gitlabYml(objects).extra).toEqual({ google_analytics_id: 'G-123', matomo_url: 'matomo.example.com', matomo_site_id: '7', matomo_disable_cookies: true });
    expect(gitlabYml(objects, 'sidekiq').extra).toMatchObject({ google_analytics_id: 'G-123' });
    expect(gitlabYml(objects, 'toolbox').extra).toBeNull();
  });

  it('schedules cron workers', () => {
    const objects = production({ cronJobs: { stuck_ci_jobs_worker: { cron: '0 * * * *' }, ci_click_house_finished_pipelines_sync_worker: { cron: '*/4 * * * *', args: [0, 1] } } });
    for (const pod of ['webservice', 'sidekiq', 'toolbox']) {
      expect(gitlabYml(objects, pod).cron_jobs, pod).toEqual({
        stuck_ci_jobs_worker: { cron: '0 * * * *' }, ci_click_house_finished_pipelines_sync_worker: { cron: '*/4 * * * *', args: [0, 1] },
      });
    }
    expect(gitlabYml(synthPlatform(productionProps()))).not.toHaveProperty('cron_jobs');
  });

  it('adds the Content-Security-Policy on webservice only', () => {
    const objects = production({ contentSecurityPolicy: { reportOnly: false, directives: { script_src: "'self'", frame_ancestors: false } } });
    expect(gitlabYml(objects).gitlab.content_security_policy).toEqual({
      enabled: true, report_only: false, directives: { script_src: "'self'", frame_ancestors: false },
    });
    expect(gitlabYml(objects, 'sidekiq').gitlab).not.toHaveProperty('content_security_policy');
    expect(gitlabYml(production({ contentSecurityPolicy: { enabled: false } })).gitlab).not.toHaveProperty('content_security_policy');
  });

  it('reports errors to Sentry from webservice and sidekiq (the toolbox has no sentry section)', () => {
    const objects = production({ sentry: { dsn: 'https://public@sentry.example.com/1', environment: 'production' } });
    const sentry = { enabled: true, dsn: 'https://public@sentry.example.com/1', clientside_dsn: null, environment: 'production' };
    expect(gitlabYml(objects).sentry).toEqual(sentry);
    expect(gitlabYml(objects, 'sidekiq').sentry).toEqual(sentry);
    expect(gitlabYml(objects, 'toolbox')).not.toHaveProperty('sentry');
  });

  it('links a self-hosted documentation site', () => {
    expect(gitlabYml(production({ docs: { host: 'https://docs.example.com' } })).gitlab_docs).toEqual({ enabled: true, host: 'https://docs.example.com' });
  });

  it('moves only outdated merge request diffs to object storage when asked', () => {
    expect(gitlabYml(production({ externalDiffsWhen: 'outdated' })).external_diffs).toEqual({ enabled: true, when: 'outdated' });
  });

  it('trusts the given proxies', () => {
    expect(gitlabYml(production({ trustedProxies: ['10.0.0.0/8', '192.168.1.10'] })).gitlab.trusted_proxies).toEqual(['10.0.0.0/8', '192.168.1.10']);
  });

  it('bans Git clients after failed Basic authentication (webservice)', () => {
    const objects = production({ rackAttackGitBasicAuth: { ipWhitelist: ['127.0.0.1'], maxretry: 10, findtime: 60, bantime: 3600 } });
    expect(gitlabYml(objects).rack_attack).toEqual({
      git_basic_auth: { enabled: true, ip_whitelist: ['127.0.0.1'], maxretry: 10, findtime: 60, bantime: 3600 },
    });
    expect(gitlabYml(objects, 'sidekiq')).not.toHaveProperty('rack_attack');
  });

  it('refuses bad settings, each at its path', () => {
    const e = configError(productionProps({
      rails: {
        usagePing: 'yes' as unknown as boolean,
        defaultColorMode: 4,
        issueClosingPattern: 'close <%= `id` %>',
        cronJobs: { stuck_ci_jobs_worker: { cron: 'every hour' } },
        sentry: { dsn: 'sentry.example.com' },
        trustedProxies: ['proxy.example.com'],
        docs: {} as { host: string },
        externalDiffsWhen: 'never' as 'always',
        unknownSetting: true,
      } as RailsConfig,
    }));
    expect(e.issues.map((i) => i.path).sort()).toEqual([
      'rails.cronJobs.stuck_ci_jobs_worker.cron', 'rails.defaultColorMode', 'rails.docs.host', 'rails.externalDiffsWhen',
      'rails.issueClosingPattern', 'rails.sentry.dsn', 'rails.trustedProxies[0]', 'rails.unknownSetting', 'rails.usagePing',
    ]);
  });
});

describe('rails: from global.appConfig in Helm values', () => {
  it('reads the application settings into rails', () => {
    const props = convert(withValues({
      global: {
        appConfig: {
          enableUsagePing: false, enableSeatLink: false, enableImpersonation: true, applicationSettingsCacheSeconds: 30,
          usernameChangingEnabled: false, issueClosingPattern: 'closes %{issue_ref}', defaultTheme: 2, defaultColorMode: 2,
          defaultSyntaxHighlightingTheme: 3, defaultProjectsFeatures: { wiki: false, containerRegistry: false },
          graphQlTimeout: 45, webhookTimeout: 20, maxRequestDurationSeconds: 50, initialDefaults: { signupEnabled: false },
          gravatar: { plainUrl: 'http://avatars.example.com/%{hash}', sslUrl: 'https://avatars.example.com/%{hash}' },
          extra: { googleAnalyticsId: 'G-1', bizible: true },
          cron_jobs: { stuck_ci_jobs_worker: { cron: '0 * * * *' } },
          contentSecurityPolicy: { enabled: true, report_only: false, directives: { script_src: "'self'" } },
          sentry: { enabled: true, dsn: 'https://k@sentry.example.com/1', clientside_dsn: 'https://k@sentry.example.com/2', environment: 'prod' },
          gitlab_docs: { enabled: true, host: 'https://docs.example.com' },
          externalDiffs: { when: 'outdated' },
        },
      },
      gitlab: {
        webservice: { trusted_proxies: ['10.0.0.0/8'], rack_attack: { git_basic_auth: { enabled: true, maxretry: 5 } } },
      },
    }));
    expect(props.rails).toEqual({
      usagePing: false, seatLink: false, impersonation: true, applicationSettingsCacheSeconds: 30, usernameChanging: false,
      issueClosingPattern: 'closes %{issue_ref}', defaultTheme: 2, defaultColorMode: 2, defaultSyntaxHighlightingTheme: 3,
      defaultProjectsFeatures: { wiki: false, containerRegistry: false }, graphQlTimeout: 45, webhookTimeout: 20,
      maxRequestDurationSeconds: 50, signupEnabled: false,
      gravatar: { plainUrl: 'http://avatars.example.com/%{hash}', sslUrl: 'https://avatars.example.com/%{hash}' },
      analytics: { googleAnalyticsId: 'G-1', bizible: true },
      cronJobs: { stuck_ci_jobs_worker: { cron: '0 * * * *' } },
      contentSecurityPolicy: { enabled: true, reportOnly: false, directives: { script_src: "'self'" } },
      sentry: { enabled: true, dsn: 'https://k@sentry.example.com/1', clientsideDsn: 'https://k@sentry.example.com/2', environment: 'prod' },
      docs: { enabled: true, host: 'https://docs.example.com' },
      externalDiffsWhen: 'outdated',
      trustedProxies: ['10.0.0.0/8'],
      rackAttackGitBasicAuth: { maxretry: 5 },
    });
  });

  it('accepts the chart\'s own defaults of these keys and configures nothing for them', () => {
    const props = convert(withValues({
      global: {
        appConfig: {
          enableUsagePing: true, enableSeatLink: true, enableImpersonation: null, applicationSettingsCacheSeconds: 60,
          usernameChangingEnabled: true, issueClosingPattern: null, defaultTheme: null,
          defaultProjectsFeatures: { issues: true, mergeRequests: true, wiki: true, snippets: true, builds: true },
          graphQlTimeout: null, webhookTimeout: null, maxRequestDurationSeconds: null, cron_jobs: {},
          contentSecurityPolicy: { enabled: false, report_only: true }, gravatar: { plainUrl: null, sslUrl: null },
          extra: { googleAnalyticsId: null, matomoUrl: null }, sentry: { enabled: false, dsn: null }, gitlab_docs: { enabled: false, host: '' },
          smartcard: { enabled: false, CASecret: null, sanExtensions: false, requiredForGitAccess: false }, initialDefaults: {},
        },
      },
      gitlab: {
        webservice: { trusted_proxies: [], rack_attack: { git_basic_auth: { enabled: false } } },
        sidekiq: { trusted_proxies: [], rack_attack: { git_basic_auth: { enabled: false } } },
        toolbox: { trusted_proxies: [], rack_attack: { git_basic_auth: { enabled: false } } },
      },
    }));
    // The chart's defaults are the typed defaults: only the values the file spelled out are carried over.
    expect(props.rails).toEqual({
      usagePing: true, seatLink: true, applicationSettingsCacheSeconds: 60, usernameChanging: true,
      defaultProjectsFeatures: { issues: true, mergeRequests: true, wiki: true, snippets: true, builds: true },
    });
    expect(convert(awsProductionValues()).rails).toBeUndefined();
  });

  it('refuses settings that are not supported, and ignores settings that would do nothing with a warning', () => {
    const values = withValues({
      global: {
        appConfig: {
          contentSecurityPolicy: { enabled: false, directives: { script_src: "'self'" } },
          smartcard: { enabled: true },
        },
      },
      gitlab: {
        sidekiq: { rack_attack: { git_basic_auth: { enabled: true } } },
        webservice: { rack_attack: { git_basic_auth: { maxretry: 5 } } },
      },
    });
    expect(issuePaths(refusal(values)).sort()).toEqual([
      'global.appConfig.smartcard.enabled',
    ]);
    const accepted = withValues({ global: { appConfig: { smartcard: undefined, initialDefaults: undefined } } }, values);
    expect(ignoredKeys(accepted).sort()).toEqual([
      'gitlab.sidekiq.rack_attack.git_basic_auth.enabled',
      'gitlab.webservice.rack_attack.git_basic_auth.maxretry',
      'global.appConfig.contentSecurityPolicy.directives.script_src',
    ]);
  });

  it('refuses different trusted proxies per Rails pod and bad values at their values key', () => {
    const e = refusal(withValues({
      global: { appConfig: { enableUsagePing: 'no', defaultColorMode: 9, cron_jobs: { stuck_ci_jobs_worker: { cron: 'hourly' } } } },
      gitlab: { webservice: { trusted_proxies: ['10.0.0.0/8'] }, sidekiq: { trusted_proxies: ['172.16.0.0/12'] } },
    }));
    // One pass: the values refused while reading and those the typed validation refuses, together.
    expect(issuePaths(e).sort()).toEqual([
      'gitlab.sidekiq.trusted_proxies',
      'global.appConfig.cron_jobs.stuck_ci_jobs_worker.cron',
      'global.appConfig.defaultColorMode',
      'global.appConfig.enableUsagePing',
    ]);
    const typed = refusal(withValues({ global: { appConfig: { defaultColorMode: 9, cron_jobs: { stuck_ci_jobs_worker: { cron: 'hourly' } } } } }));
    expect(issuePaths(typed).sort()).toEqual(['global.appConfig.cron_jobs.stuck_ci_jobs_worker.cron', 'global.appConfig.defaultColorMode']);
  });
});
