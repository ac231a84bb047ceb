import * as pulumi from '@pulumi/pulumi';
import { describe, expect, test } from 'vitest';
import { GitLabConfigError } from '../../constructs/config/errors';
import { planPostgres, PostgresDatabaseArgs } from '../../stacks/aws/postgres';
import { one, policy, underMocks, valueOf } from './harness';

const ARGS: PostgresDatabaseArgs = {
  identifier: 'gitlab-prod', vpcId: 'vpc-0a1b2c3d4e5f60718', subnetIds: ['subnet-1', 'subnet-2'],
  clientSecurityGroupId: 'sg-cluster', kmsKeyArn: 'arn:aws:kms:eu-central-1:123456789012:key/pg',
  instanceClass: 'db.m5.2xlarge', memoryGib: 32, allocatedStorageGb: 500, maxAllocatedStorageGb: 2000, maxConnections: 3200,
};

const deploy = (args: Partial<PostgresDatabaseArgs> = {}) => underMocks(async () => {
  const { PostgresDatabase } = await import('../../stacks/aws/postgres');
  return new PostgresDatabase('postgres', { ...ARGS, ...args });
});

describe('planPostgres', () => {
  const plan = planPostgres(ARGS);
  const param = (name: string) => plan.parameters.find((p) => p.name === name);

  test('RDS for PostgreSQL 17 by default, major version only so RDS applies minor upgrades', () => {
    expect([plan.instance.engine, plan.instance.engineVersion, plan.family]).toEqual(['postgres', '17', 'postgres17']);
  });

  test('PostgreSQL 16 is accepted with its parameter family', () => {
    expect(planPostgres({ ...ARGS, engineMajorVersion: '16' }).family).toBe('postgres16');
  });

  test('other versions (and anything Aurora) are refused, naming gitlab:postgresVersion', () => {
    expect(() => planPostgres({ ...ARGS, engineMajorVersion: '15' })).toThrow(GitLabConfigError);
    expect(() => planPostgres({ ...ARGS, engineMajorVersion: 'aurora-postgresql' })).toThrow(/gitlab:postgresVersion/);
  });

  test('RDS.2 not publicly accessible', () => expect(plan.instance.publiclyAccessible).toBe(false));
  test('RDS.3 storage encrypted at rest', () => expect(plan.instance.storageEncrypted).toBe(true));
  test('RDS.5 Multi-AZ DB instance', () => expect(plan.instance.multiAz).toBe(true));
  test('RDS.6 enhanced monitoring every 60 seconds', () => expect(plan.instance.monitoringInterval).toBe(60));
  test('RDS.8 deletion protection', () => expect(plan.instance.deletionProtection).toBe(true));
  test('RDS.9 and RDS.36 PostgreSQL and upgrade logs published to CloudWatch', () => {
    expect(plan.instance.enabledCloudwatchLogsExports).toEqual(['postgresql', 'upgrade']);
  });
  test('RDS.10 IAM authentication enabled', () => expect(plan.instance.iamDatabaseAuthenticationEnabled).toBe(true));
  test('RDS.11 automatic backups kept 14 days by default', () => expect(plan.instance.backupRetentionPeriod).toBe(14));
  test('RDS.11 fewer than 7 days of backups is refused', () => {
    expect(() => planPostgres({ ...ARGS, backupRetentionDays: 3 })).toThrow(/gitlab:postgresBackupRetentionDays: got 3/);
  });
  test('RDS.13 automatic minor version upgrades', () => expect(plan.instance.autoMinorVersionUpgrade).toBe(true));
  test('RDS.17 tags copied to snapshots', () => expect(plan.instance.copyTagsToSnapshot).toBe(true));
  test('RDS.23 not on the engine default port', () => expect(plan.instance.port).toBe(5433));
  test('RDS.25 custom administrator user name', () => {
    expect(plan.instance.username).toBe('gitlab');
    expect(() => planPostgres({ ...ARGS, username: 'postgres' })).toThrow(/gitlab:postgresUsername: got "postgres"/);
  });

  test('DATA.1 a final snapshot is taken on deletion', () => {
    expect(plan.instance.skipFinalSnapshot).toBe(false);
    expect(plan.instance.finalSnapshotIdentifier).toBe('gitlab-prod-final');
    expect(plan.instance.deleteAutomatedBackups).toBe(false);
  });

  test('storage autoscales up to the ceiling on gp3', () => {
    expect([plan.instance.allocatedStorage, plan.instance.maxAllocatedStorage, plan.instance.storageType]).toEqual([500, 2000, 'gp3']);
  });

  test('Performance Insights on', () => expect(plan.instance.performanceInsightsEnabled).toBe(true));

  test('parameters: TLS forced, GitLab\'s statement timeout and memory minimums, sized max_connections, logging', () => {
    expect(param('rds.force_ssl')?.value).toBe('1');
    expect(Number(param('statement_timeout')?.value)).toBeGreaterThanOrEqual(15000);
    expect(Number(param('statement_timeout')?.value)).toBeLessThanOrEqual(60000);
    expect(Number(param('work_mem')?.value)).toBeGreaterThanOrEqual(8 * 1024);
    expect(Number(param('maintenance_work_mem')?.value)).toBeGreaterThanOrEqual(64 * 1024);
    expect(param('max_connections')).toEqual({ name: 'max_connections', value: '3200', applyMethod: 'pending-reboot' });
    expect(param('log_min_duration_statement')?.value).toBe('1000');
  });

  test('max_connections below GitLab\'s 400 is refused', () => {
    expect(() => planPostgres({ ...ARGS, maxConnections: 100 })).toThrow(/gitlab:postgresMaxConnections/);
  });

  test('burstable instance classes are refused', () => {
    expect(() => planPostgres({ ...ARGS, instanceClass: 'db.t3.large' })).toThrow(/gitlab:postgresInstanceClass: got "db.t3.large"/);
  });
});

