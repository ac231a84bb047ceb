import { describe, expect, test } from 'vitest';
import { GitLabConfigError } from '../../constructs/config/errors';
import { exampleSettings, underMocks } from './harness';

/** The production stack's plan under mocks: every NetworkPolicy it would apply. */
async function plannedPolicies(overrides: Record<string, string | undefined> = {}, world = {}, firstPreview = false) {
  const { mocks } = await underMocks(async () => {
    const [{ GitLabAwsStack }, { argsFromSettings }] = await Promise.all([import('../../stacks/gitlab-stack'), import('../../stacks/stack-args')]);
    return new GitLabAwsStack('gitlab', argsFromSettings(exampleSettings(overrides))).outputs();
  }, { knownOutputs: !firstPreview, ...world }, firstPreview);
  return mocks.ofType('kubernetes:networking.k8s.io/v1:NetworkPolicy').map((r) => r.inputs);
}

const ANY = ['0.0.0.0/0', '::/0'];
const DATA_PORTS = [5433, 6379];

/** Rules (ingress and egress) that admit a data-service port from/to any address. */
function openDataRules(policies: any[]): string[] {
  return policies.flatMap((p) => [...(p.spec.ingress ?? []).map((r: any) => ({ r, peers: r.from })), ...(p.spec.egress ?? []).map((r: any) => ({ r, peers: r.to }))]
    .filter(({ r, peers }) => (!r.ports?.length || r.ports.some((x: any) => DATA_PORTS.includes(Number(x.port))))
      && (!peers?.length || peers.some((peer: any) => ANY.includes(peer.ipBlock?.cidr))))
    .map(() => p.metadata.name));
}

describe('the production stack\'s network paths', () => {
  test('no NetworkPolicy admits PostgreSQL or Redis from or to 0.0.0.0/0 or ::/0: the VPC\'s CIDRs, looked up', async () => {
    const policies = await plannedPolicies();
    expect(policies.length).toBeGreaterThan(5);
    expect(openDataRules(policies)).toEqual([]);
    const webservice = policies.find((p) => p.metadata.name === 'gitlab-webservice')!;
    const postgres = webservice.spec.egress.find((r: any) => r.ports.some((x: any) => Number(x.port) === 5433));
    expect(postgres.to).toEqual([{ ipBlock: { cidr: '10.0.0.0/16' } }]);
  });

  test('the same on the first preview, before any endpoint is known', async () => {
    expect(openDataRules(await plannedPolicies({}, {}, true))).toEqual([]);
  });

  test('secondary and IPv6 ranges of the VPC are all destinations', async () => {
    const policies = await plannedPolicies({}, { vpcCidrs: { ipv4: ['10.0.0.0/16', '100.64.0.0/16'], ipv6: '2600:1f18:1234:5600::/56' } });
    const redis = policies.find((p) => p.metadata.name === 'gitlab-sidekiq')!.spec.egress.find((r: any) => r.ports.some((x: any) => Number(x.port) === 6379));
    expect(redis.to.map((p: any) => p.ipBlock.cidr)).toEqual(['10.0.0.0/16', '100.64.0.0/16', '2600:1f18:1234:5600::/56']);
  });

  test('gitlab:dataServiceCidrs replaces the lookup; gitlab:ingressNamespace names who reaches the web backends', async () => {
    const policies = await plannedPolicies({ 'gitlab:dataServiceCidrs': JSON.stringify(['10.20.0.0/20']), 'gitlab:ingressNamespace': 'nginx-system' });
    const webservice = policies.find((p) => p.metadata.name === 'gitlab-webservice')!;
    expect(webservice.spec.egress.find((r: any) => r.ports.some((x: any) => Number(x.port) === 5433)).to).toEqual([{ ipBlock: { cidr: '10.20.0.0/20' } }]);
    const sources = webservice.spec.ingress.flatMap((r: any) => r.from);
    expect(sources).toContainEqual({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nginx-system' } } });
    expect(JSON.stringify(sources)).not.toContain('ingress-nginx');
  });

  test('dataServiceCidrs that mean any address, or are not CIDRs, are refused', () => {
    let error: unknown;
    try { exampleSettings({ 'gitlab:dataServiceCidrs': JSON.stringify(['0.0.0.0/0']), 'gitlab:ingressNamespace': 'Ingress_NGINX' }); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(GitLabConfigError);
    expect((error as GitLabConfigError).issues.map((i) => i.path).sort()).toEqual(['gitlab:dataServiceCidrs', 'gitlab:ingressNamespace']);
  });
});
