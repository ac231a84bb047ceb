import { App, Chart } from 'cdk8s';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { FluxSync, GitLabPlatform, pushDeployPipeline } from '../../constructs';
import { phasedApplyLines } from '../../constructs/upgrades/delivery';
import { productionProps } from '../support/fixtures';
import { KubectlMinor, kubectlBinary, unreachableKubeconfig } from '../support/kubectl';
import { one, synth } from '../cluster/support';

/**
 * The push pipeline applies the platform in GitLab's upgrade order. These tests run the generated lines with `sh -e`:
 * once with a stand-in kubectl that answers like a cluster and records each call (the order), and once with the
 * real kubectl 1.33 and 1.35 against a cluster that does not answer (every flag accepted).
 */
let work: string;
beforeAll(() => { work = mkdtempSync(join(tmpdir(), 'gitlab-iac-delivery-')); });
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

function platformDir(): string {
  const cwd = mkdtempSync(join(work, 'job-'));
  const app = new App({ outdir: join(cwd, 'dist') });
  new GitLabPlatform(new Chart(app, 'gitlab', { disableResourceNameHashes: true }), 'platform', productionProps());
  app.synth();
  return cwd;
}

/** A kubectl that records its arguments and answers apply -o name from the files, get with Complete. */
const FAKE_KUBECTL = `#!/bin/sh
echo "$*" >> "$KUBECTL_LOG"
case "$1" in
  apply)
    selector=""; prev=""
    for a in "$@"; do [ "$prev" = "-l" ] && selector="$a"; prev="$a"; done
    case "$selector" in
      *=pre-deployment) echo "job.batch/gitlab-migrations-pre-x"; echo "configmap/gitlab-migrations" ;;
      *!=post-deployment) echo "deployment.apps/gitlab-webservice-default"; echo "statefulset.apps/gitlab-gitaly"; echo "service/gitlab-webservice-default" ;;
      *=post-deployment) echo "job.batch/gitlab-migrations-post-x" ;;
    esac ;;
  get) echo "SuccessCriteriaMet Complete" ;;
esac
`;

