import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitLabPlatformProps } from '../../../constructs';
import { hasRuby, parseErbYaml, renderErbWithRuby } from '../../support/erb';
import { find, KubeObject, podSpec, synthPlatform } from '../../support/synth';
import {
  base, configMapData, erbYaml, migrationsJob, projectedFiles, RAILS_CONFIG_MAPS, RAILS_WORKLOADS, withComponents, withPostgres,
} from './support';

const PRIMARY = base.postgres.host;
const REPLICAS = ['replica-1.db.internal', 'replica-2.db.internal'];
const production = synthPlatform(base);
const db = (objects: KubeObject[], configMap = 'gitlab-webservice') => erbYaml(objects, configMap, 'database.yml.erb').doc.production;
const exporterDb = (objects: KubeObject[]) => {
  const { doc, erb } = parseErbYaml(configMapData(objects, 'gitlab-gitlab-exporter')['gitlab-exporter.yml.erb']);
  return erb(doc.probes.database.ci_builds.opts.connection_string);
};
const pgFiles = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith('postgres/')));

describe('database load balancing', () => {
  it('is absent without replicas', () => {
    expect(db(production).main.load_balancing).toBeUndefined();
    expect(db(production).ci.load_balancing).toBeUndefined();
  });

  it('lists fixed replicas for main, and for ci while it shares main\'s server', () => {
    const objects = synthPlatform(withPostgres({ loadBalancing: { hosts: REPLICAS } }));
    for (const name of RAILS_CONFIG_MAPS) {
      expect(db(objects, name).main.load_balancing, name).toEqual({ hosts: REPLICAS });
      expect(db(objects, name).ci.load_balancing, name).toEqual({ hosts: REPLICAS });
    }
  });

  it('finds replicas by DNS with GitLab\'s setting names', () => {
    const objects = synthPlatform(withPostgres({
      loadBalancing: {
        discover: { record: 'replica.postgresql.service.consul', recordType: 'SRV', nameserver: 'consul.internal', port: 8600, interval: 60, disconnectTimeout: 120, useTcp: true, maxReplicaPools: 30 },
      },
    }));
    expect(db(objects).main.load_balancing).toEqual({
      discover: {
        nameserver: 'consul.internal', record: 'replica.postgresql.service.consul', record_type: 'SRV', port: 8600, interval: 60,
        disconnect_timeout: 120, use_tcp: true, max_replica_pools: 30,
      },
    });
  });

  it('writes only the discovery settings given, leaving the rest to GitLab', () => {
    const objects = synthPlatform(withPostgres({ loadBalancing: { discover: { record: 'replica.db.internal' } } }));
    expect(db(objects).main.load_balancing).toEqual({ discover: { record: 'replica.db.internal' } });
  });

  it('bounds stale reads', () => {
    const objects = synthPlatform(withPostgres({ loadBalancing: { hosts: REPLICAS, maxReplicationDifference: 8388608, maxReplicationLagTime: 60, replicaCheckInterval: 30 } }));
    expect(db(objects).main.load_balancing).toEqual({ hosts: REPLICAS, max_replication_difference: 8388608, max_replication_lag_time: 60, replica_check_interval: 30 });
  });

  it('comes after database_tasks, as in the chart', () => {
    const objects = synthPlatform(withPostgres({ loadBalancing: { hosts: REPLICAS } }));
    const keys = Object.keys(db(objects).main);
    expect(keys.indexOf('load_balancing')).toBe(keys.indexOf('database_tasks') + 1);
  });
});

describe('a separate ci database (decomposition)', () => {
  const decomposed = withPostgres({
    ci: { host: 'ci-db.internal', database: 'gitlabhq_production_ci', password: { name: 'gitlab-postgres-ci', key: 'password' } },
  });
  const objects = synthPlatform(decomposed);

  it('connects ci to its own server and database and runs its schema tasks there', () => {
    expect(db(objects).ci).toMatchObject({ host: 'ci-db.internal', database: 'gitlabhq_production_ci', database_tasks: true, application_name: null });
    expect(db(objects).main).toMatchObject({ host: PRIMARY, database: 'gitlabhq_production', database_tasks: true });
  });

  it('runs no ci schema tasks while ci shares main\'s database', () => {
    expect(db(production).ci.database_tasks).toBe(false);
  });

  it('follows an explicit databaseTasks', () => {
    const explicit = synthPlatform(withPostgres({ ci: { database: 'gitlabhq_ci', databaseTasks: false } }));
    expect(db(explicit).ci.database_tasks).toBe(false);
  });

  it('reads ci\'s password from its own Secret in every Rails pod and the exporter', () => {
    for (const w of RAILS_WORKLOADS) {
      expect(pgFiles(projectedFiles(find(objects, w.kind, w.name), w.volume)), w.name).toEqual({
        'postgres/psql-password-ci': 'gitlab-postgres-ci/password', 'postgres/psql-password-main': 'gitlab-postgres-password/password',
      });
    }
    expect(pgFiles(projectedFiles(find(objects, 'Deployment', 'gitlab-gitlab-exporter'), 'init-gitlab-exporter-secrets'))['postgres/psql-password-ci'])
      .toBe('gitlab-postgres-ci/password');
  });

  it('keeps no replicas of main for a ci on another server', () => {
    const lb = synthPlatform(withPostgres({ loadBalancing: { hosts: REPLICAS }, ci: { host: 'ci-db.internal', loadBalancing: false } }));
    expect(db(lb).main.load_balancing).toEqual({ hosts: REPLICAS });
    expect(db(lb).ci.load_balancing).toBeUndefined();
  });

  it('gives ci replicas of its own', () => {
    const lb = synthPlatform(withPostgres({ loadBalancing: { hosts: REPLICAS }, ci: { host: 'ci-db.internal', loadBalancing: { hosts: ['ci-replica.internal'] } } }));
    expect(db(lb).ci.load_balancing).toEqual({ hosts: ['ci-replica.internal'] });
  });
});

