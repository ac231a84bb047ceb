/**
 * The chart's bundled services, mapped onto the in-cluster services (`inClusterServices`):
 *
 * | Values key (chart default) | Typed setting |
 * | --- | --- |
 * | `postgresql.install` (true), on while `global.psql.host` is unset | `inClusterServices.postgres` (CloudNativePG) |
 * | `postgresql.primary.persistence.{size,storageClass}`, `postgresql.primary.resources` | `.storage`, `.resources` |
 * | `global.psql.{database,username}` (with the bundled PostgreSQL) | `.database`, `.owner` |
 * | `redis.install` (true), on while `global.redis.host`/Sentinels are unset | `inClusterServices.redis` (Valkey) |
 * | `redis.master.persistence.{size,storageClass}`, `redis.master.resources`, `redis.metrics.enabled` (true) | `.storage`, `.resources`, `.metrics` |
 * | `global.redis.auth.{secret,key}`, else `redis.auth.{existingSecret,existingSecretKey}` (`<release>-redis-secret`/`secret`) | `.password` |
 * | `global.minio.enabled` (true), on while `global.appConfig.object_store.connection` is unset | `inClusterServices.objectStorage` (Garage) |
 * | `minio.persistence.{size,storageClass}`, `minio.resources` | `.storage`, `.resources` |
 * | `postgresql.persistence.*`, `redis.persistence.*` (older Bitnami layout; the newer one wins) | `.storage` |
 * | `postgresql.enabled`, `redis.enabled` (older name of `install`) | the switch, with a warning to rename it |
 * | `{postgresql,postgresql.primary,redis,redis.master,minio}.{affinity,nodeSelector,tolerations}` | ignored with a warning (no placement setting) |
 * | `minio.ingress.*`, `global.hosts.minio.*` | ignored with a warning (Garage is in-cluster only) |
 *
 * `*.persistence.enabled: true` and `architecture: standalone` are accepted (what runs anyway), other values refused;
 * passwords in the values (`postgresql.postgresqlPassword`, `redis.password`, `minio.accessKey`, ...) are ignored
 * with a warning (`bundled-passwords.ts`).
 *
 * Keys read here: postgresql.install, postgresql.primary.persistence.size, postgresql.primary.persistence.storageClass,
 * postgresql.primary.resources, redis.install, redis.master.persistence.size, redis.master.persistence.storageClass,
 * redis.master.resources, redis.metrics.enabled, redis.auth.existingSecret, redis.auth.existingSecretKey,
 * global.minio.enabled, minio.persistence.size, minio.persistence.storageClass, minio.resources; refused with a fix:
 * global.psql.password.* and global.minio.credentials.secret (with the bundled services), a bundled install switched
 * on next to an external service.
 *
 * Data of an existing bundled install is not migrated: the in-cluster services start empty (the platform says so
 * on stderr); GitLab's backup and restore moves the data.
 */
import type { ResolvedSecretRef } from '../config/resolved';
import { withInClusterServices } from '../data-services/wiring';
import type { GitLabPlatformProps } from '../config/types';
import { PropsBuilder } from './builder';
import { isMap } from './reader';

/** Helm users write `cpu: 1`; the typed props take strings. */
const stringifyNumbers = (value: unknown): unknown => {
  if (typeof value === 'number') return String(value);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, stringifyNumbers(x)]));
  return value;
};

const MIGRATION = 'the in-cluster services start empty: move the data of a bundled install with GitLab\'s backup and restore (https://docs.gitlab.com/charts/backup-restore/)';

type Props = Record<string, unknown>;

