import { FLOATING_TAGS } from './images';
import { SIZE_NAMES } from './sizing/names';
import { optionalChecks } from './validate-optional';
import { exposureChecks } from './validate-exposure';
import { monitoringCheck } from './monitoring/validate';
import { kedaCheck } from './keda/validate';
import { serviceExposureCheck } from './service/validate';
import { registryStorageCheck, storageRedirectCheck } from './registry-storage/validate';
import { sshdCheck } from './ssh/validate';
import {
  componentIngressFields, registryTuningFields, secretKeysCheck,
} from './validate-workloads';
import { railsCheck } from './validate-rails';
import { versionProblem } from './gitlab-version';
import { upgradeCheck } from '../upgrades/validate';
import { inClusterServicesCheck } from '../data-services/checks';
import {
  all, bool, Check, k8sName, list, num, obj, required, rule,
  secretRef, str,
} from './schema';
import {
  annotationMap, bucketName, dnsLabel, hostName, labelMap, portNumber, ownLabelMap, quantityCheck, secretKey, timeZone,
} from './common/checks';
import { IMAGE_NAMES, OBJECT_TYPES, IRSA_COMPONENTS, SHARED_SECRET_NAMES } from './common/names';
import { postgresConnectionFields, postgresOverrideCheck, postgresProp } from './postgres/checks';
import { redisProp } from './redis/checks';
import { placementCheck } from './placement/checks';
import {
  pdbCheck, resourcesCheck, sidekiqPodsCheck, sidekiqQueues, webserviceDeploymentsCheck, workloadChecks,
} from './workloads/checks';

/** Checks of the typed props, shape and values; cross-setting rules live in `resolve.ts`. */

const host = hostName;
const port = portNumber;
// Label and annotation maps come from `common/checks.ts` (the API server's rules, in one place).
const exposure = exposureChecks({ annotationMap, labelMap });
const monitoring = monitoringCheck(labelMap);

const imageOverride = obj({
  repository: str({ pattern: /^[a-z0-9]([-a-z0-9._/:]*[a-z0-9])?$/, allowed: 'an image repository such as registry.example.com/gitlab/gitlab-webservice-ee', fix: 'write the repository without a tag' }),
  tag: all(
    str({ pattern: /^[\w][\w.-]{0,127}$/, allowed: 'an image tag (letters, digits, ".", "_", "-")', fix: 'write a pinned version tag such as "v18.9.1"' }),
    rule((v: string) => (FLOATING_TAGS.includes(v) ? { allowed: 'a pinned version tag, not a moving tag', fix: `pin a release such as "v18.9.1" instead of "${v}"` } : undefined)),
  ),
  pullPolicy: str({ oneOf: ['IfNotPresent', 'Always', 'Never'] }),
  digest: str({ pattern: /^sha256:[a-f0-9]{64}$/, allowed: 'an image digest sha256:<64 hex digits>', fix: 'copy the digest from the registry, e.g. with `crane digest IMAGE:TAG`' }),
});


const hostOverride = (example: string) => obj({ name: host(example), https: bool() });

const { fields: workloadFields, pick, noScaling } = workloadChecks(imageOverride);
const componentIngress = () => obj(componentIngressFields(annotationMap));

const storageName = () => str({ pattern: /^[a-z0-9][a-z0-9_-]*$/, allowed: 'a storage name (lower-case letters, digits, "-", "_")', fix: 'use e.g. "default"' });
const gitalyPersistence = obj({
  size: quantityCheck({ positive: true }),
  storageClass: k8sName('StorageClass name'),
  accessMode: str({ oneOf: ['ReadWriteOnce', 'ReadWriteOncePod'] }),
  annotations: annotationMap(),
  labels: ownLabelMap(),
});
const internalTls = obj({ secretName: k8sName('Secret name') }, { what: 'a TLS setting { secretName } ({} uses the default Secret name)' });

