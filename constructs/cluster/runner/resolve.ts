import { ResolvedImage } from '../../config/images/resolve';
import { ResolvedSecretRef } from '../../config/resolved';
import { Resources, Toleration } from '../../config/types';
import { compareVersions, resolveImage } from '../common/image';
import { checkProps, fail, nameOf } from '../common/scope';
import { GitLabRunnerProps, ResolvedRunnerJobPartition } from './props';
import { runnerPropsCheck } from './validate';
import { ResolvedRunnerCache, resolveRunnerCache } from './cache/resolve';
import type * as k8s from '../../lib/k8s';
import type { ExtraEnvVar, ExtraVolume, ExtraVolumeMount } from '../../config/pod-extras/types';

/** Variables the manager container sets itself (the runner's URL, executor, token and cache keys at start). */
export const RUNNER_OWN_ENV = ['CI_SERVER_URL', 'RUNNER_EXECUTOR', 'CI_SERVER_TOKEN', 'REGISTRATION_TOKEN', 'CACHE_S3_ACCESS_KEY', 'CACHE_S3_SECRET_KEY', 'CACHE_AZURE_ACCOUNT_NAME', 'CACHE_AZURE_ACCOUNT_KEY'] as const;

/** GitLab Runner release used when none is given: the first whose config.toml sets seccomp on job pods natively. */
export const DEFAULT_RUNNER_VERSION = '18.11.4';
/** `seccomp_profile` in the job pod/container security contexts of config.toml. */
const NATIVE_SECCOMP_SINCE = '18.11.0';
const RUNNER_REPOSITORY = 'registry.gitlab.com/gitlab-org/gitlab-runner';

/** The runner's settings with every default applied; nothing below re-defaults. */
export interface ResolvedRunner {
  readonly name: string;
  /** The runner's name in config.toml and in GitLab's list of runner managers: `runnerConfig.name`, else `name`. */
  readonly displayName: string;
  readonly namespace: string;
  readonly gitlabUrl: string;
  readonly version: string;
  readonly image: ResolvedImage;
  readonly token: ResolvedSecretRef;
  readonly concurrent: number;
  readonly limit?: number;
  readonly requestConcurrency?: number;
  readonly checkIntervalSeconds: number;
  readonly shutdownTimeoutSeconds: number;
  readonly logLevel: string;
  readonly logFormat?: string;
  readonly terminationGracePeriodSeconds: number;
  readonly topologySpreadConstraints?: readonly k8s.TopologySpreadConstraint[];
  readonly jobs: {
    readonly namespace: string;
    /** The job namespace's partition settings; undefined when off. */
    readonly partition?: ResolvedRunnerJobPartition;
    readonly serviceAccountName: string;
    readonly image: string;
    readonly resources: { readonly build: Resources; readonly helper: Resources; readonly service: Resources };
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly tolerations: readonly Toleration[];
    readonly podLabels: Readonly<Record<string, string>>;
    readonly podAnnotations: Readonly<Record<string, string>>;
    readonly pollIntervalSeconds: number;
    readonly pollTimeoutSeconds: number;
    readonly uid: number;
    readonly gid: number;
    readonly fsGroup: number;
    readonly imagePullSecrets: readonly string[];
    /** Build and service containers run privileged (docker-in-docker); the partition enforces `privileged`. */
    readonly privileged: boolean;
  };
  readonly cache?: ResolvedRunnerCache;
  readonly metrics: boolean;
  readonly replicas: number;
  readonly pdb?: { readonly maxUnavailable: number | string };
  readonly resources: Resources;
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Toleration[];
  readonly unregisterOnStop: boolean;
  readonly imagePullSecrets: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly certificatesSecretName?: string;
  /** The runner version understands `seccomp_profile` in config.toml (else a pod_spec patch sets it). */
  readonly nativeSeccomp: boolean;
  /** The manager pod's own extras (annotations, labels, scheduling, env, volumes). */
  readonly pod: {
    readonly annotations: Readonly<Record<string, string>>;
    readonly labels: Readonly<Record<string, string>>;
    readonly priorityClassName?: string;
    readonly affinity?: k8s.Affinity;
    readonly hostAliases: readonly { readonly ip: string; readonly hostnames: readonly string[] }[];
    readonly env: readonly ExtraEnvVar[];
    readonly volumes: readonly ExtraVolume[];
    readonly volumeMounts: readonly ExtraVolumeMount[];
    /** Further Secrets projected into /secrets. */
    readonly secrets: NonNullable<GitLabRunnerProps['secrets']>;
    /** Further ConfigMap files. */
    readonly configFiles: Readonly<Record<string, string>>;
  };
  readonly serviceAccountAnnotations: Readonly<Record<string, string>>;
  /** The user's further `[[runners]]` settings (merged under the construct's). */
  readonly runnerConfig?: Readonly<Record<string, unknown>>;
}

