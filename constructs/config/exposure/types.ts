import type { INGRESS_PROVIDERS, ISSUER_KINDS, LOAD_BALANCER_SCHEMES, WebHost } from './names';

/**
 * How the platform's HTTP hosts are reached, as a user writes it: `hosts`, `ingress` (providers, TLS variants, ALB,
 * Gateway API) and a component's own Ingress options. SSH exposure is in `../ssh/`, NetworkPolicies in
 * `../network-policies/`.
 */

export interface HostOverride {
  /** Fully qualified host name. @default `<component>.<domain>` */
  readonly name?: string;
  /** Use https/wss for this host's external URL. @default `hosts.https` */
  readonly https?: boolean;
}

/** The platform's hosts; one override per web host of `names.ts`. */
export interface HostsConfig extends Partial<Record<WebHost, HostOverride>> {
  /** Base domain; hosts default to `gitlab.<domain>`, `registry.<domain>`, `kas.<domain>`, `pages.<domain>`. */
  readonly domain: string;
  /** External URLs use https/wss. @default true */
  readonly https?: boolean;
  /** @default `gitlab.<domain>` */
  readonly gitlab?: HostOverride;
  /** @default `registry.<domain>` */
  readonly registry?: HostOverride;
  /** @default `kas.<domain>` */
  readonly kas?: HostOverride;
  /** @default `pages.<domain>` */
  readonly pages?: HostOverride;
  /** SSH clone host and port shown to users. @default the gitlab host, port 22 */
  readonly ssh?: { readonly name?: string; readonly port?: number };
}

export interface IngressTlsFromSecret {
  /** A kubernetes.io/tls Secret covering every host (wildcard or SAN). */
  readonly secretName: string;
}

export interface IngressTlsFromIssuer {
  /**
   * cert-manager issuer; each host then gets its own `<release>-<component>-tls` Secret (`<release>-gitlab-tls`,
   * `<release>-registry-tls`, `<release>-kas-tls`): through the Ingress annotation, or with `gateway-api` through a
   * `Certificate` per host that your Gateway's HTTPS listeners reference.
   * @default kind `Issuer`
   */
  readonly issuer: { readonly name: string; readonly kind?: typeof ISSUER_KINDS[number] };
  /**
   * One Secret the issuer writes a single certificate into, covering every exposed host (the chart's
   * `global.ingress.tls.secretName` with `configureCertmanager`): the platform requests it with one `Certificate`.
   * @default a Secret per host, `<release>-<host>-tls`
   */
  readonly secretName?: string;
}

/** An ACME `Issuer` the platform creates (`<release>-issuer`, the chart's `certmanager-issuer`), used as `issuer` is. */
export interface IngressTlsFromAcme {
  readonly acme: {
    /** Contact e-mail of the ACME account (the chart's `certmanager-issuer.email`). */
    readonly email: string;
    /** ACME directory URL. @default https://acme-v02.api.letsencrypt.org/directory (Let's Encrypt production) */
    readonly server?: string;
  };
  /**
   * One Secret the issuer writes a single certificate into, covering every exposed host (the chart's
   * `global.ingress.tls.secretName` with `configureCertmanager`): the platform requests it with one `Certificate`.
   * @default a Secret per host, `<release>-<host>-tls`
   */
  readonly secretName?: string;
}

/**
 * A self-signed certificate, for a trial without cert-manager or a certificate of your own (what the chart does
 * when `configureCertmanager` is off and no Secret is named). `gitlab-iac secrets` generates a private CA and a
 * certificate signed by it for `<domain>`, `*.<domain>` and every host name; every Ingress serves it and every pod
 * trusts the CA (as with `customCAs`). Browsers, Git and container clients do not: import the CA where they run, or
 * use an issuer or a certificate of your own for anything beyond a trial.
 */
export interface IngressTlsSelfSigned {
  readonly selfSigned: true;
  /**
   * The kubernetes.io/tls Secret the Ingresses serve; the CA is in `<secretName>-ca` (key `cfssl_ca`) and the CA
   * followed by the certificate in `<secretName>-chain` (key `<gitlab host>.crt`), as the chart names them.
   * @default `<release>-wildcard-tls`
   */
  readonly secretName?: string;
}

/** Certificates in AWS Certificate Manager, for `provider: 'alb'` (an ALB cannot read Kubernetes TLS Secrets). */
export interface IngressTlsFromAcm {
  /** ACM (or IAM server) certificate ARN(s) covering every host; the first is the HTTPS listener's default. */
  readonly certificateArn: string | readonly string[];
}

/**
 * What exposes the HTTP hosts (GitLab, registry, kas):
 * - `nginx`: a networking.k8s.io/v1 Ingress for the class `className` (any Ingress controller; the chart's NGINX
 *   annotations are added when the class is an NGINX one);
 * - `alb`: an Ingress for the AWS Load Balancer Controller (`alb.ingress.kubernetes.io/*`: IP targets, one shared
 *   ALB through an IngressGroup, HTTPS with ACM certificates, a health check per backend);
 * - `gateway-api`: Gateway API HTTPRoutes attached to your Gateway (`gatewayApi.gateway`).
 */
export type IngressProvider = typeof INGRESS_PROVIDERS[number];

