import type { SecretRef } from './types';

/** E-mail (outgoing SMTP, incoming mailboxes) and sign-in (OmniAuth, LDAP). */

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
  readonly authentication?: 'plain' | 'login' | 'cram_md5' | 'none';
  /** Login (required unless authentication is `none`). @default none (required unless authentication is `none`) */
  readonly user?: string;
  /** Password Secret (required unless authentication is `none`). @default key `password` */
  readonly password?: SecretRef;
  /** Upgrade with STARTTLS when offered. @default true */
  readonly starttlsAuto?: boolean;
  /** Implicit TLS (SMTPS, usually port 465); not together with starttlsAuto. @default false */
  readonly tls?: boolean;
  /** @default peer */
  readonly opensslVerifyMode?: 'none' | 'peer';
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

/** OmniAuth: sign-in with external identity providers, each defined by a Secret. */
export interface OmniauthConfig {
  /** @default true */
  readonly enabled?: boolean;
  /**
   * Providers: Secrets holding one provider's YAML (`name`, `app_id`, `app_secret`, `args`, ...), key `provider`
   * unless given. Without any, OmniAuth is on but offers no sign-in (gitlab.yml has no `providers`, as the chart
   * renders it): the settings above apply once providers are added.
   * @default none
   */
  readonly providers?: readonly SecretRef[];
  /** Send users straight to this provider's sign-in. @default none */
  readonly autoSignInWithProvider?: string;
  /** Providers that create users on first sign-in (or `true` for all). @default ["saml"] */
  readonly allowSingleSignOn?: readonly string[] | boolean;
  /** @default true */
  readonly blockAutoCreatedUsers?: boolean;
  /** Providers whose profile is synced at sign-in (or `true` for all). @default [] */
  readonly syncProfileFromProvider?: readonly string[] | boolean;
  /** @default ["email"] */
  readonly syncProfileAttributes?: readonly string[];
  /** @default false */
  readonly autoLinkLdapUser?: boolean;
  /** @default false */
  readonly autoLinkSamlUser?: boolean;
  /** Providers whose users are linked to existing users by e-mail (or `true` for all). @default [] */
  readonly autoLinkUser?: readonly string[] | boolean;
  /** Providers whose users are external users. @default [] */
  readonly externalProviders?: readonly string[];
  /** Providers that may skip GitLab's two-factor authentication (or `true` for all). @default [] */
  readonly allowBypassTwoFactor?: readonly string[] | boolean;
}

/** One LDAP server (GitLab's `ldap.servers.<id>` settings). */
export interface LdapServer {
  /** Name on the sign-in page. @default LDAP */
  readonly label?: string;
  readonly host: string;
  /** @default 636 with simple_tls, else 389 */
  readonly port?: number;
  /** Attribute holding the user name. @default sAMAccountName */
  readonly uid?: string;
  /** Bind user. @default anonymous bind */
  readonly bindDn?: string;
  /** Bind password Secret. @default key `password` */
  readonly password?: SecretRef;
  /** @default simple_tls */
  readonly encryption?: 'simple_tls' | 'start_tls' | 'plain';
  /** @default true */
  readonly verifyCertificates?: boolean;
  /** Seconds. @default 10 */
  readonly timeout?: number;
  /** @default true */
  readonly activeDirectory?: boolean;
  /** Search base for users. */
  readonly base: string;
  /** RFC 4515 filter. @default none */
  readonly userFilter?: string;
  /** @default false */
  readonly allowUsernameOrEmailLogin?: boolean;
  /** @default false */
  readonly blockAutoCreatedUsers?: boolean;
  /** @default false */
  readonly lowercaseUsernames?: boolean;
  /** @default [] */
  readonly retryEmptyResultWithCodes?: readonly number[];
  /** LDAP attributes of the user's fields. @default GitLab's */
  readonly attributes?: {
    readonly username?: string | readonly string[];
    readonly email?: string | readonly string[];
    readonly name?: string;
    readonly firstName?: string;
    readonly lastName?: string;
  };
  /** TLS of the LDAP connection. @default the system trust store (custom CAs included) */
  readonly tlsOptions?: { readonly caFile?: string; readonly sslVersion?: string; readonly ciphers?: string };
}

/** LDAP sign-in. */
export interface LdapConfig {
  /** Servers by id (lower-case letters, digits, `_`), e.g. `main`. */
  readonly servers: Readonly<Record<string, LdapServer>>;
  /** Hide the LDAP form from the web sign-in (Git over HTTP still authenticates). @default false */
  readonly preventSignIn?: boolean;
}
