import { describe, expect, it } from 'vitest';
import { find, synthPlatform } from '../../support/synth';
import { convert, ignoredKeys, issuePaths, refusal, withValues } from '../../values/helpers';

/** The aws-production values with optional features merged in. */
const values = (patch: Record<string, any>) => withValues(patch);

describe('fromHelmValues: GitLab Pages', () => {
  it('turn Pages on with access control, its host and settings, and the renamed shared Secrets', () => {
    const props = convert(values({
      global: {
        hosts: { pages: { name: 'sites.example.com' } },
        pages: { enabled: true, accessControl: true, namespaceInPath: false, artifactsServer: false, apiSecret: { secret: 'pages-api' }, authSecret: { secret: 'pages-cookie', key: 'password' } },
        oauth: { 'gitlab-pages': { secret: 'pages-oauth', appIdKey: 'appid', redirectUri: 'https://projects.sites.example.com/auth', authScope: 'read_api' } },
      },
      gitlab: { 'gitlab-pages': { resources: { requests: { cpu: 1 } }, hpa: { minReplicas: 2, maxReplicas: 4 }, maxUnavailable: '50%' } },
    }));
    expect(props.hosts.pages).toEqual({ name: 'sites.example.com' });
    expect(props.components?.gitlabPages).toEqual({
      enabled: true, accessControl: true, namespaceInPath: false, artifactsServer: false,
      authRedirectUri: 'https://projects.sites.example.com/auth', authScope: 'read_api',
      resources: { requests: { cpu: '1' } }, autoscaling: { minReplicas: 2, maxReplicas: 4 }, podDisruptionBudget: { maxUnavailable: '50%' },
    });
    expect(props.secretNames).toMatchObject({ pages: 'pages-api', pagesAuth: 'pages-cookie', pagesOAuth: 'pages-oauth' });
  });

  it('turn the chart\'s external addresses into custom domains with one LoadBalancer address', () => {
    const props = convert(values({
      global: { pages: { enabled: true, externalHttp: ['203.0.113.10'], externalHttps: ['203.0.113.10'], customDomainMode: 'https' } },
      gitlab: { 'gitlab-pages': { service: { customDomains: { type: 'LoadBalancer', annotations: { a: 'b' } } }, ingress: { tls: { secretName: 'pages-tls' } } } },
    }));
    expect(props.components?.gitlabPages?.customDomains).toEqual({
      http: true, https: true, loadBalancerIP: '203.0.113.10', serviceType: 'LoadBalancer', serviceAnnotations: { a: 'b' }, tlsSecret: 'pages-tls',
    });
  });

  it('accept the chart\'s default Pages keys while Pages is off, and ignore settings that would do nothing, with a warning', () => {
    expect(convert(values({ global: { pages: { enabled: false, accessControl: false, externalHttp: [], localStore: { enabled: false } } } })).components?.gitlabPages)
      .toEqual({ enabled: false });
    expect(ignoredKeys(values({ global: { pages: { accessControl: true }, oauth: { 'gitlab-pages': { secret: 'x' } } }, gitlab: { 'gitlab-pages': { hpa: { maxReplicas: 3 } } } })))
      .toEqual(['global.pages.accessControl', 'gitlab.gitlab-pages.hpa.maxReplicas', 'global.oauth.gitlab-pages.secret']);
  });

  it('refuse Pages outside the platform, local storage, other Secret keys and several external addresses', () => {
    expect(ignoredKeys(values({ global: { pages: { host: 'pages.elsewhere.com' } } }))).toEqual(['global.pages.host']);
    expect(issuePaths(refusal(values({ global: { pages: { enabled: true, localStore: { enabled: true }, apiSecret: { key: 'token' }, externalHttp: ['203.0.113.1', '203.0.113.2'] } } }))))
      .toEqual(expect.arrayContaining(['global.pages.localStore.enabled', 'global.pages.apiSecret.key', 'global.pages.externalHttps']));
  });
});

