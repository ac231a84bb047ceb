import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../config/resolved';
import { parentRef } from './gateway-api';
import { ComponentLabels } from './labels';
import { meta } from './workload';

const API_VERSION = 'cert-manager.io/v1';

/** Name of the TLS Secret cert-manager writes for one host (the chart's `<release>-<host>-tls`, e.g. `gitlab-gitlab-tls`). */
export const issuedSecretName = (config: Pick<ResolvedConfig, 'release'>, hostKey: string) => `${config.release}-${hostKey}-tls`;

/** A cert-manager Certificate for one host (and its wildcard, when routed), written to `secretName` by the given issuer. */
export function certificate(scope: Construct, config: Pick<ResolvedConfig, 'namespace'>, labels: ComponentLabels, dnsNames: readonly string[],
  secretName: string, issuer: { readonly name: string; readonly kind: string }): ApiObject {
  return new ApiObject(scope, 'certificate', {
    apiVersion: API_VERSION,
    kind: 'Certificate',
    metadata: meta(config, secretName, labels.common),
    spec: {
      secretName,
      dnsNames: [...dnsNames],
      issuerRef: { group: 'cert-manager.io', kind: issuer.kind, name: issuer.name },
    },
  });
}

/**
 * The ACME `Issuer` the platform creates (`ingress.tls.acme`). HTTP-01 challenges are answered through the
 * platform's own exposure: an Ingress of its class, or an HTTPRoute on its Gateway. cert-manager creates the
 * solver objects itself; nothing edits the platform's Ingresses in place (GitOps tools would fight over them).
 */
export function acmeIssuer(scope: Construct, config: ResolvedConfig, labels: ComponentLabels): ApiObject | undefined {
  const { acmeIssuer: acme, gatewayApi, className } = config.ingress;
  if (!acme) return undefined;
  const solver = gatewayApi
    ? { http01: { gatewayHTTPRoute: { parentRefs: [parentRef(gatewayApi.gateway)] } } }
    : { http01: { ingress: { ingressClassName: className } } };
  return new ApiObject(scope, 'issuer', {
    apiVersion: API_VERSION,
    kind: 'Issuer',
    metadata: meta(config, acme.name, labels.common),
    spec: {
      acme: {
        server: acme.server,
        email: acme.email,
        privateKeySecretRef: { name: `${config.release}-acme-key` },
        solvers: [solver],
      },
    },
  });
}
