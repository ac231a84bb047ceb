import { describe, expect, it } from 'vitest';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { podTemplateOf, restrictedViolations } from '../support/pod-security';
import { clusterIntegrationObjects } from '../support/scenarios';

/** The cluster integrations of the default app (runner, agent, Flux) pass the same gates as the platform. */
describe('cluster integrations of the default app', () => {
  const objects = () => clusterIntegrationObjects();

  it('render workloads and Flux custom resources', () => {
    expect(objects().filter((o) => podTemplateOf(o)).length).toBeGreaterThan(0);
    expect(objects().filter((o) => o.apiVersion.includes('fluxcd.io')).length).toBeGreaterThan(0);
  });

  it.each(KUBERNETES_VERSIONS)('every object is schema-valid on Kubernetes %s (custom resources against their CRDs)', (version) => {
    expect(validateObjects(objects(), version, VENDORED_CRDS)).toEqual([]);
  });

  it('every pod template meets the restricted profile', () => {
    expect(restrictedViolations(objects())).toEqual([]);
  });

  it('has no Helm hooks and no Secret with data', () => {
    const annotations = (o: any) => ({ ...o.metadata.annotations, ...o.spec?.template?.metadata?.annotations });
    expect(objects().filter((o) => Object.keys(annotations(o)).some((k) => k.startsWith('helm.sh/'))).map((o) => o.metadata.name)).toEqual([]);
    expect(objects().filter((o) => o.kind === 'Secret' && (o.data || o.stringData)).map((o) => o.metadata.name)).toEqual([]);
  });
});
