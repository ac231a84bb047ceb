import * as pulumi from '@pulumi/pulumi';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { SHARED_SECRETS } from '../../constructs/config/secrets/catalog';
import { fogConnection, railsSecretsYaml, registryStorage, s3cmdConfig } from '../../stacks/kubernetes/secret-formats';
import { PlatformSecretsArgs, stackSecretRefs } from '../../stacks/kubernetes/secrets';
import { underMocks } from './harness';

describe('secret formats', () => {
  test('SECRET.5 the fog connection uses the IAM role: provider AWS, region, use_iam_profile, no keys, no endpoint', () => {
    expect(parse(fogConnection('eu-central-1'))).toEqual({ provider: 'AWS', region: 'eu-central-1', use_iam_profile: true });
  });

  test('the registry storage is the distribution s3 driver without keys, encrypting with the storage key', () => {
    expect(parse(registryStorage({ bucket: 'acme-registry', region: 'eu-central-1', kmsKeyArn: 'arn:aws:kms:eu-central-1:1:key/k' }))).toEqual({
      s3: { bucket: 'acme-registry', region: 'eu-central-1', v4auth: true, secure: true, encrypt: true, keyid: 'arn:aws:kms:eu-central-1:1:key/k' },
    });
  });

  test('the backup s3cmd config names the bucket location and holds no access or secret key', () => {
    const ini = s3cmdConfig('eu-central-1');
    expect(ini.split('\n')).toEqual(['[default]', 'bucket_location = eu-central-1', 'use_https = True', '']);
    expect(ini).not.toMatch(/access_key|secret_key/);
  });

  test('Rails secrets.yml: production keys with Active Record key lists and the PEM as a block', () => {
    const text = railsSecretsYaml({
      secretKeyBase: 'a'.repeat(128), otpKeyBase: 'b'.repeat(128), dbKeyBase: 'c'.repeat(128), encryptedSettingsKeyBase: 'd'.repeat(128),
      openidConnectSigningKey: '-----BEGIN RSA PRIVATE KEY-----\nMII\n-----END RSA PRIVATE KEY-----',
      activeRecordPrimaryKey: 'p'.repeat(32), activeRecordDeterministicKey: 'q'.repeat(32), activeRecordKeyDerivationSalt: 's'.repeat(32),
    });
    const doc = parse(text).production;
    expect(Object.keys(doc)).toEqual(['secret_key_base', 'otp_key_base', 'db_key_base', 'encrypted_settings_key_base', 'openid_connect_signing_key',
      'active_record_encryption_primary_key', 'active_record_encryption_deterministic_key', 'active_record_encryption_key_derivation_salt']);
    expect(doc.active_record_encryption_primary_key).toEqual(['p'.repeat(32)]);
    expect(doc.openid_connect_signing_key).toBe('-----BEGIN RSA PRIVATE KEY-----\nMII\n-----END RSA PRIVATE KEY-----\n');
    expect(text).toContain('openid_connect_signing_key: |');
  });
});

