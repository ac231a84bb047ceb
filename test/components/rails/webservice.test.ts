import { describe, expect, it } from 'vitest';
import { ComponentsConfig, GitLabConfigError, GitLabPlatformProps } from '../../../constructs';
import { productionProps } from '../../support/fixtures';
import { checkRestrictedPod } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { COMMON_RAILS_FILES, projectedFiles } from './projection';

const NAME = 'gitlab-webservice-default';
const withComponents = (components: ComponentsConfig, rest: Partial<GitLabPlatformProps> = {}) => {
  const base = productionProps();
  return productionProps({ ...rest, components: { ...base.components, ...components } });
};
const production = synthPlatform(productionProps());
const deploymentOf = (objects: KubeObject[]) => find(objects, 'Deployment', NAME);
const ingressOf = (objects: KubeObject[]) => find(objects, 'Ingress', NAME);
const web = deploymentOf(production);

describe('Webservice pod', () => {
  it('runs Puma and Workhorse from the pinned edition images', () => {
    expect(container(web, 'webservice').image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-webservice-ee:v18.9.1');
    expect(container(web, 'gitlab-workhorse').image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-workhorse-ee:v18.9.1');
    const ce = deploymentOf(synthPlatform(productionProps({ edition: 'ce' })));
    expect(container(ce, 'webservice').image).toContain('/gitlab-webservice-ce:');
    expect(container(ce, 'gitlab-workhorse').image).toContain('/gitlab-workhorse-ce:');
  });

  it('fills the trust store, copies secrets, then waits for the migrated database before starting', () => {
    const spec = podSpec(web);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['certificates', 'configure', 'dependencies']);
    const deps = container(web, 'dependencies');
    expect(deps.image).toBe(container(web, 'webservice').image);
    expect(deps.args).toEqual(['/scripts/wait-for-deps']);
    expect(deps.command).toBeUndefined();
  });

  it('runs both configure scripts and creates the shared temp directory', () => {
    const configure = container(web, 'configure');
    expect(configure.command).toEqual(['sh']);
    expect(configure.args[1]).toBe('sh /config-webservice/configure && sh /config-workhorse/configure && mkdir -p -m 3770 /tmp/gitlab');
    expect(mountsOf(configure)).toEqual({
      '/config-webservice': 'webservice-config', '/config-workhorse': 'workhorse-config', '/init-config': 'init-webservice-secrets',
      '/init-secrets': 'webservice-secrets', '/init-secrets-workhorse': 'workhorse-secrets', '/tmp': 'shared-tmp',
    });
  });

  it('never overrides the image entrypoint of the main containers', () => {
    for (const c of podSpec(web).containers) expect(c.command, c.name).toBeUndefined();
  });

  it('exposes Puma on 8080, its metrics on 8083 and Workhorse on 8181', () => {
    expect(container(web, 'webservice').ports).toEqual([
      { name: 'http-webservice', containerPort: 8080 }, { name: 'http-metrics-ws', containerPort: 8083 },
    ]);
    expect(container(web, 'gitlab-workhorse').ports).toEqual([{ name: 'http-workhorse', containerPort: 8181 }]);
  });

  it('configures Puma through the environment', () => {
    expect(envOf(container(web, 'webservice'))).toMatchObject({
      GITLAB_WEBSERVER: 'puma', TMPDIR: '/tmp/gitlab', CONFIG_TEMPLATE_DIRECTORY: '/var/opt/gitlab/templates',
      CONFIG_DIRECTORY: '/srv/gitlab/config', prometheus_multiproc_dir: '/metrics', ENABLE_BOOTSNAP: '1',
      WORKER_PROCESSES: '2', WORKER_TIMEOUT: '60', INTERNAL_PORT: '8080', PUMA_THREADS_MIN: '4', PUMA_THREADS_MAX: '4',
      PUMA_WORKER_MAX_MEMORY: '', DISABLE_PUMA_WORKER_KILLER: 'true', BIND_IP6: 'false', PUMA_CONTROL_PORT: '9293',
      SHUTDOWN_BLACKOUT_SECONDS: '10', WORKHORSE_ARCHIVE_CACHE_DISABLED: 'true', TZ: 'UTC',
    });
    const tuned = deploymentOf(synthPlatform(withComponents({ webservice: { workerProcesses: 4, puma: { threadsMin: 2, threadsMax: 8 } } })));
    expect(envOf(container(tuned, 'webservice'))).toMatchObject({ WORKER_PROCESSES: '4', PUMA_THREADS_MIN: '2', PUMA_THREADS_MAX: '8' });
  });

  it('points Workhorse at Puma over localhost', () => {
    expect(envOf(container(web, 'gitlab-workhorse'))).toMatchObject({
      GITLAB_WORKHORSE_AUTH_BACKEND: 'http://localhost:8080', GITLAB_WORKHORSE_LISTEN_PORT: '8181',
      GITLAB_WORKHORSE_LOG_FORMAT: 'json', TMPDIR: '/tmp/gitlab', GODEBUG: 'tlsmlkem=0,tlskyber=0',
      CONFIG_TEMPLATE_DIRECTORY: '/var/opt/gitlab/templates', CONFIG_DIRECTORY: '/srv/gitlab/config',
    });
  });

  it('appends extraEnv and refuses one that replaces a contract variable', () => {
    const extra = deploymentOf(synthPlatform(withComponents({ webservice: { extraEnv: { GITLAB_FOO: 'bar' } } })));
    expect(container(extra, 'webservice').env.at(-1)).toEqual({ name: 'GITLAB_FOO', value: 'bar' });
    expect(() => synthPlatform(withComponents({ webservice: { extraEnv: { WORKER_TIMEOUT: '5' } } }))).toThrow(GitLabConfigError);
  });

  it('mounts the secrets read-only at /etc/gitlab and the Rails secrets file where Rails reads it', () => {
    const m = container(web, 'webservice').volumeMounts;
    expect(m).toContainEqual({ name: 'webservice-secrets', mountPath: '/etc/gitlab', readOnly: true });
    expect(m).toContainEqual({ name: 'webservice-secrets', mountPath: '/srv/gitlab/config/secrets.yml', subPath: 'rails-secrets/secrets.yml', readOnly: true });
    expect(m).toContainEqual({ name: 'webservice-config', mountPath: '/var/opt/gitlab/templates' });
    expect(m).toContainEqual({ name: 'webservice-config', mountPath: '/etc/krb5.conf', subPath: 'krb5.conf' });
    expect(m).toContainEqual({ name: 'webservice-config', mountPath: '/srv/gitlab/config/initializers/smtp_settings.rb', subPath: 'smtp_settings.rb' });
    expect(m).toContainEqual({ name: 'webservice-config', mountPath: '/srv/gitlab/INSTALLATION_TYPE', subPath: 'installation_type' });
    expect(mountsOf(container(web, 'gitlab-workhorse'))).toMatchObject({ '/etc/gitlab': 'workhorse-secrets', '/var/opt/gitlab/templates': 'workhorse-config' });
  });

  it('shares /tmp and the upload directory between Workhorse and Puma', () => {
    for (const name of ['webservice', 'gitlab-workhorse']) {
      expect(mountsOf(container(web, name)), name).toMatchObject({ '/tmp': 'shared-tmp', '/srv/gitlab/public/uploads/tmp': 'shared-upload-directory' });
    }
  });

  it('reads both trust-store directories the certificates init container fills', () => {
    for (const name of ['webservice', 'gitlab-workhorse', 'dependencies']) {
      expect(mountsOf(container(web, name)), name).toMatchObject({
        '/etc/ssl/certs/': 'etc-ssl-certs', '/etc/pki/ca-trust/extracted/pem': 'etc-pki-ca-trust-extracted-pem',
      });
    }
  });

  it('projects every secret Puma and Workhorse read to its path (contract §1.3)', () => {
    expect(projectedFiles(web, 'init-webservice-secrets')).toEqual({
      ...COMMON_RAILS_FILES,
      'shell/.gitlab_shell_secret': 'gitlab-gitlab-shell-secret/secret',
      'registry/gitlab-registry.key': 'gitlab-registry-secret/registry-auth.key',
      'registry/notificationSecret': 'gitlab-registry-notification/secret',
      'gitlab-workhorse/secret': 'gitlab-gitlab-workhorse-secret/shared_secret',
      'kas/.gitlab_kas_secret': 'gitlab-gitlab-kas-secret/kas_shared_secret',
    });
  });

  it('takes Secret names from secretNames and drops the KAS and registry secrets when those are off', () => {
    const objects = synthPlatform(withComponents({ kas: { enabled: false }, registry: { enabled: false } }, { secretNames: { rails: 'my-rails' } }));
    const files = projectedFiles(deploymentOf(objects), 'init-webservice-secrets');
    expect(files['rails-secrets/secrets.yml']).toBe('my-rails/secrets.yml');
    expect(Object.keys(files).filter((p) => p.startsWith('kas/') || p.startsWith('registry/'))).toEqual([]);
  });

  it('probes Puma over HTTP and Workhorse with its healthcheck script', () => {
    const puma = container(web, 'webservice');
    expect(puma.livenessProbe).toMatchObject({ httpGet: { path: '/-/liveness', port: 8080 }, initialDelaySeconds: 20, periodSeconds: 60, timeoutSeconds: 30, failureThreshold: 3 });
    expect(puma.readinessProbe).toMatchObject({ httpGet: { path: '/-/readiness', port: 8080 }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 2 });
    const wh = container(web, 'gitlab-workhorse');
    expect(wh.livenessProbe).toMatchObject({ exec: { command: ['/scripts/healthcheck'] }, periodSeconds: 60, timeoutSeconds: 30 });
    expect(wh.readinessProbe).toMatchObject({ exec: { command: ['/scripts/healthcheck'] }, periodSeconds: 10, failureThreshold: 3 });
  });

  it('shuts Puma down gracefully and keeps Workhorse serving through the blackout', () => {
    expect(container(web, 'webservice').lifecycle.preStop.exec.command).toEqual(['/bin/bash', '-c', 'pkill -SIGINT -o ruby']);
    expect(container(web, 'gitlab-workhorse').lifecycle.preStop.exec.command).toEqual(['/bin/bash', '-c', 'sleep $SHUTDOWN_BLACKOUT_SECONDS']);
    // GitLab's zero-downtime guidance: 60 s to drain requests, a new pod up before an old one stops.
    expect(podSpec(web).terminationGracePeriodSeconds).toBe(60);
    expect(web.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: 0 } });
  });

  it('requests the chart resources for both containers', () => {
    expect(container(web, 'webservice').resources).toEqual({ requests: { cpu: '300m', memory: '2.5G' } });
    expect(container(web, 'gitlab-workhorse').resources).toEqual({ requests: { cpu: '100m', memory: '100M' } });
  });

  it('meets the restricted Pod Security Standard', () => {
    expect(checkRestrictedPod(podSpec(web), web.spec.template.metadata)).toEqual([]);
  });

  it('announces its metrics port to Prometheus and lets the cluster autoscaler evict it', () => {
    expect(web.spec.template.metadata.annotations).toMatchObject({
      'gitlab.com/prometheus_port': '8083', 'prometheus.io/port': '8083', 'prometheus.io/scrape': 'true',
      'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true',
    });
  });
});

