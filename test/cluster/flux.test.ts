import { describe, expect, test } from 'vitest';
import { FluxSync, FluxSyncProps, GitLabConfigError } from '../../constructs';
import { validateCustomResource } from '../support/kube-schema';
import { ofKind, one, synth, synthYaml } from './support';

const GIT = { url: 'https://gitlab.example.com/platform/manifests.git', secretRef: { name: 'manifests-deploy-token' } };
const flux = (props: Partial<FluxSyncProps> = {}) => synth((chart) => new FluxSync(chart, 'gitlab-platform', { source: { git: GIT }, ...props }));
const error = (fn: () => unknown): GitLabConfigError => {
  try { fn(); } catch (e) { if (e instanceof GitLabConfigError) return e; throw e; }
  throw new Error('expected a GitLabConfigError');
};

describe('Git source', () => {
  test('a source.toolkit.fluxcd.io/v1 GitRepository on main, fetched every minute with a read-only deploy token', () => {
    const repo = one(flux(), 'GitRepository');
    expect(repo.apiVersion).toBe('source.toolkit.fluxcd.io/v1');
    expect(repo.metadata).toMatchObject({ name: 'gitlab-platform', namespace: 'flux-system' });
    expect(repo.spec).toEqual({
      url: 'https://gitlab.example.com/platform/manifests.git', interval: '1m', ref: { branch: 'main' }, secretRef: { name: 'manifests-deploy-token' },
    });
  });

  test('tags, semver ranges and commits as the ref', () => {
    const refOf = (git: object) => one(flux({ source: { git: { ...GIT, ...git } } }), 'GitRepository').spec.ref;
    expect(refOf({ tag: 'v1.2.3' })).toEqual({ tag: 'v1.2.3' });
    expect(refOf({ semver: '>=1.0.0' })).toEqual({ semver: '>=1.0.0' });
    expect(refOf({ commit: 'a'.repeat(40), branch: 'main' })).toEqual({ commit: 'a'.repeat(40), branch: 'main' });
  });

  test('a kustomize.toolkit.fluxcd.io/v1 Kustomization applying the path with prune and wait', () => {
    const k = one(flux({ path: './dist' }), 'Kustomization');
    expect(k.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
    expect(k.spec).toEqual({
      sourceRef: { kind: 'GitRepository', name: 'gitlab-platform' }, path: './dist', interval: '10m', timeout: '5m', prune: true, wait: true,
    });
  });

  test('health checks replace wait; target namespace, impersonated ServiceAccount and dependencies pass through', () => {
    const k = one(flux({
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gitlab-webservice-default', namespace: 'gitlab' }],
      targetNamespace: 'gitlab', serviceAccountName: 'gitlab-deployer', dependsOn: ['infrastructure'], prune: false, interval: '30m', retryInterval: '2m',
    }), 'Kustomization');
    expect(k.spec).toEqual({
      sourceRef: { kind: 'GitRepository', name: 'gitlab-platform' }, path: './', interval: '30m', retryInterval: '2m', timeout: '5m', prune: false,
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gitlab-webservice-default', namespace: 'gitlab' }],
      targetNamespace: 'gitlab', serviceAccountName: 'gitlab-deployer', dependsOn: [{ name: 'infrastructure' }],
    });
  });
});

describe('OCI source', () => {
  test('an OCIRepository (GitLab\'s recommended source) with registry credentials', () => {
    const objects = flux({ source: { oci: { url: 'oci://registry.example.com/platform/manifests', tag: 'main', secretRef: { name: 'registry-deploy-token' } } } });
    expect(ofKind(objects, 'GitRepository')).toEqual([]);
    expect(one(objects, 'OCIRepository').spec).toEqual({
      url: 'oci://registry.example.com/platform/manifests', interval: '1m', ref: { tag: 'main' }, secretRef: { name: 'registry-deploy-token' },
    });
    expect(one(objects, 'Kustomization').spec.sourceRef).toEqual({ kind: 'OCIRepository', name: 'gitlab-platform' });
  });

  test('the tag defaults to latest, as in Flux; a digest pins it', () => {
    expect(one(flux({ source: { oci: { url: 'oci://r.example.com/m' } } }), 'OCIRepository').spec.ref).toEqual({ tag: 'latest' });
    const digest = `sha256:${'0'.repeat(64)}`;
    expect(one(flux({ source: { oci: { url: 'oci://r.example.com/m', digest } } }), 'OCIRepository').spec.ref).toEqual({ digest });
  });
});

describe('Receiver', () => {
  test('a GitLab webhook receiver for push and tag events on the source', () => {
    const r = one(flux({ receiver: { secret: { name: 'webhook-token' } } }), 'Receiver');
    expect(r.apiVersion).toBe('notification.toolkit.fluxcd.io/v1');
    expect(r.metadata.name).toBe('gitlab-platform-webhook');
    expect(r.spec).toEqual({
      type: 'gitlab', events: ['Push Hook', 'Tag Push Hook'],
      resources: [{ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'gitlab-platform' }],
      secretRef: { name: 'webhook-token' },
    });
  });

  test('a generic receiver (e.g. called by CI after flux push artifact) lists no events', () => {
    const r = one(flux({ source: { oci: { url: 'oci://r.example.com/m' } }, receiver: { type: 'generic', secret: { name: 't' } } }), 'Receiver');
    expect(r.spec).toEqual({ type: 'generic', resources: [{ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', name: 'gitlab-platform' }], secretRef: { name: 't' } });
  });

  test('none unless asked for (the agent creates its own for GitRepositories)', () => {
    expect(ofKind(flux(), 'Receiver')).toEqual([]);
  });
});

describe('refused settings', () => {
  test('a Flux sync without a source', () => {
    const e = error(() => synth((chart) => new FluxSync(chart, 'sync', {} as FluxSyncProps)));
    expect(e.issues[0]).toMatchObject({ path: 'FluxSync(sync).source', value: 'nothing (the setting is missing)' });
    expect(e.issues[0].fix).toContain('source: { git:');
  });

  test('an empty source and a source with both git and oci', () => {
    expect(error(() => flux({ source: {} })).issues[0]).toMatchObject({ path: 'FluxSync(gitlab-platform).source', allowed: 'exactly one of source.git or source.oci' });
    expect(error(() => flux({ source: { git: GIT, oci: { url: 'oci://r.example.com/m' } } })).issues[0].value).toBe('both git and oci');
  });

  test('credentials in the URL', () => {
    const e = error(() => flux({ source: { git: { url: 'https://user:glpat-secret@gitlab.example.com/p.git' } } }));
    expect(e.issues[0].path).toBe('FluxSync(gitlab-platform).source.git.url');
    expect(e.issues[0].fix).toContain('secretRef');
  });

  test('a non-oci URL for an OCI source, a path leaving the source, wait together with health checks', () => {
    expect(error(() => flux({ source: { oci: { url: 'https://r.example.com/m' } } })).issues[0].path).toBe('FluxSync(gitlab-platform).source.oci.url');
    expect(error(() => flux({ path: '../other' })).issues[0].path).toBe('FluxSync(gitlab-platform).path');
    expect(error(() => flux({ wait: true, healthChecks: [{ kind: 'Deployment', name: 'x' }] })).issues[0].path).toBe('FluxSync(gitlab-platform).wait');
  });

  test('an interval that is not a duration', () => {
    expect(error(() => flux({ interval: '10 minutes' })).issues[0].path).toBe('FluxSync(gitlab-platform).interval');
  });
});

describe('valid against the Flux CRDs', () => {
  test.each([
    ['Git source with receiver and health checks', { receiver: { secret: { name: 'w' } }, healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', namespace: 'gitlab' }] }],
    ['OCI source with generic receiver', { source: { oci: { url: 'oci://r.example.com/m', semver: '>=1.0.0', provider: 'aws' as const } }, receiver: { type: 'generic' as const, secret: { name: 'w' } } }],
    ['everything optional', { targetNamespace: 'gitlab', serviceAccountName: 'deployer', dependsOn: ['infra'], retryInterval: '1m', source: { git: { ...GIT, tag: 'v1', timeout: '30s' } } }],
  ])('%s', (_, props) => {
    const objects = flux(props as Partial<FluxSyncProps>);
    expect(objects.length).toBeGreaterThanOrEqual(2);
    expect(objects.flatMap((o) => validateCustomResource(o))).toEqual([]);
  });

  test('the check is real: a Kustomization without prune or with an unknown field is reported', () => {
    const k = one(flux(), 'Kustomization');
    const { prune: _prune, ...spec } = k.spec;
    expect(validateCustomResource({ ...k, spec }).join('\n')).toMatch(/prune/);
    expect(validateCustomResource({ ...k, spec: { ...k.spec, pruning: true } }).join('\n')).toMatch(/pruning/);
  });
});

test('snapshot: a Git sync with a GitLab webhook receiver', () => {
  expect(synthYaml((chart) => new FluxSync(chart, 'gitlab-platform', { source: { git: GIT }, path: './manifests/gitlab', receiver: { secret: { name: 'webhook-token' } } })))
    .toMatchSnapshot();
});
