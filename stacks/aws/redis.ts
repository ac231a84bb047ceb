import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { ConfigIssue, GitLabConfigError, show } from '../../constructs/config/errors';
import { childOptions, dataOptions, Tags } from './common';
import { serviceSecurityGroup } from './network';

/**
 * What a Redis group holds. `persistent` (queues, shared state, sessions; also the combined group) must never
 * evict keys; `cache` may evict the least recently used key of all.
 */
export type RedisRole = 'persistent' | 'cache';

export const REDIS_EVICTION_POLICY: Readonly<Record<RedisRole, string>> = {
  persistent: 'noeviction',
  cache: 'allkeys-lru',
};

export interface RedisReplicationGroupArgs {
  /** ElastiCache replication group id (1-40 characters). Fixed, so it is known before the first apply. */
  readonly replicationGroupId: string;
  readonly role: RedisRole;
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets in at least two availability zones. */
  readonly subnetIds: pulumi.Input<string>[];
  /** Security group of the cluster's pods; the only source admitted on the port. */
  readonly clientSecurityGroupId: pulumi.Input<string>;
  /** KMS key for data at rest and snapshots. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** ElastiCache node type, e.g. `cache.m5.large`. */
  readonly nodeType: string;
  /** Primary plus replicas; at least 2 for automatic failover. */
  readonly nodes: number;
  /** Redis OSS version. @default 7.1 */
  readonly engineVersion?: string;
  /** @default 6379 */
  readonly port?: number;
  /** Days of daily snapshots (ElastiCache.1 wants at least 1). @default 7 for persistent, 1 for cache */
  readonly snapshotRetentionDays?: number;
  /** Pulumi `protect` + `retainOnDelete` on the replication group. @default true */
  readonly protect?: boolean;
  /** @default none */
  readonly tags?: Tags;
}

export interface RedisPlan {
  readonly family: string;
  readonly parameters: readonly { readonly name: string; readonly value: string }[];
  readonly port: number;
  readonly protect: boolean;
  readonly group: Omit<aws.elasticache.ReplicationGroupArgs, 'subnetGroupName' | 'securityGroupIds' | 'parameterGroupName' | 'kmsKeyId' | 'authToken'>;
}

/** Redis versions GitLab 18 supports on ElastiCache (6.2 and 7.x; Redis 5 breaks GitLab's Lua scripts). */
export const REDIS_ENGINE_VERSIONS = ['7.1', '7.0', '6.2'];

/**
 * Plans one ElastiCache for Redis OSS replication group: cluster mode disabled (GitLab does not support Redis
 * Cluster), Multi-AZ with automatic failover, TLS required, AUTH, encryption at rest with its own key, daily
 * snapshots, and the eviction policy its role needs.
 */
