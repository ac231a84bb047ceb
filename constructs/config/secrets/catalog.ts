import type { ResolvedConfig } from '../resolved';
import { SSH_HOST_KEY_TYPES, type SharedSecretCondition, type SharedSecretName, type SshHostKeyType } from './names';

/**
 * The catalogue of the shared Secrets: each one's default name, keys and value formats, who reads it and the
 * feature it is needed for. `cli secrets` and the Pulumi stack generate from it; `resolve.ts` names the Secrets.
 */

/** How a generated value looks; the generator (`cli secrets`) and the Pulumi stack both follow it. */
export type SecretFormat =
  | { readonly kind: 'alnum'; readonly length: number }
  /** base64 of `length` random alphanumeric characters (the image decodes it). */
  | { readonly kind: 'base64-alnum'; readonly length: number }
  /** base64 of `bytes` random bytes. */
  | { readonly kind: 'base64-bytes'; readonly bytes: number }
  /** base64 of `length` random lower-case letters and digits. */
  | { readonly kind: 'base64-lower-alnum'; readonly length: number }
  /** A YAML/JSON list literal holding one alphanumeric string: `["..."]`. */
  | { readonly kind: 'alnum-list'; readonly length: number }
  /** The Rails `secrets.yml` document. */
  | { readonly kind: 'rails-secrets' }
  /** RSA-4096 private key (PEM) paired with a self-signed certificate under `certKey`. */
  | { readonly kind: 'rsa-key'; readonly bits: number; readonly certKey: string; readonly commonName: string }
  | { readonly kind: 'rsa-cert' }
  /** An OpenSSH host key of the given type (private key; `.pub` holds the public key). */
  | { readonly kind: 'ssh-host-key'; readonly type: SshHostKeyType }
  | { readonly kind: 'ssh-host-key-pub'; readonly type: SshHostKeyType };

export interface SharedSecretKey {
  readonly key: string;
  readonly format: SecretFormat;
}

/** A feature some shared Secrets are needed for. */
export type { SharedSecretCondition } from './names';

/** Whether each feature is on by default (kas is part of the default install; the rest are opt-in). */
export const SHARED_SECRET_CONDITION_DEFAULTS: Readonly<Record<SharedSecretCondition, boolean>> = {
  kas: true, praefect: false, pages: false, pagesAccessControl: false, incomingEmail: false, serviceDeskEmail: false,
};

export interface SharedSecretSpec {
  readonly id: SharedSecretName;
  /** Default name is `<release>-<suffix>` (the chart's names, so a Helm install's Secrets are reused). */
  readonly suffix: string;
  readonly keys: readonly SharedSecretKey[];
  /** Which components read it. */
  readonly consumers: readonly string[];
  /** Only needed when this feature is on (see `sharedSecretNeeded`). @default always */
  readonly when?: SharedSecretCondition;
  readonly description: string;
}

const hostKey = (type: SshHostKeyType): SharedSecretKey[] => [
  { key: `ssh_host_${type}_key`, format: { kind: 'ssh-host-key', type } },
  { key: `ssh_host_${type}_key.pub`, format: { kind: 'ssh-host-key-pub', type } },
];

