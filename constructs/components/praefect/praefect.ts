import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList, GODEBUG } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { grpcProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, configureMounts, copySecretsScript, fileFrom, memoryDir,
  projectedSecrets, SecretFile, trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import { meta, podDisruptionBudget, podTemplate, serviceAccount } from '../../lib/workload';
import {
  PRAEFECT_GRACEFUL_STOP_SECONDS, PRAEFECT_GRPC_PORT, PRAEFECT_METRICS_PORT, PRAEFECT_PATHS, PRAEFECT_SECRET_FILES,
  PRAEFECT_TLS_PORT, praefectConfigTemplate,
} from './config-template';
import { PraefectGitaly } from './gitaly-nodes';
import { prometheusAnnotations } from '../../lib/metrics';
import { scrapeAnnotations } from '../monitoring/monitors';

export interface PraefectProps {
  /** The resolved platform configuration (`resolveConfig`); `components.praefect` must be set. */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`); `praefect` must be set. */
  readonly endpoints: PlatformEndpoints;
}

/**
 * Praefect (Gitaly Cluster): replicated repository storage. GitLab reaches every virtual storage through the
 * headless Service `<release>-praefect` (`tcp://<release>-praefect.<ns>.svc:8075`, or `tls://…:8076` with TLS)
 * with the Praefect token; Praefect routes each call to the Gitaly pods of the virtual storage (`PraefectGitaly`),
 * replicates writes, and keeps its state in its own PostgreSQL database, which it migrates at start.
 *
 * Objects: StatefulSet, headless Service, ConfigMap and PodDisruptionBudget `<release>-praefect` (two replicas by
 * default), and the Gitaly pods behind each virtual storage.
 *
 * Differences from the chart, on purpose: the pods get native gRPC probes (the chart has none, so a rollout never
 * waited for Praefect), Praefect stops within the pod's grace period (`graceful_stop_timeout` 25 s), and the
 * service account token is not mounted (Praefect never calls the Kubernetes API).
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/praefect/
 */
export class Praefect extends Construct {
  /** The headless Service name (also the StatefulSet's `serviceName`). */
  readonly serviceName: string;
  readonly statefulSetName: string;
  /** gRPC port clients connect to (without TLS). */
  readonly port = PRAEFECT_GRPC_PORT;
  /** What GitLab dials for every virtual storage. */
  readonly address: string;
  /** The Gitaly pods behind the virtual storages. */
  readonly gitaly: PraefectGitaly;

  /** The StatefulSet: add an annotation (`statefulSet.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  readonly statefulSet: k8s.KubeStatefulSet;
  /** The Service. */
  readonly service: k8s.KubeService;
  /** The ConfigMap holding the component's configuration templates. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;
  /** The PodDisruptionBudget, unless `podDisruptionBudget: false`. */
  readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: PraefectProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.praefect!;
    const ep = endpoints.praefect!;
    const name = ep.statefulSet;
    const image = config.images.gitaly;
    const labels = componentLabels(config, 'praefect', image.tag);
    this.serviceName = ep.service;
    this.statefulSetName = name;
    this.address = ep.address;

    const files = configFiles(this, 'config', config, name, labels.common, {
      'config.toml.tpl': praefectConfigTemplate({ praefect: w, virtualStorages: ep.virtualStorages }),
      configure: copySecretsScript(['praefect'], []),
    });
    const sa = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, undefined, w.serviceAccount);
    const metrics = String(PRAEFECT_METRICS_PORT);
    const f = PRAEFECT_SECRET_FILES;
    const secretFiles: SecretFile[] = [
      fileFrom({ name: config.secrets.gitaly, key: config.secretKeys.gitaly }, f.gitalyToken),
      fileFrom({ name: config.secrets.praefect, key: config.secretKeys.praefect }, f.praefectToken),
      fileFrom(w.database.password, f.dbPassword),
      ...(w.database.sslRootCert ? [fileFrom(w.database.sslRootCert, f.dbRootCert)] : []),
      ...(w.tls ? [
        fileFrom({ name: w.tls.secretName, key: 'tls.crt' }, f.tlsCertificate),
        fileFrom({ name: w.tls.secretName, key: 'tls.key' }, f.tlsKey),
      ] : []),
    ];

    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: sa,
      terminationGracePeriodSeconds: PRAEFECT_GRACEFUL_STOP_SECONDS + 5,
      annotations: {
        'checksum/config': files.checksum,
        ...scrapeAnnotations(config, 'praefect', prometheusAnnotations(metrics)),
      },
      initContainers: [
        certificatesInit(config),
        configureInit(config, {
          image: w.initImage,
          args: ['/config/configure'],
          mounts: configureMounts('praefect-config', 'init-praefect-secrets', 'praefect-secrets'),
        }),
      ],
      containers: [{
        name: 'praefect',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        env: envList({
          TZ: config.timeZone,
          CONFIG_TEMPLATE_DIRECTORY: PRAEFECT_PATHS.templates,
          CONFIG_DIRECTORY: PRAEFECT_PATHS.config,
          PRAEFECT_CONFIG_FILE: `${PRAEFECT_PATHS.config}/config.toml`,
          SSL_CERT_DIR: '/etc/ssl/certs',
          PRAEFECT_PROMETHEUS_LISTEN_ADDR: `:${PRAEFECT_METRICS_PORT}`,
          // The image's entrypoint runs Praefect instead of Gitaly.
          USE_PRAEFECT_SERVICE: '1',
          PRAEFECT_AUTO_MIGRATE: w.autoMigrate ? '1' : '0',
          NTP_HOST: w.ntpHost,
          GODEBUG,
        }, w.extraEnv, 'components.praefect.extraEnv'),
        ports: [
          { name: 'grpc-praefect', containerPort: PRAEFECT_GRPC_PORT },
          ...(w.tls ? [{ name: 'tls-praefect', containerPort: PRAEFECT_TLS_PORT }] : []),
          { name: 'http-metrics', containerPort: PRAEFECT_METRICS_PORT },
        ],
        volumeMounts: [
          { name: 'praefect-config', mountPath: PRAEFECT_PATHS.templates, readOnly: true },
          { name: 'praefect-secrets', mountPath: PRAEFECT_PATHS.secrets, readOnly: true },
          ...trustStoreMounts(),
        ],
        // Praefect serves the gRPC health service without authentication. Its database migrations run before it
        // listens, so the startup probe allows them five minutes.
        startupProbe: grpcProbe(PRAEFECT_GRPC_PORT, { delay: 1, period: 2, timeout: 1, failures: 150 }),
        livenessProbe: grpcProbe(PRAEFECT_GRPC_PORT, { delay: 0, period: 10, timeout: 3, failures: 3 }),
        readinessProbe: grpcProbe(PRAEFECT_GRPC_PORT, { delay: 0, period: 5, timeout: 3, failures: 3 }),
        securityContext: containerSecurityContext(),
        resources: resources(w.resources),
      }],
      volumes: [
        configMapVolume('praefect-config', files.name),
        projectedSecrets('init-praefect-secrets', secretFiles, [], 0o440),
        memoryDir('praefect-secrets'),
        ...trustStoreVolumes(config),
      ],
    });

    new k8s.KubeStatefulSet(this, 'statefulset', {
      metadata: meta(config, name, labels.workload),
      spec: {
        selector: { matchLabels: labels.selector },
        serviceName: this.serviceName,
        replicas: w.replicas,
        podManagementPolicy: 'Parallel',
        template,
      },
    });

    new k8s.KubeService(this, 'service', {
      metadata: meta(config, this.serviceName, labels.common),
      spec: {
        type: 'ClusterIP',
        clusterIp: 'None',
        selector: labels.selector,
        ports: [
          { name: 'grpc-praefect', port: PRAEFECT_GRPC_PORT, targetPort: k8s.IntOrString.fromString('grpc-praefect'), protocol: 'TCP' },
          ...(w.tls ? [{ name: 'tls-praefect', port: PRAEFECT_TLS_PORT, targetPort: k8s.IntOrString.fromString('tls-praefect'), protocol: 'TCP' }] : []),
          { name: 'http-metrics', port: PRAEFECT_METRICS_PORT, targetPort: k8s.IntOrString.fromString('http-metrics'), protocol: 'TCP' },
        ],
      },
    });

    if (w.pdb) podDisruptionBudget(this, config, name, labels, w.pdb.maxUnavailable);

    this.gitaly = new PraefectGitaly(this, 'gitaly', { config, endpoints });
    // Typed handles to the objects built above (escape hatches; see the README).
    this.statefulSet = requiredHandle(this, 'statefulset', k8s.KubeStatefulSet);
    this.service = requiredHandle(this, 'service', k8s.KubeService);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
    this.podDisruptionBudget = handle(this, 'pdb', k8s.KubePodDisruptionBudget);
  }
}
