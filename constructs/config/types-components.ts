import type { GitLabExporterOptions, KasOptions, MigrationsOptions } from './components/types';
import type { GitalyOptions, PraefectOptions } from './gitaly/types';
import type { WebserviceOptions } from './webservice/types';
import type { GitLabShellOptions } from './gitlab-shell/types';
import type { SidekiqOptions } from './sidekiq/types';
import type { ToolboxOptions } from './toolbox/types';
import type { RegistryOptions } from './registry/types';
import type { WorkloadOptions } from './types';
import type { GitLabPagesOptions } from './pages/types';
import type { SpamcheckOptions } from './spamcheck/types';

/** Per-component settings of the chart's components (the shared workload settings are in types.ts). */

export interface ComponentsConfig {
  /** @default on, with the chart's settings */
  readonly webservice?: WebserviceOptions;
  /** @default on, with the chart's settings */
  readonly sidekiq?: SidekiqOptions;
  /** @default on: one in-cluster Gitaly with storage `default` */
  readonly gitaly?: GitalyOptions;
  /** Praefect (Gitaly Cluster). @default off */
  readonly praefect?: PraefectOptions;
  /** @default on, with the chart's settings */
  readonly gitlabShell?: GitLabShellOptions;
  /** @default on (needs `storage`) */
  readonly registry?: RegistryOptions;
  /** @default on, with the chart's settings */
  readonly kas?: KasOptions;
  /** @default on, with the chart's settings */
  readonly gitlabExporter?: GitLabExporterOptions;
  /** @default on, with the chart's settings */
  readonly toolbox?: ToolboxOptions;
  /** GitLab Pages. @default off */
  readonly gitlabPages?: GitLabPagesOptions;
  /** mailroom: runs while `email.incoming` is set. @default on */
  readonly mailroom?: WorkloadOptions;
  /** spamcheck. @default off */
  readonly spamcheck?: SpamcheckOptions;
  /** @default on: a Job per version and configuration */
  readonly migrations?: MigrationsOptions;
}