const bucket = () => bucketName();
const roleArn = () => str({ pattern: /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, allowed: 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)', fix: 'copy the role ARN from IAM or the Pulumi stack output' });

const optional = optionalChecks({ workload: workloadFields, placement: placementCheck, resources: resourcesCheck, annotations: annotationMap });

export const propsCheck: Check = obj({
  releaseName: dnsLabel('a release name', 'gitlab', 30),
  namespace: dnsLabel('a namespace name', 'gitlab'),
  edition: str({ oneOf: ['ee', 'ce'] }),
  version: rule((v: unknown) => versionProblem(v)),
  size: str({ oneOf: SIZE_NAMES, fix: 'pick the reference architecture closest to your peak load (users or requests per second), or remove size for the chart defaults' }),
  images: obj(Object.fromEntries(IMAGE_NAMES.map((n) => [n, imageOverride]))),
  imagePullSecrets: list(k8sName('Secret name'), { unique: true }),
  hosts: required(obj({
    domain: required(host('example.com'), 'set hosts.domain, e.g. example.com'),
    https: bool(),
    gitlab: hostOverride('gitlab.example.com'),
    registry: hostOverride('registry.example.com'),
    kas: hostOverride('kas.example.com'),
    pages: hostOverride('pages.example.com'),
    ssh: obj({ name: host('gitlab.example.com'), port: port() }),
  }), 'set hosts.domain, e.g. hosts: { domain: "example.com" }'),
  timeZone: timeZone(),
  postgres: postgresProp,
  redis: redisProp,
  objectStorage: required(obj({
    connection: secretRef('gitlab-rails-storage'),
    connections: obj(Object.fromEntries(OBJECT_TYPES.map((t) => [t, secretRef(`gitlab-${t.toLowerCase()}-storage`)]))),
    proxyDownload: bool(),
    proxyDownloads: obj(Object.fromEntries(OBJECT_TYPES.filter((t) => t !== 'pages').map((t) => [t, bool()]))),
    storageOptions: obj({
      serverSideEncryption: required(str({ oneOf: ['AES256', 'aws:kms'] }), 'set serverSideEncryption: AES256 or aws:kms'),
      kmsKeyId: str({ pattern: /^[\w:/+=,.@-]{1,2048}$/, allowed: 'a KMS key ID, alias or ARN', fix: 'copy the key ARN from KMS' }),
    }),
    buckets: obj(Object.fromEntries(OBJECT_TYPES.map((t) => [t, bucket()]))),
    disabled: list(str({ oneOf: OBJECT_TYPES }), { unique: true }),
    backupBucket: bucket(),
    backupTmpBucket: bucket(),
    iamRole: obj({
      roleArn: required(roleArn()),
      perComponent: obj(Object.fromEntries(IRSA_COMPONENTS.map((c) => [c, roleArn()]))),
    }),
  }), 'configure object storage: objectStorage: { connection: { name, key } } (GitLab needs S3 in production), or run Garage in the cluster: inClusterServices: { objectStorage: true }'),
  ingress: exposure.ingress,
  networkPolicies: exposure.networkPolicies,
  namespaceObject: ((v, path, issues) => (typeof v === 'boolean' ? undefined : obj({ labels: labelMap(), annotations: annotationMap() })(v, path, issues))) as Check,
  monitoring,
  placement: placementCheck,
  serviceAccounts: bool(),
  components: obj({
    webservice: obj({
      ...workloadFields,
      keda: kedaCheck,
      workerProcesses: num({ min: 0, max: 64 }),
      puma: obj({ threadsMin: num({ min: 1, max: 64 }), threadsMax: num({ min: 1, max: 64 }), workerTimeout: num({ min: 1 }) }),
      workhorseResources: resourcesCheck,
      shutdownBlackoutSeconds: num({ min: 0, max: 600 }),
      postgres: postgresOverrideCheck,
      ingress: componentIngress(),
      service: serviceExposureCheck,
      deployments: webserviceDeploymentsCheck,
      internalDeployment: dnsLabel('the name of one of the webservice Deployments', 'default'),
      monitoringWhitelist: list(str({ pattern: /^[0-9A-Fa-f:.]+(\/[0-9]{1,3})?$/, allowed: 'an IPv4 or IPv6 address or CIDR', fix: 'write e.g. "10.0.0.0/8" or "::/0"' }), { unique: true }),
    }),
    sidekiq: obj({
      ...workloadFields,
      keda: kedaCheck,
      concurrency: num({ min: 1, max: 200 }),
      timeout: num({ min: 1, max: 3600 }),
      queues: sidekiqQueues,
      memoryKillerMaxRss: num({ min: 0 }),
      postgres: postgresOverrideCheck,
      pods: sidekiqPodsCheck,
    }),
    gitaly: obj({
      ...pick('enabled', 'podDisruptionBudget', 'resources', 'placement', 'podAnnotations', 'podLabels', 'serviceAccountAnnotations', 'serviceAccount', 'initImage', 'extraEnv',
        'terminationGracePeriodSeconds', 'extraVolumes', 'extraVolumeMounts', 'extraInitContainers', 'extraContainers',
  'livenessProbe', 'readinessProbe', 'startupProbe'),
      storageNames: list(storageName(), { minItems: 1, unique: true }),
      persistence: gitalyPersistence,
      tls: internalTls,
      bundleUri: obj({ goCloudUrl: required(str({ pattern: /^[a-z][a-z0-9+.-]*:\/\/\S+$/, allowed: 'a Go Cloud blob URL (s3://, gs://, azblob://)', fix: 'write e.g. s3://my-bundles?region=us-east-1' }), 'set goCloudUrl, e.g. s3://my-bundles?region=us-east-1') }),
      external: obj({
        storages: required(list(obj({
          name: required(storageName()),
          hostname: required(host('gitaly.internal.example.com'), 'set the host name (or IPv4 address) of the Gitaly or Praefect server'),
          port: port(),
          tls: bool(),
        }), { minItems: 1 }), 'list the external storages: storages: [{ name: default, hostname: <server> }]'),
        token: secretRef('gitaly-external-token'),
      }),
    }),
    praefect: obj({
      ...pick('enabled', 'replicas', 'podDisruptionBudget', 'resources', 'placement', 'podAnnotations', 'podLabels', 'serviceAccountAnnotations', 'serviceAccount', 'initImage', 'extraEnv',
        'terminationGracePeriodSeconds', 'extraVolumes', 'extraVolumeMounts', 'extraInitContainers', 'extraContainers',
  'livenessProbe', 'readinessProbe', 'startupProbe'),
      database: obj({
        host: required(host('praefect-db.abc123.us-east-1.rds.amazonaws.com'), "set the host of Praefect's PostgreSQL server"),
        port: port(),
        database: postgresConnectionFields.database,
        username: postgresConnectionFields.username,
        password: required(postgresConnectionFields.password, 'set password: { name: <Secret>, key: password }'),
        tls: postgresConnectionFields.tls,
      }),
      virtualStorages: list(obj({
        name: required(dnsLabel('a virtual storage name (it names a StatefulSet)', 'default')),
        gitalyReplicas: num({ min: 1, max: 100 }),
        defaultReplicationFactor: num({ min: 1, max: 100 }),
        podDisruptionBudget: pdbCheck,
        persistence: gitalyPersistence,
        tlsSecretName: k8sName('Secret name'),
      }), { minItems: 1 }),
      replaceInternalGitaly: bool(),
      autoMigrate: bool(),
      ntpHost: host('pool.ntp.org'),
      tls: internalTls,
    }),
    gitlabShell: obj({
      ...workloadFields,
      sshDaemon: str({ oneOf: ['openssh', 'gitlab-sshd'] }),
      sshd: sshdCheck,
      serviceType: str({ oneOf: ['ClusterIP', 'LoadBalancer', 'NodePort'] }),
      serviceAnnotations: annotationMap(),
      ...exposure.gitlabShell,
      nodePort: num({ min: 30000, max: 32767 }),
    }),
    registry: obj({ ...workloadFields, storage: registryStorageCheck, bucket: bucket(), ingress: componentIngress(), ...registryTuningFields,
      service: serviceExposureCheck, storageRedirect: storageRedirectCheck, metrics: bool() }),
    kas: obj({ ...workloadFields, ingress: componentIngress(), service: serviceExposureCheck }),
    gitlabExporter: obj({ ...noScaling, postgres: postgresOverrideCheck }),
    toolbox: obj({
      ...noScaling, backupS3cmdConfig: secretRef('s3cmd-config'), postgres: postgresOverrideCheck, backups: optional.toolboxBackups,
      backupBackend: str({ oneOf: ['s3', 'gcs', 'azure'] }), backupConfig: secretRef('gcs-backup-key'),
      backupGcpProject: str({ pattern: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, allowed: 'a Google Cloud project ID', fix: 'copy the project ID from the Google Cloud console' }),
    }),
    ...optional.components,
    migrations: obj({
      enabled: bool(), resources: resourcesCheck, placement: placementCheck,
      activeDeadlineSeconds: num({ min: 60 }), backoffLimit: num({ min: 0, max: 100 }), extraEnv: workloadFields.extraEnv,
      postgres: postgresOverrideCheck,
    }),
  }),
  secretNames: obj(Object.fromEntries(SHARED_SECRET_NAMES.map((k) => [k, k8sName('Secret name')]))),
  customCAs: all(list(all(obj({ secret: k8sName('Secret name'), configMap: k8sName('ConfigMap name'), keys: list(secretKey('ca.crt'), { unique: true }) }),
    rule((v: { secret?: unknown; configMap?: unknown }) => (v && typeof v === 'object' && (v.secret === undefined) === (v.configMap === undefined)
      ? { allowed: 'exactly one of secret and configMap', fix: 'write { secret: <name> } or { configMap: <name> }' } : undefined)))), customCaPathsCheck),
  labels: ownLabelMap(),
  secretKeys: secretKeysCheck,
  license: secretRef('gitlab-license'),
  podLabels: ownLabelMap(),
  email: optional.email,
  omniauth: optional.omniauth,
  ldap: optional.ldap,
  rails: railsCheck,
  upgrade: upgradeCheck,
  inClusterServices: inClusterServicesCheck({ resources: resourcesCheck, secretRef }),
}, { what: 'a GitLabPlatform configuration object' });

/** Every CA lands in one projected volume: two entries projecting the same key would collide (the API server refuses). */
function customCaPathsCheck(value: unknown, path: string, issues: Parameters<Check>[2]): void {
  const seen = new Map<string, number>();
  (value as { keys?: string[] }[]).forEach((ca, i) => (ca.keys ?? []).forEach((key) => {
    const first = seen.get(key);
    if (first !== undefined) {
      rule(() => ({ allowed: 'each key projected once across customCAs (they share one volume)', fix: `rename the key in one of the Secrets, or drop it from ${path}[${first}].keys or ${path}[${i}].keys` }))(key, `${path}[${i}].keys`, issues);
    }
    seen.set(key, i);
  }));
}
