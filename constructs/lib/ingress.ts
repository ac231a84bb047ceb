import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../config/resolved';
import { ComponentLabels } from './labels';
import { meta } from './workload';

/** One path of an Ingress rule, routed to a Service port (`pathType: Prefix`). */
export interface IngressPath {
  /** e.g. `/` or `/k8s-proxy/`. */
  readonly path: string;
  /** Backend Service name. */
  readonly service: string;
  /** Backend Service port number. */
  readonly port: number;
}

const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/**
 * The component's networking.k8s.io/v1 Ingress for one host, or `undefined` when `ingress.enabled` is false.
 *
 * - class: `ingressClassName` from `config.ingress.className`;
 * - TLS: `tls.secretName` as given; with a cert-manager issuer, the `cert-manager.io/issuer` (or `cluster-issuer`)
 *   annotation and a Secret `<release>-<tlsName>-tls` per Ingress, as the chart names them; none for plain HTTP;
 * - annotations: `extraAnnotations` are the component's own; those under `nginx.ingress.kubernetes.io/` (and the
 *   chart's `kubernetes.io/ingress.provider: nginx`) are added only when `config.ingress.nginx`, so another
 *   controller gets no NGINX noise. The user's `ingress.annotations` are applied last and win.
 *
 * @param tlsName middle part of the cert-manager Secret name. @default the component's `app` label
 */
export function ingress(scope: Construct, config: ResolvedConfig, name: string, labels: ComponentLabels, host: string,
  paths: readonly IngressPath[], extraAnnotations: Readonly<Record<string, string>> = {}, tlsName = labels.selector.app): k8s.KubeIngress | undefined {
  const ing = config.ingress;
  if (!ing.enabled) return undefined;
  const annotations: Record<string, string> = {};
  if (ing.nginx) annotations['kubernetes.io/ingress.provider'] = 'nginx';
  for (const [key, value] of Object.entries(extraAnnotations)) {
    if (ing.nginx || !key.startsWith(NGINX_PREFIX)) annotations[key] = value;
  }
  let secretName: string | undefined;
  if (ing.tls.mode === 'secret') {
    secretName = ing.tls.secretName;
  } else if (ing.tls.mode === 'issuer') {
    secretName = `${config.release}-${tlsName}-tls`;
    annotations[ing.tls.issuerKind === 'ClusterIssuer' ? 'cert-manager.io/cluster-issuer' : 'cert-manager.io/issuer'] = ing.tls.issuerName;
  }
  Object.assign(annotations, ing.annotations);
  return new k8s.KubeIngress(scope, 'ingress', {
    metadata: meta(config, name, labels.common, annotations),
    spec: {
      ingressClassName: ing.className,
      rules: [{
        host,
        http: {
          paths: paths.map((p) => ({
            path: p.path,
            pathType: 'Prefix',
            backend: { service: { name: p.service, port: { number: p.port } } },
          })),
        },
      }],
      ...(secretName ? { tls: [{ hosts: [host], secretName }] } : {}),
    },
  });
}
