import type { EXTERNAL_TRAFFIC_POLICIES, ServiceType } from '../service/types';
import type { ResolvedSshDaemonSettings, ResolvedSshExposure } from '../ssh/resolve';
import { resolveSshd, resolveSshExposure } from '../ssh/resolve';
import { COMPONENT_DEFAULTS } from '../workloads/defaults';
import type { ResolvedWorkload } from '../workloads/resolve';
import type { ComponentContext } from '../components/resolve';
import type { SshDaemon } from './names';
import type { GitLabShellOptions } from './types';

/** gitlab-shell's resolution, the chart's defaults applied, and its model (re-exported by `../resolved.ts`). */

export interface ResolvedGitLabShell extends ResolvedWorkload {
  readonly sshDaemon: SshDaemon;
  /** The daemon's tuning (`ssh/resolve.ts`). */
  readonly sshd: ResolvedSshDaemonSettings;
  readonly serviceType: ServiceType;
  readonly serviceAnnotations: Readonly<Record<string, string>>;
  /** How SSH is exposed beyond the Service type. */
  readonly expose: ResolvedSshExposure;
  readonly loadBalancerSourceRanges: readonly string[];
  /** Fixed node port (NodePort Services). */
  readonly nodePort?: number;
  /** LoadBalancer Services only. */
  readonly loadBalancerIP?: string;
  /** NodePort and LoadBalancer Services. @default Cluster */
  readonly externalTrafficPolicy?: typeof EXTERNAL_TRAFFIC_POLICIES[number];
}

/** gitlab-shell: its daemon, the daemon's tuning and how SSH is exposed (`ssh/resolve.ts`). */
export function resolveGitLabShell(sh: GitLabShellOptions | undefined, { workload, ingress, namespace, fail }: ComponentContext): ResolvedGitLabShell {
  return {
    ...workload('gitlabShell', sh, COMPONENT_DEFAULTS.gitlabShell),
    sshDaemon: sh?.sshDaemon ?? 'openssh',
    sshd: resolveSshd(sh?.sshd, sh?.sshDaemon ?? 'openssh', fail),
    serviceAnnotations: sh?.serviceAnnotations ?? {},
    ...resolveSshExposure(sh, ingress, namespace, fail),
    ...(sh?.nodePort !== undefined ? { nodePort: sh.nodePort } : {}),
  };
}
