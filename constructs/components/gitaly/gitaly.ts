import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { checksum } from '../../lib/checksum';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList, GODEBUG } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { grpcProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, copySecretsScript, fileFrom, memoryDir, projectedSecrets,
  trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import { meta, podDisruptionBudget, podTemplate, serviceAccount } from '../../lib/workload';
import {
  GITALY_GRACEFUL_RESTART_SECONDS, GITALY_GRPC_PORT, GITALY_METRICS_PORT, GITALY_PATHS, gitalyConfigTemplate,
} from './config-template';

export interface GitalyProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/** Name of the volumeClaimTemplate: PVCs are `repo-data-<release>-gitaly-<N>`, as the chart names them. */
const REPO_DATA = 'repo-data';

/**
 * Gitaly: the Git repository storage, one StatefulSet pod (and one PersistentVolumeClaim) per storage name, behind
 * a headless Service so that clients address each pod: `tcp://<release>-gitaly-<N>.<release>-gitaly.<ns>.svc:8075`.
 *
 * Differences from the chart, on purpose: the pod gets a RuntimeDefault seccomp profile (restricted Pod Security
 * Standard), and the repository volumes are kept when the StatefulSet is deleted or scaled down.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/gitaly/
 */
export class Gitaly extends Construct {
  /** The headless Service name (also the StatefulSet's `serviceName`). */
  readonly serviceName: string;
  /** The StatefulSet name; pod N is `<statefulSetName>-N`. */
  readonly statefulSetName: string;
  /** gRPC port clients connect to. */
  readonly port = GITALY_GRPC_PORT;
  /** Prometheus metrics port. */
  readonly metricsPort = GITALY_METRICS_PORT;
  /** `tcp://` address of each storage's pod, by storage name (Rails `repositories.storages`). */
  readonly addresses: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: GitalyProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.gitaly!;
    const name = endpoints.gitaly.statefulSet;
    const image = config.images.gitaly;
    const labels = componentLabels(config, 'gitaly', image.tag);
    this.serviceName = endpoints.gitaly.service;
    this.statefulSetName = name;
    this.addresses = endpoints.gitaly.addresses;

    const gitlabUrl = endpoints.webservice.workhorseUrl;
    const configure = copySecretsScript(['gitaly', 'shell'], []);
    const files = configFiles(this, 'config', config, name, labels.common, {
      'config.toml.tpl': gitalyConfigTemplate({ storageNames: w.storageNames, gitlabUrl }),
      configure,
    });
    // The pods' checksum leaves the storage list out: adding a storage must not restart the pods already serving
    // theirs (a rename is a data migration, not a config change).
    const configChecksum = checksum({ 'config.toml.tpl': gitalyConfigTemplate({ storageNames: [], gitlabUrl }), configure });

    const secretFiles = [
      fileFrom({ name: config.secrets.gitaly, key: 'token' }, 'gitaly/gitaly_token'),
      fileFrom({ name: config.secrets.gitlabShell, key: 'secret' }, 'shell/.gitlab_shell_secret'),
    ];
    const sa = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations);
    const metrics = String(GITALY_METRICS_PORT);

    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: sa,
      terminationGracePeriodSeconds: GITALY_GRACEFUL_RESTART_SECONDS + 5,
      annotations: {
        'checksum/config': configChecksum,
        'gitlab.com/prometheus_scrape': 'true', 'gitlab.com/prometheus_port': metrics, 'gitlab.com/prometheus_path': '/metrics',
        'prometheus.io/scrape': 'true', 'prometheus.io/port': metrics, 'prometheus.io/path': '/metrics',
      },
      initContainers: [
        certificatesInit(config),
        configureInit(config, {
          args: ['/config/configure'],
          mounts: [
            { name: 'gitaly-config', mountPath: '/config', readOnly: true },
            { name: 'init-gitaly-secrets', mountPath: '/init-config', readOnly: true },
            { name: 'gitaly-secrets', mountPath: '/init-secrets' },
          ],
        }),
      ],
      containers: [{
        name: 'gitaly',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        env: envList({
          TZ: config.timeZone,
          CONFIG_TEMPLATE_DIRECTORY: GITALY_PATHS.templates,
          CONFIG_DIRECTORY: GITALY_PATHS.config,
          GITALY_CONFIG_FILE: `${GITALY_PATHS.config}/config.toml`,
          SSL_CERT_DIR: '/etc/ssl/certs',
          GODEBUG,
        }, w.extraEnv, 'components.gitaly.extraEnv'),
        ports: [
          { name: 'grpc-gitaly', containerPort: GITALY_GRPC_PORT },
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
        configMapVolume('gitaly-config', files.name),
        projectedSecrets('init-gitaly-secrets', secretFiles, [], 0o440),
        memoryDir('gitaly-secrets'),
        ...trustStoreVolumes(config),
      ],
    });

    const p = w.persistence;
    new k8s.KubeStatefulSet(this, 'statefulset', {
      metadata: meta(config, name, labels.workload),
      spec: {
        selector: { matchLabels: labels.selector },
        serviceName: this.serviceName,
        replicas: w.storageNames.length,
        podManagementPolicy: 'Parallel',
        // Repositories outlive the StatefulSet: deleting it or lowering replicas never deletes a volume.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template,
        volumeClaimTemplates: [{
          metadata: { name: REPO_DATA, labels: labels.selector },
          spec: {
            accessModes: [p.accessMode],
            resources: { requests: { storage: k8s.Quantity.fromString(p.size) } },
            ...(p.storageClass ? { storageClassName: p.storageClass } : {}),
          },
        }],
      },
    });

    new k8s.KubeService(this, 'service', {
      metadata: meta(config, this.serviceName, labels.common),
      spec: {
        type: 'ClusterIP',
        clusterIp: 'None',
        selector: labels.selector,
        ports: [
          // Named tcp-, not grpc-, so a service mesh proxies it as opaque TCP (the chart's choice, for Istio).
          { name: 'tcp-gitaly', port: GITALY_GRPC_PORT, targetPort: k8s.IntOrString.fromString('grpc-gitaly'), protocol: 'TCP' },
          { name: 'http-metrics', port: GITALY_METRICS_PORT, targetPort: k8s.IntOrString.fromString('http-metrics'), protocol: 'TCP' },
        ],
      },
    });

    if (w.pdb) podDisruptionBudget(this, config, name, labels, w.pdb.maxUnavailable);
  }
}
