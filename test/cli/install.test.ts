import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GitLabConfigError } from '../../constructs';
import { spawnSync } from 'node:child_process';
import { installSteps, RUNNER_TOKEN_PLACEHOLDER } from '../../constructs/cli/install-steps';
import { assertValidSynth } from '../../constructs/testing';
import { secretReferences } from '../../constructs/secrets/references';
import { kubectlBinary } from '../support/kubectl';
import { synthPlatform } from '../support/synth';
import { AWS_PRODUCTION_VALUES } from '../values/helpers';
import { ROOT, runCli } from './run';

type Doc = { kind: string; type?: string; metadata: { name: string; labels?: Record<string, string> }; stringData?: Record<string, string> };
const docsOf = (text: string) => parseAllDocuments(text).map((d) => d.toJSON() as Doc).filter(Boolean);
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

let work = '';
let manifests: Doc[] = [];
let secrets = { code: 0, stdout: '', stderr: '' };
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gitlab-iac-install-'));
  const synth = await runCli('synth', '-f', AWS_PRODUCTION_VALUES, '--create-namespace', '--out', '-');
  expect(synth.code).toBe(0);
  manifests = docsOf(synth.stdout);
  secrets = await runCli('secrets', '-n', 'gitlab', '-f', AWS_PRODUCTION_VALUES);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('day 0: from synth to a running GitLab', () => {
  it('synth --out - writes the manifests to stdout, the Namespace first, and the next steps to stderr', async () => {
    expect(manifests[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'gitlab', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    // Never selected by the deploy pipeline's default prune selector: deleting it would take every volume with it.
    expect(manifests[0].metadata.labels!['app.kubernetes.io/managed-by']).toBeUndefined();
    expect(manifests.filter((d) => d.kind === 'Namespace')).toHaveLength(1);
    assertValidSynth(manifests as never);
  });

  it('the Namespace object is a typed setting, checked like every other', () => {
    expect(synthPlatform({ ...minimal(), namespaceObject: { labels: { team: 'a' } } })[0].metadata.labels!.team).toBe('a');
    expect(() => synthPlatform({ ...minimal(), namespaceObject: 'yes' as never })).toThrow(GitLabConfigError);
  });

  it('cli secrets prints every Secret the manifests read, with every key they read', () => {
    expect(secrets.code).toBe(0);
    const printed = new Map(docsOf(secrets.stdout).map((d) => [d.metadata.name, d]));
    const refs = secretReferences(manifests as never);
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) {
      const s = printed.get(r.name);
      expect(s, `Secret ${r.name}`).toBeDefined();
      for (const key of r.keys) expect(Object.keys(s!.stringData ?? {}), `${r.name}/${key}`).toContain(key);
      if (r.type !== 'Opaque') expect(s!.type).toBe(r.type);
    }
    const external = [...printed.values()].filter((d) => d.metadata.labels?.['gitlab-iac.io/secret'] === 'external').map((d) => d.metadata.name).sort();
    expect(external).toEqual(['gitlab-postgres-password', 'gitlab-rails-storage', 'gitlab-redis-password', 'gitlab-tls', 'registry-storage', 's3cmd-config']);
  });

  it('external credentials are skeletons in the formats the images read, with unmistakable placeholders', () => {
    const printed = new Map(docsOf(secrets.stdout).map((d) => [d.metadata.name, d]));
    expect(printed.get('gitlab-tls')).toMatchObject({ type: 'kubernetes.io/tls', stringData: { 'tls.crt': expect.stringContaining('REPLACE-ME'), 'tls.key': expect.stringContaining('REPLACE-ME') } });
    const fog = printed.get('gitlab-rails-storage')!.stringData!.connection;
    expect(fog).toMatch(/^provider: AWS\nregion: REPLACE-ME-region\n/);
    expect(printed.get('s3cmd-config')!.stringData!.config).toMatch(/^\[default\]\n/);
    expect(printed.get('registry-storage')!.stringData!.config).toMatch(/^s3:\n {2}bucket: /);
  });

  it('secrets --check refuses a file with placeholders left, naming each, and accepts it once they are filled in', async () => {
    const file = join(work, 'secrets.yaml');
    writeFileSync(file, secrets.stdout);
    const refused = await runCli('secrets', '--check', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${file}: gitlab-postgres-password/password`);
    expect(refused.stderr).toContain(`${file}: gitlab-tls/tls.key`);
    writeFileSync(file, secrets.stdout.replace(/REPLACE-ME-[\w.:-]*/g, 'filled-in'));
    expect(await runCli('secrets', '--check', file)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+ Secrets checked in .*: no REPLACE-ME placeholder left/) });
  });

  it('no Secret of cli secrets carries a label of the platform\'s objects (no prune selector of theirs selects them)', () => {
    const objectLabelKeys = new Set(manifests.filter((d) => d.kind !== 'Secret').flatMap((d) => Object.keys(d.metadata.labels ?? {})));
    for (const s of docsOf(secrets.stdout)) {
      for (const key of Object.keys(s.metadata.labels ?? {})) expect(objectLabelKeys.has(key), `${s.metadata.name}: ${key}`).toBe(false);
    }
  });
});

describe('day 0 with the chart\'s bundled runner (gitlab-runner.install, on by default)', () => {
  it('ends with creating the runner token Secret, named and keyed as the runner reads it, in a command a real kubectl takes', async () => {
    const values = join(work, 'runner.yaml');
    writeFileSync(values, 'global:\n  hosts:\n    domain: example.com\n');
    const synth = await runCli('synth', '-f', values, '--out', '-');
    expect(synth.code).toBe(0);
    const steps = synth.stderr.split('\n').filter((l) => /^\s+\d+\. /.test(l)).map((l) => l.replace(/^\s+\d+\. /, ''));
    const last = steps[steps.length - 1];
    // The Secret the runner's pod reads its token from (secrets.yaml cannot hold it: GitLab makes it once running).
    const read = secretReferences(docsOf(synth.stdout) as never).find((r) => r.keys.includes('runner-token'))!;
    expect(read).toBeDefined();
    expect(last).toContain(`create secret generic ${read.name} --from-literal=runner-token=${RUNNER_TOKEN_PLACEHOLDER}`);
    const command = last.split('  #')[0].split(' ');
    expect(command[0]).toBe('kubectl');
    const r = spawnSync(kubectlBinary('1.35'), [...command.slice(1), '--dry-run=client', '-o', 'json'], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '' } });
    expect(r.status, r.stderr).toBe(0);
    const secret = JSON.parse(r.stdout);
    expect([secret.kind, secret.metadata.name, secret.metadata.namespace, Object.keys(secret.data)]).toEqual(['Secret', read.name, read.namespace ?? 'gitlab', ['runner-token']]);
    // Not among the Secrets `secrets` prints up front.
    expect(docsOf((await runCli('secrets', '-n', 'gitlab', '-f', values)).stdout).map((d) => d.metadata?.name)).not.toContain(read.name);
  });

  it('has no runner step when the values leave the runner out', async () => {
    const values = join(work, 'no-runner.yaml');
    writeFileSync(values, 'global:\n  hosts:\n    domain: example.com\ngitlab-runner:\n  install: false\n');
    const synth = await runCli('synth', '-f', values, '--out', '-');
    expect(synth.code).toBe(0);
    expect(synth.stderr).not.toContain('runner-token');
  });
});

describe('the README and the CLI agree', () => {
  const section = README.slice(README.indexOf('## Install on a cluster'));
  const block = section.slice(section.indexOf('```shell\n') + 9, section.indexOf('```', section.indexOf('```shell\n') + 9)).trim().split('\n');

  it('the README\'s install commands are the ones cli synth prints (default names)', async () => {
    const synth = await runCli('synth', '-f', AWS_PRODUCTION_VALUES, '--create-namespace', '--out', join(work, 'dist'));
    const printed = synth.stderr.split('\n').filter((l) => /^\s+\d+\. /.test(l)).map((l) => l.replace(/^\s+\d+\. /, ''));
    const expected = installSteps({ namespace: 'gitlab', release: 'gitlab', secrets: { initialRootPassword: 'gitlab-gitlab-initial-root-password' } as never,
      secretKeys: { initialRootPassword: 'password' } as never, components: { webservice: { deployments: [{ name: 'default' }] } } as never },
    { values: ['values.yaml'], manifests: 'dist/gitlab.k8s.yaml', namespaceObject: true });
    expect(block).toEqual(['gitlab-iac synth -f values.yaml --create-namespace --out dist', ...expected]);
    expect(printed.map((l) => l.replace(AWS_PRODUCTION_VALUES, 'values.yaml').replace(join(work, 'dist'), 'dist'))).toEqual(expected);
  });

  it('every gitlab-iac command the README shows exists with those options', async () => {
    const commands = [...README.matchAll(/(?:^|`|\s)(?:gitlab-iac|npm run --silent cli --) ((?:synth|secrets|ci)\b[^`\n|>&#]*)/gm)].map((m) => m[1].trim());
    expect(commands.length).toBeGreaterThan(5);
    const helps = new Map<string, string>();
    for (const c of commands) {
      const name = c.startsWith('ci ') ? c.split(' ').slice(0, 2).join(' ') : c.split(' ')[0];
      if (!helps.has(name)) helps.set(name, (await runCli(...name.split(' '), '--help')).stdout);
      for (const option of c.match(/--[a-z][-a-z]*/g) ?? []) expect(helps.get(name), `${name} ${option} (README: ${c})`).toContain(option);
    }
  });

  it('the README creates the Secrets with kubectl create, as the CLI\'s help advises, never with apply', async () => {
    const help = (await runCli('secrets', '--help')).stdout;
    expect(help).toContain('kubectl create -f secrets.yaml');
    expect(help).toMatch(/Never replace existing ones/);
    expect(README).toContain('kubectl create -f secrets.yaml');
    expect(README).not.toMatch(/secrets[^\n]*\|\s*kubectl apply/);
    expect(README).not.toMatch(/kubectl apply[^\n]*secrets\.yaml/);
  });
});

function minimal() {
  return {
    hosts: { domain: 'example.com' },
    postgres: { host: 'db.example.com', password: { name: 'gitlab-postgres-password' } },
    redis: { host: 'redis.example.com', password: { name: 'gitlab-redis-password' } },
    objectStorage: { connection: { name: 'gitlab-rails-storage' } },
    ingress: { tls: { secretName: 'gitlab-tls' } },
    components: { registry: { storage: { name: 'registry-storage' } } },
  };
}

describe('CLI polish', () => {
  it.each([
    [['synth'], ['--values', '--out']],
    [['secrets'], ['--namespace']],
    [['ci', 'pipeline'], ['--agent']],
    [['ci', 'agent-config'], ['--name']],
  ])('%s --help marks its required options', async (command, required) => {
    const help = (await runCli(...command, '--help')).stdout;
    for (const option of required) expect(help.split('\n').find((l) => l.includes(option)), option).toMatch(/\(required/);
  });

  it.each([['synth'], ['secrets'], ['ci', 'pipeline'], ['ci', 'agent-config']])('%s reports an unknown option as unknown, not as a missing one', async (...command) => {
    const run = await runCli(...command, '--bogus');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown option '--bogus'");
    expect(run.stderr).not.toContain('required option');
  });
});
