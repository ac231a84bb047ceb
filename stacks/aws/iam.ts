import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { ConfigIssue, GitLabConfigError, show } from '../../constructs/config/errors';
import { childOptions, PolicyStatement, policyJson, Tags } from './common';
import { BucketId } from './object-storage';
import { IRSA_COMPONENTS, IrsaComponent } from '../../constructs/config/object-storage/names';

/** The platform's components that talk to object storage, each with its own ServiceAccount and role. */
export { IRSA_COMPONENTS } from '../../constructs/config/object-storage/names';
export type { IrsaComponent } from '../../constructs/config/object-storage/names';

/** Buckets Rails (Puma, Workhorse, Sidekiq, migrations) reads and writes through the consolidated connection. */
export const RAILS_BUCKETS: readonly BucketId[] = [
  'artifacts', 'lfs', 'uploads', 'packages', 'externalDiffs', 'terraformState', 'ciSecureFiles', 'dependencyProxy', 'pages',
];

/**
 * Which buckets each component may use. The toolbox runs `backup-utility`: a backup reads every bucket, a restore
 * writes every bucket back (staging the old objects in `tmp`), so it needs them all.
 */
export const BUCKET_ACCESS: Readonly<Record<IrsaComponent, readonly BucketId[]>> = {
  webservice: RAILS_BUCKETS,
  sidekiq: RAILS_BUCKETS,
  migrations: RAILS_BUCKETS,
  registry: ['registry'],
  toolbox: [...RAILS_BUCKETS, 'registry', 'backups', 'tmp'],
};

/** Bucket-level actions (listing, multipart bookkeeping); the registry's S3 driver needs all three. */
export const BUCKET_ACTIONS = ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'];
/** Object-level actions of Fog, Workhorse direct upload, the registry driver and s3cmd. */
export const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
/** SSE-KMS: uploads need a data key, downloads (and multipart completion) need decrypt. */
export const KMS_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];

/**
 * The object-storage policy of one component: explicit actions only (IAM.1, IAM.21), on the ARNs of its buckets
 * and their objects, and on the one KMS key (KMS.1, KMS.2). No wildcard beyond `<bucket-arn>/*`.
 */
export function objectStoragePolicy(component: IrsaComponent, bucketArns: Readonly<Record<BucketId, string>>, kmsKeyArn: string): PolicyStatement[] {
  const arns = BUCKET_ACCESS[component].map((b) => bucketArns[b]);
  return [
    { Sid: 'Buckets', Effect: 'Allow', Action: BUCKET_ACTIONS, Resource: arns },
    { Sid: 'Objects', Effect: 'Allow', Action: OBJECT_ACTIONS, Resource: arns.map((a) => `${a}/*`) },
    { Sid: 'BucketKey', Effect: 'Allow', Action: KMS_ACTIONS, Resource: kmsKeyArn },
  ];
}

