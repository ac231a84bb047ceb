import { ResolvedConfig } from '../../config/resolved';
import { templateYaml } from '../../lib/erb';
import { railsRedisUrl } from './redis-url';

/** `resque.yml.erb`: the default Redis of Rails (cache, queues, shared state all share it). */
export function resqueYmlTemplate(config: ResolvedConfig): string {
  return templateYaml({ production: { url: railsRedisUrl(config) } });
}
