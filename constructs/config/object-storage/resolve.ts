import type { ResolvedSecretRef } from '../secrets/resolve';
import { ref } from '../secrets/resolve';
import {
  APP_CONFIG_OBJECT_TYPES, AppConfigObjectType, BACKUP_BUCKET_DEFAULT, BACKUP_TMP_BUCKET_DEFAULT, BUCKET_DEFAULTS,
  IRSA_COMPONENTS, IrsaComponent, OBJECT_TYPES, ObjectStorageMode, ObjectType,
} from './names';
import type { ObjectStorageConfig, ObjectStorageEncryption } from './types';
import type { Fail } from '../errors';

/**
 * Object storage's resolution: `objectStorage` props into the resolved model the components read (buckets, which
 * types are on, IAM roles, and the connections of the consolidated or per-type mode).
 */

export type { ObjectStorageMode } from './names';

/** Buckets, `enabled` flags and IAM roles: resolved first, as the optional components' rules read them. */
export interface ResolvedObjectStorageTargets {
  readonly buckets: Readonly<Record<ObjectType, string>>;
  readonly enabled: Readonly<Record<ObjectType, boolean>>;
  /** IAM role ARN per component that touches object storage (IRSA mode). */
  readonly iamRoles?: Readonly<Record<IrsaComponent, string>>;
}

/** The connection settings resolved from `objectStorage` (buckets and `enabled` are resolved beside them). */
export interface ResolvedObjectStorageConnections {
  readonly mode: ObjectStorageMode;
  /** Consolidated mode: the one connection, mounted at `objectstorage/object_store`. */
  readonly connection?: ResolvedSecretRef;
  /** Per-type mode: each type's connection (enabled types; Pages only when it has one). */
  readonly connections: Readonly<Partial<Record<ObjectType, ResolvedSecretRef>>>;
  /** `proxy_download` per type (`proxyDownloads` over `proxyDownload`). */
  readonly proxyDownloads: Readonly<Record<AppConfigObjectType, boolean>>;
  readonly storageOptions?: ObjectStorageEncryption;
}

/** The resolved `objectStorage` (`ResolvedConfig['objectStorage']`). */
export type ResolvedObjectStorage = ResolvedObjectStorageConnections & {
  readonly proxyDownload: boolean;
  readonly buckets: Readonly<Record<ObjectType, string>>;
  readonly enabled: Readonly<Record<ObjectType, boolean>>;
  readonly backupBucket: string;
  readonly backupTmpBucket: string;
  /** IAM role ARN per component that touches object storage (IRSA mode). */
  readonly iamRoles?: Readonly<Record<IrsaComponent, string>>;
};

/** Each type's bucket (the chart's names by default), which types are on, and each IRSA component's role. */
export function resolveObjectStorageTargets(os: ObjectStorageConfig, serviceAccounts: boolean, fail: Fail): ResolvedObjectStorageTargets {
  const disabled = new Set(os.disabled ?? []);
  const buckets = Object.fromEntries(OBJECT_TYPES.map((t) => [t, os.buckets?.[t] ?? BUCKET_DEFAULTS[t]])) as Record<ObjectType, string>;
  const enabled = Object.fromEntries(OBJECT_TYPES.map((t) => [t, !disabled.has(t)])) as Record<ObjectType, boolean>;
  const iamRole = os.iamRole;
  const iamRoles = iamRole
    ? Object.fromEntries(IRSA_COMPONENTS.map((c) => [c, iamRole.perComponent?.[c] ?? iamRole.roleArn])) as Record<IrsaComponent, string>
    : undefined;
  if (iamRoles && !serviceAccounts) {
    fail('serviceAccounts', false, 'true when objectStorage.iamRole is set (the role is bound to per-component ServiceAccounts)',
      'remove serviceAccounts: false, or drop objectStorage.iamRole and use keys in the connection Secret');
  }
  return { buckets, enabled, iamRoles };
}

/** The whole resolved `objectStorage`; `pagesOn`: whether GitLab Pages runs (it then needs its connection). */
export function resolveObjectStorage(
  os: ObjectStorageConfig, targets: ResolvedObjectStorageTargets, pagesOn: boolean, fail: Fail,
): ResolvedObjectStorage {
  const { buckets, enabled, iamRoles } = targets;
  return {
    ...resolveObjectStorageConnections(os, enabled, pagesOn, fail),
    proxyDownload: os.proxyDownload ?? true,
    buckets, enabled,
    backupBucket: os.backupBucket ?? BACKUP_BUCKET_DEFAULT,
    backupTmpBucket: os.backupTmpBucket ?? BACKUP_TMP_BUCKET_DEFAULT,
    iamRoles,
  };
}

/**
 * Picks the mode and each type's connection. As in the chart, per-type mode needs a connection for every enabled
 * type; Pages' section is written even while Pages is off, so its connection is required only when Pages runs.
 */
function resolveObjectStorageConnections(
  os: ObjectStorageConfig, enabled: Readonly<Record<ObjectType, boolean>>, pagesOn: boolean, fail: Fail,
): ResolvedObjectStorageConnections {
  const perType = Object.keys(os.connections ?? {}).length > 0;
  const proxyDownload = os.proxyDownload ?? true;
  const proxyDownloads = Object.fromEntries(APP_CONFIG_OBJECT_TYPES
    .map((t) => [t, os.proxyDownloads?.[t] ?? proxyDownload])) as Record<AppConfigObjectType, boolean>;
  const base = { proxyDownloads, ...(os.storageOptions ? { storageOptions: os.storageOptions } : {}) };
  if (!perType) {
    if (!os.connection) {
      fail('objectStorage.connection', undefined, 'a fog connection Secret (or per-type `connections`)',
        'set objectStorage.connection: { name: <Secret>, key: connection }');
      return { mode: 'consolidated', connections: {}, ...base };
    }
    return { mode: 'consolidated', connection: ref(os.connection, 'connection'), connections: {}, ...base };
  }
  const connections: Partial<Record<ObjectType, ResolvedSecretRef>> = {};
  const missing: ObjectType[] = [];
  for (const t of OBJECT_TYPES) {
    if (!enabled[t]) continue;
    const r = os.connections?.[t] ?? os.connection;
    if (r) connections[t] = ref(r, 'connection');
    else if (t !== 'pages' || pagesOn) missing.push(t);
  }
  if (missing.length) {
    fail('objectStorage.connections', missing.join(', '), 'a connection for every enabled object type in per-type mode',
      `add ${missing.map((t) => `connections.${t}`).join(', ')}, set objectStorage.connection as the default of the others, or list the types in objectStorage.disabled`);
  }
  return { mode: 'perType', connections, ...base };
}
