import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { GitLabConfigError } from '../constructs/config/errors';
import { resolveConfig } from '../constructs/config/resolve';
import { DataKey } from './aws/kms-key';
import { IRSA_COMPONENTS, IrsaComponent, IrsaRoles, planIrsaRoles } from './aws/iam';
import { ObjectStorage, planObjectStorage } from './aws/object-storage';
import { planPostgres, PostgresDatabase, PostgresDatabaseArgs } from './aws/postgres';
import { planRedis, RedisReplicationGroup, RedisReplicationGroupArgs, RedisRole } from './aws/redis';
import { lookUpNetworkRanges } from './aws/network';
import { checkSubnets, parseStackConfig, StackSettings } from './config';
import { PlatformRelease } from './kubernetes/platform-release';
import { PlatformSecrets, stackSecretRefs } from './kubernetes/secrets';
import { awsIdentifier, GitLabStackOutputs, PENDING, PlatformInputs, platformProps } from './platform-props';
import { argsFromSettings, GitLabAwsStackArgs, stackSettings } from './stack-args';

/** Pulumi type token of the whole production stack. */
export const GITLAB_STACK_TYPE = 'gitlab-iac:aws:GitLabStack';

/** The resources the stack is made of, once built (`GitLabAwsStack.ready`). */
export interface GitLabAwsStackParts {
  readonly settings: StackSettings;
  readonly keys: { readonly postgres: DataKey; readonly redis: DataKey; readonly objectStorage: DataKey };
  readonly database: PostgresDatabase;
  readonly redis: RedisReplicationGroup;
  /** The separate cache Redis; absent when one group serves everything. */
  readonly redisCache?: RedisReplicationGroup;
  readonly objectStorage: ObjectStorage;
  readonly roles: IrsaRoles;
  readonly kubernetesProvider: k8s.Provider;
  readonly namespace: k8s.core.v1.Namespace;
  readonly secrets: PlatformSecrets;
  readonly release: PlatformRelease;
  /** What the repository's program exports: names, endpoints and ARNs; never a secret. */
  readonly outputs: GitLabStackOutputs;
}

/** Args built by `GitLabAwsStack.fromConfig`: their errors name the configuration keys. */
const FROM_CONFIG = new WeakSet<object>();

/** Child names of the repository's program before `GitLabAwsStack` existed (resources at the stack root). */
const ROOT_NAMES = ['postgres-key', 'redis-key', 'object-storage-key', 'postgres', 'redis', 'redis-cache', 'object-storage', 'irsa', 'kubernetes', 'namespace', 'secrets', 'platform'] as const;
type ChildName = (typeof ROOT_NAMES)[number];

/**
 * Production GitLab on AWS as one component: KMS keys, RDS PostgreSQL, ElastiCache Redis, S3 buckets and IRSA
 * roles; the Secrets built from them; the GitLab platform's objects applied to the cluster (server-side apply,
 * migrations before the Deployments). Every child is parented to this component.
 *
 * The args are checked when it is constructed (a `GitLabConfigError` before anything is registered); the facts it
 * looks up (account, partition, subnets) are checked before any child exists — await `ready` to see those errors
 * where they happen, or let Pulumi report them.
 */
export class GitLabAwsStack extends pulumi.ComponentResource<GitLabAwsStackParts> {
  /** The external URL of GitLab (`https://gitlab.<domain>`). */
  readonly url: pulumi.Output<string>;
  /** Namespace of the platform. */
  readonly namespace: pulumi.Output<string>;
  readonly postgresEndpoint: pulumi.Output<string>;
  readonly postgresPort: pulumi.Output<number>;
  readonly redisEndpoint: pulumi.Output<string>;
  /** Endpoint of the separate cache Redis; undefined when one group serves everything. */
  readonly redisCacheEndpoint: pulumi.Output<string | undefined>;
  /** Bucket names by purpose (artifacts, lfs, uploads, registry, backups, tmp ...). */
  readonly buckets: pulumi.Output<Record<string, string>>;
  /** IRSA role ARNs by component. */
  readonly iamRoleArns: pulumi.Output<Record<IrsaComponent, string>>;
  /** How many Kubernetes objects the platform applies. */
  readonly kubernetesObjects: pulumi.Output<number>;
  /** The GitLab release deployed; the next update reads it back to check the upgrade path (`deployedVersion`). */
  readonly gitlabVersion: pulumi.Output<string>;
  /** Resolves once every child is registered, with the children; rejects with the error that stopped the stack. */
  readonly ready: Promise<GitLabAwsStackParts>;

