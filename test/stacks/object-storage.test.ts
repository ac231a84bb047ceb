import { describe, expect, test } from 'vitest';
import { BUCKETS, lifecycleRules, ObjectStorageArgs, planObjectStorage } from '../../stacks/aws/object-storage';
import { policy, underMocks } from './harness';
import { Registration } from '../../stacks/mocks';

const ARGS: ObjectStorageArgs = { bucketPrefix: 'acme-gitlab', kmsKeyArn: 'arn:aws:kms:eu-central-1:123456789012:key/s3', accountId: '123456789012' };
const DATA = BUCKETS.map((b) => `acme-gitlab-${b.suffix}`);
const ALL = [...DATA, 'acme-gitlab-access-logs'];

const deploy = (args: Partial<ObjectStorageArgs> = {}) => underMocks(async () => {
  const { ObjectStorage } = await import('../../stacks/aws/object-storage');
  return new ObjectStorage('object-storage', { ...ARGS, ...args });
});

/** Companion resources of a type, by the bucket they configure (the mock's bucket id is `<logical name>-id`). */
function byBucket(regs: Registration[], buckets: Registration[]): Map<string, Registration> {
  const names = new Map(buckets.map((b) => [`${b.name}-id`, b.inputs.bucket as string]));
  return new Map(regs.map((r) => [names.get(r.inputs.bucket as string)!, r]));
}

describe('planObjectStorage', () => {
  test('GITLAB.1 one bucket per GitLab object type, plus registry, backups and tmp', () => {
    expect(Object.keys(planObjectStorage(ARGS).names)).toEqual([
      'artifacts', 'lfs', 'uploads', 'packages', 'externalDiffs', 'terraformState', 'ciSecureFiles', 'dependencyProxy', 'pages', 'registry', 'backups', 'tmp',
    ]);
    expect(planObjectStorage(ARGS).names.externalDiffs).toBe('acme-gitlab-mr-diffs');
  });

  test('a prefix that would make a bucket name invalid is refused, naming gitlab:bucketPrefix', () => {
    expect(() => planObjectStorage({ ...ARGS, bucketPrefix: 'Acme_GitLab' })).toThrow(/gitlab:bucketPrefix: got "Acme_GitLab"/);
    expect(() => planObjectStorage({ ...ARGS, bucketPrefix: 'a'.repeat(50) })).toThrow(/gitlab:bucketPrefix/);
  });

  test('S3.13 every bucket aborts incomplete multipart uploads after 7 days', () => {
    for (const b of BUCKETS) {
      expect(lifecycleRules(b)).toContainEqual(expect.objectContaining({ id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }));
    }
  });

  test('tmp objects expire after 7 days; versioned buckets expire old versions', () => {
    expect(lifecycleRules(BUCKETS.find((b) => b.id === 'tmp')!)).toContainEqual(expect.objectContaining({ expiration: { days: 7 } }));
    expect(lifecycleRules(BUCKETS.find((b) => b.id === 'backups')!)).toContainEqual(expect.objectContaining({ noncurrentVersionExpiration: { noncurrentDays: 30 } }));
  });
});

