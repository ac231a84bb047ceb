import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RedisConfig } from '../../../constructs';
import { hasRuby, parseErbYaml, renderErbWithRuby } from '../../support/erb';
import { container, find, KubeObject, podSpec, synthPlatform } from '../../support/synth';
import {
  base, configMapData, kasConfig, migrationsJob, projectedFiles, RAILS_CONFIG_MAPS, RAILS_WORKLOADS, railsRedis, withRedis,
  workhorseToml,
} from './support';

const GLOBAL_HOST = base.redis.host!;
const encoded = (file: string) => `<%= ERB::Util.url_encode(File.read("/etc/gitlab/redis/${file}").strip) %>`;
const SENTINEL_PASSWORD_ERB = '<%= File.read("/etc/gitlab/redis-sentinel/redis-sentinel-password").strip.to_json %>';

/** Purposes on instances of their own: own Secret, inherited Secret, Sentinels, AUTH off, an ACL user. */
const SPLIT: Partial<RedisConfig> = {
  cache: { host: 'cache.redis.internal', password: { name: 'redis-cache', key: 'password' } },
  sharedState: { host: 'shared.redis.internal' },
  queues: { sentinels: [{ host: 's1.queues.internal' }, { host: 's2.queues.internal', port: 26380 }], masterName: 'gitlab-queues', password: { name: 'redis-queues' } },
  workhorse: { host: 'workhorse.redis.internal', scheme: 'redis', password: false },
  sessions: { host: 'sessions.redis.internal', user: 'gitlab' },
  sentinelPassword: { name: 'redis-sentinel', key: 'password' },
};
const production = synthPlatform(base);
const split = synthPlatform(withRedis(SPLIT));
const PURPOSE_FILES = [
  'redis.cache.yml.erb', 'redis.shared_state.yml.erb', 'redis.queues.yml.erb', 'redis.trace_chunks.yml.erb', 'redis.rate_limiting.yml.erb',
  'redis.sessions.yml.erb', 'redis.repository_cache.yml.erb', 'redis.workhorse.yml.erb',
];
const purposeFilesOf = (objects: KubeObject[], configMap: string) => Object.keys(configMapData(objects, configMap)).filter((k) => PURPOSE_FILES.includes(k)).sort();
const exporter = (objects: KubeObject[]) => find(objects, 'Deployment', 'gitlab-gitlab-exporter');
const exporterSidekiqProbe = (objects: KubeObject[]) => {
  const { doc, erb } = parseErbYaml(configMapData(objects, 'gitlab-gitlab-exporter')['gitlab-exporter.yml.erb']);
  const opts = doc.probes.sidekiq.opts;
  return { ...opts, redis_url: erb(opts.redis_url), ...(opts.redis_sentinel_password ? { redis_sentinel_password: erb(opts.redis_sentinel_password) } : {}) };
};

