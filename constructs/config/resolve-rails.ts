import { ResolvedRails } from './resolved';
import { RailsConfig } from './types';
import { resolveRailsSettings } from './rails-settings/resolve';

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
    defaultProjectsFeatures: {
      issues: f.issues ?? true,
      mergeRequests: f.mergeRequests ?? true,
      wiki: f.wiki ?? true,
      snippets: f.snippets ?? true,
      builds: f.builds ?? true,
      containerRegistry: f.containerRegistry ?? true,
    },
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
