import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import * as tls from '@pulumi/tls';
import { SecretFormat, SharedSecretSpec } from '../../constructs/config/secrets/catalog';
import type { SshHostKeyType } from '../../constructs/config/secrets/names';
import { base64, jsonList, railsSecretsYaml } from './secret-formats';

/**
 * Values of the shared GitLab secrets, generated once by @pulumi/random and @pulumi/tls and kept in the stack's
 * state (encrypted), so every `pulumi up` reuses them. Each value is a Pulumi secret.
 */
export type SecretValues = Record<string, pulumi.Output<string>>;

const ALNUM = { special: false, upper: true, lower: true, numeric: true };

/** Generates the value of every key of one shared Secret in the format the images expect. */
export function generateSharedSecret(spec: SharedSecretSpec, parent: pulumi.Resource): SecretValues {
  const values: SecretValues = {};
  for (const { key, format } of spec.keys) {
    const name = `${spec.suffix}-${key.replace(/[^A-Za-z0-9-]/g, '-')}`;
    const v = generate(name, format, spec, parent);
    if (v) Object.assign(values, v(key));
  }
  return values;
}

type Producer = (key: string) => SecretValues;

function generate(name: string, format: SecretFormat, spec: SharedSecretSpec, parent: pulumi.Resource): Producer | undefined {
  const opts = { parent, additionalSecretOutputs: ['result'] };
  const secret = (o: pulumi.Output<string>) => pulumi.secret(o);
  const password = (length: number, extra: Partial<random.RandomPasswordArgs> = {}) =>
    new random.RandomPassword(name, { length, ...ALNUM, ...extra }, opts).result;
  switch (format.kind) {
    case 'alnum':
      return (key) => ({ [key]: secret(password(format.length)) });
    case 'base64-alnum':
      return (key) => ({ [key]: secret(password(format.length).apply(base64)) });
    case 'base64-lower-alnum':
      return (key) => ({ [key]: secret(password(format.length, { upper: false }).apply(base64)) });
    case 'alnum-list':
      return (key) => ({ [key]: secret(password(format.length).apply(jsonList)) });
    case 'base64-bytes': {
      const bytes = new random.RandomBytes(name, { length: format.bytes }, { parent });
      return (key) => ({ [key]: secret(bytes.base64) });
    }
    case 'rails-secrets':
      return (key) => ({ [key]: secret(railsSecrets(name, parent)) });
    case 'rsa-key': {
      // A self-signed pair: Rails signs registry tokens with the key, the registry trusts the certificate.
      const pk = new tls.PrivateKey(name, { algorithm: 'RSA', rsaBits: format.bits }, { parent });
      const cert = new tls.SelfSignedCert(name, {
        privateKeyPem: pk.privateKeyPem,
        subject: { commonName: format.commonName },
        validityPeriodHours: 24 * 3650,
        allowedUses: ['digital_signature', 'key_encipherment'],
      }, { parent });
      return (key) => ({ [key]: secret(pk.privateKeyPem), [format.certKey]: secret(cert.certPem) });
    }
    case 'rsa-cert':
      return undefined; // produced with its key (`rsa-key`)
    case 'ssh-host-key': {
      const pk = sshHostKey(name, format.type, parent);
      const pub = `${spec.keys.find((k) => k.format.kind === 'ssh-host-key-pub' && k.format.type === format.type)?.key}`;
      return (key) => ({ [key]: secret(pk.privateKeyOpenssh), [pub]: secret(pk.publicKeyOpenssh) });
    }
    case 'ssh-host-key-pub':
      return undefined; // produced with its private key
  }
}

/** The host key types `ssh-keygen -A` creates, at its default sizes. */
function sshHostKey(name: string, type: SshHostKeyType, parent: pulumi.Resource): tls.PrivateKey {
  const args: tls.PrivateKeyArgs = type === 'rsa' ? { algorithm: 'RSA', rsaBits: 3072 }
    : type === 'ecdsa' ? { algorithm: 'ECDSA', ecdsaCurve: 'P256' } : { algorithm: 'ED25519' };
  return new tls.PrivateKey(name, args, { parent });
}

/** Rails `secrets.yml`: four 64-byte hex key bases, an RSA-2048 OIDC signing key, three Active Record keys. */
function railsSecrets(name: string, parent: pulumi.Resource): pulumi.Output<string> {
  const hex = (id: string) => new random.RandomId(`${name}-${id}`, { byteLength: 64 }, { parent }).hex;
  const alnum = (id: string) => new random.RandomPassword(`${name}-${id}`, { length: 32, ...ALNUM }, { parent, additionalSecretOutputs: ['result'] }).result;
  const oidc = new tls.PrivateKey(`${name}-openid-connect`, { algorithm: 'RSA', rsaBits: 2048 }, { parent });
  return pulumi.all([
    hex('secret-key-base'), hex('otp-key-base'), hex('db-key-base'), hex('encrypted-settings-key-base'), oidc.privateKeyPem,
    alnum('ar-primary-key'), alnum('ar-deterministic-key'), alnum('ar-key-derivation-salt'),
  ]).apply(([secretKeyBase, otpKeyBase, dbKeyBase, encryptedSettingsKeyBase, openidConnectSigningKey,
    activeRecordPrimaryKey, activeRecordDeterministicKey, activeRecordKeyDerivationSalt]) => railsSecretsYaml({
    secretKeyBase, otpKeyBase, dbKeyBase, encryptedSettingsKeyBase, openidConnectSigningKey,
    activeRecordPrimaryKey, activeRecordDeterministicKey, activeRecordKeyDerivationSalt,
  }));
}
