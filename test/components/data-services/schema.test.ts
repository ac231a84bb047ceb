import { describe, expect, it } from 'vitest';
import { GitLabPlatformProps } from '../../../constructs';
import { KUBERNETES_VERSIONS, validateObjects } from '../../support/kube-schema';
import { restrictedViolations } from '../../support/pod-security';
import { synthPlatform, synthPlatformYaml } from '../../support/synth';
import { base } from './support';

/** Every data-services feature at once: split Redis with Sentinels, load balancing, decomposition, overrides, mutual TLS, a size. */
const EVERYTHING: GitLabPlatformProps = {
  ...base,
  size: '10k',
  postgres: {
    ...base.postgres,
    host: 'pgbouncer.db.internal',
    loadBalancing: { discover: { record: 'replica.db.internal', nameserver: '10.100.0.10' } },
    tls: { mode: 'verify-full', rootCertificate: { name: 'db-ca' }, clientCertificate: { name: 'db-client', key: 'tls.crt' }, clientKey: { name: 'db-client', key: 'tls.key' } },
    ci: { host: 'ci-pgbouncer.db.internal', loadBalancing: false, password: { name: 'gitlab-postgres-ci' } },
  },
  redis: {
    ...base.redis,
    cache: { sentinels: [{ host: 's1.cache.internal' }, { host: 's2.cache.internal' }], masterName: 'gitlab-cache', password: { name: 'redis-cache' } },
    queues: { host: 'queues.redis.internal', user: 'sidekiq' },
    sharedState: { host: 'shared.redis.internal' },
    workhorse: { host: 'workhorse.redis.internal', password: false },
    kas: { host: 'kas.redis.internal' },
    sentinelPassword: { name: 'redis-sentinel' },
  },
  components: {
    ...base.components,
    migrations: { postgres: { host: 'primary.db.internal', ci: { host: 'ci-primary.db.internal' } } },
    gitlabExporter: { postgres: { host: 'primary.db.internal', ci: { host: 'ci-primary.db.internal' } } },
  },
};
const objects = synthPlatform(EVERYTHING);

describe('a platform with every data-services feature', () => {
  it.each(KUBERNETES_VERSIONS)('is valid against the Kubernetes %s schema', (version) => {
    expect(validateObjects(objects, version)).toEqual([]);
  });

  it('meets the restricted Pod Security Standard', () => {
    expect(restrictedViolations(objects)).toEqual([]);
  });

  it('synthesizes the same YAML twice', () => {
    expect(synthPlatformYaml(EVERYTHING)).toBe(synthPlatformYaml(EVERYTHING));
  });

  it('holds no secret material: passwords are read from files in the pod', () => {
    const text = JSON.stringify(objects);
    expect(text).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY/);
    expect(text).toContain('File.read(\\"/etc/gitlab/redis/cache-password\\")');
  });
});