export function planRedis(args: RedisReplicationGroupArgs, configPrefix = args.role === 'cache' ? 'gitlab:redisCache' : 'gitlab:redis'): RedisPlan {
  const issues: ConfigIssue[] = [];
  const fail = (key: string, value: unknown, allowed: string, fix: string) => issues.push({ path: `${configPrefix}${key}`, value: show(value), allowed, fix });
  const version = args.engineVersion ?? '7.1';
  if (!REDIS_ENGINE_VERSIONS.includes(version)) fail('EngineVersion', version, REDIS_ENGINE_VERSIONS.join(', '), 'use 7.1');
  if (!Number.isInteger(args.nodes) || args.nodes < 2 || args.nodes > 6) {
    fail('Nodes', args.nodes, 'an integer from 2 to 6 (a primary and 1-5 replicas; automatic failover needs a replica)', 'use 3 (one per availability zone)');
  }
  if (!/^cache\.[a-z0-9]+\.[a-z0-9]+$/.test(args.nodeType)) fail('NodeType', args.nodeType, 'an ElastiCache node type such as cache.m5.large', 'use the size preset\'s type');
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(args.replicationGroupId) || args.replicationGroupId.endsWith('-') || args.replicationGroupId.includes('--')) {
    fail('ReplicationGroupId', args.replicationGroupId, '1-40 lower-case letters, digits and single hyphens, starting with a letter', 'use a shorter release or stack name');
  }
  const retention = args.snapshotRetentionDays ?? (args.role === 'persistent' ? 7 : 1);
  if (!Number.isInteger(retention) || retention < 1 || retention > 35) fail('SnapshotRetentionDays', retention, 'an integer from 1 to 35 (ElastiCache.1)', 'use 7');
  if (issues.length) throw new GitLabConfigError(issues);

  const port = args.port ?? 6379;
  const major = version.split('.')[0];
  return {
    family: major === '6' ? 'redis6.x' : `redis${major}`,
    parameters: [{ name: 'maxmemory-policy', value: REDIS_EVICTION_POLICY[args.role] }],
    port,
    protect: args.protect ?? true,
    group: {
      replicationGroupId: args.replicationGroupId,
      description: `GitLab Redis (${args.role})`,
      engine: 'redis',
      engineVersion: version,
      nodeType: args.nodeType,
      numCacheClusters: args.nodes,
      clusterMode: 'disabled',
      port,
      multiAzEnabled: true,
      automaticFailoverEnabled: true,
      atRestEncryptionEnabled: true,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      authTokenUpdateStrategy: 'ROTATE',
      snapshotRetentionLimit: retention,
      snapshotWindow: '02:00-03:00',
      maintenanceWindow: 'sun:05:30-sun:06:30',
      autoMinorVersionUpgrade: true,
      applyImmediately: false,
      ...(args.role === 'persistent' ? { finalSnapshotIdentifier: `${args.replicationGroupId}-final` } : {}),
      tags: { ...args.tags, 'gitlab.com/redis-role': args.role },
    },
  };
}

/**
 * One GitLab Redis on ElastiCache (Redis OSS): its own subnet group (ElastiCache.7), a security group admitting
 * only the cluster, a parameter group with the role's eviction policy, and an AUTH token generated and held only
 * as a Pulumi secret. Clients connect with `rediss://` to the primary endpoint.
 */
export class RedisReplicationGroup extends pulumi.ComponentResource {
  /** Primary endpoint host name. */
  readonly primaryEndpoint: pulumi.Output<string>;
  readonly port: number;
  /** AUTH token (a Pulumi secret). */
  readonly authToken: pulumi.Output<string>;
  readonly role: RedisRole;
  readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: RedisReplicationGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super('gitlab-iac:aws:RedisReplicationGroup', name, {}, opts);
    const plan = planRedis(args);

    // ElastiCache AUTH tokens: 16-128 printable characters without @, " or /; letters and digits avoid URL escaping.
    const token = new random.RandomPassword(`${name}-auth-token`, {
      length: 64, special: false, minLower: 4, minUpper: 4, minNumeric: 4,
    }, childOptions(this, { additionalSecretOutputs: ['result'] }));

    const subnetGroup = new aws.elasticache.SubnetGroup(name, {
      description: `GitLab Redis (${args.role}): private subnets`,
      subnetIds: args.subnetIds,
      tags: args.tags,
    }, childOptions(this));
    const securityGroup = serviceSecurityGroup(`${name}-sg`, this, {
      description: `GitLab Redis (${args.role}): the cluster only`, vpcId: args.vpcId,
      clientSecurityGroupId: args.clientSecurityGroupId, port: plan.port, tags: args.tags,
    });
    const parameterGroup = new aws.elasticache.ParameterGroup(name, {
      family: plan.family,
      description: `GitLab Redis (${args.role}): maxmemory-policy ${plan.parameters[0].value}`,
      parameters: plan.parameters.map((p) => ({ ...p })),
      tags: args.tags,
    }, childOptions(this));

    const group = new aws.elasticache.ReplicationGroup(name, {
      ...plan.group,
      authToken: pulumi.secret(token.result),
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [securityGroup.id],
      parameterGroupName: parameterGroup.name,
      kmsKeyId: args.kmsKeyArn,
    }, dataOptions(this, plan.protect, { additionalSecretOutputs: ['authToken'] }));

    this.primaryEndpoint = group.primaryEndpointAddress;
    this.port = plan.port;
    this.authToken = pulumi.secret(token.result);
    this.role = args.role;
    this.securityGroupId = securityGroup.id;
    this.registerOutputs({ primaryEndpoint: this.primaryEndpoint, port: this.port, role: this.role, securityGroupId: this.securityGroupId });
  }
}
