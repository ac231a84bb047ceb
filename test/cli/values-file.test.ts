import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHelmYaml } from '../../constructs/cli/helm-yaml';
import { readValuesFiles } from '../../constructs/cli/values-file';
import { CliError } from '../../constructs/cli/command';
import { fromHelmValues } from '../../constructs/values/helm-values';
import { helmValues } from '../support/helm';
import { awsProductionValues } from '../values/helpers';

const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-values-file-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const file = (text: string) => {
  const path = join(work, `values-${n++}.yaml`);
  writeFileSync(path, text);
  return path;
};
/** Our reading of the files, as plain JSON (what the importer sees). */
const ours = (...paths: string[]) => JSON.parse(JSON.stringify(readValuesFiles(paths)));

describe('values files are read as Helm reads them (compared with the real helm binary)', () => {
  it('YAML 1.1 booleans, integers in every base, floats, nulls and timestamps as text', () => {
    const f = file([
      'a: yes', 'b: no', 'c: on', 'd: off', 'e: y', 'f: N', 'g: Yes', 'h: 0o17', 'i: 017', 'j: 0x1F', 'k: 1_000', 'l: 0b101',
      'm: ~', 'o: 1e3', 'p: 2024-01-02', 'q: 12:30:00', 'r: +12', 's: 1.', 't: TRUE', 'u: NULL', 'v: .5', 'w: 09', 'x: -0x10',
      'quoted: "yes"', 'single: \'0x1F\'', 'block: |\n  on', 'tagged: !!str 017', 'list: [yes, off, 010, "on"]',
    ].join('\n'));
    expect(ours(f)).toEqual(helmValues([f]));
  });

  it('keys resolved like values, then as text (yes: is the key "true")', () => {
    const f = file('yes: 1\nn: 2\n010: 3\non:\n  off: 4\n');
    expect(ours(f)).toEqual(helmValues([f]));
  });

  it('a duplicate key: the last one wins, with a warning naming the line', () => {
    const f = file('global:\n  edition: ee\n  edition: ce\n');
    const warnings: string[] = [];
    expect(JSON.parse(JSON.stringify(readValuesFiles([f], (w) => warnings.push(w))))).toEqual(helmValues([f]));
    expect(warnings).toEqual([`warning: ${f}:3:3: duplicate key "edition" under global (first on line 2); the last one wins, as in Helm`]);
  });

  it('merge keys, with go-yaml v2\'s precedence', () => {
    const f = file('base: &b {a: 1, c: 3}\nother: &o {a: 5, d: 6}\nm:\n  a: 2\n  <<: *b\n  e: 7\nn:\n  <<: [*b, *o]\n');
    expect(ours(f)).toEqual(helmValues([f]));
  });

  it('several files: maps merged deeply, lists and scalars replaced, null clearing a key', () => {
    const a = file('global:\n  hosts:\n    domain: a.example.com\n    https: true\n  list: [1, 2]\n  gone: x\n');
    const b = file('global:\n  hosts:\n    domain: b.example.com\n  list: [3]\n  gone: null\n');
    expect(ours(a, b)).toEqual(helmValues([a, b]));
  });

  it('several documents in one file, merged in order as Helm 4 merges them', () => {
    const f = file('a: 1\nm: {x: 1, y: 2}\n---\na: 2\nb: 3\nm: {x: 5}\n---\n');
    expect(ours(f)).toEqual(helmValues([f]));
  });
});

describe('values files Helm refuses too are refused with the place', () => {
  it('an alias inside its own anchor (a cycle), with the path, not a stack overflow', () => {
    const f = file('global:\n  hosts: &h\n    self: *h\n');
    expect(() => helmValues([f])).toThrow(/contains itself/);
    expect(() => readValuesFiles([f])).toThrow(CliError);
    expect(() => readValuesFiles([f])).toThrow(/:3:11: global\.hosts\.self: the alias \*h points into its own anchor's value/);
  });

  it('an alias bomb, stopped before memory runs out, with the path', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const started = Date.now();
    expect(() => parseHelmYaml(lines.join('\n'), 'bomb.yaml')).toThrow(/alias bomb/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('.inf and .nan, which JSON cannot hold', () => {
    const f = file('a:\n  b: .inf\n');
    expect(() => helmValues([f])).toThrow(/unsupported value/);
    expect(() => readValuesFiles([f])).toThrow(/a\.b: \.inf is not a number/);
  });
});

describe('__proto__, constructor and prototype are ordinary keys', () => {
  it('never reach an object\'s prototype; outside the chart they are ignored with a warning', () => {
    const f = file('__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\nglobal:\n  __proto__:\n    hosts:\n      domain: evil.example.com\n');
    const values = readValuesFiles([f]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(values)).toEqual(['__proto__', 'constructor', 'global']);
    const merged = { ...awsProductionValues(), ...JSON.parse(JSON.stringify(values)), global: { ...awsProductionValues().global, ...JSON.parse(JSON.stringify(values)).global } };
    const warnings: string[] = [];
    const props = fromHelmValues(merged, { onWarning: (w) => warnings.push(w) });
    expect(props.hosts.domain).toBe(awsProductionValues().global.hosts.domain);
    expect(warnings.filter((w) => /__proto__|constructor/.test(w))).toHaveLength(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('50,000 labels read in seconds', () => {
    const labels = Array.from({ length: 50_000 }, (_, i) => `      l${i}: v${i}`).join('\n');
    const f = file(`global:\n  pod:\n    labels:\n${labels}\n`);
    const started = Date.now();
    const values = readValuesFiles([f]);
    expect(Object.keys((values.global as any).pod.labels)).toHaveLength(50_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
