import CHART_KEYS from '../chart-keys.json';
import CHART_READ_KEYS from '../chart-read-keys.json';
import { FALLBACK, KEY_TABLE } from './table';
import { KeyRule } from './treatment';

/** The chart's keys with their default values (`scripts/chart-keys.mjs` flattens the chart's values.yaml files). */
export const CHART_DEFAULTS: ReadonlyMap<string, unknown> = new Map(Object.entries(CHART_KEYS as Record<string, unknown>));

/** Every dotted prefix of a chart key (`global`, `global.psql`, ...), to tell a chart map from an unknown key. */
const PREFIXES = new Set<string>();

/**
 * Keys the chart's templates read although its values.yaml files leave them out (`registry.gc.reviewafter`), each
 * with anything under it (`scripts/chart-keys.mjs` collects them).
 */
const READ_KEYS: ReadonlySet<string> = new Set(CHART_READ_KEYS as string[]);

/**
 * For a map the chart's values leave open (`global.ingress.tls: {}`), the keys under it its templates read, when they
 * read named keys (`tls.enabled`, `tls.secretName`) rather than pass the map whole (annotations, nodeSelector).
 */
let readUnder: Map<string, Set<string>> | undefined;
function readKeysUnder(map: string): Set<string> | undefined {
  if (!readUnder) {
    readUnder = new Map();
    for (const k of READ_KEYS) {
      const parts = k.split('.');
      for (let i = parts.length - 1; i > 0; i--) {
        const prefix = parts.slice(0, i).join('.');
        if (!CHART_DEFAULTS.has(prefix)) continue;
        let set = readUnder.get(prefix);
        if (!set) readUnder.set(prefix, set = new Set());
        set.add(k);
        break;
      }
    }
  }
  return readUnder.get(map);
}

/**
 * Whether Helm ignores `path` although it sits under a chart key: the chart's values leave the map open, but its
 * templates read only named keys of it and `path` is none of them (`global.ingress.tls.external`).
 */
export function ignoredByChart(path: string): boolean {
  const parts = tableKey(path).split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const prefix = parts.slice(0, i).join('.');
    if (!CHART_DEFAULTS.has(prefix)) continue;
    const read = readKeysUnder(prefix);
    return read !== undefined && !parts.some((_, j) => j >= i && read.has(parts.slice(0, j + 1).join('.')));
  }
  return false;
}

/** Every key name the chart uses somewhere (the last segment of its keys): a name outside it is most likely a typo. */
const NAMES = new Set<string>();
export const KNOWN_NAMES: ReadonlySet<string> = NAMES;

// Both in one pass over the keys, cutting at each dot (built at every CLI start: no intermediate arrays).
for (const k of CHART_DEFAULTS.keys()) {
  let start = 0;
  for (let dot = k.indexOf('.'); dot >= 0; dot = k.indexOf('.', dot + 1)) {
    PREFIXES.add(k.slice(0, dot));
    NAMES.add(k.slice(start, dot));
    start = dot + 1;
  }
  NAMES.add(k.slice(start));
}

/** The chart's external subcharts (absent from the unpacked chart): every key under them is taken as a chart key. */
export const EXTERNAL_SUBCHARTS = ['gitlab-runner', 'certmanager', 'prometheus', 'postgresql', 'redis', 'gitlab-zoekt', 'traefik', 'haproxy', 'openbao', 'envoy-gateway'] as const;

/** A pattern of the key table as a regular expression over dotted keys (see `KeyRule`). */
export function patternRegExp(pattern: string): RegExp {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (pattern.startsWith('.**', i) && i + 3 === pattern.length) { out += '(?:\\..*)?'; i += 3; continue; }
    if (pattern.startsWith('**', i)) { out += '.*'; i += 2; continue; }
    if (c === '*') { out += '[^.]+'; i++; continue; }
    if (c === '{') {
      const end = pattern.indexOf('}', i);
      out += `(?:${pattern.slice(i + 1, end).split(',').map(escape).join('|')})`;
      i = end + 1;
      continue;
    }
    out += escape(c);
    i++;
  }
  return new RegExp(`^${out}$`);
}
const SPECIAL = /[.*+?^${}()|[\]\\/-]/;
const escape = (s: string) => (s.length === 1 ? (SPECIAL.test(s) ? `\\${s}` : s) : s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));

const COMPILED: readonly (readonly [RegExp, KeyRule])[] = KEY_TABLE.map((r) => [patternRegExp(r.keys), r]);

/** A values path without list indexes (`gitlab.sidekiq.pods[0].name` → `gitlab.sidekiq.pods`). */
export const tableKey = (path: string): string => path.replace(/\[[0-9]+\].*$/, '');

/** The first row of the key table whose pattern matches `path`; `undefined` when none does. */
export function ruleFor(path: string): KeyRule | undefined {
  const key = tableKey(path);
  return COMPILED.find(([re]) => re.test(key))?.[1];
}

/**
 * Whether `path` is a key of the chart's values: a key of its values.yaml, a map on the way to one, under a key
 * whose default is a map or list that takes keys of the user's (labels, annotations, ...), or a key its templates read.
 */
export function isChartKey(path: string): boolean {
  const key = tableKey(path);
  if (CHART_DEFAULTS.has(key) || PREFIXES.has(key)) return true;
  if (EXTERNAL_SUBCHARTS.some((s) => key === s || key.startsWith(`${s}.`))) return true;
  const parts = key.split('.');
  if (parts.some((_, i) => READ_KEYS.has(parts.slice(0, i + 1).join('.')))) return true;
  for (let i = parts.length - 1; i > 0; i--) {
    const prefix = parts.slice(0, i).join('.');
    if (CHART_DEFAULTS.has(prefix)) return true;
    if (PREFIXES.has(prefix)) return false;
  }
  return false;
}

/** The row deciding a chart key (the fallback row when no other matches), or `undefined` for a key outside the chart. */
export function treatmentOf(path: string): KeyRule | undefined {
  return ruleFor(path) ?? (isChartKey(path) ? FALLBACK : undefined);
}

/** Whether `value` is the chart's default at `path` (so asks for nothing). */
export function isChartDefault(path: string, value: unknown): boolean {
  if (CHART_DEFAULTS.has(path)) return sameValue(CHART_DEFAULTS.get(path), value);
  // Under a map kept whole (its keys hold dots, e.g. annotations): the rest of the path is one of its keys.
  const parts = path.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const prefix = parts.slice(0, i).join('.');
    if (!CHART_DEFAULTS.has(prefix)) continue;
    const map = CHART_DEFAULTS.get(prefix);
    const rest = parts.slice(i).join('.');
    return map !== null && typeof map === 'object' && Object.prototype.hasOwnProperty.call(map, rest)
      && sameValue((map as Record<string, unknown>)[rest], value);
  }
  return false;
}

/** JSON equality, with `null`, `""`, `{}` and `[]` all meaning "not set" as in chart templates. */
export function sameValue(a: unknown, b: unknown): boolean {
  const unset = (v: unknown) => v === undefined || v === null || v === '' || (typeof v === 'object' && Object.keys(v as object).length === 0);
  if (unset(a) && unset(b)) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}