describe('fromHelmValues: e-mail', () => {
  const incoming = { enabled: true, address: 'incoming+%{key}@example.com', user: 'incoming@example.com', password: { secret: 'imap-password' } };

  it('read the sender and the SMTP server, the chart\'s defaults filling what the values leave out', () => {
    const props = convert(values({ global: {
      email: { from: 'gitlab@example.org', display_name: 'GitLab', reply_to: 'noreply@example.org' },
      smtp: { enabled: true, address: 'smtp.example.com', user_name: 'gitlab', password: { secret: 'smtp-password' } },
    } }));
    expect(props.email).toEqual({
      from: 'gitlab@example.org', displayName: 'GitLab', replyTo: 'noreply@example.org',
      smtp: {
        address: 'smtp.example.com', port: 2525, authentication: 'plain', user: 'gitlab', password: { name: 'smtp-password' },
        starttlsAuto: false, opensslVerifyMode: 'peer', openTimeout: 30, readTimeout: 60, pool: false,
      },
    });
  });

  it('read an IMAP mailbox (the chart\'s default IMAP server when none is named) and a Microsoft Graph Service Desk mailbox', () => {
    const props = convert(values({ global: { appConfig: {
      incomingEmail: { ...incoming, authToken: { secret: 'incoming-token' } },
      serviceDeskEmail: { enabled: true, address: 'sd+%{key}@example.com', user: 'sd@example.com', inboxMethod: 'microsoft_graph', tenantId: 't1', clientId: 'c1', clientSecret: { secret: 'graph' }, pollInterval: 30 },
    } } }));
    expect(props.email?.incoming).toEqual({
      address: 'incoming+%{key}@example.com', user: 'incoming@example.com', imap: { host: 'imap.gmail.com', password: { name: 'imap-password' } },
    });
    expect(props.email?.serviceDesk).toEqual({
      address: 'sd+%{key}@example.com', user: 'sd@example.com', microsoftGraph: { tenantId: 't1', clientId: 'c1', clientSecret: { name: 'graph' }, pollInterval: 30 },
    });
    expect(props.secretNames?.incomingEmailAuthToken).toBe('incoming-token');
  });

  it('read mailroom\'s scaling and resources while incoming e-mail is on', () => {
    const props = convert(values({ global: { appConfig: { incomingEmail: incoming } }, gitlab: { mailroom: { hpa: { maxReplicas: 3 }, resources: { requests: { memory: '200M' } } } } }));
    expect(props.components?.mailroom).toEqual({ autoscaling: { maxReplicas: 3 }, resources: { requests: { memory: '200M' } } });
  });

  it('accept the chart\'s default mailbox and SMTP keys while they are off', () => {
    const props = convert(values({ global: {
      smtp: { enabled: false, address: 'smtp.mailgun.org', port: 2525, password: { secret: '', key: 'password' } },
      appConfig: { incomingEmail: { enabled: false, port: 993, ssl: true, mailbox: 'inbox', clientSecret: { key: 'secret' }, deliveryMethod: 'webhook' } },
    }, gitlab: { mailroom: { enabled: true } } }));
    expect(props.email).toBeUndefined();
  });

  it('refuse the sidekiq delivery method and a Service Desk mailbox alone; ignore mailroom settings without a mailbox', () => {
    expect(issuePaths(refusal(values({ global: { appConfig: { incomingEmail: { ...incoming, deliveryMethod: 'sidekiq' } } } })))).toEqual(['global.appConfig.incomingEmail.deliveryMethod']);
    expect(issuePaths(refusal(values({ global: { appConfig: { serviceDeskEmail: { ...incoming } } } })))).toEqual(['global.appConfig.serviceDeskEmail.enabled']);
    // Without a mailbox mailroom does not run: its settings are ignored with a warning, as the chart ignores them.
    expect(ignoredKeys(values({ gitlab: { mailroom: { resources: { requests: { cpu: '1' } } } } }))).toEqual(['gitlab.mailroom.resources.requests.cpu']);
  });

  it('report a missing IMAP password at its values key', () => {
    const e = refusal(values({ global: { appConfig: { incomingEmail: { ...incoming, password: undefined } } } }));
    expect(e.issues).toEqual([expect.objectContaining({ path: 'email.incoming.imap.password' })]);
  });
});

