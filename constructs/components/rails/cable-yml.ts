import { ResolvedConfig } from '../../config/resolved';
import { templateYaml } from '../../lib/erb';
import { railsRedisUrl } from './redis-url';

/** `cable.yml.erb`: Action Cable's pub/sub on the same Redis. */
export function cableYmlTemplate(config: ResolvedConfig): string {
  return templateYaml({ production: { url: railsRedisUrl(config), adapter: 'redis' } });
}