/** Every Secret the components share, with its keys and the format the images expect. */
export const SHARED_SECRETS: readonly SharedSecretSpec[] = [
  { id: 'rails', suffix: 'rails-secret', keys: [{ key: 'secrets.yml', format: { kind: 'rails-secrets' } }],
    consumers: ['webservice', 'sidekiq', 'toolbox', 'migrations'], description: 'Rails secret_key_base, otp/db key bases, OIDC signing key, Active Record encryption keys' },
  { id: 'gitlabShell', suffix: 'gitlab-shell-secret', keys: [{ key: 'secret', format: { kind: 'alnum', length: 64 } }],
    consumers: ['gitlab-shell', 'gitaly', 'webservice', 'toolbox'], description: 'shared secret between gitlab-shell, Gitaly hooks and Rails' },
  { id: 'gitlabShellHostKeys', suffix: 'gitlab-shell-host-keys', keys: SSH_HOST_KEY_TYPES.flatMap(hostKey),
    consumers: ['gitlab-shell'], description: 'SSH host keys of gitlab-shell' },
  { id: 'gitaly', suffix: 'gitaly-secret', keys: [{ key: 'token', format: { kind: 'alnum', length: 64 } }],
    consumers: ['gitaly', 'webservice', 'sidekiq', 'toolbox', 'migrations'], description: 'Gitaly authentication token' },
  { id: 'workhorse', suffix: 'gitlab-workhorse-secret', keys: [{ key: 'shared_secret', format: { kind: 'base64-alnum', length: 32 } }],
    consumers: ['webservice'], description: 'Workhorse <-> Puma request signing secret (32 bytes once decoded)' },
  { id: 'registryAuth', suffix: 'registry-secret', keys: [
    { key: 'registry-auth.key', format: { kind: 'rsa-key', bits: 4096, certKey: 'registry-auth.crt', commonName: 'gitlab-issuer' } },
    { key: 'registry-auth.crt', format: { kind: 'rsa-cert' } },
  ], consumers: ['webservice', 'sidekiq', 'toolbox', 'registry'], description: 'key pair with which Rails signs and the registry verifies registry tokens' },
  { id: 'registryHttp', suffix: 'registry-httpsecret', keys: [{ key: 'secret', format: { kind: 'base64-lower-alnum', length: 128 } }],
    consumers: ['registry'], description: 'registry HTTP secret (upload state signing across replicas)' },
  { id: 'registryNotification', suffix: 'registry-notification', keys: [{ key: 'secret', format: { kind: 'alnum-list', length: 32 } }],
    consumers: ['webservice', 'sidekiq', 'toolbox', 'registry'], description: 'registry -> Rails notification header secret' },
  { id: 'kas', suffix: 'gitlab-kas-secret', keys: [{ key: 'kas_shared_secret', format: { kind: 'base64-alnum', length: 32 } }],
    consumers: ['kas', 'webservice', 'sidekiq', 'toolbox'], when: 'kas', description: 'KAS <-> Rails shared secret' },
  { id: 'kasPrivateApi', suffix: 'kas-private-api', keys: [{ key: 'kas_private_api_secret', format: { kind: 'base64-alnum', length: 32 } }],
    consumers: ['kas'], when: 'kas', description: 'KAS replica-to-replica private API secret' },
  { id: 'kasWebsocketToken', suffix: 'kas-websocket-token', keys: [{ key: 'kas_websocket_token_secret', format: { kind: 'base64-bytes', bytes: 72 } }],
    consumers: ['kas'], when: 'kas', description: 'KAS Kubernetes API proxy websocket token secret' },
  { id: 'initialRootPassword', suffix: 'gitlab-initial-root-password', keys: [{ key: 'password', format: { kind: 'alnum', length: 64 } }],
    consumers: ['migrations'], description: 'password of the root user seeded on an empty database' },
  { id: 'praefect', suffix: 'praefect-secret', keys: [{ key: 'token', format: { kind: 'alnum', length: 64 } }],
    consumers: ['praefect', 'webservice', 'sidekiq', 'toolbox', 'migrations'], when: 'praefect', description: 'token GitLab presents to Praefect (Rails gitaly_token_praefect)' },
  { id: 'pages', suffix: 'gitlab-pages-secret', keys: [{ key: 'shared_secret', format: { kind: 'base64-alnum', length: 32 } }],
    consumers: ['gitlab-pages', 'webservice', 'sidekiq', 'toolbox'], when: 'pages', description: 'Pages <-> Rails API shared secret (32 bytes once decoded)' },
  { id: 'pagesAuth', suffix: 'gitlab-pages-auth-secret', keys: [{ key: 'password', format: { kind: 'base64-alnum', length: 64 } }],
    consumers: ['gitlab-pages'], when: 'pagesAccessControl', description: 'key of the Pages access-control session cookies' },
  { id: 'pagesOAuth', suffix: 'oauth-gitlab-pages-secret', keys: [
    { key: 'appid', format: { kind: 'alnum', length: 64 } },
    { key: 'appsecret', format: { kind: 'alnum', length: 64 } },
  ], consumers: ['gitlab-pages', 'migrations'], when: 'pagesAccessControl', description: 'OAuth application of Pages access control (registered by migrations)' },
  { id: 'incomingEmailAuthToken', suffix: 'incoming-email-auth-token', keys: [{ key: 'authToken', format: { kind: 'base64-alnum', length: 32 } }],
    consumers: ['mailroom', 'webservice', 'sidekiq'], when: 'incomingEmail', description: 'mailroom -> Rails incoming e-mail webhook signing key' },
  { id: 'serviceDeskEmailAuthToken', suffix: 'service-desk-email-auth-token', keys: [{ key: 'authToken', format: { kind: 'base64-alnum', length: 32 } }],
    consumers: ['mailroom', 'webservice', 'sidekiq'], when: 'serviceDeskEmail', description: 'mailroom -> Rails Service Desk e-mail webhook signing key' },
];

/**
 * Whether a shared Secret is needed, given which features are on (a feature left out takes its default from
 * `SHARED_SECRET_CONDITION_DEFAULTS`). Generators (`cli secrets`, the Pulumi stack) create only these.
 */
export function sharedSecretNeeded(spec: SharedSecretSpec, features: Partial<Record<SharedSecretCondition, boolean>> = {}): boolean {
  return !spec.when || (features[spec.when] ?? SHARED_SECRET_CONDITION_DEFAULTS[spec.when]);
}

/** Which features of a resolved configuration decide the shared Secrets it needs. */
export function sharedSecretConditions(config: Pick<ResolvedConfig, 'components' | 'email'>): Record<SharedSecretCondition, boolean> {
  const c = config.components;
  return {
    kas: !!c.kas,
    praefect: !!c.praefect,
    pages: !!c.gitlabPages,
    pagesAccessControl: !!c.gitlabPages?.accessControl,
    incomingEmail: !!config.email.incoming,
    serviceDeskEmail: !!config.email.serviceDesk,
  };
}
