import * as k8s from './k8s';

/** Probe timings as the chart writes them: initialDelay / period / timeout / failureThreshold. */
export interface Timing {
  readonly delay: number;
  readonly period: number;
  readonly timeout: number;
  readonly failures: number;
  readonly successes?: number;
}

const timing = (t: Timing) => ({
  initialDelaySeconds: t.delay,
  periodSeconds: t.period,
  timeoutSeconds: t.timeout,
  failureThreshold: t.failures,
  ...(t.successes !== undefined ? { successThreshold: t.successes } : {}),
});

export const httpProbe = (path: string, port: number | string, t: Timing): k8s.Probe => ({
  httpGet: { path, port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port) },
  ...timing(t),
});

export const execProbe = (command: string[], t: Timing): k8s.Probe => ({ exec: { command }, ...timing(t) });

export const tcpProbe = (port: number, t: Timing): k8s.Probe => ({ tcpSocket: { port: k8s.IntOrString.fromNumber(port) }, ...timing(t) });

export const grpcProbe = (port: number, t: Timing): k8s.Probe => ({ grpc: { port }, ...timing(t) });
