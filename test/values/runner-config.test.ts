import { describe, expect, it } from 'vitest';
import { parse as parseToml } from 'smol-toml';
import { GitLabRunner, importHelmValues } from '../../constructs';
import { KUBERNETES_VERSIONS, validateObjects } from '../support/kube-schema';
import { checkRestrictedPod, restrictedViolations } from '../support/pod-security';
import { jobPodFromRunnerConfig, one, runnerConfig, synth } from '../cluster/support';
import { importWarnings, issuePaths, refusal, withValues } from './helpers';

const runnerValues = (runner: Record<string, unknown>, extra: Record<string, unknown> = {}) => withValues({ 'gitlab-runner': { install: true, ...runner }, ...extra });
const imported = (runner: Record<string, unknown>, extra: Record<string, unknown> = {}) => importHelmValues(runnerValues(runner, extra), { namespace: 'gitlab' }).runner!;
/** The runner the import describes, synthesized on its own (the platform only gives the URL). */
const synthRunner = (runner: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  synth((chart) => new GitLabRunner(chart, 'r', { ...imported(runner, extra), gitlabUrl: 'https://gitlab.example.com' }));
const template = (runner: Record<string, unknown>, extra: Record<string, unknown> = {}) => runnerConfig(synthRunner(runner, extra), 'gitlab-gitlab-runner').runner;

const USER_CONFIG = `
[[runners]]
  name = "k8s-runner"
  url = "https://gitlab.example.com"
  token = ""
  executor = "kubernetes"
  environment = ["GIT_SSL_NO_VERIFY=1", "DOCKER_TLS_CERTDIR="]
  clone_url = "https://gitlab.example.com"
  [runners.feature_flags]
    FF_USE_FASTZIP = true
  [runners.kubernetes]
    namespace = "{{ .Release.Namespace }}-ci"
    image = "alpine:3.20"
    helper_image = "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:arm64-v18.11.2"
    pull_policy = ["if-not-present"]
    allowed_images = ["alpine:*", "node:*"]
    cpu_limit = "1"
    memory_request = "256Mi"
    [runners.kubernetes.pod_security_context]
      run_as_user = 2000
      fs_group = 2000
    [[runners.kubernetes.volumes.empty_dir]]
      name = "scratch"
      mount_path = "/scratch"
      medium = "Memory"
`;

describe('gitlab-runner.runners.config is kept whole', () => {
  it('keeps every [[runners]] setting gitlab-iac has no typed prop for, and merges its own in (compared as TOML)', () => {
    const r = template({ runners: { config: USER_CONFIG } });
    expect(r).toMatchObject({
      name: 'k8s-runner',
      environment: ['GIT_SSL_NO_VERIFY=1', 'DOCKER_TLS_CERTDIR='],
      clone_url: 'https://gitlab.example.com',
      feature_flags: { FF_USE_FASTZIP: true },
      kubernetes: {
        namespace: 'gitlab-ci', image: 'alpine:3.20', cpu_limit: '1', memory_request: '256Mi',
        helper_image: 'registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:arm64-v18.11.2',
        pull_policy: ['if-not-present'], allowed_images: ['alpine:*', 'node:*'],
        volumes: { empty_dir: [{ name: 'scratch', mount_path: '/scratch', medium: 'Memory' }] },
        pod_security_context: { run_as_non_root: true, run_as_user: 2000, fs_group: 2000 },
      },
    });
    // gitlab-iac's own: no url or token in the template (register adds them from the environment), restricted jobs.
    expect(r).not.toHaveProperty('url');
    expect(r).not.toHaveProperty('token');
    expect(r.kubernetes).toMatchObject({ service_account: 'gitlab-gitlab-runner-jobs', privileged: false, allow_privilege_escalation: false });
  });

  it('job pods stay restricted with the user\'s settings, and every object is schema-valid on 1.33-1.36', () => {
    const objects = synthRunner({ runners: { config: USER_CONFIG } });
    expect(checkRestrictedPod(jobPodFromRunnerConfig(runnerConfig(objects, 'gitlab-gitlab-runner').runner))).toEqual([]);
    expect(restrictedViolations(objects)).toEqual([]);
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(objects, version)).toEqual([]);
  });

  it('the runner registers under the config\'s name', () => {
    const objects = synthRunner({ runners: { config: USER_CONFIG } });
    expect(one(objects, 'ConfigMap', 'gitlab-gitlab-runner').data['register-the-runner']).toContain('--name="k8s-runner"');
  });

  it('says the url in the file is not used (the runner talks to gitlabUrl or the platform)', () => {
    expect(importWarnings(runnerValues({ runners: { config: USER_CONFIG } }))).toContainEqual(expect.stringMatching(/url = "https:\/\/gitlab.example.com" ignored: the runner talks to gitlab-runner.gitlabUrl/));
  });

  it('evaluates the chart\'s default template: with the bundled object storage, its MinIO cache is left out with a warning', () => {
    const config = `[[runners]]\n  [runners.kubernetes]\n  image = "ubuntu:24.04"\n  {{- if .Values.global.minio.enabled }}\n  [runners.cache]\n    Type = "s3"\n    Path = "gitlab-runner"\n    Shared = true\n    [runners.cache.s3]\n      ServerAddress = {{ include "gitlab-runner.cache-tpl.s3ServerAddress" . }}\n      BucketName = "runner-cache"\n      BucketLocation = "us-east-1"\n      Insecure = false\n  {{ end }}\n`;
    const values = withValues({ global: { minio: { enabled: true }, appConfig: { object_store: { enabled: false, connection: undefined } } }, 'gitlab-runner': { install: true, runners: { config } } });
    expect(importHelmValues(values).runner).toMatchObject({ jobs: { image: 'ubuntu:24.04' } });
    expect(importHelmValues(values).runner).not.toHaveProperty('cache');
    expect(importWarnings(values)).toContainEqual(expect.stringMatching(/cache in the chart's bundled MinIO is left out/));
  });

  it('evaluates {{ if }} on values: off, the block is left out; a server address from runners.cache.s3ServerAddress is used', () => {
    const config = `[[runners]]\n  {{- if .Values.runners.useCache }}\n  [runners.cache]\n    Type = "s3"\n    [runners.cache.s3]\n      ServerAddress = {{ include "gitlab-runner.cache-tpl.s3ServerAddress" . }}\n      BucketName = "ci-cache"\n  {{- end }}\n`;
    expect(imported({ runners: { config, useCache: false } })).not.toHaveProperty('cache');
    expect(imported({ runners: { config, useCache: true, cache: { secretName: 'cache-keys', s3ServerAddress: 'minio.example.com' } } }).cache)
      .toEqual({ s3: { bucket: 'ci-cache', serverAddress: 'minio.example.com', credentials: { name: 'cache-keys' } } });
  });

  it('evaluates pipelines of functions that only compute with values (printf, quote, default, and, not)', () => {
    const config = '[[runners]]\n  {{- if and .Values.runners.job.registry (not .Values.runners.noEnv) }}\n  environment = ["REGISTRY={{ .Values.runners.job.registry }}"]\n  {{- end }}\n'
      + '  [runners.kubernetes]\n    image = "{{ printf "%s/%s:%s" .Values.runners.job.registry .Values.runners.job.repository .Values.runners.job.tag }}"\n'
      + '    helper_image = {{ default "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v18.11.4" .Values.runners.helperImage | quote }}\n';
    const runner = imported({ runners: { config, job: { registry: 'registry1.example.com', repository: 'ubi9', tag: '9.5' } } });
    expect(runner.jobs?.image).toBe('registry1.example.com/ubi9:9.5');
    expect(runner.runnerConfig).toEqual({ environment: ['REGISTRY=registry1.example.com'], kubernetes: { helper_image: 'registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v18.11.4' } });
  });

  it('refuses an expression it cannot evaluate, naming its line and what to write instead', () => {
    const e = refusal(runnerValues({ runners: { config: '[[runners]]\n  [runners.kubernetes]\n    image = "{{ lookup "v1" "Secret" "gitlab" "x" }}"\n' } }));
    expect(issuePaths(e)).toEqual(['gitlab-runner.runners.config']);
    expect(e.message).toMatch(/line 3: \{\{ lookup/);
    expect(e.message).toMatch(/write the value the expression stands for/);
  });

  it.each([
    ['a token', 'token = "glrt-abc123"', /runners\.token = \(a token\)/],
    ['another executor', 'executor = "docker"', /executor = .*docker.*gitlab-iac runs the kubernetes executor/],
    ['a host_path volume without privileged jobs', '[[runners.kubernetes.volumes.host_path]]\n    name = "docker"\n    mount_path = "/var/run/docker.sock"', /volumes\.host_path/],
    ['a root job user without privileged jobs', '[runners.kubernetes.build_container_security_context]\n    run_as_user = 0', /build_container_security_context.run_as_user = 0/],
    ['per-job namespaces', '[runners.kubernetes]\n    namespace_per_job = true', /namespace_per_job.*one job namespace/],
  ])('refuses %s, saying why', (_, line, message) => {
    const e = refusal(runnerValues({ runners: { config: `[[runners]]\n  ${line}\n` } }));
    expect(issuePaths(e)).toEqual(['gitlab-runner.runners.config']);
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('glrt-abc123');
  });

  it('accepts host_path volumes and root containers with privileged jobs (docker-in-docker), keeping them in config.toml', () => {
    const config = '[[runners]]\n  [runners.kubernetes]\n    privileged = true\n    [runners.kubernetes.build_container_security_context]\n      run_as_user = 0\n    [[runners.kubernetes.volumes.host_path]]\n      name = "docker"\n      mount_path = "/var/run/docker.sock"\n      host_path = "/var/run/docker.sock"\n';
    const r = template({ runners: { config } });
    expect(r.kubernetes.volumes.host_path).toEqual([{ name: 'docker', mount_path: '/var/run/docker.sock', host_path: '/var/run/docker.sock' }]);
    expect(r.kubernetes.build_container_security_context).toMatchObject({ privileged: true });
  });

  it('cache keys written in the file are dropped without showing them when runners.cache.secretName provides them', () => {
    const config = '[[runners]]\n  [runners.cache]\n    Type = "s3"\n    [runners.cache.s3]\n      AccessKey = "AKIAEXAMPLE"\n      SecretKey = "s3cr3t-value"\n      ServerAddress = "minio.example.com:9000"\n      BucketName = "runner-cache"\n      Insecure = true\n';
    const values = runnerValues({ runners: { config, cache: { secretName: 'minio-keys' } } });
    const warnings = importWarnings(values).join('\n');
    expect(warnings).toMatch(/AccessKey ignored \(its value is not shown\)/);
    expect(warnings).not.toMatch(/AKIAEXAMPLE|s3cr3t-value/);
    const objects = synthRunner({ runners: { config, cache: { secretName: 'minio-keys' } } });
    const cm = one(objects, 'ConfigMap', 'gitlab-gitlab-runner');
    expect(JSON.stringify(objects)).not.toMatch(/AKIAEXAMPLE|s3cr3t-value/);
    expect((parseToml(cm.data['config.template.toml']) as any).runners[0].cache).toEqual({
      Type: 's3', Path: 'gitlab-gitlab-runner', Shared: false,
      s3: { ServerAddress: 'minio.example.com:9000', BucketName: 'runner-cache', BucketLocation: 'us-east-1', AuthenticationType: 'access-key', Insecure: true },
    });
    expect(refusal(runnerValues({ runners: { config } })).message).toMatch(/AccessKey = \(a secret\).*runners\.cache\.secretName/s);
  });

  it.each([
    ['gcs', '[[runners]]\n  [runners.cache]\n    Type = "gcs"\n    Shared = true\n    [runners.cache.gcs]\n      BucketName = "ci-cache"\n',
      { gcs: { bucket: 'ci-cache', shared: true, credentials: { name: 'gcs-key' } } }, { BucketName: 'ci-cache', CredentialsFile: '/secrets/gcs-application-credentials-file' }],
    ['azure', '[[runners]]\n  [runners.cache]\n    Type = "azure"\n    [runners.cache.azure]\n      ContainerName = "ci-cache"\n      StorageDomain = "blob.core.windows.net"\n',
      { azure: { containerName: 'ci-cache', storageDomain: 'blob.core.windows.net', credentials: { name: 'gcs-key' } } }, { ContainerName: 'ci-cache', StorageDomain: 'blob.core.windows.net' }],
  ])('maps a %s cache, its credentials from runners.cache.secretName', (type, config, props, table) => {
    const runners = { config, cache: { secretName: 'gcs-key' } };
    expect(imported({ runners }).cache).toEqual(props);
    const objects = synthRunner({ runners });
    expect(runnerConfig(objects, 'gitlab-gitlab-runner').runner.cache[type]).toEqual(table);
    const volume = one(objects, 'Deployment').spec.template.spec.volumes.find((v: any) => v.name === 'projected-secrets');
    expect(JSON.stringify(volume)).toContain('gcs-key');
  });
});

describe('the runner manager pod\'s keys', () => {
  it('map onto the GitLabRunner pod: annotations, labels, priority class, affinity, host aliases, env, volumes, image', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['ci'] }] }] } } };
    const objects = synthRunner({
      podAnnotations: { 'gitlab.com/prometheus_scrape': 'true', 'ad.datadoghq.com/runner.logs': '[]' },
      podLabels: { team: 'ci' }, priorityClassName: 'ci-critical', affinity,
      hostAliases: [{ ip: '10.0.0.10', hostnames: ['gitlab.internal'] }],
      envVars: [{ name: 'HTTPS_PROXY', value: 'http://proxy:3128' }],
      volumes: [{ name: 'ca', configMap: { name: 'corporate-ca' } }],
      volumeMounts: [{ name: 'ca', mountPath: '/etc/ssl/corporate', readOnly: true }],
      image: { registry: 'registry.example.com', image: 'mirror/gitlab-runner', tag: 'alpine-v18.11.4' },
      serviceAccount: { annotations: { 'iam.gke.io/gcp-service-account': 'runner@p.iam.gserviceaccount.com' } },
    });
    const pod = one(objects, 'Deployment').spec.template;
    expect(pod.metadata.annotations).toMatchObject({ 'ad.datadoghq.com/runner.logs': '[]' });
    expect(pod.metadata.labels).toMatchObject({ team: 'ci' });
    expect(pod.spec).toMatchObject({ priorityClassName: 'ci-critical', affinity, hostAliases: [{ ip: '10.0.0.10', hostnames: ['gitlab.internal'] }] });
    const c = pod.spec.containers[0];
    expect(c.image).toBe('registry.example.com/mirror/gitlab-runner:alpine-v18.11.4');
    expect(c.env).toContainEqual({ name: 'HTTPS_PROXY', value: 'http://proxy:3128' });
    expect(c.volumeMounts).toContainEqual({ name: 'ca', mountPath: '/etc/ssl/corporate', readOnly: true });
    expect(pod.spec.volumes).toContainEqual({ name: 'ca', configMap: { name: 'corporate-ca' } });
    expect(one(objects, 'ServiceAccount', 'gitlab-gitlab-runner').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'runner@p.iam.gserviceaccount.com' });
    expect(restrictedViolations(objects)).toEqual([]);
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(objects, version)).toEqual([]);
  });

  it('secrets are projected into /secrets beside the token, configMaps become files in /configmaps', () => {
    const objects = synthRunner({
      secrets: [{ name: 'client-cert', items: [{ key: 'tls.crt', path: 'client.crt' }] }],
      configMaps: { 'pre-clone.sh': 'echo cloning' },
      runners: { config: '[[runners]]\n  pre_get_sources_script = "sh /configmaps/pre-clone.sh"\n' },
    });
    const spec = one(objects, 'Deployment').spec.template.spec;
    const sources = spec.volumes.find((v: any) => v.name === 'projected-secrets').projected.sources;
    expect(sources).toContainEqual({ secret: { name: 'client-cert', items: [{ key: 'tls.crt', path: 'client.crt' }] } });
    expect(one(objects, 'ConfigMap', 'gitlab-gitlab-runner').data['pre-clone.sh']).toBe('echo cloning');
    expect(runnerConfig(objects, 'gitlab-gitlab-runner').runner.pre_get_sources_script).toBe('sh /configmaps/pre-clone.sh');
    expect(issuePaths(refusal(runnerValues({ configMaps: { entrypoint: 'x' } })))).toEqual(['gitlab-runner.configMaps']);
  });

  it('accepts the manager\'s securityContext at restricted values; ignores privileges asked for it, with a warning; refuses root', () => {
    expect(() => imported({ securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' }, fsGroup: 65533 } })).not.toThrow();
    const privileged = runnerValues({ runners: { privileged: true }, securityContext: { privileged: true, allowPrivilegeEscalation: true } });
    const warnings = importWarnings(privileged).filter((w) => w.includes('gitlab-runner.securityContext.'));
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect(w).toMatch(/the runner manager needs no privileges and runs restricted/);
    expect(issuePaths(refusal(runnerValues({ securityContext: { runAsUser: 0 } })))).toEqual(['gitlab-runner.securityContext.runAsUser']);
  });

  it('a moving image tag is pinned to the version\'s own, with a warning', () => {
    const runners = { image: { registry: 'docker.io', image: 'gitlab/gitlab-runner', tag: 'latest' } };
    expect(imported(runners).image).toEqual({ repository: 'docker.io/gitlab/gitlab-runner' });
    expect(importWarnings(runnerValues(runners))).toContainEqual(expect.stringMatching(/gitlab-runner.image: tag "latest" moves/));
  });

  it('runners.securityContext asking for root is refused without privileged jobs and accepted with them', () => {
    const ctx = { runAsUser: 0, allowPrivilegeEscalation: true };
    expect(issuePaths(refusal(runnerValues({ runners: { securityContext: ctx } })))).toEqual(['gitlab-runner.runners.securityContext.runAsUser', 'gitlab-runner.runners.securityContext.allowPrivilegeEscalation']);
    expect(imported({ runners: { privileged: true, securityContext: ctx } }).jobs?.privileged).toBe(true);
  });

  it('settings a runner authentication token carries are accepted with one warning saying where to set them', () => {
    const warnings = importWarnings(runnerValues({ runners: { tags: 'docker,k8s', locked: true, protected: true, name: 'ci', runUntagged: false } }));
    const lines = warnings.filter((w) => /token \(glrt-\) carries these/.test(w));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/gitlab-runner.runners.tags, gitlab-runner.runners.locked, gitlab-runner.runners.name, gitlab-runner.runners.protected, gitlab-runner.runners.runUntagged: .*set them on the runner in GitLab/);
  });

  it('gitlab-runner.enabled is not the switch: a warning names install', () => {
    expect(importHelmValues(runnerValues({ install: undefined, enabled: false })).runner).toBeDefined();
    expect(importWarnings(runnerValues({ install: undefined, enabled: false }))).toContainEqual(expect.stringMatching(/gitlab-runner.enabled: false ignored: the chart's switch for its runner is gitlab-runner.install.*set gitlab-runner.install: false/));
  });

  it('runners.image is the default job image unless runners.config names one', () => {
    expect(imported({ runners: { image: 'docker:27' } }).jobs?.image).toBe('docker:27');
    expect(importWarnings(runnerValues({ runners: { image: 'docker:27', config: '[[runners]]\n  [runners.kubernetes]\n    image = "alpine:3.20"\n' } })))
      .toContainEqual(expect.stringMatching(/runners.image: "docker:27" ignored: runners.config sets the default job image \("alpine:3.20"\)/));
  });
});
