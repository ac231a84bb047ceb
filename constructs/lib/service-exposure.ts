import * as k8s from './k8s';
import type { ResolvedServiceExposure } from '../config/service/resolve';

/**
 * The spec fields of a component's Service that `components.<name>.service` decides: its type, the node port of
 * the main traffic port (`mainPort`, by port name), and the load balancer's settings. A ClusterIP Service when left out.
 */
export function exposedServiceSpec(s: ResolvedServiceExposure | undefined, ports: readonly k8s.ServicePort[], mainPort: string):
  Pick<k8s.ServiceSpec, 'type' | 'ports' | 'loadBalancerIp' | 'loadBalancerSourceRanges' | 'externalTrafficPolicy'> {
  if (!s) return { type: 'ClusterIP', ports: [...ports] };
  return {
    type: s.type,
    ports: ports.map((p) => (p.name === mainPort && s.nodePort !== undefined ? { ...p, nodePort: s.nodePort } : p)),
    ...(s.loadBalancerIP !== undefined ? { loadBalancerIp: s.loadBalancerIP } : {}),
    ...(s.loadBalancerSourceRanges.length ? { loadBalancerSourceRanges: [...s.loadBalancerSourceRanges] } : {}),
    ...(s.externalTrafficPolicy ? { externalTrafficPolicy: s.externalTrafficPolicy } : {}),
  };
}
