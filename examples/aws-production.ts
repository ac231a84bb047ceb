// The default app (`npm run synth`, via cdk8s.yaml): a production-shaped GitLab on AWS external services
// (RDS PostgreSQL, ElastiCache Redis over TLS, S3 through an IAM role), written to dist/, with the
// kustomization.yaml of the directory the Flux sync applies (the platform's chart only).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Chart } from 'cdk8s';
import { GitLabConfigError, GitLabPlatform, deployTarget, kustomizationFile } from '../constructs';
import { addClusterIntegrations } from './cluster-integrations';

// The platform is never a Review App: a merge request pipeline's synth stops here.
try {
  deployTarget({ defaultNamespace: 'gitlab', reviewApps: false, what: 'the GitLab platform' });
} catch (e) {
  if (!(e instanceof GitLabConfigError)) throw e;
  console.error(e.message);
  process.exit(1);
}

const app = new App({ outdir: process.env.OUTDIR ?? 'dist' });
const chart = new Chart(app, 'gitlab', { disableResourceNameHashes: true });

const platform = new GitLabPlatform(chart, 'platform', {
  namespace: 'gitlab',
  hosts: { domain: 'example.com' },
  postgres: {
    host: 'gitlab-db.abc123.us-east-1.rds.amazonaws.com',
    password: { name: 'gitlab-postgres-password', key: 'password' },
    tls: { mode: 'require' },
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
      dependencyProxy: 'gl-dependency-proxy', pages: 'gl-pages',
    },
    backupBucket: 'gl-backups',
    backupTmpBucket: 'gl-tmp',
    iamRole: { roleArn: 'arn:aws:iam::123456789012:role/gitlab-object-storage' },
  },
  ingress: { className: 'nginx', tls: { secretName: 'gitlab-tls' } },
  components: {
    registry: { storage: { name: 'registry-storage', key: 'config' }, bucket: 'gl-registry' },
    toolbox: { backupS3cmdConfig: { name: 's3cmd-config', key: 'config' } },
  },
});

addClusterIntegrations(app, platform);

app.synth();
writeFileSync(join(app.outdir, 'kustomization.yaml'), kustomizationFile([`${chart.node.id}.k8s.yaml`]));
