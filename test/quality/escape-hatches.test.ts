import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { GitLabConfigError, GitLabPlatform, k8s, strictJsonPatch } from '../../constructs';
import { productionProps } from '../support/fixtures';
import { SCENARIOS } from '../support/scenarios';
import { KubeObject, podSpec } from '../support/synth';

function platform(props = productionProps()) {
  const chart = Testing.chart();
  const gitlab = new GitLabPlatform(chart, 'gitlab', props);
  return { chart, gitlab, synth: () => Testing.synth(chart) as KubeObject[] };
}

/** Every ApiObject a value holds: a handle, or a map/record of handles, one level deep. */
function apiObjectsIn(value: unknown, depth = 0): ApiObject[] {
  if (value instanceof ApiObject) return [value];
  if (depth > 2 || value === null || typeof value !== 'object' || 'node' in (value as object)) return [];
  return Object.values(value as Record<string, unknown>).flatMap((v) => apiObjectsIn(v, depth + 1));
}

/** ApiObjects reachable from a component's own properties (not its construct tree). */
function handlesOf(component: object): ApiObject[] {
  return Object.entries(component).filter(([k]) => k !== 'node').flatMap(([, v]) => {
    if (v instanceof ApiObject) return [v];
    // A nested component (Praefect's `gitaly`) brings its own handles.
    if (v !== null && typeof v === 'object' && 'node' in v && !(v instanceof ApiObject) && v !== component) return handlesOf(v);
    return apiObjectsIn(v);
  });
}

// Objects with no handle of their own: the TLS Certificate and the ReferenceGrant that come with a route.
const WITHOUT_HANDLE = new Set(['Certificate', 'ReferenceGrant']);

describe('typed handles to every component\'s objects', () => {
  describe.each(SCENARIOS.map((s) => ({ name: s.name, props: s.props })))('scenario $name', ({ props }) => {
    const { gitlab } = platform(props);
    const components = Object.entries(gitlab).filter(([k, v]) => k !== 'node' && v !== null && typeof v === 'object' && 'node' in v);

    it('each component the platform creates is one of its properties, and each object a component creates has a handle', () => {
      expect(components.length).toBeGreaterThan(5);
      const missing = components.flatMap(([name, component]) => {
        const reachable = new Set(handlesOf(component));
        const all = (component as { node: { findAll(): unknown[] } }).node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
        return all.filter((o) => !reachable.has(o) && !WITHOUT_HANDLE.has(o.kind)).map((o) => `${name}: ${o.kind}/${o.name} (${o.node.path})`);
      });
      expect(missing).toEqual([]);
    });
  });

  it('an annotation added through platform.webservice.deployment reaches the Deployment', () => {
    const { gitlab, synth } = platform();
    gitlab.webservice!.deployment.metadata.addAnnotation('example.com/owner', 'team-a');
    gitlab.webservice!.deployment.addJsonPatch(JsonPatch.add('/spec/template/metadata/annotations/example.com~1scrape', 'true'));
    const deployment = synth().find((o) => o.kind === 'Deployment' && o.metadata.name === gitlab.webservice!.deploymentNames[0])!;
    expect(deployment.metadata.annotations).toMatchObject({ 'example.com/owner': 'team-a' });
    expect(deployment.spec.template.metadata.annotations).toMatchObject({ 'example.com/scrape': 'true' });
  });

  it('handles are typed with the generated Kubernetes classes (the objects are what the output holds)', () => {
    const { gitlab } = platform();
    expect(gitlab.webservice!.deployment).toBeInstanceOf(k8s.KubeDeployment);
    expect(gitlab.gitaly!.statefulSet).toBeInstanceOf(k8s.KubeStatefulSet);
    expect(gitlab.migrations!.job).toBeInstanceOf(k8s.KubeJob);
    expect(gitlab.sidekiq!.deployments[gitlab.config.components.sidekiq!.pods[0].name].deployment).toBe(gitlab.sidekiq!.deployment);
    expect(gitlab.registry!.service.name).toBe(gitlab.registry!.serviceName);
  });
});

