import type { GitLabPlatform } from '../../platform';
import { Resources, SecretRef, Toleration } from '../../config/types';
import { IntegrationImage } from '../common/image';
import type { NamespacePartitionProps } from '../partition/props';
import type * as k8s from '../../lib/k8s';
import type { ExtraEnvVar, ExtraVolume, ExtraVolumeMount } from '../../config/pod-extras/types';
import type { RunnerCache } from './cache/props';

/**
 * The job namespace's partition: the restricted Pod Security Standard enforced on the namespace, a quota sized
 * from `concurrent`, and deny-by-default NetworkPolicies that let job pods reach DNS, the GitLab host (through
 * the ingress controller) and the internet, but never the cloud metadata endpoint nor the platform's pods.
 */
export type RunnerJobPartition = Pick<NamespacePartitionProps, 'createNamespace' | 'quota' | 'limits' | 'network' | 'labels'>;

/** The partition settings the runner resolves: the user's, and the Pod Security level `jobs.privileged` decides. */
export type ResolvedRunnerJobPartition = RunnerJobPartition & Pick<NamespacePartitionProps, 'podSecurity'>;

/** CPU/memory requests and limits of the containers of every job pod (`[runners.kubernetes]` `*_request`/`*_limit`). */
export interface RunnerJobResources {
  /** The `build` container (the job's own image). @default requests 500m / 1Gi, limits 2 CPU / 4Gi */
  readonly build?: Resources;
  /** The `helper` container (clone, cache, artifacts). @default requests 50m / 64Mi, limit 256Mi memory */
  readonly helper?: Resources;
  /** Every `svc-N` container (`services:` of the job). @default requests 100m / 128Mi, limit 1Gi memory */
  readonly service?: Resources;
}

/**
 * The identity job containers run as. Job pods meet the restricted Pod Security Standard: non-root with this
 * uid/gid, every capability dropped, no privilege escalation, RuntimeDefault seccomp.
 */
export interface RunnerJobUser {
  /** @default 1000 */
  readonly uid?: number;
  /** @default 1000 */
  readonly gid?: number;
  /** Group owning the pod's volumes (the build directory). @default the gid */
  readonly fsGroup?: number;
}

/** How the job pods look (`[runners.kubernetes]` of config.toml). */
export interface RunnerJobOptions {
  /**
   * Namespace the job pods run in; the executor's Role, the jobs' ServiceAccount and RoleBinding go there. It
   * must differ from the manager's while `partition` is on (the partition confines every pod of its namespace).
   * @default `<runner name>-jobs`, one per runner (the runner's namespace when `partition: false`)
   */
  readonly namespace?: string;
  /** The job namespace's partition, or false to leave the namespace as it is. @default on, see RunnerJobPartition */
  readonly partition?: RunnerJobPartition | false;
  /** ServiceAccount of the job pods (created, token automount off, no RBAC). @default `<name>-jobs` */
  readonly serviceAccountName?: string;
  /** Default image for jobs that set none. @default alpine:3.21 */
  readonly image?: string;
  /** @default see RunnerJobResources */
  readonly resources?: RunnerJobResources;
  /** Node labels job pods must run on (e.g. one runner per node pool). @default none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Taints job pods tolerate (`node_tolerations`: key[=value] -> effect). @default none */
  readonly tolerations?: readonly Toleration[];
  /** Extra labels on every job pod (keys under `runner.gitlab.com/` are the runner's own and refused). @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** Extra annotations on every job pod. @default none */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** Seconds between checks of a starting job pod (`poll_interval`). @default 3 */
  readonly pollIntervalSeconds?: number;
  /** Seconds a job waits for its pod to start, e.g. for the autoscaler to add a node (`poll_timeout`). @default 180 */
  readonly pollTimeoutSeconds?: number;
  /** @default uid/gid 1000 */
  readonly user?: RunnerJobUser;
  /** Image pull Secrets for job images (in the job namespace). @default none */
  readonly imagePullSecrets?: readonly string[];
  /**
   * Run the build and service containers of every job privileged, as root (`privileged = true`), for
   * docker-in-docker (`services: [docker:dind]`). Risky: a privileged container is root on its node, so any job
   * of any project this runner serves (a merge request's code included) can take over the node, read the Secrets
   * of every pod scheduled there and reach the node's cloud credentials. Prefer rootless image builds (kaniko,
   * buildah, BuildKit rootless), and give a privileged runner its own node pool (`nodeSelector`, `tolerations`)
   * and only trusted projects.
   *
   * The job namespace's partition then enforces the `privileged` Pod Security Standard (audited against
   * restricted); the runner manager's pod and namespace stay restricted, and the helper and init-permissions
   * containers keep their restricted security context.
   * @default false (every job container meets the restricted Pod Security Standard)
   */
  readonly privileged?: boolean;
}

