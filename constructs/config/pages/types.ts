import type { ComponentIngressOptions } from '../exposure/types';
import type { ServiceExposure, ServiceType } from '../service/types';
import type { WorkloadOptions } from '../workloads/types';
import type { PagesAuthScope } from './names';

/** GitLab Pages: what a user writes under `components.gitlabPages`. Re-exported by `../types.ts`. */

/** Custom domains: Pages serves users' own domains itself, behind a LoadBalancer (or NodePort) Service. */
export interface PagesCustomDomains {
  /** Serve custom domains over plain HTTP (Service port 80 → Pages 8090). @default true */
  readonly http?: boolean;
  /** Serve custom domains over HTTPS, Pages terminating TLS (Service port 443 → Pages 8091). @default true */
  readonly https?: boolean;
  /**
   * kubernetes.io/tls Secret for `pages.<domain>` and `*.pages.<domain>` that Pages serves itself (HTTPS only).
   * @default `ingress.tls.secretName`
   */
  readonly tlsSecret?: string;
  /**
   * The custom-domains Service's type; `ClusterIP` when a proxy of your own in the cluster forwards to it.
   * @default LoadBalancer
   */
  readonly serviceType?: ServiceType;
  /**
   * The HTTP listener expects requests from a reverse proxy (Pages' `listen-proxy`, trusting X-Forwarded-*) instead
   * of clients directly (`listen-http`). @default false
   */
  readonly httpProxy?: boolean;
  /** The HTTPS listener expects the PROXY protocol v2 (`listen-https-proxyv2`), from a load balancer that sends it. @default false */
  readonly proxyProtocolV2?: boolean;
  /** Annotations of the custom-domains Service (e.g. an AWS NLB). @default none */
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
  /** A fixed address for the LoadBalancer, where the cloud supports `loadBalancerIP` (not AWS: use annotations). @default none */
  readonly loadBalancerIP?: string;
}

/**
 * GitLab Pages: static sites built by CI, served at `<namespace>.pages.<domain>` (hosts.pages) from the `pages`
 * object-storage bucket through GitLab's API.
 */
export interface GitLabPagesOptions extends WorkloadOptions {
  /** @default false */
  readonly enabled?: boolean;
  /** Ingress settings of the Pages host (over the platform-wide `ingress`). @default `ingress`'s */
  readonly ingress?: ComponentIngressOptions;
  /** The Pages Service the Ingress routes to (main port: 8090; custom domains have their own, `customDomains`). @default ClusterIP */
  readonly service?: ServiceExposure;
  /**
   * Private sites: visitors sign in with GitLab (OAuth). Uses the shared Secrets `pagesOAuth` (the OAuth
   * application, registered by the migrations Job) and `pagesAuth` (the cookie key).
   * @default false
   */
  readonly accessControl?: boolean;
  /** OAuth redirect URI of the Pages application. @default `https://projects.<pages host>/auth` (`<pages host>/projects/auth` with namespaceInPath) */
  readonly authRedirectUri?: string;
  /** OAuth scope Pages asks for. @default api */
  readonly authScope?: PagesAuthScope;
  /** Sites at `<pages host>/<namespace>/` instead of `<namespace>.<pages host>` (no wildcard DNS or certificate). @default false */
  readonly namespaceInPath?: boolean;
  /** Let users browse job artifacts through Pages. @default true */
  readonly artifactsServer?: boolean;
  /** Users' own domains, served by Pages itself instead of through the Ingress. @default off */
  readonly customDomains?: PagesCustomDomains | false;
}
