import { describe, expect, it } from 'vitest';
import { SCENARIOS, scenarioYaml } from '../support/scenarios';

/**
 * The whole platform's YAML per scenario, as `cdk8s synth` writes it, kept in __snapshots__/<scenario>.yaml so a
 * review shows every change to the output. The facts these files must hold are asserted by the other quality
 * tests; after an intended change, run `npx vitest run test/quality/snapshots.test.ts -u` and review the diff.
 */
describe.each(SCENARIOS)('scenario $name', (scenario) => {
  it('matches the reviewed manifests', async () => {
    await expect(scenarioYaml(scenario)).toMatchFileSnapshot(`__snapshots__/${scenario.name}.yaml`);
  });
});
