import type { PropsBuilder } from '../../values/builder';
import {
  APP_CONFIG_OBJECT_TYPES, CHART_ENABLED_OBJECT_TYPES, CHART_PROXIED_OBJECT_TYPES, OBJECT_TYPES, ObjectType,
} from './names';

/**
 * The chart's object storage values (`global.appConfig.object_store`, `global.appConfig.<type>`,
 * `global.pages.objectStore`, `global.appConfig.backups`) as `objectStorage` props. The keys read here are listed
 * in `values/README.md` and marked mapped in `values/keys/table.ts`.
 */

/** Types whose own connection the chart's consistency check refuses in consolidated mode (`_checkConfig_object_storage.tpl`). */
const CHECKED_IN_CONSOLIDATED: ReadonlySet<ObjectType> = new Set(['artifacts', 'lfs', 'uploads', 'packages', 'externalDiffs', 'terraformState', 'dependencyProxy']);

/** Where each type's settings live in the values. */
const typePath = (t: ObjectType) => (t === 'pages' ? 'global.pages.objectStore' : `global.appConfig.${t}`);

/**
 * Object storage in the chart's two modes: `global.appConfig.object_store.enabled: true` (consolidated: one
 * connection for every type) or per type (`global.appConfig.<type>.connection`, `global.pages.objectStore.connection`).
 * Also the buckets and `enabled` flags, `proxy_download` per type as the chart renders it in each mode, the S3
 * encryption (`storage_options`) and the backup buckets.
 */
export function readObjectStorage(b: PropsBuilder): void {
  const v = b.values;
  const base = 'global.appConfig.object_store';
  const consolidated = v.boolean(`${base}.enabled`) === true;
  const withConnection = OBJECT_TYPES.filter((t) => v.peek(`${typePath(t)}.connection.secret`) !== undefined);

  if (consolidated) {
    b.boolean(`${base}.proxy_download`, 'objectStorage.proxyDownload');
    b.string(`${base}.connection.secret`, 'objectStorage.connection.name');
    b.string(`${base}.connection.key`, 'objectStorage.connection.key');
    readStorageOptions(b, base);
    // The chart repeats a type's own proxy_download (true in its values.yaml) under `objects`, over the global one.
    const global = v.boolean(`${base}.proxy_download`) ?? true;
    for (const t of CHART_PROXIED_OBJECT_TYPES) {
      const own = v.boolean(`${typePath(t)}.proxy_download`) ?? true;
      if (own !== global) b.set(`objectStorage.proxyDownloads.${t}`, own, `${typePath(t)}.proxy_download`);
    }
    for (const t of withConnection) {
      // The chart's consistency check refuses an enabled type's own connection in consolidated mode, except for
      // Pages and CI secure files: those it renders from the consolidated connection and leaves theirs unread.
      if (CHECKED_IN_CONSOLIDATED.has(t)) {
        v.problem(`${typePath(t)}.connection`, v.get(`${typePath(t)}.connection`), 'nothing while global.appConfig.object_store.enabled is true (the chart refuses a type connection in consolidated mode)',
          `remove ${typePath(t)}.connection, or set ${base}.enabled: false to configure every type on its own`);
      } else {
        v.noEffect(`${typePath(t)}.connection`, 'nothing while global.appConfig.object_store.enabled is true: the chart configures this type with the consolidated connection',
          `remove ${typePath(t)}.connection, or set ${base}.enabled: false to configure every type on its own`);
      }
    }
  } else if (withConnection.length) {
    // Per type: the chart reads neither the consolidated connection nor its proxy_download.
    v.noEffect(base, 'nothing with per-type object storage (object_store.enabled is false)', `remove the keys, or set ${base}.enabled: true and drop the type connections`, ['enabled']);
    for (const t of withConnection) {
      b.string(`${typePath(t)}.connection.secret`, `objectStorage.connections.${t}.name`);
      b.set(`objectStorage.connections.${t}.key`, v.string(`${typePath(t)}.connection.key`) ?? 'connection', `${typePath(t)}.connection.key`);
    }
    for (const t of APP_CONFIG_OBJECT_TYPES) {
      b.set(`objectStorage.proxyDownloads.${t}`, v.boolean(`${typePath(t)}.proxy_download`) ?? true, `${typePath(t)}.proxy_download`);
    }
    const options = OBJECT_TYPES.filter((t) => v.peek(`${typePath(t)}.storage_options`) !== undefined);
    if (options.length) readStorageOptions(b, typePath(options[0]));
  } else {
    // Read as if consolidated, so that the one problem below is the only one reported.
    b.string(`${base}.connection.secret`, 'objectStorage.connection.name');
    b.string(`${base}.connection.key`, 'objectStorage.connection.key');
    v.get(`${base}.proxy_download`);
    v.problem(`${base}.enabled`, v.peek(`${base}.enabled`), 'true with a connection Secret, or a connection per object type (global.appConfig.<type>.connection)',
      `set ${base}.enabled: true and name the fog connection Secret in ${base}.connection.secret, or give each type its connection`);
  }

  const disabled: ObjectType[] = [];
  for (const type of APP_CONFIG_OBJECT_TYPES) {
    if (!(v.boolean(`global.appConfig.${type}.enabled`) ?? CHART_ENABLED_OBJECT_TYPES.includes(type))) disabled.push(type);
    b.string(`global.appConfig.${type}.bucket`, `objectStorage.buckets.${type}`);
  }
  if (!(v.boolean('global.pages.objectStore.enabled') ?? true)) disabled.push('pages');
  b.string('global.pages.objectStore.bucket', 'objectStorage.buckets.pages');
  if (disabled.length) b.set('objectStorage.disabled', disabled, 'global.appConfig');

  b.string('global.appConfig.backups.bucket', 'objectStorage.backupBucket');
  b.string('global.appConfig.backups.tmpBucket', 'objectStorage.backupTmpBucket');
}

/** `storage_options` (S3 server-side encryption); the typed setting is platform-wide. */
function readStorageOptions(b: PropsBuilder, path: string): void {
  const sse = b.values.string(`${path}.storage_options.server_side_encryption`);
  if (sse === undefined) return;
  b.set('objectStorage.storageOptions.serverSideEncryption', sse, `${path}.storage_options.server_side_encryption`);
  b.string(`${path}.storage_options.server_side_encryption_kms_key_id`, 'objectStorage.storageOptions.kmsKeyId');
}

/**
 * `gitlab.toolbox.backups.objectStorage`: the backend (s3, gcs or azure) and its configuration Secret (the s3cmd
 * configuration for s3; a service account key with `gcpProject` for gcs; the azcopy configuration for azure).
 */
export function readBackupStorage(b: PropsBuilder, path: string, to: string): void {
  const os = `${path}.backups.objectStorage`;
  const backend = b.values.string(`${os}.backend`) ?? 's3';
  if (backend === 's3') {
    b.string(`${os}.config.secret`, `${to}.backupS3cmdConfig.name`);
    b.string(`${os}.config.key`, `${to}.backupS3cmdConfig.key`);
    return;
  }
  b.set(`${to}.backupBackend`, backend, `${os}.backend`);
  b.string(`${os}.config.secret`, `${to}.backupConfig.name`);
  b.string(`${os}.config.key`, `${to}.backupConfig.key`);
  b.string(`${os}.config.gcpProject`, `${to}.backupGcpProject`);
}
