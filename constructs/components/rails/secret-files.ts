import { ResolvedConfig } from '../../config/resolved';
import { POSTGRES_SECRET_PATHS, postgresSecretFiles } from '../../lib/postgres';
import { redisSecretFiles } from '../../lib/redis';
import { gitalyTokenFiles } from '../../lib/gitaly-clients';
import { fileFrom, SecretFile } from '../../lib/volumes';
import { RailsConsumer } from './consumer';
import { objectStorageSecretFiles } from './object-storage';
import { optionalRailsSecretFiles } from './optional-secret-files';
import { railsRedisInstances } from './redis-instances';

/** Paths under `/etc/gitlab` that the Rails configuration templates read (contract §1.3). */
export const RAILS_SECRET_PATHS = {
  railsSecrets: 'rails-secrets/secrets.yml',
  psqlMain: POSTGRES_SECRET_PATHS.main,
  psqlCi: POSTGRES_SECRET_PATHS.ci,
  /** The global Redis' password; a purpose's own instance has `redis/<purpose>-password` (`ResolvedRedis.passwordPath`). */
  redis: 'redis/redis-password',
  gitalyToken: 'gitaly/gitaly_token',
  shellSecret: 'shell/.gitlab_shell_secret',
  registryKey: 'registry/gitlab-registry.key',
  registryNotification: 'registry/notificationSecret',
  workhorse: 'gitlab-workhorse/secret',
  kas: 'kas/.gitlab_kas_secret',
  objectStore: 'objectstorage/object_store',
  s3cmd: 'objectstorage/.s3cfg',
  initialRootPassword: 'migrations/initial_root_password',
} as const;

/**
 * Which secret goes to which path for which Rails pod (contract §1.3). The order follows the chart's, so a
 * reviewer can compare the projected volumes side by side.
 *
 * Deliberate difference: the registry key and notification secret are mounted only while the registry is on (the
 * chart mounts them always). The migrations Job adds its optional runner registration token and the EE license.
 */
export function railsSecretFiles(config: ResolvedConfig, consumer: RailsConsumer): SecretFile[] {
  const s = config.secrets;
  const p = RAILS_SECRET_PATHS;
  const c = config.components;
  const is = (...who: RailsConsumer[]) => who.includes(consumer);
  const files: SecretFile[] = [
    fileFrom({ name: s.rails, key: 'secrets.yml' }, p.railsSecrets),
  ];
  if (is('webservice', 'toolbox')) files.push(fileFrom({ name: s.gitlabShell, key: config.secretKeys.gitlabShell }, p.shellSecret));
  files.push(...gitalyTokenFiles(config));
  files.push(...redisSecretFiles(config.redis, railsRedisInstances(config)));
  files.push(...postgresSecretFiles(config.postgres.clients[consumer]));
  if (c.registry && is('webservice', 'sidekiq', 'toolbox')) {
    files.push(
      fileFrom({ name: s.registryAuth, key: 'registry-auth.key' }, p.registryKey),
      fileFrom({ name: s.registryNotification, key: 'secret' }, p.registryNotification),
    );
  }
  if (is('webservice')) files.push(fileFrom({ name: s.workhorse, key: config.secretKeys.workhorse }, p.workhorse));
  if (is('toolbox') && c.toolbox?.backupS3cmdConfig) files.push(fileFrom(c.toolbox.backupS3cmdConfig, p.s3cmd));
  if (c.kas && is('webservice', 'sidekiq', 'toolbox')) files.push(fileFrom({ name: s.kas, key: config.secretKeys.kas }, p.kas));
  files.push(...objectStorageSecretFiles(config));
  if (is('migrations')) files.push(fileFrom({ name: s.initialRootPassword, key: config.secretKeys.initialRootPassword }, p.initialRootPassword));
  files.push(...optionalRailsSecretFiles(config, consumer));
  return files;
}

/**
 * Folders under `/etc/gitlab` the `configure` script must copy (it fails when one is missing, so a pod never
 * starts on half its secrets). Every other folder of the projection is copied when present.
 */
export function requiredSecretDirs(config: ResolvedConfig, consumer: RailsConsumer): string[] {
  const registry = config.components.registry ? ['registry'] : [];
  switch (consumer) {
    case 'webservice': return ['shell', 'gitaly', ...registry, 'rails-secrets', 'gitlab-workhorse'];
    case 'sidekiq': return ['gitaly', ...registry, 'rails-secrets'];
    case 'toolbox': return ['shell', 'gitaly', ...registry, 'rails-secrets'];
    case 'migrations': return ['rails-secrets', 'migrations', 'gitaly'];
  }
}

/** The top-level folders of a projection, in first-seen order. */
export function secretDirs(files: readonly SecretFile[]): string[] {
  return [...new Set(files.map((f) => f.path.split('/')[0]))];
}
