/**
 * KEDA scaling of webservice and Sidekiq. The expected specs are the chart 9.9.1's, from `helm template` with
 * `gitlab.webservice.keda.enabled` (default triggers) and `gitlab.sidekiq.keda` with a prometheus trigger, a
 * fallback and an HPA name.
 */
import { describe, expect, it } from 'vitest';
import { ComponentsConfig, GitLabPlatformProps } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../../support/kube-schema';
import { find, synthPlatform } from '../../support/synth';
import { configIssues } from '../optional/fixtures';

const withComponents = (components: ComponentsConfig): GitLabPlatformProps => {
  const base = productionProps();
  return productionProps({ components: { ...base.components, ...components } });
};
const PROM = { type: 'prometheus', metadata: { serverAddress: 'http://prom:9090', query: 'sum(x)', threshold: '10' } };
const objects = synthPlatform(withComponents({
  webservice: { keda: {} },
  sidekiq: { keda: { fallback: { failureThreshold: 3, replicas: 4 }, hpaName: 'sk-hpa', triggers: [PROM] } },
}));

describe('KEDA ScaledObjects (components.webservice.keda, components.sidekiq.keda)', () => {
  it('scales webservice on the autoscaling CPU target, with the HPA\'s bounds and behavior, as the chart does', () => {
    expect(find(objects, 'ScaledObject', 'gitlab-webservice-default').spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gitlab-webservice-default' },
      pollingInterval: 30, cooldownPeriod: 300, minReplicaCount: 2, maxReplicaCount: 10,
      advanced: { horizontalPodAutoscalerConfig: { behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } } },
      triggers: [{ type: 'cpu', metricType: 'AverageValue', metadata: { value: '1' } }],
    });
  });

  it('scales Sidekiq on the given triggers, with its fallback and HPA name, as the chart does', () => {
    expect(find(objects, 'ScaledObject', 'gitlab-sidekiq-all-in-1-v2').spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gitlab-sidekiq-all-in-1-v2' },
      pollingInterval: 30, cooldownPeriod: 300, minReplicaCount: 1, maxReplicaCount: 10,
      advanced: { horizontalPodAutoscalerConfig: { name: 'sk-hpa', behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } } },
      fallback: { failureThreshold: 3, replicas: 4 },
      triggers: [PROM],
    });
  });

  it('replaces the HPA (KEDA creates its own) and leaves replicas to it', () => {
    const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((o) => o.metadata.name);
    expect(hpas).not.toContain('gitlab-webservice-default');
    expect(hpas).not.toContain('gitlab-sidekiq-all-in-1-v2');
    expect(hpas).toContain('gitlab-registry');
    expect(find(objects, 'Deployment', 'gitlab-webservice-default').spec.replicas).toBeUndefined();
  });

  it('uses a utilization trigger for a utilization target, and its own bounds and timings', () => {
    const o = synthPlatform(withComponents({
      webservice: { autoscaling: { cpu: { averageUtilization: 70 }, memory: { averageValue: '3G' } }, keda: { minReplicaCount: 3, maxReplicaCount: 20, pollingInterval: 15, cooldownPeriod: 60, restoreToOriginalReplicaCount: true } },
    }));
    const spec = find(o, 'ScaledObject', 'gitlab-webservice-default').spec;
    expect(spec).toMatchObject({ pollingInterval: 15, cooldownPeriod: 60, minReplicaCount: 3, maxReplicaCount: 20 });
    expect(spec.advanced.restoreToOriginalReplicaCount).toBe(true);
    expect(spec.triggers).toEqual([
      { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
      { type: 'memory', metricType: 'AverageValue', metadata: { value: '3G' } },
    ]);
  });

  it('creates neither a ScaledObject nor an HPA by default for KEDA', () => {
    expect(synthPlatform(productionProps()).some((o) => o.kind === 'ScaledObject')).toBe(false);
  });

  it('refuses KEDA without autoscaling, without any trigger, and scale-to-zero on cpu', () => {
    expect(configIssues(withComponents({ webservice: { autoscaling: false, replicas: 2, keda: {} } })).map((i) => i.path))
      .toEqual(['components.webservice.keda']);
    expect(configIssues(withComponents({ sidekiq: { resources: { requests: { memory: '2G' } }, keda: {} } })).map((i) => i.path))
      .toEqual(['components.sidekiq.keda.triggers']);
    expect(configIssues(withComponents({ sidekiq: { keda: { minReplicaCount: 0 } } })).map((i) => i.path))
      .toEqual(['components.sidekiq.keda.minReplicaCount']);
    expect(configIssues(withComponents({ sidekiq: { keda: { triggers: [{ type: 'Prometheus!', metadata: {} }] } } })).map((i) => i.path))
      .toEqual(['components.sidekiq.keda.triggers[0].type']);
  });

  it('scales to zero on an event trigger', () => {
    const o = synthPlatform(withComponents({ sidekiq: { keda: { minReplicaCount: 0, triggers: [PROM] } } }));
    expect(find(o, 'ScaledObject', 'gitlab-sidekiq-all-in-1-v2').spec.minReplicaCount).toBe(0);
  });

  it('is strictly schema-valid (vendored KEDA CRD) on every Kubernetes version', () => {
    for (const v of KUBERNETES_VERSIONS) expect(validateObjects(objects, v, VENDORED_CRDS), v).toEqual([]);
  });
});
