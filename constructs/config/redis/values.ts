import type { PropsBuilder } from '../../values/builder';
import { isMap } from '../../values/reader';
import { REDIS_PURPOSES } from './names';

/**
 * The chart's Redis values (`global.redis`) as `redis` props. The keys read here are listed in `values/README.md`
 * and marked mapped in `values/keys/table.ts`.
 */

/** Where to set a required Redis setting in values when the file lacks it entirely. */
export const REDIS_MISSING: Readonly<Record<string, { path: string; fix: string }>> = {
  'redis.host': { path: 'global.redis.host', fix: 'set global.redis.host to the external Redis (e.g. the ElastiCache primary endpoint), or remove redis.install: false to run Valkey in the cluster (evaluation only)' },
};

/**
 * Where the file names the Redis password: `global.redis.auth`, or the older `global.redis.password`, which the chart
 * still reads instead of `auth` when it is set (a map), as its `gitlab.redis.configMerge` does.
 */
function authPath(v: PropsBuilder['values']): string {
  const older = v.peek('global.redis.password');
  return older !== null && typeof older === 'object' && !Array.isArray(older) ? 'global.redis.password' : 'global.redis.auth';
}

/** `global.redis`: the external Redis; AUTH is on unless `auth.enabled: false`, as in the chart. */
export function readRedis(b: PropsBuilder, release: string): void {
  const v = b.values;
  b.string('global.redis.host', 'redis.host');
  b.number('global.redis.port', 'redis.port');
  b.string('global.redis.scheme', 'redis.scheme');
  b.number('global.redis.database', 'redis.database');
  const from = authPath(v);
  if (from !== 'global.redis.auth') {
    v.noEffect('global.redis.auth', 'nothing while global.redis.password is set (the chart reads that one instead)', 'move the settings to global.redis.auth and remove global.redis.password');
  }
  const auth = v.boolean(`${from}.enabled`) ?? true;
  if (!auth) {
    v.noEffect(from, `nothing while ${from}.enabled is false`, 'remove the key, or turn AUTH on', [`${from}.enabled`]);
    return;
  }
  b.set('redis.password.name', v.string(`${from}.secret`) ?? `${release}-redis-secret`, `${from}.secret`);
  b.set('redis.password.key', v.string(`${from}.key`) ?? 'secret', `${from}.key`);
}

/**
 * The Redis keys beyond the global server of `readRedis`: ACL users, Sentinels (`sentinels`, with `host` as the
 * master's name) and their password (`global.redis.sentinelAuth`), and Redis per purpose (`global.redis.<purpose>`).
 * Runs after `readRedis` (with Sentinels, `global.redis.host` is the master's name).
 */
export function readRedisInstances(b: PropsBuilder, release: string): void {
  readRedisSentinels(b, release);
  for (const purpose of REDIS_PURPOSES) readRedisPurpose(b, purpose, release);
}

/** Sentinels (from values entries `{ host, port }`); `host` names the master in the chart's Sentinel form. */
function sentinels(b: PropsBuilder, from: string, to: string, masterName: unknown, masterFrom: string): boolean {
  const list = b.values.list(`${from}.sentinels`);
  if (!list?.length) return false;
  b.set(`${to}.sentinels`, list.map((s) => (isMap(s) ? { ...s, port: typeof s.port === 'string' && /^[0-9]+$/.test(s.port) ? Number(s.port) : s.port } : s)), `${from}.sentinels`);
  b.set(`${to}.masterName`, masterName, masterFrom);
  return true;
}

/** `global.redis.sentinels` (the master's name in `global.redis.host`), `global.redis.user`, `global.redis.sentinelAuth`. */
function readRedisSentinels(b: PropsBuilder, release: string): void {
  const v = b.values;
  b.string('global.redis.user', 'redis.user');
  if (sentinels(b, 'global.redis', 'redis', b.get('redis.host'), 'global.redis.host')) {
    // With Sentinels the chart's host is the master's name, not an address.
    const redis = b.props.redis as Record<string, unknown>;
    delete redis.host;
  }
  const auth = v.boolean('global.redis.sentinelAuth.enabled') ?? false;
  if (!auth) {
    v.noEffect('global.redis.sentinelAuth', 'nothing while global.redis.sentinelAuth.enabled is not true', 'remove the key, or set sentinelAuth.enabled: true', ['global.redis.sentinelAuth.enabled']);
    return;
  }
  b.set('redis.sentinelPassword', {
    name: v.string('global.redis.sentinelAuth.secret') ?? `${release}-redis-sentinel-secret`,
    key: v.string('global.redis.sentinelAuth.key') ?? 'secret',
  }, 'global.redis.sentinelAuth');
}

/**
 * `global.redis.<purpose>`: its own server (or Sentinels, `host` then naming the master) and password. A password
 * map the instance leaves out is the global one's, as in the chart; `password.enabled: false` turns AUTH off.
 */
function readRedisPurpose(b: PropsBuilder, purpose: string, release: string): void {
  const v = b.values;
  const from = `global.redis.${purpose}`;
  const to = `redis.${purpose}`;
  if (v.peek(from) === undefined) return;
  b.set(to, {}, from);
  const host = v.string(`${from}.host`);
  // Without Sentinels of its own, the chart's instance host falls back to the global one: the same server.
  if (!sentinels(b, from, to, host ?? v.peek('global.redis.host'), host !== undefined ? `${from}.host` : 'global.redis.host')) b.set(`${to}.host`, host, `${from}.host`);
  b.number(`${from}.port`, `${to}.port`);
  b.string(`${from}.scheme`, `${to}.scheme`);
  b.string(`${from}.user`, `${to}.user`);
  b.number(`${from}.database`, `${to}.database`);
  if (v.peek(`${from}.password`) === undefined) return;
  const globalFrom = authPath(v);
  const globalAuth = v.peek(`${globalFrom}.enabled`) !== false;
  const enabled = v.boolean(`${from}.password.enabled`) ?? globalAuth;
  if (!enabled) {
    b.set(`${to}.password`, false, `${from}.password.enabled`);
    v.noEffect(`${from}.password`, `nothing while ${from}.password.enabled is false`, 'remove the key, or turn AUTH on', [`${from}.password.enabled`]);
    return;
  }
  b.set(`${to}.password`, {
    name: v.string(`${from}.password.secret`) ?? v.peek(`${globalFrom}.secret`) ?? `${release}-redis-secret`,
    key: v.string(`${from}.password.key`) ?? v.peek(`${globalFrom}.key`) ?? 'secret',
  }, `${from}.password`);
}