  private settle?: (parts: GitLabAwsStackParts | undefined) => void;
  private start?: { name: string; settings: StackSettings; configNames: boolean; adopt: boolean; provider?: k8s.Provider; deployedVersion?: string | false };

  constructor(name: string, args: GitLabAwsStackArgs & GitLabAwsStackOptions, opts?: pulumi.ComponentResourceOptions) {
    const { adoptRootResources, kubernetesProvider, deployedVersion, ...stackArgs } = args;
    const configNames = FROM_CONFIG.has(args);
    const configRegion = new pulumi.Config('aws').get('region');
    const settings = configNames ? parseStackConfig((k) => pulumi.runtime.getConfig(k), Object.keys(pulumi.runtime.allConfig())) : stackSettings(stackArgs, configRegion);
    // What RDS and ElastiCache would refuse stops the program before anything is registered.
    try {
      planServices(settings, pulumi.getStack());
    } catch (e) {
      throw named(e, configNames);
    }
    super(GITLAB_STACK_TYPE, name, {}, opts);
    this.start = { name, settings, configNames, adopt: adoptRootResources ?? false, provider: kubernetesProvider, deployedVersion };
    this.ready = this.getData();
    // The outputs come from a promise that never rejects (undefined when the stack failed): the failure surfaces
    // once, through `ready` (awaited, or reported by Pulumi as the program's error), not once per output.
    const built = new Promise<GitLabAwsStackParts | undefined>((resolve) => { this.settle = resolve; });
    const part = <T>(f: (p: GitLabAwsStackParts) => T) => pulumi.output(built.then((p) => (p ? f(p) : undefined))) as unknown as pulumi.Output<pulumi.Unwrap<T>>;
    this.url = part((p) => p.outputs.url);
    this.namespace = part((p) => p.outputs.namespace);
    this.postgresEndpoint = part((p) => p.outputs.postgresEndpoint);
    this.postgresPort = part((p) => p.outputs.postgresPort);
    this.redisEndpoint = part((p) => p.outputs.redisEndpoint);
    this.redisCacheEndpoint = part((p) => p.outputs.redisCacheEndpoint) as pulumi.Output<string | undefined>;
    this.buckets = part((p) => ({ ...p.outputs.buckets }));
    this.iamRoleArns = part((p) => ({ ...p.outputs.iamRoleArns }));
    this.kubernetesObjects = part((p) => p.outputs.kubernetesObjects);
    this.gitlabVersion = part((p) => p.outputs.gitlabVersion);
  }

  /**
   * The stack from the Pulumi configuration (`gitlab:<key>` and `aws:region`, see the README's table), as the
   * repository's own program builds it; errors name the configuration keys.
   */
  static fromConfig(name: string, options: GitLabAwsStackOptions = {}, opts?: pulumi.ComponentResourceOptions): GitLabAwsStack {
    const settings = parseStackConfig((k) => pulumi.runtime.getConfig(k), Object.keys(pulumi.runtime.allConfig()));
    const args = { ...argsFromSettings(settings), ...options };
    FROM_CONFIG.add(args);
    return new GitLabAwsStack(name, args, opts);
  }

  /** The stack's outputs as the repository's program exports them (after `ready`). */
  async outputs(): Promise<GitLabStackOutputs> {
    return (await this.ready).outputs;
  }