describe('Rails Redis files per purpose', () => {
  it('are absent while every purpose uses the global Redis', () => {
    for (const name of RAILS_CONFIG_MAPS) expect(purposeFilesOf(production, name), name).toEqual([]);
  });

  it('exist in every Rails pod exactly for the purposes with an instance of their own', () => {
    const expected = ['redis.cache.yml.erb', 'redis.queues.yml.erb', 'redis.sessions.yml.erb', 'redis.shared_state.yml.erb', 'redis.workhorse.yml.erb'];
    for (const name of RAILS_CONFIG_MAPS) expect(purposeFilesOf(split, name), name).toEqual(expected);
  });

  it('have a file for each of the eight Rails purposes, named as the chart names them', () => {
    const all = synthPlatform(withRedis({
      cache: { host: 'a.internal' }, sharedState: { host: 'b.internal' }, queues: { host: 'c.internal' }, traceChunks: { host: 'd.internal' },
      rateLimiting: { host: 'e.internal' }, sessions: { host: 'f.internal' }, repositoryCache: { host: 'g.internal' }, workhorse: { host: 'h.internal' },
    }));
    expect(purposeFilesOf(all, 'gitlab-sidekiq')).toEqual([...PURPOSE_FILES].sort());
    expect(railsRedis(all, 'redis.trace_chunks.yml.erb').url).toBe(`rediss://:${encoded('traceChunks-password')}@d.internal:6379/0`);
    expect(railsRedis(all, 'redis.repository_cache.yml.erb').url).toBe(`rediss://:${encoded('repositoryCache-password')}@g.internal:6379/0`);
  });

  it('point a purpose at its own host, inheriting the global scheme, port and database', () => {
    expect(railsRedis(split, 'redis.cache.yml.erb')).toEqual({ url: `rediss://:${encoded('cache-password')}@cache.redis.internal:6379/0`, id: null });
  });

  it('read an inherited password from a file named after the purpose', () => {
    expect(railsRedis(split, 'redis.shared_state.yml.erb').url).toBe(`rediss://:${encoded('sharedState-password')}@shared.redis.internal:6379/0`);
  });

  it('carry no credentials for an instance with AUTH off, and follow its own scheme', () => {
    const { doc, expressions } = parseErbYaml(configMapData(split, 'gitlab-webservice')['redis.workhorse.yml.erb']);
    expect(doc.production.url).toBe('redis://workhorse.redis.internal:6379/0');
    expect(expressions).toEqual([]);
  });

  it('put the ACL user before the password', () => {
    expect(railsRedis(split, 'redis.sessions.yml.erb').url).toBe(`rediss://gitlab:${encoded('sessions-password')}@sessions.redis.internal:6379/0`);
  });

  it('name the Sentinel master in the URL and list the Sentinels (26379 by default) with their password', () => {
    expect(railsRedis(split, 'redis.queues.yml.erb')).toEqual({
      url: `rediss://:${encoded('queues-password')}@gitlab-queues:6379/0`,
      sentinels: [{ host: 's1.queues.internal', port: 26379 }, { host: 's2.queues.internal', port: 26380 }],
      sentinel_password: SENTINEL_PASSWORD_ERB,
      id: null,
    });
  });

  it('leave resque.yml and redis.action_cable.yml on the global Redis', () => {
    for (const key of ['resque.yml.erb', 'redis.action_cable.yml.erb']) {
      expect(railsRedis(split, key).url, key).toBe(`rediss://:${encoded('redis-password')}@${GLOBAL_HOST}:6379/0`);
    }
  });

  it('move Action Cable to redis.actioncable in cable.yml', () => {
    const objects = synthPlatform(withRedis({ actioncable: { host: 'cable.redis.internal', database: 3 } }));
    expect(railsRedis(objects, 'cable.yml.erb')).toEqual({
      url: `rediss://:${encoded('actioncable-password')}@cable.redis.internal:6379/3`, id: null, adapter: 'redis', channel_prefix: null,
    });
    expect(railsRedis(production, 'cable.yml.erb').url).toBe(`rediss://:${encoded('redis-password')}@${GLOBAL_HOST}:6379/0`);
  });

  it('are the same in every Rails pod', () => {
    for (const key of ['redis.queues.yml.erb', 'redis.cache.yml.erb', 'cable.yml.erb']) {
      const texts = RAILS_CONFIG_MAPS.map((name) => configMapData(split, name)[key]);
      expect(new Set(texts).size, key).toBe(1);
    }
  });
});

