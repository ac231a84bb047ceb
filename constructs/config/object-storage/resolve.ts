import type { ResolvedSecretRef } from '../resolved';
import { ref } from '../secrets/resolve';
import type { ObjectStorageConfig, ObjectStorageEncryption, ObjectType } from '../types';

/** Every object type, in the chart's order of gitlab.yml's sections. */
export const OBJECT_TYPE_NAMES = [
  'artifacts', 'lfs', 'uploads', 'packages', 'externalDiffs', 'terraformState', 'ciSecureFiles', 'dependencyProxy', 'pages',
] as const satisfies readonly ObjectType[];

/** How Rails and Workhorse reach object storage: one connection for all types, or one per type. */
export type ObjectStorageMode = 'consolidated' | 'perType';

/** The connection settings resolved from `objectStorage` (buckets and `enabled` are resolved beside them). */
export interface ResolvedObjectStorageConnections {
  readonly mode: ObjectStorageMode;
  /** Consolidated mode: the one connection, mounted at `objectstorage/object_store`. */
  readonly connection?: ResolvedSecretRef;
  /** Per-type mode: each type's connection (enabled types; Pages only when it has one). */
  readonly connections: Readonly<Partial<Record<ObjectType, ResolvedSecretRef>>>;
  /** `proxy_download` per type (`proxyDownloads` over `proxyDownload`). */
  readonly proxyDownloads: Readonly<Record<Exclude<ObjectType, 'pages'>, boolean>>;
  readonly storageOptions?: ObjectStorageEncryption;
}

type Fail = (path: string, value: unknown, allowed: string, fix: string) => void;

/**
 * Picks the mode and each type's connection. As in the chart, per-type mode needs a connection for every enabled
 * type; Pages' section is written even while Pages is off, so its connection is required only when Pages runs.
 */
export function resolveObjectStorageConnections(
  os: ObjectStorageConfig, enabled: Readonly<Record<ObjectType, boolean>>, pagesOn: boolean, fail: Fail,
): ResolvedObjectStorageConnections {
  const perType = Object.keys(os.connections ?? {}).length > 0;
  const proxyDownload = os.proxyDownload ?? true;
  const proxyDownloads = Object.fromEntries(OBJECT_TYPE_NAMES.filter((t) => t !== 'pages')
    .map((t) => [t, os.proxyDownloads?.[t as Exclude<ObjectType, 'pages'>] ?? proxyDownload])) as Record<Exclude<ObjectType, 'pages'>, boolean>;
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
  for (const t of OBJECT_TYPE_NAMES) {
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
