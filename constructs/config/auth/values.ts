import type { PropsBuilder } from '../../values/builder';
import { Defaults, fixed, offExceptDefaults } from '../../values/off-features';
import { HelmValues, isMap } from '../../values/reader';
import { OMNIAUTH_LIST_SETTINGS } from './names';

/**
 * The chart's sign-in values (`global.appConfig.omniauth`, `global.appConfig.ldap`) as `omniauth` and `ldap` props.
 * The keys read here are listed in `values/README.md` and marked mapped in `values/keys/table.ts`.
 */

/** The chart's defaults of `global.appConfig.omniauth`. */
const OMNIAUTH_DEFAULTS: Defaults = {
  enabled: false, syncProfileFromProvider: [], syncProfileAttributes: ['email'], allowSingleSignOn: ['saml'],
  blockAutoCreatedUsers: true, autoLinkLdapUser: false, autoLinkSamlUser: false, autoLinkUser: [], externalProviders: [],
  allowBypassTwoFactor: [], providers: [],
};

/** `global.appConfig.omniauth`: read while enabled; providers only as Secret references. */
export function readOmniauth(b: PropsBuilder): void {
  const v = b.values;
  const from = 'global.appConfig.omniauth';
  if (!v.boolean(`${from}.enabled`)) {
    offExceptDefaults(v, from, OMNIAUTH_DEFAULTS, `nothing while ${from}.enabled is false`, `remove the key, or set ${from}.enabled: true`, ['enabled']);
    return;
  }
  const to = 'omniauth';
  b.set(`${to}.enabled`, true, `${from}.enabled`);
  b.string(`${from}.autoSignInWithProvider`, `${to}.autoSignInWithProvider`);
  for (const key of OMNIAUTH_LIST_SETTINGS) b.raw(`${from}.${key}`, `${to}.${key}`);
  b.boolean(`${from}.blockAutoCreatedUsers`, `${to}.blockAutoCreatedUsers`);
  b.boolean(`${from}.autoLinkLdapUser`, `${to}.autoLinkLdapUser`);
  b.boolean(`${from}.autoLinkSamlUser`, `${to}.autoLinkSamlUser`);
  const providers = v.list(`${from}.providers`) ?? [];
  const refs: { name: unknown; key?: unknown }[] = [];
  providers.forEach((p, i) => {
    const path = `${from}.providers[${i}]`;
    if (isMap(p) && typeof p.secret === 'string' && Object.keys(p).every((k) => k === 'secret' || k === 'key')) {
      refs.push(p.key === undefined ? { name: p.secret } : { name: p.secret, key: p.key });
    } else {
      v.problem(path, p, 'a provider Secret reference { secret, key } (the provider\'s YAML lives in the Secret)',
        'move the provider settings into a Secret and reference it: { secret: gitlab-google-oauth2, key: provider }');
    }
  });
  b.set(`${to}.providers`, refs, `${from}.providers`);
  if (!providers.length) {
    v.warnings.push(`${from}.enabled: OmniAuth is on without providers (${from}.providers is empty): GitLab offers no OmniAuth sign-in, `
      + 'as with the chart; add providers (Secret references { secret, key }) for the settings to take effect, or set enabled: false');
  }
}

/** GitLab's snake_case LDAP server keys and their typed names (everything else is refused). */
const LDAP_SERVER_KEYS: Readonly<Record<string, string>> = {
  label: 'label', host: 'host', port: 'port', uid: 'uid', bind_dn: 'bindDn', encryption: 'encryption',
  verify_certificates: 'verifyCertificates', timeout: 'timeout', active_directory: 'activeDirectory', base: 'base',
  user_filter: 'userFilter', allow_username_or_email_login: 'allowUsernameOrEmailLogin', block_auto_created_users: 'blockAutoCreatedUsers',
  lowercase_usernames: 'lowercaseUsernames', retry_empty_result_with_codes: 'retryEmptyResultWithCodes',
};
const LDAP_NESTED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  attributes: { username: 'username', email: 'email', name: 'name', first_name: 'firstName', last_name: 'lastName' },
  tls_options: { ca_file: 'caFile', ssl_version: 'sslVersion', ciphers: 'ciphers' },
};

/** `global.appConfig.ldap`: GitLab's snake_case server keys to the typed ones; passwords only as Secret references. */
export function readLdap(b: PropsBuilder): void {
  const v = b.values;
  const from = 'global.appConfig.ldap';
  const servers = v.map(`${from}.servers`);
  if (!servers) {
    fixed(v, `${from}.preventSignin`, false, 'no LDAP servers are configured');
    return;
  }
  b.boolean(`${from}.preventSignin`, 'ldap.preventSignIn');
  for (const [id, server] of Object.entries(servers)) {
    const path = `${from}.servers.${id}`;
    const to = `ldap.servers.${id}`;
    if (!isMap(server)) {
      v.problem(path, server, 'a mapping of LDAP server settings', 'write host, base, ... under the server id');
      continue;
    }
    b.set(to, {}, path);
    for (const [key, value] of Object.entries(server as HelmValues)) {
      if (key in LDAP_SERVER_KEYS) {
        b.set(`${to}.${LDAP_SERVER_KEYS[key]}`, key === 'lowercase_usernames' && typeof value === 'string' ? value === 'true' : value, `${path}.${key}`);
      } else if (key in LDAP_NESTED && isMap(value)) {
        for (const [sub, x] of Object.entries(value)) {
          const typed = LDAP_NESTED[key][sub];
          if (typed) b.set(`${to}.${key === 'tls_options' ? 'tlsOptions' : key}.${typed}`, x, `${path}.${key}.${sub}`);
          else v.problem(`${path}.${key}.${sub}`, x, `one of ${Object.keys(LDAP_NESTED[key]).join(', ')}`, 'remove the key (client certificates and keys are not supported)');
        }
      } else if (key === 'password') {
        if (isMap(value) && typeof value.secret === 'string') {
          b.set(`${to}.password`, value.key === undefined ? { name: value.secret } : { name: value.secret, key: value.key }, `${path}.password`);
        } else {
          v.problem(`${path}.password`, '(a value, hidden)', 'a Secret reference { secret, key }', 'put the bind password in a Secret and reference it');
        }
      } else {
        v.problem(`${path}.${key}`, value, `one of GitLab's LDAP server settings gitlab-iac supports: ${[...Object.keys(LDAP_SERVER_KEYS), 'password', ...Object.keys(LDAP_NESTED)].join(', ')}`,
          'remove the key, or set it through a cdk8s override');
      }
    }
  }
}
