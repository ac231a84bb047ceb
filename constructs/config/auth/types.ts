import type { SecretRef } from '../types';
import type { LdapEncryption } from './names';

/** Sign-in: what a user writes under `omniauth` (external identity providers) and `ldap`. */

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
  readonly encryption?: LdapEncryption;
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
