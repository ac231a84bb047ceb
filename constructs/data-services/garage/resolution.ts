import { GARAGE_PORTS } from '../names';
import { GARAGE_SECRET_KEYS, ResolvedInClusterObjectStorage } from '../resolved';
import { garageEndpoint } from '../wiring';
import type { InClusterObjectStorageConfig } from './props';

export interface GarageResolutionContext {
  readonly name: string;
  readonly namespace: string;
  readonly credentials: string;
  readonly clientSecret: string;
  /** Every bucket the platform uses: object types that are on, backups and their staging bucket, the registry, PostgreSQL backups. */
  readonly buckets: readonly string[];
}

export function resolveInClusterObjectStorage(o: InClusterObjectStorageConfig, ctx: GarageResolutionContext): ResolvedInClusterObjectStorage {
  return {
    name: ctx.name,
    credentials: ctx.credentials,
    secrets: {
      rpcSecret: { name: ctx.credentials, key: GARAGE_SECRET_KEYS.rpcSecret },
      adminToken: { name: ctx.credentials, key: GARAGE_SECRET_KEYS.adminToken },
      accessKeyId: { name: ctx.credentials, key: GARAGE_SECRET_KEYS.accessKeyId },
      secretAccessKey: { name: ctx.credentials, key: GARAGE_SECRET_KEYS.secretAccessKey },
    },
    clientSecret: ctx.clientSecret,
    region: o.region ?? 'garage',
    s3Port: GARAGE_PORTS.s3,
    rpcPort: GARAGE_PORTS.rpc,
    adminPort: GARAGE_PORTS.admin,
    endpoint: garageEndpoint(ctx.name, ctx.namespace),
    storage: { size: o.storage?.size ?? '10Gi', ...(o.storage?.storageClass ? { storageClass: o.storage.storageClass } : {}) },
    metadataStorage: { size: o.metadataStorage?.size ?? '1Gi', ...(o.metadataStorage?.storageClass ? { storageClass: o.metadataStorage.storageClass } : {}) },
    resources: o.resources ?? { requests: { cpu: '100m', memory: '256Mi' } },
    buckets: [...new Set(ctx.buckets)].sort(),
  };
}
