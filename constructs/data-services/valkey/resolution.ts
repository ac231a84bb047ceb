import type { ResolvedSecretRef } from '../../config/resolved';
import { VALKEY_PORT } from '../names';
import type { ResolvedInClusterRedis } from '../resolved';
import type { InClusterRedisConfig } from './props';

const DEFAULT_RESOURCES = { requests: { cpu: '100m', memory: '256Mi' } };

/**
 * One persistent Valkey that never evicts (GitLab keeps queues and sessions there), and optionally a cache Valkey
 * that evicts least-recently-used keys of any kind, as GitLab documents for a cache instance.
 */
export function resolveInClusterRedis(o: InClusterRedisConfig, name: string, password: ResolvedSecretRef): ResolvedInClusterRedis {
  return {
    password,
    persistent: {
      name,
      port: VALKEY_PORT,
      maxMemoryPolicy: 'noeviction',
      ...(o.maxMemory ? { maxMemory: o.maxMemory } : {}),
      storage: { size: o.storage?.size ?? '2Gi', ...(o.storage?.storageClass ? { storageClass: o.storage.storageClass } : {}) },
      resources: o.resources ?? DEFAULT_RESOURCES,
    },
    ...(o.cache ? {
      cache: {
        name: `${name}-cache`,
        port: VALKEY_PORT,
        maxMemoryPolicy: 'allkeys-lru' as const,
        maxMemory: o.cache.maxMemory ?? '512mb',
        resources: o.cache.resources ?? DEFAULT_RESOURCES,
      },
    } : {}),
    metrics: o.metrics ?? false,
  };
}
