import {
  all, bool, Check, falseOr, k8sName, list, num, obj, record, required, rule, secretRef, str,
} from './schema';
import { serviceExposureCheck } from './service/validate';
import { componentIngressFields } from './exposure/checks';
import { hostName, quantityCheck, templateText, timeZone } from './common/checks';

/**
 * Shape checks of the optional settings: GitLab Pages, mailroom, spamcheck, the backup CronJob, e-mail and sign-in
 * (OmniAuth, LDAP). Cross-setting rules live in `resolve-optional.ts`. The settings every workload shares come from
 * `validate.ts` (passed in, so the two modules do not import each other).
 */
export interface SharedChecks {
  /** The checks of `WorkloadOptions`' fields. */
  readonly workload: Readonly<Record<string, Check>>;
  readonly placement: Check;
  readonly resources: Check;
  readonly annotations: () => Check;
}

const host = hostName;
const port = () => num({ min: 1, max: 65535 });

/**
 * Free text that ends up in an ERB or gomplate template: ERB would evaluate `<%`, gomplate `{%`, so neither may
 * appear (GitLab's settings never need them).
 */
export const plainText: (what?: string, nonEmpty?: boolean) => Check = templateText;
const emailAddress = (example: string) => all(plainText('an e-mail address'),
  rule((v: string) => (/^[^@\s]+@[^@\s]+$/.test(v) ? undefined : { allowed: 'an e-mail address', fix: `write e.g. "${example}"` })));
const url = (example: string) => all(plainText('a URL'),
  rule((v: string) => (/^https?:\/\/[^\s/]+(\/\S*)?$/.test(v) ? undefined : { allowed: 'an http(s) URL', fix: `write e.g. "${example}"` })));
const providerName = () => str({ pattern: /^[a-z0-9_]+$/, allowed: 'an OmniAuth provider name such as "saml" or "google_oauth2"', fix: 'use the provider\'s name as GitLab knows it' });
/** A list of provider names, or `true` for every provider. */
const providerList = (): Check => (value, path, issues) => {
  if (typeof value === 'boolean') return;
  list(providerName(), { unique: true })(value, path, issues);
};

const FIVE_FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, any: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], any: true },
];
const CRON_MACROS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

/** Why a CronJob schedule would be refused by the API server (or never fire); undefined when it is fine. */
export function cronScheduleProblem(schedule: string): string | undefined {
  const s = schedule.trim();
  if (CRON_MACROS.includes(s)) return undefined;
  if (/^(CRON_)?TZ=/.test(s)) return 'a time zone inside the schedule (Kubernetes refuses it): use backups.timeZone';
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return `five fields (minute hour day-of-month month day-of-week), not ${fields.length}`;
  for (const [i, field] of fields.entries()) {
    const spec = FIVE_FIELDS[i];
    const value = (v: string) => {
      const named = spec.names?.indexOf(v.toUpperCase()) ?? -1;
      if (named >= 0) return named + spec.min;
      return /^[0-9]+$/.test(v) ? Number(v) : NaN;
    };
    for (const item of field.split(',')) {
      const [range, step, ...rest] = item.split('/');
      if (rest.length || (step !== undefined && !/^[1-9][0-9]*$/.test(step))) return `a valid step in the ${spec.name} field (got "${item}")`;
      if (range === '*' || (spec.any && range === '?')) continue;
      const bounds = range.split('-');
      if (bounds.length > 2 || bounds.some((b) => { const n = value(b); return Number.isNaN(n) || n < spec.min || n > spec.max; })) {
        return `values from ${spec.min} to ${spec.max} in the ${spec.name} field (got "${item}")`;
      }
      if (bounds.length === 2 && value(bounds[0]) > value(bounds[1])) return `a rising range in the ${spec.name} field (got "${item}")`;
    }
  }
  return undefined;
}

const cronSchedule = (): Check => all(str(), rule((v: string) => {
  const problem = cronScheduleProblem(v);
  return problem ? { allowed: `a cron schedule with ${problem}`, fix: 'write e.g. "0 1 * * *" (every day at 01:00) or "@daily"' } : undefined;
}));

