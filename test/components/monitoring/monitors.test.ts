/**
 * Prometheus Operator monitors. The expected specs are the chart 9.9.1's, from `helm template --api-versions
 * monitoring.coreos.com/v1` with each subchart's `metrics.serviceMonitor.enabled` (sidekiq and kas:
 * `metrics.podMonitor.enabled`; gitlab-shell with gitlab-sshd and `metrics.enabled`; registry and workhorse with
 * `metrics.enabled`).
 */
import { describe, expect, it } from 'vitest';
import { GitLabPlatformProps, MonitoringConfig } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, find, KubeObject, synthPlatform } from '../../support/synth';
import { configIssues } from '../optional/fixtures';
import { PRAEFECT_DATABASE } from '../praefect/props';

function withMonitoring(monitoring: MonitoringConfig, components: GitLabPlatformProps['components'] = {}): GitLabPlatformProps {
  const base = productionProps();
  return productionProps({ monitoring, components: { ...base.components, gitlabShell: { sshDaemon: 'gitlab-sshd' }, ...components } });
}

const ALL: MonitoringConfig = {
  webservice: { additionalLabels: { release: 'prom' }, interval: '30s' }, workhorse: {}, sidekiq: {}, gitaly: {}, praefect: {},
  gitlabShell: {}, registry: {}, kas: { kind: 'PodMonitor' }, gitlabExporter: {}, gitlabPages: {},
};
const all = synthPlatform(withMonitoring(ALL, { praefect: { database: PRAEFECT_DATABASE }, gitlabPages: { enabled: true } }));
const monitors = (objects: KubeObject[]) => objects.filter((o) => o.apiVersion === 'monitoring.coreos.com/v1');
const ns = { matchNames: ['gitlab'] };
const sel = (app: string, extra = {}) => ({ matchLabels: { app, release: 'gitlab', ...extra } });

/** The chart's monitors (name, kind, spec). */
const CHART: Record<string, [string, unknown]> = {
  'gitlab-webservice': ['ServiceMonitor', { namespaceSelector: ns, selector: sel('webservice'), endpoints: [{ port: 'http-metrics-ws', path: '/metrics', interval: '30s' }] }],
  'gitlab-webservice-workhorse': ['ServiceMonitor', { namespaceSelector: ns, selector: sel('webservice'), endpoints: [{ port: 'http-metrics-wh', path: '/metrics' }] }],
  'gitlab-sidekiq': ['PodMonitor', { namespaceSelector: ns, selector: sel('sidekiq'), podMetricsEndpoints: [{ port: 'http-metrics', path: '/metrics' }] }],
  'gitlab-gitaly': ['ServiceMonitor', { namespaceSelector: ns, selector: sel('gitaly'), endpoints: [{ port: 'http-metrics', path: '/metrics' }] }],
  'gitlab-praefect': ['ServiceMonitor', { namespaceSelector: ns, selector: sel('praefect'), endpoints: [{ port: 'http-metrics', path: '/metrics' }] }],
  'gitlab-gitlab-shell': ['ServiceMonitor', { namespaceSelector: ns, selector: sel('gitlab-shell'), endpoints: [{ port: 'http-metrics', path: '/metrics' }] }],
  'gitlab-registry': ['ServiceMonitor', { namespaceSelector: ns, selector: sel('registry'), endpoints: [{ port: 'http-metrics', path: '/metrics' }] }],
  'gitlab-kas': ['PodMonitor', { namespaceSelector: ns, selector: sel('kas'), podMetricsEndpoints: [{ port: 'http-metrics', path: '/metrics' }] }],
  'gitlab-gitlab-exporter': ['ServiceMonitor', { namespaceSelector: ns, selector: sel('gitlab-exporter'), endpoints: [{ port: 'http-metrics', path: '/metrics' }] }],
  'gitlab-gitlab-pages': ['ServiceMonitor', { namespaceSelector: ns, selector: sel('gitlab-pages', { 'gitlab.com/metrics-service': 'true' }), endpoints: [{ port: 'http-metrics', path: '/metrics' }] }],
};

