import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitLabPlatform } from '../../../constructs';
import { checksum } from '../../../constructs/lib/checksum';
import { productionProps } from '../../support/fixtures';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';

const base = productionProps();
const objects = synthPlatform(base);
/** Redis without AUTH and without TLS. */
const plainRedis = synthPlatform(productionProps({ redis: { host: 'redis.internal' } }));
const kasObjects = (objs: KubeObject[]) => objs.filter((o) => o.metadata.labels?.app === 'kas');
const deploymentOf = (objs = objects) => find(objs, 'Deployment', 'gitlab-kas');
const kas = (objs = objects) => container(deploymentOf(objs), 'kas');
const configYaml = (objs = objects) => parse(find(objs, 'ConfigMap', 'gitlab-kas').data['config.yaml']);
const etcKas = (objs = objects) => podSpec(deploymentOf(objs)).volumes.find((v: any) => v.name === 'init-etc-kas');
/** Paths inside /etc/kas that the projected volume provides. */
const projectedPaths = (objs = objects): string[] => etcKas(objs).projected.sources.flatMap((s: any) =>
  (s.configMap ? Object.keys(find(objs, 'ConfigMap', s.configMap.name).data) : s.secret.items.map((i: any) => i.path)));
/** Every `*_file` value of the config, recursively. */
const fileSettings = (node: any): string[] => Object.entries(node).flatMap(([k, v]) =>
  (v && typeof v === 'object' ? fileSettings(v) : k.endsWith('_file') ? [String(v)] : []));

describe('kas Deployment', () => {
  it('runs the pinned gitlab-kas image with its configuration file as the only argument', () => {
    expect(kas().image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-kas:v18.9.1');
    expect(kas().command).toBeUndefined();
    expect(kas().args).toEqual(['--configuration-file=/etc/kas/config.yaml']);
  });

  it('tells each replica the host other replicas reach its private API by', () => {
    expect(envOf(kas())).toEqual({ TZ: 'UTC', OWN_PRIVATE_API_HOST: 'gitlab-kas.gitlab.svc', GODEBUG: 'tlsmlkem=0,tlskyber=0' });
  });

  it('declares the agent, internal API, Kubernetes proxy, private API and metrics ports', () => {
    expect(kas().ports).toEqual([
      { name: 'kas', containerPort: 8150 },
      { name: 'kas-api', containerPort: 8153 },
      { name: 'kas-k8s-api', containerPort: 8154 },
      { name: 'kas-private-api', containerPort: 8155 },
      { name: 'http-metrics', containerPort: 8151 },
    ]);
  });

  it('is checked on the observability port: /readiness and /liveness', () => {
    expect(kas().readinessProbe).toEqual({ httpGet: { path: '/readiness', port: 8151 }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
    expect(kas().livenessProbe).toEqual({ httpGet: { path: '/liveness', port: 8151 }, initialDelaySeconds: 15, periodSeconds: 20, timeoutSeconds: 1, failureThreshold: 3 });
  });

  it('gives agent connections five minutes to move on shutdown', () => {
    expect(podSpec(deploymentOf()).terminationGracePeriodSeconds).toBe(300);
  });

  it('has no configure step, only the certificates init container', () => {
    expect(podSpec(deploymentOf()).initContainers.map((c: any) => c.name)).toEqual(['certificates']);
  });

  it('is scraped on 8151 and may be evicted by the cluster autoscaler', () => {
    expect(deploymentOf().spec.template.metadata.annotations).toMatchObject({
      'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true', 'prometheus.io/scrape': 'true', 'prometheus.io/port': '8151', 'prometheus.io/path': '/metrics',
    });
  });

  it('leaves the replica count to its HPA (2 to 10 pods on 100m average CPU) and keeps one pod per disruption', () => {
    expect(deploymentOf().spec.replicas).toBeUndefined();
    expect(find(objects, 'HorizontalPodAutoscaler', 'gitlab-kas').spec).toMatchObject({
      minReplicas: 2, maxReplicas: 10, metrics: [{ resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '100m' } } }],
    });
    expect(find(objects, 'PodDisruptionBudget', 'gitlab-kas').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'kas', release: 'gitlab' } } });
  });

  it('requests the chart defaults (100m CPU, 256Mi memory)', () => {
    expect(kas().resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' } });
  });
});

