import { describe, expect, it } from 'vitest';
import { importHelmValues } from '../../constructs';
import { RAILS_SETTINGS } from '../../constructs/config/rails-settings/table';
import { resolveConfig } from '../../constructs/config/resolve';
import { GitLabConfigError } from '../../constructs/config/errors';
import { CHART_DEFAULTS, ruleFor } from '../../constructs/values/keys/lookup';
import { parseErbYaml } from '../support/erb';
import { productionProps } from '../support/fixtures';
import { find, KubeObject, synthPlatform } from '../support/synth';
import { importWarnings, withValues } from './helpers';

/**
 * The `global.appConfig` settings of the rails-settings table, imported and typed, give each Rails pod's gitlab.yml
 * what the chart's render gives (helm template of chart 9.9.1 with VALUES below; its four ConfigMaps' gitlab.yml).
 */
const VALUES = {
  global: {
    appConfig: {
      cdnHost: 'https://cdn.example.com',
      actionCableAllowedOrigins: ['https://gitlab.example.org', 'https://gitlab.example.net'],
      ciIdTokens: { issuerUrl: 'https://issuer.example.com' },
      oidcProvider: { openidIdTokenExpireInSeconds: 300 },
      sidekiq: { routingRules: [['resource_boundary=cpu', 'cpu_boundary'], ['*', null]] },
      initialDefaults: { signupEnabled: false, gitlabProductUsageData: false, signinEnabled: false },
    },
  },
};

const ABSENT = undefined;
const ROUTING = { log_format: 'json', routing_rules: [['resource_boundary=cpu', 'cpu_boundary'], ['*', null]] };
const OIDC = { openid_id_token_expire_in_seconds: 300 };
const ISSUER = { issuer_url: 'https://issuer.example.com' };
const ORIGINS = ['https://gitlab.example.org', 'https://gitlab.example.net'];
/** The chart's render, per pod: the gitlab.yml keys the table's settings land in. */
const CHART_RENDER = {
  'gitlab-webservice': { cdn_host: 'https://cdn.example.com', action_cable_allowed_origins: ORIGINS, initial_gitlab_product_usage_data: false, signup_enabled: false, ci_id_tokens: ISSUER, oidc_provider: OIDC, sidekiq: ROUTING },
  'gitlab-sidekiq': { cdn_host: 'https://cdn.example.com', action_cable_allowed_origins: ORIGINS, initial_gitlab_product_usage_data: false, signup_enabled: false, ci_id_tokens: ISSUER, oidc_provider: OIDC, sidekiq: ROUTING },
  'gitlab-toolbox': { cdn_host: 'https://cdn.example.com', action_cable_allowed_origins: ABSENT, initial_gitlab_product_usage_data: ABSENT, signup_enabled: false, ci_id_tokens: ISSUER, oidc_provider: OIDC, sidekiq: ROUTING },
  'gitlab-migrations': { cdn_host: ABSENT, action_cable_allowed_origins: ABSENT, initial_gitlab_product_usage_data: false, signup_enabled: false, ci_id_tokens: ABSENT, oidc_provider: OIDC, sidekiq: ROUTING },
} as const;
/** The chart's render of its defaults (no key set). */
const CHART_DEFAULT_RENDER = {
  'gitlab-webservice': { cdn_host: ABSENT, action_cable_allowed_origins: [], initial_gitlab_product_usage_data: ABSENT, ci_id_tokens: ABSENT, oidc_provider: { openid_id_token_expire_in_seconds: 120 }, sidekiq: { log_format: 'json' } },
  'gitlab-sidekiq': { cdn_host: ABSENT, action_cable_allowed_origins: [], initial_gitlab_product_usage_data: ABSENT, ci_id_tokens: ABSENT, oidc_provider: { openid_id_token_expire_in_seconds: 120 }, sidekiq: { log_format: 'json' } },
  'gitlab-toolbox': { cdn_host: ABSENT, action_cable_allowed_origins: ABSENT, initial_gitlab_product_usage_data: ABSENT, ci_id_tokens: ABSENT, oidc_provider: { openid_id_token_expire_in_seconds: 120 }, sidekiq: { log_format: 'json' } },
  'gitlab-migrations': { cdn_host: ABSENT, action_cable_allowed_origins: ABSENT, initial_gitlab_product_usage_data: ABSENT, ci_id_tokens: ABSENT, oidc_provider: { openid_id_token_expire_in_seconds: 120 }, sidekiq: { log_format: 'json' } },
} as const;