/** Settings of `provider: 'alb'` (AWS Load Balancer Controller). */
export interface AlbOptions {
  /** @default internet-facing */
  readonly scheme?: typeof LOAD_BALANCER_SCHEMES[number];
  /** IngressGroup every host's Ingress joins, so that all hosts share one ALB. @default `<namespace>-<release>` */
  readonly groupName?: string;
  /**
   * Seconds an idle connection stays open: agent websockets to kas are long-lived. Set on every Ingress of the
   * group (the controller wants one value per ALB). @default 4000 (the chart's ALB example)
   */
  readonly idleTimeoutSeconds?: number;
  /** TLS policy of the HTTPS listener, e.g. `ELBSecurityPolicy-TLS13-1-2-2021-06`. @default the controller's default */
  readonly sslPolicy?: string;
}

/** A Gateway (Gateway API) that routes attach to. */
export interface GatewayRef {
  readonly name: string;
  /** @default the platform's namespace */
  readonly namespace?: string;
}

/** Settings of `provider: 'gateway-api'`. */
export interface GatewayApiOptions {
  /**
   * Your Gateway; its listeners must allow routes from the platform's namespace (`allowedRoutes`), and its HTTPS
   * listeners terminate TLS (with the Secrets of `ingress.tls`, when given).
   */
  readonly gateway: GatewayRef;
  /** Listener (parentRef `sectionName`) per host. @default none: every listener of the Gateway whose hostname matches */
  readonly listeners?: Readonly<Partial<Record<WebHost, string>>>;
}

export interface IngressConfig {
  /**
   * Expose the HTTP hosts (Ingresses, or HTTPRoutes with `gateway-api`). While false, a component's own
   * `components.<name>.ingress.enabled: true` still exposes that host with these settings (as the chart's
   * per-component `ingress.enabled` overrides `global.ingress.enabled`). @default true
   */
  readonly enabled?: boolean;
  /** What exposes the hosts. @default nginx */
  readonly provider?: IngressProvider;
  /** IngressClass name (`nginx` and `alb` providers). @default nginx, or alb with provider alb */
  readonly className?: string;
  /**
   * Leave `spec.ingressClassName` out of the Ingresses, so that the cluster's default IngressClass takes them (the
   * chart's `global.ingress.class: none`); `className` then only decides whether the NGINX annotations apply.
   * @default false
   */
  readonly defaultClass?: boolean;
  /**
   * TLS: a Secret, a cert-manager issuer, an ACME issuer the platform creates, a self-signed certificate (a trial
   * without certificates: `{ selfSigned: true }`), ACM certificates (ALB only), or
   * `false` for plain HTTP at the Ingress (with `hosts.https` true, the default, GitLab's URLs stay https: TLS is
   * then terminated in front of the Ingress, by a load balancer or proxy; set `hosts.https: false` for plain HTTP). With `gateway-api` it may be left out: your Gateway's
   * listeners hold the certificates.
   * @default none: required, except with `gateway-api`
   */
  readonly tls?: IngressTlsFromSecret | IngressTlsFromIssuer | IngressTlsFromAcme | IngressTlsSelfSigned | IngressTlsFromAcm | false;
  /** Extra annotations on every Ingress (or HTTPRoute). @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Add the NGINX ingress annotations the chart uses (body size, timeouts); `nginx` provider only. @default true when className contains "nginx" */
  readonly nginxAnnotations?: boolean;
  /** ALB settings; `alb` provider only. @default see AlbOptions */
  readonly alb?: AlbOptions;
  /** Gateway API settings; required with the `gateway-api` provider. @default none (required with `gateway-api`) */
  readonly gatewayApi?: GatewayApiOptions;
}

/**
 * A component's own Ingress settings (the chart's `<component>.ingress`), over the platform-wide `ingress`.
 * With the Gateway API they apply to the component's HTTPRoute (annotations) and Certificate (TLS Secret).
 */
export interface ComponentIngressOptions {
  /** Expose this component's host. @default `ingress.enabled` */
  readonly enabled?: boolean;
  /** Extra annotations on this component's Ingress, over `ingress.annotations`. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * kubernetes.io/tls Secret of this host, instead of the platform-wide `ingress.tls` Secret (with a cert-manager
   * issuer: the Secret cert-manager writes). Not with ACM certificates (`alb`). @default from `ingress.tls`
   */
  readonly tlsSecretName?: string;
  /**
   * `false`: this host's Ingress (or route) carries no TLS: no certificate Secret and no cert-manager request, for a
   * host whose TLS ends in front of the controller (the chart's per-component `ingress.tls.enabled: false`).
   * @default TLS as `ingress.tls` says
   */
  readonly tls?: boolean;
  /** NGINX `proxy-body-size` (`"0"`: no limit). NGINX annotations only. @default the chart's (webservice 512m, registry 0) */
  readonly proxyBodySize?: string;
  /** NGINX `proxy-read-timeout` in seconds. NGINX annotations only. @default the chart's (webservice 600, registry 900) */
  readonly proxyReadTimeout?: number;
  /** NGINX `proxy-connect-timeout` in seconds. NGINX annotations only. @default the chart's (webservice 15) */
  readonly proxyConnectTimeout?: number;
}
