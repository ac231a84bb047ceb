import type { GitLabPlatformProps } from '../types';
import { WEB_HOST_COMPONENTS, WEB_HOSTS } from './names';
import type { ISSUER_KINDS, LOAD_BALANCER_SCHEMES, WebHost } from './names';
import type { GatewayRef, HostOverride, HostsConfig, IngressProvider } from './types';
import type { Fail } from '../errors';

/**
 * The hosts and `ingress` resolved: every default applied, and the rules across settings checked (provider vs
 * TLS, a Gateway needed). A component's own Ingress options are resolved in `component-ingress.ts`.
 */

export interface ResolvedHost {
  readonly name: string;
  readonly https: boolean;
  /** `https://name` or `http://name`. */
  readonly url: string;
}

/** The platform's hosts, every default applied. */
export interface ResolvedHosts {
  readonly domain: string;
  readonly gitlab: ResolvedHost;
  readonly registry: ResolvedHost;
  /** `url` is `wss://` (or `ws://`). */
  readonly kas: ResolvedHost;
  readonly pages: ResolvedHost;
  readonly ssh: { readonly name: string; readonly port: number };
}

export type IngressTls =
  | { readonly mode: 'secret'; readonly secretName: string;
    /** A self-signed certificate (`ingress.tls.selfSigned`): `cli secrets` generates these; every pod trusts the CA. */
    readonly selfSigned?: SelfSignedTls }
  | { readonly mode: 'issuer'; readonly issuerName: string; readonly issuerKind: typeof ISSUER_KINDS[number];
    /** One Secret for every host, requested with one Certificate (`lib/shared-certificate.ts`). @default a Secret per host */
    readonly secretName?: string }
  /** ACM certificates on the ALB's HTTPS listener. */
  | { readonly mode: 'acm'; readonly certificateArns: readonly string[] }
  /** HTTPS terminated by the user's Gateway with certificates the platform does not know. */
  | { readonly mode: 'gateway' }
  | { readonly mode: 'none' };

/** The Secrets of a self-signed certificate, named as the chart's shared-secrets Job names them. */
export interface SelfSignedTls {
  /** Opaque, key `cfssl_ca`: the CA certificate, added to every pod's trust store. */
  readonly caSecretName: string;
  /** Opaque, key `<gitlab host>.crt`: the CA then the certificate (for clients such as a runner elsewhere). */
  readonly chainSecretName: string;
}

export interface ResolvedGatewayRef {
  readonly name: string;
  readonly namespace: string;
}

/** `ingress`, every default applied. */
export interface ResolvedIngress {
  readonly enabled: boolean;
  /** Some host is exposed: `enabled`, or a component's own `ingress.enabled` while `enabled` is false. */
  readonly anyHost: boolean;
  readonly className: string;
  /** Leave `ingressClassName` out: the cluster's default IngressClass takes the Ingresses. */
  readonly defaultClass?: boolean;
  readonly tls: IngressTls;
  readonly annotations: Readonly<Record<string, string>>;
  readonly nginx: boolean;
  readonly provider: IngressProvider;
  /** Set with the `alb` provider. */
  readonly alb?: { readonly scheme: typeof LOAD_BALANCER_SCHEMES[number]; readonly groupName: string; readonly idleTimeoutSeconds: number; readonly sslPolicy?: string };
  /** Set with the `gateway-api` provider. */
  readonly gatewayApi?: { readonly gateway: ResolvedGatewayRef; readonly listeners: Readonly<Partial<Record<WebHost, string>>> };
  /** The ACME Issuer the platform creates (then `tls` is `issuer` mode naming it). */
  readonly acmeIssuer?: { readonly name: string; readonly email: string; readonly server: string };
}

/** Let's Encrypt production, the chart's `certmanager-issuer.server`. */
export const LETS_ENCRYPT = 'https://acme-v02.api.letsencrypt.org/directory';

export const resolveGatewayRef = (g: GatewayRef, namespace: string): ResolvedGatewayRef => ({ name: g.name, namespace: g.namespace ?? namespace });

