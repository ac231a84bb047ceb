/**
 * KEDA scaling of webservice and Sidekiq (the chart's `webservice.keda` / `sidekiq.keda`, or `global.keda`): a
 * keda.sh/v1alpha1 ScaledObject per Deployment replaces the HorizontalPodAutoscaler (KEDA creates and owns one).
 */

/** One KEDA trigger (a scaler), e.g. `prometheus` with its query, or `cpu`. */
export interface KedaTrigger {
  /** The scaler, e.g. `prometheus`, `cpu`, `memory`, `redis`. */
  readonly type: string;
  /** The scaler's settings (all strings, as KEDA reads them). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Name of the trigger (for `scalingModifiers`). @default none */
  readonly name?: string;
  /** `AverageValue`, `Value` or `Utilization` (cpu/memory only). @default the scaler's */
  readonly metricType?: 'AverageValue' | 'Value' | 'Utilization';
  /** Cache the metric between polls. @default false */
  readonly useCachedMetrics?: boolean;
  /** A TriggerAuthentication (namespace) or ClusterTriggerAuthentication holding the scaler's credentials. @default none */
  readonly authenticationRef?: { readonly name: string; readonly kind?: 'TriggerAuthentication' | 'ClusterTriggerAuthentication' };
}

/** The chart's `keda` settings of a component. */
export interface KedaScaling {
  /** @default true when set */
  readonly enabled?: boolean;
  /** Seconds between trigger checks. @default 30 */
  readonly pollingInterval?: number;
  /** Seconds after the last active trigger before scaling to zero (only when `minReplicaCount` is 0). @default 300 */
  readonly cooldownPeriod?: number;
  /** @default the component's `autoscaling.minReplicas` */
  readonly minReplicaCount?: number;
  /** @default the component's `autoscaling.maxReplicas` */
  readonly maxReplicaCount?: number;
  /** Replicas to hold when the triggers fail `failureThreshold` times in a row. @default none */
  readonly fallback?: { readonly failureThreshold: number; readonly replicas: number };
  /** Name of the HPA KEDA creates. @default `keda-hpa-<ScaledObject name>` (KEDA's) */
  readonly hpaName?: string;
  /** Put the replica count back when the ScaledObject is deleted. @default false (KEDA's) */
  readonly restoreToOriginalReplicaCount?: boolean;
  /** The triggers. @default the `autoscaling` CPU (and memory) targets as `cpu` / `memory` triggers, as the chart */
  readonly triggers?: readonly KedaTrigger[];
}
