import { resolveRailsSettings, ResolvedRailsSettings } from '../rails-settings/resolve';
import { PROJECT_FEATURES, ProjectFeature } from './names';
import type { RailsConfig, RailsCronJob } from './types';

/** `rails` resolved: gitlab.yml's application settings, the chart's defaults applied (re-exported by `resolved.ts`). */

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
  readonly defaultProjectsFeatures: Readonly<Record<ProjectFeature, boolean>>;
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
  readonly externalDiffsWhen?: RailsConfig['externalDiffsWhen'];
  readonly trustedProxies: readonly string[];
  /** Absent when off. */
  readonly rackAttackGitBasicAuth?: NonNullable<RailsConfig['rackAttackGitBasicAuth']>;
  /** The settings of the rails-settings table, defaults applied. */
  readonly settings: ResolvedRailsSettings;
}

/**
 * Rails caps a request at 95% of Puma's worker timeout, rounded up (the chart's
 * `gitlab.appConfig.maxRequestDurationSeconds`): 57 for the default 60 s.
 */
export const maxRequestDuration = (workerTimeout: number) => Math.ceil((workerTimeout * 95) / 100);

/** `rails` with the chart's `global.appConfig` defaults; settings GitLab defaults itself stay unset. */
export function resolveRails(r: RailsConfig | undefined, workerTimeout: number): ResolvedRails {
  const f = r?.defaultProjectsFeatures ?? {};
  const csp = r?.contentSecurityPolicy;
  const sentry = r?.sentry;
  const docs = r?.docs;
  const rack = r?.rackAttackGitBasicAuth;
  return {
    bootsnap: r?.bootsnap ?? true,
    usagePing: r?.usagePing ?? true,
    seatLink: r?.seatLink ?? true,
    impersonation: r?.impersonation,
    applicationSettingsCacheSeconds: r?.applicationSettingsCacheSeconds ?? 60,
    usernameChanging: r?.usernameChanging ?? true,
    issueClosingPattern: r?.issueClosingPattern,
    defaultTheme: r?.defaultTheme,
    defaultColorMode: r?.defaultColorMode,
    defaultSyntaxHighlightingTheme: r?.defaultSyntaxHighlightingTheme,
    defaultProjectsFeatures: Object.fromEntries(PROJECT_FEATURES.map((k) => [k, f[k] ?? true])) as Record<ProjectFeature, boolean>,
    graphQlTimeout: r?.graphQlTimeout,
    webhookTimeout: r?.webhookTimeout,
    maxRequestDurationSeconds: r?.maxRequestDurationSeconds ?? maxRequestDuration(workerTimeout),
    signupEnabled: r?.signupEnabled,
    gravatar: { plainUrl: r?.gravatar?.plainUrl, sslUrl: r?.gravatar?.sslUrl },
    analytics: r?.analytics ?? {},
    cronJobs: r?.cronJobs ?? {},
    contentSecurityPolicy: csp && csp.enabled !== false
      ? { reportOnly: csp.reportOnly ?? true, directives: csp.directives } : undefined,
    sentry: { enabled: sentry ? sentry.enabled ?? true : false, dsn: sentry?.dsn, clientsideDsn: sentry?.clientsideDsn, environment: sentry?.environment },
    docs: { enabled: docs ? docs.enabled ?? true : false, host: docs?.host ?? '' },
    externalDiffsWhen: r?.externalDiffsWhen,
    trustedProxies: r?.trustedProxies ?? [],
    rackAttackGitBasicAuth: rack ? { ...rack } : undefined,
    settings: resolveRailsSettings(r),
  };
}
