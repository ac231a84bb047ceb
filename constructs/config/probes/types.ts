/** Timings of one probe of a component's main container (the chart's `livenessProbe` / `readinessProbe` keys). */
export interface ProbeTiming {
  /** @default the component's (the chart's) */
  readonly initialDelaySeconds?: number;
  /** @default the component's (the chart's) */
  readonly periodSeconds?: number;
  /** @default the component's (the chart's) */
  readonly timeoutSeconds?: number;
  /** Readiness only (Kubernetes requires 1 for liveness). @default the component's (the chart's) */
  readonly successThreshold?: number;
  /** @default the component's (the chart's) */
  readonly failureThreshold?: number;
}

/** A liveness or readiness probe of the main container: its timings, whether it runs, and its HTTP path or port. */
export interface ProbeSettings extends ProbeTiming {
  /** `false` drops the probe (the chart's registry `deployment.livenessProbe.enabled`). @default true */
  readonly enabled?: boolean;
  /**
   * Another path or port of the component's HTTP GET check (the chart's registry `deployment.*Probe.{path,port}`);
   * only for components whose check is an HTTP GET (webservice, sidekiq, registry, kas, gitlabPages).
   * @default the component's (the chart's)
   */
  readonly httpGet?: { readonly path?: string; readonly port?: number | string };
}

/** The check of a probe: exactly one of these. */
export interface ProbeCheck {
  /** @default none */
  readonly httpGet?: { readonly path: string; readonly port: number | string; /** @default HTTP */ readonly scheme?: 'HTTP' | 'HTTPS' };
  /** @default none */
  readonly exec?: { readonly command: readonly string[] };
  /** @default none */
  readonly tcpSocket?: { readonly port: number | string };
  /** @default none */
  readonly grpc?: { readonly port: number; /** @default the server's overall health */ readonly service?: string };
}

/**
 * A startup probe of the main container (the chart's webservice `deployment.startupProbe`, Gitaly's
 * `statefulset.startupProbe`): liveness and readiness wait until it succeeds, so a slow start is not killed.
 * Without a check of its own it runs the container's readiness check.
 */
export interface StartupProbe extends Omit<ProbeTiming, 'successThreshold'>, ProbeCheck {}

/** Probes of the main container over the component's own; left out, a probe stays the platform's (the chart's). */
export interface ProbeOverrides {
  /** Liveness probe of the main container. @default the chart's per component */
  readonly livenessProbe?: ProbeSettings;
  /** Readiness probe of the main container. @default the chart's per component */
  readonly readinessProbe?: ProbeSettings;
  /**
   * Startup probe of the main container; `false` drops one the component has (Gitaly's).
   * @default none, except Gitaly's (gRPC, 1s period, 60 failures: the chart's)
   */
  readonly startupProbe?: StartupProbe | false;
}

/** Components whose main container's liveness and readiness checks are HTTP GETs (their path and port may change). */
export const HTTP_PROBED = ['webservice', 'sidekiq', 'registry', 'kas', 'gitlabPages'] as const;