/** `hosts`: each host `<name>.<domain>` unless named, https unless turned off; kas's URL is a websocket one. */
export function resolveHosts(h: HostsConfig): ResolvedHosts {
  const https = h.https ?? true;
  const domain = h.domain;
  const mkHost = (o: HostOverride | undefined, sub: string, scheme: [string, string] = ['https', 'http']): ResolvedHost => {
    const name = o?.name ?? `${sub}.${domain}`;
    const secure = o?.https ?? https;
    return { name, https: secure, url: `${secure ? scheme[0] : scheme[1]}://${name}` };
  };
  const gitlabHost = mkHost(h.gitlab, 'gitlab');
  return {
    domain,
    gitlab: gitlabHost,
    registry: mkHost(h.registry, 'registry'),
    kas: mkHost(h.kas, 'kas', ['wss', 'ws']),
    pages: mkHost(h.pages, 'pages'),
    ssh: { name: h.ssh?.name ?? gitlabHost.name, port: h.ssh?.port ?? 22 },
  };
}

/**
 * `ingress`: the provider, its settings, and TLS. Cross-setting rules: settings of another provider are errors;
 * an ALB takes only ACM certificates (it cannot read Kubernetes TLS Secrets, so neither a Secret nor cert-manager
 * helps it), ACM certificates only fit an ALB; `gateway-api` needs the user's Gateway. `ingress.tls: false` with https
 * URLs (`hosts.https`) is TLS terminated in front of the Ingress (a load balancer, a proxy), as the chart allows it.
 */
