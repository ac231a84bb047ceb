import { Testing } from 'cdk8s';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitLabPlatform } from '../../../constructs';
import { checksum } from '../../../constructs/lib/checksum';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { withPlaceholders } from '../../support/templates';

const base = productionProps();
const objects = synthPlatform(base);
const registryObjects = (objs: KubeObject[]) => objs.filter((o) => o.metadata.labels?.app === 'registry');
const deploymentOf = (objs = objects) => find(objs, 'Deployment', 'gitlab-registry');
const registry = (objs = objects) => container(deploymentOf(objs), 'registry');
const configure = (objs = objects) => container(deploymentOf(objs), 'configure');
const configMap = (objs = objects) => find(objs, 'ConfigMap', 'gitlab-registry');
const volume = (name: string, objs = objects) => podSpec(deploymentOf(objs)).volumes.find((v: any) => v.name === name);
/** config.yml as the entrypoint renders it, with the HTTP secret read from the file. */
const configYml = (objs = objects) => parse(withPlaceholders(configMap(objs).data['config.yml.tpl'], 'gomplate', () => '"http-secret"'));

describe('registry Deployment', () => {
  it('runs the pinned container registry image without command or args', () => {
    expect(registry().image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-container-registry:v4.37.0-gitlab');
    expect(registry().command).toBeUndefined();
    expect(registry().args).toBeUndefined();
  });

  it('serves the API on 5000 (http) and health and metrics on 5001 (debug)', () => {
    expect(registry().ports).toEqual([{ name: 'http', containerPort: 5000 }, { name: 'debug', containerPort: 5001 }]);
    expect(configYml().http.addr).toBe(':5000');
    expect(configYml().http.debug.addr).toBe(':5001');
  });

  it('is checked on /debug/health of the debug port', () => {
    expect(registry().livenessProbe).toEqual({ httpGet: { path: '/debug/health', port: 'debug' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
    expect(registry().readinessProbe).toEqual({ httpGet: { path: '/debug/health', port: 'debug' }, initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 3 });
  });

  it('waits 5 s before stopping so that traffic drains first', () => {
    expect(registry().lifecycle).toEqual({ preStop: { exec: { command: ['/bin/bash', '-c', 'sleep 5'] } } });
    expect(podSpec(deploymentOf()).terminationGracePeriodSeconds).toBe(60);
    expect(deploymentOf().spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: 0 } });
  });

  it('reads the rendered config, read-only, from /etc/docker/registry', () => {
    expect(mountsOf(registry())).toEqual({
      '/etc/docker/registry/': 'registry-server-config',
      '/etc/ssl/certs/': 'etc-ssl-certs',
      '/etc/pki/ca-trust/extracted/pem': 'etc-pki-ca-trust-extracted-pem',
    });
    expect(registry().volumeMounts[0].readOnly).toBe(true);
    expect(volume('registry-server-config')).toEqual({ name: 'registry-server-config', emptyDir: { medium: 'Memory' } });
  });

  it('sets TZ and the Go TLS setting', () => {
    expect(envOf(registry())).toEqual({ TZ: 'UTC', GODEBUG: 'tlsmlkem=0,tlskyber=0' });
  });

  it('leaves the replica count to its HPA: 2 to 10 pods at 75% CPU utilization', () => {
    expect(deploymentOf().spec.replicas).toBeUndefined();
    expect(find(objects, 'HorizontalPodAutoscaler', 'gitlab-registry').spec).toMatchObject({
      scaleTargetRef: { kind: 'Deployment', name: 'gitlab-registry' }, minReplicas: 2, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }],
    });
  });

  it('names its PodDisruptionBudget <release>-registry (not the chart’s -v1)', () => {
    expect(find(objects, 'PodDisruptionBudget', 'gitlab-registry').spec)
      .toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'registry', release: 'gitlab' } } });
    expect(objects.some((o) => o.metadata.name === 'gitlab-registry-v1')).toBe(false);
  });

  it('requests the chart defaults (50m CPU, 32Mi memory)', () => {
    expect(registry().resources).toEqual({ requests: { cpu: '50m', memory: '32Mi' } });
  });
});

