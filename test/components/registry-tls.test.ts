import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { fromHelmValues, GitLabPlatformProps, RegistryOptions } from '../../constructs';
import { runCli } from '../cli/run';
import { productionProps } from '../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { allows, networkPolicies, podsOf } from '../support/network-policy';
import { restrictedViolations } from '../support/pod-security';
import { container, find, KubeObject, podSpec, synthPlatform, typedRefusal } from '../support/synth';
import { withPlaceholders } from '../support/templates';
import { refusal } from '../values/helpers';

/**
 * The registry serving TLS itself (`components.registry.tls`, the chart's `registry.tls.*` and
 * `global.registry.tls.secretName`): what the registry serves, what its clients (NGINX, an ALB, Rails) call it with,
 * the Secrets `gitlab-iac secrets` asks for, and the values import, against the chart's renders.
 */
const base = productionProps();
const withRegistry = (registry: Partial<RegistryOptions>, over: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps =>
  productionProps({ components: { ...base.components, registry: { ...base.components!.registry, ...registry } }, ...over });
const docs = (text: string) => parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean) as KubeObject[];
const configYml = (objs: KubeObject[]) => parse(withPlaceholders(find(objs, 'ConfigMap', 'gitlab-registry').data['config.yml.tpl'], 'gomplate', () => '"x"'));
const registryContainer = (objs: KubeObject[]) => container(find(objs, 'Deployment', 'gitlab-registry'), 'registry');
const projected = (objs: KubeObject[]) => podSpec(find(objs, 'Deployment', 'gitlab-registry')).volumes.find((v: any) => v.name === 'registry-secrets').projected.sources;
const annotationsOf = (objs: KubeObject[], name = 'gitlab-registry'): Record<string, string> => find(objs, 'Ingress', name).metadata.annotations ?? {};
const railsApiUrl = (objs: KubeObject[]) => /api_url: (\S+)/.exec(find(objs, 'ConfigMap', 'gitlab-webservice').data['gitlab.yml.erb'])?.[1];
const fixtures = join(__dirname, '../fixtures/values');
const chartTls = docs(readFileSync(join(fixtures, 'registry/tls.render.yaml'), 'utf8'));
const importTls = () => synthPlatform(fromHelmValues(parse(readFileSync(join(fixtures, 'registry/tls.yaml'), 'utf8'))));
const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-registry-tls-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('components.registry.tls', () => {
  const objs = synthPlatform(withRegistry({ tls: { caSecretName: 'registry-tls-ca' } }));
  const plain = synthPlatform(base);

  it('serves HTTPS on 5000 with the key pair the configure step copies next to config.yml, TLS 1.2 at least', () => {
    expect(configYml(objs).http.tls).toEqual({
      certificate: '/etc/docker/registry/tls/tls.crt', key: '/etc/docker/registry/tls/tls.key', minimumTLS: 'tls1.2',
    });
    expect(configYml(plain).http.tls).toBeUndefined();
    expect(projected(objs)).toContainEqual({ secret: { name: 'gitlab-registry-tls', items: [{ key: 'tls.crt', path: 'tls/tls.crt' }, { key: 'tls.key', path: 'tls/tls.key' }] } });
    const script = find(objs, 'ConfigMap', 'gitlab-registry').data.configure;
    expect(script).toContain('cat "/config/tls/tls.key" > "/registry/tls/tls.key"');
    expect(script).toContain('chmod 600 "/registry/tls/"*');
    expect(find(plain, 'ConfigMap', 'gitlab-registry').data.configure).not.toContain('tls');
  });

  it('names the port https (container and Service) and keeps the probes on the plain-HTTP debug port', () => {
    expect(registryContainer(objs).ports).toEqual([{ name: 'https', containerPort: 5000 }, { name: 'debug', containerPort: 5001 }]);
    expect(find(objs, 'Service', 'gitlab-registry').spec.ports).toEqual([{ name: 'https-registry', port: 5000, targetPort: 'https', protocol: 'TCP' }]);
    expect(registryContainer(objs).readinessProbe.httpGet).toEqual(registryContainer(plain).readinessProbe.httpGet);
    expect(registryContainer(objs).livenessProbe.httpGet.port).toBe('debug');
  });

  it('Rails calls the registry API over HTTPS at its Service name (the name the certificate must carry)', () => {
    expect(railsApiUrl(objs)).toBe('https://gitlab-registry.gitlab.svc:5000');
    expect(railsApiUrl(plain)).toBe('http://gitlab-registry.gitlab.svc:5000');
  });

  it('NGINX proxies over HTTPS and verifies the certificate against the Service name with the CA Secret', () => {
    const a = annotationsOf(objs);
    expect(a).toMatchObject({
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      'nginx.ingress.kubernetes.io/proxy-ssl-verify': 'on',
      'nginx.ingress.kubernetes.io/proxy-ssl-name': 'gitlab-registry.gitlab.svc',
      'nginx.ingress.kubernetes.io/proxy-ssl-secret': 'gitlab/registry-tls-ca',
      'nginx.ingress.kubernetes.io/proxy-body-size': '0',
    });
    const unverified = annotationsOf(synthPlatform(withRegistry({ tls: { verify: false } })));
    expect(unverified['nginx.ingress.kubernetes.io/backend-protocol']).toBe('HTTPS');
    expect(Object.keys(unverified).filter((k) => k.includes('proxy-ssl'))).toEqual([]);
    expect(Object.keys(annotationsOf(plain)).filter((k) => k.includes('backend-protocol') || k.includes('proxy-ssl'))).toEqual([]);
  });

  it('an ALB speaks and health-checks HTTPS to the registry pods only', () => {
    const alb = { provider: 'alb' as const, tls: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } };
    const o = synthPlatform(withRegistry({ tls: {} }, { ingress: alb }));
    expect(annotationsOf(o)).toMatchObject({
      'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS', 'alb.ingress.kubernetes.io/healthcheck-protocol': 'HTTPS',
    });
    expect(annotationsOf(o, 'gitlab-webservice-default')['alb.ingress.kubernetes.io/backend-protocol']).toBe('HTTP');
  });

  it('writes client CAs, cipher suites and the minimum version into http.tls', () => {
    const o = synthPlatform(withRegistry({ tls: { secretName: 'my-tls', clientCAs: ['/etc/ca.crt'], cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], minimumTLS: 'tls1.3' } }));
    expect(configYml(o).http.tls).toEqual({
      certificate: '/etc/docker/registry/tls/tls.crt', key: '/etc/docker/registry/tls/tls.key', clientCAs: ['/etc/ca.crt'],
      ciphersuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'], minimumTLS: 'tls1.3',
    });
    expect(projected(o).some((s: any) => s.secret?.name === 'my-tls')).toBe(true);
  });

  it('the ingress controller and the Rails pods still reach the registry on 5000, nobody else', () => {
    const policies = networkPolicies(objs);
    const pods = new Map(podsOf(objs).map((p) => [p.labels.app, { namespace: p.namespace, labels: p.labels }]));
    const registry = pods.get('registry')!;
    expect(allows(policies, { from: { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }, to: registry, port: 5000 })).toBe(true);
    for (const rails of ['webservice', 'sidekiq', 'toolbox']) expect(allows(policies, { from: pods.get(rails)!, to: registry, port: 5000 }), rails).toBe(true);
    expect(allows(policies, { from: pods.get('gitaly')!, to: registry, port: 5000 })).toBe(false);
  });

  it('is strictly valid on every supported Kubernetes and restricted', () => {
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(objs, version, VENDORED_CRDS), version).toEqual([]);
    expect(restrictedViolations(objs)).toEqual([]);
  });

  it('`gitlab-iac secrets` asks for the key pair as a kubernetes.io/tls Secret and for the CA NGINX verifies with', async () => {
    const file = join(work, 'tls.yaml');
    writeFileSync(file, readFileSync(join(fixtures, 'registry/tls.yaml'), 'utf8'));
    const run = await runCli('secrets', '--namespace', 'gitlab', '--values', file);
    expect(run.code, run.stderr).toBe(0);
    const secrets = docs(run.stdout);
    expect(find(secrets, 'Secret', 'global-registry-tls')).toMatchObject({
      type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'REPLACE-ME-PEM-certificate-chain', 'tls.key': 'REPLACE-ME-PEM-private-key' },
    });
    expect(find(secrets, 'Secret', 'registry-tls-ca')).toMatchObject({ stringData: { 'ca.crt': 'REPLACE-ME-PEM-CA-certificate' } });
  });
});