describe('ServiceMonitors and PodMonitors (monitoring)', () => {
  it('creates none by default', () => {
    expect(monitors(synthPlatform(productionProps()))).toEqual([]);
  });

  it('creates each component\'s monitor with the chart\'s name, kind, selector, port and path', () => {
    const got = Object.fromEntries(monitors(all).map((m) => [m.metadata.name, [m.kind, m.spec]]));
    expect(got).toEqual(CHART);
  });

  it('puts additionalLabels on the monitor (over the component\'s own, as the chart merges them)', () => {
    const web = find(all, 'ServiceMonitor', 'gitlab-webservice');
    expect(web.metadata.labels).toMatchObject({ app: 'webservice', release: 'prom' });
  });

  it('targets ports that the selected Services and pods really have', () => {
    const servicePorts = (app: string) => all.filter((o) => o.kind === 'Service' && o.metadata.labels?.app === app)
      .flatMap((s) => s.spec.ports.map((p: any) => p.name));
    for (const m of monitors(all)) {
      const app = m.spec.selector.matchLabels.app;
      if (m.kind === 'ServiceMonitor') {
        expect(servicePorts(app), m.metadata.name).toContain(m.spec.endpoints[0].port);
      } else {
        const pods = all.filter((o) => o.spec?.template?.metadata?.labels?.app === app);
        const ports = pods.flatMap((p) => p.spec.template.spec.containers.flatMap((c: any) => (c.ports ?? []).map((x: any) => x.name)));
        expect(ports, m.metadata.name).toContain(m.spec.podMetricsEndpoints[0].port);
      }
    }
  });

  it('turns on the listeners that are off without a monitor: Workhorse (9229), the registry (5001), gitlab-sshd (9122)', () => {
    const plain = synthPlatform(withMonitoring({}));
    const toml = (objects: KubeObject[]) => find(objects, 'ConfigMap', 'gitlab-workhorse-default').data['workhorse-config.toml.tpl'];
    expect(toml(all)).toContain('[metrics_listener]\nnetwork = "tcp"\naddr = ":9229"');
    expect(toml(plain)).not.toContain('metrics_listener');
    expect(container(find(all, 'Deployment', 'gitlab-webservice-default'), 'gitlab-workhorse').ports).toContainEqual({ name: 'http-metrics-wh', containerPort: 9229 });
    const registryConfig = (objects: KubeObject[]) => find(objects, 'ConfigMap', 'gitlab-registry').data['config.yml.tpl'];
    expect(registryConfig(all)).toMatch(/prometheus:\n\s+enabled: true\n\s+path: \/metrics/);
    expect(registryConfig(plain)).toMatch(/prometheus:\n\s+enabled: false/);
    const port = (objects: KubeObject[], svc: string, name: string) => find(objects, 'Service', svc).spec.ports.find((p: any) => p.name === name);
    expect(port(all, 'gitlab-registry', 'http-metrics')).toMatchObject({ port: 5001, targetPort: 'debug' });
    expect(port(plain, 'gitlab-registry', 'http-metrics')).toBeUndefined();
    expect(port(all, 'gitlab-gitlab-shell', 'http-metrics')).toMatchObject({ port: 9122, targetPort: 'http-metrics' });
    expect(port(all, 'gitlab-webservice-default', 'http-metrics-wh')).toMatchObject({ port: 9229 });
  });

  it('drops the prometheus.io scrape annotations of monitored pods (no double scrape), as the chart does', () => {
    const annotations = (objects: KubeObject[], kind: string, name: string) => find(objects, kind, name).spec.template.metadata.annotations ?? {};
    const plain = synthPlatform(productionProps());
    expect(annotations(plain, 'StatefulSet', 'gitlab-gitaly')['prometheus.io/scrape']).toBe('true');
    expect(annotations(all, 'StatefulSet', 'gitlab-gitaly-default')['prometheus.io/scrape']).toBeUndefined();
    expect(annotations(all, 'Deployment', 'gitlab-webservice-default')['gitlab.com/prometheus_scrape']).toBeUndefined();
  });

  it('lets Prometheus reach the listeners a monitor turned on through the NetworkPolicies', () => {
    const policy = find(all, 'NetworkPolicy', 'gitlab-registry');
    const ports = policy.spec.ingress.flatMap((r: any) => (r.ports ?? []).map((p: any) => p.port));
    expect(ports).toContain(5001);
    const web = find(all, 'NetworkPolicy', 'gitlab-webservice');
    expect(web.spec.ingress.flatMap((r: any) => (r.ports ?? []).map((p: any) => p.port))).toContain(9229);
  });

  it('writes the endpoint settings: scheme, TLS with a CA Secret, interval, timeout, relabelings', () => {
    const objects = synthPlatform(withMonitoring({
      gitaly: {
        scheme: 'https', tlsConfig: { ca: { name: 'metrics-ca' }, serverName: 'gitaly' }, interval: '1m', scrapeTimeout: '30s', honorLabels: true,
        relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node', action: 'replace' }],
        metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'go_.*', action: 'drop' }],
      },
    }));
    expect(find(objects, 'ServiceMonitor', 'gitlab-gitaly').spec.endpoints).toEqual([{
      port: 'http-metrics', path: '/metrics', scheme: 'https', interval: '1m', scrapeTimeout: '30s', honorLabels: true,
      tlsConfig: { ca: { secret: { name: 'metrics-ca', key: 'ca.crt' } }, serverName: 'gitaly' },
      relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node', action: 'replace' }],
      metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'go_.*', action: 'drop' }],
    }]);
  });

  it('refuses monitors of components that are off or serve no metrics, wrong kinds, and TLS without https', () => {
    const issues = configIssues(withMonitoring({
      praefect: {}, sidekiq: { kind: 'ServiceMonitor' }, gitaly: { tlsConfig: { insecureSkipVerify: true } },
      webservice: { interval: '10s', scrapeTimeout: '1m' },
    }));
    expect(issues.map((i) => i.path).sort()).toEqual(['monitoring.gitaly.tlsConfig', 'monitoring.praefect', 'monitoring.sidekiq.kind', 'monitoring.webservice.scrapeTimeout']);
    const openssh = configIssues(productionProps({ monitoring: { gitlabShell: {} } }));
    expect(openssh).toEqual([expect.objectContaining({ path: 'monitoring.gitlabShell', fix: expect.stringContaining('gitlab-sshd') })]);
    expect(configIssues(withMonitoring({ webservice: { interval: 'soon' } })).map((i) => i.path)).toEqual(['monitoring.webservice.interval']);
  });

  it('is strictly schema-valid (vendored Prometheus Operator CRDs) on every Kubernetes version, and PSS-restricted', () => {
    for (const v of KUBERNETES_VERSIONS) expect(validateObjects(all, v, VENDORED_CRDS), v).toEqual([]);
    expect(restrictedViolations(all)).toEqual([]);
  });
});