describe('Rails Redis secret files', () => {
  const expected = {
    'redis/cache-password': 'redis-cache/password',
    'redis/sharedState-password': 'gitlab-redis-password/password',
    'redis/queues-password': 'redis-queues/password',
    'redis/sessions-password': 'gitlab-redis-password/password',
    'redis/redis-password': 'gitlab-redis-password/password',
    'redis-sentinel/redis-sentinel-password': 'redis-sentinel/password',
  };
  const redisFiles = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith('redis')));

  it('project each instance\'s password at redis/<purpose>-password, and the Sentinel password, in every Rails pod', () => {
    for (const w of RAILS_WORKLOADS) expect(redisFiles(projectedFiles(find(split, w.kind, w.name), w.volume)), w.name).toEqual(expected);
    expect(redisFiles(projectedFiles(migrationsJob(split), 'init-migrations-secrets'))).toEqual(expected);
  });

  it('project only the global password while no purpose has its own instance', () => {
    const files = redisFiles(projectedFiles(find(production, 'Deployment', 'gitlab-sidekiq-all-in-1-v2'), 'init-sidekiq-secrets'));
    expect(files).toEqual({ 'redis/redis-password': 'gitlab-redis-password/password' });
  });

  it('leave out the Sentinel password while no instance Rails reads uses Sentinels', () => {
    const objects = synthPlatform(withRedis({
      kas: { sentinels: [{ host: 's1.kas.internal' }], masterName: 'kas' }, sentinelPassword: { name: 'redis-sentinel' },
    }));
    const files = projectedFiles(find(objects, 'Deployment', 'gitlab-webservice-default'), 'init-webservice-secrets');
    expect(Object.keys(files)).not.toContain('redis-sentinel/redis-sentinel-password');
  });

  it('are copied by configure into /etc/gitlab when present (redis and redis-sentinel are optional folders)', () => {
    expect(configMapData(split, 'gitlab-webservice').configure).toMatch(/for secret in [^;]*\bredis redis-sentinel\b[^;]*; do\n {2}if \[ -e/);
  });
});

describe('Workhorse Redis', () => {
  it('uses redis.workhorse when set, without a password when its AUTH is off', () => {
    expect(workhorseToml(split)).toContain('[redis]\nDB = 0\nURL = "redis://workhorse.redis.internal:6379"\n\n');
    expect(configMapData(split, 'gitlab-workhorse-default').configure).not.toContain('redis');
  });

  it('falls back to the global Redis and copies its password', () => {
    const objects = synthPlatform(withRedis({ cache: { host: 'cache.redis.internal' } }));
    expect(workhorseToml(objects)).toContain(`URL = "rediss://${GLOBAL_HOST}:6379"\nPassword = {% file.Read "/etc/gitlab/redis/redis-password" | strings.TrimSpace | data.ToJSON %}`);
    expect(configMapData(objects, 'gitlab-workhorse-default').configure).toContain('cp -v -L /init-config/redis/redis-password /init-secrets-workhorse/redis/redis-password');
  });

  it('asks the Sentinels for the master, with both passwords read from files', () => {
    const objects = synthPlatform(withRedis({
      workhorse: { sentinels: [{ host: 's1.internal' }, { host: 's2.internal', port: 26380 }], masterName: 'gitlab-workhorse', password: { name: 'redis-workhorse' } },
      sentinelPassword: { name: 'redis-sentinel' },
    }));
    const toml = workhorseToml(objects);
    expect(toml).toContain('SentinelMaster = "gitlab-workhorse"\nSentinel = [ "rediss://s1.internal:26379", "rediss://s2.internal:26380" ]\n');
    expect(toml).toContain('Password = {% file.Read "/etc/gitlab/redis/workhorse-password" | strings.TrimSpace | data.ToJSON %}');
    expect(toml).toContain('SentinelPassword = {% file.Read "/etc/gitlab/redis-sentinel/redis-sentinel-password" | strings.TrimSpace | data.ToJSON %}');
    expect(toml).not.toContain('URL =');
    const configure = configMapData(objects, 'gitlab-workhorse-default').configure;
    expect(configure).toContain('cp -v -L /init-config/redis/workhorse-password /init-secrets-workhorse/redis/workhorse-password');
    expect(configure).toContain('cp -v -L /init-config/redis-sentinel/redis-sentinel-password /init-secrets-workhorse/redis-sentinel/redis-sentinel-password');
  });
});

