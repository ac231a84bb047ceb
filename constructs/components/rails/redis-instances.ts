import { ResolvedConfig, ResolvedRedis } from '../../config/resolved';
import { RedisPurpose } from '../../config/types';

/**
 * Rails' own configuration file for each purpose it reads from a separate instance (`config/redis.<name>.yml`,
 * the chart's names). ActionCable's instance goes to `cable.yml` instead; kas reads its instance itself.
 */
export const RAILS_REDIS_FILES: Readonly<Partial<Record<RedisPurpose, string>>> = {
  cache: 'redis.cache.yml.erb',
  sharedState: 'redis.shared_state.yml.erb',
  queues: 'redis.queues.yml.erb',
  traceChunks: 'redis.trace_chunks.yml.erb',
  rateLimiting: 'redis.rate_limiting.yml.erb',
  sessions: 'redis.sessions.yml.erb',
  repositoryCache: 'redis.repository_cache.yml.erb',
  workhorse: 'redis.workhorse.yml.erb',
};

/** The Redis instances a Rails pod reads (each purpose's own, in the chart's order, then the global one). */
export function railsRedisInstances(config: ResolvedConfig): ResolvedRedis[] {
  const { instances } = config.redis;
  const own = (Object.keys(instances) as RedisPurpose[]).filter((p) => p !== 'kas').map((p) => instances[p]!);
  return [...own, config.redis];
}
