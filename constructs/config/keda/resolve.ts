import type { ResolvedAutoscaling } from '../resolved';
import type { Resources } from '../types';
import type { KedaScaling, KedaTrigger } from './types';
import type { Fail } from '../errors';

/** A component's resolved KEDA settings (triggers resolved per Deployment, from its own autoscaling targets). */
export interface ResolvedKeda {
  readonly pollingInterval: number;
  readonly cooldownPeriod: number;
  readonly minReplicaCount?: number;
  readonly maxReplicaCount?: number;
  readonly fallback?: { readonly failureThreshold: number; readonly replicas: number };
  readonly hpaName?: string;
  readonly restoreToOriginalReplicaCount?: boolean;
  readonly triggers?: readonly KedaTrigger[];
}

/** Checks a component's `keda` against its `autoscaling` (KEDA takes its floor, ceiling and default triggers there). */
export function resolveKeda(path: string, k: KedaScaling | undefined, autoscaling: unknown, fail: Fail): ResolvedKeda | undefined {
  if (!k || !(k.enabled ?? true)) return undefined;
  if (autoscaling === false) {
    fail(`${path}.keda`, k, 'KEDA scaling only while autoscaling is on (KEDA replaces the HPA; it takes its bounds and targets)',
      `remove ${path}.autoscaling: false, or remove ${path}.keda`);
  }
  if (k.minReplicaCount !== undefined && k.maxReplicaCount !== undefined && k.minReplicaCount > k.maxReplicaCount) {
    fail(`${path}.keda.minReplicaCount`, k.minReplicaCount, `at most maxReplicaCount (${k.maxReplicaCount})`, 'lower minReplicaCount or raise maxReplicaCount');
  }
  // KEDA scales to zero only on event triggers; cpu and memory need a running pod to measure.
  if (k.minReplicaCount === 0 && (k.triggers ?? []).every((t) => t.type === 'cpu' || t.type === 'memory')) {
    fail(`${path}.keda.minReplicaCount`, 0, 'at least 1 with cpu/memory triggers only (scaling to zero needs an event trigger)',
      `raise minReplicaCount, or add a trigger such as prometheus or redis to ${path}.keda.triggers`);
  }
  return {
    pollingInterval: k.pollingInterval ?? 30,
    cooldownPeriod: k.cooldownPeriod ?? 300,
    minReplicaCount: k.minReplicaCount,
    maxReplicaCount: k.maxReplicaCount,
    fallback: k.fallback,
    hpaName: k.hpaName,
    restoreToOriginalReplicaCount: k.restoreToOriginalReplicaCount,
    triggers: k.triggers,
  };
}

/**
 * The chart's default triggers: the HPA's CPU and memory targets, each only when the container requests that
 * resource (a utilization target needs a request to compare against).
 */
export function defaultKedaTriggers(a: ResolvedAutoscaling, resources: Resources): KedaTrigger[] {
  const triggers: KedaTrigger[] = [];
  const add = (type: 'cpu' | 'memory', t: ResolvedAutoscaling['cpu']) => {
    if (!t || !resources.requests?.[type]) return;
    triggers.push('averageUtilization' in t
      ? { type, metricType: 'Utilization', metadata: { value: String(t.averageUtilization) } }
      : { type, metricType: 'AverageValue', metadata: { value: t.averageValue } });
  };
  add('cpu', a.cpu);
  add('memory', a.memory);
  return triggers;
}

/** Every Deployment KEDA scales needs a trigger: given ones, or an autoscaling target of a requested resource. */
export function checkKedaTriggers(path: string, keda: ResolvedKeda | undefined,
  workloads: readonly { readonly autoscaling?: ResolvedAutoscaling; readonly resources: Resources }[], fail: Fail): void {
  if (!keda || keda.triggers) return;
  if (workloads.some((w) => w.autoscaling && defaultKedaTriggers(w.autoscaling, w.resources).length === 0)) {
    fail(`${path}.keda.triggers`, undefined, 'triggers, or an autoscaling CPU/memory target of a resource the container requests',
      `set ${path}.keda.triggers (e.g. a prometheus query), or set ${path}.resources.requests.cpu`);
  }
}
