import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fromHelmValues, GitLabConfigError, UnsupportedValuesError } from '../../../constructs';
import { resolveConfig } from '../../../constructs/config/resolve';
import { awsProductionValues, ignoredKeys, withValues } from '../../values/helpers';
import { container, envOf, find, podSpec, synthPlatform } from '../../support/synth';
import { erbYaml, migrationsJob } from './support';

const refusal = (values: unknown): GitLabConfigError => {
  try {
    fromHelmValues(values);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw e;
  }
  throw new Error('the values were accepted');
};

describe('Helm values: Redis per purpose', () => {
  it('map each purpose\'s host, port, scheme, user, database and password Secret', () => {
    const props = fromHelmValues(withValues({
      global: {
        redis: {
          cache: { host: 'cache.redis.internal', port: 6380, scheme: 'rediss', user: 'gitlab', database: 1, password: { enabled: true, secret: 'cache-secret', key: 'cache-password' } },
          sharedState: { host: 'shared.redis.internal' },
          rateLimiting: { host: 'rl.redis.internal', password: { secret: 'rl-secret' } },
        },
      },
    }));
    expect(props.redis.cache).toEqual({ host: 'cache.redis.internal', port: 6380, scheme: 'rediss', user: 'gitlab', database: 1, password: { name: 'cache-secret', key: 'cache-password' } });
    expect(props.redis.sharedState).toEqual({ host: 'shared.redis.internal' });
    // A key the instance leaves out comes from global.redis.auth, as in the chart.
    expect(props.redis.rateLimiting).toEqual({ host: 'rl.redis.internal', password: { name: 'rl-secret', key: 'password' } });
  });

  it('turn AUTH off for an instance with password.enabled: false', () => {
    const props = fromHelmValues(withValues({ global: { redis: { workhorse: { host: 'wh.redis.internal', password: { enabled: false } } } } }));
    expect(props.redis.workhorse).toEqual({ host: 'wh.redis.internal', password: false });
  });

  it('read Sentinels with host as the master\'s name, globally and per purpose, and the Sentinel password', () => {
    const props = fromHelmValues(withValues({
      global: {
        redis: {
          host: 'gitlab-redis',
          sentinels: [{ host: 's1.internal', port: 26379 }, { host: 's2.internal', port: '26380' }],
          sentinelAuth: { enabled: true, secret: 'sentinel-secret', key: 'sentinel-password' },
          queues: { host: 'gitlab-queues', sentinels: [{ host: 'q1.internal' }] },
          kas: { sentinels: [{ host: 'k1.internal' }] },
        },
      },
    }));
    expect(props.redis).toMatchObject({
      sentinels: [{ host: 's1.internal', port: 26379 }, { host: 's2.internal', port: 26380 }],
      masterName: 'gitlab-redis',
      sentinelPassword: { name: 'sentinel-secret', key: 'sentinel-password' },
      queues: { sentinels: [{ host: 'q1.internal' }], masterName: 'gitlab-queues' },
      kas: { sentinels: [{ host: 'k1.internal' }], masterName: 'gitlab-redis' },
    });
    expect(props.redis.host).toBeUndefined();
    expect(props.redis.queues?.host).toBeUndefined();
  });

  it('default the Sentinel password Secret to the chart\'s name', () => {
    const props = fromHelmValues(withValues({ global: { redis: { sentinels: [{ host: 's1.internal' }], sentinelAuth: { enabled: true } } } }), { releaseName: 'r1' });
    expect(props.redis.sentinelPassword).toEqual({ name: 'r1-redis-sentinel-secret', key: 'secret' });
  });

  it('ignore Sentinel password settings while sentinelAuth is off, with a warning', () => {
    expect(ignoredKeys(withValues({ global: { redis: { sentinelAuth: { enabled: false, secret: 'sentinel-secret' } } } }))).toEqual(['global.redis.sentinelAuth.secret']);
  });

  it('report a purpose with an http scheme at its values key', () => {
    const e = refusal(withValues({ global: { redis: { cache: { host: 'cache.redis.internal', scheme: 'http' } } } }));
    expect(e.issues.map((i) => i.path)).toEqual(['global.redis.cache.scheme']);
  });

  it('refuse Redis Cluster and redisYmlOverride with a pointer to per-purpose instances', () => {
    const e = refusal(withValues({ global: { redis: { clusterCache: { cluster: [{ host: 'c1.internal' }] } } } })) as UnsupportedValuesError;
    expect(e.keys).toEqual(['global.redis.clusterCache.cluster']);
    expect(e.issues[0].fix).toContain('global.redis.<purpose>');
  });
});

