import {
  IngressTls, ResolvedConfig, ResolvedGatewayRef, ResolvedGitLabShell, ResolvedNetworkPeer, ResolvedNetworkPolicies,
  ResolvedSshExposure,
} from './resolved';
import { GatewayRef, GitLabPlatformProps, GitLabShellOptions } from './types';
import type { NetworkPoliciesConfig } from './types-exposure';

/** Records one problem (path, bad value, what is allowed, fix). */
export type Fail = (path: string, value: unknown, allowed: string, fix: string) => void;

type ResolvedIngress = ResolvedConfig['ingress'];

/** Let's Encrypt production, the chart's `certmanager-issuer.server`. */
export const LETS_ENCRYPT = 'https://acme-v02.api.letsencrypt.org/directory';
/** Any IPv4 or IPv6 address. */
const ANY_ADDRESS = ['0.0.0.0/0', '::/0'];

const gatewayRef = (g: GatewayRef, namespace: string): ResolvedGatewayRef => ({ name: g.name, namespace: g.namespace ?? namespace });

/**
 * `ingress`: the provider, its settings, and TLS. Cross-setting rules: settings of another provider are errors;
 * an ALB takes only ACM certificates (it cannot read Kubernetes TLS Secrets, so neither a Secret nor cert-manager
 * helps it), ACM certificates only fit an ALB; `gateway-api` needs the user's Gateway. `ingress.tls: false` with https
 * URLs (`_https`) is TLS terminated in front of the Ingress (a load balancer, a proxy), as the chart allows it.
 */
export function resolveIngress(p: GitLabPlatformProps, release: string, namespace: string, _https: boolean, fail: Fail): ResolvedIngress {
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
      gatewayApi = { gateway: gatewayRef(ing.gatewayApi.gateway, namespace), listeners: ing.gatewayApi.listeners ?? {} };
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
  } else if (t && 'secretName' in t) tls = { mode: 'secret', secretName: t.secretName }; else if (t && 'certificateArn' in t) {
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
  return [c.webservice?.ingress, c.registry?.ingress, c.kas?.ingress, c.gitlabPages?.ingress];
}

/** `components.gitlabShell`: Service type, exposure and source ranges. */
export function resolveSshExposure(sh: GitLabShellOptions | undefined, ingress: ResolvedIngress, namespace: string, fail: Fail):
  Pick<ResolvedGitLabShell, 'serviceType' | 'expose' | 'loadBalancerSourceRanges' | 'loadBalancerIP' | 'externalTrafficPolicy'> {
  const base = 'components.gitlabShell';
  const e = sh?.expose;
  let serviceType = sh?.serviceType ?? 'ClusterIP';
  let expose: ResolvedSshExposure = { via: 'service' };
  const typeMustBe = (wanted: string) => {
    if (sh?.serviceType !== undefined && sh.serviceType !== wanted) {
      fail(`${base}.serviceType`, sh.serviceType, `${wanted} (or nothing) with expose.via ${e!.via}`, `remove ${base}.serviceType`);
    }
  };
  if (e?.via === 'aws-nlb') {
    typeMustBe('LoadBalancer');
    serviceType = 'LoadBalancer';
    expose = { via: 'aws-nlb', scheme: e.scheme ?? 'internet-facing' };
  } else if (e?.via === 'tcp-route') {
    typeMustBe('ClusterIP');
    const gateway = e.gateway ? gatewayRef(e.gateway, namespace) : ingress.gatewayApi?.gateway;
    if (gateway) expose = { via: 'tcp-route', gateway, listener: e.listener };
    else {
      fail(`${base}.expose.gateway`, undefined, 'a Gateway with a TCP listener (ingress.provider is not gateway-api, so there is no default)',
        'name it: expose: { via: "tcp-route", gateway: { name, namespace }, listener: "ssh" }');
    }
  }
  const ranges = sh?.loadBalancerSourceRanges;
  if (ranges !== undefined && serviceType !== 'LoadBalancer') {
    fail(`${base}.loadBalancerSourceRanges`, ranges, 'only with a LoadBalancer Service (serviceType: LoadBalancer, or expose via aws-nlb)',
      'remove the setting, or expose SSH through a load balancer');
  }
  if (sh?.loadBalancerIP !== undefined && serviceType !== 'LoadBalancer') {
    fail(`${base}.loadBalancerIP`, sh.loadBalancerIP, 'only with a LoadBalancer Service (serviceType: LoadBalancer, or expose via aws-nlb)',
      'remove the setting, or expose SSH through a load balancer');
  }
  if (sh?.externalTrafficPolicy !== undefined && serviceType === 'ClusterIP') {
    fail(`${base}.externalTrafficPolicy`, sh.externalTrafficPolicy, 'only with a NodePort or LoadBalancer Service',
      'remove the setting, or set serviceType: LoadBalancer');
  }
  return {
    serviceType, expose, loadBalancerSourceRanges: ranges ?? [],
    ...(sh?.loadBalancerIP !== undefined ? { loadBalancerIP: sh.loadBalancerIP } : {}),
    ...(sh?.externalTrafficPolicy !== undefined ? { externalTrafficPolicy: sh.externalTrafficPolicy } : {}),
  };
}

