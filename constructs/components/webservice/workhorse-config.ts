import { ResolvedConfig, ResolvedWebservice } from '../../config/resolved';
import { RAILS_PATHS } from '../rails/consumer';
import { RAILS_SECRET_PATHS } from '../rails/secret-files';

/** Workhorse's listen port (the Service and the Ingress send all traffic here, never to Puma). */
export const WORKHORSE_PORT = 8181;

const file = (path: string) => `${RAILS_PATHS.secrets}/${path}`;

/**
 * `[redis]`: Workhorse's key watcher (long-polling CI job requests). The URL carries no credentials; the
 * password is read from the pod's secret file when the template renders.
 */
function redisSection(config: ResolvedConfig): string[] {
  const r = config.redis;
  const lines = ['[redis]', `DB = ${r.database}`, `URL = "${r.scheme}://${r.host}:${r.port}"`];
  if (r.password) lines.push(`Password = {% file.Read "${file(RAILS_SECRET_PATHS.redis)}" | strings.TrimSpace | data.ToJSON %}`);
  return lines;
}

/**
 * `[object_storage]`: credentials for direct uploads, taken from the same fog connection file Rails reads.
 * Keys may be blank (IAM role): Workhorse then uses the AWS SDK's default credential chain.
 */
function objectStorageSection(): string[] {
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
export function workhorseConfigTemplate(config: ResolvedConfig, web: ResolvedWebservice): string {
  return [
    `shutdown_timeout = "${web.workerTimeout + 1}s"`,
    '',
    ...redisSection(config),
    '',
    ...objectStorageSection(),
    '',
    '[image_resizer]',
    'max_scaler_procs = 2',
    'max_filesize = 250000',
    '',
    '[[listeners]]',
    'network = "tcp"',
    `addr = ":${WORKHORSE_PORT}"`,
  ].join('\n') + '\n';
}

/** Workhorse's `configure`: copies only what Workhorse reads (its secret, the Redis password, the fog connection). */
export function workhorseConfigureScript(config: ResolvedConfig): string {
  const copy = (path: string, optional: boolean) => {
    const dir = path.split('/')[0];
    const lines = [`mkdir -p /init-secrets-workhorse/${dir}`, `cp -v -L /init-config/${path} /init-secrets-workhorse/${path}`];
    return optional ? [`if [ -f /init-config/${path} ]; then`, ...lines.map((l) => `  ${l}`), 'fi'] : lines;
  };
  return [
    'set -e',
    ...copy(RAILS_SECRET_PATHS.workhorse, false),
    ...(config.redis.password ? copy(RAILS_SECRET_PATHS.redis, false) : []),
    ...copy(RAILS_SECRET_PATHS.objectStore, true),
  ].join('\n') + '\n';
}
