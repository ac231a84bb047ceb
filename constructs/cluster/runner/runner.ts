import * as k8s from '../../lib/k8s';
import { Construct } from 'constructs';
import { configFiles } from '../../lib/config-map';
import { envList } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { execProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext, podSecurityContext } from '../../lib/security';
import { SecretFile, configMapVolume, memoryDir, projectedSecrets } from '../../lib/volumes';
import { deployment, meta, podDisruptionBudget, podTemplate, serviceAccount } from '../../lib/workload';
import { namespacedGrant } from '../common/rbac';
import { NamespacePartition } from '../partition/partition';
import { clusterScope } from '../common/scope';
import { METRICS_PORT, globalConfigToml, runnerTemplateToml } from './config-toml';
import { GitLabRunnerProps } from './props';
import { EXECUTOR_RULES } from './rbac';
import { ResolvedRunner, resolveRunner } from './resolve';
import { CONFIGMAPS_DIR, CONFIG_DIR, SECRETS_DIR, checkLiveScript, entrypointScript, registerScript } from './scripts';

/** The alpine runner image's `gitlab-runner` user and its primary group (`nogroup`), as the chart runs it. */
const RUNNER_UID = 100;
const RUNNER_GID = 65533;

/**
 * GitLab Runner on Kubernetes: a runner manager Deployment (kubernetes executor) that runs every CI job as a pod.
 *
 * Reproduces the official gitlab-runner chart (entrypoint, register with `--template-config`, env, mounts,
 * probes, preStop unregister) with tighter defaults: job pods meet the restricted Pod Security Standard, the
 * executor's Role holds only the verbs it uses, metrics and a PDB are on, and several runners can share a
 * namespace because every object is named after the runner.
 *
 * @see https://docs.gitlab.com/runner/install/kubernetes/
 * @example
 * new GitLabRunner(chart, 'shared', { platform, token: { name: 'gitlab-runner-token' },
 *   cache: { s3: { bucket: 'gl-runner-cache', iamRoleArn: 'arn:aws:iam::123456789012:role/gitlab-runner-cache' } } });
 */
export class GitLabRunner extends Construct {
  /** The runner's name (prefix of every object). */
  readonly name: string;
  /** Namespace of the manager. */
  readonly namespace: string;
  /** Namespace where job pods run. */
  readonly jobNamespace: string;
  /** ServiceAccount of the manager (holds the executor Role; annotated with the cache IAM role). */
  readonly serviceAccountName: string;
  /** ServiceAccount of the job pods. */
  readonly jobServiceAccountName: string;
  /** The ConfigMap holding config.toml, its template and the start scripts (no secret). */
  readonly configMapName: string;
  /** The runner settings after defaults. */
  readonly settings: ResolvedRunner;
  /** The job namespace's partition (unless `jobs.partition: false`). */
  readonly jobPartition?: NamespacePartition;