describe('Webservice checksum/config', () => {
  const checksumOf = (props: GitLabPlatformProps) => deploymentOf(synthPlatform(props)).spec.template.metadata.annotations['checksum/config'];

  it('is stable for the same input', () => {
    expect(checksumOf(productionProps())).toBe(web.spec.template.metadata.annotations['checksum/config']);
  });

  it('changes when the Rails configuration changes', () => {
    expect(checksumOf(productionProps({ redis: { host: 'other-redis' } }))).not.toBe(checksumOf(productionProps()));
  });

  it('changes when only the Workhorse configuration changes', () => {
    expect(checksumOf(withComponents({ webservice: { puma: { workerTimeout: 90 } } }))).not.toBe(checksumOf(productionProps()));
  });
});

describe('Workhorse ConfigMap', () => {
  const data = find(production, 'ConfigMap', 'gitlab-workhorse-default').data;
  const toml = data['workhorse-config.toml.tpl'];

  it('connects to Redis without credentials in the URL and reads the password at render time', () => {
    expect(toml).toContain('[redis]\nDB = 0\nURL = "rediss://master.gitlab-redis.abc123.use1.cache.amazonaws.com:6379"\n');
    expect(toml).toContain('Password = {% file.Read "/etc/gitlab/redis/redis-password" | strings.TrimSpace | data.ToJSON %}');
    const noAuth = find(synthPlatform(productionProps({ redis: { host: 'r' } })), 'ConfigMap', 'gitlab-workhorse-default').data;
    expect(noAuth['workhorse-config.toml.tpl']).not.toContain('Password');
  });

  it('takes object storage credentials from the fog connection file (blank for IAM roles)', () => {
    expect(toml).toContain('file.Read "/etc/gitlab/objectstorage/object_store"');
    expect(toml).toContain('[object_storage.s3]');
  });

  it('listens on 8181 and outlasts the Puma worker timeout on shutdown', () => {
    expect(toml).toContain('[[listeners]]\nnetwork = "tcp"\naddr = ":8181"');
    expect(toml.startsWith('shutdown_timeout = "61s"\n')).toBe(true);
  });

  it('copies only what Workhorse reads', () => {
    expect(data.configure).toContain('cp -v -L /init-config/gitlab-workhorse/secret /init-secrets-workhorse/gitlab-workhorse/secret');
    expect(data.configure).toContain('cp -v -L /init-config/redis/redis-password /init-secrets-workhorse/redis/redis-password');
    expect(data.configure).toContain('/init-secrets-workhorse/objectstorage/object_store');
    expect(data.configure).not.toContain('rails-secrets');
  });
});

