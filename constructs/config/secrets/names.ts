/**
 * The lists of names the shared Secrets are built from, each written once: the props types, the checks, the
 * resolution, the catalogue (`catalog.ts`), the generators and the values import derive from these arrays (as
 * `../object-storage/names.ts` does for its lists).
 */

/** The Secrets the components share (rails secrets, tokens, keys), renamed under `secretNames`. */
export const SHARED_SECRET_NAMES = [
  'rails', 'gitlabShell', 'gitlabShellHostKeys', 'gitaly', 'workhorse', 'registryAuth', 'registryHttp',
  'registryNotification', 'kas', 'kasPrivateApi', 'kasWebsocketToken', 'initialRootPassword', 'praefect',
  'pages', 'pagesAuth', 'pagesOAuth', 'incomingEmailAuthToken', 'serviceDeskEmailAuthToken',
] as const;
export type SharedSecretName = typeof SHARED_SECRET_NAMES[number];

/** The shared Secrets that hold one value, whose key may be chosen under `secretKeys`. */
export const SINGLE_KEY_SECRET_NAMES = [
  'gitlabShell', 'gitaly', 'workhorse', 'registryHttp', 'kas', 'initialRootPassword', 'praefect',
] as const satisfies readonly SharedSecretName[];
export type SingleKeySecretName = typeof SINGLE_KEY_SECRET_NAMES[number];

/** The features some shared Secrets are needed for (`cli secrets --with/--without`). */
export const SHARED_SECRET_CONDITIONS = ['kas', 'praefect', 'pages', 'pagesAccessControl', 'incomingEmail', 'serviceDeskEmail'] as const;
export type SharedSecretCondition = typeof SHARED_SECRET_CONDITIONS[number];

/** The SSH host key types gitlab-shell gets (one key pair each). */
export const SSH_HOST_KEY_TYPES = ['rsa', 'ecdsa', 'ed25519'] as const;
export type SshHostKeyType = typeof SSH_HOST_KEY_TYPES[number];
