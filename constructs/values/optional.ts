import { show } from '../config/errors';
import { readTarget, TargetDefault } from '../config/workloads/hpa-values';
import { PropsBuilder } from './builder';
import { HelmValues, isMap, ValuesReader } from './reader';

/**
 * The optional parts of the chart: GitLab Pages (`global.pages`, `global.oauth.gitlab-pages`, `gitlab.gitlab-pages`),
 * e-mail (`global.email`, `global.smtp`, `global.appConfig.{incomingEmail,serviceDeskEmail}`, `gitlab.mailroom`),
 * spamcheck (`global.spamcheck`, `gitlab.spamcheck`), the backup CronJob (`gitlab.toolbox.backups.cron`), and
 * sign-in (`global.appConfig.{omniauth,ldap}`).
 *
 * Keys left at the chart's default value are accepted while their feature is off (values files often carry the
 * chart's defaults); any other setting of an off feature has no effect and is reported.
 */
export function readOptional(b: PropsBuilder): void {
  readPages(b);
  readEmail(b);
  readSpamcheck(b);
  readBackups(b);
  readOmniauth(b);
  readLdap(b);
}

/** The optional components that run with these values (they get `global.serviceAccount.annotations` too). */
export function optionalComponentsOn(b: PropsBuilder): string[] {
  return (['gitlabPages', 'mailroom', 'spamcheck'] as const).filter((c) => (c === 'mailroom'
    ? b.get('email.incoming') !== undefined && b.get('components.mailroom.enabled') !== false
    : b.get(`components.${c}.enabled`) === true));
}

