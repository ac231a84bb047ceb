import { ResolvedConfig } from '../../config/resolved';
import { fileFrom, SecretFile } from '../../lib/volumes';
import { RAILS_PATHS } from '../rails/consumer';

/**
 * What each backup backend of `backup-utility` needs in the toolbox pods (the chart's
 * `gitlab.toolbox.backups.objectStorage`): s3 reads `~/.s3cfg`, gcs a gsutil `~/.boto` written at start from a
 * service account key (or the pod's workload identity), azure an azcopy configuration file named by `AZURE_CONFIG_FILE`.
 */

/** The gsutil set-up script's key in the toolbox ConfigMap (mounted under the templates directory). */
export const GSUTIL_SCRIPT = 'configure-gsutil';
const AZURE_CONFIG_PATH = 'objectstorage/azure_config';

const gcsKeyPath = (key: string) => `objectstorage/${key}`;

/** The backend's configuration file(s) in the toolbox's projected secrets (s3's is mounted with the Rails secrets). */
export function backupStorageSecretFiles(config: ResolvedConfig): SecretFile[] {
  const s = config.components.toolbox?.backupStorage;
  if (!s?.config) return [];
  return [fileFrom(s.config, s.backend === 'azure' ? AZURE_CONFIG_PATH : gcsKeyPath(s.config.key))];
}

/** `GOOGLE_APPLICATION_CREDENTIALS` (gcs, set even without a key: the script then falls back to workload identity) or `AZURE_CONFIG_FILE`. */
export function backupStorageEnv(config: ResolvedConfig): Record<string, string> {
  const s = config.components.toolbox?.backupStorage;
  if (s?.backend === 'gcs') return { GOOGLE_APPLICATION_CREDENTIALS: `${RAILS_PATHS.secrets}/${gcsKeyPath(s.config?.key ?? 'config')}` };
  if (s?.backend === 'azure') return { AZURE_CONFIG_FILE: `${RAILS_PATHS.secrets}/${AZURE_CONFIG_PATH}` };
  return {};
}

/** The shell command of a toolbox container: the backend's set-up, then `then` (a sleep loop or `backup-utility`). */
export function backupStorageCommand(config: ResolvedConfig, then: string): string {
  const t = config.components.toolbox!;
  switch (t.backupStorage.backend) {
    // The configure step moved the s3cmd configuration to /etc/gitlab/.s3cfg; s3cmd reads it from $HOME.
    case 's3': return t.backupS3cmdConfig ? `cp -v -L ${RAILS_PATHS.secrets}/.s3cfg "$HOME/.s3cfg" && ${then}` : then;
    case 'gcs': return `sh ${RAILS_PATHS.templates}/${GSUTIL_SCRIPT} && ${then}`;
    case 'azure': return then;
  }
}

/**
 * The gsutil set-up (gcs only): with a key file, `gsutil config -e` answers its prompts (key path, no key-file
 * permission change, project, no usage statistics); without one, gsutil is pointed at the node's or workload
 * identity's default service account.
 */
export function backupStorageConfigFiles(config: ResolvedConfig): Record<string, string> {
  const s = config.components.toolbox?.backupStorage;
  if (s?.backend !== 'gcs') return {};
  const project = s.gcpProject ?? '';
  return {
    [GSUTIL_SCRIPT]: [
      'set -e',
      'if [ -e "$GOOGLE_APPLICATION_CREDENTIALS" ]; then',
      `  printf '%s\\nN\\n%s\\nN\\n' "$GOOGLE_APPLICATION_CREDENTIALS" '${project}' | gsutil config -e`,
      'else',
      `  printf '[GoogleCompute]\\nservice_account = default\\n' > "$HOME/.boto"`,
      'fi',
    ].join('\n') + '\n',
  };
}
