import { connectionBudget, MAX_MAX_CONNECTIONS, MIN_MAX_CONNECTIONS } from '../../config/sizing/presets';
import { DATA_SERVICE_IMAGES } from '../images';
import { POSTGRES_PORT } from '../names';
import type { ResolvedInClusterPostgres } from '../resolved';
import type { InClusterPostgresConfig } from './props';
import type { Fail } from '../../config/errors';

/** The Rails pods that hold connection pools, at their largest (HPA ceiling, or fixed replicas). */
export interface RailsPods {
  readonly webservice?: { readonly replicas: number; readonly workerProcesses: number };
  readonly sidekiq?: { readonly replicas: number; readonly concurrency: number };
}

/**
 * `max_connections` from the platform's pods, with the sizing the Pulumi RDS stack uses (`connectionBudget`):
 * every Puma worker and Sidekiq process keeps a pool of threads + headroom for main and for ci, plus the other
 * clients; rounded up to a hundred, at least GitLab's 400.
 */
export function inClusterMaxConnections(pods: RailsPods): number {
  const budget = connectionBudget({
    webservice: { maxReplicas: pods.webservice?.replicas ?? 0, workerProcesses: pods.webservice?.workerProcesses ?? 0 },
    sidekiq: { maxReplicas: pods.sidekiq?.replicas ?? 0, concurrency: pods.sidekiq?.concurrency ?? 0 },
  });
  return Math.min(MAX_MAX_CONNECTIONS, Math.max(MIN_MAX_CONNECTIONS, Math.ceil(budget / 100) * 100));
}

export interface PostgresResolutionContext {
  readonly name: string;
  readonly pods: RailsPods;
  /** The in-cluster Garage's endpoint and credentials Secret, when it runs. */
  readonly garage?: { readonly endpoint: string; readonly credentials: string };
  readonly fail: Fail;
}

/** Default bucket of PostgreSQL's base backups and WAL archive. */
export const POSTGRES_BACKUP_BUCKET = 'postgres-backups';

export function resolveInClusterPostgres(o: InClusterPostgresConfig, ctx: PostgresResolutionContext): ResolvedInClusterPostgres {
  const b = o.backup;
  let backup: ResolvedInClusterPostgres['backup'];
  if (b) {
    const endpoint = b.endpoint ?? ctx.garage?.endpoint;
    if (!endpoint) {
      ctx.fail('inClusterServices.postgres.backup.endpoint', undefined, 'an S3 endpoint URL when the in-cluster Garage is off',
        'set backup.endpoint (and backup.credentials), or turn on inClusterServices.objectStorage');
    }
    if (!b.credentials && !ctx.garage) {
      ctx.fail('inClusterServices.postgres.backup.credentials', undefined, 'a Secret with access-key-id and secret-access-key when the in-cluster Garage is off',
        'set backup.credentials: { name: <Secret> }, or turn on inClusterServices.objectStorage');
    }
    backup = {
      schedule: b.schedule ?? '0 0 3 * * *',
      retention: b.retention ?? '7d',
      bucket: b.bucket ?? POSTGRES_BACKUP_BUCKET,
      endpoint: endpoint ?? '',
      credentials: b.credentials
        ? { name: b.credentials.name, accessKeyIdKey: 'access-key-id', secretAccessKeyKey: b.credentials.key ?? 'secret-access-key' }
        : { name: ctx.garage?.credentials ?? '', accessKeyIdKey: 'access-key-id', secretAccessKeyKey: 'secret-access-key' },
    };
  }
  return {
    name: ctx.name,
    instances: o.instances ?? 1,
    image: o.image ?? DATA_SERVICE_IMAGES.postgres,
    database: o.database ?? 'gitlabhq_production',
    owner: o.owner ?? 'gitlab',
    storage: { size: o.storage?.size ?? '8Gi', ...(o.storage?.storageClass ? { storageClass: o.storage.storageClass } : {}) },
    maxConnections: o.maxConnections ?? inClusterMaxConnections(ctx.pods),
    resources: o.resources ?? { requests: { cpu: '500m', memory: '1Gi' } },
    operatorNamespace: o.operatorNamespace ?? 'cnpg-system',
    host: `${ctx.name}-rw`,
    port: POSTGRES_PORT,
    password: o.password ? { name: o.password.name, key: o.password.key ?? 'password' } : { name: `${ctx.name}-app`, key: 'password' },
    ...(o.password ? { ownerSecret: o.password.name } : {}),
    ...(backup ? { backup } : {}),
  };
}
