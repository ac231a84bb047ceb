/**
 * The chart's bundled services, mapped onto the in-cluster services (`inClusterServices`):
 *
 * | Values key (chart default) | Typed setting |
 * | --- | --- |
 * | `postgresql.install` (true), on while `global.psql.host` is unset | `inClusterServices.postgres` (CloudNativePG) |
 * | `postgresql.primary.persistence.{size,storageClass}`, else `postgresql.persistence.*`; `postgresql.primary.resources`, else `postgresql.resources` | `.storage`, `.resources` |
 * | `global.psql.{database,username}` (with the bundled PostgreSQL) | `.database`, `.owner` |
 * | `global.psql.password.{secret,key}`, else `postgresql.auth.{existingSecret,secretKeys.userPasswordKey}` | `.password` (CloudNativePG bootstraps the owner from that Secret) |
 * | `postgresql.auth.{username,database}` | read: the chart's templates override them with GitLab's user and database (a warning when they differ) |
 * | `redis.install` (true), on while `global.redis.host`/Sentinels are unset | `inClusterServices.redis` (Valkey) |
 * | `redis.master.persistence.{size,storageClass}`, else `redis.persistence.*`; `redis.master.resources`, else `redis.resources`; `redis.metrics.enabled` (true) | `.storage`, `.resources`, `.metrics` |
 * | `global.redis.auth.{secret,key}`, else `redis.auth.{existingSecret,existingSecretPasswordKey,existingSecretKey}` (`<release>-redis-secret`/`secret`) | `.password` |
 * | `global.redis.auth.enabled: false`, `redis.auth.enabled: false` | accepted with a warning: Valkey still requires a password, which GitLab sends |
 * | `global.minio.enabled` (true), on while `global.appConfig.object_store.connection` is unset | `inClusterServices.objectStorage` (Garage) |
 * | `minio.persistence.{size,storageClass}`, `minio.resources` | `.storage`, `.resources` |
 * | `postgresql.enabled`, `redis.enabled` (older name of `install`) | the switch, with a warning to rename it |
 * | a bundled install switched on next to an external service | not installed, with a warning (the chart would install one GitLab never uses) |
 *
 * Every other key of these charts (images, probes, metrics, pod annotations and placement, extra volumes and flags,
 * Service settings, passwords, MinIO's Ingress and credentials, ...) has no equivalent on the replacement: the key
 * table judges it `bundled`, and the import lists them in one warning per service. `*.persistence.enabled: true`
 * and `architecture: standalone` are accepted (what runs anyway), other values refused (key table, `keys/table.ts`).
 *
 * Data of an existing bundled install is not migrated: the in-cluster services start empty (the platform says so
 * on stderr); GitLab's backup and restore moves the data.
 */
import type { ResolvedSecretRef } from '../config/resolved';
import { withInClusterServices } from '../data-services/wiring';
import type { GitLabPlatformProps } from '../config/types';
import { PropsBuilder } from './builder';
import { isChartDefault } from './keys/lookup';
import { stringifyNumbers } from './reader';

type Props = Record<string, unknown>;

/**
 * Copies the bundled chart's storage and resources keys into an in-cluster service's settings, from the first of
 * the paths the chart's layouts use (newer Bitnami layout first; older charts kept them at the top).
 */
function common(b: PropsBuilder, settings: Props, persistence: readonly string[], resources: readonly string[]): void {
  const v = b.values;
  const first = (paths: readonly string[], key: string) => paths.map((p) => v.string(`${p}.${key}`)).find((x) => x !== undefined);
  const size = first(persistence, 'size');
  const storageClass = first(persistence, 'storageClass');
  if (size !== undefined || storageClass !== undefined) {
    settings.storage = { ...(size !== undefined ? { size } : {}), ...(storageClass !== undefined ? { storageClass } : {}) };
  }
  const r = resources.map((p) => v.get(p)).find((x) => x !== undefined);
  if (r !== undefined) settings.resources = stringifyNumbers(r);
}

/**
 * `<service>.install`, else the older `<service>.enabled` (the chart renamed it; old values files still carry it):
 * read as the switch, with a warning to rename it.
 */
function installSwitch(b: PropsBuilder, service: 'postgresql' | 'redis'): boolean | undefined {
  const v = b.values;
  const install = v.boolean(`${service}.install`);
  const old = v.boolean(`${service}.enabled`);
  if (old !== undefined) {
    v.warnings.push(`${service}.enabled: the chart renamed it ${service}.install${install === undefined ? ', read as such' : ', which is set and wins'}; rename the key`);
  }
  return install ?? old;
}

/** A bundled install next to an external service: the chart installs it unused; gitlab-iac does not install it. */
function unusedInstall(b: PropsBuilder, key: string, external: string, inCluster: string): void {
  b.values.warnings.push(`${key}: true next to ${external}: the chart would install it although GitLab never uses it; gitlab-iac does not`
    + ` install it. If ${external} names the bundled service itself, remove ${external} to run ${inCluster} in the cluster; else set ${key}: false`);
}

