import { Check, all, bool, falseOr, k8sName, list, num, obj, required, rule, secretRef, str } from '../../config/schema';
import { partitionSettingsCheck } from '../partition/validate';
import { pdbCheck, resourcesCheck } from '../../config/validate';
import { annotationMap, httpUrl, labelMap, ownLabelMap, platformCheck, tokenSecretRef, tolerationCheck } from '../common/checks';
import { SEMVER, compareVersions, imageCheck } from '../common/image';
import { integrationName, namespaceName } from '../common/scope';

const bucket = () => str({ pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, allowed: 'an S3 bucket name (3-63 lower-case letters, digits, "." and "-")', fix: 'use a bucket name such as "gl-runner-cache"' });
const roleArn = () => str({ pattern: /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, allowed: 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)', fix: 'copy the role ARN from IAM or the Pulumi stack output' });
const uid = () => num({ min: 1, max: 2147483647, fix: 'use a non-root id such as 1000 (0 is root, refused by the restricted Pod Security Standard)' });

const jobLabelKeys = rule((labels: Record<string, unknown>) => {
  const reserved = Object.keys(labels ?? {}).filter((k) => /(^|\.)runner\.gitlab\.com\//.test(k));
  return reserved.length
    ? { allowed: 'labels outside the runner.gitlab.com/ prefix (the runner sets those itself and cannot be overridden)', fix: `remove ${reserved.join(', ')}` }
    : undefined;
});

const cacheS3 = all(
  obj({
    bucket: required(bucket(), 'name the cache bucket, e.g. bucket: "gl-runner-cache"'),
    region: str({ pattern: /^[a-z]{2}(-[a-z]+)+-[0-9]$/, allowed: 'an AWS region such as us-east-1', fix: 'write the bucket region' }),
    serverAddress: str({ pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?$/, allowed: 'a host[:port] without scheme', fix: 'write e.g. "s3.amazonaws.com"' }),
    path: str({ pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/, allowed: 'an object key prefix', fix: 'use e.g. "runner"' }),
    shared: bool(),
    iamRoleArn: roleArn(),
    credentials: secretRef('gitlab-runner-cache'),
    serverSideEncryption: str({ oneOf: ['S3', 'KMS'] }),
  }),
  rule((v: Record<string, unknown>) => (('iamRoleArn' in v) === ('credentials' in v) ? {
    allowed: 'exactly one of iamRoleArn (IRSA, recommended on EKS) or credentials (a Secret with keys accesskey and secretkey)',
    fix: 'set cache.s3.iamRoleArn, or cache.s3.credentials: { name: <Secret> }, not both',
  } : undefined)),
);

export const runnerPropsCheck: Check = obj({
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
  cache: obj({ s3: required(cacheS3, 'configure cache.s3: { bucket, iamRoleArn } or remove cache') }),
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
}, { what: 'GitLabRunner props' });
