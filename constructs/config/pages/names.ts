/**
 * The lists of names the GitLab Pages settings are built from, each written once: the props types, the checks and
 * the resolution derive from these arrays (as `../common/names.ts` does for the shared lists).
 */

/** The OAuth scopes Pages may ask GitLab for (access control). */
export const PAGES_AUTH_SCOPES = ['api', 'read_api'] as const;
export type PagesAuthScope = typeof PAGES_AUTH_SCOPES[number];

/** The settings that only mean something while Pages is on (each is reported when Pages is off). */
export const PAGES_ON_ONLY_SETTINGS = ['accessControl', 'authRedirectUri', 'authScope', 'customDomains', 'namespaceInPath'] as const;

/** The access-control settings that only mean something with `accessControl`. */
export const PAGES_ACCESS_CONTROL_SETTINGS = ['authRedirectUri', 'authScope'] as const;
