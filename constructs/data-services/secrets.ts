import type { ResolvedConfig } from '../config/resolved';
import { SECRET_LABEL } from '../secrets/external';
import type { SecretManifest } from '../secrets/generate';
import { randomHex, randomString } from '../secrets/random';
import { railsConnection, registryStorage, s3cmdConfig } from './client-configs';
import { CLIENT_SECRET_KEYS, GARAGE_SECRET_KEYS } from './resolved';

/** Fresh credentials of the in-cluster services, in the formats the images read. */
export interface InClusterCredentials {
  /** Valkey's AUTH password. */
  readonly valkeyPassword: string;
  /**
   * The PostgreSQL owner's password, written when `inClusterServices.postgres.password` names a Secret of the user's.
   * @default a fresh random password
   */
  readonly postgresOwnerPassword?: string;
  /** Garage's RPC secret: 32 random bytes as hex, as Garage requires. */
  readonly garageRpcSecret: string;
  readonly garageAdminToken: string;
  /** A Garage access key id: `GK` and 12 bytes as hex (the only form `ImportKey` accepts). */
  readonly garageAccessKeyId: string;
  /** Its secret: 32 bytes as hex. */
  readonly garageSecretAccessKey: string;
}

export function generateInClusterCredentials(): InClusterCredentials {
  return {
    valkeyPassword: randomString(64),
    postgresOwnerPassword: randomString(64),
    garageRpcSecret: randomHex(64),
    garageAdminToken: randomString(64),
    garageAccessKeyId: `GK${randomHex(24)}`,
    garageSecretAccessKey: randomHex(64),
  };
}

/**
 * The Secrets the in-cluster services of `config` need, from `credentials`: Valkey's password (the Secret and key
 * GitLab reads), Garage's credentials, and the object storage clients' configuration (Rails, registry, s3cmd)
 * built from the same key. CloudNativePG makes its own (`<cluster>-app`). The values under `stringData` only.
 */
export function inClusterSecretManifests(config: Pick<ResolvedConfig, 'inClusterServices' | 'namespace' | 'release' | 'components'>,
  credentials: InClusterCredentials = generateInClusterCredentials()): SecretManifest[] {
  const s = config.inClusterServices;
  if (!s) return [];
  // As the shared Secrets': not the platform objects' labels, so no prune selector ever deletes them.
  const labels = { [SECRET_LABEL]: 'generated', 'gitlab-iac.io/release': config.release, 'gitlab-iac/non-production': 'true' };
  const secret = (name: string, stringData: Record<string, string>): SecretManifest =>
    ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: config.namespace, labels }, type: 'Opaque', stringData });
  const out: SecretManifest[] = [];
  if (s.redis) out.push(secret(s.redis.password.name, { [s.redis.password.key]: credentials.valkeyPassword }));
  const pg = s.postgres;
  if (pg?.ownerSecret) {
    // CloudNativePG bootstraps the owner from `username` and `password` (the basic-auth form); GitLab reads its key.
    const password = credentials.postgresOwnerPassword ?? randomString(64);
    out.push({ ...secret(pg.ownerSecret, { username: pg.owner, password, [pg.password.key]: password }), type: 'kubernetes.io/basic-auth' });
  }
  const g = s.objectStorage;
  if (g) {
    out.push(secret(g.credentials, {
      [GARAGE_SECRET_KEYS.rpcSecret]: credentials.garageRpcSecret,
      [GARAGE_SECRET_KEYS.adminToken]: credentials.garageAdminToken,
      [GARAGE_SECRET_KEYS.accessKeyId]: credentials.garageAccessKeyId,
      [GARAGE_SECRET_KEYS.secretAccessKey]: credentials.garageSecretAccessKey,
    }));
    const inputs = {
      accessKeyId: credentials.garageAccessKeyId, secretAccessKey: credentials.garageSecretAccessKey,
      endpoint: g.endpoint, region: g.region, registryBucket: config.components.registry?.bucket ?? 'registry',
    };
    out.push(secret(g.clientSecret, {
      [CLIENT_SECRET_KEYS.connection]: railsConnection(inputs),
      [CLIENT_SECRET_KEYS.registry]: registryStorage(inputs),
      [CLIENT_SECRET_KEYS.s3cmd]: s3cmdConfig(inputs),
    }));
  }
  return out;
}
