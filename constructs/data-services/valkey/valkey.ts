import * as k8s from '../../lib/k8s';
import { Construct } from 'constructs';
import type { ResolvedConfig } from '../../config/resolved';
import { checksum } from '../../lib/checksum';
import { handle, requiredHandle } from '../../lib/handles';
import { configFiles } from '../../lib/config-map';
import { execProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { configMapVolume, memoryDir } from '../../lib/volumes';
import { meta, serviceAccount } from '../../lib/workload';
import { claimTemplate, imageTag, restrictedContainer, restrictedPod, secretEnv, serviceLabels } from '../common';
import { DATA_SERVICE_IMAGES, VALKEY_EXPORTER_PORT } from '../images';
import type { ResolvedInClusterRedis, ResolvedValkeyServer } from '../resolved';
import { VALKEY_PATHS, VALKEY_START, valkeyConf } from './config-file';

/** The pod label (`app`) of the persistent Valkey and of the cache Valkey. */
export const VALKEY_APPS = { persistent: 'valkey', cache: 'valkey-cache' } as const;
/** The valkey image's user. */
const VALKEY_UID = 999;

export interface ValkeyProps {
  readonly config: ResolvedConfig;
  readonly redis: ResolvedInClusterRedis;
}

/** The objects of one Valkey server (the persistent one, or the cache). */
export interface ValkeyServerHandles {
  readonly statefulSet: k8s.KubeStatefulSet;
  readonly service: k8s.KubeService;
  /** Its `valkey.conf`. */
  readonly configMap: k8s.KubeConfigMap;
  /**
   * Its ServiceAccount.
   * @default none (when `serviceAccounts` is off)
   */
  readonly serviceAccount?: k8s.KubeServiceAccount;
}

/**
 * Valkey for GitLab: a StatefulSet with an append-only file on a retained volume (`noeviction`), and, when asked,
 * a second one for the cache (`allkeys-lru`, no volume). AUTH is on, the password read from its Secret at start.
 */
export class Valkey extends Construct {
  /** Service host names GitLab connects to. */
  readonly hosts: { readonly persistent: string; readonly cache?: string };
  /** The objects of each server: `servers.persistent.statefulSet`, `servers.cache?.service`, ... */
  readonly servers: { readonly persistent: ValkeyServerHandles; readonly cache?: ValkeyServerHandles };

  constructor(scope: Construct, id: string, props: ValkeyProps) {
    super(scope, id);
    const { config, redis } = props;
    const persistent = valkeyServer(this, 'persistent', config, redis, redis.persistent, VALKEY_APPS.persistent);
    const cache = redis.cache ? valkeyServer(this, 'cache', config, redis, redis.cache, VALKEY_APPS.cache) : undefined;
    this.servers = { persistent, ...(cache ? { cache } : {}) };
    this.hosts = { persistent: redis.persistent.name, ...(redis.cache ? { cache: redis.cache.name } : {}) };
  }
}

function valkeyServer(parent: Construct, id: string, config: ResolvedConfig, redis: ResolvedInClusterRedis, s: ResolvedValkeyServer, app: string): ValkeyServerHandles {
  const scope = new Construct(parent, id);
  const labels = serviceLabels(config, app, imageTag(DATA_SERVICE_IMAGES.valkey));
  const files = configFiles(scope, 'config', config, s.name, labels.common, { 'valkey.conf': valkeyConf(s) });
  const auth = secretEnv('REDISCLI_AUTH', redis.password);
  const ping = execProbe(['valkey-cli', '-p', String(s.port), 'ping'], { delay: 0, period: 10, timeout: 5, failures: 3 });
  const data = s.storage ? 'data' : 'scratch';
  const containers: k8s.Container[] = [{
    name: 'valkey',
    image: DATA_SERVICE_IMAGES.valkey,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', VALKEY_START],
    env: [auth],
    ports: [{ name: 'redis', containerPort: s.port, protocol: 'TCP' }],
    volumeMounts: [
      { name: 'config', mountPath: VALKEY_PATHS.config, readOnly: true },
      { name: 'run', mountPath: VALKEY_PATHS.run },
      { name: data, mountPath: VALKEY_PATHS.data },
    ],
    startupProbe: { ...ping, periodSeconds: 2, failureThreshold: 60 },
    livenessProbe: ping,
    readinessProbe: { ...ping, periodSeconds: 5 },
    securityContext: restrictedContainer(VALKEY_UID),
    resources: resources(s.resources),
  }];
  if (redis.metrics) {
    containers.push({
      name: 'metrics',
      image: DATA_SERVICE_IMAGES.valkeyExporter,
      imagePullPolicy: 'IfNotPresent',
      env: [{ name: 'REDIS_ADDR', value: `redis://127.0.0.1:${s.port}` }, secretEnv('REDIS_PASSWORD', redis.password)],
      ports: [{ name: 'http-metrics', containerPort: VALKEY_EXPORTER_PORT, protocol: 'TCP' }],
      securityContext: restrictedContainer(VALKEY_UID),
      resources: { requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('32Mi') } },
    });
  }
  const account = serviceAccount(scope, config, s.name, labels);
  const statefulSet = new k8s.KubeStatefulSet(scope, 'statefulset', {
    metadata: meta(config, s.name, labels.workload),
    spec: {
      selector: { matchLabels: labels.selector },
      serviceName: s.name,
      replicas: 1,
      // The append-only file outlives the StatefulSet: deleting it never deletes the volume.
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { labels: labels.workload, annotations: { 'checksum/config': checksum(files.checksum) } },
        spec: {
          ...(account ? { serviceAccountName: account } : {}),
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: restrictedPod(VALKEY_UID),
          ...(config.imagePullSecrets.length ? { imagePullSecrets: config.imagePullSecrets.map((name) => ({ name })) } : {}),
          containers,
          volumes: [
            configMapVolume('config', files.name),
            memoryDir('run'),
            ...(s.storage ? [] : [{ name: data, emptyDir: {} }]),
          ],
        },
      },
      ...(s.storage ? { volumeClaimTemplates: [claimTemplate(data, labels.selector, s.storage)] } : {}),
    },
  });
  const service = new k8s.KubeService(scope, 'service', {
    metadata: meta(config, s.name, labels.common),
    spec: {
      type: 'ClusterIP',
      selector: labels.selector,
      ports: [
        { name: 'tcp-redis', port: s.port, targetPort: k8s.IntOrString.fromString('redis'), protocol: 'TCP' },
        ...(redis.metrics ? [{ name: 'http-metrics', port: VALKEY_EXPORTER_PORT, targetPort: k8s.IntOrString.fromString('http-metrics'), protocol: 'TCP' }] : []),
      ],
    },
  });
  return {
    statefulSet,
    service,
    configMap: requiredHandle(scope, 'config', k8s.KubeConfigMap),
    serviceAccount: handle(scope, 'service-account', k8s.KubeServiceAccount),
  };
}
