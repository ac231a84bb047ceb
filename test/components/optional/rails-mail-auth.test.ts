import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitLabPlatformProps } from '../../../constructs';
import { hasRuby, parseErbYaml, renderErbWithRuby } from '../../support/erb';
import { productionProps } from '../../support/fixtures';
import { find, KubeObject, synthPlatform } from '../../support/synth';
import { configIssues, configMapData, INCOMING, projectedFiles, SERVICE_DESK } from './fixtures';
import { evaluateSmtpInitializer } from './ruby';

const SMTP = { address: 'email-smtp.us-east-1.amazonaws.com', user: 'AKIAEXAMPLE', password: { name: 'gitlab-smtp-password', key: 'password' } };
const OMNIAUTH = { providers: [{ name: 'gitlab-google-oauth2' }, { name: 'gitlab-saml', key: 'saml.yaml' }] };
const LDAP = {
  servers: {
    main: {
      host: 'ldap.example.com', base: 'ou=people,dc=example,dc=com', bindDn: 'cn=gitlab,dc=example,dc=com',
      password: { name: 'gitlab-ldap-password' }, userFilter: '(memberOf=cn=gitlab,ou=groups,dc=example,dc=com)',
      attributes: { username: ['uid', 'sAMAccountName'], firstName: 'givenName' },
    },
    secondary: { host: 'ldap2.example.com', base: 'dc=example,dc=org', encryption: 'start_tls' as const, activeDirectory: false },
  },
};

const everything: GitLabPlatformProps = productionProps({
  email: { from: 'gitlab@example.org', displayName: 'Example GitLab', replyTo: 'noreply@example.org', subjectSuffix: ' [GitLab]', smtp: SMTP, incoming: INCOMING, serviceDesk: SERVICE_DESK },
  omniauth: OMNIAUTH,
  ldap: LDAP,
});
const all = synthPlatform(everything);
const production = synthPlatform(productionProps());

const RAILS = {
  webservice: { configMap: 'gitlab-webservice', deployment: 'gitlab-webservice-default', volume: 'init-webservice-secrets' },
  sidekiq: { configMap: 'gitlab-sidekiq', deployment: 'gitlab-sidekiq-all-in-1-v2', volume: 'init-sidekiq-secrets' },
  toolbox: { configMap: 'gitlab-toolbox', deployment: 'gitlab-toolbox', volume: 'init-toolbox-secrets' },
} as const;
const gitlabYml = (objects: KubeObject[], configMap: string) => parseErbYaml(configMapData(objects, configMap)['gitlab.yml.erb']);
const migrationsJob = (objects: KubeObject[]) => objects.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('gitlab-migrations-'))!;
const smtpInitializer = (objects: KubeObject[], configMap = 'gitlab-webservice') => configMapData(objects, configMap)['smtp_settings.rb'];

/** Fake secret files for rendering with Ruby. */
const SECRET_FILES: Record<string, string> = {
  'rails-secrets/secrets.yml': 'production: {}\n',
  'gitaly/gitaly_token': 'gitaly-token',
  'shell/.gitlab_shell_secret': 'shell-secret',
  'redis/redis-password': 'redis',
  'postgres/psql-password-main': 'pg',
  'postgres/psql-password-ci': 'pg',
  'objectstorage/object_store': 'provider: AWS\nregion: us-east-1\n',
  'registry/notificationSecret': '["notify"]',
  'smtp/smtp-password': 'smtp #{pass}\n',
  'ldap/main/password': 'bind "pw"\n',
  'omniauth/gitlab-google-oauth2/provider': 'name: google_oauth2\napp_id: abc\napp_secret: xyz\nargs:\n  access_type: offline\n',
  'omniauth/gitlab-saml/saml.yaml': 'name: saml\nargs:\n  assertion_consumer_service_url: https://gitlab.example.com/users/auth/saml/callback\n',
};

