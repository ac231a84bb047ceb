import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CNPG_OPERATOR_VERSION } from '../../constructs/data-services/images';
import { BIN, ensureBin, ROOT } from '../cli/run';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { restrictedViolations } from '../support/pod-security';
import { KubeObject } from '../support/synth';

/**
 * Follows the README's "Evaluate on any cluster" steps on this repository, in a scratch directory, up to the point
 * where a cluster is needed: each `npm run --silent cli --` line runs the real bin; each kubectl line is checked
 * against what the previous steps produced (the objects it names exist, what it applies is valid).
 */
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Evaluate on any cluster'), readme.indexOf('\n## ', readme.indexOf('## Evaluate on any cluster') + 5));
const steps = /```shell\n([\s\S]*?)```/.exec(section)![1].trim().split('\n');

let dir: string;
let secrets: KubeObject[] = [];
let applied: KubeObject[] = [];
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJSON()).filter(Boolean) as KubeObject[];

beforeAll(() => {
  ensureBin();
  dir = mkdtempSync(join(tmpdir(), 'gitlab-iac-evaluation-'));
  mkdirSync(join(dir, 'examples'));
  copyFileSync(join(ROOT, 'examples/evaluation-values.yaml'), join(dir, 'examples/evaluation-values.yaml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README: Evaluate on any cluster', () => {
  it('names the pinned CloudNativePG release the CRDs and the README agree on', () => {
    expect(section).toContain(`releases/cnpg-${CNPG_OPERATOR_VERSION}.yaml`);
    expect(section).toContain(`release-${CNPG_OPERATOR_VERSION.split('.').slice(0, 2).join('.')}`);
  });

  it('the steps run in order, each against what the previous ones produced', () => {
    expect(steps[0]).toBe('npm ci'); // done: this test runs in the installed repository
    for (const step of steps.slice(1)) {
      const [command, pipe] = step.split(' | ');
      if (command.startsWith('npm run --silent cli -- ')) {
        const args = command.replace('npm run --silent cli -- ', '').split(' ');
        const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        expect(r.status, `${step}\n${r.stderr}`).toBe(0);
        // The synth says once on stderr that these services are not for production.
        // (Beside the add-on notices: what to install instead of the chart's bundled NGINX, cert-manager, ...)
        if (args[0] === 'synth') expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('notice: '))).toEqual([expect.stringContaining('not production')]);
        if (args[0] === 'secrets') {
          expect(pipe).toBe('kubectl create -f -');
          secrets = docs(r.stdout);
        }
      } else if (step === 'kubectl create namespace gitlab') {
        continue;
      } else if (step.startsWith('kubectl apply --server-side -f ')) {
        const file = join(dir, step.split(' -f ')[1]);
        expect(existsSync(file), file).toBe(true);
        applied = docs(readFileSync(file, 'utf8'));
      } else if (step.startsWith('kubectl -n gitlab wait ')) {
        const [kind, name] = step.split(' ').find((w) => w.includes('/'))!.split('/');
        const kinds: Record<string, string> = { cluster: 'Cluster', deployment: 'Deployment' };
        expect(applied.some((o) => o.kind === kinds[kind] && o.metadata.name === name), step).toBe(true);
      } else if (step.startsWith('kubectl -n gitlab get secret ')) {
        const name = step.split(' ')[5];
        const key = /\{\.data\.([\w-]+)\}/.exec(step)![1];
        expect(secrets.find((s) => s.metadata.name === name)?.stringData?.[key], step).toMatch(/^[A-Za-z0-9]{32,}$/);
      } else {
        throw new Error(`the test does not know this README step: ${step}`);
      }
    }
  });

  it('kubectl create -f - gets valid Secrets for every Secret the platform reads, the in-cluster services\' included', () => {
    expect(secrets.every((s) => s.kind === 'Secret' && s.metadata.namespace === 'gitlab')).toBe(true);
    expect(validateObjects(secrets, '1.33')).toEqual([]);
    const names = secrets.map((s) => s.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['gitlab-rails-secret', 'gitlab-gitlab-initial-root-password', 'gitlab-redis-secret', 'gitlab-garage', 'gitlab-object-storage']));
    const referenced = new Set(JSON.stringify(applied).match(/"secretKeyRef":\{"key":"[^"]+","name":"[^"]+"|"secret":\{"name":"[^"]+"/g)!
      .map((m) => /"name":"([^"]+)"/.exec(m)![1]));
    // CloudNativePG writes <cluster>-app itself once the Cluster exists.
    expect([...referenced].filter((n) => !names.includes(n) && n !== 'gitlab-postgresql-app')).toEqual([]);
  });

  it('kubectl apply gets a complete platform, strictly valid on 1.33-1.36 (CloudNativePG CRDs included) and PSS-restricted', () => {
    for (const kind of ['Cluster', 'StatefulSet', 'Job', 'Deployment', 'Ingress', 'NetworkPolicy']) expect(applied.some((o) => o.kind === kind), kind).toBe(true);
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(applied, version, VENDORED_CRDS)).toEqual([]);
    expect(restrictedViolations(applied)).toEqual([]);
    const ingress = applied.find((o) => o.kind === 'Ingress' && o.metadata.name === 'gitlab-webservice-default')!;
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.rules[0].host).toBe('gitlab.127.0.0.1.nip.io');
  });

  it('examples/evaluation.ts synthesizes GitLab with in-cluster services from a domain alone', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'examples/evaluation.ts'), 'example.org'],
      { cwd: dir, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const objects = docs(readFileSync(join(dir, 'dist/evaluation/gitlab.k8s.yaml'), 'utf8'));
    expect(objects.find((o) => o.kind === 'Cluster')?.metadata.name).toBe('gitlab-postgresql');
    expect(objects.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'gitlab-valkey')).toBe(true);
    expect(objects.some((o) => o.kind === 'StatefulSet' && o.metadata.name === 'gitlab-garage')).toBe(true);
    expect(objects.find((o) => o.kind === 'Ingress' && o.metadata.name === 'gitlab-webservice-default')?.spec.rules[0].host).toBe('gitlab.example.org');
    expect(validateObjects(objects, '1.36', VENDORED_CRDS)).toEqual([]);
  });
});
