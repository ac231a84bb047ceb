import { falseOr, list, num, obj, required, secretRef, str } from '../schema';
import { hostName, portNumber } from '../common/checks';
import { REDIS_PURPOSES, REDIS_SCHEMES } from './names';

/** Checks of the Redis props (shape and values); rules across settings (Sentinels, fallbacks) are in `resolve.ts`. */

/** Checks of one Redis connection (`redis` and each `redis.<purpose>`). */
const redisConnection = {
  host: hostName('master.gitlab-redis.abc123.use1.cache.amazonaws.com'),
  port: portNumber(),
  scheme: str({ oneOf: REDIS_SCHEMES, fix: 'use "rediss" for TLS (ElastiCache in-transit encryption) or "redis"' }),
  user: str({ pattern: /^[A-Za-z0-9._-]{1,128}$/, allowed: 'a Redis ACL user name (letters, digits, ".", "_", "-")', fix: 'use the ACL user, e.g. "gitlab"' }),
  database: num({ min: 0, max: 15 }),
  sentinels: list(obj({ host: required(hostName('sentinel-1.redis.example.com')), port: portNumber() }), { minItems: 1, unique: true }),
  masterName: str({ pattern: /^[A-Za-z0-9._-]{1,128}$/, allowed: 'a Sentinel master name (letters, digits, ".", "_", "-")', fix: 'copy the name from sentinel.conf (sentinel monitor <name> ...), e.g. "gitlab-redis"' }),
};

/** A purpose's own instance (`redis.<purpose>`): `password: false` when it has AUTH off. */
const redisInstance = obj({ ...redisConnection, password: falseOr(secretRef('gitlab-redis-cache-password')) });

/** `redis`: required unless the in-cluster Valkey fills it in. */
export const redisProp: ReturnType<typeof required> = required(obj({
  ...redisConnection,
  password: secretRef('gitlab-redis-password'),
  sentinelPassword: secretRef('gitlab-redis-sentinel-password'),
  ...Object.fromEntries(REDIS_PURPOSES.map((purpose) => [purpose, redisInstance])),
}), 'configure the external Redis: redis: { host, scheme: rediss, password: { name, key } }, or run Valkey in the cluster: inClusterServices: { redis: true }');
