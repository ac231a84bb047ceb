import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { fromHelmValues, GitLabPlatformProps } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { allows, Endpoint, networkPolicies, podsOf } from '../../support/network-policy';
import { find, KubeObject, synthPlatform, typedRefusal } from '../../support/synth';

/**
 * `components.<name>.service`: a component's own Service as NodePort or LoadBalancer (the chart's
 * `<component>.service.*`), with the load balancer's settings, and NetworkPolicies that let the outside in.
 */
const base = productionProps();
const withServices = (components: GitLabPlatformProps['components']) => productionProps({ components: { ...base.components, ...components } });
const INTERNET: Endpoint = { ip: '203.0.113.7' };
const pod = (objs: KubeObject[], app: string): Endpoint => {
  const p = podsOf(objs).find((x) => x.labels.app === app)!;
  return { namespace: p.namespace, labels: p.labels };
};

describe('a component\'s Service exposed outside the cluster', () => {
  const objects = synthPlatform(withServices({
    webservice: { service: { type: 'LoadBalancer', loadBalancerIP: '192.168.40.87', loadBalancerSourceRanges: ['192.168.40.0/24'], annotations: { 'example.com/lb': 'internal' } } },
    registry: { ...base.components!.registry, service: { type: 'NodePort', nodePort: 30500 } },
    kas: { service: { type: 'LoadBalancer', externalTrafficPolicy: 'Local' } },
  }));

  it('webservice: a LoadBalancer Service with the address, source ranges and annotations', () => {
    const svc = find(objects, 'Service', 'gitlab-webservice-default');
    expect(svc.spec).toMatchObject({ type: 'LoadBalancer', loadBalancerIP: '192.168.40.87', loadBalancerSourceRanges: ['192.168.40.0/24'], externalTrafficPolicy: 'Cluster' });
    expect(svc.metadata.annotations).toMatchObject({ 'example.com/lb': 'internal' });
  });

  it('registry: a NodePort Service on the fixed node port; kas keeps client addresses (Local)', () => {
    expect(find(objects, 'Service', 'gitlab-registry').spec.ports[0]).toMatchObject({ port: 5000, nodePort: 30500 });
    expect(find(objects, 'Service', 'gitlab-kas').spec).toMatchObject({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' });
  });

  it('NetworkPolicies let any address reach the exposed traffic ports, not the metrics ports', () => {
    const pols = networkPolicies(objects);
    expect(allows(pols, { from: INTERNET, to: pod(objects, 'webservice'), port: 8181 })).toBe(true);
    expect(allows(pols, { from: INTERNET, to: pod(objects, 'webservice'), port: 8080 })).toBe(true);
    expect(allows(pols, { from: INTERNET, to: pod(objects, 'webservice'), port: 8083 })).toBe(false);
    expect(allows(pols, { from: INTERNET, to: pod(objects, 'registry'), port: 5000 })).toBe(true);
    expect(allows(pols, { from: INTERNET, to: pod(objects, 'kas'), port: 8150 })).toBe(true);
    const closed = networkPolicies(synthPlatform(base));
    expect(allows(closed, { from: INTERNET, to: pod(objects, 'webservice'), port: 8181 })).toBe(false);
  });

  it.each(KUBERNETES_VERSIONS)('is schema-valid on Kubernetes %s', (version) => {
    expect(validateObjects(objects, version)).toEqual([]);
  });

  it('keeps every pod restricted', () => {
    expect(restrictedViolations(objects)).toEqual([]);
  });

  it('refuses load-balancer settings on a Service that has no load balancer', () => {
    const e = typedRefusal(withServices({
      webservice: { service: { loadBalancerIP: '10.0.0.1', nodePort: 30080 } },
      kas: { service: { type: 'NodePort', loadBalancerSourceRanges: ['10.0.0.0/8'] } },
    }));
    expect(e.issues.map((i) => i.path).sort()).toEqual(['components.kas.service.loadBalancerSourceRanges', 'components.webservice.service.loadBalancerIP', 'components.webservice.service.nodePort']);
    expect(e.message).toContain('set components.webservice.service.type: LoadBalancer');
  });

  it('refuses an unknown type, naming the allowed ones', () => {
    const e = typedRefusal(withServices({ webservice: { service: { type: 'ExternalName' as any } } }));
    expect(e.issues[0]).toMatchObject({ path: 'components.webservice.service.type' });
    expect(e.issues[0].allowed).toContain('"LoadBalancer"');
  });
});

describe('the chart\'s service.* keys in a values file', () => {
  const dir = join(__dirname, '../../fixtures/values/services');
  const values = parse(readFileSync(join(dir, 'load-balancers.yaml'), 'utf8'));
  const chart = parseAllDocuments(readFileSync(join(dir, 'load-balancers.render.yaml'), 'utf8')).map((d) => d.toJS()).filter(Boolean);
  const ours = synthPlatform(fromHelmValues(values));

  it.each(['gitlab-webservice-default', 'gitlab-registry', 'gitlab-kas', 'gitlab-gitlab-shell'])('%s: the type, address, ranges, policy, annotations and ports the chart renders', (name) => {
    const [mine, theirs] = [find(ours, 'Service', name), find(chart, 'Service', name)];
    const facts = (s: KubeObject) => ({
      type: s.spec.type, loadBalancerIP: s.spec.loadBalancerIP, loadBalancerSourceRanges: s.spec.loadBalancerSourceRanges,
      ports: s.spec.ports.map((p: any) => p.port),
      annotations: Object.fromEntries(Object.entries(s.metadata.annotations ?? {}).filter(([k]) => !k.startsWith('gitlab.com/'))),
    });
    expect(facts(mine)).toEqual(facts(theirs));
    // Kubernetes' default policy is Cluster: the chart leaves it out, gitlab-iac writes it.
    expect(mine.spec.externalTrafficPolicy ?? 'Cluster').toBe(theirs.spec.externalTrafficPolicy ?? 'Cluster');
  });

  it('warns about a load balancer address on a ClusterIP Service, which the chart ignores', () => {
    const lines: string[] = [];
    fromHelmValues({ ...values, registry: { ...values.registry, service: { loadBalancerIP: '10.1.1.1' } } }, { onWarning: (l) => lines.push(l) });
    expect(lines.join('\n')).toContain('registry.service.loadBalancerIP: ignored');
  });
});
