import { describe, expect, it } from 'vitest';
import { GitLabPlatformProps } from '../../../constructs';
import { resolveConfig } from '../../../constructs/config/resolve';
import { SIZE_NAMES, SizeName } from '../../../constructs/config/sizing/names';
import { SIZE_PRESETS } from '../../../constructs/config/sizing/presets';
import { container, envOf, find, KubeObject, podSpec, synthPlatform } from '../../support/synth';
import { base, migrationsJob, withComponents } from './support';

const sized = (size: SizeName, rest: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps => ({ ...base, ...rest, size });
const WEB = 'gitlab-webservice-default';
const SIDEKIQ = 'gitlab-sidekiq-all-in-1-v2';
const hpa = (objects: KubeObject[], name: string) => find(objects, 'HorizontalPodAutoscaler', name).spec;
const cpuTarget = (objects: KubeObject[], name: string) => hpa(objects, name).metrics.find((m: any) => m.resource?.name === 'cpu').resource.target;
const nodeSelectorOf = (workload: KubeObject) => podSpec(workload).nodeSelector;

describe.each(SIZE_NAMES)('size %s', (size) => {
  const preset = SIZE_PRESETS[size];
  const objects = synthPlatform(sized(size));

  it('scales webservice between the preset\'s floor and ceiling on its CPU target', () => {
    expect(hpa(objects, WEB)).toMatchObject({ minReplicas: preset.webservice.minReplicas, maxReplicas: preset.webservice.maxReplicas });
    expect(cpuTarget(objects, WEB)).toEqual({ type: 'AverageValue', averageValue: preset.webservice.hpaCpuAverageValue });
  });

  it('gives each webservice pod the preset\'s Puma workers, resources and disruption budget', () => {
    const web = find(objects, 'Deployment', WEB);
    expect(envOf(container(web, 'webservice')).WORKER_PROCESSES).toBe(String(preset.webservice.workerProcesses));
    expect(container(web, 'webservice').resources).toEqual(preset.webservice.resources);
    expect(find(objects, 'PodDisruptionBudget', WEB).spec.maxUnavailable).toBe(preset.webservice.maxUnavailable);
  });

  it('scales Sidekiq between the preset\'s floor and ceiling, sized per pod', () => {
    expect(hpa(objects, SIDEKIQ)).toMatchObject({ minReplicas: preset.sidekiq.minReplicas, maxReplicas: preset.sidekiq.maxReplicas });
    expect(cpuTarget(objects, SIDEKIQ)).toEqual({ type: 'AverageValue', averageValue: preset.sidekiq.hpaCpuAverageValue });
    const sidekiq = container(find(objects, 'Deployment', SIDEKIQ), 'sidekiq');
    expect(sidekiq.resources).toEqual(preset.sidekiq.resources);
    expect(envOf(sidekiq)).toMatchObject({ SIDEKIQ_CONCURRENCY: String(preset.sidekiq.concurrency), GITLAB_SIDEKIQ_MAX_REPLICAS: String(preset.sidekiq.maxReplicas) });
  });

  it('sizes the Gitaly pod', () => {
    expect(container(find(objects, 'StatefulSet', 'gitlab-gitaly'), 'gitaly').resources).toEqual(preset.gitaly.resources);
  });

  it('places webservice, Sidekiq and Gitaly on their node pools and everything else on the support pool', () => {
    expect(nodeSelectorOf(find(objects, 'Deployment', WEB))).toEqual({ workload: 'webservice' });
    expect(nodeSelectorOf(find(objects, 'Deployment', SIDEKIQ))).toEqual({ workload: 'sidekiq' });
    expect(nodeSelectorOf(find(objects, 'StatefulSet', 'gitlab-gitaly'))).toEqual({ workload: 'gitaly' });
    for (const name of ['gitlab-kas', 'gitlab-registry', 'gitlab-gitlab-shell', 'gitlab-toolbox', 'gitlab-gitlab-exporter']) {
      expect(nodeSelectorOf(find(objects, 'Deployment', name)), name).toEqual({ workload: 'support' });
    }
    expect(nodeSelectorOf(migrationsJob(objects))).toEqual({ workload: 'support' });
  });
});

describe('size presets', () => {
  it('set the values of the chart\'s examples/ref/10k.yaml', () => {
    const objects = synthPlatform(sized('10k'));
    expect(hpa(objects, WEB)).toMatchObject({ minReplicas: 15, maxReplicas: 20 });
    expect(cpuTarget(objects, WEB).averageValue).toBe('1600m');
    const web = find(objects, 'Deployment', WEB);
    expect(envOf(container(web, 'webservice')).WORKER_PROCESSES).toBe('4');
    expect(container(web, 'webservice').resources).toEqual({ requests: { cpu: '4', memory: '5G' }, limits: { memory: '7G' } });
    expect(find(objects, 'PodDisruptionBudget', WEB).spec.maxUnavailable).toBe(10);
    expect(hpa(objects, SIDEKIQ)).toMatchObject({ minReplicas: 10, maxReplicas: 14 });
    expect(cpuTarget(objects, SIDEKIQ).averageValue).toBe('700m');
    expect(container(find(objects, 'Deployment', SIDEKIQ), 'sidekiq').resources).toEqual({ requests: { cpu: '900m', memory: '2G' }, limits: { memory: '4G' } });
  });

  it('leave the chart\'s defaults without a size', () => {
    const objects = synthPlatform(base);
    expect(hpa(objects, WEB)).toMatchObject({ minReplicas: 2, maxReplicas: 10 });
    expect(envOf(container(find(objects, 'Deployment', WEB), 'webservice')).WORKER_PROCESSES).toBe('2');
    expect(nodeSelectorOf(find(objects, 'Deployment', WEB))).toBeUndefined();
    expect(resolveConfig(base).size).toBeUndefined();
  });

  it('are recorded in the resolved configuration', () => {
    expect(resolveConfig(sized('25k')).size).toBe('25k');
  });
});

describe('explicit settings win over a size preset', () => {
  it('for HPA bounds, field by field', () => {
    const objects = synthPlatform(sized('10k', withComponents({ webservice: { autoscaling: { maxReplicas: 30 } } })));
    expect(hpa(objects, WEB)).toMatchObject({ minReplicas: 15, maxReplicas: 30 });
    expect(cpuTarget(objects, WEB).averageValue).toBe('1600m');
  });

  it('for an HPA target', () => {
    const objects = synthPlatform(sized('10k', withComponents({ sidekiq: { autoscaling: { cpu: { averageUtilization: 60 } } } })));
    expect(cpuTarget(objects, SIDEKIQ)).toEqual({ type: 'Utilization', averageUtilization: 60 });
    expect(hpa(objects, SIDEKIQ)).toMatchObject({ minReplicas: 10, maxReplicas: 14 });
  });

  it('for resources, Puma workers, concurrency and the disruption budget', () => {
    const objects = synthPlatform(sized('10k', withComponents({
      webservice: { resources: { requests: { cpu: '2', memory: '4G' } }, workerProcesses: 3, podDisruptionBudget: { maxUnavailable: 2 } },
      sidekiq: { concurrency: 10 },
    })));
    const web = find(objects, 'Deployment', WEB);
    expect(container(web, 'webservice').resources).toEqual({ requests: { cpu: '2', memory: '4G' } });
    expect(envOf(container(web, 'webservice')).WORKER_PROCESSES).toBe('3');
    expect(find(objects, 'PodDisruptionBudget', WEB).spec.maxUnavailable).toBe(2);
    expect(envOf(container(find(objects, 'Deployment', SIDEKIQ), 'sidekiq')).SIDEKIQ_CONCURRENCY).toBe('10');
  });

  it('for fixed replicas instead of an HPA', () => {
    const objects = synthPlatform(sized('10k', withComponents({ sidekiq: { autoscaling: false, replicas: 4 } })));
    expect(find(objects, 'Deployment', SIDEKIQ).spec.replicas).toBe(4);
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === SIDEKIQ)).toBe(false);
  });

  it('for a component\'s node selector, merged over the platform\'s', () => {
    const objects = synthPlatform(sized('10k', withComponents({ webservice: { placement: { nodeSelector: { pool: 'web-large' } } } })));
    expect(nodeSelectorOf(find(objects, 'Deployment', WEB))).toEqual({ workload: 'support', pool: 'web-large' });
  });

  it('for the platform\'s node selector, which replaces the support pool', () => {
    const objects = synthPlatform(sized('10k', { placement: { nodeSelector: { 'kubernetes.io/arch': 'amd64' } } }));
    expect(nodeSelectorOf(find(objects, 'Deployment', 'gitlab-kas'))).toEqual({ 'kubernetes.io/arch': 'amd64' });
    expect(nodeSelectorOf(find(objects, 'Deployment', WEB))).toEqual({ 'kubernetes.io/arch': 'amd64', workload: 'webservice' });
  });

  it('for empty node selectors, which drop the pools', () => {
    const objects = synthPlatform(sized('10k', {
      placement: { nodeSelector: {} },
      components: { ...base.components, webservice: { placement: { nodeSelector: {} } } },
    }));
    expect(nodeSelectorOf(find(objects, 'Deployment', WEB)) ?? {}).toEqual({});
    expect(nodeSelectorOf(find(objects, 'Deployment', SIDEKIQ))).toEqual({ workload: 'sidekiq' });
    expect(nodeSelectorOf(find(objects, 'Deployment', 'gitlab-kas')) ?? {}).toEqual({});
  });
});
