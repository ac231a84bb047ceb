import { describe, expect, it } from 'vitest';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { SCENARIOS, scenarioObjects } from '../support/scenarios';

/** Every object of every scenario is accepted by a strict API server on each supported Kubernetes minor. */
describe.each(SCENARIOS)('scenario $name', (scenario) => {
  it('renders objects', () => {
    expect(scenarioObjects(scenario).length).toBeGreaterThan(0);
  });

  it.each(KUBERNETES_VERSIONS)('every object is schema-valid on Kubernetes %s (unknown fields refused)', (version) => {
    expect(validateObjects(scenarioObjects(scenario), version, VENDORED_CRDS)).toEqual([]);
  });
});
