import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { resolveConfig } from '../constructs/config/resolve';
import { GitLabPlatformProps } from '../constructs/config/types';
import { DataKey } from './aws/kms-key';
import { IRSA_COMPONENTS, IrsaComponent, IrsaRoles, planIrsaRoles } from './aws/iam';
import { ObjectStorage, planObjectStorage } from './aws/object-storage';
import { planPostgres, PostgresDatabase, PostgresDatabaseArgs } from './aws/postgres';
import { planRedis, RedisReplicationGroup, RedisReplicationGroupArgs, RedisRole } from './aws/redis';
import { checkSubnets, parseStackConfig, StackSettings } from './config';
import { lookUpNetworkRanges, NetworkRanges } from './aws/network';
import { PlatformRelease } from './kubernetes/platform-release';
import { PlatformSecrets, StackSecretRefs, stackSecretRefs } from './kubernetes/secrets';

/** What the stack exports: names, endpoints and ARNs. Never a password, token or key. */
export interface GitLabStackOutputs {
  readonly url: string;
  readonly namespace: string;
  readonly postgresEndpoint: pulumi.Output<string>;
  readonly postgresPort: number;
  readonly redisEndpoint: pulumi.Output<string>;
  readonly redisCacheEndpoint?: pulumi.Output<string>;
  readonly buckets: Readonly<Record<string, string>>;
  readonly iamRoleArns: Readonly<Record<IrsaComponent, string>>;
  readonly kubernetesObjects: number;
}

/** The stack configuration from `Pulumi.<stack>.yaml` (and `pulumi config`), checked. */
export function readStackConfig(): StackSettings {
  const all = Object.keys(pulumi.runtime.allConfig());
  return parseStackConfig((key) => pulumi.runtime.getConfig(key), all);
}

/** A name AWS accepts as an RDS identifier / ElastiCache id: lower-case, letters, digits, single hyphens. */
export function awsIdentifier(parts: readonly string[], max: number): string {
  const id = parts.join('-').toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/-+/g, '-').replace(/^[^a-z]+/, '');
  return id.slice(0, max).replace(/-+$/, '');
}

/** Placeholders for endpoints in the layout props (never applied; see PlatformRelease). */
const PENDING = { a: 'endpoint-pending-a.invalid', b: 'endpoint-pending-b.invalid' } as const;

interface PlatformInputs {
  readonly settings: StackSettings;
  readonly refs: StackSecretRefs;
  readonly bucketNames: Readonly<Record<string, string>>;
  readonly roleArns: Readonly<Record<IrsaComponent, string>>;
  readonly postgresPort: number;
  readonly postgresUser: string;
  readonly postgresDatabase: string;
  readonly redisPort: number;
  readonly network: NetworkRanges;
}

/** The platform's props for this stack: sized by the preset, wired to the managed services and the stack's Secrets. */
export function platformProps(i: PlatformInputs, postgresHost: string, redisHost: string, redisCacheHost?: string): GitLabPlatformProps {
  const s = i.settings;
  const p = s.size;
  return {
    releaseName: s.release,
    namespace: s.namespace,
    edition: s.edition,
    ...(s.version ? { version: s.version } : {}),
    // The preset's node pools (`workload: webservice|sidekiq|gitaly|support`) only when the cluster has them.
    ...(s.nodePools ? { size: p.name } : {}),
    hosts: { domain: s.domain },
    postgres: {
      host: postgresHost,
      port: i.postgresPort,
      database: i.postgresDatabase,
      username: i.postgresUser,
      password: { name: i.refs.postgresPassword.name, key: i.refs.postgresPassword.key },
      // The parameter group refuses plaintext (rds.force_ssl); `require` makes the client refuse it too.
      tls: { mode: 'require' },
    },
    redis: {
      host: redisHost,
      port: i.redisPort,
      scheme: 'rediss',
      password: { name: i.refs.redisPassword.name, key: i.refs.redisPassword.key },
      ...(redisCacheHost ? { cache: { host: redisCacheHost, password: { name: i.refs.redisCachePassword.name, key: i.refs.redisCachePassword.key } } } : {}),
    },
    objectStorage: {
      connection: { name: i.refs.objectStorage.name, key: i.refs.objectStorage.key },
      buckets: {
        artifacts: i.bucketNames.artifacts, lfs: i.bucketNames.lfs, uploads: i.bucketNames.uploads, packages: i.bucketNames.packages,
        externalDiffs: i.bucketNames.externalDiffs, terraformState: i.bucketNames.terraformState, ciSecureFiles: i.bucketNames.ciSecureFiles,
        dependencyProxy: i.bucketNames.dependencyProxy, pages: i.bucketNames.pages,
      },
      backupBucket: i.bucketNames.backups,
      backupTmpBucket: i.bucketNames.tmp,
      iamRole: { roleArn: i.roleArns.webservice, perComponent: { ...i.roleArns } },
    },
    ingress: { className: s.ingress.className, tls: s.ingress.tls },
    // PostgreSQL and Redis only in the VPC, the web backends only from the ingress controller's namespace.
    networkPolicies: { vpcCidrs: [...i.network.dataServiceCidrs], ingressNamespace: s.network.ingressNamespace },
    serviceAccounts: true,
    components: {
      webservice: {
        workerProcesses: p.webservice.workerProcesses,
        resources: p.webservice.resources,
        autoscaling: { minReplicas: p.webservice.minReplicas, maxReplicas: p.webservice.maxReplicas, cpu: { averageValue: p.webservice.hpaCpuAverageValue } },
        podDisruptionBudget: { maxUnavailable: p.webservice.maxUnavailable },
      },
      sidekiq: {
        concurrency: p.sidekiq.concurrency,
        resources: p.sidekiq.resources,
        autoscaling: { minReplicas: p.sidekiq.minReplicas, maxReplicas: p.sidekiq.maxReplicas, cpu: { averageValue: p.sidekiq.hpaCpuAverageValue } },
      },
      gitaly: { resources: p.gitaly.resources },
      registry: { storage: { name: i.refs.registryStorage.name, key: i.refs.registryStorage.key }, bucket: i.bucketNames.registry },
      toolbox: { backupS3cmdConfig: { name: i.refs.backupS3cmd.name, key: i.refs.backupS3cmd.key } },
    },
  };
}

