import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { crdSchemasFromYaml, KUBERNETES_VERSIONS, validateCustomResource, validateObject } from '../support/kube-schema';

/** The strict validator itself: it must refuse what a cluster refuses, and accept what a cluster accepts. */

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{
          name: 'web',
          image: 'nginx:1.27',
          ports: [{ name: 'http', containerPort: 8080 }],
          resources: { requests: { cpu: '250m', memory: '2.5G' }, limits: { memory: 1073741824 } },
        }],
      },
    },
  },
});

describe('strict Kubernetes schema validation', () => {
  it.each(KUBERNETES_VERSIONS)('accepts a well-formed Deployment on %s', (version) => {
    expect(validateObject(deployment(), version)).toEqual([]);
  });

  it('names the object, the path and the unknown field, with a spelling hint', () => {
    const d = deployment();
    (d.spec.template.spec.containers[0] as any).comand = ['sh'];
    expect(validateObject(d, '1.36')).toEqual(['Deployment/web: spec.template.spec.containers[0]: unknown field "comand" (did you mean "command"?)']);
  });

  it('refuses unknown fields in metadata too', () => {
    const d = deployment();
    (d.metadata as any).label = { a: 'b' };
    expect(validateObject(d, '1.33').join()).toContain('metadata: unknown field "label"');
  });

  it('refuses a wrong type', () => {
    const d = deployment();
    (d.spec.template.spec.containers[0].ports[0] as any).containerPort = '8080';
    expect(validateObject(d, '1.36')).toEqual(['Deployment/web: spec.template.spec.containers[0].ports[0].containerPort: must be integer, got "8080"']);
  });

  it('refuses an int32 out of range', () => {
    const d = deployment();
    (d.spec as any).replicas = 2 ** 31;
    expect(validateObject(d, '1.36').join()).toContain('spec.replicas');
  });

  it('parses quantities like the API server: numbers and suffixed strings pass, prose does not', () => {
    const ok = deployment();
    ok.spec.template.spec.containers[0].resources.requests = { cpu: 0.5 as any, memory: '1e3', 'ephemeral-storage': '1Ki' } as any;
    expect(validateObject(ok, '1.36')).toEqual([]);
    for (const bad of ['lots', '1KB', '2 Gi', '1K']) {
      const d = deployment();
      d.spec.template.spec.containers[0].resources.requests.cpu = bad;
      expect(validateObject(d, '1.36'), bad).toEqual([`Deployment/web: spec.template.spec.containers[0].resources.requests.cpu: expected a quantity such as "500m" or "2Gi" or number, got ${JSON.stringify(bad)}`]);
    }
  });

  it('accepts int-or-string as an integer or a string, and refuses a fraction', () => {
    const d = deployment();
    (d.spec.strategy.rollingUpdate as any).maxSurge = 1.5;
    expect(validateObject(d, '1.36')).toEqual(['Deployment/web: spec.strategy.rollingUpdate.maxSurge: expected integer or string, got 1.5']);
  });

  it('treats an explicit null like an absent field', () => {
    const d = deployment();
    (d.spec as any).replicas = null;
    (d.metadata as any).annotations = null;
    expect(validateObject(d, '1.36')).toEqual([]);
  });

  it('refuses two entries with the same list-map key (server-side apply would)', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].ports.push({ name: 'again', containerPort: 8080 });
    expect(validateObject(d, '1.36').join()).toContain('ports: has two entries with the same containerPort+protocol');
  });

  it('refuses a missing required field', () => {
    const d = deployment();
    delete (d.spec.template.spec.containers[0] as any).name;
    expect(validateObject(d, '1.36')).toEqual(['Deployment/web: spec.template.spec.containers[0]: missing required field "name"']);
  });

  it('reports beta and removed APIs as unknown kinds', () => {
    for (const apiVersion of ['extensions/v1beta1', 'policy/v1beta1', 'autoscaling/v2beta2']) {
      expect(validateObject({ ...deployment(), apiVersion }, '1.36')[0]).toContain(`unknown apiVersion/kind ${apiVersion} Deployment`);
    }
  });

  it('reports a custom resource without a schema as unknown', () => {
    expect(validateObject({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' } }, '1.36')[0])
      .toContain('unknown apiVersion/kind cert-manager.io/v1 Certificate');
  });

  it('accepts every object of the official chart render on every version (no false positives)', () => {
    const text = readFileSync(join(__dirname, '..', 'fixtures', 'chart', 'chart-render-aws-production.yaml'), 'utf8');
    const objects = parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean);
    expect(objects.length).toBeGreaterThan(50);
    for (const version of KUBERNETES_VERSIONS) {
      expect(objects.flatMap((o) => validateObject(o, version))).toEqual([]);
    }
  });
});

describe('custom resources against CRD schemas', () => {
  const certificate = () => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'gitlab-tls', namespace: 'gitlab' },
    spec: { secretName: 'gitlab-tls', dnsNames: ['gitlab.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
  });

  it('accepts a valid cert-manager Certificate against the vendored CRD', () => {
    expect(validateCustomResource(certificate())).toEqual([]);
  });

  it('refuses unknown fields in spec and in metadata (ObjectMeta of the Kubernetes version)', () => {
    const c = certificate() as any;
    c.spec.dnsName = 'x';
    c.metadata.label = {};
    expect(validateCustomResource(c, '1.34')).toEqual([
      'Certificate/gitlab-tls: metadata: unknown field "label" (did you mean "labels"?)',
      'Certificate/gitlab-tls: spec: unknown field "dnsName" (did you mean "dnsNames"?)',
    ]);
  });

  it('validates External Secrets, Gateway API and Flux resources', () => {
    expect(validateCustomResource({
      apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'pg' },
      spec: { secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' }, target: { name: 'pg' }, data: [{ secretKey: 'password', remoteRef: { key: 'gitlab/pg' } }] },
    })).toEqual([]);
    expect(validateCustomResource({
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web' },
      spec: { parentRefs: [{ name: 'gw' }], hostnames: ['gitlab.example.com'], rules: [{ backendRefs: [{ name: 'web', port: 8181 }] }] },
    })).toEqual([]);
    expect(validateCustomResource({
      apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'gitops' },
      spec: { interval: '1m', url: 'https://gitlab.example.com/ops/gitops.git', ref: { branch: 'main' }, bogus: true },
    })).toEqual(['GitRepository/gitops: spec: unknown field "bogus"']);
  });

  it('says when no CRD schema is known', () => {
    expect(validateCustomResource({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }))
      .toEqual(['Widget/w: no CRD schema for example.com/v1 Widget']);
  });

  it('accepts a CRD schema map built from YAML', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { x-kubernetes-int-or-string: true }
                extra: { type: object, x-kubernetes-preserve-unknown-fields: true }
`;
    const schemas = crdSchemasFromYaml(crd);
    const widget = (spec: object) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec });
    expect(validateObject(widget({ size: '10%', extra: { anything: 1 } }), '1.36', schemas)).toEqual([]);
    expect(validateObject(widget({ sise: 1 }), '1.36', schemas)).toEqual(['Widget/w: spec: unknown field "sise" (did you mean "size"?)']);
  });
});
