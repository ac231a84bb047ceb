import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { GitLabConfigError, show } from '../../constructs/config/errors';
import { childOptions, dataOptions, policyJson, Tags } from './common';

export interface DataKeyArgs {
  /** What the key protects, for its description and alias (e.g. `postgres`). */
  readonly purpose: string;
  /** Alias name without the `alias/` prefix. */
  readonly alias: string;
  /** Account that administers the key (the key policy delegates to its IAM policies). */
  readonly accountId: string;
  /** @default aws */
  readonly partition?: string;
  /** Days a scheduled deletion waits (7-30). @default 30 */
  readonly deletionWindowDays?: number;
  /** Refuse to delete the key and keep it in the account if removed from the program. @default true */
  readonly protect?: boolean;
  /** @default none */
  readonly tags?: Tags;
}

export interface DataKeyPlan {
  readonly key: aws.kms.KeyArgs;
  readonly alias: string;
  readonly protect: boolean;
}

/**
 * The customer managed key of one data service: rotation on (KMS.4), a 30-day deletion window, and a key policy
 * that gives the account (and through it, IAM policies that name this key) control, never `Principal: "*"`
 * (KMS.5). Least privilege is enforced by the IAM policies, which list this key's ARN only (KMS.1, KMS.2).
 */
export function planDataKey(args: DataKeyArgs): DataKeyPlan {
  const window = args.deletionWindowDays ?? 30;
  if (!Number.isInteger(window) || window < 7 || window > 30) {
    throw new GitLabConfigError([{ path: 'kms.deletionWindowDays', value: show(window), allowed: 'an integer from 7 to 30', fix: 'use 30 (the default)' }]);
  }
  const partition = args.partition ?? 'aws';
  return {
    key: {
      description: `GitLab ${args.purpose} data`,
      enableKeyRotation: true,
      deletionWindowInDays: window,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      policy: policyJson([{
        Sid: 'AccountAdministersTheKey',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${args.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      }]),
      tags: { ...args.tags, 'gitlab.com/purpose': args.purpose },
    },
    alias: `alias/${args.alias}`,
    protect: args.protect ?? true,
  };
}

/** A KMS key with rotation and an alias, protected from deletion by default. */
export class DataKey extends pulumi.ComponentResource {
  readonly keyArn: pulumi.Output<string>;
  readonly keyId: pulumi.Output<string>;
  readonly aliasName: string;

  constructor(name: string, args: DataKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    super('gitlab-iac:aws:DataKey', name, {}, opts);
    const plan = planDataKey(args);
    const key = new aws.kms.Key(name, plan.key, dataOptions(this, plan.protect));
    new aws.kms.Alias(name, { name: plan.alias, targetKeyId: key.keyId }, childOptions(this));
    this.keyArn = key.arn;
    this.keyId = key.keyId;
    this.aliasName = plan.alias;
    this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId, aliasName: this.aliasName });
  }
}
