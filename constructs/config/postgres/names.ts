/**
 * The lists of names the PostgreSQL settings are built from, each written once: the props types, the checks, the
 * resolution and the values import derive from these arrays (as `../object-storage/names.ts` does for its lists).
 */

/** libpq's `sslmode` values (`postgres.tls.mode`). */
export const POSTGRES_SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type PostgresSslMode = typeof POSTGRES_SSL_MODES[number];

/** The modes that verify the server's certificate, so need its CA bundle (`tls.rootCertificate`). */
export const POSTGRES_VERIFYING_SSL_MODES: readonly PostgresSslMode[] = ['verify-ca', 'verify-full'];

/** DNS record types that list read replicas (`loadBalancing.discover.recordType`). */
export const REPLICA_RECORD_TYPES = ['A', 'SRV'] as const;
export type ReplicaRecordType = typeof REPLICA_RECORD_TYPES[number];

/** The components that connect to PostgreSQL and may override the connection (`components.<name>.postgres`). */
export const POSTGRES_CLIENTS = ['webservice', 'sidekiq', 'toolbox', 'migrations', 'gitlabExporter'] as const;
export type PostgresClient = typeof POSTGRES_CLIENTS[number];
