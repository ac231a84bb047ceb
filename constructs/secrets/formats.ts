import { SecretFormat } from '../config/secrets/catalog';
import { LOWER_ALNUM, randomBytesBase64, randomString } from './random';

/**
 * The textual formats of the shared Secrets (see `SHARED_SECRETS`), as pure functions so that every producer
 * (the `secrets` command, the Pulumi stack) writes byte-compatible values.
 */

export const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

/** A one-element YAML/JSON list literal, `["<value>"]`, as the Rails pods read the registry notification secret. */
export const listLiteral = (value: string): string => JSON.stringify([value]);

/** Kinds whose value is generated alone (no key pair, no document). */
export type SimpleFormat = Extract<SecretFormat, { kind: 'alnum' | 'base64-alnum' | 'base64-bytes' | 'base64-lower-alnum' | 'alnum-list' }>;

export const isSimpleFormat = (f: SecretFormat): f is SimpleFormat =>
  ['alnum', 'base64-alnum', 'base64-bytes', 'base64-lower-alnum', 'alnum-list'].includes(f.kind);

/** A fresh value of a simple format. */
export function generateSimple(format: SimpleFormat): string {
  switch (format.kind) {
    case 'alnum': return randomString(format.length);
    case 'base64-alnum': return base64(randomString(format.length));
    case 'base64-bytes': return randomBytesBase64(format.bytes);
    case 'base64-lower-alnum': return base64(randomString(format.length, LOWER_ALNUM));
    case 'alnum-list': return listLiteral(randomString(format.length));
  }
}
