import { describe, expect, test } from 'vitest';
import { GitLabConfigError } from '../../constructs/config/errors';
import { GITLAB_STACK_TYPE, GitLabAwsStack } from '../../stacks/gitlab-stack';
import { argsFromSettings, GitLabAwsStackArgs, stackSettings } from '../../stacks/stack-args';
import { exampleSettings, underMocks, valueOf } from './harness';

/** The example stack as typed args, as a user's own Pulumi program writes them. */
const ARGS: GitLabAwsStackArgs = {
  region: 'eu-central-1',
  domain: 'gitlab.example.com',
  size: '3k',
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  privateSubnetIds: ['subnet-0a1b2c3d4e5f60001', 'subnet-0a1b2c3d4e5f60002'],
  clusterSecurityGroupId: 'sg-0a1b2c3d4e5f60719',
  oidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLE',
  oidcIssuerUrl: 'https://oidc.eks.eu-central-1.amazonaws.com/id/EXAMPLE',
  tlsSecretName: 'gitlab-tls',
  postgresPort: 5433,
};

describe('GitLabAwsStack, the production stack as one component', () => {
  test('every resource is a descendant of the component; outputs are typed properties', async () => {
    const { mocks, result: stack } = await underMocks(async () => {
      const s = new GitLabAwsStack('prod', ARGS);
      await s.ready;
      return s;
    });
    const component = mocks.registrations.filter((r) => r.type === GITLAB_STACK_TYPE);
    expect(component.map((r) => r.name)).toEqual(['prod']);
    const byUrn = new Map(mocks.registrations.map((r) => [r.urn, r]));
    const rootOf = (urn: string): string => { let r = byUrn.get(urn)!; while (r.parent && byUrn.has(r.parent)) r = byUrn.get(r.parent)!; return r.urn; };
    const roots = new Set(mocks.registrations.filter((r) => !r.type.startsWith('pulumi:providers:') || r.parent).map((r) => rootOf(r.urn)));
    expect([...roots]).toEqual([component[0].urn]);
    const direct = mocks.registrations.filter((r) => r.parent === component[0].urn).map((r) => r.name).sort();
    expect(direct).toEqual(['prod-irsa', 'prod-kubernetes', 'prod-namespace', 'prod-object-storage', 'prod-object-storage-key', 'prod-platform',
      'prod-postgres', 'prod-postgres-key', 'prod-redis', 'prod-redis-key', 'prod-secrets']);
    expect(await valueOf(stack.url)).toBe('https://gitlab.gitlab.example.com');
    expect(await valueOf(stack.postgresEndpoint)).toBe('gitlab-test.c0ffee00c0de.eu-central-1.rds.amazonaws.com');
    expect(await valueOf(stack.postgresPort)).toBe(5433);
    expect(await valueOf(stack.kubernetesObjects)).toBeGreaterThan(50);
    expect(Object.keys(await valueOf(stack.iamRoleArns)).sort()).toEqual(['migrations', 'registry', 'sidekiq', 'toolbox', 'webservice']);
  });

  test('bad args: one GitLabConfigError naming every arg, before anything is registered', async () => {
    const { mocks, result } = await underMocks(() => {
      try {
        new GitLabAwsStack('prod', { ...ARGS, postgresPort: 5432, size: 'huge' as never, tlsSecretName: undefined, typo: 1 } as GitLabAwsStackArgs);
        return undefined;
      } catch (e) { return e; }
    });
    expect(result).toBeInstanceOf(GitLabConfigError);
    const paths = (result as GitLabConfigError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['GitLabAwsStackArgs.postgresPort', 'GitLabAwsStackArgs.size', 'GitLabAwsStackArgs.tlsSecretName', 'GitLabAwsStackArgs.typo']);
    expect((result as Error).message).not.toMatch(/pulumi config|gitlab:/);
    expect(mocks.registrations).toEqual([]);
  });

  test('the settings of the stack configuration and of the args that stand for them are the same', () => {
    for (const overrides of [{}, { 'gitlab:size': '10k', 'gitlab:certIssuer': 'letsencrypt', 'gitlab:tlsSecretName': undefined, 'gitlab:tags': '{"team":"a"}' }]) {
      const settings = exampleSettings(overrides);
      expect(stackSettings(argsFromSettings(settings))).toEqual(settings);
    }
  });
});