describe('Helm values: PostgreSQL', () => {
  it('map load balancing hosts and the stale-read limits', () => {
    const props = fromHelmValues(withValues({ global: { psql: { load_balancing: { hosts: ['r1.db.internal', 'r2.db.internal'], max_replication_lag_time: 30 } } } }));
    expect(props.postgres.loadBalancing).toEqual({ hosts: ['r1.db.internal', 'r2.db.internal'], maxReplicationLagTime: 30 });
  });

  it('map DNS discovery of replicas', () => {
    const props = fromHelmValues(withValues({
      global: { psql: { load_balancing: { discover: { nameserver: 'consul.internal', record: 'secondary.postgresql.service.consul', record_type: 'A', port: 8600, interval: 60, disconnect_timeout: 120, use_tcp: true, max_replica_pools: 10 } } } },
    }));
    expect(props.postgres.loadBalancing).toEqual({
      discover: { nameserver: 'consul.internal', record: 'secondary.postgresql.service.consul', recordType: 'A', port: 8600, interval: 60, disconnectTimeout: 120, useTcp: true, maxReplicaPools: 10 },
    });
  });

  it('refuse load balancing without hosts or discover at its values key', () => {
    const e = refusal(withValues({ global: { psql: { load_balancing: { replica_check_interval: 30 } } } }));
    expect(e.issues.map((i) => i.path)).toEqual(['global.psql.load_balancing']);
  });

  it('map the decomposed ci database of the chart\'s examples/database/values-decomposition.yaml', () => {
    const props = fromHelmValues(withValues({ global: { psql: { main: { host: 'main.db.internal' }, ci: { host: 'ci.db.internal', database: 'gitlab_ci', password: { secret: 'gitlab-psql-ci', key: 'psql-password' } } } } }));
    const pg = resolveConfig(props).postgres;
    expect(pg.main.host).toBe('main.db.internal');
    expect(pg.ci).toMatchObject({ host: 'ci.db.internal', database: 'gitlab_ci', databaseTasks: true, password: { name: 'gitlab-psql-ci', key: 'psql-password' } });
  });

  it('map databaseTasks', () => {
    const props = fromHelmValues(withValues({ global: { psql: { ci: { database: 'gitlab_ci', databaseTasks: false } } } }));
    expect(resolveConfig(props).postgres.ci.databaseTasks).toBe(false);
  });

  it('map a component\'s own psql, its password Secret defaulting to the global one', () => {
    const props = fromHelmValues(withValues({
      gitlab: {
        sidekiq: { psql: { host: 'db.sidekiq', port: 5431 } },
        migrations: { psql: { host: 'primary.db.internal', password: { key: 'primary-password' }, ci: { host: 'ci-primary.db.internal' } } },
        'gitlab-exporter': { psql: { load_balancing: { hosts: ['r1.db.internal'] } } },
      },
    }));
    expect(props.components?.sidekiq?.postgres).toEqual({ host: 'db.sidekiq', port: 5431 });
    expect(props.components?.migrations?.postgres).toEqual({
      host: 'primary.db.internal', password: { name: 'gitlab-postgres-password', key: 'primary-password' }, ci: { host: 'ci-primary.db.internal' },
    });
    expect(props.components?.gitlabExporter?.postgres).toEqual({ loadBalancing: { hosts: ['r1.db.internal'] } });
  });

  it('ignore a component\'s psql while the component is off, with a warning', () => {
    expect(ignoredKeys(withValues({ gitlab: { migrations: { enabled: false, psql: { host: 'primary.db.internal' } } } }))).toEqual(['gitlab.migrations.psql.host']);
  });

  it('report an invalid override at its values key', () => {
    const e = refusal(withValues({ gitlab: { migrations: { psql: { port: 70000 } } } }));
    expect(e.issues.map((i) => i.path)).toEqual(['gitlab.migrations.psql.port']);
  });
});

