import { stringify } from 'yaml';

/**
 * The text formats of the Secrets the stack writes. Pure functions of plain values, so they are unit-tested
 * without Pulumi; the stack applies them inside `Output.apply`.
 */

/**
 * Fog connection for the consolidated object storage in IAM-role mode: no keys, no `endpoint` (with IRSA the STS
 * web-identity call would be sent to it and fail).
 */
export function fogConnection(region: string): string {
  return stringify({ provider: 'AWS', region, use_iam_profile: true });
}

export interface RegistryStorageOptions {
  readonly bucket: string;
  readonly region: string;
  /** KMS key the registry asks S3 to encrypt layers with. */
  readonly kmsKeyArn: string;
}

/** The distribution `storage:` section for S3 without keys (the AWS SDK finds the IRSA web identity). */
export function registryStorage(o: RegistryStorageOptions): string {
  return stringify({
    s3: { bucket: o.bucket, region: o.region, v4auth: true, secure: true, encrypt: true, keyid: o.kmsKeyArn },
  });
}

/**
 * `.s3cfg` of the toolbox's `backup-utility` in IAM-role mode: no `access_key`/`secret_key`, so s3cmd takes the
 * web identity (`AWS_ROLE_ARN` + `AWS_WEB_IDENTITY_TOKEN_FILE`, injected by the EKS webhook). Buckets encrypt by
 * default, so no per-request encryption header is needed. Endpoints stay s3cmd's defaults (as the chart's IAM
 * role example does) so nothing redirects the STS call.
 */
export function s3cmdConfig(region: string): string {
  return ['[default]', `bucket_location = ${region}`, 'use_https = True', ''].join('\n');
}

export interface RailsSecretsValues {
  /** 128 hex characters each (`SecureRandom.hex(64)`). */
  readonly secretKeyBase: string;
  readonly otpKeyBase: string;
  readonly dbKeyBase: string;
  readonly encryptedSettingsKeyBase: string;
  /** RSA private key, PEM. */
  readonly openidConnectSigningKey: string;
  /** 32 alphanumeric characters each. */
  readonly activeRecordPrimaryKey: string;
  readonly activeRecordDeterministicKey: string;
  readonly activeRecordKeyDerivationSalt: string;
}

/**
 * Rails `secrets.yml` for the `production` environment. The two Active Record encryption keys are lists (the last
 * one encrypts, all decrypt), which is how key rotation works.
 */
export function railsSecretsYaml(v: RailsSecretsValues): string {
  return stringify({
    production: {
      secret_key_base: v.secretKeyBase,
      otp_key_base: v.otpKeyBase,
      db_key_base: v.dbKeyBase,
      encrypted_settings_key_base: v.encryptedSettingsKeyBase,
      openid_connect_signing_key: v.openidConnectSigningKey.endsWith('\n') ? v.openidConnectSigningKey : `${v.openidConnectSigningKey}\n`,
      active_record_encryption_primary_key: [v.activeRecordPrimaryKey],
      active_record_encryption_deterministic_key: [v.activeRecordDeterministicKey],
      active_record_encryption_key_derivation_salt: v.activeRecordKeyDerivationSalt,
    },
  }, { lineWidth: 0 });
}

/** Base64 of a string's UTF-8 bytes (what the chart's `... | base64` produces). */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** A one-element JSON list literal: the registry notification secret's format. */
export function jsonList(value: string): string {
  return JSON.stringify([value]);
}
