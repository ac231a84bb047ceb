/**
 * GitLab application settings of the chart's `global.appConfig` that map one values key onto one gitlab.yml key: the
 * single source of their typed props (`RailsSettings`), checks, defaults, values mapping and rendering. To map
 * another such key, add one entry here.
 *
 * - `values`: the key under `global.appConfig`;
 * - `type`: the value's kind (see `SettingValue`);
 * - `yml`: where gitlab.yml holds it (dotted, under `production`);
 * - `pods`: the Rails pods whose gitlab.yml has it, as the chart's ConfigMaps write it;
 * - `default`: written when unset (the chart's default); without one, the key is left out of gitlab.yml when unset.
 */
export const RAILS_SETTINGS = {
  /**
   * Host that serves GitLab's static assets, e.g. a CDN in front of GitLab (`gitlab.cdn_host`).
   * @default none (GitLab serves them itself)
   */
  cdnHost: { values: 'cdnHost', type: 'url', yml: 'gitlab.cdn_host', pods: ['webservice', 'sidekiq', 'toolbox'] },
  /**
   * Origins (URLs) allowed to open Action Cable (WebSocket) connections besides GitLab's own, when users browse GitLab
   * through several URLs (`gitlab.action_cable_allowed_origins`).
   * @default [] (GitLab's own URL only)
   */
  actionCableAllowedOrigins: { values: 'actionCableAllowedOrigins', type: 'urls', yml: 'gitlab.action_cable_allowed_origins', pods: ['webservice', 'sidekiq'], default: [] },
  /**
   * Product usage data on at first install (`gitlab.initial_gitlab_product_usage_data`; later changes are made in the
   * Admin area). @default GitLab's (on)
   */
  initialProductUsageData: { values: 'initialDefaults.gitlabProductUsageData', type: 'boolean', yml: 'gitlab.initial_gitlab_product_usage_data', pods: ['webservice', 'sidekiq', 'migrations'] },
  /**
   * Issuer (`iss`) of the ID tokens CI jobs request, e.g. when GitLab sits behind another public URL
   * (`ci_id_tokens.issuer_url`). @default GitLab's URL
   */
  ciIdTokensIssuerUrl: { values: 'ciIdTokens.issuerUrl', type: 'url', yml: 'ci_id_tokens.issuer_url', pods: ['webservice', 'sidekiq', 'toolbox'] },
  /** Lifetime in seconds of the ID tokens GitLab issues as an OpenID Connect provider (`oidc_provider`). @default 120 */
  openidIdTokenExpireInSeconds: { values: 'oidcProvider.openidIdTokenExpireInSeconds', type: 'seconds', yml: 'oidc_provider.openid_id_token_expire_in_seconds', pods: ['webservice', 'sidekiq', 'toolbox', 'migrations'], default: 120 },
  /**
   * Sidekiq routing rules: `[query, queue]` pairs (`null` queue: the worker's own) that route workers to queues
   * (`sidekiq.routing_rules`); the Sidekiq pods must listen to the queues named.
   * @default none (GitLab's: every worker to `default`)
   */
  sidekiqRoutingRules: { values: 'sidekiq.routingRules', type: 'routingRules', yml: 'sidekiq.routing_rules', pods: ['webservice', 'sidekiq', 'toolbox', 'migrations'] },
} as const;

export type RailsSettingName = keyof typeof RAILS_SETTINGS;
export type RailsSettingEntry = typeof RAILS_SETTINGS[RailsSettingName];
export type RailsSettingPod = RailsSettingEntry['pods'][number];

/** A Sidekiq routing rule: a worker query (e.g. `resource_boundary=cpu`, `*`) and the queue (null: the worker's name). */
export type SidekiqRoutingRule = readonly [query: string, queue: string | null];

/** The value each `type` takes. */
export interface SettingValue {
  readonly url: string;
  readonly urls: readonly string[];
  readonly boolean: boolean;
  readonly seconds: number;
  readonly routingRules: readonly SidekiqRoutingRule[];
}

/** The typed props of the table (each documented in the table, whose doc comments these keys carry). */
export type RailsSettings = { readonly [K in RailsSettingName]?: SettingValue[typeof RAILS_SETTINGS[K]['type']] };

/** The names in table order. */
export const RAILS_SETTING_NAMES = Object.keys(RAILS_SETTINGS) as RailsSettingName[];