describe('Helm values shaped like the chart\'s examples/ref/10k.yaml', () => {
  const file = parse(readFileSync(join(__dirname, 'fixtures/ref-10k-values.yaml'), 'utf8'));
  /** Keys of the reference file gitlab-iac does not read, each for a reason the importer states. */
  const REFUSED = {
    // nginx-ingress.controller.* configure the bundled controller: accepted with a notice to install one.
    'registry.storage.extraKey': 'the GCS key file of the registry storage driver',
  };

  it('refuses exactly the keys gitlab-iac does not support (backups to GCS are read)', () => {
    const e = refusal(file) as UnsupportedValuesError;
    expect([...e.keys].sort()).toEqual(Object.keys(REFUSED).sort());
    expect(e.issues.filter((i) => !e.keys.includes(i.path)).map((i) => i.path)).toEqual([]);
  });

  it('backs up to GCS with the service account key and project of the file', () => {
    const props = fromHelmValues(withValues({ registry: { storage: { extraKey: undefined } } }, file));
    expect(props.components?.toolbox).toMatchObject({ backupBackend: 'gcs', backupGcpProject: expect.any(String), backupConfig: { name: expect.any(String) } });
  });

  describe('without those keys', () => {
    const supported = withValues({
      gitlab: { webservice: { ingress: undefined }, toolbox: { backups: { objectStorage: { backend: undefined, config: { gcpProject: undefined, key: 'config' } } } } },
      global: { shell: undefined, gitlab: undefined },
      'nginx-ingress': undefined,
      registry: { storage: { extraKey: undefined } },
    }, file);
    const props = fromHelmValues(supported);
    const objects = synthPlatform(props);

    it('synthesizes', () => {
      expect(objects.length).toBeGreaterThan(20);
    });

    it('scales webservice and Sidekiq as the reference does, on their node pools', () => {
      const web = find(objects, 'Deployment', 'gitlab-webservice-default');
      expect(find(objects, 'HorizontalPodAutoscaler', 'gitlab-webservice-default').spec).toMatchObject({ minReplicas: 15, maxReplicas: 20 });
      expect(envOf(container(web, 'webservice')).WORKER_PROCESSES).toBe('4');
      expect(container(web, 'webservice').resources).toEqual({ requests: { cpu: '4', memory: '5G' }, limits: { memory: '7G' } });
      expect(podSpec(web).nodeSelector).toEqual({ workload: 'webservice' });
      expect(find(objects, 'HorizontalPodAutoscaler', 'gitlab-sidekiq-all-in-1-v2').spec).toMatchObject({ minReplicas: 10, maxReplicas: 14 });
      expect(podSpec(find(objects, 'Deployment', 'gitlab-kas')).nodeSelector).toEqual({ workload: 'support' });
    });

    it('gives the same scaling as size: 10k', () => {
      const sized = resolveConfig({ ...props, size: '10k', components: { ...props.components, webservice: undefined, sidekiq: undefined } });
      const imported = resolveConfig(props);
      for (const c of ['webservice', 'sidekiq'] as const) {
        expect(imported.components[c]!.autoscaling, c).toEqual(sized.components[c]!.autoscaling);
        expect(imported.components[c]!.resources, c).toEqual(sized.components[c]!.resources);
      }
    });

    it('points migrations at the primary while the other pods use the pooler', () => {
      expect(erbYaml(objects, 'gitlab-migrations', 'database.yml.erb').doc.production.main).toMatchObject({ host: 'primary.gitlab-db.internal', port: 5432 });
      expect(erbYaml(objects, 'gitlab-webservice', 'database.yml.erb').doc.production.main).toMatchObject({ host: 'pgbouncer.gitlab-db.internal', port: 6432 });
      expect(migrationsJob(objects).metadata.name).toMatch(/^gitlab-migrations-/);
    });

    it('reaches the persistent and the cache Redis through their Sentinels', () => {
      const resque = erbYaml(objects, 'gitlab-sidekiq', 'resque.yml.erb').doc.production;
      expect(resque.sentinels.map((s: any) => s.host)).toEqual(['sentinel-1.redis.internal', 'sentinel-2.redis.internal', 'sentinel-3.redis.internal']);
      expect(resque.url).toMatch(/@gitlab-redis-persistent:6379\/0$/);
      const cache = erbYaml(objects, 'gitlab-sidekiq', 'redis.cache.yml.erb').doc.production;
      expect(cache.sentinels.map((s: any) => s.host)).toEqual(['sentinel-1.redis-cache.internal', 'sentinel-2.redis-cache.internal', 'sentinel-3.redis-cache.internal']);
      expect(cache.url).toMatch(/@gitlab-redis-cache:6379\/0$/);
    });
  });

  it('leaves the AWS production values as they were', () => {
    expect(() => fromHelmValues(awsProductionValues())).not.toThrow();
  });
});

