import type { ResolvedValkeyServer } from '../resolved';

/** Where the start script writes the AUTH settings (an in-memory volume), which valkey.conf includes. */
export const VALKEY_AUTH_FILE = '/run/valkey/auth.conf';
export const VALKEY_PATHS = { config: '/etc/valkey', data: '/data', run: '/run/valkey' } as const;

/**
 * valkey.conf of one server. The persistent server keeps an append-only file and never evicts (GitLab's queues
 * and sessions must not vanish); the cache evicts least-recently-used keys and writes nothing to disk.
 */
export function valkeyConf(s: ResolvedValkeyServer): string {
  const persistent = s.storage !== undefined;
  return [
    `port ${s.port}`,
    'bind * -::*',
    `dir ${VALKEY_PATHS.data}`,
    ...(persistent ? ['appendonly yes', 'appendfsync everysec'] : ['appendonly no', 'save ""']),
    `maxmemory-policy ${s.maxMemoryPolicy}`,
    ...(s.maxMemory ? [`maxmemory ${s.maxMemory}`] : []),
    // The password never lands in a ConfigMap: the start script writes it from the Secret.
    `include ${VALKEY_AUTH_FILE}`,
    '',
  ].join('\n');
}

/** Writes `requirepass` from the environment (filled from the Secret), then runs the server. */
export const VALKEY_START = [
  'set -eu',
  'umask 077',
  `printf 'requirepass "%s"\\n' "$REDISCLI_AUTH" > ${VALKEY_AUTH_FILE}`,
  `exec valkey-server ${VALKEY_PATHS.config}/valkey.conf`,
].join('\n');
