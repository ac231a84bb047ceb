import { Testing } from 'cdk8s';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { GitLabPlatform } from '../../../constructs';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { container, envOf, find, KubeObject, mountsOf, podSpec, synthPlatform } from '../../support/synth';
import { templateActions, withPlaceholders } from '../../support/templates';
import { PRAEFECT_DATABASE, praefectProps } from './props';

const objects = synthPlatform(praefectProps());
const praefectObjects = (objs: KubeObject[]) => objs.filter((o) => o.metadata.labels?.app === 'praefect');
const statefulSet = (objs = objects) => find(objs, 'StatefulSet', 'gitlab-praefect');
const praefect = (objs = objects) => container(statefulSet(objs), 'praefect');
const configToml = (objs = objects): string => find(objs, 'ConfigMap', 'gitlab-praefect').data['config.toml.tpl'];
/** config.toml as Praefect reads it, with each secret read replaced by the name of the file it reads. */
const renderedToml = (objs = objects): any => parseToml(withPlaceholders(configToml(objs), 'gomplate',
  (action) => JSON.stringify(`<${/file\.Read "([^"]+)"/.exec(action)?.[1] ?? action}>`)));
const projected = (objs = objects) => podSpec(statefulSet(objs)).volumes.find((v: any) => v.name === 'init-praefect-secrets').projected;

describe('Praefect StatefulSet', () => {
  it('is named <release>-praefect, runs two replicas started in parallel, governed by its headless Service', () => {
    const sts = statefulSet();
    expect(sts.apiVersion).toBe('apps/v1');
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.serviceName).toBe('gitlab-praefect');
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
  });

  it('keeps no state of its own: no volume claims', () => {
    expect(statefulSet().spec.volumeClaimTemplates).toBeUndefined();
  });

  it('selects its pods by app and release, labelled with the image version', () => {
    expect(statefulSet().spec.selector.matchLabels).toEqual({ app: 'praefect', release: 'gitlab' });
    expect(statefulSet().spec.template.metadata.labels).toMatchObject({ app: 'praefect', release: 'gitlab', 'app.kubernetes.io/version': 'v18.9.1' });
  });

  it('takes replicas, resources and the disruption budget from components.praefect', () => {
    const objs = synthPlatform(praefectProps({ replicas: 3, resources: { requests: { cpu: '500m', memory: '1Gi' } }, podDisruptionBudget: { maxUnavailable: 2 } }));
    expect(statefulSet(objs).spec.replicas).toBe(3);
    expect(praefect(objs).resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' } });
    expect(find(objs, 'PodDisruptionBudget', 'gitlab-praefect').spec.maxUnavailable).toBe(2);
  });

  it('has a PodDisruptionBudget <release>-praefect of one pod on the same selector', () => {
    const pdb = find(objects, 'PodDisruptionBudget', 'gitlab-praefect');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'praefect', release: 'gitlab' } } });
  });

  it('lets in-flight calls finish within the grace period (Praefect stops after 25 s, the pod is killed after 30 s)', () => {
    expect(podSpec(statefulSet()).terminationGracePeriodSeconds).toBe(30);
    expect(renderedToml().graceful_stop_timeout).toBe('25s');
  });

  it('is scraped on 9236', () => {
    expect(statefulSet().spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true', 'prometheus.io/port': '9236', 'prometheus.io/path': '/metrics', 'gitlab.com/prometheus_port': '9236',
    });
  });
});

