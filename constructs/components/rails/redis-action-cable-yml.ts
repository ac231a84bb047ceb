import { ResolvedConfig } from '../../config/resolved';
import { templateYaml } from '../../lib/erb';
import { railsRedisUrl } from './redis-url';

/** `redis.action_cable.yml.erb`: the Action Cable Redis as GitLab's multi-store reads it (same Redis). */
export function redisActionCableYmlTemplate(config: ResolvedConfig): string {
  return templateYaml({ production: { url: railsRedisUrl(config) } });
}
