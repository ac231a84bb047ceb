import { REDIS_PURPOSES } from '../config/resolve-redis';
import { PropsBuilder } from './builder';
import { isMap } from './reader';

/**
 * The data-services keys beyond the single PostgreSQL and Redis of `database.ts`: Redis per purpose
 * (`global.redis.<purpose>`), Sentinels (`sentinels`, with `host` as the master's name) and their password
 * (`global.redis.sentinelAuth`), ACL users, PostgreSQL load balancing (`load_balancing`), `databaseTasks`, and the
 * per-component PostgreSQL settings of the Rails components and the exporter (`gitlab.<component>.psql`).
 * Runs after `readPostgres`, `readRedis` and `readComponents`.
 */
export function readDataServices(b: PropsBuilder, release: string): void {
  readRedisSentinels(b, release);
  for (const purpose of REDIS_PURPOSES) readRedisPurpose(b, purpose, release);
  readLoadBalancing(b, 'global.psql', 'postgres');
  readLoadBalancing(b, 'global.psql.main', 'postgres');
  readLoadBalancing(b, 'global.psql.ci', 'postgres.ci');
  b.boolean('global.psql.databaseTasks', 'postgres.databaseTasks');
  b.boolean('global.psql.main.databaseTasks', 'postgres.databaseTasks');
  b.boolean('global.psql.ci.databaseTasks', 'postgres.ci.databaseTasks');
  for (const [key, path] of PSQL_CLIENTS) readComponentPostgres(b, key, path, release);
}

/** Sentinels (from values entries `{ host, port }`); `host` names the master in the chart's Sentinel form. */
function sentinels(b: PropsBuilder, from: string, to: string, masterName: unknown, masterFrom: string): boolean {
  const list = b.values.list(`${from}.sentinels`);
  if (!list?.length) return false;
  b.set(`${to}.sentinels`, list.map((s) => (isMap(s) ? { ...s, port: typeof s.port === 'string' && /^[0-9]+$/.test(s.port) ? Number(s.port) : s.port } : s)), `${from}.sentinels`);
  b.set(`${to}.masterName`, masterName, masterFrom);
  return true;
}

/** `global.redis.sentinels` (the master's name in `global.redis.host`), `global.redis.user`, `global.redis.sentinelAuth`. */
function readRedisSentinels(b: PropsBuilder, release: string): void {
  const v = b.values;
  b.string('global.redis.user', 'redis.user');
  if (sentinels(b, 'global.redis', 'redis', b.get('redis.host'), 'global.redis.host')) {
    // With Sentinels the chart's host is the master's name, not an address.
    const redis = b.props.redis as Record<string, unknown>;
    delete redis.host;
  }
  const auth = v.boolean('global.redis.sentinelAuth.enabled') ?? false;
  if (!auth) {
    v.noEffect('global.redis.sentinelAuth', 'nothing while global.redis.sentinelAuth.enabled is not true', 'remove the key, or set sentinelAuth.enabled: true', ['global.redis.sentinelAuth.enabled']);
    return;
  }
  b.set('redis.sentinelPassword', {
    name: v.string('global.redis.sentinelAuth.secret') ?? `${release}-redis-sentinel-secret`,
    key: v.string('global.redis.sentinelAuth.key') ?? 'secret',
  }, 'global.redis.sentinelAuth');
}

/**
 * `global.redis.<purpose>`: its own server (or Sentinels, `host` then naming the master) and password. A password
 * map the instance leaves out is the global one's, as in the chart; `password.enabled: false` turns AUTH off.
 */
function readRedisPurpose(b: PropsBuilder, purpose: string, release: string): void {
  const v = b.values;
  const from = `global.redis.${purpose}`;
  const to = `redis.${purpose}`;
  if (v.peek(from) === undefined) return;
  b.set(to, {}, from);
  const host = v.string(`${from}.host`);
  // Without Sentinels of its own, the chart's instance host falls back to the global one: the same server.
  if (!sentinels(b, from, to, host ?? v.peek('global.redis.host'), host !== undefined ? `${from}.host` : 'global.redis.host')) b.set(`${to}.host`, host, `${from}.host`);
  b.number(`${from}.port`, `${to}.port`);
  b.string(`${from}.scheme`, `${to}.scheme`);
  b.string(`${from}.user`, `${to}.user`);
  b.number(`${from}.database`, `${to}.database`);
  if (v.peek(`${from}.password`) === undefined) return;
  const globalAuth = v.peek('global.redis.auth.enabled') !== false;
  const enabled = v.boolean(`${from}.password.enabled`) ?? globalAuth;
  if (!enabled) {
    b.set(`${to}.password`, false, `${from}.password.enabled`);
    v.noEffect(`${from}.password`, `nothing while ${from}.password.enabled is false`, 'remove the key, or turn AUTH on', [`${from}.password.enabled`]);
    return;
  }
  b.set(`${to}.password`, {
    name: v.string(`${from}.password.secret`) ?? v.peek('global.redis.auth.secret') ?? `${release}-redis-secret`,
    key: v.string(`${from}.password.key`) ?? v.peek('global.redis.auth.key') ?? 'secret',
  }, `${from}.password`);
}

