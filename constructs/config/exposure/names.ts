import { COMPONENT_VALUES_PATHS } from '../components/names';

/**
 * The lists of names the exposure settings (hosts, `ingress`, per-component Ingress options) are built from, each
 * written once: the props types, the checks, the resolution and the values import derive from these arrays.
 */

/** What exposes the HTTP hosts (`ingress.provider`; see `IngressProvider`). */
export const INGRESS_PROVIDERS = ['nginx', 'alb', 'gateway-api'] as const;

/** The schemes of an AWS load balancer: the ALB of the web hosts and the NLB of SSH. */
export const LOAD_BALANCER_SCHEMES = ['internet-facing', 'internal'] as const;

/** The kinds of a cert-manager issuer. */
export const ISSUER_KINDS = ['Issuer', 'ClusterIssuer'] as const;

/** The HTTP hosts (`hosts.<name>`), each with its own Gateway listener (`ingress.gatewayApi.listeners.<name>`). */
export const WEB_HOSTS = ['gitlab', 'registry', 'kas', 'pages'] as const;
export type WebHost = typeof WEB_HOSTS[number];

/**
 * The component behind each HTTP host: its key under `components` (whose `ingress` overrides the platform-wide
 * one), where the chart keeps its values, and the chart's default Gateway listener of its route.
 */
export const WEB_HOST_COMPONENTS = {
  gitlab: { key: 'webservice', path: COMPONENT_VALUES_PATHS.webservice, section: 'gitlab-web' },
  registry: { key: 'registry', path: COMPONENT_VALUES_PATHS.registry, section: 'registry-web' },
  kas: { key: 'kas', path: COMPONENT_VALUES_PATHS.kas, section: 'kas-web' },
  pages: { key: 'gitlabPages', path: COMPONENT_VALUES_PATHS.gitlabPages, section: 'pages-web' },
} as const satisfies Readonly<Record<WebHost, { key: string; path: string; section: string }>>;

/** The NGINX annotation of each proxy knob of a component's Ingress (`components.<name>.ingress.<knob>`). */
export const NGINX_KNOBS = {
  proxyBodySize: 'nginx.ingress.kubernetes.io/proxy-body-size',
  proxyReadTimeout: 'nginx.ingress.kubernetes.io/proxy-read-timeout',
  proxyConnectTimeout: 'nginx.ingress.kubernetes.io/proxy-connect-timeout',
} as const;
