import { GitLabPlatformProps } from '../../constructs';

/** A production-shaped configuration on AWS external services (the values of the chart's aws-production scenario). */
export function productionProps(overrides: Partial<GitLabPlatformProps> = {}): GitLabPlatformProps {
  return {
    hosts: { domain: 'example.com' },
    postgres: {
      host: 'gitlab-db.abc123.us-east-1.rds.amazonaws.com',
      password: { name: 'gitlab-postgres-password', key: 'password' },
    },
    redis: {
      host: 'master.gitlab-redis.abc123.use1.cache.amazonaws.com',
      scheme: 'rediss',
      password: { name: 'gitlab-redis-password', key: 'password' },
    },
    objectStorage: {
      connection: { name: 'gitlab-rails-storage', key: 'connection' },
      buckets: {
        artifacts: 'gl-artifacts', lfs: 'gl-lfs', uploads: 'gl-uploads', packages: 'gl-packages',
        externalDiffs: 'gl-mr-diffs', terraformState: 'gl-terraform-state', ciSecureFiles: 'gl-ci-secure-files',
        dependencyProxy: 'gl-dependency-proxy',
      },
      backupBucket: 'gl-backups',
      backupTmpBucket: 'gl-tmp',
    },
    ingress: { tls: { secretName: 'gitlab-tls' } },
    components: {
      registry: { storage: { name: 'registry-storage', key: 'config' }, bucket: 'gl-registry' },
      toolbox: { backupS3cmdConfig: { name: 's3cmd-config', key: 'config' } },
    },
    ...overrides,
  };
}
