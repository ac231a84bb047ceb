import * as k8s from './k8s';
import { Construct } from 'constructs';
import { ResolvedComponentIngress, ResolvedConfig } from '../config/resolved';
import { albIngressAnnotations, BackendHealthCheck } from './alb';
import { certificate, issuedSecretName } from './cert-manager';
import { httpRoute, secretReferenceGrant } from './gateway-api';
import { ComponentLabels } from './labels';
import { coverBySharedCertificate } from './shared-certificate';
import { meta } from './workload';

/** One path of a host, routed to a Service port (Ingress `pathType: Prefix`, HTTPRoute `PathPrefix`). */
export interface IngressPath {
  /** e.g. `/` or `/k8s-proxy/`. */
  readonly path: string;
  /** Backend Service name. */
  readonly service: string;
  /** Backend Service port number. */
  readonly port: number;
}

/** The platform's external HTTP hosts (keys of `config.hosts`). */
export type ExposedHostName = 'gitlab' | 'registry' | 'kas' | 'pages';

/** One external HTTP host of a component. */
export interface ExposedHost {
  /**
   * Which host: its name comes from `config.hosts`; it also names the cert-manager Secret (`<release>-<host>-tls`)
   * and picks the Gateway listener (`ingress.gatewayApi.listeners`).
   */
  readonly host: ExposedHostName;
  /** Route every subdomain of the host (`*.<host>`, e.g. Pages sites) instead of the host itself; TLS then covers both. @default false */
  readonly wildcard?: boolean;
  /** Paths, each to a port of the component's Service. */
  readonly paths: readonly IngressPath[];
  /** The chart's NGINX annotations of this host; added only for NGINX controllers. @default none */
  readonly nginxAnnotations?: Readonly<Record<string, string>>;
  /** How a load balancer that targets pods checks them (ALB); the path must answer 200 on a ready pod. */
  readonly healthCheck: BackendHealthCheck;
  /**
   * With the Gateway API: how long one request may take (HTTPRoute `timeouts.request` and `backendRequest`), since
   * Gateways default to short ones (Envoy: 15s); `0s` means no limit (long git operations, websockets).
   * @default the Gateway's default
   */
  readonly requestTimeout?: string;
  /** The component's own Ingress settings (`components.<name>.ingress`): on/off, annotations, TLS Secret, NGINX knobs. @default none */
  readonly own?: ResolvedComponentIngress;
  /** The backend serves TLS: an ALB then speaks (and health-checks) HTTPS; NGINX's annotation comes in `nginxAnnotations`. @default HTTP */
  readonly backendProtocol?: 'HTTP' | 'HTTPS';
}

const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

/**
 * NGINX annotations for a backend that serves TLS itself (the webservice's Workhorse, the registry): HTTPS to it
 * and, with `verify`, its certificate checked against `serverName` (with the CA Secret when one is named), as the
 * chart's annotations do.
 */
export function nginxHttpsBackend(tls: { readonly verify?: boolean; readonly caSecretName?: string }, serverName: string, namespace: string): Record<string, string> {
  return {
    [`${NGINX_PREFIX}backend-protocol`]: 'HTTPS',
    ...(tls.verify ? {
      [`${NGINX_PREFIX}proxy-ssl-verify`]: 'on',
      [`${NGINX_PREFIX}proxy-ssl-name`]: serverName,
      ...(tls.caSecretName ? { [`${NGINX_PREFIX}proxy-ssl-secret`]: `${namespace}/${tls.caSecretName}` } : {}),
    } : {}),
  };
}

/**
 * Exposes one host of a component through `config.ingress.provider` (the only place that switches on it):
 * - `nginx`: a networking.k8s.io/v1 Ingress of class `className`; the host's NGINX annotations (and the chart's
 *   `kubernetes.io/ingress.provider: nginx`) only when `config.ingress.nginx`, so another controller gets no noise;
 * - `alb`: an Ingress for the AWS Load Balancer Controller (`lib/alb`), certificates from ACM;
 * - `gateway-api`: an HTTPRoute on the user's Gateway, a cert-manager Certificate per host when an issuer signs
 *   them, and a ReferenceGrant when that Gateway lives in another namespace and must read the TLS Secret.
 *
 * TLS with an Ingress: `tls.secretName` as given; with a cert-manager issuer, the `cert-manager.io/issuer` (or
 * `cluster-issuer`) annotation and a Secret `<release>-<host>-tls` per host, as the chart names them.
 * The user's `ingress.annotations`, then the component's own, are applied last and win. Nothing is created when
 * `ingress.enabled` (or the component's own `enabled`) is false.
 */
