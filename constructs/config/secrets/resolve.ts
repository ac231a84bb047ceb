import { SHARED_SECRETS } from './catalog';
import { SINGLE_KEY_SECRET_NAMES, type SharedSecretName, type SingleKeySecretName } from './names';
import type { SecretRef } from './types';

/**
 * Resolution of the Secret settings: a `SecretRef` with its key filled in, the shared Secrets' names and the key
 * of each one-value shared Secret. Every concept resolves its Secret references with `ref`.
 */

/** A reference to one key of a Secret, the key's default applied. */
export interface ResolvedSecretRef {
  readonly name: string;
  readonly key: string;
}

/** A Secret reference with the setting's default key where the user named none. */
export const ref = (r: SecretRef, defaultKey: string): ResolvedSecretRef => ({ name: r.name, key: r.key ?? defaultKey });

/** The name of every shared Secret: the user's (`secretNames`), else the chart's `<release>-<suffix>`. */
export function resolveSecretNames(secretNames: Partial<Record<SharedSecretName, string>> | undefined, release: string): Record<SharedSecretName, string> {
  return Object.fromEntries(SHARED_SECRETS.map((s) => [s.id, secretNames?.[s.id] ?? `${release}-${s.suffix}`])) as Record<SharedSecretName, string>;
}

/** The key of every one-value shared Secret: the user's, else the catalogue's. */
export function resolveSecretKeys(p: { readonly secretKeys?: Partial<Record<SingleKeySecretName, string>> }): Record<SingleKeySecretName, string> {
  return Object.fromEntries(SINGLE_KEY_SECRET_NAMES.map((id) => [id, p.secretKeys?.[id] ?? SHARED_SECRETS.find((s) => s.id === id)!.keys[0].key])) as Record<SingleKeySecretName, string>;
}
