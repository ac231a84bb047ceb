import { show } from '../config/errors';
import { isMap, ValuesReader } from './reader';

/**
 * How the readers of optional features (the `values.ts` of `config/pages/`, `mailroom/`, `backups/`, `mail/` and
 * `auth/`) treat keys the platform does not map: the keys of a feature that is off are kept silently while they
 * hold the chart's default (values files often carry the chart's defaults) and reported as having no effect
 * otherwise; a key with one supported value is refused at any other.
 */

/** The chart's defaults of a feature's keys, by path relative to the feature. */
export type Defaults = Readonly<Record<string, unknown>>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The defaults under `prefix`, relative to it (`prefix` itself becomes ''). */
export const under = (defaults: Defaults, prefix: string): Defaults => Object.fromEntries(Object.entries(defaults)
  .filter(([k]) => k === prefix || k.startsWith(`${prefix}.`)).map(([k, x]) => [k === prefix ? '' : k.slice(prefix.length + 1), x]));

/**
 * Every set key under `path` (except `keep`) is read: kept silently when it equals the chart's default (`defaults`,
 * by path relative to `path`), reported as having no effect otherwise.
 */
export function offExceptDefaults(v: ValuesReader, path: string, defaults: Defaults, reason: string, fix: string, keep: readonly string[] = []): void {
  const walk = (value: unknown, rel: string) => {
    const full = rel ? `${path}.${rel}` : path;
    if (keep.some((k) => rel === k || rel.startsWith(`${k}.`))) return;
    if (isMap(value) && !(rel in defaults)) {
      for (const [k, child] of Object.entries(value)) walk(child, rel ? `${rel}.${k}` : k);
      return;
    }
    v.get(full);
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length) || same(value, defaults[rel])) return;
    v.noEffects.push({ path: full, value: show(value), allowed: reason, fix });
  };
  walk(v.peek(path), '');
}

/** A key that must keep the chart's only supported value (or be left out). */
export function fixed(v: ValuesReader, path: string, allowed: unknown, why: string): void {
  const value = v.get(path);
  if (value !== undefined && !same(value, allowed)) v.problem(path, value, `${JSON.stringify(allowed)} (${why})`, 'remove the key');
}
