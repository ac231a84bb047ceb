import { describe, expect, test } from 'vitest';
import { GitLabConfigError, GitLabRunner, GitLabRunnerProps } from '../../constructs';
import { KUBERNETES_VERSIONS, validateObjects } from '../support/kube-schema';
import { restrictedViolations } from '../support/pod-security';
import { container, envOf, mountsOf, podSpec } from '../support/synth';
import { ofKind, one, rulesOf, runnerConfig, synth, synthYaml, testPlatform } from './support';

const TOKEN = { name: 'gitlab-runner-token' };
const base = (extra: Partial<GitLabRunnerProps> = {}): GitLabRunnerProps => ({ platform: testPlatform(), token: TOKEN, ...extra });
const runner = (extra: Partial<GitLabRunnerProps> = {}, id = 'gitlab-runner') => synth((chart) => new GitLabRunner(chart, id, base(extra)));
const manager = (objects = runner()) => container(one(objects, 'Deployment'), 'gitlab-runner');
const error = (fn: () => unknown): GitLabConfigError => {
  try { fn(); } catch (e) { if (e instanceof GitLabConfigError) return e; throw e; }
  throw new Error('expected a GitLabConfigError');
};

describe('naming', () => {
  test('every object is named after the runner: the manager in gitlab-runner, job pods in their own partition <name>-jobs', () => {
    const objects = runner({}, 'ci-default');
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/gitlab-runner/ci-default',
      'Deployment/gitlab-runner/ci-default',
      'LimitRange/ci-default-jobs/partition',
      'Namespace/undefined/ci-default-jobs',
      'NetworkPolicy/ci-default-jobs/partition-default-deny',
      'NetworkPolicy/ci-default-jobs/partition-dns',
      'NetworkPolicy/ci-default-jobs/partition-egress',
      'PodDisruptionBudget/gitlab-runner/ci-default',
      'ResourceQuota/ci-default-jobs/partition',
      'Role/ci-default-jobs/ci-default',
      'RoleBinding/ci-default-jobs/ci-default',
      'Service/gitlab-runner/ci-default',
      'ServiceAccount/ci-default-jobs/ci-default-jobs',
      'ServiceAccount/gitlab-runner/ci-default',
    ]);
  });

  test('without a partition, job pods run next to the manager; a partition in the manager\'s namespace is refused', () => {
    const objects = runner({ jobs: { partition: false } }, 'plain');
    expect(ofKind(objects, 'ServiceAccount').map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort()).toEqual(['gitlab-runner/plain', 'gitlab-runner/plain-jobs']);
    expect(ofKind(objects, 'NetworkPolicy')).toEqual([]);
    expect(() => runner({ jobs: { namespace: 'gitlab-runner' } }, 'shared')).toThrow(/jobs.partition: false/);
  });

  test('two runners (e.g. one per node pool) share a namespace without a name or selector clash', () => {
    const objects = synth((chart) => {
      new GitLabRunner(chart, 'gpu', base({ jobs: { nodeSelector: { pool: 'gpu' } } }));
      new GitLabRunner(chart, 'general', base({ jobs: { nodeSelector: { pool: 'general' } } }));
    });
    const ids = objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
    expect(new Set(ids).size).toBe(ids.length);
    const selectors = ofKind(objects, 'Deployment').map((d) => JSON.stringify(d.spec.selector.matchLabels));
    expect(new Set(selectors).size).toBe(2);
    for (const kind of ['Service', 'PodDisruptionBudget']) {
      for (const o of ofKind(objects, kind)) {
        const selector = o.spec.selector.matchLabels ?? o.spec.selector;
        const matching = ofKind(objects, 'Deployment').filter((d) => Object.entries(selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v));
        expect(matching.map((d) => d.metadata.name)).toEqual([o.metadata.name]);
      }
    }
  });

  test('the name prop wins over the construct id', () => {
    expect(one(runner({ name: 'shared-arm64' }), 'Deployment').metadata.name).toBe('shared-arm64');
  });
});