describe('outgoing mail (SMTP)', () => {
  it('keeps GitLab\'s default delivery when no SMTP server is given', () => {
    expect(smtpInitializer(production)).toBe('');
  });

  it.skipIf(!hasRuby)('sets Action Mailer to SMTP, reading the password from its secret file when Rails starts', () => {
    const { deliveryMethod, settings } = evaluateSmtpInitializer(smtpInitializer(all), SECRET_FILES);
    expect(deliveryMethod).toBe('smtp');
    expect(settings).toEqual({
      address: 'email-smtp.us-east-1.amazonaws.com', port: 587, ca_file: '/etc/ssl/certs/ca-certificates.crt',
      authentication: 'plain', user_name: 'AKIAEXAMPLE', password: 'smtp #{pass}', enable_starttls_auto: true, tls: false,
      openssl_verify_mode: 'peer', open_timeout: 30, read_timeout: 60,
    });
  });

  it.skipIf(!hasRuby)('never interpolates Ruby code from a setting', () => {
    const objects = synthPlatform(productionProps({ email: { smtp: { ...SMTP, user: 'a#{`id`}b' } } }));
    expect(evaluateSmtpInitializer(smtpInitializer(objects), SECRET_FILES).settings.user_name).toBe('a#{`id`}b');
  });

  it.skipIf(!hasRuby)('speaks implicit TLS, a HELO domain, no authentication, and a connection pool when asked', () => {
    const objects = synthPlatform(productionProps({ email: { smtp: { address: 'smtp.internal', port: 465, tls: true, domain: 'example.com', pool: true } } }));
    const text = smtpInitializer(objects);
    expect(text).toContain('Mail::SMTPPool.create_pool');
    expect(text).not.toContain('smtp-password');
    const { deliveryMethod, settings } = evaluateSmtpInitializer(text, SECRET_FILES);
    expect(deliveryMethod).toBe('smtp_pool');
    expect(settings).toMatchObject({ port: 465, tls: true, enable_starttls_auto: false, domain: 'example.com' });
    expect(settings).not.toHaveProperty('authentication');
  });

  it('mounts the password at smtp/smtp-password in webservice, sidekiq and toolbox, not migrations', () => {
    for (const r of Object.values(RAILS)) {
      expect(projectedFiles(find(all, 'Deployment', r.deployment), r.volume)['smtp/smtp-password']).toBe('gitlab-smtp-password/password');
      expect(smtpInitializer(all, r.configMap)).toContain('File.read("/etc/gitlab/smtp/smtp-password").strip');
    }
    expect(projectedFiles(migrationsJob(all), 'init-migrations-secrets')['smtp/smtp-password']).toBeUndefined();
  });

  it('writes the sender persona into gitlab.yml (GitLab\'s defaults from the domain otherwise)', () => {
    expect(gitlabYml(all, 'gitlab-webservice').doc.production.gitlab).toMatchObject({
      email_from: 'gitlab@example.org', email_display_name: 'Example GitLab', email_reply_to: 'noreply@example.org', email_subject_suffix: ' [GitLab]',
    });
    expect(gitlabYml(production, 'gitlab-webservice').doc.production.gitlab).toMatchObject({
      email_from: 'gitlab@example.com', email_display_name: 'GitLab', email_reply_to: 'noreply@example.com', email_subject_suffix: '',
    });
  });
});

describe('OmniAuth', () => {
  it('is off by default with GitLab\'s defaults', () => {
    expect(gitlabYml(production, 'gitlab-webservice').doc.production.omniauth).toMatchObject({ enabled: false, allow_single_sign_on: ['saml'], block_auto_created_users: true });
  });

  it('loads each provider from its Secret file when the image renders gitlab.yml', () => {
    for (const r of Object.values(RAILS)) {
      const { doc, erb } = gitlabYml(all, r.configMap);
      const o = doc.production.omniauth;
      expect(o).toMatchObject({ enabled: true, allow_single_sign_on: ['saml'], sync_profile_attributes: ['email'], external_providers: [] });
      expect(o.providers.map(erb)).toEqual([
        '<%= YAML.load_file("/etc/gitlab/omniauth/gitlab-google-oauth2/provider").to_json %>',
        '<%= YAML.load_file("/etc/gitlab/omniauth/gitlab-saml/saml.yaml").to_json %>',
      ]);
      expect(projectedFiles(find(all, 'Deployment', r.deployment), r.volume)).toMatchObject({
        'omniauth/gitlab-google-oauth2/provider': 'gitlab-google-oauth2/provider',
        'omniauth/gitlab-saml/saml.yaml': 'gitlab-saml/saml.yaml',
      });
    }
    expect(gitlabYml(all, 'gitlab-migrations').doc.production.omniauth).toBeUndefined();
  });

  it('takes GitLab\'s sign-in settings, provider lists or true for every provider', () => {
    const objects = synthPlatform(productionProps({ omniauth: { ...OMNIAUTH, autoSignInWithProvider: 'saml', allowSingleSignOn: true, blockAutoCreatedUsers: false, autoLinkUser: ['saml'], externalProviders: ['google_oauth2'] } }));
    expect(gitlabYml(objects, 'gitlab-webservice').doc.production.omniauth).toMatchObject({
      auto_sign_in_with_provider: 'saml', allow_single_sign_on: true, block_auto_created_users: false, auto_link_user: ['saml'], external_providers: ['google_oauth2'],
    });
  });
});

