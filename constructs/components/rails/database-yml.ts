import { ResolvedConfig, ResolvedPostgres } from '../../config/resolved';
import { erbSecretJson, templateYaml } from '../../lib/erb';
import { RAILS_PATHS } from './consumer';
import { RAILS_SECRET_PATHS } from './secret-files';

/** The system CA bundle the `certificates` init container builds, custom CAs (e.g. the RDS bundle) included. */
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

function connection(pg: ResolvedPostgres, passwordPath: string) {
  return {
    adapter: 'postgresql',
    encoding: 'unicode',
    database: pg.database,
    username: pg.username,
    password: erbSecretJson(`${RAILS_PATHS.secrets}/${passwordPath}`),
    host: pg.host,
    port: pg.port,
    connect_timeout: pg.connectTimeout,
    keepalives: pg.keepalives,
    keepalives_idle: pg.keepalivesIdle,
    keepalives_interval: pg.keepalivesInterval,
    keepalives_count: pg.keepalivesCount,
    tcp_user_timeout: pg.tcpUserTimeout,
    application_name: pg.applicationName,
    prepared_statements: pg.preparedStatements,
    database_tasks: pg.databaseTasks,
    sslmode: pg.sslMode,
    sslrootcert: pg.sslRootCert ? CA_BUNDLE : undefined,
  };
}

/**
 * `database.yml.erb`: the `main` and `ci` connections (both always present; `ci` runs no schema tasks while it
 * shares main's database). Passwords are read from the pod's secret files at render time.
 */
export function databaseYmlTemplate(config: ResolvedConfig): string {
  return templateYaml({
    production: {
      main: connection(config.postgres.main, RAILS_SECRET_PATHS.psqlMain),
      ci: connection(config.postgres.ci, RAILS_SECRET_PATHS.psqlCi),
    },
  });
}
