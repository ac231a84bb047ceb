import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { randomHex, randomString } from './random';

/** The values of the Rails `secrets.yml` (the chart's shared-secrets job writes the same keys and formats). */
export interface RailsSecretValues {
  /** 128 hex characters each. */
  readonly secret_key_base: string;
  readonly otp_key_base: string;
  readonly db_key_base: string;
  readonly encrypted_settings_key_base: string;
  /** RSA-2048 private key, PEM. */
  readonly openid_connect_signing_key: string;
  /** Lists (key rotation appends; the last key encrypts): one 32-character alphanumeric key each. */
  readonly active_record_encryption_primary_key: readonly string[];
  readonly active_record_encryption_deterministic_key: readonly string[];
  /** 32 alphanumeric characters. */
  readonly active_record_encryption_key_derivation_salt: string;
}

/** The `secrets.yml` document: everything under `production:`. */
export function railsSecretsYaml(values: RailsSecretValues): string {
  return stringify({ production: values }, { lineWidth: 0 });
}

/** Fresh Rails secrets. */
export async function generateRailsSecrets(): Promise<RailsSecretValues> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return {
    secret_key_base: randomHex(128),
    otp_key_base: randomHex(128),
    db_key_base: randomHex(128),
    encrypted_settings_key_base: randomHex(128),
    openid_connect_signing_key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    active_record_encryption_primary_key: [randomString(32)],
    active_record_encryption_deterministic_key: [randomString(32)],
    active_record_encryption_key_derivation_salt: randomString(32),
  };
}
