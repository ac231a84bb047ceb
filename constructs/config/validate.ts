import { editionCheck, imageOverrideCheck, imagesCheck } from './images/checks';
import { SIZE_NAMES } from './sizing/names';
import { optionalChecks } from './validate-optional';
import { componentIngressFields, hostsProp, ingressProp } from './exposure/checks';
import { networkPoliciesProp } from './network-policies/checks';
import { monitoringCheck } from './monitoring/validate';
import { kedaCheck } from './keda/validate';
import { emailProp } from './mail/checks';
import { ldapProp, omniauthProp } from './auth/checks';
import { serviceExposureCheck } from './service/validate';
import { registryStorageCheck, storageRedirectCheck } from './registry-storage/validate';
import { sshdCheck, sshExposureFields } from './ssh/validate';
import { registryTuningFields } from './registry/checks';
import { railsCheck } from './rails/checks';
import { versionProblem } from './gitlab-version';
import { upgradeCheck } from '../upgrades/validate';
import { inClusterServicesCheck } from '../data-services/checks';
import {
  bool, Check, k8sName, list, num, obj, rule,
  secretRef, str,
} from './schema';
import {
  annotationMap, bucketName, dnsLabel, labelMap, ownLabelMap, timeZone,
} from './common/checks';
import { objectStorageProp } from './object-storage/checks';
import { customCAsCheck, secretKeysCheck, secretNamesCheck } from './secrets/checks';
import { postgresOverrideCheck, postgresProp } from './postgres/checks';
import { redisProp } from './redis/checks';
import { repositoryChecks } from './gitaly/checks';
import { placementCheck } from './placement/checks';
import {
  pdbCheck, resourcesCheck, sidekiqPodsCheck, sidekiqQueues, webserviceDeploymentsCheck, workloadChecks,
} from './workloads/checks';

/** Checks of the typed props, shape and values; cross-setting rules live in `resolve.ts`. */

// Label and annotation maps come from `common/checks.ts` (the API server's rules, in one place).
const monitoring = monitoringCheck(labelMap);


const { fields: workloadFields, noScaling } = workloadChecks(imageOverrideCheck);
const componentIngress = () => obj(componentIngressFields(annotationMap));

const bucket = () => bucketName();

const optional = optionalChecks({ workload: workloadFields, placement: placementCheck, resources: resourcesCheck, annotations: annotationMap });

export const propsCheck: Check = obj({
  releaseName: dnsLabel('a release name', 'gitlab', 30),
  namespace: dnsLabel('a namespace name', 'gitlab'),
  edition: editionCheck,
  version: rule((v: unknown) => versionProblem(v)),
  size: str({ oneOf: SIZE_NAMES, fix: 'pick the reference architecture closest to your peak load (users or requests per second), or remove size for the chart defaults' }),
  images: imagesCheck,
  imagePullSecrets: list(k8sName('Secret name'), { unique: true }),
  hosts: hostsProp,
  timeZone: timeZone(),
  postgres: postgresProp,
  redis: redisProp,
  objectStorage: objectStorageProp,
  ingress: ingressProp,
  networkPolicies: networkPoliciesProp,
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
    ...repositoryChecks(workloadFields, pdbCheck),
    gitlabShell: obj({
      ...workloadFields,
      sshDaemon: str({ oneOf: ['openssh', 'gitlab-sshd'] }),
      sshd: sshdCheck,
      serviceType: str({ oneOf: ['ClusterIP', 'LoadBalancer', 'NodePort'] }),
      serviceAnnotations: annotationMap(),
      ...sshExposureFields,
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
  secretNames: secretNamesCheck,
  customCAs: customCAsCheck,
  labels: ownLabelMap(),
  secretKeys: secretKeysCheck,
  license: secretRef('gitlab-license'),
  podLabels: ownLabelMap(),
  email: emailProp,
  omniauth: omniauthProp,
  ldap: ldapProp,
  rails: railsCheck,
  upgrade: upgradeCheck,
  inClusterServices: inClusterServicesCheck({ resources: resourcesCheck, secretRef }),
}, { what: 'a GitLabPlatform configuration object' });