describe('runner manager container (the chart contract)', () => {
  test('runs the alpine runner image through dumb-init and the entrypoint script', () => {
    const c = manager();
    expect(c.image).toBe('registry.gitlab.com/gitlab-org/gitlab-runner:alpine-v18.11.4');
    expect(c.command).toEqual(['/usr/bin/dumb-init', '--', '/bin/bash', '/configmaps/entrypoint']);
  });

  test('gets the GitLab URL of the platform and the kubernetes executor through env, and nothing secret', () => {
    expect(envOf(manager())).toEqual({ CI_SERVER_URL: 'https://gitlab.example.com', RUNNER_EXECUTOR: 'kubernetes' });
  });

  test('an explicit gitlabUrl wins over the platform (trailing slash trimmed)', () => {
    expect(envOf(manager(runner({ gitlabUrl: 'https://code.example.org/' })))).toMatchObject({ CI_SERVER_URL: 'https://code.example.org' });
  });

  test('mounts the secrets read-only at /secrets, an in-memory config directory and the scripts', () => {
    const objects = runner();
    expect(mountsOf(manager(objects))).toEqual({
      '/secrets': 'projected-secrets',
      '/home/gitlab-runner/.gitlab-runner': 'etc-gitlab-runner',
      '/configmaps': 'configmaps',
    });
    const volumes = Object.fromEntries(podSpec(one(objects, 'Deployment')).volumes.map((v: any) => [v.name, v]));
    expect(volumes['etc-gitlab-runner'].emptyDir).toEqual({ medium: 'Memory' });
    expect(volumes.configmaps.configMap.name).toBe('gitlab-runner');
  });

  test('the token Secret is projected as /secrets/runner-token (key runner-token unless told otherwise)', () => {
    const volume = (objects: any[]) => podSpec(one(objects, 'Deployment')).volumes.find((v: any) => v.name === 'projected-secrets').projected.sources;
    expect(volume(runner())).toEqual([{ secret: { name: 'gitlab-runner-token', items: [{ key: 'runner-token', path: 'runner-token' }] } }]);
    expect(volume(runner({ token: { name: 'ext-runner', key: 'token' } }))).toEqual([{ secret: { name: 'ext-runner', items: [{ key: 'token', path: 'runner-token' }] } }]);
  });

  test('probes: liveness runs check-live (gitlab-runner verify), readiness looks for the process, as the chart', () => {
    const c = manager();
    expect(c.livenessProbe).toEqual({
      exec: { command: ['/bin/bash', '/configmaps/check-live', '3'] },
      initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 4, failureThreshold: 3, successThreshold: 1,
    });
    expect(c.readinessProbe).toEqual({
      exec: { command: ['/usr/bin/pgrep', 'gitlab.*runner'] },
      initialDelaySeconds: 60, periodSeconds: 10, timeoutSeconds: 4, failureThreshold: 3, successThreshold: 1,
    });
  });

  test('unregisters its runner manager from GitLab on stop, unless turned off', () => {
    expect(manager().lifecycle.preStop.exec.command).toEqual(['/entrypoint', 'unregister', '--all-runners']);
    expect(manager(runner({ unregisterOnStop: false })).lifecycle).toBeUndefined();
  });

  test('exposes metrics on 9252 with a Service, scrape annotations and listen_address', () => {
    const objects = runner();
    expect(manager(objects).ports).toEqual([{ name: 'metrics', containerPort: 9252, protocol: 'TCP' }]);
    expect(one(objects, 'Service').spec.ports).toEqual([{ name: 'metrics', port: 9252, targetPort: 'metrics', protocol: 'TCP' }]);
    expect(one(objects, 'Deployment').spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9252' });
    expect(runnerConfig(objects, 'gitlab-runner').global.listen_address).toBe(':9252');
  });

  test('metrics: false drops the port, the Service and listen_address', () => {
    const objects = runner({ metrics: false });
    expect(ofKind(objects, 'Service')).toEqual([]);
    expect(manager(objects).ports).toBeUndefined();
    expect(runnerConfig(objects, 'gitlab-runner').global.listen_address).toBeUndefined();
  });

  test('the manager pod talks to the API with its own ServiceAccount and keeps the chart\'s 3600s grace period', () => {
    const spec = podSpec(one(runner(), 'Deployment'));
    expect(spec.serviceAccountName).toBe('gitlab-runner');
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(spec.terminationGracePeriodSeconds).toBe(3600);
  });

  test('the manager pod runs as the image user gitlab-runner (100) with group nogroup (65533)', () => {
    const spec = podSpec(one(runner(), 'Deployment'));
    expect(spec.securityContext).toMatchObject({ runAsUser: 100, runAsGroup: 65533, fsGroup: 65533, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(manager().securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true });
  });

  test('a PodDisruptionBudget with maxUnavailable 1 by default, none when turned off', () => {
    expect(one(runner(), 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'gitlab-runner', release: 'gitlab-runner' } } });
    expect(ofKind(runner({ podDisruptionBudget: false }), 'PodDisruptionBudget')).toEqual([]);
  });
});

