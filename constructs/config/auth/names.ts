/**
 * The lists of names the sign-in settings are built from, each written once: the props types, the checks, the
 * resolution and the values import derive from these arrays (as `../common/names.ts` does for the shared lists).
 */

/** How GitLab connects to an LDAP server (`ldap.servers.<id>.encryption`). */
export const LDAP_ENCRYPTIONS = ['simple_tls', 'start_tls', 'plain'] as const;
export type LdapEncryption = typeof LDAP_ENCRYPTIONS[number];
