import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHART_DEFAULTS, isChartKey, patternRegExp, ruleFor, treatmentOf } from '../../constructs/values/keys/lookup';
import { withKeyTable } from '../../constructs/values/keys/readme';
import { KEY_TABLE } from '../../constructs/values/keys/table';

describe('the values key table', () => {
  it('holds the chart\'s key space (the flattened values.yaml of the chart and its subcharts)', () => {
    expect(CHART_DEFAULTS.size).toBeGreaterThan(2000);
    expect(CHART_DEFAULTS.get('global.hosts.domain')).toBe('example.com');
    expect(CHART_DEFAULTS.get('gitlab.webservice.workerProcesses')).toBe(2);
  });

  it('gives every chart key one treatment', () => {
    for (const key of CHART_DEFAULTS.keys()) expect(treatmentOf(key), key).toBeDefined();
  });

  it('matches patterns segment by segment', () => {
    const re = patternRegExp('{gitlab.webservice,registry}.*.x.**');
    expect(re.test('registry.a.x')).toBe(true);
    expect(re.test('gitlab.webservice.a.x.b.c')).toBe(true);
    expect(re.test('gitlab.webservice.a.b.x')).toBe(false);
    expect(re.test('gitlab.sidekiq.a.x')).toBe(false);
  });

  it('names the replacement of keys the chart removed or renamed', () => {
    expect(ruleFor('gitlab.task-runner.replicas')?.treatment).toMatchObject({ kind: 'refused', instead: expect.stringContaining('gitlab.toolbox') });
    expect(ruleFor('gitlab.unicorn.workerProcesses')?.treatment).toMatchObject({ kind: 'refused', instead: expect.stringContaining('webservice') });
    expect(ruleFor('redis.enabled')?.treatment).toMatchObject({ kind: 'refused', instead: expect.stringContaining('redis.install') });
  });

  it('tells chart keys from keys outside the chart', () => {
    expect(isChartKey('global.hosts.domain')).toBe(true);
    expect(isChartKey('global.common.labels.team')).toBe(true);
    expect(isChartKey('global.editions')).toBe(false);
    expect(isChartKey('domain')).toBe(false);
  });

  it('is every row reachable (no row hidden by an earlier one)', () => {
    const unreachable = KEY_TABLE.filter((r) => {
      const probe = r.keys.replace(/\{([^,}]+)[^}]*\}/g, '$1').replace(/\.\*\*$/, '').replace(/\*/g, 'x');
      return ruleFor(probe) !== r;
    }).map((r) => r.keys);
    expect(unreachable).toEqual([]);
  });

  it('the README shows the current table (run npx tsx scripts/values-readme.ts)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'constructs', 'values', 'README.md'), 'utf8');
    expect(withKeyTable(readme)).toBe(readme);
  });
});