describe('the token stays out of manifests', () => {
  test('no Secret object is created and the ConfigMap holds neither token nor URL keys', () => {
    const objects = runner({ cache: { s3: { bucket: 'gl-runner-cache', credentials: { name: 'runner-cache-keys' } } } });
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const { global, runner: section } = runnerConfig(objects, 'gitlab-runner');
    expect(global).not.toHaveProperty('runners');
    expect(section).not.toHaveProperty('token');
    expect(section).not.toHaveProperty('url');
    expect(section.cache.s3).not.toHaveProperty('AccessKey');
    expect(section.cache.s3).not.toHaveProperty('SecretKey');
  });

  test('the entrypoint exports the token from the Secret file only for register, which merges the template in memory', () => {
    const { data } = runnerConfig(runner(), 'gitlab-runner');
    const entry = data.entrypoint;
    const lines = entry.split('\n');
    const exportAt = lines.findIndex((l) => l.includes('export CI_SERVER_TOKEN="$(cat /secrets/runner-token)"'));
    const registerAt = lines.findIndex((l) => l.includes('bash /configmaps/register-the-runner'));
    const unsetAt = lines.findIndex((l) => l.startsWith('unset CI_SERVER_TOKEN'));
    const runAt = lines.findIndex((l) => l.startsWith('exec /entrypoint run'));
    expect(exportAt).toBeGreaterThan(-1);
    expect([exportAt < registerAt, registerAt < unsetAt, unsetAt < runAt]).toEqual([true, true, true]);
    expect(entry).toContain('cp /configmaps/config.toml /home/gitlab-runner/.gitlab-runner/config.toml');
    expect(data['register-the-runner']).toContain('/entrypoint register --non-interactive --name="gitlab-runner" --template-config /configmaps/config.template.toml');
  });

  test('a token value given instead of a Secret reference is refused without being echoed', () => {
    const e = error(() => runner({ token: 'glrt-abcdefghijklmnop' as never }));
    expect(e.issues[0].path).toBe('GitLabRunner(gitlab-runner).token');
    expect(e.message).not.toContain('glrt-abcdefghijklmnop');
    expect(e.message).toContain('never the runner token itself');
  });
});

describe('config.toml', () => {
  test('global settings: concurrent, check interval, shutdown timeout, log level', () => {
    expect(runnerConfig(runner({ concurrent: 25, checkIntervalSeconds: 5, logLevel: 'warn' }), 'gitlab-runner').global).toEqual({
      concurrent: 25, check_interval: 5, shutdown_timeout: 0, log_level: 'warn', listen_address: ':9252',
    });
  });

  test('job pods: namespace, service account, default image, poll settings', () => {
    const k = runnerConfig(runner({ jobs: { namespace: 'ci-jobs', pollTimeoutSeconds: 600 } }), 'gitlab-runner').runner.kubernetes;
    expect(k).toMatchObject({ namespace: 'ci-jobs', service_account: 'gitlab-runner-jobs', image: 'alpine:3.21', poll_interval: 3, poll_timeout: 600 });
  });

  test('requests and limits of build, helper and service containers (defaults)', () => {
    const k = runnerConfig(runner(), 'gitlab-runner').runner.kubernetes;
    const resources = Object.fromEntries(Object.entries(k).filter(([key]) => /_(request|limit)$/.test(key)));
    expect(resources).toEqual({
      cpu_request: '500m', cpu_limit: '2', memory_request: '1Gi', memory_limit: '4Gi',
      helper_cpu_request: '50m', helper_memory_request: '64Mi', helper_memory_limit: '256Mi',
      service_cpu_request: '100m', service_memory_request: '128Mi', service_memory_limit: '1Gi',
    });
  });

  test('custom resources map to the runner keys, ephemeral storage included', () => {
    const k = runnerConfig(runner({ jobs: { resources: { build: { requests: { cpu: '1', 'ephemeral-storage': '10Gi' }, limits: { memory: '8Gi' } } } } }), 'gitlab-runner').runner.kubernetes;
    expect(k).toMatchObject({ cpu_request: '1', ephemeral_storage_request: '10Gi', memory_limit: '8Gi' });
    expect(k).not.toHaveProperty('cpu_limit');
  });

  test('node selector, tolerations, pod labels and annotations of job pods', () => {
    const k = runnerConfig(runner({
      jobs: {
        nodeSelector: { 'karpenter.sh/nodepool': 'ci' },
        tolerations: [{ key: 'ci', value: 'true', effect: 'NoSchedule' }, { key: 'spot', operator: 'Exists', effect: 'NoExecute' }],
        podLabels: { team: 'platform' },
        podAnnotations: { 'karpenter.sh/do-not-disrupt': 'true' },
      },
    }), 'gitlab-runner').runner.kubernetes;
    expect(k.node_selector).toEqual({ 'karpenter.sh/nodepool': 'ci' });
    expect(k.node_tolerations).toEqual({ 'ci=true': 'NoSchedule', spot: 'NoExecute' });
    expect(k.pod_labels).toEqual({ 'app.kubernetes.io/instance': 'gitlab-runner', 'app.kubernetes.io/part-of': 'gitlab-ci-jobs', team: 'platform' });
    expect(k.pod_annotations).toEqual({ 'karpenter.sh/do-not-disrupt': 'true' });
  });

  test('limit and request_concurrency only when set', () => {
    expect(runnerConfig(runner(), 'gitlab-runner').runner).not.toHaveProperty('limit');
    expect(runnerConfig(runner({ limit: 4, requestConcurrency: 2 }), 'gitlab-runner').runner).toMatchObject({ limit: 4, request_concurrency: 2 });
  });

  test('a config change changes the checksum annotation; the same input gives the same one', () => {
    const sum = (o: any[]) => one(o, 'Deployment').spec.template.metadata.annotations['checksum/config'];
    expect(sum(runner())).toMatch(/^[0-9a-f]{64}$/);
    expect(sum(runner())).toBe(sum(runner()));
    expect(sum(runner({ concurrent: 11 }))).not.toBe(sum(runner()));
  });
});

