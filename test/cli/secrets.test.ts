import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { SecretFormat, SHARED_SECRETS, sharedSecretNeeded } from '../../constructs';
import { AWS_PRODUCTION_VALUES } from '../values/helpers';
import { runCli } from './run';

type Secret = { apiVersion: string; kind: string; type: string; metadata: { name: string; namespace: string; labels: Record<string, string> }; stringData: Record<string, string> };

let first: { code: number; stdout: string; stderr: string };
let runs: Secret[][];
beforeAll(async () => {
  first = await runCli('secrets', '--namespace', 'gitlab-ns', '--all');
  const second = await runCli('secrets', '--namespace', 'gitlab-ns', '--all');
  runs = [first, second].map((r) => generatedOnly(parseAllDocuments(r.stdout).map((d) => d.toJSON() as Secret)));
});

/** The generated (shared) Secrets of a run, without the external credentials' skeletons. */
const generatedOnly = (docs: Secret[]) => docs.filter((d) => d.metadata.labels['gitlab-iac.io/secret'] === 'generated');
const decode = (b64: string) => Buffer.from(b64, 'base64');
/** Every key of the catalogue with its format and its generated value (first run). */
const generated = () => SHARED_SECRETS.flatMap((spec) => spec.keys.map(({ key, format }) => ({
  spec, key, format, value: runs[0].find((s) => s.metadata.name === `gitlab-${spec.suffix}`)!.stringData[key],
})));
const ofKind = <K extends SecretFormat['kind']>(kind: K) => generated().filter((g) => g.format.kind === kind) as (ReturnType<typeof generated>[number] & { format: Extract<SecretFormat, { kind: K }> })[];

describe('gitlab-iac secrets', () => {
  it('prints, with --all, one Opaque Secret per catalogue entry, named <release>-<suffix>, labelled as generated (never with the objects\' prune label)', () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(runs[0].map((s) => s.metadata.name)).toEqual(SHARED_SECRETS.map((s) => `gitlab-${s.suffix}`));
    for (const secret of runs[0]) {
      expect(secret).toMatchObject({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { namespace: 'gitlab-ns' } });
      expect(secret.metadata.labels).toEqual({ 'gitlab-iac.io/secret': 'generated', 'gitlab-iac.io/release': 'gitlab' });
    }
  });

  it('fills every key of every entry, and nothing else', () => {
    for (const spec of SHARED_SECRETS) {
      const secret = runs[0].find((s) => s.metadata.name === `gitlab-${spec.suffix}`)!;
      expect(Object.keys(secret.stringData)).toEqual(spec.keys.map((k) => k.key));
      for (const value of Object.values(secret.stringData)) expect(value.length).toBeGreaterThan(0);
    }
  });

  it('gives different values on every run', () => {
    for (const [i, secret] of runs[0].entries()) {
      for (const [key, value] of Object.entries(secret.stringData)) {
        expect(runs[1][i].stringData[key], `${secret.metadata.name}/${key}`).not.toBe(value);
      }
    }
  });

  it('starts with a comment that says to create the Secrets once and never replace them', () => {
    expect(first.stdout).toMatch(/^# \d+ shared Secrets for GitLab \(release "gitlab", namespace "gitlab-ns"\)/);
    expect(first.stdout).toContain('kubectl create -f');
  });
});