describe('PostgresDatabase', () => {
  test('creates the instance with its subnet group, security group, parameter group and monitoring role', async () => {
    const { mocks } = await deploy();
    const db = one(mocks, 'aws:rds/instance:Instance');
    expect(db.inputs.dbSubnetGroupName).toBe('postgres');
    expect(db.inputs.parameterGroupName).toBe('postgres');
    expect(db.inputs.vpcSecurityGroupIds).toEqual(['postgres-sg-id']);
    expect(one(mocks, 'aws:rds/parameterGroup:ParameterGroup').inputs.family).toBe('postgres17');
    expect(one(mocks, 'aws:ec2/securityGroup:SecurityGroup').inputs.vpcId).toBe('vpc-0a1b2c3d4e5f60718');
  });

  test('RDS.3 and RDS.4 storage and Performance Insights use the given KMS key', async () => {
    const { mocks } = await deploy();
    const db = one(mocks, 'aws:rds/instance:Instance');
    expect(db.inputs.kmsKeyId).toBe(ARGS.kmsKeyArn);
    expect(db.inputs.performanceInsightsKmsKeyId).toBe(ARGS.kmsKeyArn);
  });

  test('RDS.6 the monitoring role is trusted by RDS monitoring and has the enhanced monitoring policy', async () => {
    const { mocks } = await deploy();
    const role = one(mocks, 'aws:iam/role:Role');
    expect(policy(role.inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: 'monitoring.rds.amazonaws.com' });
    expect(one(mocks, 'aws:iam/rolePolicyAttachment:RolePolicyAttachment').inputs.policyArn)
      .toBe('arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole');
    expect(one(mocks, 'aws:rds/instance:Instance').inputs.monitoringRoleArn).toMatch(/^arn:aws:iam::123456789012:role\//);
  });

  test('RDS.46 private subnets only: the subnet group holds exactly the given subnets', async () => {
    const { mocks } = await deploy();
    expect(one(mocks, 'aws:rds/subnetGroup:SubnetGroup').inputs.subnetIds).toEqual(['subnet-1', 'subnet-2']);
  });

  test('EC2.18/EC2.19 the security group admits only the cluster\'s security group, on the database port', async () => {
    const { mocks } = await deploy();
    const rule = one(mocks, 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule');
    expect(rule.inputs).toMatchObject({ referencedSecurityGroupId: 'sg-cluster', ipProtocol: 'tcp', fromPort: 5433, toPort: 5433 });
    expect(rule.inputs.cidrIpv4).toBeUndefined();
    expect(one(mocks, 'aws:ec2/securityGroup:SecurityGroup').inputs.ingress ?? []).toEqual([]);
  });

  test('SECRET.2 the master password is generated and travels only as a Pulumi secret', async () => {
    const { mocks, result } = await deploy();
    expect(one(mocks, 'aws:rds/instance:Instance').secretInputs).toContain('password');
    expect(await pulumi.isSecret(result.password)).toBe(true);
    expect(one(mocks, 'random:index/randomPassword:RandomPassword').inputs).toMatchObject({ length: 40, special: false });
  });

  test('DATA.3 the instance is protected and retained on delete by default', async () => {
    const { mocks } = await deploy();
    const db = one(mocks, 'aws:rds/instance:Instance');
    expect([db.protect, db.retainOnDelete]).toEqual([true, true]);
  });

  test('the protect switch turns Pulumi protection off (deletion protection stays on)', async () => {
    const { mocks } = await deploy({ protect: false });
    const db = one(mocks, 'aws:rds/instance:Instance');
    expect([db.protect, db.retainOnDelete, db.inputs.deletionProtection]).toEqual([false, false, true]);
  });

  test('RDS.19-RDS.22 event subscriptions for the instance and its parameter group when a topic is given', async () => {
    const { mocks } = await deploy({ notificationTopicArn: 'arn:aws:sns:eu-central-1:123456789012:ops' });
    const subs = mocks.ofType('aws:rds/eventSubscription:EventSubscription');
    expect(subs.map((s) => s.inputs.sourceType).sort()).toEqual(['db-instance', 'db-parameter-group']);
    expect(subs.find((s) => s.inputs.sourceType === 'db-instance')!.inputs.eventCategories).toEqual(expect.arrayContaining(['failure', 'maintenance', 'configuration change']));
  });

  test('exposes the endpoint, port, database and user GitLab connects with', async () => {
    const { result } = await deploy();
    expect(await valueOf(result.address)).toBe('gitlab-prod.c0ffee00c0de.eu-central-1.rds.amazonaws.com');
    expect([result.port, result.databaseName, result.username]).toEqual([5433, 'gitlabhq_production', 'gitlab']);
  });

  test('every child is parented to the component', async () => {
    const { mocks } = await deploy();
    const component = one(mocks, 'gitlab-iac:aws:PostgresDatabase');
    for (const r of mocks.registrations.filter((x) => x !== component)) expect(r.parent).toBe(component.urn);
  });
});
