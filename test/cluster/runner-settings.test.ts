import { describe, expect, test } from 'vitest';
import { GitLabConfigError, GitLabRunner, GitLabRunnerProps } from '../../constructs';
import { KUBERNETES_VERSIONS, validateObjects } from '../support/kube-schema';
import { checkRestrictedPod, restrictedViolations } from '../support/pod-security';
import { jobPodFromRunnerConfig, one, runnerConfig, synth, testPlatform } from './support';

const runner = (extra: Partial<GitLabRunnerProps> = {}) =>
  synth((chart) => new GitLabRunner(chart, 'gitlab-runner', { platform: testPlatform(), token: { name: 't' }, ...extra }));
const error = (fn: () => unknown): GitLabConfigError => {
  try { fn(); } catch (e) { if (e instanceof GitLabConfigError) return e; throw e; }
  throw new Error('expected a GitLabConfigError');
};

describe('runnerConfig: the user\'s own [[runners]] settings', () => {
  const runnerConfigProps = {
    environment: ['GIT_DEPTH=10'],
    pre_get_sources_script: 'echo hi',
    kubernetes: { helper_image: 'registry.example.com/helper:arm64-v18.11.4', pull_policy: ['always'], dns_policy: 'cluster-first', volumes: { empty_dir: [{ name: 'cache', mount_path: '/cache' }] } },
  };

  test('are merged into config.toml beside the construct\'s own, job pods still restricted', () => {
    const objects = runner({ runnerConfig: runnerConfigProps });
    const r = runnerConfig(objects, 'gitlab-runner').runner;
    expect(r).toMatchObject(runnerConfigProps);
    expect(r.kubernetes).toMatchObject({ privileged: false, service_account: 'gitlab-runner-jobs', namespace: 'gitlab-runner-jobs' });
    expect(checkRestrictedPod(jobPodFromRunnerConfig(r))).toEqual([]);
    expect(restrictedViolations(objects)).toEqual([]);
  });

  test('settings a typed prop owns are refused, naming the prop', () => {
    const e = error(() => runner({ runnerConfig: { url: 'https://x', kubernetes: { namespace: 'other', cpu_limit: '2', privileged: true, namespace_per_job: true } } }));
    const byPath = Object.fromEntries(e.issues.map((i) => [i.path, i]));
    expect(Object.keys(byPath).sort()).toEqual([
      'GitLabRunner(gitlab-runner).runnerConfig.kubernetes.cpu_limit',
      'GitLabRunner(gitlab-runner).runnerConfig.kubernetes.namespace',
      'GitLabRunner(gitlab-runner).runnerConfig.kubernetes.namespace_per_job',
      'GitLabRunner(gitlab-runner).runnerConfig.kubernetes.privileged',
      'GitLabRunner(gitlab-runner).runnerConfig.url',
    ]);
    expect(byPath['GitLabRunner(gitlab-runner).runnerConfig.kubernetes.cpu_limit'].fix).toMatch(/set jobs.resources/);
    expect(byPath['GitLabRunner(gitlab-runner).runnerConfig.kubernetes.namespace_per_job'].allowed).toMatch(/one job namespace/);
  });

  test('host_path volumes and cap_add need privileged jobs', () => {
    const k = { volumes: { host_path: [{ name: 'd', mount_path: '/var/run/docker.sock', host_path: '/var/run/docker.sock' }] }, cap_add: ['SYS_ADMIN'] };
    const e = error(() => runner({ runnerConfig: { kubernetes: k } }));
    expect(e.issues.map((i) => i.value)).toEqual([expect.stringMatching(/host_path/), expect.stringMatching(/cap_add/)]);
    expect(e.issues[0].fix).toMatch(/jobs.privileged: true/);
    expect(runnerConfig(runner({ runnerConfig: { kubernetes: k }, jobs: { privileged: true } }), 'gitlab-runner').runner.kubernetes).toMatchObject(k);
  });
});

describe('the manager pod\'s settings', () => {
  test('env the construct sets itself and mounts of unknown volumes are refused', () => {
    expect(error(() => runner({ env: [{ name: 'CI_SERVER_URL', value: 'x' }] })).issues[0].path).toBe('GitLabRunner(gitlab-runner).env[0].name');
    expect(error(() => runner({ extraVolumeMounts: [{ name: 'nope', mountPath: '/x' }] })).issues[0].path).toBe('GitLabRunner(gitlab-runner).extraVolumeMounts[0].name');
  });

  test('log format, grace period and topology spread of the manager', () => {
    const objects = runner({ logFormat: 'json', terminationGracePeriodSeconds: 600, replicas: 2,
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }] });
    expect(runnerConfig(objects, 'gitlab-runner').global).toMatchObject({ log_format: 'json' });
    const spec = one(objects, 'Deployment').spec.template.spec;
    expect(spec.terminationGracePeriodSeconds).toBe(600);
    expect(spec.topologySpreadConstraints[0]).toMatchObject({ maxSkew: 1, labelSelector: { matchLabels: expect.any(Object) } });
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(objects, version)).toEqual([]);
  });

  test('a hostPath volume of the manager is refused (restricted Pod Security Standard)', () => {
    const e = error(() => runner({ extraVolumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } } as never] }));
    expect(e.issues[0].path).toBe('GitLabRunner(gitlab-runner).extraVolumes[0].hostPath');
  });
});

describe('GCS and Azure caches', () => {
  test('GCS: the key file is mounted and named in CredentialsFile; Azure: keys reach register through the environment', () => {
    const gcs = runner({ cache: { gcs: { bucket: 'ci-cache', credentials: { name: 'gcs-key' } } } });
    expect(runnerConfig(gcs, 'gitlab-runner').runner.cache).toEqual({ Type: 'gcs', Path: 'gitlab-runner', Shared: false, gcs: { BucketName: 'ci-cache', CredentialsFile: '/secrets/gcs-application-credentials-file' } });
    const azure = runner({ cache: { azure: { containerName: 'ci-cache', credentials: { name: 'az' } } } });
    expect(runnerConfig(azure, 'gitlab-runner').runner.cache.azure).toEqual({ ContainerName: 'ci-cache', StorageDomain: 'blob.core.windows.net' });
    expect(one(azure, 'ConfigMap', 'gitlab-runner').data.entrypoint).toMatch(/export CACHE_AZURE_ACCOUNT_KEY="\$\(cat \/secrets\/azure-account-key\)"/);
    for (const objects of [gcs, azure]) {
      expect(restrictedViolations(objects)).toEqual([]);
      for (const version of KUBERNETES_VERSIONS) expect(validateObjects(objects, version)).toEqual([]);
    }
  });

  test('two caches at once are refused', () => {
    const e = error(() => runner({ cache: { gcs: { bucket: 'a-cache' }, azure: { containerName: 'b-cache', credentials: { name: 'az' } } } }));
    expect(e.issues[0].allowed).toMatch(/exactly one of s3, gcs or azure/);
  });
});
