import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { ConfigIssue, GitLabConfigError, show } from '../../constructs/config/errors';
import { childOptions, dataOptions, policyJson, Tags } from './common';
import { serviceSecurityGroup } from './network';

/** PostgreSQL majors GitLab 18.x runs on (16 is the floor; 17 is what 19.0 will require). */
export const POSTGRES_MAJOR_VERSIONS = ['17', '16'] as const;
export type PostgresMajorVersion = (typeof POSTGRES_MAJOR_VERSIONS)[number];

export interface PostgresDatabaseArgs {
  /** RDS instance identifier (also names the final snapshot). Fixed, so it is known before the first apply. */
  readonly identifier: string;
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets in at least two availability zones. */
  readonly subnetIds: pulumi.Input<string>[];
  /** Security group of the cluster's pods; the only source admitted on the port. */
  readonly clientSecurityGroupId: pulumi.Input<string>;
  /** KMS key for storage, Performance Insights and snapshots. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** RDS instance class, e.g. `db.m5.2xlarge`. */
  readonly instanceClass: string;
  /** Memory of the instance class in GiB (sizes `maintenance_work_mem`). */
  readonly memoryGib: number;
  /** Initial storage, GB. */
  readonly allocatedStorageGb: number;
  /** Storage autoscaling ceiling, GB. */
  readonly maxAllocatedStorageGb: number;
  /** `max_connections` (see `maxConnections` in constructs/config/sizing/presets.ts). */
  readonly maxConnections: number;
  /** Major version; RDS applies minor upgrades itself. @default '17' */
  readonly engineMajorVersion?: string;
  /** Not 5432, so scanners looking for the default port find nothing (RDS.23). @default 5433 */
  readonly port?: number;
  /** @default gitlabhq_production */
  readonly databaseName?: string;
  /** Master user GitLab connects as (holds `rds_superuser`, so migrations can create extensions). @default gitlab */
  readonly username?: string;
  /** Days of automated backups (RDS.11 wants at least 7). @default 14 */
  readonly backupRetentionDays?: number;
  /** Enhanced monitoring granularity in seconds (1, 5, 10, 15, 30 or 60). @default 60 */
  readonly monitoringIntervalSeconds?: number;
  /** SNS topic for RDS event notifications (RDS.19-RDS.22); none when unset. @default none */
  readonly notificationTopicArn?: pulumi.Input<string>;
  /** @default aws */
  readonly partition?: string;
  /** Pulumi `protect` + `retainOnDelete` on the instance. @default true */
  readonly protect?: boolean;
  /** @default none */
  readonly tags?: Tags;
}

export interface PostgresParameter {
  readonly name: string;
  readonly value: string;
  readonly applyMethod: 'immediate' | 'pending-reboot';
}

/** Everything about the database that does not depend on other resources' outputs. */
export interface PostgresPlan {
  readonly family: string;
  readonly parameters: readonly PostgresParameter[];
  readonly port: number;
  readonly databaseName: string;
  readonly username: string;
  readonly protect: boolean;
  /** Instance inputs; the component adds subnet group, security group, parameter group, keys and password. */
  readonly instance: Omit<aws.rds.InstanceArgs, 'dbSubnetGroupName' | 'vpcSecurityGroupIds' | 'parameterGroupName' | 'kmsKeyId'
    | 'performanceInsightsKmsKeyId' | 'password' | 'monitoringRoleArn'>;
}

const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];
const RESERVED_USERNAMES = ['postgres', 'rdsadmin', 'admin', 'root'];

/**
 * Plans the RDS for PostgreSQL instance: a Multi-AZ DB instance (not Aurora, not a Multi-AZ DB cluster: GitLab
 * supports neither), encrypted, private, with the parameters GitLab's tuning guide asks for.
 * Throws `GitLabConfigError` naming the setting for anything GitLab or RDS would refuse.
 */
