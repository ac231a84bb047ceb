/** The Service types a component's Service may have (the chart's `service.type`). */
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;
export type ServiceType = typeof SERVICE_TYPES[number];

/** The external traffic policies of a NodePort or LoadBalancer Service. */
export const EXTERNAL_TRAFFIC_POLICIES = ['Cluster', 'Local'] as const;

/**
 * How a component's own Service is reached (the chart's `<component>.service.*`): inside the cluster only
 * (`ClusterIP`, the default), or also from outside through a node port or a cloud load balancer. A NodePort or
 * LoadBalancer Service opens the component's traffic ports to any address in its NetworkPolicy (the load balancer
 * or node, not the pod, enforces `loadBalancerSourceRanges`).
 */
export interface ServiceExposure {
  /** @default ClusterIP */
  readonly type?: ServiceType;
  /** Extra annotations on the Service (e.g. a cloud load balancer's). @default none */
  readonly annotations?: Readonly<Record<string, string>>;
  /** The address the cloud load balancer should take (`LoadBalancer` only; deprecated by Kubernetes, honoured by most clouds). @default one the cloud picks */
  readonly loadBalancerIP?: string;
  /** Client CIDRs the load balancer lets through (`LoadBalancer` only). @default any address */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** `Local` keeps the client's address and routes only to nodes running a pod (`NodePort`/`LoadBalancer` only). @default Cluster */
  readonly externalTrafficPolicy?: typeof EXTERNAL_TRAFFIC_POLICIES[number];
  /** Fixed node port (30000-32767) of the component's main traffic port (`NodePort`/`LoadBalancer` only). @default one Kubernetes picks */
  readonly nodePort?: number;
}
