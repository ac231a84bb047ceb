import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import type { ResolvedConfig } from '../../constructs/config/resolved';
import { SHARED_SECRETS, sharedSecretConditions, sharedSecretNeeded } from '../../constructs/config/secrets/catalog';
import { railsConnection, registryStorage, s3cmdConfig } from '../../constructs/data-services/client-configs';
import { CLIENT_SECRET_KEYS, GARAGE_SECRET_KEYS } from '../../constructs/data-services/resolved';
import { generateSharedSecret } from './shared-secrets';

export interface InClusterSecretsArgs {
  /** The resolved platform configuration (with `inClusterServices`): which Secrets, under which names and keys. */
  readonly config: ResolvedConfig;
  /** Labels on every Secret. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

const ALNUM = { special: false, upper: true, lower: true, numeric: true };

/**
 * Every Secret a platform on in-cluster services reads, from random values kept (encrypted) in the stack's state:
 * the shared GitLab Secrets its features need, Valkey's password, Garage's RPC secret, admin token and key pair
 * (`GK` + 12 bytes hex, 32 bytes hex: the forms Garage accepts), and the object storage clients' configuration
 * (Rails, registry, s3cmd) built from that key, in the formats `gitlab-iac secrets` writes. CloudNativePG makes
 * the database password itself. Every value is a Pulumi secret.
 */
export class InClusterSecrets extends pulumi.ComponentResource {
  /** Names of the Secrets created. */
  readonly names: readonly string[];

  constructor(name: string, args: InClusterSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('gitlab-iac:kubernetes:InClusterSecrets', name, {}, opts);
    const c = args.config;
    const names: string[] = [];
    const write = (secretName: string, data: Record<string, pulumi.Input<string>>) => {
      names.push(secretName);
      new k8s.core.v1.Secret(`${name}-${secretName}`, {
        metadata: { name: secretName, namespace: c.namespace, labels: { ...args.labels } },
        type: 'Opaque',
        stringData: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, pulumi.secret(v)])),
      }, { parent: this, additionalSecretOutputs: ['data', 'stringData'] });
    };
    const secretOpts = { parent: this, additionalSecretOutputs: ['result', 'hex', 'b64Std', 'b64Url', 'dec'] };
    const password = (id: string) => new random.RandomPassword(`${name}-${id}`, { length: 64, ...ALNUM }, { parent: this, additionalSecretOutputs: ['result'] }).result;
    const hex = (id: string, bytes: number) => new random.RandomId(`${name}-${id}`, { byteLength: bytes }, secretOpts).hex;

    const features = sharedSecretConditions(c);
    for (const spec of SHARED_SECRETS) {
      if (sharedSecretNeeded(spec, features)) write(c.secrets[spec.id], generateSharedSecret(spec, this));
    }
    const s = c.inClusterServices;
    if (s?.redis) write(s.redis.password.name, { [s.redis.password.key]: password('valkey-password') });
    const g = s?.objectStorage;
    if (g) {
      const accessKeyId = hex('garage-access-key-id', 12).apply((h) => `GK${h}`);
      const secretAccessKey = hex('garage-secret-access-key', 32);
      write(g.credentials, {
        [GARAGE_SECRET_KEYS.rpcSecret]: hex('garage-rpc-secret', 32),
        [GARAGE_SECRET_KEYS.adminToken]: password('garage-admin-token'),
        [GARAGE_SECRET_KEYS.accessKeyId]: accessKeyId,
        [GARAGE_SECRET_KEYS.secretAccessKey]: secretAccessKey,
      });
      const inputs = pulumi.all([accessKeyId, secretAccessKey]).apply(([id, secret]) => ({
        accessKeyId: id, secretAccessKey: secret, endpoint: g.endpoint, region: g.region, registryBucket: c.components.registry?.bucket ?? 'registry',
      }));
      write(g.clientSecret, {
        [CLIENT_SECRET_KEYS.connection]: inputs.apply(railsConnection),
        [CLIENT_SECRET_KEYS.registry]: inputs.apply(registryStorage),
        [CLIENT_SECRET_KEYS.s3cmd]: inputs.apply(s3cmdConfig),
      });
    }
    this.names = names;
    this.registerOutputs({ names });
  }
}
