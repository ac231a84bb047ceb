import { stringify } from 'yaml';
import { SHARED_SECRETS, SharedSecretCondition, sharedSecretNeeded, SharedSecretSpec } from '../config/secrets/catalog';
import { SharedSecretName } from '../config/types';
import { SECRET_LABEL } from './external';
import { generateSimple, isSimpleFormat } from './formats';
import { generateRailsSecrets, railsSecretsYaml } from './rails-secrets';
import { generateKeyAndCertificate } from './registry-certificate';
import { generateSshHostKey } from './ssh-host-keys';

export interface GenerateSecretsOptions {
  /** Namespace of the platform. */
  readonly namespace: string;
  /** Release name: Secrets are `<release>-<suffix>`, the names the platform reads by default. @default gitlab */
  readonly releaseName?: string;
  /** The catalogue to generate. @default SHARED_SECRETS */
  readonly specs?: readonly SharedSecretSpec[];
  /**
   * Which features are on: only the Secrets they need are generated (see `sharedSecretNeeded`; a feature left
   * out takes its default). @default every Secret of the catalogue
   */
  readonly features?: Partial<Record<SharedSecretCondition, boolean>>;
  /** Names other than `<release>-<suffix>` (e.g. `ResolvedConfig.secrets`). @default `<release>-<suffix>` */
  readonly names?: Partial<Record<SharedSecretName, string>>;
  /** The key of a one-value Secret, where it is not the catalogue's (e.g. `ResolvedConfig.secretKeys`). @default the catalogue's */
  readonly keys?: Partial<Record<SharedSecretName, string>>;
}

/** A Kubernetes Secret manifest holding generated values (as text, under `stringData`). */
export interface SecretManifest {
  readonly apiVersion: 'v1';
  readonly kind: 'Secret';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
  readonly type: 'Opaque' | 'kubernetes.io/tls' | 'kubernetes.io/dockerconfigjson' | 'kubernetes.io/basic-auth';
  readonly stringData: Readonly<Record<string, string>>;
}

/** Values of one Secret, key by key; pairs (key + certificate, host key + `.pub`) are generated together. */
async function secretValues(spec: SharedSecretSpec): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  await Promise.all(spec.keys.map(async ({ key, format }) => {
    if (isSimpleFormat(format)) {
      values[key] = generateSimple(format);
      return;
    }
    switch (format.kind) {
      case 'rails-secrets':
        values[key] = railsSecretsYaml(await generateRailsSecrets());
        return;
      case 'rsa-key': {
        const pair = await generateKeyAndCertificate(format.bits, format.commonName);
        values[key] = pair.privateKey;
        values[format.certKey] = pair.certificate;
        return;
      }
      case 'ssh-host-key': {
        const pair = await generateSshHostKey(format.type);
        values[key] = pair.privateKey;
        values[`${key}.pub`] = pair.publicKey;
        return;
      }
      case 'rsa-cert':
      case 'ssh-host-key-pub':
        return; // written with their private key above
      default: {
        const unknown: never = format;
        throw new Error(`no generator for the secret format ${JSON.stringify(unknown)}`);
      }
    }
  }));
  const missing = spec.keys.map((k) => k.key).filter((k) => values[k] === undefined);
  if (missing.length) throw new Error(`no generator wrote ${missing.join(', ')} of ${spec.id}; the catalogue and the generator disagree`);
  // Catalogue order, whatever order the generators finished in.
  return Object.fromEntries(spec.keys.map(({ key }) => [key, values[key]]));
}

/**
 * Fresh values for the shared Secrets, as Secret manifests (labelled `gitlab-iac.io/secret: generated`). Key generation
 * runs concurrently on libuv's thread pool. Each call gives new values.
 */
export async function generateSharedSecrets(options: GenerateSecretsOptions): Promise<SecretManifest[]> {
  const release = options.releaseName ?? 'gitlab';
  const features = options.features;
  const specs = (options.specs ?? SHARED_SECRETS).filter((spec) => !features || sharedSecretNeeded(spec, features));
  // Not the platform objects' labels (app.kubernetes.io/managed-by ...): no prune selector of a deploy pipeline that
  // applies the manifests may ever select (and delete) these Secrets, which are created once and never replaced.
  const labels = { [SECRET_LABEL]: 'generated', 'gitlab-iac.io/release': release };
  // A one-value Secret's value goes under the key the platform reads it from.
  const keyed = (spec: SharedSecretSpec): SharedSecretSpec => {
    const key = options.keys?.[spec.id];
    return key && spec.keys.length === 1 ? { ...spec, keys: [{ ...spec.keys[0], key }] } : spec;
  };
  return Promise.all(specs.map(keyed).map(async (spec) => ({
    apiVersion: 'v1' as const,
    kind: 'Secret' as const,
    metadata: { name: options.names?.[spec.id] ?? `${release}-${spec.suffix}`, namespace: options.namespace, labels },
    type: 'Opaque' as const,
    stringData: await secretValues(spec),
  })));
}

/** Secret manifests as one multi-document YAML stream. */
export function secretsYaml(manifests: readonly SecretManifest[]): string {
  return manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');
}