describe('bad settings: one error each, with the path, the value and the fix', () => {
  it.each([
    [{ minimumTLS: 'tls9' }, 'components.registry.tls.minimumTLS', '"tls1.2" | "tls1.3"'],
    [{ cipherSuites: ['aes128'] }, 'components.registry.tls.cipherSuites[0]', 'Go cipher suite name'],
    [{ clientCAs: ['ca.crt'] }, 'components.registry.tls.clientCAs[0]', 'absolute path'],
    [{ secretName: 'My_TLS' }, 'components.registry.tls.secretName', 'Kubernetes Secret name'],
    [{ verify: false, caSecretName: 'ca' }, 'components.registry.tls.caSecretName', 'only while verify is true'],
    [{ verify: true }, 'components.registry.tls.verify', 'ingress-nginx ignores proxy-ssl-verify without a CA Secret'],
  ] as const)('%j is refused at its path', (tls, path, allowed) => {
    const e = typedRefusal(withRegistry({ tls: tls as any }));
    expect(e.issues.map((i) => i.path)).toEqual([path]);
    expect(e.message).toContain(allowed);
  });

  it('a CA Secret for NGINX is refused when no NGINX Ingress reads it', () => {
    const alb = { provider: 'alb' as const, tls: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } };
    const e = typedRefusal(withRegistry({ tls: { caSecretName: 'ca' } }, { ingress: alb }));
    expect(e.issues.map((i) => i.path)).toEqual(['components.registry.tls.caSecretName']);
  });

  it('the Gateway API cannot route to an HTTPS registry: refused with what to do', () => {
    const e = typedRefusal(withRegistry({ tls: {} }, { ingress: { provider: 'gateway-api', gatewayApi: { gateway: { name: 'gw' } } } as any }));
    expect(e.issues.map((i) => i.path)).toEqual(['components.registry.tls']);
    expect(e.message).toContain('gateway-api');
  });
});

