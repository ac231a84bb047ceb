import type { ServiceExposure, ServiceType } from './types';
import type { Fail } from '../errors';

/** A component's Service as the components build it (`resolveServiceExposure`). */
export interface ResolvedServiceExposure {
  readonly type: ServiceType;
  readonly annotations: Readonly<Record<string, string>>;
  readonly loadBalancerIP?: string;
  readonly loadBalancerSourceRanges: readonly string[];
  /** Set exactly for NodePort and LoadBalancer Services. */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  readonly nodePort?: number;
}

/**
 * `components.<name>.service`: the load-balancer settings need a LoadBalancer Service, the node port and traffic
 * policy a Service reachable from outside (they would be ignored, or refused by the API server, elsewhere).
 * `undefined` when left out: the component's ClusterIP Service as before.
 */
export function resolveServiceExposure(path: string, o: ServiceExposure | undefined, fail: Fail): ResolvedServiceExposure | undefined {
  if (!o) return undefined;
  const type = o.type ?? 'ClusterIP';
  const only = (key: keyof ServiceExposure, types: readonly ServiceType[]) => {
    if (o[key] !== undefined && !types.includes(type)) {
      fail(`${path}.${key}`, o[key], `nothing unless ${path}.type is ${types.join(' or ')} (it is ${type})`, `remove the setting, or set ${path}.type: ${types[types.length - 1]}`);
    }
  };
  only('loadBalancerIP', ['LoadBalancer']);
  only('loadBalancerSourceRanges', ['LoadBalancer']);
  only('externalTrafficPolicy', ['NodePort', 'LoadBalancer']);
  only('nodePort', ['NodePort', 'LoadBalancer']);
  const outside = type !== 'ClusterIP';
  return {
    type,
    annotations: o.annotations ?? {},
    ...(o.loadBalancerIP !== undefined ? { loadBalancerIP: o.loadBalancerIP } : {}),
    loadBalancerSourceRanges: o.loadBalancerSourceRanges ?? [],
    ...(outside ? { externalTrafficPolicy: o.externalTrafficPolicy ?? 'Cluster' } : {}),
    ...(o.nodePort !== undefined ? { nodePort: o.nodePort } : {}),
  };
}

/** Whether the component's Service is reachable from outside the cluster (its pods then admit any address). */
export const reachableFromOutside = (s: ResolvedServiceExposure | undefined): boolean => s !== undefined && s.type !== 'ClusterIP';
