import type { PropsBuilder } from '../../values/builder';
import { optionalComponentsOn } from '../../values/optional';
import { readNetworkPolicies } from '../network-policies/values';
import { readShellService, SHELL_VALUES } from '../ssh/values';
import { componentIngressOn } from './ingress-values';
import { WEB_HOST_COMPONENTS, WEB_HOSTS } from './names';

/**
 * The chart's exposure values beyond `global.ingress` (`ingress-values.ts`) as props: the provider, the ACME Issuer
 * and the Gateway API here; the SSH Service and the NetworkPolicy switches through `../ssh/values.ts` and
 * `../network-policies/values.ts`, in the order `readExposure` calls them.
 */

/**
 * How the platform is reached, in the chart's keys: `global.ingress.provider`, the chart's ACME Issuer
 * (`global.ingress.configureCertmanager` with `certmanager-issuer.email`), the Gateway API (`global.gatewayApi`
 * with the user's `gatewayRef`, and each route's `gatewayRoute.sectionName`), the SSH Service
 * (`gitlab.gitlab-shell.service`) and the per-component `networkpolicy` switches. Runs after the ingress and the
 * components are read.
 */
export function readExposure(b: PropsBuilder, release: string): void {
  readProvider(b);
  readAcmeIssuer(b, release);
  readGatewayApi(b, release);
  if (running(b, SHELL_VALUES.key)) readShellService(b);
  readNetworkPolicies(b, (key) => running(b, key));
  readControllerOnlyKeys(b);
}

/**
 * Keys the chart gives only to objects gitlab-iac leaves to the cluster: accepted, with a line saying what to set
 * on your own controller instead (never refused: they change nothing gitlab-iac produces).
 */
function readControllerOnlyKeys(b: PropsBuilder): void {
  const v = b.values;
  v.noEffect('global.shell.tcp.proxyProtocol', 'nothing in gitlab-iac: the chart gives it to the TCP services map of its bundled NGINX controller '
    + '(`"<port>": "<namespace>/<release>-gitlab-shell:<port>:PROXY"`, so that the controller decodes the PROXY header of the load balancer in front of it); '
    + 'gitlab-shell\'s own PROXY support is gitlab.gitlab-shell.config.proxyProtocol',
  'append :PROXY to the SSH entry of your ingress controller\'s tcp-services map (or enable PROXY protocol on the load balancer in front of the SSH Service), and remove the key');
  v.noEffect('global.hosts.externalIP', 'nothing in gitlab-iac: the chart gives this address to the LoadBalancer Service of its bundled NGINX controller '
    + '(or, with global.gatewayApi and the controller off, to the Gateway it creates); gitlab-iac creates neither',
  'give the address to your ingress controller\'s LoadBalancer Service (spec.loadBalancerIP, or your cloud\'s annotation), or to a component Service (components.<name>.service.loadBalancerIP), and remove the key');
}

/** Whether a component runs with these values (off components had their keys reported already). */
function running(b: PropsBuilder, key: string): boolean {
  if (key === 'gitlabPages' || key === 'mailroom') return optionalComponentsOn(b).includes(key);
  return b.get(`components.${key}.enabled`) !== false;
}

/**
 * `global.ingress.provider`: the chart adds NGINX annotations exactly for `nginx` (its default), whatever the
 * IngressClass is called; any other provider drops them. (The ALB and Gateway API readers, later, replace this.)
 */
function readProvider(b: PropsBuilder): void {
  const provider = b.values.string('global.ingress.provider');
  if (b.get('ingress.enabled') === false && !componentIngressOn(b.values)) return;
  const nginx = provider === undefined || provider === 'nginx';
  if (!nginx || !String(b.get('ingress.className') ?? '').includes('nginx')) {
    b.set('ingress.nginxAnnotations', nginx, 'global.ingress.provider');
  }
}

/**
 * The chart's ACME Issuer `<release>-issuer`: with `certmanager-issuer.email` the platform creates it (the chart's
 * `certmanager-issuer` subchart, without its Job); without an e-mail the Ingresses name it and it must exist.
 */
function readAcmeIssuer(b: PropsBuilder, release: string): void {
  const email = b.values.string('certmanager-issuer.email');
  const server = b.values.string('certmanager-issuer.server');
  const issuer = b.get('ingress.tls.issuer') as { name?: string } | undefined;
  if (email === undefined || issuer?.name !== `${release}-issuer`) return;
  // The issuer's own Secret (global.ingress.tls.secretName with configureCertmanager) stays.
  const secretName = b.get('ingress.tls.secretName');
  b.set('ingress.tls', { acme: { email, ...(server ? { server } : {}) }, ...(secretName ? { secretName } : {}) }, 'certmanager-issuer.email');
}

