import { describe, expect, test } from 'vitest';
import { GitLabRunner, GitLabRunnerProps } from '../../constructs';
import { checkRestrictedPod } from '../support/pod-security';
import { jobPodFromRunnerConfig, runnerConfig, synth, testPlatform } from './support';

/** The job pods' settings come from config.toml: these tests read it back and check the pod the executor would build. */
const config = (extra: Partial<GitLabRunnerProps> = {}) =>
  runnerConfig(synth((chart) => new GitLabRunner(chart, 'gitlab-runner', { platform: testPlatform(), token: { name: 't' }, ...extra })), 'gitlab-runner');

describe('job pods meet the restricted Pod Security Standard by default', () => {
  test('the pod the executor builds from config.toml (init-permissions, build, helper, service) has no violation', () => {
    expect(checkRestrictedPod(jobPodFromRunnerConfig(config().runner))).toEqual([]);
  });

  test('pod security context: non-root uid/gid 1000, fsGroup, RuntimeDefault seccomp', () => {
    expect(config().runner.kubernetes.pod_security_context).toEqual({
      run_as_non_root: true, run_as_user: 1000, run_as_group: 1000, fs_group: 1000, seccomp_profile: { type: 'RuntimeDefault' },
    });
  });

  test.each(['init_permissions', 'build', 'helper', 'service'])('%s container: drop ALL, no privilege escalation, not privileged', (name) => {
    expect(config().runner.kubernetes[`${name}_container_security_context`]).toEqual({
      run_as_non_root: true, run_as_user: 1000, run_as_group: 1000,
      allow_privilege_escalation: false, privileged: false, capabilities: { drop: ['ALL'] },
      seccomp_profile: { type: 'RuntimeDefault' },
    });
  });

  test('privileged jobs and privilege escalation are off executor-wide', () => {
    expect(config().runner.kubernetes).toMatchObject({ privileged: false, allow_privilege_escalation: false });
  });

  test('a chosen job user applies to the pod and every container', () => {
    const k = config({ jobs: { user: { uid: 59417, gid: 59417, fsGroup: 2000 } } }).runner.kubernetes;
    expect(k.pod_security_context).toMatchObject({ run_as_user: 59417, run_as_group: 59417, fs_group: 2000 });
    expect(k.build_container_security_context).toMatchObject({ run_as_user: 59417, run_as_group: 59417 });
  });

  test('the check is real: a pod without seccomp would be reported', () => {
    const runner = structuredClone(config().runner);
    delete runner.kubernetes.pod_security_context.seccomp_profile;
    for (const t of ['init_permissions', 'build', 'helper', 'service']) delete runner.kubernetes[`${t}_container_security_context`].seccomp_profile;
    expect(checkRestrictedPod(jobPodFromRunnerConfig(runner)).map((v) => v.message).join('\n')).toMatch(/seccomp/i);
  });
});

describe('runners before 18.11 (no seccomp_profile in config.toml)', () => {
  test('set RuntimeDefault through a pod_spec patch, with its feature flag on', () => {
    const { runner } = config({ version: '18.9.0' });
    expect(runner.kubernetes.pod_security_context).not.toHaveProperty('seccomp_profile');
    expect(runner.feature_flags).toEqual({ FF_USE_ADVANCED_POD_SPEC_CONFIGURATION: true });
    expect(runner.kubernetes.pod_spec).toEqual([{
      name: 'restricted-seccomp', patch_type: 'strategic', patch: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault\n',
    }]);
  });

  test('and the resulting job pod is still restricted', () => {
    expect(checkRestrictedPod(jobPodFromRunnerConfig(config({ version: '18.9.0' }).runner))).toEqual([]);
  });

  test('runner image follows the version', () => {
    const objects = synth((chart) => new GitLabRunner(chart, 'r', { platform: testPlatform(), token: { name: 't' }, version: '18.9.0' }));
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.spec.template.spec.containers[0].image).toBe('registry.gitlab.com/gitlab-org/gitlab-runner:alpine-v18.9.0');
  });
});

describe('privileged jobs (jobs.privileged, docker-in-docker) are an explicit opt-in', () => {
  const privileged = () => config({ jobs: { privileged: true } }).runner.kubernetes;

  test('build and service containers run privileged, as the image\'s user (docker:dind runs as root)', () => {
    expect(privileged()).toMatchObject({ privileged: true, allow_privilege_escalation: true });
    expect(privileged().build_container_security_context).toEqual({ privileged: true, allow_privilege_escalation: true });
    expect(privileged().service_container_security_context).toEqual({ privileged: true, allow_privilege_escalation: true });
    expect(privileged().pod_security_context).toEqual({ fs_group: 1000, seccomp_profile: { type: 'RuntimeDefault' } });
  });

  test('the helper and init-permissions containers stay restricted', () => {
    const pod = jobPodFromRunnerConfig(config({ jobs: { privileged: true } }).runner);
    const violating = new Set(checkRestrictedPod(pod).map((v) => v.container).filter(Boolean));
    expect([...violating].sort()).toEqual(['build', 'svc-0']);
  });

  test('only the job namespace enforces the privileged Pod Security Standard (audited against restricted)', () => {
    const objects = synth((chart) => new GitLabRunner(chart, 'dind', { platform: testPlatform(), token: { name: 't' }, jobs: { privileged: true } }));
    const namespaces = objects.filter((o) => o.kind === 'Namespace');
    expect(namespaces.map((n) => [n.metadata.name, n.metadata.labels])).toEqual([['dind-jobs', expect.objectContaining({
      'pod-security.kubernetes.io/enforce': 'privileged', 'pod-security.kubernetes.io/warn': 'privileged', 'pod-security.kubernetes.io/audit': 'restricted',
    })]]);
    const manager = objects.find((o) => o.kind === 'Deployment')!;
    expect(checkRestrictedPod(manager.spec.template.spec)).toEqual([]);
  });

  test('without it the job namespace enforces restricted', () => {
    const objects = synth((chart) => new GitLabRunner(chart, 'plain', { platform: testPlatform(), token: { name: 't' } }));
    expect(objects.find((o) => o.kind === 'Namespace')!.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  test('a partition cannot be made privileged through jobs.partition (only jobs.privileged does it)', () => {
    expect(() => synth((chart) => new GitLabRunner(chart, 'x', { platform: testPlatform(), token: { name: 't' }, jobs: { partition: { podSecurity: 'privileged' } as never } })))
      .toThrow(/jobs\.partition\.podSecurity/);
  });
});
