import type { SecretRef } from '../types';

/**
 * Prometheus Operator monitors (monitoring.coreos.com/v1 ServiceMonitor / PodMonitor) per component, as the chart's
 * `<component>.metrics.serviceMonitor` / `podMonitor` (and `webservice.workhorse.metrics.serviceMonitor`) create.
 */

/** The components with a metrics endpoint a monitor can scrape. */
export const MONITORED_COMPONENTS = [
  'webservice', 'workhorse', 'sidekiq', 'gitaly', 'praefect', 'gitlabShell', 'registry', 'kas', 'gitlabExporter', 'gitlabPages',
] as const;
export type MonitoredComponent = (typeof MONITORED_COMPONENTS)[number];

/** Prometheus relabeling actions (the operator's `RelabelConfig.action`). */
export const RELABEL_ACTIONS = [
  'replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal',
] as const;

/** One relabeling rule (Prometheus `relabel_config`). */
export interface RelabelConfig {
  /** Labels whose values are joined and matched. @default none */
  readonly sourceLabels?: readonly string[];
  /** Joins `sourceLabels`. @default ; */
  readonly separator?: string;
  /** Label written by `replace` and `hashmod`. @default none */
  readonly targetLabel?: string;
  /** RE2 expression matched against the joined value. @default (.*) */
  readonly regex?: string;
  /** Modulus of `hashmod`. @default none */
  readonly modulus?: number;
  /** Replacement of `replace` (may use `$1`). @default $1 */
  readonly replacement?: string;
  /** @default replace */
  readonly action?: (typeof RELABEL_ACTIONS)[number];
}

/** TLS of the scrape (components whose metrics listener serves HTTPS). */
export interface MonitorTls {
  /** CA bundle that signed the metrics certificate (a Secret key). @default the Prometheus pod's trust store */
  readonly ca?: SecretRef;
  /** Name the certificate must carry. @default the target's address */
  readonly serverName?: string;
  /** Skip certificate verification (not recommended). @default false */
  readonly insecureSkipVerify?: boolean;
}

/** One component's monitor (the chart's `metrics.serviceMonitor` / `metrics.podMonitor` with its `endpointConfig`). */
export interface MetricsMonitor {
  /** @default true (set the monitor to create it) */
  readonly enabled?: boolean;
  /**
   * `ServiceMonitor` (scrapes through the component's Service) or `PodMonitor` (scrapes pods directly). Sidekiq has
   * no Service, so only `PodMonitor`; kas offers both, as in the chart; the others only `ServiceMonitor`.
   * @default PodMonitor for sidekiq, ServiceMonitor for the others
   */
  readonly kind?: 'ServiceMonitor' | 'PodMonitor';
  /** Labels of the monitor object, e.g. the one your Prometheus' `serviceMonitorSelector` wants. @default none */
  readonly additionalLabels?: Readonly<Record<string, string>>;
  /** Scrape interval, e.g. `30s`. @default Prometheus' */
  readonly interval?: string;
  /** Scrape timeout, at most `interval`. @default Prometheus' */
  readonly scrapeTimeout?: string;
  /** `https` when the metrics listener serves TLS. @default http */
  readonly scheme?: 'http' | 'https';
  /** TLS settings of an `https` scrape. @default none */
  readonly tlsConfig?: MonitorTls;
  /** Keep the target's labels when they clash with Prometheus' own. @default false */
  readonly honorLabels?: boolean;
  /** Relabeling of the target before the scrape. @default none */
  readonly relabelings?: readonly RelabelConfig[];
  /** Relabeling of the scraped samples. @default none */
  readonly metricRelabelings?: readonly RelabelConfig[];
}

/** Monitors per component; a component left out gets none (it keeps its `prometheus.io/*` pod annotations). */
export type MonitoringConfig = Partial<Record<MonitoredComponent, MetricsMonitor>>;
