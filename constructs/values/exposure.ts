import { PropsBuilder } from './builder';
import { componentIngressOn } from './ingress';
import { optionalComponentsOn } from './optional';

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
  readShellService(b);
  readNetworkPolicies(b);
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

/** Components whose typed key and chart values differ in place, with the chart's default Gateway listener of each. */
const ROUTES = [
  { key: 'webservice', path: 'gitlab.webservice', listener: 'gitlab', section: 'gitlab-web' },
  { key: 'registry', path: 'registry', listener: 'registry', section: 'registry-web' },
  { key: 'kas', path: 'gitlab.kas', listener: 'kas', section: 'kas-web' },
  { key: 'gitlabPages', path: 'gitlab.gitlab-pages', listener: 'pages', section: 'pages-web' },
] as const;
const SHELL = { key: 'gitlabShell', path: 'gitlab.gitlab-shell', section: 'gitlab-ssh' } as const;
/** The components whose chart has a `networkpolicy` block. */
const WITH_NETWORK_POLICY = [
  ['webservice', 'gitlab.webservice'], ['sidekiq', 'gitlab.sidekiq'], ['kas', 'gitlab.kas'], ['gitlabShell', 'gitlab.gitlab-shell'],
  ['registry', 'registry'], ['gitlabPages', 'gitlab.gitlab-pages'], ['mailroom', 'gitlab.mailroom'],
] as const;

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
  for (const route of ROUTES) {
    if (!running(b, route.key)) continue;
    listeners[route.listener] = v.string(`${route.path}.gatewayRoute.sectionName`) ?? route.section;
    readRouteSwitch(b, route.path);
  }
  b.set('ingress.gatewayApi.listeners', listeners, base);

  if (v.boolean(`${base}.configureCertmanager`) === true) {
    const email = v.string('certmanager-issuer.email');
    const server = v.string('certmanager-issuer.server');
    b.set('ingress.tls', email ? { acme: { email, ...(server ? { server } : {}) } } : { issuer: { name: `${release}-gw-issuer`, kind: 'Issuer' } },
      `${base}.configureCertmanager`);
  }

  const type = v.peek(`${SHELL.path}.service.type`);
  if (running(b, SHELL.key) && (type === undefined || type === 'ClusterIP')) {
    b.set('components.gitlabShell.expose', { via: 'tcp-route', listener: v.string(`${SHELL.path}.gatewayRoute.sectionName`) ?? SHELL.section }, base);
    readRouteSwitch(b, SHELL.path);
  }
}

/** A component's `gatewayRoute.enabled`: routes come with the Gateway API for every exposed component. */
function readRouteSwitch(b: PropsBuilder, path: string): void {
  if (b.values.boolean(`${path}.gatewayRoute.enabled`) === false) {
    b.values.problem(`${path}.gatewayRoute.enabled`, false, 'true or nothing (every exposed component gets its route)', 'remove the key');
  }
}

/** The chart's fixed SSH Service settings: accepted at these values. */
const SHELL_SERVICE_FIXED: Readonly<Record<string, unknown>> = { name: 'gitlab-shell', internalPort: 2222 };

/** `gitlab.gitlab-shell.service`: type, annotations (e.g. an AWS NLB's) and the load balancer's source ranges. */
function readShellService(b: PropsBuilder): void {
  if (!running(b, SHELL.key)) return;
  const v = b.values;
  const base = `${SHELL.path}.service`;
  const to = 'components.gitlabShell';
  b.string(`${base}.type`, `${to}.serviceType`);
  b.raw(`${base}.annotations`, `${to}.serviceAnnotations`);
  b.raw(`${base}.loadBalancerSourceRanges`, `${to}.loadBalancerSourceRanges`);
  b.string(`${base}.loadBalancerIP`, `${to}.loadBalancerIP`);
  // The chart writes the traffic policy only into a NodePort or LoadBalancer Service.
  if ((b.get(`${to}.serviceType`) ?? 'ClusterIP') === 'ClusterIP') {
    v.noEffect(`${base}.externalTrafficPolicy`, `nothing while ${base}.type is ClusterIP (the chart ignores it)`, `remove the key, or set ${base}.type: LoadBalancer`);
  } else b.string(`${base}.externalTrafficPolicy`, `${to}.externalTrafficPolicy`);
  for (const [key, fixed] of Object.entries(SHELL_SERVICE_FIXED)) {
    const value = v.get(`${base}.${key}`);
    if (value !== undefined && value !== fixed) {
      v.problem(`${base}.${key}`, value, `${JSON.stringify(fixed)} (the chart's default; gitlab-iac keeps it fixed)`, 'remove the key');
    }
  }
}

/**
 * `<component>.networkpolicy`: gitlab-iac writes the policies itself, for every component, from the flows the
 * platform uses. `enabled: false` everywhere keeps the chart's behaviour (no policies); `true` turns them on for all;
 * hand-written rules are refused (the typed API takes extra peers and egress).
 */
function readNetworkPolicies(b: PropsBuilder): void {
  const v = b.values;
  const on: string[] = [];
  const off: string[] = [];
  for (const [key, path] of WITH_NETWORK_POLICY) {
    if (!running(b, key)) continue;
    const base = `${path}.networkpolicy`;
    const enabled = v.boolean(`${base}.enabled`);
    if (enabled === undefined) continue;
    (enabled ? on : off).push(`${base}.enabled`);
    if (!enabled) {
      v.noEffect(base, `nothing while ${base}.enabled is false`, 'remove the key', [`${base}.enabled`]);
      continue;
    }
    for (const direction of ['ingress', 'egress']) {
      v.boolean(`${base}.${direction}.enabled`);
      const rules = v.list(`${base}.${direction}.rules`);
      if (rules?.length) {
        v.problem(`${base}.${direction}.rules`, rules, 'nothing: gitlab-iac derives every rule from the flows the platform uses',
          'remove the rules; allow other peers or destinations through the typed API (networkPolicies.ingressFrom, metricsFrom, extraEgress)');
      }
    }
  }
  if (off.length && on.length) {
    v.problem(off[0], false, `true, like ${on[0]} (gitlab-iac's NetworkPolicies cover every component or none)`, 'set networkpolicy.enabled the same for every component');
  } else if (off.length) {
    b.set('networkPolicies', false, off[0]);
  }
}
