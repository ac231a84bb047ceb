import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ComponentsConfig, fromHelmValues, GitLabPlatformProps } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { container, find, KubeObject, synthPlatform } from '../../support/synth';
import { configIssues } from '../optional/fixtures';

/**
 * Probe settings beyond timings: a startup probe (webservice's `deployment.startupProbe`, Gitaly's gRPC one),
 * dropping a probe and another HTTP path or port (the registry's `deployment.*Probe.{enabled,path,port}`).
 */
const withComponents = (components: ComponentsConfig): GitLabPlatformProps => {
  const base = productionProps();
  return productionProps({ components: { ...base.components, ...components } });
};
const workload = (objs: KubeObject[], kind: string, name: string, c: string) => container(find(objs, kind, name), c);

describe('startupProbe, enabled and httpGet of the main container\'s probes', () => {
  const objects = synthPlatform(withComponents({
    webservice: { startupProbe: { httpGet: { path: '/-/readiness', port: 8080 }, initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 30, timeoutSeconds: 5 } },
    sidekiq: { startupProbe: { failureThreshold: 40 } },
    gitaly: { startupProbe: false },
    registry: { ...productionProps().components!.registry, livenessProbe: { enabled: false }, readinessProbe: { httpGet: { path: '/debug/ok', port: 5001 } } },
  }));
  const plain = synthPlatform(productionProps());

  it('webservice: the startup probe as given, on the Puma container only', () => {
    expect(workload(objects, 'Deployment', 'gitlab-webservice-default', 'webservice').startupProbe)
      .toEqual({ httpGet: { path: '/-/readiness', port: 8080 }, initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 30, timeoutSeconds: 5 });
    expect(workload(objects, 'Deployment', 'gitlab-webservice-default', 'gitlab-workhorse').startupProbe).toBeUndefined();
  });

  it('a startup probe without a check runs the readiness check', () => {
    const sidekiq = workload(objects, 'Deployment', 'gitlab-sidekiq-all-in-1-v2', 'sidekiq');
    expect(sidekiq.startupProbe).toEqual({ httpGet: sidekiq.readinessProbe.httpGet, failureThreshold: 40 });
  });

  it('false drops Gitaly\'s startup probe; the registry drops its liveness probe and checks another path and port', () => {
    expect(workload(plain, 'StatefulSet', 'gitlab-gitaly', 'gitaly').startupProbe).toBeDefined();
    expect(workload(objects, 'StatefulSet', 'gitlab-gitaly', 'gitaly').startupProbe).toBeUndefined();
    const registry = workload(objects, 'Deployment', 'gitlab-registry', 'registry');
    expect(registry.livenessProbe).toBeUndefined();
    expect(registry.readinessProbe.httpGet).toMatchObject({ path: '/debug/ok', port: 5001 });
  });

  it.each(KUBERNETES_VERSIONS)('is schema-valid on Kubernetes %s', (version) => {
    expect(validateObjects(objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind)), version)).toEqual([]);
  });

  it('refuses two checks, an HTTP path on a non-HTTP probe and a startup successThreshold other than 1', () => {
    expect(configIssues(withComponents({
      webservice: { startupProbe: { httpGet: { path: '/', port: 8080 }, exec: { command: ['true'] } } },
      gitaly: { livenessProbe: { httpGet: { path: '/health' } } },
      sidekiq: { startupProbe: { successThreshold: 2 } as any },
    })).map((i) => i.path).sort()).toEqual(['components.gitaly.livenessProbe.httpGet', 'components.sidekiq.startupProbe.successThreshold', 'components.webservice.startupProbe']);
  });
});

describe('the chart\'s probe keys in a values file', () => {
  const dir = join(__dirname, '../../fixtures/values/probes');
  const chart = parseAllDocuments(readFileSync(join(dir, 'probes.render.yaml'), 'utf8')).map((d) => d.toJS()).filter(Boolean);
  const ours = synthPlatform(fromHelmValues(parse(readFileSync(join(dir, 'probes.yaml'), 'utf8'))));
  const probes = (c: any) => ({ startupProbe: c.startupProbe, livenessProbe: c.livenessProbe, readinessProbe: c.readinessProbe });
  // Kubernetes' default successThreshold (1) is written by one side and left out by the other.
  const normal = (p: any) => (p ? { successThreshold: 1, ...p } : p);

  it.each([
    ['Deployment', 'gitlab-webservice-default', 'webservice', 'startupProbe'],
    ['StatefulSet', 'gitlab-gitaly', 'gitaly', 'startupProbe'],
    ['Deployment', 'gitlab-registry', 'registry', 'livenessProbe'],
  ] as const)('%s %s: the %s container\'s %s is the chart\'s', (kind, name, c, probe) => {
    const theirs = probes(container(find(chart, kind, name), c))[probe];
    expect(normal(probes(workload(ours, kind, name, c))[probe])).toEqual(normal(theirs));
  });

  it('the registry\'s readiness probe checks the path and port the values name, with their timings', () => {
    const theirs = container(find(chart, 'Deployment', 'gitlab-registry'), 'registry').readinessProbe;
    const mine = workload(ours, 'Deployment', 'gitlab-registry', 'registry').readinessProbe;
    expect({ path: mine.httpGet.path, port: mine.httpGet.port, period: mine.periodSeconds }).toEqual({ path: theirs.httpGet.path, port: theirs.httpGet.port, period: theirs.periodSeconds });
  });

  it('real file 01-spack: webservice\'s startup probe is the chart\'s', () => {
    const real = join(__dirname, '../../fixtures/values/real');
    const values = parse(readFileSync(join(real, '01-spack.yaml'), 'utf8'));
    delete values.gitlab.gitaly;
    const render = parseAllDocuments(readFileSync(join(real, '01-spack.render.yaml'), 'utf8')).map((d) => d.toJS()).filter(Boolean);
    const mine = workload(synthPlatform(fromHelmValues(values)), 'Deployment', 'gitlab-webservice-default', 'webservice').startupProbe;
    expect(mine).toEqual(container(find(render, 'Deployment', 'gitlab-webservice-default'), 'webservice').startupProbe);
  });
});