describe('values import', () => {
  const objs = importTls();
  const chartDeployment = find(chartTls, 'Deployment', 'gitlab-registry');
  const chartRegistry = container(chartDeployment, 'registry');
  const chartConfig = parse(withPlaceholders(find(chartTls, 'ConfigMap', 'gitlab-registry').data['config.yml.tpl'], 'gomplate', () => '"x"'));

  it('registry.tls.* renders the chart\'s http.tls, ports, TLS Secret items, Service port and NGINX annotations', () => {
    expect(configYml(objs).http.tls).toEqual(chartConfig.http.tls);
    expect(registryContainer(objs).ports).toEqual(chartRegistry.ports);
    const tlsSource = (sources: any[]) => sources.find((s) => s.secret?.name === 'global-registry-tls');
    const chartSources = podSpec(chartDeployment).volumes.find((v: any) => v.name === 'registry-secrets').projected.sources;
    expect(tlsSource(projected(objs))).toEqual(tlsSource(chartSources));
    expect(find(objs, 'Service', 'gitlab-registry').spec.ports).toEqual(find(chartTls, 'Service', 'gitlab-registry').spec.ports);
    const ours = annotationsOf(objs);
    const chart = annotationsOf(chartTls);
    for (const key of Object.keys(chart).filter((k) => /backend-protocol|proxy-ssl/.test(k))) {
      // ingress-nginx reads the protocol case-insensitively; the chart writes `https`.
      expect(String(ours[key]).toLowerCase(), key).toBe(String(chart[key]).toLowerCase());
    }
    expect(railsApiUrl(objs)).toBe('https://gitlab-registry.gitlab.svc:5000');
  });

  it('says NGINX verifies nothing without registry.tls.caSecretName (ingress-nginx ignores proxy-ssl-verify then)', () => {
    const values = parse(readFileSync(join(fixtures, 'registry/tls.yaml'), 'utf8'));
    delete values.registry.tls.caSecretName;
    const warnings: string[] = [];
    const o = synthPlatform(fromHelmValues(values, { onWarning: (w) => warnings.push(w) }));
    expect(warnings.join('\n')).toContain('NGINX will not verify the registry\'s certificate');
    expect(Object.keys(annotationsOf(o)).filter((k) => k.includes('proxy-ssl'))).toEqual([]);
    expect(annotationsOf(o)['nginx.ingress.kubernetes.io/backend-protocol']).toBe('HTTPS');
  });

  it('refuses registry.tls.enabled without global.hosts.registry.protocol: https, as the chart does', () => {
    const values = parse(readFileSync(join(fixtures, 'registry/tls.yaml'), 'utf8'));
    delete values.global.hosts.registry;
    const e = refusal(values);
    expect(e.issues.map((i) => i.path)).toEqual(['global.hosts.registry.protocol']);
    expect(e.message).toContain('set global.hosts.registry.protocol: https');
  });

  it('refuses an https registry API scheme while the registry serves plain HTTP', () => {
    const values = parse(readFileSync(join(fixtures, 'registry/tls.yaml'), 'utf8'));
    delete values.registry.tls;
    const e = refusal(values);
    expect(e.issues.map((i) => i.path)).toEqual(['global.hosts.registry.protocol']);
  });

  it('a bad registry.tls value is refused at its chart key', () => {
    const values = parse(readFileSync(join(fixtures, 'registry/tls.yaml'), 'utf8'));
    values.registry.tls.minimumTLS = 'ssl3';
    expect(refusal(values).issues.map((i) => i.path)).toEqual(['registry.tls.minimumTLS']);
  });
});