describe('Webservice Service, scaling and disruption budget', () => {
  it('serves Puma, Workhorse and metrics on a ClusterIP Service selecting the pods', () => {
    const svc = find(production, 'Service', NAME);
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports).toEqual([
      { name: 'http-webservice', port: 8080, targetPort: 'http-webservice', protocol: 'TCP' },
      { name: 'http-workhorse', port: 8181, targetPort: 'http-workhorse', protocol: 'TCP' },
      { name: 'http-metrics-ws', port: 8083, targetPort: 'http-metrics-ws', protocol: 'TCP' },
    ]);
    expect(svc.spec.selector).toEqual({ app: 'webservice', release: 'gitlab', 'gitlab.com/webservice-name': 'default' });
    expect(web.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
    expect(web.spec.selector.matchLabels).toEqual(svc.spec.selector);
  });

  it('lets the HPA own the replica count', () => {
    expect(web.spec.replicas).toBeUndefined();
    const hpa = find(production, 'HorizontalPodAutoscaler', NAME);
    expect(hpa.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: NAME }, minReplicas: 2, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '1' } } }],
    });
  });

  it('uses fixed replicas and no HPA when autoscaling is off', () => {
    const objects = synthPlatform(withComponents({ webservice: { autoscaling: false, replicas: 3 } }));
    expect(deploymentOf(objects).spec.replicas).toBe(3);
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === NAME)).toBe(false);
  });

  it('keeps all but one pod through voluntary disruptions', () => {
    const pdb = find(production, 'PodDisruptionBudget', NAME);
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: web.spec.selector.matchLabels } });
  });

  it('runs as its own ServiceAccount, annotated with the object storage IAM role', () => {
    const base = productionProps();
    const objects = synthPlatform(productionProps({ objectStorage: { ...base.objectStorage, iamRole: { roleArn: 'arn:aws:iam::123456789012:role/gitlab' } } }));
    const sa = find(objects, 'ServiceAccount', 'gitlab-webservice');
    expect(sa.metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/gitlab' });
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(podSpec(deploymentOf(objects)).serviceAccountName).toBe('gitlab-webservice');
  });
});

