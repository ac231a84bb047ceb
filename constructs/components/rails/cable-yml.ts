import { ResolvedConfig } from '../../config/resolved';
import { railsRedisYml } from './redis-yml';

/**
 * `cable.yml.erb`: Action Cable's pub/sub, on its own instance (`redis.actioncable`) or the global Redis. With an
 * instance of its own the chart also writes an empty `channel_prefix` (Rails' default prefix applies).
 */
export function cableYmlTemplate(config: ResolvedConfig): string {
  const own = config.redis.instances.actioncable !== undefined;
  return railsRedisYml(config, config.redis.forPurpose.actioncable, own ? { adapter: 'redis', channel_prefix: null } : { adapter: 'redis' });
}
