import { all, bool, Check, list, num, obj, record, required, rule, secretRef, str } from '../schema';
import { hostName, portNumber, templateText } from '../common/checks';
import { LDAP_ENCRYPTIONS } from './names';

/**
 * Checks of the sign-in props, `omniauth` and `ldap` (shape and values). Every free-text field lands in
 * gitlab.yml.erb, so it is template-safe text.
 */

const providerName = () => str({ pattern: /^[a-z0-9_]+$/, allowed: 'an OmniAuth provider name such as "saml" or "google_oauth2"', fix: 'use the provider\'s name as GitLab knows it' });
/** A list of provider names, or `true` for every provider. */
const providerList = (): Check => (value, path, issues) => {
  if (typeof value === 'boolean') return;
  list(providerName(), { unique: true })(value, path, issues);
};

/** One LDAP attribute name, or (`username`, `email`) a list of them. */
const attributeOrList = (): Check => (v, p, i) => (Array.isArray(v) ? list(templateText('an attribute'), { minItems: 1 }) : templateText('an attribute'))(v, p, i);

const ldapServer = obj({
  label: templateText('a label'),
  host: required(hostName('ldap.example.com'), 'set the LDAP server host'),
  port: portNumber(),
  uid: str({ pattern: /^[A-Za-z][A-Za-z0-9-]*$/, allowed: 'an LDAP attribute name such as sAMAccountName or uid' }),
  bindDn: templateText('a DN'),
  password: secretRef('gitlab-ldap-password'),
  encryption: str({ oneOf: LDAP_ENCRYPTIONS }),
  verifyCertificates: bool(),
  timeout: num({ min: 1, max: 3600 }),
  activeDirectory: bool(),
  base: required(templateText('a DN'), 'set the search base, e.g. "ou=people,dc=example,dc=com"'),
  userFilter: templateText('an RFC 4515 filter'),
  allowUsernameOrEmailLogin: bool(),
  blockAutoCreatedUsers: bool(),
  lowercaseUsernames: bool(),
  retryEmptyResultWithCodes: list(num({ min: 0, max: 255 }), { unique: true }),
  attributes: obj({
    username: attributeOrList(),
    email: attributeOrList(),
    name: templateText('an attribute'),
    firstName: templateText('an attribute'),
    lastName: templateText('an attribute'),
  }),
  tlsOptions: obj({
    caFile: all(templateText('a file path'), rule((v: string) => (v.startsWith('/') ? undefined : { allowed: 'an absolute path', fix: 'write e.g. /etc/ssl/certs/ca-certificates.crt' }))),
    sslVersion: templateText('an OpenSSL version name such as TLSv1_2'),
    ciphers: templateText('an OpenSSL cipher list'),
  }),
});

/** `omniauth`: the provider Secrets and the sign-in rules that name providers. */
export const omniauthProp: Check = obj({
  enabled: bool(),
  providers: list(secretRef('gitlab-google-oauth2'), { unique: true }),
  autoSignInWithProvider: providerName(),
  allowSingleSignOn: providerList(),
  blockAutoCreatedUsers: bool(),
  syncProfileFromProvider: providerList(),
  syncProfileAttributes: list(str({ pattern: /^[a-z_]+$/, allowed: 'a profile attribute such as email, name or location' }), { unique: true }),
  autoLinkLdapUser: bool(),
  autoLinkSamlUser: bool(),
  autoLinkUser: providerList(),
  externalProviders: list(providerName(), { unique: true }),
  allowBypassTwoFactor: providerList(),
});

/** `ldap`: the servers by id (at least one). */
export const ldapProp: Check = obj({
  servers: required(all(record(ldapServer, {
    pattern: /^[a-z][a-z0-9_]*$/, allowed: 'a server id: lower-case letters, digits and "_", starting with a letter', fix: 'use e.g. "main"',
  }), rule((v: Record<string, unknown>) => (Object.keys(v).length ? undefined : { allowed: 'at least one server', fix: 'add a server, e.g. main: { host, base }' }))),
  'list the LDAP servers, e.g. servers: { main: { host: ldap.example.com, base: "dc=example,dc=com" } }'),
  preventSignIn: bool(),
});
