import { bool, Check, list, num, obj, record, required, str, k8sName } from '../schema';

/** Shape of a component's `keda` (cross-setting rules are checked at resolution). */
export const kedaCheck: Check = obj({
  enabled: bool(),
  pollingInterval: num({ min: 1, max: 86400 }),
  cooldownPeriod: num({ min: 0, max: 86400 }),
  minReplicaCount: num({ min: 0, max: 1000 }),
  maxReplicaCount: num({ min: 1, max: 1000 }),
  fallback: obj({ failureThreshold: required(num({ min: 1, max: 1000 })), replicas: required(num({ min: 1, max: 1000 })) }),
  hpaName: k8sName('HorizontalPodAutoscaler name'),
  restoreToOriginalReplicaCount: bool(),
  triggers: list(obj({
    type: required(str({ pattern: /^[a-z][a-z0-9-]*$/, allowed: 'a KEDA scaler type such as prometheus, cpu or redis', fix: 'use the scaler name from keda.sh/docs/scalers' })),
    metadata: required(record(str({ nonEmpty: false }))),
    name: str(),
    metricType: str({ oneOf: ['AverageValue', 'Value', 'Utilization'] }),
    useCachedMetrics: bool(),
    authenticationRef: obj({ name: required(k8sName('TriggerAuthentication name')), kind: str({ oneOf: ['TriggerAuthentication', 'ClusterTriggerAuthentication'] }) }),
  }), { minItems: 1 }),
});