  protected override async initialize(): Promise<GitLabAwsStackParts> {
    // Runs from the base constructor: wait for this constructor to finish.
    await Promise.resolve();
    const start = this.start!;
    this.start = undefined;
    try {
      const parts = await buildStack(this, start.name, start.settings, start.adopt, start.provider, start.deployedVersion);
      const o = parts.outputs;
      this.registerOutputs({
        url: o.url, namespace: o.namespace, postgresEndpoint: o.postgresEndpoint, postgresPort: o.postgresPort, redisEndpoint: o.redisEndpoint,
        redisCacheEndpoint: o.redisCacheEndpoint, buckets: o.buckets, iamRoleArns: o.iamRoleArns, kubernetesObjects: o.kubernetesObjects,
        gitlabVersion: o.gitlabVersion,
      });
      this.settle!(parts);
      return parts;
    } catch (e) {
      this.settle!(undefined);
      throw named(e, start.configNames);
    }
  }
}

/** Options of `GitLabAwsStack` that are not stack settings. */
export interface GitLabAwsStackOptions {
  /**
   * Adopt the resources an earlier version of the repository's program created at the stack root (names without
   * the component's prefix), by Pulumi aliases, instead of replacing them. @default false
   */
  readonly adoptRootResources?: boolean;
  /**
   * Kubernetes provider for the namespace, Secrets and platform objects; it must apply server-side
   * (`enableServerSideApply`, the default of @pulumi/kubernetes 4). @default a provider from `kubeconfig` and
   * `kubeContext` (the ambient configuration when unset)
   */
  readonly kubernetesProvider?: k8s.Provider;
  /**
   * The GitLab release running in the cluster now. A `version` that skips a required upgrade stop after it (or goes
   * back) stops the stack with a `GitLabConfigError` naming the next stop, before anything changes. `false` turns
   * the check off. @default the release this stack last deployed: its own `gitlabVersion` output, read through a
   * StackReference to itself (none on the first `pulumi up`)
   */
  readonly deployedVersion?: string | false;
}

/** The `gitlabVersion` this stack exported on its last update, or undefined (first update, or not readable). */
async function lastDeployedVersion(parent: pulumi.Resource, name: string): Promise<string | undefined> {
  try {
    const self = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
    const ref = new pulumi.StackReference(`${name}-last-deployed`, { name: self }, { parent });
    const details = await ref.getOutputDetails('gitlabVersion');
    return typeof details.value === 'string' ? details.value : undefined;
  } catch {
    return undefined;
  }
}

/** The args of the database and the Redis groups, from the settings. */
function serviceArgs(s: StackSettings, stack: string, partition: string, tags: Record<string, string>) {
  const network = { vpcId: s.vpcId, subnetIds: [...s.privateSubnetIds], clientSecurityGroupId: s.clusterSecurityGroupId };
  const protect = s.protect;
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
  return { dbArgs, redisArgs };
}

/** Checks what RDS and ElastiCache would refuse (throws `GitLabConfigError`); needs no resource and no lookup. */
function planServices(s: StackSettings, stack: string, partition = 'aws'): void {
  const { dbArgs, redisArgs } = serviceArgs(s, stack, partition, {});
  planPostgres(dbArgs(''));
  planRedis(redisArgs('persistent', s.redis, ''));
  if (s.redis.cache) planRedis(redisArgs('cache', s.redis.cache, ''));
}

/** A configuration error with the args' names as paths, when the settings came from args. */
function named(e: unknown, configNames: boolean): unknown {
  if (!(e instanceof GitLabConfigError) || configNames) return e;
  return new GitLabConfigError(e.issues.map((i) => ({ ...i, path: i.path.replace(/^gitlab:/, 'GitLabAwsStackArgs.') })));
}

