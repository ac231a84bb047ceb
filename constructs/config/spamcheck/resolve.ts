import type { GitLabPlatformProps } from '../types';
import type { WorkloadDefaults } from '../workloads/defaults';
import type { ResolvedWorkload, workloadResolver } from '../workloads/resolve';
import type { SpamcheckLogLevel } from './names';

/** spamcheck resolved: its defaults and the model the `spamcheck` component reads (re-exported by `../resolved.ts`). */

export interface ResolvedSpamcheck extends ResolvedWorkload {
  readonly logLevel: SpamcheckLogLevel;
}

/** The chart's scaling, disruption budget and resources of spamcheck (contract §6). */
export const SPAMCHECK_WORKLOAD_DEFAULTS = {
  replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 10, cpu: { averageValue: '100m' } }, pdb: true, resources: { requests: { cpu: '100m', memory: '100M' } },
} satisfies WorkloadDefaults;

/** What the spamcheck settings depend on: the shared workload resolution (`../workloads/resolve.ts`). */
export interface SpamcheckContext {
  /** `workload(name, props, defaults)` of `../workloads/resolve.ts`. */
  readonly workload: ReturnType<typeof workloadResolver>;
}

/** `components.spamcheck`: `undefined` while it is off (the default). */
export function resolveSpamcheck(p: GitLabPlatformProps, ctx: SpamcheckContext): ResolvedSpamcheck | undefined {
  const o = p.components?.spamcheck;
  if (!(o?.enabled ?? false)) return undefined;
  return { ...ctx.workload('spamcheck', o, SPAMCHECK_WORKLOAD_DEFAULTS), logLevel: o?.logLevel ?? 'info' };
}