/** `global.gatewayApi` keys that shape the chart's own Gateway, which gitlab-iac does not create. */
const OWN_GATEWAY = ['class', 'listeners', 'addresses', 'protocol', 'envoyProxySpec', 'envoyClientTrafficPolicySpec', 'envoySecurityPolicySpec'];

/**
 * `global.gatewayApi`: routes attached to the user's Gateway (`gatewayRef`) on the chart's listener names, instead
 * of Ingresses; SSH through a TCPRoute on `gitlab-ssh`. cert-manager (`configureCertmanager`) issues one
 * certificate per host: with the platform's own ACME Issuer when `certmanager-issuer.email` is set, else with the
 * chart's `<release>-gw-issuer`.
 */
function readGatewayApi(b: PropsBuilder, release: string): void {
  const v = b.values;
  const base = 'global.gatewayApi';
  const enabled = v.boolean(`${base}.enabled`) ?? false;
  if (!enabled) {
    v.noEffect(base, 'nothing while global.gatewayApi.enabled is false', 'remove the key, or turn the Gateway API on', [`${base}.enabled`, `${base}.installEnvoy`]);
    return;
  }
  for (const key of OWN_GATEWAY) {
    v.noEffect(`${base}.${key}`, 'nothing: it shapes the chart\'s own Gateway; gitlab-iac attaches routes to yours (gatewayRef)',
      'configure those listeners on your Gateway, and remove the key');
  }
  const name = v.string(`${base}.gatewayRef.name`);
  const namespace = v.string(`${base}.gatewayRef.namespace`);
  if (name === undefined) {
    v.problem(`${base}.gatewayRef.name`, undefined, 'the name of your Gateway (gitlab-iac does not create the chart\'s Gateway)',
      'set global.gatewayApi.gatewayRef.name (and .namespace) to a Gateway whose listeners accept routes from the release\'s namespace');
    return;
  }
  if (b.get('ingress.enabled') !== false) {
    v.problem('global.ingress.enabled', v.peek('global.ingress.enabled') ?? true, 'false while global.gatewayApi.enabled is true (gitlab-iac exposes the hosts one way)',
      'set global.ingress.enabled: false, as the chart\'s Gateway API example does');
    return;
  }
  b.set('ingress.enabled', true, `${base}.enabled`);
  b.set('ingress.provider', 'gateway-api', `${base}.enabled`);
  b.set('ingress.gatewayApi.gateway', { name, ...(namespace ? { namespace } : {}) }, `${base}.gatewayRef`);
  const listeners: Record<string, string> = {};
  for (const host of WEB_HOSTS) {
    const route = WEB_HOST_COMPONENTS[host];
    if (!running(b, route.key)) continue;
    listeners[host] = v.string(`${route.path}.gatewayRoute.sectionName`) ?? route.section;
    readRouteSwitch(b, route.path);
  }
  b.set('ingress.gatewayApi.listeners', listeners, base);

  if (v.boolean(`${base}.configureCertmanager`) === true) {
    const email = v.string('certmanager-issuer.email');
    const server = v.string('certmanager-issuer.server');
    b.set('ingress.tls', email ? { acme: { email, ...(server ? { server } : {}) } } : { issuer: { name: `${release}-gw-issuer`, kind: 'Issuer' } },
      `${base}.configureCertmanager`);
  }

  const type = v.peek(`${SHELL_VALUES.path}.service.type`);
  if (running(b, SHELL_VALUES.key) && (type === undefined || type === 'ClusterIP')) {
    b.set('components.gitlabShell.expose', { via: 'tcp-route', listener: v.string(`${SHELL_VALUES.path}.gatewayRoute.sectionName`) ?? SHELL_VALUES.section }, base);
    readRouteSwitch(b, SHELL_VALUES.path);
  }
}

/** A component's `gatewayRoute.enabled`: routes come with the Gateway API for every exposed component. */
function readRouteSwitch(b: PropsBuilder, path: string): void {
  if (b.values.boolean(`${path}.gatewayRoute.enabled`) === false) {
    b.values.problem(`${path}.gatewayRoute.enabled`, false, 'true or nothing (every exposed component gets its route)', 'remove the key');
  }
}
