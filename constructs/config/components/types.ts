import type { PostgresClientOptions } from '../postgres/types';
import type { ComponentIngressOptions } from '../exposure/types';
import type { ServiceExposure } from '../service/types';
import type { Placement, Resources, SecretRef, WorkloadOptions } from '../types';

/**
 * The options of the small components that have little of their own beyond the shared workload settings (KAS,
 * gitlab-exporter) and of the migrations Job; re-exported by `../types.ts`. `ComponentsConfig` (`../types-components.ts`)
 * assembles them with the bigger components' folders.
 */

/** KAS, the GitLab agent server (`components.kas`). */
export type KasOptions = WorkloadOptions & {
  /** Ingress settings of the KAS host. @default `ingress`'s */
  readonly ingress?: ComponentIngressOptions;
  /** KAS's Service (main port: the agent endpoint 8150). @default ClusterIP */
  readonly service?: ServiceExposure;
};

/** gitlab-exporter (`components.gitlabExporter`): one pod, no HPA or PDB. */
export type GitLabExporterOptions = Omit<WorkloadOptions, 'autoscaling' | 'podDisruptionBudget'> & PostgresClientOptions;

export interface MigrationsOptions extends PostgresClientOptions {
  /** @default true */
  readonly enabled?: boolean;
  /** @default the chart's requests, no limits */
  readonly resources?: Resources;
  /** @default the platform-wide `placement` */
  readonly placement?: Placement;
  /** @default 3600 */
  readonly activeDeadlineSeconds?: number;
  /** @default 6 */
  readonly backoffLimit?: number;
  /** Extra environment variables for the migrations container. @default none */
  readonly extraEnv?: Readonly<Record<string, string>>;
  /**
   * The Secret whose key holds the instance's shared runners registration token, which the database seed stores on
   * an empty database (`/srv/gitlab/config/gitlab_shared_runners_registration_token`, as the chart mounts it from
   * `global.runner.registrationToken.secret`). The Secret may be absent: it is projected as optional, and runners
   * of this library register with runner authentication tokens instead.
   * @default `<release>-gitlab-runner-secret`, key `runner-registration-token` (the chart's)
   */
  readonly runnerRegistrationToken?: SecretRef;
}
