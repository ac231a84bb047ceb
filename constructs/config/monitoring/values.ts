import type { PropsBuilder } from '../../values/builder';
import { optionalComponentsOn } from '../../values/optional';
import { MONITORED_COMPONENTS, MonitoredComponent } from './types';

/** The monitoring settings' values mapping: the chart's per-component `metrics` monitors as `monitoring` props. */

/** Where each monitored component keeps its `metrics` values, and whether its metrics are on by default. */
const MONITOR_VALUES: Readonly<Record<MonitoredComponent, { path: string; component: string; metricsOn: boolean }>> = {
  webservice: { path: 'gitlab.webservice', component: 'webservice', metricsOn: true },
  workhorse: { path: 'gitlab.webservice.workhorse', component: 'webservice', metricsOn: false },
  sidekiq: { path: 'gitlab.sidekiq', component: 'sidekiq', metricsOn: true },
  gitaly: { path: 'gitlab.gitaly', component: 'gitaly', metricsOn: true },
  praefect: { path: 'gitlab.praefect', component: 'praefect', metricsOn: true },
  gitlabShell: { path: 'gitlab.gitlab-shell', component: 'gitlabShell', metricsOn: false },
  registry: { path: 'registry', component: 'registry', metricsOn: false },
  kas: { path: 'gitlab.kas', component: 'kas', metricsOn: true },
  gitlabExporter: { path: 'gitlab.gitlab-exporter', component: 'gitlabExporter', metricsOn: true },
  gitlabPages: { path: 'gitlab.gitlab-pages', component: 'gitlabPages', metricsOn: true },
};
const MONITORS = MONITORED_COMPONENTS.map((key) => ({ key, ...MONITOR_VALUES[key] }));

/** `endpointConfig` keys that have a typed counterpart (the operator's Endpoint fields, same names). */
const ENDPOINT_KEYS = ['interval', 'scrapeTimeout', 'scheme', 'honorLabels', 'relabelings', 'metricRelabelings'] as const;

function running(b: PropsBuilder, component: string): boolean {
  if (component === 'gitlabPages') return optionalComponentsOn(b).includes(component);
  if (component === 'praefect') return b.get('components.praefect.enabled') === true;
  if (component === 'gitaly') return b.get('components.gitaly.enabled') !== false || b.get('components.praefect.enabled') === true;
  return b.get(`components.${component}.enabled`) !== false;
}

/**
 * `<component>.metrics.serviceMonitor` / `podMonitor` (with `additionalLabels` and `endpointConfig`) onto
 * `monitoring.<component>`. As in the chart, a monitor needs the component's `metrics.enabled`; the listeners the
 * chart has off by default (Workhorse, registry, gitlab-shell) are served only with a monitor here.
 */
export function readMonitoring(b: PropsBuilder): void {
  const v = b.values;
  v.get('global.monitoring.enabled'); // The chart's switch for clusters without the CRDs: the monitors are written either way.
  for (const m of MONITORS) {
    if (!running(b, m.component)) continue;
    const metricsPath = `${m.path}.metrics.enabled`;
    const metrics = m.key === 'webservice' || m.key === 'sidekiq' ? v.peek(metricsPath) ?? m.metricsOn : v.boolean(metricsPath) ?? m.metricsOn;
    const sm = `${m.path}.metrics.serviceMonitor`;
    const pm = `${m.path}.metrics.podMonitor`;
    const smOn = v.boolean(`${sm}.enabled`) ?? false;
    const pmOn = m.key === 'sidekiq' || m.key === 'kas' ? v.boolean(`${pm}.enabled`) ?? false : false;
    if (smOn && pmOn) {
      v.problem(`${pm}.enabled`, true, 'false while metrics.serviceMonitor.enabled is true (the chart refuses both)', `turn one of ${sm}.enabled and ${pm}.enabled off`);
      continue;
    }
    const at = pmOn ? pm : smOn ? sm : undefined;
    // The registry serves its metrics on the debug port whenever the switch is on (the chart's scrape annotations).
    if (m.key === 'registry' && metrics === true) b.set('components.registry.metrics', true, metricsPath);
    if (!at) {
      if (m.key === 'registry') continue;
      if (metrics === true && !m.metricsOn) {
        v.problem(metricsPath, true, `true only with ${sm}.enabled (this listener is served while a ServiceMonitor scrapes it)`,
          `set ${sm}.enabled: true, or remove ${metricsPath}`);
      }
      continue;
    }
    if (metrics !== true) continue; // The chart renders no monitor while the component's metrics are off.
    const to = `monitoring.${m.key}`;
    b.set(`${to}.enabled`, true, `${at}.enabled`);
    if (m.key === 'kas' && pmOn) b.set(`${to}.kind`, 'PodMonitor', `${at}.enabled`);
    b.raw(`${at}.additionalLabels`, `${to}.additionalLabels`);
    readEndpointConfig(b, `${at}.endpointConfig`, to);
  }
}

function readEndpointConfig(b: PropsBuilder, path: string, to: string): void {
  const v = b.values;
  const config = v.map(path);
  if (!config) return;
  for (const key of Object.keys(config)) {
    if ((ENDPOINT_KEYS as readonly string[]).includes(key)) b.raw(`${path}.${key}`, `${to}.${key}`);
    else if (key === 'tlsConfig') readTls(b, `${path}.tlsConfig`, `${to}.tlsConfig`);
    else {
      v.problem(`${path}.${key}`, config[key], `one of ${[...ENDPOINT_KEYS, 'tlsConfig'].join(', ')}`,
        'remove the key, or add it to the monitor with a cdk8s override');
    }
  }
}

function readTls(b: PropsBuilder, path: string, to: string): void {
  const v = b.values;
  const tls = v.map(path) ?? {};
  for (const key of Object.keys(tls)) {
    if (key === 'serverName' || key === 'insecureSkipVerify') b.raw(`${path}.${key}`, `${to}.${key}`);
    else if (key === 'ca' && v.peek(`${path}.ca.secret.name`) !== undefined) {
      b.string(`${path}.ca.secret.name`, `${to}.ca.name`);
      b.string(`${path}.ca.secret.key`, `${to}.ca.key`);
    } else {
      v.problem(`${path}.${key}`, tls[key], 'serverName, insecureSkipVerify or ca.secret { name, key }', 'give the CA as a Secret key, or remove the key');
    }
  }
}
