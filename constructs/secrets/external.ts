import type { ResolvedConfig } from '../config/resolved';
import type { SecretManifest } from './generate';
import type { SecretReference } from './references';

/** Every placeholder starts with this; `secrets --check` refuses a file that still holds one. */
export const PLACEHOLDER = 'REPLACE-ME';

/** The label of every Secret `cli secrets` prints: a key no platform object carries, so no prune selector of the platform's objects selects them. */
export const SECRET_LABEL = 'gitlab-iac.io/secret';

/** What an external credential's key holds, so its skeleton has the format the image reads. */
type ExternalFormat = 'postgres-password' | 'redis-password' | 'fog-connection' | 'registry-storage' | 's3cmd-config' | 'tls' | 'dockerconfigjson' | 'other'
  | 'server-tls' | 'ca-certificate';

/** The formats of the Secrets the configuration names, by Secret name. */
function knownFormats(config: ResolvedConfig): Map<string, ExternalFormat> {
  const formats = new Map<string, ExternalFormat>();
  const pg = config.postgres;
  for (const c of [pg, ...Object.values(pg.clients)]) for (const db of [c.main, c.ci]) formats.set(db.password.name, 'postgres-password');
  const redis = config.redis;
  for (const r of [redis, ...Object.values(redis.instances), ...Object.values(redis.forPurpose)]) if (r?.password) formats.set(r.password.name, 'redis-password');
  if (redis.sentinelPassword) formats.set(redis.sentinelPassword.name, 'redis-password');
  const os = config.objectStorage;
  for (const c of [os.connection, ...Object.values(os.connections)]) if (c) formats.set(c.name, 'fog-connection');
  if (config.components.registry?.storage) formats.set(config.components.registry.storage.name, 'registry-storage');
  if (config.components.toolbox?.backupS3cmdConfig) formats.set(config.components.toolbox.backupS3cmdConfig.name, 's3cmd-config');
  // Internal TLS (the webservice's, the registry's): kubernetes.io/tls Secrets naming in-cluster Services, and the CAs
  // NGINX verifies them with.
  const web = config.components.webservice;
  const registryTls = config.components.registry?.tls;
  for (const name of [web?.tls?.secretName, web?.tls?.metricsSecretName, web?.workhorseTls?.secretName, registryTls?.secretName]) if (name) formats.set(name, 'server-tls');
  for (const name of [web?.workhorseTls?.caSecretName, registryTls?.caSecretName]) if (name) formats.set(name, 'ca-certificate');
  return formats;
}

/** The skeleton value of one key, in the format the image reads. */
function skeletonValue(format: ExternalFormat, key: string, secret: string, config: ResolvedConfig): string {
  const iam = config.objectStorage.iamRoles !== undefined;
  const keys = (access: string, secretKey: string, sep: string) => (iam ? [] : [`${access}${sep}${PLACEHOLDER}-access-key-id`, `${secretKey}${sep}${PLACEHOLDER}-secret-access-key`]);
  switch (format) {
    case 'postgres-password': return `${PLACEHOLDER}-postgresql-password-of-${config.postgres.main.username}`;
    case 'redis-password': return `${PLACEHOLDER}-redis-password`;
    case 'fog-connection': return ['provider: AWS', `region: ${PLACEHOLDER}-region`, ...(iam ? ['use_iam_profile: true'] : keys('aws_access_key_id', 'aws_secret_access_key', ': ')), ''].join('\n');
    case 'registry-storage': return ['s3:', `  bucket: ${config.components.registry?.bucket ?? `${PLACEHOLDER}-bucket`}`, `  region: ${PLACEHOLDER}-region`,
      ...keys('  accesskey', '  secretkey', ': '), '  v4auth: true', '  secure: true', ''].join('\n');
    case 's3cmd-config': return ['[default]', ...keys('access_key', 'secret_key', ' = '), `bucket_location = ${PLACEHOLDER}-region`, 'use_https = True', ''].join('\n');
    case 'ca-certificate': return `${PLACEHOLDER}-PEM-CA-certificate`;
    case 'server-tls':
    case 'tls': return key === 'tls.key' ? `${PLACEHOLDER}-PEM-private-key` : `${PLACEHOLDER}-PEM-certificate-chain`;
    case 'dockerconfigjson': return JSON.stringify({ auths: { [`${PLACEHOLDER}-registry.example.com`]: { auth: `${PLACEHOLDER}-base64-of-user:token` } } });
    default: return `${PLACEHOLDER}-${secret}-${key}`;
  }
}