  constructor(scope: Construct, id: string, props: GitLabRunnerProps) {
    super(scope, id);
    const r = resolveRunner(id, props);
    this.settings = r;
    this.name = r.name;
    this.namespace = r.namespace;
    this.jobNamespace = r.jobs.namespace;
    this.jobServiceAccountName = r.jobs.serviceAccountName;
    this.configMapName = r.name;

    const ctx = clusterScope(r.namespace, r.name, r.labels, r.imagePullSecrets);
    const labels = componentLabels(ctx, 'gitlab-runner', r.version);

    this.serviceAccountName = serviceAccount(this, ctx, r.name, labels, r.serviceAccountAnnotations, r.cache?.iamRoleArn)!;
    if (r.jobs.partition) {
      this.jobPartition = new NamespacePartition(this, 'job-partition', { namespace: r.jobs.namespace, purpose: 'ci-jobs', ...r.jobs.partition });
    }
    new k8s.KubeServiceAccount(this, 'job-service-account', {
      metadata: { name: r.jobs.serviceAccountName, namespace: r.jobs.namespace, labels: labels.common },
      automountServiceAccountToken: false,
    });
    namespacedGrant(this, 'executor', {
      name: r.name, namespace: r.jobs.namespace, labels: labels.common, rules: EXECUTOR_RULES,
      subject: { name: this.serviceAccountName, namespace: r.namespace },
    });

    const files = configFiles(this, 'config', ctx, this.configMapName, labels.common, {
      'config.toml': globalConfigToml(r),
      'config.template.toml': runnerTemplateToml(r),
      entrypoint: entrypointScript(),
      'register-the-runner': registerScript(r.displayName),
      'check-live': checkLiveScript(),
      ...r.pod.configFiles,
    });

    const secretFiles: SecretFile[] = [{ secret: r.token.name, key: r.token.key, path: 'runner-token' }];
    secretFiles.push(...(r.cache?.secretFiles ?? []));

    const template = podTemplate({
      config: ctx,
      labels,
      workload: {
        placement: { nodeSelector: r.nodeSelector, tolerations: r.tolerations, affinity: r.pod.affinity, priorityClassName: r.pod.priorityClassName, topologySpreadConstraints: r.topologySpreadConstraints },
        podAnnotations: r.pod.annotations,
        podLabels: r.pod.labels,
        podExtras: r.pod.volumes.length || r.pod.volumeMounts.length ? { volumes: r.pod.volumes, volumeMounts: r.pod.volumeMounts, initContainers: [], containers: [] } : undefined,
      },
      annotations: {
        'checksum/config': files.checksum,
        ...(r.metrics ? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(METRICS_PORT), 'prometheus.io/path': '/metrics' } : {}),
      },
      serviceAccountName: this.serviceAccountName,
      // The manager creates job pods through the Kubernetes API.
      automountServiceAccountToken: true,
      uid: RUNNER_UID,
      // The chart's grace period: on SIGTERM the runner aborts its jobs, then cleans up their pods within shutdown_timeout.
      terminationGracePeriodSeconds: r.terminationGracePeriodSeconds,
      containers: [{
        name: 'gitlab-runner',
        image: r.image.ref,
        imagePullPolicy: r.image.pullPolicy,
        command: ['/usr/bin/dumb-init', '--', '/bin/bash', `${CONFIGMAPS_DIR}/entrypoint`],
        env: [...envList({ CI_SERVER_URL: r.gitlabUrl, RUNNER_EXECUTOR: 'kubernetes' }), ...r.pod.env.map((e) => ({ ...e }) as k8s.EnvVar)],
        ...(r.metrics ? { ports: [{ name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' }] } : {}),
        livenessProbe: execProbe(['/bin/bash', `${CONFIGMAPS_DIR}/check-live`, '3'], { delay: 60, period: 10, timeout: 4, failures: 3, successes: 1 }),
        readinessProbe: execProbe(['/usr/bin/pgrep', 'gitlab.*runner'], { delay: 60, period: 10, timeout: 4, failures: 3, successes: 1 }),
        ...(r.unregisterOnStop ? { lifecycle: { preStop: { exec: { command: ['/entrypoint', 'unregister', '--all-runners'] } } } } : {}),
        volumeMounts: [
          { name: 'projected-secrets', mountPath: SECRETS_DIR, readOnly: true },
          { name: 'etc-gitlab-runner', mountPath: CONFIG_DIR },
          { name: 'configmaps', mountPath: CONFIGMAPS_DIR, readOnly: true },
          // The runner reads CA certificates for GitLab's host from certs/ beside config.toml.
          ...(r.certificatesSecretName ? [{ name: 'certificates', mountPath: `${CONFIG_DIR}/certs`, readOnly: true }] : []),
        ],
        securityContext: containerSecurityContext(RUNNER_UID, RUNNER_GID),
        resources: resources(r.resources),
      }],
      volumes: [
        projectedSecrets('projected-secrets', secretFiles, r.pod.secrets.map((sec) => ({ secret: { name: sec.name, ...(sec.items ? { items: sec.items.map((i) => ({ key: i.key, path: i.path })) } : {}) } })), 0o440),
        memoryDir('etc-gitlab-runner'),
        configMapVolume('configmaps', this.configMapName),
        ...(r.certificatesSecretName ? [{ name: 'certificates', secret: { secretName: r.certificatesSecretName, defaultMode: 0o444 } }] : []),
      ],
    });
    // The image's home directory belongs to gitlab-runner:nogroup.
    const withGroup: k8s.PodTemplateSpec = { ...template, spec: {
      ...template.spec!,
      securityContext: podSecurityContext(RUNNER_UID, RUNNER_GID),
      ...(r.pod.hostAliases.length ? { hostAliases: r.pod.hostAliases.map((h) => ({ ip: h.ip, hostnames: [...h.hostnames] })) } : {}),
    } };
    deployment(this, ctx, r.name, labels, { replicas: r.replicas }, withGroup);

    if (r.metrics) {
      new k8s.KubeService(this, 'metrics', {
        metadata: meta(ctx, r.name, labels.common),
        spec: {
          type: 'ClusterIP',
          selector: labels.selector,
          ports: [{ name: 'metrics', port: METRICS_PORT, targetPort: k8s.IntOrString.fromString('metrics'), protocol: 'TCP' }],
        },
      });
    }
    if (r.pdb) podDisruptionBudget(this, ctx, r.name, labels, r.pdb.maxUnavailable);
  }
}
