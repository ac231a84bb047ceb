import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { plainYaml } from '../../constructs/lib/plain-yaml';

// The config templates' fast writer must write what `yaml` writes, byte for byte, or hand the data back.
const yamlText = (doc: unknown) => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false });

/** Strings at every quoting rule of `yaml`'s plain scalars and core schema, plus ones outside the fast subset. */
const STRINGS = ['', ' ', 'a', 'a b', 'a: b', 'a:b', 'a #b', 'a#b', '#a', '-', '-a', '- a', '?', '? a', '?a', ':', 'a:', ':a',
  'a ', ' a', '*', '&a', '!a', '|', '>', '%a', '@a', '`a', ',a', '[a', ']', '{', '}', 'true', 'True', 'TRUE', 'tRue', 'yes',
  'no', 'null', 'Null', 'NULL', '~', '0', '-1', '+1', '007', '0o17', '0o8', '0x1F', '0xG', '1.5', '.5', '5.', '1e3', '1E-3',
  '.inf', '-.Inf', '.nan', '.NaN', '1_000', '0.0.0.0/0', '::/0', ':5000', '10s', "it's", 'say "hi"', 'a\\b', 'two\nlines',
  '---', '--- a', '...', 'a---', 'é', '\t', 'x=1', 'http://a/b?c=d&e', '<%= x %>', '{{ x }}', '__RAW_0__'];
const NUMBERS = [0, 1, -1, 0.1, -0, 1e21, 1.5e-7, 42, NaN, Infinity];

function generator(seed: number) {
  const next = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed / 0x7fffffff; };
  const pick = <T>(a: readonly T[]) => a[Math.floor(next() * a.length)];
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 3 || r < 0.5) {
      const s = next();
      if (s < 0.6) return pick(STRINGS);
      if (s < 0.7) return pick(NUMBERS);
      if (s < 0.8) return next() < 0.5;
      return s < 0.9 ? null : pick([[], {}]);
    }
    if (r < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [pick([...STRINGS.slice(0, 40), 'k', '1']), value(depth + 1)]));
  };
  return () => ({ root: value(0), [pick(['a', '1', 'true'])]: value(1) });
}

describe('plainYaml', () => {
  it('writes what yaml writes for generated data, or declines', () => {
    const doc = generator(1);
    let written = 0;
    for (let i = 0; i < 20_000; i++) {
      const d = doc();
      const fast = plainYaml(d);
      if (fast === undefined) continue;
      written++;
      expect(fast).toBe(yamlText(d));
    }
    expect(written).toBeGreaterThan(10_000);
  });

  it('quotes strings yaml would read as something else, and nests lists and maps as yaml does', () => {
    const d = { production: { a: {}, b: [], c: [{ x: 1, y: [1, 2] }, [3, []], {}], d: null, e: '', f: '*', g: '0', h: '0.0.0.0/0', k: 'true', m: '1e3', x: -0, y: 1e21, 1: 'k' } };
    expect(plainYaml(d)).toBe(yamlText(d));
    expect(plainYaml({})).toBe(yamlText({}));
  });

  it('declines what it does not write: multi-line or non-ASCII strings, quotes, non-finite numbers, undefined, class instances', () => {
    for (const v of ['two\nlines', 'é', 'say "hi"', 'a\\b', '--- a', NaN, undefined, new Date(0), [undefined]]) {
      expect(plainYaml({ a: v })).toBeUndefined();
    }
    expect(plainYaml(['list'])).toBeUndefined();
  });
});
