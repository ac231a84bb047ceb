import type { HelmValues } from '../values/reader';

/**
 * The values `cli secrets` assumes without `--values`: the Secret names the README, the examples and the chart's
 * AWS example use for the external credentials (PostgreSQL and Redis passwords, object storage connection, registry
 * storage, backup `.s3cfg`, TLS).
 */
export const DEFAULT_VALUES: HelmValues = {
  global: {
    hosts: { domain: 'example.com' },
    psql: { host: 'postgres.invalid', password: { secret: 'gitlab-postgres-password', key: 'password' } },
    redis: { host: 'redis.invalid', scheme: 'rediss', auth: { secret: 'gitlab-redis-password', key: 'password' } },
    minio: { enabled: false },
    appConfig: { object_store: { enabled: true, connection: { secret: 'gitlab-rails-storage', key: 'connection' } } },
    ingress: { configureCertmanager: false, tls: { secretName: 'gitlab-tls' } },
  },
  registry: { storage: { secret: 'registry-storage', key: 'config' } },
  gitlab: { toolbox: { backups: { objectStorage: { config: { secret: 's3cmd-config', key: 'config' } } } } },
};
