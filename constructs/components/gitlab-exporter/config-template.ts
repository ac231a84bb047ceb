import { ResolvedConfig } from '../../config/resolved';
import { raw, templateYaml } from '../../lib/erb';

/** `gitlab-exporter.yml.erb`: probes of the database (libpq string, password read in the pod) and Sidekiq's Redis. */
export function exporterConfigTemplate(config: ResolvedConfig): string {
  const pg = config.postgres.main;
  const r = config.redis;
  const password = `<%= File.read("/etc/gitlab/postgres/psql-password-main").strip.gsub(/['\\\\]/) { |c| "\\\\" + c } %>`;
  const dbOpts = { connection_string: raw(`dbname=${pg.database} user=${pg.username} host=${pg.host} port=${pg.port} password='${password}'`) };
  const redisPassword = r.password ? ':<%= ERB::Util.url_encode(File.read("/etc/gitlab/redis/redis-password").strip) %>@' : '';
  const redisUrl = raw(`${r.scheme}://${redisPassword}${r.host}:${r.port}/${r.database}`);
  const db = (className: string) => ({ class_name: className, methods: ['probe_db'], opts: dbOpts });
  const sidekiq = {
    methods: ['probe_queues', 'probe_workers', 'probe_retries', 'probe_stats'],
    opts: { redis_url: redisUrl, redis_enable_client: false, probe_non_namespaced: true },
  };
  const ruby = { methods: ['probe_gc'], opts: { quantiles: false } };
  return templateYaml({
    server: { name: 'webrick', listen_address: '*', listen_port: 9168 },
    probes: {
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
