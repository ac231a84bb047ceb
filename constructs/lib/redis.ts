import { ResolvedRedis, ResolvedRedisConfig } from '../config/resolved';
import { fileFrom, SecretFile } from './volumes';

/** Where every Redis client reads the Sentinels' password (one for all Sentinels, as in the chart). */
export const REDIS_SENTINEL_PASSWORD_PATH = 'redis-sentinel/redis-sentinel-password';

/**
 * The secret files a pod needs to reach the given Redis instances: each instance's password (at its own path,
 * once) and, when one of them goes through Sentinels, the Sentinel password.
 */
export function redisSecretFiles(redis: ResolvedRedisConfig, instances: readonly ResolvedRedis[]): SecretFile[] {
  const files: SecretFile[] = [];
  for (const i of instances) {
    if (i.password && i.passwordPath && !files.some((f) => f.path === i.passwordPath)) files.push(fileFrom(i.password, i.passwordPath));
  }
  if (redis.sentinelPassword && instances.some((i) => i.sentinels)) files.push(fileFrom(redis.sentinelPassword, REDIS_SENTINEL_PASSWORD_PATH));
  return files;
}

/**
 * `scheme://[user][:password@]host:port/db`. `password` is spliced in as given (a template expression that reads
 * the secret file in the pod); with Sentinels the host is the master's name, as Redis clients expect.
 */
export function redisUrl(i: ResolvedRedis, password?: string): string {
  const userinfo = password !== undefined ? `${i.user ?? ''}:${password}@` : i.user ? `${i.user}@` : '';
  return `${i.scheme}://${userinfo}${i.host}:${i.port}/${i.database}`;
}
