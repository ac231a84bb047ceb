import { describe, expect, it } from 'vitest';
import { GitLabPlatformProps } from '../../constructs';
import { productionProps } from '../support/fixtures';
import { container, envOf, find, podSpec, synthPlatform } from '../support/synth';

/**
 * Several webservice Deployments and Sidekiq pods through the typed API, with the exposures and defaults the values
 * matrix does not reach: the Gateway API, the chart's single Deployment and pod when none are listed.
 */

const withComponents = (components: GitLabPlatformProps['components'], extra: Partial<GitLabPlatformProps> = {}) =>
  productionProps({ ...extra, components: { ...productionProps().components, ...components } });

const deployments = { default: { ingress: { path: '/' } }, api: { ingress: { path: '/api' }, workerProcesses: 1 } };

describe('webservice Deployments', () => {
  it('without `deployments`, run the chart\'s single `default` Deployment on "/"', () => {
    const objects = synthPlatform(productionProps());
    expect(objects.filter((o) => o.kind === 'Deployment' && o.metadata.labels?.app === 'webservice').map((o) => o.metadata.name)).toEqual(['gitlab-webservice-default']);
    expect(find(objects, 'Ingress', 'gitlab-webservice-default').spec.rules[0].http.paths.map((p: any) => p.path)).toEqual(['/']);
  });

  it('with the Gateway API, get one HTTPRoute each but one Certificate for the GitLab host', () => {
    const objects = synthPlatform(withComponents({ webservice: { deployments } }, {
      ingress: { provider: 'gateway-api', gatewayApi: { gateway: { name: 'gw', namespace: 'gateway-system' } }, tls: { issuer: { name: 'letsencrypt', kind: 'ClusterIssuer' } } },
    }));
    expect(objects.filter((o) => o.kind === 'HTTPRoute' && o.metadata.name.startsWith('gitlab-webservice-')).map((o) => o.metadata.name).sort())
      .toEqual(['gitlab-webservice-api', 'gitlab-webservice-default']);
    expect(find(objects, 'HTTPRoute', 'gitlab-webservice-api').spec.rules[0].matches[0].path).toEqual({ type: 'PathPrefix', value: '/api' });
    expect(objects.filter((o) => o.kind === 'Certificate' && o.metadata.name === 'gitlab-gitlab-tls')).toHaveLength(1);
  });

  it('give the other components the internal Deployment\'s Service', () => {
    const objects = synthPlatform(withComponents({ webservice: { deployments, internalDeployment: 'api' } }));
    const shell = find(objects, 'ConfigMap', 'gitlab-gitlab-shell');
    expect(JSON.stringify(shell.data)).toContain('gitlab-webservice-api.gitlab.svc');
  });

  it('take each Deployment\'s own grace period and strategy over the component\'s', () => {
    const objects = synthPlatform(withComponents({
      webservice: { terminationGracePeriodSeconds: 40, deploymentStrategy: { type: 'Recreate' }, deployments: { ...deployments, api: { ...deployments.api, terminationGracePeriodSeconds: 20 } } },
    }));
    expect(podSpec(find(objects, 'Deployment', 'gitlab-webservice-default')).terminationGracePeriodSeconds).toBe(40);
    expect(podSpec(find(objects, 'Deployment', 'gitlab-webservice-api')).terminationGracePeriodSeconds).toBe(20);
    expect(find(objects, 'Deployment', 'gitlab-webservice-api').spec.strategy).toEqual({ type: 'Recreate' });
  });
});

describe('Sidekiq pods', () => {
  it('without `pods`, run the chart\'s single all-in-1 pod on every queue', () => {
    const objects = synthPlatform(productionProps());
    const sidekiq = find(objects, 'Deployment', 'gitlab-sidekiq-all-in-1-v2');
    expect(envOf(container(sidekiq, 'sidekiq')).SIDEKIQ_QUEUES).toBe('');
    expect(find(objects, 'ConfigMap', 'gitlab-sidekiq').metadata.labels?.['queue-pod-name']).toBe('all-in-1');
  });

  it('with a fixed replica count, give each pod that count and no HPA', () => {
    const objects = synthPlatform(withComponents({ sidekiq: { autoscaling: false, replicas: 3, pods: [{ name: 'a', queues: ['default'] }, { name: 'b' }] } }));
    expect(find(objects, 'Deployment', 'gitlab-sidekiq-a-v2').spec.replicas).toBe(3);
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.labels?.app === 'sidekiq')).toBe(false);
  });

  it('refuse a pod HPA while the component has a fixed replica count', () => {
    expect(() => synthPlatform(withComponents({ sidekiq: { autoscaling: false, pods: [{ name: 'a', autoscaling: { maxReplicas: 3 } }] } })))
      .toThrow(/components\.sidekiq\.pods\[0\]\.autoscaling/);
  });
});
