import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedMonitor } from '../../config/monitoring/resolve';
import { MonitoredComponent } from '../../config/monitoring/types';
import { ResolvedConfig } from '../../config/resolved';
import { componentLabels } from '../../lib/labels';
import { meta } from '../../lib/workload';

const API_VERSION = 'monitoring.coreos.com/v1';

/** What a component's monitor scrapes: its `app` label, the monitor's name suffix, the port name, extra selector labels. */
interface Target {
  readonly app: string;
  readonly name: string;
  readonly port: string;
  readonly selector?: Readonly<Record<string, string>>;
}

/** The chart's endpoint of each component (names and port names of its servicemonitor / podmonitor templates). */
const TARGETS: Readonly<Record<MonitoredComponent, Target>> = {
  webservice: { app: 'webservice', name: 'webservice', port: 'http-metrics-ws' },
  workhorse: { app: 'webservice', name: 'webservice-workhorse', port: 'http-metrics-wh' },
  sidekiq: { app: 'sidekiq', name: 'sidekiq', port: 'http-metrics' },
  gitaly: { app: 'gitaly', name: 'gitaly', port: 'http-metrics' },
  praefect: { app: 'praefect', name: 'praefect', port: 'http-metrics' },
  gitlabShell: { app: 'gitlab-shell', name: 'gitlab-shell', port: 'http-metrics' },
  registry: { app: 'registry', name: 'registry', port: 'http-metrics' },
  kas: { app: 'kas', name: 'kas', port: 'http-metrics' },
  gitlabExporter: { app: 'gitlab-exporter', name: 'gitlab-exporter', port: 'http-metrics' },
  // Pages has two Services; only its metrics Service carries this label.
  gitlabPages: { app: 'gitlab-pages', name: 'gitlab-pages', port: 'http-metrics', selector: { 'gitlab.com/metrics-service': 'true' } },
};

/** Whether a component has a monitor (its pods then drop the `prometheus.io/*` scrape annotations, as in the chart). */
export const isMonitored = (config: Pick<ResolvedConfig, 'monitoring'>, c: MonitoredComponent) => !!config.monitoring[c];

/** Pod annotations for Prometheus' annotation-based discovery, unless an operator monitor scrapes the component. */
export function scrapeAnnotations(config: Pick<ResolvedConfig, 'monitoring'>, c: MonitoredComponent,
  annotations: Record<string, string>): Record<string, string> {
  return isMonitored(config, c) ? {} : annotations;
}

const drop = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * Whether a webservice metrics listener serves TLS (`components.webservice.tls.metrics`, `.workhorseTls.metrics`):
 * its Service port is then named `https-*` (the container port keeps its name) and the scheme defaults to https.
 */
function servesTls(config: ResolvedConfig, c: MonitoredComponent): boolean {
  const web = config.components.webservice;
  if (c === 'webservice') return !!web?.tls?.metricsSecretName;
  if (c === 'workhorse') return !!web?.workhorseTls?.metrics;
  return false;
}

function endpoint(m: ResolvedMonitor, port: string, tlsListener = false) {
  const e = m.endpoint;
  const tls = e.tlsConfig;
  return drop({
    port,
    path: '/metrics',
    scheme: e.scheme ?? (tlsListener ? 'https' : undefined),
    interval: e.interval,
    scrapeTimeout: e.scrapeTimeout,
    honorLabels: e.honorLabels,
    tlsConfig: tls ? drop({
      ca: tls.ca ? { secret: { name: tls.ca.name, key: tls.ca.key } } : undefined,
      serverName: tls.serverName,
      insecureSkipVerify: tls.insecureSkipVerify,
    }) : undefined,
    relabelings: e.relabelings?.map((r) => drop({ ...r })),
    metricRelabelings: e.metricRelabelings?.map((r) => drop({ ...r })),
  });
}

/**
 * ServiceMonitors and PodMonitors (Prometheus Operator) of the components `monitoring` names: each selects the
 * component's Services (or pods) by the chart's labels in the platform's namespace and scrapes the chart's metrics
 * port at `/metrics`, with the endpoint settings given.
 */
export class PlatformMonitors extends Construct {
  /** Names of the monitors created, per component. */
  readonly names: Readonly<Partial<Record<MonitoredComponent, string>>>;

  constructor(scope: Construct, id: string, config: ResolvedConfig) {
    super(scope, id);
    const names: Partial<Record<MonitoredComponent, string>> = {};
    for (const [c, m] of Object.entries(config.monitoring) as [MonitoredComponent, ResolvedMonitor][]) {
      const t = TARGETS[c];
      const name = `${config.release}-${t.name}`;
      const labels = componentLabels(config, t.app);
      const podMonitor = m.kind === 'PodMonitor';
      new ApiObject(this, c, {
        apiVersion: API_VERSION,
        kind: m.kind,
        metadata: meta(config, name, { ...labels.common, ...m.additionalLabels }),
        spec: {
          namespaceSelector: { matchNames: [config.namespace] },
          selector: { matchLabels: { ...labels.selector, ...t.selector } },
          [podMonitor ? 'podMetricsEndpoints' : 'endpoints']: [endpoint(m,
            servesTls(config, c) && !podMonitor ? t.port.replace(/^http-/, 'https-') : t.port, servesTls(config, c))],
        },
      });
      names[c] = name;
    }
    this.names = names;
  }
}
