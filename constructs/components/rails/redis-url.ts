import { ResolvedConfig } from '../../config/resolved';
import { erbSecretUrlEncoded, raw, Raw } from '../../lib/erb';
import { RAILS_PATHS } from './consumer';
import { RAILS_SECRET_PATHS } from './secret-files';

/**
 * The Redis URL the Rails clients use: `scheme://:<password>@host:port/db`, the password read from the pod's
 * secret file and URL-encoded at render time (so any character is safe), or no credentials when AUTH is off.
 */
export function railsRedisUrl(config: ResolvedConfig): Raw | string {
  const r = config.redis;
  if (!r.password) return r.url;
  const password = erbSecretUrlEncoded(`${RAILS_PATHS.secrets}/${RAILS_SECRET_PATHS.redis}`).text;
  return raw(`${r.scheme}://:${password}@${r.host}:${r.port}/${r.database}`);
}
