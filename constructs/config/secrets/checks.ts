import { all, Check, k8sName, list, obj, rule } from '../schema';
import { secretKey } from '../common/checks';
import { SHARED_SECRET_NAMES, SINGLE_KEY_SECRET_NAMES } from './names';

/** Checks of the Secret settings: the shared Secrets' names and keys, and the custom CA sources. */

/** `secretNames`. */
export const secretNamesCheck: Check = obj(Object.fromEntries(SHARED_SECRET_NAMES.map((k) => [k, k8sName('Secret name')])));

/** `secretKeys`. */
export const secretKeysCheck: Check = obj(Object.fromEntries(SINGLE_KEY_SECRET_NAMES.map((k) => [k, secretKey('password')])));

/** `customCAs`: each a Secret or a ConfigMap, optionally limited to some keys; no key projected twice. */
export const customCAsCheck: Check = all(list(all(obj({ secret: k8sName('Secret name'), configMap: k8sName('ConfigMap name'), keys: list(secretKey('ca.crt'), { unique: true }) }),
  rule((v: { secret?: unknown; configMap?: unknown }) => (v && typeof v === 'object' && (v.secret === undefined) === (v.configMap === undefined)
    ? { allowed: 'exactly one of secret and configMap', fix: 'write { secret: <name> } or { configMap: <name> }' } : undefined)))), customCaPathsCheck);

/** Every CA lands in one projected volume: two entries projecting the same key would collide (the API server refuses). */
function customCaPathsCheck(value: unknown, path: string, issues: Parameters<Check>[2]): void {
  const seen = new Map<string, number>();
  (value as { keys?: string[] }[]).forEach((ca, i) => (ca.keys ?? []).forEach((key) => {
    const first = seen.get(key);
    if (first !== undefined) {
      rule(() => ({ allowed: 'each key projected once across customCAs (they share one volume)', fix: `rename the key in one of the Secrets, or drop it from ${path}[${first}].keys or ${path}[${i}].keys` }))(key, `${path}[${i}].keys`, issues);
    }
    seen.set(key, i);
  }));
}
