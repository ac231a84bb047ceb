import type { ResolvedSecretRef } from '../resolved';
import { ref } from '../secrets/resolve';
import type { SecretRef } from '../types';
import { REDIS_PURPOSES, RedisPurpose, RedisScheme } from './names';
import type { RedisConfig, RedisConnection } from './types';
import type { Fail } from '../errors';

/** One Redis, every default applied. */
export interface ResolvedRedis {
  /** The server, or with `sentinels` the master's name. */
  readonly host: string;
  readonly port: number;
  readonly scheme: RedisScheme;
  readonly password?: ResolvedSecretRef;
  readonly database: number;
  /** `scheme://host:port/db` without credentials. */
  readonly url: string;
  /** ACL user. */
  readonly user?: string;
  /** Sentinel mode: the Sentinels to ask for the master named `host`. */
  readonly sentinels?: readonly { readonly host: string; readonly port: number }[];
  /**
   * Where the password file sits in a secrets folder: `redis/redis-password` for the global Redis,
   * `redis/<purpose>-password` for a purpose's own instance (the chart's paths). Set exactly when `password` is.
   */
  readonly passwordPath?: string;
}

/** The global Redis, the purposes that have an instance of their own, and the instance each purpose uses. */
export interface ResolvedRedisConfig extends ResolvedRedis {
  /** Instances configured for a purpose (only those the user set). */
  readonly instances: Readonly<Partial<Record<RedisPurpose, ResolvedRedis>>>;
  /** The instance each purpose uses, fallbacks applied (kas: own, then sharedState, then global; others: own, then global). */
  readonly forPurpose: Readonly<Record<RedisPurpose, ResolvedRedis>>;
  /** The Sentinels' password (one for all, as in the chart); file `redis-sentinel/redis-sentinel-password`. */
  readonly sentinelPassword?: ResolvedSecretRef;
}

/** The Sentinels' default port. */
const SENTINEL_PORT = 26379;

/**
 * One Redis: its own server or Sentinel group, or (for a purpose that names neither) the global one; every other
 * field it leaves out comes from the global Redis. The password file is named after the instance, as the chart
 * names it (`redis/<purpose>-password`), even when the Secret is the global one.
 */
function resolveInstance(name: 'redis' | RedisPurpose, c: RedisConnection, password: SecretRef | false | undefined,
  base: ResolvedRedis | undefined, fail: Fail): ResolvedRedis {
  const path = name === 'redis' ? 'redis' : `redis.${name}`;
  if (c.sentinels && c.host !== undefined) {
    fail(`${path}.host`, c.host, 'no host with sentinels (the Sentinels give the master\'s address)',
      `remove ${path}.host and name the master in ${path}.masterName`);
  }
  if (c.sentinels && c.masterName === undefined) {
    fail(`${path}.masterName`, undefined, 'the name of the master the Sentinels monitor (required with sentinels)',
      `set ${path}.masterName as sentinel.conf names it (sentinel monitor <name> ...), e.g. "gitlab-redis"`);
  }
  if (c.masterName !== undefined && !c.sentinels) {
    fail(`${path}.masterName`, c.masterName, 'nothing without sentinels', `list the Sentinels in ${path}.sentinels, or remove masterName`);
  }
  const ownTarget = c.host !== undefined || c.sentinels !== undefined;
  if (!base && !ownTarget) {
    fail('redis.host', undefined, 'a host name, or sentinels with a masterName', 'set redis.host to the ElastiCache primary endpoint');
  }
  const host = (c.sentinels ? c.masterName : c.host ?? base?.host) ?? '';
  const sentinels = c.sentinels ? c.sentinels.map((s) => ({ host: s.host, port: s.port ?? SENTINEL_PORT }))
    : ownTarget ? undefined : base?.sentinels;
  const port = c.port ?? base?.port ?? 6379;
  const scheme = c.scheme ?? base?.scheme ?? 'redis';
  const database = c.database ?? base?.database ?? 0;
  const secret = password === false ? undefined : password ? ref(password, 'password') : base?.password;
  return {
    host, port, scheme, database,
    user: c.user ?? base?.user,
    password: secret,
    passwordPath: secret ? `redis/${name}-password` : undefined,
    sentinels,
    url: `${scheme}://${host}:${port}/${database}`,
  };
}

/**
 * The global Redis, each purpose's own instance, and which instance serves which purpose: its own, else (kas
 * only) sharedState's, else the global one (doc/charts/globals.md, "Multiple Redis support").
 *
 * Unlike the chart, a purpose that names no server of its own (say, only another `database`) keeps the global
 * Sentinels too; the chart would connect it straight to the master's name, which is no address.
 */
export function resolveRedis(r: RedisConfig, fail: Fail): ResolvedRedisConfig {
  const global = resolveInstance('redis', r, r.password, undefined, fail);
  const instances: Partial<Record<RedisPurpose, ResolvedRedis>> = {};
  for (const purpose of REDIS_PURPOSES) {
    const own = r[purpose];
    if (own) instances[purpose] = resolveInstance(purpose, own, own.password, global, fail);
  }
  const forPurpose = Object.fromEntries(REDIS_PURPOSES.map((purpose) =>
    [purpose, instances[purpose] ?? (purpose === 'kas' ? instances.sharedState : undefined) ?? global])) as Record<RedisPurpose, ResolvedRedis>;
  if (r.sentinelPassword && !global.sentinels && !Object.values(instances).some((i) => i.sentinels)) {
    fail('redis.sentinelPassword', r.sentinelPassword, 'nothing while no Redis uses Sentinels',
      'remove sentinelPassword, or list the Sentinels (redis.sentinels or redis.<purpose>.sentinels)');
  }
  return {
    ...global,
    instances,
    forPurpose,
    sentinelPassword: r.sentinelPassword ? ref(r.sentinelPassword, 'password') : undefined,
  };
}
