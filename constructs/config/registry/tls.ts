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
 * Defaults as the chart's (`<release>-registry-tls`, TLS 1.2; verify on with a CA Secret, the only way NGINX
 * verifies), and the rules across settings: the CA Secret is read only by NGINX and only to verify, and a Gateway API route cannot reach an HTTPS backend without a BackendTLSPolicy,
 * which gitlab-iac does not create (the chart's HTTPRoute would send plain HTTP to the TLS port).
 */
export function resolveRegistryTls(t: RegistryTls, release: string, ingress: { readonly provider: ResolvedIngress['provider']; readonly nginx: boolean; readonly exposed: boolean }, fail: Fail): ResolvedRegistryTls {
  // ingress-nginx verifies a backend only against a CA Secret: without `proxy-ssl-secret` it ignores `proxy-ssl-verify`.
  const verify = t.verify ?? t.caSecretName !== undefined;
  if (t.verify === false && t.caSecretName !== undefined) {
    fail(`${AT}.caSecretName`, t.caSecretName, 'a CA Secret only while verify is true (NGINX reads it only to verify the registry)',
      `remove ${AT}.caSecretName, or set ${AT}.verify: true`);
  } else if (t.verify === true && t.caSecretName === undefined) {
    fail(`${AT}.verify`, true, 'true only with caSecretName (ingress-nginx ignores proxy-ssl-verify without a CA Secret: nothing would be verified)',
      `name the Secret holding the CA under ca.crt: ${AT}.caSecretName, or set ${AT}.verify: false`);
  } else if (t.caSecretName !== undefined && !(ingress.nginx && ingress.exposed)) {
    fail(`${AT}.caSecretName`, t.caSecretName, 'a CA Secret only while an NGINX Ingress exposes the registry (it is NGINX\'s proxy-ssl-secret)',
      `remove ${AT}.caSecretName`);
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