describe('LDAP', () => {
  it('is off by default', () => {
    expect(gitlabYml(production, 'gitlab-webservice').doc.production.ldap).toEqual({ enabled: false });
  });

  it('lists each server with GitLab\'s setting names, the bind password read from ldap/<id>/password', () => {
    const { doc, erb } = gitlabYml(all, 'gitlab-webservice');
    const ldap = doc.production.ldap;
    expect(ldap.enabled).toBe(true);
    expect(ldap.prevent_ldap_sign_in).toBe(false);
    expect(ldap.servers.main).toMatchObject({
      label: 'LDAP', host: 'ldap.example.com', port: 636, uid: 'sAMAccountName', bind_dn: 'cn=gitlab,dc=example,dc=com',
      encryption: 'simple_tls', verify_certificates: true, base: 'ou=people,dc=example,dc=com',
      user_filter: '(memberOf=cn=gitlab,ou=groups,dc=example,dc=com)', attributes: { username: ['uid', 'sAMAccountName'], first_name: 'givenName' },
    });
    expect(erb(ldap.servers.main.password)).toBe('<%= File.read("/etc/gitlab/ldap/main/password").strip.to_json %>');
    expect(ldap.servers.secondary).toMatchObject({ port: 389, encryption: 'start_tls', active_directory: false });
    expect(ldap.servers.secondary.password).toBeUndefined();
    for (const r of Object.values(RAILS)) {
      expect(projectedFiles(find(all, 'Deployment', r.deployment), r.volume)['ldap/main/password']).toBe('gitlab-ldap-password/password');
    }
  });
});

describe('gitlab.yml with e-mail and sign-in', () => {
  it.skipIf(!hasRuby)('renders with Ruby to valid YAML in every Rails pod, secrets filled in', () => {
    for (const r of Object.values(RAILS)) {
      const doc = parse(renderErbWithRuby(configMapData(all, r.configMap)['gitlab.yml.erb'], SECRET_FILES)).production;
      expect(doc.ldap.servers.main.password).toBe('bind "pw"');
      expect(doc.omniauth.providers).toEqual([
        { name: 'google_oauth2', app_id: 'abc', app_secret: 'xyz', args: { access_type: 'offline' } },
        { name: 'saml', args: { assertion_consumer_service_url: 'https://gitlab.example.com/users/auth/saml/callback' } },
      ]);
      if (r.configMap !== 'gitlab-toolbox') expect(doc.incoming_email.address).toBe('incoming+%{key}@example.com');
    }
  });
});

describe('e-mail and sign-in settings refused', () => {
  const paths = (props: GitLabPlatformProps) => configIssues(props).map((i) => i.path);

  it('SMTP authentication without a user or password, and credentials without authentication', () => {
    expect(paths(productionProps({ email: { smtp: { address: 'smtp.example.com', authentication: 'login' } } }))).toEqual(['email.smtp.user', 'email.smtp.password']);
    expect(paths(productionProps({ email: { smtp: { ...SMTP, authentication: 'none' } } }))).toEqual(['email.smtp.user', 'email.smtp.password']);
  });

  it('SMTP implicit TLS together with STARTTLS', () => {
    expect(paths(productionProps({ email: { smtp: { ...SMTP, tls: true, starttlsAuto: true } } }))).toEqual(['email.smtp.starttlsAuto']);
  });

  it('an SMTP server that is not a host name, and a sender that is not an address', () => {
    expect(paths(productionProps({ email: { smtp: { ...SMTP, address: 'smtp://mail.example.com:25' } } }))).toEqual(['email.smtp.address']);
    expect(paths(productionProps({ email: { from: 'GitLab' } }))).toEqual(['email.from']);
  });

  it('template delimiters in text that lands in an ERB template', () => {
    expect(configIssues(productionProps({ email: { displayName: 'Git<%= `id` %>Lab' } }))[0])
      .toMatchObject({ path: 'email.displayName', allowed: expect.stringContaining('without "<%"') });
  });

  it('OmniAuth with an unknown setting, or with a provider that is not a Secret reference', () => {
    expect(paths(productionProps({ omniauth: { ...OMNIAUTH, autoSignIn: 'saml' } as any }))).toEqual(['omniauth.autoSignIn']);
    expect(paths(productionProps({ omniauth: { providers: [{ name: 'google', app_id: 'abc' }] } as any }))).toEqual(['omniauth.providers[0].app_id']);
  });

  it('LDAP without servers, with a bad server id, without a search base, or with a plain-text password', () => {
    expect(paths(productionProps({ ldap: { servers: {} } }))).toEqual(['ldap.servers']);
    expect(paths(productionProps({ ldap: { servers: { 'Main-1': LDAP.servers.secondary } } }))).toEqual(['ldap.servers.Main-1 (key)']);
    expect(paths(productionProps({ ldap: { servers: { main: { host: 'ldap.example.com' } } } as any }))).toEqual(['ldap.servers.main.base']);
    expect(paths(productionProps({ ldap: { servers: { main: { ...LDAP.servers.secondary, password: 'secret' } } } as any }))).toEqual(['ldap.servers.main.password']);
  });
});
