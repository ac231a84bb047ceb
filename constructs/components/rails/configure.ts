import { ResolvedConfig } from '../../config/resolved';
import { postgresClientKeyScript } from '../../lib/postgres';
import { copySecretsScript, SecretFile } from '../../lib/volumes';
import { RailsConsumer } from './consumer';
import { RAILS_SECRET_PATHS, requiredSecretDirs, secretDirs } from './secret-files';

/**
 * `configure`: run by the `configure` init container. Copies the projected secrets from `/init-config` into the
 * in-memory `/init-secrets` (required folders must exist; the others are copied when present), then makes a
 * PostgreSQL client key owner-only (libpq's rule). The toolbox also
 * moves the s3cmd configuration to `/etc/gitlab/.s3cfg`, where its container picks it up for `backup-utility`.
 */
export function railsConfigureScript(config: ResolvedConfig, consumer: RailsConsumer, files: readonly SecretFile[]): string {
  const required = requiredSecretDirs(config, consumer);
  const optional = secretDirs(files).filter((dir) => !required.includes(dir));
  let script = copySecretsScript(required, optional) + postgresClientKeyScript(config.postgres.clients[consumer]);
  if (consumer === 'toolbox') {
    const s3cfg = `\${secret_dir}/${RAILS_SECRET_PATHS.s3cmd}`;
    script += [
      `if [ -f "${s3cfg}" ]; then`,
      `  mv "${s3cfg}" "\${secret_dir}/.s3cfg"`,
      'fi',
    ].join('\n') + '\n';
  }
  return script;
}
