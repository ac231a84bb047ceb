import type { EXTERNAL_TRAFFIC_POLICIES, ServiceType } from '../service/types';
import type { SshDaemonSettings, SshExposure } from '../ssh/types';
import type { WorkloadOptions } from '../types';
import type { SshDaemon } from './names';

/**
 * What a user writes under `components.gitlabShell` (SSH access to repositories); re-exported by `../types.ts`.
 * The daemon's tuning and the ways SSH is exposed are `ssh/types.ts`'s.
 */

export interface GitLabShellOptions extends WorkloadOptions {
  /** The SSH daemon's algorithms, login grace time, keepalive and connection limits (the chart's `config.*`). @default the chart's */
  readonly sshd?: SshDaemonSettings;
  /** `openssh` (the chart default) or GitLab's own `gitlab-sshd`. @default openssh */
  readonly sshDaemon?: SshDaemon;
  /** Service type for SSH. @default ClusterIP */
  readonly serviceType?: ServiceType;
  /** Annotations on the SSH Service (e.g. AWS NLB). @default none */
  readonly serviceAnnotations?: Readonly<Record<string, string>>;
  /** How SSH is reached from outside the cluster. @default the Service as `serviceType` says */
  readonly expose?: SshExposure;
  /** Client CIDRs the load balancer lets through to SSH (Service `loadBalancerSourceRanges`). @default anywhere */
  readonly loadBalancerSourceRanges?: readonly string[];
  /** Fixed node port of SSH with `serviceType: NodePort` (30000-32767). @default one Kubernetes picks */
  readonly nodePort?: number;
  /** The address the cloud load balancer of SSH should take (a LoadBalancer Service only). @default one the cloud picks */
  readonly loadBalancerIP?: string;
  /** `Local` keeps clients' addresses and routes only to nodes running a pod (a NodePort or LoadBalancer Service). @default Cluster */
  readonly externalTrafficPolicy?: typeof EXTERNAL_TRAFFIC_POLICIES[number];
}
