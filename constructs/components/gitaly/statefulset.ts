import * as k8s from '../../lib/k8s';
import { Construct } from 'constructs';
import { ResolvedConfig, ResolvedGitalyPersistence, ResolvedWorkload } from '../../config/resolved';
import { envList, GODEBUG } from '../../lib/env';
import { ComponentLabels } from '../../lib/labels';
import { grpcProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, configureMounts, fileFrom, memoryDir, projectedSecrets,
  SecretFile, trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import { meta, podDisruptionBudget, podTemplate } from '../../lib/workload';
import {
  GITALY_GRACEFUL_RESTART_SECONDS, GITALY_GRPC_PORT, GITALY_METRICS_PORT, GITALY_PATHS, GITALY_TLS_FILES, GITALY_TLS_PORT,
} from './config-template';
import { prometheusAnnotations } from '../../lib/metrics';
import { scrapeAnnotations } from '../monitoring/monitors';

/** Name of the volumeClaimTemplate: PVCs are `repo-data-<StatefulSet>-<N>`, as the chart names them. */
const REPO_DATA = 'repo-data';

export interface GitalyStatefulSetOptions {
  readonly config: ResolvedConfig;
  /** Name of the StatefulSet and of its headless Service. */
  readonly name: string;
  readonly labels: ComponentLabels;
  /** Resources, placement, pod annotations and labels, extra env. */
  readonly workload: ResolvedWorkload;
  readonly replicas: number;
  readonly persistence: ResolvedGitalyPersistence;
  /** ConfigMap holding `config.toml.tpl` and `configure`. */
  readonly configMap: string;
  /** The pods' `checksum/config`. */
  readonly configChecksum: string;
  /** kubernetes.io/tls Secret the pods serve TLS with (port 8076). @default no TLS */
  readonly tlsSecret?: string;
  readonly serviceAccountName?: string;
  /** @default no PodDisruptionBudget */
  readonly pdb?: { readonly maxUnavailable: number | string };
  /**
   * Leave pods carrying this label out of the disruption budget: the plain `<release>-gitaly` selector also
   * matches the Gitaly pods behind Praefect (they add a `storage` label), which have budgets of their own.
   */
  readonly pdbExcludes?: string;
  /** Path of the component's `extraEnv`, for error messages. */
  readonly extraEnvPath: string;
  /** Set `GOMEMLIMIT` to the container's memory limit, when it has one and `extraEnv` does not set it. */
  readonly gomemlimit: boolean;
}

/** Go's soft memory limit at the container's memory limit, read by the kubelet from the pod spec. */
const GOMEMLIMIT: k8s.EnvVar = { name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { containerName: 'gitaly', resource: 'limits.memory' } } };

/** The Secret files a Gitaly pod reads: its auth token, the shell secret for hooks, and its TLS pair. */
export function gitalySecretFiles(config: ResolvedConfig, tlsSecret?: string): SecretFile[] {
  return [
    fileFrom({ name: config.secrets.gitaly, key: config.secretKeys.gitaly }, 'gitaly/gitaly_token'),
    fileFrom({ name: config.secrets.gitlabShell, key: config.secretKeys.gitlabShell }, 'shell/.gitlab_shell_secret'),
    ...(tlsSecret ? [
      fileFrom({ name: tlsSecret, key: 'tls.crt' }, GITALY_TLS_FILES.certificate),
      fileFrom({ name: tlsSecret, key: 'tls.key' }, GITALY_TLS_FILES.key),
    ] : []),
  ];
}

/**
 * A set of Gitaly pods: the StatefulSet (one repository volume per pod, kept when the StatefulSet is deleted or
 * scaled down), its headless Service (so each pod has a DNS name) and its PodDisruptionBudget. The plain
 * `<release>-gitaly` and the Gitaly pods behind each Praefect virtual storage are built by it.
 */