/** Any address but the cloud metadata endpoint (node credentials). */
const ANY_BUT_METADATA: readonly ResolvedNetworkPeer[] = [
  { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] },
  { cidr: '::/0', except: ['fd00:ec2::254/128'] },
];

/** The outbound presets as extra egress rows: which components connect, where, on which ports. */
const OUTBOUND_PRESETS = {
  repositoryMirroring: { components: ['gitaly', 'sidekiq'], ports: [443, 22] },
  webhooks: { components: ['sidekiq', 'webservice'], ports: [443, 80] },
} as const;

function outboundEgress(outbound: NetworkPoliciesConfig['outbound']): ResolvedNetworkPolicies['extraEgress'] {
  return (Object.keys(OUTBOUND_PRESETS) as (keyof typeof OUTBOUND_PRESETS)[]).flatMap((name) => {
    const chosen = outbound?.[name];
    if (!chosen) return [];
    const rule = chosen === true ? {} : chosen;
    return [{
      components: [...OUTBOUND_PRESETS[name].components],
      to: rule.cidrs ? rule.cidrs.map((cidr) => ({ cidr })) : ANY_BUT_METADATA,
      ports: [...(rule.ports ?? OUTBOUND_PRESETS[name].ports)],
    }];
  });
}

/**
 * `networkPolicies`, with the peers the other settings imply: who reaches the web backends depends on the ingress
 * provider, who reaches SSH on how it is exposed. `undefined` when turned off.
 */
export function resolveNetworkPolicies(p: GitLabPlatformProps, ingress: ResolvedIngress,
  shell: Pick<ResolvedGitLabShell, 'serviceType' | 'expose'> | undefined): ResolvedNetworkPolicies | undefined {
  if (p.networkPolicies === false) return undefined;
  const o = p.networkPolicies ?? {};
  const anyAddress: ResolvedNetworkPeer[] = ANY_ADDRESS.map((cidr) => ({ cidr }));
  // Known network ranges narrow the defaults that would otherwise be any address.
  const vpc = o.vpcCidrs;
  const webDefault: ResolvedNetworkPeer[] = !ingress.anyHost ? []
    : ingress.provider === 'alb' ? (vpc ? vpc.map((cidr) => ({ cidr })) : anyAddress)
      : ingress.provider === 'gateway-api' ? (ingress.gatewayApi ? [{ namespace: ingress.gatewayApi.gateway.namespace }] : [])
        : [{ namespace: o.ingressNamespace ?? 'ingress-nginx' }];
  const ingressFrom = o.ingressFrom ?? webDefault;
  const sshDefault: readonly ResolvedNetworkPeer[] = !shell ? []
    : shell.expose.via === 'tcp-route' ? [{ namespace: shell.expose.gateway.namespace }]
      : shell.serviceType !== 'ClusterIP' ? anyAddress
        : ingress.provider === 'nginx' ? ingressFrom : [];
  return {
    ingressFrom,
    sshFrom: o.sshFrom ?? sshDefault,
    metricsFrom: o.metricsFrom ?? [{ namespace: 'monitoring' }],
    dns: o.dns ?? [{ namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } }],
    postgresCidrs: o.postgres?.cidrs ?? vpc ?? ANY_ADDRESS,
    redisCidrs: o.redis?.cidrs ?? vpc ?? ANY_ADDRESS,
    objectStorage: { cidrs: o.objectStorage?.cidrs ?? ANY_ADDRESS, ports: o.objectStorage?.ports ?? [443] },
    extraEgress: [...(o.extraEgress ?? []), ...outboundEgress(o.outbound)],
  };
}