describe('kas files in /etc/kas', () => {
  it('projects the config and the three kas secrets, group-readable, into one read-only directory', () => {
    expect(mountsOf(kas())['/etc/kas']).toBe('init-etc-kas');
    expect(kas().volumeMounts.find((m: any) => m.name === 'init-etc-kas').readOnly).toBe(true);
    expect(etcKas().projected.defaultMode).toBe(0o440);
    expect(etcKas().projected.sources).toEqual([
      { configMap: { name: 'gitlab-kas' } },
      { secret: { name: 'gitlab-gitlab-kas-secret', items: [{ key: 'kas_shared_secret', path: '.gitlab_kas_secret' }] } },
      { secret: { name: 'gitlab-kas-private-api', items: [{ key: 'kas_private_api_secret', path: '.gitlab_kas_private_api_secret' }] } },
      { secret: { name: 'gitlab-kas-websocket-token', items: [{ key: 'kas_websocket_token_secret', path: '.gitlab_kas_websocket_token_secret' }] } },
      { secret: { name: 'gitlab-redis-password', items: [{ key: 'password', path: 'redis/redis-password' }] } },
    ]);
  });

  it('provides every file the config names', () => {
    for (const objs of [objects, plainRedis]) {
      const provided = projectedPaths(objs).map((p) => `/etc/kas/${p}`);
      for (const file of fileSettings(configYaml(objs))) expect(provided).toContain(file);
    }
  });

  it('mounts no Redis password when Redis has no AUTH', () => {
    expect(projectedPaths(plainRedis)).not.toContain('redis/redis-password');
    expect(configYaml(plainRedis).redis.password_file).toBeUndefined();
  });

  it('follows renamed shared Secrets', () => {
    const objs = synthPlatform(productionProps({ secretNames: { kas: 'kas-shared', kasPrivateApi: 'kas-private', kasWebsocketToken: 'kas-ws' } }));
    expect(etcKas(objs).projected.sources.slice(1, 4).map((s: any) => s.secret.name)).toEqual(['kas-shared', 'kas-private', 'kas-ws']);
  });
});

describe('kas config.yaml', () => {
  it('listens on the ports the container and Service declare', () => {
    const c = configYaml();
    expect(c.agent.listen).toEqual({ address: ':8150', websocket: true });
    expect(c.agent.kubernetes_api.listen.address).toBe(':8154');
    expect(c.api.listen.address).toBe(':8153');
    expect(c.private_api.listen.address).toBe(':8155');
    expect(c.observability.listen.address).toBe(':8151');
  });

  it('serves the Kubernetes API proxy under /k8s-proxy, the path its Ingress routes', () => {
    expect(configYaml().agent.kubernetes_api.url_path_prefix).toBe('/k8s-proxy');
  });

  it('calls Rails through Workhorse and knows the external GitLab URL', () => {
    expect(configYaml().gitlab).toEqual({
      address: 'http://gitlab-webservice-default.gitlab.svc:8181',
      external_url: 'https://gitlab.example.com',
      authentication_secret_file: '/etc/kas/.gitlab_kas_secret',
    });
  });

  it('uses the external Redis, over TLS with its password for rediss', () => {
    expect(configYaml().redis).toEqual({
      password_file: '/etc/kas/redis/redis-password',
      database_index: 0,
      server: { address: 'master.gitlab-redis.abc123.use1.cache.amazonaws.com:6379' },
      tls: { enabled: true },
    });
    expect(configYaml(plainRedis).redis).toEqual({ database_index: 0, server: { address: 'redis.internal:6379' } });
  });

  it('answers the probes on the paths they check', () => {
    expect(configYaml().observability.liveness_probe.url_path).toBe(kas().livenessProbe.httpGet.path);
    expect(configYaml().observability.readiness_probe.url_path).toBe(kas().readinessProbe.httpGet.path);
  });
});