/** What each format's comment tells the user to put in. */
const HINTS: Readonly<Record<ExternalFormat, string>> = {
  'postgres-password': 'the PostgreSQL password of the GitLab user',
  'redis-password': 'the Redis AUTH password (token)',
  'fog-connection': 'the fog connection of the object storage (YAML; with IAM roles for service accounts, no keys)',
  'registry-storage': 'the registry\'s distribution `storage:` section (YAML)',
  's3cmd-config': 'the `.s3cfg` of the toolbox\'s backup-utility',
  tls: 'the certificate chain and private key (PEM) covering every GitLab host',
  'server-tls': 'the certificate chain and private key (PEM) of an in-cluster server, naming its Service (<release>-<component>.<namespace>.svc)',
  'ca-certificate': 'the CA certificate (PEM) that signed an in-cluster server\'s certificate',
  dockerconfigjson: 'the credentials of the image registry',
  other: 'a value the platform reads',
};

/** A skeleton Secret and the hint for the person filling it in. */
export interface ExternalSecret {
  readonly manifest: SecretManifest;
  readonly hint: string;
}

/**
 * Skeletons of the Secrets the manifests read that `cli secrets` does not generate (external credentials), with
 * the exact keys and formats the images read and `REPLACE-ME` placeholders for every value to fill in.
 */
export function externalSecrets(references: readonly SecretReference[], config: ResolvedConfig, shared: ReadonlySet<string>): ExternalSecret[] {
  const formats = knownFormats(config);
  return references.filter((r) => !shared.has(r.name)).map((r) => {
    const known = formats.get(r.name);
    const format: ExternalFormat = r.type === 'kubernetes.io/tls' && known !== 'server-tls' ? 'tls' : r.type === 'kubernetes.io/dockerconfigjson' ? 'dockerconfigjson' : known ?? 'other';
    const keys = r.keys.length ? r.keys : [`${PLACEHOLDER}-key`];
    return {
      hint: HINTS[format],
      manifest: {
        apiVersion: 'v1', kind: 'Secret',
        metadata: { name: r.name, namespace: r.namespace ?? config.namespace, labels: { [SECRET_LABEL]: 'external' } },
        // A server's key pair is a kubernetes.io/tls Secret whoever reads it (a pod's volume reads it as any Secret).
        type: (format === 'server-tls' ? 'kubernetes.io/tls' : r.type) as SecretManifest['type'],
        stringData: Object.fromEntries(keys.map((k) => [k, skeletonValue(format, k, r.name, config)])),
      },
    };
  });
}

/** Every place a placeholder is left in Secret documents, as `<Secret>/<key>` (empty when none). */
export function placeholdersLeft(docs: readonly unknown[]): string[] {
  const left: string[] = [];
  for (const d of docs) {
    const doc = d as { kind?: string; metadata?: { name?: string }; stringData?: Record<string, unknown>; data?: Record<string, unknown> } | null;
    if (!doc || doc.kind !== 'Secret') continue;
    for (const [field, decode] of [['stringData', false], ['data', true]] as const) {
      for (const [key, value] of Object.entries(doc[field] ?? {})) {
        const text = typeof value === 'string' ? (decode ? Buffer.from(value, 'base64').toString('utf8') : value) : '';
        if (key.includes(PLACEHOLDER) || text.includes(PLACEHOLDER)) left.push(`${doc.metadata?.name ?? '(unnamed)'}/${key}`);
      }
    }
  }
  return left;
}
