import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { ComponentsConfig, fromHelmValues, GitLabPlatformProps } from '../../constructs';
import { resolveConfig } from '../../constructs/config/resolve';
import { externalSecrets } from '../../constructs/secrets/external';
import { secretReferences } from '../../constructs/secrets/references';
import { parseErbYaml } from '../support/erb';
import { productionProps } from '../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { allows, Endpoint, networkPolicies, podsOf } from '../support/network-policy';
import { restrictedViolations } from '../support/pod-security';
import { container, envOf, find, KubeObject, podSpec, synthPlatform, typedRefusal } from '../support/synth';
import { ignoredKeys, refusal } from '../values/helpers';
import { projectedFiles } from './rails/projection';

/**
 * The webservice's internal TLS: Puma serving HTTPS itself (`components.webservice.tls`, the chart's
 * `gitlab.webservice.tls`) and Workhorse serving TLS (`components.webservice.workhorseTls`, the chart's
 * `global.workhorse.tls.enabled` with `gitlab.webservice.workhorse.tls`), as the chart 9.9.1 renders them.
 */

const NAME = 'gitlab-webservice-default';
const withWeb = (webservice: ComponentsConfig['webservice'], rest: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps => {
  const base = productionProps(rest);
  return { ...base, components: { ...base.components, webservice } };
};
const deploymentOf = (objects: KubeObject[]) => find(objects, 'Deployment', NAME);
const serviceOf = (objects: KubeObject[]) => find(objects, 'Service', NAME);
const servicePorts = (objects: KubeObject[]) => serviceOf(objects).spec.ports.map((p: any) => `${p.name} ${p.port}->${p.targetPort}`);

const work = mkdtempSync(join(tmpdir(), 'gitlab-iac-webservice-tls-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a real values file with Puma TLS (corpus 40-onyeka) against the chart\'s render', () => {
  const corpus = join(__dirname, '..', 'fixtures', 'values', 'corpus');
  const values = parse(readFileSync(join(corpus, '40-onyeka.yaml'), 'utf8'));
  const chart = parseAllDocuments(gunzipSync(new Uint8Array(readFileSync(join(corpus, '40-onyeka.render.yaml.gz')))).toString('utf8'))
    .map((d) => d.toJSON()).filter(Boolean) as KubeObject[];
  const ours = synthPlatform(fromHelmValues(values, { onWarning: () => undefined }));
  const chartDeployment = find(chart, 'Deployment', NAME);
  const ourDeployment = deploymentOf(ours);

  const ports = (c: any) => (c.ports ?? []).map((p: any) => `${p.name} ${p.containerPort}`);
  const mounts = (c: any) => (c.volumeMounts ?? []).map((m: any) => `${m.mountPath}${m.subPath ? ` <- ${m.subPath}` : ''}`).sort();
  const probe = (p: any) => (p?.httpGet ? `GET ${p.httpGet.scheme ?? 'HTTP'} ${p.httpGet.port}${p.httpGet.path}` : p?.exec ? `exec ${p.exec.command.join(' ')}` : undefined);

  for (const name of ['webservice', 'gitlab-workhorse']) {
    it(`the ${name} container has the chart's ports, mounts and probes`, () => {
      const theirs = container(chartDeployment, name);
      const mine = container(ourDeployment, name);
      expect(ports(mine)).toEqual(ports(theirs));
      expect(mounts(mine)).toEqual(mounts(theirs));
      expect(probe(mine.livenessProbe)).toEqual(probe(theirs.livenessProbe));
      expect(probe(mine.readinessProbe)).toEqual(probe(theirs.readinessProbe));
    });
  }

  it('Puma gets the chart\'s HTTPS env: its TLS port and the certificate files it binds with', () => {
    const pick = (c: any) => Object.fromEntries(Object.entries(envOf(c)).filter(([k]) => /^(SSL_INTERNAL_PORT|PUMA_SSL_|INTERNAL_PORT)/.test(k)));
    expect(pick(container(ourDeployment, 'webservice'))).toEqual(pick(container(chartDeployment, 'webservice')));
    expect(pick(container(ourDeployment, 'webservice'))).toEqual({
      INTERNAL_PORT: '8080', SSL_INTERNAL_PORT: '8081', PUMA_SSL_KEY: '/srv/gitlab/config/puma.key', PUMA_SSL_CERT: '/srv/gitlab/config/puma.crt',
    });
  });

  it('the Service has the chart\'s ports: https-ws on 8081 and the metrics port named https', () => {
    expect(servicePorts(ours)).toEqual(servicePorts(chart));
    expect(servicePorts(ours)).toContain('https-ws 8081->https-ws');
    expect(servicePorts(ours)).toContain('https-metrics-ws 8083->http-metrics-ws');
  });

  it('projects the chart\'s certificate files from the Secret it names, and scrapes the exporter over https', () => {
    const files = projectedFiles(ourDeployment, 'init-webservice-secrets');
    for (const path of ['puma/puma.crt', 'puma/puma.key', 'webservice-metrics/webservice-metrics.crt', 'webservice-metrics/webservice-metrics.key']) {
      expect(files[path], path).toBe(projectedFiles(chartDeployment, 'init-webservice-secrets')[path]);
    }
    const annotations = ourDeployment.spec.template.metadata.annotations;
    expect(annotations['prometheus.io/scheme']).toBe('https');
    expect(annotations['gitlab.com/prometheus_scheme']).toBe('https');
  });

  it('the metrics exporter serves TLS from the copied certificate (gitlab.yml web_exporter)', () => {
    const { doc } = parseErbYaml(find(ours, 'ConfigMap', 'gitlab-webservice').data['gitlab.yml.erb']);
    expect(doc.production.monitoring.web_exporter).toMatchObject({
      enabled: true, port: 8083, tls_enabled: true,
      tls_cert_path: '/etc/gitlab/webservice-metrics/webservice-metrics.crt', tls_key_path: '/etc/gitlab/webservice-metrics/webservice-metrics.key',
    });
  });

  it('is strictly valid on every supported Kubernetes and restricted', () => {
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(ours, version, VENDORED_CRDS), version).toEqual([]);
    expect(restrictedViolations(ours)).toEqual([]);
  });
});

describe('components.webservice.tls: Puma serving HTTPS', () => {
  const objects = synthPlatform(withWeb({ tls: {} }));
  const web = deploymentOf(objects);

  it('defaults to the chart\'s Secret <release>-webservice-tls for Puma and its exporter', () => {
    const files = projectedFiles(web, 'init-webservice-secrets');
    expect(files['puma/puma.crt']).toBe('gitlab-webservice-tls/tls.crt');
    expect(files['webservice-metrics/webservice-metrics.key']).toBe('gitlab-webservice-tls/tls.key');
  });

  it('the configure script copies the certificates where Puma and the exporter read them (run with sh)', () => {
    const script = find(objects, 'ConfigMap', 'gitlab-webservice').data.configure as string;
    const root = join(work, 'puma');
    const config = join(root, 'init-config');
    const secrets = join(root, 'init-secrets');
    for (const [path] of Object.entries(projectedFiles(web, 'init-webservice-secrets'))) {
      mkdirSync(join(config, path, '..'), { recursive: true });
      writeFileSync(join(config, path), path);
    }
    execFileSync('sh', ['-c', script.replaceAll('/init-config', config).replaceAll('/init-secrets', secrets)], { stdio: 'pipe' });
    // Puma's mounts are subPaths of the copied secrets volume (mounted at /etc/gitlab).
    for (const m of container(web, 'webservice').volumeMounts.filter((x: any) => x.subPath?.startsWith('puma/'))) {
      expect(existsSync(join(secrets, m.subPath)), m.subPath).toBe(true);
    }
    expect(existsSync(join(secrets, 'webservice-metrics/webservice-metrics.crt'))).toBe(true);
  });

  it('metrics: false leaves the exporter on plain HTTP; metricsSecretName gives it its own Secret', () => {
    const plain = synthPlatform(withWeb({ tls: { secretName: 'puma-cert', metrics: false } }));
    expect(Object.keys(projectedFiles(deploymentOf(plain), 'init-webservice-secrets')).filter((p) => p.startsWith('webservice-metrics/'))).toEqual([]);
    expect(servicePorts(plain)).toContain('http-metrics-ws 8083->http-metrics-ws');
    expect(deploymentOf(plain).spec.template.metadata.annotations['prometheus.io/scheme']).toBeUndefined();
    const own = projectedFiles(deploymentOf(synthPlatform(withWeb({ tls: { metricsSecretName: 'metrics-cert' } }))), 'init-webservice-secrets');
    expect(own['webservice-metrics/webservice-metrics.crt']).toBe('metrics-cert/tls.crt');
    expect(own['puma/puma.crt']).toBe('gitlab-webservice-tls/tls.crt');
  });

  it('a ServiceMonitor scrapes the renamed Service port over https', () => {
    const monitored = synthPlatform(withWeb({ tls: {} }, { monitoring: { webservice: {} } }));
    expect(find(monitored, 'ServiceMonitor', 'gitlab-webservice').spec.endpoints[0]).toMatchObject({ port: 'https-metrics-ws', scheme: 'https' });
  });

  it('gitlab-iac secrets lists the certificate as a kubernetes.io/tls Secret to fill in', () => {
    const props = withWeb({ tls: { secretName: 'puma-cert' } });
    const skeleton = externalSecrets(secretReferences(synthPlatform(props)), resolveConfig(props), new Set()).find((e) => e.manifest.metadata.name === 'puma-cert');
    expect(skeleton?.manifest.type).toBe('kubernetes.io/tls');
    expect(Object.keys(skeleton!.manifest.stringData!).sort()).toEqual(['tls.crt', 'tls.key']);
    expect(skeleton!.hint).toContain('of an in-cluster server, naming its Service');
  });

  it('a NodePort or LoadBalancer Service opens the HTTPS port to outside clients too', () => {
    const objs = synthPlatform(withWeb({ tls: {}, service: { type: 'LoadBalancer' } }));
    const pod = podsOf(objs).find((p) => p.labels.app === 'webservice')!;
    expect(allows(networkPolicies(objs), { from: { ip: '203.0.113.7' }, to: { namespace: pod.namespace, labels: pod.labels }, port: 8081 })).toBe(true);
  });
});

describe('components.webservice.workhorseTls: Workhorse serving TLS', () => {
  const objects = synthPlatform(withWeb({ workhorseTls: { verify: true, caSecretName: 'workhorse-ca' } }, { monitoring: { workhorse: {} } }));
  const web = deploymentOf(objects);
  const workhorseConfig = find(objects, 'ConfigMap', 'gitlab-workhorse-default').data;

  it('Workhorse\'s listener (and its metrics listener) serve the certificate copied from <release>-workhorse-tls', () => {
    const toml = workhorseConfig['workhorse-config.toml.tpl'] as string;
    expect(toml).toContain('[[listeners]]\nnetwork = "tcp"\naddr = ":8181"\n[listeners.tls]\ncertificate = "/etc/gitlab/gitlab-workhorse/tls.crt"\nkey = "/etc/gitlab/gitlab-workhorse/tls.key"');
    expect(toml).toContain('[metrics_listener.tls]');
    const files = projectedFiles(web, 'init-webservice-secrets');
    expect(files['gitlab-workhorse/tls.crt']).toBe('gitlab-workhorse-tls/tls.crt');
    expect(files['gitlab-workhorse/tls.key']).toBe('gitlab-workhorse-tls/tls.key');
  });

  it('Workhorse\'s configure script copies the pair to the files its config names (run with sh)', () => {
    const root = join(work, 'workhorse');
    const config = join(root, 'init-config');
    const secrets = join(root, 'init-secrets-workhorse');
    for (const path of Object.keys(projectedFiles(web, 'init-webservice-secrets'))) {
      mkdirSync(join(config, path, '..'), { recursive: true });
      writeFileSync(join(config, path), path);
    }
    execFileSync('sh', ['-c', (workhorseConfig.configure as string).replaceAll('/init-config', config).replaceAll('/init-secrets-workhorse', secrets)], { stdio: 'pipe' });
    expect(readFileSync(join(secrets, 'gitlab-workhorse/tls.crt'), 'utf8')).toBe('gitlab-workhorse/tls.crt');
    expect(readFileSync(join(secrets, 'gitlab-workhorse/tls.key'), 'utf8')).toBe('gitlab-workhorse/tls.key');
  });

  it('the Service names the Workhorse ports https (targets unchanged), as the chart does', () => {
    expect(servicePorts(objects)).toEqual(expect.arrayContaining(['https-workhorse 8181->http-workhorse', 'https-metrics-wh 9229->http-metrics-wh']));
    expect(find(objects, 'ServiceMonitor', 'gitlab-webservice-workhorse').spec.endpoints[0]).toMatchObject({ port: 'https-metrics-wh', scheme: 'https' });
  });

  it('NGINX speaks HTTPS to Workhorse and verifies it against the Service name with the CA Secret', () => {
    expect(find(objects, 'Ingress', NAME).metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      'nginx.ingress.kubernetes.io/proxy-ssl-verify': 'on',
      'nginx.ingress.kubernetes.io/proxy-ssl-name': 'gitlab-webservice-default.gitlab.svc',
      'nginx.ingress.kubernetes.io/proxy-ssl-secret': 'gitlab/workhorse-ca',
    });
    const unverified = find(synthPlatform(withWeb({ workhorseTls: {} })), 'Ingress', NAME).metadata.annotations ?? {};
    expect(unverified['nginx.ingress.kubernetes.io/backend-protocol']).toBe('HTTPS');
    expect(unverified['nginx.ingress.kubernetes.io/proxy-ssl-verify']).toBeUndefined();
  });

  it('an ALB speaks and health-checks HTTPS to Workhorse', () => {
    const alb = synthPlatform(withWeb({ workhorseTls: {} }, { ingress: { provider: 'alb', tls: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } } }));
    expect(find(alb, 'Ingress', NAME).metadata.annotations).toMatchObject({
      'alb.ingress.kubernetes.io/backend-protocol': 'HTTPS', 'alb.ingress.kubernetes.io/healthcheck-protocol': 'HTTPS',
    });
  });

  it('every in-cluster client calls Workhorse over https and trusts its certificate and CA', () => {
    const url = 'https://gitlab-webservice-default.gitlab.svc:8181';
    expect(find(objects, 'ConfigMap', 'gitlab-gitlab-shell').data['config.yml.tpl'] ?? JSON.stringify(find(objects, 'ConfigMap', 'gitlab-gitlab-shell').data)).toContain(url);
    expect(JSON.stringify(find(objects, 'ConfigMap', 'gitlab-gitaly').data)).toContain(url);
    expect(JSON.stringify(objects.filter((o) => o.kind === 'ConfigMap')).includes('http://gitlab-webservice-default.gitlab.svc:8181')).toBe(false);
    for (const workload of ['gitlab-gitlab-shell', 'gitlab-sidekiq-all-in-1-v2']) {
      const ca = podSpec(find(objects, 'Deployment', workload)).volumes.find((v: any) => v.name === 'custom-ca-certificates');
      const items = ca.projected.sources.map((s: any) => `${s.secret.name}/${s.secret.items[0].key}`);
      expect(items, workload).toEqual(expect.arrayContaining(['gitlab-workhorse-tls/tls.crt', 'workhorse-ca/ca.crt']));
    }
    expect(podSpec(find(objects, 'StatefulSet', 'gitlab-gitaly')).volumes.some((v: any) => v.name === 'custom-ca-certificates')).toBe(true);
  });

  it('the Ingress controller and the clients still reach Workhorse through the NetworkPolicies', () => {
    const policies = networkPolicies(objects);
    const pods = podsOf(objects);
    const at = (app: string): Endpoint => { const p = pods.find((x) => x.labels.app === app)!; return { namespace: p.namespace, labels: p.labels }; };
    const controller: Endpoint = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
    expect(allows(policies, { from: controller, to: at('webservice'), port: 8181 })).toBe(true);
    for (const client of ['gitlab-shell', 'gitaly']) expect(allows(policies, { from: at(client), to: at('webservice'), port: 8181 }), client).toBe(true);
  });

  it('gitlab-iac secrets lists the Workhorse pair as kubernetes.io/tls and the CA Secret with its ca.crt', () => {
    const props = withWeb({ workhorseTls: { verify: true, caSecretName: 'workhorse-ca' } });
    const skeletons = externalSecrets(secretReferences(synthPlatform(props)), resolveConfig(props), new Set());
    const byName = (n: string) => skeletons.find((e) => e.manifest.metadata.name === n)!.manifest;
    expect(byName('gitlab-workhorse-tls').type).toBe('kubernetes.io/tls');
    expect(Object.keys(byName('gitlab-workhorse-tls').stringData!).sort()).toEqual(['tls.crt', 'tls.key']);
    expect(Object.keys(byName('workhorse-ca').stringData!)).toEqual(['ca.crt']);
  });

  it('is strictly valid on every supported Kubernetes and restricted', () => {
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(objects, version, VENDORED_CRDS), version).toEqual([]);
    expect(restrictedViolations(objects)).toEqual([]);
  });
});

