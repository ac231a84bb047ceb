import { ResolvedConfig } from '../../config/resolved';
import { railsRedisYml } from './redis-yml';

/** `resque.yml.erb`: the default Redis of Rails, for every purpose without an instance of its own. */
export function resqueYmlTemplate(config: ResolvedConfig): string {
  return railsRedisYml(config, config.redis);
}