/** Copies the bundled chart's storage and resources keys into an in-cluster service's settings. */
function common(b: PropsBuilder, settings: Props, persistence: string, resources: string, legacy?: string): void {
  const v = b.values;
  // Older Bitnami charts kept persistence at the top (`postgresql.persistence`); the newer layout wins when both are set.
  const legacySize = legacy ? v.string(`${legacy}.size`) : undefined;
  const legacyClass = legacy ? v.string(`${legacy}.storageClass`) : undefined;
  const size = v.string(`${persistence}.size`) ?? legacySize;
  const storageClass = v.string(`${persistence}.storageClass`) ?? legacyClass;
  if (size !== undefined || storageClass !== undefined) {
    settings.storage = { ...(size !== undefined ? { size } : {}), ...(storageClass !== undefined ? { storageClass } : {}) };
  }
  const r = v.get(resources);
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

/** The bundled chart's pod placement: the in-cluster services have no placement setting, so it is ignored, said so. */
function ignorePlacement(b: PropsBuilder, bases: readonly string[], what: string): void {
  for (const base of bases) {
    for (const key of ['affinity', 'nodeSelector', 'tolerations']) {
      b.values.noEffect(`${base}.${key}`, `the in-cluster ${what} has no placement setting, so the scheduler places its pods`,
        'remove the key, or place the pods with a cdk8s override of the in-cluster service');
    }
  }
}

/**
 * Reads the bundled PostgreSQL, Redis and MinIO switches (on by default, as in the chart) and maps each one that is
 * on and not replaced by an external service onto its in-cluster service, then wires GitLab to them as the typed
 * API does. Call after the external services' keys are read.
 */
export function readBundledServices(b: PropsBuilder): void {
  const v = b.values;
  const props = b.props as Props;
  const ics: Props = {};

  // PostgreSQL: the chart's bundled install unless an external host is named.
  const pgInstall = installSwitch(b, 'postgresql');
  const pgHost = b.get('postgres.host');
  if (pgInstall === true && pgHost !== undefined) {
    v.problem('postgresql.install', true, 'false while global.psql.host names an external PostgreSQL (the chart would install one GitLab never uses)',
      'set postgresql.install: false, or remove global.psql.host to run PostgreSQL in the cluster (CloudNativePG)');
  } else if (pgInstall !== false && pgHost === undefined) {
    const pg: Props = {};
    common(b, pg, 'postgresql.primary.persistence', 'postgresql.primary.resources', 'postgresql.persistence');
    ignorePlacement(b, ['postgresql', 'postgresql.primary'], 'CloudNativePG Cluster');
    const pgProps = (props.postgres ?? {}) as Props;
    if (typeof pgProps.database === 'string') pg.database = pgProps.database;
    if (typeof pgProps.username === 'string') pg.owner = pgProps.username;
    for (const key of ['secret', 'key']) {
      if (v.peek(`global.psql.password.${key}`) !== undefined) {
        v.problem(`global.psql.password.${key}`, v.peek(`global.psql.password.${key}`), 'nothing with the in-cluster PostgreSQL (CloudNativePG keeps the password in <cluster>-app)',
          `remove global.psql.password; ${MIGRATION}`);
      }
    }
    // The in-cluster service sets the connection; the rest of global.psql (timeouts, ...) still applies.
    for (const key of ['host', 'port', 'database', 'username', 'password']) delete pgProps[key];
    props.postgres = pgProps;
    ics.postgres = pg;
  }

  // Redis: the chart's bundled install unless an external server or Sentinels are named.
  const redisInstall = installSwitch(b, 'redis');
  const redisProps = (props.redis ?? {}) as Props;
  const external = redisProps.host !== undefined || redisProps.sentinels !== undefined;
  if (redisInstall === true && external) {
    v.problem('redis.install', true, 'false while global.redis names an external Redis (the chart would install one GitLab never uses)',
      'set redis.install: false, or remove global.redis.host to run Valkey in the cluster');
  } else if (redisInstall !== false && !external) {
    const redis: Props = {};
    common(b, redis, 'redis.master.persistence', 'redis.master.resources', 'redis.persistence');
    ignorePlacement(b, ['redis', 'redis.master'], 'Valkey StatefulSet');
    redis.metrics = v.boolean('redis.metrics.enabled') ?? true;
    const bundledSecret = v.string('redis.auth.existingSecret');
    const bundledKey = v.string('redis.auth.existingSecretKey');
    const password = redisProps.password as ResolvedSecretRef | undefined;
    if (!password) {
      v.problem('global.redis.auth.enabled', false, 'true with the in-cluster Valkey (it always requires a password)', 'remove global.redis.auth.enabled: false');
    } else {
      const fromGlobal = v.peek('global.redis.auth.secret') !== undefined;
      redis.password = fromGlobal || bundledSecret === undefined ? password
        : { name: bundledSecret, key: bundledKey ?? 'secret' };
    }
    for (const key of ['host', 'port', 'scheme', 'password']) delete redisProps[key];
    props.redis = redisProps;
    ics.redis = redis;
  }

  // Object storage: the chart's MinIO unless a consolidated connection is named.
  const minio = v.boolean('global.minio.enabled');
  const osProps = (props.objectStorage ?? {}) as Props;
  const connection = osProps.connection !== undefined;
  if (minio === true && connection) {
    v.problem('global.minio.enabled', true, 'false while global.appConfig.object_store.connection names external object storage',
      'set global.minio.enabled: false, or remove the connection to run Garage in the cluster');
  } else if (minio !== false && !connection) {
    const garage: Props = {};
    common(b, garage, 'minio.persistence', 'minio.resources');
    ignorePlacement(b, ['minio'], 'Garage StatefulSet');
    for (const key of ['minio.ingress', 'global.hosts.minio']) {
      v.noEffect(key, 'Garage is in-cluster only, without a public Ingress; GitLab proxies downloads and uploads',
        'remove the key; to reach the buckets from outside, use external object storage (global.appConfig.object_store.connection)');
    }
    if (v.peek('global.minio.credentials.secret') !== undefined) {
      v.problem('global.minio.credentials.secret', v.get('global.minio.credentials.secret'), 'nothing: Garage\'s access key has its own form (GK...), generated by `gitlab-iac secrets`',
        `remove global.minio.credentials; ${MIGRATION}`);
    }
    // The consolidated form is what the in-cluster Garage fills in: drop the importer's request for it.
    const at = v.problems.findIndex((p) => p.path === 'global.appConfig.object_store.enabled');
    if (at >= 0) v.problems.splice(at, 1);
    props.objectStorage = osProps;
    ics.objectStorage = garage;
  }

  if (!Object.keys(ics).length) return;
  props.inClusterServices = ics;
  // Wire GitLab to them (postgres, redis, objectStorage, registry storage, backups), as the typed API does. A clash
  // with a setting of the values is reported by validation, against the key it came from.
  const wired = withInClusterServices(props as unknown as GitLabPlatformProps, []);
  Object.assign(props, wired);
}
