import type { ResolvedIngress } from '../exposure/resolve';
import { mergePlacement } from '../placement/resolve';
import type { SizedDefaults } from '../sizing/defaults';
import type { workloadResolver } from '../workloads/resolve';
import type { Placement, Resources } from '../types';
import type { MigrationsOptions } from './types';
import type { Fail } from '../errors';
import { ref, type ResolvedSecretRef } from '../secrets/resolve';

/**
 * What every component's resolution takes from `../resolve.ts` (the workload resolver, a size preset's defaults,
 * the platform's Ingress), and the migrations Job's resolution with its model (re-exported by `../resolved.ts`).
 */

/** The platform-wide context of a component's resolution. */
export interface ComponentContext {
  /** `workload(name, props, defaults)`: the settings every workload shares (`workloads/resolve.ts`). */
  readonly workload: ReturnType<typeof workloadResolver>;
  /** A reference architecture's defaults, where `size` is set. */
  readonly sized?: SizedDefaults;
  readonly ingress: ResolvedIngress;
  readonly namespace: string;
  readonly fail: Fail;
}

export interface ResolvedMigrations {
  readonly resources: Resources;
  readonly placement: Placement;
  readonly activeDeadlineSeconds: number;
  readonly backoffLimit: number;
  readonly extraEnv: Readonly<Record<string, string>>;
  /** The optional Secret of the shared runners registration token the database seed reads. */
  readonly runnerRegistrationToken: ResolvedSecretRef;
}

/** The chart's key of the registration token in the runner Secret (`gitlab.gitlab-runner.registrationToken.secret`). */
export const RUNNER_REGISTRATION_TOKEN_KEY = 'runner-registration-token';

/** The migrations Job, the chart's defaults applied (its placement over the platform-wide one). */
export function resolveMigrations(mg: MigrationsOptions | undefined, platformPlacement: Placement, release: string): ResolvedMigrations {
  return {
    resources: mg?.resources ?? { requests: { cpu: '250m', memory: '200Mi' } },
    placement: mergePlacement(platformPlacement, mg?.placement),
    activeDeadlineSeconds: mg?.activeDeadlineSeconds ?? 3600,
    backoffLimit: mg?.backoffLimit ?? 6,
    extraEnv: mg?.extraEnv ?? {},
    runnerRegistrationToken: ref(mg?.runnerRegistrationToken ?? { name: `${release}-gitlab-runner-secret` }, RUNNER_REGISTRATION_TOKEN_KEY),
  };
}
