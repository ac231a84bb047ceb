import { ResolvedConfig } from '../../config/resolved';
import { ObjectType } from '../../config/types';
import { CHART_PROXIED_OBJECT_TYPES } from '../../config/object-storage/names';
import { fileFrom, SecretFile } from '../../lib/volumes';
import { raw } from '../../lib/erb';
import { RAILS_PATHS } from './consumer';

/**
 * Rails' view of object storage in both of the chart's modes (charts/gitlab/templates/_objectStorage.tpl):
 *
 * - consolidated: one top-level `object_store:` with the connection read from `objectstorage/object_store` and
 *   an `objects:` map of buckets; the types' own sections carry only `enabled`;
 * - per type: no top-level section; each type's section has its own `object_store:` with `remote_directory` and
 *   the connection read from `objectstorage/<type>`.
 */

/** gitlab.yml's key for each object type (also the file name of its connection under `objectstorage/`). */
export const OBJECT_KEYS: Readonly<Record<ObjectType, string>> = {
  artifacts: 'artifacts', lfs: 'lfs', uploads: 'uploads', packages: 'packages', externalDiffs: 'external_diffs',
  terraformState: 'terraform_state', dependencyProxy: 'dependency_proxy', ciSecureFiles: 'ci_secure_files', pages: 'pages',
};

/** The chart's order of the consolidated object store's `objects` (and of its per-type secret mounts). */
const OBJECT_ORDER: readonly ObjectType[] = [
  'artifacts', 'lfs', 'uploads', 'packages', 'externalDiffs', 'terraformState', 'dependencyProxy', 'ciSecureFiles', 'pages',
];

/** Path of the consolidated connection under `/etc/gitlab`. */
export const CONSOLIDATED_CONNECTION_PATH = 'objectstorage/object_store';
/** Path of one type's connection under `/etc/gitlab` (per-type mode). */
export const typeConnectionPath = (t: ObjectType) => `objectstorage/${OBJECT_KEYS[t]}`;

const readConnection = (path: string) => raw(`<%= YAML.load_file(${JSON.stringify(`${RAILS_PATHS.secrets}/${path}`)}).to_json %>`);

function storageOptions(config: ResolvedConfig) {
  const o = config.objectStorage.storageOptions;
  return o ? { server_side_encryption: o.serverSideEncryption, server_side_encryption_kms_key_id: o.kmsKeyId ?? null } : undefined;
}

/** The connection Secrets a Rails pod mounts: the consolidated one, or each type's. */
export function objectStorageSecretFiles(config: ResolvedConfig): SecretFile[] {
  const os = config.objectStorage;
  if (os.mode === 'consolidated') return os.connection ? [fileFrom(os.connection, CONSOLIDATED_CONNECTION_PATH)] : [];
  return OBJECT_ORDER.flatMap((t) => (os.connections[t] ? [fileFrom(os.connections[t]!, typeConnectionPath(t))] : []));
}

/** The top-level `object_store:` of consolidated mode; `undefined` in per-type mode (the chart writes none). */
export function consolidatedObjectStore(config: ResolvedConfig) {
  const os = config.objectStorage;
  if (os.mode !== 'consolidated') return undefined;
  const objects = Object.fromEntries(OBJECT_ORDER
    .filter((t) => os.enabled[t])
    .map((t) => [OBJECT_KEYS[t], {
      bucket: os.buckets[t],
      // Only the types whose chart settings carry `proxy_download` repeat it under `objects.<type>`.
      proxy_download: t !== 'pages' && CHART_PROXIED_OBJECT_TYPES.includes(t) ? os.proxyDownloads[t] : undefined,
    }]));
  return {
    enabled: true,
    proxy_download: os.proxyDownload,
    storage_options: storageOptions(config),
    connection: readConnection(CONSOLIDATED_CONNECTION_PATH),
    objects,
  };
}

/** A type's own `object_store:` in per-type mode (`undefined` in consolidated mode). Pages has no `proxy_download`. */
export function typeObjectStore(config: ResolvedConfig, t: ObjectType) {
  const os = config.objectStorage;
  if (os.mode !== 'perType') return undefined;
  const on = os.enabled[t];
  return {
    enabled: on,
    remote_directory: os.buckets[t],
    proxy_download: t === 'pages' ? undefined : os.proxyDownloads[t],
    storage_options: on ? storageOptions(config) : undefined,
    connection: on && os.connections[t] ? readConnection(typeConnectionPath(t)) : undefined,
  };
}
