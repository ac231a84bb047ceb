import { ResolvedConfig } from '../../config/resolved';
import { railsRedisYml } from './redis-yml';

/** `cable.yml.erb`: Action Cable's pub/sub, on its own instance (`redis.actioncable`) or the global Redis. */
export function cableYmlTemplate(config: ResolvedConfig): string {
  return railsRedisYml(config, config.redis.forPurpose.actioncable, { adapter: 'redis' });
}
