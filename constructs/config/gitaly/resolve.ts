import type { ResolvedSecretRef, ResolvedWorkload } from '../resolved';
import { DEFAULT_TOKEN_FILE, EXTERNAL_TOKEN_FILE, GITALY_PORT, GITALY_TLS_PORT, PRAEFECT_TOKEN_FILE } from './names';
import type {
  ResolvedGitaly, ResolvedGitalyPersistence, ResolvedPraefect, ResolvedPraefectDatabase, ResolvedRepositories,
  ResolvedRepositoryStorage, ResolvedVirtualStorage,
} from './resolved';
import type { GitalyOptions, GitalyPersistence, PraefectDatabaseConfig, PraefectOptions } from './types';
import type { Fail } from '../errors';

/**
 * The Gitaly topology: which storages exist, who serves each (the `<release>-gitaly` StatefulSet, Praefect, or a
 * server outside the platform) and which token its clients present. Cross-setting rules live here; shapes are
 * checked in `checks.ts`.
 */

/**
 * Pods are `<StatefulSet>-<N>` and the controller labels them `controller-revision-hash: <StatefulSet>-<10 chars>`,
 * a label value of at most 63 characters.
 */
const MAX_STATEFULSET_NAME = 52;

const bundleUri = (g: GitalyOptions | undefined) => (g?.bundleUri ? { bundleUri: g.bundleUri.goCloudUrl } : {});
const gomemlimit = (g: GitalyOptions | undefined) => ({ gomemlimit: g?.gomemlimit ?? true });

export interface GitalyTopologyInput {
  readonly release: string;
  readonly gitaly?: GitalyOptions;
  readonly praefect?: PraefectOptions;
  /** components.gitaly's workload settings, when in-cluster Gitaly is on. */
  readonly gitalyWorkload?: ResolvedWorkload;
  /** components.praefect's workload settings, when Praefect is on. */
  readonly praefectWorkload?: ResolvedWorkload;
  /** Names of the shared token Secrets. */
  readonly secrets: { readonly gitaly: string; readonly praefect: string };
  /** Keys of the token Secrets. @default token */
  readonly secretKeys?: { readonly gitaly: string; readonly praefect: string };
  readonly fail: Fail;
}

export interface GitalyTopology {
  readonly gitaly?: ResolvedGitaly;
  readonly praefect?: ResolvedPraefect;
  readonly repositories: ResolvedRepositories;
}

/** Whether Praefect runs for these options. */
export const praefectEnabled = (o: PraefectOptions | undefined): o is PraefectOptions => o !== undefined && (o.enabled ?? true);