describe('S3 cache', () => {
  test('through an IAM role: the manager ServiceAccount carries the role, config.toml says iam', () => {
    const objects = runner({ cache: { s3: { bucket: 'gl-runner-cache', region: 'eu-west-1', iamRoleArn: 'arn:aws:iam::123456789012:role/runner-cache' } } });
    expect(one(objects, 'ServiceAccount', 'gitlab-runner').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/runner-cache' });
    expect(runnerConfig(objects, 'gitlab-runner').runner.cache).toEqual({
      Type: 's3', Path: 'gitlab-runner', Shared: false,
      s3: { ServerAddress: 's3.amazonaws.com', BucketName: 'gl-runner-cache', BucketLocation: 'eu-west-1', AuthenticationType: 'iam' },
    });
    const sources = podSpec(one(objects, 'Deployment')).volumes.find((v: any) => v.name === 'projected-secrets').projected.sources;
    expect(sources).toHaveLength(1);
  });

  test('through a credentials Secret: accesskey/secretkey projected for the entrypoint, access-key auth', () => {
    const objects = runner({ cache: { s3: { bucket: 'gl-runner-cache', credentials: { name: 'runner-cache-keys' } } } });
    const sources = podSpec(one(objects, 'Deployment')).volumes.find((v: any) => v.name === 'projected-secrets').projected.sources;
    expect(sources).toContainEqual({ secret: { name: 'runner-cache-keys', items: [{ key: 'accesskey', path: 'accesskey' }, { key: 'secretkey', path: 'secretkey' }] } });
    expect(runnerConfig(objects, 'gitlab-runner').runner.cache.s3.AuthenticationType).toBe('access-key');
    expect(runnerConfig(objects, 'gitlab-runner').data.entrypoint).toContain('export CACHE_S3_ACCESS_KEY="$(cat /secrets/accesskey)"');
  });

  test('no cache section without a cache', () => {
    expect(runnerConfig(runner(), 'gitlab-runner').runner).not.toHaveProperty('cache');
  });
});

describe('executor RBAC (least privilege)', () => {
  test('the Role holds exactly the verbs the kubernetes executor uses', () => {
    expect(rulesOf(one(runner(), 'Role'))).toEqual([
      'core events: list',
      'core pods/attach: create,delete,get,patch',
      'core pods/exec: create,delete,get,patch',
      'core pods/log: get,list',
      'core pods: create,delete,get,list,watch',
      'core secrets: create,delete,get,update',
      'core serviceaccounts: get',
      'core services: create,get',
    ]);
  });

  test('Role and RoleBinding live in the job namespace and bind the manager ServiceAccount from its own namespace', () => {
    const objects = runner({ namespace: 'runners', jobs: { namespace: 'ci-jobs' } });
    expect(one(objects, 'Role').metadata.namespace).toBe('ci-jobs');
    const binding = one(objects, 'RoleBinding');
    expect(binding.metadata.namespace).toBe('ci-jobs');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'gitlab-runner' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'gitlab-runner', namespace: 'runners' }]);
    expect(ofKind(objects, 'ClusterRole')).toEqual([]);
    expect(ofKind(objects, 'ClusterRoleBinding')).toEqual([]);
  });

  test('job pods get their own ServiceAccount in the job namespace, without an API token', () => {
    const sa = one(runner({ jobs: { namespace: 'ci-jobs' } }), 'ServiceAccount', 'gitlab-runner-jobs');
    expect(sa.metadata.namespace).toBe('ci-jobs');
    expect(sa.automountServiceAccountToken).toBe(false);
  });
});

