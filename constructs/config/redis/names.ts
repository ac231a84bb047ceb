/**
 * The lists of names the Redis settings are built from, each written once: the props types, the checks, the
 * resolution and the values import derive from these arrays (as `../object-storage/names.ts` does for its lists).
 */

/** What GitLab keeps in Redis, in the chart's order (`global.redis.<purpose>`); each can live on its own instance. */
export const REDIS_PURPOSES = [
  'cache', 'sharedState', 'queues', 'actioncable', 'traceChunks', 'rateLimiting', 'sessions', 'repositoryCache', 'workhorse', 'kas',
] as const;
export type RedisPurpose = typeof REDIS_PURPOSES[number];

/** URL schemes of a Redis connection: `rediss` is TLS. */
export const REDIS_SCHEMES = ['redis', 'rediss'] as const;
export type RedisScheme = typeof REDIS_SCHEMES[number];
