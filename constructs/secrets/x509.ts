import { randomBytes } from 'node:crypto';
import type * as Forge from 'node-forge';

/** An unsigned certificate for `publicKey`, valid from `notBefore` to `notAfter`, with a fresh serial. */
export function newCertificate(forge: typeof Forge, publicKey: Forge.pki.PublicKey, notBefore: Date, notAfter: Date): Forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive 128-bit serial (RFC 5280: positive, at most 20 octets).
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.serialNumber = serial.toString('hex');
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  return cert;
}