/** One backup-utility argument; passed to bash single-quoted, so only NUL and newlines are refused. */
const shellArgument = () => str({ pattern: /^[^\0\n\r]*$/, allowed: 'one argument on one line', fix: 'give each argument as its own list item, e.g. ["--skip", "registry"]' });

function mailbox(example: string): Check {
  const password = secretRef('gitlab-incoming-email-password');
  return all(obj({
    address: required(all(emailAddress(example), rule((v: string) => (v.includes('%{key}') ? undefined
      : { allowed: 'an address containing %{key} (GitLab puts the reply key there)', fix: `write e.g. "${example}"` }))),
    'set the address users write to, e.g. incoming+%{key}@example.com'),
    user: required(plainText('the mailbox login'), 'set the mailbox login, e.g. incoming@example.com'),
    imap: all(obj({
      host: required(host('imap.gmail.com'), 'set the IMAP server, e.g. imap.gmail.com'),
      port: port(),
      ssl: bool(),
      startTls: bool(),
      password: required(password, 'name the mailbox password Secret: imap.password: { name: <Secret>, key: password }'),
      idleTimeout: num({ min: 1, max: 3600 }),
    }), rule((v: { ssl?: boolean; startTls?: boolean }) => ((v.ssl ?? true) && v.startTls
      ? { allowed: 'either implicit TLS (ssl) or STARTTLS, not both', fix: 'set ssl: false to use startTls (usually port 143)' } : undefined))),
    microsoftGraph: obj({
      tenantId: required(str({ pattern: /^[A-Za-z0-9.-]+$/, allowed: 'an Azure AD tenant ID' })),
      clientId: required(str({ pattern: /^[A-Za-z0-9-]+$/, allowed: 'an application (client) ID' })),
      clientSecret: required(secretRef('gitlab-incoming-email-client-secret'), 'name the client secret Secret: microsoftGraph.clientSecret: { name, key }'),
      pollInterval: num({ min: 1, max: 3600 }),
      azureAdEndpoint: url('https://login.microsoftonline.com'),
      graphEndpoint: url('https://graph.microsoft.com'),
    }),
    mailbox: plainText('a mailbox folder'),
    deleteAfterDelivery: bool(),
    expungeDeleted: bool(),
    logPath: all(plainText('a file path'), rule((v: string) => (v.startsWith('/') ? undefined : { allowed: 'an absolute path', fix: 'write e.g. /dev/stdout' }))),
  }), rule((v: Record<string, unknown>) => (('imap' in v) === ('microsoftGraph' in v)
    ? { allowed: 'exactly one of imap and microsoftGraph', fix: 'give imap: { host, password } or microsoftGraph: { tenantId, clientId, clientSecret }' } : undefined)));
}

const ldapServer = obj({
  label: plainText('a label'),
  host: required(host('ldap.example.com'), 'set the LDAP server host'),
  port: port(),
  uid: str({ pattern: /^[A-Za-z][A-Za-z0-9-]*$/, allowed: 'an LDAP attribute name such as sAMAccountName or uid' }),
  bindDn: plainText('a DN'),
  password: secretRef('gitlab-ldap-password'),
  encryption: str({ oneOf: ['simple_tls', 'start_tls', 'plain'] }),
  verifyCertificates: bool(),
  timeout: num({ min: 1, max: 3600 }),
  activeDirectory: bool(),
  base: required(plainText('a DN'), 'set the search base, e.g. "ou=people,dc=example,dc=com"'),
  userFilter: plainText('an RFC 4515 filter'),
  allowUsernameOrEmailLogin: bool(),
  blockAutoCreatedUsers: bool(),
  lowercaseUsernames: bool(),
  retryEmptyResultWithCodes: list(num({ min: 0, max: 255 }), { unique: true }),
  attributes: obj({
    username: (v, p, i) => (Array.isArray(v) ? list(plainText('an attribute'), { minItems: 1 }) : plainText('an attribute'))(v, p, i),
    email: (v, p, i) => (Array.isArray(v) ? list(plainText('an attribute'), { minItems: 1 }) : plainText('an attribute'))(v, p, i),
    name: plainText('an attribute'),
    firstName: plainText('an attribute'),
    lastName: plainText('an attribute'),
  }),
  tlsOptions: obj({
    caFile: all(plainText('a file path'), rule((v: string) => (v.startsWith('/') ? undefined : { allowed: 'an absolute path', fix: 'write e.g. /etc/ssl/certs/ca-certificates.crt' }))),
    sslVersion: plainText('an OpenSSL version name such as TLSv1_2'),
    ciphers: plainText('an OpenSSL cipher list'),
  }),
});

