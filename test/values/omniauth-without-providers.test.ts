import { describe, expect, it } from 'vitest';
import { importHelmValues } from '../../constructs';
import { parseErbYaml } from '../support/erb';
import { productionProps } from '../support/fixtures';
import { KubeObject, synthPlatform } from '../support/synth';
import { configMapData } from '../components/optional/fixtures';
import { importWarnings, withValues } from './helpers';

/**
 * OmniAuth switched on without providers (e.g. the providers live in a file the user did not share, or come later):
 * the chart renders it, so the import and the typed API accept it.
 */
const omniauthOf = (objects: KubeObject[]) => parseErbYaml(configMapData(objects, 'gitlab-webservice')['gitlab.yml.erb']).doc.production.omniauth;

/** The chart 9.9.1's gitlab.yml `omniauth:` for the values below (helm template, webservice ConfigMap). */
const CHART_RENDER = {
  enabled: true, auto_sign_in_with_provider: 'openid_connect', sync_profile_from_provider: [], sync_profile_attributes: ['email'],
  allow_single_sign_on: true, block_auto_created_users: false, auto_link_ldap_user: false, auto_link_saml_user: false,
  auto_link_user: true, external_providers: [],
};
const VALUES = { global: { appConfig: { omniauth: { enabled: true, autoSignInWithProvider: 'openid_connect', allowSingleSignOn: true, autoLinkUser: true, blockAutoCreatedUsers: false } } } };

describe('OmniAuth on without providers', () => {
  it('is imported as the chart renders it: gitlab.yml without providers', () => {
    const { props } = importHelmValues(withValues(VALUES));
    expect(omniauthOf(synthPlatform(props))).toEqual(CHART_RENDER);
  });

  it('is imported with a warning that no OmniAuth sign-in is offered', () => {
    expect(importWarnings(withValues(VALUES))).toContainEqual(expect.stringMatching(/^warning: global\.appConfig\.omniauth\.enabled: OmniAuth is on without providers.*add providers/));
  });

  it('is accepted by the typed API (providers default to none)', () => {
    const objects = synthPlatform(productionProps({ omniauth: { enabled: true, autoSignInWithProvider: 'openid_connect', allowSingleSignOn: true, autoLinkUser: true, blockAutoCreatedUsers: false } }));
    expect(omniauthOf(objects)).toEqual(CHART_RENDER);
  });

  it('with providers, still lists them', () => {
    const objects = synthPlatform(productionProps({ omniauth: { providers: [{ name: 'gitlab-oidc' }] } }));
    expect(omniauthOf(objects).providers).toHaveLength(1);
  });
});
