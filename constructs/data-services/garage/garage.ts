import * as k8s from '../../lib/k8s';
import { Construct } from 'constructs';
import type { ResolvedConfig } from '../../config/resolved';
import { shortHash } from '../../lib/checksum';
import { configFiles } from '../../lib/config-map';
import { handle, requiredHandle } from '../../lib/handles';
import { tcpProbe } from '../../lib/probes';
import { resources } from '../../lib/quantities';
import { configMapVolume } from '../../lib/volumes';
import { meta, serviceAccount } from '../../lib/workload';
import { claimTemplate, imageTag, restrictedContainer, restrictedPod, secretEnv, serviceLabels } from '../common';
import { DATA_SERVICE_IMAGES } from '../images';
import type { ResolvedInClusterObjectStorage } from '../resolved';
import { GARAGE_BOOTSTRAP_SCRIPT } from './bootstrap-script';
import { GARAGE_PATHS, garageToml, quantityBytes } from './config-file';

/** Pod labels (`app`) of the Garage node and of its bootstrap Job. */
export const GARAGE_APPS = { server: 'garage', bootstrap: 'garage-bootstrap' } as const;
const GARAGE_UID = 1000;
/** curlimages/curl's user. */
const CURL_UID = 100;
const CURL_GID = 101;

export interface GarageProps {
  readonly config: ResolvedConfig;
  readonly garage: ResolvedInClusterObjectStorage;
}

/**
 * Garage, S3-compatible object storage, as one node: a StatefulSet with retained metadata and data volumes, a
 * Service for the S3 API (3900) and the admin API (3903), and a bootstrap Job that assigns the layout, imports
 * GitLab's access key and creates every bucket the platform uses (idempotent; its name changes with the buckets,
 * so adding a bucket runs it again).
 */
export class Garage extends Construct {
  /** Name of the bootstrap Job. */
  readonly bootstrapJobName: string;
  /** The Garage node. */
  readonly statefulSet: k8s.KubeStatefulSet;
  /** The Service of the S3 and admin APIs. */
  readonly service: k8s.KubeService;
  /** Its `garage.toml`. */
  readonly configMap: k8s.KubeConfigMap;
  /** The bootstrap Job (layout, access key, buckets). */
  readonly bootstrapJob: k8s.KubeJob;
  /**
   * The node's ServiceAccount.
   * @default none (when `serviceAccounts` is off)
   */
  readonly serviceAccount?: k8s.KubeServiceAccount;
  /**
   * The bootstrap Job's ServiceAccount.
   * @default none (when `serviceAccounts` is off)
   */
  readonly bootstrapServiceAccount?: k8s.KubeServiceAccount;

  constructor(scope: Construct, id: string, props: GarageProps) {
    super(scope, id);
    const { config, garage: g } = props;
    const version = imageTag(DATA_SERVICE_IMAGES.garage);
    const labels = serviceLabels(config, GARAGE_APPS.server, version);
    const files = configFiles(this, 'config', config, g.name, labels.common, { 'garage.toml': garageToml(g) });
    const pullSecrets = config.imagePullSecrets.length ? { imagePullSecrets: config.imagePullSecrets.map((name) => ({ name })) } : {};

    const server = new Construct(this, 'server');
    const account = serviceAccount(server, config, g.name, labels);
    this.configMap = requiredHandle(this, 'config', k8s.KubeConfigMap);
    this.serviceAccount = handle(server, 'service-account', k8s.KubeServiceAccount);
    this.statefulSet = new k8s.KubeStatefulSet(this, 'statefulset', {
      metadata: meta(config, g.name, labels.workload),
      spec: {
        selector: { matchLabels: labels.selector },
        serviceName: g.name,
        replicas: 1,
        // Objects and their metadata outlive the StatefulSet: deleting it never deletes a volume.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        template: {
          metadata: { labels: labels.workload, annotations: { 'checksum/config': files.checksum } },
          spec: {
            ...(account ? { serviceAccountName: account } : {}),
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPod(GARAGE_UID),
            ...pullSecrets,
            containers: [{
              name: 'garage',
              image: DATA_SERVICE_IMAGES.garage,
              imagePullPolicy: 'IfNotPresent',
              command: ['/garage', '-c', `${GARAGE_PATHS.config}/garage.toml`, 'server'],
              env: [
                secretEnv('GARAGE_RPC_SECRET', g.secrets.rpcSecret),
                secretEnv('GARAGE_ADMIN_TOKEN', g.secrets.adminToken),
              ],
              ports: [
                { name: 's3', containerPort: g.s3Port, protocol: 'TCP' },
                { name: 'rpc', containerPort: g.rpcPort, protocol: 'TCP' },
                { name: 'admin', containerPort: g.adminPort, protocol: 'TCP' },
              ],
              volumeMounts: [
                { name: 'config', mountPath: GARAGE_PATHS.config, readOnly: true },
                { name: 'meta', mountPath: GARAGE_PATHS.metadata },
                { name: 'data', mountPath: GARAGE_PATHS.data },
              ],
              // TCP, not /health: the node reports unhealthy until the bootstrap Job assigns the layout, and the
              // Job reaches it through the Service, which only routes to ready pods.
              readinessProbe: tcpProbe(g.adminPort, { delay: 0, period: 5, timeout: 3, failures: 3 }),
              livenessProbe: tcpProbe(g.s3Port, { delay: 10, period: 10, timeout: 3, failures: 6 }),
              securityContext: restrictedContainer(GARAGE_UID),
              resources: resources(g.resources),
            }],
            volumes: [configMapVolume('config', files.name)],
          },
        },
        volumeClaimTemplates: [
          claimTemplate('meta', labels.selector, g.metadataStorage),
          claimTemplate('data', labels.selector, g.storage),
        ],
      },
    });

