import * as k8s from './k8s';
import type { ExtraContainer, ExtraVolume } from '../config/pod-extras/types';
import type { ProbeOverrides, ProbeTiming } from '../config/probes/types';
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

/** The main container's probes with the user's timings over them (a probe the container lacks stays absent). */
export function withProbeTimings(c: k8s.Container, o: ProbeOverrides | undefined): k8s.Container {
  if (!o) return c;
  const over = (p: k8s.Probe | undefined, t: ProbeTiming | undefined) => (p && t ? { ...p, ...t } : p);
  return { ...c, livenessProbe: over(c.livenessProbe, o.livenessProbe), readinessProbe: over(c.readinessProbe, o.readinessProbe) };
}
