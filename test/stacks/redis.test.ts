import * as pulumi from '@pulumi/pulumi';
import { describe, expect, test } from 'vitest';
import { planRedis, RedisReplicationGroupArgs } from '../../stacks/aws/redis';
import { one, underMocks, valueOf } from './harness';

const ARGS: RedisReplicationGroupArgs = {
  replicationGroupId: 'gitlab-prod-redis', role: 'persistent', vpcId: 'vpc-0a1b2c3d4e5f60718', subnetIds: ['subnet-1', 'subnet-2'],
  clientSecurityGroupId: 'sg-cluster', kmsKeyArn: 'arn:aws:kms:eu-central-1:123456789012:key/redis', nodeType: 'cache.m5.large', nodes: 3,
};

const deploy = (args: Partial<RedisReplicationGroupArgs> = {}) => underMocks(async () => {
  const { RedisReplicationGroup } = await import('../../stacks/aws/redis');
  return new RedisReplicationGroup('redis', { ...ARGS, ...args });
});

describe('planRedis', () => {
  const plan = planRedis(ARGS);

  test('GITLAB.3 Redis OSS 7.1 with cluster mode disabled (GitLab does not support Redis Cluster)', () => {
    expect([plan.group.engine, plan.group.engineVersion, plan.group.clusterMode, plan.family]).toEqual(['redis', '7.1', 'disabled', 'redis7']);
    expect(plan.group.numNodeGroups).toBeUndefined();
  });

  test('ElastiCache.1 daily snapshots kept 7 days for the persistent group, 1 for the cache', () => {
    expect(plan.group.snapshotRetentionLimit).toBe(7);
    expect(planRedis({ ...ARGS, role: 'cache' }).group.snapshotRetentionLimit).toBe(1);
  });
  test('ElastiCache.2 automatic minor version upgrades', () => expect(plan.group.autoMinorVersionUpgrade).toBe(true));
  test('ElastiCache.3 automatic failover across availability zones', () => {
    expect([plan.group.automaticFailoverEnabled, plan.group.multiAzEnabled, plan.group.numCacheClusters]).toEqual([true, true, 3]);
  });
  test('ElastiCache.3 a single node is refused (failover needs a replica)', () => {
    expect(() => planRedis({ ...ARGS, nodes: 1 })).toThrow(/gitlab:redisNodes: got 1/);
    expect(() => planRedis({ ...ARGS, role: 'cache', nodes: 1 })).toThrow(/gitlab:redisCacheNodes: got 1/);
  });
  test('ElastiCache.4 encrypted at rest', () => expect(plan.group.atRestEncryptionEnabled).toBe(true));
  test('ElastiCache.5 encrypted in transit, TLS required', () => {
    expect([plan.group.transitEncryptionEnabled, plan.group.transitEncryptionMode]).toEqual([true, 'required']);
  });

  test('GITLAB.5 the persistent group never evicts keys', () => {
    expect(plan.parameters).toEqual([{ name: 'maxmemory-policy', value: 'noeviction' }]);
  });
  test('GITLAB.5 the cache group evicts the least recently used key of all', () => {
    expect(planRedis({ ...ARGS, role: 'cache' }).parameters).toEqual([{ name: 'maxmemory-policy', value: 'allkeys-lru' }]);
  });

  test('DATA.1 the persistent group keeps a final snapshot; the cache does not need one', () => {
    expect(plan.group.finalSnapshotIdentifier).toBe('gitlab-prod-redis-final');
    expect(planRedis({ ...ARGS, role: 'cache' }).group.finalSnapshotIdentifier).toBeUndefined();
  });

  test('Redis 5 is refused (GitLab\'s scripts need 6.2 or newer)', () => {
    expect(() => planRedis({ ...ARGS, engineVersion: '5.0.6' })).toThrow(/gitlab:redisEngineVersion: got "5.0.6"; allowed: 7.1, 7.0, 6.2/);
  });

  test('an ElastiCache id longer than 40 characters is refused', () => {
    expect(() => planRedis({ ...ARGS, replicationGroupId: 'a'.repeat(41) })).toThrow(/ReplicationGroupId/);
  });
});

describe('RedisReplicationGroup', () => {
  test('ElastiCache.6 AUTH token generated and passed only as a Pulumi secret', async () => {
    const { mocks, result } = await deploy();
    expect(one(mocks, 'aws:elasticache/replicationGroup:ReplicationGroup').secretInputs).toContain('authToken');
    expect(await pulumi.isSecret(result.authToken)).toBe(true);
    expect(one(mocks, 'random:index/randomPassword:RandomPassword').inputs).toMatchObject({ length: 64, special: false });
  });

  test('ElastiCache.7 its own subnet group over the given subnets, not the default one', async () => {
    const { mocks } = await deploy();
    expect(one(mocks, 'aws:elasticache/subnetGroup:SubnetGroup').inputs.subnetIds).toEqual(['subnet-1', 'subnet-2']);
    expect(one(mocks, 'aws:elasticache/replicationGroup:ReplicationGroup').inputs.subnetGroupName).toBe('redis');
  });

  test('ElastiCache.4 at-rest encryption uses the given KMS key', async () => {
    const { mocks } = await deploy();
    expect(one(mocks, 'aws:elasticache/replicationGroup:ReplicationGroup').inputs.kmsKeyId).toBe(ARGS.kmsKeyArn);
  });

  test('the parameter group carries the eviction policy and is used by the group', async () => {
    const { mocks } = await deploy({ role: 'cache', replicationGroupId: 'gitlab-prod-cache' });
    const pg = one(mocks, 'aws:elasticache/parameterGroup:ParameterGroup');
    expect(pg.inputs.parameters).toEqual([{ name: 'maxmemory-policy', value: 'allkeys-lru' }]);
    expect(one(mocks, 'aws:elasticache/replicationGroup:ReplicationGroup').inputs.parameterGroupName).toBe('redis');
  });

  test('EC2.18/EC2.19 only the cluster\'s security group reaches port 6379', async () => {
    const { mocks } = await deploy();
    expect(one(mocks, 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule').inputs)
      .toMatchObject({ referencedSecurityGroupId: 'sg-cluster', fromPort: 6379, toPort: 6379, ipProtocol: 'tcp' });
  });

  test('DATA.3 the replication group is protected and retained by default; the switch turns it off', async () => {
    const on = one((await deploy()).mocks, 'aws:elasticache/replicationGroup:ReplicationGroup');
    expect([on.protect, on.retainOnDelete]).toEqual([true, true]);
    const off = one((await deploy({ protect: false })).mocks, 'aws:elasticache/replicationGroup:ReplicationGroup');
    expect([off.protect, off.retainOnDelete]).toEqual([false, false]);
  });

  test('exposes the primary endpoint clients connect to with rediss://', async () => {
    const { result } = await deploy();
    expect(await valueOf(result.primaryEndpoint)).toBe('master.gitlab-prod-redis.abc123.euc1.cache.amazonaws.com');
    expect(result.port).toBe(6379);
  });
});