export function planPostgres(args: PostgresDatabaseArgs, configPrefix = 'gitlab:postgres'): PostgresPlan {
  const issues: ConfigIssue[] = [];
  const fail = (key: string, value: unknown, allowed: string, fix: string) => issues.push({ path: `${configPrefix}${key}`, value: show(value), allowed, fix });
  const major = args.engineMajorVersion ?? '17';
  if (!(POSTGRES_MAJOR_VERSIONS as readonly string[]).includes(major)) {
    fail('Version', major, POSTGRES_MAJOR_VERSIONS.join(' or '),
      'GitLab 18 needs PostgreSQL 16 or newer; use 17 (forward-compatible with GitLab 19) or 16. Aurora is not supported');
  }
  const port = args.port ?? 5433;
  if (!Number.isInteger(port) || port < 1150 || port > 65535) fail('Port', port, 'an integer from 1150 to 65535 (RDS range)', 'use 5433');
  const username = args.username ?? 'gitlab';
  if (RESERVED_USERNAMES.includes(username) || !/^[a-z][a-z0-9_]{0,62}$/.test(username)) {
    fail('Username', username, 'a lower-case role name that is not a default administrator name (RDS.25)', 'use "gitlab"');
  }
  const backupRetentionDays = args.backupRetentionDays ?? 14;
  if (!Number.isInteger(backupRetentionDays) || backupRetentionDays < 7 || backupRetentionDays > 35) {
    fail('BackupRetentionDays', backupRetentionDays, 'an integer from 7 to 35 (RDS.11 wants at least 7)', 'use 14');
  }
  const monitoringInterval = args.monitoringIntervalSeconds ?? 60;
  if (!MONITORING_INTERVALS.includes(monitoringInterval)) fail('MonitoringInterval', monitoringInterval, MONITORING_INTERVALS.join(', '), 'use 60');
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(args.instanceClass)) fail('InstanceClass', args.instanceClass, 'an RDS instance class such as db.m5.large', 'use the size preset\'s class');
  if (args.instanceClass.startsWith('db.t')) fail('InstanceClass', args.instanceClass, 'a non-burstable class (GitLab does not recommend burstable types)', 'use db.m5/m6i/m7g');
  if (args.maxAllocatedStorageGb < args.allocatedStorageGb) {
    fail('MaxAllocatedStorageGb', args.maxAllocatedStorageGb, `at least the allocated storage (${args.allocatedStorageGb})`, 'raise the autoscaling ceiling');
  }
  if (args.maxConnections < 400) fail('MaxConnections', args.maxConnections, 'at least 400 (GitLab minimum)', 'use the size preset');
  if (issues.length) throw new GitLabConfigError(issues);

  // kB: a sixteenth of memory, between GitLab's 64 MB floor and 2 GB.
  const maintenanceWorkMemKb = Math.min(2 * 1024 * 1024, Math.max(64 * 1024, Math.floor(args.memoryGib * 1024 * 1024 / 16)));
  const parameters: PostgresParameter[] = [
    { name: 'rds.force_ssl', value: '1', applyMethod: 'immediate' },
    { name: 'max_connections', value: String(args.maxConnections), applyMethod: 'pending-reboot' },
    { name: 'statement_timeout', value: '60000', applyMethod: 'immediate' },
    { name: 'work_mem', value: String(16 * 1024), applyMethod: 'immediate' },
    { name: 'maintenance_work_mem', value: String(maintenanceWorkMemKb), applyMethod: 'immediate' },
    { name: 'log_min_duration_statement', value: '1000', applyMethod: 'immediate' },
    { name: 'log_lock_waits', value: '1', applyMethod: 'immediate' },
    { name: 'log_temp_files', value: String(10 * 1024), applyMethod: 'immediate' },
    { name: 'log_autovacuum_min_duration', value: '10000', applyMethod: 'immediate' },
  ];

  const databaseName = args.databaseName ?? 'gitlabhq_production';
  return {
    family: `postgres${major}`,
    parameters,
    port,
    databaseName,
    username,
    protect: args.protect ?? true,
    instance: {
      identifier: args.identifier,
      engine: 'postgres',
      engineVersion: major,
      instanceClass: args.instanceClass,
      allocatedStorage: args.allocatedStorageGb,
      maxAllocatedStorage: args.maxAllocatedStorageGb,
      storageType: 'gp3',
      storageEncrypted: true,
      dbName: databaseName,
      username,
      port,
      multiAz: true,
      publiclyAccessible: false,
      backupRetentionPeriod: backupRetentionDays,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'sun:04:30-sun:05:30',
      deleteAutomatedBackups: false,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${args.identifier}-final`,
      copyTagsToSnapshot: true,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      monitoringInterval,
      performanceInsightsEnabled: true,
      performanceInsightsRetentionPeriod: 7,
      iamDatabaseAuthenticationEnabled: true,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      applyImmediately: false,
      tags: args.tags,
    },
  };
}

/** Events worth a page: the instance failing, failing over, running out of storage, or being changed. */
export const RDS_EVENT_CATEGORIES = ['availability', 'configuration change', 'deletion', 'failover', 'failure', 'low storage', 'maintenance', 'notification', 'recovery', 'restoration'];

/**
 * GitLab's PostgreSQL on Amazon RDS: a Multi-AZ DB instance in private subnets, reachable only from the cluster,
 * encrypted with its own key, with enhanced monitoring, CloudWatch logs, Performance Insights, IAM auth, backups,
 * deletion protection and a final snapshot. The master password is generated and held only as a Pulumi secret.
 */
export class PostgresDatabase extends pulumi.ComponentResource {
  /** DNS name of the instance endpoint. */
  readonly address: pulumi.Output<string>;
  readonly port: number;
  readonly databaseName: string;
  readonly username: string;
  /** The master password (a Pulumi secret). */
  readonly password: pulumi.Output<string>;
  readonly instanceArn: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: PostgresDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super('gitlab-iac:aws:PostgresDatabase', name, {}, opts);
    const plan = planPostgres(args);
    const partition = args.partition ?? 'aws';

    const password = new random.RandomPassword(`${name}-password`, {
      length: 40, special: false, minLower: 4, minUpper: 4, minNumeric: 4,
    }, childOptions(this, { additionalSecretOutputs: ['result'] }));

    const subnetGroup = new aws.rds.SubnetGroup(name, {
      description: 'GitLab PostgreSQL: private subnets only (RDS.46)',
      subnetIds: args.subnetIds,
      tags: args.tags,
    }, childOptions(this));
    const securityGroup = serviceSecurityGroup(`${name}-sg`, this, {
      description: 'GitLab PostgreSQL: the cluster only', vpcId: args.vpcId,
      clientSecurityGroupId: args.clientSecurityGroupId, port: plan.port, tags: args.tags,
    });
    const parameterGroup = new aws.rds.ParameterGroup(name, {
      family: plan.family,
      description: 'GitLab PostgreSQL tuning (TLS required, timeouts, memory, connections, logging)',
      parameters: plan.parameters.map((p) => ({ ...p })),
      tags: args.tags,
    }, childOptions(this));

    const monitoringRole = new aws.iam.Role(`${name}-monitoring`, {
      description: 'RDS enhanced monitoring for GitLab PostgreSQL',
      assumeRolePolicy: policyJson([{ Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
      tags: args.tags,
    }, childOptions(this));
    const monitoringPolicy = new aws.iam.RolePolicyAttachment(`${name}-monitoring`, {
      role: monitoringRole.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`,
    }, childOptions(this));

    const instance = new aws.rds.Instance(name, {
      ...plan.instance,
      password: pulumi.secret(password.result),
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [securityGroup.id],
      parameterGroupName: parameterGroup.name,
      kmsKeyId: args.kmsKeyArn,
      performanceInsightsKmsKeyId: args.kmsKeyArn,
      monitoringRoleArn: monitoringRole.arn,
    }, dataOptions(this, plan.protect, { dependsOn: [monitoringPolicy], additionalSecretOutputs: ['password'] }));

    if (args.notificationTopicArn) {
      new aws.rds.EventSubscription(`${name}-instance-events`, {
        snsTopic: args.notificationTopicArn,
        sourceType: 'db-instance',
        sourceIds: [instance.identifier],
        eventCategories: RDS_EVENT_CATEGORIES,
        tags: args.tags,
      }, childOptions(this));
      new aws.rds.EventSubscription(`${name}-parameter-group-events`, {
        snsTopic: args.notificationTopicArn,
        sourceType: 'db-parameter-group',
        sourceIds: [parameterGroup.name],
        eventCategories: ['configuration change'],
        tags: args.tags,
      }, childOptions(this));
    }

    this.address = instance.address;
    this.port = plan.port;
    this.databaseName = plan.databaseName;
    this.username = plan.username;
    this.password = pulumi.secret(password.result);
    this.instanceArn = instance.arn;
    this.securityGroupId = securityGroup.id;
    this.registerOutputs({
      address: this.address, port: this.port, databaseName: this.databaseName, username: this.username,
      instanceArn: this.instanceArn, securityGroupId: this.securityGroupId,
    });
  }
}
