import { describe, expect, test } from 'vitest';
import { GitLabConfigError } from '../../constructs/config/errors';
import { SIZE_PRESETS } from '../../constructs/config/sizing/presets';
import { checkSubnets, instanceMemoryGib, parseStackConfig } from '../../stacks/config';
import { EXAMPLE } from './harness';

const parse = (values: Record<string, string | undefined>) => parseStackConfig((k) => values[k], Object.keys(values));
const issuesOf = (values: Record<string, string | undefined>) => {
  try { parse(values); } catch (e) { if (e instanceof GitLabConfigError) return e.issues.map((i) => i.path); throw e; }
  return [];
};

describe('stack configuration', () => {
  test('defaults: size 3k, namespace and release gitlab, edition ee, protect on, PostgreSQL 17 on port 5433', () => {
    const s = parse(EXAMPLE);
    expect(s.size).toBe(SIZE_PRESETS['3k']);
    expect([s.namespace, s.release, s.edition, s.protect]).toEqual(['gitlab', 'gitlab', 'ee', true]);
    expect([s.postgres.version, s.postgres.port, s.postgres.backupRetentionDays]).toEqual(['17', 5433, 14]);
    expect(s.redis.cache).toBeUndefined();
  });

  test('the size preset gives the PaaS classes; 10k splits the Redis cache', () => {
    const s = parse({ ...EXAMPLE, 'gitlab:size': '10k' });
    expect(s.postgres.instanceClass).toBe('db.m5.2xlarge');
    expect(s.postgres.maxConnections).toBe(3200);
    expect(s.redis.cache).toEqual({ nodeType: 'cache.m5.xlarge', nodes: 3 });
  });

  test('the cache split can be turned off', () => {
    expect(parse({ ...EXAMPLE, 'gitlab:size': '10k', 'gitlab:redisCache': 'false' }).redis.cache).toBeUndefined();
  });

  test('protect can be switched off', () => {
    expect(parse({ ...EXAMPLE, 'gitlab:protect': 'false' }).protect).toBe(false);
  });

  test('missing private subnets are refused, naming gitlab:privateSubnetIds', () => {
    expect(issuesOf({ ...EXAMPLE, 'gitlab:privateSubnetIds': undefined })).toEqual(['gitlab:privateSubnetIds']);
  });

  test('a single subnet is refused (two availability zones are needed)', () => {
    expect(() => parse({ ...EXAMPLE, 'gitlab:privateSubnetIds': JSON.stringify(['subnet-0a1b2c3d4e5f60001']) }))
      .toThrow(/gitlab:privateSubnetIds: .*at least two distinct subnets/);
  });

  test('an unknown size is refused, naming gitlab:size', () => {
    expect(() => parse({ ...EXAMPLE, 'gitlab:size': '7k' })).toThrow(/gitlab:size: got "7k"; allowed: 2k, 3k, 5k, 10k, 25k, 50k/);
  });

  test('an unsupported PostgreSQL version is refused, naming gitlab:postgresVersion', () => {
    expect(() => parse({ ...EXAMPLE, 'gitlab:postgresVersion': '15' })).toThrow(/gitlab:postgresVersion: got "15"; allowed: 17 or 16/);
  });

  test('the engine default port is refused (RDS.23)', () => {
    expect(issuesOf({ ...EXAMPLE, 'gitlab:postgresPort': '5432' })).toEqual(['gitlab:postgresPort']);
  });

  test('backups shorter than 7 days are refused (RDS.11)', () => {
    expect(issuesOf({ ...EXAMPLE, 'gitlab:postgresBackupRetentionDays': '3' })).toEqual(['gitlab:postgresBackupRetentionDays']);
  });

  test('exactly one of a TLS Secret or a cert-manager issuer is required', () => {
    expect(issuesOf({ ...EXAMPLE, 'gitlab:tlsSecretName': undefined })).toEqual(['gitlab:tlsSecretName']);
    expect(issuesOf({ ...EXAMPLE, 'gitlab:certIssuer': 'letsencrypt' })).toEqual(['gitlab:certIssuer']);
    expect(parse({ ...EXAMPLE, 'gitlab:tlsSecretName': undefined, 'gitlab:certIssuer': 'letsencrypt' }).ingress.tls)
      .toEqual({ issuer: { name: 'letsencrypt', kind: 'ClusterIssuer' } });
  });

  test('unknown gitlab: keys are refused, naming the key', () => {
    expect(() => parse({ ...EXAMPLE, 'gitlab:sise': '3k' })).toThrow(/gitlab:sise: .*remove it \(pulumi config rm gitlab:sise\)/);
  });

  test('every problem is reported at once', () => {
    expect(issuesOf({ 'aws:region': 'eu-central-1' })).toEqual(expect.arrayContaining([
      'gitlab:domain', 'gitlab:vpcId', 'gitlab:privateSubnetIds', 'gitlab:clusterSecurityGroupId', 'gitlab:oidcProviderArn', 'gitlab:oidcIssuerUrl',
    ]));
  });

  test('the region is required', () => {
    expect(issuesOf({ ...EXAMPLE, 'aws:region': undefined })).toEqual(['aws:region']);
  });

  test('memory of an overridden instance class is derived from its shape', () => {
    expect(instanceMemoryGib('db.m6i.large')).toBe(8);
    expect(instanceMemoryGib('db.m5.2xlarge')).toBe(32);
    expect(instanceMemoryGib('db.r6g.xlarge')).toBe(32);
    expect(parse({ ...EXAMPLE, 'gitlab:postgresInstanceClass': 'db.r6i.4xlarge' }).postgres.memoryGib).toBe(128);
  });
});

describe('subnet checks', () => {
  const subnet = (id: string, az: string, pub = false, vpcId = 'vpc-1') => ({ id, vpcId, availabilityZone: az, mapPublicIpOnLaunch: pub });

  test('private subnets of the VPC in two zones pass', () => {
    expect(() => checkSubnets('vpc-1', [subnet('subnet-a', 'eu-central-1a'), subnet('subnet-b', 'eu-central-1b')])).not.toThrow();
  });

  test('a public subnet is refused, naming gitlab:privateSubnetIds and the subnet (RDS.46)', () => {
    expect(() => checkSubnets('vpc-1', [subnet('subnet-a', 'eu-central-1a', true), subnet('subnet-b', 'eu-central-1b')]))
      .toThrow(/gitlab:privateSubnetIds: got "subnet-a"; allowed: private subnets only.*replace subnet-a, a public subnet/);
  });

  test('a subnet of another VPC is refused', () => {
    expect(() => checkSubnets('vpc-1', [subnet('subnet-a', 'eu-central-1a', false, 'vpc-2'), subnet('subnet-b', 'eu-central-1b')]))
      .toThrow(/subnet-a is in vpc-2/);
  });

  test('subnets all in one zone are refused', () => {
    expect(() => checkSubnets('vpc-1', [subnet('subnet-a', 'eu-central-1a'), subnet('subnet-b', 'eu-central-1a')]))
      .toThrow(/at least two availability zones/);
  });
});

describe('Pulumi.example.yaml', () => {
  test('is a valid stack configuration', async () => {
    const { stackConfig } = await import('../../stacks/stack-file');
    const { config } = stackConfig(`${__dirname}/../../Pulumi.example.yaml`);
    const s = parseStackConfig((k) => config[k], Object.keys(config));
    expect([s.domain, s.size.name, s.privateSubnetIds.length, s.protect]).toEqual(['example.com', '3k', 3, true]);
  });
});
