import { describe, expect, it } from 'vitest';
import { podTemplateOf, restrictedViolations } from '../support/pod-security';
import { SCENARIOS, scenarioObjects } from '../support/scenarios';

/** Every pod the platform runs meets the Pod Security Standards' restricted profile. */
describe.each(SCENARIOS)('scenario $name', (scenario) => {
  it('runs at least one pod', () => {
    expect(scenarioObjects(scenario).filter((o) => podTemplateOf(o)).length).toBeGreaterThan(0);
  });

  it('every pod template meets the restricted profile', () => {
    expect(restrictedViolations(scenarioObjects(scenario))).toEqual([]);
  });
});