describe('Webservice Ingress', () => {
  it('routes the GitLab host to Workhorse, never Puma', () => {
    const ing = ingressOf(production);
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.rules).toEqual([{
      host: 'gitlab.example.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: NAME, port: { number: 8181 } } } }] },
    }]);
  });

  it('terminates TLS with the given Secret', () => {
    expect(ingressOf(production).spec.tls).toEqual([{ hosts: ['gitlab.example.com'], secretName: 'gitlab-tls' }]);
  });

  it('asks a cert-manager issuer for a certificate in <release>-gitlab-tls', () => {
    const ing = ingressOf(synthPlatform(productionProps({ ingress: { tls: { issuer: { name: 'letsencrypt' } } } })));
    expect(ing.metadata.annotations!['cert-manager.io/issuer']).toBe('letsencrypt');
    expect(ing.spec.tls).toEqual([{ hosts: ['gitlab.example.com'], secretName: 'gitlab-gitlab-tls' }]);
    const cluster = ingressOf(synthPlatform(productionProps({ ingress: { tls: { issuer: { name: 'le', kind: 'ClusterIssuer' } } } })));
    expect(cluster.metadata.annotations!['cert-manager.io/cluster-issuer']).toBe('le');
    expect(cluster.metadata.annotations!['cert-manager.io/issuer']).toBeUndefined();
  });

  it('serves plain HTTP with no TLS section when TLS is off', () => {
    const ing = ingressOf(synthPlatform(productionProps({ hosts: { domain: 'example.com', https: false }, ingress: { tls: false } })));
    expect(ing.spec.tls).toBeUndefined();
  });

  it('adds the NGINX annotations for NGINX only, and the user annotations always', () => {
    expect(ingressOf(production).metadata.annotations).toEqual({
      'kubernetes.io/ingress.provider': 'nginx',
      'nginx.ingress.kubernetes.io/proxy-body-size': '512m',
      'nginx.ingress.kubernetes.io/proxy-connect-timeout': '15',
      'nginx.ingress.kubernetes.io/proxy-read-timeout': '600',
      'nginx.ingress.kubernetes.io/service-upstream': 'true',
    });
    const alb = ingressOf(synthPlatform(productionProps({
      ingress: { className: 'alb', tls: { secretName: 'gitlab-tls' }, annotations: { 'alb.ingress.kubernetes.io/scheme': 'internet-facing' } },
    })));
    expect(alb.spec.ingressClassName).toBe('alb');
    expect(alb.metadata.annotations).toEqual({ 'alb.ingress.kubernetes.io/scheme': 'internet-facing' });
  });

  it('is not created when ingress is off', () => {
    const objects = synthPlatform(productionProps({ ingress: { enabled: false } }));
    expect(objects.filter((o) => o.kind === 'Ingress' && o.metadata.name === NAME)).toEqual([]);
  });
});
