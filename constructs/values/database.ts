import { PropsBuilder } from './builder';

/** `global.redis`: the external Redis; AUTH is on unless `auth.enabled: false`, as in the chart. */
export function readRedis(b: PropsBuilder, release: string): void {
  const v = b.values;
  b.string('global.redis.host', 'redis.host');
  b.number('global.redis.port', 'redis.port');
  b.string('global.redis.scheme', 'redis.scheme');
  b.number('global.redis.database', 'redis.database');
  const auth = v.boolean('global.redis.auth.enabled') ?? true;
  if (!auth) {
    v.noEffect('global.redis.auth', 'nothing while global.redis.auth.enabled is false', 'remove the key, or turn AUTH on', ['global.redis.auth.enabled']);
    return;
  }
  b.set('redis.password.name', v.string('global.redis.auth.secret') ?? `${release}-redis-secret`, 'global.redis.auth.secret');
  b.set('redis.password.key', v.string('global.redis.auth.key') ?? 'secret', 'global.redis.auth.key');
}
