import { App, Chart, Testing } from 'cdk8s';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { GitLabAgent, GitLabPlatform } from '../../constructs';
import { addClusterIntegrations } from '../../examples/cluster-integrations';
import { productionProps } from '../support/fixtures';
import { KUBERNETES_VERSIONS, VENDORED_CRDS, validateObjects } from '../support/kube-schema';
import { restrictedViolations } from '../support/pod-security';
import { KubeObject } from '../support/synth';
import { ofKind, one } from './support';

/** The example the default app (examples/aws-production.ts) runs, on the production fixture. */
function integrations(): KubeObject[] {
  const app = Testing.app();
  const platform = new GitLabPlatform(new Chart(app, 'gitlab'), 'platform', productionProps());
  return Testing.synth(addClusterIntegrations(app as App, platform)) as KubeObject[];
}

describe('the default app\'s cluster-integrations chart', () => {
  const objects = integrations();

  test('shows all three modes: one runner, one agent, one Flux sync', () => {
    expect(ofKind(objects, 'Deployment').map((d) => d.metadata.labels!.app).sort()).toEqual(['gitlab-agent', 'gitlab-runner']);
    expect(['GitRepository', 'Kustomization', 'Receiver'].map((k) => ofKind(objects, k).length)).toEqual([1, 1, 1]);
  });

  test('the runner and the agent talk to the platform\'s own GitLab and KAS', () => {
    const runner = one(objects, 'Deployment', 'gitlab-runner').spec.template.spec.containers[0];
    expect(runner.env).toContainEqual({ name: 'CI_SERVER_URL', value: 'https://gitlab.example.com' });
    const agent = one(objects, 'Deployment', 'production').spec.template.spec.containers[0];
    expect(agent.args).toContain('--kas-address=wss://kas.example.com');
    expect(one(objects, 'GitRepository').spec.url).toBe('https://gitlab.example.com/platform/cluster-management.git');
  });

  test('holds no Secret and grants no cluster-admin', () => {
    expect(ofKind(objects, 'Secret')).toEqual([]);
    expect(ofKind(objects, 'ClusterRoleBinding').map((b) => b.roleRef.name)).not.toContain('cluster-admin');
  });

  test('every pod meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(objects)).toEqual([]);
  });

  test.each(KUBERNETES_VERSIONS)('every object validates strictly on Kubernetes %s (Flux objects against their CRDs)', (version) => {
    expect(validateObjects(objects, version, VENDORED_CRDS)).toEqual([]);
  });

  test('the agent\'s configuration file authorizes the management project and turns on the Flux module', () => {
    const app = Testing.app();
    const platform = new GitLabPlatform(new Chart(app, 'gitlab'), 'platform', productionProps());
    const chart = addClusterIntegrations(app as App, platform);
    const agent = chart.node.findAll().find((c): c is GitLabAgent => c instanceof GitLabAgent)!;
    expect(parse(agent.configFile())).toEqual({
      ci_access: {
        projects: [
          { id: 'platform/cluster-management', default_namespace: 'gitlab', environments: ['production'] },
          { id: 'apps/web-app', environments: ['staging', 'production'], access_as: { impersonate: { username: 'gitlab-agent:production:web-app' } } },
        ],
        groups: [{ id: 'apps', environments: ['review/*'], access_as: { impersonate: { username: agent.reviewAppsUsername } } }],
      },
      flux: { webhook_receiver_url: 'http://webhook-receiver.flux-system.svc.cluster.local' },
    });
  });
});