describe('the corpus file 21-id-ru-nfs-external (global.registry.tls.enabled, which chart 9.9.1 does not read)', () => {
  const corpus = join(fixtures, 'corpus');
  const render = docs(gunzipSync(new Uint8Array(readFileSync(join(corpus, '21-id-ru-nfs-external.render.yaml.gz')))).toString('utf8'));
  let run: { code: number; stderr: string };
  let objs: KubeObject[] = [];
  const synth = async () => {
    if (run) return;
    const out = join(work, '21');
    run = await runCli('synth', '--values', join(corpus, '21-id-ru-nfs-external.yaml'), '--out', out);
    if (run.code === 0) objs = docs(readFileSync(join(out, 'gitlab.k8s.yaml'), 'utf8'));
  };

  it('synthesizes, saying that global.registry.tls does nothing and what would', async () => {
    await synth();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('warning: global.registry.tls.enabled: ignored');
    expect(run.stderr).toContain('set registry.tls.enabled: true and global.hosts.registry.protocol: https');
    expect(run.stderr).toContain('warning: global.registry.tls.secretName: ignored');
  });

  it('the registry container\'s ports, mounts and probes and the Service ports match the chart\'s render', async () => {
    await synth();
    const ours = registryContainer(objs);
    const chart = container(find(render, 'Deployment', 'gitlab-registry'), 'registry');
    expect(ours.ports).toEqual(chart.ports);
    const mounts = (c: any) => c.volumeMounts.map((m: any) => ({ name: m.name, mountPath: m.mountPath, readOnly: m.readOnly ?? false }));
    expect(mounts(ours)).toEqual(mounts(chart));
    for (const probe of ['livenessProbe', 'readinessProbe']) {
      expect({ scheme: 'HTTP', ...ours[probe].httpGet }, probe).toEqual(chart[probe].httpGet);
    }
    expect(find(objs, 'Service', 'gitlab-registry').spec.ports).toEqual(find(render, 'Service', 'gitlab-registry').spec.ports);
    expect(railsApiUrl(objs)).toBe('http://gitlab-registry.gitlab.svc:5000');
  });
});
