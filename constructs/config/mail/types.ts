import type { SecretRef } from '../types';
import type { SmtpAuthentication, SmtpVerifyMode } from './names';

/** E-mail: what a user writes under `email` (the sender, outgoing SMTP, the mailboxes GitLab reads). */

/** IMAP access to a mailbox. */
export interface ImapMailbox {
  /** IMAP server host. */
  readonly host: string;
  /** @default 993 */
  readonly port?: number;
  /** Implicit TLS. @default true */
  readonly ssl?: boolean;
  /** STARTTLS on a plain connection. @default false */
  readonly startTls?: boolean;
  /** Password Secret of the mailbox user. @default key `password` */
  readonly password: SecretRef;
  /** Seconds of IMAP IDLE before reconnecting. @default 60 */
  readonly idleTimeout?: number;
}

/** Microsoft Graph access to an Exchange Online mailbox (OAuth2 client credentials). */
export interface MicrosoftGraphMailbox {
  /** Azure AD tenant ID. */
  readonly tenantId: string;
  /** Application (client) ID. */
  readonly clientId: string;
  /** Client secret Secret. @default key `secret` */
  readonly clientSecret: SecretRef;
  /** Seconds between polls. @default 60 */
  readonly pollInterval?: number;
  /** @default https://login.microsoftonline.com */
  readonly azureAdEndpoint?: string;
  /** @default https://graph.microsoft.com */
  readonly graphEndpoint?: string;
}

/**
 * A mailbox GitLab reads through mailroom. Mail is delivered to GitLab's API (webhook), signed with the shared
 * `incomingEmailAuthToken` / `serviceDeskEmailAuthToken` Secret.
 */
export interface MailboxConfig {
  /** Address users write to; must contain `%{key}`, e.g. `incoming+%{key}@example.com`. */
  readonly address: string;
  /** Login of the mailbox (usually the address without `+%{key}`). */
  readonly user: string;
  /** Read over IMAP (give exactly one of `imap` and `microsoftGraph`). @default none: give `microsoftGraph` */
  readonly imap?: ImapMailbox;
  /** Read through Microsoft Graph. @default none: give `imap` */
  readonly microsoftGraph?: MicrosoftGraphMailbox;
  /** Folder to read. @default inbox */
  readonly mailbox?: string;
  /** @default true */
  readonly deleteAfterDelivery?: boolean;
  /** Expunge deleted messages (IMAP). @default false */
  readonly expungeDeleted?: boolean;
  /** mailroom's log file. @default /dev/stdout */
  readonly logPath?: string;
}

/** Outgoing mail through an SMTP server; the password is read from a Secret file when Rails starts. */
export interface SmtpConfig {
  /** SMTP server host. */
  readonly address: string;
  /** @default 587 */
  readonly port?: number;
  /** HELO domain. @default none */
  readonly domain?: string;
  /** @default `plain` with a password, else `none` */
  readonly authentication?: SmtpAuthentication;
  /** Login (required unless authentication is `none`). @default none (required unless authentication is `none`) */
  readonly user?: string;
  /** Password Secret (required unless authentication is `none`). @default key `password` */
  readonly password?: SecretRef;
  /** Upgrade with STARTTLS when offered. @default true */
  readonly starttlsAuto?: boolean;
  /** Implicit TLS (SMTPS, usually port 465); not together with starttlsAuto. @default false */
  readonly tls?: boolean;
  /** @default peer */
  readonly opensslVerifyMode?: SmtpVerifyMode;
  /** Seconds. @default 30 */
  readonly openTimeout?: number;
  /** Seconds. @default 60 */
  readonly readTimeout?: number;
  /** Reuse connections (a pool per Puma/Sidekiq process). @default false */
  readonly pool?: boolean;
}

/** E-mail: the sender GitLab writes as, outgoing SMTP, and the mailboxes it reads. */
export interface EmailConfig {
  /** @default `gitlab@<domain>` */
  readonly from?: string;
  /** @default GitLab */
  readonly displayName?: string;
  /** @default `noreply@<domain>` */
  readonly replyTo?: string;
  /** @default empty */
  readonly subjectSuffix?: string;
  /** Outgoing mail through SMTP. @default none (GitLab's default delivery) */
  readonly smtp?: SmtpConfig;
  /** Reply by e-mail and new issues/merge requests by e-mail; runs mailroom. @default off */
  readonly incoming?: MailboxConfig;
  /** Service Desk's own mailbox (needs `incoming`). @default off */
  readonly serviceDesk?: MailboxConfig;
}
