import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { importHelmValues } from '../../constructs';
import { runCli } from '../cli/run';
import { restrictedViolations } from '../support/pod-security';
import { issuePaths, refusal, withValues } from './helpers';

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

  it('refuses privileged jobs and tokens written in the values, naming the keys', () => {
    const e = refusal(runnerValues({ install: true, runnerToken: 'glrt-secret', runners: { privileged: true } }));
    expect(issuePaths(e)).toEqual(expect.arrayContaining(['gitlab-runner.runnerToken', 'gitlab-runner.runners.privileged']));
    expect(e.message).not.toContain('glrt-secret');
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