    this.service = new k8s.KubeService(this, 'service', {
      metadata: meta(config, g.name, labels.common),
      spec: {
        type: 'ClusterIP',
        selector: labels.selector,
        ports: [
          { name: 'http-s3', port: g.s3Port, targetPort: k8s.IntOrString.fromString('s3'), protocol: 'TCP' },
          { name: 'http-admin', port: g.adminPort, targetPort: k8s.IntOrString.fromString('admin'), protocol: 'TCP' },
        ],
      },
    });

    // Jobs are immutable: the name carries what the Job applies, so a new bucket list is a new Job.
    const capacity = quantityBytes(g.storage.size);
    this.bootstrapJobName = `${g.name}-bootstrap-${shortHash(g.buckets, capacity, GARAGE_BOOTSTRAP_SCRIPT, DATA_SERVICE_IMAGES.curl)}`;
    const jobLabels = serviceLabels(config, GARAGE_APPS.bootstrap, version);
    const bootstrapAccount = new Construct(this, 'bootstrap-account');
    const jobAccount = serviceAccount(bootstrapAccount, config, `${g.name}-bootstrap`, jobLabels);
    this.bootstrapServiceAccount = handle(bootstrapAccount, 'service-account', k8s.KubeServiceAccount);
    this.bootstrapJob = new k8s.KubeJob(this, 'bootstrap', {
      metadata: meta(config, this.bootstrapJobName, jobLabels.workload),
      spec: {
        backoffLimit: 6,
        activeDeadlineSeconds: 900,
        template: {
          metadata: { labels: jobLabels.workload },
          spec: {
            restartPolicy: 'OnFailure',
            ...(jobAccount ? { serviceAccountName: jobAccount } : {}),
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: restrictedPod(CURL_UID, CURL_GID),
            ...pullSecrets,
            containers: [{
              name: 'bootstrap',
              image: DATA_SERVICE_IMAGES.curl,
              imagePullPolicy: 'IfNotPresent',
              command: ['sh', '-c', GARAGE_BOOTSTRAP_SCRIPT],
              env: [
                { name: 'GARAGE_ADMIN_URL', value: `http://${g.name}:${g.adminPort}` },
                secretEnv('GARAGE_ADMIN_TOKEN', g.secrets.adminToken),
                secretEnv('GARAGE_ACCESS_KEY_ID', g.secrets.accessKeyId),
                secretEnv('GARAGE_SECRET_ACCESS_KEY', g.secrets.secretAccessKey),
                { name: 'GARAGE_CAPACITY', value: String(capacity) },
                { name: 'GARAGE_BUCKETS', value: g.buckets.join(' ') },
              ],
              securityContext: restrictedContainer(CURL_UID, CURL_GID),
              resources: { requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('16Mi') } },
            }],
          },
        },
      },
    });
  }
}
