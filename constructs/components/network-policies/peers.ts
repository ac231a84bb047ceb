import { k8s } from 'cdk8s-plus-27';
import { ResolvedConfig, ResolvedNetworkPeer } from '../../config/resolved';
import { componentLabels } from '../../lib/labels';
import { Inbound, MEMBERS, MemberName, Outbound } from './flows';

/** The label every namespace carries with its own name (set by the API server). */
const NAMESPACE_NAME = 'kubernetes.io/metadata.name';
const ANY_ADDRESS = ['0.0.0.0/0', '::/0'];

/** A component's pods in the platform's namespace, by its selector labels (`app` + `release`). */
export const memberPeer = (config: ResolvedConfig, member: MemberName): k8s.NetworkPolicyPeer =>
  ({ podSelector: { matchLabels: componentLabels(config, MEMBERS[member].app).selector } });

/** A configured outside peer: pods of a namespace (and labels), or an address range. */
export function outsidePeer(peer: ResolvedNetworkPeer): k8s.NetworkPolicyPeer {
  if ('cidr' in peer) return { ipBlock: { cidr: peer.cidr, ...(peer.except?.length ? { except: [...peer.except] } : {}) } };
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: peer.namespace } },
    ...(peer.podLabels && Object.keys(peer.podLabels).length ? { podSelector: { matchLabels: { ...peer.podLabels } } } : {}),
  };
}

const cidrs = (list: readonly string[]): k8s.NetworkPolicyPeer[] => list.map((cidr) => ({ ipBlock: { cidr } }));

/** The peers behind an outside source or destination of the flow table. */
export function outsidePeers(config: ResolvedConfig, outside: Inbound | Outbound): k8s.NetworkPolicyPeer[] {
  const np = config.networkPolicies!;
  switch (outside) {
    case 'ingress': return np.ingressFrom.map(outsidePeer);
    case 'ssh': return np.sshFrom.map(outsidePeer);
    case 'metrics': return np.metricsFrom.map(outsidePeer);
    case 'dns': return np.dns.map(outsidePeer);
    case 'postgres': return cidrs(np.postgresCidrs);
    case 'redis': return cidrs(np.redisCidrs);
    case 'objectStorage': return cidrs(np.objectStorage.cidrs);
    case 'anywhere': return cidrs(ANY_ADDRESS);
    // The API server's address depends on the cluster: any address, on the API ports only.
    case 'kubernetesApi': return cidrs(ANY_ADDRESS);
    case 'cnpgOperator': return [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME]: config.inClusterServices?.postgres?.operatorNamespace ?? 'cnpg-system' } } }];
  }
}
