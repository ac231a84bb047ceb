import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { GitLabPlatform } from '../../../constructs';
import type { GitalyOptions, PraefectOptions } from '../../../constructs/config/gitaly/types';
import { GITALY_WORKLOAD_FIELDS, PRAEFECT_WORKLOAD_FIELDS } from '../../../constructs/config/gitaly/names';
import { checksum } from '../../../constructs/lib/checksum';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { templateActions, withPlaceholders } from '../../support/templates';

const base = productionProps();
const withGitaly = (gitaly: NonNullable<typeof base.components>['gitaly']) =>
  productionProps({ components: { ...base.components, gitaly } });

const objects = synthPlatform(base);
const gitalyObjects = (objs: KubeObject[]) => objs.filter((o) => o.metadata.labels?.app === 'gitaly');
const statefulSet = (objs = objects) => find(objs, 'StatefulSet', 'gitlab-gitaly');
const configToml = (objs = objects): string => find(objs, 'ConfigMap', 'gitlab-gitaly').data['config.toml.tpl'];
const gitaly = () => container(statefulSet(), 'gitaly');

describe('Gitaly StatefulSet', () => {
  it('is named <release>-gitaly, governed by the headless Service, and starts its pods in parallel', () => {
    const sts = statefulSet();
    expect(sts.apiVersion).toBe('apps/v1');
    expect(sts.spec.serviceName).toBe('gitlab-gitaly');
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
  });

  it('runs one pod per storage name', () => {
    expect(statefulSet().spec.replicas).toBe(1);
    expect(statefulSet(synthPlatform(withGitaly({ storageNames: ['default', 'second', 'third'] }))).spec.replicas).toBe(3);
  });

  it('keeps the repository volumes when the StatefulSet is deleted or scaled down', () => {
    expect(statefulSet().spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
  });

  it('claims a 50Gi ReadWriteOnce repo-data volume on the default StorageClass by default', () => {
    const [claim] = statefulSet().spec.volumeClaimTemplates;
    expect(claim.metadata).toEqual({ name: 'repo-data', labels: { app: 'gitaly', release: 'gitlab' } });
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } } });
  });

  it('takes the volume size, StorageClass and access mode from components.gitaly.persistence', () => {
    const objs = synthPlatform(withGitaly({ persistence: { size: '200Gi', storageClass: 'gp3', accessMode: 'ReadWriteOncePod' } }));
    expect(statefulSet(objs).spec.volumeClaimTemplates[0].spec).toEqual({
      accessModes: ['ReadWriteOncePod'], resources: { requests: { storage: '200Gi' } }, storageClassName: 'gp3',
    });
  });

  it('selects its pods by app and release only, and labels them with the image version', () => {
    const sts = statefulSet();
    expect(sts.spec.selector.matchLabels).toEqual({ app: 'gitaly', release: 'gitlab' });
    expect(sts.spec.template.metadata.labels).toMatchObject({ app: 'gitaly', release: 'gitlab', 'app.kubernetes.io/version': 'v18.9.1' });
  });

  it('gives in-flight RPCs 25 s to finish (grace period 30 s) and exposes Prometheus metrics on 9236', () => {
    expect(podSpec(statefulSet()).terminationGracePeriodSeconds).toBe(30);
    expect(configToml()).toContain('graceful_restart_timeout = "25s"');
    expect(statefulSet().spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true', 'prometheus.io/port': '9236', 'prometheus.io/path': '/metrics', 'gitlab.com/prometheus_port': '9236',
    });
  });

  it('has a PodDisruptionBudget <release>-gitaly of one pod on the same selector', () => {
    const pdb = find(objects, 'PodDisruptionBudget', 'gitlab-gitaly');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'gitaly', release: 'gitlab' } } });
  });
});

