import type { PropsBuilder } from '../../values/builder';
import { POSTGRES_CLIENTS, PostgresClient } from './names';
import { COMPONENT_VALUES_PATHS } from '../components/names';

/**
 * The chart's PostgreSQL values (`global.psql`, `gitlab.<component>.psql`) as `postgres` props. The keys read here
 * are listed in `values/README.md` and marked mapped in `values/keys/table.ts`.
 */

/** Keys a PostgreSQL connection has at `global.psql`, `global.psql.main`, `global.psql.ci` and `gitlab.<component>.psql`. */
const CONNECTION_KEYS = [
  ['host', 'string'], ['port', 'number'], ['database', 'string'], ['username', 'string'],
  ['connectTimeout', 'number'], ['keepalives', 'number'], ['keepalivesIdle', 'number'], ['keepalivesInterval', 'number'],
  ['keepalivesCount', 'number'], ['tcpUserTimeout', 'number'], ['preparedStatements', 'boolean'],
] as const;

/** A component's own `psql` also says whether it runs schema tasks (`global.psql.databaseTasks` is read beside load balancing). */
const COMPONENT_CONNECTION_KEYS = [...CONNECTION_KEYS, ['databaseTasks', 'boolean']] as const;

/** `load_balancing.discover` keys (GitLab's names, as the chart takes them) and their props. */
const DISCOVER_KEYS = [
  ['record', 'record', 'string'], ['record_type', 'recordType', 'string'], ['nameserver', 'nameserver', 'string'], ['port', 'port', 'number'],
  ['interval', 'interval', 'number'], ['disconnect_timeout', 'disconnectTimeout', 'number'], ['use_tcp', 'useTcp', 'boolean'],
  ['max_replica_pools', 'maxReplicaPools', 'number'],
] as const;

/** Where the chart reads each client component's own `psql`. */
const CLIENT_VALUES_PATHS: Readonly<Record<PostgresClient, string>> = COMPONENT_VALUES_PATHS;

/** Where to set a required PostgreSQL setting in values when the file lacks it entirely. */
export const POSTGRES_MISSING: Readonly<Record<string, { path: string; fix: string }>> = {
  'postgres.host': { path: 'global.psql.host', fix: 'set global.psql.host to the external PostgreSQL (e.g. the RDS endpoint), or remove postgresql.install: false to run PostgreSQL in the cluster (CloudNativePG, evaluation only)' },
};

/**
 * `global.psql`: the external PostgreSQL. `main` overrides the global settings for the main connection; `ci`
 * inherits from the global settings (not from `main`), as in the chart.
 */
export function readPostgres(b: PropsBuilder, release: string): void {
  const v = b.values;
  const copy = (from: string, to: string) => {
    for (const [key, type] of CONNECTION_KEYS) b[type](`${from}.${key}`, `${to}.${key}`);
    // An empty application name means "send none" to PostgreSQL, so it is kept.
    b.string(`${from}.applicationName`, `${to}.applicationName`, true);
    b.string(`${from}.password.secret`, `${to}.password.name`);
    b.string(`${from}.password.key`, `${to}.password.key`);
  };
  copy('global.psql', 'postgres');
  copy('global.psql.main', 'postgres');
  copy('global.psql.ci', 'postgres.ci');

  // The chart's defaults for the password Secret and key, where the values leave them out.
  const mainName = b.get('postgres.password.name') ?? `${release}-postgresql-password`;
  const mainKey = b.get('postgres.password.key') ?? 'postgresql-password';
  b.set('postgres.password.name', mainName);
  b.set('postgres.password.key', mainKey);
  // A key that `main` overrides but `ci` does not still comes from the global settings for `ci`.
  for (const key of [...CONNECTION_KEYS.map(([k]) => k), 'password.secret', 'password.key']) {
    const global = v.peek(`global.psql.${key}`);
    if (global === undefined || v.peek(`global.psql.main.${key}`) === undefined || v.peek(`global.psql.ci.${key}`) !== undefined) continue;
    b.set(`postgres.ci.${key.replace('password.secret', 'password.name')}`, global, `global.psql.${key}`);
  }
  if (b.get('postgres.ci.password') !== undefined) {
    b.set('postgres.ci.password.name', b.get('postgres.ci.password.name') ?? v.peek('global.psql.password.secret') ?? `${release}-postgresql-password`);
    b.set('postgres.ci.password.key', b.get('postgres.ci.password.key') ?? v.peek('global.psql.password.key') ?? 'postgresql-password');
  }

  // `global.psql.ssl` names one Secret with the server CA (and, for mutual TLS, a client certificate).
  const sslSecret = v.string('global.psql.ssl.secret');
  const serverCA = v.string('global.psql.ssl.serverCA');
  if (sslSecret !== undefined && serverCA !== undefined) {
    b.set('postgres.tls.rootCertificate', { name: sslSecret, key: serverCA }, 'global.psql.ssl');
  } else if (sslSecret !== undefined || serverCA !== undefined) {
    v.problem('global.psql.ssl', v.peek('global.psql.ssl'), 'both secret and serverCA', 'name the Secret (ssl.secret) and its key holding the server CA bundle (ssl.serverCA)');
  }
  for (const key of ['clientCertificate', 'clientKey']) {
    const path = `global.psql.ssl.${key}`;
    if (v.get(path) !== undefined) {
      v.problem(path, v.peek(path), 'nothing: client-certificate (mutual TLS) authentication to PostgreSQL is not supported',
        'remove the key; authenticate with the password Secret (global.psql.password) over server-verified TLS (ssl.serverCA)');
    }
  }
}

/**
 * Load balancing (`load_balancing`) and schema tasks (`databaseTasks`) of `global.psql` (and `.main`, `.ci`), then
 * the client components' own `psql`. Runs after `readComponents`: a component turned off has no connection to read.
 */
export function readPostgresOverrides(b: PropsBuilder, release: string): void {
  readLoadBalancing(b, 'global.psql', 'postgres');
  readLoadBalancing(b, 'global.psql.main', 'postgres');
  readLoadBalancing(b, 'global.psql.ci', 'postgres.ci');
  b.boolean('global.psql.databaseTasks', 'postgres.databaseTasks');
  b.boolean('global.psql.main.databaseTasks', 'postgres.databaseTasks');
  b.boolean('global.psql.ci.databaseTasks', 'postgres.ci.databaseTasks');
  for (const name of POSTGRES_CLIENTS) readComponentPostgres(b, name, CLIENT_VALUES_PATHS[name], release);
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

/**
 * `gitlab.<component>.psql`: that component's own connection, each key over `global.psql`; `psql.ci` over it for
 * the ci connection. A password Secret or key left out comes from `global.psql.password`, as in the chart.
 */
function readComponentPostgres(b: PropsBuilder, key: PostgresClient, path: string, release: string): void {
  const v = b.values;
  const from = `${path}.psql`;
  if (v.peek(from) === undefined || b.get(`components.${key}.enabled`) === false) return;
  const to = `components.${key}.postgres`;
  const copy = (at: string, into: string) => {
    b.set(into, b.get(into) ?? {}, at);
    for (const [name, type] of COMPONENT_CONNECTION_KEYS) b[type](`${at}.${name}`, `${into}.${name}`);
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
