import { ResolvedConfig, ResolvedLdapServer } from '../../config/resolved';
import { erbSecretJson, raw } from '../../lib/erb';
import { RAILS_PATHS, RailsConsumer } from './consumer';
import { railsSettingsSection } from '../../config/rails-settings/render';
import { ldapPasswordPath, omniauthProviderPath, OPTIONAL_SECRET_PATHS } from './optional-secret-files';

/**
 * gitlab.yml sections of the optional features: Pages, incoming and Service Desk e-mail, LDAP, OmniAuth, and the
 * sender persona. Secrets are read from `/etc/gitlab` when the image renders the template.
 */

const secretFile = (path: string) => `${RAILS_PATHS.secrets}/${path}`;

/** Where Rails would keep Pages sites on disk; unused (sites live in object storage), but Rails requires it. */
const PAGES_PATH = '/srv/gitlab/shared/pages';

/**
 * The application settings of the `gitlab:` section, as each pod's chart ConfigMap writes them: settings GitLab
 * defaults itself are written empty (`null`), and only webservice carries the UI defaults and the CSP.
 */
export function applicationSettings(config: ResolvedConfig, consumer: Exclude<RailsConsumer, 'migrations'>) {
  const r = config.rails;
  const f = r.defaultProjectsFeatures;
  const webservice = consumer === 'webservice';
  const csp = r.contentSecurityPolicy;
  return {
    // cdn_host, action_cable_allowed_origins, initial_gitlab_product_usage_data: from the rails-settings table.
    ...railsSettingsSection(r.settings, consumer, 'gitlab'),
    max_request_duration_seconds: r.maxRequestDurationSeconds,
    impersonation_enabled: r.impersonation ?? null,
    application_settings_cache_seconds: r.applicationSettingsCacheSeconds,
    usage_ping_enabled: r.usagePing,
    seat_link_enabled: r.seatLink,
    username_changing_enabled: r.usernameChanging,
    issue_closing_pattern: r.issueClosingPattern ?? null,
    default_theme: r.defaultTheme ?? null,
    default_color_mode: webservice ? r.defaultColorMode ?? null : undefined,
    default_syntax_highlighting_theme: webservice ? r.defaultSyntaxHighlightingTheme ?? null : undefined,
    default_projects_features: {
      issues: f.issues, merge_requests: f.mergeRequests, wiki: f.wiki, snippets: f.snippets, builds: f.builds,
      container_registry: f.containerRegistry,
    },
    signup_enabled: r.signupEnabled,
    graphql_timeout: r.graphQlTimeout ?? null,
    webhook_timeout: r.webhookTimeout ?? null,
    trusted_proxies: r.trustedProxies.length ? r.trustedProxies : null,
    time_zone: config.timeZone,
    content_security_policy: webservice && csp
      ? { enabled: true, report_only: csp.reportOnly, directives: csp.directives ?? null } : undefined,
  };
}

/** `extra:` (analytics services): only the services configured; empty (`null`) without any. */
export function analyticsSection(config: ResolvedConfig) {
  const a = config.rails.analytics;
  const extra = {
    google_analytics_id: a.googleAnalyticsId,
    matomo_url: a.matomoUrl,
    matomo_site_id: a.matomoSiteId,
    matomo_disable_cookies: a.matomoDisableCookies || undefined,
    one_trust_id: a.oneTrustId,
    google_tag_manager_nonce_id: a.googleTagManagerNonceId,
    bizible: a.bizible || undefined,
  };
  return Object.values(extra).some((v) => v !== undefined) ? extra : null;
}

/** `kerberos:` and `duo_auth:`, both off (not supported), with the chart's default fields. */
export function disabledSignInSections() {
  return {
    kerberos: {
      enabled: false, keytab: '/etc/krb5.keytab', use_dedicated_port: false, port: 8443, https: true,
      simple_ldap_linking_allowed_realms: [],
    },
    duo_auth: { enabled: false, hostname: null, integration_key: null, secret_key: null },
  };
}

/** `rack_attack:` (webservice): Git over HTTP Basic-auth banning, empty while off. */
export function rackAttackSection(config: ResolvedConfig) {
  const g = config.rails.rackAttackGitBasicAuth;
  return {
    git_basic_auth: g ? {
      enabled: true, ip_whitelist: g.ipWhitelist, maxretry: g.maxretry, findtime: g.findtime, bantime: g.bantime,
    } : null,
  };
}

/** `smartcard:` (webservice): off (not supported), with the chart's default fields. */
export function smartcardSection(config: ResolvedConfig) {
  return {
    enabled: false,
    ca_file: '/etc/gitlab/rails-secrets/smartcard-ca.crt',
    client_certificate_required_host: `smartcard.${config.hosts.domain}`,
    client_certificate_required_port: 443,
    san_extensions: false,
    required_for_git_access: false,
  };
}

/** `email_from` and friends of the `gitlab:` section. */
export function emailPersona(config: ResolvedConfig) {
  const e = config.email;
  return {
    email_from: e.from,
    email_display_name: e.displayName,
    email_reply_to: e.replyTo,
    email_subject_suffix: e.subjectSuffix,
  };
}

