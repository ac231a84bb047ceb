import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { SHARED_SECRETS } from '../../constructs/config/secrets/catalog';
import { SharedSecretName } from '../../constructs/config/types';
import { fogConnection, registryStorage, s3cmdConfig } from './secret-formats';
import { generateSharedSecret } from './shared-secrets';

/** A Secret the stack writes: its name and the one key the platform reads. */
export interface StackSecretRef {
  readonly name: string;
  readonly key: string;
}

/** The Secrets carrying the managed services' credentials and connection documents. */
export interface StackSecretRefs {
  readonly postgresPassword: StackSecretRef;
  readonly redisPassword: StackSecretRef;
  readonly redisCachePassword: StackSecretRef;
  readonly objectStorage: StackSecretRef;
  readonly registryStorage: StackSecretRef;
  readonly backupS3cmd: StackSecretRef;
}

/** Fixed names (`<release>-...`), so the platform's manifests can name them before anything exists. */
export function stackSecretRefs(release: string): StackSecretRefs {
  return {
    postgresPassword: { name: `${release}-postgres-password`, key: 'password' },
    redisPassword: { name: `${release}-redis-password`, key: 'password' },
    redisCachePassword: { name: `${release}-redis-cache-password`, key: 'password' },
    objectStorage: { name: `${release}-object-storage`, key: 'connection' },
    registryStorage: { name: `${release}-registry-storage`, key: 'config' },
    backupS3cmd: { name: `${release}-backup-s3cmd`, key: 'config' },
  };
}

export interface PlatformSecretsArgs {
  readonly namespace: string;
  /** Names of the Secrets the platform reads (`stackSecretRefs`). */
  readonly refs: StackSecretRefs;
  /** Names of the shared GitLab Secrets (the platform's resolved `secrets`). */
  readonly sharedSecretNames: Readonly<Record<SharedSecretName, string>>;
  /**
   * Features that are on (`kas`, `praefect`, `pages` ...): a shared Secret marked `when: <feature>` is generated
   * only when its feature is on here. @default { kas: true } (KAS is part of the default install; the rest opt-in)
   */
  readonly features?: Readonly<Record<string, boolean>>;
  readonly postgresPassword: pulumi.Input<string>;
  readonly redisPassword: pulumi.Input<string>;
  /** AUTH token of the separate cache Redis; no Secret when absent. @default none */
  readonly redisCachePassword?: pulumi.Input<string>;
  readonly region: string;
  readonly registryBucket: string;
  /** Key the registry asks S3 to encrypt with. */
  readonly objectStorageKmsKeyArn: pulumi.Input<string>;
  /** Labels on every Secret. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Every Secret the platform reads, created from the stack's outputs and generated values. All data goes through
 * `stringData` as Pulumi secrets, so state and previews never show it; the platform's manifests only name them.
 */
export class PlatformSecrets extends pulumi.ComponentResource {
  /** Every Secret created, by name (for `dependsOn`). */
  readonly secrets: Readonly<Record<string, k8s.core.v1.Secret>>;

  constructor(name: string, args: PlatformSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('gitlab-iac:kubernetes:PlatformSecrets', name, {}, opts);
    const secrets: Record<string, k8s.core.v1.Secret> = {};
    const write = (secretName: string, data: Record<string, pulumi.Input<string>>) => {
      secrets[secretName] = new k8s.core.v1.Secret(`${name}-${secretName}`, {
        metadata: { name: secretName, namespace: args.namespace, labels: { ...args.labels } },
        type: 'Opaque',
        stringData: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, pulumi.secret(v)])),
      }, { parent: this, additionalSecretOutputs: ['data', 'stringData'] });
    };
    const r = args.refs;
    write(r.postgresPassword.name, { [r.postgresPassword.key]: args.postgresPassword });
    write(r.redisPassword.name, { [r.redisPassword.key]: args.redisPassword });
    if (args.redisCachePassword !== undefined) write(r.redisCachePassword.name, { [r.redisCachePassword.key]: args.redisCachePassword });
    write(r.objectStorage.name, { [r.objectStorage.key]: fogConnection(args.region) });
    write(r.registryStorage.name, {
      [r.registryStorage.key]: pulumi.output(args.objectStorageKmsKeyArn).apply((kmsKeyArn) => registryStorage({ bucket: args.registryBucket, region: args.region, kmsKeyArn })),
    });
    write(r.backupS3cmd.name, { [r.backupS3cmd.key]: s3cmdConfig(args.region) });

    const features: Readonly<Record<string, boolean>> = args.features ?? { kas: true };
    for (const spec of SHARED_SECRETS) {
      if (spec.when && !features[spec.when]) continue;
      write(args.sharedSecretNames[spec.id], generateSharedSecret(spec, this));
    }
    this.secrets = secrets;
    this.registerOutputs({ names: Object.keys(secrets) });
  }
}