describe('Helm values: settings of the bundled Bitnami/MinIO charts on the in-cluster services', () => {
  const bundledValues = (patch: Record<string, any>): Record<string, any> =>
    ({ global: { hosts: { domain: 'example.com' } }, 'certmanager-issuer': { email: 'admin@example.com' }, 'gitlab-runner': { install: false }, ...patch });
  const warnings = (values: Record<string, any>): string[] => {
    const lines: string[] = [];
    fromHelmValues(values, { onWarning: (l) => lines.push(l) });
    return lines.filter((l) => l.startsWith('warning: '));
  };

  it('map postgresql.persistence.{size,storageClass} (older layout) onto the CloudNativePG Cluster\'s volume', () => {
    const props = fromHelmValues(bundledValues({ postgresql: { persistence: { enabled: true, size: '4Gi', storageClass: 'longhorn-sc1' } } }));
    const cluster = find(synthPlatform(props), 'Cluster', 'gitlab-postgresql');
    expect(cluster.spec.storage).toEqual({ size: '4Gi', storageClass: 'longhorn-sc1' });
  });

  it('prefer postgresql.primary.persistence (Bitnami 12+) over the older layout', () => {
    const props = fromHelmValues(bundledValues({ postgresql: { persistence: { size: '4Gi', storageClass: 'old' }, primary: { persistence: { enabled: true, size: '20Gi' } } } }));
    expect((props.inClusterServices as any).postgres.storage).toEqual({ size: '20Gi', storageClass: 'old' });
  });

  it('map redis.persistence.* and redis.master.persistence.* onto the Valkey StatefulSet\'s claim', () => {
    for (const redis of [{ persistence: { enabled: true, size: '3Gi', storageClass: 'fast' } }, { master: { persistence: { enabled: true, size: '3Gi', storageClass: 'fast' } } }]) {
      const objects = synthPlatform(fromHelmValues(bundledValues({ redis })));
      const sts = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name.includes('valkey'))!;
      const claim = sts.spec.volumeClaimTemplates[0].spec;
      expect(claim.resources.requests.storage).toBe('3Gi');
      expect(claim.storageClassName).toBe('fast');
    }
  });

  it('map minio.persistence.* onto Garage\'s data volume', () => {
    const props = fromHelmValues(bundledValues({ minio: { persistence: { enabled: true, size: '50Gi', storageClass: 'ceph' } } }));
    expect((props.inClusterServices as any).objectStorage.storage).toEqual({ size: '50Gi', storageClass: 'ceph' });
  });

  it('read postgresql.enabled / redis.enabled as the older name of install, with a warning', () => {
    const off = bundledValues({ postgresql: { enabled: false }, redis: { enabled: false }, global: { hosts: { domain: 'example.com' }, psql: { host: 'db.internal', password: { secret: 's', key: 'k' } }, redis: { host: 'redis.internal', auth: { secret: 'r', key: 'k' } } } });
    const props = fromHelmValues(off);
    expect(props.inClusterServices?.postgres).toBeUndefined();
    expect(props.inClusterServices?.redis).toBeUndefined();
    expect(warnings(off)).toEqual(expect.arrayContaining([expect.stringContaining('postgresql.enabled: the chart renamed it postgresql.install'), expect.stringContaining('redis.enabled: the chart renamed it redis.install')]));
  });

  it('accept architecture: standalone and any persistence switch (the data is always on a volume); refuse replication', () => {
    expect(() => fromHelmValues(bundledValues({ postgresql: { architecture: 'standalone', primary: { persistence: { enabled: true } } }, redis: { architecture: 'standalone', master: { persistence: { enabled: true } } } }))).not.toThrow();
    const lines = warnings(bundledValues({ minio: { persistence: { enabled: false } } }));
    expect(lines.find((l) => l.startsWith('warning: minio: '))).toContain('minio.persistence.enabled');
    const e = refusal(bundledValues({ postgresql: { architecture: 'replication' }, redis: { architecture: 'replication' } }));
    expect(e.issues.map((i) => i.path).sort()).toEqual(['postgresql.architecture', 'redis.architecture']);
    expect(e.issues.find((i) => i.path === 'redis.architecture')!.allowed).toContain('replication is not mapped');
  });

  it('list every key without an equivalent in one warning per service (placement, images, probes, MinIO\'s ingress, ...)', () => {
    const values = bundledValues({
      postgresql: { image: { tag: '16-alpine' }, primary: { affinity: { nodeAffinity: { x: 1 } }, nodeSelector: { disk: 'ssd' }, podAnnotations: { a: 'b' } }, metrics: { enabled: false } },
      redis: { master: { tolerations: [{ key: 'k', operator: 'Exists' }], extraFlags: ['--maxmemory 1gb'] }, service: { type: 'NodePort' } },
      minio: { ingress: { tls: { secretName: 'minio-tls' } }, podAnnotations: { a: 'b' } },
      global: { hosts: { domain: 'example.com', minio: { name: 'minio.example.com' } } },
    });
    const lines = warnings(values);
    const of = (service: string) => lines.filter((l) => l.startsWith(`warning: ${service}: `));
    for (const service of ['postgresql', 'redis', 'minio']) expect(of(service), service).toHaveLength(1);
    expect(of('postgresql')[0]).toContain('replaced by the in-cluster CloudNativePG');
    expect(of('postgresql')[0]).toContain('postgresql.image.tag, postgresql.primary.affinity.nodeAffinity.x, postgresql.primary.nodeSelector.disk');
    expect(of('redis')[0]).toContain('redis.service.type');
    for (const key of ['minio.ingress.tls.secretName', 'minio.podAnnotations.a', 'global.hosts.minio.name']) expect(of('minio')[0]).toContain(key);
  });

  it('ignore passwords in the values (listed in the service\'s warning): the Secrets `gitlab-iac secrets` writes hold them', () => {
    const values = bundledValues({ postgresql: { postgresqlPassword: 'p', auth: { password: 'q' } }, redis: { password: 'r' }, minio: { accessKey: 'a', secretKey: 's' } });
    const lines = warnings(values);
    expect(lines.join('\n')).toContain('postgresql.postgresqlPassword, postgresql.auth.password');
    expect(lines.find((l) => l.startsWith('warning: minio: '))).toContain('passwords come from the Secrets `gitlab-iac secrets` writes');
    // No secret value reaches the output.
    const text = JSON.stringify(synthPlatform(fromHelmValues(values)));
    for (const secret of ['"p"', '"q"', '"r"']) expect(text).not.toContain(secret);
  });

  it('map resources and storage from every layout the Bitnami charts accept', () => {
    const props = fromHelmValues(bundledValues({
      postgresql: { resources: { requests: { cpu: 1, memory: '1Gi' } } },
      redis: { resources: { requests: { cpu: '100m', memory: '256Mi' } }, master: { persistence: { size: '8Gi', storageClass: 'longhorn' } } },
    }));
    const ics = props.inClusterServices as any;
    expect(ics.postgres.resources).toEqual({ requests: { cpu: '1', memory: '1Gi' } });
    expect(ics.redis.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' } });
    expect(ics.redis.storage).toEqual({ size: '8Gi', storageClass: 'longhorn' });
  });

  it('say where storage goes for keys the chart itself ignores (redis.replica with standalone, global.minio.persistence)', () => {
    const lines = warnings(bundledValues({ redis: { replica: { persistence: { size: '8Gi' } } }, global: { hosts: { domain: 'example.com' }, minio: { persistence: { size: '20Gi' } } } }));
    expect(lines.find((l) => l.startsWith('warning: redis.replica.persistence.size: ignored'))).toContain('redis.master.{persistence,resources}');
    expect(lines.find((l) => l.startsWith('warning: global.minio.persistence.size: ignored'))).toContain('minio.persistence');
  });

  it('map postgresql.auth.existingSecret / secretKeys.userPasswordKey onto the owner\'s Secret; auth.username other than GitLab\'s user is ignored, as the chart overrides it', () => {
    const values = bundledValues({ postgresql: { auth: { username: 'postgres', database: 'gitlabhq_production', existingSecret: 'pg-pass', secretKeys: { userPasswordKey: 'user-pw', adminPasswordKey: 'admin-pw' } } } });
    const props = fromHelmValues(values);
    expect((props.inClusterServices as any).postgres.password).toEqual({ name: 'pg-pass', key: 'user-pw' });
    expect(props.postgres.password).toEqual({ name: 'pg-pass', key: 'user-pw' });
    const lines = warnings(values);
    expect(lines.find((l) => l.startsWith('warning: postgresql.auth.username: ignored'))).toContain('"gitlab"');
    expect(lines.find((l) => l.startsWith('warning: postgresql: '))).toContain('postgresql.auth.secretKeys.adminPasswordKey');
    expect(lines.some((l) => l.includes('postgresql.auth.database'))).toBe(false);
    const cluster = find(synthPlatform(props), 'Cluster', 'gitlab-postgresql');
    expect(cluster.spec.bootstrap.initdb).toMatchObject({ owner: 'gitlab', secret: { name: 'pg-pass' } });
  });

  it('map redis.auth.{existingSecret,existingSecretPasswordKey}; AUTH turned off still gives Valkey a password, with a warning', () => {
    const props = fromHelmValues(bundledValues({ redis: { auth: { existingSecret: 'gitlab-redis-secret', existingSecretPasswordKey: 'redis-password' } } }));
    expect((props.inClusterServices as any).redis.password).toEqual({ name: 'gitlab-redis-secret', key: 'redis-password' });
    expect(props.redis.password).toEqual({ name: 'gitlab-redis-secret', key: 'redis-password' });
    const off = bundledValues({ redis: { auth: { enabled: false } }, global: { hosts: { domain: 'example.com' }, redis: { auth: { enabled: false } } } });
    expect((fromHelmValues(off).inClusterServices as any).redis.password).toEqual({ name: 'gitlab-redis-secret', key: 'secret' });
    expect(warnings(off).find((l) => l.includes('redis.auth.enabled: false'))).toContain('still requires a password');
  });
});