/**
 * `pages:`: on while the Pages component runs; its sites go to the consolidated object storage's `pages` bucket.
 * Rails signs its API calls to Pages with the shared secret in `pages/secret`.
 */
export function pagesSection(config: ResolvedConfig) {
  const pages = config.components.gitlabPages;
  const host = config.hosts.pages;
  const custom = pages?.customDomains;
  return {
    enabled: !!pages,
    access_control: pages?.accessControl ?? false,
    artifacts_server: pages?.artifactsServer ?? true,
    path: PAGES_PATH,
    host: host.name,
    port: host.https ? 443 : 80,
    https: host.https,
    secret_file: secretFile(OPTIONAL_SECRET_PATHS.pages),
    external_http: custom?.http ?? false,
    external_https: custom?.https ?? false,
    custom_domain_mode: custom ? (custom.https ? 'https' : 'http') : undefined,
    local_store: { enabled: false, path: null },
    namespace_in_path: pages?.namespaceInPath ?? false,
  };
}

/**
 * `incoming_email:` and `service_desk_email:` (webservice and sidekiq): the addresses GitLab hands out and the
 * key that checks mailroom's signed webhook calls. Absent while no mailbox is configured.
 */
export function mailSections(config: ResolvedConfig, consumer: RailsConsumer) {
  if (consumer !== 'webservice' && consumer !== 'sidekiq') return {};
  const { incoming, serviceDesk } = config.email;
  return {
    incoming_email: incoming ? {
      enabled: true,
      address: incoming.address,
      secret_file: secretFile(OPTIONAL_SECRET_PATHS.incomingEmailWebhook),
    } : undefined,
    service_desk_email: serviceDesk ? {
      enabled: true,
      address: serviceDesk.address,
      secret_file: secretFile(OPTIONAL_SECRET_PATHS.serviceDeskWebhook),
    } : undefined,
  };
}

function ldapServer(s: ResolvedLdapServer) {
  const a = s.attributes;
  return {
    label: s.label,
    host: s.host,
    port: s.port,
    uid: s.uid,
    bind_dn: s.bindDn,
    password: s.password ? erbSecretJson(secretFile(ldapPasswordPath(s.id))) : undefined,
    encryption: s.encryption,
    verify_certificates: s.verifyCertificates,
    timeout: s.timeout,
    active_directory: s.activeDirectory,
    allow_username_or_email_login: s.allowUsernameOrEmailLogin,
    block_auto_created_users: s.blockAutoCreatedUsers,
    base: s.base,
    user_filter: s.userFilter,
    lowercase_usernames: s.lowercaseUsernames,
    retry_empty_result_with_codes: s.retryEmptyResultWithCodes,
    attributes: a ? { username: a.username, email: a.email, name: a.name, first_name: a.firstName, last_name: a.lastName } : undefined,
    tls_options: s.tlsOptions ? { ca_file: s.tlsOptions.caFile, ssl_version: s.tlsOptions.sslVersion, ciphers: s.tlsOptions.ciphers } : undefined,
  };
}

/** `ldap:`: each server's settings, its bind password read from `ldap/<id>/password`. */
export function ldapSection(config: ResolvedConfig) {
  const l = config.ldap;
  if (!l) return { enabled: false };
  return {
    enabled: true,
    prevent_ldap_sign_in: l.preventSignIn,
    servers: Object.fromEntries(l.servers.map((s) => [s.id, ldapServer(s)])),
  };
}

const setList = <T>(v: readonly T[] | boolean): readonly T[] | boolean | undefined => (v === false || (Array.isArray(v) && !v.length) ? undefined : v);

/** `omniauth:`: each provider is the YAML of its Secret (`omniauth/<secret>/<key>`), loaded when the image renders. */
export function omniauthSection(config: ResolvedConfig) {
  const o = config.omniauth;
  if (!o) {
    return {
      enabled: false,
      sync_profile_from_provider: [],
      sync_profile_attributes: ['email'],
      allow_single_sign_on: ['saml'],
      block_auto_created_users: true,
      auto_link_ldap_user: false,
      auto_link_saml_user: false,
      external_providers: [],
    };
  }
  return {
    enabled: true,
    auto_sign_in_with_provider: o.autoSignInWithProvider,
    sync_profile_from_provider: o.syncProfileFromProvider,
    sync_profile_attributes: o.syncProfileAttributes,
    allow_single_sign_on: o.allowSingleSignOn,
    block_auto_created_users: o.blockAutoCreatedUsers,
    auto_link_ldap_user: o.autoLinkLdapUser,
    auto_link_saml_user: o.autoLinkSamlUser,
    // Written only when set, as the chart does (an empty list or false is GitLab's default).
    auto_link_user: setList(o.autoLinkUser),
    external_providers: o.externalProviders,
    allow_bypass_two_factor: setList(o.allowBypassTwoFactor),
    // No providers: no key at all, as the chart renders it.
    providers: o.providers.length ? o.providers.map((p) => raw(`<%= YAML.load_file(${JSON.stringify(secretFile(omniauthProviderPath(p)))}).to_json %>`)) : undefined,
  };
}
