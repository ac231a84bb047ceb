/**
 * The names and numbers the Gitaly and Praefect settings are built from, each written once: the props types, the
 * checks, the resolution, the values import and the components (token files, ports) derive from these.
 */

/** Access modes of a repository volume (`persistence.accessMode`): one node mounts it. */
export const GITALY_ACCESS_MODES = ['ReadWriteOnce', 'ReadWriteOncePod'] as const;
export type GitalyAccessMode = typeof GITALY_ACCESS_MODES[number];

/** Which server holds a repository storage: the `<release>-gitaly` StatefulSet, Praefect, or a server outside. */
export const REPOSITORY_SERVERS = ['gitaly', 'praefect', 'external'] as const;
export type RepositoryServer = typeof REPOSITORY_SERVERS[number];

/**
 * The shared workload settings `components.gitaly` accepts (a StatefulSet with one pod per storage: no replica
 * count, HPA or rollout strategy).
 */
export const GITALY_WORKLOAD_FIELDS = [
  'enabled', 'podDisruptionBudget', 'resources', 'placement', 'podAnnotations', 'podLabels', 'serviceAccountAnnotations', 'serviceAccount',
  'initImage', 'extraEnv', 'terminationGracePeriodSeconds', 'extraVolumes', 'extraVolumeMounts', 'extraInitContainers', 'extraContainers',
  'livenessProbe', 'readinessProbe', 'startupProbe',
] as const;

/** The shared workload settings `components.praefect` accepts: Gitaly's and a replica count. */
export const PRAEFECT_WORKLOAD_FIELDS = ['enabled', 'replicas', ...GITALY_WORKLOAD_FIELDS.slice(1)] as const;

/** The token file every client reads (Rails' `gitaly.token`). */
export const DEFAULT_TOKEN_FILE = 'gitaly_token';
/** Storages behind in-cluster Praefect authenticate with the Praefect token (the chart's file name). */
export const PRAEFECT_TOKEN_FILE = 'gitaly_token_praefect';
/** External storages with their own token, next to in-cluster ones. */
export const EXTERNAL_TOKEN_FILE = 'gitaly_token_external';

/** Ports of Gitaly and Praefect: gRPC, and gRPC over TLS. */
export const GITALY_PORT = 8075;
export const GITALY_TLS_PORT = 8076;
