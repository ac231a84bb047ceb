import { ResolvedConfig, ResolvedWebservice } from '../../config/resolved';
import { REDIS_SENTINEL_PASSWORD_PATH } from '../../lib/redis';
import { isMonitored } from '../monitoring/monitors';
import { RAILS_PATHS } from '../rails/consumer';
import { RAILS_SECRET_PATHS } from '../rails/secret-files';
import { workhorseListenerTls, workhorseTlsCopies } from './tls';

/** Workhorse's listen port (the Service and the Ingress send all traffic here, never to Puma). */
export const WORKHORSE_PORT = 8181;
/** Workhorse's Prometheus listener (the chart's `workhorse.metrics.port`), on while a ServiceMonitor scrapes it. */
export const WORKHORSE_METRICS_PORT = 9229;

const file = (path: string) => `${RAILS_PATHS.secrets}/${path}`;

const readSecret = (path: string) => `{% file.Read "${file(path)}" | strings.TrimSpace | data.ToJSON %}`;

/**
 * `[redis]`: Workhorse's key watcher (long-polling CI job requests), on `redis.workhorse` or the global Redis. The
 * URL (or the Sentinels and the master's name) carries no password; passwords are read from the pod's secret
 * files when the template renders.
 */
function redisSection(config: ResolvedConfig): string[] {
  const r = config.redis.forPurpose.workhorse;
  const lines = ['[redis]', `DB = ${r.database}`];
  if (r.sentinels) {
    lines.push(`SentinelMaster = ${JSON.stringify(r.host)}`,
      `Sentinel = [ ${r.sentinels.map((s) => JSON.stringify(`${r.scheme}://${s.host}:${s.port}`)).join(', ')} ]`);
  } else {
    lines.push(`URL = "${r.scheme}://${r.user ? `${r.user}@` : ''}${r.host}:${r.port}"`);
  }
  if (r.passwordPath) lines.push(`Password = ${readSecret(r.passwordPath)}`);
  if (r.sentinels && config.redis.sentinelPassword) lines.push(`SentinelPassword = ${readSecret(REDIS_SENTINEL_PASSWORD_PATH)}`);
  return lines;
}

/**
 * `[object_storage]`: credentials for direct uploads, taken from the same fog connection file Rails reads.
 * Keys may be blank (IAM role): Workhorse then uses the AWS SDK's default credential chain. Per-type object storage
 * gives Workhorse no connection (the chart mounts none for it): Rails hands it pre-signed URLs instead.
 */
function objectStorageSection(config: ResolvedConfig): string[] {
  if (config.objectStorage.mode !== 'consolidated') return [];
  const connection = file(RAILS_SECRET_PATHS.objectStore);
  return [
    '{%- $fog := coll.Dict "provider" "" -%}',
    `{%- if file.Exists "${connection}" %}`,
    `{%-   $fog = file.Read "${connection}" | strings.TrimSpace | data.YAML -%}`,
    '{%- end %}',
    '{%- if eq $fog.provider "AWS" %}',
    '{%-   $fog = coll.Merge $fog (coll.Dict "aws_access_key_id" "" "aws_secret_access_key" "") %}',
    '[object_storage]',
    'provider = "AWS"',
    '[object_storage.s3]',
    'aws_access_key_id = {% $fog.aws_access_key_id | strings.TrimSpace | data.ToJSON %}',
    'aws_secret_access_key = {% $fog.aws_secret_access_key | strings.TrimSpace | data.ToJSON %}',
    '{%- else if eq $fog.provider "AzureRM" %}',
    '{%-   $fog = coll.Merge $fog (coll.Dict "azure_storage_account_name" "" "azure_storage_access_key" "") %}',
    '[object_storage]',
    'provider = "AzureRM"',
    '[object_storage.azurerm]',
    'azure_storage_account_name = {% $fog.azure_storage_account_name | strings.TrimSpace | data.ToJSON %}',
    'azure_storage_access_key = {% $fog.azure_storage_access_key | strings.TrimSpace | data.ToJSON %}',
    '{%- else if eq $fog.provider "Google" %}',
    '[object_storage]',
    'provider = "Google"',
    '[object_storage.google]',
    '{% $fog | coll.Omit "provider" | data.ToTOML %}',
    '{%- end %}',
  ];
}

/**
 * `workhorse-config.toml.tpl` (gomplate, `{% %}` delimiters) rendered to `/srv/gitlab/config/workhorse-config.toml`.
 * The shutdown timeout outlasts Puma's worker timeout by a second so in-flight requests can finish.
 */
export function workhorseConfigTemplate(config: ResolvedConfig, web: Pick<ResolvedWebservice, 'workerTimeout'>): string {
  return [
    `shutdown_timeout = "${web.workerTimeout + 1}s"`,
    '',
    ...redisSection(config),
    '',
    ...objectStorageSection(config),
    ...(config.objectStorage.mode === 'consolidated' ? [''] : []),
    '[image_resizer]',
    'max_scaler_procs = 2',
    'max_filesize = 250000',
    '',
    '[[listeners]]',
    'network = "tcp"',
    `addr = ":${WORKHORSE_PORT}"`,
    ...workhorseListenerTls(config, 'listeners'),
    ...(isMonitored(config, 'workhorse')
      ? ['', '[metrics_listener]', 'network = "tcp"', `addr = ":${WORKHORSE_METRICS_PORT}"`, ...workhorseListenerTls(config, 'metrics_listener')] : []),
  ].join('\n') + '\n';
}

/** Workhorse's `configure`: copies only what Workhorse reads (its secret, its Redis passwords, the fog connection). */
export function workhorseConfigureScript(config: ResolvedConfig): string {
  const r = config.redis.forPurpose.workhorse;
  const copy = (path: string, optional: boolean) => {
    const dir = path.split('/')[0];
    const lines = [`mkdir -p /init-secrets-workhorse/${dir}`, `cp -v -L /init-config/${path} /init-secrets-workhorse/${path}`];
    return optional ? [`if [ -f /init-config/${path} ]; then`, ...lines.map((l) => `  ${l}`), 'fi'] : lines;
  };
  return [
    'set -e',
    ...copy(RAILS_SECRET_PATHS.workhorse, false),
    ...(r.passwordPath ? copy(r.passwordPath, false) : []),
    ...(r.sentinels && config.redis.sentinelPassword ? copy(REDIS_SENTINEL_PASSWORD_PATH, false) : []),
    ...(config.objectStorage.mode === 'consolidated' ? copy(RAILS_SECRET_PATHS.objectStore, true) : []),
    ...workhorseTlsCopies(config).flatMap((path) => copy(path, false)),
  ].join('\n') + '\n';
}
