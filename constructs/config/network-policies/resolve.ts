import type { ResolvedIngress } from '../exposure/resolve';
import type { ResolvedGitLabShell } from '../resolved';
import type { GitLabPlatformProps } from '../types';
import { OUTBOUND_PRESET_NAMES, OUTBOUND_PRESETS } from './names';
import type { NetworkPoliciesConfig } from './types';

/**
 * `networkPolicies` resolved: the user's peers and egress, else the ones the ingress provider, the SSH exposure and
 * the known VPC ranges imply. The NetworkPolicy objects are built in `components/network-policies/`.
 */

/** A NetworkPolicy peer outside the platform's pods. */
export type ResolvedNetworkPeer =
  | { readonly namespace: string; readonly podLabels?: Readonly<Record<string, string>> }
  | { readonly cidr: string; readonly except?: readonly string[] };

/** NetworkPolicy peers and ports, every default applied. */
export interface ResolvedNetworkPolicies {
  readonly ingressFrom: readonly ResolvedNetworkPeer[];
  readonly sshFrom: readonly ResolvedNetworkPeer[];
  readonly metricsFrom: readonly ResolvedNetworkPeer[];
  readonly dns: readonly ResolvedNetworkPeer[];
  readonly postgresCidrs: readonly string[];
  readonly redisCidrs: readonly string[];
  readonly objectStorage: { readonly cidrs: readonly string[]; readonly ports: readonly number[] };
  readonly extraEgress: readonly { readonly components: readonly string[]; readonly to: readonly ResolvedNetworkPeer[]; readonly ports: readonly number[] }[];
}

/** Any IPv4 or IPv6 address. */
const ANY_ADDRESS = ['0.0.0.0/0', '::/0'];

/** Any address but the cloud metadata endpoint (node credentials). */
const ANY_BUT_METADATA: readonly ResolvedNetworkPeer[] = [
  { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] },
  { cidr: '::/0', except: ['fd00:ec2::254/128'] },
];

/** The outbound presets chosen, as extra egress rows: which components connect, where, on which ports. */
function outboundEgress(outbound: NetworkPoliciesConfig['outbound']): ResolvedNetworkPolicies['extraEgress'] {
  return OUTBOUND_PRESET_NAMES.flatMap((name) => {
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