describe('Praefect container', () => {
  it('runs the pinned gitaly image (Praefect ships in it) without overriding its entrypoint', () => {
    expect(praefect().image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitaly:v18.9.1');
    expect(praefect().command).toBeUndefined();
    expect(praefect().args).toBeUndefined();
  });

  it('tells the image to run Praefect, migrate its database at start, and where its config lives', () => {
    expect(envOf(praefect())).toEqual({
      TZ: 'UTC',
      CONFIG_TEMPLATE_DIRECTORY: '/etc/gitaly/templates',
      CONFIG_DIRECTORY: '/etc/gitaly',
      PRAEFECT_CONFIG_FILE: '/etc/gitaly/config.toml',
      SSL_CERT_DIR: '/etc/ssl/certs',
      PRAEFECT_PROMETHEUS_LISTEN_ADDR: ':9236',
      USE_PRAEFECT_SERVICE: '1',
      PRAEFECT_AUTO_MIGRATE: '1',
      NTP_HOST: 'pool.ntp.org',
      GODEBUG: 'tlsmlkem=0,tlskyber=0',
    });
  });

  it('follows autoMigrate: false and another NTP server', () => {
    const env = envOf(praefect(synthPlatform(praefectProps({ autoMigrate: false, ntpHost: 'time.aws.com' }))));
    expect(env).toMatchObject({ PRAEFECT_AUTO_MIGRATE: '0', NTP_HOST: 'time.aws.com' });
  });

  it('serves gRPC on 8075 and metrics on 9236', () => {
    expect(praefect().ports).toEqual([{ name: 'grpc-praefect', containerPort: 8075 }, { name: 'http-metrics', containerPort: 9236 }]);
  });

  it('mounts its config templates, the copied secrets (read-only) and the filled trust store', () => {
    expect(mountsOf(praefect())).toEqual({
      '/etc/gitaly/templates': 'praefect-config',
      '/etc/gitlab-secrets': 'praefect-secrets',
      '/etc/ssl/certs/': 'etc-ssl-certs',
      '/etc/pki/ca-trust/extracted/pem': 'etc-pki-ca-trust-extracted-pem',
    });
    expect(praefect().volumeMounts.every((m: any) => m.readOnly)).toBe(true);
  });

  it('is health-checked over gRPC, with five minutes to migrate its database first', () => {
    const p = praefect();
    expect(p.startupProbe).toEqual({ grpc: { port: 8075 }, initialDelaySeconds: 1, periodSeconds: 2, timeoutSeconds: 1, failureThreshold: 150 });
    expect(p.livenessProbe).toEqual({ grpc: { port: 8075 }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
    expect(p.readinessProbe).toEqual({ grpc: { port: 8075 }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 });
  });

  it('requests the chart defaults (100m CPU, 200Mi memory)', () => {
    expect(praefect().resources).toEqual({ requests: { cpu: '100m', memory: '200Mi' } });
  });
});

describe('Praefect secrets', () => {
  it('projects the Gitaly token, the Praefect token and the database password, group-readable', () => {
    expect(projected().defaultMode).toBe(0o440);
    expect(projected().sources).toEqual([
      { secret: { name: 'gitlab-gitaly-secret', items: [{ key: 'token', path: 'praefect/gitaly_token' }] } },
      { secret: { name: 'gitlab-praefect-secret', items: [{ key: 'token', path: 'praefect/praefect_token' }] } },
      { secret: { name: 'praefect-db-password', items: [{ key: 'password', path: 'praefect/db_password' }] } },
    ]);
  });

  it('follows renamed token Secrets and the database password key', () => {
    const objs = synthPlatform(praefectProps(
      { database: { ...PRAEFECT_DATABASE, password: { name: 'praefect-pg', key: 'secret' } } }, undefined,
      { secretNames: { gitaly: 'my-gitaly-token', praefect: 'my-praefect-token' } }));
    expect(projected(objs).sources.map((s: any) => `${s.secret.name}/${s.secret.items[0].key}`))
      .toEqual(['my-gitaly-token/token', 'my-praefect-token/token', 'praefect-pg/secret']);
  });

  it('copies them with the configure init container into the in-memory /etc/gitlab-secrets', () => {
    const configure = container(statefulSet(), 'configure');
    expect(configure.image).toBe('registry.gitlab.com/gitlab-org/build/cng/gitlab-base:v18.9.1');
    expect(mountsOf(configure)).toEqual({ '/config': 'praefect-config', '/init-config': 'init-praefect-secrets', '/init-secrets': 'praefect-secrets' });
    expect(find(objects, 'ConfigMap', 'gitlab-praefect').data.configure).toMatch(/for secret in praefect; do/);
    expect(podSpec(statefulSet()).volumes.find((v: any) => v.name === 'praefect-secrets')).toEqual({ name: 'praefect-secrets', emptyDir: { medium: 'Memory' } });
    expect(podSpec(statefulSet()).initContainers.map((c: any) => c.name)).toEqual(['certificates', 'configure']);
  });

  it('mounts no service account token (Praefect never calls the Kubernetes API)', () => {
    expect(podSpec(statefulSet()).automountServiceAccountToken).toBe(false);
    expect(podSpec(statefulSet()).serviceAccountName).toBe('gitlab-praefect');
  });
});

describe('Praefect config.toml.tpl', () => {
  it('is TOML once its gomplate actions are filled in', () => {
    expect(() => renderedToml()).not.toThrow();
    expect(configToml().split('{%').length).toBe(configToml().split('%}').length);
    expect(templateActions(configToml(), 'gomplate').every((a) => a.startsWith('{% file.Read "/etc/gitlab-secrets/praefect/'))).toBe(true);
  });

  it('listens on 8075, serves metrics on 9236 and keeps database metrics off /metrics', () => {
    expect(renderedToml()).toMatchObject({ listen_addr: ':8075', prometheus_listen_addr: ':9236', prometheus_exclude_database_from_default_metrics: true });
    expect(renderedToml().tls_listen_addr).toBeUndefined();
  });

  it('accepts clients with the Praefect token and fails over between Gitaly nodes', () => {
    expect(renderedToml().auth).toEqual({ token: '</etc/gitlab-secrets/praefect/praefect_token>', transitioning: false });
    expect(renderedToml().failover).toEqual({ enabled: true });
  });

  it('lists each Gitaly pod of the virtual storage as a node named after the pod, reached with the Gitaly token', () => {
    expect(renderedToml().virtual_storage).toEqual([{
      name: 'default',
      node: [0, 1, 2].map((i) => ({
        storage: `gitlab-gitaly-default-${i}`,
        address: `tcp://gitlab-gitaly-default-${i}.gitlab-gitaly-default.gitlab.svc:8075`,
        token: '</etc/gitlab-secrets/praefect/gitaly_token>',
      })),
    }]);
  });

  it('writes one virtual storage per entry, with its replica count and replication factor', () => {
    const toml = renderedToml(synthPlatform(praefectProps({
      virtualStorages: [{ name: 'default', gitalyReplicas: 2 }, { name: 'archive', gitalyReplicas: 3, defaultReplicationFactor: 2 }],
    })));
    expect(toml.virtual_storage.map((vs: any) => [vs.name, vs.node.length, vs.default_replication_factor])).toEqual([['default', 2, undefined], ['archive', 3, 2]]);
    expect(toml.virtual_storage[1].node[2].storage).toBe('gitlab-gitaly-archive-2');
  });

  it("connects to its own database with the password read from the secret file", () => {
    expect(renderedToml().database).toEqual({
      host: 'praefect-db.abc123.us-east-1.rds.amazonaws.com', port: 5432, user: 'praefect', dbname: 'praefect',
      password: '</etc/gitlab-secrets/praefect/db_password>', sslmode: 'prefer',
    });
  });

  it('takes the database port, name, user and TLS mode, and verifies the server against the given CA', () => {
    const objs = synthPlatform(praefectProps({
      database: { ...PRAEFECT_DATABASE, port: 5433, database: 'praefect_production', username: 'praefect_app',
        tls: { mode: 'verify-full', rootCertificate: { name: 'rds-ca-bundle', key: 'global-bundle.pem' } } },
    }));
    expect(renderedToml(objs).database).toMatchObject({
      port: 5433, dbname: 'praefect_production', user: 'praefect_app', sslmode: 'verify-full',
      sslrootcert: '/etc/gitlab-secrets/praefect/db_root_cert.pem',
    });
    expect(projected(objs).sources).toContainEqual({ secret: { name: 'rds-ca-bundle', items: [{ key: 'global-bundle.pem', path: 'praefect/db_root_cert.pem' }] } });
  });

  it('never holds a secret value: every token and password is a file read at start', () => {
    expect(configToml()).not.toMatch(/token = "/);
    expect(configToml()).not.toMatch(/password = "/);
  });
});

describe('Praefect Service', () => {
  it('is headless on the StatefulSet selector, gRPC on 8075 and metrics on 9236', () => {
    const svc = find(objects, 'Service', 'gitlab-praefect');
    expect(svc.spec.clusterIP).toBe('None');
    expect(svc.spec.selector).toEqual(statefulSet().spec.selector.matchLabels);
    expect(svc.spec.ports).toEqual([
      { name: 'grpc-praefect', port: 8075, targetPort: 'grpc-praefect', protocol: 'TCP' },
      { name: 'http-metrics', port: 9236, targetPort: 'http-metrics', protocol: 'TCP' },
    ]);
  });

  it('exposes its Service, the address GitLab dials and its Gitaly StatefulSets', () => {
    const platform = new GitLabPlatform(Testing.chart(), 'gitlab', praefectProps());
    expect(platform.praefect!.serviceName).toBe('gitlab-praefect');
    expect(platform.praefect!.port).toBe(8075);
    expect(platform.praefect!.address).toBe('tcp://gitlab-praefect.gitlab.svc:8075');
    expect(platform.praefect!.gitaly.statefulSetNames).toEqual({ default: 'gitlab-gitaly-default' });
    expect(platform.endpoints.praefect!.virtualStorages.default.nodes.map((n) => n.storage))
      .toEqual(['gitlab-gitaly-default-0', 'gitlab-gitaly-default-1', 'gitlab-gitaly-default-2']);
  });
});

describe('Praefect rollouts', () => {
  const sum = (objs: KubeObject[]) => statefulSet(objs).spec.template.metadata.annotations['checksum/config'];

  it('rolls the pods when a virtual storage gains a Gitaly node (Praefect reads its nodes at start)', () => {
    expect(sum(synthPlatform(praefectProps({ virtualStorages: [{ name: 'default', gitalyReplicas: 4 }] })))).not.toBe(sum(objects));
  });

  it('keeps the pods when nothing in their config changed', () => {
    expect(sum(synthPlatform(praefectProps()))).toBe(sum(objects));
  });
});

describe('Praefect security', () => {
  it('meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(praefectObjects(objects))).toEqual([]);
  });

  it.each(KUBERNETES_VERSIONS)('is valid against the Kubernetes %s schema', (version) => {
    expect(validateObjects(praefectObjects(objects), version)).toEqual([]);
  });
});
