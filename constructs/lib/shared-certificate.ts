import { Construct } from 'constructs';
import type { ResolvedConfig } from '../config/resolved';
import { certificate } from './cert-manager';
import { componentLabels } from './labels';

/** The hosts each platform's shared certificate must cover, in the order the components expose them. */
const covered = new WeakMap<ResolvedConfig, string[]>();

/** Records hosts the issuer's one Secret (`ingress.tls.secretName` beside an issuer) must cover; returns the Secret. */
export function coverBySharedCertificate(config: ResolvedConfig, secretName: string, hosts: readonly string[]): string {
  const list = covered.get(config) ?? [];
  covered.set(config, list);
  for (const h of hosts) if (!list.includes(h)) list.push(h);
  return secretName;
}

/**
 * The one cert-manager `Certificate` of an issuer with its own Secret (the chart's `configureCertmanager` with
 * `global.ingress.tls.secretName`): every exposed host in one certificate, written to that Secret, which every
 * Ingress (or Gateway listener) serves. Call after the components are built; nothing when no host asked for it.
 */
export function sharedCertificate(scope: Construct, config: ResolvedConfig): void {
  const tls = config.ingress.tls;
  const hosts = covered.get(config);
  if (tls.mode !== 'issuer' || !tls.secretName || !hosts?.length) return;
  certificate(new Construct(scope, 'shared-certificate'), config, componentLabels(config, 'certmanager-issuer'), hosts, tls.secretName,
    { name: tls.issuerName, kind: tls.issuerKind });
}