describe('refused settings', () => {
  test('a runner without a token reference', () => {
    const e = error(() => synth((chart) => new GitLabRunner(chart, 'r', { platform: testPlatform() } as GitLabRunnerProps)));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ path: 'GitLabRunner(r).token', value: 'nothing (the setting is missing)' });
    expect(e.issues[0].fix).toContain('glrt-');
  });

  test('a runner without a GitLab URL and without a platform', () => {
    const e = error(() => synth((chart) => new GitLabRunner(chart, 'r', { token: TOKEN })));
    expect(e.issues[0].path).toBe('GitLabRunner(r).gitlabUrl');
    expect(e.issues[0].fix).toContain('platform');
  });

  test('unknown settings, listed with their path', () => {
    const e = error(() => runner({ tags: ['docker'] } as never));
    expect(e.issues[0].path).toBe('GitLabRunner(gitlab-runner).tags');
    expect(e.issues[0].fix).toContain('unknown settings are never ignored');
  });

  test('a cache with both an IAM role and a credentials Secret', () => {
    const e = error(() => runner({ cache: { s3: { bucket: 'gl-cache', iamRoleArn: 'arn:aws:iam::123456789012:role/x', credentials: { name: 'keys' } } } }));
    expect(e.issues[0].path).toBe('GitLabRunner(gitlab-runner).cache.s3');
  });

  test('job pod labels in the runner.gitlab.com namespace and root job users', () => {
    const e = error(() => runner({ jobs: { podLabels: { 'job.runner.gitlab.com/pod': 'x' }, user: { uid: 0 } } }));
    expect(e.issues.map((i) => i.path)).toEqual(['GitLabRunner(gitlab-runner).jobs.podLabels', 'GitLabRunner(gitlab-runner).jobs.user.uid']);
  });

  test('a runner release without authentication-token support', () => {
    expect(error(() => runner({ version: '16.11.0' })).issues[0].path).toBe('GitLabRunner(gitlab-runner).version');
  });

  test('job pods sharing the manager\'s ServiceAccount (and so its API rights)', () => {
    expect(error(() => runner({ jobs: { serviceAccountName: 'gitlab-runner' } })).issues[0].path).toBe('GitLabRunner(gitlab-runner).jobs.serviceAccountName');
  });

  test('a name that leaves no room for suffixes', () => {
    expect(error(() => runner({ name: 'a'.repeat(46) })).issues[0].path).toBe('GitLabRunner(gitlab-runner).name');
  });
});

describe('valid Kubernetes', () => {
  test('the manager pod meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(runner({ cache: { s3: { bucket: 'gl-cache', credentials: { name: 'keys' } } } }))).toEqual([]);
  });

  test.each(KUBERNETES_VERSIONS)('every object validates strictly on Kubernetes %s', (version) => {
    expect(validateObjects(runner({ jobs: { namespace: 'ci-jobs' } }), version)).toEqual([]);
  });
});

test('snapshot: a runner with an IAM-role S3 cache and a job node pool', () => {
  expect(synthYaml((chart) => new GitLabRunner(chart, 'gitlab-runner', base({
    cache: { s3: { bucket: 'gl-runner-cache', iamRoleArn: 'arn:aws:iam::123456789012:role/gitlab-runner-cache' } },
    jobs: { nodeSelector: { pool: 'ci' }, tolerations: [{ key: 'ci', operator: 'Exists', effect: 'NoSchedule' }] },
  })))).toMatchSnapshot();
});
