import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

// SHA-256 in JavaScript rather than node:crypto: the same digests, and a synth does not load Node's crypto and
// stream modules for them (0.8 MiB of the CLI's peak memory, for hashing a few hundred kilobytes).

/** sha256 of a config object's data, for `checksum/config` pod annotations: a config change rolls the pods. */
export function checksum(...parts: unknown[]): string {
  const hash = sha256.create();
  for (const part of parts) hash.update(utf8ToBytes(typeof part === 'string' ? part : JSON.stringify(part ?? null)));
  return bytesToHex(hash.digest());
}

/** A short stable hash for names (migrations Job). */
export function shortHash(...parts: unknown[]): string {
  return checksum(...parts).slice(0, 10);
}