describe('the values import of the chart\'s internal TLS keys', () => {
  const base = { global: { hosts: { domain: 'example.com' }, ingress: { configureCertmanager: false, tls: { secretName: 'gitlab-tls' } } } };
  const merge = (extra: Record<string, any>) => ({ ...base, ...extra, global: { ...base.global, ...extra.global } });

  it('maps gitlab.webservice.tls, metrics.tls, global.workhorse.tls and gitlab.webservice.workhorse.tls', () => {
    const props = fromHelmValues(merge({
      global: { workhorse: { tls: { enabled: true } } },
      gitlab: { webservice: { tls: { enabled: true, secretName: 'puma' }, metrics: { tls: { secretName: 'metrics' } }, workhorse: { tls: { verify: true, secretName: 'wh', caSecretName: 'wh-ca' } } } },
    }), { onWarning: () => undefined });
    expect(props.components?.webservice?.tls).toEqual({ secretName: 'puma', metricsSecretName: 'metrics' });
    expect(props.components?.webservice?.workhorseTls).toEqual({ secretName: 'wh', verify: true, caSecretName: 'wh-ca' });
  });

  it('Puma without its HTTP port is refused: Workhorse reaches Puma over HTTP on localhost', () => {
    const e = refusal(merge({ gitlab: { webservice: { http: { enabled: false }, tls: { enabled: true } } } }));
    expect(e.issues.map((i) => i.path)).toEqual(['gitlab.webservice.http.enabled']);
    expect(e.message).toMatch(/localhost:8080/);
  });

  it('another Puma HTTPS port is refused: its clients, probes and NetworkPolicies name 8081', () => {
    const e = refusal(merge({ gitlab: { webservice: { tls: { enabled: true }, service: { tls: { internalPort: 9443, externalPort: 8081 } } } } }));
    expect(e.issues).toEqual([expect.objectContaining({ path: 'gitlab.webservice.service.tls.internalPort', fix: 'remove the key' })]);
  });

  it('TLS on a metrics listener without its server\'s TLS is refused, naming the switch to turn on', () => {
    const e = refusal(merge({ gitlab: { webservice: { metrics: { tls: { enabled: true } }, workhorse: { monitoring: { exporter: { tls: { enabled: true } } } } } } }));
    expect(e.issues.map((i) => i.path).sort()).toEqual(['gitlab.webservice.metrics.tls.enabled', 'gitlab.webservice.workhorse.monitoring.exporter.tls.enabled']);
    expect(e.message).toMatch(/gitlab\.webservice\.tls\.enabled: true/);
    expect(e.message).toMatch(/global\.workhorse\.tls\.enabled: true/);
  });

  it('Secret names under a switch that is off are ignored with a warning, as the chart ignores them', () => {
    expect(ignoredKeys(merge({ gitlab: { webservice: { tls: { secretName: 'x' }, workhorse: { tls: { caSecretName: 'y' } } } } })).filter((k) => k.startsWith('gitlab.webservice')).sort())
      .toEqual(['gitlab.webservice.tls.secretName', 'gitlab.webservice.workhorse.tls.caSecretName']);
  });
});