type Defaults = Readonly<Record<string, unknown>>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The defaults under `prefix`, relative to it (`prefix` itself becomes ''). */
const under = (defaults: Defaults, prefix: string): Defaults => Object.fromEntries(Object.entries(defaults)
  .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`)).map(([k, x]) => [k === prefix ? '' : k.slice(prefix.length + 1), x]));

/**
 * Every set key under `path` (except `keep`) is read: kept silently when it equals the chart's default (`defaults`,
 * by path relative to `path`), reported as having no effect otherwise.
 */
function offExceptDefaults(v: ValuesReader, path: string, defaults: Defaults, reason: string, fix: string, keep: readonly string[] = []): void {
  const walk = (value: unknown, rel: string) => {
    const full = rel ? `${path}.${rel}` : path;
    if (keep.some((k) => rel === k || rel.startsWith(`${k}.`))) return;
    if (isMap(value) && !(rel in defaults)) {
      for (const [k, child] of Object.entries(value)) walk(child, rel ? `${rel}.${k}` : k);
      return;
    }
    v.get(full);
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length) || same(value, defaults[rel])) return;
    v.noEffects.push({ path: full, value: show(value), allowed: reason, fix });
  };
  walk(v.peek(path), '');
}

/** A key that must keep the chart's only supported value (or be left out). */
function fixed(v: ValuesReader, path: string, allowed: unknown, why: string): void {
  const value = v.get(path);
  if (value !== undefined && !same(value, allowed)) v.problem(path, value, `${JSON.stringify(allowed)} (${why})`, 'remove the key');
}

/** The settings every workload shares: resources, placement, pod labels, env, PDB and the HPA. */
function readWorkload(b: PropsBuilder, from: string, to: string, opts: { hpa?: TargetDefault; pdb?: boolean }): void {
  const stringify = (value: unknown): unknown => {
    if (typeof value === 'number') return String(value);
    if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, stringify(x)]));
    return value;
  };
  b.raw(`${from}.resources`, `${to}.resources`, stringify);
  b.raw(`${from}.extraEnv`, `${to}.extraEnv`, stringify);
  b.raw(`${from}.podLabels`, `${to}.podLabels`);
  b.raw(`${from}.nodeSelector`, `${to}.placement.nodeSelector`);
  b.raw(`${from}.tolerations`, `${to}.placement.tolerations`);
  b.string(`${from}.priorityClassName`, `${to}.placement.priorityClassName`);
  if (opts.pdb) b.raw(`${from}.maxUnavailable`, `${to}.podDisruptionBudget.maxUnavailable`);
  if (opts.hpa) {
    b.number(`${from}.hpa.minReplicas`, `${to}.autoscaling.minReplicas`);
    b.number(`${from}.hpa.maxReplicas`, `${to}.autoscaling.maxReplicas`);
    readTarget(b, `${from}.hpa.cpu`, `${to}.autoscaling.cpu`, opts.hpa);
    readTarget(b, `${from}.hpa.memory`, `${to}.autoscaling.memory`, { type: 'Utilization' });
    b.number(`${from}.hpa.behavior.scaleDown.stabilizationWindowSeconds`, `${to}.autoscaling.scaleDownStabilizationSeconds`);
  }
}

/** A Secret reference `{ secret, key }` of the chart to `{ name, key }`. */
function secretRef(b: PropsBuilder, from: string, to: string): void {
  b.string(`${from}.secret`, `${to}.name`);
  b.string(`${from}.key`, `${to}.key`);
}

function readPages(b: PropsBuilder): void {
  const v = b.values;
  const to = 'components.gitlabPages';
  const on = b.boolean('global.pages.enabled', `${to}.enabled`) ?? false;
  // Rails' pages block names the Pages host even while Pages is off.
  b.boolean('global.hosts.pages.https', 'hosts.pages.https');
  b.string('global.hosts.pages.name', 'hosts.pages.name');
  if (!on) {
    const reason = 'nothing while GitLab Pages is off';
    const fix = 'remove the key, or turn Pages on (global.pages.enabled: true)';
    if (v.get('global.pages.host') !== undefined) {
      v.noEffects.push({ path: 'global.pages.host', value: show(v.peek('global.pages.host')), allowed: 'nothing while GitLab Pages is off (Pages outside the platform is not supported)',
        fix: 'remove the key, or run Pages here (global.pages.enabled: true)' });
    }
    offExceptDefaults(v, 'global.pages', PAGES_DEFAULTS, reason, fix, ['enabled', 'objectStore', 'host']);
    v.noEffect('gitlab.gitlab-pages', reason, fix);
    v.noEffect('global.oauth.gitlab-pages', reason, fix);
    return;
  }
  const base = 'global.pages';
  b.string(`${base}.host`, 'hosts.pages.name');
  b.boolean(`${base}.https`, 'hosts.pages.https');
  b.boolean(`${base}.accessControl`, `${to}.accessControl`);
  b.boolean(`${base}.namespaceInPath`, `${to}.namespaceInPath`);
  b.boolean(`${base}.artifactsServer`, `${to}.artifactsServer`);
  const port = v.number(`${base}.port`);
  if (port !== undefined && port !== 443 && port !== 80) {
    v.problem(`${base}.port`, port, '443 (https) or 80 (http), the port of the pages host', 'remove the key; the port follows the host\'s https setting');
  }
  for (const key of ['path', 'localStore.path']) {
    if (v.get(`${base}.${key}`) !== undefined) {
      v.noEffects.push({ path: `${base}.${key}`, value: show(v.peek(`${base}.${key}`)), allowed: 'nothing: sites live in object storage', fix: 'remove the key' });
    }
  }
  fixed(v, `${base}.localStore.enabled`, false, 'sites live in the pages object-storage bucket');
  b.string(`${base}.apiSecret.secret`, 'secretNames.pages');
  fixed(v, `${base}.apiSecret.key`, 'shared_secret', 'the shared Secret\'s key');
  b.string(`${base}.authSecret.secret`, 'secretNames.pagesAuth');
  fixed(v, `${base}.authSecret.key`, 'password', 'the shared Secret\'s key');

  const oauth = 'global.oauth.gitlab-pages';
  b.string(`${oauth}.secret`, 'secretNames.pagesOAuth');
  fixed(v, `${oauth}.appIdKey`, 'appid', 'the shared Secret\'s key');
  fixed(v, `${oauth}.appSecretKey`, 'appsecret', 'the shared Secret\'s key');
  b.string(`${oauth}.redirectUri`, `${to}.authRedirectUri`);
  b.string(`${oauth}.authScope`, `${to}.authScope`);

  // Custom domains: the chart's external addresses turn on its LoadBalancer Service (one address: loadBalancerIP).
  const http = (v.list(`${base}.externalHttp`) ?? []) as unknown[];
  const https = (v.list(`${base}.externalHttps`) ?? []) as unknown[];
  const mode = v.string(`${base}.customDomainMode`);
  const chart = 'gitlab.gitlab-pages';
  if (http.length || https.length) {
    const cd = `${to}.customDomains`;
    b.set(`${cd}.http`, http.length > 0, `${base}.externalHttp`);
    b.set(`${cd}.https`, https.length > 0, `${base}.externalHttps`);
    const addresses = [...new Set([...http, ...https])];
    // The chart gives the address to the Service only when it is a LoadBalancer; otherwise the addresses only turn
    // the listeners on.
    if ((v.peek(`${chart}.service.customDomains.type`) ?? 'LoadBalancer') === 'LoadBalancer') {
      if (addresses.length === 1) b.set(`${cd}.loadBalancerIP`, addresses[0], https.length ? `${base}.externalHttps` : `${base}.externalHttp`);
      else v.problem(`${base}.externalHttps`, addresses, 'one address (the LoadBalancer\'s loadBalancerIP); external IP lists are not supported', 'list one address, or none and set the address through the Service annotations');
    }
    const derived = https.length ? 'https' : 'http';
    if (mode !== undefined && mode !== derived) v.problem(`${base}.customDomainMode`, mode, `"${derived}" (follows externalHttp/externalHttps)`, 'remove the key');
    b.string(`${chart}.service.customDomains.type`, `${cd}.serviceType`);
    b.boolean(`${chart}.useHTTPProxy`, `${cd}.httpProxy`);
    b.boolean(`${chart}.useProxyV2`, `${cd}.proxyProtocolV2`);
    b.raw(`${chart}.service.customDomains.annotations`, `${cd}.serviceAnnotations`);
    b.string(`${chart}.ingress.tls.secretName`, `${cd}.tlsSecret`);
  } else {
    for (const key of ['useHTTPProxy', 'useProxyV2']) {
      v.noEffect(`${chart}.${key}`, 'nothing without externalHttp/externalHttps (the chart reads it only for the custom-domains listeners)', 'remove the key, or list the address in global.pages.externalHttp/externalHttps');
    }
  }
  if (!(http.length || https.length) && mode !== undefined) {
    v.noEffects.push({ path: `${base}.customDomainMode`, value: show(mode), allowed: 'nothing without externalHttp/externalHttps (custom domains need Pages\' own LoadBalancer)', fix: 'remove the key, or list the address in global.pages.externalHttps' });
  }
  readWorkload(b, chart, to, { hpa: { type: 'AverageValue', averageValue: '100m' }, pdb: true });
}

/** The chart's defaults of `global.pages` (kept silently while Pages is off). */
const PAGES_DEFAULTS: Defaults = {
  accessControl: false, artifactsServer: true, externalHttp: [], externalHttps: [], 'localStore.enabled': false,
  namespaceInPath: false,
};

/** The chart's defaults of an incoming mailbox (`global.appConfig.incomingEmail` / `serviceDeskEmail`). */
const MAILBOX_DEFAULTS: Defaults = {
  enabled: false, host: 'imap.gmail.com', port: 993, ssl: true, startTls: false, 'password.key': 'password', deleteAfterDelivery: true,
  expungeDeleted: false, 'logger.logPath': '/dev/stdout', mailbox: 'inbox', idleTimeout: 60, inboxMethod: 'imap', 'clientSecret.key': 'secret',
  pollInterval: 60, deliveryMethod: 'webhook', 'authToken.key': 'authToken',
  azureAdEndpoint: 'https://login.microsoftonline.com', graphEndpoint: 'https://graph.microsoft.com',
};

function readMailbox(b: PropsBuilder, from: string, to: string, secretName: 'incomingEmailAuthToken' | 'serviceDeskEmailAuthToken'): boolean {
  const v = b.values;
  const on = v.boolean(`${from}.enabled`) ?? false;
  if (!on) {
    offExceptDefaults(v, from, MAILBOX_DEFAULTS, `nothing while ${from}.enabled is false`, `remove the key, or set ${from}.enabled: true`, ['enabled']);
    return false;
  }
  b.string(`${from}.address`, `${to}.address`);
  b.string(`${from}.user`, `${to}.user`);
  b.string(`${from}.mailbox`, `${to}.mailbox`);
  b.boolean(`${from}.deleteAfterDelivery`, `${to}.deleteAfterDelivery`);
  b.boolean(`${from}.expungeDeleted`, `${to}.expungeDeleted`);
  b.string(`${from}.logger.logPath`, `${to}.logPath`);
  fixed(v, `${from}.deliveryMethod`, 'webhook', 'mailroom delivers to GitLab\'s API; the sidekiq delivery method is deprecated');
  b.string(`${from}.authToken.secret`, `secretNames.${secretName}`);
  fixed(v, `${from}.authToken.key`, 'authToken', 'the shared Secret\'s key');
  const method = v.string(`${from}.inboxMethod`) ?? 'imap';
  const imapKeys = ['host', 'port', 'ssl', 'startTls', 'password', 'idleTimeout'];
  const graphKeys = ['tenantId', 'clientId', 'clientSecret', 'pollInterval', 'azureAdEndpoint', 'graphEndpoint'];
  if (method === 'imap') {
    // The chart's default IMAP server applies when the values leave it out.
    b.set(`${to}.imap.host`, v.string(`${from}.host`) ?? 'imap.gmail.com', `${from}.host`);
    b.number(`${from}.port`, `${to}.imap.port`);
    b.boolean(`${from}.ssl`, `${to}.imap.ssl`);
    b.boolean(`${from}.startTls`, `${to}.imap.startTls`);
    b.number(`${from}.idleTimeout`, `${to}.imap.idleTimeout`);
    secretRef(b, `${from}.password`, `${to}.imap.password`);
    for (const key of graphKeys) offExceptDefaults(v, `${from}.${key}`, under(MAILBOX_DEFAULTS, key), 'nothing while inboxMethod is imap', 'remove the key');
  } else if (method === 'microsoft_graph') {
    const g = `${to}.microsoftGraph`;
    b.string(`${from}.tenantId`, `${g}.tenantId`);
    b.string(`${from}.clientId`, `${g}.clientId`);
    secretRef(b, `${from}.clientSecret`, `${g}.clientSecret`);
    b.number(`${from}.pollInterval`, `${g}.pollInterval`);
    b.string(`${from}.azureAdEndpoint`, `${g}.azureAdEndpoint`);
    b.string(`${from}.graphEndpoint`, `${g}.graphEndpoint`);
    for (const key of imapKeys) offExceptDefaults(v, `${from}.${key}`, under(MAILBOX_DEFAULTS, key), 'nothing while inboxMethod is microsoft_graph', 'remove the key');
  } else {
    v.problem(`${from}.inboxMethod`, method, '"imap" | "microsoft_graph"', 'use one of the two inbox methods');
  }
  return true;
}

/** The chart's defaults of `global.smtp`. */
const SMTP_DEFAULTS: Defaults = {
  address: 'smtp.mailgun.org', port: 2525, 'password.key': 'password', authentication: 'plain', starttls_auto: false,
  openssl_verify_mode: 'peer', open_timeout: 30, read_timeout: 60, pool: false,
};

function readEmail(b: PropsBuilder): void {
  const v = b.values;
  b.string('global.email.from', 'email.from');
  b.string('global.email.display_name', 'email.displayName');
  b.string('global.email.reply_to', 'email.replyTo');
  b.string('global.email.subject_suffix', 'email.subjectSuffix');
  offExceptDefaults(v, 'global.email.smime', { enabled: false, keyName: 'tls.key', certName: 'tls.crt' },
    'nothing: S/MIME signing of outgoing mail is not supported', 'remove the key');

  const smtp = 'global.smtp';
  if (v.boolean(`${smtp}.enabled`)) {
    // The chart's defaults apply to what the values leave out (they differ from the typed API's).
    const pick = <T>(key: string, read: (path: string) => T | undefined) => read(`${smtp}.${key}`) ?? (SMTP_DEFAULTS[key] as T);
    const set = (to: string, value: unknown, key: string) => b.set(`email.smtp.${to}`, value, `${smtp}.${key}`);
    set('address', pick('address', (p) => v.string(p)), 'address');
    set('port', pick('port', (p) => v.number(p)), 'port');
    b.string(`${smtp}.domain`, 'email.smtp.domain');
    const auth = v.string(`${smtp}.authentication`) ?? 'plain';
    const authentication = auth === '' || auth === 'none' ? 'none' : auth;
    set('authentication', authentication, 'authentication');
    if (authentication !== 'none') {
      b.string(`${smtp}.user_name`, 'email.smtp.user');
      secretRef(b, `${smtp}.password`, 'email.smtp.password');
    } else {
      offExceptDefaults(v, `${smtp}.password`, { key: 'password' }, 'nothing while authentication is none', 'remove the key');
      offExceptDefaults(v, `${smtp}.user_name`, {}, 'nothing while authentication is none', 'remove the key');
    }
    set('starttlsAuto', pick('starttls_auto', (p) => v.boolean(p)), 'starttls_auto');
    b.boolean(`${smtp}.tls`, 'email.smtp.tls');
    set('opensslVerifyMode', pick('openssl_verify_mode', (p) => v.string(p)), 'openssl_verify_mode');
    set('openTimeout', pick('open_timeout', (p) => v.number(p)), 'open_timeout');
    set('readTimeout', pick('read_timeout', (p) => v.number(p)), 'read_timeout');
    set('pool', pick('pool', (p) => v.boolean(p)), 'pool');
  } else {
    offExceptDefaults(v, smtp, SMTP_DEFAULTS, 'nothing while global.smtp.enabled is false', 'remove the key, or set global.smtp.enabled: true', ['enabled']);
  }

  const app = 'global.appConfig';
  const incoming = readMailbox(b, `${app}.incomingEmail`, 'email.incoming', 'incomingEmailAuthToken');
  const serviceDesk = readMailbox(b, `${app}.serviceDeskEmail`, 'email.serviceDesk', 'serviceDeskEmailAuthToken');
  if (serviceDesk && !incoming) {
    v.problem(`${app}.serviceDeskEmail.enabled`, true, 'true only with global.appConfig.incomingEmail.enabled (mailroom reads both)',
      'turn incoming e-mail on too, or set serviceDeskEmail.enabled: false');
  }
  const mailroom = 'gitlab.mailroom';
  if (!incoming) {
    offExceptDefaults(v, mailroom, { enabled: true }, 'nothing without incoming e-mail (mailroom runs only then)',
      'remove the key, or turn on global.appConfig.incomingEmail');
    return;
  }
  if (b.boolean(`${mailroom}.enabled`, 'components.mailroom.enabled') === false) {
    v.noEffect(mailroom, 'nothing while mailroom is off', `remove the key, or set ${mailroom}.enabled: true`, ['enabled']);
    return;
  }
  readWorkload(b, mailroom, 'components.mailroom', { hpa: { type: 'Utilization', averageUtilization: 75 } });
}

function readSpamcheck(b: PropsBuilder): void {
  const v = b.values;
  const to = 'components.spamcheck';
  if (!b.boolean('global.spamcheck.enabled', `${to}.enabled`)) {
    v.noEffect('gitlab.spamcheck', 'nothing while spamcheck is off', 'remove the key, or set global.spamcheck.enabled: true');
    return;
  }
  const from = 'gitlab.spamcheck';
  b.string(`${from}.logging.level`, `${to}.logLevel`);
  readWorkload(b, from, to, { hpa: { type: 'AverageValue', averageValue: '100m' }, pdb: true });
}

/** The chart's defaults of `gitlab.toolbox.backups.cron`. */
const CRON_DEFAULTS: Defaults = {
  enabled: false, concurrencyPolicy: 'Replace', failedJobsHistoryLimit: 1, schedule: '0 1 * * *', successfulJobsHistoryLimit: 3,
  suspend: false, backoffLimit: 6, safeToEvict: false, restartPolicy: 'OnFailure', extraArgs: '',
  'resources.requests.cpu': '50m', 'resources.requests.memory': '350M',
  'persistence.enabled': false, 'persistence.useGenericEphemeralVolume': false, 'persistence.accessMode': 'ReadWriteOnce',
  'persistence.size': '10Gi', 'persistence.subPath': '',
};

function readBackups(b: PropsBuilder): void {
  const v = b.values;
  const cron = 'gitlab.toolbox.backups.cron';
  // While the toolbox is off, the components reader has already reported everything under gitlab.toolbox.
  if (b.get('components.toolbox.enabled') === false) return;
  if (!v.boolean(`${cron}.enabled`)) {
    offExceptDefaults(v, cron, CRON_DEFAULTS, `nothing while ${cron}.enabled is false`, `remove the key, or set ${cron}.enabled: true`, ['enabled']);
    return;
  }
  const to = 'components.toolbox.backups';
  b.set(`${to}.enabled`, true, `${cron}.enabled`);
  b.string(`${cron}.schedule`, `${to}.schedule`);
  b.string(`${cron}.timeZone`, `${to}.timeZone`);
  b.number(`${cron}.backoffLimit`, `${to}.backoffLimit`);
  b.number(`${cron}.successfulJobsHistoryLimit`, `${to}.successfulJobsHistoryLimit`);
  b.number(`${cron}.failedJobsHistoryLimit`, `${to}.failedJobsHistoryLimit`);
  b.number(`${cron}.startingDeadlineSeconds`, `${to}.startingDeadlineSeconds`);
  b.number(`${cron}.activeDeadlineSeconds`, `${to}.activeDeadlineSeconds`);
  b.boolean(`${cron}.suspend`, `${to}.suspend`);
  const policy = v.string(`${cron}.concurrencyPolicy`);
  if (policy !== undefined && policy !== 'Forbid') {
    v.problem(`${cron}.concurrencyPolicy`, policy, '"Forbid" (a backup is never replaced or doubled by the next one)', 'remove the key');
  }
  fixed(v, `${cron}.restartPolicy`, 'OnFailure', 'a failed backup container is retried in place');
  fixed(v, `${cron}.safeToEvict`, false, 'an evicted backup starts over');
  const extra = v.string(`${cron}.extraArgs`);
  if (extra !== undefined && extra.trim() !== '') {
    if (/["'\\$`]/.test(extra)) {
      v.problem(`${cron}.extraArgs`, extra, 'arguments separated by spaces, without quotes or shell syntax', 'write e.g. "--skip registry --skip artifacts"');
    } else {
      b.set(`${to}.extraArgs`, extra.trim().split(/\s+/), `${cron}.extraArgs`);
    }
  }
  b.raw(`${cron}.resources`, `${to}.resources`, (r) => JSON.parse(JSON.stringify(r, (_, x) => (typeof x === 'number' ? String(x) : x))));
  b.raw(`${cron}.nodeSelector`, `${to}.placement.nodeSelector`);
  b.raw(`${cron}.tolerations`, `${to}.placement.tolerations`);
  const p = `${cron}.persistence`;
  if (v.boolean(`${p}.enabled`)) {
    b.set(`${to}.scratch.type`, 'persistentVolumeClaim', `${p}.enabled`);
    b.string(`${p}.size`, `${to}.scratch.size`);
    b.string(`${p}.storageClass`, `${to}.scratch.storageClass`);
    fixed(v, `${p}.accessMode`, 'ReadWriteOnce', 'one backup pod uses the volume at a time');
    fixed(v, `${p}.useGenericEphemeralVolume`, false, 'use an emptyDir with a size limit for scratch space that goes with the pod');
    fixed(v, `${p}.subPath`, '', 'the volume is the backup\'s own');
  } else {
    offExceptDefaults(v, p, CRON_DEFAULTS_PERSISTENCE, `nothing while ${p}.enabled is false`, `remove the key, or set ${p}.enabled: true`, ['enabled']);
  }
}

