import { describe, expect, it } from 'vitest';
import { GitLabConfigError, GitLabPlatformProps } from '../../../constructs';
import { resolveConfig } from '../../../constructs/config/resolve';
import { base, withComponents, withPostgres, withRedis } from './support';

/** A refused configuration: the setting the message names, how it shows the value, and words of the allowed/fix text. */
interface BadInput {
  readonly what: string;
  readonly props: GitLabPlatformProps;
  readonly path: string;
  readonly shows: string;
  readonly says?: RegExp;
}

const SENTINELS = [{ host: 's1.redis.internal' }, { host: 's2.redis.internal' }];
const CLIENT = { clientCertificate: { name: 'db-client', key: 'tls.crt' }, clientKey: { name: 'db-client', key: 'tls.key' } };

const CASES: readonly BadInput[] = [
  { what: 'a Redis purpose with an http scheme', props: withRedis({ cache: { host: 'cache.redis.internal', scheme: 'http' as any } }), path: 'redis.cache.scheme', shows: '"http"', says: /"redis" \| "rediss"/ },
  { what: 'a purpose Sentinel setup without a master name', props: withRedis({ queues: { sentinels: SENTINELS } }), path: 'redis.queues.masterName', shows: 'nothing', says: /master/ },
  { what: 'a global Sentinel setup without a master name', props: withRedis({ host: undefined, sentinels: SENTINELS }), path: 'redis.masterName', shows: 'nothing', says: /sentinel\.conf/ },
  { what: 'a host next to Sentinels', props: withRedis({ cache: { host: 'cache.redis.internal', sentinels: SENTINELS, masterName: 'cache' } }), path: 'redis.cache.host', shows: '"cache.redis.internal"', says: /masterName/ },
  { what: 'a master name without Sentinels', props: withRedis({ sessions: { host: 'sessions.redis.internal', masterName: 'sessions' } }), path: 'redis.sessions.masterName', shows: '"sessions"', says: /sentinels/ },
  { what: 'a Sentinel password while nothing uses Sentinels', props: withRedis({ sentinelPassword: { name: 'redis-sentinel' } }), path: 'redis.sentinelPassword', shows: '{"name":"redis-sentinel"}', says: /Sentinels/ },
  { what: 'a global Redis with neither a host nor Sentinels', props: withRedis({ host: undefined }), path: 'redis.host', shows: 'nothing', says: /ElastiCache/ },
  { what: 'a misspelled Redis purpose', props: withRedis({ chache: { host: 'cache.redis.internal' } } as any), path: 'redis.chache', shows: '{"host":"cache.redis.internal"}', says: /sharedState/ },
  { what: 'a Sentinel port out of range', props: withRedis({ queues: { sentinels: [{ host: 's1.redis.internal', port: 0 }], masterName: 'q' } }), path: 'redis.queues.sentinels[0].port', shows: '0' },
  { what: 'a purpose database index above 15', props: withRedis({ cache: { database: 16 } }), path: 'redis.cache.database', shows: '16' },
  { what: 'an ACL user with a colon (it would break the URL)', props: withRedis({ cache: { host: 'c.internal', user: 'git:lab' } }), path: 'redis.cache.user', shows: '"git:lab"' },
  { what: 'a purpose password of true', props: withRedis({ cache: { host: 'c.internal', password: true as any } }), path: 'redis.cache.password', shows: 'true' },
  { what: 'load balancing with neither hosts nor discover', props: withPostgres({ loadBalancing: {} }), path: 'postgres.loadBalancing', shows: '{}', says: /exactly one of hosts .* or discover/ },
  { what: 'load balancing with both hosts and discover', props: withPostgres({ loadBalancing: { hosts: ['r1.db.internal'], discover: { record: 'r.db.internal' } } }), path: 'postgres.loadBalancing', shows: '{"hosts":["r1.db.internal"],"discover":{"record":"r.db.internal"}}' },
  { what: 'an empty list of replicas', props: withPostgres({ loadBalancing: { hosts: [] } }), path: 'postgres.loadBalancing.hosts', shows: '[]' },
  { what: 'replica discovery without a record', props: withPostgres({ loadBalancing: { discover: { nameserver: 'consul.internal' } as any } }), path: 'postgres.loadBalancing.discover.record', shows: 'nothing' },
  { what: 'an unknown DNS record type', props: withPostgres({ loadBalancing: { discover: { record: 'r.db.internal', recordType: 'AAAA' as any } } }), path: 'postgres.loadBalancing.discover.recordType', shows: '"AAAA"' },
  { what: 'a decomposed ci inheriting replicas of main', props: withPostgres({ loadBalancing: { hosts: ['r1.db.internal'] }, ci: { host: 'ci-db.internal' } }), path: 'postgres.ci.loadBalancing', shows: 'nothing', says: /false/ },
  { what: 'a client certificate without its key', props: withPostgres({ tls: { clientCertificate: { name: 'db-client' } } }), path: 'postgres.tls', shows: '{"clientCertificate":{"name":"db-client"}}', says: /clientKey/ },
  { what: 'different client certificates for main and ci', props: withPostgres({ tls: CLIENT, ci: { tls: { clientCertificate: { name: 'other' }, clientKey: { name: 'other' } } } }), path: 'postgres.ci.tls.clientCertificate', shows: '"other"' },
  { what: 'an override verifying the server without its CA', props: withComponents({ migrations: { postgres: { tls: { mode: 'verify-full' } } } }), path: 'components.migrations.postgres.tls.rootCertificate', shows: 'nothing' },
  { what: 'a misspelled override setting', props: withComponents({ migrations: { postgres: { hots: 'primary.db.internal' } as any } }), path: 'components.migrations.postgres.hots', shows: '"primary.db.internal"' },
  { what: 'a PostgreSQL override on a component that does not connect to it', props: withComponents({ kas: { postgres: { host: 'db.internal' } } as any }), path: 'components.kas.postgres', shows: '{"host":"db.internal"}' },
  { what: 'an unknown size', props: { ...base, size: '100k' as any }, path: 'size', shows: '"100k"', says: /"2k" \| "3k" \| "5k" \| "10k" \| "25k" \| "50k"/ },
];

function refusal(props: GitLabPlatformProps): GitLabConfigError {
  try {
    resolveConfig(props);
  } catch (e) {
    if (e instanceof GitLabConfigError) return e;
    throw e;
  }
  throw new Error('the configuration was accepted');
}

describe('data services refuse bad input with one GitLabConfigError', () => {
  it.each(CASES)('$what', ({ props, path, shows, says }) => {
    const issue = refusal(props).issues.find((i) => i.path === path);
    expect(issue, `issues: ${refusal(props).message}`).toBeDefined();
    expect(issue!.value.startsWith(shows), issue!.value).toBe(true);
    if (says) expect(`${issue!.allowed} ${issue!.fix}`).toMatch(says);
  });

  it('reports a setting shared by several connections once', () => {
    const error = refusal(withPostgres({ tls: { mode: 'verify-ca' } }, withComponents({ migrations: { postgres: { host: 'primary.db.internal' } } })));
    expect(error.issues.filter((i) => i.path === 'postgres.tls.rootCertificate')).toHaveLength(1);
  });

  it('never shows a Secret value, only its reference', () => {
    const error = refusal(withRedis({ sentinelPassword: { name: 'redis-sentinel', key: 'password' } }));
    expect(error.message).toContain('{"name":"redis-sentinel","key":"password"}');
  });
});
