import type { NetworkPeer } from '../../config/network-policies/types';

/**
 * A namespace partition: the unit the platform hands to one tenant (CI jobs, a Review App, an application
 * environment). What every partition gets, and what each purpose sizes differently, is listed here.
 */

/** What a partition is for; decides the defaults (sizes, who may come in, where pods may go). */
export const PARTITION_PURPOSES = ['ci-jobs', 'review-app', 'application'] as const;
export type PartitionPurpose = typeof PARTITION_PURPOSES[number];

/**
 * The Pod Security Standard a partition's namespace enforces. `privileged` exists for one case: a runner's job
 * namespace whose jobs run privileged (docker-in-docker), see `RunnerJobOptions.privileged`.
 */
export const PARTITION_POD_SECURITY = ['restricted', 'privileged'] as const;
export type PartitionPodSecurity = typeof PARTITION_POD_SECURITY[number];

/** The namespace's ResourceQuota (`spec.hard`). Every field is a cap on the sum over the namespace's pods. */
export interface PartitionQuota {
  /** `requests.cpu` @default ci-jobs 8, review-app 2, application 8 */
  readonly cpuRequests?: string;
  /** `requests.memory` @default ci-jobs 16Gi, review-app 4Gi, application 16Gi */
  readonly memoryRequests?: string;
  /** `limits.cpu` @default ci-jobs 32, review-app 4, application 16 */
  readonly cpuLimits?: string;
  /** `limits.memory` @default ci-jobs 64Gi, review-app 8Gi, application 32Gi */
  readonly memoryLimits?: string;
  /** `pods` @default ci-jobs 40, review-app 20, application 100 */
  readonly pods?: number;
  /** `services` (ClusterIP) @default ci-jobs 40, review-app 10, application 20 */
  readonly services?: number;
  /** `persistentvolumeclaims` @default ci-jobs 0, review-app 5, application 20 */
  readonly persistentVolumeClaims?: number;
  /** `requests.storage` @default ci-jobs 0, review-app 20Gi, application 500Gi */
  readonly storage?: string;
  /** `services.loadbalancers` (each costs a cloud load balancer). @default 0 */
  readonly loadBalancers?: number;
  /** `services.nodeports` (they open every node). @default 0 */
  readonly nodePorts?: number;
}

/** CPU and memory of one container. */
export interface ContainerSize {
  readonly cpu: string;
  readonly memory: string;
}

/** The namespace's LimitRange: defaults for containers that set no requests/limits, and a per-container ceiling. */
export interface PartitionLimits {
  /** @default ci-jobs 500m / 1Gi, review-app 50m / 64Mi, application 100m / 128Mi */
  readonly defaultRequest?: ContainerSize;
  /** @default ci-jobs 2 / 4Gi, review-app 500m / 512Mi, application 1 / 1Gi */
  readonly defaultLimit?: ContainerSize;
  /** @default ci-jobs 8 / 16Gi, review-app 2 / 4Gi, application 8 / 16Gi */
  readonly max?: ContainerSize;
}

/** Pods of a namespace (optionally with labels), or an address range: the platform's own `NetworkPeer`. */
export type PartitionPeer = NetworkPeer;

/**
 * Deny-by-default NetworkPolicies. Every partition denies all traffic, then allows DNS, and what is listed here.
 * The cloud metadata endpoint (169.254.169.254, fd00:ec2::254) is never reachable: it hands out the node's
 * credentials.
 */
export interface PartitionNetwork {
  /**
   * Who may connect in: the ingress controller (on any port of the partition's pods).
   * @default ci-jobs nobody; else every pod of namespace `ingress-nginx`
   */
  readonly ingressFrom?: readonly PartitionPeer[];
  /**
   * Where the GitLab host answers inside the cluster: in-cluster traffic to a load balancer's address is
   * short-circuited by kube-proxy to the ingress controller's pods, so they must be allowed as a destination.
   * @default ci-jobs every pod of namespace `ingress-nginx` on 443 and 80; else none
   */
  readonly gitlab?: { readonly peers: readonly PartitionPeer[]; readonly ports: readonly number[] };
  /** The cluster DNS. @default pods `k8s-app: kube-dns` of `kube-system`, UDP/TCP 53 */
  readonly dns?: readonly PartitionPeer[];
  /** Pods of the partition talk to each other. @default false for ci-jobs (a job's services share its pod), else true */
  readonly sameNamespace?: boolean;
  /**
   * Egress to any address outside the cluster (not to pods: those are reached only through the rules above),
   * minus the metadata endpoint and `blockedCidrs`. @default true for ci-jobs (package registries, GitLab), else false
   */
  readonly internet?: boolean;
  /** TCP ports of that egress. @default all ports */
  readonly internetPorts?: readonly number[];
  /**
   * Ranges left out of the internet egress besides the metadata endpoint: e.g. the VPC, so that managed
   * databases and internal load balancers stay out of reach. @default none
   */
  readonly blockedCidrs?: readonly string[];
  /** Further egress, e.g. a package mirror. @default none */
  readonly extraEgress?: readonly { readonly to: readonly PartitionPeer[]; readonly ports: readonly number[] }[];
}

/** An identity (e.g. the one the GitLab agent impersonates for a project's CI jobs) allowed to deploy into the partition. */
export interface PartitionSubject {
  readonly kind: 'User' | 'Group' | 'ServiceAccount';
  readonly name: string;
  /** For ServiceAccount (required there). @default none (User and Group are not namespaced) */
  readonly namespace?: string;
}

export interface NamespacePartitionProps {
  /** The namespace (DNS label). */
  readonly namespace: string;
  /** Decides the defaults. */
  readonly purpose: PartitionPurpose;
  /**
   * Create the Namespace object with the restricted Pod Security labels. Off for Review Apps, whose namespace
   * the pipeline creates (with the same labels). @default true, except for review-app
   */
  readonly createNamespace?: boolean;
  /**
   * The Pod Security Standard the Namespace enforces (its `pod-security.kubernetes.io/*` labels). `privileged`
   * lets any pod of the namespace be root on its node: only for a runner's privileged job namespace, which sets it.
   * @default restricted
   */
  readonly podSecurity?: PartitionPodSecurity;
  /** ResourceQuota, or false for none. @default sized per purpose, see PartitionQuota */
  readonly quota?: PartitionQuota | false;
  /** @default sized per purpose, see PartitionLimits */
  readonly limits?: PartitionLimits;
  /** @default see PartitionNetwork */
  readonly network?: PartitionNetwork;
  /**
   * Identities bound to the partition's deploy Role (workloads, Services, Ingresses, ConfigMaps; no Secrets, no
   * RBAC, no policy objects) in this namespace only. @default none
   */
  readonly deployers?: readonly PartitionSubject[];
  /** Extra labels on every object. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}
