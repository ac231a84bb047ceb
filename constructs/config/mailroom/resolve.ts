import type { ResolvedEmail } from '../mail/resolve';
import type { GitLabPlatformProps } from '../types';
import type { WorkloadDefaults } from '../workloads/defaults';
import type { ResolvedWorkload, workloadResolver } from '../workloads/resolve';
import type { Fail } from '../errors';

/**
 * mailroom resolved: the workload that reads the incoming mailboxes of `email` (`../mail/`), so it runs exactly while
 * one is configured; the `mailroom` component reads a plain `ResolvedWorkload`.
 */

/** The chart's scaling, disruption budget and resources of mailroom (contract §6). */
export const MAILROOM_WORKLOAD_DEFAULTS = {
  replicas: 1, autoscaling: { minReplicas: 1, maxReplicas: 2, cpu: { averageUtilization: 75 } }, pdb: false, resources: { requests: { cpu: '50m', memory: '150M' } },
} satisfies WorkloadDefaults;

/** What the mailroom settings depend on: the shared workload resolution and where problems go. */
export interface MailroomContext {
  /** `workload(name, props, defaults)` of `../workloads/resolve.ts`. */
  readonly workload: ReturnType<typeof workloadResolver>;
  readonly fail: Fail;
}

/** `components.mailroom`: on by default while `email.incoming` is set, `undefined` otherwise. */
export function resolveMailroom(p: GitLabPlatformProps, email: ResolvedEmail, ctx: MailroomContext): ResolvedWorkload | undefined {
  const o = p.components?.mailroom;
  if (!email.incoming) {
    if (o?.enabled === true) {
      ctx.fail('components.mailroom.enabled', true, 'true only with an incoming mailbox (mailroom reads it)',
        'configure email.incoming: { address, user, imap: { host, password } }, or remove the setting');
    }
    return undefined;
  }
  return (o?.enabled ?? true) ? ctx.workload('mailroom', o, MAILROOM_WORKLOAD_DEFAULTS) : undefined;
}