describe('strictJsonPatch: a patch on a path that does not exist fails loudly', () => {
  it('cdk8s itself ignores a replace or remove of a missing path, and drops a field the Kubernetes types do not know', () => {
    // The behaviour strictJsonPatch exists for: these three patches change nothing, without an error.
    const { gitlab, synth } = platform();
    const before = JSON.stringify(platform().synth().find((o) => o.kind === 'Deployment' && o.metadata.name === gitlab.webservice!.deploymentNames[0]));
    gitlab.webservice!.deployment.addJsonPatch(
      JsonPatch.replace('/spec/template/spec/dnsPolicyy', 'Default'),
      JsonPatch.remove('/spec/template/spec/hostAliases'),
      JsonPatch.add('/spec/template/spec/nodeSelectr', { pool: 'gitlab' }),
    );
    const after = synth().find((o) => o.kind === 'Deployment' && o.metadata.name === gitlab.webservice!.deploymentNames[0]);
    expect(JSON.stringify(after)).toBe(before);
  });

  it('a replace or remove of a missing path throws GitLabConfigError naming the object, the path and what is there', () => {
    const { gitlab, synth } = platform();
    strictJsonPatch(gitlab.webservice!.deployment,
      JsonPatch.replace('/spec/template/spec/dnsPolicyy', 'Default'),
      JsonPatch.remove('/spec/template/spec/hostAliases'));
    let error: unknown;
    try { synth(); } catch (e) { error = e; }
    const message = String((error as Error)?.message);
    expect(message).toContain(`Deployment/${gitlab.webservice!.deploymentNames[0]} replace /spec/template/spec/dnsPolicyy`);
    expect(message).toContain(`Deployment/${gitlab.webservice!.deploymentNames[0]} remove /spec/template/spec/hostAliases`);
    expect(message).toMatch(/at \/spec\/template\/spec there is .*containers/);
    expect(message).toContain('use "add" to create a field');
  });

  it('an add under a parent that does not exist throws; one past the end of a list throws', () => {
    const { gitlab, synth } = platform();
    strictJsonPatch(gitlab.gitaly!.statefulSet, JsonPatch.add('/spec/template/spec/dnsConfig/options/-', { name: 'ndots', value: '2' }));
    expect(() => synth()).toThrow(/a parent that exists \(\/spec\/template\/spec\/dnsConfig\/options does not: at \/spec\/template\/spec there is /);
    const second = platform();
    strictJsonPatch(second.gitlab.gitaly!.statefulSet, JsonPatch.add('/spec/template/spec/containers/9', { name: 'x' }));
    expect(() => second.synth()).toThrow(/an index from 0 to \d+ or "-"/);
  });

  it('valid operations apply, in order, to the manifest as written (nothing the Kubernetes types do not know is dropped)', () => {
    const { gitlab, synth } = platform();
    const deployment = gitlab.webservice!.deployment;
    strictJsonPatch(deployment,
      JsonPatch.add('/spec/template/spec/dnsConfig', { options: [] }),
      JsonPatch.add('/spec/template/spec/dnsConfig/options/-', { name: 'ndots', value: '2' }),
      JsonPatch.replace('/spec/template/spec/automountServiceAccountToken', false),
      JsonPatch.test('/spec/template/spec/automountServiceAccountToken', false));
    const spec = podSpec(synth().find((o) => o.kind === 'Deployment' && o.metadata.name === gitlab.webservice!.deploymentNames[0])!);
    expect(spec.dnsConfig).toEqual({ options: [{ name: 'ndots', value: '2' }] });
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  it('the error is a GitLabConfigError listing every failing operation of the object at once', () => {
    const { gitlab, synth } = platform();
    strictJsonPatch(gitlab.toolbox!.configMap, JsonPatch.replace('/data/nope', 'x'));
    strictJsonPatch(gitlab.toolbox!.configMap, JsonPatch.remove('/metadata/annotations/nope'));
    let error: unknown;
    try { synth(); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(GitLabConfigError);
    expect((error as GitLabConfigError).issues.map((i) => i.path)).toEqual([
      'ConfigMap/gitlab-toolbox replace /data/nope',
      'ConfigMap/gitlab-toolbox remove /metadata/annotations/nope',
    ]);
  });
});