/** Defaults of the production render (reference §3.3): predictable scheduling, bounded memory. */
const JOB_RESOURCES = {
  build: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } },
  helper: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
  service: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '1Gi' } },
} satisfies Record<string, Resources>;

export function resolveRunner(id: string, props: GitLabRunnerProps): ResolvedRunner {
  const name = nameOf(props, id);
  const what = `GitLabRunner(${id})`;
  checkProps(what, { ...props, name }, runnerPropsCheck);

  const gitlabUrl = props.gitlabUrl ?? props.platform?.config.hosts.gitlab.url;
  if (!gitlabUrl) {
    fail(`${what}.gitlabUrl`, 'nothing (the setting is missing)', 'the URL of the GitLab instance the runner was created on',
      'set gitlabUrl: "https://gitlab.example.com", or pass platform: <GitLabPlatform> to use its URL');
  }
  const namespace = props.namespace ?? 'gitlab-runner';
  if (props.jobs?.serviceAccountName === name && (props.jobs.namespace ?? namespace) === namespace) {
    fail(`${what}.jobs.serviceAccountName`, JSON.stringify(name), 'a name other than the manager\'s ServiceAccount (the runner\'s name)',
      'job pods must not run with the manager\'s API rights: leave the default (<name>-jobs) or pick another name');
  }
  const version = props.version ?? DEFAULT_RUNNER_VERSION;
  const j = props.jobs ?? {};
  const partitioned = j.partition !== false;
  const jobNamespace = j.namespace ?? (partitioned ? `${name}-jobs` : namespace);
  if (partitioned && jobNamespace === namespace) {
    fail(`${what}.jobs.namespace`, JSON.stringify(jobNamespace), 'a namespace other than the runner manager\'s while jobs.partition is on',
      'leave jobs.namespace unset (<name>-jobs), name another namespace, or set jobs.partition: false to run jobs next to the manager unconfined');
  }
  const concurrent = props.concurrent ?? 10;
  const platformIngress = (props.platform?.config.networkPolicies?.ingressFrom ?? []).filter((p) => 'namespace' in p);
  (props.env ?? []).forEach((e, i) => {
    if ((RUNNER_OWN_ENV as readonly string[]).includes(e.name)) {
      fail(`${what}.env[${i}].name`, JSON.stringify(e.name), `a variable other than ${RUNNER_OWN_ENV.join(', ')} (the construct sets them)`,
        'remove the variable; set the URL, token and cache keys through gitlabUrl, token and cache');
    }
  });
  const ownFiles = new Set(['runner-token', ...resolveRunnerCache(props.cache, name)?.secretFiles.map((f) => f.path) ?? []]);
  (props.secrets ?? []).forEach((sec, i) => (sec.items ?? []).forEach((item, j) => {
    if (ownFiles.has(item.path)) {
      fail(`${what}.secrets[${i}].items[${j}].path`, JSON.stringify(item.path), `a file name other than ${[...ownFiles].join(', ')} (the construct's own)`, 'choose another path');
    }
  }));
  const volumeNames = new Set([...(props.extraVolumes ?? []).map((v) => v.name), 'certificates']);
  (props.extraVolumeMounts ?? []).forEach((m, i) => {
    if (!volumeNames.has(m.name)) {
      fail(`${what}.extraVolumeMounts[${i}].name`, JSON.stringify(m.name), `a volume of extraVolumes (${[...volumeNames].filter((n) => n !== 'certificates').join(', ') || 'none given'})`, 'add the volume to extraVolumes, or fix the name');
    }
  });
  const uid = j.user?.uid ?? 1000;
  const gid = j.user?.gid ?? uid;
  return {
    name,
    displayName: typeof props.runnerConfig?.name === 'string' ? props.runnerConfig.name : name,
    namespace,
    gitlabUrl: gitlabUrl.replace(/\/+$/, ''),
    version,
    image: resolveImage(props.image, RUNNER_REPOSITORY, `alpine-v${version}`),
    token: { name: props.token.name, key: props.token.key ?? 'runner-token' },
    concurrent,
    limit: props.limit,
    requestConcurrency: props.requestConcurrency,
    checkIntervalSeconds: props.checkIntervalSeconds ?? 3,
    shutdownTimeoutSeconds: props.shutdownTimeoutSeconds ?? 0,
    logLevel: props.logLevel ?? 'info',
    logFormat: props.logFormat,
    terminationGracePeriodSeconds: props.terminationGracePeriodSeconds ?? 3600,
    topologySpreadConstraints: props.topologySpreadConstraints,
    jobs: {
      namespace: jobNamespace,
      // Sized from `concurrent`: one job pod with the default build, helper and one service container fits
      // 1 CPU / 2Gi requested and 8 CPU / 8Gi limited (the LimitRange fills in the helper's missing CPU limit).
      partition: partitioned ? {
        ...j.partition,
        // Privileged job pods are admitted only where the namespace's Pod Security labels allow them.
        ...(j.privileged ? { podSecurity: 'privileged' as const } : {}),
        // With a platform, the GitLab host is behind the platform's own ingress controller.
        ...(platformIngress.length && !j.partition?.network?.gitlab
          ? { network: { ...j.partition?.network, gitlab: { peers: platformIngress, ports: [443, 80] } } } : {}),
        quota: j.partition?.quota === false ? false : {
          cpuRequests: String(concurrent), memoryRequests: `${2 * concurrent}Gi`, cpuLimits: String(8 * concurrent), memoryLimits: `${8 * concurrent}Gi`,
          pods: 2 * concurrent, services: 2 * concurrent, ...j.partition?.quota,
        },
      } : undefined,
      serviceAccountName: j.serviceAccountName ?? `${name}-jobs`,
      image: j.image ?? 'alpine:3.21',
      resources: {
        build: j.resources?.build ?? JOB_RESOURCES.build,
        helper: j.resources?.helper ?? JOB_RESOURCES.helper,
        service: j.resources?.service ?? JOB_RESOURCES.service,
      },
      nodeSelector: j.nodeSelector ?? {},
      tolerations: j.tolerations ?? [],
      podLabels: { 'app.kubernetes.io/part-of': 'gitlab-ci-jobs', 'app.kubernetes.io/instance': name, ...j.podLabels },
      podAnnotations: j.podAnnotations ?? {},
      pollIntervalSeconds: j.pollIntervalSeconds ?? 3,
      pollTimeoutSeconds: j.pollTimeoutSeconds ?? 180,
      uid,
      gid,
      fsGroup: j.user?.fsGroup ?? gid,
      imagePullSecrets: j.imagePullSecrets ?? [],
      privileged: j.privileged ?? false,
    },
    cache: resolveRunnerCache(props.cache, name),
    metrics: props.metrics ?? true,
    replicas: props.replicas ?? 1,
    pdb: props.podDisruptionBudget === false ? undefined : { maxUnavailable: props.podDisruptionBudget?.maxUnavailable ?? 1 },
    resources: props.resources ?? { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    nodeSelector: props.nodeSelector,
    tolerations: props.tolerations,
    unregisterOnStop: props.unregisterOnStop ?? true,
    imagePullSecrets: props.imagePullSecrets ?? [],
    labels: props.labels ?? {},
    certificatesSecretName: props.certificatesSecretName,
    nativeSeccomp: compareVersions(version, NATIVE_SECCOMP_SINCE) >= 0,
    pod: {
      annotations: props.podAnnotations ?? {},
      labels: props.podLabels ?? {},
      priorityClassName: props.priorityClassName,
      affinity: props.affinity,
      hostAliases: props.hostAliases ?? [],
      env: props.env ?? [],
      volumes: props.extraVolumes ?? [],
      volumeMounts: props.extraVolumeMounts ?? [],
      secrets: props.secrets ?? [],
      configFiles: props.configFiles ?? {},
    },
    serviceAccountAnnotations: props.serviceAccountAnnotations ?? {},
    runnerConfig: props.runnerConfig,
  };
}