describe('ObjectStorage', () => {
  test('creates the data buckets and a dedicated access-log bucket with fixed names', async () => {
    const { mocks } = await deploy();
    expect(mocks.ofType('aws:s3/bucket:Bucket').map((b) => b.inputs.bucket).sort()).toEqual([...ALL].sort());
  });

  test('DATA.4 no bucket can be force-destroyed', async () => {
    const { mocks } = await deploy();
    for (const b of mocks.ofType('aws:s3/bucket:Bucket')) expect(b.inputs.forceDestroy).toBe(false);
  });

  test('S3.1/S3.2/S3.3/S3.8 every bucket blocks public access with all four settings', async () => {
    const { mocks } = await deploy();
    const blocks = byBucket(mocks.ofType('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock'), mocks.ofType('aws:s3/bucket:Bucket'));
    expect([...blocks.keys()].sort()).toEqual([...ALL].sort());
    for (const b of blocks.values()) expect(b.inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
  });

  test('S3.12 ACLs disabled: every bucket is BucketOwnerEnforced and no BucketAcl exists', async () => {
    const { mocks } = await deploy();
    const owners = byBucket(mocks.ofType('aws:s3/bucketOwnershipControls:BucketOwnershipControls'), mocks.ofType('aws:s3/bucket:Bucket'));
    expect(owners.size).toBe(ALL.length);
    for (const o of owners.values()) expect(o.inputs.rule).toEqual({ objectOwnership: 'BucketOwnerEnforced' });
    expect(mocks.ofType('aws:s3/bucketAcl:BucketAcl')).toEqual([]);
  });

  test('S3.5 every bucket policy denies requests without TLS', async () => {
    const { mocks } = await deploy();
    const policies = byBucket(mocks.ofType('aws:s3/bucketPolicy:BucketPolicy'), mocks.ofType('aws:s3/bucket:Bucket'));
    expect(policies.size).toBe(ALL.length);
    for (const [bucket, p] of policies) {
      expect(policy(p.inputs.policy).Statement).toContainEqual({
        Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      });
    }
  });

  test('S3.6 no bucket policy allows another account anything', async () => {
    const { mocks } = await deploy();
    for (const p of mocks.ofType('aws:s3/bucketPolicy:BucketPolicy')) {
      for (const s of policy(p.inputs.policy).Statement.filter((x: any) => x.Effect === 'Allow')) {
        expect(s.Principal).toEqual({ Service: 'logging.s3.amazonaws.com' });
        expect(s.Condition.StringEquals['aws:SourceAccount']).toBe('123456789012');
      }
    }
  });

  test('S3.17 data buckets encrypt with SSE-KMS and a bucket key; the log bucket with SSE-S3 (what log delivery supports)', async () => {
    const { mocks } = await deploy();
    const sse = byBucket(mocks.ofType('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration'), mocks.ofType('aws:s3/bucket:Bucket'));
    for (const name of DATA) {
      expect(sse.get(name)!.inputs.rules).toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: ARGS.kmsKeyArn }, bucketKeyEnabled: true }]);
    }
    expect(sse.get('acme-gitlab-access-logs')!.inputs.rules[0].applyServerSideEncryptionByDefault).toEqual({ sseAlgorithm: 'AES256' });
  });

  test('S3.9 every data bucket logs to the access-log bucket under its own prefix', async () => {
    const { mocks } = await deploy();
    const logging = byBucket(mocks.ofType('aws:s3/bucketLogging:BucketLogging'), mocks.ofType('aws:s3/bucket:Bucket'));
    expect([...logging.keys()].sort()).toEqual([...DATA].sort());
    for (const [bucket, l] of logging) expect(l.inputs).toMatchObject({ targetBucket: 'object-storage-access-logs-id', targetPrefix: `${bucket}/` });
  });

  test('the log bucket admits log delivery only from this stack\'s buckets', async () => {
    const { mocks } = await deploy();
    const log = mocks.ofType('aws:s3/bucketPolicy:BucketPolicy').find((p) => p.inputs.bucket === 'object-storage-access-logs-id')!;
    const allow = policy(log.inputs.policy).Statement.find((s: any) => s.Effect === 'Allow');
    expect(allow.Condition.ArnLike['aws:SourceArn']).toEqual(DATA.map((b) => `arn:aws:s3:::${b}`));
  });

  test('S3.13 every bucket has lifecycle rules', async () => {
    const { mocks } = await deploy();
    expect(byBucket(mocks.ofType('aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration'), mocks.ofType('aws:s3/bucket:Bucket')).size).toBe(ALL.length);
  });

  test('DATA.2 backups are versioned, and so is every bucket holding user data; tmp is not', async () => {
    const { mocks } = await deploy();
    const versioning = byBucket(mocks.ofType('aws:s3/bucketVersioning:BucketVersioning'), mocks.ofType('aws:s3/bucket:Bucket'));
    expect(versioning.get('acme-gitlab-backups')!.inputs.versioningConfiguration).toEqual({ status: 'Enabled' });
    expect([...versioning.keys()].sort()).toEqual(DATA.filter((b) => b !== 'acme-gitlab-tmp').sort());
  });

  test('DATA.3 buckets holding data are protected and retained by default; tmp is not', async () => {
    const { mocks } = await deploy();
    for (const b of mocks.ofType('aws:s3/bucket:Bucket')) {
      const expected = b.inputs.bucket !== 'acme-gitlab-tmp';
      expect([b.inputs.bucket, b.protect, b.retainOnDelete]).toEqual([b.inputs.bucket, expected, expected]);
    }
  });

  test('the protect switch turns bucket protection off', async () => {
    const { mocks } = await deploy({ protect: false });
    expect(mocks.ofType('aws:s3/bucket:Bucket').filter((b) => b.protect || b.retainOnDelete)).toEqual([]);
  });

  test('the non-deprecated aws v7 S3 resources are used (no *V2 types)', async () => {
    const { mocks } = await deploy();
    expect(mocks.registrations.filter((r) => /V2:/.test(r.type))).toEqual([]);
  });
});
