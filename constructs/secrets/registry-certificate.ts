import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type * as Forge from 'node-forge';
import { defaultExport } from './interop';
import { newCertificate } from './x509';

/** A private key and the self-signed certificate of its public key, both PEM. */
export interface KeyAndCertificate {
  readonly privateKey: string;
  readonly certificate: string;
}

/**
 * An RSA key and a self-signed X.509 certificate for it, as the chart's `openssl req -x509 -newkey rsa:4096
 * -days 3650 -subj /CN=<issuer>` makes: Rails signs registry tokens with the key, the registry trusts the
 * certificate. node:crypto makes the key; it cannot issue certificates, so node-forge builds and signs that.
 */
export async function generateKeyAndCertificate(bits: number, commonName: string, days = 3650): Promise<KeyAndCertificate> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: bits });
  // Loaded here only: the library is heavy and no other command needs it.
  const forge = defaultExport<typeof Forge>(await import('node-forge'));
  const now = new Date();
  const cert = newCertificate(forge, forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }) as string), now,
    new Date(now.getTime() + days * 24 * 3600 * 1000));
  const name = [{ name: 'commonName', value: commonName }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }) as string), forge.md.sha256.create());
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    certificate: forge.pki.certificateToPem(cert),
  };
}
