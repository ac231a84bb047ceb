import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_SCRIPT_KEY, UPGRADE_REFUSED_EXIT_CODE } from '../../constructs/upgrades/check-script';
import { productionProps } from '../support/fixtures';
import { container, find, podSpec, synthPlatform } from '../support/synth';

/**
 * The in-cluster upgrade check is a shell script shipped in a ConfigMap: these tests take it from the synthesized
 * manifests and RUN it, with `sh` (dash here, a strict POSIX shell) and bash, against recorded releases.
 */
const objects = synthPlatform(productionProps());
const script = find(objects, 'ConfigMap', 'gitlab-upgrade-check').data[CHECK_SCRIPT_KEY] as string;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'gitlab-iac-upgrade-check-'));
  writeFileSync(join(work, 'check.sh'), script);
});
afterAll(() => { rmSync(work, { recursive: true, force: true }); });

function runCheck(shell: 'sh' | 'bash', recorded: string | undefined, deploying: string) {
  const record = join(work, `record-${Math.random().toString(36).slice(2)}`);
  const log = `${record}.termination-log`;
  if (recorded !== undefined) writeFileSync(record, recorded);
  writeFileSync(log, '');
  const r = spawnSync(shell, [join(work, 'check.sh')], {
    encoding: 'utf8', env: { PATH: process.env.PATH, GITLAB_VERSION: deploying, UPGRADE_RECORD: record, TERMINATION_LOG: log },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, message: readFileSync(log, 'utf8') };
}

describe.each(['sh', 'bash'] as const)('the in-cluster upgrade check (%s)', (shell) => {
  it('lets a first installation (no record) proceed', () => {
    const r = runCheck(shell, undefined, '18.9.1');
    expect(r).toMatchObject({ code: 0, message: '' });
    expect(r.stdout).toContain('first installation');
  });

  it('accepts a supported upgrade, a patch upgrade and a re-run of the same release', () => {
    for (const [from, to] of [['18.8.4', '18.9.1'], ['18.9.0', '18.9.1'], ['18.9.1', '18.9.1'], ['v18.8.5', 'v18.9.1'], ['18.5.5', '18.8.5']]) {
      expect(runCheck(shell, `${from}\n`, to), `${from} -> ${to}`).toMatchObject({ code: 0, message: '' });
    }
  });

  it('refuses a jump over a required stop, naming it in the termination message, with exit 3', () => {
    const r = runCheck(shell, '18.2.3', '18.9.1');
    expect(r.code).toBe(UPGRADE_REFUSED_EXIT_CODE);
    expect(r.message).toBe('Upgrade check: refusing to upgrade GitLab 18.2.3 straight to 18.9.1: 18.5.5 is a required upgrade stop. '
      + 'Deploy 18.5.5 first, let its migrations finish, then continue (gitlab-iac upgrade-path --from 18.2.3 --to 18.9.1).');
    expect(runCheck(shell, '17.11.7', '18.9.1').message).toContain('18.2.8 is a required upgrade stop');
    expect(runCheck(shell, '16.11.10', '18.9.1').message).toContain('17.1.8 is a required upgrade stop');
  });

  it('refuses a downgrade', () => {
    const r = runCheck(shell, '18.9.1', '18.8.5');
    expect(r.code).toBe(UPGRADE_REFUSED_EXIT_CODE);
    expect(r.message).toContain('GitLab cannot be downgraded');
  });

  it('refuses an unreadable record rather than guessing', () => {
    expect(runCheck(shell, 'eighteen', '18.9.1')).toMatchObject({ code: UPGRADE_REFUSED_EXIT_CODE, message: expect.stringContaining('"eighteen" is not major.minor.patch') });
  });
});

describe('the upgrade check in the migrations Jobs', () => {
  const jobs = objects.filter((o) => o.kind === 'Job');

  it('runs first in every migrations Job, against the release being deployed, with the record as an optional file', () => {
    for (const job of jobs) {
      const spec = podSpec(job);
      expect(spec.initContainers[0].name).toBe('upgrade-check');
      const check = container(job, 'upgrade-check');
      expect(check.env).toEqual([{ name: 'GITLAB_VERSION', value: '18.9.1' }]);
      expect(check.terminationMessagePath).toBe('/dev/termination-log');
      expect(spec.volumes).toContainEqual({ name: 'upgrade-record', configMap: { name: 'gitlab-upgrade-record', optional: true } });
      // A refused upgrade fails the Job at once instead of retrying it.
      expect(job.spec.podFailurePolicy.rules).toEqual([
        { action: 'FailJob', onExitCodes: { containerName: 'upgrade-check', operator: 'In', values: [UPGRADE_REFUSED_EXIT_CODE] } },
      ]);
    }
  });

  it('records the release only after the post-deployment migrations succeeded, with RBAC limited to the record', () => {
    const post = jobs.find((j) => j.metadata.name.startsWith('gitlab-migrations-post-'))!;
    const spec = podSpec(post);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['upgrade-check', 'certificates', 'configure', 'migrations']);
    expect(spec.containers.map((c: any) => c.name)).toEqual(['record-version']);
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.containers[0].command.join(' ')).toContain('patch configmap gitlab-upgrade-record --type merge');
    expect(find(objects, 'Role', 'gitlab-upgrade-record').rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['gitlab-upgrade-record'], verbs: ['get', 'patch'] },
    ]);
    expect(find(objects, 'RoleBinding', 'gitlab-upgrade-record').subjects).toEqual([{ kind: 'ServiceAccount', name: 'gitlab-migrations', namespace: 'gitlab' }]);
    // Shipped without data: an apply never overwrites the record.
    expect(find(objects, 'ConfigMap', 'gitlab-upgrade-record').data).toBeUndefined();
  });
});
