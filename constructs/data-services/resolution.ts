import type { ResolvedConfig } from '../config/resolved';
import type { GitLabPlatformProps } from '../config/types';
import { resolveInClusterObjectStorage } from './garage/resolution';
import { inClusterNames, inClusterSelection } from './names';
import { POSTGRES_BACKUP_BUCKET, RailsPods, resolveInClusterPostgres } from './postgres-cnpg/resolution';
import type { ResolvedInClusterServices } from './resolved';
import { resolveInClusterRedis } from './valkey/resolution';
import type { Fail } from '../config/errors';

/** What the services are built from: the rest of the resolved configuration. */
export type InClusterContext = Pick<ResolvedConfig, 'release' | 'namespace' | 'objectStorage' | 'components'>;

/** The buckets GitLab uses with this configuration (each object type that is on, backups, registry). */
export function platformBuckets(c: InClusterContext): string[] {
  const os = c.objectStorage;
  return [
    ...Object.entries(os.buckets).filter(([type]) => os.enabled[type as keyof typeof os.enabled]).map(([, bucket]) => bucket),
    os.backupBucket, os.backupTmpBucket,
    ...(c.components.registry ? [c.components.registry.bucket] : []),
  ];
}

/** The largest number of each Rails pod kind (an HPA's ceiling, or the fixed count). */
function railsPods(c: InClusterContext): RailsPods {
  const web = c.components.webservice;
  const sk = c.components.sidekiq;
  return {
    ...(web ? { webservice: { replicas: web.autoscaling?.maxReplicas ?? web.replicas, workerProcesses: web.workerProcesses } } : {}),
    ...(sk ? { sidekiq: { replicas: sk.autoscaling?.maxReplicas ?? sk.replicas, concurrency: sk.concurrency } } : {}),
  };
}

/** `inClusterServices`, resolved against the rest of the configuration; `undefined` when every service is off. */
export function resolveInClusterServices(p: GitLabPlatformProps, c: InClusterContext, fail: Fail): ResolvedInClusterServices | undefined {
  const sel = inClusterSelection(p.inClusterServices);
  if (!sel.postgres && !sel.redis && !sel.objectStorage) return undefined;
  const names = inClusterNames(c.release, sel);
  const pgBackupBucket = sel.postgres?.backup && !sel.postgres.backup.endpoint ? [sel.postgres.backup.bucket ?? POSTGRES_BACKUP_BUCKET] : [];
  const objectStorage = sel.objectStorage ? resolveInClusterObjectStorage(sel.objectStorage, {
    name: names.garage, namespace: c.namespace, credentials: names.garageCredentials, clientSecret: names.objectStorageClients,
    buckets: [...platformBuckets(c), ...pgBackupBucket],
  }) : undefined;
  return {
    ...(sel.postgres ? {
      postgres: resolveInClusterPostgres(sel.postgres, {
        name: names.postgres, pods: railsPods(c), fail,
        ...(objectStorage ? { garage: { endpoint: objectStorage.endpoint, credentials: objectStorage.credentials } } : {}),
      }),
    } : {}),
    ...(sel.redis ? { redis: resolveInClusterRedis(sel.redis, names.valkey, names.redisPassword) } : {}),
    ...(objectStorage ? { objectStorage } : {}),
  };
}