describe('kas Redis', () => {
  const kasFiles = (objects: KubeObject[]) => {
    const volume = podSpec(find(objects, 'Deployment', 'gitlab-kas')).volumes.find((v: any) => v.name === 'init-etc-kas');
    return Object.fromEntries(volume.projected.sources.filter((s: any) => s.secret).flatMap((s: any) =>
      s.secret.items.filter((i: any) => i.path.startsWith('redis')).map((i: any) => [i.path, `${s.secret.name}/${i.key}`])));
  };

  it('uses redis.kas first', () => {
    const objects = synthPlatform(withRedis({ ...SPLIT, kas: { host: 'kas.redis.internal', password: { name: 'redis-kas' } } }));
    expect(kasConfig(objects).redis).toEqual({
      password_file: '/etc/kas/redis/kas-password', database_index: 0, server: { address: 'kas.redis.internal:6379' }, tls: { enabled: true },
    });
    expect(kasFiles(objects)).toEqual({ 'redis/kas-password': 'redis-kas/password' });
  });

  it('falls back to redis.sharedState', () => {
    expect(kasConfig(split).redis).toEqual({
      password_file: '/etc/kas/redis/sharedState-password', database_index: 0, server: { address: 'shared.redis.internal:6379' }, tls: { enabled: true },
    });
    expect(kasFiles(split)).toEqual({ 'redis/sharedState-password': 'gitlab-redis-password/password' });
  });

  it('falls back to the global Redis last', () => {
    expect(kasConfig(production).redis.server).toEqual({ address: `${GLOBAL_HOST}:6379` });
    expect(kasFiles(production)).toEqual({ 'redis/redis-password': 'gitlab-redis-password/password' });
  });

  it('asks the Sentinels for the master, and names its ACL user', () => {
    const objects = synthPlatform(withRedis({
      kas: { sentinels: [{ host: 's1.internal' }, { host: 's2.internal' }], masterName: 'gitlab-kas', user: 'kas', scheme: 'redis' },
      sentinelPassword: { name: 'redis-sentinel' },
    }));
    expect(kasConfig(objects).redis).toEqual({
      username: 'kas',
      password_file: '/etc/kas/redis/kas-password',
      database_index: 0,
      sentinel: {
        addresses: ['s1.internal:26379', 's2.internal:26379'],
        master_name: 'gitlab-kas',
        sentinel_password_file: '/etc/kas/redis-sentinel/redis-sentinel-password',
      },
    });
    expect(kasFiles(objects)).toEqual({ 'redis/kas-password': 'gitlab-redis-password/password', 'redis-sentinel/redis-sentinel-password': 'redis-sentinel/password' });
  });
});

describe('gitlab-exporter Redis', () => {
  it('probes Sidekiq on redis.queues, through its Sentinels, with that instance\'s password mounted', () => {
    expect(exporterSidekiqProbe(split)).toMatchObject({
      redis_url: `rediss://:${encoded('queues-password')}@gitlab-queues:6379/0`,
      redis_sentinels: [{ host: 's1.queues.internal', port: 26379 }, { host: 's2.queues.internal', port: 26380 }],
      redis_sentinel_password: SENTINEL_PASSWORD_ERB,
    });
    const files = projectedFiles(exporter(split), 'init-gitlab-exporter-secrets');
    expect(files['redis/queues-password']).toBe('redis-queues/password');
    expect(files['redis-sentinel/redis-sentinel-password']).toBe('redis-sentinel/password');
    expect(files['redis/redis-password']).toBeUndefined();
  });

  it('probes the global Redis without redis.queues', () => {
    const probe = exporterSidekiqProbe(production);
    expect(probe.redis_url).toBe(`rediss://:${encoded('redis-password')}@${GLOBAL_HOST}:6379/0`);
    expect(probe.redis_sentinels).toBeUndefined();
    expect(projectedFiles(exporter(production), 'init-gitlab-exporter-secrets')['redis/redis-password']).toBe('gitlab-redis-password/password');
  });
});

