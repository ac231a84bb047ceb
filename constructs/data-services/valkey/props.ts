import type { Resources, SecretRef } from '../../config/types';
import type { InClusterStorage } from '../props';

/** Valkey (Redis-compatible): one server, or a persistent one and a cache one. */
export interface InClusterRedisConfig {
  /** Base name of the StatefulSet and Service. @default `<release>-valkey` */
  readonly name?: string;
  /** Password Secret (the chart's `<release>-redis-secret`, key `secret`). @default `<release>-redis-secret`, key `secret` */
  readonly password?: SecretRef;
  /** Data volume of the persistent server (append-only file). @default 2Gi, the default StorageClass */
  readonly storage?: InClusterStorage;
  /** Resources of each Valkey pod. @default requests 100m CPU, 256Mi memory */
  readonly resources?: Resources;
  /** `maxmemory` of the persistent server; it never evicts (`noeviction`). @default none (no limit) */
  readonly maxMemory?: string;
  /**
   * A second Valkey for GitLab's cache (`redis.cache`), evicting least-recently-used keys (`allkeys-lru`) with
   * this `maxmemory`, without a volume. @default off: one server holds everything, evicting nothing
   */
  readonly cache?: { readonly maxMemory?: string; readonly resources?: Resources };
  /** A redis_exporter sidecar on port 9121 for Prometheus. @default false */
  readonly metrics?: boolean;
}
