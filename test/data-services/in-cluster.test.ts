import { spawn, spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { fromHelmValues, GitLabConfigError, GitLabPlatformInput, GitLabPlatformProps } from '../../constructs';
import { resolveConfig } from '../../constructs/config/resolve';
import { ResolvedConfig } from '../../constructs/config/resolved';
import { GARAGE_BOOTSTRAP_SCRIPT } from '../../constructs/data-services/garage/bootstrap-script';
import { generateInClusterCredentials, inClusterSecretManifests } from '../../constructs/data-services/secrets';
import { KUBERNETES_VERSIONS, validateObjects, VENDORED_CRDS } from '../support/kube-schema';
import { allows, networkPolicies } from '../support/network-policy';
import { restrictedViolations } from '../support/pod-security';
import { container, envOf, find, KubeObject, synthPlatform } from '../support/synth';
import { startFakeGarage } from './fake-garage';

/** The evaluation platform from the typed API: a domain and the three in-cluster services. */
const TYPED: GitLabPlatformInput = {
  hosts: { domain: 'example.com' },
  ingress: { tls: { acme: { email: 'admin@example.com' } } },
  inClusterServices: { postgres: true, redis: true, objectStorage: true },
};
/** The same from a values file of the official chart holding only a domain and an e-mail (its quick start). */
const DOMAIN_ONLY_VALUES = { global: { hosts: { domain: 'example.com' } }, 'certmanager-issuer': { email: 'admin@example.com' } };

const synth = (p: GitLabPlatformInput) => synthPlatform(p as GitLabPlatformProps);
const sourceProps = (source: string): GitLabPlatformProps => (source === 'the typed API' ? TYPED as GitLabPlatformProps : fromHelmValues(DOMAIN_ONLY_VALUES));
/** Every Secret key a workload's pods mount (projected volumes). */
const secretsOf = (o: KubeObject): { name: string; key: string }[] => (o.spec.template.spec.volumes ?? [])
  .flatMap((v: any) => v.projected?.sources ?? [])
  .flatMap((src: any) => (src.secret ? src.secret.items.map((i: { key: string }) => ({ name: src.secret.name, key: i.key })) : []));
const ALL_BUCKETS = ['git-lfs', 'gitlab-artifacts', 'gitlab-backups', 'gitlab-ci-secure-files', 'gitlab-dependency-proxy', 'gitlab-mr-diffs',
  'gitlab-packages', 'gitlab-pages', 'gitlab-terraform-state', 'gitlab-uploads', 'registry', 'tmp'];
/** The chart leaves these object types off by default (values import). */
const CHART_OFF = ['gitlab-ci-secure-files', 'gitlab-dependency-proxy', 'gitlab-mr-diffs', 'gitlab-terraform-state'];

describe.each([
  ['the typed API', () => resolveConfig(TYPED), ALL_BUCKETS],
  ['a domain-only values file', () => resolveConfig(fromHelmValues(DOMAIN_ONLY_VALUES)), ALL_BUCKETS.filter((b) => !CHART_OFF.includes(b))],
])('GitLab is wired to the in-cluster services, from %s', (_, config: () => ResolvedConfig, buckets: string[]) => {
  it('PostgreSQL: the CloudNativePG Cluster\'s -rw Service on 5432, the password CloudNativePG keeps in <cluster>-app', () => {
    const c = config();
    expect(c.postgres.main).toMatchObject({ host: 'gitlab-postgresql-rw', port: 5432, database: 'gitlabhq_production', username: 'gitlab', password: { name: 'gitlab-postgresql-app', key: 'password' } });
    expect(c.inClusterServices?.postgres).toMatchObject({ name: 'gitlab-postgresql', host: 'gitlab-postgresql-rw', owner: 'gitlab', database: 'gitlabhq_production' });
  });

  it('Redis: the Valkey Service on 6379, AUTH from the chart\'s <release>-redis-secret', () => {
    const c = config();
    expect(c.redis).toMatchObject({ host: 'gitlab-valkey', port: 6379, password: { name: 'gitlab-redis-secret', key: 'secret' } });
    expect(c.inClusterServices?.redis?.persistent).toMatchObject({ name: 'gitlab-valkey', maxMemoryPolicy: 'noeviction' });
  });

  it('object storage: Rails, the registry and the backups read the clients\' Secret built from Garage\'s key', () => {
    const c = config();
    expect(c.objectStorage.connection).toEqual({ name: 'gitlab-object-storage', key: 'connection' });
    expect(c.components.registry?.storage).toEqual({ name: 'gitlab-object-storage', key: 'registry' });
    expect(c.components.toolbox?.backupS3cmdConfig).toEqual({ name: 'gitlab-object-storage', key: 's3cfg' });
    expect(c.inClusterServices?.objectStorage).toMatchObject({ endpoint: 'http://gitlab-garage.gitlab.svc:3900', region: 'garage' });
  });

  it('Garage gets every bucket GitLab uses: each object type that is on, backups and their staging bucket, the registry', () => {
    expect(config().inClusterServices?.objectStorage?.buckets).toEqual(buckets);
  });

  it('the platform synthesizes, strictly valid with the CloudNativePG CRD', () => {
    const objects = synthPlatform(sourceProps(_));
    expect(validateObjects(objects, '1.36', VENDORED_CRDS)).toEqual([]);
  });
});

describe('the evaluation platform\'s objects', () => {
  const objects = synth(TYPED);

  it('are strictly valid on every Kubernetes version, the CloudNativePG Cluster against its CRD', () => {
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(objects, version, VENDORED_CRDS)).toEqual([]);
  });

  it('run every pod under the restricted Pod Security Standard', () => {
    expect(restrictedViolations(objects)).toEqual([]);
  });

  it('label every in-cluster service object non-production', () => {
    const services = objects.filter((o) => /postgresql|valkey|garage/.test(o.metadata.name) && o.kind !== 'NetworkPolicy');
    expect(services.length).toBeGreaterThan(5);
    expect(services.filter((o) => o.metadata.labels?.['gitlab-iac/non-production'] !== 'true').map((o) => o.metadata.name)).toEqual([]);
  });

  it('pin every image', () => {
    const images = JSON.stringify(objects).match(/"(image|imageName)":"[^"]+"/g)!.map((s) => s.split('":"')[1].slice(0, -1));
    expect(images.filter((i) => !/:[\w][\w.-]*$/.test(i) || /:latest$/.test(i))).toEqual([]);
  });

  it('the Cluster: PostgreSQL 17, the extensions GitLab needs created in its database, max_connections from the Rails pods', () => {
    const cluster = find(objects, 'Cluster', 'gitlab-postgresql');
    expect(cluster.spec.imageName).toMatch(/^ghcr\.io\/cloudnative-pg\/postgresql:17\.\d+$/);
    expect(cluster.spec.instances).toBe(1);
    expect(cluster.spec.bootstrap.initdb).toMatchObject({ database: 'gitlabhq_production', owner: 'gitlab' });
    expect(cluster.spec.bootstrap.initdb.postInitApplicationSQL).toEqual(['pg_trgm', 'btree_gist', 'plpgsql', 'amcheck', 'pg_stat_statements']
      .map((e) => `CREATE EXTENSION IF NOT EXISTS ${e};`));
    // 10 webservice pods x 2 workers x (4 threads + 10) + 10 Sidekiq x (20 + 1 + 10), twice (main, ci), + 50 → 1300.
    expect(cluster.spec.postgresql.parameters.max_connections).toBe('1300');
    expect(cluster.spec.storage).toEqual({ size: '8Gi' });
  });

  it('Rails reads the database password from the Secret CloudNativePG writes', () => {
    const web = find(objects, 'Deployment', 'gitlab-webservice-default');
    expect(secretsOf(web)).toContainEqual({ name: 'gitlab-postgresql-app', key: 'password' });
    expect(secretsOf(web)).toContainEqual({ name: 'gitlab-redis-secret', key: 'secret' });
    expect(secretsOf(web)).toContainEqual({ name: 'gitlab-object-storage', key: 'connection' });
    expect(secretsOf(find(objects, 'Deployment', 'gitlab-registry'))).toContainEqual({ name: 'gitlab-object-storage', key: 'registry' });
    expect(secretsOf(find(objects, 'Deployment', 'gitlab-toolbox'))).toContainEqual({ name: 'gitlab-object-storage', key: 's3cfg' });
  });

  it('Valkey: AUTH from the Secret, an append-only file on a volume kept when the StatefulSet goes, noeviction', () => {
    const sts = find(objects, 'StatefulSet', 'gitlab-valkey');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(container(sts, 'valkey').env).toContainEqual({ name: 'REDISCLI_AUTH', valueFrom: { secretKeyRef: { name: 'gitlab-redis-secret', key: 'secret' } } });
    const conf = find(objects, 'ConfigMap', 'gitlab-valkey').data['valkey.conf'];
    expect(conf).toContain('maxmemory-policy noeviction');
    expect(conf).toContain('appendonly yes');
    expect(conf).not.toContain('requirepass');
  });

  it('Garage: retained volumes, secrets from env, a bootstrap Job naming every bucket', () => {
    const sts = find(objects, 'StatefulSet', 'gitlab-garage');
    expect(sts.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(sts.spec.template.spec.containers[0].image).toMatch(/^docker\.io\/dxflrs\/garage:v\d+\.\d+\.\d+$/);
    const job = objects.find((o) => o.kind === 'Job' && o.metadata.name.startsWith('gitlab-garage-bootstrap-'))!;
    const env = envOf(container(job, 'bootstrap'));
    expect(env.GARAGE_ADMIN_URL).toBe('http://gitlab-garage:3903');
    expect(env.GARAGE_BUCKETS.split(' ')).toEqual(resolveConfig(TYPED).inClusterServices!.objectStorage!.buckets);
    expect(env.GARAGE_CAPACITY).toBe(String(10 * 1024 ** 3));
  });

  it('a synth with in-cluster services is deterministic', () => {
    expect(JSON.stringify(synth(TYPED))).toBe(JSON.stringify(objects));
  });
});

describe('deny-by-default NetworkPolicies admit only the components that use each service', () => {
  const objects = synth(TYPED);
  const policies = networkPolicies(objects);
  const pod = (app: string) => ({ namespace: 'gitlab', labels: { app, release: 'gitlab' } });
  it.each([
    ['webservice', 'postgresql', 5432, true], ['sidekiq', 'postgresql', 5432, true], ['migrations', 'postgresql', 5432, true],
    ['gitlab-shell', 'postgresql', 5432, false], ['gitaly', 'postgresql', 5432, false], ['registry', 'postgresql', 5432, false],
    ['webservice', 'valkey', 6379, true], ['kas', 'valkey', 6379, true], ['gitaly', 'valkey', 6379, false], ['registry', 'valkey', 6379, false],
    ['webservice', 'garage', 3900, true], ['registry', 'garage', 3900, true], ['toolbox', 'garage', 3900, true],
    ['gitlab-shell', 'garage', 3900, false], ['webservice', 'garage', 3903, false], ['garage-bootstrap', 'garage', 3903, true],
  ])('%s -> %s:%i allowed: %s', (from, to, port, expected) => {
    expect(allows(policies, { from: pod(from), to: pod(to), port })).toBe(expected);
  });

  it('the CloudNativePG operator reaches the instances\' status port; other namespaces do not', () => {
    expect(allows(policies, { from: { namespace: 'cnpg-system', labels: { 'app.kubernetes.io/name': 'cloudnative-pg' } }, to: pod('postgresql'), port: 8000 })).toBe(true);
    expect(allows(policies, { from: { namespace: 'default', labels: {} }, to: pod('postgresql'), port: 8000 })).toBe(false);
  });
});

describe('settings the in-cluster services own', () => {
  it('refuse an external setting next to its in-cluster service, each with its path and fix', () => {
    try {
      resolveConfig({ ...TYPED, postgres: { host: 'db.example.com', password: { name: 'pg' } }, redis: { host: 'redis.example.com' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GitLabConfigError);
      const issues = (e as GitLabConfigError).issues;
      expect(issues.map((i) => i.path)).toEqual(['postgres.host', 'postgres.password', 'redis.host']);
      expect(issues[0].fix).toContain('inClusterServices.postgres');
    }
  });

  it('keep the external settings required when the in-cluster one is off', () => {
    expect(() => resolveConfig({ hosts: { domain: 'example.com' }, ingress: { tls: false }, inClusterServices: { redis: true, objectStorage: true } }))
      .toThrow(/postgres: .*inClusterServices: \{ postgres: true \}/);
  });

  it('refuse a PostgreSQL major GitLab 18.9 does not support', () => {
    expect(() => resolveConfig({ ...TYPED, inClusterServices: { postgres: { image: 'ghcr.io/cloudnative-pg/postgresql:15.10' } } }))
      .toThrow(/inClusterServices\.postgres\.image: .*16 or 17/);
  });

  it('report every bad in-cluster setting at once, with its path (no stack trace)', () => {
    try {
      resolveConfig({ ...TYPED, inClusterServices: { postgres: { instances: 0, storage: { size: 'lots' } }, redis: 'yes', minio: true } as never });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(GitLabConfigError);
      expect((e as GitLabConfigError).issues.map((i) => i.path)).toEqual(expect.arrayContaining([
        'inClusterServices.postgres.instances', 'inClusterServices.postgres.storage.size', 'inClusterServices.redis', 'inClusterServices.minio',
      ]));
    }
  });

  it('size max_connections from fixed replicas too', () => {
    const c = resolveConfig({ ...TYPED, components: { webservice: { autoscaling: false, replicas: 1 }, sidekiq: { autoscaling: false, replicas: 1 } } });
    expect(c.inClusterServices?.postgres?.maxConnections).toBe(400);
  });
});

describe('options of the in-cluster services', () => {
  it('a Valkey cache (allkeys-lru, no volume) serves GitLab\'s cache; metrics on 9121', () => {
    const p: GitLabPlatformInput = { ...TYPED, inClusterServices: { ...TYPED.inClusterServices, redis: { cache: { maxMemory: '256mb' }, metrics: true } } };
    const c = resolveConfig(p);
    expect(c.redis.forPurpose.cache).toMatchObject({ host: 'gitlab-valkey-cache', port: 6379 });
    expect(c.redis.forPurpose.sharedState).toMatchObject({ host: 'gitlab-valkey' });
    const objects = synth(p);
    expect(find(objects, 'ConfigMap', 'gitlab-valkey-cache').data['valkey.conf']).toContain('maxmemory-policy allkeys-lru\nmaxmemory 256mb');
    expect(find(objects, 'StatefulSet', 'gitlab-valkey-cache').spec.volumeClaimTemplates).toBeUndefined();
    expect(container(find(objects, 'StatefulSet', 'gitlab-valkey'), 'metrics').ports[0].containerPort).toBe(9121);
  });

  it('PostgreSQL backups: WAL archive and a daily ScheduledBackup to Garage\'s postgres-backups bucket', () => {
    const p: GitLabPlatformInput = { ...TYPED, inClusterServices: { ...TYPED.inClusterServices, postgres: { backup: {} } } };
    const objects = synth(p);
    const cluster = find(objects, 'Cluster', 'gitlab-postgresql');
    expect(cluster.spec.backup.barmanObjectStore).toMatchObject({ destinationPath: 's3://postgres-backups/', endpointURL: 'http://gitlab-garage.gitlab.svc:3900' });
    expect(find(objects, 'ScheduledBackup', 'gitlab-postgresql-daily').spec).toMatchObject({ cluster: { name: 'gitlab-postgresql' }, schedule: '0 0 3 * * *' });
    expect(resolveConfig(p).inClusterServices?.objectStorage?.buckets).toContain('postgres-backups');
    expect(validateObjects(objects, '1.36', VENDORED_CRDS)).toEqual([]);
  });
});

describe('the values import maps the bundled services\' settings', () => {
  it('persistence size and class, resources, metrics and the Redis password Secret', () => {
    const props = fromHelmValues({
      ...DOMAIN_ONLY_VALUES,
      postgresql: { primary: { persistence: { size: '20Gi', storageClass: 'fast' }, resources: { requests: { cpu: 1, memory: '2Gi' } } } },
      redis: { master: { persistence: { size: '4Gi' } }, metrics: { enabled: false }, auth: { existingSecret: 'my-redis', existingSecretKey: 'pw' } },
      minio: { persistence: { size: '50Gi', storageClass: 'bulk' } },
    });
    const s = resolveConfig(props).inClusterServices!;
    expect(s.postgres).toMatchObject({ storage: { size: '20Gi', storageClass: 'fast' }, resources: { requests: { cpu: '1', memory: '2Gi' } } });
    expect(s.redis).toMatchObject({ metrics: false, password: { name: 'my-redis', key: 'pw' }, persistent: { storage: { size: '4Gi' } } });
    expect(s.objectStorage?.storage).toEqual({ size: '50Gi', storageClass: 'bulk' });
    expect(props.redis.password).toEqual({ name: 'my-redis', key: 'pw' });
  });

  it('keep external services where the values name them', () => {
    const props = fromHelmValues({ ...DOMAIN_ONLY_VALUES, postgresql: { install: false }, global: { ...DOMAIN_ONLY_VALUES.global, psql: { host: 'db.example.com' } } });
    expect(props.inClusterServices).toEqual({ redis: expect.anything(), objectStorage: expect.anything() });
    expect(props.postgres.host).toBe('db.example.com');
  });

  it('take the bundled PostgreSQL\'s password Secret as the owner\'s: CloudNativePG bootstraps from it, GitLab reads its key', () => {
    const props = fromHelmValues({ ...DOMAIN_ONLY_VALUES, global: { ...DOMAIN_ONLY_VALUES.global, psql: { password: { secret: 'old-pg' } } } });
    expect((props.inClusterServices as any).postgres.password).toEqual({ name: 'old-pg', key: 'postgresql-password' });
    expect(props.postgres.password).toEqual({ name: 'old-pg', key: 'postgresql-password' });
  });
});

describe('the owner\'s password in a Secret of the user\'s (inClusterServices.postgres.password)', () => {
  const props = fromHelmValues({ ...DOMAIN_ONLY_VALUES, global: { ...DOMAIN_ONLY_VALUES.global, psql: { password: { secret: 'gitlab-postgresql-password', key: 'postgresql-password' } } } });

  it('bootstraps the CloudNativePG owner from it; GitLab reads its key; schema-valid and restricted', () => {
    const objects = synth(props);
    const cluster = find(objects, 'Cluster', 'gitlab-postgresql');
    expect(cluster.spec.bootstrap.initdb).toMatchObject({ database: 'gitlabhq_production', owner: 'gitlab', secret: { name: 'gitlab-postgresql-password' } });
    const web = JSON.stringify(find(objects, 'Deployment', 'gitlab-webservice-default'));
    expect(web).toContain('{"secret":{"items":[{"key":"postgresql-password","path":"postgres/psql-password-ci"},{"key":"postgresql-password"');
    expect(web).toContain('"name":"gitlab-postgresql-password"');
    for (const version of KUBERNETES_VERSIONS) expect(validateObjects(objects, version, VENDORED_CRDS)).toEqual([]);
    expect(restrictedViolations(objects)).toEqual([]);
  });

  it('is written by cli secrets with username, password and GitLab\'s key holding the same password', () => {
    const manifests = inClusterSecretManifests(resolveConfig(props), generateInClusterCredentials());
    const owner = manifests.find((m) => m.metadata.name === 'gitlab-postgresql-password')!;
    expect(owner.type).toBe('kubernetes.io/basic-auth');
    expect(owner.stringData.username).toBe('gitlab');
    expect(owner.stringData.password).toMatch(/^.{64}$/);
    expect(owner.stringData['postgresql-password']).toBe(owner.stringData.password);
  });
});

describe('cli secrets\' credentials for the in-cluster services', () => {
  const config = resolveConfig(TYPED);
  const creds = generateInClusterCredentials();
  const manifests = inClusterSecretManifests(config, creds);
  const data = (name: string) => manifests.find((m) => m.metadata.name === name)!.stringData;

  it('are in the formats the images read: Garage\'s GK key id, hex secrets', () => {
    expect(creds.garageAccessKeyId).toMatch(/^GK[0-9a-f]{24}$/);
    expect(creds.garageSecretAccessKey).toMatch(/^[0-9a-f]{64}$/);
    expect(creds.garageRpcSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(manifests.map((m) => m.metadata.name)).toEqual(['gitlab-redis-secret', 'gitlab-garage', 'gitlab-object-storage']);
    expect(Object.keys(data('gitlab-garage'))).toEqual(['rpc-secret', 'admin-token', 'access-key-id', 'secret-access-key']);
  });

  it('build the Rails, registry and s3cmd configuration from the same key, path-style on the in-cluster endpoint', () => {
    expect(parse(data('gitlab-object-storage').connection)).toEqual({
      provider: 'AWS', region: 'garage', endpoint: 'http://gitlab-garage.gitlab.svc:3900', path_style: true,
      aws_access_key_id: creds.garageAccessKeyId, aws_secret_access_key: creds.garageSecretAccessKey,
    });
    expect(parse(data('gitlab-object-storage').registry)).toEqual({
      s3: {
        accesskey: creds.garageAccessKeyId, secretkey: creds.garageSecretAccessKey, region: 'garage', regionendpoint: 'http://gitlab-garage.gitlab.svc:3900',
        bucket: 'registry', forcepathstyle: true, secure: false, v4auth: true, rootdirectory: '/',
      },
      redirect: { disable: true },
    });
    const s3cfg = data('gitlab-object-storage').s3cfg;
    expect(s3cfg).toContain(`access_key = ${creds.garageAccessKeyId}\nsecret_key = ${creds.garageSecretAccessKey}`);
    expect(s3cfg).toContain('host_base = gitlab-garage.gitlab.svc:3900\nhost_bucket = gitlab-garage.gitlab.svc:3900\nuse_https = False');
  });

  it('never appear in the manifests', () => {
    const yaml = JSON.stringify(synth(TYPED));
    for (const value of Object.values(creds)) expect(yaml).not.toContain(value);
  });
});

const hasCurl = spawnSync('curl', ['--version']).status === 0;

describe.skipIf(!hasCurl)('the Garage bootstrap script, run against a stand-in of Garage\'s admin API', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); });

  const run = (env: Record<string, string>) => new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn('sh', ['-c', GARAGE_BOOTSTRAP_SCRIPT], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });

  it('assigns the layout, imports the key, creates and grants every bucket; a second run changes nothing', async () => {
    const garage = await startFakeGarage('admin-token-1');
    close = garage.close;
    const creds = generateInClusterCredentials();
    const env = {
      GARAGE_ADMIN_URL: garage.url, GARAGE_ADMIN_TOKEN: 'admin-token-1', GARAGE_ACCESS_KEY_ID: creds.garageAccessKeyId,
      GARAGE_SECRET_ACCESS_KEY: creds.garageSecretAccessKey, GARAGE_CAPACITY: '10737418240', GARAGE_BUCKETS: 'gitlab-artifacts registry tmp',
    };
    const first = await run(env);
    expect(first.out).toContain('Garage is ready for GitLab');
    expect(first.code).toBe(0);
    expect(garage.state.layoutVersion).toBe(1);
    expect(garage.state.roles).toEqual([{ id: 'a'.repeat(64), zone: 'dc1', capacity: 10737418240, tags: [] }]);
    expect(garage.state.keys).toEqual({ [creds.garageAccessKeyId]: creds.garageSecretAccessKey });
    expect(Object.keys(garage.state.buckets)).toEqual(['gitlab-artifacts', 'registry', 'tmp']);
    for (const b of Object.values(garage.state.buckets)) expect(b.grants[creds.garageAccessKeyId]).toEqual({ read: true, write: true, owner: true });

    const before = JSON.stringify(garage.state);
    garage.calls.length = 0;
    const second = await run(env);
    expect(second.code).toBe(0);
    expect(JSON.stringify(garage.state)).toBe(before);
    expect(garage.calls.filter((c) => /UpdateClusterLayout|ApplyClusterLayout|ImportKey|CreateBucket/.test(c))).toEqual([]);
  });
});