/** The same keys of our gitlab.yml. */
function settingsOf(objects: KubeObject[], configMap: string, keys: readonly string[]) {
  const production = parseErbYaml(find(objects, 'ConfigMap', configMap).data['gitlab.yml.erb']).doc.production;
  const at = (k: string) => (['ci_id_tokens', 'oidc_provider', 'sidekiq'].includes(k) ? production[k] : production.gitlab[k]) ?? undefined;
  return Object.fromEntries(keys.map((k) => [k, at(k)]));
}

describe('application settings of the rails-settings table', () => {
  const imported = synthPlatform(importHelmValues(withValues(VALUES)).props);
  it.each(Object.keys(CHART_RENDER))('imported from global.appConfig, %s\'s gitlab.yml has them as the chart renders them', (configMap) => {
    const expected = CHART_RENDER[configMap as keyof typeof CHART_RENDER];
    expect(settingsOf(imported, configMap, Object.keys(expected))).toEqual(expected);
  });

  const defaults = synthPlatform(productionProps());
  it.each(Object.keys(CHART_DEFAULT_RENDER))('left out, %s\'s gitlab.yml has the chart\'s defaults', (configMap) => {
    const expected = CHART_DEFAULT_RENDER[configMap as keyof typeof CHART_DEFAULT_RENDER];
    expect(settingsOf(defaults, configMap, Object.keys(expected))).toEqual(expected);
  });

  it('the typed settings give the same gitlab.yml as the values', () => {
    const typed = synthPlatform(productionProps({ rails: {
      signupEnabled: false, cdnHost: 'https://cdn.example.com', actionCableAllowedOrigins: ORIGINS, initialProductUsageData: false,
      ciIdTokensIssuerUrl: 'https://issuer.example.com', openidIdTokenExpireInSeconds: 300,
      sidekiqRoutingRules: [['resource_boundary=cpu', 'cpu_boundary'], ['*', null]],
    } }));
    for (const [configMap, expected] of Object.entries(CHART_RENDER)) expect(settingsOf(typed, configMap, Object.keys(expected))).toEqual(expected);
  });

  it('every setting of the table is a key of the chart, read by the importer (its key-table row is the table\'s)', () => {
    for (const s of Object.values(RAILS_SETTINGS)) {
      const key = `global.appConfig.${s.values}`;
      expect(ruleFor(key)?.treatment, key).toMatchObject({ kind: 'mapped', to: expect.stringContaining('rails-settings') });
      expect([...CHART_DEFAULTS.keys()].some((k) => k === key || k.startsWith(`${key}.`)) || key.startsWith('global.appConfig.initialDefaults.') || key === 'global.appConfig.cdnHost',
        `${key} is in the chart's values.yaml (or commented there)`).toBe(true);
    }
  });

  it('refuses bad values with the setting\'s path, what is allowed and a fix', () => {
    const issues = (() => {
      try {
        resolveConfig(productionProps({ rails: { cdnHost: 'cdn.example.com', actionCableAllowedOrigins: ['<%= x %>'], openidIdTokenExpireInSeconds: 0, sidekiqRoutingRules: [['*'] as never] } }));
      } catch (e) {
        return (e as GitLabConfigError).issues;
      }
      return [];
    })();
    expect(issues.map((i) => i.path).sort()).toEqual(['rails.actionCableAllowedOrigins[0]', 'rails.cdnHost', 'rails.openidIdTokenExpireInSeconds', 'rails.sidekiqRoutingRules[0]']);
    expect(issues.find((i) => i.path === 'rails.cdnHost')?.fix).toMatch(/https:\/\//);
  });

  it('initialDefaults the chart does not render (signinEnabled, ...) are ignored with a warning, as the chart ignores them', () => {
    const lines = importWarnings(withValues(VALUES));
    expect(lines).toContainEqual(expect.stringMatching(/^warning: global\.appConfig\.initialDefaults\.signinEnabled: ignored: it does nothing in the chart either.*application settings API/));
  });

  it('defaultCanCreateGroup, which the chart does not render, is ignored with a warning naming where to set it', () => {
    const values = withValues({ global: { appConfig: { defaultCanCreateGroup: false } } });
    expect(() => importHelmValues(values)).not.toThrow();
    expect(importWarnings(values)).toContainEqual(expect.stringMatching(/defaultCanCreateGroup: not a key of the GitLab chart 9\.9\.1; ignored.*Admin area/));
  });
});
