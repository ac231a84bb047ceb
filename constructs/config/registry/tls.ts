import type { ResolvedIngress } from '../exposure/resolve';
import type { Fail } from '../errors';
import type { RegistryTlsVersion } from './names';
import type { RegistryTls } from './types';

/** The registry's own TLS (`components.registry.tls`), the chart's defaults applied. */
export interface ResolvedRegistryTls {
  /** The kubernetes.io/tls Secret the registry serves (`tls.crt`, `tls.key`). */
  readonly secretName: string;
  /** NGINX verifies the registry's certificate. */
  readonly verify: boolean;
  /** The Secret (`ca.crt`) NGINX verifies against; only with `verify`. */
  readonly caSecretName?: string;
  readonly clientCAs: readonly string[];
  readonly minimumTLS: RegistryTlsVersion;
  readonly cipherSuites: readonly string[];
}

const AT = 'components.registry.tls';

/**
 * Defaults as the chart's (`<release>-registry-tls`, verify on, TLS 1.2), and the rules across settings: the CA
 * Secret is read only to verify, and a Gateway API route cannot reach an HTTPS backend without a BackendTLSPolicy,
 * which gitlab-iac does not create (the chart's HTTPRoute would send plain HTTP to the TLS port).
 */
export function resolveRegistryTls(t: RegistryTls, release: string, ingress: { readonly provider: ResolvedIngress['provider']; readonly exposed: boolean }, fail: Fail): ResolvedRegistryTls {
  const verify = t.verify ?? true;
  if (!verify && t.caSecretName !== undefined) {
    fail(`${AT}.caSecretName`, t.caSecretName, 'a CA Secret only while verify is true (NGINX reads it only to verify the registry)',
      `remove ${AT}.caSecretName, or set ${AT}.verify: true`);
  }
  if (ingress.provider === 'gateway-api' && ingress.exposed) {
    fail(AT, t, 'no registry TLS with ingress.provider gateway-api (the HTTPRoute would send plain HTTP to the registry\'s TLS port)',
      `remove ${AT} (the Gateway terminates TLS for clients), or expose GitLab through an NGINX or ALB Ingress`);
  }
  return {
    secretName: t.secretName ?? `${release}-registry-tls`,
    verify,
    ...(verify && t.caSecretName ? { caSecretName: t.caSecretName } : {}),
    clientCAs: t.clientCAs ?? [],
    minimumTLS: t.minimumTLS ?? 'tls1.2',
    cipherSuites: t.cipherSuites ?? [],
  };
}