describe('registry configure step', () => {
  it('passes args to the gitlab-base entrypoint, which renders the template before running them', () => {
    const c = configure();
    expect(c.image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-base:v18.9.1');
    expect(c.command).toBeUndefined();
    expect(c.args).toEqual(['sh', '/config/configure']);
    expect(envOf(c)).toEqual({ TZ: 'UTC', CONFIG_TEMPLATE_DIRECTORY: '/templates', CONFIG_DIRECTORY: '/registry' });
  });

  it('sees only config.yml.tpl as a template, the secrets and script under /config, and writes /registry', () => {
    expect(mountsOf(configure())).toEqual({ '/config': 'registry-secrets', '/templates': 'registry-server-config-templates', '/registry': 'registry-server-config' });
    expect(volume('registry-server-config-templates')).toEqual({
      name: 'registry-server-config-templates', configMap: { name: 'gitlab-registry', items: [{ key: 'config.yml.tpl', path: 'config.yml.tpl' }] },
    });
  });

  it('projects the script, the token certificate, the HTTP secret and the storage driver Secret', () => {
    expect(volume('registry-secrets').projected).toEqual({
      defaultMode: 0o440,
      sources: [
        { configMap: { name: 'gitlab-registry', items: [{ key: 'configure', path: 'configure' }] } },
        { secret: { name: 'gitlab-registry-secret', items: [{ key: 'registry-auth.crt', path: 'certificate.crt' }] } },
        { secret: { name: 'gitlab-registry-httpsecret', items: [{ key: 'secret', path: 'httpSecret' }] } },
        { secret: { name: 'registry-storage', items: [{ key: 'config', path: 'storage/config' }] } },
      ],
    });
  });

  it('follows renamed shared Secrets', () => {
    const objs = synthPlatform(productionProps({ secretNames: { registryAuth: 'reg-token-keys', registryHttp: 'reg-http' } }));
    expect(volume('registry-secrets', objs).projected.sources.map((s: any) => s.secret?.name ?? s.configMap.name))
      .toEqual(['gitlab-registry', 'reg-token-keys', 'reg-http', 'registry-storage']);
  });

  describe('run on a rendered config.yml', () => {
    /** Runs the configure script with /config and /registry moved to a temp dir; returns the resulting config.yml. */
    function runConfigure(storageSecret: string): any {
      const dir = mkdtempSync(join(tmpdir(), 'registry-configure-'));
      try {
        const [secrets, rendered] = [join(dir, 'config'), join(dir, 'registry')];
        mkdirSync(join(secrets, 'storage'), { recursive: true });
        mkdirSync(rendered);
        writeFileSync(join(secrets, 'storage', 'config'), storageSecret);
        writeFileSync(join(secrets, 'certificate.crt'), 'CERT');
        writeFileSync(join(rendered, 'config.yml'), withPlaceholders(configMap().data['config.yml.tpl'], 'gomplate', () => '"http-secret"'));
        const script = configMap().data.configure.replaceAll('/config/', `${secrets}/`).replaceAll('/registry/', `${rendered}/`);
        execFileSync('sh', ['-c', script], { stdio: 'pipe' });
        expect(readFileSync(join(rendered, 'certificate.crt'), 'utf8')).toBe('CERT');
        return parse(readFileSync(join(rendered, 'config.yml'), 'utf8'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }

    it('splices the storage driver block under storage:, next to the maintenance settings', () => {
      const config = runConfigure('s3:\n  bucket: gl-registry\n  region: us-east-1\n  v4auth: true\n');
      expect(config.storage.s3).toEqual({ bucket: 'gl-registry', region: 'us-east-1', v4auth: true });
      expect(config.storage.maintenance.uploadpurging).toEqual({ enabled: true, age: '168h', interval: '24h', dryrun: false });
    });

    it('turns image deletion on unless the Secret configures it', () => {
      expect(runConfigure('s3:\n  bucket: b\n').storage.delete).toEqual({ enabled: true });
      expect(runConfigure('s3:\n  bucket: b\ndelete:\n  enabled: false\n').storage.delete).toEqual({ enabled: false });
    });

    it('copes with a Secret that lacks a final newline', () => {
      expect(runConfigure('s3:\n  bucket: b').storage).toMatchObject({ s3: { bucket: 'b' }, delete: { enabled: true } });
    });
  });
});

describe('registry config.yml.tpl', () => {
  it('verifies GitLab-signed tokens: realm on the GitLab host, service container_registry, issuer gitlab-issuer', () => {
    expect(configYml().auth.token).toEqual({
      realm: 'https://gitlab.example.com/jwt/auth',
      service: 'container_registry',
      issuer: 'gitlab-issuer',
      rootcertbundle: '/etc/docker/registry/certificate.crt',
      autoredirect: false,
    });
  });

  it('reads the HTTP secret from its projected file at render time', () => {
    expect(configMap().data['config.yml.tpl']).toContain('secret: {% file.Read "/config/httpSecret" | strings.TrimSpace | data.ToJSON %}');
  });

  it('follows a custom GitLab host and plain HTTP', () => {
    const objs = synthPlatform(productionProps({ hosts: { domain: 'example.com', gitlab: { name: 'git.example.com', https: false } } }));
    expect(configYml(objs).auth.token.realm).toBe('http://git.example.com/jwt/auth');
  });

  it('is YAML with the registry’s top-level sections once its gomplate actions are filled in', () => {
    expect(Object.keys(configYml())).toEqual(['version', 'log', 'http', 'health', 'auth', 'validation', 'storage', 'gc', 'rate_limiter']);
    expect(configYml().version).toBe(0.1);
    expect(configYml().http.secret).toBe('http-secret');
    expect(configYml().http.headers).toEqual({ 'X-Content-Type-Options': ['nosniff'] });
  });
});

describe('registry Service and Ingress', () => {
  it('serves the API as http-registry on 5000', () => {
    const svc = find(objects, 'Service', 'gitlab-registry');
    expect(svc.spec).toMatchObject({ type: 'ClusterIP', selector: { app: 'registry', release: 'gitlab' } });
    expect(svc.spec.ports).toEqual([{ name: 'http-registry', port: 5000, targetPort: 'http', protocol: 'TCP' }]);
  });

  it('routes the registry host to it over TLS', () => {
    const ing = find(objects, 'Ingress', 'gitlab-registry');
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    expect(ing.spec.rules).toEqual([{ host: 'registry.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'gitlab-registry', port: { number: 5000 } } } }] } }]);
    expect(ing.spec.tls).toEqual([{ hosts: ['registry.example.com'], secretName: 'gitlab-tls' }]);
  });

  it('lets NGINX stream image layers of any size', () => {
    expect(find(objects, 'Ingress', 'gitlab-registry').metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-body-size': '0',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '900',
      'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
    });
  });

  it('uses hosts.registry.name', () => {
    const objs = synthPlatform(productionProps({ hosts: { domain: 'example.com', registry: { name: 'cr.example.com' } } }));
    expect(find(objs, 'Ingress', 'gitlab-registry').spec.rules[0].host).toBe('cr.example.com');
  });

  it('exposes its Service, API URL and host for Rails', () => {
    const platform = new GitLabPlatform(Testing.chart(), 'gitlab', base);
    expect(platform.registry!.serviceName).toBe('gitlab-registry');
    expect(platform.registry!.port).toBe(5000);
    expect(platform.registry!.apiUrl).toBe('http://gitlab-registry.gitlab.svc:5000');
    expect(platform.registry!.host).toBe('registry.example.com');
  });
});

describe('registry ServiceAccount', () => {
  it('carries no IAM role when object storage uses keys', () => {
    const sa = find(objects, 'ServiceAccount', 'gitlab-registry');
    expect(sa.metadata.annotations).toBeUndefined();
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(podSpec(deploymentOf()).serviceAccountName).toBe('gitlab-registry');
  });

  it('carries the registry’s IAM role in IAM-role mode', () => {
    const role = 'arn:aws:iam::123456789012:role/gitlab-registry';
    const objs = synthPlatform(productionProps({
      objectStorage: { ...base.objectStorage, iamRole: { roleArn: 'arn:aws:iam::123456789012:role/gitlab', perComponent: { registry: role } } },
    }));
    expect(find(objs, 'ServiceAccount', 'gitlab-registry').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': role });
  });
});

describe('registry rollouts and switches', () => {
  const sum = (objs: KubeObject[]) => deploymentOf(objs).spec.template.metadata.annotations['checksum/config'];

  it('carries a checksum of its ConfigMap, which changes with the config', () => {
    expect(sum(objects)).toBe(checksum(configMap().data));
    const objs = synthPlatform(productionProps({ hosts: { domain: 'example.org' } }));
    expect(sum(objs)).not.toBe(sum(objects));
  });

  it('renders nothing when turned off', () => {
    const objs = synthPlatform(productionProps({ components: { ...base.components, registry: { enabled: false } } }));
    expect(registryObjects(objs)).toEqual([]);
  });
});

describe('registry security', () => {
  it('meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(registryObjects(objects))).toEqual([]);
  });

  it.each(KUBERNETES_VERSIONS)('is valid against the Kubernetes %s schema', (version) => {
    expect(validateObjects(registryObjects(objects), version)).toEqual([]);
  });
});
