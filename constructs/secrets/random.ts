import { randomBytes, randomInt } from 'node:crypto';

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters drawn uniformly from `alphabet` with the CSPRNG (`crypto.randomInt` has no modulo bias). */
export function randomString(length: number, alphabet: string = ALNUM): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** `length` lower-case hex characters (Ruby's `SecureRandom.hex(length / 2)`). */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

/** Base64 of `count` random bytes. */
export function randomBytesBase64(count: number): string {
  return randomBytes(count).toString('base64');
}