export type { RunnerS3Cache, RunnerGcsCache, RunnerAzureCache, RunnerCache } from './cache/props';

/**
 * A GitLab Runner manager on Kubernetes (kubernetes executor): it polls GitLab for jobs and runs each job as a
 * pod in the job namespace.
 *
 * The runner itself is created in GitLab first (UI or `POST /user/runners`), which sets its tags, protection and
 * timeout and returns the `glrt-` authentication token; store that token in a Secret and reference it here.
 */
export interface GitLabRunnerProps {
  /**
   * The runner's name: every object it creates is named from it, so several runners (one per node pool or tag
   * set) can share a namespace. @default the construct id
   */
  readonly name?: string;
  /** Namespace of the runner manager. @default gitlab-runner */
  readonly namespace?: string;
  /**
   * The runner authentication token (`glrt-...`). Required: a runner without a token cannot start. Only a
   * reference: the value is read from the Secret at pod start and never enters a manifest or the ConfigMap.
   * @default key `runner-token`
   */
  readonly token: SecretRef;
  /** A GitLabPlatform in this app: the runner talks to its GitLab URL. @default none: give `gitlabUrl` */
  readonly platform?: GitLabPlatform;
  /** GitLab URL. @default `platform.config.hosts.gitlab.url`; required without `platform` */
  readonly gitlabUrl?: string;
  /** GitLab Runner version (image tag `alpine-v<version>`; the helper image follows). @default 18.11.4 */
  readonly version?: string;
  /** Image override of the runner manager. @default registry.gitlab.com/gitlab-org/gitlab-runner:alpine-v<version> */
  readonly image?: IntegrationImage;
  /** Jobs this manager runs at once (`concurrent`). @default 10 */
  readonly concurrent?: number;
  /** Per-runner job cap (`limit`, 0 = no cap). @default 0 */
  readonly limit?: number;
  /** Parallel job requests to GitLab (`request_concurrency`). @default 1 */
  readonly requestConcurrency?: number;
  /** Seconds between job requests to GitLab (`check_interval`). @default 3 */
  readonly checkIntervalSeconds?: number;
  /** Seconds to wait for jobs on shutdown (`shutdown_timeout`, 0 = the runner's default of 30). @default 0 */
  readonly shutdownTimeoutSeconds?: number;
  /** @default info */
  readonly logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'panic';
  /** Log format (`log_format`). @default the runner's own (runner) */
  readonly logFormat?: 'runner' | 'text' | 'json';
  /**
   * Seconds Kubernetes waits for the manager to stop: on SIGTERM it aborts its jobs and cleans their pods up.
   * @default 3600 (the runner chart's)
   */
  readonly terminationGracePeriodSeconds?: number;
  /** Kubernetes `topologySpreadConstraints` of the manager pods (selectors default to the manager's labels). @default none */
  readonly topologySpreadConstraints?: readonly k8s.TopologySpreadConstraint[];
  /** Job pods. @default see RunnerJobOptions */
  readonly jobs?: RunnerJobOptions;
  /** The CI cache: exactly one of `s3`, `gcs` or `azure`. @default no cache */
  readonly cache?: RunnerCache;
  /** Prometheus metrics on :9252 with a Service. @default true */
  readonly metrics?: boolean;
  /** Manager replicas; each registers as a runner manager of the same runner. @default 1 */
  readonly replicas?: number;
  /** PodDisruptionBudget of the manager, or false. @default { maxUnavailable: 1 } */
  readonly podDisruptionBudget?: { readonly maxUnavailable?: number } | false;
  /** Manager container resources. @default requests 100m / 128Mi, limit 512Mi memory */
  readonly resources?: Resources;
  /** Manager pod node selector. @default none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Manager pod tolerations. @default none */
  readonly tolerations?: readonly Toleration[];
  /** Unregister this runner manager from GitLab when its pod stops (preStop). @default true */
  readonly unregisterOnStop?: boolean;
  /** Image pull Secrets of the manager pod. @default none */
  readonly imagePullSecrets?: readonly string[];
  /** Extra labels on every object. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * A Secret of CA certificates the runner trusts for GitLab's URL (files named `<host>.crt`, as the runner chart's
   * `certsSecretName`), mounted at `/home/gitlab-runner/.gitlab-runner/certs/`. @default none
   */
  readonly certificatesSecretName?: string;
  /** Extra annotations of the manager pod. @default none (the metrics scrape annotations when `metrics`) */
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** Extra labels of the manager pod (its selector labels cannot be overridden). @default none */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** PriorityClass of the manager pod. @default none (the cluster default) */
  readonly priorityClassName?: string;
  /** A Kubernetes `affinity` of the manager pod. @default soft anti-affinity between the manager's replicas per node */
  readonly affinity?: k8s.Affinity;
  /** `/etc/hosts` entries of the manager pod (e.g. GitLab's host on a private address). @default none */
  readonly hostAliases?: readonly { readonly ip: string; readonly hostnames: readonly string[] }[];
  /**
   * Extra environment of the runner manager container (as the runner chart's `envVars`): read by `register` and
   * `run` (e.g. `HTTPS_PROXY`, `RUNNER_*` settings). Variables the construct sets itself are refused.
   * @default none
   */
  readonly env?: readonly ExtraEnvVar[];
  /** Extra volumes of the manager pod (restricted Pod Security Standard types only). @default none */
  readonly extraVolumes?: readonly ExtraVolume[];
  /** Extra mounts of the manager container, naming `extraVolumes` entries. @default none */
  readonly extraVolumeMounts?: readonly ExtraVolumeMount[];
  /**
   * Further Secrets projected into the manager's `/secrets` beside the token (the runner chart's `secrets`), e.g.
   * a client certificate that `runnerConfig` names by path. Without `items`, every key of the Secret is a file.
   * File names the construct uses (`runner-token`, cache keys) are refused. @default none
   */
  readonly secrets?: readonly { readonly name: string; readonly items?: readonly { readonly key: string; readonly path: string }[] }[];
  /**
   * Further files of the manager's ConfigMap, at `/configmaps/<name>` (the runner chart's `configMaps`). The
   * construct's own (`config.toml`, `config.template.toml`, `entrypoint`, `register-the-runner`, `check-live`) are
   * refused. @default none
   */
  readonly configFiles?: Readonly<Record<string, string>>;
  /** Annotations of the manager's ServiceAccount (e.g. `iam.gke.io/gcp-service-account` for a GCS cache). @default none */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /**
   * Further settings of the runner's `[[runners]]` section of config.toml, in the runner's own TOML names
   * (`environment`, `clone_url`, `pre_get_sources_script`, `[runners.kubernetes]` `helper_image`, `pull_policy`,
   * `allowed_images`, `volumes`, `dns_policy`, `[runners.feature_flags]`, ...): merged with what the construct writes
   * itself. Settings a typed prop covers (the job namespace, service account, image, resources, labels, security
   * contexts, the cache, url and token) are refused here, naming the typed prop; so are settings that need more
   * than the restricted Pod Security Standard (`host_path` volumes, `cap_add`) unless `jobs.privileged`.
   * @see https://docs.gitlab.com/runner/configuration/advanced-configuration/#the-runners-section
   * @default none
   */
  readonly runnerConfig?: Readonly<Record<string, unknown>>;
}
