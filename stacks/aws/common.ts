import * as pulumi from '@pulumi/pulumi';

/** Options every child of a component gets: its parent, and for data-holding resources, the protect switch. */
export function childOptions(parent: pulumi.Resource, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
  return { parent, ...extra };
}

/**
 * Options of a resource that holds data (a database, a cache with snapshots, a bucket, a key): with `protect` on,
 * Pulumi refuses to delete it (`protect`) and, should it be removed from the program anyway, leaves it in the
 * account (`retainOnDelete`).
 */
export function dataOptions(parent: pulumi.Resource, protect: boolean, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
  return { parent, protect, retainOnDelete: protect, ...extra };
}

/** An IAM/KMS/S3 policy statement. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: string | Record<string, string | string[]>;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** A policy document as the JSON AWS expects (stable key order, so diffs stay quiet). */
export function policyJson(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Tags every resource of the stack carries. */
export type Tags = Readonly<Record<string, string>>;