describe('Gitaly container', () => {
  it('runs the pinned gitaly image without overriding its entrypoint', () => {
    expect(gitaly().image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitaly:v18.9.1');
    expect(gitaly().command).toBeUndefined();
    expect(gitaly().args).toBeUndefined();
  });

  it('serves gRPC on 8075 (grpc-gitaly) and metrics on 9236 (http-metrics)', () => {
    expect(gitaly().ports).toEqual([{ name: 'grpc-gitaly', containerPort: 8075 }, { name: 'http-metrics', containerPort: 9236 }]);
  });

  it('tells the image where its config template and rendered config live', () => {
    expect(envOf(gitaly())).toEqual({
      TZ: 'UTC',
      CONFIG_TEMPLATE_DIRECTORY: '/etc/gitaly/templates',
      CONFIG_DIRECTORY: '/etc/gitaly',
      GITALY_CONFIG_FILE: '/etc/gitaly/config.toml',
      SSL_CERT_DIR: '/etc/ssl/certs',
      GODEBUG: 'tlsmlkem=0,tlskyber=0',
    });
  });

  it('mounts the templates, the copied secrets (read-only), the repositories and the filled trust store', () => {
    expect(mountsOf(gitaly())).toEqual({
      '/etc/gitaly/templates': 'gitaly-config',
      '/etc/gitlab-secrets': 'gitaly-secrets',
      '/home/git/repositories': 'repo-data',
      '/etc/ssl/certs/': 'etc-ssl-certs',
      '/etc/pki/ca-trust/extracted/pem': 'etc-pki-ca-trust-extracted-pem',
    });
    const secrets = gitaly().volumeMounts.find((m: any) => m.name === 'gitaly-secrets');
    expect(secrets.readOnly).toBe(true);
  });

  it('is health-checked with native gRPC probes: a one-minute startup probe, then liveness and readiness', () => {
    const g = gitaly();
    expect(g.startupProbe).toEqual({ grpc: { port: 8075 }, initialDelaySeconds: 1, periodSeconds: 1, timeoutSeconds: 1, failureThreshold: 60 });
    expect(g.livenessProbe).toEqual({ grpc: { port: 8075 }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
    expect(g.readinessProbe).toEqual({ grpc: { port: 8075 }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 });
  });

  it('requests the chart defaults (100m CPU, 200Mi memory)', () => {
    expect(gitaly().resources).toEqual({ requests: { cpu: '100m', memory: '200Mi' } });
  });
});

describe('Gitaly secrets', () => {
  it('projects the Gitaly token and the shell secret, group-readable, from the shared Secrets', () => {
    const volume = podSpec(statefulSet()).volumes.find((v: any) => v.name === 'init-gitaly-secrets');
    expect(volume.projected.defaultMode).toBe(0o440);
    expect(volume.projected.sources).toEqual([
      { secret: { name: 'gitlab-gitaly-secret', items: [{ key: 'token', path: 'gitaly/gitaly_token' }] } },
      { secret: { name: 'gitlab-gitlab-shell-secret', items: [{ key: 'secret', path: 'shell/.gitlab_shell_secret' }] } },
    ]);
  });

  it('follows renamed shared Secrets', () => {
    const objs = synthPlatform(productionProps({ secretNames: { gitaly: 'my-gitaly-token', gitlabShell: 'my-shell-secret' } }));
    const names = podSpec(statefulSet(objs)).volumes.find((v: any) => v.name === 'init-gitaly-secrets').projected.sources.map((s: any) => s.secret.name);
    expect(names).toEqual(['my-gitaly-token', 'my-shell-secret']);
  });

  it('copies them with the configure init container into the in-memory /etc/gitlab-secrets', () => {
    const configure = container(statefulSet(), 'configure');
    expect(configure.image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-base:v18.9.1');
    expect(mountsOf(configure)).toEqual({ '/config': 'gitaly-config', '/init-config': 'init-gitaly-secrets', '/init-secrets': 'gitaly-secrets' });
    const script = find(objects, 'ConfigMap', 'gitlab-gitaly').data.configure;
    expect(script).toMatch(/for secret in gitaly shell; do/);
    expect(podSpec(statefulSet()).volumes.find((v: any) => v.name === 'gitaly-secrets')).toEqual({ name: 'gitaly-secrets', emptyDir: { medium: 'Memory' } });
  });

  it('reads the token and the shell secret at the paths the copies land on', () => {
    expect(configToml()).toContain('token = {% file.Read "/etc/gitlab-secrets/gitaly/gitaly_token" | strings.TrimSpace | data.ToJSON %}');
    expect(configToml()).toContain('secret_file = "/etc/gitlab-secrets/shell/.gitlab_shell_secret"');
  });

  it('fills the trust store with the certificates init container first', () => {
    expect(podSpec(statefulSet()).initContainers.map((c: any) => c.name)).toEqual(['certificates', 'configure']);
  });
});

describe('Gitaly config.toml.tpl', () => {
  it('lists the storage names in ordinal order and picks the one matching the pod ordinal from HOSTNAME', () => {
    const toml = configToml(synthPlatform(withGitaly({ storageNames: ['default', 'second'] })));
    expect(toml).toContain('{% $storages := coll.Slice "default" "second" %}');
    expect(toml).toContain('.Env.HOSTNAME');
    expect(toml).toContain('name = "{% index $storages $ordinal %}"');
    expect(toml).toContain('path = "/home/git/repositories"');
  });

  it('refuses to start a pod whose ordinal has no storage name', () => {
    expect(configToml()).toMatch(/{% printf "pod %q has no storage name.*\| fail %}/);
  });

  it('sends hook callbacks to Rails through Workhorse', () => {
    expect(configToml()).toContain('url = "http://gitlab-webservice-default.gitlab.svc:8181/"');
  });

  it('listens on 8075 and serves metrics on 9236', () => {
    expect(configToml()).toContain('listen_addr = ":8075"');
    expect(configToml()).toContain('prometheus_listen_addr = ":9236"');
  });

  it('is TOML once its gomplate actions are filled in: top-level keys, then the tables it relies on', () => {
    const text = withPlaceholders(configToml(), 'gomplate', () => 'x');
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const line of lines) expect(line).toMatch(/^(\[\[?[a-z-]+\]\]?|[a-z_]+ = ("[^"]*"|x|true|false|[0-9]+))$/);
    const tables = lines.filter((l) => l.startsWith('['));
    expect(tables).toEqual(['[[storage]]', '[logging]', '[auth]', '[git]', '[gitlab-shell]', '[gitlab]', '[hooks]']);
    expect(lines.indexOf('[[storage]]')).toBeGreaterThan(lines.indexOf('graceful_restart_timeout = "25s"'));
  });

  it('uses only balanced gomplate actions', () => {
    const text = configToml();
    expect(text.split('{%').length).toBe(text.split('%}').length);
    expect(templateActions(text, 'gomplate').filter((a) => /^{% (if|range)\b/.test(a)).length)
      .toBe(templateActions(text, 'gomplate').filter((a) => a === '{% end %}').length);
  });
});

describe('Gitaly Service', () => {
  it('is headless, so clients reach each pod by name', () => {
    const svc = find(objects, 'Service', 'gitlab-gitaly');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.selector).toEqual(statefulSet().spec.selector.matchLabels);
  });

  it('names the gRPC port tcp-gitaly and targets the container ports by name', () => {
    expect(find(objects, 'Service', 'gitlab-gitaly').spec.ports).toEqual([
      { name: 'tcp-gitaly', port: 8075, targetPort: 'grpc-gitaly', protocol: 'TCP' },
      { name: 'http-metrics', port: 9236, targetPort: 'http-metrics', protocol: 'TCP' },
    ]);
  });

  it('exposes each storage address and the Service for clients', () => {
    const chart = Testing.chart();
    const platform = new GitLabPlatform(chart, 'gitlab', withGitaly({ storageNames: ['default', 'second'] }));
    expect(platform.gitaly!.serviceName).toBe('gitlab-gitaly');
    expect(platform.gitaly!.statefulSetName).toBe('gitlab-gitaly');
    expect(platform.gitaly!.port).toBe(8075);
    expect(platform.gitaly!.addresses).toEqual({
      default: 'tcp://gitlab-gitaly-0.gitlab-gitaly.gitlab.svc:8075',
      second: 'tcp://gitlab-gitaly-1.gitlab-gitaly.gitlab.svc:8075',
    });
  });
});

describe('Gitaly rollouts', () => {
  const sum = (objs: KubeObject[]) => statefulSet(objs).spec.template.metadata.annotations['checksum/config'];

  it('rolls the pods when their config changes', () => {
    expect(sum(synthPlatform(productionProps({ namespace: 'other' })))).not.toBe(sum(objects));
  });

  it('does not restart the running pods when a storage is added', () => {
    const objs = synthPlatform(withGitaly({ storageNames: ['default', 'second'] }));
    expect(configToml(objs)).not.toBe(configToml());
    expect(sum(objs)).toBe(sum(objects));
  });

  it('carries a checksum of the ConfigMap content (with the storage list left out)', () => {
    const data = find(objects, 'ConfigMap', 'gitlab-gitaly').data;
    const withoutStorages = data['config.toml.tpl'].replace('coll.Slice "default"', 'coll.Slice ');
    expect(sum(objects)).toBe(checksum({ 'config.toml.tpl': withoutStorages, configure: data.configure }));
  });
});

describe('Gitaly security', () => {
  it('meets the restricted Pod Security Standard, adding the seccomp profile the chart leaves out', () => {
    expect(restrictedViolations(gitalyObjects(objects))).toEqual([]);
    expect(podSpec(statefulSet()).securityContext).toMatchObject({ runAsUser: 1000, fsGroup: 1000, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  });

  it('does not mount a service account token', () => {
    expect(podSpec(statefulSet()).automountServiceAccountToken).toBe(false);
  });

  it.each(KUBERNETES_VERSIONS)('is valid against the Kubernetes %s schema', (version) => {
    expect(validateObjects(gitalyObjects(objects), version)).toEqual([]);
  });
});

describe('the typed settings of Gitaly and Praefect are the ones their checks accept', () => {
  it('offers no Deployment settings on these StatefulSets (the type and the checks come from one list)', () => {
    const gitaly: GitalyOptions = { resources: { requests: { cpu: '1' } } };
    const praefect: Omit<PraefectOptions, 'database'> = { replicas: 3 };
    // @ts-expect-error a StatefulSet has no Deployment strategy
    const strategy: GitalyOptions = { deploymentStrategy: { type: 'Recreate' } };
    // @ts-expect-error Praefect takes a replica count, not autoscaling
    const autoscaling: Omit<PraefectOptions, 'database'> = { autoscaling: { minReplicas: 1, maxReplicas: 3 } };
    expect([gitaly, praefect, strategy, autoscaling].length).toBe(4);
    expect([...GITALY_WORKLOAD_FIELDS]).not.toContain('deploymentStrategy');
    expect([...PRAEFECT_WORKLOAD_FIELDS]).toContain('replicas');
  });
});
