import { PropsBuilder } from './builder';

/** Keys a PostgreSQL connection has at `global.psql`, `global.psql.main` and `global.psql.ci`. */
const CONNECTION_KEYS = [
  ['host', 'string'], ['port', 'number'], ['database', 'string'], ['username', 'string'],
  ['connectTimeout', 'number'], ['keepalives', 'number'], ['keepalivesIdle', 'number'], ['keepalivesInterval', 'number'],
  ['keepalivesCount', 'number'], ['tcpUserTimeout', 'number'], ['preparedStatements', 'boolean'],
] as const;

/**
 * `global.psql`: the external PostgreSQL. `main` overrides the global settings for the main connection; `ci`
 * inherits from the global settings (not from `main`), as in the chart.
 */
export function readPostgres(b: PropsBuilder, release: string): void {
  const v = b.values;
  const copy = (from: string, to: string) => {
    for (const [key, type] of CONNECTION_KEYS) b[type](`${from}.${key}`, `${to}.${key}`);
    // An empty application name means "send none" to PostgreSQL, so it is kept.
    b.string(`${from}.applicationName`, `${to}.applicationName`, true);
    b.string(`${from}.password.secret`, `${to}.password.name`);
    b.string(`${from}.password.key`, `${to}.password.key`);
  };
  copy('global.psql', 'postgres');
  copy('global.psql.main', 'postgres');
  copy('global.psql.ci', 'postgres.ci');

  // The chart's defaults for the password Secret and key, where the values leave them out.
  const mainName = b.get('postgres.password.name') ?? `${release}-postgresql-password`;
  const mainKey = b.get('postgres.password.key') ?? 'postgresql-password';
  b.set('postgres.password.name', mainName);
  b.set('postgres.password.key', mainKey);
  // A key that `main` overrides but `ci` does not still comes from the global settings for `ci`.
  for (const key of [...CONNECTION_KEYS.map(([k]) => k), 'password.secret', 'password.key']) {
    const global = v.peek(`global.psql.${key}`);
    if (global === undefined || v.peek(`global.psql.main.${key}`) === undefined || v.peek(`global.psql.ci.${key}`) !== undefined) continue;
    b.set(`postgres.ci.${key.replace('password.secret', 'password.name')}`, global, `global.psql.${key}`);
  }
  if (b.get('postgres.ci.password') !== undefined) {
    b.set('postgres.ci.password.name', b.get('postgres.ci.password.name') ?? v.peek('global.psql.password.secret') ?? `${release}-postgresql-password`);
    b.set('postgres.ci.password.key', b.get('postgres.ci.password.key') ?? v.peek('global.psql.password.key') ?? 'postgresql-password');
  }

  // `global.psql.ssl` names one Secret with the server CA (and, for mutual TLS, a client certificate).
  const sslSecret = v.string('global.psql.ssl.secret');
  const serverCA = v.string('global.psql.ssl.serverCA');
  if (sslSecret !== undefined && serverCA !== undefined) {
    b.set('postgres.tls.rootCertificate', { name: sslSecret, key: serverCA }, 'global.psql.ssl');
  } else if (sslSecret !== undefined || serverCA !== undefined) {
    v.problem('global.psql.ssl', v.peek('global.psql.ssl'), 'both secret and serverCA', 'name the Secret (ssl.secret) and its key holding the server CA bundle (ssl.serverCA)');
  }
  for (const key of ['clientCertificate', 'clientKey']) {
    const path = `global.psql.ssl.${key}`;
    if (v.get(path) !== undefined) {
      v.problem(path, v.peek(path), 'nothing: client-certificate (mutual TLS) authentication to PostgreSQL is not supported',
        'remove the key; authenticate with the password Secret (global.psql.password) over server-verified TLS (ssl.serverCA)');
    }
  }
}

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