describe('gitlab-iac secrets: formats', () => {
  it('alphanumeric values have the catalogue length', () => {
    for (const { key, format, value } of ofKind('alnum')) expect(value, key).toMatch(new RegExp(`^[A-Za-z0-9]{${format.length}}$`));
  });

  it('base64 values decode to alphanumerics, lower-case alphanumerics or random bytes of the catalogue length', () => {
    for (const { format, value } of ofKind('base64-alnum')) expect(decode(value).toString()).toMatch(new RegExp(`^[A-Za-z0-9]{${format.length}}$`));
    for (const { format, value } of ofKind('base64-lower-alnum')) expect(decode(value).toString()).toMatch(new RegExp(`^[a-z0-9]{${format.length}}$`));
    for (const { format, value } of ofKind('base64-bytes')) {
      expect(value).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(decode(value).length).toBe(format.bytes);
    }
    expect(ofKind('base64-alnum').length + ofKind('base64-lower-alnum').length + ofKind('base64-bytes').length).toBeGreaterThan(0);
  });

  it('the list literal holds one alphanumeric string', () => {
    for (const { format, value } of ofKind('alnum-list')) {
      const list = JSON.parse(value);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatch(new RegExp(`^[A-Za-z0-9]{${format.length}}$`));
    }
  });

  it('secrets.yml holds the eight Rails keys under production, in their formats', () => {
    const [{ value }] = ofKind('rails-secrets');
    const { production } = parse(value);
    expect(Object.keys(production).sort()).toEqual([
      'active_record_encryption_deterministic_key', 'active_record_encryption_key_derivation_salt', 'active_record_encryption_primary_key',
      'db_key_base', 'encrypted_settings_key_base', 'openid_connect_signing_key', 'otp_key_base', 'secret_key_base',
    ]);
    for (const k of ['secret_key_base', 'otp_key_base', 'db_key_base', 'encrypted_settings_key_base']) expect(production[k]).toMatch(/^[0-9a-f]{128}$/);
    const oidc = createPrivateKey(production.openid_connect_signing_key);
    expect(oidc.asymmetricKeyType).toBe('rsa');
    expect(oidc.asymmetricKeyDetails?.modulusLength).toBe(2048);
    for (const k of ['active_record_encryption_primary_key', 'active_record_encryption_deterministic_key']) {
      expect(production[k]).toHaveLength(1);
      expect(production[k][0]).toMatch(/^[A-Za-z0-9]{32}$/);
    }
    expect(production.active_record_encryption_key_derivation_salt).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('the registry certificate is self-signed for the issuer, valid for 3650 days, and matches the RSA-4096 key', () => {
    for (const { spec, format, value } of ofKind('rsa-key')) {
      const secret = runs[0].find((s) => s.metadata.name === `gitlab-${spec.suffix}`)!;
      const key = createPrivateKey(value);
      expect(key.asymmetricKeyDetails?.modulusLength).toBe(format.bits);
      const cert = new X509Certificate(secret.stringData[format.certKey]);
      expect(cert.subject).toBe(`CN=${format.commonName}`);
      expect(cert.issuer).toBe(cert.subject);
      expect(cert.checkPrivateKey(key)).toBe(true);
      expect(cert.verify(createPublicKey(key))).toBe(true);
      const days = (Date.parse(cert.validTo) - Date.parse(cert.validFrom)) / 86_400_000;
      expect(Math.round(days)).toBe(3650);
    }
  });

  it('SSH host keys are OpenSSH private keys with authorized_keys-format public keys', () => {
    const prefix = { rsa: 'ssh-rsa ', ecdsa: 'ecdsa-sha2-nistp256 ', ed25519: 'ssh-ed25519 ' };
    const keys = ofKind('ssh-host-key');
    expect(keys.map((k) => k.format.type).sort()).toEqual(['ecdsa', 'ed25519', 'rsa']);
    for (const { spec, key, format, value } of keys) {
      const pub = runs[0].find((s) => s.metadata.name === `gitlab-${spec.suffix}`)!.stringData[`${key}.pub`];
      expect(value).toMatch(/^-----BEGIN OPENSSH PRIVATE KEY-----\n[\s\S]+\n-----END OPENSSH PRIVATE KEY-----\n$/);
      expect(pub.startsWith(prefix[format.type])).toBe(true);
      expect(pub.endsWith('\n')).toBe(true);
    }
  });

  it.runIf(spawnSync('ssh-keygen', ['-?']).error === undefined)('ssh-keygen reads each host key and derives its .pub', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitlab-iac-ssh-'));
    try {
      for (const { spec, key, value } of ofKind('ssh-host-key')) {
        const file = join(dir, key);
        writeFileSync(file, value);
        chmodSync(file, 0o600);
        const derived = spawnSync('ssh-keygen', ['-y', '-f', file], { encoding: 'utf8' });
        expect(derived.status, derived.stderr).toBe(0);
        const pub = runs[0].find((s) => s.metadata.name === `gitlab-${spec.suffix}`)!.stringData[`${key}.pub`];
        expect(derived.stdout.split(' ').slice(0, 2)).toEqual(pub.split(' ').slice(0, 2));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gitlab-iac secrets: which Secrets', () => {
  const names = (run: { stdout: string }) => generatedOnly(parseAllDocuments(run.stdout).map((d) => d.toJSON() as Secret)).map((d) => d.metadata.name);
  const expected = (features: Parameters<typeof sharedSecretNeeded>[1]) =>
    SHARED_SECRETS.filter((s) => sharedSecretNeeded(s, features)).map((s) => `gitlab-${s.suffix}`);

  it('generates by default the Secrets of the default install (KAS on, optional features off)', async () => {
    const run = await runCli('secrets', '--namespace', 'ns');
    expect(names(run)).toEqual(expected({}));
    expect(names(run)).toContain('gitlab-gitlab-kas-secret');
    expect(names(run)).not.toContain('gitlab-praefect-secret');
  });

  it('adds and removes the Secrets of features with --with and --without', async () => {
    const run = await runCli('secrets', '--namespace', 'ns', '--with', 'praefect', 'pages', '--without', 'kas');
    expect(names(run)).toEqual(expected({ praefect: true, pages: true, kas: false }));
    expect(names(run)).toContain('gitlab-praefect-secret');
    expect(names(run)).not.toContain('gitlab-gitlab-kas-secret');
  });

  it('refuses an unknown feature with exit 2, listing the known ones', async () => {
    const run = await runCli('secrets', '--namespace', 'ns', '--with', 'bogus');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'bogus' is invalid. Allowed choices are kas, praefect");
  });

  it('generates what the platform of a values file needs, under its names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitlab-iac-secrets-'));
    try {
      const kasOff = join(dir, 'kas-off.yaml');
      writeFileSync(kasOff, 'global:\n  kas:\n    enabled: false\n');
      const run = await runCli('secrets', '--namespace', 'ns', '--release', 'prod', '--values', AWS_PRODUCTION_VALUES, '--values', kasOff);
      expect(run.code).toBe(0);
      expect(names(run)).toEqual(SHARED_SECRETS.filter((s) => sharedSecretNeeded(s, { kas: false })).map((s) => `prod-${s.suffix}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses values the synth would refuse, before generating anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gitlab-iac-secrets-'));
    try {
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, 'global:\n  psql:\n    port: 70000\n');
      const run = await runCli('secrets', '--namespace', 'ns', '--values', AWS_PRODUCTION_VALUES, '--values', bad);
      expect(run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('global.psql.port: got 70000') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gitlab-iac secrets: command line', () => {
  it('names the Secrets after --release', async () => {
    const run = await runCli('secrets', '--namespace', 'ns', '--release', 'prod', '--all');
    expect(generatedOnly(parseAllDocuments(run.stdout).map((d) => d.toJSON() as Secret)).map((d) => d.metadata.name)).toEqual(SHARED_SECRETS.map((s) => `prod-${s.suffix}`));
  });

  it('exits 2 without --namespace', async () => {
    const run = await runCli('secrets');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("required option '-n, --namespace <namespace>' not specified");
    expect(run.stdout).toBe('');
  });

  it('exits 1 with a clear message for a namespace that is not a DNS label', async () => {
    const run = await runCli('secrets', '--namespace', 'Bad_NS');
    expect(run).toEqual({ code: 1, stdout: '', stderr: expect.stringMatching(/^Invalid --namespace "Bad_NS": use a DNS label/) });
  });
});
