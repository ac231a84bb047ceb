import { describe, expect, it } from 'vitest';
import { fromHelmValues } from '../../constructs';
import { checkAndResolve } from '../../constructs/config/resolve';
import { productionProps } from '../support/fixtures';
import { awsProductionValues } from '../values/helpers';

/**
 * Checking and importing cost time in proportion to the input: 50,000 labels, annotations or list entries are
 * checked (and, when wrong, reported) in one pass without stalling. No timing is asserted; the generous timeouts
 * only stop a cost that grows with the square of the input. `npm run bench` prints the time of a full synth.
 */

const N = 50_000;
const many = (prefix: string) => Object.fromEntries(Array.from({ length: N }, (_, i) => [`${prefix}${i}`, `v${i}`]));

describe('large inputs', () => {
  it('checks props with 50,000 pod labels, extra env vars and pull secrets', () => {
    const props: any = productionProps();
    props.podLabels = many('example.com/l');
    props.components.sidekiq = { extraEnv: Object.fromEntries(Array.from({ length: N }, (_, i) => [`E${i}`, 'x'])) };
    props.imagePullSecrets = Array.from({ length: N }, (_, i) => `pull-${i}`);
    expect(checkAndResolve(props).issues).toEqual([]);
  }, 120_000);

  it('reports 50,000 bad label keys in one error', () => {
    const props: any = productionProps();
    props.podLabels = Object.fromEntries(Array.from({ length: N }, (_, i) => [`bad key ${i}`, 'v']));
    expect(checkAndResolve(props).issues).toHaveLength(N);
  }, 120_000);

  it('refuses 50,000 annotations (over 256 KiB) with one problem', () => {
    const props: any = productionProps();
    props.components.sidekiq = { podAnnotations: many('example.com/a') };
    expect(checkAndResolve(props).issues.map((i) => i.path)).toEqual(['components.sidekiq.podAnnotations']);
  }, 120_000);

  it('imports a values file with 50,000 pod labels and pull secrets', () => {
    const values: any = awsProductionValues();
    values.global.pod = { labels: many('example.com/l') };
    values.global.image = { ...(values.global.image ?? {}), pullSecrets: Array.from({ length: N }, (_, i) => ({ name: `pull-${i}` })) };
    const props: any = fromHelmValues(values);
    expect(Object.keys(props.podLabels)).toHaveLength(N);
  }, 120_000);

  // Keys outside the chart are ignored with a warning, as Helm ignores them (not refused): all 50,000 are judged in one
  // pass that still builds the platform; the first ones are named (with a misspelling suggestion), the rest counted.
  it('warns about 50,000 unknown values keys in one pass', () => {
    const values: any = awsProductionValues();
    values.gitlab.toolbox = { ...(values.gitlab.toolbox ?? {}), ...many('unknownKey') };
    const warnings: string[] = [];
    const props: any = fromHelmValues(values, { onWarning: (line) => warnings.push(line) });
    expect(props).toBeDefined();
    const unknown = warnings.filter((w) => /gitlab\.toolbox\.unknownKey\d+: not a key of the GitLab chart/.test(w));
    const counted = warnings.map((w) => /^warning: (\d+) more keys outside the GitLab chart ignored$/.exec(w)?.[1]).find(Boolean);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.length + Number(counted ?? 0)).toBe(N);
  }, 120_000);
});