const CRON_DEFAULTS_PERSISTENCE = under(CRON_DEFAULTS, 'persistence');

/** The chart's defaults of `global.appConfig.omniauth`. */
const OMNIAUTH_DEFAULTS: Defaults = {
  enabled: false, syncProfileFromProvider: [], syncProfileAttributes: ['email'], allowSingleSignOn: ['saml'],
  blockAutoCreatedUsers: true, autoLinkLdapUser: false, autoLinkSamlUser: false, autoLinkUser: [], externalProviders: [],
  allowBypassTwoFactor: [], providers: [],
};

function readOmniauth(b: PropsBuilder): void {
  const v = b.values;
  const from = 'global.appConfig.omniauth';
  if (!v.boolean(`${from}.enabled`)) {
    offExceptDefaults(v, from, OMNIAUTH_DEFAULTS, `nothing while ${from}.enabled is false`, `remove the key, or set ${from}.enabled: true`, ['enabled']);
    return;
  }
  const to = 'omniauth';
  b.set(`${to}.enabled`, true, `${from}.enabled`);
  b.string(`${from}.autoSignInWithProvider`, `${to}.autoSignInWithProvider`);
  for (const [key, typed] of [['syncProfileFromProvider', 'syncProfileFromProvider'], ['allowSingleSignOn', 'allowSingleSignOn'],
    ['autoLinkUser', 'autoLinkUser'], ['allowBypassTwoFactor', 'allowBypassTwoFactor'], ['syncProfileAttributes', 'syncProfileAttributes'],
    ['externalProviders', 'externalProviders']] as const) {
    b.raw(`${from}.${key}`, `${to}.${typed}`);
  }
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

function readLdap(b: PropsBuilder): void {
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
