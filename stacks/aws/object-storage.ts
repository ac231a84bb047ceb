import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ConfigIssue, GitLabConfigError, show } from '../../constructs/config/errors';
import { ObjectType } from '../../constructs/config/types';
import { childOptions, dataOptions, PolicyStatement, policyJson, Tags } from './common';

/** Every bucket GitLab uses: the Rails object types, the registry, backups and the restore scratch bucket. */
export type BucketId = ObjectType | 'registry' | 'backups' | 'tmp';

/** How a bucket is kept. */
export interface BucketPolicyPlan {
  readonly id: BucketId;
  /** Name suffix after the prefix (`<prefix>-<suffix>`). */
  readonly suffix: string;
  /** Object versions are kept so a deleted or overwritten object can be recovered. */
  readonly versioned: boolean;
  /** Days a noncurrent version is kept (versioned buckets only). */
  readonly noncurrentDays?: number;
  /** Days after which current objects expire (scratch data only). */
  readonly expireDays?: number;
  /** Keep the bucket when the stack is destroyed (everything but scratch space). */
  readonly holdsData: boolean;
}

/**
 * The bucket table. Versioning is on wherever objects are user data (uploads, LFS, packages, registry layers,
 * backups ...): an accidental delete or overwrite stays recoverable for a while, and lifecycle rules expire the
 * old versions so the cost stays bounded. Only the restore scratch bucket is unversioned and self-expiring.
 */
export const BUCKETS: readonly BucketPolicyPlan[] = [
  { id: 'artifacts', suffix: 'artifacts', versioned: true, noncurrentDays: 7, holdsData: true },
  { id: 'lfs', suffix: 'lfs', versioned: true, noncurrentDays: 30, holdsData: true },
  { id: 'uploads', suffix: 'uploads', versioned: true, noncurrentDays: 30, holdsData: true },
  { id: 'packages', suffix: 'packages', versioned: true, noncurrentDays: 30, holdsData: true },
  { id: 'externalDiffs', suffix: 'mr-diffs', versioned: true, noncurrentDays: 7, holdsData: true },
  { id: 'terraformState', suffix: 'terraform-state', versioned: true, noncurrentDays: 30, holdsData: true },
  { id: 'ciSecureFiles', suffix: 'ci-secure-files', versioned: true, noncurrentDays: 30, holdsData: true },
  { id: 'dependencyProxy', suffix: 'dependency-proxy', versioned: true, noncurrentDays: 7, holdsData: true },
  { id: 'pages', suffix: 'pages', versioned: true, noncurrentDays: 7, holdsData: true },
  { id: 'registry', suffix: 'registry', versioned: true, noncurrentDays: 7, holdsData: true },
  { id: 'backups', suffix: 'backups', versioned: true, noncurrentDays: 30, holdsData: true },
  { id: 'tmp', suffix: 'tmp', versioned: false, expireDays: 7, holdsData: false },
];

/** Days after which an unfinished multipart upload is aborted (its parts cost money and are invisible). */
export const ABORT_MULTIPART_DAYS = 7;
/** Days access logs are kept. */
export const ACCESS_LOG_DAYS = 365;

export interface ObjectStorageArgs {
  /** Bucket names are `<prefix>-<suffix>`; S3 names are global, so the prefix should include the account or a domain. */
  readonly bucketPrefix: string;
  /** Customer managed key for SSE-KMS on every data bucket. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Account that owns the buckets (scopes the log delivery permission). */
  readonly accountId: string;
  /** @default aws */
  readonly partition?: string;
  /** Pulumi `protect` + `retainOnDelete` on the data buckets. @default true */
  readonly protect?: boolean;
  /** @default none */
  readonly tags?: Tags;
}

export interface ObjectStoragePlan {
  readonly names: Readonly<Record<BucketId, string>>;
  readonly logBucket: string;
  readonly buckets: readonly (BucketPolicyPlan & { readonly name: string; readonly arn: string })[];
  readonly protect: boolean;
}

/** S3 general purpose bucket names: 3-63 characters, lower-case letters, digits, hyphens; no dots (TLS wildcard). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/** Names and policies of every bucket; throws `GitLabConfigError` naming `gitlab:bucketPrefix` for a bad prefix. */
export function planObjectStorage(args: ObjectStorageArgs): ObjectStoragePlan {
  const partition = args.partition ?? 'aws';
  const issues: ConfigIssue[] = [];
  const longest = Math.max(...BUCKETS.map((b) => b.suffix.length), 'access-logs'.length);
  const sample = `${args.bucketPrefix}-${'x'.repeat(longest)}`;
  if (!BUCKET_NAME.test(`${args.bucketPrefix}-a`) || sample.length > 63 || args.bucketPrefix.includes('--')) {
    issues.push({
      path: 'gitlab:bucketPrefix', value: show(args.bucketPrefix),
      allowed: `lower-case letters, digits and hyphens, at most ${63 - longest - 1} characters (bucket names are <prefix>-<type>, 63 at most)`,
      fix: 'choose a shorter prefix such as "acme-gitlab-prod"',
    });
  }
  if (issues.length) throw new GitLabConfigError(issues);
  const buckets = BUCKETS.map((b) => {
    const name = `${args.bucketPrefix}-${b.suffix}`;
    return { ...b, name, arn: `arn:${partition}:s3:::${name}` };
  });
  return {
    names: Object.fromEntries(buckets.map((b) => [b.id, b.name])) as Record<BucketId, string>,
    logBucket: `${args.bucketPrefix}-access-logs`,
    buckets,
    protect: args.protect ?? true,
  };
}

