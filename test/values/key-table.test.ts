import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHelmValues, UnsupportedValuesError } from '../../constructs';
import { judgeUnread, JudgeContext } from '../../constructs/values/keys/judge';
import { CHART_DEFAULTS, isChartKey, patternRegExp, ruleFor, treatmentOf } from '../../constructs/values/keys/lookup';
import { withKeyTable } from '../../constructs/values/keys/readme';
import { KEY_TABLE } from '../../constructs/values/keys/table';
import { awsProductionValues } from './helpers';

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
    // redis.enabled, the older name of redis.install, is read as it (with a warning to rename it).
    expect(ruleFor('redis.enabled')?.treatment).toMatchObject({ kind: 'mapped', to: expect.stringContaining('.install') });
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

describe('every chart key, at its default and at another value, gets its row\'s treatment', () => {
  const ctx = (on: boolean): JudgeContext => ({ bundledOn: () => on, addonOn: () => on, suggestion: () => undefined });
  /** A value other than the chart's default, of the same kind. */
  const other = (d: unknown): unknown => {
    if (typeof d === 'boolean') return !d;
    if (typeof d === 'number') return d + 1;
    if (typeof d === 'string') return d ? `${d}-other` : 'other';
    if (Array.isArray(d)) return [...d, 'other'];
    if (d && typeof d === 'object') return { ...d, other: 'other' };
    return 'other';
  };
  const keys = [...CHART_DEFAULTS.keys()];

  it('at its default, no key is refused (values files restate the chart\'s defaults)', () => {
    const refusedAtDefault = keys.filter((k) => judgeUnread(k, CHART_DEFAULTS.get(k), ctx(true)).outcome === 'refused');
    expect(refusedAtDefault).toEqual([]);
  });

  it('at another value, each key gets its treatment', () => {
    const wrong: string[] = [];
    for (const key of keys) {
      const t = treatmentOf(key)!.treatment;
      const value = other(CHART_DEFAULTS.get(key));
      const on = judgeUnread(key, value, ctx(true)).outcome;
      const off = judgeUnread(key, value, ctx(false)).outcome;
      const expected: Record<string, [string, string]> = {
        refused: ['refused', 'refused'],
        // Not read by the importer with these values: refused, saying what it reads instead.
        mapped: ['refused', 'refused'],
        accepted: t.kind === 'accepted' && t.only && !t.only.some((x) => JSON.stringify(x) === JSON.stringify(value)) ? ['refused', 'refused'] : ['accepted', 'accepted'],
        notice: ['notice', 'accepted'],
        // With the service on: listed in the one warning of its service (no equivalent on the replacement).
        bundled: ['ignored', 'accepted'],
      };
      const [whenOn, whenOffTable] = expected[t.kind];
      // A row judged only while its bundled service runs asks for nothing with the service off.
      const whenOff = treatmentOf(key)!.whenBundled ? 'accepted' : whenOffTable;
      if (on !== whenOn || off !== whenOff) wrong.push(`${key} (${t.kind}): ${on}/${off}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the treatments cover the key space in these numbers', () => {
    const counts: Record<string, number> = {};
    for (const key of keys) counts[treatmentOf(key)!.treatment.kind] = (counts[treatmentOf(key)!.treatment.kind] ?? 0) + 1;
    console.log(`chart keys by treatment: ${JSON.stringify(counts)}`);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(keys.length);
  });
});

describe('the importer follows the table (end to end, on the aws-production values)', () => {
  const other = (d: unknown): unknown => (typeof d === 'boolean' ? !d : typeof d === 'number' ? d + 1 : typeof d === 'string' ? `${d || 'x'}-other` : Array.isArray(d) ? [...d, 'other'] : 'other');
  const set = (values: Record<string, any>, key: string, value: unknown) => {
    const parts = key.split('.');
    let node = values;
    for (const p of parts.slice(0, -1)) node = (node[p] = node[p] && typeof node[p] === 'object' && !Array.isArray(node[p]) ? node[p] : {});
    node[parts[parts.length - 1]] = value;
  };

  it('lists every refused key set to another value, all at once (or ignores it with a warning while its feature is off)', () => {
    // (Rows judged only with their bundled service on are left out: these values run external services.)
    const keys = [...CHART_DEFAULTS.keys()].filter((k) => treatmentOf(k)!.treatment.kind === 'refused' && !treatmentOf(k)!.whenBundled && !k.includes('/'));
    const values = awsProductionValues();
    for (const key of keys) set(values, key, other(CHART_DEFAULTS.get(key)));
    let refusedKeys: readonly string[] = [];
    const warnings: string[] = [];
    try {
      fromHelmValues(values, { onWarning: (w) => warnings.push(w) });
    } catch (e) {
      if (!(e instanceof UnsupportedValuesError)) throw e;
      // Unsupported keys, and keys a reader took and refused at their value.
      refusedKeys = e.issues.map((i) => i.path);
    }
    // Settings of a feature the file turns off (Pages, Praefect, ... in these values) are ignored with a warning.
    const ignored = warnings.filter((w) => w.startsWith('warning: ')).map((w) => w.slice('warning: '.length).split(': ')[0]);
    // Keys under a refused map (set as a whole) are listed at their leaves.
    const missing = keys.filter((k) => ![...refusedKeys, ...ignored].some((r) => r === k || r.startsWith(`${k}.`) || r.startsWith(`${k}[`)));
    expect(missing).toEqual([]);
  });
});