/**
 * The production stack: KMS keys, RDS PostgreSQL, ElastiCache Redis, S3 buckets and IRSA roles on AWS; the
 * Secrets built from them; the GitLab platform's objects applied to the cluster.
 */
export async function gitlabStack(settings: StackSettings = readStackConfig()): Promise<GitLabStackOutputs> {
  const s = settings;
  const stack = pulumi.getStack();
  const [identity, partitionInfo, subnets, networkRanges] = await Promise.all([
    aws.getCallerIdentity({}),
    aws.getPartition({}),
    Promise.all(s.privateSubnetIds.map((id) => aws.ec2.getSubnet({ id }))),
    lookUpNetworkRanges(s.vpcId, s.network.dataServiceCidrs),
  ]);
  checkSubnets(s.vpcId, subnets.map((x) => ({ id: x.id, vpcId: x.vpcId, availabilityZone: x.availabilityZone, mapPublicIpOnLaunch: x.mapPublicIpOnLaunch })));
  const accountId = identity.accountId;
  const partition = partitionInfo.partition;
  const tags = { 'gitlab.com/stack': stack, 'gitlab.com/release': s.release, ...s.tags };
  const network = { vpcId: s.vpcId, subnetIds: [...s.privateSubnetIds], clientSecurityGroupId: s.clusterSecurityGroupId };
  const protect = s.protect;

  // Everything the manifests name is planned first, from the configuration alone: bucket names, role ARNs,
  // Secret names, ports. The platform's configuration is resolved against it before any resource exists, so a
  // GitLabConfigError stops the program before anything is created.
  const refs = stackSecretRefs(s.release);
  const bucketPrefix = s.bucketPrefix ?? awsIdentifier(['gitlab', accountId, s.region], 46);
  const storagePlan = planObjectStorage({ bucketPrefix, kmsKeyArn: '', accountId, partition });
  const roleNamePrefix = s.iamRolePrefix ?? awsIdentifier([s.release, stack, s.region], 53);
  const rolePlan = planIrsaRoles({ accountId, partition, roleNamePrefix, oidcProviderArn: s.oidcProviderArn, oidcIssuerUrl: s.oidcIssuerUrl });
  const inputs: PlatformInputs = {
    settings: s, refs, bucketNames: storagePlan.names, roleArns: rolePlan.roleArns,
    postgresPort: s.postgres.port, postgresUser: 'gitlab', postgresDatabase: 'gitlabhq_production', redisPort: 6379,
    network: networkRanges,
  };
  const layout = (variant: 'a' | 'b') => platformProps(inputs, PENDING[variant], PENDING[variant], s.redis.cache ? PENDING[variant] : undefined);
  const resolved = resolveConfig(layout('a'));

  const dbArgs = (kmsKeyArn: pulumi.Input<string>): PostgresDatabaseArgs => ({
    ...network,
    identifier: awsIdentifier([s.release, stack], 55),
    kmsKeyArn,
    engineMajorVersion: s.postgres.version,
    instanceClass: s.postgres.instanceClass,
    memoryGib: s.postgres.memoryGib,
    allocatedStorageGb: s.postgres.allocatedStorageGb,
    maxAllocatedStorageGb: s.postgres.maxAllocatedStorageGb,
    maxConnections: s.postgres.maxConnections,
    port: s.postgres.port,
    backupRetentionDays: s.postgres.backupRetentionDays,
    notificationTopicArn: s.notificationTopicArn,
    partition, protect, tags,
  });
  const redisArgs = (role: RedisRole, group: { nodeType: string; nodes: number }, kmsKeyArn: pulumi.Input<string>): RedisReplicationGroupArgs => ({
    ...network, role, replicationGroupId: awsIdentifier([s.release, stack, role === 'cache' ? 'cache' : 'redis'], 40),
    kmsKeyArn, nodeType: group.nodeType, nodes: group.nodes, protect, tags,
  });
  planPostgres(dbArgs(''));
  planRedis(redisArgs('persistent', s.redis, ''));
  if (s.redis.cache) planRedis(redisArgs('cache', s.redis.cache, ''));

  // Nothing above created a resource; from here on the stack is built.
  const keyArgs = (purpose: string) => ({ purpose, alias: awsIdentifier([s.release, stack, purpose], 200), accountId, partition, protect, tags });
  const postgresKey = new DataKey('postgres-key', keyArgs('postgres'));
  const redisKey = new DataKey('redis-key', keyArgs('redis'));
  const storageKey = new DataKey('object-storage-key', keyArgs('object-storage'));

  const db = new PostgresDatabase('postgres', dbArgs(postgresKey.keyArn));
  const redis = new RedisReplicationGroup('redis', redisArgs('persistent', s.redis, redisKey.keyArn));
  const cache = s.redis.cache ? new RedisReplicationGroup('redis-cache', redisArgs('cache', s.redis.cache, redisKey.keyArn)) : undefined;

  const storage = new ObjectStorage('object-storage', {
    bucketPrefix,
    kmsKeyArn: storageKey.keyArn, accountId, partition, protect, tags,
  });
  const serviceAccounts = Object.fromEntries(IRSA_COMPONENTS.map((c) => [c, `${s.release}-${c}`])) as Record<IrsaComponent, string>;
  const roles = new IrsaRoles('irsa', {
    accountId, partition,
    roleNamePrefix,
    oidcProviderArn: s.oidcProviderArn, oidcIssuerUrl: s.oidcIssuerUrl,
    namespace: s.namespace, serviceAccounts,
    bucketArns: storage.bucketArns, kmsKeyArn: storageKey.keyArn, tags,
  });

  const real: PlatformInputs = {
    ...inputs, bucketNames: storage.bucketNames, roleArns: roles.roleArns,
    postgresPort: db.port, postgresUser: db.username, postgresDatabase: db.databaseName, redisPort: redis.port,
  };

  const provider = new k8s.Provider('kubernetes', {
    ...(s.kubeconfig ? { kubeconfig: pulumi.secret(s.kubeconfig) } : {}),
    ...(s.kubeContext ? { context: s.kubeContext } : {}),
    enableServerSideApply: true,
  });
  // Deleting the namespace would delete Gitaly's volumes with it: it follows the protect switch.
  const namespace = new k8s.core.v1.Namespace('namespace', {
    metadata: {
      name: s.namespace,
      labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' },
    },
  }, { provider, protect, retainOnDelete: protect });

  const secrets = new PlatformSecrets('secrets', {
    namespace: s.namespace, refs,
    sharedSecretNames: resolved.secrets,
    features: { kas: resolved.components.kas !== undefined },
    postgresPassword: db.password,
    redisPassword: redis.authToken,
    ...(cache ? { redisCachePassword: cache.authToken } : {}),
    region: s.region,
    registryBucket: storage.bucketNames.registry,
    objectStorageKmsKeyArn: storageKey.keyArn,
  }, { providers: { kubernetes: provider }, dependsOn: [namespace] });

  const release = new PlatformRelease('platform', {
    layout,
    props: pulumi.all([db.address, redis.primaryEndpoint, cache?.primaryEndpoint]).apply(([pg, rd, rc]) => platformProps(real, pg, rd, rc)),
  }, { providers: { kubernetes: provider }, dependsOn: [namespace, secrets] });

  return {
    url: resolved.hosts.gitlab.url,
    namespace: s.namespace,
    postgresEndpoint: db.address,
    postgresPort: db.port,
    redisEndpoint: redis.primaryEndpoint,
    ...(cache ? { redisCacheEndpoint: cache.primaryEndpoint } : {}),
    buckets: storage.bucketNames,
    iamRoleArns: roles.roleArns,
    kubernetesObjects: release.objectKeys.length,
  };
}
