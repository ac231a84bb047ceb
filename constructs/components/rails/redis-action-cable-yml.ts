import { ResolvedConfig } from '../../config/resolved';
import { railsRedisYml } from './redis-yml';

/**
 * `redis.action_cable.yml.erb`: the Action Cable Redis as GitLab's multi-store reads it. The chart points it at
 * the global Redis (its `actionCablePrimary`, a migration aid, is not supported), and so does this.
 */
export function redisActionCableYmlTemplate(config: ResolvedConfig): string {
  return railsRedisYml(config, config.redis);
}
