import { ObjectType } from '../config/types';
import { PropsBuilder } from './builder';

/** Object types under `global.appConfig`, with the chart's default for `enabled`. */
const APP_CONFIG_TYPES: readonly (readonly [ObjectType, boolean])[] = [
  ['artifacts', true], ['lfs', true], ['uploads', true], ['packages', true],
  ['externalDiffs', false], ['terraformState', false], ['ciSecureFiles', false], ['dependencyProxy', false],
];

/**
 * `global.appConfig.object_store` (the consolidated form: one connection Secret for every type), the per-type
 * buckets and `enabled` flags, the backup buckets and the Pages bucket (`global.pages.objectStore`).
 */
export function readObjectStorage(b: PropsBuilder): void {
  const v = b.values;
  const base = 'global.appConfig.object_store';
  const consolidated = v.boolean(`${base}.enabled`);
  if (consolidated !== true) {
    v.problem(`${base}.enabled`, consolidated, 'true (gitlab-iac uses the consolidated object storage: one connection for every type)',
      `set ${base}.enabled: true and name the fog connection Secret in ${base}.connection.secret`);
  }
  b.boolean(`${base}.proxy_download`, 'objectStorage.proxyDownload');
  b.string(`${base}.connection.secret`, 'objectStorage.connection.name');
  b.string(`${base}.connection.key`, 'objectStorage.connection.key');

  const disabled: ObjectType[] = [];
  for (const [type, enabledByDefault] of APP_CONFIG_TYPES) {
    if (!(v.boolean(`global.appConfig.${type}.enabled`) ?? enabledByDefault)) disabled.push(type);
    b.string(`global.appConfig.${type}.bucket`, `objectStorage.buckets.${type}`);
  }
  if (!(v.boolean('global.pages.objectStore.enabled') ?? true)) disabled.push('pages');
  b.string('global.pages.objectStore.bucket', 'objectStorage.buckets.pages');
  if (disabled.length) b.set('objectStorage.disabled', disabled, 'global.appConfig');

  b.string('global.appConfig.backups.bucket', 'objectStorage.backupBucket');
  b.string('global.appConfig.backups.tmpBucket', 'objectStorage.backupTmpBucket');
}