/** The checks, keyed by where they go in `propsCheck`. */
export function optionalChecks(shared: SharedChecks) {
  const w = shared.workload;
  const smtp = obj({
    address: required(host('smtp.example.com'), 'set the SMTP server host'),
    port: port(),
    domain: host('example.com'),
    authentication: str({ oneOf: ['plain', 'login', 'cram_md5', 'none'] }),
    user: plainText('the SMTP login'),
    password: secretRef('gitlab-smtp-password'),
    starttlsAuto: bool(),
    tls: bool(),
    opensslVerifyMode: str({ oneOf: ['none', 'peer'] }),
    openTimeout: num({ min: 1, max: 600 }),
    readTimeout: num({ min: 1, max: 600 }),
    pool: bool(),
  });
  return {
    components: {
      gitlabPages: obj({
        ...w,
        ingress: obj(componentIngressFields(shared.annotations)),
        service: serviceExposureCheck,
        accessControl: bool(),
        authRedirectUri: url('https://projects.pages.example.com/auth'),
        authScope: str({ oneOf: ['api', 'read_api'] }),
        namespaceInPath: bool(),
        artifactsServer: bool(),
        customDomains: falseOr(obj({
          http: bool(),
          https: bool(),
          tlsSecret: k8sName('Secret name'),
          serviceType: str({ oneOf: ['ClusterIP', 'LoadBalancer', 'NodePort'] }),
          httpProxy: bool(),
          proxyProtocolV2: bool(),
          serviceAnnotations: shared.annotations(),
          loadBalancerIP: str({ pattern: /^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:]+:[0-9a-fA-F:]*)$/, allowed: 'an IPv4 or IPv6 address', fix: 'write e.g. "203.0.113.10"' }),
        })),
      }),
      mailroom: obj(w),
      spamcheck: obj({ ...w, logLevel: str({ oneOf: ['debug', 'info', 'warn', 'error'] }) }),
    },
    toolboxBackups: obj({
      enabled: bool(),
      schedule: cronSchedule(),
      timeZone: timeZone(),
      extraArgs: list(shellArgument()),
      backoffLimit: num({ min: 0, max: 100 }),
      successfulJobsHistoryLimit: num({ min: 0, max: 100 }),
      failedJobsHistoryLimit: num({ min: 0, max: 100 }),
      activeDeadlineSeconds: num({ min: 60 }),
      // The CronJob controller checks every 10 s: a shorter deadline may skip every run.
      startingDeadlineSeconds: num({ min: 10, fix: 'set at least 10 seconds, or remove the setting' }),
      suspend: bool(),
      scratch: obj({
        type: str({ oneOf: ['emptyDir', 'persistentVolumeClaim'] }),
        size: quantityCheck({ positive: true }),
        storageClass: k8sName('StorageClass name'),
      }),
      resources: shared.resources,
      placement: shared.placement,
    }),
    email: obj({
      from: emailAddress('gitlab@example.com'),
      displayName: plainText('a display name'),
      replyTo: emailAddress('noreply@example.com'),
      subjectSuffix: plainText('a subject suffix', false),
      smtp,
      incoming: mailbox('incoming+%{key}@example.com'),
      serviceDesk: mailbox('servicedesk+%{key}@example.com'),
    }),
    omniauth: obj({
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
    }),
    ldap: obj({
      servers: required(all(record(ldapServer, {
        pattern: /^[a-z][a-z0-9_]*$/, allowed: 'a server id: lower-case letters, digits and "_", starting with a letter', fix: 'use e.g. "main"',
      }), rule((v: Record<string, unknown>) => (Object.keys(v).length ? undefined : { allowed: 'at least one server', fix: 'add a server, e.g. main: { host, base }' }))),
      'list the LDAP servers, e.g. servers: { main: { host: ldap.example.com, base: "dc=example,dc=com" } }'),
      preventSignIn: bool(),
    }),
  };
}