/** Deny every request that is not over TLS (S3.5). */
export function sslOnlyStatement(bucketArn: string): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Lifecycle rules of a data bucket (S3.13). */
export function lifecycleRules(b: BucketPolicyPlan): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
  const rules: aws.types.input.s3.BucketLifecycleConfigurationRule[] = [{
    id: 'abort-incomplete-multipart-uploads',
    status: 'Enabled',
    filter: { prefix: '' },
    abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_MULTIPART_DAYS },
  }];
  if (b.versioned && b.noncurrentDays) {
    rules.push({
      id: 'expire-noncurrent-versions',
      status: 'Enabled',
      filter: { prefix: '' },
      noncurrentVersionExpiration: { noncurrentDays: b.noncurrentDays },
      expiration: { expiredObjectDeleteMarker: true },
    });
  }
  if (b.expireDays) {
    rules.push({ id: 'expire-scratch-objects', status: 'Enabled', filter: { prefix: '' }, expiration: { days: b.expireDays } });
  }
  return rules;
}

/** The hardening every bucket shares: no public access (S3.1-3, S3.8), ACLs off (S3.12), default encryption. */
function harden(name: string, parent: pulumi.Resource, bucket: aws.s3.Bucket,
  encryption: aws.types.input.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault,
  bucketKey: boolean): pulumi.Resource[] {
  const block = new aws.s3.BucketPublicAccessBlock(name, {
    bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
  }, childOptions(parent));
  const ownership = new aws.s3.BucketOwnershipControls(name, {
    bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' },
  }, childOptions(parent));
  const sse = new aws.s3.BucketServerSideEncryptionConfiguration(name, {
    bucket: bucket.id,
    rules: [{ applyServerSideEncryptionByDefault: encryption, bucketKeyEnabled: bucketKey }],
  }, childOptions(parent));
  return [block, ownership, sse];
}

/**
 * GitLab's object storage on S3: one bucket per object type, each private, owner-enforced, TLS-only, SSE-KMS with
 * a bucket key, versioned where it holds user data, logging to a dedicated access-log bucket, with lifecycle rules;
 * never `forceDestroy`, and protected from deletion by default.
 */
export class ObjectStorage extends pulumi.ComponentResource {
  /** Bucket name per GitLab object type (known before apply). */
  readonly bucketNames: Readonly<Record<BucketId, string>>;
  /** Bucket ARN per object type (known before apply). */
  readonly bucketArns: Readonly<Record<BucketId, string>>;
  readonly logBucketName: string;

  constructor(name: string, args: ObjectStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super('gitlab-iac:aws:ObjectStorage', name, {}, opts);
    const plan = planObjectStorage(args);
    const partition = args.partition ?? 'aws';

    // Access logs: S3 delivers server access logs only to SSE-S3 buckets, via the logging service principal.
    const logArn = `arn:${partition}:s3:::${plan.logBucket}`;
    const logBucket = new aws.s3.Bucket(`${name}-access-logs`, {
      bucket: plan.logBucket, forceDestroy: false, tags: { ...args.tags, 'gitlab.com/bucket': 'access-logs' },
    }, dataOptions(this, plan.protect));
    const logHardening = harden(`${name}-access-logs`, this, logBucket, { sseAlgorithm: 'AES256' }, false);
    new aws.s3.BucketLifecycleConfiguration(`${name}-access-logs`, {
      bucket: logBucket.id,
      rules: [
        { id: 'expire-access-logs', status: 'Enabled', filter: { prefix: '' }, expiration: { days: ACCESS_LOG_DAYS } },
        { id: 'abort-incomplete-multipart-uploads', status: 'Enabled', filter: { prefix: '' }, abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_MULTIPART_DAYS } },
      ],
    }, childOptions(this));
    const logPolicy = new aws.s3.BucketPolicy(`${name}-access-logs`, {
      bucket: logBucket.id,
      policy: policyJson([
        sslOnlyStatement(logArn),
        {
          Sid: 'S3ServerAccessLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${logArn}/*`,
          Condition: {
            ArnLike: { 'aws:SourceArn': plan.buckets.map((b) => b.arn) },
            StringEquals: { 'aws:SourceAccount': args.accountId },
          },
        },
      ]),
    }, childOptions(this, { dependsOn: logHardening }));

    for (const b of plan.buckets) {
      const id = `${name}-${b.suffix}`;
      const bucket = new aws.s3.Bucket(id, {
        bucket: b.name, forceDestroy: false, tags: { ...args.tags, 'gitlab.com/bucket': b.id },
      }, b.holdsData ? dataOptions(this, plan.protect) : childOptions(this));
      const hardening = harden(id, this, bucket, { sseAlgorithm: 'aws:kms', kmsMasterKeyId: args.kmsKeyArn }, true);
      if (b.versioned) {
        new aws.s3.BucketVersioning(id, { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } }, childOptions(this));
      }
      new aws.s3.BucketLifecycleConfiguration(id, { bucket: bucket.id, rules: lifecycleRules(b) }, childOptions(this));
      new aws.s3.BucketLogging(id, { bucket: bucket.id, targetBucket: logBucket.id, targetPrefix: `${b.name}/` }, childOptions(this, { dependsOn: [logPolicy] }));
      new aws.s3.BucketPolicy(id, { bucket: bucket.id, policy: policyJson([sslOnlyStatement(b.arn)]) }, childOptions(this, { dependsOn: hardening }));
    }

    this.bucketNames = plan.names;
    this.bucketArns = Object.fromEntries(plan.buckets.map((b) => [b.id, b.arn])) as Record<BucketId, string>;
    this.logBucketName = plan.logBucket;
    this.registerOutputs({ bucketNames: this.bucketNames, logBucketName: this.logBucketName });
  }
}
