import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { ResolvedConfig } from '../../config/resolved';
import { meta } from '../../lib/workload';
import { imageTag, serviceLabels } from '../common';
import type { ResolvedInClusterPostgres } from '../resolved';

/** The pod label (`app`) CloudNativePG's instances inherit, which the network policies select on. */
export const POSTGRES_APP = 'postgresql';
/** The instance manager's status port (the operator calls it) and the metrics port. */
export const CNPG_PORTS = { status: 8000, metrics: 9187 } as const;

/** Extensions GitLab needs, created in its database when the cluster is initialized (by the superuser). */
export const GITLAB_EXTENSIONS = ['pg_trgm', 'btree_gist', 'plpgsql', 'amcheck', 'pg_stat_statements'] as const;

export interface PostgresClusterProps {
  readonly config: ResolvedConfig;
  readonly postgres: ResolvedInClusterPostgres;
}

/**
 * PostgreSQL as a CloudNativePG `Cluster` (postgresql.cnpg.io/v1): the database and its owner, GitLab's extensions
 * created at bootstrap in that database, `max_connections` sized for the platform's Rails pods, and optionally
 * WAL archiving plus a daily `ScheduledBackup` to S3 (Barman Cloud). The operator creates the pods (restricted
 * security context), the `<name>-rw` Service GitLab connects to, and the `<name>-app` Secret with the owner's
 * password. Volumes are kept when the Cluster is deleted only if the StorageClass retains them; the CloudNativePG
 * operator must be installed first.
 */
export class PostgresCluster extends Construct {
  /** The read-write Service. */
  readonly host: string;
  /** The CloudNativePG `Cluster` (a custom resource: patch it with `strictJsonPatch`). */
  readonly cluster: ApiObject;
  /** The daily `ScheduledBackup`, when `backup` is set. */
  readonly scheduledBackup?: ApiObject;

  constructor(scope: Construct, id: string, props: PostgresClusterProps) {
    super(scope, id);
    const { config, postgres: pg } = props;
    const labels = serviceLabels(config, POSTGRES_APP, imageTag(pg.image));
    const b = pg.backup;
    this.cluster = new ApiObject(this, 'cluster', {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'Cluster',
      metadata: meta(config, pg.name, labels.common),
      spec: {
        instances: pg.instances,
        imageName: pg.image,
        // Pods, Services and Jobs the operator creates carry the platform's labels (network policies select on them).
        inheritedMetadata: { labels: labels.workload },
        // A PodDisruptionBudget on a single instance would block every node drain.
        enablePDB: pg.instances > 1,
        postgresql: {
          parameters: {
            max_connections: String(pg.maxConnections),
            // Setting a pg_stat_statements parameter makes the operator preload the library.
            'pg_stat_statements.max': '10000',
            'pg_stat_statements.track': 'all',
          },
        },
        bootstrap: {
          initdb: {
            database: pg.database,
            owner: pg.owner,
            ...(pg.ownerSecret ? { secret: { name: pg.ownerSecret } } : {}),
            // In the application database (postInitSQL would create them in `postgres`).
            postInitApplicationSQL: GITLAB_EXTENSIONS.map((e) => `CREATE EXTENSION IF NOT EXISTS ${e};`),
          },
        },
        storage: { size: pg.storage.size, ...(pg.storage.storageClass ? { storageClass: pg.storage.storageClass } : {}) },
        // Plain strings: this is a custom resource, not a typed Kubernetes object.
        resources: JSON.parse(JSON.stringify(pg.resources)),
        ...(b ? {
          backup: {
            retentionPolicy: b.retention,
            barmanObjectStore: {
              destinationPath: `s3://${b.bucket}/`,
              endpointURL: b.endpoint,
              s3Credentials: {
                accessKeyId: { name: b.credentials.name, key: b.credentials.accessKeyIdKey },
                secretAccessKey: { name: b.credentials.name, key: b.credentials.secretAccessKeyKey },
              },
              wal: { compression: 'gzip' },
              data: { compression: 'gzip' },
            },
          },
        } : {}),
      },
    });
    if (b) {
      this.scheduledBackup = new ApiObject(this, 'scheduled-backup', {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'ScheduledBackup',
        metadata: meta(config, `${pg.name}-daily`, labels.common),
        spec: { schedule: b.schedule, cluster: { name: pg.name }, backupOwnerReference: 'self', method: 'barmanObjectStore', immediate: true },
      });
    }
    this.host = pg.host;
  }
}
