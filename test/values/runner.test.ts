import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { importHelmValues } from '../../constructs';
import { runCli } from '../cli/run';
import { restrictedViolations } from '../support/pod-security';
import { importWarnings, issuePaths, refusal, withValues } from './helpers';

const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-runner-values-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const runnerValues = (runner: Record<string, unknown>) => withValues({ 'gitlab-runner': runner });

describe('the chart\'s bundled runner (gitlab-runner.*) becomes a GitLabRunner', () => {
  it('reads the token Secret, job namespace and image from runners.secret and runners.config', () => {
    const { runner } = importHelmValues(runnerValues({
      install: true, concurrent: 4, certsSecretName: 'gitlab-ca',
      runners: { secret: 'my-runner-token', config: '[[runners]]\n  [runners.kubernetes]\n    namespace = "{{.Release.Namespace}}-jobs"\n    image = "alpine:3.20"\n' },
    }), { namespace: 'gitlab' });
    expect(runner).toMatchObject({ name: 'gitlab-gitlab-runner', namespace: 'gitlab', token: { name: 'my-runner-token', key: 'runner-token' },
      concurrent: 4, certificatesSecretName: 'gitlab-ca', jobs: { namespace: 'gitlab-jobs', image: 'alpine:3.20' } });
  });

  it('is on by default, as in the chart, with the chart\'s token Secret; off, nothing of it is built', () => {
    const values = runnerValues({ install: undefined });
    expect(importHelmValues(values).runner?.token).toEqual({ name: 'gitlab-gitlab-runner-secret', key: 'runner-token' });
    expect(importHelmValues(runnerValues({ install: false })).runner).toBeUndefined();
  });

  it('refuses tokens written in the values, naming the key without echoing the token', () => {
    const e = refusal(runnerValues({ install: true, runnerToken: 'glrt-secret', runners: { privileged: true } }));
    expect(issuePaths(e)).toEqual(['gitlab-runner.runnerToken']);
    expect(e.message).not.toContain('glrt-secret');
  });

  it.each([
    ['runners.privileged: true', { privileged: true }],
    ['privileged = true in runners.config', { config: '[[runners]]\n  [runners.kubernetes]\n    image = "docker:27"\n    privileged = true\n' }],
  ])('maps %s onto jobs.privileged, with a warning saying why it is risky', (_, runners) => {
    const warnings = importWarnings(runnerValues({ install: true, runners }));
    expect(importHelmValues(runnerValues({ install: true, runners })).runner?.jobs?.privileged).toBe(true);
    const line = warnings.find((w) => w.includes('run privileged'));
    expect(line).toMatch(/^warning: gitlab-runner\.runners\.privileged: .*root on their node.*take the node over.*Secrets.*gitlab-gitlab-runner-jobs.*kaniko/);
  });

  it('keeps jobs unprivileged, without the warning, for privileged = false or no setting', () => {
    const runners = { config: '[[runners]]\n  [runners.kubernetes]\n    privileged = false\n' };
    expect(importHelmValues(runnerValues({ install: true, runners })).runner?.jobs?.privileged).toBeUndefined();
    expect(importWarnings(runnerValues({ install: true, runners })).join('\n')).not.toMatch(/privileged/);
  });

  it('runs jobs in a partition of their own when runners.config names the release namespace, and says so', () => {
    const values = runnerValues({ install: true, runners: { config: '[[runners]]\n  [runners.kubernetes]\n    namespace = "{{.Release.Namespace}}"\n' } });
    expect(importHelmValues(values, { namespace: 'gitlab' }).runner?.jobs?.namespace).toBeUndefined();
    expect(importWarnings(values, { namespace: 'gitlab' })).toContainEqual(expect.stringMatching(/namespace = "gitlab" is the release's namespace: job pods run in the partition gitlab-gitlab-runner-jobs/));
  });

  it('privileged jobs: only the job namespace is labelled privileged; the manager and the platform stay restricted', async () => {
    const file = join(work, 'privileged.yaml');
    writeFileSync(file, stringify(runnerValues({ install: true, runners: { privileged: true } })));
    const out = join(work, 'privileged');
    const run = await runCli('synth', '--values', file, '--out', out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/run privileged \(docker-in-docker\)/);
    const objects = parseAllDocuments(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const namespaces = objects.filter((o) => o.kind === 'Namespace');
    const enforced = Object.fromEntries(namespaces.map((n) => [n.metadata.name, n.metadata.labels['pod-security.kubernetes.io/enforce']]));
    expect(enforced['gitlab-gitlab-runner-jobs']).toBe('privileged');
    expect(Object.entries(enforced).filter(([name]) => name !== 'gitlab-gitlab-runner-jobs').map(([, level]) => level)).not.toContain('privileged');
    const manager = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gitlab-gitlab-runner');
    expect(manager.metadata.namespace).toBe('gitlab');
    expect(restrictedViolations(objects)).toEqual([]);
  });

  it('is synthesized by the CLI next to the platform, restricted, talking to the platform\'s URL', async () => {
    const file = join(work, 'runner.yaml');
    writeFileSync(file, stringify(runnerValues({ install: true })));
    const out = join(work, 'out');
    const run = await runCli('synth', '--values', file, '--out', out);
    expect(run.code, run.stderr).toBe(0);
    const objects = parseAllDocuments(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'gitlab-gitlab-runner');
    expect(deployment.spec.template.spec.containers[0].env).toContainEqual({ name: 'CI_SERVER_URL', value: expect.stringMatching(/^https:\/\/gitlab\./) });
    expect(restrictedViolations(objects)).toEqual([]);
  });
});