export function resolveGitalyTopology(i: GitalyTopologyInput): GitalyTopology {
  const { release, gitaly: gy, praefect: pf, fail } = i;
  const gitalyOn = gy?.enabled ?? true;
  const praefectOn = praefectEnabled(pf);
  const plain = gitalyOn && !(praefectOn && (pf.replaceInternalGitaly ?? true));
  const persistence = resolvePersistence(gy?.persistence, { size: '50Gi', accessMode: 'ReadWriteOnce' });
  const gitalyTls = gitalyOn && gy?.tls ? { secretName: gy.tls.secretName ?? `${release}-gitaly-tls` } : undefined;

  if (gy?.storageNames && !plain) {
    fail('components.gitaly.storageNames', gy.storageNames,
      gitalyOn ? 'nothing while Praefect replaces the in-cluster Gitaly StatefulSet' : 'nothing while in-cluster Gitaly is off',
      gitalyOn ? 'name the storages in components.praefect.virtualStorages, or set components.praefect.replaceInternalGitaly: false'
        : 'remove storageNames and list the storages under components.gitaly.external.storages');
  }
  if (gy?.tls && !gitalyOn) {
    fail('components.gitaly.tls', gy.tls, 'nothing while in-cluster Gitaly is off', 'remove it; set tls: true on each external storage that serves TLS');
  }
  if (praefectOn && !gitalyOn) {
    fail('components.gitaly.enabled', false, 'true while Praefect runs (the Gitaly pods behind it are in-cluster Gitaly)',
      'remove components.gitaly.enabled: false, or turn Praefect off and list the storages under components.gitaly.external');
  }

  const storages: (ResolvedRepositoryStorage & { readonly path: string })[] = [];
  const tokens: Record<string, ResolvedSecretRef> = { [DEFAULT_TOKEN_FILE]: { name: i.secrets.gitaly, key: i.secretKeys?.gitaly ?? 'token' } };

  let gitaly: ResolvedGitaly | undefined;
  if (plain && i.gitalyWorkload) {
    const storageNames = gy?.storageNames ?? ['default'];
    gitaly = { ...i.gitalyWorkload, replicas: storageNames.length, storageNames, persistence, tls: gitalyTls, ...bundleUri(i.gitaly), ...gomemlimit(i.gitaly) };
    storageNames.forEach((name, n) => storages.push({ name, server: 'gitaly', tokenFile: DEFAULT_TOKEN_FILE, path: `components.gitaly.storageNames[${n}]` }));
  }

  let praefect: ResolvedPraefect | undefined;
  if (praefectOn && i.praefectWorkload && i.gitalyWorkload) {
    const gitalyWorkload = i.gitalyWorkload;
    const virtualStorages = (pf.virtualStorages ?? [{ name: 'default' }]).map((vs, n): ResolvedVirtualStorage => {
      const path = `components.praefect.virtualStorages[${n}]`;
      const gitalyReplicas = vs.gitalyReplicas ?? 3;
      const statefulSet = `${release}-gitaly-${vs.name}`;
      if (statefulSet.length > MAX_STATEFULSET_NAME) {
        fail(`${path}.name`, vs.name, `a name that keeps the StatefulSet name "${statefulSet}" within ${MAX_STATEFULSET_NAME} characters`, 'use a shorter virtual storage (or release) name');
      }
      if (vs.defaultReplicationFactor !== undefined && vs.defaultReplicationFactor > gitalyReplicas) {
        fail(`${path}.defaultReplicationFactor`, vs.defaultReplicationFactor, `at most gitalyReplicas (${gitalyReplicas})`, 'lower defaultReplicationFactor or raise gitalyReplicas');
      }
      if (vs.tlsSecretName && !gitalyTls) {
        fail(`${path}.tlsSecretName`, vs.tlsSecretName, 'nothing while components.gitaly.tls is off', 'remove it, or turn on components.gitaly.tls');
      }
      const pdb = vs.podDisruptionBudget === false ? undefined
        : vs.podDisruptionBudget ? { maxUnavailable: vs.podDisruptionBudget.maxUnavailable ?? 1 } : gitalyWorkload.pdb;
      storages.push({ name: vs.name, server: 'praefect', tokenFile: PRAEFECT_TOKEN_FILE, path: `${path}.name` });
      return {
        name: vs.name,
        gitalyReplicas,
        defaultReplicationFactor: vs.defaultReplicationFactor,
        pdb,
        persistence: resolvePersistence(vs.persistence, persistence),
        tlsSecretName: gitalyTls ? vs.tlsSecretName ?? `${statefulSet}-tls` : undefined,
      };
    });
    const database = pf.database ? resolveDatabase(pf.database) : undefined;
    if (!database) {
      fail('components.praefect.database', undefined, "Praefect's own PostgreSQL database { host, password } (Praefect keeps replication state there)",
        'set components.praefect.database: { host: <PostgreSQL host>, password: { name: <Secret>, key: password } }');
    }
    praefect = {
      ...i.praefectWorkload,
      virtualStorages,
      database: database!,
      autoMigrate: pf.autoMigrate ?? true,
      ntpHost: pf.ntpHost ?? 'pool.ntp.org',
      tls: pf.tls ? { secretName: pf.tls.secretName ?? `${release}-praefect-tls` } : undefined,
      gitaly: { ...gitalyWorkload, persistence, ...bundleUri(i.gitaly), ...gomemlimit(i.gitaly) },
    };
    tokens[PRAEFECT_TOKEN_FILE] = { name: i.secrets.praefect, key: i.secretKeys?.praefect ?? 'token' };
  }

  const ext = gy?.external;
  if (ext) {
    const inCluster = storages.length > 0;
    const token = ext.token ? { name: ext.token.name, key: ext.token.key ?? 'token' } : undefined;
    // A token of its own is a second file next to in-cluster storages; alone, it is the default token.
    const tokenFile = token && inCluster ? EXTERNAL_TOKEN_FILE : DEFAULT_TOKEN_FILE;
    if (token) tokens[tokenFile] = token;
    ext.storages.forEach((s, n) => {
      const tls = s.tls ?? false;
      storages.push({
        name: s.name, server: 'external', tokenFile, path: `components.gitaly.external.storages[${n}].name`,
        external: { hostname: s.hostname, port: s.port ?? (tls ? GITALY_TLS_PORT : GITALY_PORT), tls },
      });
    });
  }

  // Praefect without in-cluster Gitaly is refused above; no second error for its missing storages.
  checkStorageNames(storages, gitalyOn || praefectOn, fail);
  return { gitaly, praefect, repositories: { storages: storages.map(({ path: _, ...s }) => s), tokens } };
}

/** Storage names are unique across all servers, and one is `default` (as the chart requires). */
function checkStorageNames(storages: readonly { name: string; path: string }[], inClusterRequested: boolean, fail: Fail): void {
  if (!storages.length) {
    if (!inClusterRequested) {
      fail('components.gitaly.enabled', false, 'true, or storages served outside the platform (components.gitaly.external)',
        'remove components.gitaly.enabled: false, or list the external storages under components.gitaly.external.storages');
    }
    return;
  }
  const first = new Map<string, string>();
  for (const s of storages) {
    const earlier = first.get(s.name);
    if (earlier) {
      fail(s.path, s.name, `a storage name no other storage uses (${earlier} is already "${s.name}")`, 'rename one of the two storages');
    } else {
      first.set(s.name, s.path);
    }
  }
  if (!first.has('default')) {
    const where = storages[0].path.replace(/(\[\d+\])?(\.name)?$/, '');
    fail(where, storages.map((s) => s.name), 'storage names that include "default" (GitLab creates repositories there by default)', 'name one storage "default"');
  }
}

function resolvePersistence(o: GitalyPersistence | undefined, base: ResolvedGitalyPersistence): ResolvedGitalyPersistence {
  const annotations = o?.annotations ?? base.annotations;
  const labels = o?.labels ?? base.labels;
  return {
    size: o?.size ?? base.size, storageClass: o?.storageClass ?? base.storageClass, accessMode: o?.accessMode ?? base.accessMode,
    ...(annotations ? { annotations } : {}), ...(labels ? { labels } : {}),
  };
}

function resolveDatabase(d: PraefectDatabaseConfig): ResolvedPraefectDatabase {
  return {
    host: d.host,
    port: d.port ?? 5432,
    database: d.database ?? 'praefect',
    username: d.username ?? 'praefect',
    password: { name: d.password.name, key: d.password.key ?? 'password' },
    sslMode: d.tls?.mode ?? 'prefer',
    sslRootCert: d.tls?.rootCertificate ? { name: d.tls.rootCertificate.name, key: d.tls.rootCertificate.key ?? 'ca.pem' } : undefined,
  };
}