export function resolveIngress(p: GitLabPlatformProps, release: string, namespace: string, fail: Fail): ResolvedIngress {
  const ing = p.ingress ?? {};
  const enabled = ing.enabled ?? true;
  const provider = ing.provider ?? 'nginx';
  const only = (key: 'alb' | 'gatewayApi' | 'nginxAnnotations', wanted: string) => {
    if (ing[key] !== undefined && provider !== wanted) {
      fail(`ingress.${key}`, ing[key], `nothing unless ingress.provider is '${wanted}' (it is '${provider}')`, `remove ingress.${key}, or set ingress.provider: '${wanted}'`);
    }
  };
  only('alb', 'alb');
  only('gatewayApi', 'gateway-api');
  only('nginxAnnotations', 'nginx');
  if (ing.className !== undefined && provider === 'gateway-api') {
    fail('ingress.className', ing.className, 'nothing with provider gateway-api (routes attach to ingress.gatewayApi.gateway)', 'remove ingress.className');
  }
  if (ing.defaultClass && provider === 'gateway-api') {
    fail('ingress.defaultClass', true, 'nothing with provider gateway-api (routes attach to ingress.gatewayApi.gateway)', 'remove ingress.defaultClass');
  }
  const className = ing.className ?? (provider === 'alb' ? 'alb' : 'nginx');

  let gatewayApi: ResolvedIngress['gatewayApi'];
  if (provider === 'gateway-api') {
    if (ing.gatewayApi) {
      gatewayApi = { gateway: resolveGatewayRef(ing.gatewayApi.gateway, namespace), listeners: ing.gatewayApi.listeners ?? {} };
    } else {
      fail('ingress.gatewayApi.gateway', undefined, 'your Gateway { name, namespace } when ingress.provider is gateway-api',
        'set ingress.gatewayApi: { gateway: { name: "my-gateway", namespace: "gateway-system" } } (the platform attaches routes to it; it does not create a Gateway)');
    }
  }

  let alb: ResolvedIngress['alb'];
  if (provider === 'alb') {
    const groupName = ing.alb?.groupName ?? `${namespace}-${release}`;
    if (groupName.length > 63) {
      fail('ingress.alb.groupName', undefined, `an IngressGroup name of at most 63 characters (the default "${namespace}-${release}" is longer)`, 'set ingress.alb.groupName, e.g. "gitlab"');
    }
    alb = { scheme: ing.alb?.scheme ?? 'internet-facing', groupName, idleTimeoutSeconds: ing.alb?.idleTimeoutSeconds ?? 4000, sslPolicy: ing.alb?.sslPolicy };
  }

  const t = ing.tls;
  let tls: IngressTls | undefined;
  let acmeIssuer: ResolvedIngress['acmeIssuer'];
  // An issuer's own Secret (`secretName` beside it) is one certificate for every host.
  const shared = t && ('issuer' in t || 'acme' in t) && t.secretName ? { secretName: t.secretName } : {};
  if (t === false) tls = { mode: 'none' };
  else if (t && 'issuer' in t) tls = { mode: 'issuer', issuerName: t.issuer.name, issuerKind: t.issuer.kind ?? 'Issuer', ...shared };
  else if (t && 'acme' in t) {
    acmeIssuer = { name: `${release}-issuer`, email: t.acme.email, server: t.acme.server ?? LETS_ENCRYPT };
    tls = { mode: 'issuer', issuerName: acmeIssuer.name, issuerKind: 'Issuer', ...shared };
  } else if (t && 'selfSigned' in t) {
    const secretName = t.secretName ?? `${release}-wildcard-tls`;
    tls = { mode: 'secret', secretName, selfSigned: { caSecretName: `${secretName}-ca`, chainSecretName: `${secretName}-chain` } };
  } else if (t && 'secretName' in t) tls = { mode: 'secret', secretName: t.secretName! }; else if (t && 'certificateArn' in t) {
    tls = { mode: 'acm', certificateArns: typeof t.certificateArn === 'string' ? [t.certificateArn] : [...t.certificateArn] };
  } else if (provider === 'gateway-api') tls = { mode: 'gateway' };

  if (provider === 'alb' && (tls?.mode === 'secret' || tls?.mode === 'issuer')) {
    fail('ingress.tls', t, '{ certificateArn } or false with provider alb: an ALB cannot use Kubernetes TLS Secrets (nor cert-manager\'s)',
      'request or import the certificate in AWS Certificate Manager and set ingress.tls: { certificateArn: "arn:aws:acm:..." }');
  }
  if (tls?.mode === 'acm' && provider !== 'alb') {
    fail('ingress.tls.certificateArn', t && 'certificateArn' in t ? t.certificateArn : undefined, "only with ingress.provider 'alb' (ACM certificates live on the AWS load balancer)",
      "set ingress.provider: 'alb', or give ingress.tls a Secret or an issuer");
  }
  // Hosts a component exposes on its own while the platform-wide switch is off (the chart's per-component
  // `ingress.enabled`, which overrides `global.ingress.enabled`); each needs TLS unless it names its own Secret.
  const exposed = ownIngresses(p).filter((o) => o?.enabled ?? enabled);
  const bareHosts = exposed.filter((o) => o?.tlsSecretName === undefined);
  if (!tls && (enabled || bareHosts.length > 0)) {
    const fix = provider === 'alb'
      ? 'give the ACM certificate of the GitLab hosts (ingress.tls: { certificateArn }), or write false for plain HTTP'
      : 'name the TLS Secret for the GitLab hosts (ingress.tls.secretName), a cert-manager issuer, an ACME e-mail, or write false for plain HTTP';
    fail('ingress.tls', undefined, provider === 'alb' ? '{ certificateArn } or false' : '{ secretName } or { issuer: { name } } or { acme: { email } } or false', fix);
  }

  return {
    enabled,
    anyHost: exposed.length > 0,
    className,
    ...(ing.defaultClass ? { defaultClass: true } : {}),
    tls: tls ?? { mode: 'none' },
    annotations: ing.annotations ?? {},
    nginx: provider === 'nginx' && (ing.nginxAnnotations ?? className.includes('nginx')),
    provider,
    alb,
    gatewayApi,
    acmeIssuer,
  };
}

/** The components' own Ingress settings (the components with an HTTP host). */
function ownIngresses(p: GitLabPlatformProps): ({ readonly enabled?: boolean; readonly tlsSecretName?: string } | undefined)[] {
  const c = p.components ?? {};
  return WEB_HOSTS.map((h) => c[WEB_HOST_COMPONENTS[h].key]?.ingress);
}
