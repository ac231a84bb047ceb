import { serviceAccountCheck } from './service-account/validate';
import { editionCheck, imageOverrideCheck, imagesCheck } from './images/checks';
import { SIZE_NAMES } from './sizing';
import { optionalChecks } from './validate-optional';
import { componentIngressFields, hostsProp, ingressProp } from './exposure/checks';
import { networkPoliciesProp } from './network-policies/checks';
import { monitoringCheck } from './monitoring/validate';
import { kedaCheck } from './keda/validate';
import { emailProp } from './mail/checks';
import { ldapProp, omniauthProp } from './auth/checks';
import { podExtrasFields } from './pod-extras/validate';
import { probeFields } from './probes/validate';
import { serviceExposureCheck } from './service/validate';
import { registryStorageCheck, storageRedirectCheck } from './registry-storage/validate';
import { sshdCheck, sshExposureFields } from './ssh/validate';
import {
  deploymentStrategyCheck, placementShorthandFields, sidekiqPodsCheck,
  terminationGracePeriodCheck, webserviceDeploymentsCheck, WorkloadCheckDeps,
} from './validate-workloads';
import { registryTuningFields } from './registry/checks';
import { railsCheck } from './rails/checks';
import { versionProblem } from './gitlab-version';
import { upgradeCheck } from '../upgrades/validate';
import { inClusterServicesCheck } from '../data-services/checks';
import {
  all, bool, Check, falseOr, k8sName, list, num, obj, quantity, record, required, rule,
  secretRef, str,
} from './schema';
import {
  annotationMap, bucketName, dnsLabel, labelMap, ownLabelMap, requestsWithinLimits, timeZone,
} from './common/checks';
import { OBJECT_TYPES, IRSA_COMPONENTS } from './common/names';
import { customCAsCheck, secretKeysCheck, secretNamesCheck } from './secrets/checks';
import { postgresOverrideCheck, postgresProp } from './postgres/checks';
import { redisProp } from './redis/checks';
import { repositoryChecks } from './gitaly/checks';

/** Checks of the typed props, shape and values; cross-setting rules live in `resolve.ts`. */

// Label and annotation maps come from `common/checks.ts` (the API server's rules, in one place).
const monitoring = monitoringCheck(labelMap);


const toleration = all(obj({
  key: str(), operator: str({ oneOf: ['Exists', 'Equal'] }), value: str({ nonEmpty: false }),
  effect: str({ oneOf: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }), tolerationSeconds: num({ min: 0 }),
}), rule((t: { key?: string; operator?: string; value?: string }) => (t.operator === 'Exists' && t.value
  ? { allowed: 'no value with operator Exists', fix: 'remove value, or use operator: Equal' }
  : !t.key && t.operator !== 'Exists' ? { allowed: 'a key, unless operator is Exists', fix: 'set key, or operator: Exists to tolerate every taint' } : undefined)));

