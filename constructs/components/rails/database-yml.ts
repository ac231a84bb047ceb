import { ResolvedConfig, ResolvedLoadBalancing, ResolvedPostgres } from '../../config/resolved';
import { erbSecretJson, templateYaml } from '../../lib/erb';
import { POSTGRES_SECRET_PATHS, postgresTlsParameters } from '../../lib/postgres';
import { RAILS_PATHS, RailsConsumer } from './consumer';

/** database.yml's `load_balancing`: a fixed list of replicas or DNS discovery, and the stale-read limits. */
function loadBalancing(lb: ResolvedLoadBalancing | undefined) {
  if (!lb) return undefined;
  const d = lb.discover;
  return {
    hosts: lb.hosts,
    discover: d ? {
      nameserver: d.nameserver,
      record: d.record,
      record_type: d.recordType,
      port: d.port,
      interval: d.interval,
      disconnect_timeout: d.disconnectTimeout,
      use_tcp: d.useTcp,
      max_replica_pools: d.maxReplicaPools,
    } : undefined,
    max_replication_difference: lb.maxReplicationDifference,
    max_replication_lag_time: lb.maxReplicationLagTime,
    replica_check_interval: lb.replicaCheckInterval,
  };
}

function connection(pg: ResolvedPostgres, passwordPath: string) {
  return {
    adapter: 'postgresql',
    encoding: 'unicode',
    database: pg.database,
    username: pg.username,
    password: erbSecretJson(`${RAILS_PATHS.secrets}/${passwordPath}`),
    host: pg.host,
    port: pg.port,
    // Unset libpq settings are written empty, as the chart does (libpq's defaults apply).
    connect_timeout: pg.connectTimeout ?? null,
    keepalives: pg.keepalives ?? null,
    keepalives_idle: pg.keepalivesIdle ?? null,
    keepalives_interval: pg.keepalivesInterval ?? null,
    keepalives_count: pg.keepalivesCount ?? null,
    tcp_user_timeout: pg.tcpUserTimeout ?? null,
    application_name: pg.applicationName ?? null,
    prepared_statements: pg.preparedStatements,
    database_tasks: pg.databaseTasks,
    load_balancing: loadBalancing(pg.loadBalancing),
    ...postgresTlsParameters(pg, RAILS_PATHS.secrets),
  };
}

/**
 * `database.yml.erb`: the `main` and `ci` connections (both always present; `ci` runs no schema tasks while it
 * shares main's database) as this pod sees them (its `components.<name>.postgres` override applied). Passwords are
 * read from the pod's secret files at render time.
 */
export function databaseYmlTemplate(config: ResolvedConfig, consumer: RailsConsumer): string {
  const pg = config.postgres.clients[consumer];
  return templateYaml({
    production: {
      main: connection(pg.main, POSTGRES_SECRET_PATHS.main),
      ci: connection(pg.ci, POSTGRES_SECRET_PATHS.ci),
    },
  });
}
