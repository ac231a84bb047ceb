import { Check, all, any, bool, falseOr, join, k8sName, list, num, obj, record, required, rule, str } from '../../config/schema';
import { podExtrasFields } from '../../config/pod-extras/validate';
import { runnerCacheCheck } from './cache/validate';
import { runnerConfigCheck } from './runner-config';

/** The manager ConfigMap's own files. */
export const RUNNER_CONFIG_FILES = ['config.toml', 'config.template.toml', 'entrypoint', 'register-the-runner', 'check-live'] as const;
import { partitionSettingsCheck } from '../partition/validate';
import { pdbCheck, resourcesCheck } from '../../config/workloads/checks';
import { annotationMap, httpUrl, labelMap, ownLabelMap, platformCheck, tokenSecretRef, tolerationCheck } from '../common/checks';
import { SEMVER, compareVersions, imageCheck } from '../common/image';
import { integrationName, namespaceName } from '../common/scope';

const uid = () => num({ min: 1, max: 2147483647, fix: 'use a non-root id such as 1000 (0 is root, refused by the restricted Pod Security Standard)' });

const jobLabelKeys = rule((labels: Record<string, unknown>) => {
  const reserved = Object.keys(labels ?? {}).filter((k) => /(^|\.)runner\.gitlab\.com\//.test(k));
  return reserved.length
    ? { allowed: 'labels outside the runner.gitlab.com/ prefix (the runner sets those itself and cannot be overridden)', fix: `remove ${reserved.join(', ')}` }
    : undefined;
});

const runnerFields: Check = obj({
  name: integrationName(),
  namespace: namespaceName(),
  token: required(tokenSecretRef('gitlab-runner-token', 'runner token'),
    'create the runner in GitLab (Settings > CI/CD > Runners, or POST /user/runners), store its glrt- token in a Secret and set token: { name: <Secret>, key: runner-token }'),
  platform: platformCheck,
  gitlabUrl: httpUrl('https://gitlab.example.com'),
  version: all(
    str({ pattern: SEMVER, allowed: 'a GitLab Runner release such as "18.11.4"', fix: 'write major.minor.patch' }),
    rule((v: string) => (compareVersions(v, '17.0.0') < 0 ? { allowed: 'GitLab Runner 17.0.0 or later (runner authentication tokens, pod informers)', fix: 'upgrade the runner version' } : undefined)),
  ),
  image: imageCheck,
  concurrent: num({ min: 1, max: 1000 }),
  limit: num({ min: 0, max: 1000 }),
  requestConcurrency: num({ min: 1, max: 100 }),
  checkIntervalSeconds: num({ min: 1, max: 3600 }),
  shutdownTimeoutSeconds: num({ min: 0, max: 86400 }),
  logLevel: str({ oneOf: ['debug', 'info', 'warn', 'error', 'fatal', 'panic'] }),
  logFormat: str({ oneOf: ['runner', 'text', 'json'] }),
  terminationGracePeriodSeconds: num({ min: 0, max: 86400 }),
  topologySpreadConstraints: list(record(any())),
  jobs: obj({
    namespace: namespaceName(),
    partition: falseOr(partitionSettingsCheck),
    serviceAccountName: k8sName('ServiceAccount name'),
    image: str({ pattern: /^[^\s]+$/, allowed: 'an image reference', fix: 'write e.g. "alpine:3.21"' }),
    resources: obj({ build: resourcesCheck, helper: resourcesCheck, service: resourcesCheck }),
    nodeSelector: labelMap(),
    tolerations: list(tolerationCheck),
    podLabels: all(labelMap(), jobLabelKeys),
    podAnnotations: annotationMap(),
    pollIntervalSeconds: num({ min: 1, max: 60 }),
    pollTimeoutSeconds: num({ min: 10, max: 86400 }),
    user: obj({ uid: uid(), gid: uid(), fsGroup: uid() }),
    imagePullSecrets: list(k8sName('Secret name'), { unique: true }),
    privileged: bool(),
  }),
  cache: runnerCacheCheck,
  metrics: bool(),
  replicas: num({ min: 1, max: 20 }),
  podDisruptionBudget: pdbCheck,
  resources: resourcesCheck,
  nodeSelector: labelMap(),
  tolerations: list(tolerationCheck),
  unregisterOnStop: bool(),
  imagePullSecrets: list(k8sName('Secret name'), { unique: true }),
  labels: ownLabelMap(),
  certificatesSecretName: k8sName('Secret name'),
  podAnnotations: annotationMap(),
  podLabels: labelMap(),
  priorityClassName: k8sName('PriorityClass name'),
  affinity: record(any()),
  hostAliases: list(obj({
    ip: required(str({ pattern: /^[0-9a-fA-F.:]+$/, allowed: 'an IPv4 or IPv6 address', fix: 'write e.g. "10.0.0.10"' })),
    hostnames: required(list(str({ pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, allowed: 'a host name', fix: 'write e.g. "gitlab.example.com"' }), { minItems: 1 })),
  })),
  env: list(obj({ name: required(str({ pattern: /^[-._a-zA-Z][-._a-zA-Z0-9]*$/, allowed: 'an environment variable name' })), value: str({ nonEmpty: false }), valueFrom: record(any()) })),
  extraVolumes: podExtrasFields.extraVolumes,
  extraVolumeMounts: podExtrasFields.extraVolumeMounts,
  serviceAccountAnnotations: annotationMap(),
  secrets: list(obj({
    name: required(k8sName('Secret name')),
    items: list(obj({ key: required(str({ pattern: /^[-._a-zA-Z0-9]+$/, allowed: 'a Secret key' })), path: required(str({ pattern: /^[-._a-zA-Z0-9][-._a-zA-Z0-9/]*$/, allowed: 'a relative file path' })) })),
  })),
  configFiles: all(record(str({ nonEmpty: false }), { pattern: /^[-._a-zA-Z0-9]+$/, allowed: 'a ConfigMap key (letters, digits, "-", "_", ".")' }),
    rule((files: Record<string, unknown>) => {
      const own = Object.keys(files ?? {}).filter((k) => (RUNNER_CONFIG_FILES as readonly string[]).includes(k));
      return own.length ? { allowed: `file names other than ${RUNNER_CONFIG_FILES.join(', ')} (the construct writes them)`, fix: `rename or remove ${own.join(', ')}` } : undefined;
    })),
  runnerConfig: any(),
}, { what: 'GitLabRunner props' });

/** The props, and `runnerConfig` knowing whether jobs run privileged. */
export const runnerPropsCheck: Check = all(runnerFields, (value, path, issues) => {
  const p = (value ?? {}) as { runnerConfig?: unknown; jobs?: { privileged?: unknown } };
  runnerConfigCheck(p.jobs?.privileged === true)(p.runnerConfig, join(path, 'runnerConfig'), issues);
});
