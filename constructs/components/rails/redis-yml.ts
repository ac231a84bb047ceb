import { ResolvedConfig, ResolvedRedis } from '../../config/resolved';
import { RedisPurpose } from '../../config/types';
import { erbSecretJson, templateYaml } from '../../lib/erb';
import { REDIS_SENTINEL_PASSWORD_PATH } from '../../lib/redis';
import { RAILS_PATHS } from './consumer';
import { RAILS_REDIS_FILES } from './redis-instances';
import { railsRedisUrl } from './redis-url';

/**
 * One Rails Redis file (`resque.yml` format): the URL with its password read at render time, the Sentinels and
 * their password when the instance goes through Sentinels, and an empty `id` as the chart writes it.
 */
export function railsRedisYml(config: ResolvedConfig, instance: ResolvedRedis, extra: Record<string, unknown> = {}): string {
  const sentinelPassword = instance.sentinels && config.redis.sentinelPassword
    ? erbSecretJson(`${RAILS_PATHS.secrets}/${REDIS_SENTINEL_PASSWORD_PATH}`) : undefined;
  return templateYaml({
    production: {
      url: railsRedisUrl(instance),
      sentinels: instance.sentinels?.map((s) => ({ host: s.host, port: s.port })),
      sentinel_password: sentinelPassword,
      id: null,
      ...extra,
    },
  });
}

/** `redis.<purpose>.yml.erb` for each purpose with an instance of its own (none for the ones on the global Redis). */
export function railsRedisPurposeTemplates(config: ResolvedConfig): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [purpose, instance] of Object.entries(config.redis.instances) as [RedisPurpose, ResolvedRedis][]) {
    const file = RAILS_REDIS_FILES[purpose];
    if (file) files[file] = railsRedisYml(config, instance);
  }
  return files;
}
