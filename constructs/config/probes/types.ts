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

/** Probe timings over the component's own; the probes' checks (paths, ports, commands) stay the platform's. */
export interface ProbeOverrides {
  /** Liveness probe timings of the main container. @default the chart's per component */
  readonly livenessProbe?: ProbeTiming;
  /** Readiness probe timings of the main container. @default the chart's per component */
  readonly readinessProbe?: ProbeTiming;
}
