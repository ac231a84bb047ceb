import { all, bool, Check, num, obj, required, rule, secretRef, str } from '../schema';
import { hostName, httpUrl, portNumber, templateText } from '../common/checks';
import { SMTP_AUTHENTICATIONS, SMTP_VERIFY_MODES } from './names';

/**
 * Checks of the e-mail props (shape and values); rules across settings (Service Desk needs `incoming`, the SMTP
 * login follows `authentication`) are in `resolve.ts`. Every free-text field lands in gitlab.yml.erb or mailroom's
 * ERB template, so it is template-safe text.
 */

const emailAddress = (example: string) => all(templateText('an e-mail address'),
  rule((v: string) => (/^[^@\s]+@[^@\s]+$/.test(v) ? undefined : { allowed: 'an e-mail address', fix: `write e.g. "${example}"` })));

/** A mailbox mailroom reads (`email.incoming`, `email.serviceDesk`): over IMAP or through Microsoft Graph. */
function mailbox(example: string): Check {
  const password = secretRef('gitlab-incoming-email-password');
  return all(obj({
    address: required(all(emailAddress(example), rule((v: string) => (v.includes('%{key}') ? undefined
      : { allowed: 'an address containing %{key} (GitLab puts the reply key there)', fix: `write e.g. "${example}"` }))),
    'set the address users write to, e.g. incoming+%{key}@example.com'),
    user: required(templateText('the mailbox login'), 'set the mailbox login, e.g. incoming@example.com'),
    imap: all(obj({
      host: required(hostName('imap.gmail.com'), 'set the IMAP server, e.g. imap.gmail.com'),
      port: portNumber(),
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
      azureAdEndpoint: httpUrl('https://login.microsoftonline.com'),
      graphEndpoint: httpUrl('https://graph.microsoft.com'),
    }),
    mailbox: templateText('a mailbox folder'),
    deleteAfterDelivery: bool(),
    expungeDeleted: bool(),
    logPath: all(templateText('a file path'), rule((v: string) => (v.startsWith('/') ? undefined : { allowed: 'an absolute path', fix: 'write e.g. /dev/stdout' }))),
  }), rule((v: Record<string, unknown>) => (('imap' in v) === ('microsoftGraph' in v)
    ? { allowed: 'exactly one of imap and microsoftGraph', fix: 'give imap: { host, password } or microsoftGraph: { tenantId, clientId, clientSecret }' } : undefined)));
}

/** `email.smtp`: outgoing mail. */
const smtp = obj({
  address: required(hostName('smtp.example.com'), 'set the SMTP server host'),
  port: portNumber(),
  domain: hostName('example.com'),
  authentication: str({ oneOf: SMTP_AUTHENTICATIONS }),
  user: templateText('the SMTP login'),
  password: secretRef('gitlab-smtp-password'),
  starttlsAuto: bool(),
  tls: bool(),
  opensslVerifyMode: str({ oneOf: SMTP_VERIFY_MODES }),
  openTimeout: num({ min: 1, max: 600 }),
  readTimeout: num({ min: 1, max: 600 }),
  pool: bool(),
});

/** `email`: the sender, outgoing SMTP and the mailboxes. */
export const emailProp: Check = obj({
  from: emailAddress('gitlab@example.com'),
  displayName: templateText('a display name'),
  replyTo: emailAddress('noreply@example.com'),
  subjectSuffix: templateText('a subject suffix', false),
  smtp,
  incoming: mailbox('incoming+%{key}@example.com'),
  serviceDesk: mailbox('servicedesk+%{key}@example.com'),
});
