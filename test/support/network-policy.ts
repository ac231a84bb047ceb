import { podTemplateOf } from './pod-security';
import { KubeObject } from './synth';

/**
 * A small NetworkPolicy evaluator for tests: decides, as a conforming network plugin would, whether a connection
 * between two endpoints is allowed by a set of networking.k8s.io/v1 NetworkPolicies (additive allow rules; a pod
 * selected by no policy of a direction is open in that direction).
 */

type Any = any;

/** A connection end: a pod (namespace + labels), or an address outside the cluster. */
export type Endpoint =
  | { readonly namespace: string; readonly labels: Readonly<Record<string, string>> }
  | { readonly ip: string };

export interface Connection {
  readonly from: Endpoint;
  readonly to: Endpoint;
  readonly port: number;
  /** @default TCP */
  readonly protocol?: 'TCP' | 'UDP';
}

/** Kubernetes label selector semantics (`matchLabels` and `matchExpressions`; an empty selector selects all). */
export function selects(selector: Any, labels: Readonly<Record<string, string>>): boolean {
  if (!selector) return true;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e: Any) => {
    const has = e.key in labels;
    switch (e.operator) {
      case 'In': return has && e.values.includes(labels[e.key]);
      case 'NotIn': return !has || !e.values.includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: throw new Error(`unknown operator ${e.operator}`);
    }
  });
  return byLabels && byExpressions;
}

const ipv4 = (ip: string) => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);

/** Whether an address lies in a CIDR (IPv4; IPv6 only as the whole `::/0`). */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  if (ip.includes(':') || base.includes(':')) return ip.includes(':') && base.includes(':') && Number(bits) === 0;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipv4(ip) / size) === Math.floor(ipv4(base) / size);
}

function peerMatches(peer: Any, end: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    return 'ip' in end && inCidr(end.ip, peer.ipBlock.cidr) && !(peer.ipBlock.except ?? []).some((c: string) => inCidr(end.ip, c));
  }
  if (!('namespace' in end)) return false;
  if (peer.namespaceSelector) {
    return selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': end.namespace }) && selects(peer.podSelector, end.labels);
  }
  return end.namespace === policyNamespace && selects(peer.podSelector, end.labels);
}

const portMatches = (ports: Any[] | undefined, port: number, protocol: string) =>
  !ports?.length || ports.some((p) => (p.protocol ?? 'TCP') === protocol && (p.port === undefined || p.port === port
    || (typeof p.endPort === 'number' && port >= p.port && port <= p.endPort)));

function direction(policies: readonly KubeObject[], self: Endpoint, other: Endpoint, port: number, protocol: string, type: 'Ingress' | 'Egress'): boolean {
  if (!('namespace' in self)) return true; // outside the cluster: no policy applies
  const applying = policies.filter((p) => p.metadata.namespace === self.namespace && selects(p.spec.podSelector, self.labels)
    && (p.spec.policyTypes ?? ['Ingress']).includes(type));
  if (!applying.length) return true;
  const rulesKey = type === 'Ingress' ? 'ingress' : 'egress';
  const peersKey = type === 'Ingress' ? 'from' : 'to';
  return applying.some((p) => (p.spec[rulesKey] ?? []).some((r: Any) => portMatches(r.ports, port, protocol)
    && (!r[peersKey]?.length || r[peersKey].some((peer: Any) => peerMatches(peer, other, p.metadata.namespace!)))));
}

/** Whether the policies let the connection through: the source's egress and the destination's ingress. */
export function allows(policies: readonly KubeObject[], c: Connection): boolean {
  const protocol = c.protocol ?? 'TCP';
  return direction(policies, c.from, c.to, c.port, protocol, 'Egress') && direction(policies, c.to, c.from, c.port, protocol, 'Ingress');
}

/** Every pod template the objects run, with the labels and namespace its pods get. */
export function podsOf(objects: readonly KubeObject[]): { readonly workload: string; readonly namespace: string; readonly labels: Record<string, string> }[] {
  return objects.flatMap((o) => {
    const t = podTemplateOf(o);
    return t ? [{ workload: `${o.kind}/${o.metadata.name}`, namespace: o.metadata.namespace!, labels: t.metadata.labels ?? {} }] : [];
  });
}

export const networkPolicies = (objects: readonly KubeObject[]) => objects.filter((o) => o.kind === 'NetworkPolicy');
