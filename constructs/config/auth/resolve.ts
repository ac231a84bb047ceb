import type { ResolvedSecretRef } from '../resolved';
import type { GitLabPlatformProps } from '../types';
import { ref } from '../secrets/resolve';
import type { LdapEncryption } from './names';
import type { LdapServer } from './types';

/** Sign-in resolved: OmniAuth (absent when off) and LDAP (absent without servers), every default applied. */

/** A list of provider names, or `true` for every provider (GitLab's gitlab.yml form). */
export type ProviderList = readonly string[] | boolean;

export interface ResolvedOmniauth {
  readonly providers: readonly ResolvedSecretRef[];
  readonly autoSignInWithProvider?: string;
  readonly allowSingleSignOn: ProviderList;
  readonly blockAutoCreatedUsers: boolean;
  readonly syncProfileFromProvider: ProviderList;
  readonly syncProfileAttributes: readonly string[];
  readonly autoLinkLdapUser: boolean;
  readonly autoLinkSamlUser: boolean;
  readonly autoLinkUser: ProviderList;
  readonly externalProviders: readonly string[];
  readonly allowBypassTwoFactor: ProviderList;
}

export interface ResolvedLdapServer {
  /** The server's id under `ldap.servers` (also its secret folder `ldap/<id>/`). */
  readonly id: string;
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly uid: string;
  readonly bindDn?: string;
  readonly password?: ResolvedSecretRef;
  readonly encryption: LdapEncryption;
  readonly verifyCertificates: boolean;
  readonly timeout: number;
  readonly activeDirectory: boolean;
  readonly base: string;
  readonly userFilter?: string;
  readonly allowUsernameOrEmailLogin: boolean;
  readonly blockAutoCreatedUsers: boolean;
  readonly lowercaseUsernames: boolean;
  readonly retryEmptyResultWithCodes: readonly number[];
  /** As given: GitLab's own defaults apply to what is left out. */
  readonly attributes?: LdapServer['attributes'];
  readonly tlsOptions?: LdapServer['tlsOptions'];
}

export interface ResolvedLdap {
  /** In the order given. */
  readonly servers: readonly ResolvedLdapServer[];
  readonly preventSignIn: boolean;
}

/** `omniauth`: absent when not set or turned off; GitLab's defaults for the rest. */
export function resolveOmniauth(p: GitLabPlatformProps): ResolvedOmniauth | undefined {
  const o = p.omniauth;
  if (!o || !(o.enabled ?? true)) return undefined;
  return {
    providers: (o.providers ?? []).map((r) => ref(r, 'provider')),
    autoSignInWithProvider: o.autoSignInWithProvider,
    allowSingleSignOn: o.allowSingleSignOn ?? ['saml'],
    blockAutoCreatedUsers: o.blockAutoCreatedUsers ?? true,
    syncProfileFromProvider: o.syncProfileFromProvider ?? [],
    syncProfileAttributes: o.syncProfileAttributes ?? ['email'],
    autoLinkLdapUser: o.autoLinkLdapUser ?? false,
    autoLinkSamlUser: o.autoLinkSamlUser ?? false,
    autoLinkUser: o.autoLinkUser ?? [],
    externalProviders: o.externalProviders ?? [],
    allowBypassTwoFactor: o.allowBypassTwoFactor ?? [],
  };
}

/** `ldap`: the servers in the order given, the port following the encryption. */
export function resolveLdap(p: GitLabPlatformProps): ResolvedLdap | undefined {
  const l = p.ldap;
  if (!l) return undefined;
  return {
    preventSignIn: l.preventSignIn ?? false,
    servers: Object.entries(l.servers).map(([id, s]) => {
      const encryption = s.encryption ?? 'simple_tls';
      return {
        id,
        label: s.label ?? 'LDAP',
        host: s.host,
        port: s.port ?? (encryption === 'simple_tls' ? 636 : 389),
        uid: s.uid ?? 'sAMAccountName',
        bindDn: s.bindDn,
        password: s.password ? ref(s.password, 'password') : undefined,
        encryption,
        verifyCertificates: s.verifyCertificates ?? true,
        timeout: s.timeout ?? 10,
        activeDirectory: s.activeDirectory ?? true,
        base: s.base,
        userFilter: s.userFilter,
        allowUsernameOrEmailLogin: s.allowUsernameOrEmailLogin ?? false,
        blockAutoCreatedUsers: s.blockAutoCreatedUsers ?? false,
        lowercaseUsernames: s.lowercaseUsernames ?? false,
        retryEmptyResultWithCodes: s.retryEmptyResultWithCodes ?? [],
        attributes: s.attributes,
        tlsOptions: s.tlsOptions,
      };
    }),
  };
}