describe('bad internal TLS settings are refused with the setting, the value and the fix', () => {
  it('a CA without verify, a metrics Secret without metrics TLS, a bad Secret name', () => {
    const e = typedRefusal(withWeb({ tls: { metrics: false, metricsSecretName: 'm' }, workhorseTls: { caSecretName: 'ca', secretName: 'Bad_Name' } }));
    const byPath = Object.fromEntries(e.issues.map((i) => [i.path, i]));
    expect(Object.keys(byPath).sort()).toEqual([
      'components.webservice.tls.metricsSecretName', 'components.webservice.workhorseTls.secretName',
    ]);
    expect(byPath['components.webservice.workhorseTls.secretName'].value).toContain('Bad_Name');
  });

  it('a CA without verify is refused once the shapes are right', () => {
    const e = typedRefusal(withWeb({ workhorseTls: { caSecretName: 'ca' } }));
    expect(e.issues).toEqual([expect.objectContaining({ path: 'components.webservice.workhorseTls.caSecretName', fix: expect.stringContaining('verify: true') })]);
  });

  it('Workhorse TLS behind a Gateway is refused: the Gateway would need a BackendTLSPolicy', () => {
    const e = typedRefusal(withWeb({ workhorseTls: {} }, { ingress: { provider: 'gateway-api', gatewayApi: { gateway: { name: 'gw' } } } }));
    expect(e.issues).toEqual([expect.objectContaining({ path: 'components.webservice.workhorseTls', allowed: expect.stringContaining('BackendTLSPolicy') })]);
  });

  it('an unknown setting is named with the known ones', () => {
    const e = typedRefusal(withWeb({ tls: { secret: 'x' } as never }));
    expect(e.issues[0]).toMatchObject({ path: 'components.webservice.tls.secret', allowed: expect.stringContaining('secretName') });
  });
});
