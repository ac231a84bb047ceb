import { ResolvedRedis } from '../../config/resolved';
import { erbSecretUrlEncoded, raw, Raw } from '../../lib/erb';
import { redisUrl } from '../../lib/redis';
import { RAILS_PATHS } from './consumer';

/**
 * The Redis URL the Rails clients use: `scheme://[user]:<password>@host:port/db`, the password read from the pod's
 * secret file and URL-encoded at render time (so any character is safe), or no credentials when AUTH is off.
 */
export function railsRedisUrl(instance: ResolvedRedis): Raw | string {
  if (!instance.passwordPath) return redisUrl(instance);
  return raw(redisUrl(instance, erbSecretUrlEncoded(`${RAILS_PATHS.secrets}/${instance.passwordPath}`).text));
}