async function buildStack(parent: GitLabAwsStack, name: string, s: StackSettings, adopt: boolean, kubernetesProvider?: k8s.Provider,
  deployedVersion?: string | false): Promise<GitLabAwsStackParts> {
  const stack = pulumi.getStack();
  const child = (n: ChildName, type: string, extra: pulumi.CustomResourceOptions & pulumi.ComponentResourceOptions = {}): pulumi.CustomResourceOptions & pulumi.ComponentResourceOptions =>
    ({ parent, ...extra, ...(adopt ? { aliases: [pulumi.createUrn(n, type)] } : {}) });
  const childName = (n: ChildName) => `${name}-${n}`;
  const [identity, partitionInfo, subnets, networkRanges] = await Promise.all([
    aws.getCallerIdentity({}, { parent }),
    aws.getPartition({}, { parent }),
    Promise.all(s.privateSubnetIds.map((id) => aws.ec2.getSubnet({ id }, { parent }))),
    lookUpNetworkRanges(s.vpcId, s.network.dataServiceCidrs),
  ]);
  // The release running now, from this stack's own state: the platform refuses a jump over a required stop.
  const fromVersion = deployedVersion === false ? undefined : deployedVersion ?? await lastDeployedVersion(parent, name);
  checkSubnets(s.vpcId, subnets.map((x) => ({ id: x.id, vpcId: x.vpcId, availabilityZone: x.availabilityZone, mapPublicIpOnLaunch: x.mapPublicIpOnLaunch })));
  const accountId = identity.accountId;
  const partition = partitionInfo.partition;
  const tags = { 'gitlab.com/stack': stack, 'gitlab.com/release': s.release, ...s.tags };
  const protect = s.protect;

  // Everything the manifests name is planned first, from the configuration alone: bucket names, role ARNs,
  // Secret names, ports. The platform's configuration is resolved against it before any resource exists, so a
  // GitLabConfigError stops the stack before anything is created.
  const refs = stackSecretRefs(s.release);
  const bucketPrefix = s.bucketPrefix ?? awsIdentifier(['gitlab', accountId, s.region], 46);
  const storagePlan = planObjectStorage({ bucketPrefix, kmsKeyArn: '', accountId, partition });
  const roleNamePrefix = s.iamRolePrefix ?? awsIdentifier([s.release, stack, s.region], 53);
  const rolePlan = planIrsaRoles({ accountId, partition, roleNamePrefix, oidcProviderArn: s.oidcProviderArn, oidcIssuerUrl: s.oidcIssuerUrl });
  const inputs: PlatformInputs = {
    settings: s, refs, bucketNames: storagePlan.names, roleArns: rolePlan.roleArns,
    postgresPort: s.postgres.port, postgresUser: 'gitlab', postgresDatabase: 'gitlabhq_production', redisPort: 6379,
    network: networkRanges,
    ...(fromVersion ? { fromVersion } : {}),
  };
  const layout = (variant: 'a' | 'b') => platformProps(inputs, PENDING[variant], PENDING[variant], s.redis.cache ? PENDING[variant] : undefined);
  const resolved = resolveConfig(layout('a'));

  const { dbArgs, redisArgs } = serviceArgs(s, stack, partition, tags);
  planServices(s, stack, partition);

  // Nothing above created a resource; from here on the stack is built.
  const KEY = 'gitlab-iac:aws:DataKey';
  const keyArgs = (purpose: string) => ({ purpose, alias: awsIdentifier([s.release, stack, purpose], 200), accountId, partition, protect, tags });
  const postgresKey = new DataKey(childName('postgres-key'), keyArgs('postgres'), child('postgres-key', KEY));
  const redisKey = new DataKey(childName('redis-key'), keyArgs('redis'), child('redis-key', KEY));
  const storageKey = new DataKey(childName('object-storage-key'), keyArgs('object-storage'), child('object-storage-key', KEY));

  const db = new PostgresDatabase(childName('postgres'), dbArgs(postgresKey.keyArn), child('postgres', 'gitlab-iac:aws:PostgresDatabase'));
  const REDIS = 'gitlab-iac:aws:RedisReplicationGroup';
  const redis = new RedisReplicationGroup(childName('redis'), redisArgs('persistent', s.redis, redisKey.keyArn), child('redis', REDIS));
  const cache = s.redis.cache ? new RedisReplicationGroup(childName('redis-cache'), redisArgs('cache', s.redis.cache, redisKey.keyArn), child('redis-cache', REDIS)) : undefined;

  const storage = new ObjectStorage(childName('object-storage'), {
    bucketPrefix,
    kmsKeyArn: storageKey.keyArn, accountId, partition, protect, tags,
  }, child('object-storage', 'gitlab-iac:aws:ObjectStorage'));
  const serviceAccounts = Object.fromEntries(IRSA_COMPONENTS.map((c) => [c, `${s.release}-${c}`])) as Record<IrsaComponent, string>;
  const roles = new IrsaRoles(childName('irsa'), {
    accountId, partition,
    roleNamePrefix,
    oidcProviderArn: s.oidcProviderArn, oidcIssuerUrl: s.oidcIssuerUrl,
    namespace: s.namespace, serviceAccounts,
    bucketArns: storage.bucketArns, kmsKeyArn: storageKey.keyArn, tags,
  }, child('irsa', 'gitlab-iac:aws:IrsaRoles'));

  const real: PlatformInputs = {
    ...inputs, bucketNames: storage.bucketNames, roleArns: roles.roleArns,
    postgresPort: db.port, postgresUser: db.username, postgresDatabase: db.databaseName, redisPort: redis.port,
  };

  const provider = kubernetesProvider ?? new k8s.Provider(childName('kubernetes'), {
    ...(s.kubeconfig ? { kubeconfig: pulumi.secret(s.kubeconfig) } : {}),
    ...(s.kubeContext ? { context: s.kubeContext } : {}),
    enableServerSideApply: true,
  }, child('kubernetes', 'pulumi:providers:kubernetes'));
  // Deleting the namespace would delete Gitaly's volumes with it: it follows the protect switch.
  const namespace = new k8s.core.v1.Namespace(childName('namespace'), {
    metadata: {
      name: s.namespace,
      labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted' },
    },
  }, child('namespace', 'kubernetes:core/v1:Namespace', { provider, protect, retainOnDelete: protect }));

  const secrets = new PlatformSecrets(childName('secrets'), {
    namespace: s.namespace, refs,
    sharedSecretNames: resolved.secrets,
    features: { kas: resolved.components.kas !== undefined },
    postgresPassword: db.password,
    redisPassword: redis.authToken,
    ...(cache ? { redisCachePassword: cache.authToken } : {}),
    region: s.region,
    registryBucket: storage.bucketNames.registry,
    objectStorageKmsKeyArn: storageKey.keyArn,
  }, child('secrets', 'gitlab-iac:kubernetes:PlatformSecrets', { providers: { kubernetes: provider }, dependsOn: [namespace] }));

  const release = new PlatformRelease(childName('platform'), {
    layout,
    props: pulumi.all([db.address, redis.primaryEndpoint, cache?.primaryEndpoint]).apply(([pg, rd, rc]) => platformProps(real, pg, rd, rc)),
  }, child('platform', 'gitlab-iac:kubernetes:PlatformRelease', { providers: { kubernetes: provider }, dependsOn: [namespace, secrets] }));

  return {
    settings: s,
    keys: { postgres: postgresKey, redis: redisKey, objectStorage: storageKey },
    database: db, redis, ...(cache ? { redisCache: cache } : {}), objectStorage: storage, roles,
    kubernetesProvider: provider, namespace, secrets, release,
    outputs: {
      url: resolved.hosts.gitlab.url,
      namespace: s.namespace,
      postgresEndpoint: db.address,
      postgresPort: db.port,
      redisEndpoint: redis.primaryEndpoint,
      ...(cache ? { redisCacheEndpoint: cache.primaryEndpoint } : {}),
      buckets: storage.bucketNames,
      iamRoleArns: roles.roleArns,
      kubernetesObjects: release.objectKeys.length,
      // Read back on the next update as the running release (deployedVersion).
      gitlabVersion: resolved.version,
    },
  };
}
