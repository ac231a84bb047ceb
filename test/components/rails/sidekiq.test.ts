import { describe, expect, it } from 'vitest';
import { ComponentsConfig, GitLabPlatformProps } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { checkRestrictedPod } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { COMMON_RAILS_FILES, projectedFiles } from './projection';

const NAME = 'gitlab-sidekiq-all-in-1-v2';
const withComponents = (components: ComponentsConfig, rest: Partial<GitLabPlatformProps> = {}) => {
  const base = productionProps();
  return productionProps({ ...rest, components: { ...base.components, ...components } });
};
const production = synthPlatform(productionProps());
const deploymentOf = (objects: KubeObject[]) => find(objects, 'Deployment', NAME);
const sidekiq = deploymentOf(production);

describe('Sidekiq pod', () => {
  it('runs the pinned Sidekiq image after certificates, configure and the database wait', () => {
    expect(container(sidekiq, 'sidekiq').image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-sidekiq-ee:v18.9.1');
    expect(podSpec(sidekiq).initContainers.map((c: any) => c.name)).toEqual(['certificates', 'configure', 'dependencies']);
    const deps = container(sidekiq, 'dependencies');
    expect(deps.image).toBe(container(sidekiq, 'sidekiq').image);
    expect(deps.args).toEqual(['/scripts/wait-for-deps']);
    expect(envOf(deps)).toMatchObject({ SIDEKIQ_CONCURRENCY: '20', SIDEKIQ_TIMEOUT: '25', ENABLE_BOOTSNAP: '1' });
    expect(container(sidekiq, 'sidekiq').command).toBeUndefined();
  });

  it('runs configure on its own ConfigMap', () => {
    const configure = container(sidekiq, 'configure');
    expect(configure.args).toEqual(['/config/configure']);
    expect(mountsOf(configure)).toEqual({ '/config': 'sidekiq-config', '/init-config': 'init-sidekiq-secrets', '/init-secrets': 'sidekiq-secrets' });
    expect(podSpec(sidekiq).volumes).toContainEqual({ name: 'sidekiq-config', configMap: { name: 'gitlab-sidekiq' } });
  });

  it('processes every queue with the chart defaults', () => {
    expect(envOf(container(sidekiq, 'sidekiq'))).toMatchObject({
      prometheus_multiproc_dir: '/metrics', CONFIG_TEMPLATE_DIRECTORY: '/var/opt/gitlab/templates', CONFIG_DIRECTORY: '/srv/gitlab/config',
      SIDEKIQ_CONCURRENCY: '20', GITLAB_SIDEKIQ_MAX_REPLICAS: '10', SIDEKIQ_TIMEOUT: '25', SIDEKIQ_QUEUES: '',
      SIDEKIQ_DAEMON_MEMORY_KILLER: '1', SIDEKIQ_MEMORY_KILLER_CHECK_INTERVAL: '3', SIDEKIQ_MEMORY_KILLER_MAX_RSS: '2000000',
      SIDEKIQ_MEMORY_KILLER_GRACE_TIME: '900', SIDEKIQ_MEMORY_KILLER_SHUTDOWN_WAIT: '30', ENABLE_BOOTSNAP: '1', TZ: 'UTC',
    });
  });

  it('follows concurrency, queues and the HPA maximum', () => {
    const objects = synthPlatform(withComponents({
      sidekiq: { concurrency: 10, queues: ['default', 'mailers'], autoscaling: { maxReplicas: 4 } },
    }));
    expect(envOf(container(deploymentOf(objects), 'sidekiq'))).toMatchObject({
      SIDEKIQ_CONCURRENCY: '10', SIDEKIQ_QUEUES: 'default,mailers', GITLAB_SIDEKIQ_MAX_REPLICAS: '4',
    });
  });

  it('exposes metrics on 3807 and is probed on the health-check port 3808', () => {
    const c = container(sidekiq, 'sidekiq');
    expect(c.ports).toEqual([{ name: 'http-metrics', containerPort: 3807 }]);
    expect(c.livenessProbe).toMatchObject({ httpGet: { path: '/liveness', port: 3808 }, initialDelaySeconds: 20, periodSeconds: 60, timeoutSeconds: 30, failureThreshold: 3 });
    expect(c.readinessProbe).toMatchObject({ httpGet: { path: '/readiness', port: 3808 }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 });
    expect(sidekiq.spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/port': '3807', 'gitlab.com/prometheus_port': '3807' });
  });

  it('gives running jobs up to 600 seconds on shutdown and surges during rollouts (zero-downtime guidance)', () => {
    expect(container(sidekiq, 'sidekiq').lifecycle.preStop.exec.command).toEqual(['/bin/bash', '-c', "pkill -f 'sidekiq'"]);
    expect(podSpec(sidekiq).terminationGracePeriodSeconds).toBe(600);
    expect(sidekiq.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: 0 } });
  });

  it('mounts the Rails configuration, secrets and metrics directory', () => {
    expect(mountsOf(container(sidekiq, 'sidekiq'))).toMatchObject({
      '/metrics': 'sidekiq-metrics', '/var/opt/gitlab/templates': 'sidekiq-config', '/etc/gitlab': 'sidekiq-secrets',
      '/srv/gitlab/config/secrets.yml': 'sidekiq-secrets', '/etc/krb5.conf': 'sidekiq-config',
      '/srv/gitlab/config/initializers/smtp_settings.rb': 'sidekiq-config', '/srv/gitlab/INSTALLATION_TYPE': 'sidekiq-config',
      '/etc/ssl/certs/': 'etc-ssl-certs', '/etc/pki/ca-trust/extracted/pem': 'etc-pki-ca-trust-extracted-pem',
    });
  });

  it('projects the Rails secrets it reads, without the shell or workhorse secrets (contract §1.3)', () => {
    expect(projectedFiles(sidekiq, 'init-sidekiq-secrets')).toEqual({
      ...COMMON_RAILS_FILES,
      'registry/gitlab-registry.key': 'gitlab-registry-secret/registry-auth.key',
      'registry/notificationSecret': 'gitlab-registry-notification/secret',
      'kas/.gitlab_kas_secret': 'gitlab-gitlab-kas-secret/kas_shared_secret',
    });
  });

  it('requests the chart resources', () => {
    expect(container(sidekiq, 'sidekiq').resources).toEqual({ requests: { cpu: '900m', memory: '2G' } });
  });

  it('meets the restricted Pod Security Standard', () => {
    expect(checkRestrictedPod(podSpec(sidekiq), sidekiq.spec.template.metadata)).toEqual([]);
  });

  it('rolls when its configuration changes and only then', () => {
    const checksumOf = (objects: KubeObject[]) => deploymentOf(objects).spec.template.metadata.annotations['checksum/config'];
    expect(checksumOf(synthPlatform(productionProps()))).toBe(checksumOf(production));
    expect(checksumOf(synthPlatform(productionProps({ timeZone: 'Europe/Berlin' })))).not.toBe(checksumOf(production));
  });
});

