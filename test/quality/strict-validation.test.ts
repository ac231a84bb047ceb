import { describe, expect, it } from 'vitest';
import { GitLabConfigError, GitLabPlatformProps } from '../../constructs';
import { compareQuantities, parseQuantity } from '../../constructs/config/common/rules';
import { productionProps } from '../support/fixtures';
import { synthPlatform } from '../support/synth';
import { refusal as valuesRefusal, withValues } from '../values/helpers';

/**
 * What the API server (or S3, or Ruby's ERB) would refuse later is refused up front, with the setting's path, the
 * bad value, what is allowed and the fix: a user never learns of it from a failed apply or a broken pod.
 */

const base = productionProps();
type Props = Record<string, any>;
function withSetting(path: string, value: unknown): GitLabPlatformProps {
  const props: Props = structuredClone(base);
  const keys = path.split('.');
  let node = props;
  for (const k of keys.slice(0, -1)) node = node[k] ??= {};
  node[keys[keys.length - 1]] = value;
  return props as GitLabPlatformProps;
}

function refusal(props: GitLabPlatformProps): GitLabConfigError {
  try {
    synthPlatform(props);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw new Error(`expected a GitLabConfigError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
  }
  throw new Error('the configuration was accepted');
}

const big = (n: number) => 'x'.repeat(n);
interface Case { readonly what: string; readonly path: string; readonly value: unknown; readonly at?: string }
const CASES: readonly Case[] = [
  { what: 'a CPU request above its limit (500m vs 250m)', path: 'components.sidekiq.resources', value: { requests: { cpu: '500m' }, limits: { cpu: '250m' } } },
  { what: 'a memory request above its limit across units (1Gi vs 1000Mi)', path: 'components.webservice.resources', value: { requests: { memory: '1Gi' }, limits: { memory: '1000Mi' } } },
  { what: 'a CPU request above its limit (1.5 vs 1)', path: 'components.kas.resources', value: { requests: { cpu: '1.5' }, limits: { cpu: '1' } } },
  { what: 'a customCAs key that climbs out of the volume', path: 'customCAs', value: [{ secret: 'corp-ca', keys: ['../x'] }], at: 'customCAs[0].keys[0]' },
  { what: 'a customCAs key that starts with ..', path: 'customCAs', value: [{ secret: 'corp-ca', keys: ['..ca.crt'] }], at: 'customCAs[0].keys[0]' },
  { what: 'the same CA key projected twice', path: 'customCAs', value: [{ secret: 'a-ca', keys: ['ca.crt'] }, { secret: 'b-ca', keys: ['ca.crt'] }], at: 'customCAs[1].keys' },
  { what: 'a Gitaly volume of size 0', path: 'components.gitaly.persistence', value: { size: '0' }, at: 'components.gitaly.persistence.size' },
  { what: 'a Gitaly volume of size 0Gi', path: 'components.gitaly.persistence', value: { size: '0Gi' }, at: 'components.gitaly.persistence.size' },
  { what: 'a negative Gitaly volume size', path: 'components.gitaly.persistence', value: { size: '-5Gi' }, at: 'components.gitaly.persistence.size' },
  { what: 'a malformed Gitaly volume size', path: 'components.gitaly.persistence', value: { size: '50 GB' }, at: 'components.gitaly.persistence.size' },
  { what: 'pod annotations over 256 KiB in all', path: 'components.sidekiq.podAnnotations', value: { 'a.example.com/one': big(200_000), 'a.example.com/two': big(100_000) } },
  { what: 'a Secret key of 300 characters', path: 'postgres.password', value: { name: 'pg', key: big(300) }, at: 'postgres.password.key' },
  { what: 'a Secret key starting with ..', path: 'postgres.password', value: { name: 'pg', key: '..data' }, at: 'postgres.password.key' },
  { what: 'a Secret key with a slash', path: 'secretKeys', value: { gitaly: 'a/b' }, at: 'secretKeys.gitaly' },
  { what: 'a 64-character namespace', path: 'namespace', value: `a${big(63)}` },
  { what: 'a 64-character label in a host name', path: 'hosts.domain', value: `${'a'.repeat(64)}.example.com` },
  { what: 'a 254-character Secret name', path: 'postgres.password', value: { name: 'a'.repeat(254), key: 'password' }, at: 'postgres.password.name' },
  { what: 'a bucket named like an IP address', path: 'objectStorage.buckets.artifacts', value: '192.168.1.1' },
  { what: 'a bucket with two dots in a row', path: 'objectStorage.buckets.lfs', value: 'my..bucket' },
  { what: 'a bucket with a dot next to a hyphen', path: 'objectStorage.buckets.uploads', value: 'my.-bucket' },
  { what: 'a bucket with upper-case letters', path: 'objectStorage.backupBucket', value: 'MyBackups' },
  { what: 'a bucket of two characters', path: 'objectStorage.backupTmpBucket', value: 'ab' },
  { what: 'a bucket of 64 characters', path: 'objectStorage.buckets.packages', value: 'b'.repeat(64) },
  { what: 'a bucket with the reserved xn-- prefix', path: 'objectStorage.buckets.pages', value: 'xn--gitlab' },
  { what: 'a bucket with the reserved -s3alias suffix', path: 'components.registry.bucket', value: 'registry-s3alias' },
  { what: 'an unknown time zone', path: 'timeZone', value: 'Mars/Olympus_Mons' },
  { what: 'a time zone written as an offset', path: 'timeZone', value: '+02:00' },
  { what: 'a user label app (the platform sets it)', path: 'labels', value: { app: 'mine' }, at: 'labels.app' },
  { what: 'a pod label app.kubernetes.io/name (the platform sets it)', path: 'podLabels', value: { 'app.kubernetes.io/name': 'mine' }, at: 'podLabels.app.kubernetes.io/name' },
  { what: 'a component pod label release (the platform sets it)', path: 'components.sidekiq.podLabels', value: { release: 'x' }, at: 'components.sidekiq.podLabels.release' },
  { what: 'a Gitaly volume label app (the platform sets it)', path: 'components.gitaly.persistence', value: { labels: { app: 'x' } }, at: 'components.gitaly.persistence.labels.app' },
  { what: 'an ERB expression in postgres.applicationName', path: 'postgres.applicationName', value: '<%= `id` %>' },
  { what: 'an ERB expression in a component PostgreSQL applicationName', path: 'components.sidekiq.postgres', value: { applicationName: 'x<% system("id") %>' }, at: 'components.sidekiq.postgres.applicationName' },
  { what: 'a gomplate expression in a registry manifest URL rule', path: 'components.registry.validation', value: { manifests: { urls: { allow: ['{% file.Read "/etc/passwd" %}'] } } }, at: 'components.registry.validation.manifests.urls.allow[0]' },
  { what: 'a line break in postgres.applicationName', path: 'postgres.applicationName', value: 'a\nb' },
  { what: 'a label key whose name part has 64 characters', path: 'components.kas.podLabels', value: { [`example.com/${'k'.repeat(64)}`]: 'v' }, at: `components.kas.podLabels.example.com/${'k'.repeat(64)} (key)` },
];

describe('validation as strict as the API server', () => {
  it.each(CASES)('refuses $what', ({ path, value, at }) => {
    const error = refusal(withSetting(path, value));
    const issue = error.issues.find((i) => i.path === (at ?? path));
    expect(issue, error.message).toBeDefined();
    expect(issue!.allowed.length).toBeGreaterThan(0);
    expect(issue!.fix.length).toBeGreaterThan(0);
    expect(error.message).not.toMatch(/^\s+at\s/m);
  });

  it.each([
    ['requests equal to limits across units', 'components.sidekiq.resources', { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } }],
    ['a request under its limit (500m vs 1)', 'components.sidekiq.resources', { requests: { cpu: '500m' }, limits: { cpu: '1' } }],
    ['a bucket with dots', 'objectStorage.buckets.artifacts', 'gl.artifacts.example'],
    ['an Etc time zone', 'timeZone', 'Etc/GMT+2'],
    ['a tz database link', 'timeZone', 'US/Eastern'],
    ['UTC', 'timeZone', 'UTC'],
    ['a plain application name', 'postgres.applicationName', 'gitlab-rails (eu-1) {{ not a template }}'],
    ['a label the platform does not set', 'podLabels', { team: 'platform', 'app.kubernetes.io/component': 'web' }],
    ['annotations just under 256 KiB', 'components.sidekiq.podAnnotations', { 'a.example.com/one': big(200_000) }],
  ])('accepts %s', (_what, path, value) => {
    expect(synthPlatform(withSetting(path, value)).length).toBeGreaterThan(0);
  });

  it('compares quantities exactly, whatever their units', () => {
    const cmp = (a: string, b: string) => compareQuantities(parseQuantity(a)!, parseQuantity(b)!);
    expect(cmp('500m', '1')).toBeLessThan(0);
    expect(cmp('1Gi', '1000Mi')).toBeGreaterThan(0);
    expect(cmp('1G', '1000M')).toBe(0);
    expect(cmp('1Ki', '1k')).toBeGreaterThan(0);
    expect(cmp('0.1', '100m')).toBe(0);
    expect(cmp('1e3', '1k')).toBe(0);
    expect(cmp('2.5G', '2500Mi')).toBeLessThan(0);
  });

  it('refuses the same faults in a values file, naming the values keys', () => {
    const error = valuesRefusal(withValues({
      global: { psql: { applicationName: '<%= `id` %>' }, pod: { labels: { app: 'x' } }, time_zone: 'Mars/Base' },
      gitlab: { gitaly: { persistence: { size: '0' } } },
    }));
    const paths = error.issues.map((i) => i.path);
    expect(paths, error.message).toEqual(expect.arrayContaining(['global.psql.applicationName', 'global.pod.labels.app', 'global.time_zone', 'gitlab.gitaly.persistence.size']));
  });
});

describe('the cluster integrations apply the same label rules', () => {
  it('refuses a runner label value the API server refuses and a label the platform sets', async () => {
    const { App, Chart } = await import('cdk8s');
    const { GitLabRunner } = await import('../../constructs');
    const app = new App();
    let error: unknown;
    try {
      new GitLabRunner(new Chart(app, 'c'), 'runner', {
        gitlabUrl: 'https://gitlab.example.com', token: { name: 'runner-token' }, labels: { app: 'mine', team: 'platform team' },
      } as any);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GitLabConfigError);
    const paths = (error as GitLabConfigError).issues.map((i) => i.path);
    expect(paths, (error as Error).message).toEqual(expect.arrayContaining(['GitLabRunner(runner).labels.team', 'GitLabRunner(runner).labels.app']));
  });
});