export function exposeHost(scope: Construct, config: ResolvedConfig, name: string, labels: ComponentLabels, exposed: ExposedHost): void {
  const ing = config.ingress;
  const own = exposed.own;
  // The component's own switch wins over the platform-wide one (a host may be exposed while `ingress.enabled` is false).
  if (!(own ? own.enabled : ing.enabled)) return;
  const hostName = config.hosts[exposed.host].name;
  const host = exposed.wildcard ? `*.${hostName}` : hostName;
  const tlsHosts = exposed.wildcard ? [hostName, host] : [host];
  if (ing.provider === 'gateway-api') {
    gatewayRoute(scope, config, name, labels, host, tlsHosts, exposed);
    return;
  }
  const annotations: Record<string, string> = {};
  if (ing.provider === 'alb') {
    Object.assign(annotations, albIngressAnnotations(config, exposed.healthCheck));
    if (exposed.backendProtocol === 'HTTPS') {
      Object.assign(annotations, { 'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS', 'alb.ingress.kubernetes.io/healthcheck-protocol': 'HTTPS' });
    }
  } else if (ing.nginx) {
    annotations['kubernetes.io/ingress.provider'] = 'nginx';
    for (const [key, value] of Object.entries({ ...exposed.nginxAnnotations, ...own?.nginxAnnotations })) {
      if (key.startsWith(NGINX_PREFIX)) annotations[key] = value;
    }
  }
  let secretName: string | undefined = own?.tlsSecretName;
  if (own?.tls === false) {
    // This host's TLS ends in front of the controller: no Secret, no certificate request.
  } else if (ing.tls.mode === 'secret') {
    secretName = own?.tlsSecretName ?? ing.tls.secretName;
  } else if (ing.tls.mode === 'issuer' && ing.tls.secretName && !own?.tlsSecretName) {
    // The issuer's one Secret: the platform's single Certificate covers this host (no per-Ingress request, which
    // would make each Ingress claim the same Secret for its own host).
    secretName = coverBySharedCertificate(config, ing.tls.secretName, tlsHosts);
  } else if (ing.tls.mode === 'issuer') {
    secretName = own?.tlsSecretName ?? issuedSecretName(config, exposed.host);
    annotations[ing.tls.issuerKind === 'ClusterIssuer' ? 'cert-manager.io/cluster-issuer' : 'cert-manager.io/issuer'] = ing.tls.issuerName;
  }
  Object.assign(annotations, ing.annotations, own?.annotations);
  new k8s.KubeIngress(scope, 'ingress', {
    metadata: meta(config, name, labels.common, annotations),
    spec: {
      ...(ing.defaultClass ? {} : { ingressClassName: ing.className }),
      rules: [{
        host,
        http: {
          paths: exposed.paths.map((p) => ({
            path: p.path,
            pathType: 'Prefix',
            backend: { service: { name: p.service, port: { number: p.port } } },
          })),
        },
      }],
      ...(secretName ? { tls: [{ hosts: tlsHosts, secretName }] } : {}),
    },
  });
}

/** The certificate Secrets a platform has requested already: several routes of one host (webservice Deployments) share one. */
const issued = new WeakMap<ResolvedConfig, Set<string>>();

/** Gateway API: the route, and what its HTTPS listener needs from the platform (Certificate, ReferenceGrant). */
function gatewayRoute(scope: Construct, config: ResolvedConfig, name: string, labels: ComponentLabels, host: string,
  tlsHosts: readonly string[], exposed: ExposedHost): void {
  const { gatewayApi, tls } = config.ingress;
  const gateway = gatewayApi!.gateway;
  httpRoute(scope, config, name, labels, host, exposed.paths, gateway, gatewayApi!.listeners[exposed.host], exposed.requestTimeout,
    exposed.own?.annotations);
  let secretName: string | undefined = exposed.own?.tlsSecretName;
  if (exposed.own?.tls === false) {
    // No TLS on this host's route.
  } else if (tls.mode === 'issuer' && tls.secretName && !exposed.own?.tlsSecretName) {
    secretName = coverBySharedCertificate(config, tls.secretName, tlsHosts);
  } else if (tls.mode === 'issuer') {
    secretName = exposed.own?.tlsSecretName ?? issuedSecretName(config, exposed.host);
    const requested = issued.get(config) ?? new Set<string>();
    issued.set(config, requested);
    if (!requested.has(secretName)) certificate(scope, config, labels, tlsHosts, secretName, { name: tls.issuerName, kind: tls.issuerKind });
    requested.add(secretName);
  } else if (tls.mode === 'secret') {
    secretName = exposed.own?.tlsSecretName ?? tls.secretName;
  }
  if (secretName && gateway.namespace !== config.namespace) {
    secretReferenceGrant(scope, config, `${name}-tls`, labels, gateway.namespace, [secretName]);
  }
}