// Affinity and topology spread are passed to Kubernetes as written, and cdk8s drops fields it does not know:
// check them here so a typo is an error instead of a silently missing (or match-nothing) rule.
const selectorRequirement = (operators: string[]) => obj({
  key: required(str()), operator: required(str({ oneOf: operators })), values: list(str({ nonEmpty: false })),
});
const labelSelector = obj({ matchLabels: labelMap(), matchExpressions: list(selectorRequirement(['In', 'NotIn', 'Exists', 'DoesNotExist'])) });
const nodeSelectorTerm = obj({
  matchExpressions: list(selectorRequirement(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'])),
  matchFields: list(selectorRequirement(['In', 'NotIn'])),
});
const podAffinityTerm = obj({
  labelSelector, namespaceSelector: labelSelector, namespaces: list(str()), topologyKey: required(str()),
  matchLabelKeys: list(str()), mismatchLabelKeys: list(str()),
});
const weighted = (field: string, check: Check) => obj({ weight: required(num({ min: 1, max: 100 })), [field]: required(check) });
const podAffinity = obj({
  requiredDuringSchedulingIgnoredDuringExecution: list(podAffinityTerm),
  preferredDuringSchedulingIgnoredDuringExecution: list(weighted('podAffinityTerm', podAffinityTerm)),
});
const affinity = obj({
  nodeAffinity: obj({
    requiredDuringSchedulingIgnoredDuringExecution: obj({ nodeSelectorTerms: required(list(nodeSelectorTerm, { minItems: 1 })) }),
    preferredDuringSchedulingIgnoredDuringExecution: list(weighted('preference', nodeSelectorTerm)),
  }),
  podAffinity,
  podAntiAffinity: podAffinity,
}, { what: 'a Kubernetes affinity object' });
const topologySpreadConstraint = obj({
  maxSkew: required(num({ min: 1 })),
  topologyKey: required(str()),
  whenUnsatisfiable: required(str({ oneOf: ['DoNotSchedule', 'ScheduleAnyway'] })),
  labelSelector,
  minDomains: num({ min: 1 }),
  nodeAffinityPolicy: str({ oneOf: ['Honor', 'Ignore'] }),
  nodeTaintsPolicy: str({ oneOf: ['Honor', 'Ignore'] }),
  matchLabelKeys: list(str()),
});

export const placementCheck = obj({
  nodeSelector: labelMap(),
  tolerations: list(toleration),
  affinity,
  topologySpreadConstraints: list(topologySpreadConstraint),
  priorityClassName: k8sName('PriorityClass name'),
  ...placementShorthandFields,
});

const resourceList = obj({ cpu: quantity(), memory: quantity(), 'ephemeral-storage': quantity() });
export const resourcesCheck = all(obj({ requests: resourceList, limits: resourceList }), requestsWithinLimits);

const target = obj({
  averageValue: quantity(),
  averageUtilization: num({ min: 1, max: 1000 }),
}, { what: '{ averageValue: "1" } or { averageUtilization: 75 }' });
const oneTarget: Check = all(target, rule((v: Record<string, unknown>) =>
  (('averageValue' in v) === ('averageUtilization' in v)
    ? { allowed: 'exactly one of averageValue or averageUtilization', fix: 'keep one of the two keys' } : undefined)));

export const autoscalingCheck = falseOr(obj({
  minReplicas: num({ min: 1, max: 1000 }),
  maxReplicas: num({ min: 1, max: 1000 }),
  cpu: oneTarget,
  memory: oneTarget,
  scaleDownStabilizationSeconds: num({ min: 0, max: 3600 }),
}));

export const pdbCheck = falseOr(obj({
  maxUnavailable: rule((v: unknown) => ((typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && /^(100|[1-9]?[0-9])%$/.test(v))
    ? undefined : { allowed: 'a non-negative integer or a percentage from 0% to 100%', fix: 'write e.g. 1 or "25%"' })),
}));

const workloadFields = {
  enabled: bool(),
  replicas: num({ min: 0, max: 1000 }),
  autoscaling: autoscalingCheck,
  podDisruptionBudget: pdbCheck,
  resources: resourcesCheck,
  placement: placementCheck,
  podAnnotations: annotationMap(),
  podLabels: ownLabelMap(),
  serviceAccountAnnotations: annotationMap(),
  serviceAccount: serviceAccountCheck,
  initImage: imageOverrideCheck,
  extraEnv: record(str({ nonEmpty: false }), { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, allowed: 'an environment variable name', fix: 'use letters, digits and _' }),
  terminationGracePeriodSeconds: terminationGracePeriodCheck,
  deploymentStrategy: deploymentStrategyCheck,
  ...podExtrasFields,
  ...probeFields,
};
const componentIngress = () => obj(componentIngressFields(annotationMap));

const pick = <K extends keyof typeof workloadFields>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, workloadFields[k]]));
const noScaling = pick('enabled', 'replicas', 'resources', 'placement', 'podAnnotations', 'podLabels', 'serviceAccountAnnotations', 'serviceAccount', 'initImage', 'extraEnv',
  'terminationGracePeriodSeconds', 'deploymentStrategy', 'extraVolumes', 'extraVolumeMounts', 'extraInitContainers', 'extraContainers',
  'livenessProbe', 'readinessProbe', 'startupProbe');

const bucket = () => bucketName();
const roleArn = () => str({ pattern: /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, allowed: 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)', fix: 'copy the role ARN from IAM or the Pulumi stack output' });

const sidekiqQueues = list(str({ pattern: /^[a-z0-9_:.-]+$/, allowed: 'a Sidekiq queue name' }), { unique: true });
const workloadDeps: WorkloadCheckDeps = {
  annotationMap, labelMap: ownLabelMap, resources: resourcesCheck, placement: placementCheck, autoscaling: obj({
    minReplicas: num({ min: 1, max: 1000 }), maxReplicas: num({ min: 1, max: 1000 }),
    cpu: oneTarget, memory: oneTarget, scaleDownStabilizationSeconds: num({ min: 0, max: 3600 }),
  }), pdb: pdbCheck, extraEnv: workloadFields.extraEnv, queues: sidekiqQueues,
};

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
      deployments: webserviceDeploymentsCheck(workloadDeps),
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
      pods: sidekiqPodsCheck(workloadDeps),
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
