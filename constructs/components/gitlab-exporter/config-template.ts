import { ResolvedConfig } from '../../config/resolved';
import { erbSecretJson, erbSecretUrlEncoded, raw, templateYaml } from '../../lib/erb';
import { POSTGRES_SECRET_PATHS, postgresTlsParameters } from '../../lib/postgres';
import { REDIS_SENTINEL_PASSWORD_PATH, redisUrl } from '../../lib/redis';

const SECRETS = '/etc/gitlab';

/**
 * `gitlab-exporter.yml.erb`: probes of the database (libpq string with its TLS files, password read in the pod)
 * and of Sidekiq's Redis (`redis.queues`, else the global Redis; through its Sentinels when it has them).
 */
export function exporterConfigTemplate(config: ResolvedConfig): string {
  const pg = config.postgres.clients.gitlabExporter.main;
  const r = config.redis.forPurpose.queues;
  const password = `<%= File.read("${SECRETS}/${POSTGRES_SECRET_PATHS.main}").strip.gsub(/['\\\\]/) { |c| "\\\\" + c } %>`;
  const tls = Object.entries(postgresTlsParameters(pg, SECRETS)).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}=${v}`).join('');
  const dbOpts = { connection_string: raw(`dbname=${pg.database} user=${pg.username} host=${pg.host} port=${pg.port} password='${password}'${tls}`) };
  const url = r.passwordPath ? raw(redisUrl(r, erbSecretUrlEncoded(`${SECRETS}/${r.passwordPath}`).text)) : redisUrl(r);
  const sentinels = r.sentinels ? {
    redis_sentinels: r.sentinels.map((s) => ({ host: s.host, port: s.port })),
    redis_sentinel_password: config.redis.sentinelPassword ? erbSecretJson(`${SECRETS}/${REDIS_SENTINEL_PASSWORD_PATH}`) : undefined,
  } : {};
  const db = (className: string) => ({ class_name: className, methods: ['probe_db'], opts: dbOpts });
  const sidekiq = {
    methods: ['probe_queues', 'probe_workers', 'probe_retries', 'probe_stats'],
    opts: { redis_url: url, redis_enable_client: false, probe_non_namespaced: true, ...sentinels },
  };
  const ruby = { methods: ['probe_gc'], opts: { quantiles: false } };
  return templateYaml({
    server: { name: 'webrick', listen_address: '*', listen_port: 9168 },
    probes: {
      // The chart's YAML anchor for the database probes; a probe group of its own to gitlab-exporter.
      db_common: { methods: ['probe_db'], opts: dbOpts },
      database: {
        multiple: true,
        ci_builds: db('Database::CiBuildsProber'),
        tuple_stats: db('Database::TuplesProber'),
        rows_count: db('Database::RowCountProber'),
      },
      database_bloat: db('Database::BloatProber'),
      sidekiq,
      ruby,
      metrics: {
        multiple: true,
        ruby,
        sidekiq,
        ci_builds: db('Database::CiBuildsProber'),
        tuple_stats: db('Database::TuplesProber'),
        rows_count: db('Database::RowCountProber'),
        pg_sequences: db('Database::PgSequencesProber'),
      },
    },
  });
}
