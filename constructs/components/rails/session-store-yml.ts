import { templateYaml } from '../../lib/erb';

/** `session_store.yml.erb`: no prefix on session cookie tokens (the chart's default). */
export function sessionStoreYmlTemplate(): string {
  return templateYaml({ production: { session_cookie_token_prefix: '' } });
}
