import type { PropsBuilder } from '../../values/builder';
import { Defaults, fixed, offExceptDefaults, under } from '../../values/off-features';
import type { SharedSecretName } from '../types';
import { INBOX_METHODS } from './names';

/**
 * The chart's e-mail values (`global.email`, `global.smtp`, `global.appConfig.{incomingEmail,serviceDeskEmail}`) as
 * `email` props; `gitlab.mailroom` (the workload) is read in `config/mailroom/values.ts`.
 * The keys read here are listed in `values/README.md` and marked mapped in `values/keys/table.ts`.
 */

/** A Secret reference `{ secret, key }` of the chart to `{ name, key }`. */
function secretRef(b: PropsBuilder, from: string, to: string): void {
  b.string(`${from}.secret`, `${to}.name`);
  b.string(`${from}.key`, `${to}.key`);
}

/** The chart's defaults of an incoming mailbox (`global.appConfig.incomingEmail` / `serviceDeskEmail`). */
const MAILBOX_DEFAULTS: Defaults = {
  enabled: false, host: 'imap.gmail.com', port: 993, ssl: true, startTls: false, 'password.key': 'password', deleteAfterDelivery: true,
  expungeDeleted: false, 'logger.logPath': '/dev/stdout', mailbox: 'inbox', idleTimeout: 60, inboxMethod: 'imap', 'clientSecret.key': 'secret',
  pollInterval: 60, deliveryMethod: 'webhook', 'authToken.key': 'authToken',
  azureAdEndpoint: 'https://login.microsoftonline.com', graphEndpoint: 'https://graph.microsoft.com',
};

function readMailbox(b: PropsBuilder, from: string, to: string, secretName: Extract<SharedSecretName, `${string}EmailAuthToken`>): boolean {
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
    v.problem(`${from}.inboxMethod`, method, INBOX_METHODS.map((m) => JSON.stringify(m)).join(' | '), 'use one of the two inbox methods');
  }
  return true;
}

/** The chart's defaults of `global.smtp`. */
const SMTP_DEFAULTS: Defaults = {
  address: 'smtp.mailgun.org', port: 2525, 'password.key': 'password', authentication: 'plain', starttls_auto: false,
  openssl_verify_mode: 'peer', open_timeout: 30, read_timeout: 60, pool: false,
};

/** `global.email`, `global.smtp` and the two mailboxes; returns whether incoming e-mail is on (mailroom runs then). */
export function readEmail(b: PropsBuilder): boolean {
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
  return incoming;
}
