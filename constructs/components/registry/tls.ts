import type { ResolvedRegistryTls } from '../../config/registry/tls';
import { type ExposedHost, nginxHttpsBackend } from '../../lib/ingress';

/**
 * How the Ingress reaches a registry serving TLS itself: NGINX proxies over HTTPS and, with `verify`, checks the
 * certificate against the Service's in-cluster name (with the CA Secret when one is named), as the chart's
 * annotations do; an ALB speaks HTTPS to the pods (it does not verify backends). Without TLS: the host's own
 * NGINX annotations only.
 */
export function registryBackendTls(nginx: Readonly<Record<string, string>>, tls: ResolvedRegistryTls | undefined, serviceHost: string, namespace: string):
  Pick<ExposedHost, 'nginxAnnotations' | 'backendProtocol'> {
  if (!tls) return { nginxAnnotations: nginx };
  return {
    nginxAnnotations: { ...nginx, ...nginxHttpsBackend(tls, serviceHost, namespace) },
    backendProtocol: 'HTTPS',
  };
}