describe('PlatformSecrets', () => {
  const refs = stackSecretRefs('gitlab');
  const names = Object.fromEntries(SHARED_SECRETS.map((s) => [s.id, `gitlab-${s.suffix}`])) as PlatformSecretsArgs['sharedSecretNames'];
  const ARGS: PlatformSecretsArgs = {
    namespace: 'gitlab', refs, sharedSecretNames: names,
    postgresPassword: pulumi.secret('pg-password-value-123'), redisPassword: pulumi.secret('redis-token-value-456'),
    region: 'eu-central-1', registryBucket: 'acme-registry', objectStorageKmsKeyArn: 'arn:aws:kms:eu-central-1:123456789012:key/s3',
  };
  const deploy = (args: Partial<PlatformSecretsArgs> = {}) => underMocks(async () => {
    const { PlatformSecrets } = await import('../../stacks/kubernetes/secrets');
    return new PlatformSecrets('secrets', { ...ARGS, ...args });
  });
  const secretsOf = (mocks: Awaited<ReturnType<typeof deploy>>['mocks']) =>
    new Map(mocks.ofType('kubernetes:core/v1:Secret').map((r) => [r.inputs.metadata.name as string, r]));

  test('writes the service Secrets under the names and keys the platform reads', async () => {
    const s = secretsOf((await deploy()).mocks);
    expect(s.get('gitlab-postgres-password')!.inputs.stringData).toEqual({ password: 'pg-password-value-123' });
    expect(s.get('gitlab-redis-password')!.inputs.stringData).toEqual({ password: 'redis-token-value-456' });
    expect(parse(s.get('gitlab-object-storage')!.inputs.stringData.connection)).toMatchObject({ provider: 'AWS', use_iam_profile: true });
    expect(parse(s.get('gitlab-registry-storage')!.inputs.stringData.config).s3.bucket).toBe('acme-registry');
    expect(s.get('gitlab-backup-s3cmd')!.inputs.stringData.config).toContain('bucket_location = eu-central-1');
    expect(s.has('gitlab-redis-cache-password')).toBe(false);
  });

  test('the cache Redis password gets its own Secret when there is a cache group', async () => {
    const s = secretsOf((await deploy({ redisCachePassword: pulumi.secret('cache-token-789') })).mocks);
    expect(s.get('gitlab-redis-cache-password')!.inputs.stringData).toEqual({ password: 'cache-token-789' });
  });

  test('every shared GitLab Secret of the default install is generated with every key the components read', async () => {
    const s = secretsOf((await deploy()).mocks);
    for (const spec of SHARED_SECRETS.filter((x) => !x.when || x.when === 'kas')) {
      expect(Object.keys(s.get(`gitlab-${spec.suffix}`)!.inputs.stringData).sort()).toEqual(spec.keys.map((k) => k.key).sort());
    }
  });

  test('opt-in features get no Secret unless they are on', async () => {
    const s = secretsOf((await deploy()).mocks);
    expect(SHARED_SECRETS.filter((x) => x.when && x.when !== 'kas').filter((x) => s.has(`gitlab-${x.suffix}`))).toEqual([]);
  });

  test('KAS secrets are left out when KAS is off', async () => {
    const s = secretsOf((await deploy({ features: { kas: false } })).mocks);
    expect(s.has('gitlab-gitlab-kas-secret')).toBe(false);
    expect(s.has('gitlab-gitaly-secret')).toBe(true);
  });

  test('shared values have the formats the images expect', async () => {
    const s = secretsOf((await deploy()).mocks);
    const data = (name: string) => s.get(name)!.inputs.stringData;
    expect(data('gitlab-gitaly-secret').token).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(Buffer.from(data('gitlab-gitlab-workhorse-secret').shared_secret, 'base64').toString()).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(JSON.parse(data('gitlab-registry-notification').secret)).toHaveLength(1);
    expect(Buffer.from(data('gitlab-registry-httpsecret').secret, 'base64').toString()).toHaveLength(128);
    expect(Buffer.from(data('gitlab-kas-websocket-token').kas_websocket_token_secret, 'base64')).toHaveLength(72);
    expect(data('gitlab-registry-secret')['registry-auth.crt']).toContain('BEGIN CERTIFICATE');
    expect(data('gitlab-gitlab-shell-host-keys')['ssh_host_ed25519_key']).toContain('OPENSSH PRIVATE KEY');
    const rails = parse(data('gitlab-rails-secret')['secrets.yml']).production;
    expect(rails.secret_key_base).toMatch(/^[0-9a-f]{128}$/);
  });

  test('SECRET.1 every Secret\'s data travels as a Pulumi secret', async () => {
    const { mocks } = await deploy();
    for (const r of mocks.ofType('kubernetes:core/v1:Secret')) expect([r.inputs.metadata.name, r.secretInputs]).toEqual([r.inputs.metadata.name, ['stringData']]);
  });

  test('registry key pair: RSA 4096 self-signed for gitlab-issuer; SSH host keys of the three types ssh-keygen -A makes', async () => {
    const { mocks } = await deploy();
    const keys = mocks.ofType('tls:index/privateKey:PrivateKey').map((k) => [k.name, k.inputs.algorithm, k.inputs.rsaBits ?? k.inputs.ecdsaCurve ?? '']);
    expect(keys).toEqual(expect.arrayContaining([
      ['registry-secret-registry-auth-key', 'RSA', 4096], ['gitlab-shell-host-keys-ssh-host-rsa-key', 'RSA', 3072],
      ['gitlab-shell-host-keys-ssh-host-ecdsa-key', 'ECDSA', 'P256'], ['gitlab-shell-host-keys-ssh-host-ed25519-key', 'ED25519', ''],
    ]));
    expect(mocks.ofType('tls:index/selfSignedCert:SelfSignedCert')[0].inputs.subject).toEqual({ commonName: 'gitlab-issuer' });
  });
});
