import { Construct } from 'constructs';
import * as k8s from '../../lib/k8s';
import { DeploymentHandles, deploymentHandles, handle, requiredHandle } from '../../lib/handles';
import { ResolvedConfig, ResolvedSidekiqPod } from '../../config/resolved';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { httpProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, memoryDir, projectedSecrets, trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import { deployment, podDisruptionBudget, podTemplate, serviceAccount } from '../../lib/workload';
import { autoscaler } from '../keda/scaled-object';
import { railsConfigData } from '../rails/config-files';
import { RAILS_PATHS } from '../rails/consumer';
import {
  dependenciesInit, railsConfigEnv, railsConfigureMounts, railsFileMounts, railsSecretMounts, railsVolumeNames,
} from '../rails/pod';
import { railsSecretFiles } from '../rails/secret-files';
import { prometheusAnnotations } from '../../lib/metrics';
import { surgeStrategy, ZERO_DOWNTIME_GRACE_SECONDS } from '../../upgrades/rollout';
import { scrapeAnnotations } from '../monitoring/monitors';
import { bootsnapEnv } from '../rails/bootsnap';

export interface SidekiqProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

export const SIDEKIQ_METRICS_PORT = 3807;
const METRICS_PORT = SIDEKIQ_METRICS_PORT;
/** Served by `sidekiq_health_checks` (gitlab.yml); not a declared container port, as in the chart. */
const HEALTH_PORT = 3808;

/**
 * sidekiq: GitLab's background job processor (mail, pipelines, housekeeping): one Deployment per pod of
 * `components.sidekiq.pods` (by default the chart's `all-in-1`, processing every queue), each with its HPA and
 * PodDisruptionBudget, sharing one ConfigMap and ServiceAccount. No Service: nothing calls Sidekiq; it pulls jobs
 * from Redis.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/sidekiq/
 */
export class Sidekiq extends Construct {
  /** Name of the first pod's Deployment (and of its HPA). */
  readonly deploymentName: string;
  /** Name of the first pod's PodDisruptionBudget. */
  readonly podDisruptionBudgetName: string;
  /** Names of every pod's Deployment, in `pods` order. */
  readonly deploymentNames: readonly string[];
  /** The Rails ConfigMap name. */
  readonly configMapName: string;
  readonly metricsPort = METRICS_PORT;
  /** The pods' ServiceAccount (the one an IAM role must trust), unless `serviceAccounts` is off. */
  readonly serviceAccountName?: string;

  /**
   * The first pod's Deployment (`pods[0]`): add an annotation (`deployment.metadata.addAnnotation(k, v)`) or a
   * checked patch (`strictJsonPatch`). Every pod's: `deployments`.
   */
  readonly deployment: k8s.KubeDeployment;
  /** The first pod's HorizontalPodAutoscaler, unless `autoscaling: false`. */
  readonly horizontalPodAutoscaler?: k8s.KubeHorizontalPodAutoscalerV2;
  /** The first pod's PodDisruptionBudget, unless `podDisruptionBudget: false`. */
  readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;
  /** Every pod's objects, by pod name (`components.sidekiq.pods[].name`). */
  readonly deployments: Readonly<Record<string, DeploymentHandles>>;
  /** The Rails ConfigMap every pod reads. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;

  constructor(scope: Construct, id: string, props: SidekiqProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.sidekiq!;
    const image = config.images.sidekiq;
    // The ConfigMap and ServiceAccount serve every pod; with a single pod they carry its name, as they always have.
    const shared = componentLabels(config, 'sidekiq', image.tag, w.pods.length === 1 ? { 'queue-pod-name': w.pods[0].name } : {});

    const v = railsVolumeNames('sidekiq');
    const secretFiles = railsSecretFiles(config, 'sidekiq');
    const files = configFiles(this, 'config', config, `${config.release}-sidekiq`, shared.common,
      railsConfigData(config, endpoints, 'sidekiq', secretFiles));
    this.configMapName = files.name;
    const sa = serviceAccount(this, config, `${config.release}-sidekiq`, shared, w.serviceAccountAnnotations,
      config.objectStorage.iamRoles?.sidekiq, w.serviceAccount);
    this.serviceAccountName = sa;

    // The first pod's objects sit directly under this construct, so the default single pod keeps its place.
    // Each pod's scope is created just before its objects: the construct order is the output's object order.
    const scopes: Construct[] = [];
    const names = w.pods.map((pod, i) => {
      scopes.push(i === 0 ? this : new Construct(this, pod.name));
      return sidekiqPod(scopes[i], { config, pod, sa, configMapName: files.name, configChecksum: files.checksum, secretFiles, v });
    });
    this.deploymentNames = names.map((n) => n.deployment);
    this.deploymentName = names[0].deployment;
    this.podDisruptionBudgetName = names[0].pdb;
    // Typed handles to the objects built above (escape hatches; see the README).
    this.deployments = Object.fromEntries(w.pods.map((pod, i) => [pod.name, deploymentHandles(scopes[i])]));
    const first = this.deployments[w.pods[0].name];
    this.deployment = first.deployment;
    this.horizontalPodAutoscaler = first.horizontalPodAutoscaler;
    this.podDisruptionBudget = first.podDisruptionBudget;
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
  }
}

interface SidekiqPodProps {
  readonly config: ResolvedConfig;
  readonly pod: ResolvedSidekiqPod;
  readonly sa?: string;
  readonly configMapName: string;
  readonly configChecksum: string;
  readonly secretFiles: ReturnType<typeof railsSecretFiles>;
  readonly v: ReturnType<typeof railsVolumeNames>;
}

/** One pod of `components.sidekiq.pods`: its Deployment, HPA and PodDisruptionBudget. Returns their names. */
function sidekiqPod(scope: Construct, o: SidekiqPodProps): { deployment: string; pdb: string } {
  const { config, pod: w, sa, v, secretFiles } = o;
  const image = config.images.sidekiq;
  const labels = componentLabels(config, 'sidekiq', image.tag, { 'queue-pod-name': w.name });
  // The chart names the Deployment and HPA `-v2` but the PDB `-v1`. Deployment and HPA keep `-v2`, so a Helm
  // install's objects (and their immutable selectors) are adopted in place; the PDB drops the stray suffix,
  // since nothing keys on its name and a PDB is cheap to replace.
  const base = `${config.release}-sidekiq-${w.name}`;
  const name = `${base}-v2`;
  const sidekiqEnv = { SIDEKIQ_CONCURRENCY: w.concurrency, SIDEKIQ_TIMEOUT: w.timeout };

  const template = podTemplate({
    config, labels, workload: w, serviceAccountName: sa, automountServiceAccountToken: config.components.sidekiq!.serviceAccount.automountToken,
    terminationGracePeriodSeconds: ZERO_DOWNTIME_GRACE_SECONDS.sidekiq,
    annotations: {
      'checksum/config': o.configChecksum,
      'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
      ...scrapeAnnotations(config, 'sidekiq', prometheusAnnotations(METRICS_PORT)),
    },
    initContainers: [
      certificatesInit(config),
      configureInit(config, { image: config.components.sidekiq!.initImage, args: ['/config/configure'], mounts: railsConfigureMounts(v) }),
      dependenciesInit(config, image, v, { ...sidekiqEnv, ...bootsnapEnv(config) }),
    ],
    containers: [{
      name: 'sidekiq',
      image: image.ref,
      imagePullPolicy: image.pullPolicy,
      env: envList({
        TZ: config.timeZone,
        prometheus_multiproc_dir: '/metrics',
        ...railsConfigEnv(),
        SIDEKIQ_CONCURRENCY: w.concurrency,
        // Sidekiq sizes its database pool from the largest fleet the HPA may create.
        GITLAB_SIDEKIQ_MAX_REPLICAS: w.autoscaling?.maxReplicas ?? w.replicas,
        SIDEKIQ_TIMEOUT: w.timeout,
        // Empty: every queue.
        SIDEKIQ_QUEUES: w.queues.join(','),
        SIDEKIQ_DAEMON_MEMORY_KILLER: '1',
        SIDEKIQ_MEMORY_KILLER_CHECK_INTERVAL: 3,
        SIDEKIQ_MEMORY_KILLER_MAX_RSS: w.memoryKillerMaxRss,
        SIDEKIQ_MEMORY_KILLER_GRACE_TIME: 900,
        SIDEKIQ_MEMORY_KILLER_SHUTDOWN_WAIT: 30,
        ...bootsnapEnv(config),
      }, w.extraEnv, 'components.sidekiq.extraEnv'),
      ports: [{ name: 'http-metrics', containerPort: METRICS_PORT }],
      volumeMounts: [
        { name: 'sidekiq-metrics', mountPath: '/metrics' },
        { name: v.config, mountPath: RAILS_PATHS.templates, readOnly: true },
        ...railsSecretMounts(v),
        ...railsFileMounts(v, { installationType: true }),
        ...trustStoreMounts(),
      ],
      livenessProbe: httpProbe('/liveness', HEALTH_PORT, { delay: 20, period: 60, timeout: 30, failures: 3 }),
      readinessProbe: httpProbe('/readiness', HEALTH_PORT, { delay: 0, period: 10, timeout: 2, failures: 3 }),
      lifecycle: { preStop: { exec: { command: ['/bin/bash', '-c', "pkill -f 'sidekiq'"] } } },
      securityContext: containerSecurityContext(),
      resources: resources(w.resources),
    }],
    volumes: [
      memoryDir('sidekiq-metrics'),
      configMapVolume(v.config, o.configMapName),
      projectedSecrets(v.initSecrets, secretFiles),
      memoryDir(v.secrets),
      ...trustStoreVolumes(config),
    ],
  });

  deployment(scope, config, name, labels, w, template, surgeStrategy());
  autoscaler(scope, config, name, labels, config.components.sidekiq!.keda, w);
  if (w.pdb) podDisruptionBudget(scope, config, base, labels, w.pdb.maxUnavailable);
  return { deployment: name, pdb: base };
}