/** Keys under `base` that change nothing in the chart either: one warning listing those set to other than the chart's default. */
function ignoredTogether(b: PropsBuilder, base: string, reason: string, fix: string): void {
  const v = b.values;
  const before = v.noEffects.length;
  v.noEffect(base, reason, fix);
  const keys = v.noEffects.splice(before).map((i) => i.path).filter((p) => !isChartDefault(p, v.peekLeaf(p)));
  if (keys.length) v.warnings.push(`${keys.join(', ')}: ignored: ${reason}. To act on it: ${fix}`);
}

/** A string the file sets, unless it is one of the chart's template defaults (`'{{ include ... }}'`). */
const literal = (b: PropsBuilder, path: string): string | undefined => {
  const s = b.values.string(path);
  return s !== undefined && !s.includes('{{') ? s : undefined;
};

/**
 * Reads the bundled PostgreSQL, Redis and MinIO switches (on by default, as in the chart) and maps each one that is
 * on and not replaced by an external service onto its in-cluster service, then wires GitLab to them as the typed
 * API does. Call after the external services' keys are read.
 */
export function readBundledServices(b: PropsBuilder): void {
  const v = b.values;
  const props = b.props as Props;
  const release = typeof props.releaseName === 'string' ? props.releaseName : 'gitlab';
  const ics: Props = {};

  // PostgreSQL: the chart's bundled install unless an external host is named.
  const pgInstall = installSwitch(b, 'postgresql');
  const pgHost = b.get('postgres.host');
  if (pgInstall === true && pgHost !== undefined) {
    unusedInstall(b, 'postgresql.install', 'global.psql.host', 'PostgreSQL (CloudNativePG)');
  } else if (pgInstall !== false && pgHost === undefined) {
    ics.postgres = bundledPostgres(b, props, release);
  }

  // Redis: the chart's bundled install unless an external server or Sentinels are named.
  const redisInstall = installSwitch(b, 'redis');
  const redisProps = (props.redis ?? {}) as Props;
  const external = redisProps.host !== undefined || redisProps.sentinels !== undefined;
  if (redisInstall === true && external) {
    unusedInstall(b, 'redis.install', 'global.redis.host', 'Valkey');
  } else if (redisInstall !== false && !external) {
    ics.redis = bundledRedis(b, props, redisProps, release);
  }

  // Object storage: the chart's MinIO unless a consolidated connection is named.
  const minio = v.boolean('global.minio.enabled');
  const osProps = (props.objectStorage ?? {}) as Props;
  const connection = osProps.connection !== undefined;
  if (minio === true && connection) {
    unusedInstall(b, 'global.minio.enabled', 'global.appConfig.object_store.connection', 'Garage');
  } else if (minio !== false && !connection) {
    const garage: Props = {};
    common(b, garage, ['minio.persistence'], ['minio.resources']);
    ignoredTogether(b, 'global.minio.persistence', 'nothing: the chart reads MinIO\'s volume from minio.persistence, so it ignores this key too',
      'move it to minio.persistence.{size,storageClass}');
    // The consolidated form is what the in-cluster Garage fills in: drop the importer's request for it.
    const at = v.problems.findIndex((p) => p.path === 'global.appConfig.object_store.enabled');
    if (at >= 0) v.problems.splice(at, 1);
    props.objectStorage = osProps;
    ics.objectStorage = garage;
  }
  // A registry without a driver Secret and without the chart's MinIO (off, or replaced by an external connection):
  // the chart's filesystem storage in the pod (a warning says images are lost when it restarts).
  const registry = (props.components as Props | undefined)?.registry as Props | undefined;
  if (!ics.objectStorage && registry?.enabled !== false && registry?.storage === undefined && v.peek('registry.storage.secret') === undefined) {
    b.set('components.registry.storage', 'emptyDir', 'registry.storage.secret');
  }

  if (!Object.keys(ics).length) return;
  props.inClusterServices = ics;
  // Wire GitLab to them (postgres, redis, objectStorage, registry storage, backups), as the typed API does. A clash
  // with a setting of the values is reported by validation, against the key it came from.
  const wired = withInClusterServices(props as unknown as GitLabPlatformProps, []);
  Object.assign(props, wired);
}

/**
 * The bundled PostgreSQL as CloudNativePG. GitLab's user and database are `global.psql.username`/`database` (the
 * chart's templates give them to the Bitnami chart over its `auth.username`/`auth.database`); a password Secret the
 * file names (`global.psql.password`, else Bitnami's `auth.existingSecret`) is the owner's, as the chart's bundled
 * PostgreSQL reads GitLab's password from it.
 */
