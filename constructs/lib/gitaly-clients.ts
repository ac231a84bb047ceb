import { ResolvedConfig } from '../config/resolved';
import { fileFrom, SecretFile } from './volumes';

/**
 * The Gitaly tokens a client (every Rails pod) projects under `gitaly/`: `gitaly_token` always, and per topology
 * `gitaly_token_praefect` (storages behind Praefect) and `gitaly_token_external` (external servers with a token of
 * their own). Which storage uses which file is `PlatformEndpoints.gitaly.tokenFiles`.
 */
export function gitalyTokenFiles(config: Pick<ResolvedConfig, 'repositories'>): SecretFile[] {
  return Object.entries(config.repositories.tokens).map(([file, ref]) => fileFrom(ref, `gitaly/${file}`));
}