export interface IrsaTrust {
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`); the scheme is dropped. */
  readonly oidcIssuerUrl: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/** Issuer as IAM condition keys spell it: host and path, no scheme, no trailing slash. */
export function issuerHost(url: string): string {
  return url.replace(/^https:\/\//, '').replace(/\/+$/, '');
}

/** Trust policy of an IRSA role: only this ServiceAccount, only for STS (`aud`), only through the cluster's issuer. */
export function irsaTrustPolicy(t: IrsaTrust): PolicyStatement[] {
  const issuer = issuerHost(t.oidcIssuerUrl);
  return [{
    Effect: 'Allow',
    Principal: { Federated: t.oidcProviderArn },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: {
        [`${issuer}:sub`]: `system:serviceaccount:${t.namespace}:${t.serviceAccount}`,
        [`${issuer}:aud`]: 'sts.amazonaws.com',
      },
    },
  }];
}

export interface IrsaRolesArgs {
  readonly accountId: string;
  /** @default aws */
  readonly partition?: string;
  /** Role names are `<prefix>-<component>`; IAM names are account-wide, so include the stack or region. */
  readonly roleNamePrefix: string;
  readonly oidcProviderArn: string;
  readonly oidcIssuerUrl: string;
  readonly namespace: string;
  /** ServiceAccount name per component (the platform's `<release>-<component>`). */
  readonly serviceAccounts: Readonly<Record<IrsaComponent, string>>;
  readonly bucketArns: Readonly<Record<BucketId, string>>;
  readonly kmsKeyArn: pulumi.Input<string>;
  /** @default none */
  readonly tags?: Tags;
}

export interface IrsaRolesPlan {
  readonly roleNames: Readonly<Record<IrsaComponent, string>>;
  /** Computed from the account and the fixed names, so manifests can carry them before the roles exist. */
  readonly roleArns: Readonly<Record<IrsaComponent, string>>;
}

/** Role names and ARNs; throws `GitLabConfigError` naming `gitlab:iamRolePrefix` when a name would be invalid. */
export function planIrsaRoles(args: Pick<IrsaRolesArgs, 'accountId' | 'partition' | 'roleNamePrefix' | 'oidcProviderArn' | 'oidcIssuerUrl'>): IrsaRolesPlan {
  const issues: ConfigIssue[] = [];
  const longest = Math.max(...IRSA_COMPONENTS.map((c) => c.length));
  if (!/^[\w+=,.@-]+$/.test(args.roleNamePrefix) || args.roleNamePrefix.length + 1 + longest > 64) {
    issues.push({ path: 'gitlab:iamRolePrefix', value: show(args.roleNamePrefix), allowed: `letters, digits and +=,.@_- ; at most ${64 - 1 - longest} characters`, fix: 'use a shorter prefix such as "gitlab-prod"' });
  }
  if (!/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/.+$/.test(args.oidcProviderArn)) {
    issues.push({ path: 'gitlab:oidcProviderArn', value: show(args.oidcProviderArn), allowed: 'an IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>)', fix: 'copy it from the EKS cluster stack or `aws iam list-open-id-connect-providers`' });
  }
  if (!/^https:\/\/[^/\s]+(\/\S*)?$/.test(args.oidcIssuerUrl)) {
    issues.push({ path: 'gitlab:oidcIssuerUrl', value: show(args.oidcIssuerUrl), allowed: 'the cluster\'s OIDC issuer URL (https://oidc.eks.<region>.amazonaws.com/id/<id>)', fix: 'copy `identity.oidc.issuer` from `aws eks describe-cluster`' });
  } else if (!args.oidcProviderArn.endsWith(`oidc-provider/${issuerHost(args.oidcIssuerUrl)}`)) {
    issues.push({ path: 'gitlab:oidcIssuerUrl', value: show(args.oidcIssuerUrl), allowed: 'the issuer of the OIDC provider named by gitlab:oidcProviderArn', fix: 'use the issuer and provider of the same cluster' });
  }
  if (issues.length) throw new GitLabConfigError(issues);
  const partition = args.partition ?? 'aws';
  const roleNames = Object.fromEntries(IRSA_COMPONENTS.map((c) => [c, `${args.roleNamePrefix}-${c}`])) as Record<IrsaComponent, string>;
  const roleArns = Object.fromEntries(IRSA_COMPONENTS.map((c) => [c, `arn:${partition}:iam::${args.accountId}:role/${roleNames[c]}`])) as Record<IrsaComponent, string>;
  return { roleNames, roleArns };
}

/**
 * IAM roles for the platform's ServiceAccounts (IRSA): one per component, trusted only by that ServiceAccount
 * through the cluster's OIDC provider, with an inline policy listing only its buckets and the storage key.
 * No IAM users, no access keys (IAM.2, IAM.3, IAM.8).
 */
export class IrsaRoles extends pulumi.ComponentResource {
  /** Role ARN per component, known before apply (fixed names + account id). */
  readonly roleArns: Readonly<Record<IrsaComponent, string>>;
  readonly roleNames: Readonly<Record<IrsaComponent, string>>;

  constructor(name: string, args: IrsaRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('gitlab-iac:aws:IrsaRoles', name, {}, opts);
    const plan = planIrsaRoles(args);
    for (const component of IRSA_COMPONENTS) {
      const role = new aws.iam.Role(`${name}-${component}`, {
        name: plan.roleNames[component],
        description: `GitLab ${component}: object storage through IRSA`,
        assumeRolePolicy: policyJson(irsaTrustPolicy({
          oidcProviderArn: args.oidcProviderArn, oidcIssuerUrl: args.oidcIssuerUrl,
          namespace: args.namespace, serviceAccount: args.serviceAccounts[component],
        })),
        maxSessionDuration: 3600,
        tags: args.tags,
      }, childOptions(this));
      new aws.iam.RolePolicy(`${name}-${component}`, {
        role: role.name,
        name: 'gitlab-object-storage',
        policy: pulumi.output(args.kmsKeyArn).apply((key) => policyJson(objectStoragePolicy(component, args.bucketArns, key))),
      }, childOptions(this));
    }
    this.roleArns = plan.roleArns;
    this.roleNames = plan.roleNames;
    this.registerOutputs({ roleArns: this.roleArns });
  }
}
