import { describe, expect, test } from 'vitest';
import { BUCKET_ACCESS, irsaTrustPolicy, IRSA_COMPONENTS, objectStoragePolicy, planIrsaRoles, IrsaRolesArgs } from '../../stacks/aws/iam';
import { planObjectStorage } from '../../stacks/aws/object-storage';
import { one, policy, underMocks } from './harness';

const KEY = 'arn:aws:kms:eu-central-1:123456789012:key/s3';
const ARNS = Object.fromEntries(planObjectStorage({ bucketPrefix: 'acme', kmsKeyArn: KEY, accountId: '123456789012' }).buckets.map((b) => [b.id, b.arn])) as any;
const ISSUER = 'https://oidc.eks.eu-central-1.amazonaws.com/id/ABC123';
const ARGS: IrsaRolesArgs = {
  accountId: '123456789012', roleNamePrefix: 'gitlab-prod', oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/ABC123',
  oidcIssuerUrl: ISSUER, namespace: 'gitlab', serviceAccounts: Object.fromEntries(IRSA_COMPONENTS.map((c) => [c, `gitlab-${c}`])) as any,
  bucketArns: ARNS, kmsKeyArn: KEY,
};

describe('IRSA trust', () => {
  test('IRSA.1 only the component\'s ServiceAccount, through the cluster issuer, for STS', () => {
    expect(irsaTrustPolicy({ oidcProviderArn: ARGS.oidcProviderArn, oidcIssuerUrl: ISSUER, namespace: 'gitlab', serviceAccount: 'gitlab-webservice' })).toEqual([{
      Effect: 'Allow',
      Principal: { Federated: ARGS.oidcProviderArn },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: {
        'oidc.eks.eu-central-1.amazonaws.com/id/ABC123:sub': 'system:serviceaccount:gitlab:gitlab-webservice',
        'oidc.eks.eu-central-1.amazonaws.com/id/ABC123:aud': 'sts.amazonaws.com',
      } },
    }]);
  });

  test('role ARNs are computed from the account and fixed names, before any role exists', () => {
    expect(planIrsaRoles(ARGS).roleArns).toEqual({
      webservice: 'arn:aws:iam::123456789012:role/gitlab-prod-webservice', sidekiq: 'arn:aws:iam::123456789012:role/gitlab-prod-sidekiq',
      toolbox: 'arn:aws:iam::123456789012:role/gitlab-prod-toolbox', registry: 'arn:aws:iam::123456789012:role/gitlab-prod-registry',
      migrations: 'arn:aws:iam::123456789012:role/gitlab-prod-migrations',
    });
  });

  test('an issuer that is not the provider\'s is refused, naming gitlab:oidcIssuerUrl', () => {
    expect(() => planIrsaRoles({ ...ARGS, oidcIssuerUrl: 'https://oidc.eks.eu-central-1.amazonaws.com/id/OTHER' })).toThrow(/gitlab:oidcIssuerUrl/);
  });

  test('a malformed provider ARN is refused, naming gitlab:oidcProviderArn', () => {
    expect(() => planIrsaRoles({ ...ARGS, oidcProviderArn: 'oidc.eks.eu-central-1.amazonaws.com/id/ABC123' })).toThrow(/gitlab:oidcProviderArn/);
  });

  test('a role prefix too long for IAM is refused, naming gitlab:iamRolePrefix', () => {
    expect(() => planIrsaRoles({ ...ARGS, roleNamePrefix: 'x'.repeat(60) })).toThrow(/gitlab:iamRolePrefix/);
  });
});

describe('object storage policies', () => {
  const all = IRSA_COMPONENTS.map((c) => objectStoragePolicy(c, ARNS, KEY));

  test('IAM.1/IAM.21 explicit actions only: no "*" and no service wildcard', () => {
    for (const statements of all) for (const s of statements) for (const a of [s.Action].flat()) expect(a).toMatch(/^(s3|kms):[A-Za-z]+$/);
  });

  test('resources are bucket ARNs and their objects only (no wildcard beyond <bucket-arn>/*)', () => {
    for (const statements of all) {
      for (const r of statements.flatMap((s) => [s.Resource!].flat())) {
        expect(r === KEY || /^arn:aws:s3:::acme-[a-z-]+(\/\*)?$/.test(r)).toBe(true);
      }
    }
  });

  test('KMS.1/KMS.2 KMS actions name the storage key only', () => {
    for (const statements of all) expect(statements.find((s) => s.Sid === 'BucketKey')).toEqual({ Sid: 'BucketKey', Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], Resource: KEY });
  });

  test('Rails components reach the Rails buckets, not the registry, backups or tmp', () => {
    const resources = objectStoragePolicy('webservice', ARNS, KEY)[0].Resource;
    expect(resources).toContain(ARNS.artifacts);
    expect(resources).not.toContain(ARNS.registry);
    expect(resources).not.toContain(ARNS.backups);
  });

  test('the registry reaches its bucket only, with the S3 driver\'s bucket and object actions', () => {
    const [buckets, objects] = objectStoragePolicy('registry', ARNS, KEY);
    expect(buckets).toMatchObject({ Action: ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'], Resource: [ARNS.registry] });
    expect(objects).toMatchObject({ Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Resource: [`${ARNS.registry}/*`] });
  });

  test('the toolbox reaches every bucket (backups read them all, restores write them all)', () => {
    expect([...BUCKET_ACCESS.toolbox].sort()).toEqual(Object.keys(ARNS).sort());
  });
});

describe('IrsaRoles', () => {
  const deploy = () => underMocks(async () => {
    const { IrsaRoles } = await import('../../stacks/aws/iam');
    return new IrsaRoles('irsa', ARGS);
  });

  test('one role per component with the fixed name and a trust pinned to its ServiceAccount', async () => {
    const { mocks } = await deploy();
    const roles = mocks.ofType('aws:iam/role:Role');
    expect(roles.map((r) => r.inputs.name).sort()).toEqual(IRSA_COMPONENTS.map((c) => `gitlab-prod-${c}`).sort());
    const toolbox = roles.find((r) => r.inputs.name === 'gitlab-prod-toolbox')!;
    expect(policy(toolbox.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals['oidc.eks.eu-central-1.amazonaws.com/id/ABC123:sub'])
      .toBe('system:serviceaccount:gitlab:gitlab-toolbox');
  });

  test('each role has one inline policy with its own buckets and the key', async () => {
    const { mocks } = await deploy();
    const registry = one(mocks, 'aws:iam/rolePolicy:RolePolicy', 'irsa-registry');
    expect(policy(registry.inputs.policy).Statement).toEqual(objectStoragePolicy('registry', ARNS, KEY));
  });

  test('IAM.2/IAM.3/IAM.8 no IAM users, access keys or managed policies are created', async () => {
    const { mocks } = await deploy();
    expect(mocks.registrations.filter((r) => ['aws:iam/user:User', 'aws:iam/accessKey:AccessKey', 'aws:iam/policy:Policy'].includes(r.type))).toEqual([]);
  });
});
