/**
 * The lists of names the sign-in settings are built from, each written once: the props types, the checks, the
 * resolution and the values import derive from these arrays (as `../object-storage/names.ts` does for its lists).
 */

/** How GitLab connects to an LDAP server (`ldap.servers.<id>.encryption`). */
export const LDAP_ENCRYPTIONS = ['simple_tls', 'start_tls', 'plain'] as const;
export type LdapEncryption = typeof LDAP_ENCRYPTIONS[number];

/**
 * The OmniAuth settings that are lists (provider names or `true` for all, profile attributes, external providers),
 * in the order the values import reads them: the chart's keys have the props' names.
 */
export const OMNIAUTH_LIST_SETTINGS = [
  'syncProfileFromProvider', 'allowSingleSignOn', 'autoLinkUser', 'allowBypassTwoFactor', 'syncProfileAttributes', 'externalProviders',
] as const satisfies readonly (keyof import('./types').OmniauthConfig)[];
