import * as k8s from './k8s';
import type { ExtraContainer, ExtraVolume } from '../config/pod-extras/types';
import type { ProbeOverrides, ProbeSettings, StartupProbe } from '../config/probes/types';
import { containerSecurityContext } from './security';

/**
 * Users' extra containers and volumes (plain Kubernetes JSON) as the typed objects the generated Kubernetes classes
 * serialize: their quantities and int-or-string ports become `Quantity` / `IntOrString`, or the classes would drop them.
 */

type Json = Record<string, any>;

const quantity = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? k8s.Quantity.fromString(String(v)) : v);
const intOrString = (v: unknown) => (typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : typeof v === 'string' ? k8s.IntOrString.fromString(v) : v);
const quantities = (r: Json | undefined) => (r ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, quantity(v)])) : undefined);
const resources = (r: Json | undefined) => (r ? { ...r, requests: quantities(r.requests), limits: quantities(r.limits) } : undefined);

function probe(p: Json | undefined) {
  if (!p) return undefined;
  return {
    ...p,
    ...(p.httpGet ? { httpGet: { ...p.httpGet, port: intOrString(p.httpGet.port) } } : {}),
    ...(p.tcpSocket ? { tcpSocket: { ...p.tcpSocket, port: intOrString(p.tcpSocket.port) } } : {}),
  };
}

const env = (e: Json) => (e.valueFrom?.resourceFieldRef?.divisor !== undefined
  ? { ...e, valueFrom: { ...e.valueFrom, resourceFieldRef: { ...e.valueFrom.resourceFieldRef, divisor: quantity(e.valueFrom.resourceFieldRef.divisor) } } }
  : e);

/** An extra container, with the restricted security context under the fields a user may set. */
export function extraContainer(c: ExtraContainer): k8s.Container {
  const j = c as unknown as Json;
  return {
    ...j,
    ...(j.env ? { env: j.env.map(env) } : {}),
    resources: resources(j.resources),
    livenessProbe: probe(j.livenessProbe),
    readinessProbe: probe(j.readinessProbe),
    startupProbe: probe(j.startupProbe),
    securityContext: { ...containerSecurityContext(), ...c.securityContext },
  } as k8s.Container;
}

/** An extra volume. */
export function extraVolume(v: ExtraVolume): k8s.Volume {
  const j = v as unknown as Json;
  const claim = j.ephemeral?.volumeClaimTemplate;
  return {
    ...j,
    ...(j.emptyDir?.sizeLimit !== undefined ? { emptyDir: { ...j.emptyDir, sizeLimit: quantity(j.emptyDir.sizeLimit) } } : {}),
    ...(claim?.spec?.resources ? { ephemeral: { ...j.ephemeral, volumeClaimTemplate: { ...claim, spec: { ...claim.spec, resources: resources(claim.spec.resources) } } } } : {}),
  } as k8s.Volume;
}

/** The checks a probe may have (one of them). */
const CHECKS = ['httpGet', 'exec', 'tcpSocket', 'grpc'] as const;

/**
 * The main container's probes with the user's settings over them: timings, `enabled: false` (no probe), another HTTP
 * path or port; a startup probe with its own check or, without one, the readiness check. A liveness or readiness
 * probe the container lacks stays absent.
 */
export function withProbeTimings(c: k8s.Container, o: ProbeOverrides | undefined): k8s.Container {
  if (!o) return c;
  const over = (p: k8s.Probe | undefined, s: ProbeSettings | undefined): k8s.Probe | undefined => {
    if (!p || !s) return p;
    if (s.enabled === false) return undefined;
    const { enabled: _on, httpGet, ...timing } = s;
    const get = httpGet && p.httpGet
      ? { httpGet: { ...p.httpGet, ...(httpGet.path ? { path: httpGet.path } : {}), ...(httpGet.port !== undefined ? { port: intOrString(httpGet.port) as k8s.IntOrString } : {}) } }
      : {};
    return { ...p, ...timing, ...get };
  };
  const startup = (s: StartupProbe | false | undefined): k8s.Probe | undefined => {
    if (s === false) return undefined;
    if (s === undefined) return c.startupProbe;
    const own = CHECKS.some((k) => s[k] !== undefined);
    // No check of its own: the container's readiness check (or liveness, or the startup probe it has).
    const base = c.startupProbe ?? c.readinessProbe ?? c.livenessProbe;
    const check = own ? probe(s as Json) : Object.fromEntries(CHECKS.filter((k) => base?.[k] !== undefined).map((k) => [k, base![k]]));
    const timing = own ? {} : { ...(c.startupProbe ?? {}) };
    return { ...timing, ...check, ...Object.fromEntries(Object.entries(s).filter(([k]) => !(CHECKS as readonly string[]).includes(k))) } as k8s.Probe;
  };
  const startupProbe = startup(o.startupProbe);
  return {
    ...c,
    livenessProbe: over(c.livenessProbe, o.livenessProbe),
    readinessProbe: over(c.readinessProbe, o.readinessProbe),
    ...(startupProbe ? { startupProbe } : { startupProbe: undefined }),
  };
}