export function gitalyStatefulSet(scope: Construct, o: GitalyStatefulSetOptions): void {
  const { config, labels, workload: w } = o;
  const image = config.images.gitaly;
  const metrics = String(GITALY_METRICS_PORT);
  const env = envList({
    TZ: config.timeZone,
    CONFIG_TEMPLATE_DIRECTORY: GITALY_PATHS.templates,
    CONFIG_DIRECTORY: GITALY_PATHS.config,
    GITALY_CONFIG_FILE: `${GITALY_PATHS.config}/config.toml`,
    SSL_CERT_DIR: '/etc/ssl/certs',
    GODEBUG,
  }, w.extraEnv, o.extraEnvPath);
  // As the chart: only with a memory limit to follow, and the user's own GOMEMLIMIT (extraEnv) wins.
  if (o.gomemlimit && w.resources.limits?.memory !== undefined && !('GOMEMLIMIT' in w.extraEnv)) {
    env.splice(env.findIndex((e) => e.name === 'GODEBUG'), 0, GOMEMLIMIT);
  }

  const template = podTemplate({
    config, labels, workload: w, serviceAccountName: o.serviceAccountName,
    terminationGracePeriodSeconds: GITALY_GRACEFUL_RESTART_SECONDS + 5,
    annotations: {
      'checksum/config': o.configChecksum,
      ...scrapeAnnotations(config, 'gitaly', prometheusAnnotations(metrics)),
    },
    initContainers: [
      certificatesInit(config),
      configureInit(config, {
        image: w.initImage,
        args: ['/config/configure'],
        mounts: configureMounts('gitaly-config', 'init-gitaly-secrets', 'gitaly-secrets'),
      }),
    ],
    containers: [{
      name: 'gitaly',
      image: image.ref,
      imagePullPolicy: image.pullPolicy,
      env,
      ports: [
        { name: 'grpc-gitaly', containerPort: GITALY_GRPC_PORT },
        ...(o.tlsSecret ? [{ name: 'tls-gitaly', containerPort: GITALY_TLS_PORT }] : []),
        { name: 'http-metrics', containerPort: GITALY_METRICS_PORT },
      ],
      volumeMounts: [
        { name: 'gitaly-config', mountPath: GITALY_PATHS.templates, readOnly: true },
        { name: 'gitaly-secrets', mountPath: GITALY_PATHS.secrets, readOnly: true },
        { name: REPO_DATA, mountPath: GITALY_PATHS.repositories },
        ...trustStoreMounts(),
      ],
      // Native gRPC health checks: the startup probe gives Gitaly a minute, then liveness/readiness take over.
      startupProbe: grpcProbe(GITALY_GRPC_PORT, { delay: 1, period: 1, timeout: 1, failures: 60 }),
      livenessProbe: grpcProbe(GITALY_GRPC_PORT, { delay: 0, period: 10, timeout: 3, failures: 3 }),
      readinessProbe: grpcProbe(GITALY_GRPC_PORT, { delay: 0, period: 5, timeout: 3, failures: 3 }),
      securityContext: containerSecurityContext(),
      resources: resources(w.resources),
    }],
    volumes: [
      configMapVolume('gitaly-config', o.configMap),
      projectedSecrets('init-gitaly-secrets', gitalySecretFiles(config, o.tlsSecret), [], 0o440),
      memoryDir('gitaly-secrets'),
      ...trustStoreVolumes(config),
    ],
  });

  const p = o.persistence;
  new k8s.KubeStatefulSet(scope, 'statefulset', {
    metadata: meta(config, o.name, labels.workload),
    spec: {
      selector: { matchLabels: labels.selector },
      serviceName: o.name,
      replicas: o.replicas,
      podManagementPolicy: 'Parallel',
      // Repositories outlive the StatefulSet: deleting it or lowering replicas never deletes a volume.
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template,
      volumeClaimTemplates: [{
        metadata: {
          name: REPO_DATA,
          labels: { ...p.labels, ...labels.selector },
          ...(p.annotations && Object.keys(p.annotations).length ? { annotations: p.annotations } : {}),
        },
        spec: {
          accessModes: [p.accessMode],
          resources: { requests: { storage: k8s.Quantity.fromString(p.size) } },
          ...(p.storageClass ? { storageClassName: p.storageClass } : {}),
        },
      }],
    },
  });

  new k8s.KubeService(scope, 'service', {
    metadata: meta(config, o.name, labels.common),
    spec: {
      type: 'ClusterIP',
      clusterIp: 'None',
      selector: labels.selector,
      ports: [
        // Named tcp-, not grpc-, so a service mesh proxies it as opaque TCP (the chart's choice, for Istio).
        { name: 'tcp-gitaly', port: GITALY_GRPC_PORT, targetPort: k8s.IntOrString.fromString('grpc-gitaly'), protocol: 'TCP' },
        ...(o.tlsSecret ? [{ name: 'tls-gitaly', port: GITALY_TLS_PORT, targetPort: k8s.IntOrString.fromString('tls-gitaly'), protocol: 'TCP' }] : []),
        { name: 'http-metrics', port: GITALY_METRICS_PORT, targetPort: k8s.IntOrString.fromString('http-metrics'), protocol: 'TCP' },
      ],
    },
  });

  if (o.pdb && o.pdbExcludes) {
    new k8s.KubePodDisruptionBudget(scope, 'pdb', {
      metadata: meta(config, o.name, labels.common),
      spec: {
        maxUnavailable: intOrString(o.pdb.maxUnavailable),
        selector: { matchLabels: labels.selector, matchExpressions: [{ key: o.pdbExcludes, operator: 'DoesNotExist' }] },
      },
    });
  } else if (o.pdb) {
    podDisruptionBudget(scope, config, o.name, labels, o.pdb.maxUnavailable);
  }
}

const intOrString = (v: number | string) => (typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v));