describe('per-component PostgreSQL overrides', () => {
  /** The 10k reference: the pods through a pooler with replicas, migrations straight to the primary. */
  const pooled: GitLabPlatformProps = withComponents(
    { migrations: { postgres: { host: 'primary.db.internal', port: 5433, password: { name: 'gitlab-postgres-primary', key: 'password' } } } },
    { postgres: { ...base.postgres, host: 'pgbouncer.db.internal', loadBalancing: { hosts: REPLICAS } } },
  );
  const objects = synthPlatform(pooled);

  it('point migrations at the primary, main and ci alike', () => {
    const m = db(objects, 'gitlab-migrations');
    expect(m.main).toMatchObject({ host: 'primary.db.internal', port: 5433, database_tasks: true });
    expect(m.ci).toMatchObject({ host: 'primary.db.internal', port: 5433, database_tasks: false });
  });

  it('leave the other pods on the pooler with their replicas', () => {
    for (const name of ['gitlab-webservice', 'gitlab-sidekiq', 'gitlab-toolbox']) {
      expect(db(objects, name).main, name).toMatchObject({ host: 'pgbouncer.db.internal', port: 5432, load_balancing: { hosts: REPLICAS } });
    }
  });

  it('do not inherit load balancing (as in the chart)', () => {
    expect(db(objects, 'gitlab-migrations').main.load_balancing).toBeUndefined();
    expect(db(objects, 'gitlab-migrations').ci.load_balancing).toBeUndefined();
  });

  it('mount the override\'s password Secret in that pod only', () => {
    expect(pgFiles(projectedFiles(migrationsJob(objects), 'init-migrations-secrets'))).toEqual({
      'postgres/psql-password-ci': 'gitlab-postgres-primary/password', 'postgres/psql-password-main': 'gitlab-postgres-primary/password',
    });
    expect(pgFiles(projectedFiles(find(objects, 'Deployment', 'gitlab-webservice-default'), 'init-webservice-secrets'))['postgres/psql-password-main'])
      .toBe('gitlab-postgres-password/password');
  });

  it('rename the migrations Job, since what it applies changed', () => {
    expect(migrationsJob(objects).metadata.name).not.toBe(migrationsJob(production).metadata.name);
  });

  it('apply to webservice, sidekiq, toolbox and the exporter each on their own', () => {
    const each = synthPlatform(withComponents({
      webservice: { postgres: { host: 'web.db.internal' } },
      sidekiq: { postgres: { host: 'sidekiq.db.internal', port: 5431 } },
      toolbox: { postgres: { database: 'gitlabhq_restore' } },
      gitlabExporter: { postgres: { host: 'replica-1.db.internal', username: 'gitlab_exporter' } },
    }));
    expect(db(each, 'gitlab-webservice').main.host).toBe('web.db.internal');
    expect(db(each, 'gitlab-sidekiq').main).toMatchObject({ host: 'sidekiq.db.internal', port: 5431 });
    expect(db(each, 'gitlab-toolbox').main).toMatchObject({ host: PRIMARY, database: 'gitlabhq_restore' });
    expect(db(each, 'gitlab-migrations').main.host).toBe(PRIMARY);
    expect(exporterDb(each)).toMatch(/^dbname=gitlabhq_production user=gitlab_exporter host=replica-1\.db\.internal port=5432 password='/);
  });

  it('give ci the override\'s own ci settings first, then the override, then postgres.ci', () => {
    const layered = synthPlatform(withComponents(
      { sidekiq: { postgres: { host: 'pooler.internal', ci: { database: 'gitlabhq_ci_pooled' } } } },
      { postgres: { ...base.postgres, ci: { database: 'gitlabhq_ci', applicationName: 'gitlab-ci' } } },
    ));
    expect(db(layered, 'gitlab-sidekiq').ci).toMatchObject({ host: 'pooler.internal', database: 'gitlabhq_ci_pooled', application_name: 'gitlab-ci', database_tasks: true });
    expect(db(layered, 'gitlab-webservice').ci).toMatchObject({ host: PRIMARY, database: 'gitlabhq_ci' });
  });
});

describe('PostgreSQL TLS', () => {
  const mutual = withPostgres({
    tls: {
      mode: 'verify-full', rootCertificate: { name: 'db-ca', key: 'ca.pem' },
      clientCertificate: { name: 'db-client-tls', key: 'tls.crt' }, clientKey: { name: 'db-client-tls', key: 'tls.key' },
    },
  });
  const objects = synthPlatform(mutual);
  const SSL = {
    sslmode: 'verify-full',
    sslrootcert: '/etc/ssl/certs/ca-certificates.crt',
    sslcert: '/etc/gitlab/postgres/ssl/client-certificate.pem',
    sslkey: '/etc/gitlab/postgres/ssl/client-key.pem',
  };

  it('names the client certificate and key in database.yml for main and ci', () => {
    for (const name of RAILS_CONFIG_MAPS) {
      expect(db(objects, name).main, name).toMatchObject(SSL);
      expect(db(objects, name).ci, name).toMatchObject(SSL);
    }
  });

  it('projects the client certificate and key at the chart\'s paths', () => {
    for (const w of RAILS_WORKLOADS) {
      expect(pgFiles(projectedFiles(find(objects, w.kind, w.name), w.volume)), w.name).toMatchObject({
        'postgres/ssl/client-certificate.pem': 'db-client-tls/tls.crt', 'postgres/ssl/client-key.pem': 'db-client-tls/tls.key',
      });
    }
  });

  it('makes the copied key readable by its owner only, as libpq demands', () => {
    for (const name of [...RAILS_CONFIG_MAPS, 'gitlab-gitlab-exporter']) {
      expect(configMapData(objects, name).configure, name).toContain('chmod 0400 "${secret_dir}/postgres/ssl/client-key.pem"\n');
    }
    expect(configMapData(production, 'gitlab-webservice').configure).not.toContain('chmod');
  });

  it('passes the TLS settings to the exporter\'s connection string', () => {
    expect(exporterDb(objects)).toMatch(/ sslmode=verify-full sslrootcert=\/etc\/ssl\/certs\/ca-certificates\.crt sslcert=\/etc\/gitlab\/postgres\/ssl\/client-certificate\.pem sslkey=\/etc\/gitlab\/postgres\/ssl\/client-key\.pem$/);
    expect(exporterDb(production)).not.toContain('ssl');
  });

  it('adds an override\'s server CA to the trust store', () => {
    const override = synthPlatform(withComponents({
      migrations: { postgres: { host: 'primary.db.internal', tls: { mode: 'verify-full', rootCertificate: { name: 'primary-ca', key: 'ca.pem' } } } },
    }));
    const custom = podSpec(find(override, 'Deployment', 'gitlab-webservice-default')).volumes.find((v: any) => v.name === 'custom-ca-certificates');
    expect(custom.projected.sources).toContainEqual({ secret: { name: 'primary-ca', items: [{ key: 'ca.pem', path: 'postgres-ca.pem' }] } });
    expect(db(override, 'gitlab-migrations').main).toMatchObject({ sslmode: 'verify-full', sslrootcert: '/etc/ssl/certs/ca-certificates.crt' });
  });
});

describe.skipIf(!hasRuby)('database.yml rendered with Ruby ERB', () => {
  it('is valid YAML with load balancing, decomposition and mutual TLS', () => {
    const objects = synthPlatform(withPostgres({
      loadBalancing: { discover: { record: 'replica.db.internal', port: 8600 } },
      ci: { host: 'ci-db.internal', loadBalancing: { hosts: ['ci-replica.internal'] } },
      tls: { mode: 'verify-ca', rootCertificate: { name: 'db-ca' }, clientCertificate: { name: 'db-client' }, clientKey: { name: 'db-client' } },
    }));
    const text = configMapData(objects, 'gitlab-sidekiq')['database.yml.erb'];
    const doc = parse(renderErbWithRuby(text, { 'postgres/psql-password-main': 'm"ain\n', 'postgres/psql-password-ci': 'c\'i\n' })).production;
    expect(doc.main).toMatchObject({ password: 'm"ain', load_balancing: { discover: { record: 'replica.db.internal', port: 8600 } }, sslmode: 'verify-ca' });
    expect(doc.ci).toMatchObject({ password: 'c\'i', host: 'ci-db.internal', load_balancing: { hosts: ['ci-replica.internal'] }, database_tasks: true });
  });
});