describe('global Redis through Sentinels', () => {
  const sentinelProps = withRedis({
    host: undefined, sentinels: [{ host: 's1.internal' }, { host: 's2.internal' }, { host: 's3.internal' }], masterName: 'gitlab-redis',
    sentinelPassword: { name: 'redis-sentinel' },
    cache: { database: 2 },
    sharedState: { host: 'shared.redis.internal' },
  });
  const objects = synthPlatform(sentinelProps);
  const SENTINELS = [{ host: 's1.internal', port: 26379 }, { host: 's2.internal', port: 26379 }, { host: 's3.internal', port: 26379 }];

  it('lists the Sentinels in resque.yml and names the master in the URL', () => {
    expect(railsRedis(objects, 'resque.yml.erb')).toEqual({
      url: `rediss://:${encoded('redis-password')}@gitlab-redis:6379/0`, sentinels: SENTINELS, sentinel_password: SENTINEL_PASSWORD_ERB, id: null,
    });
  });

  it('keeps the Sentinels for a purpose that names no server of its own', () => {
    expect(railsRedis(objects, 'redis.cache.yml.erb')).toMatchObject({ url: `rediss://:${encoded('cache-password')}@gitlab-redis:6379/2`, sentinels: SENTINELS });
  });

  it('does not give the Sentinels to a purpose with its own host', () => {
    expect(railsRedis(objects, 'redis.shared_state.yml.erb').sentinels).toBeUndefined();
  });

  it('reaches workhorse and the exporter through the Sentinels too', () => {
    expect(workhorseToml(objects)).toContain('SentinelMaster = "gitlab-redis"');
    expect(exporterSidekiqProbe(objects).redis_sentinels).toEqual(SENTINELS);
  });
});

describe.skipIf(!hasRuby)('Redis templates rendered with Ruby ERB', () => {
  const secrets = {
    'redis/redis-password': 'gl0bal/p@ss#%\n',
    'redis/cache-password': 'c:ache pass\n',
    'redis/sharedState-password': 'gl0bal/p@ss#%\n',
    'redis/queues-password': 'qu"eues\n',
    'redis/sessions-password': 's&ssions\n',
    'redis-sentinel/redis-sentinel-password': 'sent"inel\'pass\n',
  };
  const rendered = (key: string) => parse(renderErbWithRuby(configMapData(split, 'gitlab-webservice')[key], secrets)).production;

  it('give every purpose file a URL with the URL-encoded password of its instance', () => {
    expect(rendered('redis.cache.yml.erb').url).toBe('rediss://:c%3Aache%20pass@cache.redis.internal:6379/0');
    expect(rendered('redis.shared_state.yml.erb').url).toBe('rediss://:gl0bal%2Fp%40ss%23%25@shared.redis.internal:6379/0');
    expect(rendered('redis.sessions.yml.erb').url).toBe('rediss://gitlab:s%26ssions@sessions.redis.internal:6379/0');
    expect(rendered('redis.workhorse.yml.erb')).toEqual({ url: 'redis://workhorse.redis.internal:6379/0', id: null });
  });

  it('put the Sentinel password in intact, whatever characters it holds', () => {
    expect(rendered('redis.queues.yml.erb')).toEqual({
      url: 'rediss://:qu%22eues@gitlab-queues:6379/0',
      sentinels: [{ host: 's1.queues.internal', port: 26379 }, { host: 's2.queues.internal', port: 26380 }],
      sentinel_password: 'sent"inel\'pass',
      id: null,
    });
  });

  it('render the exporter configuration to YAML with the queues instance\'s Sentinels', () => {
    const doc = parse(renderErbWithRuby(configMapData(split, 'gitlab-gitlab-exporter')['gitlab-exporter.yml.erb'],
      { ...secrets, 'postgres/psql-password-main': 'pg\n' }));
    expect(doc.probes.sidekiq.opts).toMatchObject({ redis_url: 'rediss://:qu%22eues@gitlab-queues:6379/0', redis_sentinel_password: 'sent"inel\'pass' });
  });
});

describe('Redis settings without effect elsewhere', () => {
  it('do not touch the webservice container spec', () => {
    // Purposes change files and projections only: the containers, env and mounts stay as they are.
    const plain = container(find(production, 'Deployment', 'gitlab-webservice-default'), 'webservice');
    const withSplit = container(find(split, 'Deployment', 'gitlab-webservice-default'), 'webservice');
    expect(withSplit.env).toEqual(plain.env);
    expect(withSplit.volumeMounts).toEqual(plain.volumeMounts);
  });
});
