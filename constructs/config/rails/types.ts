import type { RailsSettings } from '../rails-settings/table';
import type { ExternalDiffsWhen, ProjectFeature } from './names';

/**
 * Rails application settings (the chart's `global.appConfig`): what a user writes under `rails`. The settings that
 * map one values key onto one gitlab.yml key are in the table of `../rails-settings/`.
 */

/** A `cron_jobs` entry of gitlab.yml: when a Sidekiq cron worker runs. */
export interface RailsCronJob {
  /** Cron schedule, e.g. "0 * * * *". */
  readonly cron: string;
  /** Arguments passed to the worker. @default none */
  readonly args?: readonly (string | number | boolean)[];
}

/**
 * Settings of the GitLab Rails application (`gitlab.yml`), the chart's `global.appConfig` general settings.
 * Every field left out takes the chart's default, so a platform without `rails` configures GitLab as the chart does.
 * The settings of `RailsSettings` (CDN host, Action Cable origins, CI ID token issuer, ...) come from one table,
 * `../rails-settings/table.ts`, which documents each.
 */
export interface RailsConfig extends RailsSettings {
  /**
   * Bootsnap, the load-path and compile cache of the Rails containers (`ENABLE_BOOTSNAP`; the chart's
   * `global.rails.bootsnap.enabled`). Turn it off when a read-only or slow file system makes its cache fail.
   * @default true
   */
  readonly bootsnap?: boolean;
  /** Service Ping (usage statistics). @default true */
  readonly usagePing?: boolean;
  /** Seat Link (subscription seat counts). @default true */
  readonly seatLink?: boolean;
  /** Administrators may impersonate users. @default GitLab's (allowed) */
  readonly impersonation?: boolean;
  /** Seconds the application settings are cached. @default 60 */
  readonly applicationSettingsCacheSeconds?: number;
  /** Users may change their username. @default true */
  readonly usernameChanging?: boolean;
  /** Regular expression of the commit messages that close issues. @default GitLab's */
  readonly issueClosingPattern?: string;
  /** Default UI theme id of new users (e.g. 1 indigo, 2 dark, 11 light). @default GitLab's */
  readonly defaultTheme?: number;
  /** Default color mode id of new users (1 light, 2 dark, 3 auto). @default GitLab's */
  readonly defaultColorMode?: number;
  /** Default syntax highlighting theme id of new users. @default GitLab's */
  readonly defaultSyntaxHighlightingTheme?: number;
  /**
   * Features on in new projects, each `true` or `false`: issues, mergeRequests, wiki, snippets, builds,
   * containerRegistry. @default all on (each true)
   */
  readonly defaultProjectsFeatures?: { readonly [F in ProjectFeature]?: boolean };
  /** Seconds a GraphQL request may run. @default GitLab's (30) */
  readonly graphQlTimeout?: number;
  /** Seconds a webhook call may take. @default GitLab's (10) */
  readonly webhookTimeout?: number;
  /** Seconds Rails gives a request. @default 95% of the webservice worker timeout, rounded up (57) */
  readonly maxRequestDurationSeconds?: number;
  /** Sign-up on at first install (later changes are made in the admin area). @default GitLab's (on) */
  readonly signupEnabled?: boolean;
  /** Avatar service URLs, with %{hash}, %{size}, %{email}, %{username} placeholders. @default gravatar.com */
  readonly gravatar?: { readonly plainUrl?: string; readonly sslUrl?: string };
  /** Analytics services (the chart's `extra`). @default none */
  readonly analytics?: {
    readonly googleAnalyticsId?: string;
    readonly matomoUrl?: string;
    readonly matomoSiteId?: string;
    /** @default false */
    readonly matomoDisableCookies?: boolean;
    readonly oneTrustId?: string;
    readonly googleTagManagerNonceId?: string;
    /** @default false */
    readonly bizible?: boolean;
  };
  /** Sidekiq cron schedules by worker (e.g. `stuck_ci_jobs_worker`). @default GitLab's */
  readonly cronJobs?: Readonly<Record<string, RailsCronJob>>;
  /** Content-Security-Policy header. @default GitLab's (off in the chart) */
  readonly contentSecurityPolicy?: {
    /** @default true */
    readonly enabled?: boolean;
    /** Report violations only. @default true */
    readonly reportOnly?: boolean;
    /** Directives by name (e.g. `script_src`); `false` drops a directive. @default GitLab's */
    readonly directives?: Readonly<Record<string, string | false>>;
  };
  /** Error reporting to Sentry. @default off */
  readonly sentry?: {
    /** @default true */
    readonly enabled?: boolean;
    readonly dsn?: string;
    readonly clientsideDsn?: string;
    readonly environment?: string;
  };
  /** Links to a self-hosted documentation site. @default off */
  readonly docs?: {
    /** @default true */
    readonly enabled?: boolean;
    /** URL of the documentation site. */
    readonly host: string;
  };
  /** When merge request diffs go to object storage: always, or only outdated ones. @default GitLab's (always) */
  readonly externalDiffsWhen?: ExternalDiffsWhen;
  /** Proxies (IPs or CIDRs) whose X-Forwarded-For Rails trusts. @default none */
  readonly trustedProxies?: readonly string[];
  /** Rack Attack for Git over HTTP: bans clients after repeated failed Basic authentication. @default off */
  readonly rackAttackGitBasicAuth?: {
    /** IPs never banned. @default GitLab's */
    readonly ipWhitelist?: readonly string[];
    /** Failed attempts before a ban. @default GitLab's */
    readonly maxretry?: number;
    /** Seconds the attempts are counted over. @default GitLab's */
    readonly findtime?: number;
    /** Seconds a ban lasts. @default GitLab's */
    readonly bantime?: number;
  };
}
