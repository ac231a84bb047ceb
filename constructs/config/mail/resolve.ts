import type { ResolvedSecretRef } from '../resolved';
import type { GitLabPlatformProps } from '../types';
import { ref } from '../secrets/resolve';
import type { SmtpAuthentication, SmtpVerifyMode } from './names';
import type { MailboxConfig, SmtpConfig } from './types';
import type { Fail } from '../errors';

/**
 * E-mail resolved: the sender (defaults from the platform's domain), outgoing SMTP and the mailboxes mailroom reads,
 * every default applied, with the rules across settings (Service Desk needs `incoming`; the SMTP login and
 * password follow `authentication`; implicit TLS or STARTTLS).
 */

export interface ResolvedMailbox {
  readonly address: string;
  readonly user: string;
  readonly mailbox: string;
  readonly deleteAfterDelivery: boolean;
  readonly expungeDeleted: boolean;
  readonly logPath: string;
  /** Exactly one of `imap` and `microsoftGraph` is set. */
  readonly imap?: {
    readonly host: string;
    readonly port: number;
    readonly ssl: boolean;
    readonly startTls: boolean;
    readonly password: ResolvedSecretRef;
    readonly idleTimeout: number;
  };
  readonly microsoftGraph?: {
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: ResolvedSecretRef;
    readonly pollInterval: number;
    readonly azureAdEndpoint: string;
    readonly graphEndpoint: string;
  };
}

export interface ResolvedSmtp {
  readonly address: string;
  readonly port: number;
  readonly domain?: string;
  readonly authentication: SmtpAuthentication;
  /** Set exactly when authentication is not `none`. */
  readonly user?: string;
  readonly password?: ResolvedSecretRef;
  readonly starttlsAuto: boolean;
  readonly tls: boolean;
  readonly opensslVerifyMode: SmtpVerifyMode;
  readonly openTimeout: number;
  readonly readTimeout: number;
  readonly pool: boolean;
}

export interface ResolvedEmail {
  readonly from: string;
  readonly displayName: string;
  readonly replyTo: string;
  readonly subjectSuffix: string;
  readonly smtp?: ResolvedSmtp;
  readonly incoming?: ResolvedMailbox;
  /** Only together with `incoming`. */
  readonly serviceDesk?: ResolvedMailbox;
}

/** What the e-mail settings depend on: the platform's domain (the default sender) and where problems go. */
export interface EmailContext {
  readonly hosts: { readonly domain: string };
  readonly fail: Fail;
}

/** `email`: the sender's defaults come from the platform's domain; Service Desk only together with `incoming`. */
export function resolveEmail(p: GitLabPlatformProps, ctx: EmailContext): ResolvedEmail {
  const e = p.email ?? {};
  const domain = ctx.hosts.domain;
  if (e.serviceDesk && !e.incoming) {
    ctx.fail('email.serviceDesk', e.serviceDesk, 'a Service Desk mailbox only together with email.incoming (mailroom reads both)',
      'configure email.incoming too, or remove email.serviceDesk');
  }
  return {
    from: e.from ?? `gitlab@${domain}`,
    displayName: e.displayName ?? 'GitLab',
    replyTo: e.replyTo ?? `noreply@${domain}`,
    subjectSuffix: e.subjectSuffix ?? '',
    smtp: e.smtp ? resolveSmtp(e.smtp, ctx) : undefined,
    incoming: e.incoming ? mailbox(e.incoming) : undefined,
    serviceDesk: e.serviceDesk && e.incoming ? mailbox(e.serviceDesk) : undefined,
  };
}

function mailbox(m: MailboxConfig): ResolvedMailbox {
  return {
    address: m.address,
    user: m.user,
    mailbox: m.mailbox ?? 'inbox',
    deleteAfterDelivery: m.deleteAfterDelivery ?? true,
    expungeDeleted: m.expungeDeleted ?? false,
    logPath: m.logPath ?? '/dev/stdout',
    imap: m.imap ? {
      host: m.imap.host,
      port: m.imap.port ?? 993,
      ssl: m.imap.ssl ?? true,
      startTls: m.imap.startTls ?? false,
      password: ref(m.imap.password, 'password'),
      idleTimeout: m.imap.idleTimeout ?? 60,
    } : undefined,
    microsoftGraph: m.microsoftGraph ? {
      tenantId: m.microsoftGraph.tenantId,
      clientId: m.microsoftGraph.clientId,
      clientSecret: ref(m.microsoftGraph.clientSecret, 'secret'),
      pollInterval: m.microsoftGraph.pollInterval ?? 60,
      azureAdEndpoint: m.microsoftGraph.azureAdEndpoint ?? 'https://login.microsoftonline.com',
      graphEndpoint: m.microsoftGraph.graphEndpoint ?? 'https://graph.microsoft.com',
    } : undefined,
  };
}

function resolveSmtp(s: SmtpConfig, ctx: EmailContext): ResolvedSmtp {
  const path = 'email.smtp';
  const authentication = s.authentication ?? (s.password ? 'plain' : 'none');
  if (authentication === 'none') {
    for (const key of ['user', 'password'] as const) {
      if (s[key] !== undefined) {
        ctx.fail(`${path}.${key}`, key === 'password' ? s.password : s.user, 'nothing while authentication is none',
          `remove ${path}.${key}, or set ${path}.authentication to plain, login or cram_md5`);
      }
    }
  } else {
    if (!s.user) ctx.fail(`${path}.user`, undefined, `the SMTP login (authentication is ${authentication})`, `set ${path}.user, or authentication: none`);
    if (!s.password) {
      ctx.fail(`${path}.password`, undefined, `a password Secret (authentication is ${authentication})`,
        `set ${path}.password: { name: <Secret>, key: password }, or authentication: none`);
    }
  }
  const tls = s.tls ?? false;
  if (tls && s.starttlsAuto) {
    ctx.fail(`${path}.starttlsAuto`, true, 'false while tls (implicit TLS) is on', 'keep one of tls (port 465) and starttlsAuto (port 587)');
  }
  return {
    address: s.address,
    port: s.port ?? 587,
    domain: s.domain,
    authentication,
    user: authentication === 'none' ? undefined : s.user,
    password: authentication === 'none' || !s.password ? undefined : ref(s.password, 'password'),
    starttlsAuto: s.starttlsAuto ?? !tls,
    tls,
    opensslVerifyMode: s.opensslVerifyMode ?? 'peer',
    openTimeout: s.openTimeout ?? 30,
    readTimeout: s.readTimeout ?? 60,
    pool: s.pool ?? false,
  };
}
