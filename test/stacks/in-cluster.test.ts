import { describe, expect, it } from 'vitest';
import { GitLabConfigError } from '../../constructs/config/errors';
import { parse } from 'yaml';
import { underMocks } from './harness';

/**
 * The in-cluster (evaluation) mode of the stack: only a kubeconfig, no AWS. Run under Pulumi's mocks as a first
 * `pulumi preview` would run it (unknown outputs) and with values known.
 */
const build = async () => {
  const { GitLabInClusterStack } = await import('../../stacks/in-cluster-stack');
  return new GitLabInClusterStack('gitlab', { domain: '127.0.0.1.nip.io' });
};

describe('GitLabInClusterStack', () => {
  it('a preview lists every object of the platform, the in-cluster services included, and nothing of AWS', async () => {
    const { mocks, result } = await underMocks(build, {}, true);
    const { synthesizePlatform } = await import('../../stacks/kubernetes/manifests');
    const { inClusterPlatformProps } = await import('../../stacks/in-cluster-stack');
    const { withInClusterServices } = await import('../../constructs/data-services/wiring');
    const objects = synthesizePlatform(withInClusterServices(inClusterPlatformProps({
      domain: '127.0.0.1.nip.io', namespace: 'gitlab', release: 'gitlab', edition: 'ee', ingressClass: 'nginx', protect: false,
    }), []));
    expect(mocks.registrations.filter((r) => r.type.startsWith('aws:'))).toEqual([]);
    const platform = mocks.registrations.filter((r) => r.parent.endsWith('PlatformRelease::gitlab-platform'));
    expect(platform.length).toBe(objects.length);
    expect(result.kubernetesObjects).toBe(objects.length);
    const kinds = new Set(platform.map((r) => r.type));
    for (const type of ['kubernetes:postgresql.cnpg.io/v1:Cluster', 'kubernetes:apps/v1:StatefulSet', 'kubernetes:batch/v1:Job']) expect(kinds.has(type), type).toBe(true);
    expect(platform.filter((r) => r.type === 'kubernetes:apps/v1:StatefulSet').map((r) => r.inputs.metadata?.name).sort())
      .toEqual(['gitlab-garage', 'gitlab-gitaly', 'gitlab-valkey']);
  });

  it('creates every Secret the platform reads from random values, each a Pulumi secret; CloudNativePG makes its own', async () => {
    const { mocks } = await underMocks(build);
    const secrets = mocks.ofType('kubernetes:core/v1:Secret').filter((r) => r.parent.includes('InClusterSecrets'));
    const names = secrets.map((r) => r.inputs.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['gitlab-rails-secret', 'gitlab-gitlab-initial-root-password', 'gitlab-redis-secret', 'gitlab-garage', 'gitlab-object-storage']));
    expect(names).not.toContain('gitlab-postgresql-app');
    expect(secrets.filter((r) => !r.secretInputs.includes('stringData')).map((r) => r.inputs.metadata.name)).toEqual([]);
    const garage = secrets.find((r) => r.inputs.metadata.name === 'gitlab-garage')!.inputs.stringData;
    expect(garage['access-key-id']).toMatch(/^GK[0-9a-zA-Z]{24}$/);
    const clients = secrets.find((r) => r.inputs.metadata.name === 'gitlab-object-storage')!.inputs.stringData;
    expect(parse(clients.connection)).toMatchObject({ provider: 'AWS', endpoint: 'http://gitlab-garage.gitlab.svc:3900', path_style: true, aws_access_key_id: garage['access-key-id'] });
    expect(parse(clients.registry).s3).toMatchObject({ regionendpoint: 'http://gitlab-garage.gitlab.svc:3900', forcepathstyle: true, accesskey: garage['access-key-id'] });
  });

  it('needs no AWS key and refuses AWS settings in the in-cluster mode, naming the keys', async () => {
    const { parseInClusterConfig } = await import('../../stacks/in-cluster-config');
    const config: Record<string, string> = { 'gitlab:mode': 'in-cluster', 'gitlab:domain': '127.0.0.1.nip.io' };
    expect(parseInClusterConfig((k) => config[k], Object.keys(config))).toMatchObject({ domain: '127.0.0.1.nip.io', namespace: 'gitlab', protect: false });
    const bad = { ...config, 'aws:region': 'eu-central-1', 'gitlab:vpcId': 'vpc-0123456789abcdef0' };
    try {
      parseInClusterConfig((k) => bad[k as keyof typeof bad], Object.keys(bad));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GitLabConfigError);
      expect((e as GitLabConfigError).issues.map((i) => i.path)).toEqual(['aws:region', 'gitlab:vpcId']);
    }
  });
});
