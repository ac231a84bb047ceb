import type { ComponentsConfig } from './types-components';

/** How the platform is reached: hosts, Ingress providers and TLS, SSH exposure, NetworkPolicies. */

export interface HostOverride {
  /** Fully qualified host name. @default `<component>.<domain>` */
  readonly name?: string;
  /** Use https/wss for this host's external URL. @default `hosts.https` */
  readonly https?: boolean;
}

export interface HostsConfig {
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
  readonly issuer: { readonly name: string; readonly kind?: 'Issuer' | 'ClusterIssuer' };
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
export type IngressProvider = 'nginx' | 'alb' | 'gateway-api';

/** Settings of `provider: 'alb'` (AWS Load Balancer Controller). */
export interface AlbOptions {
  /** @default internet-facing */
  readonly scheme?: 'internet-facing' | 'internal';
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
  readonly listeners?: { readonly gitlab?: string; readonly registry?: string; readonly kas?: string; readonly pages?: string };
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
   * TLS: a Secret, a cert-manager issuer, an ACME issuer the platform creates, ACM certificates (ALB only), or
   * `false` for plain HTTP at the Ingress (with `hosts.https` true, the default, GitLab's URLs stay https: TLS is
   * then terminated in front of the Ingress, by a load balancer or proxy; set `hosts.https: false` for plain HTTP). With `gateway-api` it may be left out: your Gateway's
   * listeners hold the certificates.
   * @default none: required, except with `gateway-api`
   */
  readonly tls?: IngressTlsFromSecret | IngressTlsFromIssuer | IngressTlsFromAcme | IngressTlsFromAcm | false;
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
 * SSH from outside the cluster (no Ingress carries SSH):
 * - `aws-nlb`: a LoadBalancer Service the AWS Load Balancer Controller provisions as an NLB with IP targets
 *   (give `hosts.ssh.name` its own DNS name: the NLB is not the ALB or ingress controller of the web hosts);
 * - `tcp-route`: a Gateway API TCPRoute on a TCP listener of a Gateway (`gateway`, default `ingress.gatewayApi.gateway`).
 */
export type SshExposure =
  | { readonly via: 'aws-nlb'; /** @default internet-facing */ readonly scheme?: 'internet-facing' | 'internal' }
  | {
    readonly via: 'tcp-route';
    /** @default `ingress.gatewayApi.gateway` */
    readonly gateway?: GatewayRef;
    /** The Gateway's TCP listener (parentRef `sectionName`). @default none: every listener that accepts the route */
    readonly listener?: string;
  };

/** Traffic from or to outside the platform's pods: pods of a namespace, or an address range. */
export type NetworkPeer =
  | {
    /** Namespace name (matched by its `kubernetes.io/metadata.name` label). */
    readonly namespace: string;
    /** Only the pods with these labels. @default every pod of the namespace */
    readonly podLabels?: Readonly<Record<string, string>>;
  }
  | {
    /** IPv4 or IPv6 CIDR, e.g. `10.0.0.0/16`. */
    readonly cidr: string;
    /** CIDRs inside `cidr` to leave out. @default none */
    readonly except?: readonly string[];
  };

/** The platform's components, as network policies name them. */
export type NetworkComponent = keyof ComponentsConfig;

/** Extra outgoing traffic some components need (webhooks on other ports, SMTP, repository mirroring...). */
export interface NetworkEgressRule {
  readonly components: readonly NetworkComponent[];
  readonly to: readonly NetworkPeer[];
  /** TCP ports. */
  readonly ports: readonly number[];
}

/** Who may talk to the platform's pods, and where they may connect. Peers default to what the platform's settings imply. */
export interface NetworkPoliciesConfig {
  /**
   * Who reaches the web hosts' backends (webservice 8181, registry 5000, kas 8150/8154).
   * @default `nginx`: every pod of namespace `ingress-nginx`; `alb`: any address (the ALB's, in the VPC; narrow it
   * to the VPC CIDR); `gateway-api`: the Gateway's namespace; nobody when `ingress.enabled` is false
   */
  readonly ingressFrom?: readonly NetworkPeer[];
  /**
   * Who reaches SSH (gitlab-shell 2222). @default any address with a LoadBalancer/NodePort Service or an NLB; the
   * Gateway's namespace with a TCPRoute; else `ingressFrom` (an ingress controller proxying TCP)
   */
  readonly sshFrom?: readonly NetworkPeer[];
  /** Who scrapes the metrics ports (Prometheus). `[]` for nobody. @default every pod of namespace `monitoring` */
  readonly metricsFrom?: readonly NetworkPeer[];
  /**
   * The cluster DNS (UDP and TCP 53); with NodeLocal DNSCache add its address (e.g. `{ cidr: '169.254.20.10/32' }`).
   * @default pods `k8s-app: kube-dns` of namespace `kube-system`
   */
  readonly dns?: readonly NetworkPeer[];
  /** Where PostgreSQL is (the ports come from `postgres`). @default any address */
  readonly postgres?: { readonly cidrs?: readonly string[] };
  /** Where Redis is (the port comes from `redis`). @default any address */
  readonly redis?: { readonly cidrs?: readonly string[] };
  /** Where object storage (and AWS STS for IAM roles) is. @default any address, port 443 */
  readonly objectStorage?: { readonly cidrs?: readonly string[]; readonly ports?: readonly number[] };
  /** Extra egress per component. @default none */
  readonly extraEgress?: readonly NetworkEgressRule[];
  /**
   * The cluster network's address ranges (the VPC's CIDRs). Known ranges replace "any address" as the default
   * destination of PostgreSQL and Redis, and as the default source of an ALB (whose nodes live in the VPC).
   * The Pulumi stack sets them from the VPC it looks up. @default none (those defaults stay any address)
   */
  readonly vpcCidrs?: readonly string[];
  /** Namespace of the NGINX ingress controller (the default `ingressFrom` with `provider: nginx`). @default ingress-nginx */
  readonly ingressNamespace?: string;
  /**
   * Opt-in outbound traffic GitLab features need, with the ports and ranges you choose (never the cloud
   * metadata endpoint, unless your ranges name it). @default none
   */
  readonly outbound?: NetworkOutboundPresets;
}

/** Where a preset may connect: TCP ports and address ranges. */
export interface NetworkOutboundRule {
  /** TCP ports. @default see each preset */
  readonly ports?: readonly number[];
  /** Destination ranges. @default any address except the cloud metadata endpoint (169.254.169.254, fd00:ec2::254) */
  readonly cidrs?: readonly string[];
}

/** Outbound presets per GitLab feature; `true` takes the preset's defaults. */
export interface NetworkOutboundPresets {
  /**
   * Repository mirroring (pull and push) and import by URL: Gitaly fetches and pushes Git over HTTPS and SSH,
   * Sidekiq downloads the LFS objects. Without it, mirroring fails with a connection timeout.
   * @default off; `true`: TCP 443 and 22 to any address
   */
  readonly repositoryMirroring?: true | NetworkOutboundRule;
  /**
   * Webhooks, integrations (Slack, Jira, ...) and importers' API calls: Sidekiq sends them, webservice sends
   * test hooks. @default off; `true`: TCP 443 and 80 to any address
   */
  readonly webhooks?: true | NetworkOutboundRule;
}