describe('kas Service and Ingress', () => {
  it('publishes the agent, internal API, Kubernetes proxy and metrics ports, not the private API', () => {
    const svc = find(objects, 'Service', 'gitlab-kas');
    expect(svc.spec.selector).toEqual({ app: 'kas', release: 'gitlab' });
    expect(svc.spec.ports).toEqual([
      { name: 'tcp-kas-external-api', port: 8150, targetPort: 8150, protocol: 'TCP' },
      { name: 'tcp-kas-internal-api', port: 8153, targetPort: 8153, protocol: 'TCP' },
      { name: 'tcp-kas-k8s-api', port: 8154, targetPort: 8154, protocol: 'TCP' },
      { name: 'http-metrics', port: 8151, targetPort: 'http-metrics', protocol: 'TCP' },
    ]);
  });

  it('routes /k8s-proxy/ to the proxy and everything else to the agent port, on the kas host over TLS', () => {
    const ing = find(objects, 'Ingress', 'gitlab-kas');
    const backend = (port: number) => ({ service: { name: 'gitlab-kas', port: { number: port } } });
    expect(ing.spec.rules).toEqual([{ host: 'kas.example.com', http: { paths: [
      { path: '/k8s-proxy/', pathType: 'Prefix', backend: backend(8154) },
      { path: '/', pathType: 'Prefix', backend: backend(8150) },
    ] } }]);
    expect(ing.spec.tls).toEqual([{ hosts: ['kas.example.com'], secretName: 'gitlab-tls' }]);
  });

  it('keeps NGINX from buffering websockets or replacing kas’s error responses', () => {
    expect(find(objects, 'Ingress', 'gitlab-kas').metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/proxy-buffering': 'off', 'nginx.ingress.kubernetes.io/custom-http-errors': '',
    });
  });

  it('uses hosts.kas.name, and a kas certificate of its own with a cert-manager issuer', () => {
    const objs = synthPlatform(productionProps({
      hosts: { domain: 'example.com', kas: { name: 'agents.example.com' } }, ingress: { tls: { issuer: { name: 'letsencrypt', kind: 'ClusterIssuer' } } },
    }));
    const ing = find(objs, 'Ingress', 'gitlab-kas');
    expect(ing.spec.tls).toEqual([{ hosts: ['agents.example.com'], secretName: 'gitlab-kas-tls' }]);
    expect(ing.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
  });

  it('exposes the URLs Rails and agents use', () => {
    const platform = new GitLabPlatform(Testing.chart(), 'gitlab', base);
    expect(platform.kas!.serviceName).toBe('gitlab-kas');
    expect(platform.kas!.internalUrl).toBe('grpc://gitlab-kas.gitlab.svc:8153');
    expect(platform.kas!.externalUrl).toBe('wss://kas.example.com');
    expect(platform.kas!.host).toBe('kas.example.com');
    expect(platform.kas!.ports.api).toBe(8153);
  });
});

describe('kas rollouts and switches', () => {
  const sum = (objs: KubeObject[]) => deploymentOf(objs).spec.template.metadata.annotations['checksum/config'];

  it('carries a checksum of its ConfigMap, which changes with the config', () => {
    expect(sum(objects)).toBe(checksum(find(objects, 'ConfigMap', 'gitlab-kas').data));
    expect(sum(plainRedis)).not.toBe(sum(objects));
  });

  it('renders nothing when turned off', () => {
    const objs = synthPlatform(productionProps({ components: { ...base.components, kas: { enabled: false } } }));
    expect(kasObjects(objs)).toEqual([]);
  });
});

describe('kas security', () => {
  it('runs every container as uid/gid 65532', () => {
    expect(podSpec(deploymentOf()).securityContext).toMatchObject({ runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    for (const c of [kas(), container(deploymentOf(), 'certificates')]) expect(c.securityContext).toMatchObject({ runAsUser: 65532, runAsGroup: 65532 });
  });

  it('meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(kasObjects(objects))).toEqual([]);
  });

  it.each(KUBERNETES_VERSIONS)('is valid against the Kubernetes %s schema', (version) => {
    expect(validateObjects(kasObjects(objects), version)).toEqual([]);
  });
});
