import { createHash } from 'node:crypto';

/** sha256 of a config object's data, for `checksum/config` pod annotations: a config change rolls the pods. */
export function checksum(...parts: unknown[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(typeof part === 'string' ? part : JSON.stringify(part ?? null));
  return hash.digest('hex');
}

/** A short stable hash for names (migrations Job). */
export function shortHash(...parts: unknown[]): string {
  return checksum(...parts).slice(0, 10);
}
