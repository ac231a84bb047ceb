import type { SecretRef } from '../types';
import type { RedisScheme } from './names';

/** External Redis: what a user writes under `redis`. */

/** One Redis Sentinel server. */
export interface RedisSentinel {
  readonly host: string;
  /** @default 26379 */
  readonly port?: number;
}

/** How to reach one Redis: a server (`host`) or a Sentinel-monitored master (`sentinels` + `masterName`). */
export interface RedisConnection {
  /** Host name of the server (the ElastiCache primary endpoint). Not used with `sentinels`. @default none (required for the main connection; `ci` and per-component: main's) */
  readonly host?: string;
  /** @default 6379 */
  readonly port?: number;
  /** `rediss` enables TLS. @default redis */
  readonly scheme?: RedisScheme;
  /** ACL user (Redis 6+, ElastiCache RBAC). @default none (the default user) */
  readonly user?: string;
  /** Database index. @default 0 */
  readonly database?: number;
  /** Sentinel servers that monitor this Redis; `masterName` names the master. @default none */
  readonly sentinels?: readonly RedisSentinel[];
  /** The master's name as the Sentinels know it (`sentinel.conf`); required with `sentinels`. @default none (required with `sentinels`) */
  readonly masterName?: string;
}

/** What GitLab keeps in Redis; each can live on its own instance (the chart's `global.redis.<purpose>`). */
export type RedisPurpose = import('./names').RedisPurpose;

/**
 * A Redis instance for one purpose. Fields it leaves out come from `redis` (port, scheme, user, database,
 * password); without `host` and `sentinels` it is `redis`'s server too.
 */
export interface RedisInstance extends RedisConnection {
  /** AUTH password Secret, or `false` when this instance has AUTH off. @default `redis.password`, key `password` */
  readonly password?: SecretRef | false;
}

/**
 * External Redis (ElastiCache). `redis` itself serves every purpose that has no instance of its own; kas falls
 * back to `sharedState` first, as in the chart.
 */
export interface RedisConfig extends RedisConnection, Partial<Record<RedisPurpose, RedisInstance>> {
  /** AUTH password Secret; omit when AUTH is off. @default key `password` */
  readonly password?: SecretRef;
  /** Password of every Sentinel (the chart's `global.redis.sentinelAuth`); only with `sentinels`. @default none, key `password` */
  readonly sentinelPassword?: SecretRef;
}

