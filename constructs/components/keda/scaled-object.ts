import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { defaultKedaTriggers, ResolvedKeda } from '../../config/keda/resolve';
import { ResolvedConfig, ResolvedWorkload } from '../../config/resolved';
import { ComponentLabels } from '../../lib/labels';
import { horizontalPodAutoscaler, meta } from '../../lib/workload';

const drop = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * A keda.sh/v1alpha1 ScaledObject for one Deployment, as the chart's `keda.yaml`: bounds from `keda` or the
 * Deployment's autoscaling, the HPA's scale-down stabilization as the behavior of the HPA KEDA creates, and the
 * given triggers (or the autoscaling CPU/memory targets).
 */
export function scaledObject(scope: Construct, config: Pick<ResolvedConfig, 'namespace'>, name: string, labels: ComponentLabels,
  keda: ResolvedKeda, w: Pick<ResolvedWorkload, 'autoscaling' | 'resources'>): ApiObject {
  const a = w.autoscaling!;
  return new ApiObject(scope, 'scaled-object', {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: meta(config, name, labels.common),
    spec: drop({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      pollingInterval: keda.pollingInterval,
      cooldownPeriod: keda.cooldownPeriod,
      minReplicaCount: keda.minReplicaCount ?? a.minReplicas,
      maxReplicaCount: keda.maxReplicaCount ?? a.maxReplicas,
      advanced: drop({
        restoreToOriginalReplicaCount: keda.restoreToOriginalReplicaCount,
        horizontalPodAutoscalerConfig: drop({
          name: keda.hpaName,
          behavior: { scaleDown: { stabilizationWindowSeconds: a.scaleDownStabilizationSeconds } },
        }),
      }),
      fallback: keda.fallback,
      triggers: (keda.triggers ?? defaultKedaTriggers(a, w.resources)).map((t) => drop({ ...t })),
    }),
  });
}

/** The Deployment's scaler: KEDA's ScaledObject when the component scales with KEDA, else the HPA; none without autoscaling. */
export function autoscaler(scope: Construct, config: ResolvedConfig, name: string, labels: ComponentLabels,
  keda: ResolvedKeda | undefined, w: Pick<ResolvedWorkload, 'autoscaling' | 'resources'>): void {
  if (!w.autoscaling) return;
  if (keda) scaledObject(scope, config, name, labels, keda, w);
  else horizontalPodAutoscaler(scope, config, name, labels, name, w.autoscaling);
}
