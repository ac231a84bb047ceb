import * as k8s from '../../lib/k8s';
import { handle, requiredHandle } from '../../lib/handles';
import { Construct } from 'constructs';
import { ResolvedConfig } from '../../config/resolved';
import { configFiles } from '../../lib/config-map';
import { PlatformEndpoints } from '../../lib/endpoints';
import { envList } from '../../lib/env';
import { componentLabels } from '../../lib/labels';
import { postgresClientKeyScript, postgresSecretFiles } from '../../lib/postgres';
import { execProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { redisSecretFiles } from '../../lib/redis';
import { containerSecurityContext } from '../../lib/security';
import {
  certificatesInit, configMapVolume, configureInit, configureMounts, copySecretsScript, memoryDir,
  projectedSecrets, trustStoreMounts, trustStoreVolumes,
} from '../../lib/volumes';
import { deployment, meta, podTemplate, serviceAccount } from '../../lib/workload';
import { exporterConfigTemplate } from './config-template';
import { prometheusAnnotations } from '../../lib/metrics';
import { scrapeAnnotations } from '../monitoring/monitors';

export interface GitLabExporterProps {
  /** The resolved platform configuration (`resolveConfig`). */
  readonly config: ResolvedConfig;
  /** Service names of the platform (`platformEndpoints`). */
  readonly endpoints: PlatformEndpoints;
}

/** Ruby allocator settings the chart gives the exporter (small, steady heap). */
const RUBY_ENV = {
  MALLOC_CONF: 'dirty_decay_ms:0,muzzy_decay_ms:0',
  RUBY_GC_HEAP_FREE_SLOTS_MAX_RATIO: '0.111',
  RUBY_GC_HEAP_FREE_SLOTS_MIN_RATIO: '0.055',
  RUBY_GC_HEAP_INIT_SLOTS: '80000',
};

/**
 * gitlab-exporter: Prometheus metrics about the database and Sidekiq queues, on port 9168.
 *
 * @see https://docs.gitlab.com/charts/charts/gitlab/gitlab-exporter/
 */
export class GitLabExporter extends Construct {
  /** The metrics Service name. */
  readonly serviceName: string;
  readonly port = 9168;

  /** The Deployment: add an annotation (`deployment.metadata.addAnnotation(k, v)`) or a checked patch (`strictJsonPatch`). */
  readonly deployment: k8s.KubeDeployment;
  /** The Service. */
  readonly service: k8s.KubeService;
  /** The ConfigMap holding the component's configuration templates. */
  readonly configMap: k8s.KubeConfigMap;
  /** The ServiceAccount, unless `serviceAccounts` is off. */
  readonly serviceAccount?: k8s.KubeServiceAccount;

  constructor(scope: Construct, id: string, props: GitLabExporterProps) {
    super(scope, id);
    const { config, endpoints } = props;
    const w = config.components.gitlabExporter!;
    const name = endpoints.gitlabExporter.service;
    const image = config.images.gitlabExporter;
    const labels = componentLabels(config, 'gitlab-exporter', image.tag);
    this.serviceName = name;

    const files = configFiles(this, 'config', config, name, labels.common, {
      'gitlab-exporter.yml.erb': exporterConfigTemplate(config),
      configure: copySecretsScript([], ['redis', 'redis-sentinel', 'postgres', 'gitlab-exporter'])
        + postgresClientKeyScript(config.postgres.clients.gitlabExporter),
    });

    // Deliberate difference: the chart mounts only the global Redis password even when the queues instance (whose
    // URL the exporter reads) has its own; here the file the URL names is the one mounted.
    const secretFiles = [
      ...postgresSecretFiles(config.postgres.clients.gitlabExporter),
      ...redisSecretFiles(config.redis, [config.redis.forPurpose.queues]),
    ];

    const sa = serviceAccount(this, config, name, labels, w.serviceAccountAnnotations, undefined, w.serviceAccount);

    const template = podTemplate({
      config, labels, workload: w, serviceAccountName: sa,
      annotations: {
        'checksum/config': files.checksum,
        ...scrapeAnnotations(config, 'gitlabExporter', prometheusAnnotations(9168)),
      },
      initContainers: [
        // The chart gives the init containers the exporter's allocator settings too.
        certificatesInit(config, 1000, envList(RUBY_ENV)),
        configureInit(config, {
          image: w.initImage,
          env: envList(RUBY_ENV),
          args: ['/config/configure'],
          mounts: configureMounts('gitlab-exporter-config', 'init-gitlab-exporter-secrets', 'gitlab-exporter-secrets'),
        }),
      ],
      containers: [{
        name: 'gitlab-exporter',
        image: image.ref,
        imagePullPolicy: image.pullPolicy,
        env: envList({
          TZ: config.timeZone,
          CONFIG_TEMPLATE_DIRECTORY: '/var/opt/gitlab-exporter/templates',
          CONFIG_DIRECTORY: '/etc/gitlab-exporter',
          ...RUBY_ENV,
        }, w.extraEnv, 'components.gitlabExporter.extraEnv'),
        ports: [{ name: 'http-metrics', containerPort: 9168 }],
        volumeMounts: [
          { name: 'gitlab-exporter-config', mountPath: '/var/opt/gitlab-exporter/templates/gitlab-exporter.yml.erb', subPath: 'gitlab-exporter.yml.erb' },
          { name: 'gitlab-exporter-secrets', mountPath: '/etc/gitlab', readOnly: true },
          ...trustStoreMounts(),
        ],
        livenessProbe: execProbe(['pgrep', '-f', 'gitlab-exporter'], { delay: 20, period: 60, timeout: 30, failures: 3 }),
        readinessProbe: execProbe(['pgrep', '-f', 'gitlab-exporter'], { delay: 0, period: 10, timeout: 2, failures: 3 }),
        lifecycle: { preStop: { exec: { command: ['/bin/bash', '-c', "pkill -f 'gitlab-exporter'"] } } },
        securityContext: containerSecurityContext(),
        resources: resources(w.resources),
      }],
      volumes: [
        configMapVolume('gitlab-exporter-config', files.name),
        projectedSecrets('init-gitlab-exporter-secrets', secretFiles, [], 0o440),
        memoryDir('gitlab-exporter-secrets'),
        ...trustStoreVolumes(config),
      ],
    });

    deployment(this, config, name, labels, w, template);
    new k8s.KubeService(this, 'service', {
      metadata: meta(config, name, labels.common),
      spec: {
        type: 'ClusterIP',
        selector: labels.selector,
        ports: [{ name: 'http-metrics', port: 9168, targetPort: k8s.IntOrString.fromString('http-metrics'), protocol: 'TCP' }],
      },
    });
    // Typed handles to the objects built above (escape hatches; see the README).
    this.deployment = requiredHandle(this, 'deployment', k8s.KubeDeployment);
    this.service = requiredHandle(this, 'service', k8s.KubeService);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(this, 'service-account', k8s.KubeServiceAccount);
  }
}
