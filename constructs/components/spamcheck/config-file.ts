import { stringify } from 'yaml';
import { ResolvedConfig } from '../../config/resolved';

export const SPAMCHECK_GRPC_PORT = 8001;

/**
 * `config.yaml`: spamcheck's settings (read as is; no template engine). It listens for gRPC on every address, IPv6
 * included; the allow and deny lists start empty (admins manage them in spamcheck's own configuration).
 */
export function spamcheckConfigFile(config: ResolvedConfig): string {
  return stringify({
    grpc_addr: `[::]:${SPAMCHECK_GRPC_PORT}`,
    log_level: config.components.spamcheck!.logLevel,
    filter: { allowList: {}, denyList: {}, allowed_domains: {} },
  }, { lineWidth: 0 });
}
