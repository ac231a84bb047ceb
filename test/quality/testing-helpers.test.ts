import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { GitLabPlatform } from '../../constructs';
import { assertValidSynth, findObject, findObjects, kubeSnapshotSerializer, stableYaml, synthObjects, synthProblems } from '../../constructs/testing';

const PROPS = {
  hosts: { domain: 'example.com' },
  postgres: { host: 'db.example.com', password: { name: 'gitlab-postgres-password' } },
  redis: { host: 'redis.example.com', password: { name: 'gitlab-redis-password' } },
  objectStorage: { connection: { name: 'gitlab-rails-storage' } },
  ingress: { tls: { secretName: 'gitlab-tls' } },
  components: { registry: { storage: { name: 'registry-storage' } } },
  namespaceObject: true,
};

describe('gitlab-iac/testing', () => {
  const objects = synthObjects(PROPS);

  it('synthesizes props or a chart to objects and finds them by kind and name', () => {
    const chart = Testing.chart();
    new GitLabPlatform(chart, 'gitlab', PROPS);
    expect(synthObjects(chart)).toEqual(objects);
    expect(findObject(objects, 'Deployment', 'gitlab-webservice-default').kind).toBe('Deployment');
    expect(findObjects(objects, 'Namespace').map((o) => o.metadata.name)).toEqual(['gitlab']);
    expect(() => findObject(objects, 'Deployment', 'nope')).toThrow(/no Deployment named nope; present: .*gitlab-webservice-default/);
  });

  it('one call checks a synth: strictly schema-valid on 1.33-1.36 and restricted Pod Security', () => {
    expect(assertValidSynth(objects)).toBe(objects);
    const broken = objects.map((o) => (o.kind === 'Deployment' && o.metadata.name === 'gitlab-webservice-default'
      ? { ...o, spec: { ...o.spec, bogusField: 1, template: { ...o.spec.template, spec: { ...o.spec.template.spec, hostNetwork: true } } } } : o));
    const problems = synthProblems(broken);
    expect(problems.some((p) => /Kubernetes 1\.33: .*gitlab-webservice-default.*bogusField/.test(p))).toBe(true);
    expect(problems.some((p) => /gitlab-webservice-default.*hostNetwork/.test(p))).toBe(true);
    expect(() => assertValidSynth(broken)).toThrow(/problem\(s\)/);
  });

  it('the snapshot serializer is stable: order, key order and content hashes do not show', () => {
    const reversed = (v: any): any => (Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object'
      ? Object.fromEntries(Object.keys(v).reverse().map((k) => [k, reversed(v[k])])) : v);
    const shuffled = [...objects].reverse().map(reversed);
    expect(stableYaml(shuffled)).toBe(stableYaml(objects));
    expect(stableYaml(objects)).toMatch(/gitlab-migrations-pre-<hash>/);
    expect(stableYaml(objects)).not.toMatch(/checksum\/[^:]+: [0-9a-f]{16,}/);
    expect(kubeSnapshotSerializer.test(objects)).toBe(true);
    expect(kubeSnapshotSerializer.test([{ a: 1 }])).toBe(false);
  });
});
