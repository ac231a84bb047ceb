import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { fromHelmValues, GitLabPlatformProps, RegistryOptions } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { allows, networkPolicies, podsOf } from '../../support/network-policy';
import { restrictedViolations } from '../../support/pod-security';
import { container, find, KubeObject, podSpec, synthPlatform, typedRefusal } from '../../support/synth';
import { withPlaceholders } from '../../support/templates';

/**
 * The registry's storage beyond its driver Secret: the redirect switch (`storageRedirect`, the chart's
 * `registry.storage.redirect`), the chart's filesystem storage without a Secret (`storage: 'emptyDir'`), and
 * Prometheus metrics on the debug port (`metrics`, the chart's `registry.metrics.enabled`).
 */
const base = productionProps();
const withRegistry = (registry: RegistryOptions): GitLabPlatformProps => productionProps({ components: { ...base.components, registry } });
const configYml = (objs: KubeObject[]) => parse(withPlaceholders(find(objs, 'ConfigMap', 'gitlab-registry').data['config.yml.tpl'], 'gomplate', () => '"http-secret"'));
const fixtures = join(__dirname, '../../fixtures/values/registry');
const chartRender = (name: string) => parseAllDocuments(readFileSync(join(fixtures, `${name}.render.yaml`), 'utf8')).map((d) => d.toJS()).filter(Boolean);
const chartConfig = (name: string) => parse(withPlaceholders(find(chartRender(name), 'ConfigMap', 'gitlab-registry').data['config.yml.tpl'], 'gomplate', () => '"x"'));
const imported = (name: string) => synthPlatform(fromHelmValues(parse(readFileSync(join(fixtures, `${name}.yaml`), 'utf8'))));

describe('storageRedirect', () => {
  it('writes redirect.disable and its exceptions into the storage config, as the chart does', () => {
    const objs = synthPlatform(withRegistry({ ...base.components!.registry, storageRedirect: { disable: true, exceptions: ['^internal\\.example\\.com$'] } }));
    expect(configYml(objs).storage.redirect).toEqual({ disable: true, exceptions: ['^internal\\.example\\.com$'] });
    expect(configYml(synthPlatform(base)).storage.redirect).toBeUndefined();
  });

  it('matches the chart\'s render of registry.storage.redirect', () => {
    expect(configYml(imported('redirect')).storage.redirect).toEqual(chartConfig('redirect').storage.redirect);
  });
});

describe('storage: emptyDir (no storage Secret)', () => {
  const objs = synthPlatform(withRegistry({ storage: 'emptyDir' }));
  const deployment = find(objs, 'Deployment', 'gitlab-registry');

  it('says on stderr that images are lost when the pod restarts', async () => {
    // Said once per process: a fresh copy of the modules, so that another test file's emptyDir synth does not count.
    vi.resetModules();
    const fresh = await import('../../support/synth');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      fresh.synthPlatform(withRegistry({ storage: 'emptyDir' }));
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('every image is lost when the pod restarts');
    } finally {
      stderr.mockRestore();
    }
  });

  it('uses the chart\'s filesystem storage on an emptyDir at /tmp/registry, without a storage Secret', () => {
    expect(configYml(objs).storage).toMatchObject({ filesystem: { rootdirectory: '/tmp/registry' }, cache: { blobdescriptor: 'inmemory' }, delete: { enabled: true } });
    expect(podSpec(deployment).volumes.find((v: any) => v.name === 'registry-data')).toEqual({ name: 'registry-data', emptyDir: {} });
    expect(container(deployment, 'registry').volumeMounts).toContainEqual({ name: 'registry-data', mountPath: '/tmp/registry' });
    const sources = podSpec(deployment).volumes.find((v: any) => v.name === 'registry-secrets').projected.sources;
    expect(sources.some((s: any) => s.secret?.name === 'registry-storage')).toBe(false);
  });

  it('runs one replica without an HPA (each pod would keep its own images)', () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(objs.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'gitlab-registry')).toBe(false);
  });

  it('the configure script only copies the certificate (the template names the driver)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-configure-'));
    try {
      const [secrets, rendered] = [join(dir, 'config'), join(dir, 'registry')];
      mkdirSync(secrets);
      mkdirSync(rendered);
      writeFileSync(join(secrets, 'certificate.crt'), 'CERT');
      const script = find(objs, 'ConfigMap', 'gitlab-registry').data.configure.replaceAll('/config/', `${secrets}/`).replaceAll('/registry/', `${rendered}/`);
      execFileSync('sh', ['-c', script], { stdio: 'pipe' });
      expect(readFileSync(join(rendered, 'certificate.crt'), 'utf8')).toBe('CERT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses more replicas, autoscaling and a redirect to a bucket it does not have', () => {
    const e = typedRefusal(withRegistry({ storage: 'emptyDir', replicas: 2, autoscaling: { minReplicas: 2, maxReplicas: 4 }, storageRedirect: { disable: false } }));
    expect([...new Set(e.issues.map((i) => i.path))].sort()).toEqual(['components.registry.autoscaling', 'components.registry.replicas', 'components.registry.storageRedirect']);
  });

  it('refuses another word for the storage', () => {
    const e = typedRefusal(withRegistry({ storage: 'tmpfs' as any }));
    expect(e.issues[0]).toMatchObject({ path: 'components.registry.storage' });
    expect(e.issues[0].allowed).toContain('"emptyDir"');
  });

  it.each(KUBERNETES_VERSIONS)('is schema-valid on Kubernetes %s', (version) => {
    expect(validateObjects(objs, version)).toEqual([]);
  });

  it('keeps every pod restricted', () => {
    expect(restrictedViolations(objs)).toEqual([]);
  });

  it('from values without registry.storage.secret and with MinIO off: the chart\'s filesystem storage', () => {
    const ours = imported('filesystem');
    const theirs = chartConfig('filesystem').storage;
    expect(configYml(ours).storage).toMatchObject({ filesystem: theirs.filesystem, cache: theirs.cache, delete: theirs.delete });
  });
});

describe('metrics', () => {
  const objs = synthPlatform(withRegistry({ ...base.components!.registry, metrics: true }));

  it('serves Prometheus on the debug port, with the Service port and scrape annotations the chart gives it', () => {
    const ours = imported('filesystem');
    const chart = chartRender('filesystem');
    expect(configYml(ours).http.debug.prometheus).toEqual(chartConfig('filesystem').http.debug.prometheus);
    const ports = (o: KubeObject[]) => find(o, 'Service', 'gitlab-registry').spec.ports.map((p: any) => [p.name, p.port]);
    expect(ports(ours)).toEqual(ports(chart));
    expect(find(ours, 'Deployment', 'gitlab-registry').spec.template.metadata.annotations)
      .toMatchObject(Object.fromEntries(Object.entries(find(chart, 'Deployment', 'gitlab-registry').spec.template.metadata.annotations).filter(([k]) => k.includes('prometheus'))));
  });

  it('lets Prometheus reach the debug port', () => {
    const p = podsOf(objs).find((x) => x.labels.app === 'registry')!;
    expect(allows(networkPolicies(objs), { from: { namespace: 'monitoring', labels: {} }, to: { namespace: p.namespace, labels: p.labels }, port: 5001 })).toBe(true);
    const q = podsOf(synthPlatform(base)).find((x) => x.labels.app === 'registry')!;
    expect(allows(networkPolicies(synthPlatform(base)), { from: { namespace: 'monitoring', labels: {} }, to: { namespace: q.namespace, labels: q.labels }, port: 5001 })).toBe(false);
  });
});