function bundledPostgres(b: PropsBuilder, props: Props, release: string): Props {
  const v = b.values;
  const pg: Props = {};
  common(b, pg, ['postgresql.primary.persistence', 'postgresql.persistence'], ['postgresql.primary.resources', 'postgresql.resources']);
  const pgProps = (props.postgres ?? {}) as Props;
  if (typeof pgProps.database === 'string') pg.database = pgProps.database;
  if (typeof pgProps.username === 'string') pg.owner = pgProps.username;
  for (const [key, gitlab] of [['username', pg.owner ?? 'gitlab'], ['database', pg.database ?? 'gitlabhq_production']] as const) {
    // Peeked, not read: a key already read is no longer one the warning below can list.
    const bitnami = v.peek(`postgresql.auth.${key}`);
    if (bitnami === undefined || bitnami === gitlab || (typeof bitnami === 'string' && bitnami.includes('{{'))) v.string(`postgresql.auth.${key}`);
    else {
      v.noEffect(`postgresql.auth.${key}`, `nothing: the chart's bundled PostgreSQL creates GitLab's ${key} "${gitlab}" (global.psql.${key}), its templates override this key`,
        `remove the key, or set global.psql.${key} to use another ${key}`);
    }
  }
  // The owner's password: GitLab's Secret (global.psql.password), else the one the Bitnami chart was told to read.
  const named = v.peek('global.psql.password.secret') !== undefined || v.peek('global.psql.password.key') !== undefined;
  const bitnamiSecret = literal(b, 'postgresql.auth.existingSecret');
  const bitnamiKey = literal(b, 'postgresql.auth.secretKeys.userPasswordKey');
  const password = named
    ? { name: (pgProps.password as { name?: string } | undefined)?.name ?? `${release}-postgresql-password`, key: (pgProps.password as { key?: string } | undefined)?.key ?? 'postgresql-password' }
    : bitnamiSecret !== undefined ? { name: bitnamiSecret, key: bitnamiKey ?? 'postgresql-password' } : undefined;
  if (password) {
    pg.password = password;
    v.warnings.push(`the in-cluster PostgreSQL (CloudNativePG) creates GitLab's user from Secret ${password.name}: it reads its keys username`
      + ` ("${pg.owner ?? 'gitlab'}") and password, GitLab reads ${password.key}; \`gitlab-iac secrets --values FILE\` writes all three,`
      + ' a Secret you create must hold them with the same password');
  }
  // The in-cluster service sets the connection; the rest of global.psql (timeouts, ...) still applies.
  for (const key of ['host', 'port', 'database', 'username', 'password']) delete pgProps[key];
  props.postgres = pgProps;
  return pg;
}

/**
 * The bundled Redis as Valkey. Its password Secret is GitLab's (`global.redis.auth`), else the one the Bitnami chart
 * was told to read; with AUTH turned off in the file, Valkey still requires the password (an in-cluster server
 * without one would accept any pod), which GitLab then sends: said on stderr.
 */
function bundledRedis(b: PropsBuilder, props: Props, redisProps: Props, release: string): Props {
  const v = b.values;
  const redis: Props = {};
  common(b, redis, ['redis.master.persistence', 'redis.persistence'], ['redis.master.resources', 'redis.resources']);
  ignoredTogether(b, 'redis.replica', 'nothing: the chart\'s standalone Redis (architecture: standalone) runs no replicas, so it ignores these keys too',
    'move storage and resources to redis.master.{persistence,resources}');
  redis.metrics = v.boolean('redis.metrics.enabled') ?? true;
  const bundledSecret = literal(b, 'redis.auth.existingSecret');
  const bundledKey = literal(b, 'redis.auth.existingSecretPasswordKey') ?? literal(b, 'redis.auth.existingSecretKey');
  const authOff = [v.peek('global.redis.auth.enabled'), v.boolean('redis.auth.enabled')].includes(false);
  if (authOff) {
    v.warnings.push('global.redis.auth.enabled / redis.auth.enabled: false: the in-cluster Valkey still requires a password (without one any pod'
      + ' reaching it could read and change GitLab\'s sessions and queues); GitLab is given it. Create it with `gitlab-iac secrets --values FILE`');
  }
  const password = redisProps.password as ResolvedSecretRef | false | undefined;
  const fromGlobal = v.peek('global.redis.auth.secret') !== undefined && !authOff;
  // GitLab's password setting and Valkey's are given one Secret: a problem with it names the key it came from.
  const [nameFrom, keyFrom] = fromGlobal && password ? ['global.redis.auth.secret', 'global.redis.auth.key']
    : bundledSecret !== undefined ? ['redis.auth.existingSecret', 'redis.auth.existingSecretPasswordKey'] : [undefined, undefined];
  for (const to of ['inClusterServices.redis.password', 'redis.password']) {
    if (nameFrom) b.trace(`${to}.name`, nameFrom);
    if (keyFrom) b.trace(`${to}.key`, keyFrom);
  }
  redis.password = fromGlobal && password ? password
    : bundledSecret !== undefined ? { name: bundledSecret, key: bundledKey ?? 'secret' }
      : password || { name: `${release}-redis-secret`, key: 'secret' };
  for (const key of ['host', 'port', 'scheme', 'password']) delete redisProps[key];
  props.redis = redisProps;
  return redis;
}
