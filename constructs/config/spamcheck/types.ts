import type { WorkloadOptions } from '../workloads/types';
import type { SpamcheckLogLevel } from './names';

/** spamcheck: what a user writes under `components.spamcheck`. Re-exported by `../types.ts`. */

/** spamcheck: GitLab's anti-spam gRPC service. Admins point GitLab at `endpoint` (Admin > Settings > Reporting). */
export interface SpamcheckOptions extends WorkloadOptions {
  /** @default false */
  readonly enabled?: boolean;
  /** @default info */
  readonly logLevel?: SpamcheckLogLevel;
}
