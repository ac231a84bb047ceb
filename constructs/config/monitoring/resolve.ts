import type { ResolvedSecretRef } from '../resolved';
import { ref } from '../secrets/resolve';
import { MetricsMonitor, MONITORED_COMPONENTS, MonitoredComponent, MonitoringConfig, RelabelConfig } from './types';
import type { Fail } from '../errors';

/** A monitor to create, with its endpoint settings (the operator's field names). */
export interface ResolvedMonitor {
  readonly kind: 'ServiceMonitor' | 'PodMonitor';
  readonly additionalLabels: Readonly<Record<string, string>>;
  readonly endpoint: {
    readonly interval?: string;
    readonly scrapeTimeout?: string;
    readonly scheme?: 'http' | 'https';
    readonly tlsConfig?: { readonly ca?: ResolvedSecretRef; readonly serverName?: string; readonly insecureSkipVerify?: boolean };
    readonly honorLabels?: boolean;
    readonly relabelings?: readonly RelabelConfig[];
    readonly metricRelabelings?: readonly RelabelConfig[];
  };
}

export type ResolvedMonitoring = Readonly<Partial<Record<MonitoredComponent, ResolvedMonitor>>>;

/** What the monitors depend on: which components run, and how. */
export interface MonitoringContext {
  /** Components that are on (workhorse runs with webservice). */
  readonly on: Readonly<Record<MonitoredComponent, boolean>>;
  /** gitlab-shell's daemon: only gitlab-sshd serves metrics. */
  readonly sshDaemon?: import('../gitlab-shell/names').SshDaemon;
  readonly fail: Fail;
}

const seconds = (d: string) => {
  const units: Record<string, number> = { y: 31536000, w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  for (const [, n, u] of d.matchAll(/([0-9]+)(ms|y|w|d|h|m|s)/g)) total += Number(n) * units[u];
  return total;
};

/** The monitors of the components that run; a monitor of a component that is off, or of the wrong kind, is refused. */
export function resolveMonitoring(m: MonitoringConfig | undefined, ctx: MonitoringContext): ResolvedMonitoring {
  const out: Partial<Record<MonitoredComponent, ResolvedMonitor>> = {};
  for (const c of MONITORED_COMPONENTS) {
    const o: MetricsMonitor | undefined = m?.[c];
    if (!o || !(o.enabled ?? true)) continue;
    const path = `monitoring.${c}`;
    if (!ctx.on[c]) {
      ctx.fail(path, o, `nothing while ${c === 'workhorse' ? 'webservice' : c} is off`, `remove ${path}, or turn the component on`);
      continue;
    }
    if (c === 'gitlabShell' && ctx.sshDaemon !== 'gitlab-sshd') {
      ctx.fail(path, o, 'a monitor only with components.gitlabShell.sshDaemon: gitlab-sshd (OpenSSH serves no metrics)',
        `set components.gitlabShell.sshDaemon: gitlab-sshd, or remove ${path}`);
      continue;
    }
    const dflt = c === 'sidekiq' ? 'PodMonitor' : 'ServiceMonitor';
    const kind = o.kind ?? dflt;
    if (kind !== dflt && c !== 'kas') {
      ctx.fail(`${path}.kind`, kind, `${dflt} (the only kind the chart offers for ${c}; kas has both)`, `set kind: ${dflt}, or remove kind`);
    }
    if (o.interval && o.scrapeTimeout && seconds(o.scrapeTimeout) > seconds(o.interval)) {
      ctx.fail(`${path}.scrapeTimeout`, o.scrapeTimeout, `at most interval (${o.interval})`, 'lower scrapeTimeout or raise interval');
    }
    if (o.tlsConfig && (o.scheme ?? 'http') !== 'https') {
      ctx.fail(`${path}.tlsConfig`, o.tlsConfig, 'TLS settings only with scheme: https', `set ${path}.scheme: https, or remove tlsConfig`);
    }
    const tls = o.tlsConfig;
    out[c] = {
      kind,
      additionalLabels: o.additionalLabels ?? {},
      endpoint: {
        interval: o.interval,
        scrapeTimeout: o.scrapeTimeout,
        scheme: o.scheme,
        tlsConfig: tls ? {
          ...(tls.ca ? { ca: ref(tls.ca, 'ca.crt') } : {}),
          ...(tls.serverName !== undefined ? { serverName: tls.serverName } : {}),
          ...(tls.insecureSkipVerify !== undefined ? { insecureSkipVerify: tls.insecureSkipVerify } : {}),
        } : undefined,
        honorLabels: o.honorLabels,
        relabelings: o.relabelings,
        metricRelabelings: o.metricRelabelings,
      },
    };
  }
  return out;
}
