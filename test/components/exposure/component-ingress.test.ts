import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { fromHelmValues } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { allows, Endpoint, networkPolicies, podsOf } from '../../support/network-policy';
import { find, KubeObject, synthPlatform, typedRefusal } from '../../support/synth';

/**
 * One component's own Ingress while the platform-wide switch is off (`ingress.enabled: false` with
 * `components.<name>.ingress.enabled: true`): the chart's per-component `ingress.enabled` overrides
 * `global.ingress.enabled`, and the component's Ingress takes the global class, annotations and TLS.
 */
const base = productionProps();
const onlyWeb = (ingress: Record<string, unknown> = {}, own: Record<string, unknown> = {}) => productionProps({
  ingress: { enabled: false, ...ingress },
  components: { ...base.components, webservice: { ingress: { enabled: true, ...own } } },
});
const ingresses = (objs: KubeObject[]) => objs.filter((o) => o.kind === 'Ingress');
const INGRESS_CONTROLLER: Endpoint = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };

describe('a component\'s own Ingress while ingress.enabled is false', () => {
  const objects = synthPlatform(onlyWeb({ tls: { secretName: 'gitlab-tls' } }));

  it('exposes only that host, with the platform-wide class and TLS', () => {
    expect(ingresses(objects).map((o) => o.metadata.name)).toEqual(['gitlab-webservice-default']);
    const ing = find(objects, 'Ingress', 'gitlab-webservice-default');
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.tls).toEqual([{ hosts: ['gitlab.example.com'], secretName: 'gitlab-tls' }]);
    expect(ing.metadata.annotations!['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('512m');
  });

  it('lets the ingress controller reach webservice (and nothing else on the web backends)', () => {
    const pods = podsOf(objects);
    const pod = (app: string) => ({ namespace: pods.find((p) => p.labels.app === app)!.namespace, labels: pods.find((p) => p.labels.app === app)!.labels });
    const pols = networkPolicies(objects);
    expect(allows(pols, { from: INGRESS_CONTROLLER, to: pod('webservice'), port: 8181 })).toBe(true);
    const off = networkPolicies(synthPlatform(productionProps({ ingress: { enabled: false } })));
    expect(allows(off, { from: INGRESS_CONTROLLER, to: pod('webservice'), port: 8181 })).toBe(false);
  });

  it('with ingress.tls false, the host\'s own Secret gives it TLS (hosts.https may stay true)', () => {
    const objs = synthPlatform(onlyWeb({ tls: false }, { tlsSecretName: 'web-tls' }));
    expect(find(objs, 'Ingress', 'gitlab-webservice-default').spec.tls).toEqual([{ hosts: ['gitlab.example.com'], secretName: 'web-tls' }]);
  });

  it('without any TLS for that host, asks for it', () => {
    const e = typedRefusal(onlyWeb({}));
    expect(e.issues.map((i) => i.path)).toEqual(['ingress.tls']);
  });

  it('defaultClass leaves ingressClassName out', () => {
    const objs = synthPlatform(onlyWeb({ tls: { secretName: 'gitlab-tls' }, defaultClass: true }));
    expect(find(objs, 'Ingress', 'gitlab-webservice-default').spec.ingressClassName).toBeUndefined();
  });

  it.each(KUBERNETES_VERSIONS)('is schema-valid on Kubernetes %s', (version) => {
    expect(validateObjects(ingresses(objects), version)).toEqual([]);
  });
});

describe('the chart\'s per-component ingress.enabled in a values file (real file 01-spack)', () => {
  const dir = join(__dirname, '../../fixtures/values/real');
  const values = parse(readFileSync(join(dir, '01-spack.yaml'), 'utf8'));
  // Only the Ingress is under test here: the file's probe and Gitaly keys are judged elsewhere.
  delete values.gitlab.webservice.deployment;
  delete values.gitlab.gitaly;
  const chart = parseAllDocuments(readFileSync(join(dir, '01-spack.render.yaml'), 'utf8')).map((d) => d.toJS()).filter((o) => o?.kind === 'Ingress');
  const ours = ingresses(synthPlatform(fromHelmValues(values)));

  it('gives webservice the Ingress the chart renders: host, path, backend, TLS Secret, no class (class none)', () => {
    expect(ours.map((o) => o.metadata.name)).toEqual(chart.map((o) => o.metadata.name));
    const [mine, theirs] = [ours[0], chart[0]];
    expect(mine.spec.rules).toEqual(theirs.spec.rules);
    expect(mine.spec.tls).toEqual(theirs.spec.tls);
    expect(mine.spec.ingressClassName).toBe(theirs.spec.ingressClassName);
    expect(mine.metadata.annotations).toMatchObject(theirs.metadata.annotations);
  });
});