describe('fromHelmValues: spamcheck, backups and sign-in', () => {
  it('turn spamcheck on with its log level and scaling', () => {
    const props = convert(values({ global: { spamcheck: { enabled: true } }, gitlab: { spamcheck: { logging: { level: 'debug' }, hpa: { maxReplicas: 3 } } } }));
    expect(props.components?.spamcheck).toEqual({ enabled: true, logLevel: 'debug', autoscaling: { maxReplicas: 3 } });
  });

  it('read the backup CronJob, its arguments, scratch volume and placement', () => {
    const props = convert(values({ gitlab: { toolbox: { backups: { cron: {
      enabled: true, schedule: '0 3 * * *', timeZone: 'UTC', extraArgs: '--skip registry', concurrencyPolicy: 'Forbid', backoffLimit: 2,
      persistence: { enabled: true, size: '100Gi', storageClass: 'gp3' }, resources: { requests: { cpu: 1 } }, nodeSelector: { pool: 'backup' },
    } } } } }));
    expect(props.components?.toolbox?.backups).toEqual({
      enabled: true, schedule: '0 3 * * *', timeZone: 'UTC', extraArgs: ['--skip', 'registry'], backoffLimit: 2,
      scratch: { type: 'persistentVolumeClaim', size: '100Gi', storageClass: 'gp3' }, resources: { requests: { cpu: '1' } },
      placement: { nodeSelector: { pool: 'backup' } },
    });
    expect(props.components?.toolbox?.backupS3cmdConfig).toEqual({ name: 's3cmd-config', key: 'config' });
  });

  it('refuse a replacing or parallel backup, quoted arguments, and an invalid schedule at its key', () => {
    expect(issuePaths(refusal(values({ gitlab: { toolbox: { backups: { cron: { enabled: true, concurrencyPolicy: 'Replace', extraArgs: '--skip "registry"' } } } } }))))
      .toEqual(['gitlab.toolbox.backups.cron.concurrencyPolicy', 'gitlab.toolbox.backups.cron.extraArgs']);
    expect(issuePaths(refusal(values({ gitlab: { toolbox: { backups: { cron: { enabled: true, schedule: 'daily' } } } } })))).toEqual(['gitlab.toolbox.backups.cron.schedule']);
  });

  it('accept the chart\'s default cron keys while backups are off', () => {
    expect(convert(values({ gitlab: { toolbox: { backups: { cron: { enabled: false, concurrencyPolicy: 'Replace', schedule: '0 1 * * *', persistence: { enabled: false, size: '10Gi' } } } } } })).components?.toolbox?.backups)
      .toBeUndefined();
  });

  it('read OmniAuth providers from Secrets and refuse inline providers', () => {
    const props = convert(values({ global: { appConfig: { omniauth: { enabled: true, allowSingleSignOn: ['google_oauth2'], blockAutoCreatedUsers: false, providers: [{ secret: 'gitlab-google-oauth2' }, { secret: 'gitlab-saml', key: 'saml' }] } } } }));
    expect(props.omniauth).toEqual({
      enabled: true, allowSingleSignOn: ['google_oauth2'], blockAutoCreatedUsers: false,
      providers: [{ name: 'gitlab-google-oauth2' }, { name: 'gitlab-saml', key: 'saml' }],
    });
    expect(issuePaths(refusal(values({ global: { appConfig: { omniauth: { enabled: true, providers: [{ name: 'google_oauth2', app_id: 'x' }] } } } }))))
      .toEqual(['global.appConfig.omniauth.providers[0]']);
  });

  it('read LDAP servers in GitLab\'s setting names and refuse plain-text passwords and unknown settings', () => {
    const props = convert(values({ global: { appConfig: { ldap: { preventSignin: true, servers: { main: {
      label: 'LDAP', host: 'ldap.example.com', port: 636, uid: 'sAMAccountName', bind_dn: 'cn=gitlab', password: { secret: 'ldap-password' },
      encryption: 'simple_tls', base: 'dc=example,dc=com', lowercase_usernames: 'false', attributes: { first_name: 'givenName' },
    } } } } } }));
    expect(props.ldap).toEqual({ preventSignIn: true, servers: { main: {
      label: 'LDAP', host: 'ldap.example.com', port: 636, uid: 'sAMAccountName', bindDn: 'cn=gitlab', password: { name: 'ldap-password' },
      encryption: 'simple_tls', base: 'dc=example,dc=com', lowercaseUsernames: false, attributes: { firstName: 'givenName' },
    } } });
    expect(issuePaths(refusal(values({ global: { appConfig: { ldap: { servers: { main: { host: 'ldap.example.com', base: 'dc=x', password: 'secret', group_sync: true } } } } } }))))
      .toEqual(['global.appConfig.ldap.servers.main.password', 'global.appConfig.ldap.servers.main.group_sync']);
  });

  it('synthesize a platform with every optional feature from one values file', () => {
    const objects = synthPlatform(convert(values({
      global: {
        pages: { enabled: true, accessControl: true }, spamcheck: { enabled: true },
        smtp: { enabled: true, address: 'smtp.example.com', user_name: 'gitlab', password: { secret: 'smtp-password' } },
        appConfig: { incomingEmail: { enabled: true, address: 'incoming+%{key}@example.com', user: 'incoming@example.com', host: 'imap.example.com', password: { secret: 'imap-password' } } },
      },
      gitlab: { toolbox: { backups: { cron: { enabled: true } } } },
    })));
    for (const [kind, name] of [['Deployment', 'gitlab-gitlab-pages'], ['Deployment', 'gitlab-mailroom'], ['Deployment', 'gitlab-spamcheck'], ['CronJob', 'gitlab-toolbox-backup']]) {
      expect(find(objects, kind, name).metadata.name).toBe(name);
    }
  });
});
