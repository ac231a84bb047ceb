import * as pulumi from '@pulumi/pulumi';
import { describe, expect, test } from 'vitest';
import { GitLabConfigError } from '../../constructs/config/errors';
import type { GitLabAwsStack } from '../../stacks/gitlab-stack';
import { GITLAB_STACK_TYPE } from '../../stacks/gitlab-stack';
import { MockWorld, StackMocks } from '../../stacks/mocks';
import type { GitLabStackOutputs } from '../../stacks/platform-props';
import { EXAMPLE, underMocks, valueOf } from './harness';

type Overrides = Record<string, string | undefined>;
type Run = { mocks: StackMocks; result: GitLabStackOutputs; stack: GitLabAwsStack };

/** Runs the repository's program (GitLabAwsStack from the stack configuration) under mocks. */
async function run(overrides: Overrides, firstPreview: boolean, world: Partial<MockWorld>): Promise<Run> {
  let stack: GitLabAwsStack | undefined;
  const { mocks, result } = await underMocks(async () => {
    const values = Object.fromEntries(Object.entries({ ...EXAMPLE, ...overrides }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    pulumi.runtime.setAllConfig(values);
    const { GitLabAwsStack: Stack } = await import('../../stacks/gitlab-stack');
    stack = Stack.fromConfig('gitlab', { adoptRootResources: true });
    return stack.outputs();
  }, { knownOutputs: !firstPreview, ...world }, firstPreview);
  return { mocks, result, stack: stack! };
}

/**
 * One run per configuration, shared by the tests that read it (a run synthesizes the whole platform); `firstPreview`
 * leaves every computed output unknown.
 */
/** The other configuration: the 10k size (separate cache Redis), node pools on, protection off. */
const VARIANT: Overrides = { 'gitlab:size': '10k', 'gitlab:nodePools': 'true', 'gitlab:protect': 'false' };

const runs = new Map<string, Promise<Run>>();
function runStack(overrides: Overrides = {}, firstPreview = false, world: Partial<MockWorld> = {}): Promise<Run> {
  const key = JSON.stringify([overrides, firstPreview, world]);
  if (!runs.has(key)) runs.set(key, run(overrides, firstPreview, world));
  return runs.get(key)!;
}

const platformObjects = (mocks: StackMocks) => {
  const release = mocks.registrations.find((r) => r.type === 'gitlab-iac:kubernetes:PlatformRelease')!;
  return mocks.registrations.filter((r) => r.parent === release.urn);
};
const k8sObject = (mocks: StackMocks, kind: string, name: string) =>
  platformObjects(mocks).find((r) => r.type.endsWith(`:${kind}`) && r.inputs.metadata?.name === name);

describe('the production stack', () => {
  test('provisions keys, PostgreSQL, Redis, buckets, IRSA roles, Secrets and the platform', async () => {
    const { mocks } = await runStack();
    const count = (type: string) => mocks.ofType(type).length;
    expect(count('aws:kms/key:Key')).toBe(3);
    expect(count('aws:rds/instance:Instance')).toBe(1);
    expect(count('aws:elasticache/replicationGroup:ReplicationGroup')).toBe(1);
    expect(count('aws:s3/bucket:Bucket')).toBe(13);
    expect(count('aws:iam/role:Role')).toBe(6);
    expect(count('kubernetes:core/v1:Namespace')).toBe(1);
    expect(platformObjects(mocks).length).toBeGreaterThan(0);
  });

  test('RDS.1 no manual snapshot is created or shared', async () => {
    const { mocks } = await runStack();
    expect(mocks.registrations.filter((r) => /aws:rds\/(snapshot|snapshotCopy|clusterSnapshot)/.test(r.type))).toEqual([]);
  });

  test('S3.1 account-level public access block is left to the account baseline (this stack blocks per bucket)', async () => {
    const { mocks } = await runStack();
    expect(mocks.ofType('aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock')).toEqual([]);
    expect(mocks.ofType('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock').length).toBe(mocks.ofType('aws:s3/bucket:Bucket').length);
  });

  test('the 10k size adds the separate cache Redis (allkeys-lru) and its password Secret', async () => {
    const { mocks } = await runStack(VARIANT);
    const groups = mocks.ofType('aws:elasticache/replicationGroup:ReplicationGroup');
    expect(groups.map((g) => g.inputs.replicationGroupId).sort()).toEqual(['gitlab-test-cache', 'gitlab-test-redis']);
    expect(mocks.ofType('aws:elasticache/parameterGroup:ParameterGroup').map((p) => p.inputs.parameters[0].value).sort()).toEqual(['allkeys-lru', 'noeviction']);
    expect(mocks.ofType('kubernetes:core/v1:Secret').map((s) => s.inputs.metadata.name)).toContain('gitlab-redis-cache-password');
  });

  test('the platform uses the cache Redis for its cache, with its own password Secret', async () => {
    const { mocks } = await runStack(VARIANT);
    const configMaps = JSON.stringify(platformObjects(mocks).filter((r) => r.type === 'kubernetes:core/v1:ConfigMap').map((c) => c.inputs.data));
    expect(configMaps).toContain('master.gitlab-test-cache.abc123.euc1.cache.amazonaws.com');
    expect(JSON.stringify(platformObjects(mocks).map((r) => r.inputs))).toContain('gitlab-redis-cache-password');
  });

  test('node pools are used only when gitlab:nodePools is on', async () => {
    const selector = async (o: Overrides) => k8sObject((await runStack(o)).mocks, 'Deployment', 'gitlab-webservice-default')!.inputs.spec.template.spec.nodeSelector;
    expect(await selector({})).toBeUndefined();
    expect(await selector(VARIANT)).toEqual({ workload: 'webservice' });
  });

  test('the platform is wired to the RDS endpoint over TLS, on the non-default port', async () => {
    const { mocks } = await runStack();
    const configMaps = platformObjects(mocks).filter((r) => r.type === 'kubernetes:core/v1:ConfigMap');
    const text = JSON.stringify(configMaps.map((c) => c.inputs.data));
    expect(text).toContain('gitlab-test.c0ffee00c0de.eu-central-1.rds.amazonaws.com');
    expect(text).toContain('master.gitlab-test-redis.abc123.euc1.cache.amazonaws.com');
    expect(text).not.toContain('endpoint-pending');
  });

  test('IRSA.2 the platform\'s ServiceAccounts carry the role ARNs the roles trust', async () => {
    const { mocks } = await runStack();
    const roles = mocks.ofType('aws:iam/role:Role').filter((r) => r.inputs.name);
    for (const c of ['webservice', 'sidekiq', 'toolbox', 'registry', 'migrations']) {
      const sa = k8sObject(mocks, 'ServiceAccount', `gitlab-${c}`);
      expect(sa, `ServiceAccount gitlab-${c}`).toBeDefined();
      const arn = sa!.inputs.metadata.annotations['eks.amazonaws.com/role-arn'];
      const role = roles.find((r) => arn === `arn:aws:iam::123456789012:role/${r.inputs.name}`);
      expect(role, `role for ${arn}`).toBeDefined();
      expect(Object.values(JSON.parse(role!.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals)).toContain(`system:serviceaccount:gitlab:gitlab-${c}`);
    }
  });

  test('preview tells the truth: with every endpoint unknown, the same Kubernetes objects are planned', async () => {
    const known = (await runStack()).mocks;
    const unknown = (await runStack({}, true)).mocks;
    const ids = (m: StackMocks) => platformObjects(m).map((r) => `${r.type} ${r.name}`).sort();
    expect(ids(unknown)).toEqual(ids(known));
    expect(ids(unknown).length).toBeGreaterThan(10);
    const secrets = (m: StackMocks) => m.ofType('kubernetes:core/v1:Secret').map((r) => r.name).sort();
    expect(secrets(unknown)).toEqual(secrets(known));
  });

  test('pre-deployment migrations, then the rollout, then post-deployment migrations: Deployments wait for the pre Job, the post Job for every workload', async () => {
    const { mocks } = await runStack();
    const jobs = platformObjects(mocks).filter((r) => r.type === 'kubernetes:batch/v1:Job');
    expect(jobs.map((j) => j.inputs.metadata.name)).toEqual([expect.stringMatching(/^gitlab-migrations-pre-[0-9a-f]+$/), expect.stringMatching(/^gitlab-migrations-post-[0-9a-f]+$/)]);
    const [pre, post] = jobs;
    const workloads = platformObjects(mocks).filter((r) => ['kubernetes:apps/v1:Deployment', 'kubernetes:apps/v1:StatefulSet'].includes(r.type));
    for (const d of workloads.filter((r) => r.type === 'kubernetes:apps/v1:Deployment')) expect(d.dependencies).toContain(pre.urn);
    expect(post.dependencies).toEqual(expect.arrayContaining([pre.urn, ...workloads.map((w) => w.urn)]));
    expect(pre.dependencies).not.toContain(post.urn);
  });

  test('configuration lands before the Job, and the shared Secrets before the platform', async () => {
    const { mocks } = await runStack();
    const job = platformObjects(mocks).find((r) => r.type === 'kubernetes:batch/v1:Job')!;
    const configMaps = platformObjects(mocks).filter((r) => r.type === 'kubernetes:core/v1:ConfigMap').map((r) => r.urn);
    expect(job.dependencies).toEqual(expect.arrayContaining(configMaps));
    const release = mocks.registrations.find((r) => r.type === 'gitlab-iac:kubernetes:PlatformRelease')!;
    // Depending on a component means depending on its children.
    const secretUrns = mocks.ofType('kubernetes:core/v1:Secret').map((r) => r.urn);
    expect(release.dependencies).toEqual(expect.arrayContaining(secretUrns));
  });

  test('server-side apply under the fixed field manager for every object', async () => {
    const { mocks } = await runStack();
    const provider = mocks.ofType('pulumi:providers:kubernetes')[0];
    expect(provider.inputs.enableServerSideApply).toBe('true');
    for (const o of platformObjects(mocks)) expect(o.inputs.metadata.annotations['pulumi.com/patchFieldManager']).toBe('gitlab-iac');
  });

  test('no replicas where an HPA scales the Deployment', async () => {
    const { mocks } = await runStack();
    const scaled = platformObjects(mocks).filter((r) => r.type.endsWith(':HorizontalPodAutoscaler')).map((h) => h.inputs.spec.scaleTargetRef.name);
    expect(scaled.length).toBeGreaterThan(0);
    for (const name of scaled) expect(k8sObject(mocks, 'Deployment', name)!.inputs.spec.replicas).toBeUndefined();
  });

  test('the size preset reaches the platform: webservice HPA bounds and Puma workers', async () => {
    const { mocks } = await runStack(VARIANT);
    const hpa = k8sObject(mocks, 'HorizontalPodAutoscaler', 'gitlab-webservice-default')!;
    expect([hpa.inputs.spec.minReplicas, hpa.inputs.spec.maxReplicas]).toEqual([15, 20]);
  });

  test('SECRET.1 no platform object holds a generated password or token', async () => {
    const { mocks } = await runStack();
    const values = mocks.ofType('kubernetes:core/v1:Secret').flatMap((s) => Object.values(s.inputs.stringData as Record<string, string>))
      .filter((v) => v.length >= 16 && !v.includes('\n'));
    const text = JSON.stringify(platformObjects(mocks).map((r) => r.inputs));
    for (const v of values) expect(text.includes(v), 'a Secret value appears in a manifest').toBe(false);
  });

  test('SECRET.3 stack outputs hold no secret', async () => {
    const { result } = await runStack();
    for (const [key, value] of Object.entries(result)) {
      if (pulumi.Output.isInstance(value)) expect([key, await pulumi.isSecret(value)]).toEqual([key, false]);
    }
    expect(await valueOf(result.postgresEndpoint)).toBe('gitlab-test.c0ffee00c0de.eu-central-1.rds.amazonaws.com');
    expect(Object.keys(result).sort()).toEqual(['buckets', 'gitlabVersion', 'iamRoleArns', 'kubernetesObjects', 'namespace', 'postgresEndpoint', 'postgresPort', 'redisEndpoint', 'url']);
  });

  test('DATA.3 data resources and the namespace are protected and retained by default', async () => {
    const { mocks } = await runStack();
    const guarded = ['aws:rds/instance:Instance', 'aws:elasticache/replicationGroup:ReplicationGroup', 'aws:kms/key:Key', 'kubernetes:core/v1:Namespace'];
    for (const type of guarded) for (const r of mocks.ofType(type)) expect([r.name, r.protect, r.retainOnDelete]).toEqual([r.name, true, true]);
    const buckets = mocks.ofType('aws:s3/bucket:Bucket');
    expect(buckets.filter((b) => b.protect).length).toBe(12);
  });

  test('gitlab:protect false removes Pulumi protection everywhere', async () => {
    const { mocks } = await runStack(VARIANT);
    expect(mocks.registrations.filter((r) => r.protect || r.retainOnDelete).map((r) => r.name)).toEqual([]);
  });

  test('a public subnet stops the program before anything is created, naming gitlab:privateSubnetIds', async () => {
    const failed = runStack({}, false, { subnets: { 'subnet-0a1b2c3d4e5f60001': { mapPublicIpOnLaunch: true } } });
    await expect(failed).rejects.toThrow(GitLabConfigError);
    await expect(failed).rejects.toThrow(/gitlab:privateSubnetIds: got "subnet-0a1b2c3d4e5f60001"; allowed: private subnets only/);
  });

  test('a bucket prefix too long for S3 stops the program, naming gitlab:bucketPrefix', async () => {
    await expect(runStack({ 'gitlab:bucketPrefix': 'a'.repeat(47) })).rejects.toThrow(/gitlab:bucketPrefix/);
  });
});

describe('bad configuration stops the program before any resource exists', () => {
  test.each([
    ['an instance class the planner refuses', { 'gitlab:postgresInstanceClass': 'db.t3.large' }, /gitlab:postgresInstanceClass/, []],
    ['a public subnet (found by a lookup, after the component itself)', {}, /gitlab:privateSubnetIds/, [GITLAB_STACK_TYPE]],
  ])('%s', async (_what, overrides, message, registered) => {
    const world = Object.keys(overrides).length ? {} : { subnets: { 'subnet-0a1b2c3d4e5f60002': { mapPublicIpOnLaunch: true } } };
    const mocks = new StackMocks({ accountId: '123456789012', region: 'eu-central-1', vpcId: 'vpc-0a1b2c3d4e5f60718', knownOutputs: true, ...world });
    await mocks.install('gitlab-iac', 'test', false);
    pulumi.runtime.setAllConfig({ ...EXAMPLE, ...overrides });
    const { GitLabAwsStack } = await import('../../stacks/gitlab-stack');
    await expect(async () => GitLabAwsStack.fromConfig('gitlab', { adoptRootResources: true }).outputs()).rejects.toThrow(message);
    await StackMocks.settle();
    expect(mocks.registrations.map((r) => r.type)).toEqual(registered);
  });
});
