import { Check, all, bool, obj, required, rule, secretRef, str } from '../../../config/schema';

const bucket = () => str({ pattern: /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/, allowed: 'a bucket name (3-63 lower-case letters, digits, ".", "_" and "-")', fix: 'use a bucket name such as "gl-runner-cache"' });
const roleArn = () => str({ pattern: /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/, allowed: 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)', fix: 'copy the role ARN from IAM or the Pulumi stack output' });
const prefix = () => str({ pattern: /^[A-Za-z0-9][A-Za-z0-9._/-]*$/, allowed: 'an object key prefix', fix: 'use e.g. "runner"' });
const host = (example: string) => str({ pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?$/, allowed: 'a host[:port] without scheme', fix: `write e.g. "${example}"` });

const s3 = all(
  obj({
    bucket: required(bucket(), 'name the cache bucket, e.g. bucket: "gl-runner-cache"'),
    region: str({ pattern: /^[a-z]{2}(-[a-z]+)+-[0-9]$/, allowed: 'an AWS region such as us-east-1', fix: 'write the bucket region' }),
    serverAddress: host('s3.amazonaws.com'),
    path: prefix(),
    shared: bool(),
    iamRoleArn: roleArn(),
    credentials: secretRef('gitlab-runner-cache'),
    serverSideEncryption: str({ oneOf: ['S3', 'KMS'] }),
    insecure: bool(),
  }),
  rule((v: Record<string, unknown>) => (('iamRoleArn' in v) === ('credentials' in v) ? {
    allowed: 'exactly one of iamRoleArn (IRSA, recommended on EKS) or credentials (a Secret with keys accesskey and secretkey)',
    fix: 'set cache.s3.iamRoleArn, or cache.s3.credentials: { name: <Secret> }, not both',
  } : undefined)),
);

const gcs = obj({
  bucket: required(bucket(), 'name the cache bucket, e.g. bucket: "gl-runner-cache"'),
  path: prefix(),
  shared: bool(),
  credentials: secretRef('gitlab-runner-cache'),
});

const azure = obj({
  containerName: required(str({ pattern: /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, allowed: 'a blob container name (3-63 lower-case letters, digits and "-")', fix: 'use e.g. "runner-cache"' }),
    'name the blob container, e.g. containerName: "runner-cache"'),
  credentials: required(secretRef('gitlab-runner-cache'), 'name the Secret with keys azure-account-name and azure-account-key'),
  storageDomain: host('blob.core.windows.net'),
  path: prefix(),
  shared: bool(),
});

/** `cache`: exactly one of s3, gcs, azure. */
export const runnerCacheCheck: Check = all(
  obj({ s3, gcs, azure }),
  rule((v: Record<string, unknown>) => (Object.keys(v ?? {}).filter((k) => ['s3', 'gcs', 'azure'].includes(k)).length !== 1 ? {
    allowed: 'exactly one of s3, gcs or azure', fix: 'configure one cache, e.g. cache.s3: { bucket, iamRoleArn }, or remove cache',
  } : undefined)),
);