/** `load_balancing`: replica hosts or DNS discovery, and the stale-read limits (GitLab's names, as the chart takes them). */
function readLoadBalancing(b: PropsBuilder, from: string, to: string): void {
  const v = b.values;
  const lb = `${from}.load_balancing`;
  if (v.peek(lb) === undefined) return;
  const at = `${to}.loadBalancing`;
  b.set(at, {}, lb);
  b.raw(`${lb}.hosts`, `${at}.hosts`);
  if (v.peek(`${lb}.discover`) !== undefined) {
    b.set(`${at}.discover`, {}, `${lb}.discover`);
    for (const [key, prop, type] of DISCOVER_KEYS) b[type](`${lb}.discover.${key}`, `${at}.discover.${prop}`);
  }
  b.number(`${lb}.max_replication_difference`, `${at}.maxReplicationDifference`);
  b.number(`${lb}.max_replication_lag_time`, `${at}.maxReplicationLagTime`);
  b.number(`${lb}.replica_check_interval`, `${at}.replicaCheckInterval`);
}

const DISCOVER_KEYS = [
  ['record', 'record', 'string'], ['record_type', 'recordType', 'string'], ['nameserver', 'nameserver', 'string'], ['port', 'port', 'number'],
  ['interval', 'interval', 'number'], ['disconnect_timeout', 'disconnectTimeout', 'number'], ['use_tcp', 'useTcp', 'boolean'],
  ['max_replica_pools', 'maxReplicaPools', 'number'],
] as const;

/** The components whose chart reads its own `psql` (typed key, values path). */
const PSQL_CLIENTS = [
  ['webservice', 'gitlab.webservice'], ['sidekiq', 'gitlab.sidekiq'], ['toolbox', 'gitlab.toolbox'], ['migrations', 'gitlab.migrations'],
  ['gitlabExporter', 'gitlab.gitlab-exporter'],
] as const;

const CONNECTION_KEYS = [
  ['host', 'string'], ['port', 'number'], ['database', 'string'], ['username', 'string'], ['connectTimeout', 'number'],
  ['keepalives', 'number'], ['keepalivesIdle', 'number'], ['keepalivesInterval', 'number'], ['keepalivesCount', 'number'],
  ['tcpUserTimeout', 'number'], ['preparedStatements', 'boolean'], ['databaseTasks', 'boolean'],
] as const;

/**
 * `gitlab.<component>.psql`: that component's own connection, each key over `global.psql`; `psql.ci` over it for
 * the ci connection. A password Secret or key left out comes from `global.psql.password`, as in the chart.
 */
function readComponentPostgres(b: PropsBuilder, key: string, path: string, release: string): void {
  const v = b.values;
  const from = `${path}.psql`;
  if (v.peek(from) === undefined || b.get(`components.${key}.enabled`) === false) return;
  const to = `components.${key}.postgres`;
  const copy = (at: string, into: string) => {
    b.set(into, b.get(into) ?? {}, at);
    for (const [name, type] of CONNECTION_KEYS) b[type](`${at}.${name}`, `${into}.${name}`);
    b.string(`${at}.applicationName`, `${into}.applicationName`, true);
    if (v.peek(`${at}.password`) !== undefined) {
      b.set(`${into}.password`, {
        name: v.string(`${at}.password.secret`) ?? v.peek('global.psql.password.secret') ?? `${release}-postgresql-password`,
        key: v.string(`${at}.password.key`) ?? v.peek('global.psql.password.key') ?? 'postgresql-password',
      }, `${at}.password`);
    }
    readLoadBalancing(b, at, into);
  };
  copy(from, to);
  if (v.peek(`${from}.ci`) !== undefined) copy(`${from}.ci`, `${to}.ci`);
}