describe('Sidekiq scaling', () => {
  it('keeps the chart names of the Deployment and HPA, and selects on app, release and queue pod', () => {
    const selector = { app: 'sidekiq', release: 'gitlab', 'queue-pod-name': 'all-in-1' };
    expect(sidekiq.spec.selector.matchLabels).toEqual(selector);
    expect(sidekiq.spec.template.metadata.labels).toMatchObject(selector);
    expect(sidekiq.spec.replicas).toBeUndefined();
    const hpa = find(production, 'HorizontalPodAutoscaler', NAME);
    expect(hpa.spec).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: NAME }, minReplicas: 1, maxReplicas: 10,
      metrics: [{ resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '350m' } } }],
    });
  });

  it('names the PodDisruptionBudget without the chart’s stray suffix', () => {
    const pdb = find(production, 'PodDisruptionBudget', 'gitlab-sidekiq-all-in-1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: sidekiq.spec.selector.matchLabels } });
  });

  it('has no Service: nothing calls Sidekiq', () => {
    expect(production.filter((o) => o.kind === 'Service' && o.metadata.labels?.app === 'sidekiq')).toEqual([]);
  });

  it('runs as its own ServiceAccount with the object storage IAM role', () => {
    const base = productionProps();
    const objects = synthPlatform(productionProps({
      objectStorage: { ...base.objectStorage, iamRole: { roleArn: 'arn:aws:iam::123456789012:role/gitlab', perComponent: { sidekiq: 'arn:aws:iam::123456789012:role/sidekiq' } } },
    }));
    expect(find(objects, 'ServiceAccount', 'gitlab-sidekiq').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/sidekiq' });
    expect(podSpec(deploymentOf(objects)).serviceAccountName).toBe('gitlab-sidekiq');
  });
});
