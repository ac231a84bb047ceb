import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCENARIOS, scenarioYaml } from '../support/scenarios';

/** The same input gives byte-identical YAML: nothing depends on time, randomness or run order. */
describe.each(SCENARIOS)('scenario $name', (scenario) => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('two syntheses are byte-identical', () => {
    expect(scenarioYaml(scenario)).toBe(scenarioYaml(scenario));
  });

  it('the output does not change with the clock or the random generator', () => {
    const first = scenarioYaml(scenario);
    vi.useFakeTimers({ now: new Date('2041-03-04T05:06:07Z') });
    vi.spyOn(Math, 'random').mockReturnValue(0.123456789);
    expect(scenarioYaml(scenario)).toBe(first);
  });
});