describe('the push pipeline\'s upgrade order', () => {
  const deploy = parse(pushDeployPipeline({ agent: 'platform/cluster-management:production' }))['.gitlab-iac:apply'].script as string[];
  const lines = phasedApplyLines({ dir: 'dist', fieldManager: 'gitlab-iac' });

  test('the phased applies come after the namespace guard and before the pruning ApplySet apply', () => {
    const at = (l: string) => deploy.indexOf(l);
    expect(lines.every((l) => at(l) > 0)).toBe(true);
    expect(at(lines[2])).toBeLessThan(deploy.findIndex((l) => l.includes('--applyset')));
  });

  test('pre-deployment Job awaited, then every rollout, then the post-deployment Job', () => {
    const cwd = platformDir();
    const bin = join(cwd, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'kubectl'), FAKE_KUBECTL);
    chmodSync(join(bin, 'kubectl'), 0o755);
    const log = join(cwd, 'kubectl.log');
    const run = spawnSync('/bin/sh', ['-ec', lines.join('\n')], {
      cwd, encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, DEPLOY_NAMESPACE: 'gitlab', KUBECTL_LOG: log },
    });
    expect(run.status, run.stderr).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.replace(/ --namespace gitlab| --server-side| --field-manager=gitlab-iac| --recursive -f dist\//g, ''));
    expect(calls).toEqual([
      'apply -l gitlab-iac.io/phase=pre-deployment -o name',
      'get job.batch/gitlab-migrations-pre-x -o jsonpath={.status.conditions[?(@.status=="True")].type}',
      'wait --for=condition=complete --timeout=3600s job.batch/gitlab-migrations-pre-x',
      'apply -l gitlab-iac.io/phase!=post-deployment -o name',
      'rollout status --timeout=30m deployment.apps/gitlab-webservice-default',
      'rollout status --timeout=30m statefulset.apps/gitlab-gitaly',
      'apply -l gitlab-iac.io/phase=post-deployment -o name',
      'get job.batch/gitlab-migrations-post-x -o jsonpath={.status.conditions[?(@.status=="True")].type}',
      'wait --for=condition=complete --timeout=3600s job.batch/gitlab-migrations-post-x',
    ]);
  });

  test('manifests without phase labels (an application) skip the phased applies', () => {
    const cwd = mkdtempSync(join(work, 'app-'));
    mkdirSync(join(cwd, 'dist'));
    writeFileSync(join(cwd, 'dist', 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n');
    const run = spawnSync('/bin/sh', ['-ec', lines.join('\n')], { cwd, encoding: 'utf8', env: { PATH: '/nonexistent:/usr/bin:/bin', DEPLOY_NAMESPACE: 'app' } });
    expect(run.status, run.stderr).toBe(0);
  });

  test.each(['1.33', '1.35'] as KubectlMinor[])('real kubectl %s accepts every phased line; only the connection fails', (minor) => {
    const cwd = platformDir();
    writeFileSync(join(cwd, 'kubeconfig'), unreachableKubeconfig('platform/cluster-management:production'));
    const bin = kubectlBinary(minor);
    for (const line of lines) {
      const run = spawnSync('/bin/sh', ['-ec', `kubectl config use-context platform/cluster-management:production >/dev/null\n${line}`], {
        cwd, encoding: 'utf8', timeout: 60_000, env: { PATH: `${dirname(bin)}:/usr/bin:/bin`, HOME: cwd, KUBECONFIG: join(cwd, 'kubeconfig'), DEPLOY_NAMESPACE: 'gitlab' },
      });
      const output = `${run.stdout}${run.stderr}`;
      expect(output, line).toMatch(/connect: connection refused/);
      expect(output, line).not.toMatch(/unknown flag|unknown shorthand|invalid argument|cannot be used with/);
    }
  });
});

describe('Flux upgrade phases', () => {
  test('three Kustomizations: pre-deployment, the platform (after it), post-deployment (after the platform), each waiting for readiness', () => {
    const objects = synth((chart) => new FluxSync(chart, 'gitlab-platform', {
      source: { git: { url: 'https://gitlab.example.com/platform/manifests.git' } }, path: './dist', upgradePhases: true, dependsOn: ['infrastructure'],
    }));
    const ks = objects.filter((o) => o.kind === 'Kustomization').map((k) => [k.metadata.name, k.spec.path, k.spec.dependsOn, k.spec.wait]);
    expect(ks).toEqual([
      ['gitlab-platform-pre-deployment', './dist/pre-deployment', [{ name: 'infrastructure' }], true],
      ['gitlab-platform', './dist/deployment', [{ name: 'gitlab-platform-pre-deployment' }], true],
      ['gitlab-platform-post-deployment', './dist/post-deployment', [{ name: 'gitlab-platform' }], true],
    ]);
    expect(one(objects, 'GitRepository').metadata.name).toBe('gitlab-platform');
  });

  test('cli synth --phase-dirs writes the three directories; each builds with kubectl kustomize, together the whole platform', async () => {
    const { runCli } = await import('../cli/run');
    const { AWS_PRODUCTION_VALUES } = await import('../values/helpers');
    const whole = join(work, 'whole');
    const phased = join(work, 'phased');
    expect((await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', whole)).code).toBe(0);
    expect((await runCli('synth', '--values', AWS_PRODUCTION_VALUES, '--out', phased, '--phase-dirs')).code).toBe(0);
    const ids = (text: string) => parseAllDocuments(text).map((d) => d.toJSON()).filter(Boolean).map((o: any) => `${o.kind}/${o.metadata.name}`);
    const built = Object.fromEntries(['pre-deployment', 'deployment', 'post-deployment'].map((phase) => {
      const run = spawnSync(kubectlBinary('1.35'), ['kustomize', join(phased, phase)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(run.status, run.stderr).toBe(0);
      return [phase, ids(run.stdout)];
    }));
    expect(built['pre-deployment']).toEqual(expect.arrayContaining(['ConfigMap/gitlab-migrations', 'ConfigMap/gitlab-upgrade-check', expect.stringMatching(/^Job\/gitlab-migrations-pre-/)]));
    expect(built['post-deployment']).toEqual([expect.stringMatching(/^Job\/gitlab-migrations-post-/)]);
    expect([...built['pre-deployment'], ...built.deployment, ...built['post-deployment']].sort()).toEqual(ids(readFileSync(join(whole, 'gitlab.k8s.yaml'), 'utf8')).sort());
  });
});
