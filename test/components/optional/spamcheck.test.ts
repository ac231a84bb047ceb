import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Chart, Testing } from 'cdk8s';
import { GitLabPlatform } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { configIssues, configMapData, named, withComponents } from './fixtures';

const NAME = 'gitlab-spamcheck';
const spamcheck = synthPlatform(withComponents({ spamcheck: { enabled: true } }));
const deploymentOf = (objects: KubeObject[]) => find(objects, 'Deployment', NAME);

describe('spamcheck', () => {
  it('is off by default', () => {
    expect(named(synthPlatform(productionProps()), NAME)).toEqual([]);
  });

  it('creates its Deployment, Service, HPA, PDB, ConfigMap and ServiceAccount, all <release>-spamcheck', () => {
    expect(named(spamcheck, NAME).sort()).toEqual([
      `ConfigMap/${NAME}`, `Deployment/${NAME}`, `HorizontalPodAutoscaler/${NAME}`, `PodDisruptionBudget/${NAME}`, `Service/${NAME}`, `ServiceAccount/${NAME}`,
    ]);
  });

  it('runs the pinned spamcheck image with only the certificates init container', () => {
    const d = deploymentOf(spamcheck);
    const c = container(d, 'spamcheck');
    expect(c.image).toBe('registry.gitlab.com/gitlab-com/gl-security/engineering-and-research/automation-team/spam/spamcheck:1.2.3');
    expect(c.command).toBeUndefined();
    expect(podSpec(d).initContainers.map((i: any) => i.name)).toEqual(['certificates']);
  });

  it('listens for gRPC on 8001 and reads its configuration from /app/config', () => {
    const c = container(deploymentOf(spamcheck), 'spamcheck');
    expect(c.ports).toEqual([{ name: 'grpc', containerPort: 8001 }]);
    expect(envOf(c)).toEqual({ SPAMCHECK_CONFIG: '/app/config/config.yaml', TZ: 'UTC' });
    expect(mountsOf(c)).toMatchObject({ '/app/config': 'spamcheck-config-volume', '/etc/ssl/certs/': 'etc-ssl-certs' });
    expect(podSpec(deploymentOf(spamcheck)).volumes).toContainEqual({ name: 'spamcheck-config-volume', configMap: { name: NAME } });
  });

  it('is checked with the image\'s health-check command', () => {
    const c = container(deploymentOf(spamcheck), 'spamcheck');
    expect(c.livenessProbe).toEqual({ exec: { command: ['health-check', '--liveness'] }, initialDelaySeconds: 20, periodSeconds: 60, timeoutSeconds: 30, failureThreshold: 3, successThreshold: 1 });
    expect(c.readinessProbe).toEqual({ exec: { command: ['health-check', '--readiness'] }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3, successThreshold: 1 });
  });

  it('listens on every address with empty allow and deny lists, at the chosen log level', () => {
    expect(parse(configMapData(spamcheck, NAME)['config.yaml'])).toEqual({
      grpc_addr: '[::]:8001', log_level: 'info', filter: { allowList: {}, denyList: {}, allowed_domains: {} },
    });
    const debug = synthPlatform(withComponents({ spamcheck: { enabled: true, logLevel: 'debug' } }));
    expect(parse(configMapData(debug, NAME)['config.yaml']).log_level).toBe('debug');
    expect(deploymentOf(debug).spec.template.metadata.annotations['checksum/config'])
      .not.toBe(deploymentOf(spamcheck).spec.template.metadata.annotations['checksum/config']);
  });

  it('is reached through a ClusterIP Service on 8001, scales 1-10 on 100m CPU and keeps all but one pod through disruptions', () => {
    expect(find(spamcheck, 'Service', NAME).spec).toEqual({
      type: 'ClusterIP', selector: { app: 'spamcheck', release: 'gitlab' }, ports: [{ name: 'grpc', port: 8001, targetPort: 8001, protocol: 'TCP' }],
    });
    expect(find(spamcheck, 'HorizontalPodAutoscaler', NAME).spec).toMatchObject({
      minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }],
    });
    expect(find(spamcheck, 'PodDisruptionBudget', NAME).spec.maxUnavailable).toBe(1);
    expect(container(deploymentOf(spamcheck), 'spamcheck').resources).toEqual({ requests: { cpu: '100m', memory: '100M' } });
  });

  it('tells the administrator the endpoint to enter in GitLab\'s settings', () => {
    const chart = Testing.chart() as Chart;
    const platform = new GitLabPlatform(chart, 'gitlab', withComponents({ spamcheck: { enabled: true } }));
    expect(platform.spamcheck!.endpoint).toBe('grpc://gitlab-spamcheck.gitlab.svc:8001');
  });

  it.each(KUBERNETES_VERSIONS)('objects are schema-valid on Kubernetes %s', (version) => {
    expect(validateObjects(spamcheck.filter((o) => o.metadata.name.startsWith(NAME)), version)).toEqual([]);
  });

  it('meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(spamcheck)).toEqual([]);
  });

  it('refuses an unknown log level', () => {
    expect(configIssues(withComponents({ spamcheck: { enabled: true, logLevel: 'verbose' as any } }))[0])
      .toMatchObject({ path: 'components.spamcheck.logLevel', allowed: '"debug" | "info" | "warn" | "error"' });
  });
});
