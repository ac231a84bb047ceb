import { createPublicKey, generateKeyPair, KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type * as Forge from 'node-forge';
import type { ResolvedConfig } from '../config/resolved';
import { SECRET_LABEL } from './external';
import type { SecretManifest } from './generate';
import { defaultExport } from './interop';
import { newCertificate } from './x509';

/**
 * How long the certificates last: the chart's `shared-secrets.selfsign.expiry` (8076h, about 11 months), so a
 * migrated release and a new one renew on the same rhythm (by deleting the three Secrets and running `secrets`).
 */
const VALIDITY_HOURS = 8076;

/**
 * The Secrets of `ingress.tls: { selfSigned: true }`, as the chart's shared-secrets Job makes them: a private CA
 * (`<name>-ca`, key `cfssl_ca`), a certificate it signs for the domain, `*.<domain>` and every host name (`<name>`,
 * kubernetes.io/tls), and the CA followed by the certificate (`<name>-chain`, key `<gitlab host>.crt`). RSA-2048
 * keys (the chart's cfssl makes ECDSA P-256 keys; node-forge signs with RSA only, and every client takes both).
 * None when the Ingresses do not use a self-signed certificate.
 */
export async function selfSignedTlsManifests(config: ResolvedConfig): Promise<SecretManifest[]> {
  const tls = config.ingress.tls;
  if (tls.mode !== 'secret' || !tls.selfSigned) return [];
  const forge = defaultExport<typeof Forge>(await import('node-forge'));
  const [caKey, key] = await Promise.all([rsaKey(), rsaKey()]);
  const now = new Date();
  const notAfter = new Date(now.getTime() + VALIDITY_HOURS * 3600 * 1000);
  const forgeKey = (k: KeyObject) => forge.pki.privateKeyFromPem(k.export({ type: 'pkcs1', format: 'pem' }) as string);
  const publicKey = (k: KeyObject) => forge.pki.publicKeyFromPem(createPublicKey(k).export({ type: 'spki', format: 'pem' }) as string);

  // The chart's CA subject: its caSubject, the namespace as organization, the release as unit.
  const caName = [
    { name: 'commonName', value: 'GitLab' },
    { name: 'organizationName', value: config.namespace },
    { name: 'organizationalUnitName', value: config.release },
  ];
  const ca = newCertificate(forge, publicKey(caKey), now, notAfter);
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(forgeKey(caKey), forge.md.sha256.create());

  const leaf = newCertificate(forge, publicKey(key), now, notAfter);
  leaf.setSubject([{ name: 'commonName', value: config.hosts.domain }]);
  leaf.setIssuer(caName);
  leaf.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: dnsNames(config).map((value) => ({ type: 2, value })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  leaf.sign(forgeKey(caKey), forge.md.sha256.create());

  const caPem = forge.pki.certificateToPem(ca);
  const leafPem = forge.pki.certificateToPem(leaf);
  const metadata = (name: string) => ({ name, namespace: config.namespace, labels: { [SECRET_LABEL]: 'generated', 'gitlab-iac.io/release': config.release } });
  return [
    { apiVersion: 'v1', kind: 'Secret', metadata: metadata(tls.secretName), type: 'kubernetes.io/tls',
      stringData: { 'tls.crt': leafPem, 'tls.key': key.export({ type: 'pkcs8', format: 'pem' }) as string } },
    { apiVersion: 'v1', kind: 'Secret', metadata: metadata(tls.selfSigned.caSecretName), type: 'Opaque', stringData: { cfssl_ca: caPem } },
    { apiVersion: 'v1', kind: 'Secret', metadata: metadata(tls.selfSigned.chainSecretName), type: 'Opaque',
      stringData: { [`${config.hosts.gitlab.name}.crt`]: caPem + leafPem } },
  ];
}

/** The names the certificate covers: the domain and its wildcard (as the chart's), and every host, which may sit elsewhere. */
function dnsNames(config: ResolvedConfig): string[] {
  const h = config.hosts;
  const pages = config.components.gitlabPages && !config.components.gitlabPages.namespaceInPath ? [`*.${h.pages.name}`] : [];
  return [...new Set([h.domain, `*.${h.domain}`, h.gitlab.name, h.registry.name, h.kas.name, h.pages.name, ...pages])];
}

function rsaKey(): Promise<KeyObject> {
  return promisify(generateKeyPair)('rsa', { modulusLength: 2048 }).then((pair) => pair.privateKey);
}
